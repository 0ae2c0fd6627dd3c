"""How long a 50 MB upload takes through nginx on 127.0.0.1: the plain form, and in pieces.

`make bench-upload` (or `python bench/upload.py`) serves a site of its own as in production
(DEBUG off, gunicorn.conf.py with 2 sync workers, SQLite and folders under
var/bench-upload/) behind Debian's nginx with deploy/nginx.conf (TLS, one app server), logs
a member in, and times, UPLOAD_BENCH_RUNS times each (3), from the first byte sent to the
answer that the document is stored:

- form: the portal's upload form with the file in it, one multipart POST;
- tus: the file in pieces of UPLOAD_CHUNK_MB (2) through /uploads/ (one POST, then a PATCH
  per piece on one kept-alive connection, as browsers do), then the form naming it;
- tus, unbuffered: the same, with nginx passing pieces on as they arrive
  (``proxy_request_buffering off``) instead of whole (the shipped setting).

Every run sends a different file (random bytes in a valid PDF, 50 MB less 1 KB), so none
is refused as a duplicate. Prints each run and the median seconds and MB/s of each way.
Needs nginx and openssl; everything it starts is stopped at the end, and the folder removed.
UPLOAD_BENCH_PORT (8290, and the next two) and UPLOAD_BENCH_RUNS adjust it.
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import shutil
import signal
import ssl
import statistics
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.nginx import local_nginx_conf, make_certificate  # noqa: E402

PY = os.environ.get("PY", sys.executable)
BIN = Path(PY).parent
PORT = int(os.environ.get("UPLOAD_BENCH_PORT", "8290"))
NGINX_PORT, APP_PORT, NGINX_HTTP = PORT, PORT + 1, PORT + 2
RUNS = int(os.environ.get("UPLOAD_BENCH_RUNS", "3"))
DIR = ROOT / "var" / "bench-upload"
MB = 1024 * 1024
SIZE = 50 * MB - 1024
CHUNK = int(os.environ.get("UPLOAD_CHUNK_MB", "2")) * MB
PASSWORD = "bench-" + uuid.uuid4().hex
ORIGIN = f"https://127.0.0.1:{NGINX_PORT}"

processes: dict[str, subprocess.Popen] = {}


def log(message: str) -> None:
    print(f"[upload-bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def site_env() -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "upload-bench-only-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": ORIGIN,
        "CSRF_TRUSTED_ORIGINS": ORIGIN,
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{DIR / 'site.sqlite3'}",
        "MEDIA_ROOT": str(DIR / "media"),
        "PRIVATE_MEDIA_ROOT": str(DIR / "private"),
        "STATIC_ROOT": str(DIR / "static"),
        "FILE_UPLOAD_TEMP_DIR": str(DIR / "tmp" / "django"),
        "TRUSTED_PROXY_COUNT": "1",
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE": "false",
        "BENCH_PASSWORD": PASSWORD,
    }


SETUP = """
import os
from django.contrib.auth.models import User
from members.models import MemberInstitution, Membership
nssf = MemberInstitution.objects.create(name_en="NSSF", acronym="NSSF", slug="nssf", country="KH")
member = User.objects.create_user("member", "member@example.org", os.environ["BENCH_PASSWORD"])
Membership.objects.create(user=member, institution=nssf, language="en")
"""


def manage(*args: str) -> None:
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=site_env(), capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")


def start(name: str, command: list, env: dict | None = None) -> None:
    handle = (DIR / f"{name}.log").open("w")
    processes[name] = subprocess.Popen(
        command, cwd=ROOT, env=env or site_env(), stdout=handle, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def stop(name: str) -> None:
    process = processes.pop(name, None)
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start_nginx(buffered: bool) -> None:
    stop("nginx")
    conf = DIR / "nginx.conf"
    conf.write_text(
        local_nginx_conf(
            DIR,
            upstreams=[APP_PORT],
            http_port=NGINX_HTTP,
            https_port=NGINX_PORT,
            buffered=buffered,
        )
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    subprocess.run([nginx, "-t", "-q", "-c", conf, "-p", DIR], check=True)
    start("nginx", [nginx, "-c", str(conf), "-p", str(DIR), "-g", "daemon off;"])
    wait_for_port(NGINX_PORT)


def wait_for_port(port: int, seconds: float = 60) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


class Member:
    """One kept-alive HTTPS connection to nginx, with the session's cookies."""

    def __init__(self):
        context = ssl.create_default_context(cafile=str(DIR / "tls" / "fullchain.pem"))
        context.check_hostname = False
        self.context = context
        self.connection = None
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None):
        if self.connection is None:
            self.connection = http.client.HTTPSConnection(
                "127.0.0.1", NGINX_PORT, context=self.context, timeout=120
            )
        headers = {"Host": f"127.0.0.1:{NGINX_PORT}", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method in {"POST", "PATCH", "DELETE"}:
            headers.setdefault("Origin", ORIGIN)
            headers.setdefault("Referer", ORIGIN + path)
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        if response.headers.get("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response.status, response.headers, content

    def token(self, path: str) -> str:
        _, _, content = self.request("GET", path)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()

    def log_in(self) -> None:
        token = self.token("/en/portal/login/")
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": "member", "password": PASSWORD}
        )
        status, _, _ = self.request(
            "POST", "/en/portal/login/", body,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip
        if status != 302:
            raise RuntimeError(f"the member could not log in ({status})")


def write_pdf(path: Path, size: int) -> None:
    """A valid one-page PDF of exactly ``size`` bytes: random bytes in an unused stream."""
    prefix = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ],
        start=1,
    ):
        offsets.append(len(prefix))
        prefix += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    offsets.append(len(prefix))

    def around(length: int) -> tuple[bytes, bytes]:
        head = f"4 0 obj\n<< /Length {length} >>\nstream\n".encode()
        end = b"\nendstream\nendobj\n"
        xref = len(prefix) + len(head) + length + len(end)
        table = "xref\n0 5\n0000000000 65535 f \n"
        table += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
        table += f"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        return head, end + table.encode()

    length = size
    for _ in range(4):  # the lengths' digits settle at once
        head, tail = around(length)
        length = size - len(prefix) - len(head) - len(tail)
    head, tail = around(length)
    with path.open("wb") as stream:
        stream.write(prefix + head)
        left = length
        while left:
            piece = min(left, MB)
            stream.write(os.urandom(piece))
            left -= piece
        stream.write(tail)
    if path.stat().st_size != size:
        raise RuntimeError(f"{path} is {path.stat().st_size} bytes, not {size}")


def send_form(member: Member, pdf: Path, title: str) -> float:
    token = member.token("/en/portal/upload/")
    boundary = uuid.uuid4().hex
    fields = {"csrfmiddlewaretoken": token, "title_en": title, "kind": "paper", "language": "en"}
    head = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{pdf.name}"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    body = head + pdf.read_bytes() + tail
    started = time.perf_counter()
    status, _, _ = member.request(
        "POST", "/en/portal/upload/", body,
        {"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if status != 302:
        raise RuntimeError(f"the form answered {status}")
    return elapsed


def send_in_pieces(member: Member, pdf: Path, title: str) -> float:
    token = member.token("/en/portal/upload/")
    data = pdf.read_bytes()
    tus = {"Tus-Resumable": "1.0.0", "X-CSRFToken": token}
    name = base64.b64encode(pdf.name.encode()).decode()
    started = time.perf_counter()
    status, headers, content = member.request(
        "POST", "/uploads/", b"",
        {**tus, "Upload-Length": str(len(data)), "Upload-Metadata": f"filename {name}"},
    )  # fmt: skip
    if status != 201:
        raise RuntimeError(f"creation answered {status}: {content[:200]!r}")
    location = headers["Location"]
    offset = 0
    while offset < len(data):
        piece = data[offset : offset + CHUNK]
        status, headers, content = member.request(
            "PATCH", location, piece,
            {**tus, "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"},
        )  # fmt: skip
        if status != 204:
            raise RuntimeError(f"a piece answered {status}: {content[:200]!r}")
        offset = int(headers["Upload-Offset"])
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "title_en": title,
            "kind": "paper",
            "language": "en",
            "resumable_upload": location.rstrip("/").rsplit("/", 1)[-1],
        }
    )
    status, _, _ = member.request(
        "POST", "/en/portal/upload/", body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    elapsed = time.perf_counter() - started
    if status != 302:
        raise RuntimeError(f"the form naming the upload answered {status}")
    return elapsed


def main() -> int:
    import socket

    for port in (NGINX_PORT, APP_PORT, NGINX_HTTP):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                sys.exit(f"port {port} is taken: set UPLOAD_BENCH_PORT to another")
    if DIR.exists():
        shutil.rmtree(DIR)
    for folder in ("tls", "tmp/django", "static", "media", "private"):
        (DIR / folder).mkdir(parents=True)
    results: dict[str, list[float]] = {}
    try:
        log("migrate, collectstatic, a member of NSSF, a certificate")
        manage("migrate", "--noinput", "-v0")
        manage("collectstatic", "--noinput", "-v0")
        manage("shell", "-c", SETUP)
        make_certificate(DIR / "tls")
        log(f"gunicorn on {APP_PORT} (2 sync workers), nginx on {NGINX_PORT}")
        start("web", [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py",
                      "--bind", f"127.0.0.1:{APP_PORT}"])  # fmt: skip
        wait_for_port(APP_PORT)
        pdf = DIR / "tmp" / "Annual statistics.pdf"
        ways = [
            ("form (one POST)", True, send_form),
            (f"tus, {CHUNK // MB} MB pieces", True, send_in_pieces),
            (f"tus, {CHUNK // MB} MB pieces, unbuffered", False, send_in_pieces),
        ]
        for way, buffered, send in ways:
            start_nginx(buffered)
            member = Member()
            member.log_in()
            for run in range(1, RUNS + 1):
                write_pdf(pdf, SIZE)
                seconds = send(member, pdf, f"Bench {way} {run} {uuid.uuid4().hex[:6]}")
                results.setdefault(way, []).append(seconds)
                log(f"{way}, run {run}: {seconds:.2f} s ({SIZE / MB / seconds:.1f} MB/s)")
    finally:
        for name in list(processes):
            stop(name)
    print(f"\n{SIZE / MB:.2f} MB through nginx on 127.0.0.1, median of {RUNS}:")
    for way, times in results.items():
        median = statistics.median(times)
        print(f"  {way:<36} {median:6.2f} s  {SIZE / MB / median:6.1f} MB/s")
    shutil.rmtree(DIR, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
