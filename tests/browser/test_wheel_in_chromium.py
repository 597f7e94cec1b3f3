"""A built wheel runs anywhere: installed into a fresh environment outside the checkout,
`advisor assess` reads the shipped rule pack and `advisor app` serves the app from it.

The wheel is built from the checkout (the build backend's include mapping carries `rules/`,
`examples/` and `app.py` into the package) and installed without its dependencies into a new
virtual environment, whose dependencies come from this one's site-packages (added as a plain
path, so this checkout's own editable install is not seen there). Every command runs from an
empty folder with its own home, so nothing can be found through the working directory.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ROOT, free_port

pytestmark = pytest.mark.browser


class Installed:
    def __init__(self, root: Path, home: Path) -> None:
        self.bin = root / "bin"
        self.home = home
        self.env = {**os.environ, "HOME": str(home)}
        self.env.pop("PYTHONPATH", None)  # the wheel's package, not a checkout's

    def run(self, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "advisor"), *argv],
            cwd=self.home,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built by the pip of a fresh environment: the project's own (made by uv) has no pip.
    builder = tmp_path_factory.mktemp("builder")
    subprocess.run([sys.executable, "-m", "venv", str(builder)], check=True, timeout=120)
    subprocess.run(
        [builder / "bin" / "python", "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, ROOT],
        check=True,
        timeout=600,
    )
    (built,) = out.glob("am_advisor-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("fresh")
    subprocess.run([sys.executable, "-m", "venv", str(root)], check=True, timeout=120)
    python = root / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies, from this environment: a plain path (its .pth files are not run there).
    Path(purelib, "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        timeout=300,
    )
    return Installed(root, tmp_path_factory.mktemp("home"))


def test_the_wheel_carries_the_rule_pack_the_samples_and_the_app(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "advisor/_bundled/app.py" in names
    assert "advisor/_bundled/rules/30-readiness.yaml" in names
    assert "advisor/_bundled/examples/northwind-hire-now.yaml" in names
    assert "advisor/_bundled/examples/crm/accounts.csv" in names
    assert "advisor/ui/pages/assess.py" in names
    assert "advisor/workspace/migrations/script.py.mako" in names
    assert "advisor/locale/es/LC_MESSAGES/advisor.mo" in names  # compiled by the build hook


def test_an_installed_wheel_assesses_outside_the_checkout(installed: Installed) -> None:
    where = installed.run("--version")
    assert where.returncode == 0 and where.stdout.startswith("advisor "), where.stderr
    example = next(installed.bin.parent.glob("lib/*/site-packages/advisor/_bundled/examples"))
    done = installed.run("assess", str(example / "northwind-hire-now.yaml"), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"verdict": "hire_now"' in done.stdout
    assert str(ROOT) not in done.stdout  # the rule pack read is the wheel's own
    # The wheel's compiled Spanish catalogue answers (the environment asks for Spanish).
    refused = installed.run(
        "assess", "missing.yaml", "--lang=xx", LANG="es_ES.UTF-8", LC_ALL="", LC_MESSAGES=""
    )
    assert refused.returncode == 2
    assert "'xx' no es un idioma del producto" in refused.stderr


@pytest.fixture
def served(installed: Installed) -> Iterator[str]:
    port = free_port()
    log = installed.home / "app.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(installed.bin / "advisor"),
                "app",
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=installed.home,
            env=installed.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text("utf-8", "replace")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                assert time.monotonic() < deadline, log.read_text("utf-8", "replace")
                time.sleep(0.1)
        yield url
    finally:
        os.killpg(os.getpgid(process.pid), signal.SIGTERM)
        process.wait(timeout=20)


def test_an_installed_wheel_serves_the_app_with_its_pages(served: str, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(served)
    expect(page.get_by_role("heading", name="Assess")).to_be_visible(timeout=60_000)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Rules").click()
    expect(page.get_by_role("heading", name="Rules", exact=True)).to_be_visible(timeout=30_000)
    # The rules table (a data grid) lists the shipped pack's rules.
    expect(page.get_by_text("DELIVERY-NOT-STANDARDISED").first).to_be_attached(timeout=30_000)
