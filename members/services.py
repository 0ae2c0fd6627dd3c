"""Writes with side effects on member institutions: the web copy of a logo.

The logo the secretariat uploads may be a large print file. Pages show ``logo_web``, a
PNG no larger than ``LOGO_WEB_SIZE`` pixels a side, made once when the logo changes and
served as a file; ``logo_web_source`` remembers which logo it was made from.
"""

import io
import logging
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import UnidentifiedImageError

from core.images import TooManyPixels, reduced_copy

logger = logging.getLogger(__name__)

LOGO_WEB_SIZE = 400


def make_logo_web(source, name: str = "logo.png") -> ContentFile:
    """A PNG copy of the image file ``source`` that fits in LOGO_WEB_SIZE × LOGO_WEB_SIZE.

    PNG keeps the flat colours, sharp edges and transparency logos have.
    """
    image, _size = reduced_copy(source, (LOGO_WEB_SIZE, LOGO_WEB_SIZE))
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    # Named, so that the ImageField can read the copy's width and height from it.
    return ContentFile(buffer.getvalue(), name=name)


def refresh_logo_web(institution) -> bool:
    """Make the institution's web logo if its logo changed since the copy was made.

    Returns True when it wrote (or removed) a copy. Saves only the rendition's fields.
    A logo Pillow cannot read gets no copy (pages then show the acronym); it is logged
    and not tried again until the logo changes.
    """
    name = institution.logo.name if institution.logo else ""
    if institution.logo_web_source == name:
        return False
    if institution.logo_web:
        institution.logo_web.delete(save=False)
    institution.logo_web = ""
    institution.logo_web_width = institution.logo_web_height = None
    if name:
        try:
            with institution.logo.open("rb") as source:
                content = make_logo_web(source, f"{PurePosixPath(name).stem}.png")
        except (OSError, UnidentifiedImageError, ValueError, TooManyPixels):
            logger.exception("Could not make a web copy of the logo %s", name)
        else:
            # Stores the file and, through the ImageField, sets its width and height.
            institution.logo_web.save(content.name, content, save=False)
    institution.logo_web_source = name
    type(institution)._default_manager.filter(pk=institution.pk).update(
        logo_web=institution.logo_web.name or "",
        logo_web_width=institution.logo_web_width,
        logo_web_height=institution.logo_web_height,
        logo_web_source=name,
    )
    return True


def record_current_value(figure) -> None:
    """The figure's own value and date (typed on the institution's page) join its history."""
    figure.values.update_or_create(as_of=figure.as_of, defaults={"value": figure.value})


def refresh_latest_value(figure) -> None:
    """The figure's own value and date become those of its latest dated value."""
    latest = figure.values.order_by("-as_of").first()
    if latest and (latest.value, latest.as_of) != (figure.value, figure.as_of):
        figure.value, figure.as_of = latest.value, latest.as_of
        figure.save(update_fields=["value", "as_of"])
