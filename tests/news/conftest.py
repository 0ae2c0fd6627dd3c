import datetime

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, EventFactory


@pytest.fixture
def now() -> datetime.datetime:
    return timezone.now()


@pytest.fixture
def meeting_38():
    return EventFactory(
        number=38,
        slug="indonesia-2021",
        title_en="Indonesia 2021",
        title_km="ឥណ្ឌូណេស៊ី ២០២១",
        starts_on=datetime.date(2021, 11, 26),
    )


@pytest.fixture
def forum(nssf):
    """A bilingual article published on 8 October 2023."""
    return ArticleFactory(
        slug="regional-forum-svay-rieng",
        title_en="Regional forum in Svay Rieng",
        title_km="វេទិកាថ្នាក់តំបន់នៅខេត្តស្វាយរៀង",
        summary_en="Local leaders met policy makers.",
        summary_km="មេដឹកនាំមូលដ្ឋានបានជួបអ្នករៀបចំគោលនយោបាយ។",
        body_en="<p>The forum in English.</p>",
        body_km="<p>វេទិកាជាភាសាខ្មែរ។</p>",
        source_institution=nssf,
        published_at=datetime.datetime(2023, 10, 8, 10, tzinfo=datetime.UTC),
    )


@pytest.fixture
def english_only():
    return ArticleFactory(
        slug="advocacy-results-2024",
        title_en="Advocacy results of 2024",
        title_km="",
        summary_en="What the year brought.",
        summary_km="",
        body_en="<p>Only in English.</p>",
        body_km="",
        category="story",
        published_at=datetime.datetime(2024, 12, 7, 2, tzinfo=datetime.UTC),
    )


@pytest.fixture
def khmer_only():
    return ArticleFactory(
        slug="khmer-only-notice",
        title_en="",
        title_km="សេចក្តីជូនដំណឹងជាភាសាខ្មែរ",
        summary_en="",
        summary_km="សេចក្តីសង្ខេបជាភាសាខ្មែរ។",
        body_en="",
        body_km="<p>អត្ថបទជាភាសាខ្មែរតែប៉ុណ្ណោះ។</p>",
        category="press-release",
        published_at=datetime.datetime(2022, 3, 1, 2, tzinfo=datetime.UTC),
    )


@pytest.fixture
def draft(now):
    return ArticleFactory(
        slug="secret-draft",
        title_en="A draft nobody may see",
        title_km="សេចក្តីព្រាង",
        status="draft",
        published_at=now - datetime.timedelta(days=1),
    )


@pytest.fixture
def scheduled(now):
    return ArticleFactory(
        slug="scheduled-for-tomorrow",
        title_en="Scheduled for tomorrow",
        title_km="គ្រោងផ្សព្វផ្សាយថ្ងៃស្អែក",
        status="published",
        published_at=now + datetime.timedelta(days=1),
    )
