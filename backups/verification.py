"""Is every stored file the database refers to still there and whole?

Each file a row names is looked up in its storage, through the storage API only (so the
same check runs on local disk and on S3): it must be there, have the recorded size and
SHA-256 where the row records them (documents and their earlier versions), and images
(previews, logos, news photos and their renditions) must still read as images. Files in
the storages that no row names are listed too; nothing is deleted here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.files.storage import Storage
from PIL import Image

from backups.services import walk
from core.storage import PRIVATE, PUBLIC, private_storage, public_storage
from documents.models import Document, DocumentStatus, DocumentVersion, Revision
from documents.resumable import referenced_pieces
from members.models import MemberInstitution
from news.models import Article, ArticleImage

CHUNK_SIZE = 1024 * 1024
# How reports name the storages (their aliases are "default" and "private").
STORAGE_LABELS = {PUBLIC: "public", PRIVATE: "private"}


@dataclass(frozen=True)
class ExpectedFile:
    storage: str  # PUBLIC or PRIVATE
    name: str
    owner: str  # what refers to it, for people: 'document 12 "Minutes" (NSSF Cambodia)'
    size: int | None = None
    sha256: str = ""
    image: bool = False
    # A file expected to be the same as this one in the other storage (a public preview).
    same_as: tuple[str, str] | None = None


@dataclass(frozen=True)
class Problem:
    file: ExpectedFile
    what: str  # "missing" or "damaged"
    detail: str = ""

    def __str__(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return (
            f"{self.what.upper()}: {STORAGE_LABELS[self.file.storage]} {self.file.name}{detail}; "
            f"{self.file.owner}"
        )


@dataclass
class Report:
    checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    unreferenced: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_whole(self) -> bool:
        return not self.problems


def _storage(alias: str) -> Storage:
    return public_storage() if alias == PUBLIC else private_storage()


def _institution(institution) -> str:
    return f" ({institution.acronym})" if institution else ""


def _renditions(renditions: dict) -> list[str]:
    return [name for name in (renditions or {}).get("files", {}).values() if name]


def expected_files() -> Iterator[ExpectedFile]:
    """Every stored file that a row names, with what the row knows about it."""
    documents = Document.objects.select_related("institution", "event").only(
        "id", "title", "file", "size", "sha256", "preview", "status", "institution__acronym",
        "event__is_published",
    )  # fmt: skip
    for document in documents.order_by("pk"):
        owner = f'document {document.pk} "{document.title}"{_institution(document.institution)}'
        yield ExpectedFile(
            PRIVATE, document.file.name, owner, size=document.size, sha256=document.sha256
        )
        if document.preview:
            yield ExpectedFile(PRIVATE, document.preview.name, f"preview of {owner}", image=True)
            if document.is_public:
                yield ExpectedFile(
                    PUBLIC,
                    document.preview.name,
                    f"public preview of {owner}",
                    image=True,
                    same_as=(PRIVATE, document.preview.name),
                )
    versions = DocumentVersion.objects.select_related("document__institution").only(
        "id", "file", "size", "sha256", "document__id", "document__title",
        "document__institution__acronym",
    )  # fmt: skip
    for version in versions.order_by("pk"):
        document = version.document
        yield ExpectedFile(
            PRIVATE,
            version.file.name,
            f'earlier version {version.pk} of document {document.pk} "{document.title}"'
            f"{_institution(document.institution)}",
            size=version.size,
            sha256=version.sha256,
        )
    # New versions not (or not yet) the document's: an approved one's file is the
    # document's or an earlier version's, listed above.
    revisions = (
        Revision.objects.exclude(status=DocumentStatus.APPROVED)
        .select_related("document__institution")
        .only(
            "id", "file", "size", "sha256", "preview", "document__id", "document__title",
            "document__institution__acronym",
        )
    )  # fmt: skip
    for revision in revisions.order_by("pk"):
        document = revision.document
        owner = (
            f'new version {revision.pk} of document {document.pk} "{document.title}"'
            f"{_institution(document.institution)}"
        )
        yield ExpectedFile(
            PRIVATE, revision.file.name, owner, size=revision.size, sha256=revision.sha256
        )
        if revision.preview:
            yield ExpectedFile(PRIVATE, revision.preview.name, f"preview of {owner}", image=True)
    institutions = MemberInstitution.objects.exclude(logo="", logo_web="").only(
        "id", "acronym", "logo", "logo_web"
    )
    for institution in institutions.order_by("pk"):
        for image in (institution.logo, institution.logo_web):
            if image:
                yield ExpectedFile(PUBLIC, image.name, f"logo of {institution.acronym}", image=True)
    articles = Article.objects.exclude(cover="").only("id", "slug", "cover", "cover_renditions")
    for article in articles.order_by("pk"):
        owner = f'cover image of article "{article.slug}"'
        yield ExpectedFile(PUBLIC, article.cover.name, owner, image=True)
        for name in _renditions(article.cover_renditions):
            yield ExpectedFile(PUBLIC, name, f"smaller copy of the {owner}", image=True)
    gallery = ArticleImage.objects.select_related("article").only(
        "id", "image", "renditions", "article__slug"
    )
    for picture in gallery.order_by("pk"):
        owner = f'gallery image {picture.pk} of article "{picture.article.slug}"'
        yield ExpectedFile(PUBLIC, picture.image.name, owner, image=True)
        for name in _renditions(picture.renditions):
            yield ExpectedFile(PUBLIC, name, f"smaller copy of {owner}", image=True)


def _sha256(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for chunk in handle.chunks(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def check_file(expected: ExpectedFile) -> Problem | None:
    storage = _storage(expected.storage)
    if not storage.exists(expected.name):
        return Problem(expected, "missing")
    size = storage.size(expected.name)
    if expected.size is not None and size != expected.size:
        return Problem(expected, "damaged", f"{size} bytes, {expected.size} expected")
    if expected.same_as is not None:
        original = _storage(expected.same_as[0])
        if original.exists(expected.same_as[1]) and _sha256(storage, expected.name) != _sha256(
            original, expected.same_as[1]
        ):
            label = STORAGE_LABELS[expected.same_as[0]]
            return Problem(expected, "damaged", f"differs from the {label} copy")
    if expected.sha256 and _sha256(storage, expected.name) != expected.sha256:
        return Problem(expected, "damaged", "SHA-256 differs from the recorded one")
    if expected.image:
        try:
            with storage.open(expected.name, "rb") as handle, Image.open(handle) as picture:
                picture.verify()
        except Exception as error:  # Pillow raises many kinds for a broken file
            return Problem(expected, "damaged", f"not a readable image: {type(error).__name__}")
    return None


def verify_files() -> Report:
    report = Report()
    referenced: dict[str, set[str]] = {PUBLIC: set(), PRIVATE: set()}
    for expected in expected_files():
        referenced[expected.storage].add(expected.name)
        report.checked += 1
        problem = check_file(expected)
        if problem is not None:
            report.problems.append(problem)
    # Pieces of files being sent in parts (documents.resumable) belong to their uploads.
    referenced[PRIVATE] |= referenced_pieces()
    for alias in (PUBLIC, PRIVATE):
        report.unreferenced += [
            (STORAGE_LABELS[alias], name)
            for name in walk(_storage(alias))
            if name not in referenced[alias]
        ]
    return report
