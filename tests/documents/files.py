"""Test files built in code: real PDFs, Office files and images, and the bad ones."""

import io
import zipfile

import pypdfium2 as pdfium
from PIL import Image


def pdf_bytes(pages: int = 1, width: float = 595, height: float = 842) -> bytes:
    """A real, valid PDF with blank A4 pages, made by PDFium."""
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(width, height)
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    return buffer.getvalue()


def _hand_written_pdf(objects: list[bytes], trailer: str = "") -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


PAGE_OBJECTS = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
]


def encrypted_pdf_bytes() -> bytes:
    """A PDF locked by the standard security handler with a user password nobody knows."""
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
    encrypt += b"> /P -4 >>"
    file_id = "<00112233445566778899aabbccddeeff>"
    return _hand_written_pdf([*PAGE_OBJECTS, encrypt], f"/Encrypt 4 0 R /ID [{file_id} {file_id}]")


def corrupt_pdf_bytes() -> bytes:
    """Starts like a PDF, then is cut off: what a broken download looks like."""
    return pdf_bytes(3)[:200]


def _office(parts: dict[str, str], content_types: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", "<Relationships/>")
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/{part}" ContentType="{type}"/></Types>'
)


def docx_bytes() -> bytes:
    return _office(
        {"word/document.xml": "<w:document/>"},
        CONTENT_TYPES.format(
            part="word/document.xml",
            type="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        ),
    )


def pptx_bytes() -> bytes:
    return _office(
        {"ppt/presentation.xml": "<p:presentation/>"},
        CONTENT_TYPES.format(
            part="ppt/presentation.xml",
            type="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        ),
    )


def xlsx_bytes() -> bytes:
    return _office(
        {"xl/workbook.xml": "<workbook/>"},
        CONTENT_TYPES.format(
            part="xl/workbook.xml",
            type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        ),
    )


def docm_bytes() -> bytes:
    """A Word file with macros: the same zip, plus a VBA project."""
    return _office(
        {"word/document.xml": "<w:document/>", "word/vbaProject.bin": "macro"},
        CONTENT_TYPES.format(
            part="word/vbaProject.bin", type="application/vnd.ms-office.vbaProject"
        ),
    )


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


def image_bytes(fmt: str = "PNG", size=(120, 80), color=(18, 60, 105)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def truncated_png_bytes() -> bytes:
    return image_bytes("PNG", size=(400, 400))[:60]


EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
ELF_BYTES = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG_BYTES = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


# ---- scans: image-only PDFs and images of text, for OCR (documents.scans draws them) ----

# Small pages (5 × 2.5 inches at 150 dpi) keep Tesseract to about a second a page.
SCAN_PAGE = {"width_pt": 360, "height_pt": 180, "font_pt": 16, "margin_pt": 24, "dpi": 150}


def scan_page(lines: list[str], **options):
    from documents.scans import draw_page

    return draw_page(lines, **{**SCAN_PAGE, **options})


def scan_pdf_bytes(*pages: list[str], **options) -> bytes:
    """An image-only PDF (no text layer): one small page per list of lines."""
    from documents.scans import scan_pdf

    return scan_pdf([scan_page(lines, **options) for lines in pages], dpi=SCAN_PAGE["dpi"])


def scan_png_bytes(lines: list[str], **options) -> bytes:
    from documents.scans import scan_png

    return scan_png(scan_page(lines, **options), dpi=SCAN_PAGE["dpi"])


def scan_pdf_with_broken_page(*pages: list[str] | None) -> bytes:
    """An image-only PDF whose pages show these lines; ``None`` is a damaged page (the page
    tree names an object that is not a page: PDFium counts it and cannot load it)."""
    width, height = SCAN_PAGE["width_pt"], SCAN_PAGE["height_pt"]
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for lines in pages:
        if lines is None:
            objects.append(b"null")
            kids.append(len(objects))
            continue
        image = scan_page(lines).convert("L")
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=90)
        jpeg = buffer.getvalue()
        objects.append(
            f"<< /Type /XObject /Subtype /Image /Width {image.width} /Height {image.height} "
            f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode "
            f"/Length {len(jpeg)} >>\nstream\n".encode()
            + jpeg
            + b"\nendstream"
        )
        image_number = len(objects)
        content = f"q {width} 0 0 {height} 0 0 cm /Im1 Do Q".encode()
        objects.append(
            b"<< /Length "
            + str(len(content)).encode()
            + b" >>\nstream\n"
            + content
            + b"\nendstream"
        )
        content_number = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
            f"/Resources << /XObject << /Im1 {image_number} 0 R >> >> "
            f"/Contents {content_number} 0 R >>".encode()
        )
        kids.append(len(objects))
    references = " ".join(f"{number} 0 R" for number in kids)
    objects[1] = f"<< /Type /Pages /Kids [{references}] /Count {len(kids)} >>".encode()
    return _hand_written_pdf(objects)
