"""The real page of the old site (../shared/seeds/000_*.txt), when it is there.

Importing it must give the event the demo shows for the 37th meeting: the Chairman's
message, two guest speakers with their roles and six good-practice papers, each with its
member institution, and the old addresses must lead to the page and to its downloads.
"""

import datetime
import io
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from documents import demo as documents_demo
from documents.models import Document
from events import demo as events_demo
from events.models import Event
from tests.importer.conftest import linked_files, make_files

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
SEED_PAGES = sorted(SEEDS.glob("000_*.txt")) if SEEDS.is_dir() else []
PERMALINK = "/events/ASSA-Board-Meeting/cambodia-2020"

requires_seed = pytest.mark.skipif(
    not SEED_PAGES, reason=f"the old site's page is not there ({SEEDS}/000_*.txt)"
)


@pytest.fixture
def seed(tmp_path):
    """The seed page as a .md page, and a files folder with a placeholder for each link."""
    page = tmp_path / "pages" / "cambodia-2020.md"
    page.parent.mkdir()
    shutil.copy(SEED_PAGES[0], page)
    files = make_files(tmp_path / "files", [page])
    return page, files


EXPECTED = [
    ("chairman-message", "Message from the ASSA Chairman", "", None),
    (
        "speaker",
        "Covid-19: Temporary Crisis or Turning Point for Social Security Coverage?",
        "Jens Schremmer",
        None,
    ),
    (
        "speaker",
        "How to Extend Social Protection to Workers in Informal Employment in the ASEAN Region",
        "Nuno Meira Simoes Da Cunha",
        None,
    ),
    ("good-practice", "Coverage Expansion and Progress of NSSF", "", "nssf-cambodia"),
    ("good-practice", "Towards Sustainable Well-Being for Gig Workers", "", "epf-malaysia"),
    (
        "good-practice",
        "Implementation of Health Insurance for Workers in Informal Economy",
        "",
        "philhealth",
    ),
    ("good-practice", "Portability of Social Security for Migrant Workers", "", "sss-philippines"),
    ("good-practice", "Efficiency Communication", "", "sso-thailand"),
    (
        "good-practice",
        "Experience Sharing Securing Social Security for Businesses and People During COVID-19",
        "",
        "vss-vietnam",
    ),
]


@requires_seed
def test_the_seed_page_gives_the_37th_board_meeting(institutions, run_import, seed, client):
    page, files = seed
    output = run_import(page, files=files)
    event = Event.objects.get(legacy_permalink=PERMALINK)
    assert (event.kind, event.number, event.slug) == ("assa-board-meeting", 37, "cambodia-2020")
    assert event.title_en == "Cambodia 2020"
    assert event.numbered_name == "37th ASSA Board Meeting"
    assert (event.country, event.starts_on, event.format, event.status) == (
        "KH",
        datetime.date(2020, 12, 9),
        "virtual",
        "held",
    )
    assert event.host == institutions["nssf-cambodia"]
    assert event.is_published
    assert event.body_en == ""  # everything on the page was understood

    items = list(event.presentations.select_related("institution", "document"))
    assert [
        (p.category, p.title_en, p.speaker_name, p.institution and p.institution.slug)
        for p in items
    ] == EXPECTED
    assert items[1].speaker_role_en == (
        "Head of Office of the Secretiary-General, International Social Security Association"
    )
    assert items[2].speaker_role_en == (
        "Senior Technical Specialist on Social Protection, International Labor Organization"
    )
    assert all(p.document and p.document.status == "approved" for p in items)

    assert "Documents: 9 created, 0 updated, 0 unchanged" in output
    for heading in (
        "Missing files",
        "Files refused",
        "Unmatched institutions",
        "Kept as body",
        "Warnings",
    ):
        assert f"{heading}" in output
    assert output.count(": none") == 6

    # The event page shows the programme.
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Jens Schremmer", "Nuno Meira Simoes Da Cunha", "Efficiency Communication"):
        assert text in html


@requires_seed
def test_the_seed_pages_old_addresses_redirect(institutions, run_import, seed, client):
    page, files = seed
    run_import(page, files=files)
    event = Event.objects.get(legacy_permalink=PERMALINK)
    response = client.get(PERMALINK)
    assert (response.status_code, response["Location"]) == (301, event.get_absolute_url())
    paths = linked_files(page)
    assert len(paths) == 9
    for path in paths:
        response = client.get(quote(path))
        document = Document.objects.get(legacy_paths__path=path)
        assert (response.status_code, response["Location"]) == (301, document.get_download_url())
        assert client.get(response["Location"]).status_code == 200


@requires_seed
def test_importing_the_seed_page_completes_the_demos_37th_meeting(seed, run_import):
    """On a site with the demo loaded, the import finds the demo's event: no second 37th."""
    events_demo.load(stdout=io.StringIO())
    documents_demo.programmes()  # the meetings' programmes are the documents app's
    demo_event = Event.objects.get(kind="assa-board-meeting", number=37)
    demo_programme = list(
        demo_event.presentations.values_list("category", "institution__slug", "speaker_name")
    )
    page, files = seed
    output = run_import(page, files=files)
    assert Event.objects.filter(number=37).count() == 1
    event = Event.objects.get(number=37)
    assert event.pk == demo_event.pk
    programme = list(
        event.presentations.values_list("category", "institution__slug", "speaker_name")
    )
    # the same programme; the demo's minutes (not on the old page) are left as they were
    assert programme == demo_programme
    assert "Presentations: 0 created" in output
