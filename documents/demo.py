"""Demo content of the documents app (runs after members.demo and events.demo).

- Every presentation without a file gets a generated PDF that says plainly it is a
  placeholder for the real paper, stored through ``services.create_document`` as a
  published document, so every link of the demo site works.
- A few more documents for the library (one in Khmer, one image, one still waiting for
  the secretariat, one rejected), so each page has something to show.
- A scanned notice (an image-only PDF, ``documents.scans``) whose Khmer and English text
  OCR reads, so its page shows the recognised text and search finds its words. The
  placeholders above are images too, but their text is their title: they are not read.
- On development sites (DEBUG), a member user for NSSF Cambodia to try the portal.

Idempotent: a presentation that has a document is left alone; the other documents are
found again by title; an identical placeholder already stored is reused.
"""

from __future__ import annotations

import datetime
import io
import textwrap

import fontpkg_noto_sans_khmer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from documents import scans
from documents.models import (
    Document,
    DocumentKind,
    DocumentLanguage,
    DocumentStatus,
    Presentation,
    PresentationCategory,
)
from documents.services import DuplicateDocument, create_document
from events.demo import institution
from events.models import Event, EventKind
from members.models import MemberInstitution, Membership

DEMO_MEMBER = ("nssf", "nssf-portal-demo")

KIND_OF_CATEGORY = {
    "chairman-message": DocumentKind.MESSAGE,
    "speaker": DocumentKind.PRESENTATION,
    "good-practice": DocumentKind.PAPER,
    "minutes": DocumentKind.MINUTES,
    "report": DocumentKind.REPORT,
}

PAGE_SIZE = (827, 1169)  # A4 at 100 dots per inch
NAVY = (18, 60, 105)
GREY = (90, 98, 110)


def _font(size: int, khmer: bool = False):
    if khmer:
        fonts = sorted((fontpkg_noto_sans_khmer.ROOT / "files").glob("*.ttf"))
        if fonts:
            return ImageFont.truetype(str(fonts[0]), size)
    return ImageFont.load_default(size=size)


def placeholder_pdf(lines: list[tuple[str, int, bool]], heading: str) -> bytes:
    """An A4 page that says it stands in for a real document, with its title and facts."""
    page = Image.new("RGB", PAGE_SIZE, "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, PAGE_SIZE[0], 90), fill=NAVY)
    draw.text((60, 28), "ASSA", font=_font(34), fill=(244, 196, 48))
    draw.text((170, 36), "ASEAN Social Security Association", font=_font(24), fill="white")
    draw.rectangle((60, 130, PAGE_SIZE[0] - 60, 200), outline=(164, 38, 44), width=4)
    draw.text((80, 146), heading, font=_font(30), fill=(164, 38, 44))
    y = 250
    for text, size, khmer in lines:
        width = 44 if size >= 30 else 62
        for line in textwrap.wrap(text, width=width) or [""]:
            draw.text((60, y), line, font=_font(size, khmer), fill=NAVY if size >= 30 else GREY)
            y += int(size * (1.9 if khmer else 1.45))
        y += 18
    draw.text(
        (60, PAGE_SIZE[1] - 90),
        "Generated for the demonstration site. Not an official ASSA document.",
        font=_font(18),
        fill=GREY,
    )
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=100.0)
    return buffer.getvalue()


def file_name(title: str) -> str:
    """A file name from a title: no characters that some systems refuse, at most ~100 long."""
    for char in '<>:"/\\|?*':
        title = title.replace(char, {":": " ", "?": ""}.get(char, "-"))
    title = " ".join(title.split())
    if len(title) > 100:
        title = title[:100].rsplit(" ", 1)[0]
    return f"{title.rstrip(' .')}.pdf"


def _store(data: bytes, name: str, *, ocr: bool = False, **fields) -> Document:
    upload = File(io.BytesIO(data), name=name)
    try:
        return create_document(upload, original_name=name, ocr=ocr, **fields)
    except DuplicateDocument as duplicate:
        return duplicate.existing


def programme(event: Event, items: list[dict]) -> None:
    for order, item in enumerate(items, start=1):
        defaults = {
            "speaker_name": "",
            "speaker_role_en": "",
            "speaker_role_km": "",
            "institution": None,
            **item,
        }
        Presentation.objects.update_or_create(event=event, order=order * 10, defaults=defaults)


def programmes() -> None:
    """The programmes of the demo's board meetings (the events demo made the meetings)."""
    meeting_38 = Event.objects.get(kind=EventKind.BOARD_MEETING, slug="indonesia-2021")
    meeting_37 = Event.objects.get(kind=EventKind.BOARD_MEETING, slug="cambodia-2020")
    nssf = institution("nssf-cambodia")
    programme(
        meeting_38,
        [
            {
                "category": PresentationCategory.REPORT,
                "title_en": "Progress of the working group on migrant workers",
                "title_km": "វឌ្ឍនភាពរបស់ក្រុមការងារស្តីពីពលករចំណាកស្រុក",
            },
            {
                "category": PresentationCategory.REPORT,
                "title_en": (
                    "Research on the portability of social security benefits "
                    "among ASEAN member states"
                ),
                "title_km": ("ការស្រាវជ្រាវស្តីពីការផ្ទេរអត្ថប្រយោជន៍សន្តិសុខសង្គមរវាងរដ្ឋសមាជិកអាស៊ាន"),
            },
            {
                "category": PresentationCategory.OTHER,
                "title_en": "Proposals of Vietnam Social Security to the board",
                "title_km": "សំណើរបស់ស្ថាប័នសន្តិសុខសង្គមវៀតណាមជូនក្រុមប្រឹក្សាភិបាល",
                "speaker_name": "Dao Viet Anh",
                "speaker_role_en": "Deputy General Director, Vietnam Social Security",
                "speaker_role_km": "អគ្គនាយករង ស្ថាប័នសន្តិសុខសង្គមវៀតណាម",
                "institution": institution("vss-vietnam"),
            },
        ],
    )
    programme(
        meeting_37,
        [
            {
                "category": PresentationCategory.CHAIRMAN_MESSAGE,
                "title_en": "Message from the ASSA Chairman",
                "title_km": "សាររបស់ប្រធាន ASSA",
            },
            {
                "category": PresentationCategory.SPEAKER,
                "title_en": (
                    "Covid-19: Temporary Crisis or Turning Point for Social Security Coverage?"
                ),
                "title_km": ("កូវីដ-១៩៖ វិបត្តិបណ្តោះអាសន្ន ឬចំណុចរបត់សម្រាប់ការគ្របដណ្តប់សន្តិសុខសង្គម?"),
                "speaker_name": "Jens Schremmer",
                "speaker_role_en": (
                    "Head of Office of the Secretary-General, "
                    "International Social Security Association"
                ),
                "speaker_role_km": "ប្រធានការិយាល័យអគ្គលេខាធិការ សមាគមសន្តិសុខសង្គមអន្តរជាតិ",
            },
            {
                "category": PresentationCategory.SPEAKER,
                "title_en": (
                    "How to Extend Social Protection to Workers in Informal Employment "
                    "in the ASEAN Region"
                ),
                "title_km": ("វិធីពង្រីកកិច្ចគាំពារសង្គមដល់កម្មករដែលធ្វើការក្រៅប្រព័ន្ធ នៅក្នុងតំបន់អាស៊ាន"),
                "speaker_name": "Nuno Meira Simoes Da Cunha",
                "speaker_role_en": (
                    "Senior Technical Specialist on Social Protection, "
                    "International Labour Organization"
                ),
                "speaker_role_km": ("អ្នកឯកទេសបច្ចេកទេសជាន់ខ្ពស់ផ្នែកកិច្ចគាំពារសង្គម អង្គការពលកម្មអន្តរជាតិ"),
            },
            {
                "category": PresentationCategory.GOOD_PRACTICE,
                "title_en": "Coverage Expansion and Progress of NSSF",
                "title_km": "ការពង្រីកការគ្របដណ្តប់ និងវឌ្ឍនភាពរបស់ ប.ស.ស.",
                "institution": nssf,
            },
            {
                "category": PresentationCategory.GOOD_PRACTICE,
                "title_en": "Towards Sustainable Well-Being for Gig Workers",
                "title_km": "ឆ្ពោះទៅរកសុខុមាលភាពប្រកបដោយចីរភាពសម្រាប់កម្មករការងារតាមវេទិកាឌីជីថល",
                "institution": institution("epf-malaysia"),
            },
            {
                "category": PresentationCategory.GOOD_PRACTICE,
                "title_en": "Implementation of Health Insurance for Workers in the Informal Economy",
                "title_km": "ការអនុវត្តធានារ៉ាប់រងសុខភាពសម្រាប់កម្មករក្នុងសេដ្ឋកិច្ចក្រៅប្រព័ន្ធ",
                "institution": institution("philhealth"),
            },
            {
                "category": PresentationCategory.GOOD_PRACTICE,
                "title_en": "Portability of Social Security for Migrant Workers",
                "title_km": "ការផ្ទេរសិទ្ធិសន្តិសុខសង្គមសម្រាប់ពលករចំណាកស្រុក",
                "institution": institution("sss-philippines"),
            },
            {
                "category": PresentationCategory.GOOD_PRACTICE,
                "title_en": "Efficiency Communication",
                "title_km": "ការប្រាស្រ័យទាក់ទងប្រកបដោយប្រសិទ្ធភាព",
                "institution": institution("sso-thailand"),
            },
            {
                "category": PresentationCategory.GOOD_PRACTICE,
                "title_en": (
                    "Experience Sharing: Securing Social Security for Businesses and People "
                    "During COVID-19"
                ),
                "title_km": (
                    "ការចែករំលែកបទពិសោធន៍៖ ការធានាសន្តិសុខសង្គមសម្រាប់អាជីវកម្ម និងប្រជាជន ក្នុងអំឡុងពេលកូវីដ-១៩"
                ),
                "institution": institution("vss-vietnam"),
            },
            {
                "category": PresentationCategory.MINUTES,
                "title_en": "Minutes of the 37th ASSA Board Meeting",
                "title_km": "កំណត់ហេតុនៃកិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៣៧",
            },
        ],
    )


def attach_placeholders(stdout) -> int:
    made = 0
    presentations = Presentation.objects.filter(document__isnull=True).select_related(
        "event", "institution"
    )
    for item in presentations:
        event = item.event
        when = event.starts_on.strftime("%d %B %Y").lstrip("0")
        meeting = event.numbered_name or event.title_en
        lines = [(item.title_en, 34, False)]
        if item.title_km:
            lines.append((item.title_km, 26, True))
        if item.speaker_name:
            lines.append((f"Speaker: {item.speaker_name}", 22, False))
        if item.institution:
            lines.append((f"Presented by {item.institution.name_en}", 22, False))
        lines += [
            (f"{meeting}, {event.title_en}, {when}", 22, False),
            (
                "This PDF stands in for the real paper, which is not part of the demo "
                "content. On the live site the secretariat uploads the original file.",
                20,
                False,
            ),
        ]
        data = placeholder_pdf(lines, "PLACEHOLDER of the real paper")
        name = file_name(item.title_en)
        document = _store(
            data,
            name,
            title_en=item.title_en,
            title_km=item.title_km or "",
            kind=KIND_OF_CATEGORY.get(item.category, DocumentKind.OTHER),
            language=DocumentLanguage.ENGLISH,
            institution=item.institution or event.host,
            event=event,
            status=DocumentStatus.APPROVED,
            published_at=timezone.make_aware(
                datetime.datetime.combine(event.starts_on, datetime.time(12))
            ),
        )
        item.document = document
        item.save(update_fields=["document"])
        made += 1
    return made


def _institution(slug: str, name: str, acronym: str, country: str) -> MemberInstitution:
    found, _ = MemberInstitution.objects.get_or_create(
        slug=slug, defaults={"name_en": name, "acronym": acronym, "country": country}
    )
    return found


def demo_member(nssf: MemberInstitution):
    username, password = DEMO_MEMBER
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": "nssf.portal@example.org", "first_name": "NSSF", "last_name": "Portal"},
    )
    if created:
        user.set_password(password)
    user.is_staff = user.is_superuser = False
    user.save()
    Membership.objects.update_or_create(user=user, defaults={"institution": nssf, "language": "km"})
    return user


def library_extras(nssf, member) -> None:
    """A few documents beyond the programmes: different kinds, languages and statuses."""
    if Document.objects.filter(title_en="NSSF key figures 2024 (placeholder)").exists():
        return
    admin_user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    meeting = Event.objects.filter(kind="assa-board-meeting", number=38).first()
    _store(
        placeholder_pdf(
            [
                ("NSSF key figures", 34, False),
                ("តួលេខសំខាន់ៗរបស់ ប.ស.ស.", 28, True),
                ("21,430 enterprises · 3,120,208 members · 1,798,510 women", 22, False),
                ("Call centre 1286", 22, False),
            ],
            "PLACEHOLDER of a real fact sheet",
        ),
        "NSSF-key-figures-2024.pdf",
        title_en="NSSF key figures 2024 (placeholder)",
        title_km="តួលេខសំខាន់ៗរបស់ ប.ស.ស. ឆ្នាំ ២០២៤ (គំរូ)",
        kind=DocumentKind.REPORT,
        language=DocumentLanguage.KHMER,
        institution=nssf,
        status=DocumentStatus.APPROVED,
        uploaded_by=admin_user,
    )
    chart = Image.new("RGB", (900, 560), "white")
    draw = ImageDraw.Draw(chart)
    for index, height in enumerate((180, 260, 330, 410)):
        draw.rectangle((120 + index * 180, 480 - height, 240 + index * 180, 480), fill=NAVY)
    draw.text((40, 30), "PLACEHOLDER chart: members by year", font=_font(30), fill=GREY)
    buffer = io.BytesIO()
    chart.save(buffer, format="PNG")
    _store(
        buffer.getvalue(),
        "members-by-year.png",
        title_en="Members by year, a chart (placeholder)",
        kind=DocumentKind.OTHER,
        institution=nssf,
        status=DocumentStatus.APPROVED,
        uploaded_by=admin_user,
    )
    _store(
        placeholder_pdf(
            [("Social protection for informal workers: one year on", 34, False)],
            "PLACEHOLDER of a submitted paper",
        ),
        "informal-workers-one-year-on.pdf",
        title_en="Social protection for informal workers: one year on",
        title_km="កិច្ចគាំពារសង្គមសម្រាប់កម្មករក្រៅប្រព័ន្ធ៖ មួយឆ្នាំក្រោយមក",
        kind=DocumentKind.PAPER,
        institution=nssf,
        event=meeting,
        uploaded_by=member,
        status=DocumentStatus.SUBMITTED,
    )
    draft = _store(
        placeholder_pdf([("Draft notes on portability", 34, False)], "PLACEHOLDER of a draft"),
        "portability-draft.pdf",
        title_en="Draft notes on portability",
        kind=DocumentKind.PAPER,
        institution=nssf,
        uploaded_by=member,
        status=DocumentStatus.SUBMITTED,
    )
    # Decided quietly: the demo sends no email (reject_document() would).
    Document.objects.filter(pk=draft.pk, status=DocumentStatus.SUBMITTED).update(
        status=DocumentStatus.REJECTED,
        rejection_reason=(
            "These are working notes. Please send the final paper once your management "
            "has approved it."
        ),
        decided_by=admin_user,
        decided_at=timezone.now(),
    )


SCAN_TITLE = "Notice to member institutions (scanned)"
SCAN_LINES = [
    "ASSA Secretariat",
    "Notice to member institutions",
    "សេចក្តីជូនដំណឹងដល់ស្ថាប័នសមាជិក",
    "",
    "Papers for the next Board Meeting may now be sent",
    "through the member portal, in English or in Khmer.",
    "ស្ថាប័នសមាជិកអាចផ្ញើឯកសារសម្រាប់កិច្ចប្រជុំ",
    "ក្រុមប្រឹក្សាភិបាលលើកក្រោយតាមរយៈវិបផតថលសមាជិក។",
    "",
    "Scanned papers are read automatically,",
    "so that search finds the words inside them.",
    "ឯកសារស្កេនត្រូវបានអានដោយស្វ័យប្រវត្តិ",
    "ដើម្បីឱ្យការស្វែងរកអាចរកឃើញពាក្យនៅក្នុងនោះ។",
    "",
    "Generated for the demonstration site:",
    "an image with no text of its own.",
]


def scanned_notice() -> None:
    """An image-only PDF, as a scanner makes it: OCR reads it (in the worker, or at once
    without one). Found again by its title."""
    if Document.objects.filter(title_en=SCAN_TITLE).exists():
        return
    page = scans.draw_page(SCAN_LINES, width_pt=420, height_pt=595, font_pt=13, margin_pt=40)
    _store(
        scans.scan_pdf([page]),
        "notice-to-member-institutions-scan.pdf",
        ocr=True,
        title_en=SCAN_TITLE,
        title_km="សេចក្តីជូនដំណឹងដល់ស្ថាប័នសមាជិក (ច្បាប់ស្កេន)",
        description_en="A scanned page with no text of its own: its text was recognised by OCR.",
        description_km="ទំព័រស្កេនដែលគ្មានអត្ថបទផ្ទាល់ខ្លួន៖ អត្ថបទរបស់វាត្រូវបានអានដោយ OCR។",
        kind=DocumentKind.OTHER,
        language=DocumentLanguage.KHMER,
        status=DocumentStatus.APPROVED,
    )


def load(stdout) -> None:
    programmes()
    made = attach_placeholders(stdout)
    nssf = _institution("nssf-cambodia", "National Social Security Fund", "NSSF", "KH")
    member = demo_member(nssf) if settings.DEBUG else None
    library_extras(nssf, member)
    scanned_notice()
    stdout.write(
        f"Documents: {made} placeholder files attached; "
        f"{Document.objects.published().count()} published documents in the library."
    )
    if settings.DEBUG:
        import os

        username, password = DEMO_MEMBER
        port = os.environ.get("PORT", "8000")
        stdout.write(
            f"Member portal (development only): http://127.0.0.1:{port}/en/portal/ "
            f"user '{username}' (NSSF Cambodia), password '{password}'"
        )
