"""moto's S3 server (a real S3 API over HTTP) on 127.0.0.1, and storages that use it.

Used by the storage tests (the ``s3`` fixture of tests/conftest.py) and by the
scale-out test (scale/run.py). Nothing is
mocked inside boto3: every call goes over the loopback to the server process.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path

REGION = "us-east-1"
ACCESS_KEY = "assa-test-key"
SECRET_KEY = "assa-test-secret"
# Ports tried in turn for the server (S3_TEST_PORTS="first-last" changes them).
DEFAULT_PORTS = "8240-8259"


def free_port(ports: str | None = None) -> int:
    first, _, last = (ports or os.environ.get("S3_TEST_PORTS", DEFAULT_PORTS)).partition("-")
    for port in range(int(first), int(last or first) + 1):
        with closing(socket.socket()) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {first}-{last} for the S3 server.")


class MotoServer:
    """``moto_server`` in a process of its own; stopped with ``stop()``."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        executable = Path(sys.executable).with_name("moto_server")
        self.process = subprocess.Popen(
            [str(executable), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=1).close()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("moto's S3 server did not start") from None
                time.sleep(0.1)

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def reset(self) -> None:
        """Forget every bucket and object."""
        request = urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST")
        urllib.request.urlopen(request, timeout=10).close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def storages_setting(endpoint: str, public_bucket: str, private_bucket: str, base: dict) -> dict:
    """``STORAGES`` with both media storages in buckets of the server at ``endpoint``."""
    common = {
        "endpoint_url": endpoint,
        "region_name": REGION,
        "access_key": ACCESS_KEY,
        "secret_key": SECRET_KEY,
        "signature_version": "s3v4",
        "addressing_style": "path",
        "file_overwrite": False,
    }
    return {
        **base,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**common, "bucket_name": public_bucket, "querystring_auth": False},
        },
        "private": {
            "BACKEND": "core.storage.PrivateS3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket,
                "querystring_auth": True,
                "querystring_expire": 60,
            },
        },
    }


def keys(client, bucket: str) -> list[str]:
    """Every key in the bucket, sorted."""
    found = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        found += [item["Key"] for item in page.get("Contents", ())]
    return sorted(found)


def public_read_policy(bucket: str) -> str:
    from core.storage import public_read_policy as policy

    return policy(bucket)
