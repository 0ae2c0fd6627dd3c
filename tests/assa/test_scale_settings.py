"""Settings for several servers: object storage, shared sessions, the worker, from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PREFIXES = ("S3_", "REDIS_URL", "CELERY_", "PRIVATE_FILES_", "SEARCH_FILE_", "DEBUG")
S3_ENV = {
    "S3_BUCKET": "assa-media",
    "S3_PRIVATE_BUCKET": "assa-private",
    "S3_ENDPOINT_URL": "https://s3.example.org",
    "S3_REGION": "ap-southeast-1",
    "S3_ACCESS_KEY_ID": "key",
    "S3_SECRET_ACCESS_KEY": "secret",
    "S3_PUBLIC_BASE_URL": "https://media.example.org",
    "S3_SIGNED_URL_SECONDS": "120",
}


def load(**env) -> tuple[dict | None, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(PREFIXES)}
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'storages': settings.STORAGES, 'session': settings.SESSION_ENGINE,"
        " 'eager': settings.CELERY_TASK_ALWAYS_EAGER,"
        " 'pdf_in_worker': settings.SEARCH_FILE_TEXT_IN_WORKER,"
        " 'img_src': [str(s) for s in settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "assa.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode:
        return None, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), ""


def test_nothing_set_keeps_local_folders_db_sessions_and_jobs_at_once():
    values, _ = load()
    assert values["storages"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert values["storages"]["private"]["BACKEND"] == "core.storage.PrivateFileSystemStorage"
    assert values["session"] == "django.contrib.sessions.backends.db"
    assert values["eager"] is True and values["pdf_in_worker"] is False
    assert values["img_src"] == ["'self'"]


def test_s3_settings_put_public_and_private_media_in_their_buckets():
    values, _ = load(**S3_ENV)
    public, private = values["storages"]["default"], values["storages"]["private"]
    assert public["BACKEND"] == "storages.backends.s3.S3Storage"
    assert public["OPTIONS"]["bucket_name"] == "assa-media"
    assert public["OPTIONS"]["querystring_auth"] is False
    assert public["OPTIONS"]["custom_domain"] == "media.example.org"
    assert public["OPTIONS"]["url_protocol"] == "https:"
    assert private["BACKEND"] == "core.storage.PrivateS3Storage"
    assert private["OPTIONS"]["bucket_name"] == "assa-private"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["querystring_expire"] == 120
    for options in (public["OPTIONS"], private["OPTIONS"]):
        assert options["endpoint_url"] == "https://s3.example.org"
        assert options["region_name"] == "ap-southeast-1"
        assert options["file_overwrite"] is False
    # Pictures of the public pages come from the media host.
    assert values["img_src"] == ["'self'", "https://media.example.org"]


def test_one_bucket_keeps_public_and_private_files_in_two_folders():
    env = {**S3_ENV, "S3_PRIVATE_BUCKET": "", "S3_PUBLIC_BASE_URL": ""}
    values, _ = load(**env)
    public, private = values["storages"]["default"], values["storages"]["private"]
    assert public["OPTIONS"]["bucket_name"] == private["OPTIONS"]["bucket_name"] == "assa-media"
    assert (public["OPTIONS"]["location"], private["OPTIONS"]["location"]) == ("public", "private")
    assert values["img_src"] == ["'self'", "https://s3.example.org"]
    values, error = load(**env, S3_PUBLIC_LOCATION="media", S3_PRIVATE_LOCATION="media/")
    assert values is None and "S3_PRIVATE_LOCATION" in error


def test_redis_and_a_broker_share_sessions_and_queue_the_jobs():
    values, _ = load(
        REDIS_URL="redis://127.0.0.1:6379/9", CELERY_BROKER_URL="redis://127.0.0.1:6379/10"
    )
    assert values["session"] == "django.contrib.sessions.backends.cached_db"
    assert values["eager"] is False and values["pdf_in_worker"] is True


def test_an_unknown_delivery_is_refused():
    values, error = load(PRIVATE_FILES_DELIVERY="ftp")
    assert values is None and "PRIVATE_FILES_DELIVERY" in error
