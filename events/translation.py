from modeltranslation.translator import TranslationOptions, register

from events.models import Event, OfficeHolder


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "city", "status_note")
    required_languages = ("en",)


@register(OfficeHolder)
class OfficeHolderTranslationOptions(TranslationOptions):
    fields = ("person_title",)
