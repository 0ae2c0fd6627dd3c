#!/usr/bin/env bash
# scale/run.sh — the scale-out test (`make scale-test`); see scale/run.py for what it shows.
# Needs Debian's nginx, wrk, openssl, psql and redis-cli, PostgreSQL and Redis on 127.0.0.1.
# Bounded: everything it started is stopped after SCALE_TIMEOUT seconds (600) at the most.
set -euo pipefail
cd "$(dirname "$0")/.."
exec timeout --kill-after=20 "${SCALE_TIMEOUT:-600}" "${PY:-.venv/bin/python}" scale/run.py
