"""Demo member institutions: the ASSA members named in the seeds, with NSSF's key figures.

Idempotent: institutions by slug, key figures by (institution, English label). Other apps'
demo content refers to these slugs; keep them. Logos are generated placeholders that say
so, made once: a run finds the logo already there and leaves it alone.

Khmer names are given only where they are certain (NSSF's own name); the others show
their English name on Khmer pages.
"""

import datetime
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from members.models import Country, KeyFigure, MemberInstitution
from members.services import record_current_value, refresh_logo_web

# slug: fields. Descriptions are our own short summaries of each institution's remit.
INSTITUTIONS: dict[str, dict] = {
    "nssf-cambodia": {
        "acronym": "NSSF",
        "country": Country.CAMBODIA,
        "name_en": "National Social Security Fund",
        "name_km": "បេឡាជាតិរបបសន្តិសុខសង្គម",
        "website": "https://www.nssf.gov.kh/",
        "contact": "1286",
        "description_en": (
            "The National Social Security Fund is Cambodia's social security institution "
            "for people who work under the Labour Law. It runs the schemes for employment "
            "injury, health care and pensions.\n\n"
            "NSSF is also working out how to bring workers in the informal economy into "
            "social security, starting with tuk-tuk drivers and domestic workers, and "
            "construction workers after them."
        ),
        "description_km": (
            "បេឡាជាតិរបបសន្តិសុខសង្គម (ប.ស.ស.) គឺជាស្ថាប័នសន្តិសុខសង្គមរបស់កម្ពុជា "
            "សម្រាប់អ្នកដែលធ្វើការក្រោមច្បាប់ស្ដីពីការងារ។ ប.ស.ស. គ្រប់គ្រងរបបហានិភ័យការងារ "
            "របបថែទាំសុខភាព និងរបបសោធននិវត្តន៍។\n\n"
            "ប.ស.ស. ក៏កំពុងសិក្សារកវិធីនាំកម្មករក្នុងសេដ្ឋកិច្ចក្រៅប្រព័ន្ធឱ្យចូលរួមក្នុងរបបសន្តិសុខសង្គមផងដែរ "
            "ដោយចាប់ផ្ដើមពីអ្នករត់ម៉ូតូកង់បី និងពលករបម្រើការងារតាមផ្ទះ "
            "ហើយបន្ទាប់មកកម្មករសំណង់។"
        ),
    },
    "epf-malaysia": {
        "acronym": "EPF",
        "country": Country.MALAYSIA,
        "name_en": "Employees Provident Fund",
        "website": "https://www.kwsp.gov.my/",
        "description_en": (
            "The Employees Provident Fund (KWSP) keeps the retirement savings of "
            "Malaysia's private-sector employees. Employers and employees each pay a share "
            "of wages into the member's account, which the member draws on in old age."
        ),
        "description_km": (
            "EPF រក្សាទុកប្រាក់សន្សំសម្រាប់ការចូលនិវត្តន៍របស់និយោជិតក្នុងវិស័យឯកជននៅម៉ាឡេស៊ី។ "
            "និយោជក និងនិយោជិតម្នាក់ៗបង់ភាគរយនៃប្រាក់ឈ្នួលចូលគណនីរបស់សមាជិក "
            "ដែលសមាជិកអាចប្រើនៅពេលចាស់ជរា។"
        ),
    },
    "socso-malaysia": {
        "acronym": "SOCSO",
        "country": Country.MALAYSIA,
        "name_en": "Social Security Organisation (PERKESO)",
        "website": "https://www.perkeso.gov.my/",
        "description_en": (
            "SOCSO, known in Malay as PERKESO, protects Malaysia's employees against "
            "employment injury, invalidity and death, and runs the Employment Insurance "
            "System for people who lose their jobs."
        ),
        "description_km": (
            "SOCSO (PERKESO) ផ្ដល់ការគាំពារដល់និយោជិតនៅម៉ាឡេស៊ីពីគ្រោះថ្នាក់ការងារ "
            "ពិការភាព និងមរណភាព ហើយគ្រប់គ្រងប្រព័ន្ធធានារ៉ាប់រងការងារ "
            "សម្រាប់អ្នកដែលបាត់បង់ការងារ។"
        ),
    },
    "philhealth": {
        "acronym": "PhilHealth",
        "country": Country.PHILIPPINES,
        "name_en": "Philippine Health Insurance Corporation",
        "website": "https://www.philhealth.gov.ph/",
        "description_en": (
            "PhilHealth runs the national health insurance programme of the Philippines, "
            "paying for hospital and outpatient care of its members and their dependants."
        ),
        "description_km": (
            "PhilHealth គ្រប់គ្រងកម្មវិធីធានារ៉ាប់រងសុខភាពជាតិរបស់ប្រទេសហ្វីលីពីន "
            "ដោយចេញថ្លៃសេវាព្យាបាលនៅមន្ទីរពេទ្យ និងសេវាពិគ្រោះជំងឺក្រៅ "
            "សម្រាប់សមាជិក និងអ្នកនៅក្នុងបន្ទុករបស់ពួកគេ។"
        ),
    },
    "sss-philippines": {
        "acronym": "SSS",
        "country": Country.PHILIPPINES,
        "name_en": "Social Security System",
        "website": "https://www.sss.gov.ph/",
        "description_en": (
            "The Social Security System covers private-sector workers in the Philippines, "
            "the self-employed and Filipinos working abroad, with benefits for sickness, "
            "maternity, disability, retirement and death."
        ),
        "description_km": (
            "SSS ផ្ដល់ការគាំពារដល់កម្មករក្នុងវិស័យឯកជននៅប្រទេសហ្វីលីពីន "
            "អ្នកប្រកបការងារដោយខ្លួនឯង និងពលករហ្វីលីពីនដែលធ្វើការនៅបរទេស "
            "តាមរយៈអត្ថប្រយោជន៍សម្រាប់ជំងឺ មាតុភាព ពិការភាព ការចូលនិវត្តន៍ និងមរណភាព។"
        ),
    },
    "gsis-philippines": {
        "acronym": "GSIS",
        "country": Country.PHILIPPINES,
        "name_en": "Government Service Insurance System",
        "website": "https://www.gsis.gov.ph/",
        "description_en": (
            "GSIS provides social insurance to the employees of the Philippine "
            "government: retirement, disability and survivors' benefits, life insurance "
            "and loans."
        ),
        "description_km": (
            "GSIS ផ្ដល់ការធានារ៉ាប់រងសង្គមដល់បុគ្គលិករបស់រដ្ឋាភិបាលហ្វីលីពីន "
            "ដូចជាអត្ថប្រយោជន៍សោធននិវត្តន៍ ពិការភាព និងអត្ថប្រយោជន៍សម្រាប់ក្រុមគ្រួសារអ្នកទទួលមរណភាព "
            "ព្រមទាំងការធានារ៉ាប់រងអាយុជីវិត និងប្រាក់កម្ចី។"
        ),
    },
    "sso-thailand": {
        "acronym": "SSO",
        "country": Country.THAILAND,
        "name_en": "Social Security Office",
        "website": "https://www.sso.go.th/",
        "description_en": (
            "The Social Security Office, part of Thailand's Ministry of Labour, manages the "
            "Social Security Fund and the Workmen's Compensation Fund for employees and "
            "for people who join of their own accord."
        ),
        "description_km": (
            "SSO ដែលជាអង្គភាពមួយនៃក្រសួងការងារថៃ គ្រប់គ្រងមូលនិធិសន្តិសុខសង្គម "
            "និងមូលនិធិសំណងគ្រោះថ្នាក់ការងារ សម្រាប់និយោជិត "
            "និងអ្នកដែលចូលរួមដោយស្ម័គ្រចិត្ត។"
        ),
    },
    "vss-vietnam": {
        "acronym": "VSS",
        "country": Country.VIETNAM,
        "name_en": "Vietnam Social Security",
        "website": "https://baohiemxahoi.gov.vn/",
        "description_en": (
            "Vietnam Social Security carries out the country's social insurance, health "
            "insurance and unemployment insurance: it collects the contributions and pays "
            "the benefits."
        ),
        "description_km": (
            "VSS អនុវត្តរបបធានារ៉ាប់រងសង្គម ធានារ៉ាប់រងសុខភាព "
            "និងធានារ៉ាប់រងភាពអត់ការងារធ្វើរបស់ប្រទេសវៀតណាម "
            "ដោយប្រមូលភាគទាន និងបើកផ្ដល់អត្ថប្រយោជន៍។"
        ),
    },
    "bpjs-ketenagakerjaan": {
        "acronym": "BPJS Ketenagakerjaan",
        "country": Country.INDONESIA,
        "name_en": "BPJS Ketenagakerjaan",
        "website": "https://www.bpjsketenagakerjaan.go.id/",
        "description_en": (
            "Indonesia's social security agency for workers. It runs the programmes for "
            "work accidents, death, old-age savings, pensions and job loss."
        ),
        "description_km": (
            "ទីភ្នាក់ងារសន្តិសុខសង្គមសម្រាប់កម្មកររបស់ឥណ្ឌូណេស៊ី។ "
            "ទីភ្នាក់ងារនេះគ្រប់គ្រងកម្មវិធីគ្រោះថ្នាក់ការងារ មរណភាព "
            "ប្រាក់សន្សំសម្រាប់វ័យចាស់ សោធននិវត្តន៍ និងការបាត់បង់ការងារ។"
        ),
    },
    "bpjs-kesehatan": {
        "acronym": "BPJS Kesehatan",
        "country": Country.INDONESIA,
        "name_en": "BPJS Kesehatan",
        "website": "https://www.bpjs-kesehatan.go.id/",
        "description_en": (
            "Indonesia's social security agency for health. It runs the national health "
            "insurance programme, JKN, which covers most of the population."
        ),
        "description_km": (
            "ទីភ្នាក់ងារសន្តិសុខសង្គមផ្នែកសុខភាពរបស់ឥណ្ឌូណេស៊ី។ "
            "ទីភ្នាក់ងារនេះគ្រប់គ្រងកម្មវិធីធានារ៉ាប់រងសុខភាពជាតិ JKN "
            "ដែលគ្របដណ្ដប់លើប្រជាជនភាគច្រើន។"
        ),
    },
    "lsso-laos": {
        "acronym": "LSSO",
        "country": Country.LAOS,
        "name_en": "Lao Social Security Organization",
        "description_en": (
            "The Lao Social Security Organization runs the social security schemes of Lao "
            "PDR for employees of enterprises, civil servants and people who join "
            "voluntarily."
        ),
        "description_km": (
            "LSSO គ្រប់គ្រងរបបសន្តិសុខសង្គមរបស់សាធារណរដ្ឋប្រជាធិបតេយ្យប្រជាមានិតឡាវ "
            "សម្រាប់និយោជិតនៃសហគ្រាស មន្ត្រីរាជការ និងអ្នកដែលចូលរួមដោយស្ម័គ្រចិត្ត។"
        ),
    },
    "cpf-singapore": {
        "acronym": "CPF",
        "country": Country.SINGAPORE,
        "name_en": "Central Provident Fund Board",
        "website": "https://www.cpf.gov.sg/",
        "description_en": (
            "The CPF Board runs Singapore's compulsory savings scheme, which helps working "
            "people pay for their retirement, housing and health care."
        ),
        "description_km": (
            "CPF គ្រប់គ្រងគម្រោងសន្សំប្រាក់ជាកាតព្វកិច្ចរបស់សិង្ហបុរី "
            "ដែលជួយអ្នកធ្វើការឱ្យមានប្រាក់សម្រាប់ការចូលនិវត្តន៍ លំនៅដ្ឋាន និងការថែទាំសុខភាព។"
        ),
    },
    "tap-brunei": {
        "acronym": "TAP",
        "country": Country.BRUNEI,
        "name_en": "Tabung Amanah Pekerja (Employees Trust Fund)",
        "description_en": (
            "Tabung Amanah Pekerja, the Employees Trust Fund, keeps the retirement savings "
            "of employees in Brunei Darussalam."
        ),
        "description_km": ("TAP រក្សាទុកប្រាក់សន្សំសម្រាប់ការចូលនិវត្តន៍របស់និយោជិតនៅប្រ៊ុយណេដារូសាឡាម។"),
    },
}

# NSSF's figures as its website showed them next to its news item of 12 March 2020.
NSSF_FIGURES_AS_OF = datetime.date(2020, 3, 12)
# Earlier points for the demo's charts. NOT real figures: made up to show the charts, and
# labelled so in their note (the admin shows it). The latest point is the seed's.
ILLUSTRATIVE_NOTE = "Illustrative demo value, not an NSSF figure"
NSSF_EARLIER = {
    "Registered enterprises": [
        (datetime.date(2017, 3, 1), 14_000),
        (datetime.date(2018, 3, 1), 16_500),
        (datetime.date(2019, 3, 1), 19_000),
    ],
    "Members": [
        (datetime.date(2017, 3, 1), 2_200_000),
        (datetime.date(2018, 3, 1), 2_500_000),
        (datetime.date(2019, 3, 1), 2_800_000),
    ],
    "Female members": [
        (datetime.date(2017, 3, 1), 1_300_000),
        (datetime.date(2018, 3, 1), 1_450_000),
        (datetime.date(2019, 3, 1), 1_600_000),
    ],
}
NSSF_FIGURES = [
    ("Registered enterprises", "សហគ្រាស គ្រឹះស្ថានដែលបានចុះបញ្ជី", 21_430),
    ("Members", "សមាជិកសរុប", 3_120_208),
    ("Female members", "សមាជិកជាស្ត្រី", 1_798_510),
]

# Two colours per country for the placeholder logos, so the directory is not all one tone.
LOGO_COLOURS = {
    Country.BRUNEI: ("#7a5a00", "#fff3cc"),
    Country.CAMBODIA: ("#123c69", "#dce9f7"),
    Country.INDONESIA: ("#8c1d18", "#fbe3e1"),
    Country.LAOS: ("#1b5e3a", "#dff1e6"),
    Country.MALAYSIA: ("#0b4f6c", "#d9eef7"),
    Country.PHILIPPINES: ("#3d2c8d", "#e6e2f7"),
    Country.SINGAPORE: ("#a4262c", "#fbe9ea"),
    Country.THAILAND: ("#264653", "#e0eef1"),
    Country.VIETNAM: ("#9a3412", "#fde8dc"),
}


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _fitted_font(draw: ImageDraw.ImageDraw, text: str, max_width: int, size: int):
    """The largest built-in font size, up to ``size``, at which ``text`` fits."""
    while size > 16:
        font = _font(size)
        left, _top, right, _bottom = draw.textbbox((0, 0), text, font=font)
        if right - left <= max_width:
            return font
        size -= 4
    return _font(16)


def placeholder_logo(acronym: str, country: str) -> ContentFile:
    """A PNG that says plainly it stands in for the institution's real logo."""
    dark, light = LOGO_COLOURS.get(country, ("#123c69", "#dce9f7"))
    width, height = 800, 400
    image = Image.new("RGB", (width, height), light)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([(10, 10), (width - 10, height - 10)], radius=40, outline=dark, width=10)
    draw.text(
        (width / 2, 170),
        acronym,
        font=_fitted_font(draw, acronym, width - 120, 140),
        fill=dark,
        anchor="mm",
    )
    draw.rectangle([(10, 250), (width - 10, 360)], fill=dark)
    draw.text(
        (width / 2, 305),
        "PLACEHOLDER LOGO",
        font=_fitted_font(draw, "PLACEHOLDER LOGO", width - 100, 84),
        fill=light,
        anchor="mm",
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue())


def load(stdout) -> None:
    made = 0
    for order, (slug, fields) in enumerate(INSTITUTIONS.items(), start=1):
        defaults = {
            "name_km": "",
            "website": "",
            "contact": "",
            "is_active": True,
            "order": order * 10,
            **fields,
        }
        institution, created = MemberInstitution.objects.update_or_create(
            slug=slug, defaults=defaults
        )
        made += created
        if not institution.logo:
            institution.logo.save(
                f"{slug}-placeholder.png",
                placeholder_logo(institution.acronym, institution.country),
            )
        refresh_logo_web(institution)  # does nothing when the copy is current

    nssf = MemberInstitution.objects.get(slug="nssf-cambodia")
    for order, (label_en, label_km, value) in enumerate(NSSF_FIGURES, start=1):
        figure, _created = KeyFigure.objects.update_or_create(
            institution=nssf,
            label_en=label_en,
            defaults={
                "label_km": label_km,
                "value": value,
                "as_of": NSSF_FIGURES_AS_OF,
                "source_url": "https://www.nssf.gov.kh/",
                "order": order,
            },
        )
        record_current_value(figure)
        figure.values.filter(as_of=NSSF_FIGURES_AS_OF).update(note="NSSF, March 2020")
        for as_of, earlier in NSSF_EARLIER[label_en]:
            figure.values.update_or_create(
                as_of=as_of, defaults={"value": earlier, "note": ILLUSTRATIVE_NOTE}
            )
    stdout.write(
        f"Members: {len(INSTITUTIONS)} institutions ({made} new), "
        f"{len(NSSF_FIGURES)} key figures for NSSF."
    )
