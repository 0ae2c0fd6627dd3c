"""Move documents' files out of public media into the private storage (run by migrate).

Before this migration, document files and earlier versions were stored in the default
(public) storage under ``private/documents/``, and every preview under ``previews/``.
Afterwards:

- files and earlier versions are in the private storage (``PRIVATE_MEDIA_ROOT``) under
  ``documents/``; their rows name them so (``private/`` dropped);
- every preview's original is in the private storage under ``previews/``; the public copy
  stays only for published documents.

Safe to run again after an interruption: a file already at its new place is not copied
again. A file missing on disk is reported and its row renamed all the same. Reversible:
``migrate documents 0004`` puts everything back where it was.
"""

import logging

from django.core.files.storage import storages
from django.db import migrations

logger = logging.getLogger(__name__)

OLD_PREFIX = "private/"
PUBLISHED = "approved"


def _move(source, target, old: str, new: str, *, keep_source: bool = False) -> None:
    if not target.exists(new):
        if not source.exists(old):
            logger.warning("%s: the file is missing; its row is renamed all the same", old)
            return
        with source.open(old, "rb") as content:
            written = target.save(new, content)
        if written != new:
            target.delete(written)
            raise RuntimeError(f"Could not store {old} as {new}.")
    if not keep_source and source.exists(old):
        source.delete(old)


def forward(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    public, private = storages["default"], storages["private"]
    for model in (Document, DocumentVersion):
        for pk, name in model.objects.filter(file__startswith=OLD_PREFIX).values_list("pk", "file"):
            new = name.removeprefix(OLD_PREFIX)
            _move(public, private, name, new)
            model.objects.filter(pk=pk).update(file=new)
    for name, status in Document.objects.exclude(preview="").values_list("preview", "status"):
        if private.exists(name) and status != PUBLISHED:
            if public.exists(name):
                public.delete(name)
            continue
        _move(public, private, name, name, keep_source=status == PUBLISHED)


def backward(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    public, private = storages["default"], storages["private"]
    for model in (Document, DocumentVersion):
        for pk, name in model.objects.exclude(file__startswith=OLD_PREFIX).values_list(
            "pk", "file"
        ):
            old = OLD_PREFIX + name
            _move(private, public, name, old)
            model.objects.filter(pk=pk).update(file=old)
    for name in Document.objects.exclude(preview="").values_list("preview", flat=True):
        _move(private, public, name, name)


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_private_storage")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
