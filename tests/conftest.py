import pytest

from tests.factories import MemberInstitutionFactory
from tests.s3 import MotoServer, keys, public_read_policy, storages_setting


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its uploads to its own folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def private_media_root(settings, tmp_path):
    """Private files (documents, versions, unpublished previews) too, apart from media."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT.mkdir()
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def site_url(settings):
    """Links made without a request (emails, feeds) name the test client's host."""
    settings.SITE_URL = "http://testserver"
    return settings.SITE_URL


@pytest.fixture(autouse=True)
def english_by_default():
    """Tests start in English, whatever an earlier test activated."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with an empty cache (no page, choice list or password-reset counter
    left by another), and with the page cache off.

    The cache outlives the rolled-back database of a test: a page or a list of choices
    kept by one test must not show up in the next. Tests of the page cache turn it on
    (``page_cache`` in tests/assa/test_page_cache.py).
    """
    from django.core.cache import cache

    settings.PAGE_CACHE = False
    cache.clear()
    yield
    cache.clear()


# The navigation's and the footer's pages with the secretariat's details: one query per
# page view after content has changed (pages.context_processors), none while cached.
SITE_CHROME_QUERIES = 1


@pytest.fixture
def nssf(db):
    """Cambodia's National Social Security Fund, in both languages, as every app's tests know it."""
    return MemberInstitutionFactory(
        slug="nssf-cambodia",
        name_en="National Social Security Fund",
        name_km="បេឡាជាតិរបបសន្តិសុខសង្គម",
        acronym="NSSF",
        country="KH",
        website="https://www.nssf.gov.kh/",
        contact="1286",
        description_en="Runs employment injury, health care and pension schemes.",
        description_km="គ្រប់គ្រងរបបហានិភ័យការងារ របបថែទាំសុខភាព និងរបបសោធននិវត្តន៍។",
    )


@pytest.fixture(autouse=True)
def jobs_run_at_once(settings):
    """The worker's jobs run at once, in the test's process, even if the environment names
    a broker (CELERY_BROKER_URL); the text of PDFs is read inside the save, as without one.
    Tests of the queued path turn SEARCH_FILE_TEXT_IN_WORKER on themselves."""
    from assa.celery import app

    app.conf.task_always_eager = True
    settings.SEARCH_FILE_TEXT_IN_WORKER = False


# ---- media in S3 buckets, on moto's S3 server (tests/s3.py) ----------------------------

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
    # As an operator sets it up: anyone may read the public bucket's objects, and no more.
    client.put_bucket_policy(Bucket=PUBLIC_BUCKET, Policy=public_read_policy(PUBLIC_BUCKET))
    settings.STORAGES = storages_setting(
        s3_server.endpoint, PUBLIC_BUCKET, PRIVATE_BUCKET, settings.STORAGES
    )
    settings.PRIVATE_FILES_DELIVERY = "signed-url"
    return S3Buckets(client, s3_server.endpoint)


class S3Buckets:
    def __init__(self, client, endpoint: str):
        self.client = client
        self.endpoint = endpoint

    def public_keys(self) -> list[str]:
        return keys(self.client, PUBLIC_BUCKET)

    def private_keys(self) -> list[str]:
        return keys(self.client, PRIVATE_BUCKET)

    def all_keys(self) -> list[str]:
        return self.public_keys() + self.private_keys()

    def read(self, bucket: str, key: str) -> bytes:
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()
