"""The site's languages (always read from settings.LANGUAGES, never written out by hand),
and links between the language versions of a page."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def language_codes() -> tuple[str, ...]:
    """("en", "km"): the codes of settings.LANGUAGES, the default language first."""
    return tuple(code for code, _name in settings.LANGUAGES)


def translated_value(obj, field: str) -> tuple[str, str | None]:
    """The field's text in the page's language, else in the other one, with its language."""
    current = get_language() or settings.LANGUAGE_CODE
    order = [current] + [code for code in language_codes() if code != current]
    for code in order:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return value, code
    return "", None


def local_path(path: str) -> str:
    """``path`` made a path on this site, whatever the request said.

    Browsers read ``//evil.example/en/`` (and ``/\\evil.example/en/``) as an address on
    another host, and ``translate_url`` would keep that host: a request for such a path
    must not give the page links to it.
    """
    return "/" + path.replace("\\", "/").lstrip("/")


def twin_url(path: str, language: str) -> str:
    """The address of the page at ``path`` in ``language`` (the same path if it has none)."""
    return translate_url(local_path(path), language)
