"""Demo pages (About ASSA, Contact, Privacy); Contact holds the secretariat's details.

Idempotent: pages by slug. The text is our own; its facts come
from the project's sources (what ASSA is, its members, the rotating chairmanship). The
contact details are placeholders that say so: the secretariat fills in the real ones.
"""

from pages.models import Page, PageStatus, Placement

PAGES: dict[str, dict] = {
    "about": {
        "placement": Placement.NAVIGATION,
        "order": 1,
        "title_en": "About ASSA",
        "title_km": "អំពី ASSA",
        "summary_en": (
            "The ASEAN Social Security Association brings together the social security "
            "institutions of the ASEAN member states."
        ),
        "summary_km": ("សមាគមសន្តិសុខសង្គមអាស៊ាន ប្រមូលផ្តុំស្ថាប័នសន្តិសុខសង្គមនៃបណ្តាប្រទេសជាសមាជិកអាស៊ាន។"),
        "body_en": (
            "<p>The ASEAN Social Security Association (ASSA) is the association of the "
            "social security institutions of the ASEAN countries: funds and organisations "
            "such as NSSF in Cambodia, EPF and SOCSO in Malaysia, SSS and PhilHealth in the "
            "Philippines, SSO in Thailand, Vietnam Social Security, BPJS Ketenagakerjaan in "
            "Indonesia, LSSO in Laos and CPF in Singapore.</p>"
            "<h2>What we do</h2>"
            "<ul><li>A board meeting each year, where members share good practice and "
            "decide the association's work;</li>"
            "<li>seminars, workshops and working groups, for example on the social "
            "security of migrant workers;</li>"
            "<li>a library of the papers that members present.</li></ul>"
            "<h2>A chairmanship that rotates</h2>"
            "<p>The chairmanship passes from one member institution to another each year, "
            "at a board meeting. Each term has a Chairman, a Vice Chairman and a Secretary "
            "General, and the secretariat moves with them.</p>"
        ),
        "body_km": (
            "<p>សមាគមសន្តិសុខសង្គមអាស៊ាន (ASSA) គឺជាសមាគមនៃស្ថាប័នសន្តិសុខសង្គមរបស់បណ្តាប្រទេសអាស៊ាន "
            "ដូចជា ប.ស.ស. នៅកម្ពុជា EPF និង SOCSO នៅម៉ាឡេស៊ី SSS និង PhilHealth នៅហ្វីលីពីន "
            "SSO នៅថៃ VSS នៅវៀតណាម BPJS Ketenagakerjaan នៅឥណ្ឌូនេស៊ី LSSO នៅឡាវ និង CPF នៅសិង្ហបុរី។</p>"
            "<h2>អ្វីដែលយើងធ្វើ</h2>"
            "<ul><li>កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាលប្រចាំឆ្នាំ ដែលសមាជិកចែករំលែកបទពិសោធន៍ល្អៗ "
            "និងសម្រេចលើការងាររបស់សមាគម</li>"
            "<li>សិក្ខាសាលា និងក្រុមការងារ ឧទាហរណ៍ស្តីពីសន្តិសុខសង្គមរបស់ពលករចំណាកស្រុក</li>"
            "<li>បណ្ណាល័យឯកសារដែលសមាជិកបានបង្ហាញ។</li></ul>"
            "<h2>អធិបតីភាពវិលជុំ</h2>"
            "<p>អធិបតីភាពផ្លាស់ប្តូរពីស្ថាប័នសមាជិកមួយទៅស្ថាប័នមួយទៀតជារៀងរាល់ឆ្នាំ "
            "នៅក្នុងកិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល។ អាណត្តិនីមួយៗមានប្រធាន អនុប្រធាន និងអគ្គលេខាធិការ "
            "ហើយលេខាធិការដ្ឋានផ្លាស់ទីតាមពួកគេ។</p>"
        ),
    },
    "contact": {
        "placement": Placement.FOOTER,
        "order": 1,
        "shows_contact_details": True,
        # Placeholders that say so: the secretariat types the real ones in the admin.
        "organisation_en": "ASSA Secretariat (demo details: the secretariat replaces them)",
        "organisation_km": "លេខាធិការដ្ឋាន ASSA (ព័ត៌មានសាកល្បង)",
        "address_en": "Address of the current secretariat\n(to be filled in in the admin)",
        "address_km": "អាសយដ្ឋានរបស់លេខាធិការដ្ឋានបច្ចុប្បន្ន\n(ត្រូវបំពេញនៅក្នុងផ្ទាំងគ្រប់គ្រង)",
        "email": "secretariat@example.org",
        "title_en": "Contact",
        "title_km": "ទំនាក់ទំនង",
        "summary_en": "How to reach the ASSA secretariat.",
        "summary_km": "របៀបទាក់ទងលេខាធិការដ្ឋាន ASSA។",
        "body_en": (
            "<p>The secretariat answers questions about the association, its meetings and "
            "its documents. Staff of member institutions send their papers through the "
            "member portal.</p>"
            "<p>For questions about your own social security, please contact the "
            "institution of your country: the member directory lists their websites and "
            "call centres.</p>"
        ),
        "body_km": (
            "<p>លេខាធិការដ្ឋានឆ្លើយសំណួរអំពីសមាគម កិច្ចប្រជុំ និងឯកសាររបស់សមាគម។ "
            "បុគ្គលិកស្ថាប័នសមាជិកផ្ញើឯកសាររបស់ពួកគេតាមរយៈវិបផតថលសមាជិក។</p>"
            "<p>សម្រាប់សំណួរអំពីសន្តិសុខសង្គមផ្ទាល់ខ្លួនរបស់អ្នក សូមទាក់ទងស្ថាប័ននៃប្រទេសរបស់អ្នក៖ "
            "បញ្ជីសមាជិកមានគេហទំព័រ និងមជ្ឈមណ្ឌលទូរស័ព្ទរបស់ពួកគេ។</p>"
        ),
    },
    "privacy": {
        "placement": Placement.FOOTER,
        "order": 2,
        "title_en": "Privacy",
        "title_km": "ឯកជនភាព",
        "summary_en": "What this website records about its visitors and members, and why.",
        "summary_km": "អ្វីដែលគេហទំព័រនេះកត់ត្រាអំពីអ្នកទស្សនា និងសមាជិក និងមូលហេតុ។",
        "body_en": (
            "<p>Reading this website needs no account. It keeps one cookie for the "
            "language you choose, and none for advertising or tracking; it loads no "
            "scripts, fonts or maps from other sites.</p>"
            "<h2>Member portal</h2>"
            "<p>Staff of member institutions who log in to upload papers are known by their "
            "name, email address and institution. The site records their submissions and "
            "the secretariat's decisions, and failed logins to protect the accounts.</p>"
            "<h2>Questions</h2>"
            "<p>Write to the secretariat (see Contact) to see or correct what is kept about "
            "you.</p>"
        ),
    },
}


def load(stdout) -> None:
    for slug, fields in PAGES.items():
        Page.objects.update_or_create(
            slug=slug, defaults={"status": PageStatus.PUBLISHED, **fields}
        )
    stdout.write(f"Pages: {len(PAGES)} demo pages, the secretariat's details on Contact.")
