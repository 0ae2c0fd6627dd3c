"""Django's own strings in Khmer: the project's translation of them (locale/django/) covers
every English message id of the installed Django, keeps its placeholders, is compiled, and
is what the admin and the portal show in Khmer, with none of Django's wrong Khmer words."""

import gettext
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from assa.management.commands.refresh_django_catalogues import (
    DOMAINS,
    django_catalogue_dir,
    django_english_catalogues,
)
from events.models import Event
from tests.assa.test_catalogue import catalogue, read_po, visible_text
from tests.factories import EventFactory, SecretariatUserFactory

# Django's km catalogue writes these; the site does not.
WRONG_WORDS = {
    "លប់": "Delete is លុប",
    "សូមស្វាគមន៏": "Welcome is សូមស្វាគមន៍ (៍, not ៏)",
    "ពាក្យសំងាត់": "password is ពាក្យសម្ងាត់",
    "កែឯកសារដដែល": "Save and continue editing is not 'edit the same document'",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdrif]|%[sdrif]|\{\w*\}")


def key(entry: dict) -> tuple[str, str]:
    return (entry.get("msgctxt", ""), entry["msgid"])


def english(domain: str) -> dict[tuple[str, str], dict]:
    """Django's English message ids for one domain, from the installed Django's sources."""
    entries = {}
    for path in django_english_catalogues(domain):
        for entry in read_po(path):
            if entry.get("msgid"):
                entries.setdefault(key(entry), entry)
    return entries


def ours(domain: str) -> dict[tuple[str, str], dict]:
    path = django_catalogue_dir() / f"{domain}.po"
    return {key(e): e for e in read_po(path) if e.get("msgid")}


def placeholders(text: str) -> tuple[frozenset, Counter]:
    found = PLACEHOLDER.findall(text)
    named = frozenset(p for p in found if p.startswith("%(") or (p.startswith("{") and p != "{}"))
    return named, Counter(p for p in found if p not in named)


def test_the_sources_are_the_catalogues_the_site_shows():
    sources = {
        str(p).split("/django/", 1)[1] for d in DOMAINS for p in django_english_catalogues(d)
    }
    for expected in [
        "conf/locale/en/LC_MESSAGES/django.po",
        "contrib/admin/locale/en/LC_MESSAGES/django.po",
        "contrib/admin/locale/en/LC_MESSAGES/djangojs.po",
        "contrib/auth/locale/en/LC_MESSAGES/django.po",
    ]:
        assert expected in sources


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_django_message_has_a_khmer_translation(domain):
    wanted, have = english(domain), ours(domain)
    assert len(wanted) > (600 if domain == "django" else 70)
    missing = [k[1] for k in wanted if k not in have]
    empty = [k[1] for k in wanted if k in have and not all(have[k]["msgstr"].values())]
    fuzzy = [k[1] for k in wanted if k in have and "fuzzy" in have[k]["flags"]]
    assert missing == [], "run `make django-messages`, then translate the new entries"
    assert empty == []
    assert fuzzy == []
    # One form each: Khmer has no plural forms.
    assert all(list(have[k]["msgstr"]) in (["msgstr"], ["msgstr[0]"]) for k in wanted)


@pytest.mark.parametrize("domain", DOMAINS)
def test_translations_keep_the_placeholders(domain):
    wrong = []
    for entry in ours(domain).values():
        source = entry.get("msgid_plural", entry["msgid"])
        for translated in entry["msgstr"].values():
            if placeholders(translated) != placeholders(source):
                wrong.append((source, translated))
    assert wrong == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_none_of_djangos_wrong_words_is_in_the_translation(domain):
    text = "\n".join(v for e in ours(domain).values() for v in e["msgstr"].values())
    assert [word for word in WRONG_WORDS if word in text] == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_compiled_catalogue_matches_the_source(domain):
    with open(django_catalogue_dir() / f"{domain}.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for (ctx, msgid), entry in ours(domain).items():
        lookup = f"{ctx}\x04{msgid}" if ctx else msgid
        if "msgid_plural" in entry:
            found, wanted = compiled._catalog.get((lookup, 0)), entry["msgstr"]["msgstr[0]"]
        else:
            found, wanted = compiled._catalog.get(lookup), entry["msgstr"]["msgstr"]
        if found != wanted:
            stale.append(msgid)
    assert stale == [], "run `make django-messages` to compile the catalogue"


def test_the_projects_own_catalogue_is_read_first_and_djangos_last():
    paths = [Path(p) for p in settings.LOCALE_PATHS]
    assert paths.index(Path(settings.BASE_DIR) / "locale") < paths.index(
        django_catalogue_dir().parent.parent
    )


def test_khmer_django_strings_are_the_corrected_ones():
    with translation.override("km"):
        assert translation.gettext("Delete") == "លុប"
        assert translation.gettext("Welcome,") == "សូមស្វាគមន៍"
        assert translation.gettext("Change password") == "ផ្លាស់ប្តូរពាក្យសម្ងាត់"
        assert translation.gettext("Save and continue editing") == "រក្សាទុក ហើយបន្តកែសម្រួល"
        # The form label suffix, and the punctuation after which none is added.
        assert translation.gettext(":") == "៖"
        assert "៖" in translation.gettext(":?.!")
        assert translation.gettext("This field is required.") == "ចាំបាច់ត្រូវបំពេញកន្លែងនេះ។"
        # The project's catalogue still wins where both translate a string.
        assert translation.gettext("Log in") == "ចូលប្រើ"


# ---- what a Khmer reader sees ---------------------------------------------------------------


def english_interface_strings() -> tuple[set[str], list[re.Pattern]]:
    """English strings of the interface a Khmer page must not show: the project's and
    Django's message ids of more than one word, and Django's strings with placeholders
    whose fixed part has more than one word ("0 of 17 selected", "Add another Event")."""
    plain, patterns = set(), []
    ids = [e["msgid"] for e in catalogue()]
    ids += [msgid for domain in DOMAINS for (ctx, msgid) in english(domain)]
    for msgid in ids:
        if "<" in msgid or "\n" in msgid or not msgid.strip():
            continue
        parts = PLACEHOLDER.split(msgid)
        if len(parts) == 1:
            if " " in msgid.strip():
                plain.add(msgid.strip())
        elif any(" " in part.strip() for part in parts):
            patterns.append(re.compile(r".{1,80}?".join(re.escape(p) for p in parts)))
    return plain, patterns


def interface_text(html: str) -> str:
    """What a reader sees of the interface: a textarea's content is the row's text, not it."""
    return visible_text(re.sub(r"(<textarea[^>]*>).*?(</textarea>)", r"\1\2", html, flags=re.S))


def english_in(text: str, strings: tuple[set[str], list[re.Pattern]]) -> list[str]:
    plain, patterns = strings
    return sorted({s for s in plain if s in text} | {p.pattern for p in patterns if p.search(text)})


@pytest.fixture
def khmer_clerk(client, settings):
    """A Secretariat clerk in the admin, with the Khmer language cookie."""
    client.force_login(SecretariatUserFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    return client


@pytest.mark.django_db
def test_khmer_admin_pages_show_no_english_interface_text(demo, khmer_clerk):
    client = khmer_clerk
    event = Event.objects.get(number=37)
    pages = [
        reverse("admin:index"),
        reverse("admin:events_event_changelist"),
        reverse("admin:documents_document_changelist"),
        reverse("admin:members_memberinstitution_changelist"),
        reverse("admin:events_event_add"),
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:news_article_add"),
        reverse("admin:events_event_history", args=[event.pk]),
        reverse("admin:password_change"),
    ]
    strings = english_interface_strings()
    leaks, wrong = {}, {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="km"' in html, url
        found = english_in(interface_text(html), strings)
        if found:
            leaks[url] = found
        if [w for w in WRONG_WORDS if w in html]:
            wrong[url] = [w for w in WRONG_WORDS if w in html]
    # The confirmation page of the "delete selected" action, and a form with errors.
    confirm = client.post(
        reverse("admin:events_event_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk]},
    )
    assert "លុប" in confirm.content.decode()
    invalid = client.post(reverse("admin:events_event_add"), {})
    assert 'class="errornote"' in invalid.content.decode()
    for label, response in [("delete selected", confirm), ("form with errors", invalid)]:
        found = english_in(interface_text(response.content.decode()), strings)
        if found:
            leaks[label] = found
    assert leaks == {}
    assert wrong == {}


@pytest.mark.django_db
def test_khmer_admin_form_labels_end_in_the_khmer_colon(khmer_clerk):
    html = khmer_clerk.get(reverse("admin:events_event_add")).content.decode()
    labels = re.findall(r"<label[^>]*>(.*?)</label>", html, flags=re.S)
    suffixed = [label for label in labels if label.rstrip().endswith(("៖", ":"))]
    assert len(suffixed) > 10
    assert [label for label in suffixed if label.rstrip().endswith(":")] == []


@pytest.mark.django_db
def test_the_admins_javascript_catalogue_is_khmer(khmer_clerk):
    script = khmer_clerk.get(reverse("admin:jsi18n")).content.decode()
    served = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    # What the admin's scripts can show: the message ids of the installed Django's admin.
    shown = {msgid: served.get(msgid) for (ctx, msgid) in english("djangojs") if not ctx}
    assert shown["%(sel)s of %(cnt)s selected"] == ["បានជ្រើសរើស %(sel)s នៃ %(cnt)s"]
    assert shown["Choose a Date"] == "ជ្រើសរើសកាលបរិច្ឆេទ"
    assert shown["Cancel"] == "បោះបង់"
    assert [msgid for msgid, khmer in shown.items() if not khmer] == []
    text = json.dumps(shown, ensure_ascii=False)
    assert [w for w in WRONG_WORDS if w in text] == []


@pytest.mark.django_db
def test_portal_login_error_is_all_khmer(client):
    response = client.post(
        "/km/portal/login/", {"username": "nobody", "password": "not-the-password"}
    )
    html = response.content.decode()
    error = re.search(r'<div class="form-errors" role="alert">(.*?)</div>', html, re.S).group(1)
    text = visible_text(error)
    assert "ឈ្មោះអ្នកប្រើ" in text and "ពាក្យសម្ងាត់" in text
    assert re.findall(r"[A-Za-z]+", text) == []


@pytest.mark.django_db
def test_admin_login_error_is_khmer(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    response = client.post(reverse("admin:login"), {"username": "nobody", "password": "x"})
    text = visible_text(response.content.decode())
    assert "សម្រាប់គណនីបុគ្គលិក" in text
    assert "Please enter the correct" not in text


# ---- the admin's language switch ------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_header_offers_the_other_language(client):
    client.force_login(SecretariatUserFactory())
    html = client.get(reverse("admin:documents_document_changelist") + "?kind=paper").content
    html = html.decode()
    switch = html.split('class="admin-language-switcher"')[1].split("</nav>")[0]
    assert f'action="{reverse("set_language")}"' in switch
    assert 'method="post"' in switch and "csrfmiddlewaretoken" in switch
    assert 'name="next" value="/admin/documents/document/?kind=paper"' in switch
    assert 'name="language" value="km" lang="km">ខ្មែរ</button>' in switch
    assert '<span aria-current="true" lang="en">English</span>' in switch


@pytest.mark.django_db
def test_the_switch_is_on_the_admin_login_page_too(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert 'class="admin-language-switcher"' in html


@pytest.mark.django_db
def test_switching_the_admin_to_khmer_sets_the_language_cookie_and_comes_back(client):
    EventFactory()  # the list shows its actions when it has rows
    client.force_login(SecretariatUserFactory())
    url = reverse("admin:events_event_changelist")
    response = client.post(reverse("set_language"), {"language": "km", "next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "km"
    assert cookie["max-age"] == settings.LANGUAGE_COOKIE_AGE
    html = client.get(url).content.decode()
    assert '<html lang="km"' in html
    assert "សកម្មភាព៖" in html
    # Each language is named in itself.
    assert 'name="language" value="en" lang="en">English</button>' in html
    # The public site's root follows the same cookie.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/km/"
    # And back to English.
    client.post(reverse("set_language"), {"language": "en", "next": url})
    assert '<html lang="en"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_admin_follows_the_cookie_the_public_switcher_sets(client, settings):
    """The public switcher stores the choice in the same cookie (static/js/site.js)."""
    assert (
        f"{settings.LANGUAGE_COOKIE_NAME}="
        in Path(settings.BASE_DIR, "static/js/site.js").read_text()
    )
    client.force_login(SecretariatUserFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    assert '<html lang="km"' in client.get(reverse("admin:index")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en"' in client.get(reverse("admin:index")).content.decode()
