"""Addresses of the site's pages (and static files), reversed once per process and kept.

A list page links each of its rows to one or two pages (the row's page, its download),
and Django's ``reverse()`` costs over a hundred Python calls each time. The result
depends only on the route, its arguments, the active language (the /en/ or /km/
prefix), the script prefix and the URLconf, so :func:`reverse` keeps it under those.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.templatetags.static import static as django_static
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language


@lru_cache(maxsize=8192)
def _reverse(viewname: str, kwargs: tuple, language, prefix: str, urlconf) -> str:
    return django_reverse(viewname, kwargs=dict(kwargs) or None)


def reverse(viewname: str, **kwargs) -> str:
    """``django.urls.reverse(viewname, kwargs=kwargs)``, computed once per language."""
    return _reverse(
        viewname, tuple(kwargs.items()), get_language(), get_script_prefix(), get_urlconf()
    )


def reverser():
    """:func:`reverse` for many addresses in a row: the language, script prefix and
    URLconf (each a look-up in request-local storage) are read once, here.

    ``url = links.reverser(); [url("documents:detail", pk=d.pk) for d in documents]``
    """
    context = (get_language(), get_script_prefix(), get_urlconf())

    def bound(viewname: str, **kwargs) -> str:
        return _reverse(viewname, tuple(kwargs.items()), *context)

    return bound


@lru_cache(maxsize=256)
def static(path: str) -> str:
    """``django.templatetags.static.static(path)``, computed once per process.

    The static files' names (hashed by the manifest in production) are fixed while the
    process runs.
    """
    return django_static(path)


def _forget(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # tests may swap the URLconf
        _reverse.cache_clear()
    if setting in {"STATIC_URL", "STORAGES", "STATIC_ROOT"}:
        static.cache_clear()


setting_changed.connect(_forget, dispatch_uid="assa_links_forget")
