from django.conf import settings
from django.utils.translation import get_language

from core import links
from core.i18n import local_path, twin_url


def site(request):
    """The page's twin in each language, for the switcher and the hreflang links.

    Every page exists in both languages (content not yet written in Khmer falls back to
    English, marked as such), so both twins are always listed. The query string is
    kept: a filtered list switches language with its filters. The links are built from the
    path made local first (see ``core.i18n.local_path``), so no request path can point them
    at another host.
    """
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    path = request.path
    alternates = []
    for code, name in settings.LANGUAGES:
        url = twin_url(path, code)
        if query:
            url = f"{url}?{query}"
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    default = next(a for a in alternates if a["code"] == settings.LANGUAGE_CODE)
    return {
        "language_alternates": alternates,
        "x_default_url": default["absolute_url"],
        "site_name": settings.SITE_NAME,
        # Sharing (Open Graph, canonical): the page without its filters, but with its page
        # number, and the site's picture for pages that have none of their own.
        "canonical_url": canonical_url(request),
        "default_share_image": request.build_absolute_uri(links.static("img/share-default.png")),
    }


def canonical_url(request) -> str:
    page = request.GET.get("page", "")
    url = request.build_absolute_uri(local_path(request.path))
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url
