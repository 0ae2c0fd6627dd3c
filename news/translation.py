from modeltranslation.translator import TranslationOptions, register

from news.models import Article, ArticleImage


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    # No required language: an article may be written in Khmer only, or in English only.
    fields = ("title", "summary", "body", "cover_alt", "cover_caption")


@register(ArticleImage)
class ArticleImageTranslationOptions(TranslationOptions):
    fields = ("caption", "alt_text")
