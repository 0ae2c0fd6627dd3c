import feedparser
import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def feed_url(name: str, lang: str) -> str:
    with translation.override(lang):
        return reverse(name)


@pytest.mark.parametrize("name", ["news:feed", "news:feed_atom"])
@pytest.mark.parametrize("lang", ["en", "km"])
def test_feeds_parse_without_errors_and_hold_only_published_articles(
    client, name, lang, forum, english_only, khmer_only, draft, scheduled
):
    response = client.get(feed_url(name, lang))
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo is False, parsed.get("bozo_exception")
    assert len(parsed.entries) == 3
    links = [entry.link for entry in parsed.entries]
    assert all(link.startswith(f"http://testserver/{lang}/news/") for link in links)
    titles = " ".join(entry.title for entry in parsed.entries)
    assert "draft" not in titles.lower() and "Scheduled" not in titles
    assert parsed.feed.language == lang


def test_rss_feed_is_rss_and_atom_feed_is_atom(client, forum):
    rss = feedparser.parse(client.get(feed_url("news:feed", "en")).content)
    atom = feedparser.parse(client.get(feed_url("news:feed_atom", "en")).content)
    assert rss.version == "rss20"
    assert atom.version == "atom10"


def test_khmer_feed_uses_khmer_titles_and_falls_back_to_english(client, forum, english_only):
    parsed = feedparser.parse(client.get(feed_url("news:feed", "km")).content)
    titles = {entry.link.rsplit("/", 2)[-2]: entry.title for entry in parsed.entries}
    assert titles[forum.slug] == "វេទិកាថ្នាក់តំបន់នៅខេត្តស្វាយរៀង"
    assert titles[english_only.slug] == "Advocacy results of 2024"


def test_english_feed_entries_have_dates_and_summaries(client, forum):
    entry = feedparser.parse(client.get(feed_url("news:feed", "en")).content).entries[0]
    assert entry.published_parsed[:3] == (2023, 10, 8)
    assert entry.summary == "Local leaders met policy makers."
    assert entry.author == "NSSF" or "NSSF" in entry.get("author", "")
