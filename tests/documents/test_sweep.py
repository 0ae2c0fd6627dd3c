import io

import pytest
from django.core.management import call_command
from django.db import transaction

from documents.models import Document
from documents.services import create_document
from tests.documents import files
from tests.documents.conftest import upload

pytestmark = pytest.mark.django_db(transaction=True)


def stored(root) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_files_left_by_a_rolled_back_outer_transaction_are_swept(private_media_root):
    kept = create_document(
        upload("kept.pdf", files.pdf_bytes(1)), original_name="kept.pdf", title_en="Kept"
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        create_document(
            upload("lost.pdf", files.pdf_bytes(2)), original_name="lost.pdf", title_en="Lost"
        )
        raise RuntimeError("the import stopped half way")
    assert Document.objects.count() == 1
    assert len(stored(private_media_root)) == 4  # two files and two previews

    out = io.StringIO()
    call_command("sweep_document_files", "--min-age", "0", stdout=out)

    assert stored(private_media_root) == {kept.file.name, kept.preview.name}
    assert "2 unreferenced files were deleted" in out.getvalue()


def test_recent_files_are_left_alone(private_media_root):
    with pytest.raises(RuntimeError), transaction.atomic():
        create_document(
            upload("new.pdf", files.pdf_bytes(1)), original_name="new.pdf", title_en="New"
        )
        raise RuntimeError
    call_command("sweep_document_files", stdout=io.StringIO())
    assert len(stored(private_media_root)) == 2


def test_public_previews_follow_publication(media_root, private_media_root):
    """A public copy left for an unpublished document goes; a missing one comes back."""
    published = create_document(
        upload("out.pdf", files.pdf_bytes(1)),
        original_name="out.pdf",
        title_en="Out",
        status="approved",
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        # Published, then rolled back by the caller after the public copy was made.
        lost = create_document(
            upload("back.pdf", files.pdf_bytes(2)),
            original_name="back.pdf",
            title_en="Back",
            status="approved",
        )
        raise RuntimeError
    assert (media_root / lost.preview.name).exists()
    (media_root / published.preview.name).unlink()

    out = io.StringIO()
    call_command("sweep_document_files", "--min-age", "0", stdout=out)

    assert stored(media_root) == {published.preview.name}
    assert "1 public previews were restored" in out.getvalue()
