"""Load: the two-process team deployment under 1, 10, 25 and 50 concurrent sessions.

Two app processes, started as the deployment starts them (`python -m advisor.ui.serve app.py`), on
one SQLite workspace, behind Debian's nginx with the shipped `deploy/nginx.conf.template` (TLS,
WebSocket upgrades, cookie affinity) when nginx is installed, else each session connected straight
to one of the two processes in turn. A bounded loopback client (one asyncio process, a WebSocket
per session speaking Streamlit's own protocol, no browser) opens every session on the Assess page,
then each session changes the account count `INTERACTIONS` times, one change after the other's
answer, all sessions at once. An interaction's latency is from the change sent to the end of the
rerun it starts (Streamlit's `script_finished`). A bare one-widget app under the same load, started
and driven the same way, is the floor every latency is divided by.

Printed per level: p50 and p95 latency (and their ratios to the floor's), errors (a rerun that
ended in an exception or timed out), dropped connections, the app processes' CPU time per
interaction and their memory (resident set, each process). Sign-in is off (the processes
listen on this computer only): a signed-in session costs the same per rerun once connected.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # the browser suite's harness

from browser_support import StreamlitServer, free_port
from team_support import HOST, NGINX, certificate, nginx, site, unverified_tls

LEVELS = (1, 10, 25, 50)
INTERACTIONS = 5  # changes per session per level
TIMEOUT_S = 60.0  # a rerun slower than this counts as an error
ACCOUNTS = "Active client accounts (accounts)"
BARE_APP = """\
import streamlit as st

number = st.number_input("Number", value=1, step=1)
st.write(f"Bare value {number}")
"""


@dataclass
class Level:
    """What one level of concurrency measured."""

    sessions: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    dropped: int = 0
    cpu_s: float = 0.0
    rss_mb: tuple[float, ...] = ()

    def p(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Session:
    """One browser session's WebSocket, driven without a browser."""

    def __init__(self, url: str, cookie: str, tls: bool) -> None:
        self.url, self.cookie, self.tls = url, cookie, tls
        self.socket: object = None
        self.widget_id = ""
        self.widget_label = ""

    async def open(self, label: str) -> None:
        import websockets

        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.socket = await websockets.connect(
            self.url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers=headers,
            max_size=None,
            ssl=unverified_tls() if self.tls else None,
            open_timeout=TIMEOUT_S,
        )
        self.widget_label = label
        await self.rerun(None)
        if not self.widget_id:
            raise RuntimeError(f"no number input labelled {label!r} on the page")

    async def rerun(self, value: int | None) -> float:
        """Send a rerun (with the number input at `value` when given); its latency."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_script_hash = ""
        if value is not None:
            state = message.rerun_script.widget_states.widgets.add()
            state.id = self.widget_id
            state.int_value = value
        start = time.perf_counter()
        await self.socket.send(message.SerializeToString())  # type: ignore[attr-defined]
        while True:
            data = await asyncio.wait_for(self.socket.recv(), TIMEOUT_S)  # type: ignore[attr-defined]
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "delta" and not self.widget_id:
                self._find_widget(forward)
            elif kind == "delta" and forward.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError(forward.delta.new_element.exception.message)
            elif kind == "script_finished":
                return time.perf_counter() - start

    def _find_widget(self, forward: object) -> None:
        element = forward.delta.new_element  # type: ignore[attr-defined]
        kind = element.WhichOneof("type")
        if kind == "number_input" and element.number_input.label == self.widget_label:
            self.widget_id = element.number_input.id

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()  # type: ignore[attr-defined]


def _affinity_cookie(base: str) -> str:
    """The affinity cookie nginx sets on a first request, as a Cookie header."""
    with urllib.request.urlopen(base + "/", timeout=TIMEOUT_S, context=unverified_tls()) as reply:
        jar = SimpleCookie()
        for header in reply.headers.get_all("Set-Cookie") or []:
            jar.load(header)
    return "; ".join(f"{key}={morsel.value}" for key, morsel in jar.items())


async def _run_level(
    addresses: list[str], proxied: bool, sessions: int, label: str, pids: list[int]
) -> Level:
    from websockets.exceptions import ConnectionClosed

    level = Level(sessions)
    opened: list[Session] = []
    for number in range(sessions):
        base = addresses[number % len(addresses)]
        cookie = await asyncio.to_thread(_affinity_cookie, base) if proxied else ""
        scheme = "wss" if base.startswith("https") else "ws"
        url = f"{scheme}://{base.split('://', 1)[1]}/_stcore/stream"
        session = Session(url, cookie, scheme == "wss")
        try:
            await session.open(label)
            opened.append(session)
        except (OSError, TimeoutError, RuntimeError, ConnectionClosed):
            level.dropped += 1

    async def drive(session: Session, offset: int) -> None:
        for step in range(INTERACTIONS):
            try:
                level.latencies.append(await session.rerun(20 + (offset + step) % 40))
            except (TimeoutError, RuntimeError):
                level.errors += 1
            except (OSError, ConnectionClosed):
                level.dropped += 1
                return

    cpu_before = sum(_cpu_seconds(pid) for pid in pids)
    await asyncio.gather(*(drive(session, n) for n, session in enumerate(opened)))
    level.cpu_s = sum(_cpu_seconds(pid) for pid in pids) - cpu_before  # the interactions only
    level.rss_mb = tuple(_rss_mb(pid) for pid in pids)
    for session in opened:
        await session.close()
    return level


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def _deployment(script: Path, folder: Path) -> Iterator[tuple[list[str], bool, list[int]]]:
    """Two processes of `script` on one workspace, behind nginx when installed: the addresses
    sessions open, whether they go through the proxy, and the processes' ids."""
    env = {"ADVISOR_DATABASE_URL": f"sqlite:///{folder / 'workspace.db'}"}
    with ExitStack() as stack:
        apps = [StreamlitServer(script, host=HOST, env=env) for _ in range(2)]
        for app in apps:
            app.start()
            stack.callback(app.stop)
        for app in apps:
            app.wait_ready()
        pids = [app.process.pid for app in apps if app.process is not None]
        if not Path(NGINX).exists():
            yield [app.url for app in apps], False, pids
            return
        port = free_port()
        proxy = folder / f"nginx-{script.stem}"
        proxy.mkdir()
        cert, key = certificate(folder)
        stack.enter_context(nginx(proxy, site(port, [app.port for app in apps], cert, key), port))
        yield [f"https://{HOST}:{port}"], True, pids


def measure(script: Path, folder: Path, label: str) -> list[Level]:
    levels = []
    with _deployment(script, folder) as (addresses, proxied, pids):
        for sessions in LEVELS:
            levels.append(asyncio.run(_run_level(addresses, proxied, sessions, label, pids)))
    return levels


def main() -> None:
    print("== Load (issue: install it anywhere, run it for a team) ==")
    try:
        import websockets  # noqa: F401
    except ModuleNotFoundError:
        print(
            "load figures skipped: the websockets package is not installed (make test installs it)"
        )
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        bare = folder / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        floor = measure(bare, folder, "Number")
        app = measure(ROOT / "app.py", folder, ACCOUNTS)
    route = "through nginx with cookie affinity" if Path(NGINX).exists() else "straight"
    print(
        f"two app processes, {route}; {INTERACTIONS} account-count changes per session on the "
        "Assess page, every session at once; floor: a bare one-widget app under the same load"
    )
    for ours, base in zip(app, floor, strict=True):
        done = len(ours.latencies)
        cpu_ms = ours.cpu_s / done * 1000 if done else float("nan")
        base_cpu_ms = base.cpu_s / len(base.latencies) * 1000 if base.latencies else float("nan")
        print(
            f"{ours.sessions:>2} sessions: p50 {ours.p(0.5) * 1000:.0f} ms "
            f"({ours.p(0.5) / base.p(0.5):.1f}× floor {base.p(0.5) * 1000:.0f} ms), "
            f"p95 {ours.p(0.95) * 1000:.0f} ms ({ours.p(0.95) / base.p(0.95):.1f}× floor "
            f"{base.p(0.95) * 1000:.0f} ms), errors {ours.errors}, dropped {ours.dropped}, "
            f"server CPU {cpu_ms:.0f} ms per interaction (floor {base_cpu_ms:.0f} ms), "
            f"memory {' + '.join(f'{mb:.0f}' for mb in ours.rss_mb)} MB"
        )


if __name__ == "__main__":
    main()
