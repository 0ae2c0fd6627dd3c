"""tus-js-client is served from our static files: the committed build is npm's, unchanged.

The file and its licence are committed (static/vendor/tus-js-client/), so that `make run`
needs no npm; `make vendor` copies them from node_modules/. Where node_modules/ is there
(`make test` runs `npm ci`), the committed files must be the ones npm installed for the
version package-lock.json pins.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

ROOT = Path(settings.BASE_DIR)
VENDOR = ROOT / "static" / "vendor" / "tus-js-client"
INSTALLED = ROOT / "node_modules" / "tus-js-client"
FILES = {
    "tus.min.js": "dist/tus.min.js",
    "tus.min.js.map": "dist/tus.min.js.map",
    "LICENSE": "LICENSE",
}


def test_the_build_and_its_licence_are_committed_and_found_as_static_files():
    for name in FILES:
        assert (VENDOR / name).is_file(), name
    assert "MIT License" in (VENDOR / "LICENSE").read_text()
    assert finders.find("vendor/tus-js-client/tus.min.js")
    # collectstatic's manifest follows the source map comment: the map must be there too.
    assert (VENDOR / "tus.min.js").read_text().rstrip().endswith("sourceMappingURL=tus.min.js.map")


def test_the_committed_build_is_the_one_npm_installed():
    if not INSTALLED.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node_modules/tus-js-client is missing (npm ci); needed with CI=true")
        pytest.skip("node_modules/tus-js-client is not installed (make browser-test-deps)")
    locked = json.loads((ROOT / "package-lock.json").read_text())
    version = locked["packages"]["node_modules/tus-js-client"]["version"]
    assert json.loads((INSTALLED / "package.json").read_text())["version"] == version
    assert f"tus-js-client {version}" in (VENDOR / "README.md").read_text()
    for name, source in FILES.items():
        assert (VENDOR / name).read_bytes() == (INSTALLED / source).read_bytes(), (
            f"static/vendor/tus-js-client/{name} differs from npm's: run `make vendor` and commit it"
        )
