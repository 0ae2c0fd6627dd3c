"""The secretariat's side: documents, the queue of submissions to decide, earlier versions."""

import logging

from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from core.i18n import language_codes
from core.jobs import enqueue_on_commit
from core.khmer import page_digits
from core.storage import private_storage
from core.templatetags.assa import ldate
from documents import ocr, tasks
from documents.forms import (
    DocumentAdminForm,
    PresentationInlineForm,
    PresentationInlineFormSet,
    RejectForm,
)
from documents.history import as_concrete
from documents.models import (
    Document,
    DocumentStatus,
    DocumentVersion,
    OcrStatus,
    Presentation,
    Submission,
)
from documents.services import (
    approve_waiting,
    delete_document_files,
    reject_waiting,
    replace_file,
    store_new_document,
    unpublish_preview,
)
from events.admin import EventAdmin
from events.models import Event

logger = logging.getLogger(__name__)


@admin.action(description=_("Approve and publish the selected documents"), permissions=["change"])
def approve_selected(modeladmin, request, queryset):
    done = 0
    for document in queryset:
        try:
            approve_waiting(document, request.user)
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
                reject_waiting(document, request.user, form.cleaned_data["reason"])
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


def public_state(document) -> str:
    """Whether the public sees the document, and if not, why (for the admin)."""
    if document.status != DocumentStatus.APPROVED:
        return gettext("Not public: %(status)s.") % {"status": document.get_status_display()}
    if document.held_back_by_event:
        return gettext(
            "Not public: its event “%(event)s” is a draft. It will be public once the event "
            "is published."
        ) % {"event": document.event}
    return gettext("Public.")


@admin.register(Document)
class DocumentAdmin(TranslationAdmin):
    form = DocumentAdminForm
    inlines = [DocumentVersionInline]
    # The moderation first; deleting (rarely right: withdraw or reject) last.
    actions = [approve_selected, reject_selected, read_again, "delete_selected"]
    list_display = [
        "title",
        "status_shown",
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
        "public",
        "waiting_version",
        "new_versions",
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
        (
            _("File"),
            {
                "fields": [
                    "download",
                    "preview_image",
                    "file_facts",
                    "sha256",
                    "upload",
                    "new_versions",
                ]
            },
        ),
        (
            _("Moderation"),
            {
                "fields": [
                    "status",
                    "public",
                    "waiting_version",
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

    class Media:
        # The file is sent in pieces, with a progress bar, resumed after a broken
        # connection (documents.tus); without the script the plain form still works.
        js = ["vendor/tus-js-client/tus.min.js", "js/upload.js"]

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

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("revisions")

    @admin.display(description=_("status"), ordering="status")
    def status_shown(self, document):
        """The status, and why an approved document is not public; a waiting new version."""
        parts = [str(document.get_status_display())]
        if document.status == DocumentStatus.APPROVED and document.held_back_by_event:
            parts.append(gettext("not public: its event is a draft"))
        if document.pending_revision is not None:
            parts.append(gettext("new version waiting"))
        if len(parts) == 1:
            return parts[0]
        return format_html(
            '{} <span class="document-status-note">({})</span>', parts[0], "; ".join(parts[1:])
        )

    @admin.display(description=_("public"))
    def public(self, document):
        text = public_state(document)
        if document.is_public:
            return text
        return format_html('<strong class="document-not-public">{}</strong>', text)

    @admin.display(description=_("new version"))
    def waiting_version(self, document):
        revision = document.pending_revision if document.pk else None
        if revision is None:
            return "—"
        return format_html(
            '{} <a href="{}">{}</a>',
            gettext("A new version waits for a decision:"),
            reverse("admin:documents_submission_change", args=[document.pk]),
            revision.original_name,
        )

    @admin.display(description=_("new versions sent (and what was decided)"))
    def new_versions(self, document):
        """Every new version sent for the document, the latest first (a read-only table,
        so that the document's form posts what it always did)."""
        revisions = sorted(
            document.revisions.all(), key=lambda r: (r.created_at, r.pk), reverse=True
        )
        if not revisions:
            return "—"
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    revision.get_download_url(),
                    revision.original_name,
                    revision.note or "—",
                    revision.get_status_display(),
                    revision.uploaded_by_name or "—",
                    date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT"),
                )
                for revision in revisions
            ),
        )
        return format_html(
            '<table class="new-versions"><thead><tr><th>{}</th><th>{}</th><th>{}</th>'
            "<th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            gettext("file"),
            gettext("what changed"),
            gettext("status"),
            gettext("sent by"),
            gettext("sent"),
            rows,
        )

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
        try:
            self._save_document(request, obj, form, change)
        finally:
            # A file sent beforehand in pieces (documents.tus): stored or not, its pieces go.
            form.release_upload()

    def _save_document(self, request, obj, form, change):
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
    """The moderation queue: new documents and new versions waiting for a decision.

    Its change page opens with the decision: what was sent, and Approve / Reject buttons
    (``approve_view``, ``reject_view``). Deleting is not offered here. A submission is a
    document: its History is the document's.
    """

    list_display = [
        "title",
        "what",
        "institution",
        "event",
        "kind",
        "file_type",
        "file_size",
        "sender",
        "created_at",
    ]
    list_filter = ["kind", "language", "institution"]
    list_select_related = ["institution", "event", "uploaded_by"]
    date_hierarchy = None
    change_form_template = "admin/documents/submission/change_form.html"
    actions = [approve_selected, reject_selected]

    def get_queryset(self, request):
        return super().get_queryset(request).waiting()

    def has_add_permission(self, request):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("sent by"))
    def sender(self, document):
        """Who sent what waits: the new version's sender, else the document's uploader."""
        revision = document.pending_revision
        if revision is not None:
            return revision.uploaded_by_name or revision.uploaded_by or "—"
        return self.uploader(document)

    @admin.display(description=_("what was sent"))
    def what(self, document):
        revision = document.pending_revision
        if revision is None:
            return gettext("New document")
        if revision.note:
            return format_html(
                '{}<br><span class="quiet">{}</span>', gettext("New version"), revision.note
            )
        return gettext("New version")

    # ---- the decision on the change page ----

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/approve/",
                self.admin_site.admin_view(self.approve_view),
                name=f"{prefix}_approve",
            ),
            path(
                "<path:object_id>/reject/",
                self.admin_site.admin_view(self.reject_view),
                name=f"{prefix}_reject",
            ),
            *super().get_urls(),
        ]

    def _decided(self, request, object_id):
        if request.method != "POST":
            raise PermissionDenied
        document = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        if not self.has_change_permission(request, document):
            raise PermissionDenied
        return document

    def _next(self, request, document):
        """After a decision: the next paper waiting, else the queue."""
        following = self.get_queryset(request).exclude(pk=document.pk).order_by("created_at")
        found = following.values_list("pk", flat=True).first()
        if found is not None:
            return redirect("admin:documents_submission_change", found)
        return redirect("admin:documents_submission_changelist")

    def approve_view(self, request, object_id):
        document = self._decided(request, object_id)
        revision = document.pending_revision
        try:
            approve_waiting(document, request.user)
        except ValidationError as error:
            self.message_user(request, error.messages[0], messages.ERROR)
            return redirect("admin:documents_submission_change", document.pk)
        if revision is not None:
            text = gettext(
                "The new version of “%(title)s” is approved: it is now the current file, at "
                "the same address. Its sender has been told by email."
            )
        else:
            text = gettext("“%(title)s” is approved; its uploader has been told by email.")
        self.message_user(request, text % {"title": document.title}, messages.SUCCESS)
        return self._next(request, document)

    def reject_view(self, request, object_id):
        document = self._decided(request, object_id)
        revision = document.pending_revision
        try:
            reject_waiting(document, request.user, request.POST.get("reason", ""))
        except ValidationError as error:
            self.message_user(request, error.messages[0], messages.ERROR)
            return redirect("admin:documents_submission_change", document.pk)
        if revision is not None:
            text = gettext(
                "The new version of “%(title)s” is rejected: the current file stays. Its "
                "sender has been told why by email."
            )
        else:
            text = gettext("“%(title)s” is rejected; its uploader has been told why by email.")
        self.message_user(request, text % {"title": document.title}, messages.SUCCESS)
        return self._next(request, document)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["pending_revision"] = obj.pending_revision
            context["public_state"] = public_state(obj)
            context["can_decide"] = self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # ---- one History for the document, whichever page changed it ----

    def history_view(self, request, object_id, extra_context=None):
        return HttpResponseRedirect(reverse("admin:documents_document_history", args=[object_id]))

    def log_change(self, request, obj, message):
        return super().log_change(request, as_concrete(obj), message)

    def log_deletions(self, request, queryset):
        return LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[as_concrete(obj) for obj in queryset],
            action_flag=DELETION,
        )


# ---- The programme of an event: its presentations and their files ----------------------


class PresentationInline(TranslationStackedInline):
    """A programme item: its file picked from the library as you type, or uploaded here."""

    model = Presentation
    form = PresentationInlineForm
    formset = PresentationInlineFormSet
    extra = 0
    ordering = ["order", "pk"]
    fields = [
        ("category", "order"),
        "title",
        ("speaker_name", "speaker_role"),
        "institution",
        "document",
        "current_file",
        "upload",
    ]
    readonly_fields = ["current_file"]
    autocomplete_fields = ["document"]

    class Media:
        # Each item's file sent in pieces, with a progress bar, before the page is saved;
        # rows added with "Add another" too (static/js/upload.js).
        js = ["vendor/tus-js-client/tus.min.js", "js/upload.js"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The uploader decides which duplicates the form may name (see check_upload).
        formset.form = type(formset.form.__name__, (formset.form,), {"user": request.user})
        return formset

    @admin.display(description=_("current file"))
    def current_file(self, presentation):
        document = presentation.document if presentation.pk else None
        if document is None:
            return "—"
        # The file's name is in the document's language, not the admin's.
        language = document.language if document.language in language_codes() else ""
        return format_html(
            '<a href="{}"{}>{}</a> ({}, {})',
            document.get_download_url(),
            format_html(' lang="{}"', language) if language else "",
            document.original_name,
            document.type_label,
            document.get_status_display(),
        )


def discard_stored_files(document: Document) -> None:
    """Delete what ``store_new_document`` stored for a document whose row is being rolled
    back with the rest of the admin's page: its file, its preview and the preview's public
    copy. (``delete_document_files`` waits for a commit that will not come.)"""
    names = [document.file.name, document.preview.name]
    try:
        unpublish_preview(document.preview.name)
    except Exception:  # pragma: no cover - logged; sweep_document_files finds the copy
        logger.exception("Could not delete the public preview %s", document.preview.name)
    storage = private_storage()
    for name in filter(None, names):
        try:
            storage.delete(name)
        except Exception:  # pragma: no cover - logged; sweep_document_files finds it
            logger.exception("Could not delete the stored file %s", name)


class EventWithProgrammeAdmin(EventAdmin):
    """The event's page in the admin, with its programme (the presentations) inline.

    A file uploaded on a programme item (with the page, or beforehand in pieces) is stored
    by ``store_new_document`` (checked by the form already) as a published document of the
    event, and linked to the item. The admin
    saves the whole page in one transaction: a failure rolls every row back, and the files
    stored for the page's other items are deleted, so no document is left without its item
    and no item without its file.
    """

    inlines = [*EventAdmin.inlines, PresentationInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Presentation:
            return super().save_formset(request, form, formset, change)
        stored: list[Document] = []
        try:
            for item_form in formset.forms:
                cleaned = getattr(item_form, "cleaned_data", None) or {}
                upload = cleaned.get("upload")
                if upload is None or formset._should_delete_form(item_form):
                    continue
                document = store_new_document(
                    item_form.new_document(formset.instance, request.user),
                    upload,
                    original_name=upload.name,
                    checked=item_form.checked,
                )
                stored.append(document)
                item_form.instance.document = document
            return super().save_formset(request, form, formset, change)
        except BaseException:
            for document in stored:
                discard_stored_files(document)
            raise
        finally:
            # Files sent beforehand in pieces (documents.tus): stored or not, their pieces
            # go once the page's transaction commits (kept if it rolls back).
            for item_form in formset.forms:
                item_form.release_upload()


admin.site.unregister(Event)
admin.site.register(Event, EventWithProgrammeAdmin)


@admin.register(Presentation)
class PresentationAdmin(TranslationAdmin):
    list_display = ["title", "event", "category", "speaker_name", "institution", "order"]
    list_filter = ["category", "event__kind"]
    list_select_related = ["event", "institution"]
    search_fields = ["title_en", "title_km", "speaker_name", "event__title_en"]
    autocomplete_fields = ["event", "document"]
