"""The site's languages (always read from settings.LANGUAGES, never written out by hand),
and links between the language versions of a page."""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils.translation import get_language


def language_codes() -> tuple[str, ...]:
    """("en", "km"): the codes of settings.LANGUAGES, the default language first."""
    return tuple(code for code, _name in settings.LANGUAGES)


def translated_value(obj, field: str, language: str | None = None) -> tuple[str, str | None]:
    """The field's text in the page's language (or ``language``), else in the other one,
    with its language."""
    for code, suffix in _attribute_order(language or get_language() or settings.LANGUAGE_CODE):
        value = getattr(obj, field + suffix, None)
        if value:
            return value, code
    return "", None


@lru_cache(maxsize=16)
def _attribute_order(current: str) -> tuple[tuple[str, str], ...]:
    """(code, "_code") of the languages to look in, ``current`` first."""
    order = [current] + [code for code in language_codes() if code != current]
    return tuple((code, f"_{code}") for code in order)


def local_path(path: str) -> str:
    """``path`` made a path on this site, whatever the request said.

    Browsers read ``//evil.example/en/`` (and ``/\\evil.example/en/``) as an address on
    another host, and ``translate_url`` would keep that host: a request for such a path
    must not give the page links to it.
    """
    return "/" + path.replace("\\", "/").lstrip("/")


def twin_url(path: str, language: str) -> str:
    """The address of the page at ``path`` in ``language`` (the same path if it has none).

    Kept per address (resolving and reversing it again costs hundreds of Python calls,
    and every page links its twins): the answer depends only on the address, the two
    languages, the URLconf and the script prefix. (A very long address, a robot's, is
    not kept.)
    """
    path = local_path(path)
    if len(path) > 300:
        return translate_url(path, language)
    return _twin_url(path, language, get_language(), get_urlconf(), get_script_prefix())


@lru_cache(maxsize=4096)
def _twin_url(path: str, language: str, active, urlconf, prefix: str) -> str:
    return translate_url(path, language)


def _forget(*, setting, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        _twin_url.cache_clear()
        _attribute_order.cache_clear()


setting_changed.connect(_forget, dispatch_uid="assa_i18n_forget_twins")
