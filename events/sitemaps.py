from core.sitemaps import BilingualSitemap
from events.models import Event, EventKind


class EventSitemap(BilingualSitemap):
    """Every published event page, in both languages."""

    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Event.objects.published().order_by("-starts_on", "pk")

    def lastmod(self, item: Event):
        return item.updated_at


class EventKindSitemap(BilingualSitemap):
    """The list of each kind of event, e.g. /en/events/assa-board-meeting/."""

    changefreq = "weekly"
    priority = 0.6

    def items(self) -> list[str]:
        return list(EventKind.values)

    def location(self, item: str) -> str:
        from django.urls import reverse

        return reverse("events:kind", kwargs={"kind": item})
