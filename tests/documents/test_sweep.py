import io

import pytest
from django.core.management import call_command
from django.db import transaction

from documents.models import Document
from documents.services import create_document
from tests.documents import files
from tests.documents.conftest import upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_files_left_by_a_rolled_back_outer_transaction_are_swept(media_root):
    kept = create_document(
        upload("kept.pdf", files.pdf_bytes(1)), original_name="kept.pdf", title_en="Kept"
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        create_document(
            upload("lost.pdf", files.pdf_bytes(2)), original_name="lost.pdf", title_en="Lost"
        )
        raise RuntimeError("the import stopped half way")
    assert Document.objects.count() == 1
    stored = {p.relative_to(media_root).as_posix() for p in media_root.rglob("*") if p.is_file()}
    assert len(stored) == 4  # two files and two previews

    out = io.StringIO()
    call_command("sweep_document_files", "--min-age", "0", stdout=out)

    left = {p.relative_to(media_root).as_posix() for p in media_root.rglob("*") if p.is_file()}
    assert left == {kept.file.name, kept.preview.name}
    assert "2 unreferenced files deleted." in out.getvalue()


def test_recent_files_are_left_alone(media_root):
    with pytest.raises(RuntimeError), transaction.atomic():
        create_document(
            upload("new.pdf", files.pdf_bytes(1)), original_name="new.pdf", title_en="New"
        )
        raise RuntimeError
    call_command("sweep_document_files", stdout=io.StringIO())
    assert len([p for p in media_root.rglob("*") if p.is_file()]) == 2
