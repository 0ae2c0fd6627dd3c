"""Image renditions of news photos: smaller copies made once with Pillow, served with srcset.

A rendition set is stored on the row as JSON::

    {"source": "news/covers/ab12.jpg", "width": 2400, "height": 1600,
     "files": {"480": "news/renditions/ab12-480.jpg", "960": "...", "1600": "..."}}

``source`` tells whether the set still belongs to the stored image: the copies are made
again only when the image changes, never per request.
"""

import io
import logging
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from PIL import Image, UnidentifiedImageError

from core.images import TooManyPixels, reduced_copy

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (480, 960, 1600)
JPEG_QUALITY = 82


def make_renditions(name: str, widths: tuple[int, ...] = RENDITION_WIDTHS) -> dict:
    """Write JPEG copies of the stored image ``name`` at each width no larger than the original."""
    largest = max(widths)
    with default_storage.open(name, "rb") as handle:
        # Very tall pictures are fitted in a box four times as tall as wide.
        image, (width, height) = reduced_copy(handle, (largest, largest * 4))
    if image.mode not in ("RGB", "L"):
        # Photos with transparency get a white background: JPEG has no alpha channel.
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    elif image.mode == "L":
        image = image.convert("RGB")
    stem = PurePosixPath(name).stem
    files = {}
    for target in sorted(set(widths)):
        made_width = min(target, image.width)
        if str(made_width) in files:
            continue  # the original is narrower than this width too: one copy at its size
        size = (made_width, max(1, round(image.height * made_width / image.width)))
        copy = image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        stored = default_storage.save(
            f"news/renditions/{stem}-{size[0]}.jpg", ContentFile(buffer.getvalue())
        )
        files[str(size[0])] = stored
    return {"source": name, "width": width, "height": height, "files": files}


def delete_renditions(renditions: dict) -> None:
    for stored in (renditions or {}).get("files", {}).values():
        default_storage.delete(stored)


def refresh_renditions(instance: models.Model, image_field: str, store_field: str) -> None:
    """Make the instance's renditions when its image changed since they were made.

    Saves only ``store_field``; an image Pillow cannot read leaves the set empty (the
    original is still shown) and is logged.
    """
    image = getattr(instance, image_field)
    current = getattr(instance, store_field) or {}
    name = image.name if image else ""
    if current.get("source", "") == name:
        return
    delete_renditions(current)
    renditions = {}
    if name:
        try:
            renditions = make_renditions(name)
        except (OSError, UnidentifiedImageError, ValueError, TooManyPixels):
            logger.exception("Could not make renditions of %s", name)
    setattr(instance, store_field, renditions)
    type(instance)._default_manager.filter(pk=instance.pk).update(**{store_field: renditions})


def srcset(renditions: dict) -> str:
    """``url 480w, url 960w`` for an ``<img srcset>``."""
    files = (renditions or {}).get("files", {})
    return ", ".join(
        f"{default_storage.url(stored)} {width}w"
        for width, stored in sorted(files.items(), key=lambda item: int(item[0]))
    )
