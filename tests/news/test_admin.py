import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from news.models import Article
from search.models import SearchEntry
from search.text import parse_query
from tests.factories import ArticleFactory, ArticleImageFactory, SecretariatUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = SecretariatUserFactory(is_superuser=True)
    client.force_login(user)
    return client


def test_change_form_shows_both_languages_and_preview_links(staff_client, draft):
    response = staff_client.get(reverse("admin:news_article_change", args=[draft.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("title_en", "title_km", "summary_en", "summary_km", "body_en", "body_km"):
        assert f'name="{field}"' in html
    assert f'href="/en/news/{draft.slug}/"' in html
    assert f'href="/km/news/{draft.slug}/"' in html
    assert "Only the secretariat can see these pages" in html
    assert 'name="images-TOTAL_FORMS"' in html  # the gallery inline


@pytest.mark.parametrize(
    "query",
    [
        {"status__exact": "draft"},
        {"category__exact": "news"},
        {"year": "2023"},
        {"q": "Svay Rieng"},
    ],
)
def test_changelist_filters_and_search(staff_client, forum, draft, english_only, query):
    response = staff_client.get(reverse("admin:news_article_changelist"), query)
    assert response.status_code == 200
    shown = {article.pk for article in response.context["cl"].result_list}
    assert shown
    if query.get("status__exact") == "draft":
        assert shown == {draft.pk}
    if "q" in query or "year" in query:
        assert shown == {forum.pk}


def test_institution_filter(staff_client, forum, english_only, nssf):
    response = staff_client.get(
        reverse("admin:news_article_changelist"), {"source_institution__id__exact": nssf.pk}
    )
    assert {a.pk for a in response.context["cl"].result_list} == {forum.pk}


def test_khmer_only_article_can_be_added(staff_client):
    data = {
        "title_en": "",
        "title_km": "ព័ត៌មានថ្មី",
        "slug": "new-notice",
        "category": "news",
        "status": "draft",
        "published_at_0": "2024-05-01",
        "published_at_1": "09:00:00",
        "summary_en": "",
        "summary_km": "",
        "body_en": "",
        "body_km": "<p>សួស្តី<script>alert(1)</script></p>",
        "cover_alt_en": "",
        "cover_alt_km": "",
        "cover_caption_en": "",
        "cover_caption_km": "",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
    }
    response = staff_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="new-notice")
    assert article.body_km == "<p>សួស្តី</p>"
    assert article.languages == ["km"]


def test_an_article_without_any_title_is_refused(staff_client):
    response = staff_client.post(
        reverse("admin:news_article_add"),
        {
            "title_en": "",
            "title_km": "",
            "slug": "nothing",
            "category": "news",
            "status": "draft",
            "published_at_0": "2024-05-01",
            "published_at_1": "09:00:00",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert not Article.objects.filter(slug="nothing").exists()


def test_publish_action_from_a_filtered_list_reaches_site_search(staff_client, draft):
    def found() -> list:
        return list(
            SearchEntry.objects.matching(parse_query("nobody")).values_list("object_id", flat=True)
        )

    assert found() == []
    # From the list filtered to drafts: once published, the rows leave that filter.
    staff_client.post(
        reverse("admin:news_article_changelist") + "?status__exact=draft",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "published"
    assert found() == [draft.pk]

    staff_client.post(
        reverse("admin:news_article_changelist"),
        {"action": "unpublish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert found() == []


def test_changelist_marks_the_languages_written(staff_client):
    ArticleFactory(title_en="Only English", title_km="")
    html = staff_client.get(reverse("admin:news_article_changelist")).content.decode()
    assert '<td class="field-written_in">EN</td>' in html


def test_pictures_uploaded_in_the_admin_get_their_renditions_once(staff_client):
    def jpeg(name):
        return SimpleUploadedFile(name, ArticleImageFactory.build().image.file.read())

    data = {
        "title_en": "With pictures",
        "title_km": "",
        "slug": "with-pictures",
        "category": "news",
        "status": "draft",
        "published_at_0": "2024-05-01",
        "published_at_1": "09:00:00",
        "cover": jpeg("cover.jpg"),
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "images-0-image": jpeg("photo.jpg"),
        "images-0-order": "0",
    }
    response = staff_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="with-pictures")
    photo = article.images.get()
    assert article.cover_renditions["source"] == article.cover.name
    assert photo.renditions["source"] == photo.image.name
    assert sorted(photo.renditions["files"], key=int) == ["480", "960", "1200"]
