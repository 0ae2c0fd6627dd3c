"""What the public pages may keep between requests, and when it goes stale.

One number, the *content version*, stands for "everything the public site shows".
It lives in the Django cache (Redis in production, so every server and worker sees the
same number) and goes up whenever content changes: a save or delete of any model of the
content apps (``PAGE_CACHE_APPS``), and the bulk changes that send no signal (they call
:func:`bump_content_version` themselves, as they call the search index's ``reindex``).
Whole pages (``core.middleware.PageCacheMiddleware``), the filters' drop-downs, the
home page's data and the fragments of ``{% content_fragment %}`` (the footer, the
navigation) are stored under it, so a change makes all of them stale at once;
``PAGE_CACHE_SECONDS`` bounds their life as well (a scheduled article appears, the next
meeting becomes a past one, without any save).

A request reads the version once (:func:`request_scope`, opened by the page cache's
middleware around every request): with Redis that is one round trip, however many
kept things the page uses. What :func:`cached_for_content` keeps is also held in this
process's memory under that version, so a page does not unpickle the same objects from
the cache at every request; the shared cache is asked only when the version moved.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

VERSION_KEY = "content-version"
# The most kept things held in a process's memory (choices per list, fragments per
# language, event and article pages, pages of list results); past this, the oldest go
# first. A crawl of every page of the benchmark's site (425 entries) added 21 MiB to a
# process: 256 bound that to about 13 MiB per worker.
LOCAL_ENTRIES = 256

T = TypeVar("T")

# The version read by the current request (an empty list until it is read); None
# outside a request (a command, a worker's job), where every call asks the cache.
_request_version: ContextVar[list[int] | None] = ContextVar("assa_content_version", default=None)
# name -> (version, time built, value): this process's copies of kept things.
_local: dict[str, tuple[int, float, object]] = {}


def _fresh_version() -> int:
    # Not 1: if Redis ever loses the key, a restart from 1 could revive pages stored
    # under an old number. Microseconds since the epoch only grow, and much faster than
    # saves can bump a version: a new start never meets a number an old one reached.
    return time.time_ns() // 1_000


def _read_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def content_version() -> int:
    """The current content version (created on first use); read once per request."""
    memo = _request_version.get()
    if memo:
        return memo[0]
    version = _read_version()
    if memo is not None:
        memo.append(version)
    return version


def remember_version(version: int) -> None:
    """The current request has read the version already (the page cache, with its page)."""
    memo = _request_version.get()
    if memo is not None and not memo:
        memo.append(version)


@contextmanager
def request_scope() -> Iterator[None]:
    """The version is read at most once while this is open (one request)."""
    token = _request_version.set([])
    try:
        yield
    finally:
        _request_version.reset(token)


def _bump() -> None:
    memo = _request_version.get()
    if memo:
        memo.clear()  # this request changed content: read the new number
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key was never made, or was evicted
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)


def bump_content_version() -> None:
    """Make every cached page and list choice stale: content has changed.

    Bumped at once and again when the transaction commits: the second bump throws away
    a page that another request rendered and stored from the old rows in between.
    """
    _bump()
    transaction.on_commit(_bump)


def cached_for_content(
    name: str, build: Callable[[], T], *, per_language: bool = True, shared: bool = True
) -> T:
    """``build()``'s result, kept until content changes (or ``PAGE_CACHE_SECONDS``).

    For data the public pages derive from the content and show to everyone alike: the
    filters' choices, the home page's lists, fragments of pages. ``per_language`` when
    the result holds translated text (labels, Khmer digits). It is kept in this process's
    memory, and in the shared cache too unless ``shared`` is false (a fragment of HTML,
    cheaper to render again in each process than to fetch).
    """
    key = f"data:{name}:{get_language() if per_language else ''}"
    version = content_version()
    now = time.time()
    oldest = now - settings.PAGE_CACHE_SECONDS
    local = _local.get(key)
    if local is not None and local[0] == version and local[1] > oldest:
        return local[2]
    stored = cache.get(key) if shared else None
    if stored is not None and stored[0] == version and stored[1] > oldest:
        built, value = stored[1], stored[2]
    else:
        built, value = now, build()
        if shared:
            cache.set(key, (version, built, value), timeout=settings.PAGE_CACHE_SECONDS)
    _keep_local(key, (version, built, value))
    return value


def _keep_local(key: str, entry: tuple[int, float, object]) -> None:
    _local.pop(key, None)
    if len(_local) >= LOCAL_ENTRIES:
        del _local[next(iter(_local))]
    _local[key] = entry


def forget_local() -> None:
    """Drop this process's copies (the shared cache and the version are left alone)."""
    _local.clear()


def _forget_on_setting_change(**kwargs) -> None:
    forget_local()  # tests change languages, formats, the site's name...


def _content_changed(sender, raw=False, **kwargs) -> None:
    if raw:  # loaddata: a rebuild follows
        return
    if sender._meta.app_label in settings.PAGE_CACHE_APPS:
        bump_content_version()


def connect() -> None:
    """Bump the content version whenever a model of the content apps changes."""
    post_save.connect(_content_changed, dispatch_uid="assa_content_version_save")
    post_delete.connect(_content_changed, dispatch_uid="assa_content_version_delete")
    m2m_changed.connect(_content_changed, dispatch_uid="assa_content_version_m2m")
    setting_changed.connect(_forget_on_setting_change, dispatch_uid="assa_content_forget")
