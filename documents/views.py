"""The public library, file downloads (with the event ZIP) and the member portal."""

from __future__ import annotations

import logging
import re
import zipfile

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from core.khmer import has_khmer
from core.sendfile import sandboxed, send_private_file
from core.throttling import client_ip, password_reset_allowed
from core.views import FilteredListView
from documents import history
from documents.filters import DocumentFilter
from documents.forms import RevisionForm, UploadForm
from documents.models import (
    Document,
    DocumentStatus,
    DocumentVersion,
    Presentation,
    Revision,
    institution_of,
    is_secretariat,
)
from documents.services import (
    store_new_document,
    submit_revision,
    withdraw_document,
    withdraw_revision,
)
from events.models import Event

logger = logging.getLogger(__name__)

# ---- the public library ------------------------------------------------------------------

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def scan_text_pages(document: Document) -> list[tuple[int, list[list[tuple[str, list[str]]]]]]:
    """The text recognised in a published document's scanned pages, for its page.

    Per page read: (page number, paragraphs); a paragraph is its runs of lines in one
    language, [(language, lines)...]: a scan often mixes Khmer and English, and each run
    says its language, for screen readers and the fonts. Lines stay as in the scan (an
    address, a list or a table keeps its shape). Nothing for an unpublished document.
    """
    if not document.is_published:
        return []
    pages = []
    for number, text in document.scan_pages():
        paragraphs = []
        for paragraph in PARAGRAPH_BREAK.split(text):
            runs: list[tuple[str, list[str]]] = []
            for line in paragraph.strip().splitlines():
                language = "km" if has_khmer(line) else "en"
                if runs and runs[-1][0] == language:
                    runs[-1][1].append(line)
                else:
                    runs.append((language, [line]))
            if runs:
                paragraphs.append(runs)
        pages.append((number, paragraphs))
    return pages


class DocumentListView(FilteredListView):
    """Every published document, filtered and searched, 20 to a page."""

    filterset_class = DocumentFilter
    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = 20

    def get_queryset(self):
        return Document.objects.published().for_listing()


class DocumentDetailView(DetailView):
    """One document's page. Unpublished ones only for their institution and the secretariat."""

    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return (
            Document.objects.visible_to(self.request.user)
            .select_related("institution", "event", "event__host")
            .prefetch_related(
                Prefetch(
                    "presentations",
                    queryset=Presentation.objects.filter(event__is_published=True).select_related(
                        "event"
                    ),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        secretariat = is_secretariat(self.request.user)
        context["is_secretariat"] = secretariat
        context["versions"] = list(document.versions.all()) if secretariat else []
        context["event"] = (
            document.event if document.event and document.event.is_published else None
        )
        context["presentations"] = list(document.presentations.all())
        context["scan_pages"] = scan_text_pages(document)
        institution = institution_of(self.request.user)
        context["is_own"] = institution is not None and institution.pk == document.institution_id
        context["can_revise"] = context["is_own"] and document.can_be_revised
        return context


# ---- downloads (outside the language prefix) ---------------------------------------------


def _file_response(field_file, name: str, content_type: str, *, public: bool):
    """The file with its own type and name: PDFs open in the browser, the rest download."""
    return send_private_file(
        field_file.storage,
        field_file.name,
        filename=name,
        content_type=content_type,
        as_attachment=content_type != "application/pdf",
        # Unpublished files must never sit in a shared cache; published ones may be replaced.
        cache_control="public, max-age=300" if public else "private, no-store",
    )


def download(request, pk: int, filename: str):
    """A document's current file, whatever name the address carries."""
    document = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("event"), pk=pk
    )
    return _file_response(
        document.file,
        document.original_name,
        document.content_type,
        public=document.is_public,
    )


def download_version(request, pk: int, version: int, filename: str):
    """An earlier file of a document: for the secretariat only."""
    if not is_secretariat(request.user):
        raise Http404
    found = get_object_or_404(DocumentVersion, pk=version, document_id=pk)
    return _file_response(found.file, found.original_name, found.content_type, public=False)


def download_revision(request, pk: int, revision: int, filename: str):
    """A new version sent for review: for its institution and the secretariat."""
    user = request.user
    found = get_object_or_404(
        Revision.objects.select_related("document"), pk=revision, document_id=pk
    )
    institution = institution_of(user)
    if not (
        is_secretariat(user)
        or (institution is not None and institution.pk == found.document.institution_id)
    ):
        raise Http404
    return _file_response(found.file, found.original_name, found.content_type, public=False)


def preview(request, pk: int):
    """The first-page picture of a document this user may see (unpublished ones included).

    Pages link a published document's preview as public media (``Document.preview_url``);
    this view is how the institution and the secretariat see the others'.
    """
    document = get_object_or_404(
        Document.objects.visible_to(request.user).exclude(preview="").select_related("event"),
        pk=pk,
    )
    return send_private_file(
        document.preview.storage,
        document.preview.name,
        filename=f"preview-{document.pk}.png",
        content_type="image/png",
        as_attachment=False,
        cache_control="public, max-age=300" if document.is_public else "private, no-store",
    )


def file_redirect(request, pk: int):
    """/<lang>/documents/<pk>/file/ goes to the file's download address."""
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    return redirect(document.get_download_url())


class _ZipSink:
    """A write-only stream that zipfile writes into and the response reads from."""

    def __init__(self):
        self._buffer = bytearray()
        self._position = 0

    def write(self, data) -> int:
        self._buffer += data
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = bytes(self._buffer)
        self._buffer.clear()
        return data


ZIP_UNSAFE = str.maketrans(dict.fromkeys('<>:"/\\|?*', "-"))


def unique_names(documents) -> list[tuple[str, Document]]:
    """The documents' original names, made unique: "paper.pdf", "paper (2).pdf"..."""
    seen: set[str] = set()
    named = []
    for document in documents:
        # Characters Windows refuses in file names (the old site's names have colons).
        name = (document.original_name or f"document-{document.pk}").translate(ZIP_UNSAFE)
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem, suffix = name, ""
        candidate, number = name, 1
        while candidate.lower() in seen:
            number += 1
            candidate = f"{stem} ({number}).{suffix}" if suffix else f"{stem} ({number})"
        seen.add(candidate.lower())
        named.append((candidate, document))
    return named


def zip_chunks(named_documents, chunk_size: int = 256 * 1024):
    """Yield a ZIP of the files piece by piece: one chunk of one file in memory at a time."""
    sink = _ZipSink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, document in named_documents:
            stamp = timezone.localtime(document.updated_at or timezone.now())
            info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size = document.size
            with (
                document.file.storage.open(document.file.name, "rb") as source,
                archive.open(info, "w") as target,
            ):
                for chunk in source.chunks(chunk_size):
                    target.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()


def event_zip(request, event_pk: int):
    """Every published file of a published event, as one ZIP built while it is sent."""
    event = get_object_or_404(Event.objects.published(), pk=event_pk)
    documents = list(Document.objects.published().of_event(event).order_by("pk"))
    if not documents:
        raise Http404
    response = StreamingHttpResponse(
        zip_chunks(unique_names(documents)), content_type="application/zip"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{event.kind}-{event.slug}.zip"
    )
    return sandboxed(response)


# ---- the member portal -------------------------------------------------------------------


class PortalMixin(LoginRequiredMixin):
    """Logged-in users linked to a member institution; others are told what the portal is."""

    institution = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.institution = institution_of(request.user)
        if self.institution is None:
            return render(
                request,
                "documents/portal/no_institution.html",
                {"is_secretariat": is_secretariat(request.user)},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["institution"] = self.institution
        return context


class DashboardView(PortalMixin, ListView):
    """My institution's submissions, the latest first, with what the secretariat decided."""

    template_name = "documents/portal/dashboard.html"
    context_object_name = "documents"
    paginate_by = 20

    def get_queryset(self):
        return (
            Document.objects.of_institution(self.institution)
            .select_related("event", "uploaded_by")
            .prefetch_related("revisions")
            .order_by("-created_at", "-pk")
        )


class UploadView(PortalMixin, FormView):
    template_name = "documents/portal/upload.html"
    form_class = UploadForm
    success_url = reverse_lazy("documents:portal_dashboard")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def get_context_data(self, **kwargs):
        # Where the page's script sends the file in pieces (documents.tus).
        return super().get_context_data(tus_endpoint=reverse("uploads:create"), **kwargs)

    def form_valid(self, form):
        document = form.instance
        document.institution = self.institution
        document.uploaded_by = self.request.user
        document.uploader_language = get_language() or ""
        document.status = DocumentStatus.SUBMITTED
        upload = form.cleaned_data["file"]
        try:
            store_new_document(document, upload, original_name=upload.name, checked=form.checked)
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        finally:
            # A file sent beforehand in pieces: stored or refused, its pieces go.
            form.release_upload()
        history.record_addition(document, self.request.user, "sent")
        messages.success(
            self.request,
            _(
                "Thank you. “%(title)s” has been sent to the ASSA secretariat, who will "
                "review it before it is published."
            )
            % {"title": document.title},
        )
        return super().form_valid(form)


class WithdrawView(PortalMixin, TemplateView):
    """Confirm, then withdraw one of my institution's submissions before it is decided."""

    template_name = "documents/portal/withdraw.html"

    def get_document(self) -> Document:
        return get_object_or_404(
            Document.objects.of_institution(self.institution), pk=self.kwargs["pk"]
        )

    def get(self, request, *args, **kwargs):
        document = self.get_document()
        if not document.can_be_withdrawn:
            messages.error(request, _("This document can no longer be withdrawn."))
            return redirect("documents:portal_dashboard")
        return self.render_to_response(self.get_context_data(document=document))

    def post(self, request, *args, **kwargs):
        document = self.get_document()
        try:
            withdraw_document(document, request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request, _("“%(title)s” has been withdrawn.") % {"title": document.title}
            )
        return redirect(reverse("documents:portal_dashboard"))


# ---- versions of a document: history, a new version, withdrawing it ---------------------


def version_history(document: Document) -> list[dict]:
    """Every file of ``document``, the latest sent first: the current one, the earlier ones
    (``DocumentVersion``) and the new versions not (or not yet) taken (``Revision``), each
    with its state, when it was sent, by whom and what changed.

    A file is matched to the revision that brought it by its stored name; the first
    upload and the files of the secretariat's earlier replacements have none.
    """
    revisions = list(document.revisions.all())
    brought = {
        revision.file.name: revision
        for revision in sorted(revisions, key=lambda r: (r.created_at, r.pk))
        if revision.status == DocumentStatus.APPROVED
    }

    def row(state, stored, *, sent, when=None, revision=None, download=""):
        return {
            "state": state,
            "file": stored,
            "sent": sent,
            "by": revision.uploaded_by_name if revision else "",
            "note": revision.note if revision else "",
            "revision": revision,
            "decided": when,
            "download": download,
        }

    current = brought.get(document.file.name)
    rows = [
        row(
            "current",
            document,
            sent=current.created_at if current else document.created_at,
            revision=current,
            download=document.get_download_url(),
        )
    ]
    versions = list(document.versions.all())  # the latest replaced first
    # A file without a revision is the first upload when it is the oldest one.
    if current is None and not versions:
        rows[0]["by"] = document.uploaded_by_name
    for version in versions:
        revision = brought.get(version.file.name)
        sent = revision.created_at if revision else (version.uploaded_at or document.created_at)
        rows.append(row("earlier", version, sent=sent, when=version.replaced_at, revision=revision))
        if revision is None and version is versions[-1]:
            rows[-1]["by"] = document.uploaded_by_name
    for revision in revisions:
        if revision.status != DocumentStatus.APPROVED:
            rows.append(
                row(
                    {
                        DocumentStatus.SUBMITTED: "waiting",
                        DocumentStatus.REJECTED: "rejected",
                        DocumentStatus.WITHDRAWN: "withdrawn",
                    }[revision.status],
                    revision,
                    sent=revision.created_at,
                    when=revision.decided_at,
                    revision=revision,
                    download=revision.get_download_url(),
                )
            )
    rows.sort(key=lambda r: (r["state"] != "waiting", -r["sent"].timestamp()))
    return rows


class DocumentOfMyInstitutionMixin(PortalMixin):
    """Views of one document of the member's institution: anyone else's is a 404."""

    def get_document(self) -> Document:
        return get_object_or_404(
            Document.objects.of_institution(self.institution)
            .select_related("event", "institution")
            .prefetch_related("revisions", "versions"),
            pk=self.kwargs["pk"],
        )


class VersionsView(DocumentOfMyInstitutionMixin, TemplateView):
    """A document's versions with their states; the way to send a new one."""

    template_name = "documents/portal/versions.html"

    def get_context_data(self, **kwargs):
        document = self.get_document()
        return super().get_context_data(
            document=document, versions=version_history(document), **kwargs
        )


class RevisionView(DocumentOfMyInstitutionMixin, FormView):
    """Send a new version of a published or rejected document, with what changed."""

    template_name = "documents/portal/revise.html"
    form_class = RevisionForm

    def get(self, request, *args, **kwargs):
        document = self.document = self.get_document()
        if not document.can_be_revised:
            return self._refuse(document)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        document = self.document = self.get_document()
        if not document.can_be_revised:
            return self._refuse(document)
        return super().post(request, *args, **kwargs)

    def _refuse(self, document):
        if document.pending_revision is not None:
            messages.error(
                self.request,
                _(
                    "A new version of this document already waits for the secretariat's "
                    "decision. Withdraw it first to send another."
                ),
            )
        else:
            messages.error(
                self.request,
                _(
                    "A new version can be sent for a published or rejected document only; "
                    "this one waits for the secretariat's decision or was withdrawn."
                ),
            )
        return redirect("documents:portal_versions", pk=document.pk)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"document": self.document, "user": self.request.user}

    def get_context_data(self, **kwargs):
        # Where the page's script sends the file in pieces (documents.tus).
        return super().get_context_data(
            document=self.document, tus_endpoint=reverse("uploads:create"), **kwargs
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            submit_revision(
                self.document,
                upload,
                by=self.request.user,
                note=form.cleaned_data["note"],
                language=get_language() or "",
                original_name=upload.name,
                checked=form.checked,
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        finally:
            # A file sent beforehand in pieces: stored or refused, its pieces go.
            form.release_upload()
        messages.success(
            self.request,
            _(
                "Thank you. The new version of “%(title)s” has been sent to the ASSA "
                "secretariat. Until they approve it, the site keeps the current version."
            )
            % {"title": self.document.title},
        )
        return redirect("documents:portal_versions", pk=self.document.pk)


class WithdrawRevisionView(PortalMixin, View):
    """Take back a new version before the secretariat decides (a POST from the versions page)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        revision = get_object_or_404(
            Revision.objects.select_related("document").filter(
                document__institution=self.institution
            ),
            pk=kwargs["pk"],
        )
        try:
            withdraw_revision(revision, request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("The new version “%(file)s” has been withdrawn.")
                % {"file": revision.original_name},
            )
        return redirect("documents:portal_versions", pk=revision.document_id)


# ---- password reset ----------------------------------------------------------------------


class PortalPasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, sending a limited number of emails (``password_reset_allowed``).

    Past the limit the visitor sees the same "check your email" page as always, so
    neither the limit nor the page says whether an account uses the address.
    """

    def form_valid(self, form):
        ip_address = client_ip(self.request)
        if not password_reset_allowed(form.cleaned_data["email"], ip_address):
            logger.warning(
                "Password reset refused: too many requests for this address or from %s.",
                ip_address,
            )
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
