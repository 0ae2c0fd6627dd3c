from core.sitemaps import BilingualSitemap
from pages.models import Page


class PageSitemap(BilingualSitemap):
    """Every published page in both languages."""

    changefreq = "yearly"
    priority = 0.5
    lastmod_field = "updated_at"

    def items(self):
        return Page.objects.published().order_by("placement", "order", "pk")

    def lastmod(self, item: Page):
        return item.updated_at
