"""A visitor reads the site: home, an event and one of its files, the other language,
the news, the document library with a filter, the member directory."""

import hashlib
import re

import pytest
from playwright.sync_api import expect

from documents.models import Document
from tests.e2e.support import LANGUAGES

pytestmark = pytest.mark.e2e

OTHER = {"en": "km", "km": "en"}
MEETING_37 = {"en": "37th ASSA Board Meeting", "km": "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៣៧"}
FORUM = "nssf-oxfam-regional-forum-svay-rieng-2023"
NSSF_MEMBERS = {"en": "3,120,208", "km": "៣,១២០,២០៨"}


def switch_language(page, to: str) -> None:
    page.locator(f'.language-switcher a[data-language="{to}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", to)


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor(open_page, site, shoot, language):
    page = open_page(language)
    page.goto(f"/{language}/")
    shoot(page, "home")
    expect(page.locator("main h1")).to_be_visible()

    # The home page lists the 37th board meeting among those recently held.
    event_path = f"/{language}/events/assa-board-meeting/cambodia-2020/"
    page.locator(f'.home-past a[href="{event_path}"]').click()
    expect(page).to_have_url(site(event_path))
    expect(page.locator("main h1")).to_have_text(MEETING_37[language])
    shoot(page, "event")

    # A presentation's file: the download answers with the stored file itself.
    paper = Document.objects.get(title_en="Coverage Expansion and Progress of NSSF")
    link = page.locator(f'.programme-item a.file-link[href="{paper.get_download_url()}"]')
    expect(link).to_be_visible()
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(response.body()).hexdigest() == paper.sha256
    assert paper.original_name in response.headers["content-disposition"]

    # The other language, on the same page, and back.
    switch_language(page, OTHER[language])
    expect(page).to_have_url(site(f"/{OTHER[language]}/events/assa-board-meeting/cambodia-2020/"))
    expect(page.locator("main h1")).to_have_text(MEETING_37[OTHER[language]])
    shoot(page, "event in the other language")
    switch_language(page, language)
    expect(page).to_have_url(site(event_path))

    # The news: from the list to an article.
    page.locator(".site-nav").get_by_role("link", name=re.compile("News|ព័ត៌មាន")).click()
    expect(page).to_have_url(site(f"/{language}/news/"))
    shoot(page, "news")
    page.locator(f'.article-card-title a[href="/{language}/news/{FORUM}/"]').click()
    expect(page).to_have_url(site(f"/{language}/news/{FORUM}/"))
    title = {"en": "NSSF and Oxfam", "km": "ប.ស.ស. និងអង្គការអុកស្វាម"}[language]
    expect(page.locator("main h1")).to_contain_text(title)
    cover = page.locator(".article-cover img")
    expect(cover).to_be_visible()
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    shoot(page, "article")

    # The library, filtered to NSSF's papers.
    page.locator(".site-nav").get_by_role("link", name=re.compile("Documents|ឯកសារ")).click()
    expect(page).to_have_url(site(f"/{language}/documents/"))
    everything = page.locator(".doc-row").count()
    shoot(page, "library")
    page.locator("#id_kind").select_option("paper")
    page.locator("#id_institution").select_option("nssf-cambodia")
    page.locator(".library-filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/documents/\?.*kind=paper.*institution=nssf-cambodia"))
    shoot(page, "library filtered")
    rows = page.locator(".doc-row")
    expected = Document.objects.published().filter(kind="paper", institution__slug="nssf-cambodia")
    expect(rows).to_have_count(expected.count())
    assert 0 < expected.count() < everything
    expect(rows.locator(f'.doc-title a[href="/{language}/documents/{paper.pk}/"]')).to_be_visible()

    # The member directory, to one institution and its key figures.
    page.locator(".site-nav").get_by_role("link", name=re.compile("Members|សមាជិក")).click()
    expect(page).to_have_url(site(f"/{language}/members/"))
    shoot(page, "members")
    page.locator('.member-card a[href$="/members/nssf-cambodia/"]').click()
    expect(page).to_have_url(site(f"/{language}/members/nssf-cambodia/"))
    expect(page.locator(".member-figure-list")).to_contain_text(NSSF_MEMBERS[language])
    shoot(page, "institution")
