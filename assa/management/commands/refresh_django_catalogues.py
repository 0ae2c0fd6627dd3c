"""Bring the project's Khmer translation of Django's own strings up to date with Django.

Django's Khmer catalogue is incomplete and partly wrong, so the project keeps its own
translation of the strings Django shows (forms, validators, pagination, dates, the admin
and its JavaScript, auth, and the other installed django.contrib apps) in
``locale/django/km/LC_MESSAGES/`` (``django.po`` and ``djangojs.po``), listed in
LOCALE_PATHS after the project's catalogue and so read before Django's own.

After upgrading Django, run ``make django-messages``. It merges the English message ids of
the installed Django (``django/conf/locale/en`` and ``django/contrib/<app>/locale/en`` of
each installed contrib app) into those files with ``msgmerge``: new strings arrive empty,
changed ones arrive marked ``fuzzy`` with their old translation, and strings Django dropped
are removed. Translate the empty and fuzzy entries (``tests/assa/test_django_catalogue.py``
lists them until then), then run it again to compile.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DOMAINS = ("django", "djangojs")
LANGUAGE = "km"


def django_catalogue_dir() -> Path:
    """Where the project keeps its Khmer translation of Django's own strings."""
    return Path(settings.BASE_DIR) / "locale" / "django" / LANGUAGE / "LC_MESSAGES"


def django_english_catalogues(domain: str) -> list[Path]:
    """Django's English .po files for one domain: core, then each installed contrib app."""
    root = Path(django.__file__).parent
    candidates = [root / "conf"] + [
        Path(app.path) for app in apps.get_app_configs() if app.name.startswith("django.contrib.")
    ]
    return [
        path
        for path in (c / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po" for c in candidates)
        if path.exists()
    ]


class Command(BaseCommand):
    help = (
        "Merge the installed Django's English message ids into the project's Khmer "
        "translation of Django's strings (locale/django/), then compile it."
    )

    def handle(self, *args, **options):
        for program in ("msgcat", "msgmerge", "msgattrib", "msgfmt"):
            if shutil.which(program) is None:
                raise CommandError(f"{program} not found: install GNU gettext.")
        target_dir = django_catalogue_dir()
        target_dir.mkdir(parents=True, exist_ok=True)
        for domain in DOMAINS:
            sources = django_english_catalogues(domain)
            if not sources:
                continue
            po = target_dir / f"{domain}.po"
            with tempfile.TemporaryDirectory() as tmp:
                template = Path(tmp) / f"{domain}.pot"
                self.run("msgcat", "--use-first", "--no-wrap", *sources, "-o", template)
                if not po.exists():
                    po.write_text(
                        'msgid ""\nmsgstr ""\n"Language: km\\n"\n'
                        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                        '"Plural-Forms: nplurals=1; plural=0;\\n"\n',
                        encoding="utf-8",
                    )
                self.run(
                    "msgmerge", "--quiet", "--no-wrap", "--previous", "--backup=none",
                    "--update", po, template,
                )  # fmt: skip
            self.run("msgattrib", "--no-obsolete", "--no-wrap", po, "-o", po)
            result = self.run("msgfmt", "--check", "--statistics", "-o", po.with_suffix(".mo"), po)
            self.stdout.write(f"{po.relative_to(settings.BASE_DIR)}: {result.stderr.strip()}")

    def run(self, *command) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(part) for part in command], capture_output=True, text=True, check=False
        )
        if result.returncode:
            raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")
        return result
