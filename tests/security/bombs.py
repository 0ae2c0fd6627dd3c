"""Bombs built in code: small files that unpack into something huge."""

import functools
import io
import struct
import zipfile
import zlib

from tests.documents import files


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def pixel_bomb_png(width: int = 12000, height: int = 12000) -> bytes:
    """A one-colour greyscale PNG of width × height pixels, about 140 KB for 12000 × 12000.

    Written row by row, so the test never holds the decoded picture either.
    """
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte, then one byte per pixel
    idat = bytearray()
    for _ in range(height):
        idat += compressor.compress(row)
    idat += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", bytes(idat))
        + _chunk(b"IEND", b"")
    )


@functools.cache
def zip_bomb_docx(unpacked_mb: int = 300) -> bytes:
    """A Word file whose one extra part is ``unpacked_mb`` MB of zeros (about 0.3 MB packed)."""
    normal = zipfile.ZipFile(io.BytesIO(files.docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in normal.infolist():
            archive.writestr(info.filename, normal.read(info.filename))
        with archive.open("word/media/image1.bin", "w") as part:
            zeros = b"\x00" * (1024 * 1024)
            for _ in range(unpacked_mb):
                part.write(zeros)
    return buffer.getvalue()


def giant_page_pdf(width: float = 120, height: float = 1_000_000) -> bytes:
    """A one-page PDF whose page is ``width`` × ``height`` points (the page of a bomb)."""
    return files.pdf_bytes(1, width=width, height=height)
