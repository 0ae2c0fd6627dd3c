from core.sitemaps import BilingualSitemap, route_exists
from documents.models import Document


class DocumentSitemap(BilingualSitemap):
    """The page of every published document, in both languages."""

    changefreq = "yearly"
    priority = 0.5

    def items(self):
        if not route_exists("documents:detail", pk=1):
            return Document.objects.none()
        return Document.objects.published().order_by("-pk")

    def lastmod(self, item: Document):
        return item.updated_at
