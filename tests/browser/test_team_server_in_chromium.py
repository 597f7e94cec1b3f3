"""The team deployment as processes: one Postgres, two app processes, nginx with session affinity.

The topology `deploy/compose.yaml` runs in containers, here without Docker: the schema brought up
to date by `advisor db upgrade` as a step of its own, two app processes on that one database,
Debian's nginx in front with the shipped `deploy/nginx.conf.template` (TLS, WebSocket upgrades,
cookie affinity), and a local OpenID Connect provider. Several consultants, each in a browser of
their own, sign in through the proxy, upload a CRM export and save a case. Streamlit keeps a
session in one process's memory: without affinity an upload reaches the other process half the
time and fails.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser_support import REQUIRE_BROWSER, ROOT, StreamlitServer, free_port
from sign_in_support import HOST, Provider, oidc_provider, sign_in, verified, write_secrets
from sqlalchemy import create_engine, text
from test_app_in_chromium import expect
from test_workspace_access_in_chromium import add_client_and_open_its_cases

pytestmark = pytest.mark.browser

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SESSIONS = 4
EXPORT = "account,arr start,arr end\nOak,1000,1200\nElm,500,0\nAsh,800,800\n"


@dataclass(frozen=True)
class ProxiedApp:
    """What `sign_in` needs of an app: where browsers open it and the providers it trusts."""

    url: str
    providers: tuple[Provider, ...]


def _certificate(folder: Path) -> tuple[Path, Path]:
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


def _site(port: int, apps: list[StreamlitServer], cert: Path, key: Path) -> str:
    """The shipped template with its placeholders filled in, every one of them."""
    filled = (ROOT / "deploy" / "nginx.conf.template").read_text(encoding="utf-8")
    for name, value in {
        "ADVISOR_LISTEN": f"127.0.0.1:{port}",
        "ADVISOR_HOST": HOST,
        "ADVISOR_CERT": str(cert),
        "ADVISOR_CERT_KEY": str(key),
        "ADVISOR_APP_1": f"127.0.0.1:{apps[0].port}",
        "ADVISOR_APP_2": f"127.0.0.1:{apps[1].port}",
    }.items():
        filled = filled.replace("${" + name + "}", value)
    assert "${ADVISOR_" not in filled, "a placeholder of the template was left unfilled"
    return filled


@contextmanager
def _nginx(folder: Path, site: str, port: int) -> Iterator[Path]:
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
        _wait_for(f"https://{HOST}:{port}/_stcore/health", process)
        yield folder / "error.log"
    finally:
        os.killpg(os.getpgid(process.pid), signal.SIGTERM)
        process.wait(timeout=10)


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    unverified = ssl.create_default_context()
    unverified.check_hostname, unverified.verify_mode = False, ssl.CERT_NONE
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


def _advisor(*argv: str, database: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *argv, "--db", database],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def nginx_available(browser_available: None) -> None:
    if Path(NGINX).exists():
        return
    reason = "nginx is not installed (apt-get install nginx-light; .ci/run does)"
    if REQUIRE_BROWSER:
        pytest.fail(f"ADVISOR_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def test_consultants_sign_in_upload_and_save_through_nginx_on_two_app_processes(
    browser: Any, nginx_available: None, team_database: str, tmp_path: Path
) -> None:
    upgraded = _advisor("db", "upgrade", database=team_database)
    assert upgraded.returncode == 0, upgraded.stderr
    checked = _advisor("db", "check", database=team_database)
    assert checked.returncode == 0, checked.stderr  # the readiness probe of a container

    export = tmp_path / "accounts.csv"
    export.write_text(EXPORT, encoding="utf-8")
    port = free_port()
    cert, key = _certificate(tmp_path)
    with oidc_provider() as provider:
        # One sign-in settings file for both processes: the cookie secret signs the identity
        # cookie each of them reads.
        secrets = write_secrets(
            tmp_path / "secrets.toml", port, [provider], address=f"https://{HOST}:{port}"
        )
        apps = [
            StreamlitServer(
                ROOT / "app.py",
                host=HOST,
                options=["--secrets.files", str(secrets)],
                env={"ADVISOR_DATABASE_URL": team_database},
            )
            for _ in range(2)
        ]
        try:
            for app in apps:
                app.start()
            for app in apps:
                app.wait_ready()
            proxy = tmp_path / "nginx"
            proxy.mkdir()
            with _nginx(proxy, _site(port, apps, cert, key), port) as error_log:
                proxied = ProxiedApp(f"https://{HOST}:{port}", (provider,))
                processes = [
                    _one_consultant(browser, proxied, export, number)
                    for number in range(1, SESSIONS + 1)
                ]
                errors = [line for line in error_log.read_text().splitlines() if "[error]" in line]
        finally:
            logs = [app.output() for app in apps]
            for app in apps:
                app.stop()

    assert set(processes) == {"app-1", "app-2"}, f"every session on one process: {processes}"
    assert errors == []
    for log in logs:
        assert "Traceback" not in log
    engine = create_engine(team_database)
    with engine.connect() as connection:
        clients = connection.execute(text("SELECT count(*) FROM clients")).scalar_one()
        cases = connection.execute(text("SELECT count(*) FROM cases")).scalar_one()
    engine.dispose()
    assert (clients, cases) == (SESSIONS, SESSIONS)


def _one_consultant(browser: Any, app: ProxiedApp, export: Path, number: int) -> str:
    """One consultant's visit in a browser of their own; the process their session was on."""
    context = browser.new_context(
        ignore_https_errors=True, viewport={"width": 1400, "height": 1000}
    )
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        sign_in(page, app, f"consultant-{number}", claims=verified(f"c{number}@corp.example"))
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Portfolio").click()
        expect(page.get_by_role("heading", name="Portfolio")).to_be_visible()
        page.get_by_text("Upload an export").click()
        page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(export))
        expect(page.get_by_text(re.compile(r"^Rows left out \(0\)$"))).to_be_visible()

        client = f"Client {number}"
        add_client_and_open_its_cases(page, app, client)  # type: ignore[arg-type]
        page.get_by_role("button", name="Save as new").click()
        expect(page.get_by_text(re.compile(f"Saved today for {client}"))).to_be_visible()
        (affinity,) = [c["value"] for c in context.cookies() if c["name"] == "advisor_affinity"]
        return str(affinity)
    finally:
        context.close()
