"""The site's own middleware: the page cache and the request-body limits."""

from assa.middleware.body_limits import RequestBodyLimitMiddleware, accepts_uploads
from assa.middleware.page_cache import PageCacheMiddleware, page_kind

__all__ = ["PageCacheMiddleware", "RequestBodyLimitMiddleware", "accepts_uploads", "page_kind"]
