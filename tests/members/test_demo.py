import io

import pytest

from members import demo
from members.models import KeyFigure, MemberInstitution

pytestmark = pytest.mark.django_db

SLUGS = {
    "nssf-cambodia",
    "epf-malaysia",
    "socso-malaysia",
    "philhealth",
    "sss-philippines",
    "gsis-philippines",
    "sso-thailand",
    "vss-vietnam",
    "bpjs-ketenagakerjaan",
    "bpjs-kesehatan",
    "lsso-laos",
    "cpf-singapore",
    "tap-brunei",
}


def test_demo_loads_the_member_institutions_with_the_agreed_slugs():
    demo.load(io.StringIO())
    assert set(MemberInstitution.objects.values_list("slug", flat=True)) == SLUGS
    assert MemberInstitution.objects.active().count() == len(SLUGS)
    nssf = MemberInstitution.objects.get(slug="nssf-cambodia")
    assert nssf.name_km == "បេឡាជាតិរបបសន្តិសុខសង្គម"
    assert nssf.contact == "1286"
    assert nssf.country == "KH"
    figures = {f.label_en: f.value for f in nssf.key_figures.all()}
    assert figures == {
        "Registered enterprises": 21_430,
        "Members": 3_120_208,
        "Female members": 1_798_510,
    }
    assert all(f.label_km for f in nssf.key_figures.all())


def test_demo_logos_are_placeholders_made_once():
    demo.load(io.StringIO())
    logos = dict(MemberInstitution.objects.values_list("slug", "logo"))
    copies = dict(MemberInstitution.objects.values_list("slug", "logo_web"))
    assert all(name.startswith("logos/") and "placeholder" in name for name in logos.values())
    assert all(name.startswith("logos/web/") for name in copies.values())
    demo.load(io.StringIO())
    assert dict(MemberInstitution.objects.values_list("slug", "logo")) == logos
    assert dict(MemberInstitution.objects.values_list("slug", "logo_web")) == copies
    assert MemberInstitution.objects.count() == len(SLUGS)
    assert KeyFigure.objects.count() == 3


def test_demo_pages_render(client):
    demo.load(io.StringIO())
    for language in ("en", "km"):
        assert client.get(f"/{language}/members/").status_code == 200
        for slug in SLUGS:
            assert client.get(f"/{language}/members/{slug}/").status_code == 200
