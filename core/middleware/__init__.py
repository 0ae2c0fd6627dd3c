"""The site's own middleware: response headers, the page cache and request-body limits."""

from core.middleware.body_limits import (
    RequestBodyLimitMiddleware,
    accepts_upload_chunks,
    accepts_uploads,
)
from core.middleware.headers import PermissionsPolicyMiddleware, permissions_policy
from core.middleware.page_cache import PageCacheMiddleware, page_kind

__all__ = [
    "PageCacheMiddleware",
    "PermissionsPolicyMiddleware",
    "RequestBodyLimitMiddleware",
    "accepts_upload_chunks",
    "accepts_uploads",
    "page_kind",
    "permissions_policy",
]
