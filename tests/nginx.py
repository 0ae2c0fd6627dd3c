"""deploy/nginx.conf as shipped, made to run on 127.0.0.1 from a folder of one's own.

Used by the nginx tests (tests/security/test_nginx.py), the scale-out test
(scale/run.py) and the upload benchmark (bench/upload.py), so all three exercise the
file that is deployed, not a copy of it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

CONF = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"


def local_nginx_conf(
    root: Path, *, upstreams: list[int], http_port: int, https_port: int, buffered: bool = True
) -> str:
    """The shipped configuration with its paths under ``root`` (logs, the TLS pair in
    ``root/tls``, nginx's buffers in ``root/tmp``, static, media and private files),
    listening on 127.0.0.1 only, in front of one or two app servers on 127.0.0.1.

    ``buffered=False`` passes request bodies on as they arrive. Raises RuntimeError if
    the shipped file no longer has a line this relies on.
    """
    if len(upstreams) not in (1, 2):
        raise ValueError("deploy/nginx.conf names one or two app servers")
    replacements = {
        "pid /var/run/nginx.pid;": f"pid {root}/nginx.pid;",
        "error_log /dev/stderr warn;": f"error_log {root}/nginx-error.log warn;",
        "access_log /dev/stdout;": (
            f"access_log {root}/nginx-access.log;\n"
            # Where nginx buffers bodies and answers: somewhere this user may write.
            f"    client_body_temp_path {root}/tmp/body;\n"
            f"    proxy_temp_path {root}/tmp/proxy;\n"
            f"    fastcgi_temp_path {root}/tmp/fastcgi;\n"
            f"    uwsgi_temp_path {root}/tmp/uwsgi;\n"
            f"    scgi_temp_path {root}/tmp/scgi;"
        ),
        "server web1:8000": f"server 127.0.0.1:{upstreams[0]}",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;\n": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;\n": "",
        "/etc/nginx/tls/": f"{root}/tls/",
        "root /app/var;": f"root {root};",
        "root /data;": f"root {root};",
        "alias /data/private/;": f"alias {root}/private/;",
    }
    if len(upstreams) == 2:
        replacements["server web2:8000"] = f"server 127.0.0.1:{upstreams[1]}"
    else:
        replacements["server web2:8000 max_fails=1 fail_timeout=10s;\n"] = ""
    if not buffered:
        replacements["proxy_request_buffering on;"] = "proxy_request_buffering off;"
    conf = CONF.read_text()
    for old, new in replacements.items():
        if old not in conf:
            raise RuntimeError(f"deploy/nginx.conf no longer has {old!r}")
        conf = conf.replace(old, new)
    if os.geteuid() == 0:
        # As root nginx would run its workers as "nobody", who cannot read these folders.
        conf = "user root;\n" + conf
    return conf


def make_certificate(tls: Path) -> None:
    """A self-signed pair for 127.0.0.1 in ``tls`` (fullchain.pem, privkey.pem), valid
    for a day: what ``local_nginx_conf`` serves HTTPS with. Needs openssl."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", tls / "privkey.pem", "-out", tls / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
