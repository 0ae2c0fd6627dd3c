"""Checks on an uploaded logo: a real image Pillow can read, of a web format, not too big.

The pixel limit is the site's one (``IMAGE_MAX_PIXELS``, see ``core.images``).

The form's ImageField already opens the file with Pillow; these checks also run on the
model (``full_clean``), so a logo set by a script is held to the same rules.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import UnidentifiedImageError

from core.images import TooManyPixels, verify_image

# What browsers show everywhere and Pillow reads. SVG is left out: Pillow cannot check it,
# and an SVG file can carry scripts.
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}

NOT_AN_IMAGE = _(
    "This file is not an image we can read. Please upload the logo as a PNG, JPEG, "
    "WebP or GIF file."
)


def validate_logo_size(file) -> None:
    limit_mb = settings.IMAGE_MAX_UPLOAD_MB
    if file.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _(
                "The logo is %(size)s MB, larger than the %(limit)s MB allowed. "
                "Please upload a smaller file."
            ),
            params={"size": f"{file.size / (1024 * 1024):.1f}", "limit": limit_mb},
            code="too_large",
        )


def validate_logo_image(file) -> None:
    """Open the file with Pillow (header only) and check its format and pixel count."""
    try:
        image_format, _width, _height = verify_image(file)
    except TooManyPixels:
        raise
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError):
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    if image_format not in LOGO_FORMATS:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image")


def validate_logo(file) -> None:
    """Every check on a new logo: the size first (cheap), then the picture itself.

    A logo already stored was checked when it came in; editing the institution's other
    fields does not open it again.
    """
    if getattr(file, "_committed", False):
        return
    validate_logo_size(file)
    validate_logo_image(file)
