"""Links to the site from outside a request: emails, feeds (settings.SITE_URL)."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``/en/documents/3/`` -> ``https://assa.example.org/en/documents/3/``."""
    return f"{settings.SITE_URL}{path}"
