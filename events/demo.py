"""Demo content of the events app: the 37th, 38th and 39th board meetings and terms ASSA
37-39, and the next board meeting (the 40th) with its incoming term ASSA 40.

Facts of the 37th-39th come from the old site's pages (../shared/seeds/000 and 003); the
wording is ours. The 40th is made up for the demo: it is dated about three months after
the day ``load_demo`` runs, so that the site always has a meeting ahead (the home page's
next event, the portal's upload form, the chairmanship "from ..."). Run again later, it
stays where it is while it is still ahead, and moves three months past the new day once
it is not. Idempotent: events by (kind, slug), the 40th by (kind, number), presentations
by (event, order), terms by number, office holders by (term, office). Files are not made
here: the documents app's demo attaches placeholder PDFs to the presentations afterwards.
"""

import datetime

from django.utils import timezone

from core.khmer import to_khmer_digits
from events.models import (
    Event,
    EventFormat,
    EventKind,
    EventStatus,
    Office,
    OfficeHolder,
    Term,
)
from members.models import MemberInstitution

# Used only when members.demo has not made the institution (it normally has).
FALLBACK_INSTITUTIONS = {
    "nssf-cambodia": ("National Social Security Fund", "NSSF", "KH"),
    "epf-malaysia": ("Employees Provident Fund", "EPF", "MY"),
    "philhealth": ("Philippine Health Insurance Corporation", "PhilHealth", "PH"),
    "sss-philippines": ("Social Security System", "SSS", "PH"),
    "sso-thailand": ("Social Security Office", "SSO", "TH"),
    "vss-vietnam": ("Vietnam Social Security", "VSS", "VN"),
    "bpjs-ketenagakerjaan": ("BPJS Ketenagakerjaan", "BPJS Ketenagakerjaan", "ID"),
    "lsso-laos": ("Lao Social Security Organization", "LSSO", "LA"),
}


def institution(slug: str) -> MemberInstitution:
    name, acronym, country = FALLBACK_INSTITUTIONS[slug]
    found, _ = MemberInstitution.objects.get_or_create(
        slug=slug, defaults={"name_en": name, "acronym": acronym, "country": country}
    )
    return found


def board_meeting(slug: str, number: int, **fields) -> Event:
    event, _ = Event.objects.update_or_create(
        kind=EventKind.BOARD_MEETING,
        slug=slug,
        defaults={"number": number, "is_published": True, **fields},
    )
    return event


def load(stdout) -> None:
    nssf = institution("nssf-cambodia")
    bpjs = institution("bpjs-ketenagakerjaan")
    lsso = institution("lsso-laos")

    # The 38th first: the 37th points at it as the meeting that approved its minutes.
    meeting_38 = board_meeting(
        "indonesia-2021",
        38,
        title_en="Indonesia 2021",
        title_km="ឥណ្ឌូណេស៊ី ២០២១",
        summary_en=(
            "Meeting online, the board took stock of the 2020-2021 term, approved the "
            "minutes of its 37th meeting and saw the chairmanship for 2021-2022 pass to "
            "BPJS Ketenagakerjaan of Indonesia, with the Lao Social Security Organization "
            "as Vice Chairman."
        ),
        summary_km=(
            "ក្នុងកិច្ចប្រជុំតាមប្រព័ន្ធអនឡាញ ក្រុមប្រឹក្សាភិបាលបានពិនិត្យលទ្ធផលការងារនៃអាណត្តិ "
            "២០២០-២០២១ បានអនុម័តកំណត់ហេតុនៃកិច្ចប្រជុំលើកទី៣៧ ហើយអធិបតីភាពសម្រាប់អាណត្តិ "
            "២០២១-២០២២ ត្រូវបានប្រគល់ជូន BPJS Ketenagakerjaan នៃប្រទេសឥណ្ឌូណេស៊ី "
            "ដោយមានអង្គការសន្តិសុខសង្គមឡាវជាអនុប្រធាន។"
        ),
        body_en=(
            "<p>The executive committee looked back on the association's work during the "
            "ASSA 37 term and agreed on what to do next. It heard how the working group on "
            "migrant workers was getting on, and discussed research on carrying social "
            "security benefits from one ASEAN member state to another.</p>"
            "<p>Vietnam Social Security put forward several ideas: that seminars keep running "
            "online, or partly online, while the pandemic lasts, with experts from "
            "international organisations such as the ILO, the World Bank and the ISSA; that "
            "members prepare an emergency plan for migrant workers, who were hit hardest; "
            "that members with experience of bilateral and multilateral social security "
            "agreements share it; and that the ASSA website be kept up to date by the "
            "members themselves before each event.</p>"
            "<p>Once in office, the new Chairman, Anggoro Eko Cahyo of BPJS Ketenagakerjaan, "
            "chaired the discussion of the agenda of the 39th meeting. The board proposed the "
            "Lao Social Security Organization as Chairman for 2022-2023.</p>"
            "<p>In the afternoon the ASSA 38 secretariat met online as well, approved its work "
            "programme and followed up the points arising from the minutes of the 37th "
            "meeting.</p>"
        ),
        body_km=(
            "<p>គណៈកម្មាធិការប្រតិបត្តិបានពិនិត្យឡើងវិញនូវការងាររបស់សមាគមក្នុងអាណត្តិ ASSA ៣៧ "
            "និងបានឯកភាពលើការងារបន្ទាប់។ កិច្ចប្រជុំបានស្តាប់របាយការណ៍ពីវឌ្ឍនភាពរបស់ក្រុមការងារ"
            "ស្តីពីពលករចំណាកស្រុក និងបានពិភាក្សាលើការស្រាវជ្រាវអំពីការផ្ទេរអត្ថប្រយោជន៍"
            "សន្តិសុខសង្គមពីរដ្ឋសមាជិកអាស៊ានមួយទៅរដ្ឋសមាជិកមួយទៀត។</p>"
            "<p>ស្ថាប័នសន្តិសុខសង្គមវៀតណាមបានដាក់សំណើមួយចំនួន។ ទីមួយ បន្តរៀបចំសិក្ខាសាលា"
            "តាមប្រព័ន្ធអនឡាញ ឬចម្រុះ ក្នុងអំឡុងពេលជំងឺរាតត្បាត ដោយមានការចូលរួមពីអ្នកជំនាញ"
            "នៃអង្គការអន្តរជាតិ ដូចជា ILO ធនាគារពិភពលោក និង ISSA។ ទីពីរ រៀបចំផែនការ"
            "សកម្មភាពបន្ទាន់សម្រាប់ពលករចំណាកស្រុក ដែលរងផលប៉ះពាល់ខ្លាំងជាងគេ។ ទីបី "
            "ស្ថាប័នសមាជិកដែលមានបទពិសោធន៍លើកិច្ចព្រមព្រៀងសន្តិសុខសង្គមទ្វេភាគី និងពហុភាគី "
            "គួរចែករំលែកបទពិសោធន៍នោះ។ ទីបួន សមាជិកគួរធ្វើបច្ចុប្បន្នភាពគេហទំព័រ ASSA "
            "មុនព្រឹត្តិការណ៍នីមួយៗ។</p>"
            "<p>បន្ទាប់ពីចូលកាន់តំណែង ប្រធានថ្មី លោក Anggoro Eko Cahyo នៃ BPJS Ketenagakerjaan "
            "បានដឹកនាំការពិភាក្សាលើរបៀបវារៈនៃកិច្ចប្រជុំលើកទី៣៩។ ក្រុមប្រឹក្សាភិបាលបានស្នើឱ្យ"
            "អង្គការសន្តិសុខសង្គមឡាវធ្វើជាប្រធានសម្រាប់អាណត្តិ ២០២២-២០២៣។</p>"
            "<p>នៅពេលរសៀល លេខាធិការដ្ឋាន ASSA ៣៨ ក៏បានប្រជុំតាមប្រព័ន្ធអនឡាញដែរ "
            "ដោយបានអនុម័តកម្មវិធីការងាររបស់ខ្លួន និងតាមដានបញ្ហាដែលលើកឡើងក្នុងកំណត់ហេតុ"
            "នៃកិច្ចប្រជុំលើកទី៣៧។</p>"
        ),
        host=bpjs,
        country="ID",
        city_en="",
        city_km="",
        starts_on=datetime.date(2021, 11, 26),
        ends_on=None,
        format=EventFormat.VIRTUAL,
        status=EventStatus.HELD,
        status_note_en="",
        status_note_km="",
    )

    board_meeting(
        "cambodia-2020",
        37,
        title_en="Cambodia 2020",
        title_km="កម្ពុជា ២០២០",
        summary_en=(
            "Delegates of the 18 ASSA member institutions met by video conference at the "
            "invitation of Cambodia's National Social Security Fund. Guest speakers from the "
            "ISSA and the ILO looked at what Covid-19 means for social security coverage and "
            "at protection for workers in informal employment, and six members presented "
            "good practices."
        ),
        summary_km=(
            "ប្រតិភូមកពីស្ថាប័នសមាជិក ASSA ទាំង ១៨ បានជួបប្រជុំគ្នាតាមប្រព័ន្ធវីដេអូ "
            "តាមការអញ្ជើញរបស់បេឡាជាតិរបបសន្តិសុខសង្គមនៃកម្ពុជា។ វាគ្មិនកិត្តិយសមកពី ISSA "
            "និង ILO បានពិភាក្សាអំពីផលប៉ះពាល់នៃជំងឺកូវីដ-១៩ លើការគ្របដណ្តប់សន្តិសុខសង្គម "
            "និងអំពីកិច្ចគាំពារសម្រាប់កម្មករដែលធ្វើការក្រៅប្រព័ន្ធ ហើយស្ថាប័នសមាជិកចំនួនប្រាំមួយ"
            "បានបង្ហាញអំពីអនុវត្តល្អរបស់ខ្លួន។"
        ),
        body_en="",
        body_km="",
        host=nssf,
        country="KH",
        city_en="",
        city_km="",
        starts_on=datetime.date(2020, 12, 9),
        ends_on=None,
        format=EventFormat.VIRTUAL,
        status=EventStatus.HELD,
        status_note_en="",
        status_note_km="",
        minutes_approved_at=meeting_38,
        legacy_permalink="/events/ASSA-Board-Meeting/cambodia-2020",
    )

    meeting_39 = board_meeting(
        "laos-2022",
        39,
        title_en="Lao PDR 2022",
        title_km="សាធារណរដ្ឋប្រជាធិបតេយ្យប្រជាមានិតឡាវ ២០២២",
        summary_en=(
            "At the 38th meeting the board proposed that the Lao Social Security Organization "
            "host the 39th Board Meeting in Vientiane and chair the association for 2022-2023."
        ),
        summary_km=(
            "នៅក្នុងកិច្ចប្រជុំលើកទី៣៨ ក្រុមប្រឹក្សាភិបាលបានស្នើឱ្យអង្គការសន្តិសុខសង្គមឡាវ "
            "ធ្វើជាម្ចាស់ផ្ទះកិច្ចប្រជុំក្រុមប្រឹក្សាភិបាលលើកទី៣៩ នៅទីក្រុងវៀងច័ន្ទ "
            "និងធ្វើជាប្រធានសមាគមសម្រាប់អាណត្តិ ២០២២-២០២៣។"
        ),
        body_en="",
        body_km="",
        host=lsso,
        country="LA",
        city_en="Vientiane",
        city_km="វៀងច័ន្ទ",
        starts_on=datetime.date(2022, 9, 21),
        ends_on=datetime.date(2022, 9, 22),
        format=EventFormat.IN_PERSON,
        status=EventStatus.PLANNED,
        status_note_en=(
            "If the Covid-19 situation is still difficult by then, the meeting will take "
            "place online instead."
        ),
        status_note_km=(
            "ប្រសិនបើស្ថានភាពជំងឺកូវីដ-១៩ នៅតែស្មុគស្មាញនៅពេលនោះ កិច្ចប្រជុំនឹងប្រព្រឹត្តទៅតាមប្រព័ន្ធអនឡាញជំនួសវិញ។"
        ),
    )

    # Terms. Only what the seeds say: who held an office the old pages do not name is left out.
    term_37 = term(37, 2020, 2021, None)
    holder(term_37, Office.CHAIRMAN, nssf)
    term_38 = term(38, 2021, 2022, meeting_38)
    holder(
        term_38,
        Office.CHAIRMAN,
        bpjs,
        "Anggoro Eko Cahyo",
        "General Director, BPJS Ketenagakerjaan",
        "អគ្គនាយក BPJS Ketenagakerjaan",
    )
    holder(term_38, Office.VICE_CHAIRMAN, lsso)
    # "Handed to the representative of Indonesia": the secretariat moves with the chair.
    holder(term_38, Office.SECRETARY_GENERAL, bpjs)
    term_39 = term(39, 2022, 2023, meeting_39)
    holder(term_39, Office.CHAIRMAN, lsso)

    meeting_40 = next_board_meeting(institution("epf-malaysia"))
    year = meeting_40.starts_on.year
    term_40 = term(40, year, year + 1, meeting_40)
    holder(term_40, Office.CHAIRMAN, meeting_40.host)

    stdout.write(
        "Events: 4 board meetings (the next on "
        f"{meeting_40.starts_on.isoformat()}), 4 chairmanship terms."
    )


# How far ahead of the day the demo is loaded the next board meeting is dated.
NEXT_MEETING_LEAD = datetime.timedelta(days=91)


def next_board_meeting(host: MemberInstitution, today: datetime.date | None = None) -> Event:
    """The 40th board meeting, always ahead of ``today`` (the day the demo is loaded).

    Found again by its number: a meeting still ahead keeps its date; one that has passed
    moves to NEXT_MEETING_LEAD after ``today``, with its address and subtitle's year.
    """
    today = today or timezone.localdate()
    existing = Event.objects.filter(kind=EventKind.BOARD_MEETING, number=40).first()
    if existing is not None and existing.starts_on > today:
        starts_on = existing.starts_on
    else:
        starts_on = today + NEXT_MEETING_LEAD
    year = starts_on.year
    event, _ = Event.objects.update_or_create(
        kind=EventKind.BOARD_MEETING,
        number=40,
        defaults={
            "slug": f"malaysia-{year}",
            "is_published": True,
            "title_en": f"Malaysia {year}",
            "title_km": f"ម៉ាឡេស៊ី {to_khmer_digits(str(year))}",
            "summary_en": (
                "The board's next meeting, at the invitation of the Employees Provident Fund "
                "in Kuala Lumpur, where the chairmanship for the coming term passes to "
                "Malaysia. Member institutions can send the papers they will present "
                "through the member portal now."
            ),
            "summary_km": (
                "កិច្ចប្រជុំបន្ទាប់របស់ក្រុមប្រឹក្សាភិបាល តាមការអញ្ជើញរបស់ EPF នៅទីក្រុងគូឡាឡាំពួ "
                "ដែលអធិបតីភាពសម្រាប់អាណត្តិខាងមុខនឹងត្រូវប្រគល់ជូនម៉ាឡេស៊ី។ "
                "ស្ថាប័នសមាជិកអាចផ្ញើឯកសារដែលខ្លួននឹងបង្ហាញ តាមរយៈវិបផតថលសមាជិកបានចាប់ពីពេលនេះ។"
            ),
            "body_en": "",
            "body_km": "",
            "host": host,
            "country": "MY",
            "city_en": "Kuala Lumpur",
            "city_km": "គូឡាឡាំពួ",
            "starts_on": starts_on,
            "ends_on": starts_on + datetime.timedelta(days=1),
            "format": EventFormat.IN_PERSON,
            "status": EventStatus.PLANNED,
            "status_note_en": (
                "Demonstration content: this meeting is dated about three months after the "
                "day the demo was loaded."
            ),
            "status_note_km": (
                "ខ្លឹមសារសាកល្បង៖ កិច្ចប្រជុំនេះត្រូវបានកំណត់កាលបរិច្ឆេទប្រហែលបីខែ "
                "បន្ទាប់ពីថ្ងៃដែលទិន្នន័យសាកល្បងត្រូវបានផ្ទុក។"
            ),
        },
    )
    return event


def term(number: int, starts_year: int, ends_year: int, handover_event: Event | None) -> Term:
    found, _ = Term.objects.update_or_create(
        number=number,
        defaults={
            "starts_year": starts_year,
            "ends_year": ends_year,
            "handover_event": handover_event,
        },
    )
    return found


def holder(
    term: Term,
    office: str,
    institution: MemberInstitution,
    person_name: str = "",
    person_title_en: str = "",
    person_title_km: str = "",
) -> OfficeHolder:
    found, _ = OfficeHolder.objects.update_or_create(
        term=term,
        office=office,
        defaults={
            "institution": institution,
            "person_name": person_name,
            "person_title_en": person_title_en,
            "person_title_km": person_title_km,
        },
    )
    return found
