"""A secretariat clerk (staff in the Secretariat group, not a superuser) works in the admin:
a board meeting whose programme she builds on its own page (files uploaded on their items,
one chosen from the library as she types), published and seen on the site; an article in
both languages with a cover picture, previewed, then published."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from documents.models import Document
from events.models import Event
from members.models import MemberInstitution
from news.models import Article
from tests.documents.files import pdf_bytes
from tests.e2e.support import LANGUAGES, PASSWORD

pytestmark = pytest.mark.e2e

# Each language's run makes its own meeting and article, so both can share one database.
# (The demo has the 40th meeting, ahead of today.)
MEETING = {
    "en": {"number": 45, "title_en": "Siem Reap", "title_km": "សៀមរាប"},
    "km": {"number": 46, "title_en": "Siem Reap", "title_km": "សៀមរាប"},
}
MEETING_NAME = {"en": "45th ASSA Board Meeting", "km": "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៤៦"}
ARTICLE = {
    "en": {
        "title_en": "Board members visit a provincial NSSF office",
        "title_km": "សមាជិកក្រុមប្រឹក្សាភិបាលទស្សនកិច្ចការិយាល័យ ប.ស.ស. ខេត្ត",
    },
    "km": {
        "title_en": "New call centre hours for members",
        "title_km": "ម៉ោងធ្វើការថ្មីរបស់មជ្ឈមណ្ឌលទូរស័ព្ទសម្រាប់សមាជិក",
    },
}


def pdf_upload(name: str, seed: int) -> dict:
    # Pages of different widths make different files: the library refuses duplicates.
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(2, width=400 + seed)}


def jpeg_upload(name: str) -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), (18, 60, 105)).save(buffer, "JPEG")
    return {"name": name, "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def log_in_to_admin(page, shoot, username: str) -> None:
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    shoot(page, "admin login")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def saved(page) -> None:
    """The admin said the save worked (and showed no form error)."""
    expect(page.locator(".errornote")).to_have_count(0)
    expect(page.locator(".messagelist .success")).to_be_visible()


def add_document(page, shoot, title: str, kind: str, upload: dict, institution: int) -> None:
    page.goto("/admin/documents/document/add/")
    page.locator("#id_title_en").fill(title)
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_language").select_option("en")
    page.locator("#id_institution").select_option(str(institution))
    page.locator("#id_upload").set_input_files(upload)
    shoot(page, "document form")
    page.locator("[name=_save]").first.click()
    saved(page)


def choose_in_autocomplete(page, row: str, search: str, option: str) -> None:
    """Pick ``option`` in the search-as-you-type field of the programme's row ``row``."""
    page.locator(f"#{row} .field-document .select2-selection").click()
    field = page.locator(".select2-container--open .select2-search__field")
    field.fill(search)
    page.locator(".select2-results__option", has_text=option).click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_secretariat_publishes_a_board_meeting(open_page, site, shoot, language):
    """The clerk builds a meeting's programme on the meeting's own page: two files uploaded
    on their items (a broken one refused there first), one chosen from the library as she
    types; the public page then lists the three, and each downloads."""
    clerk = site.users["clerk"]
    assert not clerk.is_superuser and clerk.groups.filter(name="Secretariat").exists()
    meeting = MEETING[language]
    nssf = MemberInstitution.objects.get(slug="nssf-cambodia")
    sso = MemberInstitution.objects.get(slug="sso-thailand")
    vss = MemberInstitution.objects.get(slug="vss-vietnam")

    page = open_page(language)
    log_in_to_admin(page, shoot, "clerk")
    expect(page.locator("html")).to_have_attribute("lang", language)
    shoot(page, "admin home")

    # One paper is in the library already; the other files come with the programme.
    uploads = {
        "message": pdf_upload("Chairman message.pdf", seed=meeting["number"] * 3),
        "paper": pdf_upload("Pension reform in Thailand.pdf", seed=meeting["number"] * 3 + 1),
        "speech": pdf_upload("Ageing and pensions.pdf", seed=meeting["number"] * 3 + 2),
    }
    paper_title = f"Pension reform, meeting {meeting['number']}"
    add_document(page, shoot, paper_title, "paper", uploads["paper"], sso.pk)
    paper = Document.objects.get(title_en=paper_title)

    # The meeting, as a draft. The heading comes from the number; the address is left
    # empty and made from the country and the year.
    page.goto("/admin/events/event/add/")
    page.locator("#id_kind").select_option("assa-board-meeting")
    page.locator("#id_number").fill(str(meeting["number"]))
    page.locator("#id_title_en").fill(meeting["title_en"])
    page.locator("#id_title_km").fill(meeting["title_km"])
    expect(page.locator("#id_slug")).to_have_value("")
    expect(page.locator("#id_is_published")).not_to_be_checked()
    held_on = timezone.localdate() - datetime.timedelta(days=10 + meeting["number"])
    page.locator("#id_starts_on").fill(held_on.isoformat())
    page.locator("#id_format").select_option("hybrid")
    page.locator("#id_host").select_option(str(nssf.pk))
    page.locator("#id_country").select_option("KH")
    page.locator("#id_city_en").fill("Siem Reap")
    page.locator("#id_city_km").fill("សៀមរាប")
    page.locator("#id_status").select_option("held")
    page.locator("#id_summary_en").fill("The board met in Siem Reap and online.")
    page.locator("#id_summary_km").fill("ក្រុមប្រឹក្សាភិបាលបានជួបប្រជុំនៅខេត្តសៀមរាប និងតាមប្រព័ន្ធអនឡាញ។")

    add_presentation = page.locator("#presentations-group .add-row a")
    add_presentation.click()
    page.locator("#id_presentations-0-category").select_option("chairman-message")
    page.locator("#id_presentations-0-order").fill("10")
    page.locator("#id_presentations-0-title_en").fill("Message from the ASSA Chairman")
    page.locator("#id_presentations-0-title_km").fill("សារលិខិតរបស់ប្រធាន ASSA")
    page.locator("#id_presentations-0-institution").select_option(str(nssf.pk))
    page.locator("#id_presentations-0-upload").set_input_files(uploads["message"])

    add_presentation.click()
    page.locator("#id_presentations-1-category").select_option("good-practice")
    page.locator("#id_presentations-1-order").fill("20")
    page.locator("#id_presentations-1-title_en").fill("Pension reform in Thailand")
    page.locator("#id_presentations-1-speaker_name").fill("Somchai Rattanakul")
    page.locator("#id_presentations-1-institution").select_option(str(sso.pk))
    # Chosen from the library as the clerk types, not by its number.
    choose_in_autocomplete(page, "presentations-1", "pension reform", paper_title)
    expect(page.locator("#id_presentations-1-document")).to_have_value(str(paper.pk))

    add_presentation.click()
    page.locator("#id_presentations-2-category").select_option("speaker")
    page.locator("#id_presentations-2-order").fill("30")
    page.locator("#id_presentations-2-title_en").fill("Ageing and the future of pensions")
    page.locator("#id_presentations-2-speaker_name").fill("Nguyen Thi Lan")
    page.locator("#id_presentations-2-institution").select_option(str(vss.pk))
    # First a broken file: refused on its own item, and nothing is saved.
    page.locator("#id_presentations-2-upload").set_input_files(
        {"name": "Ageing.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 broken"}
    )
    shoot(page, "meeting form with its programme")
    page.locator("[name=_continue]").first.click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator("#presentations-2 .errorlist")).to_be_visible()
    expect(page.locator("#presentations-0 .errorlist")).to_have_count(0)
    shoot(page, "a broken file refused on its item")
    assert not Event.objects.filter(number=meeting["number"]).exists()
    assert not Document.objects.filter(original_name="Chairman message.pdf").exists()

    # The page comes back with everything typed; the files are chosen again.
    expect(page.locator("#id_presentations-1-document")).to_have_value(str(paper.pk))
    page.locator("#id_presentations-0-upload").set_input_files(uploads["message"])
    page.locator("#id_presentations-2-upload").set_input_files(uploads["speech"])
    page.locator("[name=_continue]").first.click()
    saved(page)
    shoot(page, "meeting saved as a draft")
    event = Event.objects.get(kind="assa-board-meeting", number=meeting["number"])
    slug = f"cambodia-{held_on.year}"
    assert not event.is_published and event.slug == slug
    expect(page.locator("#id_slug")).to_have_value(slug)
    items = list(event.presentations.order_by("order"))
    assert [item.document.original_name for item in items] == [
        "Chairman message.pdf",
        "Pension reform in Thailand.pdf",
        "Ageing and pensions.pdf",
    ]
    message, speech = items[0].document, items[2].document
    assert (message.event, message.institution, message.kind) == (event, nssf, "message")
    assert (speech.event, speech.institution, speech.kind) == (event, vss, "presentation")
    assert message.title_km == "សារលិខិតរបស់ប្រធាន ASSA"
    expect(page.locator("#presentations-0 .field-current_file a")).to_have_text(
        "Chairman message.pdf"
    )
    public_path = f"/{language}/events/assa-board-meeting/{slug}/"

    # "View on site": the clerk sees the draft, marked as not published.
    page.locator("a.viewsitelink").click()
    expect(page).to_have_url(site(public_path))
    expect(page.locator("main h1")).to_have_text(MEETING_NAME[language])
    expect(page.locator("main .event-subtitle")).to_have_text(meeting[f"title_{language}"])
    expect(page.locator("main p.message-error")).to_be_visible()
    shoot(page, "draft seen by the clerk")
    page.go_back()

    # Unpublished: the public finds nothing there yet.
    visitor = open_page(language)
    assert visitor.goto(public_path).status == 404
    shoot(visitor, "not published yet")

    # Published from its form, it is on the site with its three files.
    page.locator("#id_is_published").check()
    page.locator("[name=_save]").first.click()
    saved(page)
    shoot(page, "meetings")
    event.refresh_from_db()
    assert event.is_published

    assert visitor.goto(public_path).status == 200
    expect(visitor.locator("main h1")).to_have_text(MEETING_NAME[language])
    expect(visitor.locator(".programme-item")).to_have_count(3)
    shoot(visitor, "meeting on the site")
    for document, upload in ((message, uploads["message"]), (paper, uploads["paper"])) + (
        (speech, uploads["speech"]),
    ):
        link = visitor.locator(f'.programme-item a.file-link[href="{document.get_download_url()}"]')
        expect(link).to_be_visible()
        response = visitor.request.get(link.get_attribute("href"))
        assert response.status == 200
        assert response.body() == upload["buffer"]

    # And among the events.
    visitor.goto(f"/{language}/events/")
    expect(visitor.locator(f'.event-card-title a[href="{public_path}"]')).to_have_text(
        MEETING_NAME[language]
    )
    shoot(visitor, "events")


@pytest.mark.parametrize("language", LANGUAGES)
def test_secretariat_writes_and_publishes_an_article(open_page, site, shoot, language):
    article = ARTICLE[language]
    nssf = MemberInstitution.objects.get(slug="nssf-cambodia")
    page = open_page(language)
    log_in_to_admin(page, shoot, "clerk")

    page.goto("/admin/news/article/add/")
    page.locator("#id_title_en").fill(article["title_en"])
    page.locator("#id_title_km").fill(article["title_km"])
    slug = re.sub(r"[^a-z0-9]+", "-", article["title_en"].lower()).strip("-")
    expect(page.locator("#id_slug")).to_have_value(slug)
    page.locator("#id_source_institution").select_option(str(nssf.pk))
    expect(page.locator("#id_status")).to_have_value("draft")
    page.locator("#id_summary_en").fill("What changes for members, in two sentences.")
    page.locator("#id_summary_km").fill("អ្វីដែលផ្លាស់ប្តូរសម្រាប់សមាជិក ក្នុងពីរប្រយោគ។")
    for code, text in (
        ("en", "The visit showed how members are served at a provincial office."),
        ("km", "ទស្សនកិច្ចនេះបានបង្ហាញពីរបៀបបម្រើសមាជិកនៅការិយាល័យខេត្ត។"),
    ):
        editor = page.locator(
            f".prose-editor:has(#id_body_{code}) .ProseMirror[contenteditable=true]"
        )
        editor.click()
        editor.press_sequentially(text)
    page.locator("#id_cover").set_input_files(jpeg_upload("provincial-office.jpg"))
    page.locator("#id_cover_alt_en").fill("Board members in front of the provincial office")
    page.locator("#id_cover_alt_km").fill("សមាជិកក្រុមប្រឹក្សាភិបាលនៅមុខការិយាល័យខេត្ត")
    shoot(page, "article form")
    page.locator("[name=_continue]").first.click()
    saved(page)
    shoot(page, "article saved as a draft")

    saved_article = Article.objects.get(slug=slug)
    assert saved_article.status == "draft"
    assert "provincial office" in saved_article.body_en
    assert "ការិយាល័យខេត្ត" in saved_article.body_km
    public_path = f"/{language}/news/{slug}/"
    visitor = open_page(language)
    assert visitor.goto(public_path).status == 404
    shoot(visitor, "not published yet")

    # The preview links of the form open the page as the public will see it.
    preview_name = {"en": "English", "km": "ខ្មែរ"}[language]
    with page.expect_popup() as opened:
        page.locator(".field-preview_links a", has_text=preview_name).click()
    preview = opened.value
    expect(preview).to_have_url(re.compile(re.escape(public_path) + "$"))
    expect(preview.locator(".preview-note")).to_be_visible()
    expect(preview.locator("main h1")).to_have_text(article[f"title_{language}"])
    cover = preview.locator(".article-cover img")
    expect(cover).to_be_visible()
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    shoot(preview, "preview")
    preview.close()

    page.locator("#id_status").select_option("published")
    page.locator("[name=_save]").first.click()
    saved(page)
    shoot(page, "articles")

    assert visitor.goto(f"/{language}/news/").status == 200
    first = visitor.locator(".article-card").first
    expect(first.locator(".article-card-title")).to_have_text(article[f"title_{language}"])
    shoot(visitor, "news with the article")
    first.locator(".article-card-title a").click()
    expect(visitor).to_have_url(re.compile(re.escape(public_path) + "$"))
    expect(visitor.locator(".preview-note")).to_have_count(0)
    expect(visitor.locator(".article-body")).to_contain_text(
        {"en": "provincial office", "km": "ការិយាល័យខេត្ត"}[language]
    )
    expect(visitor.locator(".article-cover img")).to_have_attribute(
        "alt",
        {
            "en": "Board members in front of the provincial office",
            "km": "សមាជិកក្រុមប្រឹក្សាភិបាលនៅមុខការិយាល័យខេត្ត",
        }[language],
    )
    shoot(visitor, "article on the site")


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_widgets_work_under_the_content_security_policy(open_page, site, shoot, language):
    """The admin's date and time pickers and the rich-text editor (with Tiptap's stylesheet,
    allowed by its hash) work with the site's policy on; ``open_page`` fails the test on any
    violation."""
    page = open_page(language, user=site.users["clerk"])
    page.goto("/admin/news/article/add/")

    page.locator("#calendarlink0").click()
    expect(page.locator("#calendarbox0")).to_be_visible()
    page.locator("#calendarin0 td a").first.click()
    expect(page.locator("#id_published_at_0")).not_to_have_value("")
    page.locator("#clocklink0").click()
    expect(page.locator("#clockbox0")).to_be_visible()
    page.locator("#clockbox0 ul.timelist a").nth(3).click()
    expect(page.locator("#id_published_at_1")).not_to_have_value("")

    editor = page.locator(".prose-editor:has(#id_body_en) .ProseMirror[contenteditable=true]")
    expect(page.locator(".prose-editor:has(#id_body_en) .prose-menubar")).to_be_visible()
    assert editor.evaluate("e => getComputedStyle(e).whiteSpace") == "break-spaces"
    editor.click()
    editor.press_sequentially("Under the policy")
    expect(page.locator("#id_body_en")).to_have_value(re.compile("Under the policy"))
    shoot(page, "article form with the pickers open")
