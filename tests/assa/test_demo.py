"""``manage.py load_demo`` as ``make run`` uses it: safe to run again on a site that has it.

The other apps' tests read the demo from the session's snapshot (``demo``); this one runs
the command once more on top of it.
"""

import hashlib
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.demo import content_models

pytestmark = pytest.mark.django_db


def rows() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in content_models()}


def files(*folders: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder.parent)): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_loading_the_demo_again_changes_no_row_and_no_file(
    demo, settings, media_root, private_media_root
):
    before_rows, before_files = rows(), files(media_root, private_media_root)
    assert before_rows["documents.Document"] > 0 and before_rows["news.Article"] > 0
    assert any(name.startswith("media/news/") for name in before_files)

    settings.DEBUG = False  # a production site: no demo logins printed or made
    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert rows() == before_rows
    assert files(media_root, private_media_root) == before_files
    assert "Demo content loaded." in out.getvalue()
    assert "nssf-portal-demo" not in out.getvalue()
    assert "(development only)" not in out.getvalue()
