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


# Hashing a password properly takes a fifth of a second: most tests make users, and the
# login throttling tests make hundreds of logins. The hasher is not what they test.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


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
def query_budget(client, django_assert_num_queries):
    """``query_budget(address, grow, at_most)``: the page makes at most ``at_most`` queries,
    and exactly as many again once ``grow()`` has added more of what it lists.

    A fixed number would pass a page that makes one query per row as long as the test's
    data never changes; two sizes catch it, and the bound keeps the number small.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(address: str, grow, at_most: int, params: dict | None = None):
        with CaptureQueriesContext(connection) as small:
            response = client.get(address, params)
        assert response.status_code == 200, address
        count = len(small)
        assert count <= at_most, f"{address}: {count} queries, budget {at_most}\n" + "\n".join(
            query["sql"] for query in small.captured_queries
        )
        grow()
        with django_assert_num_queries(count):
            response = client.get(address, params)
        return response

    return check


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


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content as ``make run`` loads it (a development site), made once per session."""
    from tests.demo import take_snapshot

    return take_snapshot(django_db_blocker, tmp_path_factory.mktemp("demo"), debug=True)


@pytest.fixture
def demo(db, demo_snapshot, media_root, private_media_root):
    """The demo content in this test's database, and its files in this test's folders."""
    from tests.demo import restore

    restore(demo_snapshot)
    demo_snapshot.copy_files(media_root, private_media_root)
    return demo_snapshot


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
