"""Where uploaded files live: a public storage and a private one, chosen by alias.

``STORAGES["default"]`` holds public media (logos, news images, previews of published
documents), served as plain files under ``MEDIA_URL``. ``STORAGES["private"]`` holds
everything that is not public (documents' files, earlier versions, previews of
unpublished documents): no URL pattern reaches it, and its files are sent only by the
download views after their permission check (see ``core.sendfile``).

Models name the storages through the callables below, so switching either one to object
storage (django-storages' S3 backend, say) is a change of settings only: with ``S3_BUCKET``
set, the settings make the public storage an ``S3Storage`` whose files anyone may read,
and the private one a ``PrivateS3Storage``, reached only by short-lived signed links.
"""

from __future__ import annotations

import json
import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, cached_property, empty
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PUBLIC = "default"
PRIVATE = "private"

# The only top-level folders of the public storage that are served as media. Anything
# else (including files a misconfiguration put there) is a 404.
PUBLIC_MEDIA_FOLDERS = ("logos", "news", "previews")


class _StorageByAlias(LazyObject):
    """``storages[alias]``, looked up on first use and again after STORAGES changes.

    FileFields keep the storage object their ``storage`` callable returned when the model
    was defined: this proxy lets them follow a change of backend (local disk or a bucket),
    as Django's ``default_storage`` does.
    """

    def __init__(self, alias: str):
        self.__dict__["_alias"] = alias
        super().__init__()

    def _setup(self):
        self._wrapped = storages[self.__dict__["_alias"]]


_private = _StorageByAlias(PRIVATE)
_public = _StorageByAlias(PUBLIC)


def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty
        _public._wrapped = empty


setting_changed.connect(_storages_changed, dispatch_uid="assa_storage_aliases")


def public_storage() -> Storage:
    return _public


def private_storage() -> Storage:
    return _private


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on local disk that have no public address.

    Without a ``location`` option it follows the ``PRIVATE_MEDIA_ROOT`` setting, as
    Django's own storage follows ``MEDIA_ROOT`` (also when a test changes it).
    """

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private files have no public URL; link to their download view.")


class PrivateS3Storage(S3Storage):
    """Private files in a bucket (or a bucket's folder) that is never public.

    It has no plain URL; a download view, after its permission check, gives the browser a
    link signed for a few minutes (``signed_url``) or streams the object (``stream``).
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no public URL; link to their download view.")

    def signed_url(
        self, name: str, *, filename: str, content_type: str, as_attachment: bool
    ) -> str:
        """A link valid for ``querystring_expire`` seconds; the bucket's answer carries the
        original file name and type, and may not be kept by any cache."""
        parameters = {
            "ResponseContentDisposition": content_disposition_header(as_attachment, filename),
            "ResponseContentType": content_type,
            "ResponseCacheControl": "private, no-store",
        }
        return super().url(name, parameters=parameters)

    def stream(self, name: str, chunk_size: int = 256 * 1024):
        """(chunks, length, close) of the object, read piece by piece, never whole.

        Raises FileNotFoundError if there is no such object.
        """
        key = self._normalize_name(clean_name(name))
        try:
            answer = self.bucket.Object(key).get()
        except self.connection.meta.client.exceptions.NoSuchKey as exc:
            raise FileNotFoundError(name) from exc
        body = answer["Body"]
        return body.iter_chunks(chunk_size), answer["ContentLength"], body.close


def public_read_policy(bucket: str, prefix: str = "") -> str:
    """The bucket policy that lets anyone read (only read) the objects under ``prefix``."""
    resource = f"arn:aws:s3:::{bucket}/{prefix.strip('/') + '/' if prefix else ''}*"
    statement = {
        "Sid": "PublicRead",
        "Effect": "Allow",
        "Principal": "*",
        "Action": ["s3:GetObject"],
        "Resource": [resource],
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def public_media_path(path: str) -> str | None:
    """The storage name a ``/media/<path>`` request may be served from, or None.

    ``path`` is the URL path after ``/media/``, already percent-decoded once by the server.
    It is refused, before anything else, if it holds anything a normal stored name never
    does (percent signs, backslashes, NUL or other control characters), if it is absolute,
    if normalising it changes it (``.``, ``..``, doubled slashes), or if its first folder
    is not one of ``PUBLIC_MEDIA_FOLDERS``.
    """
    if not path or "%" in path or "\\" in path or any(ord(char) < 32 for char in path):
        return None
    if path.startswith("/") or posixpath.normpath(path) != path:
        return None
    parts = path.split("/")
    if len(parts) < 2 or ".." in parts or parts[0] not in PUBLIC_MEDIA_FOLDERS:
        return None
    return path
