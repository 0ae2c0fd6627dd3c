"""Login throttling (django-axes) on the portal and the admin, and password-reset limits.

Attacks as a client would make them: many wrong passwords, then the right one; other
names and other addresses; forged X-Forwarded-For headers; many reset requests.
"""

import datetime
import logging
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse

from tests.factories import MembershipFactory, SecretariatUserFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
KHMER = re.compile("[\u1780-\u17ff]")


@pytest.fixture
def member():
    user = UserFactory(username="nssf-member")
    MembershipFactory(user=user)
    return user


@pytest.fixture
def clerk():
    return SecretariatUserFactory(username="clerk")


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def portal_login(language="en"):
    return f"/{language}/portal/login/"


ADMIN_LOGIN = "/admin/login/"


def log_in(client, url, username, password, **extra):
    data = {"username": username, "password": password}
    if url == ADMIN_LOGIN:
        data["next"] = "/admin/"
    return client.post(url, data, **extra)


def attempts(client, url, username, times, **extra):
    return [log_in(client, url, username, "wrong guess", **extra).status_code for _ in range(times)]


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def end_cool_off(settings):
    """Move every recorded failure to just before the cool-off began."""
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )


# ---- locking --------------------------------------------------------------------------


def test_thirty_wrong_passwords_on_the_portal_lock_it_even_for_the_right_one(client, member):
    statuses = attempts(client, portal_login(), "nssf-member", 30)
    assert statuses == [200] * 4 + [429] * 26
    response = log_in(client, portal_login(), "nssf-member", PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)
    assert client.get("/en/portal/").status_code == 302


def test_thirty_wrong_passwords_on_the_admin_lock_it_even_for_the_right_one(client, clerk):
    statuses = attempts(client, ADMIN_LOGIN, "clerk", 30)
    assert statuses == [200] * 4 + [429] * 26
    response = log_in(client, ADMIN_LOGIN, "clerk", PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)
    html = response.content.decode()
    # The admin's own look: its header and stylesheet.
    assert "ASSA administration" in html
    assert "admin/css/base" in html
    assert "Too many attempts to log in" in html


def test_the_lockout_page_says_when_to_try_again(client, member, settings):
    attempts(client, portal_login(), "nssf-member", 5)
    response = log_in(client, portal_login(), "nssf-member", PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    html = response.content.decode()
    assert "Too many attempts to log in" in html
    assert "in 15 minutes" in html
    assert re.search(r"try again after \d\d:\d\d", html)
    # The site's own page: its header and stylesheet.
    assert '<header class="site-header">' in html
    assert "css/site" in html


@pytest.mark.parametrize("url", [portal_login("km"), ADMIN_LOGIN])
def test_the_lockout_page_is_in_khmer_for_a_khmer_reader(client, member, clerk, url):
    client.cookies["django_language"] = "km"
    username = "clerk" if url == ADMIN_LOGIN else "nssf-member"
    attempts(client, url, username, 5, HTTP_ACCEPT_LANGUAGE="km")
    response = log_in(client, url, username, PASSWORD, HTTP_ACCEPT_LANGUAGE="km")
    assert response.status_code == 429
    html = response.content.decode()
    assert 'lang="km"' in html
    assert KHMER.search(html)
    # Khmer digits in the time and the minutes.
    assert "១៥" in html
    for english in (
        "Too many attempts",
        "try again",
        "Logging in from here is paused",
        "Forgotten your password",
        "ask a superuser",
        "Go to the home page",
    ):
        assert english not in html, english


def test_after_the_cool_off_the_right_password_works(client, member, settings):
    attempts(client, portal_login(), "nssf-member", 30)
    end_cool_off(settings)
    response = log_in(client, portal_login(), "nssf-member", PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_the_cool_off_comes_from_settings(client, member, settings):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=2)
    attempts(client, portal_login(), "nssf-member", 5)
    response = log_in(client, portal_login(), "nssf-member", PASSWORD)
    assert "in 2 minutes" in response.content.decode()
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=3))
    assert log_in(client, portal_login(), "nssf-member", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client, member):
    assert attempts(client, portal_login(), "nssf-member", 4) == [200] * 4
    assert log_in(client, portal_login(), "nssf-member", PASSWORD).status_code == 302
    client.post("/en/portal/logout/")
    assert attempts(client, portal_login(), "nssf-member", 4) == [200] * 4
    assert attempts(client, portal_login(), "nssf-member", 1) == [429]


def test_another_address_with_another_name_is_not_locked(client, member, settings):
    other = UserFactory(username="sso-member")
    attempts(client, portal_login(), "nssf-member", 30)
    response = log_in(client, portal_login(), other.username, PASSWORD, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302


def test_the_same_name_from_another_address_is_not_locked(client, member):
    """Counting by name alone would let anyone lock a member out."""
    attempts(client, portal_login(), "nssf-member", 30, REMOTE_ADDR="203.0.113.9")
    response = log_in(client, portal_login(), "nssf-member", PASSWORD)
    assert response.status_code == 302


def test_one_address_trying_many_names_is_locked_at_the_address_limit(client, member, settings):
    assert settings.LOGIN_FAILURE_LIMIT_PER_IP == 30
    statuses = [
        log_in(client, portal_login(), f"guess{n}", "wrong guess").status_code for n in range(30)
    ]
    assert statuses == [200] * 29 + [429]
    # Every name from that address is refused now, the right password too; other addresses are not.
    assert log_in(client, portal_login(), "nssf-member", PASSWORD).status_code == 429
    assert (
        log_in(client, portal_login(), "nssf-member", PASSWORD, REMOTE_ADDR="10.1.2.3").status_code
        == 302
    )


def test_a_forged_forwarded_for_header_does_not_give_fresh_attempts(client, member):
    statuses = [
        log_in(
            client, portal_login(), "nssf-member", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(10)
    ]
    assert statuses == [200] * 4 + [429] * 6


def test_behind_a_trusted_proxy_the_client_is_the_proxys_last_entry(client, member, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    # The attacker writes its own X-Forwarded-For; the proxy appends the real address.
    statuses = [
        log_in(
            client,
            portal_login(),
            "nssf-member",
            "wrong",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 192.0.2.7",
            **proxy,
        ).status_code
        for n in range(6)
    ]
    assert statuses == [200] * 4 + [429] * 2
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.7"}
    # Another client behind the same proxy may still log in.
    response = log_in(
        client, portal_login(), "nssf-member", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.8", **proxy
    )
    assert response.status_code == 302


# ---- unlocking ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [("axes_reset_username", "nssf-member"), ("axes_reset_ip", "127.0.0.1")]
)
def test_a_superuser_unlocks_with_a_command(client, member, command):
    attempts(client, portal_login(), "nssf-member", 30)
    assert log_in(client, portal_login(), "nssf-member", PASSWORD).status_code == 429
    call_command(*command)
    assert log_in(client, portal_login(), "nssf-member", PASSWORD).status_code == 302


def test_a_superuser_unlocks_in_the_admin(client, member, superuser, django_user_model):
    from django.test import Client

    attempts(client, portal_login(), "nssf-member", 30)
    admin = Client()
    admin.force_login(superuser)
    changelist = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "nssf-member" in changelist.content.decode()
    attempt = AccessAttempt.objects.get(username="nssf-member")
    response = admin.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert log_in(client, portal_login(), "nssf-member", PASSWORD).status_code == 302


def test_a_secretariat_clerk_cannot_see_the_lockouts(client, member, clerk):
    attempts(client, portal_login(), "nssf-member", 5)
    client.force_login(clerk)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Access attempts" not in index
    for name in ("accessattempt", "accesslog", "accessfailurelog"):
        assert client.get(reverse(f"admin:axes_{name}_changelist")).status_code == 403
    attempt = AccessAttempt.objects.get()
    assert (
        client.post(
            reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AccessAttempt.objects.exists()
    group = Group.objects.get(name="Secretariat")
    assert not group.permissions.filter(content_type__app_label="axes").exists()


# ---- password-reset emails ------------------------------------------------------------

RESET = "/en/portal/password-reset/"
RESET_DONE = "/en/portal/password-reset/sent/"


def test_the_fourth_reset_for_an_address_in_an_hour_sends_nothing(client, member, caplog):
    pages = []
    for _ in range(4):
        response = client.post(RESET, {"email": member.email}, follow=True)
        pages.append((response.redirect_chain[-1][0], response.content))
    assert len(mail.outbox) == 3
    # The fourth looks exactly like the others.
    assert pages[3][0] == RESET_DONE
    assert pages[3][1] == pages[0][1]
    assert "Password reset refused" in caplog.text


def test_the_reset_limit_counts_addresses_without_accounts_the_same(client, member):
    for _ in range(4):
        response = client.post(RESET, {"email": "nobody@example.org"})
        assert response["Location"] == RESET_DONE
    assert mail.outbox == []
    # The member's own address has its own count.
    client.post(RESET, {"email": member.email})
    assert len(mail.outbox) == 1


def test_one_client_may_ask_ten_resets_an_hour(client, caplog):
    emails = [UserFactory(username=f"member{n}").email for n in range(11)]
    with caplog.at_level(logging.WARNING):
        for email in emails:
            assert client.post(RESET, {"email": email})["Location"] == RESET_DONE
    assert len(mail.outbox) == 10
    assert [message.to[0] for message in mail.outbox] == emails[:10]
    # Another client is not affected.
    client.post(RESET, {"email": emails[10]}, REMOTE_ADDR="10.9.8.7")
    assert len(mail.outbox) == 11
