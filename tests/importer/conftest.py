"""Shared set-up of the importer's tests: the member institutions, a /files/ folder of
placeholder PDFs made from the links of the pages, and a way to run the command."""

import io
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pypdfium2 as pdfium
import pytest
from django.core.management import call_command

from tests.factories import MemberInstitutionFactory

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
BROKEN = FIXTURES / "broken"

# Left out of the files folder on purpose: the importer must report it.
MISSING = {"/files/ASSA Board Meeting/Thailand 2018/Claims Counters on Saturdays.pdf"}

INSTITUTIONS = {
    "nssf-cambodia": ("National Social Security Fund", "NSSF", "KH"),
    "epf-malaysia": ("Employees Provident Fund", "EPF", "MY"),
    "philhealth": ("Philippine Health Insurance Corporation", "PhilHealth", "PH"),
    "sss-philippines": ("Social Security System", "SSS", "PH"),
    "sso-thailand": ("Social Security Office", "SSO", "TH"),
    "vss-vietnam": ("Vietnam Social Security", "VSS", "VN"),
}


def placeholder_pdf(text: str) -> bytes:
    """A one-page PDF whose bytes differ for each text (so no two files are the same)."""
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    # A comment after the header: still a valid PDF, different for every file.
    data = buffer.getvalue()
    header_end = data.index(b"\n") + 1
    note = f"% Placeholder for the tests, not a real document: {text}\n".encode()
    return data[:header_end] + note + data[header_end:]


def linked_files(*pages: Path) -> list[str]:
    """The decoded /files/... paths that these pages link to."""
    paths = []
    for page in pages:
        # Every file of these pages is a PDF: the address runs to the first ".pdf)".
        for href in re.findall(r"\]\((/files/.*?\.pdf)\)", page.read_text("utf-8"), re.I):
            path = unicodedata.normalize("NFC", unquote(href))
            if path not in paths:
                paths.append(path)
    return paths


def make_files(root: Path, pages: list[Path], missing: set[str] = frozenset()) -> Path:
    for path in linked_files(*pages):
        if path in missing:
            continue
        target = root / path.removeprefix("/files/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(placeholder_pdf(path))
    return root


@pytest.fixture
def institutions(db):
    return {
        slug: MemberInstitutionFactory(slug=slug, name_en=name, acronym=acronym, country=country)
        for slug, (name, acronym, country) in INSTITUTIONS.items()
    }


@pytest.fixture
def files_dir(tmp_path):
    return make_files(tmp_path / "files", sorted(PAGES.glob("*.md")), MISSING)


@pytest.fixture
def run_import(files_dir):
    """Run the command as the secretariat would; returns what it printed."""

    def run(*paths, dry_run=False, files=None):
        out = io.StringIO()
        args = [str(p) for p in (paths or [PAGES])]
        args += ["--files-dir", str(files or files_dir)]
        if dry_run:
            args.append("--dry-run")
        call_command("import_isomer", *args, stdout=out)
        return out.getvalue()

    return run


def stored_files(media_root: Path) -> list[Path]:
    return sorted(p for p in media_root.rglob("*") if p.is_file())
