from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Country


class EventKind(models.TextChoices):
    """Kinds of event. The value is also the kind's address: /events/<kind>/."""

    BOARD_MEETING = "assa-board-meeting", _("ASSA Board Meeting")
    SECRETARIAT_MEETING = "secretariat-meeting", _("Secretariat meeting")
    SEMINAR = "seminar-workshop", _("Seminar or workshop")
    WORKING_GROUP = "working-group", _("Working group")
    FORUM = "forum", _("Forum")
    OTHER = "other", _("Other event")


class EventFormat(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def upcoming(self):
        today = timezone.localdate()
        return self.filter(Q(ends_on__gte=today) | Q(ends_on__isnull=True, starts_on__gte=today))

    def past(self):
        today = timezone.localdate()
        return self.filter(Q(ends_on__lt=today) | Q(ends_on__isnull=True, starts_on__lt=today))


class Event(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("For board meetings: 37 for the 37th ASSA Board Meeting."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("The event's address in Latin letters, e.g. cambodia-2020."),
    )
    host = models.ForeignKey(
        "members.MemberInstitution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("host institution"),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published events are shown to the public.")
    )
    # The page's address on the old Jekyll site, for permanent redirects (set by the importer).
    legacy_permalink = models.CharField(
        _("old site address"), max_length=255, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="event_unique_slug_per_kind"),
            models.UniqueConstraint(
                fields=["kind", "number"],
                condition=Q(number__isnull=False),
                name="event_unique_number_per_kind",
            ),
            models.CheckConstraint(
                condition=~Q(kind="assa-board-meeting") | Q(number__isnull=False),
                name="event_board_meeting_has_number",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "starts_on"], name="event_published_starts"),
            models.Index(fields=["kind", "is_published", "starts_on"], name="event_kind_starts"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"kind": self.kind, "slug": self.slug})


class PresentationCategory(models.TextChoices):
    CHAIRMAN_MESSAGE = "chairman-message", _("Message from the ASSA Chairman")
    SPEAKER = "speaker", _("Speaker's topic")
    GOOD_PRACTICE = "good-practice", _("Good practice by a member institution")
    MINUTES = "minutes", _("Minutes")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class Presentation(models.Model):
    """One item of an event's programme, usually with its file."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="presentations", verbose_name=_("event")
    )
    category = models.CharField(_("category"), max_length=20, choices=PresentationCategory.choices)
    title = models.CharField(_("title"), max_length=300)
    speaker_name = models.CharField(_("speaker"), max_length=150, blank=True)
    speaker_role = models.CharField(
        _("speaker's role"),
        max_length=300,
        blank=True,
        help_text=_(
            "E.g. Head of Office of the Secretary-General, "
            "International Social Security Association."
        ),
    )
    institution = models.ForeignKey(
        "members.MemberInstitution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presentations",
        verbose_name=_("presenting institution"),
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presentations",
        verbose_name=_("file"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        ordering = ["event", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Term(models.Model):
    """A chairmanship term, e.g. ASSA 38, 2021-2022."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    starts_year = models.PositiveSmallIntegerField(_("first year"))
    ends_year = models.PositiveSmallIntegerField(_("last year"))
    handover_event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handovers",
        verbose_name=_("handover meeting"),
        help_text=_("The board meeting at which the offices were handed over for this term."),
    )

    class Meta:
        verbose_name = _("chairmanship term")
        verbose_name_plural = _("chairmanship terms")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_year__gte=models.F("starts_year")), name="term_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"ASSA {self.number}, {self.starts_year}-{self.ends_year}"


class Office(models.TextChoices):
    CHAIRMAN = "chairman", _("Chairman")
    VICE_CHAIRMAN = "vice-chairman", _("Vice Chairman")
    SECRETARY_GENERAL = "secretary-general", _("Secretary General")


class OfficeHolder(models.Model):
    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="office_holders", verbose_name=_("term")
    )
    office = models.CharField(_("office"), max_length=20, choices=Office.choices)
    institution = models.ForeignKey(
        "members.MemberInstitution",
        on_delete=models.PROTECT,
        related_name="offices_held",
        verbose_name=_("institution"),
    )
    person_name = models.CharField(_("person"), max_length=150, blank=True)
    person_title = models.CharField(_("person's title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("office holder")
        verbose_name_plural = _("office holders")
        ordering = ["term", "office"]
        constraints = [
            models.UniqueConstraint(fields=["term", "office"], name="officeholder_one_per_office")
        ]

    def __str__(self) -> str:
        return f"{self.get_office_display()}: {self.institution.acronym}"
