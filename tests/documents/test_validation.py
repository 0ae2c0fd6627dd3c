"""The validation matrix: what is accepted and why the rest is refused, in both languages."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from documents.validation import validate_upload
from tests.documents import files
from tests.documents.conftest import upload

ACCEPTED = [
    ("paper.pdf", lambda: files.pdf_bytes(3), "application/pdf", 3),
    (
        "paper.docx",
        files.docx_bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        None,
    ),
    (
        "slides.pptx",
        files.pptx_bytes,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        None,
    ),
    (
        "table.xlsx",
        files.xlsx_bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        None,
    ),
    ("chart.png", lambda: files.image_bytes("PNG"), "image/png", None),
    ("photo.jpg", lambda: files.image_bytes("JPEG"), "image/jpeg", None),
    ("photo.webp", lambda: files.image_bytes("WEBP"), "image/webp", None),
]


@pytest.mark.parametrize(("name", "make", "content_type", "pages"), ACCEPTED)
def test_real_files_are_accepted_by_their_content(name, make, content_type, pages):
    checked = validate_upload(upload(name, make()), name)
    assert checked.file_type.content_type == content_type
    assert checked.page_count == pages
    assert checked.original_name == name


REJECTED = [
    ("setup.pdf", files.EXE_BYTES, "executable", "Programs, scripts and installers"),
    ("tool.pdf", files.ELF_BYTES, "executable", "Programs, scripts and installers"),
    ("page.pdf", files.HTML_BYTES, "html", "Web pages (HTML) are not accepted"),
    ("drawing.svg", files.SVG_BYTES, "svg", "SVG drawings are not accepted"),
    ("empty.pdf", b"", "empty", "The file is empty"),
    ("broken.pdf", files.corrupt_pdf_bytes(), "pdf_corrupt", "This PDF is damaged"),
    ("locked.pdf", files.encrypted_pdf_bytes(), "pdf_encrypted", "protected by a password"),
    ("macros.docx", files.docm_bytes(), "office_macros", "Office files with macros"),
    ("archive.zip", files.plain_zip_bytes(), "zip", "Zip archives are not accepted"),
    ("cut.png", files.truncated_png_bytes(), "image_corrupt", "This image is damaged"),
    ("notes.txt", b"Just some notes", "unsupported", "This kind of file is not accepted"),
    ("renamed.pdf", files.docx_bytes(), "name_mismatch", "ends in “.pdf” but its content"),
]


@pytest.mark.parametrize(("name", "data", "code", "message"), REJECTED)
def test_bad_files_are_rejected_with_their_own_message(name, data, code, message):
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload(name, data), name)
    assert caught.value.code == code
    assert message in caught.value.messages[0]


def test_oversized_file_is_rejected_with_the_limit(settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    data = files.pdf_bytes() + b"\n%" + b"x" * (1536 * 1024)
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload("big.pdf", data), "big.pdf")
    assert caught.value.code == "too_large"
    assert caught.value.messages[0] == ("The file is 1.5\xa0MB; the largest file accepted is 1 MB.")


def test_every_rejection_has_a_different_message():
    messages = set()
    for name, data, code, _message in REJECTED:
        try:
            validate_upload(upload(name, data), name)
        except ValidationError as error:
            messages.add((code, error.messages[0]))
    assert len({code for code, _ in messages}) == len({message for _, message in messages})


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("locked.pdf", files.encrypted_pdf_bytes()),
        ("setup.pdf", files.EXE_BYTES),
        ("empty.pdf", b""),
        ("broken.pdf", files.corrupt_pdf_bytes()),
    ],
)
def test_rejections_are_in_the_users_language(name, data):
    with translation.override("km"), pytest.raises(ValidationError) as caught:
        validate_upload(upload(name, data), name)
    message = caught.value.messages[0]
    assert any("\u1780" <= ch <= "\u17ff" for ch in message), message


def test_a_file_without_a_suffix_gets_the_right_one():
    checked = validate_upload(upload("minutes", files.pdf_bytes()), "minutes")
    assert checked.original_name == "minutes.pdf"


def test_folders_in_the_name_are_dropped():
    checked = validate_upload(upload("a.pdf", files.pdf_bytes()), "C:\\Users\\me\\ឯកសារ.pdf")
    assert checked.original_name == "ឯកសារ.pdf"
