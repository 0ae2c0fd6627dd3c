from core import links
from core.sitemaps import BilingualSitemap, route_exists
from documents.models import Document


class DocumentSitemap(BilingualSitemap):
    """The page of every published document, in both languages."""

    changefreq = "yearly"
    priority = 0.5
    lastmod_field = "updated_at"

    def items(self):
        if not route_exists("documents:detail", pk=1):
            return Document.objects.none()
        # Rows of what an entry needs, not whole documents: a section has hundreds.
        return (
            Document.objects.published().order_by("-pk").values_list("pk", "updated_at", named=True)
        )

    def location(self, item) -> str:
        return links.reverse("documents:detail", pk=item.pk)

    def lastmod(self, item):
        return item.updated_at
