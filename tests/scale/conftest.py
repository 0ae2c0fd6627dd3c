import pytest

from tests.scale.s3 import MotoServer, keys, storages_setting

PUBLIC_BUCKET = "assa-public"
PRIVATE_BUCKET = "assa-private"


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on 127.0.0.1, for the whole session."""
    server = MotoServer()
    yield server
    server.stop()


@pytest.fixture
def s3(s3_server, settings):
    """Both media storages in fresh buckets of the S3 server, for one test."""
    s3_server.reset()
    client = s3_server.client()
    client.create_bucket(Bucket=PUBLIC_BUCKET)
    client.create_bucket(Bucket=PRIVATE_BUCKET)
    settings.STORAGES = storages_setting(
        s3_server.endpoint, PUBLIC_BUCKET, PRIVATE_BUCKET, settings.STORAGES
    )
    settings.PRIVATE_FILES_DELIVERY = "signed-url"
    return S3Buckets(client)


class S3Buckets:
    def __init__(self, client):
        self.client = client

    def public_keys(self) -> list[str]:
        return keys(self.client, PUBLIC_BUCKET)

    def private_keys(self) -> list[str]:
        return keys(self.client, PRIVATE_BUCKET)

    def all_keys(self) -> list[str]:
        return self.public_keys() + self.private_keys()

    def read(self, bucket: str, key: str) -> bytes:
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()
