import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import links
from core.models import ChoiceLabels
from core.permissions import institution_of, is_secretariat
from core.storage import private_storage, public_storage

# Folders of the private storage (documents' files and earlier versions; every preview).
# A published document's preview is also copied, under the same name, to the public
# storage's "previews/" folder, and deleted from there when it is no longer published.
DOCUMENTS_FOLDER = "documents"
PREVIEWS_FOLDER = "previews"
# Pieces of files being sent in parts (PartialUpload), until the file becomes a document.
UPLOADS_FOLDER = "uploads"


def document_upload_to(instance, filename: str) -> str:
    """Files are stored under a generated name; the original name is kept in the row."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{DOCUMENTS_FOLDER}/{uuid.uuid4().hex}.{suffix}"


def preview_upload_to(instance, filename: str) -> str:
    return f"{PREVIEWS_FOLDER}/{uuid.uuid4().hex}.png"


class DocumentKind(models.TextChoices):
    PAPER = "paper", _("Paper")
    PRESENTATION = "presentation", _("Presentation slides")
    MINUTES = "minutes", _("Minutes")
    REPORT = "report", _("Report")
    MESSAGE = "message", _("Message or speech")
    OTHER = "other", _("Other")


class DocumentLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    KHMER = "km", _("Khmer")
    OTHER = "other", _("Other language")


class DocumentStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class OcrStatus(models.TextChoices):
    """Whether the text of the document's scanned pages has been recognised (documents.ocr)."""

    NOT_NEEDED = "not-needed", _("Not needed")
    WAITING = "waiting", _("Waiting")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# The fields of Document that only OCR writes (documents.ocr), saved together.
OCR_FIELDS = (
    "ocr_status",
    "ocr_text",
    "ocr_pages",
    "ocr_notes",
    "ocr_seconds",
    "ocr_at",
    "ocr_sha256",
)


# The moderation's allowed status changes, the one place they are written (the services
# and the admin ask Document.can_become). A withdrawn document stays withdrawn.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    DocumentStatus.SUBMITTED: frozenset(
        {DocumentStatus.APPROVED, DocumentStatus.REJECTED, DocumentStatus.WITHDRAWN}
    ),
    DocumentStatus.APPROVED: frozenset({DocumentStatus.REJECTED}),
    DocumentStatus.REJECTED: frozenset({DocumentStatus.APPROVED}),
    DocumentStatus.WITHDRAWN: frozenset(),
}


def display_name(user) -> str:
    """How a user is named on documents: their full name, else their username."""
    return user.get_full_name() or user.get_username()


# The columns a library row shows (``DocumentQuerySet.for_listing``).
LISTING_FIELDS = (
    "title",
    "kind",
    "language",
    "institution",
    "event",
    "original_name",
    "content_type",
    "size",
    "page_count",
    "preview",
    "status",
    "published_at",
)


def public_q(prefix: str = "") -> Q:
    """The condition for a document to be public: approved by the secretariat, and its
    event (if it has one) published. ``prefix`` reaches the document through a relation
    ("document__").

    Publication follows the meeting: the papers of a draft event stay out of the library,
    search, the sitemap and downloads until the event is published, whatever their status.
    """
    return Q(**{f"{prefix}status": DocumentStatus.APPROVED}) & (
        Q(**{f"{prefix}event__isnull": True}) | Q(**{f"{prefix}event__is_published": True})
    )


class DocumentQuerySet(models.QuerySet):
    def published(self):
        """What the public may see (``public_q``): every public page and file asks this."""
        return self.filter(public_q())

    def approved(self):
        """Approved by the secretariat, whether or not its event is published yet."""
        return self.filter(status=DocumentStatus.APPROVED)

    def visible_to(self, user):
        """What this user may see: the public sees what is published; a member also sees
        everything of their own institution; the secretariat sees everything."""
        if is_secretariat(user):
            return self
        institution = institution_of(user)
        if institution is not None:
            return self.filter(public_q() | Q(institution=institution))
        return self.published()

    def submitted(self):
        return self.filter(status=DocumentStatus.SUBMITTED)

    def waiting(self):
        """What waits for the secretariat's decision: new submissions, and documents with a
        new version sent for review (``Revision``)."""
        pending = Revision.objects.filter(document=OuterRef("pk"), status=DocumentStatus.SUBMITTED)
        return self.filter(Q(status=DocumentStatus.SUBMITTED) | Exists(pending))

    def of_institution(self, institution):
        return self.filter(institution=institution)

    def for_listing(self):
        """What a row of the library (or a search result) shows, without a query per row.

        Only those columns: a document row and its institution's and event's are wide,
        and making the objects costs per column.
        """
        return self.select_related("institution", "event").only(
            *LISTING_FIELDS,
            "institution__acronym",
            "event__kind",
            "event__number",
            "event__title",
            "event__is_published",
        )

    def with_year(self):
        """Annotate ``year``: the year of the document's event, else the year it was published."""
        return self.annotate(
            year=Coalesce(ExtractYear("event__starts_on"), ExtractYear("published_at"))
        )

    def years(self) -> list[int]:
        """The years these documents belong to, latest first (for the year filter): one query."""
        values = self.with_year().order_by().values_list("year", flat=True).distinct()
        return sorted({year for year in values if year}, reverse=True)

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(title_en__icontains=text)
            | Q(title_km__icontains=text)
            | Q(original_name__icontains=text)
        )

    def of_event(self, event):
        """Every document of an event: linked to it directly or through its programme.

        (``EXISTS``, not a join: no duplicate rows to remove with ``DISTINCT``.)
        """
        in_programme = Presentation.objects.filter(event=event, document=OuterRef("pk"))
        return self.filter(Q(event=event) | Exists(in_programme))


class StoredFile(models.Model):
    """A stored file and its facts: a document's current file, or an earlier version's.

    The facts are written from a checked upload (``set_checked_file``) or taken from
    another stored file (``file_facts``, ``copy_file_from``), never field by field.
    """

    FACTS = ("original_name", "content_type", "size", "sha256", "page_count")

    file = models.FileField(
        _("file"), upload_to=document_upload_to, storage=private_storage, max_length=255
    )
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)

    class Meta:
        abstract = True

    def set_checked_file(self, file_name: str, checked_file, digest: str) -> None:
        """The file stored as ``file_name`` after validation (a ``CheckedFile``)."""
        self.file.name = file_name
        self.original_name = checked_file.original_name
        self.content_type = checked_file.file_type.content_type
        self.size = checked_file.size
        self.sha256 = digest
        self.page_count = checked_file.page_count

    def file_facts(self) -> dict:
        """The stored file's name and facts, as keyword arguments for another StoredFile."""
        return {"file": self.file.name, **{name: getattr(self, name) for name in self.FACTS}}

    def copy_file_from(self, other: "StoredFile") -> None:
        """The same stored file as ``other`` (its name, not a copy of the bytes)."""
        for name, value in other.file_facts().items():
            setattr(self, name, value)

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"

    @property
    def type_label(self) -> str:
        """ "PDF", "Word", "PowerPoint", "Excel", "JPEG"..."""
        from documents.validation import type_label

        return type_label(self.content_type, self.original_name)


class Document(ChoiceLabels, StoredFile):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.PAPER
    )
    language = models.CharField(
        _("language"), max_length=5, choices=DocumentLanguage.choices, default="en"
    )
    institution = models.ForeignKey(
        "members.MemberInstitution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("institution"),
    )
    # An event with documents cannot be deleted: the admin lists them and keeps them.
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("event"),
    )
    # The private original; see preview_url for where browsers get it.
    preview = models.ImageField(
        _("preview"),
        upload_to=preview_upload_to,
        storage=private_storage,
        blank=True,
        editable=False,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DocumentStatus.choices,
        default=DocumentStatus.SUBMITTED,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploaded_documents",
        verbose_name=_("uploaded by"),
    )
    # The uploader's name as it was at upload: kept when their account is deleted.
    uploaded_by_name = models.CharField(
        _("uploaded by (name)"), max_length=300, blank=True, editable=False
    )
    uploader_language = models.CharField(
        _("uploader's language"),
        max_length=5,
        choices=settings.LANGUAGES,
        blank=True,
        editable=False,
        help_text=_("The language of the page the uploader sent it from: emails about it use it."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Text recognition (OCR) of the scanned pages, written by documents.ocr only.
    ocr_status = models.CharField(
        _("text recognition"),
        max_length=10,
        choices=OcrStatus.choices,
        default=OcrStatus.WAITING,
        editable=False,
    )
    # The text of each page read, in page order, pages separated by a form feed ("\f");
    # ocr_pages holds their page numbers, in the same order.
    ocr_text = models.TextField(_("recognised text"), blank=True, editable=False)
    ocr_pages = models.JSONField(_("pages read"), default=list, blank=True, editable=False)
    # What went wrong or was left out: [{"code": "page_limit", ...}] (documents.ocr.describe).
    ocr_notes = models.JSONField(_("notes"), default=list, blank=True, editable=False)
    ocr_seconds = models.FloatField(
        _("time taken (seconds)"), null=True, blank=True, editable=False
    )
    ocr_at = models.DateTimeField(_("read on"), null=True, blank=True, editable=False)
    # The SHA-256 of the file the result is about: a replaced file is read again.
    ocr_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-published_at", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="document_status_published"),
            models.Index(fields=["institution", "status"], name="document_institution_status"),
            models.Index(fields=["status", "kind"], name="document_status_kind"),
            models.Index(fields=["status", "language"], name="document_status_language"),
            models.Index(fields=["status", "event"], name="document_status_event"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return links.reverse("documents:detail", pk=self.pk)

    def get_download_url(self) -> str:
        """The file's address, outside the language prefix: /download/<pk>/<original name>.

        The name is there for people and browsers; the view serves the newest file of the
        document whatever name the address carries, so links made before a replacement
        keep working.
        """
        return links.reverse(
            "downloads:document", pk=self.pk, filename=self.original_name or "document"
        )

    @property
    def is_published(self) -> bool:
        """Approved by the secretariat (see ``is_public`` for whether the public sees it)."""
        return self.status == DocumentStatus.APPROVED

    @property
    def is_public(self) -> bool:
        """Approved, and its event (if any) published: what ``public_q`` selects.

        Reads the event (select it with the document where this is asked per row).
        """
        return self.is_published and not self.held_back_by_event

    @property
    def held_back_by_event(self) -> bool:
        """Its event is a draft: not public until the event is published."""
        return self.event_id is not None and not self.event.is_published

    @property
    def preview_url(self) -> str:
        """Where browsers get the first-page picture ("" if there is none).

        A public document's preview is a public file (copied there on publishing);
        any other's is sent by a view that checks who asks, never from a public address.
        """
        if not self.preview:
            return ""
        if self.is_public:
            return public_storage().url(self.preview.name)
        return reverse("downloads:preview", kwargs={"pk": self.pk})

    @property
    def scan_text(self) -> str:
        """The text recognised in the scanned pages, once done ("" otherwise), whatever
        the document's status: callers show it for published documents only."""
        if self.ocr_status != OcrStatus.DONE:
            return ""
        return self.ocr_text.replace("\f", "\n\n").strip()

    def scan_pages(self) -> list[tuple[int, str]]:
        """(page number, text) of each page read that has any text, once done."""
        if self.ocr_status != OcrStatus.DONE or not self.ocr_text:
            return []
        texts = self.ocr_text.split("\f")
        pages = zip(self.ocr_pages, texts, strict=False)
        return [(number, text) for number, text in pages if text.strip()]

    @property
    def can_be_revised(self) -> bool:
        """Its institution may send a new version: published or rejected, none waiting.

        Uses ``pending_revision`` (prefetch ``revisions`` to ask it per row).
        """
        return (
            self.status in (DocumentStatus.APPROVED, DocumentStatus.REJECTED)
            and self.pending_revision is None
        )

    @property
    def pending_revision(self) -> "Revision | None":
        """The new version waiting for the secretariat's decision, if any."""
        for revision in self.revisions.all():
            if revision.status == DocumentStatus.SUBMITTED:
                return revision
        return None

    @property
    def can_be_withdrawn(self) -> bool:
        return self.can_become(DocumentStatus.WITHDRAWN)

    def can_become(self, status: str) -> bool:
        """Whether moderation may move this document to ``status`` (STATUS_TRANSITIONS)."""
        return status in STATUS_TRANSITIONS[self.status]


class Submission(Document):
    """The moderation queue in the admin: the same rows, listed as submissions to decide."""

    class Meta:
        proxy = True
        verbose_name = _("submission to review")
        verbose_name_plural = _("submissions to review")


class DocumentVersion(StoredFile):
    """An earlier file of a document, kept when the secretariat replaces it."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    uploaded_at = models.DateTimeField(_("first uploaded"), null=True, blank=True)
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaced by"),
    )

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["document", "-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.replaced_at:%Y-%m-%d %H:%M})"

    def get_download_url(self) -> str:
        return reverse(
            "downloads:version",
            kwargs={
                "pk": self.document_id,
                "version": self.pk,
                "filename": self.original_name or "document",
            },
        )


# A new version's allowed status changes: decided once, or withdrawn before that.
REVISION_TRANSITIONS: dict[str, frozenset[str]] = {
    DocumentStatus.SUBMITTED: frozenset(
        {DocumentStatus.APPROVED, DocumentStatus.REJECTED, DocumentStatus.WITHDRAWN}
    ),
    DocumentStatus.APPROVED: frozenset(),
    DocumentStatus.REJECTED: frozenset(),
    DocumentStatus.WITHDRAWN: frozenset(),
}


class Revision(ChoiceLabels, StoredFile):
    """A new file for a document, with a note of what changed, and its moderation.

    A member sends it for a document of their institution; it waits for the secretariat
    like a new submission. Approved, its file becomes the document's current one (the
    previous file is kept as a ``DocumentVersion``); until then, and if it is rejected, the
    public keeps the approved file behind the same address. The secretariat's own
    replacements are recorded as approved revisions too, so a document's history of
    files is its revisions. An approved revision's file is the document's or a version's:
    the same stored file, named by both rows.
    """

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("document")
    )
    note = models.CharField(
        _("what changed"),
        max_length=500,
        blank=True,
        help_text=_("E.g. “Corrected the figures of table 3.”"),
    )
    # The first-page picture, until the document takes it on approval.
    preview = models.ImageField(
        _("preview"),
        upload_to=preview_upload_to,
        storage=private_storage,
        blank=True,
        editable=False,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DocumentStatus.choices,
        default=DocumentStatus.SUBMITTED,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    uploaded_by_name = models.CharField(
        _("sent by (name)"), max_length=300, blank=True, editable=False
    )
    uploader_language = models.CharField(
        _("uploader's language"), max_length=5, choices=settings.LANGUAGES, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("new version")
        verbose_name_plural = _("new versions")
        ordering = ["document", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status="submitted"),
                name="revision_one_waiting_per_document",
            )
        ]
        indexes = [models.Index(fields=["status", "document"], name="revision_status_document")]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    def can_become(self, status: str) -> bool:
        return status in REVISION_TRANSITIONS[self.status]

    @property
    def is_waiting(self) -> bool:
        return self.status == DocumentStatus.SUBMITTED

    def get_download_url(self) -> str:
        """The file sent, for the document's institution and the secretariat."""
        return reverse(
            "downloads:revision",
            kwargs={
                "pk": self.document_id,
                "revision": self.pk,
                "filename": self.original_name or "document",
            },
        )


class PresentationCategory(models.TextChoices):
    CHAIRMAN_MESSAGE = "chairman-message", _("Message from the ASSA Chairman")
    SPEAKER = "speaker", _("Speaker's topic")
    GOOD_PRACTICE = "good-practice", _("Good practice by a member institution")
    MINUTES = "minutes", _("Minutes")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


# The kind of document a programme item's file is, by the item's category.
CATEGORY_DOCUMENT_KIND = {
    PresentationCategory.CHAIRMAN_MESSAGE: DocumentKind.MESSAGE,
    PresentationCategory.SPEAKER: DocumentKind.PRESENTATION,
    PresentationCategory.GOOD_PRACTICE: DocumentKind.PAPER,
    PresentationCategory.MINUTES: DocumentKind.MINUTES,
    PresentationCategory.REPORT: DocumentKind.REPORT,
    PresentationCategory.OTHER: DocumentKind.OTHER,
}


class Presentation(ChoiceLabels, models.Model):
    """One item of an event's programme, usually with its file.

    It lives with the documents, which own the link between a meeting and the files
    presented there (events know nothing of documents).
    """

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="presentations",
        verbose_name=_("event"),
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
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presentations",
        verbose_name=_("file"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        # The table the events app made before the link to the file moved here.
        db_table = "events_presentation"
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        ordering = ["event", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def public_document(self):
        """The attached document when the public may see it, else None.

        A document of this presentation's own event (or of none) follows that event,
        which the page showing the programme has published (or the secretariat is
        looking at its draft); one of another event must have that event published.
        """
        document = self.document
        if document is None or document.status != DocumentStatus.APPROVED:
            return None
        if document.event_id in (None, self.event_id) or document.event.is_published:
            return document
        return None


class PartialUploadQuerySet(models.QuerySet):
    def current(self):
        return self.filter(expires_at__gt=timezone.now())

    def expired(self):
        return self.filter(expires_at__lte=timezone.now())


class PartialUpload(models.Model):
    """A file being sent in pieces (the tus protocol, ``documents.tus``), not yet a document.

    Each piece received is stored as an object of its own in the private storage, under
    ``UPLOADS_FOLDER`` (a bucket when the private storage is S3, where objects cannot be
    appended to), listed in ``chunks`` in order; ``offset`` is how many bytes arrived. Any
    app server can take the next piece: nothing is kept in a worker's memory or on its
    disk. Once ``offset`` reaches ``length`` the upload form names it instead of carrying
    the file, and the pieces are joined and checked like any uploaded file
    (``documents.resumable``). Unfinished or unused, it is deleted when it expires.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partial_uploads"
    )
    length = models.PositiveBigIntegerField()
    offset = models.PositiveBigIntegerField(default=0)
    # What the sender said of the file (Upload-Metadata): its name and type.
    filename = models.CharField(max_length=255, blank=True)
    filetype = models.CharField(max_length=100, blank=True)
    # The stored pieces' names, in order.
    chunks = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    objects = PartialUploadQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.filename or self.pk} ({self.offset}/{self.length})"

    @property
    def is_complete(self) -> bool:
        return self.offset == self.length

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
