import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.khmer import page_digits, written_in_khmer
from documents import resumable
from documents.models import (
    CATEGORY_DOCUMENT_KIND,
    Document,
    DocumentKind,
    DocumentLanguage,
    DocumentStatus,
    Presentation,
)
from documents.services import DuplicateDocument, check_revision_upload, check_upload
from documents.validation import (
    accepted_types_text,
    max_upload_bytes,
    sha256_of,
    validate_upload,
)
from events.models import Event

# The form field naming a finished resumable upload, in place of the file.
RESUMABLE_FIELD = "resumable_upload"


def upload_help_text() -> str:
    return gettext("%(types)s, at most %(limit)s MB.") % {
        "types": accepted_types_text(),
        "limit": page_digits(max_upload_bytes() // (1024 * 1024)),
    }


def duplicate_error(error: DuplicateDocument, user) -> ValidationError:
    """The duplicate's message, with a link to the existing document when the user may see it."""
    existing = error.existing
    if Document.objects.visible_to(user).filter(pk=existing.pk).exists():
        return ValidationError(
            format_html(
                '{} <a href="{}">{}</a>',
                error.messages[0],
                existing.get_absolute_url(),
                gettext("See the document."),
            ),
            code="duplicate",
        )
    return ValidationError(
        gettext("This file has already been sent to the ASSA secretariat."), code="duplicate"
    )


class ResumableUploadInput(forms.HiddenInput):
    """The finished resumable upload a form names: set by the page's script before sending.

    It is never written back into a form shown again: whatever happened to the upload (the
    file was refused and deleted, or it waits for the form to be corrected), the script
    sets it again when the form is sent, resuming the upload from where the server has it
    (a finished one needs no byte more).
    """

    def format_value(self, value):
        return None


class CheckedFileMixin:
    """Runs the shared upload checks on a form's file field and keeps their result.

    The file comes either with the form (``file_field``) or, sent beforehand in pieces
    (``documents.tus``), as a finished upload the form names in ``resumable_upload``. Such
    a file is joined again and goes through the same checks (``verify_file``) as one sent
    with the form; if they refuse it, the upload is deleted at once, so nothing of it stays.
    After storing, the view calls ``release_upload()``.
    """

    checked = None
    file_field = "file"
    user = None
    # The finished upload the file came from, once it passed the checks.
    resumable = None

    def add_resumable_upload(self, *, endpoint: str = "") -> None:
        """Call at the end of ``__init__``: the hidden field, and the file input's data- attributes."""
        self.fields[RESUMABLE_FIELD] = forms.UUIDField(required=False, widget=ResumableUploadInput)
        attrs = resumable.widget_attrs(endpoint=endpoint)
        # The hidden field's name with the form's prefix (a formset's row has its own),
        # which the script fills in for this file input.
        attrs["data-resumable-field"] = self.add_prefix(RESUMABLE_FIELD)
        self.fields[self.file_field].widget.attrs.update(attrs)

    def full_clean(self):
        field = self.fields[self.file_field]
        required = field.required
        if self.is_bound and self.data.get(self.add_prefix(RESUMABLE_FIELD)):
            # The file was sent beforehand, in pieces: the form does not carry it.
            field.required = False
        try:
            super().full_clean()
        finally:
            field.required = required

    def verify_file(self, upload):
        """Check the file (the form's own checks); return it or raise ValidationError."""
        return self.check_file(upload, user=self.user)

    def check_file(self, upload, *, user, allow_duplicate: bool = False):
        if upload is None:
            return upload
        try:
            self.checked = check_upload(
                upload, upload.name, allow_duplicate=allow_duplicate, seen_by=user
            )
        except DuplicateDocument as error:
            raise duplicate_error(error, user) from error
        return upload

    def clean(self):
        cleaned_data = super().clean()
        upload_id = cleaned_data.get(RESUMABLE_FIELD)
        name = self.file_field
        if upload_id is None or cleaned_data.get(name) is not None or name in self.errors:
            return cleaned_data
        finished = resumable.find_finished(self.user, upload_id)
        if finished is None:
            self.add_error(
                name,
                ValidationError(
                    gettext("The file sent earlier is no longer here. Please choose it again."),
                    code="upload_gone",
                ),
            )
            return cleaned_data
        if self.errors:
            # Other fields to correct first: the upload waits (until it expires) for the
            # form to be sent again.
            return cleaned_data
        try:
            file = resumable.joined(finished)
        except ValidationError as error:
            resumable.discard(finished)
            self.add_error(name, error)
            return cleaned_data
        try:
            cleaned_data[name] = self.verify_file(file)
        except ValidationError as error:
            file.close()
            resumable.discard(finished)
            self.add_error(name, error)
        else:
            self.resumable = finished
        return cleaned_data

    def release_upload(self) -> None:
        """After the view stored the file (or failed to): delete the upload it came from."""
        if self.resumable is not None:
            resumable.discard(self.resumable)
            self.resumable = None
            file = getattr(self, "cleaned_data", {}).get(self.file_field)
            if file is not None:
                file.close()


def event_choices():
    """Published events from the past year and every upcoming one, the latest first."""
    since = timezone.localdate() - datetime.timedelta(days=365)
    return Event.objects.published().filter(starts_on__gte=since).order_by("-starts_on", "-pk")


class UploadForm(CheckedFileMixin, forms.ModelForm):
    """What a member fills in to send a document; the view stores it (``store_new_document``).

    The file is a plain form field: the service stores it under a generated name once the
    checks have passed, never the model form.
    """

    file = forms.FileField(label=_("File"))

    class Meta:
        model = Document
        fields = ["title_en", "title_km", "kind", "language", "event"]
        labels = {
            "title_en": _("Title in English"),
            "title_km": _("Title in Khmer"),
            "kind": _("Kind"),
            "language": _("Language of the document"),
            "event": _("Related event"),
        }
        help_texts = {
            "title_en": _(
                "The title as it appears on the document. A title in Khmer goes in the "
                "Khmer field: the secretariat adds the English one."
            ),
            "title_km": _("Optional. Without it, Khmer pages show the English title."),
            "event": _("A recent or upcoming event this document was written for."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # One of the two is needed (see clean()); a Khmer title alone is enough.
        self.fields["title_en"].required = False
        self.fields["title_km"].required = False
        self.fields["event"].queryset = event_choices()
        self.fields["event"].empty_label = _("None: for the library")
        self.fields["file"].help_text = upload_help_text()
        # The endpoint is named by the form's element (documents/portal/upload.html).
        self.add_resumable_upload()

    def clean_file(self):
        return self.verify_file(self.cleaned_data.get("file"))

    def clean(self):
        """A title written in Khmer goes into the Khmer field, whichever field it was typed
        in; the English one is left for the secretariat (pages show the Khmer title until
        then, marked as such)."""
        cleaned = super().clean()
        title_en = (cleaned.get("title_en") or "").strip()
        title_km = (cleaned.get("title_km") or "").strip()
        if written_in_khmer(title_en):
            if not title_km or title_km == title_en:
                title_km, title_en = title_en, ""
            else:
                self.add_error(
                    "title_en",
                    ValidationError(
                        gettext(
                            "This title is written in Khmer, and the Khmer title is filled in "
                            "already: write the English title here, or leave it empty."
                        ),
                        code="khmer_in_english",
                    ),
                )
        if not title_en and not title_km and "title_en" not in self.errors:
            self.add_error(
                "title_en",
                ValidationError(
                    gettext("Give the document's title, in English or in Khmer."),
                    code="required",
                ),
            )
        cleaned["title_en"], cleaned["title_km"] = title_en, title_km
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # The model form copied the fields to the instance before clean() moved a title.
        self.instance.title_en = self.cleaned_data.get("title_en") or ""
        self.instance.title_km = self.cleaned_data.get("title_km") or None


class RevisionForm(CheckedFileMixin, forms.Form):
    """A new version of a document: the file and a short note of what changed.

    Like the upload form, the file comes with the form or sent beforehand in pieces
    (``resumable_upload``); the view calls ``release_upload()`` after storing.
    """

    file = forms.FileField(label=_("New file"))
    note = forms.CharField(
        label=_("What changed"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("A sentence for the secretariat, e.g. “Corrected the figures of table 3.”"),
    )

    def __init__(self, *args, document=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        self.user = user
        self.fields["file"].help_text = upload_help_text()
        # The endpoint is named by the form's element (documents/portal/revise.html).
        self.add_resumable_upload()

    def clean_file(self):
        return self.verify_file(self.cleaned_data.get("file"))

    def verify_file(self, upload):
        if upload is None:
            return upload
        try:
            self.checked = check_revision_upload(
                self.document, upload, upload.name, seen_by=self.user
            )
        except DuplicateDocument as error:
            raise duplicate_error(error, self.user) from error
        return upload


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("Sent to the uploader by email, exactly as you write it."),
    )


class DocumentAdminForm(CheckedFileMixin, forms.ModelForm):
    """The admin's document form: a file to store on add, a new version on change."""

    # Declared before the file, so it is cleaned first and clean_upload() can read it.
    allow_duplicate = forms.BooleanField(
        label=_("Store even if the same file exists"),
        required=False,
        help_text=_("Normally a file already in the library is refused, to avoid duplicates."),
    )
    upload = forms.FileField(label=_("File"), required=False)

    class Meta:
        model = Document
        fields = ["title", "description", "kind", "language", "institution", "event", "status"]

    file_field = "upload"

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = getattr(request, "user", None)
        self.fields["upload"].help_text = upload_help_text()
        if self.instance.pk:
            self.fields["upload"].label = _("Replace the file")
            self.fields["upload"].help_text = _(
                "Upload a corrected file. The document keeps its address; the current "
                "file is kept as an earlier version."
            )
        else:
            self.fields["upload"].required = True
        # The admin's form element cannot carry the endpoint: the input does.
        self.add_resumable_upload(endpoint=reverse("uploads:create"))

    def clean_upload(self):
        return self.verify_file(self.cleaned_data.get("upload"))

    def verify_file(self, upload):
        if upload is None:
            return upload
        if self.instance.pk:
            # A replacement: a valid file, and not the current one again.
            validate_upload(upload, upload.name)
            if sha256_of(upload) == self.instance.sha256:
                raise ValidationError(
                    gettext("This is the same file as the current one: nothing to replace."),
                    code="same_file",
                )
            return upload
        return self.check_file(
            upload,
            user=self.user,
            allow_duplicate=self.cleaned_data.get("allow_duplicate", False),
        )


class PresentationInlineForm(CheckedFileMixin, forms.ModelForm):
    """A programme item in the event's admin page: its file chosen from the library (a
    search-as-you-type field) or uploaded right there.

    The upload is checked here like any other (type, size, contents, duplicates), so a bad
    file is an error on its row and nothing at all is saved; the admin then stores it with
    ``store_new_document`` (``new_document`` describes it) and links it to the item.
    """

    # Set by the admin for the request's user (who may see which duplicates).
    user = None
    file_field = "upload"

    upload = forms.FileField(label=_("Or upload its file"), required=False)

    class Meta:
        model = Presentation
        fields = [
            "category",
            "order",
            "title_en",
            "title_km",
            "speaker_name",
            "speaker_role_en",
            "speaker_role_km",
            "institution",
            "document",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = "{} {}".format(
            upload_help_text(),
            gettext(
                "It becomes a published document of this event, with this item's title and "
                "institution, in the language of its title."
            ),
        )
        # Large files go up in pieces too; each row's input names its own hidden field
        # (presentations-0-resumable_upload...), and the admin's form cannot carry the
        # endpoint: the input does.
        self.add_resumable_upload(endpoint=reverse("uploads:create"))

    def clean_upload(self):
        return self.check_file(self.cleaned_data.get("upload"), user=self.user)

    def clean(self):
        # Before the file sent in pieces is joined and checked (CheckedFileMixin.clean):
        # an item with both waits, its upload kept, for the clerk to choose one.
        uploaded = (
            self.cleaned_data.get("upload") is not None
            or self.cleaned_data.get(RESUMABLE_FIELD) is not None
        )
        if uploaded and self.cleaned_data.get("document") is not None:
            self.add_error(
                "upload",
                _("Choose a file from the library or upload a new one, not both."),
            )
        return super().clean()

    def new_document(self, event, user) -> Document:
        """The unsaved document for this item's upload: its event, title, institution and
        language from the item, published by the secretariat member who uploads it."""
        item = self.instance
        title = item.title_en or item.title_km or ""
        return Document(
            title_en=item.title_en or "",
            title_km=item.title_km or None,
            kind=CATEGORY_DOCUMENT_KIND.get(item.category, DocumentKind.OTHER),
            language=DocumentLanguage.KHMER
            if written_in_khmer(title)
            else DocumentLanguage.ENGLISH,
            institution=item.institution,
            event=event,
            uploaded_by=user,
            decided_by=user,
            status=DocumentStatus.APPROVED,
        )


class PresentationInlineFormSet(forms.BaseInlineFormSet):
    """The event's programme: the same file is not uploaded for two of its items."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            if form.cleaned_data.get("upload") is None or not form.checked:
                continue
            digest = form.checked[1]
            if digest in seen:
                # Refused: a file sent in pieces for it goes, as any refused file's.
                form.release_upload()
                form.add_error(
                    "upload",
                    gettext("The same file is uploaded for another item of this programme."),
                )
            seen.add(digest)
