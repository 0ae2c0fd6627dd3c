"""Copy the local media folders into the S3 buckets, or the buckets back into folders.

    manage.py copy_media to-buckets      # MEDIA_ROOT -> public bucket, PRIVATE_MEDIA_ROOT -> private
    manage.py copy_media from-buckets    # and back (a backup, or leaving object storage)

Run it with the S3 settings of the site (S3_BUCKET...). It may be run again at any time:
a file whose copy is already there (same size, and same MD5 where the bucket's ETag is
one) is skipped, so an interrupted copy resumes where it stopped. Nothing is deleted.
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from storages.backends.s3 import S3Storage
from tqdm import tqdm

from core.storage import private_storage, public_storage


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _same(path: Path, size: int, etag: str) -> bool:
    """Whether the local file and the object hold the same bytes, as far as S3 tells."""
    if not path.is_file() or path.stat().st_size != size:
        return False
    etag = etag.strip('"')
    # A multipart upload's ETag ("<md5 of md5s>-<parts>") is not the file's MD5.
    return "-" in etag or _md5(path) == etag


class Command(BaseCommand):
    help = (
        "Copy the local media folders (public and private) into the S3 buckets, or back. "
        "Files already copied (same size and checksum) are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("direction", choices=["to-buckets", "from-buckets"])
        parser.add_argument(
            "--media-root", type=Path, help="The public folder (default: MEDIA_ROOT)."
        )
        parser.add_argument(
            "--private-root", type=Path, help="The private folder (default: PRIVATE_MEDIA_ROOT)."
        )

    def handle(self, *args, direction, media_root=None, private_root=None, verbosity=1, **kw):
        pairs = [
            (Path(media_root or settings.MEDIA_ROOT), public_storage()),
            (Path(private_root or settings.PRIVATE_MEDIA_ROOT), private_storage()),
        ]
        for _folder, storage in pairs:
            if not isinstance(storage, S3Storage):
                raise CommandError(
                    "The media storages are local folders: set S3_BUCKET (and the other S3_ "
                    "settings, see README.md) to copy to or from object storage."
                )
        todo: list[tuple[Path, S3Storage, str, int]] = []
        skipped = 0
        for folder, storage in pairs:
            objects = self._objects(storage)
            if direction == "to-buckets":
                files = (
                    sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
                )
                for path in files:
                    name = path.relative_to(folder).as_posix()
                    size, etag = objects.get(name, (None, ""))
                    if size is not None and _same(path, size, etag):
                        skipped += 1
                    else:
                        todo.append((path, storage, name, path.stat().st_size))
            else:
                for name, (size, etag) in sorted(objects.items()):
                    path = folder / name
                    if _same(path, size, etag):
                        skipped += 1
                    else:
                        todo.append((path, storage, name, size))

        with tqdm(
            total=sum(item[3] for item in todo),
            unit="B",
            unit_scale=True,
            desc=direction,
            disable=verbosity < 1 or not todo,
            file=self.stderr,
        ) as bar:
            for path, storage, name, _size in todo:
                key = storage._normalize_name(name)
                if direction == "to-buckets":
                    extra = {
                        "ContentType": mimetypes.guess_type(name)[0] or "application/octet-stream"
                    }
                    if storage.default_acl:
                        extra["ACL"] = storage.default_acl
                    storage.bucket.upload_file(str(path), key, ExtraArgs=extra, Callback=bar.update)
                else:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    partial = path.with_name(path.name + ".part")
                    storage.bucket.download_file(key, str(partial), Callback=bar.update)
                    partial.replace(path)
        self.stdout.write(f"{len(todo)} files copied, {skipped} already there.")

    @staticmethod
    def _objects(storage: S3Storage) -> dict[str, tuple[int, str]]:
        """Name (within the storage) -> (size, ETag) of every object of the storage."""
        prefix = storage._normalize_name("") if storage.location else ""
        prefix = prefix.rstrip("/") + "/" if prefix else ""
        return {
            item.key[len(prefix) :]: (item.size, item.e_tag)
            for item in storage.bucket.objects.filter(Prefix=prefix)
            if not item.key.endswith("/")
        }
