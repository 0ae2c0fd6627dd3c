"""gunicorn settings; every value can be overridden by the environment.

Sync workers, one request at a time each: a page is a few milliseconds of Python and
SQL, and the reverse proxy in front (nginx) buffers slow clients and uploads, so no
worker waits on a network. See README.md, "Serving in production".
"""

import gc
import multiprocessing
import os
import socket
import struct


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value in {"1", "true", "yes", "on"}


wsgi_app = "assa.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Uploads of up to 50 MB over slow links need time; gunicorn itself buffers nothing.
graceful_timeout = 30
keepalive = 5
# The proxy logs every request already; a line per request here costs a fifth of the
# rate of small pages. GUNICORN_ACCESS_LOG=true turns it on (to standard output).
accesslog = "-" if _flag("GUNICORN_ACCESS_LOG", False) else None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Workers are not restarted after a number of requests unless asked: a restart re-imports
# the site and reloads the Khmer model. Set it (e.g. 5000) only to contain a memory leak.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", str(max_requests // 10)))
# Load the site (and the Khmer model) once in the master; the workers share its memory.
preload_app = _flag("GUNICORN_PRELOAD", True)


def when_ready(server):
    """In the master, after the site is loaded: the model too, then freeze the heap."""
    if not preload_app:
        return
    from django.db import connections

    from core.khmer import load_segmenter

    load_segmenter()
    # No database connection may cross a fork: a worker would share its socket.
    connections.close_all()
    # Objects made so far are never collected: the workers' collector then leaves
    # their pages alone, and they stay shared instead of being copied into each worker.
    gc.freeze()


def pre_fork(server, worker):
    if not preload_app:
        return
    from django.db import connections

    connections.close_all()


# A worker killed in the middle of an answer (SIGKILL, the OOM killer, gunicorn's own
# timeout) must not hand nginx half a page: nginx can send a request to another app
# server only while nothing of the answer has arrived (proxy_next_upstream in
# deploy/nginx.conf). Until the answer is written whole, the connection is corked (the
# headers wait for the body) and set to close with a reset, which throws away what is
# unsent: nginx then sees a refused answer and asks another server. Once written, the
# socket is uncorked and closes normally, delivering everything.
_CORK = getattr(socket, "TCP_CORK", None)  # Linux
_RESET_ON_CLOSE = struct.pack("ii", 1, 0)
_NORMAL_CLOSE = struct.pack("ii", 0, 0)


def pre_request(worker, req):
    connection = getattr(getattr(req, "unreader", None), "sock", None)
    if connection is None or _CORK is None:
        return
    try:
        connection.setsockopt(socket.IPPROTO_TCP, _CORK, 1)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RESET_ON_CLOSE)
    except OSError:
        pass


def post_request(worker, req, environ, resp):
    connection = getattr(resp, "sock", None) or getattr(
        getattr(req, "unreader", None), "sock", None
    )
    if connection is None or _CORK is None:
        return
    try:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _NORMAL_CLOSE)
        connection.setsockopt(socket.IPPROTO_TCP, _CORK, 0)
    except OSError:
        pass
