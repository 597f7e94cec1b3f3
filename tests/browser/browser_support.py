"""Run the app as the product starts it (`python -m advisor.ui.serve app.py`, Streamlit's own
`streamlit run` for any other script) and drive it in headless Debian Chromium.

Shared by the browser tests and `bench/bench_app.py`, so both start and drive the app the same
way. Nothing here downloads a browser: it uses the system Chromium or reports it missing.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRE_BROWSER = os.environ.get("ADVISOR_REQUIRE_BROWSER") == "1"
APP = ROOT / "app.py"
# How `make run`, `advisor app` and the image start the app: `streamlit run`'s options, with the
# first page's modules loading once the server has started.
APP_LAUNCHER = ("-m", "advisor.ui.serve")
STREAMLIT_RUN = ("-m", "streamlit", "run")


def missing_browser_reason() -> str | None:
    """Why the browser suite cannot run here, or None when it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class StreamlitServer:
    """`streamlit run SCRIPT` on 127.0.0.1 in its own process group; the app's own `app.py`
    through its launcher, as the product starts it.

    `options` are more `streamlit run` options (e.g. `--secrets.files PATH`), `env` more
    environment variables; `host` is the name the browser uses (sign-in needs the one the
    provider redirects back to).
    """

    def __init__(
        self,
        script: Path,
        cwd: Path = ROOT,
        *,
        port: int | None = None,
        host: str = "127.0.0.1",
        options: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.script = script
        self.cwd = cwd
        self.port = port or free_port()
        self.url = f"http://{host}:{self.port}"
        self.options = list(options)
        self.env = dict(env or {})
        self.process: subprocess.Popen[bytes] | None = None
        # A file, not a pipe: nobody reads the log while the server runs, and a full pipe
        # would block it.
        handle, name = tempfile.mkstemp(prefix="streamlit-", suffix=".log")
        os.close(handle)
        self.log_path = Path(name)

    def start(self) -> None:
        launcher = APP_LAUNCHER if self.script.resolve() == APP else STREAMLIT_RUN
        command = [
            sys.executable,
            *launcher,
            str(self.script),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(self.port),
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
            *self.options,
        ]
        with self.log_path.open("wb") as log:  # the child keeps its own copy of the handle
            self.process = subprocess.Popen(
                command,
                cwd=self.cwd,
                env={**os.environ, **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, stopped as a whole
            )

    def wait_ready(self, timeout: float = 60) -> None:
        """Wait until /_stcore/health answers ok."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"streamlit did not become healthy in {timeout:.0f} s:\n{self.output()}")

    def stop(self) -> None:
        """Stop the server's process group and remove its log."""
        if self.process is not None and self.process.poll() is None:
            group = os.getpgid(self.process.pid)  # the server's own group (start_new_session)
            os.killpg(group, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(group, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log_path.unlink(missing_ok=True)

    def output(self) -> str:
        """The end of the server's log, for failure messages."""
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text("utf-8", "replace")[-4000:]


@contextmanager
def running_app(script: Path) -> Iterator[StreamlitServer]:
    server = StreamlitServer(script)
    server.start()
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (playwright Browser) launched from /usr/bin/chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def number_field(page: Any, label: str) -> Any:
    """The number input with this label (its help button shares the label, so go by role)."""
    return page.get_by_role("spinbutton", name=label, exact=True)


def set_number(page: Any, label: str, value: float) -> None:
    """Type a value into the number input with this label and commit it (Enter)."""
    field = number_field(page, label)
    field.fill(str(value))
    field.press("Enter")


def full_page_screenshot(page: Any, path: Path) -> None:
    """Screenshot the whole page: Streamlit scrolls inside its main area, so grow the viewport."""
    height = page.evaluate(
        "() => Math.max(document.body.scrollHeight,"
        " ...[...document.querySelectorAll('[data-testid=\"stMain\"], section')]"
        ".map(e => e.scrollHeight))"
    )
    width = page.viewport_size["width"] if page.viewport_size else 1400
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12_000)})
    page.wait_for_timeout(400)  # let charts re-layout to the new size
    page.screenshot(path=str(path), full_page=True)
