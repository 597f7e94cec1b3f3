"""The team deployment's proxy for the browser tests and the load bench: Debian's nginx running
the shipped `deploy/nginx.conf.template` (TLS, WebSocket upgrades, cookie affinity) in front of
two app processes, with a self-signed certificate for `localhost`."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from browser_support import ROOT
from sign_in_support import HOST

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def unverified_tls() -> ssl.SSLContext:
    """A client context that accepts the self-signed certificate."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    return context


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for `localhost`, valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert, key_file = folder / "advisor.crt", folder / "advisor.key"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert, key_file


def site(port: int, apps: list[int], cert: Path, key: Path) -> str:
    """The shipped template with its placeholders filled in, every one of them."""
    filled = (ROOT / "deploy" / "nginx.conf.template").read_text(encoding="utf-8")
    for name, value in {
        "ADVISOR_LISTEN": f"127.0.0.1:{port}",
        "ADVISOR_HOST": HOST,
        "ADVISOR_CERT": str(cert),
        "ADVISOR_CERT_KEY": str(key),
        "ADVISOR_APP_1": f"127.0.0.1:{apps[0]}",
        "ADVISOR_APP_2": f"127.0.0.1:{apps[1]}",
    }.items():
        filled = filled.replace("${" + name + "}", value)
    assert "${ADVISOR_" not in filled, "a placeholder of the template was left unfilled"
    return filled


@contextmanager
def nginx(folder: Path, site: str, port: int) -> Iterator[Path]:
    """nginx in the foreground with everything it writes in `folder`; its error log."""
    (folder / "advisor.conf").write_text(site, encoding="utf-8")
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers reach the temporary folders
    temp = " ".join(
        f"{kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    temp += f" uwsgi_temp_path {folder / 'uwsgi'}; scgi_temp_path {folder / 'scgi'};"
    (folder / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\nevents {{ worker_connections 512; }}\n"
        f"http {{\n  access_log {folder / 'access.log'};\n  {temp}\n"
        f"  include {folder / 'advisor.conf'};\n}}\n",
        encoding="utf-8",
    )
    config = ["-p", str(folder), "-c", str(folder / "nginx.conf")]
    checked = subprocess.run([NGINX, "-t", *config], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, f"nginx refused the shipped template:\n{checked.stderr}"
    process = subprocess.Popen(
        [NGINX, *config, "-g", "daemon off;"], stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_for(f"https://{HOST}:{port}/_stcore/health", process)
        yield folder / "error.log"
    finally:
        os.killpg(os.getpgid(process.pid), signal.SIGTERM)
        process.wait(timeout=10)


def wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    unverified = unverified_tls()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "nginx stopped"
        try:
            with urllib.request.urlopen(url, timeout=2, context=unverified) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer through nginx in 30 s")
