"""The demo content, loaded once per test session and put back for each test that asks.

``manage.py load_demo`` takes seconds (it draws placeholder PDFs and images and indexes
every text); putting its rows back takes a fraction of one. :func:`take_snapshot` runs it
once inside a transaction that is rolled back, keeps its rows as JSON and its files in a
folder of the session; :func:`restore` puts the rows back into a test's database.
``tests/conftest.py`` (``demo``) and ``tests/e2e/conftest.py`` (``site``) use them.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# The apps whose rows make up the content, and the users the demo makes (a development
# site's admin and NSSF's portal user); groups and permissions come from migrate.
CONTENT_APPS = ["members", "events", "documents", "news", "pages", "search", "legacy"]


@dataclass
class Snapshot:
    data: str
    media_root: Path
    private_media_root: Path
    # What load_demo printed (the demo logins, on a development site).
    output: str
    # Numbers of rows that addresses need (they differ between databases).
    ids: dict = field(default_factory=dict)

    def copy_files(self, media_root: Path, private_media_root: Path) -> None:
        """Copy the demo's files into a test's own folders (a test may change them)."""
        shutil.copytree(self.media_root, media_root, dirs_exist_ok=True)
        shutil.copytree(self.private_media_root, private_media_root, dirs_exist_ok=True)


def content_models() -> list:
    from django.apps import apps
    from django.contrib.auth import get_user_model

    models = [model for app in CONTENT_APPS for model in apps.get_app_config(app).get_models()]
    return [get_user_model(), *models]


def take_snapshot(
    django_db_blocker,
    folder: Path,
    *,
    debug: bool,
    prepare: Callable[[], dict] | None = None,
) -> Snapshot:
    """Load the demo (as a development site when ``debug``), run ``prepare`` (it may add
    rows and returns ids to remember), keep it all, and leave the database as it was."""
    from django.core import serializers
    from django.core.management import call_command
    from django.db import transaction
    from django.test import TestCase
    from django.test.utils import override_settings

    media_root, private_media_root = folder / "media", folder / "private"
    media_root.mkdir(parents=True)
    private_media_root.mkdir(parents=True)
    out = io.StringIO()
    with (
        override_settings(
            MEDIA_ROOT=media_root,
            PRIVATE_MEDIA_ROOT=private_media_root,
            DEBUG=debug,
            # The demo's passwords, hashed as the tests hash theirs (tests/conftest.py).
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        # The jobs the demo queues "on commit" (search text, previews) run here, as they
        # would after a real commit; the transaction is then rolled back.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=out)
            ids = prepare() if prepare else {}
        rows = [row for model in content_models() for row in model._base_manager.order_by("pk")]
        data = serializers.serialize("json", rows, use_natural_foreign_keys=True)
        transaction.set_rollback(True)
    return Snapshot(
        data=data,
        media_root=media_root,
        private_media_root=private_media_root,
        output=out.getvalue(),
        ids=ids,
    )


def restore(snapshot: Snapshot) -> None:
    """Put the demo rows back, as Django's serialized rollback does (foreign keys checked
    last), then move PostgreSQL's sequences past them, as loaddata does."""
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.constraint_checks_disabled():
            # One by one: a natural key (a membership's user) names a row saved before it.
            for obj in serializers.deserialize("json", snapshot.data):
                obj.save()
        connection.check_constraints()
        statements = connection.ops.sequence_reset_sql(no_style(), content_models())
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
