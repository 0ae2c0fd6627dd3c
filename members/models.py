from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from core import links
from core.models import ChoiceLabels
from members.validation import validate_logo


class Country(models.TextChoices):
    """The ASEAN member states, by their ISO 3166 codes."""

    BRUNEI = "BN", _("Brunei Darussalam")
    CAMBODIA = "KH", _("Cambodia")
    INDONESIA = "ID", _("Indonesia")
    LAOS = "LA", _("Lao PDR")
    MALAYSIA = "MY", _("Malaysia")
    MYANMAR = "MM", _("Myanmar")
    PHILIPPINES = "PH", _("Philippines")
    SINGAPORE = "SG", _("Singapore")
    THAILAND = "TH", _("Thailand")
    TIMOR_LESTE = "TL", _("Timor-Leste")
    VIETNAM = "VN", _("Viet Nam")


class MemberInstitutionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_country(self, country: str):
        return self.filter(country=country)

    def for_directory(self):
        """Active institutions in the directory's order: by country, then display order."""
        return self.active().order_by("country", "order", "acronym", "pk")

    def with_key_figures(self):
        """Key figures with their values over time (for the charts): two more queries."""
        return self.prefetch_related(
            Prefetch(
                "key_figures",
                queryset=KeyFigure.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("values", queryset=KeyFigureValue.objects.order_by("as_of"))
                ),
            )
        )

    def country_counts(self) -> dict[str, int]:
        """How many active institutions each country has: {"KH": 1, "MY": 2, ...}."""
        rows = self.active().order_by().values("country").annotate(count=Count("pk"))
        return {row["country"]: row["count"] for row in rows}


class MemberInstitution(ChoiceLabels, models.Model):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_(
            "The end of the institution's address on the site, in Latin letters: "
            "nssf-cambodia gives /members/nssf-cambodia/."
        ),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[validate_logo],
        help_text=_(
            "PNG, JPEG, WebP or GIF. The site makes a smaller copy for its pages by itself."
        ),
    )
    # A web-sized copy of the logo, made once when the logo is uploaded (members.services).
    logo_web = models.ImageField(
        _("logo for the web"),
        upload_to="logos/web/",
        blank=True,
        editable=False,
        width_field="logo_web_width",
        height_field="logo_web_height",
    )
    logo_web_width = models.PositiveSmallIntegerField(null=True, editable=False)
    logo_web_height = models.PositiveSmallIntegerField(null=True, editable=False)
    # The logo's stored name when logo_web was made from it.
    logo_web_source = models.CharField(max_length=255, blank=True, editable=False)
    website = models.URLField(_("website"), blank=True)
    contact = models.CharField(
        _("call centre or contact"),
        max_length=200,
        blank=True,
        help_text=_("A telephone number, call centre or email address for the public."),
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive institutions are hidden from the public.")
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    objects = MemberInstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("member institution")
        verbose_name_plural = _("member institutions")
        ordering = ["order", "acronym"]
        indexes = [
            models.Index(fields=["is_active", "country", "order"], name="member_active_country")
        ]

    def __str__(self) -> str:
        return f"{self.acronym} ({self.get_country_display()})"

    def get_absolute_url(self) -> str:
        return links.reverse("members:detail", slug=self.slug)

    @property
    def acronym_is_name(self) -> bool:
        """True for names like "BPJS Kesehatan", where showing the acronym too says it twice."""
        return self.acronym.strip().casefold() == (self.name_en or "").strip().casefold()

    @property
    def website_display(self) -> str:
        """The website without its scheme and trailing slash: "www.nssf.gov.kh"."""
        return self.website.split("://", 1)[-1].rstrip("/")

    @property
    def contact_href(self) -> str:
        """A tel: or mailto: link for the contact, or "" when it is neither."""
        contact = self.contact.strip()
        if "@" in contact and " " not in contact:
            return f"mailto:{contact}"
        dialled = "".join(ch for ch in contact if ch in "0123456789+")
        if dialled and all(ch in "0123456789+-() ." for ch in contact):
            return f"tel:{dialled}"
        return ""


class KeyFigure(models.Model):
    """A headline number of an institution, e.g. NSSF's 3,120,208 members."""

    institution = models.ForeignKey(
        MemberInstitution,
        on_delete=models.CASCADE,
        related_name="key_figures",
        verbose_name=_("institution"),
    )
    label = models.CharField(_("label"), max_length=120)
    value = models.PositiveBigIntegerField(_("value"))
    as_of = models.DateField(_("as of"))
    source_url = models.URLField(_("source"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["institution", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class KeyFigureValue(models.Model):
    """One dated value of a key figure: the figure's history, drawn as a chart.

    The figure's own ``value`` and ``as_of`` are its latest value (``members.services``
    keeps the two in step).
    """

    figure = models.ForeignKey(
        KeyFigure, on_delete=models.CASCADE, related_name="values", verbose_name=_("key figure")
    )
    value = models.PositiveBigIntegerField(_("value"))
    as_of = models.DateField(_("as of"))
    note = models.CharField(
        _("source or note"),
        max_length=200,
        blank=True,
        help_text=_("Where the number comes from, or that it is an estimate."),
    )

    class Meta:
        verbose_name = _("dated value")
        verbose_name_plural = _("values over time")
        ordering = ["figure", "as_of"]
        constraints = [
            models.UniqueConstraint(fields=["figure", "as_of"], name="keyfigurevalue_one_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.figure.label}: {self.value} ({self.as_of})"


class Membership(models.Model):
    """Links a user account to the one member institution it uploads papers for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    institution = models.ForeignKey(
        MemberInstitution,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("institution"),
    )
    language = models.CharField(
        _("language for emails"), max_length=5, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        verbose_name = _("institution user")
        verbose_name_plural = _("institution users")
        ordering = ["institution", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} – {self.institution.acronym}"
