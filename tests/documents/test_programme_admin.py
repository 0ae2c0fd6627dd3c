"""The programme of a meeting edited on the event's admin page: each item's file uploaded
right there (stored by the documents service, all or nothing) or chosen from the library
by a search-as-you-type field."""

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.middleware.body_limits import _admin_takes_files
from documents import admin as documents_admin
from documents.models import Document, Presentation
from events.models import Event
from tests.documents import files
from tests.events.test_admin import ADD_URL, event_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client, secretariat):
    client.force_login(secretariat)
    return client


def item(index: int, **fields) -> dict:
    """The POST fields of the programme's row ``index``."""
    values = {
        "id": "",
        "category": "good-practice",
        "order": str(10 * (index + 1)),
        "title_en": f"Item {index}",
        "title_km": "",
        "speaker_name": "",
        "speaker_role_en": "",
        "speaker_role_km": "",
        "institution": "",
        "document": "",
    } | fields
    return {f"presentations-{index}-{name}": value for name, value in values.items()}


def programme(*rows: dict, initial: int = 0) -> dict:
    data = {
        "presentations-TOTAL_FORMS": str(len(rows)),
        "presentations-INITIAL_FORMS": str(initial),
    }
    for row in rows:
        data |= row
    return data


def pdf(name: str, width: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, files.pdf_bytes(2, width=width), "application/pdf")


def stored(root) -> list:
    return sorted(path for path in root.rglob("*") if path.is_file())


def row_errors(response, index: int) -> dict:
    for formset in response.context["inline_admin_formsets"]:
        if formset.formset.prefix == "presentations":
            return formset.formset.forms[index].errors
    raise AssertionError("no programme on the page")


def test_the_clerk_uploads_the_programmes_files_on_the_meeting_page(
    clerk_client, secretariat, nssf, sso, private_media_root
):
    message = pdf("Chairman message.pdf", 401)
    paper = pdf("Pension reform.pdf", 402)
    data = event_data() | programme(
        item(
            0,
            category="chairman-message",
            title_en="Message from the ASSA Chairman",
            title_km="សារលិខិតរបស់ប្រធាន ASSA",
            institution=str(nssf.pk),
            upload=message,
        ),
        item(1, title_en="Pension reform in Thailand", institution=str(sso.pk), upload=paper),
    )
    response = clerk_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    event = Event.objects.get(slug="cambodia-2020")
    first, second = event.presentations.order_by("order")
    for presentation, institution, kind, name in (
        (first, nssf, "message", "Chairman message.pdf"),
        (second, sso, "paper", "Pension reform.pdf"),
    ):
        document = presentation.document
        assert document.event == event
        assert document.title_en == presentation.title_en
        assert document.institution == institution
        assert (document.kind, document.language, document.status) == (kind, "en", "approved")
        assert document.original_name == name
        assert document.uploaded_by == secretariat and document.decided_by == secretariat
        assert document.page_count == 2 and document.preview
    assert first.document.title_km == "សារលិខិតរបស់ប្រធាន ASSA"
    assert Document.objects.count() == 2

    # On the public page, each item links its file, and the files download.
    page = clerk_client.get(event.get_absolute_url()).content.decode()
    for presentation, upload in ((first, message), (second, paper)):
        url = presentation.document.get_download_url()
        assert f'href="{url}"' in page
        download = clerk_client.get(url)
        upload.seek(0)
        assert b"".join(download.streaming_content) == upload.read()


def test_an_item_added_later_gets_its_file_and_the_others_keep_theirs(
    clerk_client, make_pdf_document, meeting
):
    existing = make_pdf_document(title_en="Old paper", event=meeting)
    kept = Presentation.objects.create(
        event=meeting, category="report", title_en="Report", order=10, document=existing
    )
    change = reverse("admin:events_event_change", args=[meeting.pk])
    data = event_data(number="37", slug=meeting.slug, title_en=meeting.title_en) | programme(
        item(0, id=str(kept.pk), category="report", title_en="Report", document=str(existing.pk)),
        item(1, category="speaker", title_en="Ageing and pensions", upload=pdf("ageing.pdf", 403)),
        initial=1,
    )
    response = clerk_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    kept.refresh_from_db()
    assert kept.document == existing
    new = meeting.presentations.get(title_en="Ageing and pensions")
    assert (new.document.kind, new.document.event) == ("presentation", meeting)


def test_a_bad_file_is_an_error_on_its_row_and_nothing_is_saved(clerk_client, private_media_root):
    data = event_data() | programme(
        item(0, title_en="Good file", upload=pdf("good.pdf", 404)),
        item(
            1,
            title_en="Broken file",
            upload=SimpleUploadedFile("broken.pdf", files.corrupt_pdf_bytes()),
        ),
    )
    response = clerk_client.post(ADD_URL, data)
    assert response.status_code == 200
    errors = row_errors(response, 1)
    assert list(errors) == ["upload"]
    assert "PDF" in errors["upload"][0]
    assert not row_errors(response, 0)
    html = response.content.decode()
    assert errors["upload"][0] in html.replace("&#x27;", "'")
    assert not Event.objects.exists()
    assert not Document.objects.exists() and not Presentation.objects.exists()
    assert stored(private_media_root) == []


def test_a_bad_file_on_an_existing_meeting_changes_nothing(
    clerk_client, meeting, private_media_root
):
    change = reverse("admin:events_event_change", args=[meeting.pk])
    data = event_data(number="37", slug=meeting.slug, title_en="Renamed") | programme(
        item(0, upload=SimpleUploadedFile("notes.txt", b"just text"))
    )
    response = clerk_client.post(change, data)
    assert response.status_code == 200 and row_errors(response, 0)["upload"]
    meeting.refresh_from_db()
    assert meeting.title_en == "Cambodia 2020"
    assert not meeting.presentations.exists() and not Document.objects.exists()
    assert stored(private_media_root) == []


def test_a_failure_while_storing_leaves_no_file_no_document_and_no_item(
    clerk_client, monkeypatch, private_media_root, media_root
):
    """The second file cannot be stored (say, the disk is full) after the first was: the
    page's transaction rolls every row back and the first file is deleted too."""
    real = documents_admin.store_new_document
    calls = []

    def failing(document, upload, **kwargs):
        calls.append(upload.name)
        if len(calls) == 2:
            raise OSError("No space left on device")
        return real(document, upload, **kwargs)

    monkeypatch.setattr(documents_admin, "store_new_document", failing)
    data = event_data() | programme(
        item(0, upload=pdf("first.pdf", 405)),
        item(1, upload=pdf("second.pdf", 406)),
    )
    with pytest.raises(OSError):
        clerk_client.post(ADD_URL, data)
    assert calls == ["first.pdf", "second.pdf"]
    assert not Event.objects.exists()
    assert not Document.objects.exists() and not Presentation.objects.exists()
    assert stored(private_media_root) == [] and stored(media_root) == []


def test_upload_or_library_not_both(clerk_client, make_pdf_document):
    existing = make_pdf_document(title_en="In the library")
    data = event_data() | programme(
        item(0, document=str(existing.pk), upload=pdf("new.pdf", 407)),
    )
    response = clerk_client.post(ADD_URL, data)
    assert row_errors(response, 0)["upload"] == [
        "Choose a file from the library or upload a new one, not both."
    ]
    assert Document.objects.count() == 1 and not Event.objects.exists()


def test_a_file_already_in_the_library_is_refused_with_a_link_to_it(
    clerk_client, make_pdf_document
):
    existing = make_pdf_document(title_en="Already here")
    existing.file.open("rb")
    data_bytes = existing.file.read()
    existing.file.close()
    data = event_data() | programme(
        item(0, upload=SimpleUploadedFile("again.pdf", data_bytes)),
    )
    response = clerk_client.post(ADD_URL, data)
    [message] = row_errors(response, 0)["upload"]
    assert "This file has already been uploaded, as “Already here”." in message
    assert existing.get_absolute_url() in message
    assert Document.objects.count() == 1


def test_the_same_file_twice_in_one_programme_is_refused(clerk_client):
    body = files.pdf_bytes(1, width=408)
    data = event_data() | programme(
        item(0, upload=SimpleUploadedFile("a.pdf", body)),
        item(1, upload=SimpleUploadedFile("b.pdf", body)),
    )
    response = clerk_client.post(ADD_URL, data)
    assert not row_errors(response, 0)
    assert row_errors(response, 1)["upload"] == [
        "The same file is uploaded for another item of this programme."
    ]
    assert not Document.objects.exists()


def test_a_khmer_titled_item_makes_a_khmer_document(clerk_client):
    data = event_data() | programme(
        item(0, title_en="សុន្ទរកថារបស់ប្រធាន", upload=pdf("speech.pdf", 409)),
    )
    assert clerk_client.post(ADD_URL, data).status_code == 302
    assert Document.objects.get().language == "km"


def test_the_library_field_searches_as_you_type(clerk_client, make_pdf_document, meeting):
    wanted = make_pdf_document(title_en="Pension reform in Thailand")
    make_pdf_document(title_en="Health cover")
    page = clerk_client.get(reverse("admin:events_event_change", args=[meeting.pk]))
    html = page.content.decode()
    assert 'class="admin-autocomplete"' in html and 'data-field-name="document"' in html
    assert "vForeignKeyRawIdAdminField" not in html
    answer = clerk_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "documents",
            "model_name": "presentation",
            "field_name": "document",
            "term": "pension",
        },
    ).json()
    assert [(r["id"], r["text"]) for r in answer["results"]] == [
        (str(wanted.pk), "Pension reform in Thailand")
    ]
    # The page takes files: its form is multipart and the body limit is a document's.
    assert 'enctype="multipart/form-data"' in html
    assert _admin_takes_files(admin.site._registry[Event])


def test_the_event_page_has_an_upload_field_on_each_item(clerk_client):
    html = clerk_client.get(ADD_URL).content.decode()
    assert 'name="presentations-__prefix__-upload"' in html
    assert "Or upload its file" in html


def test_a_chosen_document_is_linked(clerk_client, make_pdf_document, meeting):
    chosen = make_pdf_document(title_en="Chosen")
    change = reverse("admin:events_event_change", args=[meeting.pk])
    data = event_data(number="37", slug=meeting.slug) | programme(
        item(0, title_en="Chosen item", document=str(chosen.pk))
    )
    assert clerk_client.post(change, data).status_code == 302
    assert meeting.presentations.get().document == chosen
    assert Document.objects.count() == 1
