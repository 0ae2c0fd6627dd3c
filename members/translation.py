from modeltranslation.translator import TranslationOptions, register

from members.models import KeyFigure, MemberInstitution


@register(MemberInstitution)
class MemberInstitutionTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(KeyFigure)
class KeyFigureTranslationOptions(TranslationOptions):
    fields = ("label",)
    required_languages = ("en",)
