"""Tasks that misbehave on purpose, for the worker's tests (imported by the worker itself)."""

from __future__ import annotations

import os
import signal

from advisor import worker


@worker.task("probe.pid")
def pid(data: bytes, args: bytes) -> bytes:
    return str(os.getpid()).encode()


@worker.task("probe.echo")
def echo(data: bytes, args: bytes) -> bytes:
    return args + b"|" + data


@worker.task("probe.spin")
def spin(data: bytes, args: bytes) -> bytes:
    while True:
        pass


@worker.task("probe.hog")
def hog(data: bytes, args: bytes) -> bytes:
    kept = []
    while True:
        kept.append(bytearray(50_000_000))


@worker.task("probe.crash")
def crash(data: bytes, args: bytes) -> bytes:
    os.kill(os.getpid(), signal.SIGSEGV)
    return b""


@worker.task("probe.bug")
def bug(data: bytes, args: bytes) -> bytes:
    return {}["missing"]  # type: ignore[no-any-return]
