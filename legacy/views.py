"""Permanent redirects from the old Isomer site's addresses to the new pages and downloads.

The importer (``manage.py import_isomer``) records each page's permalink on its Event and
each file's /files/... path as a LegacyPath of its Document (one per old address: two
addresses of the same file both lead to the one document). These views answer the old addresses with a
301, whatever the case of the letters and with or without a final slash. Only published
things are redirected to; anything else is a 404, as it is for the new addresses.

The patterns sit outside ``i18n_patterns`` under /events/ and /files/, where the new site
has no pages: the new event pages are /en/events/... and /km/events/.... An unknown
/events/... address still gets Django's usual answer (the locale middleware sends
/events/ to /en/events/).
"""

from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from documents.models import Document
from events.models import Event
from legacy.models import LegacyPath


def _candidates(prefix: str, path: str) -> tuple[str, str]:
    """The old address without and with its final slash: /events/a/b and /events/a/b/."""
    bare = f"/{prefix}/{path.strip('/')}"
    return bare, f"{bare}/"


def _lookup(queryset, field: str, prefix: str, path: str):
    """An exact match first (uses the index), then one in any case."""
    bare, slashed = _candidates(prefix, path)
    found = queryset.filter(**{f"{field}__in": [bare, slashed]}).order_by("pk").first()
    if found is None:
        found = (
            queryset.filter(Q(**{f"{field}__iexact": bare}) | Q(**{f"{field}__iexact": slashed}))
            .order_by("pk")
            .first()
        )
    if found is None:
        raise Http404
    return found


@require_safe
@cache_control(max_age=86400, public=True)
def legacy_event(request, path: str):
    """/events/ASSA-Board-Meeting/cambodia-2020 -> /en/events/assa-board-meeting/cambodia-2020/."""
    event = _lookup(Event.objects.published(), "legacy_permalink", "events", path)
    # The old site was in English: its addresses go to the English page, the same for
    # every visitor, so that a permanent redirect can be cached.
    with translation.override("en"):
        return HttpResponsePermanentRedirect(event.get_absolute_url())


@require_safe
@cache_control(max_age=86400, public=True)
def legacy_file(request, path: str):
    """/files/ASSA%20Board%20Meeting/Cambodia%202020/<name>.pdf -> the document's download."""
    published = LegacyPath.objects.filter(
        document__in=Document.objects.published().values("pk")
    ).select_related("document")
    old = _lookup(published, "path", "files", path)
    return HttpResponsePermanentRedirect(old.document.get_download_url())
