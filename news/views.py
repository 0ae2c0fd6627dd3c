from django.conf import settings
from django.utils.translation import get_language
from django.views.generic import DetailView

from core.i18n import twin_url
from core.permissions import is_secretariat
from core.views import FilteredListView
from news.filters import ArticleFilter
from news.models import Article


class ArticleListView(FilteredListView):
    """Every published article in both languages, latest first; untranslated ones are marked."""

    filterset_class = ArticleFilter
    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        articles = Article.objects.for_page()
        # The secretariat previews drafts and scheduled articles here from the admin;
        # for everyone else they do not exist.
        if not is_secretariat(self.request.user):
            articles = articles.published()
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        current = get_language()
        names = dict(settings.LANGUAGES)
        # The article's own language versions other than this page's (a real translation,
        # not the fallback).
        context["other_versions"] = [
            {"code": code, "name": names[code], "url": twin_url(self.request.path, code)}
            for code in article.languages
            if code != current
        ]
        context["is_fallback"] = current not in article.languages
        # The head links only the languages the article is written in (hreflang).
        context["content_languages"] = article.languages
        context["gallery"] = list(article.images.all())
        context["absolute_url"] = self.request.build_absolute_uri(article.get_absolute_url())
        return context
