from modeltranslation.translator import TranslationOptions, register

from documents.models import Document, Presentation, Submission


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("en",)


@register(Submission)
class SubmissionTranslationOptions(TranslationOptions):
    """The moderation queue's proxy shares the document's translated fields."""

    fields = ()


@register(Presentation)
class PresentationTranslationOptions(TranslationOptions):
    fields = ("title", "speaker_role")
    required_languages = ("en",)
