"""Run a reader on uploaded bytes in a worker process, under a time and a memory ceiling.

The readers bound their own work (row, cell and element caps), and the app reads uploads
through here as well, so that no single upload can take the server's memory or its
interpreter: a read runs in a process of its own, limited in memory (`RLIMIT_AS`), processor
time (`RLIMIT_CPU`) and time on the clock (an alarm), and stops there. Meanwhile the thread that
asked only waits on a socket, so every other session keeps running.

Starting a Python process with pandas takes a second or two, far too long per upload, so one
fork server is started once per app process: it imports the readers, then forks a worker per
read, which starts warm in milliseconds. A read travels as plain frames over a socket pair of
its own: the task's name, its arguments and the file's bytes in, and the task's answer (bytes
the task encodes and its caller decodes against a declared type) out. Nothing is pickled. The
fork server reports how each worker ended, so the caller can say which ceiling was passed.

Where fork or descriptor passing is missing (not on Linux or macOS), a read runs in the
calling process, bounded only by the readers' own caps.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import resource
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import msgspec

Task = Callable[[bytes, bytes], bytes]  # (the file's bytes, encoded arguments) → encoded answer
_TASKS: dict[str, Task] = {}
_ROOT = str(Path(__file__).resolve().parent.parent)  # where the `advisor` package lives
_HEADER = 5  # a frame: 4 bytes of length, 1 byte of kind, then the payload
_CLOCK = 3  # seconds on the clock per second of processor time a read may take
# A read is one thread: numerical libraries' thread pools would only claim memory under the limit.
_ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def task(name: str) -> Callable[[Task], Task]:
    """Register a reader the worker may run by name (when its module is imported)."""

    def register(function: Task) -> Task:
        _TASKS[name] = function
        return function

    return register


@dataclass(frozen=True)
class Ceiling:
    """How much one read may use: processor seconds (three times as many on the clock, for a
    busy machine) and memory."""

    seconds: int = 60
    memory: int = 1_500_000_000  # bytes of address space the read may add to the worker's own


Reason = Literal["time", "memory", "stopped"]


class Overrun(Exception):
    """A read passed a ceiling, or its worker stopped without an answer."""

    def __init__(self, reason: Reason, ceiling: Ceiling, detail: str = "") -> None:
        self.reason = reason
        self.ceiling = ceiling
        self.detail = detail
        super().__init__(f"{reason}{': ' + detail if detail else ''}")


class _Job(msgspec.Struct, frozen=True):
    """What the fork server is told with each read's socket."""

    seconds: int
    memory: int
    module: str  # registers the task; the fork server has usually imported it already
    language: str = "en"  # the caller's: what the reader says (a refusal, a note) is in it


# ---------------------------------------------------------------------------------------------
# Frames


def _frame(kind: bytes, payload: bytes) -> bytes:
    return len(payload).to_bytes(4, "big") + kind + payload


def _receive(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    """Exactly `size` bytes; EOFError when the other end closes first."""
    chunks: list[bytes] = []
    while size:
        if deadline is not None:
            sock.settimeout(max(deadline - time.monotonic(), 0.001))
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _read_frame(sock: socket.socket, deadline: float | None = None) -> tuple[bytes, bytes]:
    header = _receive(sock, _HEADER, deadline)
    return header[4:], _receive(sock, int.from_bytes(header[:4], "big"), deadline)


# ---------------------------------------------------------------------------------------------
# The fork server and its workers (run in the server's process)


def serve(control_fd: int, preload: Sequence[str]) -> None:
    """The fork server's loop: a worker forked for each read, reported on when it ends."""
    for name in preload:
        importlib.import_module(name)
    # The readers' objects stay where they are in every worker: a garbage collection in a worker
    # would otherwise touch (and so copy) every page of them.
    gc.freeze()
    # Ctrl-C in the app's terminal reaches the whole process group: the server ends with the app
    # (its end of the socket closes), and a running read ends at its own limits.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    control = socket.socket(fileno=control_fd)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes the select below
    jobs: dict[int, socket.socket] = {}
    while True:
        readable, _, _ = select.select([control.fileno(), wake_read], [], [])
        if wake_read in readable:
            _drain(wake_read)
            _reap(jobs)
        if control.fileno() in readable:
            message, fds, _, _ = socket.recv_fds(control, 1024, 1)
            if not message:
                return  # the app closed its end; running workers finish under their own limits
            if not fds:
                continue
            job = socket.socket(fileno=fds[0])
            pid = os.fork()
            if pid == 0:
                control.close()
                os.close(wake_read)
                os.close(wake_write)
                _work(job, message)
            jobs[pid] = job


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 512):
            pass
    except BlockingIOError:
        pass


def _reap(jobs: dict[int, socket.socket]) -> None:
    """Tell each finished worker's caller how it ended: its exit code, or minus its signal."""
    while jobs:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        job = jobs.pop(pid, None)
        if job is not None:
            with contextlib.suppress(OSError):  # the caller may have gone
                job.sendall(_frame(b"X", str(os.waitstatus_to_exitcode(status)).encode()))
            job.close()


def _work(job: socket.socket, message: bytes) -> None:
    """One worker: limit itself, read the task's frames, answer, exit."""
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        given = msgspec.msgpack.decode(message, type=_Job)
        importlib.import_module(given.module)  # before the limits: libraries map memory on import
        _limit(given)
        from advisor import i18n

        i18n.set_language(given.language)
        _, name = _read_frame(job)
        _, args = _read_frame(job)
        _, data = _read_frame(job)
        kind, answer = _answer(name.decode(), args, data)
        job.sendall(_frame(kind, answer))
    except BaseException:  # noqa: BLE001 - a worker never returns into the server's loop
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(0)


def _limit(job: _Job) -> None:
    """Cap this worker's memory, processor time and time on the clock."""
    try:
        with open("/proc/self/statm", encoding="ascii") as status:
            size = int(status.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = size + job.memory
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        pass  # no /proc (macOS): the processor and clock limits still hold
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = job.seconds if hard == resource.RLIM_INFINITY else min(job.seconds, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(job.seconds * _CLOCK)


def _answer(name: str, args: bytes, data: bytes) -> tuple[bytes, bytes]:
    run = _TASKS.get(name)
    if run is None:
        return b"F", f"no task named {name!r}".encode()
    try:
        return b"A", run(data, args)
    except MemoryError:
        return b"M", b""
    except Exception as error:  # noqa: BLE001 - a reader bug: logged, reported as a stop
        traceback.print_exc()
        return b"F", type(error).__name__.encode()


# ---------------------------------------------------------------------------------------------
# The app's side


@dataclass
class _Server:
    process: subprocess.Popen[bytes]
    control: socket.socket
    lock: threading.Lock = field(default_factory=threading.Lock)


_server: _Server | None = None
_server_lock = threading.Lock()


def supported() -> bool:
    """Whether reads can run in a worker here (fork and descriptor passing)."""
    return hasattr(os, "fork") and hasattr(socket, "send_fds")


def warm(module: str) -> None:
    """Start the fork server now (it imports `module`), so the first read does not wait."""
    if supported():
        _running(module)


def _running(module: str) -> _Server:
    """The fork server, started if need be; it imports `module` (and this process's path)."""
    global _server
    with _server_lock:
        if _server is None or _server.process.poll() is not None:
            if _server is not None:
                _server.control.close()
            ours, theirs = socket.socketpair()
            path = [_ROOT, *sys.path]
            code = (
                f"import sys; sys.path[:] = {path!r}; from advisor.worker import serve; "
                f"serve({theirs.fileno()}, [{module!r}])"
            )
            process = subprocess.Popen(
                [sys.executable, "-c", code],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                env={**os.environ, **_ONE_THREAD},
            )
            theirs.close()
            _server = _Server(process, ours)
        return _server


def stop() -> None:
    """Stop the fork server, if one runs: the next read starts a fresh one."""
    global _server
    with _server_lock:
        if _server is None:
            return
        _server.control.close()
        _server.process.terminate()
        try:
            _server.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            _server.process.kill()
            _server.process.wait()
        _server = None


def run(module: str, name: str, args: bytes, data: bytes, ceiling: Ceiling) -> bytes:
    """Task `name`'s answer for `data`, read in a worker under `ceiling`; Overrun if passed.

    `module` registers the task: the fork server imports it when it starts (and a worker,
    if the server started with another), so readers are imported once, not per read.
    """
    if not supported():
        importlib.import_module(module)
        return _TASKS[name](data, args)
    ours, theirs = socket.socketpair()
    try:
        _hand_over(theirs, ceiling, module)
        theirs.close()
        deadline = time.monotonic() + ceiling.seconds * _CLOCK + 5
        ours.settimeout(ceiling.seconds * _CLOCK + 5)
        try:
            ours.sendall(_frame(b"T", name.encode()) + _frame(b"P", args))
            ours.sendall(_frame(b"D", data))
        except OSError:
            pass  # the worker stopped before reading it all: its end says why
        return _reply(ours, deadline, ceiling)
    finally:
        ours.close()
        theirs.close()


def _hand_over(theirs: socket.socket, ceiling: Ceiling, module: str) -> None:
    """Give the fork server the worker's end of the socket (starting it again if it died)."""
    from advisor import i18n

    job = _Job(ceiling.seconds, ceiling.memory, module, i18n.current())
    message = msgspec.msgpack.encode(job)
    for attempt in (1, 2):
        server = _running(module)
        try:
            with server.lock:
                socket.send_fds(server.control, [message], [theirs.fileno()])
            return
        except OSError:
            if attempt == 2:
                raise
            server.process.kill()
            server.process.wait()


def _reply(sock: socket.socket, deadline: float, ceiling: Ceiling) -> bytes:
    """The worker's answer, or the Overrun that says how it ended."""
    try:
        kind, payload = _read_frame(sock, deadline)
    except TimeoutError:
        raise Overrun("time", ceiling) from None
    except (EOFError, OSError):
        raise Overrun("stopped", ceiling) from None
    if kind == b"A":
        return payload
    if kind == b"M":
        raise Overrun("memory", ceiling)
    if kind == b"F":
        raise Overrun("stopped", ceiling, payload.decode(errors="replace"))
    code = int(payload) if payload.lstrip(b"-").isdigit() else 0
    if code in (-signal.SIGXCPU, -signal.SIGALRM):
        raise Overrun("time", ceiling)
    if code == -signal.SIGKILL:
        raise Overrun("memory", ceiling, "killed")  # what the kernel does when memory runs out
    detail = signal.Signals(-code).name if code < 0 and -code in signal.valid_signals() else ""
    if not detail:
        from advisor import i18n  # only when a worker ended this way

        # Translators: how a worker process ended, in brackets after "stopped unexpectedly".
        detail = i18n._("exit code {code}", code=code)
    raise Overrun("stopped", ceiling, detail)
