"""The admin's front page tells the Secretariat when the last backup and file check ran."""

import datetime

import pytest
from django.utils import timezone

from backups.models import MaintenanceRun, RunKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def record(kind, hours_ago=1, **fields):
    finished = timezone.now() - datetime.timedelta(hours=hours_ago)
    fields.setdefault("succeeded", True)
    return MaintenanceRun.objects.create(
        kind=kind,
        started_at=finished - datetime.timedelta(minutes=2),
        finished_at=finished,
        **fields,
    )


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def secretariat_user():
    from tests.factories import SecretariatUserFactory

    return SecretariatUserFactory()


def panel(client) -> str:
    html = client.get("/admin/").content.decode()
    start = html.find('id="backup-status"')
    assert start != -1, "no backup panel on the admin's front page"
    return html[start : html.find("</section>", start)]


def test_a_site_never_backed_up_says_so(secretariat_client):
    text = panel(secretariat_client)
    assert "No backup has run yet." in text
    assert "There is no good backup" in text
    assert "The files have not been checked yet" in text


def test_the_last_backup_shows_its_size_and_the_last_whole_check(secretariat_client):
    record(RunKind.BACKUP, size=5 * 1024 * 1024)
    record(RunKind.VERIFY, files_checked=120, problems=0)

    text = panel(secretariat_client)

    assert "5.0\xa0MB" in text
    assert "all 120 stored files are whole" in text
    assert "backup-status-warning" not in text


def test_a_failed_backup_and_an_old_good_one_are_both_shown(secretariat_client):
    record(RunKind.BACKUP, hours_ago=50, size=1000)
    record(RunKind.BACKUP, hours_ago=2, succeeded=False, summary="OSError: disk full")

    text = panel(secretariat_client)

    assert "Failed at" in text and "OSError: disk full" in text
    assert "The last good backup is 2\xa0days, 2\xa0hours old" in text


def test_a_check_that_found_damage_links_to_its_report(secretariat_client):
    run = record(RunKind.VERIFY, succeeded=False, files_checked=120, problems=3, details="x")

    text = panel(secretariat_client)

    assert "3 of 120 stored files are missing or damaged" in text
    assert f"/admin/backups/maintenancerun/{run.pk}/change/" in text
    assert (
        secretariat_client.get(f"/admin/backups/maintenancerun/{run.pk}/change/").status_code == 200
    )


def test_staff_outside_the_secretariat_see_no_panel(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'id="backup-status"' not in response.content.decode()
    assert client.get("/admin/backups/maintenancerun/").status_code == 403
