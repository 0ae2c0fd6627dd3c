"""Request bodies refused by their size before a byte of them is read.

Django reads a POST body when something first asks for ``request.POST`` (the CSRF check
does, before any view), and writes file parts to the temporary folder as they arrive. So
the size is decided here, from the ``Content-Length`` header alone:

- an upload view (a view marked with :func:`accepts_uploads`, or an admin add or change
  page of a model that takes files) used by a logged-in person may receive
  ``DOCUMENT_MAX_UPLOAD_MB`` plus ``DATA_UPLOAD_MAX_MEMORY_SIZE`` for the form's other
  fields (and, in the admin, for staff only);
- a view that receives a file in pieces (marked with :func:`accepts_upload_chunks`: the
  resumable uploads' endpoint) used by a logged-in person may receive one piece,
  ``UPLOAD_CHUNK_MB``;
- every other request, and every anonymous one, ``REQUEST_MAX_BODY_KB``.

Django's WSGI request never reads more than the ``Content-Length`` it was given (its
``LimitedStream``), so a body longer than it says is not read past the checked size. A
body sent without a length (``Transfer-Encoding: chunked``) would be ignored by Django;
it is refused with 411 rather than left unread behind a misleading answer.

The refusal is a page in the visitor's language (``413.html``), with a link back to the
form for a logged-in person whose file was too large.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

UPLOAD_ATTRIBUTE = "accepts_uploads"
CHUNKS_ATTRIBUTE = "accepts_upload_chunks"
ADMIN_UPLOAD_PAGES = ("_add", "_change")


def accepts_uploads(view: Callable) -> Callable:
    """Mark a view as a file upload form: logged-in people may send it a document-sized body."""
    setattr(view, UPLOAD_ATTRIBUTE, True)
    return view


def accepts_upload_chunks(view: Callable) -> Callable:
    """Mark a view that receives files in pieces: logged-in people may send it one piece."""
    setattr(view, CHUNKS_ATTRIBUTE, True)
    return view


def chunk_limit() -> int:
    """The largest piece of a file sent in pieces (a PATCH of the resumable uploads)."""
    return settings.UPLOAD_CHUNK_MB * 1024 * 1024


def upload_limit() -> int:
    """The largest body an upload form accepts: the largest file plus its form's fields."""
    return settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024 + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def small_limit() -> int:
    return settings.REQUEST_MAX_BODY_KB * 1024


def _content_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0  # Django reads such a body as empty too


def _model_takes_files(model) -> bool:
    return any(isinstance(field, models.FileField) for field in model._meta.fields)


def _admin_takes_files(model_admin) -> bool:
    """Whether an admin's add or change page has a file field (its own, its form's or an inline's)."""
    cached = getattr(model_admin, "_assa_takes_files", None)
    if cached is None:
        form_fields = getattr(model_admin.form, "base_fields", {}).values()
        cached = (
            _model_takes_files(model_admin.model)
            or any(isinstance(field, forms.FileField) for field in form_fields)
            or any(_model_takes_files(inline.model) for inline in model_admin.inlines)
            or any(
                isinstance(field, forms.FileField)
                for inline in model_admin.inlines
                for field in getattr(inline.form, "base_fields", {}).values()
            )
        )
        model_admin._assa_takes_files = cached
    return cached


def _is_upload_view(request: HttpRequest, view_func: Callable) -> bool:
    if getattr(view_func, UPLOAD_ATTRIBUTE, False):
        return request.user.is_authenticated
    model_admin = getattr(view_func, "model_admin", None)
    if model_admin is None or not request.user.is_authenticated or not request.user.is_staff:
        return False
    url_name = getattr(request.resolver_match, "url_name", "") or ""
    return url_name.endswith(ADMIN_UPLOAD_PAGES) and _admin_takes_files(model_admin)


class RequestBodyLimitMiddleware:
    """Refuse a request body larger than its URL and user allow, before it is read.

    Place it before ``CsrfViewMiddleware``: its ``process_view`` must run before the CSRF
    check reads the body. (The user is known by then: every middleware's request phase,
    the session's and authentication's too, has run before the first ``process_view``.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The size itself is checked in process_view, when the view and the user are known;
        # nothing reads the body before that.
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return length_required(request)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        length = _content_length(request)
        if length <= small_limit():
            return None
        if getattr(view_func, CHUNKS_ATTRIBUTE, False) and request.user.is_authenticated:
            if length > chunk_limit():
                return too_large(request, length, chunk_limit())
            return None
        upload = _is_upload_view(request, view_func)
        limit = upload_limit() if upload else small_limit()
        if length > limit:
            return too_large(request, length, limit, back=upload)
        return None


def too_large(request: HttpRequest, length: int, limit: int, *, back: bool = False) -> HttpResponse:
    if back:
        message = _(
            "You sent %(size)s; the largest file accepted is %(limit)s MB. "
            "Please choose a smaller file and send the form again."
        ) % {"size": filesizeformat(length), "limit": settings.DOCUMENT_MAX_UPLOAD_MB}
    else:
        message = _(
            "You sent %(size)s; this page accepts at most %(limit)s. Nothing was saved."
        ) % {"size": filesizeformat(length), "limit": filesizeformat(limit)}
    return _refusal(request, 413, message, back)


def length_required(request: HttpRequest) -> HttpResponse:
    message = _(
        "The request did not say how large it is, so it was not read. "
        "Please send it again from the site's own form."
    )
    return _refusal(request, 411, message, False)


def _refusal(request: HttpRequest, status: int, message: str, back: bool) -> HttpResponse:
    context = {"message": message, "back_url": request.get_full_path() if back else ""}
    return render(request, "413.html", context, status=status)
