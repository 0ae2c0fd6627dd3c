import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from news.models import Article
from tests.conftest import SITE_CHROME_QUERIES
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    MemberInstitutionFactory,
    SecretariatUserFactory,
)

pytestmark = pytest.mark.django_db


def url(name: str, lang: str = "en", **kwargs) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def test_list_shows_published_articles_latest_first(client, forum, english_only, khmer_only):
    response = client.get(url("news:list"))
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(text) for text in ("Advocacy results", "Regional forum", "សេចក្តីជូន")]
    assert positions == sorted(positions)
    assert 'type="application/rss+xml"' in html


def test_list_hides_drafts_and_scheduled_articles(client, forum, draft, scheduled):
    html = client.get(url("news:list")).content.decode()
    assert "Regional forum" in html
    assert "A draft nobody may see" not in html
    assert "Scheduled for tomorrow" not in html


def test_list_in_khmer_shows_every_article_and_marks_the_untranslated(client, forum, english_only):
    html = client.get(url("news:list", "km")).content.decode()
    assert "វេទិកាថ្នាក់តំបន់នៅខេត្តស្វាយរៀង" in html
    # The English-only article is there, in English, marked.
    card = html[html.index("Advocacy results") - 400 :]
    assert '<span lang="en">Advocacy results of 2024</span>' in html
    assert "article-untranslated" in card[:400]
    assert html.count("article-untranslated") == 1


def test_list_in_english_shows_a_khmer_only_article_marked(client, khmer_only, forum):
    html = client.get(url("news:list")).content.decode()
    assert '<span lang="km">សេចក្តីជូនដំណឹងជាភាសាខ្មែរ</span>' in html
    assert html.count("article-untranslated") == 1


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"year": "2023"}, "Regional forum", "Advocacy results"),
        ({"category": "story"}, "Advocacy results", "Regional forum"),
        ({"institution": "nssf-cambodia"}, "Regional forum", "Advocacy results"),
    ],
)
def test_list_filters(client, forum, english_only, query, expected, absent):
    html = client.get(url("news:list"), query).content.decode()
    assert expected in html
    assert absent not in html
    assert 'content="noindex, follow"' in html


def test_list_is_paginated(client):
    for number in range(12):
        ArticleFactory(title_en=f"Numbered article {number:02d}")
    first = client.get(url("news:list")).content.decode()
    second = client.get(url("news:list"), {"page": 2}).content.decode()
    assert first.count('class="card article-card') == 10
    assert second.count('class="card article-card') == 2
    assert 'rel="next"' in first


def test_article_page_shows_its_parts(client, forum, meeting_38):
    forum.related_event = meeting_38
    forum.save()
    ArticleImageFactory(article=forum, caption_en="Group photo in Svay Rieng", alt_text_en="People")
    response = client.get(url("news:detail", slug=forum.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Regional forum in Svay Rieng</h1>" in html
    assert "<p>The forum in English.</p>" in html
    assert "<figcaption" in html and "Group photo in Svay Rieng" in html
    assert 'srcset="' in html and " 480w" in html
    assert "National Social Security Fund" in html
    assert meeting_38.get_absolute_url() in html
    # The other language's version is linked.
    assert f'href="/km/news/{forum.slug}/" hreflang="km"' in html
    assert "8 October 2023" in html


def test_article_page_has_open_graph_and_twitter_meta(client, forum):
    forum.cover.save("cover.jpg", ArticleImageFactory.build().image.file)
    html = client.get(url("news:detail", slug=forum.slug)).content.decode()
    assert '<meta property="og:title" content="Regional forum in Svay Rieng">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="http://testserver/en/news/{forum.slug}/">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/news/', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="article:published_time" content="2023-10-08' in html


def test_related_event_that_is_unpublished_is_not_linked(client, forum, meeting_38):
    meeting_38.is_published = False
    meeting_38.save()
    forum.related_event = meeting_38
    forum.save()
    html = client.get(url("news:detail", slug=forum.slug)).content.decode()
    assert meeting_38.get_absolute_url() not in html


def test_english_article_falls_back_in_khmer_marked_with_its_language(client, english_only):
    response = client.get(url("news:detail", "km", slug=english_only.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="km">' in html
    assert '<span lang="en">Advocacy results of 2024</span>' in html
    assert '<div class="fallback" lang="en">' in html and "<p>Only in English.</p>" in html
    assert 'class="lang-label"' not in html  # one notice for the page, no badge per field
    assert html.count('class="fallback-note') == 1
    # The real version is offered; there is no Khmer version to link.
    assert f'href="/en/news/{english_only.slug}/" hreflang="en"' in html


def test_khmer_article_falls_back_in_english_marked_with_its_language(client, khmer_only):
    response = client.get(url("news:detail", "en", slug=khmer_only.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span lang="km">សេចក្តីជូនដំណឹងជាភាសាខ្មែរ</span>' in html
    assert '<div class="fallback" lang="km">' in html
    assert "អត្ថបទជាភាសាខ្មែរតែប៉ុណ្ណោះ" in html
    assert 'class="fallback-note"' in html


def test_draft_is_404_for_the_public(client, draft):
    assert client.get(url("news:detail", slug=draft.slug)).status_code == 404
    assert client.get(url("news:detail", "km", slug=draft.slug)).status_code == 404


def test_scheduled_article_is_404_until_its_time(client, scheduled):
    assert client.get(url("news:detail", slug=scheduled.slug)).status_code == 404


def test_member_institution_user_cannot_preview(client, draft):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(url("news:detail", slug=draft.slug)).status_code == 404


def test_secretariat_previews_a_draft_on_the_site(client, draft):
    client.force_login(SecretariatUserFactory())
    response = client.get(url("news:detail", slug=draft.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="preview-note"' in html
    assert 'content="noindex, nofollow"' in html


def test_khmer_pages_use_khmer_months_and_digits(client, forum):
    html = client.get(url("news:list", "km")).content.decode()
    assert "៨ ខែ តុលា ឆ្នាំ ២០២៣" in html
    assert '<option value="2023">២០២៣</option>' in html
    assert "8 October 2023" not in html
    page = client.get(url("news:detail", "km", slug=forum.slug)).content.decode()
    assert "៨ ខែ តុលា ឆ្នាំ ២០២៣" in page


def _populate(count: int) -> None:
    for number in range(count):
        institution = MemberInstitutionFactory()
        article = ArticleFactory(
            source_institution=institution,
            title_km="" if number % 2 else f"អត្ថបទ {number}",
            published_at=datetime.datetime(2020 + number % 4, 5, 1, tzinfo=datetime.UTC),
        )
        ArticleImageFactory(article=article)


@pytest.mark.parametrize("lang", ["en", "km"])
def test_list_makes_a_fixed_number_of_queries(client, django_assert_num_queries, lang):
    _populate(3)
    address = url("news:list", lang)
    with django_assert_num_queries(4 + SITE_CHROME_QUERIES) as small:
        client.get(address)
    _populate(15)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(address)


def test_article_page_makes_as_many_queries_whatever_its_photos(query_budget, forum):
    ArticleImageFactory(article=forum)
    response = query_budget(
        url("news:detail", slug=forum.slug),
        lambda: ArticleImageFactory.create_batch(5, article=forum),
        at_most=2 + SITE_CHROME_QUERIES,
    )
    assert response.content.decode().count("<figure") >= 6


# ---- what the article page keeps between requests (the page cache off) ----------------


def test_the_article_page_reads_the_database_once_until_content_changes(
    client, django_assert_num_queries
):
    article = ArticleFactory(title_en="Pension reform forum", title_km="វេទិកាកំណែទម្រង់សោធន")
    ArticleImageFactory(article=article, caption_en="Delegates at the forum")
    address = url("news:detail", slug=article.slug)
    first = client.get(address).content.decode()
    assert "Delegates at the forum" in first
    with django_assert_num_queries(0):
        assert client.get(address).content.decode() == first
    assert (
        "វេទិកាកំណែទម្រង់សោធន"
        in client.get(url("news:detail", "km", slug=article.slug)).content.decode()
    )
    ArticleImageFactory(article=article, caption_en="The closing session")
    assert "The closing session" in client.get(address).content.decode()
    article.status = "draft"
    article.save()
    assert client.get(address).status_code == 404


def test_a_scheduled_article_appears_when_it_is_due(client):
    article = ArticleFactory(
        title_en="Scheduled statement", published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    address = url("news:detail", slug=article.slug)
    assert client.get(address).status_code == 404
    # Its time comes: nothing is saved, so the content version stays as it was.
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert "Scheduled statement" in client.get(address).content.decode()
