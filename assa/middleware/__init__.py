"""The site's own middleware: response headers, the page cache and request-body limits."""

from assa.middleware.body_limits import RequestBodyLimitMiddleware, accepts_uploads
from assa.middleware.headers import PermissionsPolicyMiddleware, permissions_policy
from assa.middleware.page_cache import PageCacheMiddleware, page_kind

__all__ = [
    "PageCacheMiddleware",
    "PermissionsPolicyMiddleware",
    "RequestBodyLimitMiddleware",
    "accepts_uploads",
    "page_kind",
    "permissions_policy",
]
