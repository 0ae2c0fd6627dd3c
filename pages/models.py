"""Pages the secretariat writes (About, Contact, Privacy) and the secretariat's contact details.

The app sits on top of the domain apps: a page may show the current Secretary General's
institution, which comes from the chairmanship terms of ``events`` (read in the view).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from news.models import BODY_EDITOR_EXTENSIONS, sanitize_body


class Placement(models.TextChoices):
    FOOTER = "footer", _("Footer")
    NAVIGATION = "navigation", _("Main navigation")
    NOWHERE = "none", _("Not linked (reached by its address only)")


class PageStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PageStatus.PUBLISHED)

    def placed(self, placement: str):
        return self.filter(placement=placement)

    def for_site_chrome(self):
        """What the navigation and footer need: links and the contact details, no bodies."""
        return self.defer(
            *[
                f"{field}_{code}"
                for field in ("body", "summary")
                for code, _n in settings.LANGUAGES
            ],
            "body",
            "summary",
        )


def validate_free_address(slug: str) -> None:
    """A page's slug must not take an address the site already uses (/en/members/ ...)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = f"/{settings.LANGUAGE_CODE}/{slug}/"
        try:
            match = resolve(path)
        except Resolver404:
            return
    if match.view_name != "pages:detail":
        raise ValidationError(
            _("The address /%(slug)s/ is already used by the site; choose another slug."),
            params={"slug": slug},
            code="taken",
        )


class Page(models.Model):
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Write it in one language or both; a missing one falls back to the other."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences for search engines and link previews."),
    )
    body = ProseEditorField(
        _("body"),
        blank=True,
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        sanitize=sanitize_body,
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        validators=[validate_free_address],
        help_text=_(
            "The page's address in Latin letters, shared by both languages: "
            "about gives /en/about/ and /km/about/."
        ),
    )
    placement = models.CharField(
        _("shown in"), max_length=12, choices=Placement.choices, default=Placement.FOOTER
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first in their menu.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PageStatus.choices, default=PageStatus.DRAFT
    )
    # The secretariat's contact details: given on one page (Contact), shown under its text
    # and in every page's footer. The secretariat moves with the chairmanship, so they
    # change every year or so: kept in the admin, never in a template.
    shows_contact_details = models.BooleanField(
        _("holds the contact details"),
        default=False,
        help_text=_(
            "This page gives the secretariat's address, email and telephone (below); they "
            "are shown under its text, with the current Secretary General's institution, "
            "and in every page's footer."
        ),
    )
    organisation = models.CharField(
        _("secretariat's name"),
        max_length=200,
        blank=True,
        help_text=_("E.g. ASSA Secretariat, hosted by ... (shown above the address)."),
    )
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["placement", "order", "pk"]
        indexes = [models.Index(fields=["status", "placement", "order"], name="page_menu")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(title_en__isnull=False) & ~Q(title_en=""))
                | (Q(title_km__isnull=False) & ~Q(title_km="")),
                name="page_has_a_title",
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_km or self.slug

    def save(self, *args, **kwargs):
        # Rich text from many hands: only safe markup is kept (and sanitised again on render).
        for code, _name in settings.LANGUAGES:
            field = f"body_{code}"
            setattr(self, field, sanitize_body(getattr(self, field, "") or ""))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if not (self.title_en or self.title_km):
            raise ValidationError(_("Give the page a title in English, in Khmer or in both."))

    @property
    def languages(self) -> list[str]:
        """The languages the page is really written in (those with a title)."""
        return [code for code, _name in settings.LANGUAGES if getattr(self, f"title_{code}", "")]

    @property
    def is_public(self) -> bool:
        return self.status == PageStatus.PUBLISHED

    @property
    def phone_href(self) -> str:
        dialled = "".join(ch for ch in self.phone if ch in "0123456789+")
        return f"tel:{dialled}" if dialled else ""

    @property
    def has_contact_details(self) -> bool:
        texts = [
            getattr(self, f"{field}_{code}", "")
            for field in ("organisation", "address")
            for code, _name in settings.LANGUAGES
        ]
        return self.shows_contact_details and bool(any(texts) or self.email or self.phone)
