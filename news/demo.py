"""Demo content of the news: four articles from the seeds (001-004), in our own words.

Three are in English and Khmer; the 2024 results are English-only, to show the fallback.
Idempotent: articles by slug, gallery images by (article, order). Pictures are generated
placeholders, made once: an article that already has its cover keeps it.
"""

import datetime
import io
import zoneinfo

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from events.models import Event, EventKind
from members.models import MemberInstitution
from news.models import Article, ArticleCategory, ArticleImage, ArticleStatus
from news.services import refresh_renditions

PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")


def at(year: int, month: int, day: int, hour: int = 17) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=PHNOM_PENH)


def placeholder_image(subject: str, colours: tuple[str, str], size=(1600, 1000)) -> ContentFile:
    """A JPEG that says plainly it stands in for a real photo."""
    width, height = size
    image = Image.new("RGB", size, colours[0])
    draw = ImageDraw.Draw(image)
    # A diagonal band so the picture is not a flat rectangle.
    draw.polygon([(0, height), (width * 0.55, 0), (width, 0), (width, height)], fill=colours[1])
    big = ImageFont.load_default(size=110)
    small = ImageFont.load_default(size=48)
    draw.rectangle([(60, height - 330), (width - 60, height - 60)], fill="#ffffffe0")
    draw.text((100, height - 300), "Placeholder photo", font=big, fill="#0b2747")
    draw.text((100, height - 150), subject, font=small, fill="#4f5b6b")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue())


def institution(slug: str) -> MemberInstitution | None:
    return MemberInstitution.objects.filter(slug=slug).first()


def article(slug: str, cover_subject: str, colours: tuple[str, str], **fields) -> Article:
    item, _created = Article.objects.update_or_create(
        slug=slug, defaults={"status": ArticleStatus.PUBLISHED, **fields}
    )
    if not item.cover:
        item.cover.save(f"{slug}.jpg", placeholder_image(cover_subject, colours))
    refresh_renditions(item, "cover", "cover_renditions")  # nothing to do when current
    return item


def gallery(item: Article, order: int, subject: str, colours: tuple[str, str], **fields) -> None:
    photo = ArticleImage.objects.filter(article=item, order=order).first()
    if photo is None:
        photo = ArticleImage(article=item, order=order)
        photo.image.save(
            f"{item.slug}-{order}.jpg", placeholder_image(subject, colours), save=False
        )
    for name, value in fields.items():
        setattr(photo, name, value)
    photo.save()
    refresh_renditions(photo, "image", "renditions")


def load(stdout) -> None:
    nssf = institution("nssf-cambodia")
    vss = institution("vss-vietnam")
    meeting_38 = Event.objects.filter(kind=EventKind.BOARD_MEETING, number=38).first()

    article(
        "nssf-coordination-meeting-informal-workers-2020",
        "Coordination committee meeting, NSSF, 12 March 2020",
        ("#123c69", "#1f5f99"),
        category=ArticleCategory.NEWS,
        source_institution=nssf,
        published_at=at(2020, 3, 12),
        title_en="NSSF coordination committee looks at social protection for informal workers",
        title_km=("គណៈកម្មាធិការសម្របសម្រួលរបស់ ប.ស.ស. ពិនិត្យលើកិច្ចគាំពារសង្គមសម្រាប់កម្មករក្រៅប្រព័ន្ធ"),
        summary_en=(
            "At its second meeting, on 12 March 2020, the committee worked on how tuk-tuk "
            "drivers and domestic workers will be identified, registered and pay contributions."
        ),
        summary_km=(
            "នៅក្នុងកិច្ចប្រជុំលើកទីពីរ កាលពីថ្ងៃទី១២ ខែមីនា ឆ្នាំ២០២០ គណៈកម្មាធិការបានពិភាក្សាលើរបៀប"
            "កំណត់អត្តសញ្ញាណ ចុះបញ្ជី និងប្រមូលភាគទានពីអ្នករត់តុកតុក និងពលករតាមផ្ទះ។"
        ),
        body_en=(
            "<p>On 12 March 2020 the National Social Security Fund (NSSF) of Cambodia hosted "
            "the second meeting of the coordination committee of its project on social "
            "protection for the informal sector (SPIN). H.E. Dr. Sum Sophorn, Deputy Director "
            "of the NSSF, chaired it.</p>"
            "<p>The first meeting had studied whether the project could work. This one turned "
            "to three procedures that have to change for people who work outside formal "
            "employment: identifying them, registering them and collecting their contributions. "
            "Tuk-tuk drivers and domestic workers come first; construction workers are planned "
            "for a later stage.</p>"
            "<p>To keep the scheme fair and financially sound, the NSSF is preparing it with "
            "ministries, public institutions, civil society and workers' representatives. "
            "About 50 people attended at the NSSF headquarters, among them the National Social "
            "Protection Council, the Ministry of Social Affairs, Veterans and Youth "
            "Rehabilitation, the Ministry of Women's Affairs, associations of informal and "
            "domestic workers, the ILO, the Agence Française de Développement and the "
            "project's technical team.</p>"
        ),
        body_km=(
            "<p>នៅថ្ងៃទី១២ ខែមីនា ឆ្នាំ២០២០ បេឡាជាតិរបបសន្តិសុខសង្គម (ប.ស.ស.) "
            "បានរៀបចំកិច្ចប្រជុំលើកទីពីររបស់គណៈកម្មាធិការសម្របសម្រួល នៃគម្រោងកិច្ចគាំពារសង្គម"
            "សម្រាប់វិស័យក្រៅប្រព័ន្ធ (SPIN) ក្រោមអធិបតីភាពរបស់ ឯកឧត្តមបណ្ឌិត ស៊ុំ សុផន "
            "នាយករងនៃ ប.ស.ស.។</p>"
            "<p>កិច្ចប្រជុំលើកទីមួយបានសិក្សាពីលទ្ធភាពនៃគម្រោងនេះ។ លើកនេះ កិច្ចប្រជុំបានផ្តោតលើ"
            "នីតិវិធីចំនួនបី ដែលត្រូវកែសម្រួលសម្រាប់អ្នកធ្វើការក្រៅប្រព័ន្ធ៖ ការកំណត់អត្តសញ្ញាណ "
            "ការចុះបញ្ជី និងការប្រមូលភាគទាន។ អ្នករត់តុកតុក និងពលករតាមផ្ទះ នឹងចាប់ផ្តើមមុនគេ "
            "ហើយកម្មករសំណង់នឹងបន្តនៅដំណាក់កាលក្រោយ។</p>"
            "<p>ដើម្បីធានាថារបបនេះមានយុត្តិធម៌ និងមានចីរភាពហិរញ្ញវត្ថុ ប.ស.ស. កំពុងរៀបចំវា"
            "ជាមួយក្រសួង ស្ថាប័នសាធារណៈ សង្គមស៊ីវិល និងតំណាងកម្មករ។ អ្នកចូលរួមប្រមាណ ៥០ នាក់ "
            "បានមកជួបជុំនៅទីស្នាក់ការកណ្តាល ប.ស.ស. ក្នុងនោះមាន ក្រុមប្រឹក្សាជាតិគាំពារសង្គម "
            "ក្រសួងសង្គមកិច្ច អតីតយុទ្ធជន និងយុវនីតិសម្បទា ក្រសួងកិច្ចការនារី "
            "សមាគមកម្មករក្រៅប្រព័ន្ធ និងពលករតាមផ្ទះ អង្គការពលកម្មអន្តរជាតិ (ILO) "
            "ទីភ្នាក់ងារបារាំងដើម្បីការអភិវឌ្ឍ (AFD) និងក្រុមការងារបច្ចេកទេសរបស់គម្រោង។</p>"
        ),
        cover_alt_en="Placeholder picture: no photo of this meeting has been added yet.",
        cover_alt_km="រូបភាពជំនួស៖ មិនទាន់មានរូបថតនៃកិច្ចប្រជុំនេះនៅឡើយទេ។",
    )

    forum = article(
        "nssf-oxfam-regional-forum-svay-rieng-2023",
        "Regional forum, Svay Rieng, 8 October 2023",
        ("#7a4b00", "#b8860b"),
        category=ArticleCategory.NEWS,
        source_institution=nssf,
        published_at=at(2023, 10, 8),
        title_en="NSSF and Oxfam hold a regional forum on inclusive social security in Svay Rieng",
        title_km=("ប.ស.ស. និងអង្គការអុកស្វាម រៀបចំវេទិកាថ្នាក់តំបន់ស្តីពីសន្តិសុខសង្គមសម្រាប់គ្រប់គ្នា នៅខេត្តស្វាយរៀង"),
        summary_en=(
            "On 8 October 2023 local leaders and workers' representatives from five provinces "
            "met policy makers to talk about social security that reaches everyone and answers "
            "the needs of women."
        ),
        summary_km=(
            "នៅថ្ងៃទី៨ ខែតុលា ឆ្នាំ២០២៣ មេដឹកនាំមូលដ្ឋាន និងតំណាងកម្មករមកពីខេត្តចំនួនប្រាំ "
            "បានជួបពិភាក្សាជាមួយអ្នករៀបចំគោលនយោបាយ អំពីសន្តិសុខសង្គមដែលគ្របដណ្តប់មនុស្សគ្រប់គ្នា "
            "និងឆ្លើយតបនឹងតម្រូវការរបស់ស្ត្រី។"
        ),
        body_en=(
            "<p>On 8 October 2023 the National Social Security Fund (NSSF) and Oxfam brought "
            "local leaders and workers' representatives together with the regulators and "
            "operators of social security in Svay Rieng province. The forum's theme was "
            "“Towards inclusive, gender-responsive and universal social security in "
            "Cambodia”.</p>"
            "<p>The forum is a place for dialogue. Participants heard how the NSSF is "
            "progressing, described the problems they meet with its services and benefits, "
            "and made proposals that will inform future policy. They came from Svay Rieng, "
            "Prey Veng, Kampong Cham, Tbong Khmum and Kratie.</p>"
            "<p>Oxfam's programme manager, Ms. Chan Chhorvy Sok, said that access to social "
            "protection matters most for garment workers, smallholder farmers and workers in "
            "the informal economy, and above all for women and mothers, because it makes "
            "families less exposed to disasters and epidemics.</p>"
            "<p>The series moves between Cambodia's main economic centres: an earlier session "
            "in Sihanoukville on 17 September 2023 drew about 130 participants, and the series "
            "ends in Phnom Penh.</p>"
        ),
        body_km=(
            "<p>នៅថ្ងៃទី៨ ខែតុលា ឆ្នាំ២០២៣ បេឡាជាតិរបបសន្តិសុខសង្គម (ប.ស.ស.) និងអង្គការអុកស្វាម "
            "បានប្រមូលផ្តុំមេដឹកនាំមូលដ្ឋាន និងតំណាងកម្មករ ឱ្យជួបជាមួយនិយ័តករ និងប្រតិបត្តិករ"
            "សន្តិសុខសង្គម នៅខេត្តស្វាយរៀង។ វេទិកានេះមានប្រធានបទ «ឆ្ពោះទៅរកសន្តិសុខសង្គម"
            "ដែលគ្រប់ជ្រុងជ្រោយ ឆ្លើយតបនឹងយេនឌ័រ និងជាសកល នៅកម្ពុជា»។</p>"
            "<p>វេទិកានេះជាកន្លែងសម្រាប់ការសន្ទនា។ អ្នកចូលរួមបានស្តាប់ពីវឌ្ឍនភាពរបស់ ប.ស.ស. "
            "បានលើកឡើងពីបញ្ហាដែលពួកគេជួបប្រទះទាក់ទងនឹងសេវា និងអត្ថប្រយោជន៍ ហើយបានផ្តល់សំណើ"
            "ដែលនឹងជួយរៀបចំគោលនយោបាយនាពេលខាងមុខ។ ពួកគេមកពីខេត្តស្វាយរៀង ព្រៃវែង កំពង់ចាម "
            "ត្បូងឃ្មុំ និងក្រចេះ។</p>"
            "<p>លោកស្រី Chan Chhorvy Sok អ្នកគ្រប់គ្រងកម្មវិធីនៃអង្គការអុកស្វាម បានមានប្រសាសន៍ថា "
            "ការទទួលបានកិច្ចគាំពារសង្គមមានសារៈសំខាន់បំផុតសម្រាប់កម្មករកាត់ដេរ កសិករខ្នាតតូច "
            "កម្មករក្នុងសេដ្ឋកិច្ចក្រៅប្រព័ន្ធ និងជាពិសេសសម្រាប់ស្ត្រី និងម្តាយ ព្រោះវាកាត់បន្ថយ"
            "ភាពងាយរងគ្រោះរបស់គ្រួសារ ចំពោះគ្រោះមហន្តរាយ និងជំងឺរាតត្បាត។</p>"
            "<p>វេទិកាជាបន្តបន្ទាប់នេះ ធ្វើឡើងនៅតាមប៉ូលសេដ្ឋកិច្ចសំខាន់ៗរបស់កម្ពុជា៖ "
            "វេទិកាមុននៅខេត្តព្រះសីហនុ កាលពីថ្ងៃទី១៧ ខែកញ្ញា ឆ្នាំ២០២៣ មានអ្នកចូលរួមប្រមាណ "
            "១៣០ នាក់ ហើយវេទិកាចុងក្រោយនឹងធ្វើឡើងនៅរាជធានីភ្នំពេញ។</p>"
        ),
        cover_alt_en="Placeholder picture standing in for a photo of the forum in Svay Rieng.",
        cover_alt_km="រូបភាពជំនួស សម្រាប់រូបថតវេទិកានៅខេត្តស្វាយរៀង។",
    )
    gallery(
        forum,
        1,
        "Group photo of the participants, Svay Rieng",
        ("#7a4b00", "#a0522d"),
        caption_en=(
            "Participants of the regional forum with local leaders and workers' "
            "representatives in Svay Rieng province (placeholder photo)."
        ),
        caption_km=("អ្នកចូលរួមវេទិកាថ្នាក់តំបន់ ជាមួយមេដឹកនាំមូលដ្ឋាន និងតំណាងកម្មករ នៅខេត្តស្វាយរៀង (រូបថតជំនួស)។"),
        alt_text_en="Placeholder image standing in for a group photo of the participants.",
        alt_text_km="រូបភាពជំនួស សម្រាប់រូបថតជុំគ្នារបស់អ្នកចូលរួម។",
    )
    gallery(
        forum,
        2,
        "Oxfam's programme manager speaking at the forum",
        ("#2f4f4f", "#5f8f8f"),
        caption_en="Ms. Chan Chhorvy Sok of Oxfam speaks at the forum (placeholder photo).",
        caption_km="លោកស្រី Chan Chhorvy Sok នៃអង្គការអុកស្វាម ថ្លែងនៅក្នុងវេទិកា (រូបថតជំនួស)។",
        alt_text_en="Placeholder image standing in for a photo of a speaker at a lectern.",
        alt_text_km="រូបភាពជំនួស សម្រាប់រូបថតអ្នកថ្លែងសុន្ទរកថា។",
    )

    article(
        "38th-assa-board-meeting-report",
        "38th ASSA Board Meeting, online, 26 November 2021",
        ("#0b2747", "#3a6ea5"),
        category=ArticleCategory.PRESS_RELEASE,
        source_institution=vss,
        related_event=meeting_38,
        published_at=at(2021, 11, 26, 20),
        title_en=(
            "38th ASSA Board Meeting: minutes approved and chairmanship handed "
            "to BPJS Ketenagakerjaan"
        ),
        title_km=(
            "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៣៨៖ អនុម័តកំណត់ហេតុ និងប្រគល់អធិបតីភាពទៅ BPJS Ketenagakerjaan"
        ),
        summary_en=(
            "Meeting online on 26 November 2021, the board reviewed the 2020-2021 term, "
            "approved the minutes of its 37th meeting and passed the chairmanship for "
            "2021-2022 to Indonesia."
        ),
        summary_km=(
            "ក្នុងកិច្ចប្រជុំតាមប្រព័ន្ធអនឡាញ កាលពីថ្ងៃទី២៦ ខែវិច្ឆិកា ឆ្នាំ២០២១ "
            "ក្រុមប្រឹក្សាភិបាលបានពិនិត្យលទ្ធផលអាណត្តិ ២០២០-២០២១ អនុម័តកំណត់ហេតុនៃកិច្ចប្រជុំ"
            "លើកទី៣៧ និងប្រគល់អធិបតីភាពសម្រាប់ឆ្នាំ ២០២១-២០២២ ទៅឥណ្ឌូណេស៊ី។"
        ),
        body_en=(
            "<p>The ASSA board met online on 26 November 2021 to take stock of the "
            "association's work in the 2020-2021 term and to agree on what comes next. It "
            "approved the minutes of the 37th Board Meeting, hosted by Cambodia, and discussed "
            "the findings of the working group on migrant workers and research on carrying "
            "social security benefits across ASEAN borders.</p>"
            "<h2>Proposals from Vietnam Social Security</h2>"
            "<p>VSS suggested linking the ASSA chairmanship more closely with ASEAN's, "
            "improving the ASSA website so that members can update it before each event, "
            "keeping seminars online or hybrid while the pandemic lasts, preparing an emergency "
            "plan for migrant workers and sharing experience of bilateral and multilateral "
            "social security agreements.</p>"
            "<h2>A new chairmanship</h2>"
            "<p>The chairmanship for 2021-2022 (ASSA 38) passed to BPJS Ketenagakerjaan. Its "
            "General Director, Anggoro Eko Cahyo, thanked the outgoing chairman and promised to "
            "keep the focus on how members carry out social security policy through the "
            "pandemic. The Lao Social Security Organization became Vice Chairman and Indonesia "
            "took the post of Secretary General.</p>"
            "<p>The board proposed LSSO as Chairman for 2022-2023 and planned the 39th Board "
            "Meeting for 21-22 September 2022 in Vientiane, online if Covid-19 rules out "
            "travel. In the afternoon a secretariat meeting approved the secretariat's work "
            "programme.</p>"
        ),
        body_km=(
            "<p>ក្រុមប្រឹក្សាភិបាល ASSA បានប្រជុំតាមប្រព័ន្ធអនឡាញ នៅថ្ងៃទី២៦ ខែវិច្ឆិកា "
            "ឆ្នាំ២០២១ ដើម្បីវាយតម្លៃការងាររបស់សមាគមក្នុងអាណត្តិ ២០២០-២០២១ និងឯកភាពលើការងារ"
            "បន្ទាប់។ កិច្ចប្រជុំបានអនុម័តកំណត់ហេតុនៃកិច្ចប្រជុំក្រុមប្រឹក្សាភិបាលលើកទី៣៧ "
            "ដែលកម្ពុជាជាម្ចាស់ផ្ទះ ហើយបានពិភាក្សាលើលទ្ធផលរបស់ក្រុមការងារស្តីពីពលករចំណាកស្រុក "
            "និងការស្រាវជ្រាវស្តីពីការផ្ទេរអត្ថប្រយោជន៍សន្តិសុខសង្គមរវាងប្រទេសសមាជិកអាស៊ាន។</p>"
            "<h2>សំណើរបស់សន្តិសុខសង្គមវៀតណាម</h2>"
            "<p>VSS បានស្នើឱ្យភ្ជាប់អធិបតីភាព ASSA ឱ្យកាន់តែជិតស្និទ្ធនឹងអធិបតីភាពអាស៊ាន "
            "កែលម្អគេហទំព័រ ASSA ដើម្បីឱ្យសមាជិកអាចធ្វើបច្ចុប្បន្នភាពព័ត៌មានមុនព្រឹត្តិការណ៍នីមួយៗ "
            "បន្តរៀបចំសិក្ខាសាលាតាមអនឡាញ ឬបែបចម្រុះ ក្នុងអំឡុងពេលជំងឺរាតត្បាត "
            "រៀបចំផែនការសកម្មភាពបន្ទាន់សម្រាប់ពលករចំណាកស្រុក និងចែករំលែកបទពិសោធន៍"
            "លើកិច្ចព្រមព្រៀងសន្តិសុខសង្គមទ្វេភាគី និងពហុភាគី។</p>"
            "<h2>អធិបតីភាពថ្មី</h2>"
            "<p>អធិបតីភាពសម្រាប់ឆ្នាំ ២០២១-២០២២ (ASSA 38) ត្រូវបានប្រគល់ទៅ BPJS Ketenagakerjaan។ "
            "លោក Anggoro Eko Cahyo អគ្គនាយកនៃ BPJS Ketenagakerjaan បានថ្លែងអំណរគុណដល់ប្រធាន"
            "អាណត្តិមុន ហើយប្តេជ្ញាបន្តផ្តោតលើការចែករំលែកបទពិសោធន៍ ក្នុងការអនុវត្តគោលនយោបាយ"
            "សន្តិសុខសង្គមក្នុងអំឡុងពេលជំងឺរាតត្បាត។ អង្គការសន្តិសុខសង្គមឡាវ (LSSO) "
            "បានក្លាយជាអនុប្រធាន ហើយឥណ្ឌូណេស៊ីទទួលតួនាទីជាអគ្គលេខាធិការ។</p>"
            "<p>ក្រុមប្រឹក្សាភិបាលបានស្នើឱ្យ LSSO ធ្វើជាប្រធានសម្រាប់ឆ្នាំ ២០២២-២០២៣ "
            "និងគ្រោងរៀបចំកិច្ចប្រជុំក្រុមប្រឹក្សាភិបាលលើកទី៣៩ នៅថ្ងៃទី២១-២២ ខែកញ្ញា ឆ្នាំ២០២២ "
            "នៅរាជធានីវៀងចន្ទន៍ ឬតាមប្រព័ន្ធអនឡាញ ប្រសិនបើជំងឺកូវីដ-១៩ មិនអនុញ្ញាតឱ្យធ្វើដំណើរ។ "
            "នៅរសៀលថ្ងៃដដែល កិច្ចប្រជុំលេខាធិការដ្ឋានបានអនុម័តកម្មវិធីការងាររបស់"
            "លេខាធិការដ្ឋាន។</p>"
        ),
        cover_alt_en="Placeholder picture standing in for a screenshot of the online meeting.",
        cover_alt_km="រូបភាពជំនួស សម្រាប់រូបថតអេក្រង់នៃកិច្ចប្រជុំអនឡាញ។",
    )

    # English only: on /km/ it falls back to English, marked as such.
    article(
        "social-protection-advocacy-cambodia-2024",
        "Social protection advocacy, Cambodia, 2024",
        ("#1b6e3a", "#4c9a64"),
        category=ArticleCategory.STORY,
        source_institution=None,
        published_at=at(2024, 12, 7, 9),
        title_en="Social protection advocacy in Cambodia: what 2024 brought",
        title_km="",
        summary_en=(
            "Unions and civil society helped hundreds of workers join social security in "
            "2024 and backed rules that extend it to self-employed and informal workers."
        ),
        summary_km="",
        body_en=(
            "<p>A network of social protection advocates in Asia has published what its "
            "Cambodian partners achieved in 2024.</p>"
            "<h2>Workers reached</h2>"
            "<ul>"
            "<li>The Cambodian Labour Confederation (CLC) helped 790 workers (45% women, 43% "
            "under 35) to use the national social security schemes, trained 178 workers on "
            "social protection law and sent a position paper to the Ministry of Labour and "
            "Vocational Training.</li>"
            "<li>By 2024, 1,170 workers (34% women, 46% under 35) had better access to social "
            "security, such as pensions and maternity or unemployment benefits.</li>"
            "<li>Awareness campaigns reached more than 100,000 people.</li>"
            "</ul>"
            "<h2>Joint advocacy</h2>"
            "<p>The Social Protection for All platform (SP4ALL) took part in regular "
            "coordination meetings with unions, associations of informal workers, civil "
            "society and partners such as the ILO, the Ministry of Labour, the National Social "
            "Protection Council and the NSSF, and co-organised workshops with more than 103,000 "
            "participants, most of them women and young people.</p>"
            "<p>Between 2022 and 2024 the platform pressed for four regulations or programmes. "
            "Three were adopted, which should give about 1.1 million Cambodian workers, 60% of "
            "them women, better social security: NSSF rules for a pension scheme and for health "
            "care of self-employed people and dependants; a cash transfer programme for poor "
            "households (IDPoor); and the extension of NSSF coverage to informal workers, "
            "starting with domestic workers and tuk-tuk drivers.</p>"
        ),
        body_km="",
        cover_alt_en="Placeholder picture: no photo has been added to this story yet.",
        cover_alt_km="",
    )
    stdout.write(f"News: {Article.objects.count()} articles.")
