"""The object-storage commands: create_buckets, and copy_media (folders to buckets and back)."""

import io
import urllib.error
import urllib.request

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import PRIVATE_BUCKET, PUBLIC_BUCKET
from tests.s3 import storages_setting


def copy(*args) -> str:
    out = io.StringIO()
    call_command("copy_media", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_local_media_is_copied_into_the_buckets_once_and_back(
    s3, media_root, private_media_root, tmp_path
):
    (media_root / "logos").mkdir()
    (media_root / "logos" / "nssf.png").write_bytes(b"\x89PNG logo")
    (private_media_root / "documents").mkdir()
    (private_media_root / "documents" / "a.pdf").write_bytes(b"%PDF-1.7 a")
    (private_media_root / "documents" / "b.pdf").write_bytes(b"%PDF-1.7 b" * 1000)

    assert copy("to-buckets") == "3 files copied, 0 already there."
    assert s3.public_keys() == ["logos/nssf.png"]
    assert s3.private_keys() == ["documents/a.pdf", "documents/b.pdf"]
    assert s3.read(PRIVATE_BUCKET, "documents/b.pdf") == b"%PDF-1.7 b" * 1000
    head = s3.client.head_object(Bucket=PUBLIC_BUCKET, Key="logos/nssf.png")
    assert head["ContentType"] == "image/png"

    # Again: nothing to do. A changed file (same size, other bytes) is copied again.
    assert copy("to-buckets") == "0 files copied, 3 already there."
    (private_media_root / "documents" / "a.pdf").write_bytes(b"%PDF-1.7 A")
    assert copy("to-buckets") == "1 files copied, 2 already there."
    assert s3.read(PRIVATE_BUCKET, "documents/a.pdf") == b"%PDF-1.7 A"

    # And back, into empty folders.
    public_copy, private_copy = tmp_path / "public-copy", tmp_path / "private-copy"
    args = ["from-buckets", "--media-root", public_copy, "--private-root", private_copy]
    assert copy(*args) == "3 files copied, 0 already there."
    assert (public_copy / "logos" / "nssf.png").read_bytes() == b"\x89PNG logo"
    assert (private_copy / "documents" / "a.pdf").read_bytes() == b"%PDF-1.7 A"
    assert copy(*args) == "0 files copied, 3 already there."


def test_without_buckets_it_says_what_to_set():
    with pytest.raises(CommandError, match="S3_BUCKET"):
        copy("to-buckets")


def test_create_buckets_makes_them_and_opens_only_the_public_one(s3_server, settings):
    s3_server.reset()
    settings.STORAGES = storages_setting(
        s3_server.endpoint, PUBLIC_BUCKET, PRIVATE_BUCKET, settings.STORAGES
    )
    out = io.StringIO()
    call_command("create_buckets", stdout=out)
    call_command("create_buckets", stdout=out)
    assert "assa-public: created" in out.getvalue()
    assert "assa-public: already there" in out.getvalue()
    client = s3_server.client()
    client.put_object(Bucket=PUBLIC_BUCKET, Key="logos/a.png", Body=b"logo")
    client.put_object(Bucket=PRIVATE_BUCKET, Key="documents/a.pdf", Body=b"paper")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    assert opener.open(f"{s3_server.endpoint}/{PUBLIC_BUCKET}/logos/a.png").read() == b"logo"
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(f"{s3_server.endpoint}/{PRIVATE_BUCKET}/documents/a.pdf")
    assert refused.value.code == 403
