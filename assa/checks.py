"""System checks of the site (``manage.py check`` and at start-up)."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import DatabaseError

BYTE_LOCALES = {"c", "posix"}


def _is_byte_locale(value: str) -> bool:
    return (value or "").strip().lower() in BYTE_LOCALES


@register("database")
def postgresql_character_type(app_configs=None, databases=None, **kwargs):
    """Warn when the PostgreSQL database classifies characters as plain bytes.

    With LC_CTYPE "C" (or "POSIX"), PostgreSQL knows letters only in ASCII: ``upper()`` and
    so ``icontains`` leave "đà nẵng" alone, pg_trgm finds nothing in Khmer, and the text
    search parser glues Khmer words separated by zero-width spaces into one. Site search
    itself makes its terms in Python and still works, but the filters of the other pages
    do not. "C.UTF-8" (Debian's default in containers) classifies Unicode and is fine.
    A database check, as Django runs them: by ``migrate`` (so at every deployment and
    ``make run``) and by ``check --database default``.
    """
    if databases is None or DEFAULT_DB_ALIAS not in databases:
        return []
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return []
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT datctype, datcollate FROM pg_database WHERE datname = current_database()"
            )
            ctype, collate = cursor.fetchone()
    except DatabaseError:
        return []  # an unreachable database is reported elsewhere
    return locale_warnings(ctype, collate, settings.DATABASES[DEFAULT_DB_ALIAS].get("NAME"))


def locale_warnings(ctype: str, collate: str, name: str) -> list[Warning]:
    problems = []
    if _is_byte_locale(ctype):
        problems.append(f'LC_CTYPE is "{ctype}"')
    if _is_byte_locale(collate):
        problems.append(f'LC_COLLATE is "{collate}"')
    if not problems:
        return []
    return [
        Warning(
            f"The PostgreSQL database {name!r} treats text as bytes ({', '.join(problems)}): "
            "case-insensitive filters and trigram search do not work for non-Latin text "
            "such as Khmer, and names sort by byte value.",
            hint=(
                "Create the database with a Unicode locale, e.g. CREATE DATABASE assa "
                "TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' "
                "(or en_US.UTF-8), and restore the data into it."
            ),
            id="assa.W001",
        )
    ]


@register()
def private_media_root_is_apart(app_configs=None, **kwargs):
    """PRIVATE_MEDIA_ROOT must be neither inside nor around a folder served to the public."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = Path(getattr(settings, name)).resolve()
        if private == public or private.is_relative_to(public) or public.is_relative_to(private):
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {name} ({public}), which is "
                    "served to the public: unpublished documents could be reached.",
                    hint="Give PRIVATE_MEDIA_ROOT a folder of its own, outside MEDIA_ROOT.",
                    id="assa.E001",
                )
            )
    return errors
