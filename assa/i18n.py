"""Links between the language versions of a page."""

from django.urls import translate_url


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
