import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from news.models import Article
from news.services import refresh_renditions, srcset
from tests.factories import ArticleFactory, ArticleImageFactory

pytestmark = pytest.mark.django_db


def test_published_hides_drafts_and_future_publication_times(forum, draft, scheduled):
    assert list(Article.objects.published()) == [forum]


def test_scheduled_article_appears_once_its_time_has_come(scheduled, now):
    scheduled.published_at = now - datetime.timedelta(minutes=1)
    scheduled.save()
    assert list(Article.objects.published()) == [scheduled]


def test_years_of_published_articles_latest_first(forum, english_only, khmer_only, draft):
    assert Article.objects.published().years() == [2024, 2023, 2022]


def test_an_article_needs_a_title_in_at_least_one_language():
    article = Article(slug="untitled", title_en="", title_km="")
    with pytest.raises(ValidationError):
        article.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(slug="untitled", title_en="", title_km="")


def test_khmer_title_alone_is_enough(khmer_only):
    khmer_only.full_clean()
    assert khmer_only.languages == ["km"]


def test_languages_are_those_with_a_title(forum, english_only):
    assert forum.languages == ["en", "km"]
    assert english_only.languages == ["en"]


def test_body_is_sanitised_on_save():
    article = ArticleFactory(
        body_en='<p onclick="steal()">Hello<script>alert(1)</script></p>',
        body_km='<p><a href="javascript:alert(1)">link</a><img src=x onerror=alert(1)></p>',
    )
    article.refresh_from_db()
    assert article.body_en == "<p>Hello</p>"
    assert "javascript" not in article.body_km
    assert "onerror" not in article.body_km and "<img" not in article.body_km


def test_empty_editor_paragraph_is_stored_as_empty():
    article = ArticleFactory(body_km="<p></p>")
    article.refresh_from_db()
    assert article.body_km == ""


def test_cover_renditions_are_made_once_in_several_widths():
    article = ArticleFactory()
    image = ArticleImageFactory.build().image
    article.cover.save("cover.jpg", image.file)
    refresh_renditions(article, "cover", "cover_renditions")  # as the admin does on upload
    article.refresh_from_db()
    renditions = article.cover_renditions
    assert renditions["source"] == article.cover.name
    assert sorted(renditions["files"], key=int) == ["480", "960", "1200"]
    assert all(default_storage.exists(name) for name in renditions["files"].values())

    article.title_en = "Changed title"
    article.save()
    refresh_renditions(article, "cover", "cover_renditions")
    article.refresh_from_db()
    assert article.cover_renditions == renditions  # not made again


def test_new_cover_replaces_the_old_renditions():
    article = ArticleFactory()
    article.cover.save("one.jpg", ArticleImageFactory.build().image.file)
    refresh_renditions(article, "cover", "cover_renditions")
    old_files = list(article.cover_renditions["files"].values())
    article.cover.save("two.jpg", ArticleImageFactory.build().image.file)
    refresh_renditions(article, "cover", "cover_renditions")
    assert article.cover_renditions["source"] == article.cover.name
    assert not any(default_storage.exists(name) for name in old_files)


def test_gallery_image_renditions_and_srcset():
    photo = ArticleImageFactory()
    photo.refresh_from_db()
    widths = [int(width) for width in photo.renditions["files"]]
    assert sorted(widths) == [480, 960, 1200]
    value = srcset(photo.renditions)
    assert value.count("w,") == 2 and value.endswith("1200w")


def test_small_image_gets_one_rendition_at_its_own_size():
    photo = ArticleImageFactory(image__width=300, image__height=200)
    assert list(photo.renditions["files"]) == ["300"]


def test_png_with_transparency_becomes_a_jpeg_rendition():
    photo = ArticleImageFactory(image__format="PNG", image__color=(0, 0, 0, 0))
    assert photo.renditions["files"]
    name = next(iter(photo.renditions["files"].values()))
    assert name.endswith(".jpg")
