"""What the public pages may keep between requests, and when it goes stale.

One number, the *content version*, stands for "everything the public site shows".
It lives in the Django cache (Redis in production, so every server and worker sees the
same number) and goes up whenever content changes: a save or delete of any model of the
content apps (``PAGE_CACHE_APPS``), and the bulk changes that send no signal (they call
:func:`bump_content_version` themselves, as they call the search index's ``reindex``).
Whole pages (``core.middleware.PageCacheMiddleware``), the filters' drop-downs and the
home page's data are stored under it, so a change makes all of them stale at once;
``PAGE_CACHE_SECONDS`` bounds their life as well (a scheduled article appears, the next
meeting becomes a past one, without any save).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

VERSION_KEY = "content-version"

T = TypeVar("T")


def _fresh_version() -> int:
    # Not 1: if Redis ever loses the key, a restart from 1 could revive pages stored
    # under an old number. Milliseconds since the epoch only grow.
    return time.time_ns() // 1_000_000


def content_version() -> int:
    """The current content version (created on first use)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _bump() -> None:
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


def cached_for_content(name: str, build: Callable[[], T], *, per_language: bool = True) -> T:
    """``build()``'s result, kept until content changes (or ``PAGE_CACHE_SECONDS``).

    For data the public pages derive from the content and show to everyone alike: the
    filters' choices, the home page's lists. ``per_language`` when the result holds
    translated text (labels, Khmer digits).
    """
    key = f"data:{name}:{get_language() if per_language else ''}"
    version = content_version()
    stored = cache.get(key)
    if stored is not None and stored[0] == version:
        return stored[1]
    value = build()
    cache.set(key, (version, value), timeout=settings.PAGE_CACHE_SECONDS)
    return value


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
