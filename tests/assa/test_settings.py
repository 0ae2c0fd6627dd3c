import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz-_"


def load_settings(**env):
    """Import the settings in a fresh interpreter with exactly this environment."""
    clean = {k: v for k, v in os.environ.items() if k not in _CONFIG_VARS}
    clean.update(env)
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'debug': settings.DEBUG, 'engine': settings.DATABASES['default']['ENGINE'],"
        " 'name': str(settings.DATABASES['default']['NAME']),"
        " 'conn_max_age': settings.DATABASES['default']['CONN_MAX_AGE'],"
        " 'hosts': settings.ALLOWED_HOSTS, 'site_url': settings.SITE_URL, 'hsts': getattr(settings, 'SECURE_HSTS_SECONDS', 0),"
        " 'secure_cookie': getattr(settings, 'SESSION_COOKIE_SECURE', False),"
        " 'proxy': getattr(settings, 'SECURE_PROXY_SSL_HEADER', None),"
        " 'cache': settings.CACHES['default']['BACKEND'],"
        " 'email': settings.EMAIL_BACKEND, 'secretariat': settings.SECRETARIAT_EMAILS,"
        " 'media': str(settings.MEDIA_ROOT)}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "assa.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


_CONFIG_VARS = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "DATABASE_URL",
    "MEDIA_ROOT",
    "EMAIL_URL",
    "EMAIL_HOST",
    "SECRETARIAT_EMAILS",
    "REDIS_URL",
    "SECURE_PROXY_SSL_HEADER",
}


def as_json(result):
    import json

    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_nothing_set_gives_a_development_site_on_sqlite_under_var():
    values = as_json(load_settings())
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "var" / "assa.sqlite3")
    assert values["media"] == str(ROOT / "var" / "media")
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_database_url_switches_to_postgresql_with_persistent_connections():
    values = as_json(load_settings(DATABASE_URL="postgres://assa:pw@db.example:5432/assa"))
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "assa"
    assert values["conn_max_age"] > 0


def test_redis_email_and_secretariat_come_from_the_environment():
    values = as_json(
        load_settings(
            REDIS_URL="redis://127.0.0.1:6379/1",
            EMAIL_URL="smtp://user:secret@mail.example.org:587?tls=True",
            SECRETARIAT_EMAILS="a@example.org, b@example.org",
        )
    )
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["secretariat"] == ["a@example.org", "b@example.org"]


@pytest.mark.parametrize(
    "env",
    [
        {"DEBUG": "false", "ALLOWED_HOSTS": "assa.example.org"},
        {"DEBUG": "false", "ALLOWED_HOSTS": "assa.example.org", "SECRET_KEY": "short"},
        {
            "DEBUG": "false",
            "ALLOWED_HOSTS": "assa.example.org",
            "SECRET_KEY": "django-insecure-" + "x" * 60,
        },
    ],
    ids=["missing", "too-short", "insecure-default"],
)
def test_production_refuses_to_start_without_a_real_secret_key(env):
    result = load_settings(**env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = load_settings(DEBUG="false", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_production_turns_on_secure_cookies_hsts_and_the_proxy_header():
    values = as_json(
        load_settings(
            DEBUG="false",
            SECRET_KEY=GOOD_KEY,
            ALLOWED_HOSTS="assa.example.org",
            SITE_URL="https://assa.example.org",
        )
    )
    assert values["debug"] is False
    assert values["hosts"] == ["assa.example.org"]
    assert values["secure_cookie"] is True
    assert values["hsts"] >= 31536000
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_refuses_to_start_without_site_url():
    result = load_settings(DEBUG="false", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="assa.example.org")
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr


def test_site_url_defaults_to_the_development_server_and_loses_its_slash():
    assert as_json(load_settings())["site_url"] == "http://127.0.0.1:8000"
    assert as_json(load_settings(SITE_URL="https://assa.example.org/"))["site_url"] == (
        "https://assa.example.org"
    )


def test_a_bad_boolean_is_a_clear_error():
    result = load_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr
