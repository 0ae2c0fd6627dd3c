"""Factories shared by the tests of every app. Fixtures are code, not JSON dumps."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from members.services import refresh_logo_web
from news.services import refresh_renditions


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class SecretariatUserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def secretariat_group(self, create, extracted, **kwargs):
        if create:
            group, _ = Group.objects.get_or_create(name="Secretariat")
            self.groups.add(group)


class MemberInstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.MemberInstitution"
        django_get_or_create = ("slug",)

    name_en = factory.Sequence(lambda n: f"Social Security Fund {n}")
    acronym = factory.Sequence(lambda n: f"SSF{n}")
    slug = factory.Sequence(lambda n: f"ssf-{n}")
    country = "KH"
    is_active = True


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.KeyFigure"

    institution = factory.SubFactory(MemberInstitutionFactory)
    label_en = factory.Sequence(lambda n: f"Figure {n}")
    value = 1000
    as_of = datetime.date(2024, 12, 31)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Membership"

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(MemberInstitutionFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Event"

    kind = "assa-board-meeting"
    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.LazyAttribute(lambda e: f"{e.number}th ASSA Board Meeting")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    starts_on = datetime.date(2020, 12, 9)
    format = "virtual"
    status = "held"
    is_published = True


class PresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.Presentation"

    event = factory.SubFactory(EventFactory)
    category = "good-practice"
    title_en = factory.Sequence(lambda n: f"Good practice paper {n}")
    order = factory.Sequence(lambda n: n)


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Term"
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: 100 + n)
    starts_year = factory.LazyAttribute(lambda t: 1983 + t.number)
    ends_year = factory.LazyAttribute(lambda t: t.starts_year + 1)


class OfficeHolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.OfficeHolder"

    term = factory.SubFactory(TermFactory)
    office = "chairman"
    institution = factory.SubFactory(MemberInstitutionFactory)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.Article"
        django_get_or_create = ("slug",)

    title_en = factory.Sequence(lambda n: f"News item {n}")
    title_km = factory.Sequence(lambda n: f"ព័ត៌មានលេខ {n}")
    summary_en = "A short summary."
    body_en = "<p>The article's text.</p>"
    slug = factory.Sequence(lambda n: f"news-item-{n}")
    category = "news"
    status = "published"
    published_at = factory.Sequence(
        lambda n: datetime.datetime(2024, 1, 1, 9, tzinfo=datetime.UTC) - datetime.timedelta(days=n)
    )


class ArticleImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.ArticleImage"
        skip_postgeneration_save = True  # the rendition service saves its own field

    article = factory.SubFactory(ArticleFactory)
    image = factory.django.ImageField(width=1200, height=800, color="navy", format="JPEG")
    caption_en = factory.Sequence(lambda n: f"Photo {n}")
    alt_text_en = "A group of people"
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def renditions_made(obj, create, extracted, **kwargs):
        """As the admin does when a photo is uploaded."""
        if create:
            refresh_renditions(obj, "image", "renditions")


# ---- documents ----------------------------------------------------------------------------
# A minimal PDF body; tests that need a real, valid PDF make one with tests/documents/files.py.
TINY_PDF = b"%PDF-1.4\n% test document\n%%EOF\n"


class DocumentFactory(factory.django.DjangoModelFactory):
    """A published document row with a small stored file (no preview, not validated).

    Uploads that must go through validation use documents.services.create_document.
    """

    class Meta:
        model = "documents.Document"

    title_en = factory.Sequence(lambda n: f"Document {n}")
    kind = "paper"
    language = "en"
    institution = factory.SubFactory(MemberInstitutionFactory)
    file = factory.django.FileField(data=TINY_PDF, filename="paper.pdf")
    original_name = factory.Sequence(lambda n: f"paper-{n}.pdf")
    content_type = "application/pdf"
    size = len(TINY_PDF)
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    page_count = 1
    status = "approved"
    published_at = factory.LazyFunction(
        lambda: datetime.datetime(2024, 6, 1, 9, tzinfo=datetime.UTC)
    )


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.DocumentVersion"

    document = factory.SubFactory(DocumentFactory)
    file = factory.django.FileField(data=TINY_PDF, filename="old.pdf")
    original_name = "old.pdf"
    content_type = "application/pdf"
    size = len(TINY_PDF)
    sha256 = factory.Sequence(lambda n: f"{n + 10**6:064x}")


class MemberInstitutionWithLogoFactory(MemberInstitutionFactory):
    """An institution with a real PNG logo and its web copy, as the admin makes them."""

    class Meta:
        skip_postgeneration_save = True  # the logo service saves its own fields

    logo = factory.django.ImageField(
        width=1200, height=600, color="navy", format="PNG", filename="logo.png"
    )

    @factory.post_generation
    def logo_web_made(obj, create, extracted, **kwargs):
        if create:
            refresh_logo_web(obj)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pages.Page"
        django_get_or_create = ("slug",)

    title_en = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body_en = "<p>Text of the page.</p>"
    status = "published"
    placement = "footer"
