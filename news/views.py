from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views.generic import DetailView

from core.caching import cached_for_content
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

    def get_object(self, queryset=None):
        if queryset is None and not is_secretariat(self.request.user):
            return published_article_page(self.kwargs["slug"])
        return _article_page(
            self.get_queryset() if queryset is None else queryset, self.kwargs["slug"]
        )

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
        context["gallery"] = article.gallery
        context["absolute_url"] = self.request.build_absolute_uri(article.get_absolute_url())
        return context


def published_article_page(slug: str) -> Article:
    """The published article at this address with its gallery, kept until content
    changes (``core.caching``); Http404 if there is none, which is not kept (a
    scheduled article shows as soon as it is due).

    Everyone but the secretariat sees the same article, so each process reads it once
    per content version rather than in two queries per request.
    """

    return cached_for_content(
        f"article-page:{slug}",
        lambda: _article_page(Article.objects.for_page().published(), slug),
        per_language=False,
    )


def _article_page(articles, slug: str) -> Article:
    """The article at this address among ``articles``, with its gallery; Http404 if
    there is none."""
    article = get_object_or_404(articles, slug=slug)
    article.gallery = list(article.images.all())
    return article
