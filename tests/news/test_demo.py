import io

import pytest
from django.core.management import call_command

from news.models import Article, ArticleImage
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", stdout=io.StringIO())


def test_demo_loads_four_articles_once_with_one_english_only():
    EventFactory(number=38, slug="indonesia-2021", title_en="Indonesia 2021")
    load()
    load()
    assert Article.objects.count() == 4
    assert Article.objects.published().count() == 4
    english_only = [a for a in Article.objects.all() if a.languages == ["en"]]
    assert len(english_only) == 1
    report = Article.objects.get(slug="38th-assa-board-meeting-report")
    assert report.related_event.number == 38
    assert ArticleImage.objects.count() == 2
    forum = Article.objects.get(slug="nssf-oxfam-regional-forum-svay-rieng-2023")
    assert all(photo.caption_en and photo.caption_km for photo in forum.images.all())


def test_demo_images_are_made_once_and_renditions_exist():
    load()
    covers = dict(Article.objects.values_list("slug", "cover"))
    load()
    assert dict(Article.objects.values_list("slug", "cover")) == covers
    assert all(article.cover_renditions.get("files") for article in Article.objects.all())
