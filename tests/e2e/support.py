"""Constants and small helpers of the browser tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "var" / "screenshots"
# Marks the folders of var/screenshots/ that these tests made (and may empty).
SCREENSHOTS_MARKER = ".browser-tests"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
LANGUAGES = ["en", "km"]
# Every wait is bounded: a page of this site answers in milliseconds on the live server.
TIMEOUT_MS = 10_000

PASSWORD = "correct horse battery staple"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def unavailable(reason: str):
    """Skip with the reason on a laptop; fail in CI, where the browser tests must run."""
    if in_ci():
        pytest.fail(f"{reason}; with CI=true the browser tests must run.", pytrace=False)
    pytest.skip(f"{reason}: skipped.")


class Screenshots:
    """Full-page screenshots of each page a test visits, at 1280 px and at 375 px."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    def __call__(self, page, label: str) -> None:
        self.count += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / SCREENSHOTS_MARKER).touch()
        name = f"{self.count:02d}-{re.sub(r'[^a-z0-9]+', '-', label.lower()).strip('-')}"
        size = page.viewport_size
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=self.folder / f"{name}-1280.png", full_page=True)
        page.set_viewport_size(PHONE)
        page.screenshot(path=self.folder / f"{name}-375.png", full_page=True)
        page.set_viewport_size(size)
