"""The site's languages, always read from settings.LANGUAGES (never written out by hand)."""

from django.conf import settings
from django.utils.translation import get_language


def language_codes() -> tuple[str, ...]:
    """("en", "km"): the codes of settings.LANGUAGES, the default language first."""
    return tuple(code for code, _name in settings.LANGUAGES)


def translated_value(obj, field: str) -> tuple[str, str | None]:
    """The field's text in the page's language, else in the other one, with its language."""
    current = get_language() or settings.LANGUAGE_CODE
    order = [current] + [code for code in language_codes() if code != current]
    for code in order:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return value, code
    return "", None
