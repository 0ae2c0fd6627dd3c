import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from django_filters.views import FilterView

from documents.models import Document
from events.models import Event, EventStatus, OfficeHolder, Term
from members.models import KeyFigure
from news.models import Article

logger = logging.getLogger(__name__)


class FilteredListView(FilterView):
    """A public list with django-filter filters and pages (events, news, documents).

    Gives the template ``filter_query`` (the chosen filters, for the page links of
    ``includes/pagination.html``) and ``is_filtered`` (to offer "Clear filters").
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        context["is_filtered"] = any(query.get(name) for name in self.filterset.filters)
        return context


class HomeView(TemplateView):
    """The next and latest events, news, key figures, the chairmanship and new papers.

    A fixed number of queries whatever the data size (seven).
    """

    template_name = "home.html"
    past_events = 3
    latest_articles = 4
    key_figures = 6
    latest_documents = 4

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = Event.objects.published().for_listing()
        context["next_event"] = events.upcoming().order_by("starts_on", "pk").first()
        # A past meeting whose record still says "planned" has not been reported as held.
        context["past_events"] = list(
            events.past()
            .filter(status=EventStatus.HELD)
            .order_by("-starts_on", "-pk")[: self.past_events]
        )
        context["articles"] = list(
            Article.objects.published().for_listing()[: self.latest_articles]
        )
        context["key_figures"] = list(
            KeyFigure.objects.filter(institution__is_active=True)
            .select_related("institution")
            .order_by("institution__order", "institution__acronym", "order", "pk")[
                : self.key_figures
            ]
        )
        context["term"] = (
            Term.objects.prefetch_related(
                Prefetch(
                    "office_holders",
                    queryset=OfficeHolder.objects.select_related("institution"),
                )
            )
            .order_by("-number")
            .first()
        )
        context["documents"] = list(
            Document.objects.published()
            .select_related("institution")
            .order_by("-published_at", "-pk")[: self.latest_documents]
        )
        return context


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
        f"Sitemap: {request.build_absolute_uri(reverse('django.contrib.sitemaps.views.sitemap'))}",
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
