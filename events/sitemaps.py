from core import links
from core.sitemaps import BilingualSitemap
from events.models import Event, EventKind


class EventSitemap(BilingualSitemap):
    """Every published event page, in both languages."""

    changefreq = "monthly"
    priority = 0.7
    lastmod_field = "updated_at"

    def items(self):
        # Rows of what an entry needs, not whole events.
        return (
            Event.objects.published()
            .order_by("-starts_on", "pk")
            .values_list("kind", "slug", "updated_at", named=True)
        )

    def location(self, item) -> str:
        return links.reverse("events:detail", kind=item.kind, slug=item.slug)

    def lastmod(self, item):
        return item.updated_at


class EventKindSitemap(BilingualSitemap):
    """The list of each kind of event, e.g. /en/events/assa-board-meeting/."""

    changefreq = "weekly"
    priority = 0.6

    def items(self) -> list[str]:
        return list(EventKind.values)

    def location(self, item: str) -> str:
        return links.reverse("events:kind", kind=item)
