"""Where uploaded files live: a public storage and a private one, chosen by alias.

``STORAGES["default"]`` holds public media (logos, news images, previews of published
documents), served as plain files under ``MEDIA_URL``. ``STORAGES["private"]`` holds
everything that is not public (documents' files, earlier versions, previews of
unpublished documents): no URL pattern reaches it, and its files are sent only by the
download views after their permission check (see ``core.sendfile``).

Models name the storages through the callables below, so switching either one to object
storage (django-storages' S3 backend, say) is a change of settings only.
"""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.functional import cached_property

PUBLIC = "default"
PRIVATE = "private"

# The only top-level folders of the public storage that are served as media. Anything
# else (including files a misconfiguration put there) is a 404.
PUBLIC_MEDIA_FOLDERS = ("logos", "news", "previews")


def public_storage() -> Storage:
    return storages[PUBLIC]


def private_storage() -> Storage:
    return storages[PRIVATE]


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
