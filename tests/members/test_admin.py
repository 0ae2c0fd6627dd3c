import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.groups import ensure_secretariat_group
from members.models import KeyFigure, MemberInstitution, Membership
from tests.factories import (
    MemberInstitutionFactory,
    MemberInstitutionWithLogoFactory,
    MembershipFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.members.conftest import noise_png

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:members_memberinstitution_add")
LIST_URL = reverse("admin:members_memberinstitution_changelist")


def institution_data(**overrides) -> dict:
    data = {
        "name_en": "Social Security Office",
        "name_km": "",
        "acronym": "SSO",
        "slug": "sso-thailand",
        "country": "TH",
        "is_active": "on",
        "order": "0",
        "website": "www.sso.go.th",
        "contact": "1506",
        "description_en": "Runs the Social Security Fund.",
        "description_km": "",
        "key_figures-TOTAL_FORMS": "0",
        "key_figures-INITIAL_FORMS": "0",
        "key_figures-MIN_NUM_FORMS": "0",
        "key_figures-MAX_NUM_FORMS": "1000",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    return data | overrides


def test_admin_adds_an_institution_with_a_logo_and_a_key_figure(admin_client, png_upload):
    data = institution_data(
        logo=png_upload("sso.png", size=(1600, 800)),
        **{
            "key_figures-TOTAL_FORMS": "1",
            "key_figures-0-label_en": "Insured persons",
            "key_figures-0-label_km": "អ្នកធានារ៉ាប់រង",
            "key_figures-0-value": "24000000",
            "key_figures-0-as_of": "2024-12-31",
            "key_figures-0-source_url": "",
            "key_figures-0-order": "1",
        },
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    institution = MemberInstitution.objects.get(slug="sso-thailand")
    assert institution.website == "https://www.sso.go.th"
    figure = KeyFigure.objects.get(institution=institution)
    assert (figure.label_en, figure.label_km, figure.value) == (
        "Insured persons",
        "អ្នកធានារ៉ាប់រង",
        24_000_000,
    )
    # The web copy: a PNG that fits in 400 × 400, made on save.
    assert institution.logo_web.name.startswith("logos/web/")
    assert (institution.logo_web_width, institution.logo_web_height) == (400, 200)
    with Image.open(institution.logo_web.path) as copy:
        assert copy.format == "PNG"
        assert copy.size == (400, 200)


def test_a_file_that_is_not_an_image_is_rejected_with_a_clear_message(admin_client):
    fake = SimpleUploadedFile(
        "logo.png", b"%PDF-1.4 this is a PDF, not a picture", content_type="image/png"
    )
    response = admin_client.post(ADD_URL, institution_data(logo=fake))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["logo"]
    assert errors == [
        "This file is not an image we can read. Please upload the logo as a PNG, JPEG, WebP or GIF file."
    ]
    assert "This file is not an image we can read." in response.content.decode()
    assert not MemberInstitution.objects.exists()


def test_the_not_an_image_message_is_in_khmer_for_a_khmer_admin(admin_client):
    fake = SimpleUploadedFile("logo.jpg", b"not a picture at all", content_type="image/jpeg")
    response = admin_client.post(ADD_URL, institution_data(logo=fake), HTTP_ACCEPT_LANGUAGE="km")
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["logo"]
    assert "PNG" in error
    assert "This file is not an image" not in error
    assert any("\u1780" <= ch <= "\u17ff" for ch in error)


def test_a_logo_larger_than_the_limit_is_rejected_with_a_clear_message(admin_client, settings):
    settings.IMAGE_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("logo.png", noise_png(1.3), content_type="image/png")
    assert big.size > 1024 * 1024
    response = admin_client.post(ADD_URL, institution_data(logo=big))
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["logo"]
    assert "larger than the 1 MB allowed" in error
    assert error.startswith("The logo is 1.")
    assert not MemberInstitution.objects.exists()


def test_an_svg_logo_is_rejected(admin_client):
    svg = SimpleUploadedFile(
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )
    response = admin_client.post(ADD_URL, institution_data(logo=svg))
    assert "logo" in response.context["adminform"].form.errors
    assert not MemberInstitution.objects.exists()


def test_the_changelist_shows_thumbnails_filters_and_search(admin_client):
    with_logo = MemberInstitutionWithLogoFactory(
        acronym="CPF", name_en="Central Provident Fund Board", country="SG"
    )
    MemberInstitutionFactory(acronym="EPF", name_en="Employees Provident Fund", country="MY")
    MemberInstitutionFactory(acronym="OLD", name_en="Former Fund", country="MY", is_active=False)
    html = admin_client.get(LIST_URL).content.decode()
    assert with_logo.logo_web.url in html
    assert "?country__exact=SG" in html
    assert "?is_active__exact=0" in html

    def acronyms(**params):
        response = admin_client.get(LIST_URL, params)
        return sorted(i.acronym for i in response.context["cl"].result_list)

    assert acronyms(country__exact="MY") == ["EPF", "OLD"]
    assert acronyms(is_active__exact="0") == ["OLD"]
    assert acronyms(q="cpf") == ["CPF"]
    assert acronyms(q="Employees Provident") == ["EPF"]


def test_the_change_form_puts_both_languages_side_by_side_and_shows_the_users(admin_client):
    institution = MemberInstitutionWithLogoFactory(acronym="NSSF")
    MembershipFactory(
        user=UserFactory(username="sokha", email="sokha@nssf.example"), institution=institution
    )
    response = admin_client.get(
        reverse("admin:members_memberinstitution_change", args=[institution.pk])
    )
    html = response.content.decode()
    assert 'name="name_en"' in html and 'name="name_km"' in html
    assert 'name="description_en"' in html and 'name="description_km"' in html
    # English and Khmer on one row of the form.
    assert 'class="form-row field-name_en field-name_km"' in html
    assert 'class="form-row field-description_en field-description_km"' in html
    assert "key_figures-TOTAL_FORMS" in html
    assert "Users of this institution" in html
    assert "sokha@nssf.example" in html
    assert institution.logo_web.url in html


def test_the_secretariat_links_a_user_to_an_institution(client):
    ensure_secretariat_group()
    staff = SecretariatUserFactory()
    client.force_login(staff)
    institution = MemberInstitutionFactory(acronym="EPF")
    user = UserFactory(username="aminah")
    response = client.post(
        reverse("admin:members_membership_add"),
        {"user": user.pk, "institution": institution.pk, "language": "en"},
    )
    assert response.status_code == 302
    assert user.membership.institution == institution
    assert client.get(LIST_URL).status_code == 200


def test_a_user_belongs_to_one_institution_only(admin_client):
    membership = MembershipFactory()
    other = MemberInstitutionFactory()
    response = admin_client.post(
        reverse("admin:members_membership_add"),
        {"user": membership.user.pk, "institution": other.pk, "language": "en"},
    )
    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    assert Membership.objects.count() == 1


def test_the_user_admin_shows_the_users_institution(admin_client):
    MembershipFactory(
        user=UserFactory(username="dara"), institution=MemberInstitutionFactory(acronym="NSSF")
    )
    response = admin_client.get(reverse("admin:auth_user_changelist"))
    html = response.content.decode()
    assert "dara" in html
    assert '<td class="field-institution">NSSF</td>' in html
    user = response.context["cl"].result_list.get(username="dara")
    change = admin_client.get(reverse("admin:auth_user_change", args=[user.pk])).content.decode()
    assert 'name="membership-0-institution"' in change
