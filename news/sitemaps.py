from core.sitemaps import BilingualSitemap
from news.models import Article


class ArticleSitemap(BilingualSitemap):
    """Every published article in both languages, each linking its twin with hreflang."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Article.objects.published().order_by("-published_at", "pk")

    def lastmod(self, item: Article):
        return item.updated_at
