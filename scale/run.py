"""The scale-out test (`make scale-test`): two app servers behind nginx, all on 127.0.0.1.

Starts moto's S3 server, two gunicorn instances (A and B) sharing a PostgreSQL database
of their own, Redis and the buckets, a Celery worker, and Debian's nginx with
deploy/nginx.conf balancing A and B. Then it shows that:

1. a member uploads through A and the file downloads through B;
2. a secretariat approval on A is on B's public page at once (no stale page cache),
   and the worker sends the decision's email;
3. a session made on A is valid on B;
4. a file sent in pieces (the tus protocol, /uploads/) is begun through nginx, its first
   half sent to A and the rest to B, then taken by the portal's form through nginx: the
   stored file is the original, byte for byte (the upload's state is in the database and
   its pieces in the private bucket, not on either app server);
5. with one instance killed (SIGKILL) during SCALE_SECONDS of load at SCALE_CONNECTIONS
   connections on public pages and downloads, the client sees no failed request.

It also measures the download rate of a 20 MB file through a signed link and streamed
through the app. Everything it starts is stopped at the end. The last line reads
"N requests, F failed"; the exit status is 1 if anything failed.

Env: SCALE_DB (assa_scale), PGURL (postgres://postgres@127.0.0.1:5432), SCALE_REDIS
(redis://127.0.0.1:6379/9; the broker uses the next DB number), SCALE_PORT (8230: nginx;
the next five ports for A, B, moto, the streaming instance and nginx's plain HTTP),
SCALE_SECONDS (20), SCALE_CONNECTIONS (32), SCALE_DIR (var/scale).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.parse
import uuid
from http.client import HTTPConnection, HTTPSConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.documents.files import pdf_bytes  # noqa: E402
from tests.nginx import local_nginx_conf, make_certificate  # noqa: E402
from tests.s3 import MotoServer  # noqa: E402

PY = os.environ.get("PY", str(ROOT / ".venv" / "bin" / "python"))
BIN = Path(PY).parent
DB = os.environ.get("SCALE_DB", "assa_scale")
PGURL = os.environ.get("PGURL", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("SCALE_REDIS", "redis://127.0.0.1:6379/9")
_redis_base, _, _redis_db = REDIS.rpartition("/")
BROKER = f"{_redis_base}/{int(_redis_db) + 1}"
PORT = int(os.environ.get("SCALE_PORT", "8230"))
NGINX_PORT, PORT_A, PORT_B, S3_PORT, STREAM_PORT, NGINX_HTTP = range(PORT, PORT + 6)
SECONDS = int(os.environ.get("SCALE_SECONDS", "20"))
CONNECTIONS = int(os.environ.get("SCALE_CONNECTIONS", "32"))
DIR = (ROOT / os.environ.get("SCALE_DIR", "var/scale")).resolve()
PASSWORD = "scale-test-" + uuid.uuid4().hex
PUBLIC_BUCKET, PRIVATE_BUCKET = "scale-public", "scale-private"

processes: dict[str, subprocess.Popen] = {}
servers: list[MotoServer] = []
failures: list[str] = []


def log(message: str) -> None:
    print(f"[scale {time.strftime('%H:%M:%S')}] {message}", flush=True)


def check(condition: bool, what: str) -> None:
    log(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def site_env() -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "scale-test-only-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"https://127.0.0.1:{NGINX_PORT}",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"{PGURL}/{DB}",
        "REDIS_URL": REDIS,
        "CELERY_BROKER_URL": BROKER,
        "S3_BUCKET": PUBLIC_BUCKET,
        "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
        "S3_ENDPOINT_URL": f"http://127.0.0.1:{S3_PORT}",
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "scale-key",
        "S3_SECRET_ACCESS_KEY": "scale-secret",
        "STATIC_ROOT": str(DIR / "static"),
        "TRUSTED_PROXY_COUNT": "1",
        "PAGE_CACHE": "true",
        "EMAIL_URL": "console://",
        "SECRETARIAT_EMAILS": "desk@example.org",
        "SCALE_PASSWORD": PASSWORD,
        "WEB_CONCURRENCY": "2",
        "GUNICORN_PRELOAD": "true",
        "LOG_LEVEL": "WARNING",
    }


def manage(*args: str) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=site_env(), capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def start(name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
    handle = (DIR / f"{name}.log").open("w")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env or site_env(), stdout=handle, stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: killed as one
    )  # fmt: skip
    processes[name] = process
    return process


def wait_for(port: int, path: str = "/healthz", tls: bool = False, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _, _ = request(port, "GET", path, tls=tls)
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port}")


def kill(name: str, sig=signal.SIGTERM) -> None:
    process = processes.get(name)
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# ---- a small HTTP client that keeps its own cookies --------------------------------


def request(port, method, path, *, tls=False, headers=None, body=None, host=None):
    if tls:
        context = ssl.create_default_context(cafile=str(DIR / "tls" / "fullchain.pem"))
        connection = HTTPSConnection("127.0.0.1", port, timeout=30, context=context)
    else:
        connection = HTTPConnection(host or "127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, answer.headers, answer.read()
    finally:
        connection.close()


class Browser:
    """Cookies by hand: the site's are Secure, and these requests go to gunicorn directly."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def go(
        self, port, method, path, *, fields=None, files=None, tls=False, headers=None, body=None
    ):
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        # body: as given (a piece of a file), unless fields or files make one.
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for key, value in (fields or {}).items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for key, (name, data) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; '
                    f'filename="{name}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                    + data
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif fields is not None:
            body = urllib.parse.urlencode(fields, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if method in ("POST", "PATCH", "DELETE"):
            # Over HTTPS Django compares the Referer with the host nginx passes on ($host,
            # without the port), as for a site on port 443.
            headers["Referer"] = (
                f"https://127.0.0.1{path}" if tls else f"http://127.0.0.1:{port}{path}"
            )
        status, answer_headers, content = request(
            port, method, path, tls=tls, headers=headers, body=body
        )
        for cookie in answer_headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        return status, answer_headers, content

    def csrf(self, port, path) -> str:
        _, _, content = self.go(port, "GET", path)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if not found:
            raise RuntimeError(f"no form on {path}")
        return found.group(1).decode()

    def log_in(self, port, path, username) -> int:
        token = self.csrf(port, path)
        fields = {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
        status, _, _ = self.go(port, "POST", path, fields=fields)
        return status


def fetch_url(url: str) -> bytes:
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    status, _, content = request(parts.port, "GET", path, host=parts.hostname)
    if status != 200:
        raise RuntimeError(f"{url} answered {status}")
    return content


def sql(query: str) -> str:
    return subprocess.run(
        ["psql", "-qtA", f"{PGURL}/{DB}", "-c", query], check=True, capture_output=True, text=True
    ).stdout.strip()


# ---- the pieces ----------------------------------------------------------------------


def prepare() -> dict:
    if DIR.exists():
        shutil.rmtree(DIR)
    for folder in ("tls", "tmp", "static"):
        (DIR / folder).mkdir(parents=True)
    log(f"database {DB} (dropped and made again), Redis {REDIS} and {BROKER} emptied")
    subprocess.run(
        ["psql", "-q", f"{PGURL}/postgres", "-c", f"DROP DATABASE IF EXISTS {DB}",
         "-c", f"CREATE DATABASE {DB}"], check=True, capture_output=True,
    )  # fmt: skip
    for url in (REDIS, BROKER):
        subprocess.run(["redis-cli", "-u", url, "FLUSHDB"], check=True, capture_output=True)
    log(f"moto's S3 server on {S3_PORT}")
    servers.append(MotoServer(S3_PORT))
    log("create_buckets, migrate, collectstatic, people and two files (one of 20 MB)")
    manage("create_buckets")
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    script = (ROOT / "scale" / "setup_site.py").read_text()
    ids = json.loads(manage("shell", "-c", script).strip().splitlines()[-1])
    make_certificate(DIR / "tls")
    return ids


def serve() -> None:
    for name, port in (("web-a", PORT_A), ("web-b", PORT_B)):
        log(f"gunicorn {name} on {port}")
        start(
            name, [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
        )
    stream_env = {**site_env(), "PRIVATE_FILES_DELIVERY": "stream", "WEB_CONCURRENCY": "1"}
    start(
        "web-stream",
        [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{STREAM_PORT}"],
        env=stream_env,
    )
    log("celery worker")
    start(
        "worker",
        [str(BIN / "celery"), "-A", "assa", "worker", "--pool", "solo", "--loglevel", "INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
    )  # fmt: skip
    conf = DIR / "nginx.conf"
    conf.write_text(
        local_nginx_conf(
            DIR, upstreams=[PORT_A, PORT_B], http_port=NGINX_HTTP, https_port=NGINX_PORT
        )
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    subprocess.run([nginx, "-t", "-q", "-c", conf, "-p", DIR], check=True)
    log(f"nginx on {NGINX_PORT} (HTTPS) balancing {PORT_A} and {PORT_B}")
    start("nginx", [nginx, "-c", str(conf), "-p", str(DIR), "-g", "daemon off;"])
    for port in (PORT_A, PORT_B, STREAM_PORT):
        wait_for(port)
    wait_for(NGINX_PORT, tls=True)


def show_shared_state(ids: dict) -> None:
    # 1. Upload through A, download through B (the member's session travels too).
    member = Browser()
    check(member.log_in(PORT_A, "/en/portal/login/", "member") == 302, "member logs in on A")
    title = f"Scale paper {uuid.uuid4().hex[:8]}"
    data = pdf_bytes(2, width=500 + int(time.time()) % 97)
    token = member.csrf(PORT_A, "/en/portal/upload/")
    status, _, _ = member.go(
        PORT_A, "POST", "/en/portal/upload/",
        fields={"csrfmiddlewaretoken": token, "title_en": title, "kind": "paper", "language": "en"},
        files={"file": ("scale-paper.pdf", data)},
    )  # fmt: skip
    check(status == 302, "member uploads a paper through A")
    pk = int(sql(f"SELECT id FROM documents_document WHERE title_en = '{title}'") or 0)
    status, headers, _ = member.go(PORT_B, "GET", f"/download/{pk}/scale-paper.pdf")
    check(status == 302 and "X-Amz-Signature" in headers.get("Location", ""),
          "B answers the member's download with a signed link (A's session is valid on B)")  # fmt: skip
    check(status == 302 and fetch_url(headers["Location"]) == data,
          "the file uploaded through A downloads through B, byte for byte")  # fmt: skip
    status, _, _ = Browser().go(PORT_B, "GET", f"/download/{pk}/scale-paper.pdf")
    check(status == 404, "not for anyone else: B answers 404 without the session")

    # 2. An approval on A is on B's public page at once, though B had cached the page.
    visitor = Browser()
    for _ in range(2):
        status, headers, page = visitor.go(PORT_B, "GET", "/en/documents/")
    check(status == 200 and title.encode() not in page, "B's library (cached) lacks the paper")
    clerk = Browser()
    check(clerk.log_in(PORT_A, "/admin/login/?next=/admin/", "clerk") == 302, "clerk logs in on A")
    queue = "/admin/documents/submission/"
    token = clerk.csrf(PORT_A, queue)
    status, _, _ = clerk.go(
        PORT_A, "POST", queue,
        fields={"csrfmiddlewaretoken": token, "action": "approve_selected", "_selected_action": pk},
    )  # fmt: skip
    check(status == 302, "clerk approves the paper on A")
    status, _, page = Browser().go(PORT_B, "GET", "/en/documents/")
    check(status == 200 and title.encode() in page, "B's public library shows it at once")

    # 3. The clerk's session, made on A, is valid on B's admin.
    status, _, page = clerk.go(PORT_B, "GET", queue)
    check(status == 200 and b"submission" in page.lower(), "A's admin session is valid on B")

    # The worker sent the decision's email (console backend: its log).
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and title not in (DIR / "worker.log").read_text():
        time.sleep(0.5)
    check(title in (DIR / "worker.log").read_text(), "the worker sent the emails of the paper")


TUS = {"Tus-Resumable": "1.0.0"}


def show_resumable_upload_across_servers() -> None:
    """4. Begun through nginx, half the pieces to A, the rest to B, the form through nginx."""
    member = Browser()
    check(member.log_in(PORT_A, "/en/portal/login/", "member") == 302, "member logs in on A")
    # The form's token, sent in X-CSRFToken with each change, as the page's script does.
    token = member.csrf(PORT_A, "/en/portal/upload/")
    data = pdf_bytes(12, width=700 + int(time.time()) % 97)
    name = "scale-resumed.pdf"
    metadata = ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}"
        for key, value in (("filename", name), ("filetype", "application/pdf"))
    )
    status, headers, answer = member.go(
        NGINX_PORT, "POST", "/uploads/", tls=True,
        headers={**TUS, "X-CSRFToken": token, "Upload-Length": str(len(data)),
                 "Upload-Metadata": metadata},
    )  # fmt: skip
    location = headers.get("Location", "")
    check(status == 201 and location.startswith("/uploads/"),
          f"the member begins an upload of {len(data)} bytes through nginx ({status})")  # fmt: skip
    if status != 201:
        log(f"      nginx answered {answer[:300]!r}")
        return
    pieces = 8
    size = -(-len(data) // pieces)
    for index, offset in enumerate(range(0, len(data), size)):
        port, server = (PORT_A, "A") if index < pieces // 2 else (PORT_B, "B")
        status, headers, _ = member.go(
            port, "PATCH", location,
            headers={**TUS, "X-CSRFToken": token, "Upload-Offset": str(offset),
                     "Content-Type": "application/offset+octet-stream"},
            body=data[offset : offset + size],
        )  # fmt: skip
        if status != 204 or headers.get("Upload-Offset") != str(min(offset + size, len(data))):
            answered = headers.get("Upload-Offset")
            check(
                False,
                f"piece {index + 1} of {pieces} at {offset} to {server}: {status}, {answered}",
            )
            return
    check(True, f"pieces 1-{pieces // 2} went to A, pieces {pieces // 2 + 1}-{pieces} to B")
    status, headers, _ = member.go(PORT_A, "HEAD", location, headers=TUS)
    check(status == 200 and headers.get("Upload-Offset") == str(len(data)),
          "A sees the whole file, though B took its last pieces")  # fmt: skip
    upload = location.rstrip("/").rsplit("/", 1)[-1]
    title = f"Scale paper sent in pieces {upload[:8]}"
    status, _, _ = member.go(
        NGINX_PORT, "POST", "/en/portal/upload/", tls=True,
        fields={"csrfmiddlewaretoken": token, "title_en": title, "kind": "paper",
                "language": "en", "resumable_upload": upload},
    )  # fmt: skip
    check(status == 302, "the portal's form, through nginx, takes the finished upload")
    row = sql(f"SELECT id, sha256, size FROM documents_document WHERE title_en = '{title}'")
    pk, digest, stored_size = (row.split("|") + ["", "", ""])[:3]
    original = hashlib.sha256(data).hexdigest()
    check(digest == original and stored_size == str(len(data)),
          "the stored document's SHA-256 is the original file's")  # fmt: skip
    status, headers, _ = member.go(PORT_B, "GET", f"/download/{pk}/{name}")
    check(status == 302 and hashlib.sha256(fetch_url(headers["Location"])).hexdigest() == original,
          "the stored file downloads through B with the original's SHA-256")  # fmt: skip
    left = sql(f"SELECT count(*) FROM documents_partialupload WHERE id = '{upload}'")
    check(left == "0", "the upload is gone once the document is stored")


WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def load_with_a_kill(ids: dict) -> tuple[int, int]:
    paths = [
        "/en/", "/km/", "/en/documents/", "/en/events/", "/en/news/", "/en/members/",
        f"/en/documents/{ids['small']}/", f"/download/{ids['small']}/minutes.pdf",
        "/healthz",
    ]  # fmt: skip
    script = DIR / "paths.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
    log(
        f"wrk: {SECONDS} s, {CONNECTIONS} connections on {len(paths)} addresses; B is killed at 1/3"
    )
    wrk = subprocess.Popen(
        ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", "--timeout", "10s",
         "-s", str(script), f"https://127.0.0.1:{NGINX_PORT}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    time.sleep(SECONDS / 3)
    log("SIGKILL to every process of instance B")
    os.killpg(processes["web-b"].pid, signal.SIGKILL)
    output, _ = wrk.communicate(timeout=SECONDS + 60)
    (DIR / "wrk.txt").write_text(output)
    print(output, flush=True)
    total = int(re.search(r"(\d+) requests in", output).group(1))
    failed = 0
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if errors:
        failed += sum(int(n) for n in errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        failed += int(non_2xx.group(1))
    check(failed == 0, f"no failed request while B died ({total} requests)")
    return total, failed


def throughput(ids: dict, rounds: int = 5) -> None:
    """MB/s for the 20 MB file: a signed link (moto sends it) vs streamed through the app."""
    path = f"/download/{ids['big']}/statistics.pdf"
    size = 0
    started = time.monotonic()
    for _ in range(rounds):
        status, headers, _ = request(PORT_A, "GET", path, headers={"Host": "127.0.0.1"})
        size += len(fetch_url(headers["Location"]))
    signed = size / (time.monotonic() - started) / 1e6
    size = 0
    started = time.monotonic()
    for _ in range(rounds):
        status, _, content = request(STREAM_PORT, "GET", path, headers={"Host": "127.0.0.1"})
        size += len(content)
    streamed = size / (time.monotonic() - started) / 1e6
    log(f"20 MB file, {rounds} downloads one after another: signed link {signed:.0f} MB/s, "
        f"streamed through the app {streamed:.0f} MB/s")  # fmt: skip


def stop() -> None:
    for name in ("nginx", "web-a", "web-b", "web-stream", "worker"):
        kill(name)
    for server in servers:
        server.stop()


def main() -> int:
    # `timeout` (scale/run.sh) ends a run that hangs with SIGTERM: stop everything then too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped by SIGTERM"))
    total = failed = 0
    try:
        ids = prepare()
        serve()
        show_shared_state(ids)
        show_resumable_upload_across_servers()
        total, failed = load_with_a_kill(ids)
        if os.environ.get("SCALE_THROUGHPUT", "1") != "0":
            throughput(ids)
    except (Exception, SystemExit) as exc:  # every error fails the test, with its reason
        log(f"FAIL  {type(exc).__name__}: {exc}")
        failures.append(str(exc))
    finally:
        stop()
    if failures:
        log(f"{len(failures)} checks failed: " + "; ".join(failures))
    print(f"{total} requests, {failed} failed", flush=True)
    return 1 if failures or failed else 0


if __name__ == "__main__":
    sys.exit(main())
