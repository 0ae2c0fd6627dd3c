import logging
import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from django.views.static import serve

from core.caching import cached_for_content
from core.sendfile import sandboxed
from core.storage import public_media_path
from documents.models import Document
from events.models import Event, EventStatus, OfficeHolder, Term
from members.models import KeyFigure, KeyFigureValue
from news.models import Article

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    """The next and latest events, news, key figures, the chairmanship and new papers.

    A fixed number of queries whatever the data size (seven), none while its data is
    cached (see ``home_data``).
    """

    template_name = "home.html"
    past_events = 3
    latest_articles = 4
    key_figures = 6
    latest_documents = 4

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The same objects for both languages (they carry both): one copy, until content
        # changes or PAGE_CACHE_SECONDS pass (the next meeting becomes a past one).
        context.update(cached_for_content("home", self.home_data, per_language=False))
        return context

    def home_data(self) -> dict:
        data = {}
        events = Event.objects.published().for_listing()
        data["next_event"] = events.upcoming().order_by("starts_on", "pk").first()
        # A past meeting whose record still says "planned" has not been reported as held.
        data["past_events"] = list(
            events.past()
            .filter(status=EventStatus.HELD)
            .order_by("-starts_on", "-pk")[: self.past_events]
        )
        data["articles"] = list(Article.objects.published().for_listing()[: self.latest_articles])
        data["key_figures"] = list(
            KeyFigure.objects.filter(institution__is_active=True)
            .select_related("institution")
            .prefetch_related(Prefetch("values", queryset=KeyFigureValue.objects.order_by("as_of")))
            .defer("institution__description")
            .order_by("institution__order", "institution__acronym", "order", "pk")[
                : self.key_figures
            ]
        )
        # The members-over-time chart: the first "Members" figure with a history, else
        # the first figure with one.
        with_history = [f for f in data["key_figures"] if len(f.values.all()) > 1]
        data["trend"] = next(
            (f for f in with_history if f.label_en.strip().casefold() == "members"),
            with_history[0] if with_history else None,
        )
        # The term in office today, and the next one once it is recorded ("from <date>"
        # until its handover meeting): both in one query, with their office holders.
        today = timezone.localdate()
        terms = list(
            Term.objects.current_and_incoming(today)
            .select_related("handover_event")
            .only(
                "number",
                "starts_year",
                "ends_year",
                "handover_event",
                "handover_event__starts_on",
            )
            .prefetch_related(
                Prefetch(
                    "office_holders",
                    queryset=OfficeHolder.objects.select_related("institution").defer(
                        "institution__description"
                    ),
                )
            )
        )
        data["term"] = next((term for term in terms if term.has_started(today)), None)
        data["incoming_term"] = next((term for term in terms if not term.has_started(today)), None)
        data["documents"] = list(
            Document.objects.published()
            .select_related("institution")
            .defer("description", "rejection_reason", "institution__description")
            .order_by("-published_at", "-pk")[: self.latest_documents]
        )
        return data


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Everything public may be crawled; the admin and the portal are not for robots."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /en/portal/",
        "Disallow: /km/portal/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('django.contrib.sitemaps.views.index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """Liveness and database state, for load balancers and the container health check."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database is unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def login_locked_out(request, original_response=None, credentials=None):
    """The page django-axes shows a client locked out of logging in (HTTP 429).

    In the admin's look for the admin login, in the site's for the portal; it says when
    the client may try again, in the user's language and time zone.
    """
    handler = AxesProxyHandler.get_implementation()
    if hasattr(handler, "lockout_ends_at"):
        ends_at = handler.lockout_ends_at(request, credentials)
    else:
        ends_at = timezone.now() + get_cool_off(request)
    context = {
        "ends_at": ends_at,
        "minutes": max(1, math.ceil((ends_at - timezone.now()).total_seconds() / 60)),
    }
    if request.path.startswith(reverse("admin:index")):
        context.update(admin.site.each_context(request))
        template = "admin/locked_out.html"
    else:
        template = "locked_out.html"
    response = render(request, template, context, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(context["minutes"] * 60)
    return response


@require_safe
def public_media(request, path: str):
    """A public media file (logo, news image, preview of a published document).

    For development and for sites without nginx; behind nginx, ``deploy/nginx.conf``
    serves the same folders itself. The path is checked before anything is looked up
    (``public_media_path``): only the public folders of MEDIA_ROOT, nothing normalised
    away. Private files are in another root that this view never reads.
    """
    name = public_media_path(path)
    if name is None:
        raise Http404
    return sandboxed(serve(request, name, document_root=settings.MEDIA_ROOT))


# ---- error pages --------------------------------------------------------------------------
# 400, 403 and the CSRF failure are styled pages of the site, in the page's language (the
# locale middleware has already chosen it). They are rendered without the request, so no
# context processor runs: nothing here reads the session or the database, or asks the
# request for its host (a 400 is often a host that ALLOWED_HOSTS refuses).


def _error_page(template_name: str) -> str:
    return loader.render_to_string(template_name, {"site_name": settings.SITE_NAME})


def bad_request(request, exception=None):
    return HttpResponseBadRequest(_error_page("400.html"))


def permission_denied(request, exception=None):
    return HttpResponseForbidden(_error_page("403.html"))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form came back without its token (an old page, cookies off)."""
    return HttpResponseForbidden(_error_page("403_csrf.html"))
