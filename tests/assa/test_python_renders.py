"""The parts of pages written in Python give the HTML their templates gave, to the byte.

The templates they replace are kept in ``reference_templates/`` (as they were before
they were rewritten for speed) and rendered here side by side with the Python versions,
for objects chosen to reach every branch: missing and fallback translations, numbered
meetings and plain events, dates over one day, one month or two years, texts with
characters that must be escaped, Khmer pages.
"""

import datetime
import functools
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.paginator import Paginator
from django.template import Context, Engine, Template
from django.template.backends.django import get_installed_libraries
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe

from core.templatetags.assa import filter_fields, pagination, translated
from core.templatetags.sharing import share_meta
from documents.filters import DocumentFilter
from documents.models import Document, Presentation
from documents.templatetags.documents import document_link, document_rows, programme_items
from events.models import Term
from events.templatetags.events import event_card, term_card
from members.models import KeyFigure
from search.query import Excerpt
from search.results import Result
from search.templatetags.search_results import search_results
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    EventFactory,
    KeyFigureFactory,
    MemberInstitutionFactory,
    OfficeHolderFactory,
    PageFactory,
    PresentationFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db

REFERENCE = Path(__file__).parent / "reference_templates"
LANGUAGES = ["en", "km"]
TRICKY = 'Fish & "chips" <b>'


@functools.cache
def engine() -> Engine:
    """The site's template libraries, with the reference templates found first."""
    return Engine(dirs=[str(REFERENCE)], app_dirs=True, libraries=get_installed_libraries())


def reference(name: str, **context) -> str:
    return engine().get_template(name).render(Context(context))


def current(text: str, **context) -> str:
    """A snippet of today's templates, with the default engine (the site's tags)."""
    return Template(text).render(Context(context))


@pytest.fixture
def events():
    host = MemberInstitutionFactory(acronym="A&B", name_en="Host & Co", name_km="ម្ចាស់ផ្ទះ")
    return [
        EventFactory(number=37, host=host, city_en="Phnom Penh", country="KH"),
        EventFactory(
            kind="seminar-workshop",
            number=None,
            title_en=TRICKY,
            title_km="សិក្ខាសាលា",
            city_km="សៀមរាប",
            starts_on=datetime.date(2022, 9, 21),
            ends_on=datetime.date(2022, 9, 22),
            status="planned",
            format="hybrid",
        ),
        EventFactory(
            kind="forum",
            number=None,
            title_en="Across months",
            starts_on=datetime.date(2022, 11, 30),
            ends_on=datetime.date(2022, 12, 2),
            country="LA",
            status="cancelled",
        ),
        EventFactory(
            kind="other",
            number=None,
            title_en="Across years",
            starts_on=datetime.date(2022, 12, 30),
            ends_on=datetime.date(2023, 1, 2),
            city_en="Vientiane",
        ),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("heading", ["h2", "h4", ""])
def test_event_cards(events, language, heading):
    with translation.override(language):
        for event in events:
            expected = reference("includes/event_card.html", event=event, heading=heading)
            assert event_card(event, heading=heading) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_cards(language):
    source = MemberInstitutionFactory(acronym="S&S")
    articles = [
        ArticleFactory(source_institution=source, summary_en=TRICKY),
        ArticleFactory(title_km="", summary_en="", summary_km="សង្ខេប"),
        ArticleFactory(title_en="", title_km="តែខ្មែរ", summary_en=""),
        ArticleFactory(cover="news/covers/x.jpg", cover_renditions={}),
    ]
    from news.templatetags.news import article_card

    with translation.override(language):
        for article in articles:
            for heading in ("h2", "h3"):
                expected = reference(
                    "news/includes/article_card.html", article=article, heading=heading
                )
                assert article_card(article, heading=heading) == expected


@pytest.fixture
def terms(events):
    chair = MemberInstitutionFactory(acronym="SSO", name_en="SSO")  # acronym = name
    vice = MemberInstitutionFactory(acronym="NSSF", name_en="Fund & Co", name_km="បេឡា")
    full = TermFactory(number=38, handover_event=events[0])
    OfficeHolderFactory(term=full, office="chairman", institution=chair, person_name=TRICKY)
    OfficeHolderFactory(
        term=full,
        office="vice-chairman",
        institution=vice,
        person_name="Someone",
        person_title_km="ប្រធាន",
    )
    TermFactory(number=39, handover_event=events[1])  # planned at an unpublished meeting
    events[1].is_published = False
    events[1].save()
    TermFactory(number=40)  # no meeting recorded
    return list(Term.objects.select_related("handover_event").order_by("number"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("show_handover", [True, False])
def test_term_cards(terms, language, show_handover):
    with translation.override(language):
        for term in terms:
            expected = reference(
                "events/includes/term.html", term=term, heading="h3", show_handover=show_handover
            )
            assert term_card(term, heading="h3", show_handover=show_handover) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_programme_items(events, language):
    presenter = MemberInstitutionFactory(acronym="X", name_en="X")
    other = MemberInstitutionFactory(acronym="Y&Z", name_en="Why", name_km="យ")
    published = DocumentFactory(title_en=TRICKY, size=1_234_567, page_count=12)
    word = DocumentFactory(
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        original_name="a b.docx",
        size=0,
        page_count=None,
    )
    pending = DocumentFactory(status="submitted")
    PresentationFactory(event=events[0], document=published, institution=presenter)
    PresentationFactory(
        event=events[0],
        document=word,
        institution=other,
        speaker_name=TRICKY,
        speaker_role_km="តួនាទី",
        title_en="",
        title_km="ចំណងជើង",
    )
    PresentationFactory(event=events[0], document=pending, speaker_name="Only a name")
    PresentationFactory(event=events[0])
    items = list(
        Presentation.objects.filter(event=events[0]).select_related("institution", "document")
    )
    with translation.override(language):
        expected = "".join(
            reference("events/includes/presentation.html", item=item) for item in items
        )
        assert programme_items(items) == expected


def old_document_link(document, title="", label=""):
    """documents.templatetags.documents.document_link before it was made cheaper."""
    from django.template.defaultfilters import filesizeformat
    from django.utils.html import conditional_escape
    from django.utils.translation import gettext, ngettext

    from core.templatetags.assa import digits

    name = ""
    if title:
        name = ' aria-label="{}"'.format(
            gettext("Download “%(title)s”") % {"title": conditional_escape(title)}
        )
    facts = [conditional_escape(document.type_label)]
    if document.size:
        facts.append(conditional_escape(digits(filesizeformat(document.size))))
    if document.page_count:
        facts.append(
            ngettext("%(pages)s page", "%(pages)s pages", document.page_count)
            % {"pages": conditional_escape(digits(document.page_count))}
        )
    return mark_safe(
        '<span class="document-link"><a href="{}" class="file-link"{}{}>{}</a> '
        '<span class="file-facts">{}</span></span>'.format(
            conditional_escape(document.get_download_url()),
            "" if document.is_pdf else " download",
            name,
            conditional_escape(label or gettext("Download")),
            ", ".join(facts),
        )
    )


@pytest.fixture
def documents(events):
    events[2].is_published = False
    events[2].save()
    return [
        DocumentFactory(event=events[0], size=2_500_000, page_count=40, preview="previews/p.png"),
        DocumentFactory(
            title_en=TRICKY,
            title_km="ឯកសារ",
            institution=None,
            event=events[1],
            kind="minutes",
            language="km",
            content_type="application/vnd.ms-powerpoint",
            original_name="slides & notes.ppt",
            size=0,
            page_count=None,
        ),
        DocumentFactory(event=events[2], published_at=None, original_name="", language="other"),
        DocumentFactory(title_en="", title_km="តែខ្មែរ", original_name="scan.JPEG"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_document_links(documents, language):
    with translation.override(language):
        for document in documents:
            for title, label in (("", ""), (TRICKY, ""), ("T", mark_safe("<b>Get</b>"))):
                assert document_link(document, title, label) == old_document_link(
                    document, title, label
                )


@pytest.mark.parametrize("language", LANGUAGES)
def test_library_rows(documents, language):
    rows = list(Document.objects.filter(pk__in=[d.pk for d in documents]).for_listing())
    with translation.override(language):
        assert document_rows(rows) == reference("documents/rows.html", documents=rows)


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_rows(documents, language):
    institution = MemberInstitutionFactory(acronym="K&F")
    KeyFigureFactory(institution=institution, label_en=TRICKY, value=3_120_208)
    KeyFigureFactory(institution=institution, label_km="សមាជិក", label_en="", value=7)
    figures = list(KeyFigure.objects.select_related("institution"))
    docs = list(Document.objects.select_related("institution").order_by("pk"))
    with translation.override(language):
        text = "{% load home %}{% for figure in key_figures %}\n        {% home_key_figure figure %}\n      {% endfor %}"
        assert current(text, key_figures=figures) == reference(
            "home_figures.html", key_figures=figures
        )
        text = "{% load home %}{% for document in documents %}\n        {% home_document document %}\n      {% endfor %}"
        assert current(text, documents=docs) == reference("home_documents.html", documents=docs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_rows(events, documents, language):
    member = MemberInstitutionFactory(acronym="M&M", name_en="Members & Co")
    page = PageFactory(title_en=TRICKY)
    article = ArticleFactory()
    objects = [
        (
            "article",
            article,
            datetime.date(2024, 1, 1),
            Excerpt(mark_safe("a <mark>b</mark>"), "en"),
        ),
        ("event", events[0], None, None),
        ("event", events[1], datetime.date(2022, 9, 21), Excerpt(mark_safe("ខ្មែរ"), "km")),
        ("document", documents[0], None, None),
        ("document", documents[1], None, None),
        ("member", member, None, None),
        ("page", page, None, None),
    ]
    results = [Result(kind, obj, date, excerpt) for kind, obj, date, excerpt in objects]
    with translation.override(language):
        old_results = [
            SimpleNamespace(
                kind=r.kind,
                kind_label=r.kind_label,
                date=r.date,
                excerpt=r.excerpt,
                obj=r.obj,
                template=f"search/result_{r.kind}.html",
            )
            for r in results
        ]
        expected = reference("search/results.html", outcome=SimpleNamespace(results=old_results))
        assert search_results(results) == expected


def alternates(query=""):
    return [
        {
            "code": code,
            "name": name,
            "url": f"/{code}/news/{query}",
            "absolute_url": f"http://testserver/{code}/news/{query}",
            "is_current": code == "en",
        }
        for code, name in (("en", "English"), ("km", "ខ្មែរ"))
    ]


SHARE_CASES = [
    {},
    {"title": TRICKY, "description": "x" * 450},
    {"title": mark_safe("<i>safe</i>"), "description": mark_safe("d & " * 100)},
    {"title": "T", "image": "http://testserver/a&b.png", "image_alt": TRICKY, "type": "article"},
    {"title": "", "image": "http://testserver/a.png"},
    {"description": "e\u0301te\u0301"},  # decomposed accents: NFC, as truncatechars gives
]


@pytest.mark.parametrize("case", range(len(SHARE_CASES)))
@pytest.mark.parametrize("languages", [None, ["en"], ["km"], []])
@pytest.mark.parametrize("language", LANGUAGES)
def test_sharing_tags(case, languages, language):
    arguments = SHARE_CASES[case]
    page = {
        "site_name": "ASSA & co",
        "canonical_url": "http://testserver/en/news/?page=2&x=1",
        "default_share_image": "http://testserver/static/share.png",
        "LANGUAGE_CODE": language,
        "language_alternates": alternates(),
        "content_languages": languages,
    }
    with translation.override(language):
        expected = reference(
            "includes/share_meta.html",
            **page,
            **{f"share_{name}": value for name, value in arguments.items()},
        )
        assert share_meta(Context(page), **arguments) == expected


@pytest.mark.parametrize("languages", [None, ["en"], ["km"]])
@pytest.mark.parametrize("query", ["", '?q="x"&year=2020'])
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_links(languages, query, language):
    page = {
        "language_alternates": alternates(query),
        "content_languages": languages,
        "x_default_url": f"http://testserver/en/news/{query}",
    }
    with translation.override(language):
        text = "{% load site_chrome %}{% alternate_links %}"
        assert current(text, **page) == reference("alternates.html", **page)
        text = "{% load site_chrome %}{% language_switcher %}"
        assert current(text, **page) == reference("includes/language_switcher.html", **page)


@pytest.mark.parametrize("number", [1, 2, 3])
@pytest.mark.parametrize("query", ["", "kind=a&b"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_pagination(number, query, language):
    with translation.override(language):
        for size in (5, 25):
            page = Paginator(list(range(size)), 10).page(min(number, 1 if size == 5 else 3))
            context = {"page_obj": page, "filter_query": query}
            assert pagination(Context(context)) == reference("includes/pagination.html", **context)
        assert pagination(Context({})) == reference("includes/pagination.html")


@pytest.mark.parametrize(
    "data", [{}, {"q": 'a "b" & c', "kind": "report"}, {"kind": "bogus", "institution": "nope"}]
)
@pytest.mark.parametrize("skip", ["", "kind"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_fields(documents, data, skip, language):
    with translation.override(language):
        form = DocumentFilter(data, queryset=Document.objects.published()).form
        form.is_valid()
        expected = reference("includes/filter_fields.html", form=form, skip=skip)
        assert filter_fields(form, skip=skip) == expected


@pytest.mark.parametrize(
    "path", ["/en/", "/en/members/x/", "/en/events/", "/en/chairmanship/", "/en/about/", "/en/x/"]
)
def test_navigation(path):
    PageFactory(slug="about", title_en="About & us", placement="navigation")
    PageFactory(slug="help", title_en="Help", placement="navigation")
    from pages.models import Page

    pages = list(Page.objects.order_by("pk"))
    request = RequestFactory().get(path)
    text = "{% load site_chrome %}{% site_navigation %}"
    assert current(text, request=request, navigation_pages=pages) == reference(
        "includes/navigation.html", request=request, navigation_pages=pages
    )


def old_translated(obj, field, html=False):
    """core.templatetags.assa.translated before it was made cheaper."""
    from django.utils.html import escape, format_html
    from django.utils.translation import get_language

    from core.html import sanitize_for_display
    from core.i18n import translated_value

    value, code = translated_value(obj, field)
    if not value:
        return ""
    is_fallback = code != get_language()
    if html:
        body = mark_safe(sanitize_for_display(value))
        if is_fallback:
            return format_html('<div class="fallback" lang="{}">{}</div>', code, body)
        return body
    if is_fallback:
        return format_html('<span lang="{}">{}</span>', code, value)
    return escape(value)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("html", [False, True])
def test_translated(language, html):
    objects = [
        SimpleNamespace(body_en=TRICKY, body_km=""),
        SimpleNamespace(body_en="", body_km="<p>ខ្មែរ & <script>x</script></p>"),
        SimpleNamespace(body_en="<p>en</p>", body_km="<p>km</p>"),
        SimpleNamespace(body_en="", body_km=""),
    ]
    with translation.override(language):
        for obj in objects:
            assert translated(obj, "body", html=html) == old_translated(obj, "body", html=html)
