# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: backup restore run test install browser-test-deps vendor lint messages django-messages font clean bench bench-upload scale-test

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# axe-core (pinned in package-lock.json) for the browser tests' accessibility checks.
# Without npm the tests that need it skip, saying so (in CI they fail).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: the browser tests' accessibility checks will be skipped."; \
	fi

browser-test-deps: node_modules/.package-lock.json

# tus-js-client (pinned in package-lock.json), the browser's side of resumable uploads, is
# served from our own static files, never a CDN. Its built file and licence are committed
# in static/vendor/tus-js-client/, so neither `make run` nor a deployment needs npm. After
# changing its version in package.json: `make vendor`, then commit that folder
# (tests/assa/test_vendor.py compares it with node_modules/ whenever that is there).
VENDOR_TUS := static/vendor/tus-js-client
vendor: node_modules/.package-lock.json
	mkdir -p $(VENDOR_TUS)
	cp node_modules/tus-js-client/dist/tus.min.js node_modules/tus-js-client/dist/tus.min.js.map \
		node_modules/tus-js-client/LICENSE $(VENDOR_TUS)/

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving the development site at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install browser-test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check --fail-level WARNING
	$(PY) -m pytest $(PYTEST_ARGS)

# Back up the database and both storages into BACKUP_DIR (var/backups); restore the newest
# backup into an empty site (see README.md, "Backups"; FORCE=1 replaces a site with content).
backup: install
	$(PY) manage.py backup_site

restore: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py restore_site $(if $(FORCE),--force)

lint:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the Khmer catalogue after changing UI strings, then translate and compile it.
messages: install
	$(PY) manage.py makemessages -l km --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=node_modules
	$(PY) manage.py compilemessages -l km --ignore=.venv

# The page benchmark: a PostgreSQL database of its own, production-like servers, wrk.
# See README.md, "Benchmark". BENCH_DB, BENCH_PORT, BENCH_SECONDS, REDIS_URL adjust it.
bench: install
	bash bench/run.sh

# A 50 MB upload through nginx on 127.0.0.1: the plain form and the resumable pieces
# (README.md, "Resumable uploads"). UPLOAD_BENCH_PORT, UPLOAD_BENCH_RUNS adjust it.
bench-upload: install
	$(PY) bench/upload.py

# Two app servers behind nginx, sharing PostgreSQL, Redis and an S3 server, one killed
# under load (README.md, "Running on several servers"). SCALE_DB, SCALE_PORT... adjust it.
scale-test: install
	bash scale/run.sh

# After upgrading Django: merge its English strings into our Khmer translation of them
# (locale/django/), translate what is new or fuzzy, then run it again to compile.
django-messages: install
	$(PY) manage.py refresh_django_catalogues

# After upgrading fontpkg-noto-sans-khmer: remake the Khmer WOFF2 subset, then commit it.
font: install
	$(PY) manage.py build_khmer_font

clean:
	rm -rf $(VENV) var/static node_modules
