from modeltranslation.translator import TranslationOptions, register

from documents.models import Document, Submission


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("en",)


@register(Submission)
class SubmissionTranslationOptions(TranslationOptions):
    """The moderation queue's proxy shares the document's translated fields."""

    fields = ()
