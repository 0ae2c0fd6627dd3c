"""Rich text and captions come from many hands: no payload may reach a page as markup."""

from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import translation

from news.models import Article
from tests.factories import ArticleFactory, ArticleImageFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<svg onload="alert(1)"></svg>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div onmouseover="alert(1)">hover</div>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '"><script>alert(1)</script>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<form action="https://evil.example/"><input name="password"></form>',
    "<body onload=alert(1)>",
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
]

FORBIDDEN_TAGS = {"script", "iframe", "svg", "object", "embed", "math", "form", "input", "style"}


class MarkupAudit(HTMLParser):
    """Collects the elements and attributes a browser would really build from the page."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.in_head = False

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        # The site's own head: its font-face style and its script from /static/.
        own = (tag == "style" and self.in_head) or (
            tag == "script" and attributes.get("src", "").startswith("/static/")
        )
        if tag in FORBIDDEN_TAGS and not own:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name == "style":
                self.problems.append(f"{tag}[style]")
            if name in {"href", "src", "action", "data"} and value:
                scheme = value.strip().lower().split(":", 1)[0]
                if ":" in value and scheme in {"javascript", "data", "vbscript"}:
                    self.problems.append(f"{tag}[{name}={value}]")


def markup_problems(html: str) -> list[str]:
    audit = MarkupAudit()
    audit.feed(html)
    return audit.problems


def page_problems(html: str) -> list[str]:
    """Audit what the article's data can reach: the head and the main content.

    The site's own header (its search form) and footer are not made from the article.
    """
    head = html.split("<body", 1)[0]
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return markup_problems(head) + markup_problems("<main" + main)


def payload_body() -> str:
    return "".join(f"<p>{payload}</p>" for payload in PAYLOADS)


def render(client, article: Article, lang: str) -> str:
    with translation.override(lang):
        address = reverse("news:detail", kwargs={"slug": article.slug})
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("lang", ["en", "km"])
def test_payloads_in_the_body_and_captions_never_reach_the_page(client, lang):
    text = " ".join(PAYLOADS)
    article = ArticleFactory(
        title_en=f"Title {PAYLOADS[0]}",
        title_km=f"ចំណងជើង {PAYLOADS[1]}",
        summary_en=text,
        summary_km=text,
        body_en=payload_body(),
        body_km=payload_body(),
        cover_alt_en=PAYLOADS[1],
        cover_caption_en=PAYLOADS[0],
        cover_caption_km=PAYLOADS[2],
    )
    article.cover.save("cover.jpg", ArticleImageFactory.build().image.file)
    # Captions and descriptions are short fields: one payload per gallery image.
    for payload in PAYLOADS:
        ArticleImageFactory(
            article=article,
            image__width=40,
            image__height=30,
            caption_en=payload,
            caption_km=payload,
            alt_text_en=payload,
            alt_text_km=payload,
        )
    html = render(client, article, lang)
    assert page_problems(html) == []
    # The captions did reach the page, as text.
    assert "&lt;svg onload=&quot;alert(1)&quot;&gt;&lt;/svg&gt;</figcaption>" in html


def test_payloads_stored_before_sanitising_existed_are_cleaned_on_render(client):
    """A body written straight to the database (an import, an old row) is cleaned again."""
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(body_en=payload_body())
    html = render(client, article, "en")
    assert page_problems(html) == []
    assert "click</a>" in html  # the harmless text stays


def test_the_audit_catches_unsanitised_markup():
    assert markup_problems(payload_body()) != []


@pytest.mark.parametrize(
    ("address", "path"),
    [
        ("/en/news/feed/", "./channel/item/description"),
        (
            "/km/news/feed/atom/",
            "./{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary",
        ),
    ],
)
def test_feed_descriptions_carry_payloads_as_text_never_as_markup(client, address, path):
    """Feed readers treat descriptions as HTML: the summary must arrive escaped."""
    ArticleFactory(summary_en=" ".join(PAYLOADS), summary_km=" ".join(PAYLOADS))
    root = ElementTree.fromstring(client.get(address).content)
    description = root.find(path).text
    assert markup_problems(description) == []
    assert "&lt;script&gt;" in description
