"""The page cache: public pages kept whole for anonymous visitors.

Most visitors are anonymous and see the same page for the same address, so the page is
rendered once and kept in the Django cache (Redis when ``REDIS_URL`` is set) under the
content version of ``core.caching``: any change to the content makes every stored page
stale at once, on every server. ``PAGE_CACHE_SECONDS`` bounds a page's life as well.

The hit path decides "anonymous" from the request alone (no session cookie and no
messages cookie), before the session is loaded, and asks the cache one question (the
version and the page in one round trip): no SQL, no session, no template.

What is never stored: requests carrying a session cookie (logged-in users, a portal
login in progress), the admin, the portal, downloads and media, anything but GET,
answers other than 200, streamed answers, answers that set a cookie (a CSRF token,
messages being consumed) or that the view marked private or uncacheable.

Headers: anonymous public pages get an ``ETag`` (a repeat request with ``If-None-Match``
gets a 304, cached or not), ``Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE`` and
``Vary: Cookie``; the admin and the portal ``private, no-store``; logged-in users
``private, no-cache`` on public pages too.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from core.caching import VERSION_KEY, content_version, remember_version, request_scope

# Public addresses outside the language prefix (the sitemap index, robots.txt), and the
# sitemap's sections (/sitemap-news.xml).
PUBLIC_PATHS = frozenset({"/sitemap.xml", "/robots.txt"})
SITEMAP_SECTION = re.compile(r"/sitemap-[\w-]+\.xml")
# Under the language prefix, what is private (the member portal).
PRIVATE_SECTIONS = ("portal/",)
# Outside it, what is private (the admin).
PRIVATE_PREFIXES = ("/admin/",)
# A longer query string is a robot's or an attacker's: answered, not stored.
MAX_QUERY_LENGTH = 300

PUBLIC, PRIVATE, OTHER = "public", "private", "other"


def page_kind(path: str) -> str:
    """PUBLIC for the pages the page cache may keep, PRIVATE for the admin and portal."""
    if path in PUBLIC_PATHS or SITEMAP_SECTION.fullmatch(path):
        return PUBLIC
    if path.startswith(PRIVATE_PREFIXES):
        return PRIVATE
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return PRIVATE if path[len(prefix) :].startswith(PRIVATE_SECTIONS) else PUBLIC
    return OTHER


def _page_key(request) -> str:
    # The host is part of the key: pages hold absolute links (hreflang, feeds, sitemap).
    # A host that ALLOWED_HOSTS refuses never gets a page stored, so reading it raw is safe.
    address = f"{request.scheme}://{request.META.get('HTTP_HOST', '')}{request.get_full_path()}"
    return "page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def _is_marked_private(response) -> bool:
    value = response.get("Cache-Control", "")
    return any(word in value for word in ("private", "no-store", "no-cache"))


class PageCacheMiddleware:
    """Serve and store whole public pages for anonymous visitors (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The content version is read once for the whole request (core.caching).
        with request_scope():
            return self._respond(request)

    def _respond(self, request):
        kind = page_kind(request.path_info)
        if kind == PUBLIC and self._anonymous_read(request):
            if settings.PAGE_CACHE:
                key = _page_key(request)
                found = cache.get_many([VERSION_KEY, key])
                version, stored = found.get(VERSION_KEY), found.get(key)
                if stored is not None and stored[0] == version:
                    return self._from_cache(request, stored)
                if version is not None:
                    remember_version(version)
                # The version read before rendering: a change during the render makes
                # this page stale at once rather than keeping the old rows as new.
                version = content_version() if version is None else version
                return self._public(request, self.get_response(request), key, version)
            return self._public(request, self.get_response(request), None, None)
        response = self.get_response(request)
        if kind == PRIVATE:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        elif kind == PUBLIC and self._logged_in(request):
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
            patch_vary_headers(response, ("Cookie",))
        return response

    @staticmethod
    def _anonymous_read(request) -> bool:
        cookies = request.COOKIES
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in cookies
            and CookieStorage.cookie_name not in cookies
            and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
        )

    @staticmethod
    def _logged_in(request) -> bool:
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated

    def _from_cache(self, request, stored) -> HttpResponse:
        _version, etag, content, headers = stored
        response = HttpResponse(content, headers=headers)
        response["X-Page-Cache"] = "hit"
        return get_conditional_response(request, etag=etag, response=response)

    def _public(self, request, response, key: str | None, version: int | None):
        """Headers of an anonymous public page; store it when it may be kept."""
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        if _is_marked_private(response) or self._logged_in(request):
            return response
        if not response.has_header("Cache-Control"):
            max_age = settings.PAGE_CACHE_MAX_AGE
            # With 0 (the default) browsers and proxies keep the page but ask again each
            # time (a 304 from the ETag): a publication shows at once for everyone.
            patch_cache_control(response, public=True, max_age=max_age, must_revalidate=not max_age)
        patch_vary_headers(response, ("Cookie",))
        set_response_etag(response)
        if key is not None and request.method == "GET":
            headers = dict(response.items())
            cache.set(
                key,
                (version, response["ETag"], response.content, headers),
                timeout=settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        return get_conditional_response(request, etag=response["ETag"], response=response)
