import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from core import links
from core.html import sanitize
from core.i18n import language_codes
from core.images import validate_image_pixels
from core.models import ChoiceLabels

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


def cover_upload_to(instance, filename: str) -> str:
    return f"news/covers/{uuid.uuid4().hex}.{_suffix(filename)}"


def gallery_upload_to(instance, filename: str) -> str:
    return f"news/gallery/{uuid.uuid4().hex}.{_suffix(filename)}"


def _suffix(filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return suffix if suffix in IMAGE_EXTENSIONS else "jpg"


def validate_image_size(file) -> None:
    limit = settings.IMAGE_MAX_UPLOAD_MB * 1024 * 1024
    if file.size > limit:
        raise ValidationError(
            _("The image is larger than %(limit)s MB. Please make it smaller."),
            params={"limit": settings.IMAGE_MAX_UPLOAD_MB},
            code="too_large",
        )


def sanitize_body(html: str) -> str:
    """The editor's output, kept to what core.html allows; an empty paragraph is empty."""
    cleaned = sanitize(html)
    return "" if cleaned.strip() in {"", "<p></p>", "<p><br></p>"} else cleaned


# What the editor offers; core.html.sanitize decides what is kept.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    # The editor's script needs a table's parts named as well as the table.
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}


class ArticleCategory(models.TextChoices):
    NEWS = "news", _("News")
    PRESS_RELEASE = "press-release", _("Press release")
    STORY = "story", _("Story")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


# The columns a news card shows (``ArticleQuerySet.for_listing``).
LISTING_FIELDS = (
    "title",
    "slug",
    "summary",
    "category",
    "status",
    "published_at",
    "cover",
    "cover_renditions",
    "source_institution",
)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Published articles whose publication time has come (a future time stays hidden)."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """What a news card shows, without a query per article; the bodies stay behind.

        Only those columns (``LISTING_FIELDS``): making the objects costs per column.
        """
        return self.select_related("source_institution").only(
            *LISTING_FIELDS, "source_institution__acronym"
        )

    def for_feed(self):
        """What a feed item shows: a card's fields and the body, for items without a summary."""
        return self.select_related("source_institution").defer("source_institution__description")

    def for_page(self):
        """What the article page shows: source, related event and the gallery."""
        return self.select_related("source_institution", "related_event__host").prefetch_related(
            models.Prefetch("images", queryset=ArticleImage.objects.order_by("order", "pk"))
        )

    def in_year(self, year: int):
        return self.filter(published_at__year=year)

    def years(self) -> list[int]:
        """The years in which these articles were published, latest first."""
        return sorted(
            {d.year for d in self.dates("published_at", "year")},
            reverse=True,
        )


class Article(ChoiceLabels, models.Model):
    title = models.CharField(
        _("title"),
        max_length=250,
        blank=True,
        help_text=_("Write it in one language or both; a missing one falls back to the other."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences for lists, feeds and link previews."),
    )
    body = ProseEditorField(
        _("body"),
        blank=True,
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        sanitize=sanitize_body,
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_(
            "The article's address in Latin letters, shared by both languages: /news/<slug>/. "
            "Made from the English title; type one when there is only a Khmer title."
        ),
    )
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=ArticleCategory.choices,
        default=ArticleCategory.NEWS,
    )
    source_institution = models.ForeignKey(
        "members.MemberInstitution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("source institution"),
    )
    related_event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("related event"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("A published article stays hidden until this time."),
    )
    cover = models.ImageField(
        _("cover image"),
        upload_to=cover_upload_to,
        blank=True,
        validators=[
            FileExtensionValidator(IMAGE_EXTENSIONS),
            validate_image_size,
            validate_image_pixels,
        ],
    )
    cover_alt = models.CharField(
        _("cover image description"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    cover_caption = models.CharField(_("cover image caption"), max_length=300, blank=True)
    # Smaller copies of the cover, made once when it is uploaded (see news.services).
    cover_renditions = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_published"),
            models.Index(
                fields=["source_institution", "status", "published_at"],
                name="article_institution",
            ),
            models.Index(fields=["category", "status", "published_at"], name="article_category"),
        ]
        constraints = [
            # Either title may be missing, not both (the translation columns are nullable).
            models.CheckConstraint(
                condition=(Q(title_en__isnull=False) & ~Q(title_en=""))
                | (Q(title_km__isnull=False) & ~Q(title_km="")),
                name="article_has_a_title",
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_km or self.slug

    def save(self, *args, **kwargs):
        # Rich text comes from many hands: keep only safe markup (sanitised again on render).
        for code in language_codes():
            field = f"body_{code}"
            setattr(self, field, sanitize_body(getattr(self, field, "") or ""))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return links.reverse("news:detail", slug=self.slug)

    def clean(self):
        super().clean()
        if not (self.title_en or self.title_km):
            raise ValidationError(_("Give the article a title in English, in Khmer or in both."))

    @property
    def languages(self) -> list[str]:
        """The languages the article is really written in (those with a title)."""
        return [code for code, _name in settings.LANGUAGES if getattr(self, f"title_{code}", "")]

    @property
    def is_public(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED and self.published_at <= timezone.now()


class ArticleImage(models.Model):
    """A photo of the article's gallery, with its caption and description in both languages."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="images", verbose_name=_("article")
    )
    image = models.ImageField(
        _("image"),
        upload_to=gallery_upload_to,
        validators=[
            FileExtensionValidator(IMAGE_EXTENSIONS),
            validate_image_size,
            validate_image_pixels,
        ],
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt_text = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")
        ordering = ["article", "order", "pk"]

    def __str__(self) -> str:
        return self.caption_en or self.caption_km or self.image.name
