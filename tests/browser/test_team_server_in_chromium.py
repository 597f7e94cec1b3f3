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

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser_support import REQUIRE_BROWSER, ROOT, StreamlitServer, free_port
from sign_in_support import HOST, Provider, oidc_provider, sign_in, verified, write_secrets
from sqlalchemy import create_engine, text
from team_support import NGINX, certificate, nginx, site
from test_app_in_chromium import expect
from test_workspace_access_in_chromium import add_client_and_open_its_cases

pytestmark = pytest.mark.browser

SESSIONS = 4
EXPORT = "account,arr start,arr end\nOak,1000,1200\nElm,500,0\nAsh,800,800\n"


@dataclass(frozen=True)
class ProxiedApp:
    """What `sign_in` needs of an app: where browsers open it and the providers it trusts."""

    url: str
    providers: tuple[Provider, ...]


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
    cert, key = certificate(tmp_path)
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
            with nginx(proxy, site(port, [a.port for a in apps], cert, key), port) as error_log:
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
