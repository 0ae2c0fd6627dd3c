"""Opening uploaded images safely: the pixel count is checked before anything is decoded.

A PNG of 140 KB can hold a 12000 × 12000 picture that takes almost a gigabyte once
decoded. ``Image.open`` only reads the header, so the size is known for free: every image
the site takes (news photos, logos, images sent as documents) is opened through
:func:`open_image`, which refuses more than ``IMAGE_MAX_PIXELS`` with one message, the
same everywhere. Pillow's own limit (``Image.MAX_IMAGE_PIXELS``) is set from the same
setting when the site starts (``assa.apps``), so any other use of Pillow in the process
refuses such a picture too, and its ``DecompressionBombWarning`` is an error here.

Small copies are made with :func:`reduced_copy`: JPEGs are decoded at a fraction of
their size (``draft``) and others reduced in steps (``reducing_gap``), so a web copy
never costs a full-size resampling.

This module imports no app of the site.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# EXIF orientations that turn the picture a quarter: its width becomes its height.
QUARTER_TURNS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112


class TooManyPixels(ValidationError):
    """The picture is larger, in pixels, than IMAGE_MAX_PIXELS."""

    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        super().__init__(
            _(
                "Too many pixels: %(width)s × %(height)s, the limit is %(limit)s. "
                "Please upload a smaller picture."
            ),
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "limit": number_format(settings.IMAGE_MAX_PIXELS, force_grouping=True),
            },
        )


def configure_pillow() -> None:
    """Pillow's own limit for every use of it in this process, from IMAGE_MAX_PIXELS."""
    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS


def check_pixels(width: int, height: int) -> None:
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise TooManyPixels(width, height)


def _header_size(file) -> tuple[int, int] | None:
    """The picture's width and height from its header, when Pillow's limit refused it.

    Image.open checks the size right after reading the header and raises before it
    returns the image, so the header is read again with Pillow's format readers directly
    (the loop Image.open itself runs). Nothing is decoded.
    """
    Image.init()
    file.seek(0)
    prefix = file.read(16)
    for image_format in Image.ID:
        factory, accept = Image.OPEN[image_format]
        if accept is not None and not accept(prefix):
            continue
        file.seek(0)
        try:
            return factory(file, "").size
        except Exception:  # noqa: BLE001 - not this format; Pillow's loop does the same
            continue
    return None


@contextmanager
def open_image(file) -> Iterator[Image.Image]:
    """The image opened lazily (header only), refused with TooManyPixels when too large.

    Other errors (not an image, damaged header) are Pillow's own (``OSError``,
    ``UnidentifiedImageError``, ...): each caller says in its own words what it expected.
    """
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(file)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            size = _header_size(file)
            file.seek(0)
            if size is None:  # pragma: no cover - Pillow read the header a moment ago
                raise
            raise TooManyPixels(*size) from None
        with image:
            check_pixels(*image.size)
            yield image


def verify_image(file) -> tuple[str, int, int]:
    """Check that the file is a readable image within the pixel limit, without decoding it.

    Returns its format ("PNG", "JPEG"...), width and height. Raises TooManyPixels, or
    Pillow's error for a file that is not an image or is damaged.
    """
    try:
        with open_image(file) as image:
            details = (image.format, *image.size)
            image.verify()
    finally:
        file.seek(0)
    return details


def oriented_size(image: Image.Image) -> tuple[int, int]:
    """The picture's width and height as shown, after its EXIF orientation."""
    width, height = image.size
    if image.getexif().get(EXIF_ORIENTATION) in QUARTER_TURNS:
        return height, width
    return width, height


def reduced_copy(file, box: tuple[int, int]) -> tuple[Image.Image, tuple[int, int]]:
    """A copy of the image that fits in ``box`` (as shown, EXIF orientation applied).

    Returns the copy and the original's size as shown. The pixel limit is checked first;
    JPEGs are decoded straight at a reduced scale (``thumbnail`` asks ``draft`` for it)
    and the resampling is done in steps (``reducing_gap``).
    """
    try:
        with open_image(file) as image:
            size = oriented_size(image)
            # thumbnail() works on the stored picture: turn the box as the picture is turned.
            stored_box = box if size == image.size else (box[1], box[0])
            working = image
            if image.mode in ("1", "P"):
                # Pillow resizes these by picking pixels; smooth copies need real colours.
                working = image.convert("RGBA" if image.mode == "P" else "L")
            working.thumbnail(stored_box, Image.Resampling.LANCZOS, reducing_gap=2.0)
            copy = ImageOps.exif_transpose(working)
    finally:
        file.seek(0)
    return copy, size


class ImageFormField(forms.ImageField):
    """Django's ImageField, with the pixel limit checked (and said) before Pillow's checks.

    Django's own field opens the file with Pillow and calls any error "not an image";
    a picture with too many pixels gets the site's message instead.
    """

    def to_python(self, data):
        if data is not None and hasattr(data, "seek"):
            try:
                with open_image(data):
                    pass
            except TooManyPixels:
                raise
            except Exception:  # noqa: BLE001 - Django's check below says "not an image"
                pass
            finally:
                data.seek(0)
        return super().to_python(data)


def validate_image_pixels(file) -> None:
    """Model field validator: a new image file within IMAGE_MAX_PIXELS (a stored one is not reopened)."""
    if getattr(file, "_committed", False) or not file:
        return
    try:
        with open_image(file):
            pass
    except TooManyPixels:
        raise
    except Exception:  # noqa: BLE001 - an unreadable file is the form field's to report
        pass
    finally:
        file.seek(0)
