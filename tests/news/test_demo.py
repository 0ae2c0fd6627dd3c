import pytest

from news.models import Article, ArticleImage

pytestmark = pytest.mark.django_db


def test_demo_has_four_articles_with_one_english_only(demo):
    assert Article.objects.count() == 4
    assert Article.objects.published().count() == 4
    english_only = [a for a in Article.objects.all() if a.languages == ["en"]]
    assert len(english_only) == 1
    report = Article.objects.get(slug="38th-assa-board-meeting-report")
    assert report.related_event.number == 38
    assert ArticleImage.objects.count() == 2
    forum = Article.objects.get(slug="nssf-oxfam-regional-forum-svay-rieng-2023")
    assert all(photo.caption_en and photo.caption_km for photo in forum.images.all())


def test_demo_covers_and_their_renditions_are_files(demo, media_root):
    for article in Article.objects.all():
        renditions = article.cover_renditions.get("files")
        assert renditions, article.slug
        assert (media_root / article.cover.name).is_file()
        assert all((media_root / name).is_file() for name in renditions.values())
