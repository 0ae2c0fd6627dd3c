from core import links
from core.sitemaps import BilingualSitemap
from news.models import Article


class ArticleSitemap(BilingualSitemap):
    """Every published article in both languages, each linking its twin with hreflang."""

    changefreq = "monthly"
    priority = 0.6
    lastmod_field = "updated_at"

    def items(self):
        # Rows of what an entry needs, not whole articles.
        return (
            Article.objects.published()
            .order_by("-published_at", "pk")
            .values_list("slug", "updated_at", named=True)
        )

    def location(self, item) -> str:
        return links.reverse("news:detail", slug=item.slug)

    def lastmod(self, item):
        return item.updated_at
