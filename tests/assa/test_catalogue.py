"""The Khmer catalogue is complete and compiled, and Khmer pages show no English UI text."""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from documents.models import Document
from events.models import Event
from members.models import MemberInstitution
from news.models import Article
from tests.factories import MembershipFactory

LOCALE = Path(settings.BASE_DIR) / "locale" / "km" / "LC_MESSAGES"


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr(s), flags."""
    entries, entry, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        if line.startswith("#~"):
            raise AssertionError(f"obsolete entry left in the catalogue: {line}")
        if entry is None:
            entry = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line)
        if match:
            field, text = match.groups()
        else:
            text = line
        value = text[1:-1].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if field.startswith("msgstr"):
            entry["msgstr"][field] = entry["msgstr"].get(field, "") + value
        else:
            entry[field] = entry.get(field, "") + value
    return entries


def catalogue() -> list[dict]:
    return [e for e in read_po(LOCALE / "django.po") if e.get("msgid")]


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = catalogue()
    assert len(entries) > 400
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    with open(LOCALE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for e in catalogue():
        key = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            found = compiled._catalog.get((key, 0))
            wanted = e["msgstr"]["msgstr[0]"]
        else:
            found = compiled._catalog.get(key)
            wanted = e["msgstr"]["msgstr"]
        if found != wanted:
            stale.append(e["msgid"])
    assert stale == [], "run `make messages` to compile the catalogue"


class VisibleText(HTMLParser):
    """The text a reader sees, leaving out scripts, styles and anything marked lang="en"."""

    SKIP = {"script", "style", "template"}
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "wbr",
    }

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.VOID:
            if tag == "input" and attrs.get("placeholder") and not self.hidden:
                self.chunks.append(attrs["placeholder"])
            return
        english = tag != "html" and (attrs.get("lang") or "").startswith("en")
        self.stack.append(tag in self.SKIP or english or self.hidden)
        for name in ("title", "aria-label", "alt"):
            if attrs.get(name) and not self.hidden:
                self.chunks.append(attrs[name])

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    @property
    def hidden(self) -> bool:
        return bool(self.stack and self.stack[-1])

    def handle_data(self, data):
        if not self.hidden:
            self.chunks.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.chunks))


@pytest.mark.django_db
def test_khmer_pages_show_no_english_interface_text(client, demo):
    with translation.override("km"):
        event = Event.objects.published().get(number=37).get_absolute_url()
        institution = MemberInstitution.objects.get(acronym="NSSF").get_absolute_url()
        article = Article.objects.published().first().get_absolute_url()
        document = Document.objects.published().first().get_absolute_url()
    pages = [
        "/km/",
        "/km/members/",
        institution,
        "/km/chairmanship/",
        "/km/events/",
        "/km/events/assa-board-meeting/",
        event,
        "/km/news/",
        article,
        "/km/documents/",
        document,
        "/km/search/",
        "/km/search/?q=meeting",
        "/km/search/?q=zzzzzz",
        "/km/portal/login/",
        "/km/no-such-page/",
    ]
    # English UI strings of more than one word: a single word may be a name or a code.
    english = {
        e["msgid"]
        for e in catalogue()
        if " " in e["msgid"].strip() and "%(" not in e["msgid"] and "<" not in e["msgid"]
    }
    leaks = {}

    def check(label, response):
        assert response.status_code in (200, 404), label
        text = visible_text(response.content.decode())
        found = sorted(s for s in english if s in text)
        if found:
            leaks[label] = found

    for url in pages:
        check(url, client.get(url))
    # The member portal, as the staff of an institution see it, with a form's errors.
    member = MembershipFactory(institution=MemberInstitution.objects.get(acronym="NSSF")).user
    client.force_login(member)
    check("/km/portal/", client.get("/km/portal/"))
    check("/km/portal/upload/", client.get("/km/portal/upload/"))
    rejected = client.post("/km/portal/upload/", {})
    assert 'class="errorlist' in rejected.content.decode()
    check("/km/portal/upload/ with errors", rejected)
    assert leaks == {}
