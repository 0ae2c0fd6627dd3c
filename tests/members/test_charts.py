"""Key figures over time: the history kept in the admin, drawn as accessible SVG charts."""

import datetime
import re

import pytest
from django.urls import reverse

from members.models import KeyFigure, KeyFigureValue
from tests.factories import KeyFigureFactory, MemberInstitutionFactory, SecretariatUserFactory

pytestmark = pytest.mark.django_db

HISTORY = [
    (datetime.date(2018, 3, 1), 2_500_000),
    (datetime.date(2019, 3, 1), 2_800_000),
    (datetime.date(2020, 3, 12), 3_120_208),
]


@pytest.fixture
def members_figure():
    nssf = MemberInstitutionFactory(slug="nssf-cambodia", acronym="NSSF", name_en="NSSF")
    figure = KeyFigureFactory(
        institution=nssf,
        label_en="Members",
        label_km="សមាជិកសរុប",
        value=3_120_208,
        as_of=datetime.date(2020, 3, 12),
    )
    for as_of, value in HISTORY:
        KeyFigureValue.objects.create(figure=figure, as_of=as_of, value=value)
    return figure


def chart_of(html: str) -> str:
    return html.split('<figure class="figure-chart">')[1].split("</figure>")[0]


def table_numbers(chart: str) -> list[str]:
    body = chart.split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td></tr>", body)


def test_institution_chart_is_an_svg_picture_with_a_title(client, members_figure):
    html = client.get("/en/members/nssf-cambodia/").content.decode()
    chart = chart_of(html)
    assert '<svg class="chart"' in chart and 'role="img"' in chart
    assert re.search(r"<title id=\"chart-\d+-title\">Members: 2,500,000 on 1 March 2018", chart)
    assert " style=" not in chart  # the CSP allows no inline styles
    assert chart.count('<circle class="chart-dot"') == len(HISTORY)


def test_chart_table_numbers_equal_the_data(client, members_figure):
    chart = chart_of(client.get("/en/members/nssf-cambodia/").content.decode())
    assert table_numbers(chart) == [f"{value:,}" for _date, value in HISTORY]


def test_chart_uses_khmer_digits_and_months_on_khmer_pages(client, members_figure):
    chart = chart_of(client.get("/km/members/nssf-cambodia/").content.decode())
    assert table_numbers(chart) == ["២,៥០០,០០០", "២,៨០០,០០០", "៣,១២០,២០៨"]
    assert "មីនា" in chart  # March
    assert not re.search(r"[0-9]", chart.split("<tbody>")[1].split("</tbody>")[0])


def test_home_page_draws_members_over_time(client, members_figure):
    html = client.get("/en/").content.decode()
    assert "Members of NSSF over time" in html
    assert table_numbers(chart_of(html)) == [f"{value:,}" for _date, value in HISTORY]


def test_a_figure_with_one_value_has_no_chart(client):
    institution = MemberInstitutionFactory(slug="epf")
    KeyFigureFactory(institution=institution, label_en="Members")
    html = client.get("/en/members/epf/").content.decode()
    assert '<figure class="figure-chart">' not in html


def test_admin_history_sets_the_figures_latest_value(client, members_figure):
    client.force_login(SecretariatUserFactory(is_superuser=True))
    url = reverse("admin:members_keyfigure_change", args=[members_figure.pk])
    form = client.get(url)
    assert form.status_code == 200
    values = list(members_figure.values.order_by("as_of"))
    data = {
        "institution": members_figure.institution.pk,
        "label_en": "Members",
        "label_km": "សមាជិកសរុប",
        "source_url": "",
        "order": 0,
        "values-TOTAL_FORMS": len(values) + 1,
        "values-INITIAL_FORMS": len(values),
        "values-MIN_NUM_FORMS": 0,
        "values-MAX_NUM_FORMS": 1000,
    }
    for index, value in enumerate(values):
        data |= {
            f"values-{index}-id": value.pk,
            f"values-{index}-figure": members_figure.pk,
            f"values-{index}-as_of": value.as_of.isoformat(),
            f"values-{index}-value": value.value,
            f"values-{index}-note": "",
        }
    new = len(values)
    data |= {
        f"values-{new}-figure": members_figure.pk,
        f"values-{new}-as_of": "2024-01-01",
        f"values-{new}-value": 3_500_000,
        f"values-{new}-note": "Illustrative",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    figure = KeyFigure.objects.get(pk=members_figure.pk)
    assert (figure.value, figure.as_of) == (3_500_000, datetime.date(2024, 1, 1))


def test_migration_kept_existing_values_as_first_points():
    # The data migration's rule, applied by the demo and the admin too: a figure's own
    # value is a point of its history.
    from members.services import record_current_value

    figure = KeyFigureFactory(value=21_430, as_of=datetime.date(2020, 3, 12))
    record_current_value(figure)
    assert list(figure.values.values_list("as_of", "value")) == [
        (datetime.date(2020, 3, 12), 21_430)
    ]


def test_directory_shows_every_asean_country_as_a_tile(client):
    MemberInstitutionFactory(slug="nssf", country="KH")
    MemberInstitutionFactory(slug="epf", country="MY")
    MemberInstitutionFactory(slug="socso", country="MY")
    html = client.get("/en/members/").content.decode()
    grid = html.split('<ul class="country-grid"')[1].split("</ul>")[0]
    assert grid.count('class="country-tile') == 11
    assert '<a href="?country=MY">Malaysia <strong>2</strong>' in grid
    assert "<span>Brunei Darussalam" in grid  # no members: not a link


def test_notes_of_values_are_shown_under_the_chart(client, members_figure):
    members_figure.values.filter(as_of__year__lt=2020).update(note="Illustrative demo value")
    chart = chart_of(client.get("/en/members/nssf-cambodia/").content.decode())
    notes = chart.split('<ul class="chart-notes meta">')[1].split("</ul>")[0]
    assert "March 2018, March 2019" in notes
    assert '<span lang="en">Illustrative demo value</span>' in notes
