from modeltranslation.translator import TranslationOptions, register

from pages.models import Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    # No required language: a page may be written in one language only.
    fields = ("title", "summary", "body", "organisation", "address")
