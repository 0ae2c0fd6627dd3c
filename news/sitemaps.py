from django.contrib.sitemaps import Sitemap

from news.models import Article


class ArticleSitemap(Sitemap):
    """Every published article in both languages, each linking its twin with hreflang."""

    changefreq = "monthly"
    priority = 0.6
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Article.objects.published().order_by("-published_at", "pk")

    def lastmod(self, item: Article):
        return item.updated_at
