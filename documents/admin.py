"""The secretariat's side: documents, the queue of submissions to decide, earlier versions."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from core.jobs import enqueue_on_commit
from core.khmer import page_digits
from core.templatetags.assa import ldate
from documents import ocr, tasks
from documents.forms import DocumentAdminForm, RejectForm
from documents.models import (
    Document,
    DocumentStatus,
    DocumentVersion,
    OcrStatus,
    Presentation,
    Submission,
)
from documents.services import (
    approve_document,
    delete_document_files,
    reject_document,
    replace_file,
    store_new_document,
)
from events.admin import EventAdmin
from events.models import Event


@admin.action(description=_("Approve and publish the selected documents"), permissions=["change"])
def approve_selected(modeladmin, request, queryset):
    done = 0
    for document in queryset:
        try:
            approve_document(document, request.user)
        except ValidationError as error:
            modeladmin.message_user(request, f"{document}: {error.messages[0]}", messages.WARNING)
        else:
            done += 1
    if done:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d document published; its uploader has been told by email.",
                "%(count)d documents published; their uploaders have been told by email.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )


@admin.action(
    description=_("Reject the selected documents (asks for a reason)"), permissions=["change"]
)
def reject_selected(modeladmin, request, queryset):
    """First shows a page asking for the reason; the page posts back here with it."""
    form = RejectForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        done = 0
        for document in queryset:
            try:
                reject_document(
                    document,
                    request.user,
                    form.cleaned_data["reason"],
                )
            except ValidationError as error:
                modeladmin.message_user(
                    request, f"{document}: {error.messages[0]}", messages.WARNING
                )
            else:
                done += 1
        if done:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d document rejected; its uploader has been told why by email.",
                    "%(count)d documents rejected; their uploaders have been told why by email.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("Reject documents"),
        "documents": queryset,
        "form": form,
        "opts": modeladmin.model._meta,
        "action_name": "reject_selected",
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/documents/reject.html", context)


@admin.action(
    description=_("Read again: recognise the text of the selected scans (OCR)"),
    permissions=["change"],
)
def read_again(modeladmin, request, queryset):
    state = ocr.availability()
    if not state.available:
        modeladmin.message_user(request, state.message(), messages.WARNING)
        return
    queued = skipped = 0
    for pk, content_type in queryset.values_list("pk", "content_type"):
        if content_type not in ocr.READABLE_TYPES:
            skipped += 1
            continue
        enqueue_on_commit(tasks.read_scan, pk, again=True)
        queued += 1
    if queued:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d document is being read again; its text and OCR status are "
                "updated when reading ends.",
                "%(count)d documents are being read again; their text and OCR status are "
                "updated when reading ends.",
                queued,
            )
            % {"count": queued},
            messages.SUCCESS,
        )
    if skipped:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d document is neither a PDF nor an image: it has no scan to read.",
                "%(count)d documents are neither PDFs nor images: they have no scan to read.",
                skipped,
            )
            % {"count": skipped},
            messages.WARNING,
        )


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["download", "file_type", "file_size", "sha256", "replaced_at", "replaced_by"]
    readonly_fields = fields
    verbose_name_plural = _("earlier versions (kept when the file was replaced)")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def download(self, version):
        return format_html('<a href="{}">{}</a>', version.get_download_url(), version.original_name)

    @admin.display(description=_("type"))
    def file_type(self, version):
        return version.type_label

    @admin.display(description=_("size"))
    def file_size(self, version):
        return filesizeformat(version.size)


@admin.register(Document)
class DocumentAdmin(TranslationAdmin):
    form = DocumentAdminForm
    inlines = [DocumentVersionInline]
    actions = [approve_selected, reject_selected, read_again]
    list_display = [
        "title",
        "status",
        "kind",
        "institution",
        "event",
        "file_type",
        "file_size",
        "created_at",
    ]
    list_filter = ["status", "kind", "language", "institution", "ocr_status"]
    list_select_related = ["institution", "event"]
    search_fields = ["title_en", "title_km", "original_name", "sha256"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["event"]
    readonly_fields = [
        "download",
        "preview_image",
        "file_facts",
        "sha256",
        "rejection_reason",
        "uploader",
        "decided_by",
        "decided_at",
        "published_at",
        "created_at",
        "updated_at",
        "ocr_summary",
        "recognised_text",
    ]
    fieldsets = [
        (None, {"fields": ["title", "description", "kind", "language", "institution", "event"]}),
        (_("File"), {"fields": ["upload", "allow_duplicate"]}),
        (_("Moderation"), {"fields": ["status"]}),
    ]
    change_fieldsets = [
        (None, {"fields": ["title", "description", "kind", "language", "institution", "event"]}),
        (_("File"), {"fields": ["download", "preview_image", "file_facts", "sha256", "upload"]}),
        (
            _("Moderation"),
            {
                "fields": [
                    "status",
                    "rejection_reason",
                    "uploader",
                    "decided_by",
                    "decided_at",
                    "published_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
        (_("Text recognition (OCR)"), {"fields": ["ocr_summary", "recognised_text"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return super().get_fieldsets(request, obj)
        # modeltranslation shows "title" as title_en and title_km side by side.
        return self._patch_fieldsets(self.change_fieldsets)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj:
            # Decisions go through the actions, which send the emails.
            fields.append("status")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class RequestForm(form_class):
            def __init__(self, *args, **form_kwargs):
                form_kwargs["request"] = request
                super().__init__(*args, **form_kwargs)

        return RequestForm

    def get_changeform_initial_data(self, request):
        # The secretariat's own uploads are usually ready to publish.
        return {"status": DocumentStatus.APPROVED, **super().get_changeform_initial_data(request)}

    @admin.display(description=_("uploaded by"))
    def uploader(self, document):
        """The account while it exists; the name kept at upload once it is deleted."""
        if document.uploaded_by is not None:
            return document.uploaded_by
        if document.uploaded_by_name:
            return _("%(name)s (account deleted)") % {"name": document.uploaded_by_name}
        return "—"

    @admin.display(description=_("type"))
    def file_type(self, document):
        return document.type_label

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, document):
        return filesizeformat(document.size)

    @admin.display(description=_("file"))
    def download(self, document):
        if not document.pk or not document.file:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', document.get_download_url(), document.original_name
        )

    @admin.display(description=_("about the file"))
    def file_facts(self, document):
        parts = [document.type_label, filesizeformat(document.size)]
        if document.page_count:
            parts.append(
                ngettext("%(count)d page", "%(count)d pages", document.page_count)
                % {"count": document.page_count}
            )
        return ", ".join(parts)

    @admin.display(description=_("preview"))
    def preview_image(self, document):
        if not document.preview:
            return "—"
        return format_html(
            '<img src="{}" alt="" class="admin-preview">',
            document.preview_url,
        )

    @admin.display(description=_("OCR status"))
    def ocr_summary(self, document):
        """The status, what was read and how long it took, the notes; and whether OCR can
        run here at all."""
        facts = [document.get_ocr_status_display()]
        if document.ocr_status == OcrStatus.DONE:
            count = len(document.ocr_pages)
            facts.append(
                ngettext("%(count)s page read", "%(count)s pages read", count)
                % {"count": page_digits(count)}
                + (f" ({ocr.page_list(document.ocr_pages)})" if count else "")
            )
        if document.ocr_seconds is not None:
            facts.append(
                gettext("%(seconds)s seconds")
                % {"seconds": page_digits(f"{document.ocr_seconds:.1f}")}
            )
        if document.ocr_at:
            facts.append(ldate(document.ocr_at, "DATETIME_FORMAT"))
        notes = ocr.describe(document.ocr_notes)
        html = format_html("<p>{}</p>", ocr.joined(facts))
        if notes:
            html += format_html(
                '<ul class="ocr-notes">{}</ul>',
                format_html_join("", "<li>{}</li>", ((note,) for note in notes)),
            )
        if document.ocr_status == OcrStatus.WAITING:
            state = ocr.availability()
            if not state.available:
                html += format_html('<p class="ocr-unavailable">{}</p>', state.message())
        return html

    @admin.display(description=_("recognised text"))
    def recognised_text(self, document):
        pages = document.scan_pages()
        if not pages:
            return "—"
        return format_html_join(
            "",
            '<div class="ocr-page"><p class="ocr-page-number">{}</p><div class="ocr-text">{}</div></div>',
            (
                (gettext("Page %(number)s") % {"number": page_digits(number)}, text)
                for number, text in pages
            ),
        )

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            state = ocr.availability()
            if not state.available:
                self.message_user(request, state.message(), messages.WARNING)
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("upload")
        if not change:
            obj.uploaded_by = request.user
            if obj.status == DocumentStatus.APPROVED:
                obj.decided_by = request.user
            store_new_document(
                obj,
                upload,
                original_name=upload.name,
                checked=form.checked,
                allow_duplicate=form.cleaned_data.get("allow_duplicate", False),
            )
            return
        obj.save()
        if upload is not None:
            replace_file(obj, upload, request.user, original_name=upload.name)
            self.message_user(
                request,
                gettext("The file was replaced; the earlier one is kept as a version."),
                messages.SUCCESS,
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            delete_document_files(obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for document in queryset:
                delete_document_files(document)
            super().delete_queryset(request, queryset)


@admin.register(Submission)
class SubmissionAdmin(DocumentAdmin):
    """The moderation queue: submitted documents waiting for the secretariat's decision."""

    list_display = [
        "title",
        "institution",
        "event",
        "kind",
        "file_type",
        "file_size",
        "uploader",
        "created_at",
    ]
    list_filter = ["kind", "language", "institution"]
    list_select_related = ["institution", "event", "uploaded_by"]
    date_hierarchy = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=DocumentStatus.SUBMITTED)

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("sent by"))
    def uploader(self, document):
        return super().uploader(document)


# ---- The programme of an event: its presentations and their files ----------------------


class PresentationInline(TranslationStackedInline):
    model = Presentation
    extra = 0
    ordering = ["order", "pk"]
    fields = [
        ("category", "order"),
        "title",
        ("speaker_name", "speaker_role"),
        "institution",
        "document",
    ]
    raw_id_fields = ["document"]


class EventWithProgrammeAdmin(EventAdmin):
    """The event's page in the admin, with its programme (the presentations) inline."""

    inlines = [*EventAdmin.inlines, PresentationInline]


admin.site.unregister(Event)
admin.site.register(Event, EventWithProgrammeAdmin)


@admin.register(Presentation)
class PresentationAdmin(TranslationAdmin):
    list_display = ["title", "event", "category", "speaker_name", "institution", "order"]
    list_filter = ["category", "event__kind"]
    list_select_related = ["event", "institution"]
    search_fields = ["title_en", "title_km", "speaker_name", "event__title_en"]
    raw_id_fields = ["document"]
    autocomplete_fields = ["event"]
