import datetime
import re

from django.db import models
from django.db.models import Q, Subquery
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from core import links
from core.html import sanitize
from core.i18n import language_codes
from core.khmer import to_khmer_digits
from core.models import ChoiceLabels
from members.models import Country


def english_ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 111th."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def board_meeting_name(number: int) -> str:
    """The numbered name of a board meeting in the active language.

    English reads "37th ASSA Board Meeting". Khmer marks the ordinal with the word ទី
    in the sentence ("កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី%(ordinal)s"), so its
    ordinal is the bare number in Khmer digits.
    """
    ordinal = to_khmer_digits(str(number)) if get_language() == "km" else english_ordinal(number)
    return pgettext("board meeting name", "%(ordinal)s ASSA Board Meeting") % {"ordinal": ordinal}


# A heading typed into the subtitle: "40th ASSA Board Meeting", "The 40th Board Meeting",
# "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៤០". {number} is the number in either digits.
_ENGLISH_HEADING = r"\s*(?:the\s+)?{number}(?:st|nd|rd|th)?\s+(?:assa\s+)?board\s+meeting\b"
_KHMER_HEADING = r"\s*កិច្ចប្រជុំ\s*ក្រុមប្រឹក្សាភិបាល\s*(?:assa\s*)?(?:លើក\s*ទី\s*)?{number}(?![0-9០-៩])"
# What may follow a repeated English heading: nothing, a separator, or the rest in brackets.
# Khmer also runs the place on after a plain space ("... លើកទី៤០ ហ្វីលីពីន ២០២៧").
_SEPARATED = re.compile(r"^\s*(?:$|[:៖;,\-–—(])")


def strip_repeated_heading(number: int | None, title: str) -> str:
    """The subtitle left once the heading made from ``number`` is taken off its front.

    "40th ASSA Board Meeting" gives "", "40th ASSA Board Meeting: Philippines 2027" and
    "កិច្ចប្រជុំក្រុមប្រឹក្សាភិបាល ASSA លើកទី៤០ ហ្វីលីពីន ២០២៧" give the place and year. An English
    title that only starts with those words ("40th ASSA Board Meeting and Forum") is left
    alone, and so is one that names another number.
    """
    title = title or ""
    if not number or not title.strip():
        return title
    number_pattern = f"(?:{re.escape(str(number))}|{re.escape(to_khmer_digits(str(number)))})"
    for pattern, khmer in ((_ENGLISH_HEADING, False), (_KHMER_HEADING, True)):
        match = re.match(pattern.format(number=number_pattern), title, re.IGNORECASE)
        if match is None:
            continue
        rest = title[match.end() :]
        if not (khmer or _SEPARATED.match(rest)):
            continue
        rest = rest.strip()
        if rest.startswith("(") and rest.endswith(")"):
            return rest[1:-1].strip()
        return rest.lstrip(":៖;,-–— \t").strip()
    return title


def numbered_title(numbered_name: str, title: str) -> str:
    """ "37th ASSA Board Meeting: Cambodia 2020", punctuated for the active language
    (Khmer introduces the title with ៖, not a Latin colon)."""
    return pgettext("numbered event and its title", "%(name)s: %(title)s") % {
        "name": numbered_name,
        "title": title,
    }


class EventKind(models.TextChoices):
    """Kinds of event. The value is also the kind's address: /events/<kind>/."""

    BOARD_MEETING = "assa-board-meeting", _("ASSA Board Meeting")
    SECRETARIAT_MEETING = "secretariat-meeting", _("Secretariat meeting")
    SEMINAR = "seminar-workshop", _("Seminar or workshop")
    WORKING_GROUP = "working-group", _("Working group")
    FORUM = "forum", _("Forum")
    OTHER = "other", _("Other event")


# The kinds whose events are named by their number ("40th ASSA Board Meeting", made by the
# function in the active language); their title is an optional subtitle ("Philippines 2027").
NUMBERED_KINDS = {EventKind.BOARD_MEETING: board_meeting_name}


class EventFormat(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


# The columns an event card shows (``EventQuerySet.for_listing``).
LISTING_FIELDS = (
    "kind",
    "number",
    "title",
    "slug",
    "status",
    "format",
    "country",
    "city",
    "starts_on",
    "ends_on",
    "is_published",
    "host",
)


def _upcoming_q(today) -> Q:
    return Q(ends_on__gte=today) | Q(ends_on__isnull=True, starts_on__gte=today)


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_listing(self):
        """What an event card shows: the host without another query per event.

        Only those columns (``LISTING_FIELDS``): the texts (summary, body, the host's
        description) stay in the database, and making the objects costs per column.
        """
        return self.select_related("host").only(*LISTING_FIELDS, "host__acronym")

    def in_calendar_order(self, today=None):
        """Upcoming events first, the soonest on top; then past events, the latest on top."""
        today = today or timezone.localdate()
        return self.annotate(
            is_past=models.Case(
                models.When(_upcoming_q(today), then=models.Value(0)),
                default=models.Value(1),
                output_field=models.IntegerField(),
            ),
            upcoming_on=models.Case(
                models.When(_upcoming_q(today), then=models.F("starts_on")),
                default=None,
                output_field=models.DateField(),
            ),
        ).order_by("is_past", models.F("upcoming_on").asc(nulls_last=True), "-starts_on", "-pk")

    def years(self) -> list[int]:
        """The years in which these events start, latest first (for the year filter)."""
        return sorted(
            {d.year for d in self.dates("starts_on", "year")},
            reverse=True,
        )

    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def upcoming(self):
        return self.filter(_upcoming_q(timezone.localdate()))

    def past(self):
        today = timezone.localdate()
        return self.filter(Q(ends_on__lt=today) | Q(ends_on__isnull=True, starts_on__lt=today))


class Event(ChoiceLabels, models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("For board meetings: 37 for the 37th ASSA Board Meeting."),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_(
            "A board meeting's heading is made from its number (“40th ASSA Board Meeting”): "
            "write only what follows it, e.g. “Philippines 2027”, or nothing. Other events: "
            "their title."
        ),
    )
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_(
            "The event's address in Latin letters, e.g. cambodia-2020. Left empty, it is "
            "made from the country and the year (a board meeting) or from the English title."
        ),
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
    status_note = models.CharField(
        _("note on the status"),
        max_length=300,
        blank=True,
        help_text=_(
            'Shown next to the status, e.g. "If the Covid-19 situation does not allow it, '
            'the meeting will be held online."'
        ),
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
        verbose_name=_("minutes approved at"),
        help_text=_(
            "The meeting that approved this meeting's minutes, e.g. the 38th board meeting "
            "approved the minutes of the 37th. Attach the minutes themselves as a "
            'presentation of the category "Minutes".'
        ),
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
            models.Index(fields=["is_published", "country"], name="event_published_country"),
        ]

    def __str__(self) -> str:
        """The event's name wherever it is named in one line: the admin, emails, calendars.

        "40th ASSA Board Meeting: Philippines 2027", "40th ASSA Board Meeting" without a
        subtitle, else the title, in the active language.
        """
        if self.subtitle:
            return numbered_title(self.heading, self.subtitle)
        return self.heading

    def save(self, *args, **kwargs):
        # Rich text comes from many hands: keep only safe markup (sanitised again on render).
        for code in language_codes():
            field = f"body_{code}"
            setattr(self, field, sanitize(getattr(self, field, "") or ""))
        # A numbered meeting's heading typed into its subtitle would show twice.
        if self.is_numbered:
            for code in language_codes():
                field = f"title_{code}"
                value = getattr(self, field, None)
                if value:
                    setattr(self, field, strip_repeated_heading(self.number, value))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return links.reverse("events:detail", kind=self.kind, slug=self.slug)

    @property
    def is_numbered(self) -> bool:
        """Whether the event is named by its number (a board meeting), not by its title."""
        return self.kind in NUMBERED_KINDS and bool(self.number)

    @property
    def numbered_name(self) -> str:
        """ "37th ASSA Board Meeting" for numbered kinds, in the active language; else ""."""
        if self.is_numbered:
            return NUMBERED_KINDS[self.kind](self.number)
        return ""

    @property
    def heading(self) -> str:
        """The event's name: made from the number for numbered kinds, else its title."""
        return self.numbered_name or self.title or self.slug

    @property
    def subtitle(self) -> str:
        """What a numbered meeting's title adds to its heading ("Philippines 2027"), or ""."""
        return (self.title or "") if self.is_numbered else ""

    def suggested_slug(self) -> str:
        """A free address for the event: country-year for numbered meetings
        ("philippines-2027"), else the English title's words; "-2", "-3"... if taken."""
        with translation.override("en"):
            if self.is_numbered and self.country and self.starts_on:
                base = f"{Country(self.country).label} {self.starts_on.year}"
            else:
                base = self.title_en or self.numbered_name
            base = slugify(base)[:90]
        if not base:
            year = self.starts_on.year if self.starts_on else timezone.localdate().year
            base = f"{self.kind}-{year}"
        taken = set(
            Event.objects.filter(kind=self.kind, slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    @property
    def last_day(self):
        return self.ends_on or self.starts_on

    @property
    def is_upcoming(self) -> bool:
        return self.last_day >= timezone.localdate()


def _started_q(today: datetime.date) -> Q:
    """Terms whose handover meeting has begun by ``today`` (or, with none, whose first year has)."""
    return Q(handover_event__starts_on__lte=today) | Q(
        handover_event__isnull=True, starts_year__lte=today.year
    )


def _not_started_q(today: datetime.date) -> Q:
    return Q(handover_event__starts_on__gt=today) | Q(
        handover_event__isnull=True, starts_year__gt=today.year
    )


class TermQuerySet(models.QuerySet):
    """Chairmanship terms by date. A term is current from its handover meeting's first day
    (or, without one, from 1 January of its first year) until the next term's: terms follow
    each other in the order of their numbers. ``today`` defaults to the site's date."""

    def started(self, today: datetime.date | None = None):
        return self.filter(_started_q(today or timezone.localdate()))

    def not_started(self, today: datetime.date | None = None):
        return self.filter(_not_started_q(today or timezone.localdate()))

    def current(self, today: datetime.date | None = None) -> "Term | None":
        """The term in office on ``today``: the latest one that has started."""
        return self.started(today).order_by("-number").first()

    def incoming(self, today: datetime.date | None = None) -> "Term | None":
        """The next term, recorded before its handover meeting: the first not yet started."""
        return self.not_started(today).order_by("number").first()

    def current_and_incoming(self, today: datetime.date | None = None):
        """The current term and the incoming one (each if there is one), in one query."""
        today = today or timezone.localdate()
        current = self.started(today).order_by("-number").values("pk")[:1]
        incoming = self.not_started(today).order_by("number").values("pk")[:1]
        return self.filter(Q(pk=Subquery(current)) | Q(pk=Subquery(incoming))).order_by("number")


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
        help_text=_(
            "The board meeting at which the offices were handed over for this term. The "
            "term is shown as the current one from that meeting's first day (without a "
            "meeting, from 1 January of its first year)."
        ),
    )

    objects = TermQuerySet.as_manager()

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

    @property
    def starts_on(self) -> datetime.date:
        """The day the term takes office: its handover meeting's first day, else 1 January
        of its first year. (Load ``handover_event`` with the term: select_related.)"""
        if self.handover_event_id is not None:
            return self.handover_event.starts_on
        return datetime.date(self.starts_year, 1, 1)

    def has_started(self, today: datetime.date | None = None) -> bool:
        return self.starts_on <= (today or timezone.localdate())

    @property
    def offices(self) -> list[tuple[str, str, "OfficeHolder | None"]]:
        """(office, its name, holder or None) for Chairman, Vice Chairman, Secretary General.

        Uses the prefetched holders; an office nobody is recorded for comes back as None.
        """
        holders = {holder.office: holder for holder in self.office_holders.all()}
        return [(office.value, office.label, holders.get(office.value)) for office in Office]


class Office(models.TextChoices):
    CHAIRMAN = "chairman", _("Chairman")
    VICE_CHAIRMAN = "vice-chairman", _("Vice Chairman")
    SECRETARY_GENERAL = "secretary-general", _("Secretary General")


class OfficeHolder(ChoiceLabels, models.Model):
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
