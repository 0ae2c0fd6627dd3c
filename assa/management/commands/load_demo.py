"""Load the demo content of every app. Safe to run again: it updates what it made."""

import importlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from core.groups import ensure_secretariat_group

# Each app's demo module has a load(stdout) function; order follows the foreign keys.
DEMO_MODULES = ["members.demo", "events.demo", "documents.demo", "news.demo", "pages.demo"]

DEMO_ADMIN = ("admin", "admin")


class Command(BaseCommand):
    help = "Load the demo content (idempotent). Development sites also get demo logins."

    def handle(self, *args, **options):
        with transaction.atomic():
            ensure_secretariat_group()
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                module.load(self.stdout)
            if settings.DEBUG:
                self.create_demo_admin()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))

    def create_demo_admin(self) -> None:
        username, password = DEMO_ADMIN
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": "admin@example.org"}
        )
        if created:
            user.set_password(password)
        user.is_staff = user.is_superuser = True
        user.save()
        self.stdout.write(
            f"Admin (development only): http://127.0.0.1:{settings_port()}/admin/ "
            f"user '{username}', password '{password}'"
        )


def settings_port() -> str:
    import os

    return os.environ.get("PORT", "8000")
