"""Every bench figure as a ratio against a floor measured in the same run.

A busy machine slows a figure and its floor alike when both are measured in the same rounds, one
run of each per round (interleaved), so the ratio holds where a wall time would read several
times too high. Where the floor is processor work the figures are processor seconds
(`time.process_time` in process, `wait4`'s usage of a child process); the clock is used only
where the wait itself is the figure (a browser, several processes at once).

Each area reports `Measure`s through `record`, which prints the line and keeps it for the
README's table (`bench/table.py`); a measure's name must be one of `MEASURES`, the one list the
table has a row for each of.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The README's table has one row per name, in this order.
MEASURES = (
    "assess",
    "assess without flip points",
    "rule pack load",
    "CLI start (`advisor assess`)",
    "batch speed-up, 2 workers",
    "batch peak memory, 100,000 rows",
    "brief Markdown",
    "brief DOCX",
    "brief PDF",
    "`advisor brief` DOCX with charts",
    "`advisor brief` PDF with charts",
    "portfolio, 100,000 accounts",
    "`advisor diagnose`, processor",
    "`advisor diagnose`, peak memory",
    "worst 10 MB upload, processor",
    "worst 10 MB upload, peak memory",
    "workshop results, 10 respondents",
    "compare 4 scenarios",
    "open a client, 200 saved assessments (SQLite)",
    "save a case (SQLite)",
    "Clients page listing (SQLite)",
    "Clients page desk (SQLite)",
    "History page (SQLite)",
    "open a client, 200 saved assessments (Postgres)",
    "save a case (Postgres)",
    "Clients page listing (Postgres)",
    "Clients page desk (Postgres)",
    "History page (Postgres)",
    "app rerun (AppTest)",
    "app start",
    "app start, Recommendation page link",
    "app first-ever start",
    "browser interaction",
    "Role page DOCX download",
    "Role page PDF download",
)

Action = Callable[[], float]  # runs once and returns the seconds it measured of itself


def cpu(action: Callable[[], object]) -> Action:
    """`action` measured in this process's processor seconds."""

    def timed() -> float:
        began = time.process_time()
        action()
        return time.process_time() - began

    return timed


def wall(action: Callable[[], object]) -> Action:
    """`action` measured on the clock (for a wait on other processes: a browser, a server)."""

    def timed() -> float:
        began = time.perf_counter()
        action()
        return time.perf_counter() - began

    return timed


def child_cpu(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Action:
    """A whole process measured in its own processor seconds (its children's included)."""

    def timed() -> float:
        return child_usage(argv, env)[0]

    return timed


def child_usage(argv: Sequence[str], env: Mapping[str, str] | None = None) -> tuple[float, float]:
    """Run `argv` to its end: its processor seconds and its peak resident memory in MB."""
    process = subprocess.Popen(
        list(argv),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}")
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return usage.ru_utime + usage.ru_stime, peak


def interleaved(
    actions: Mapping[str, Action], rounds: int, *, warm_up: bool = True
) -> dict[str, list[float]]:
    """Each action's measured seconds, one run of each per round, rounds interleaved so a busy
    spell of the machine falls on every action alike; one unmeasured run of each first."""
    if warm_up:
        for action in actions.values():
            action()
    found: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(rounds):
        for name, action in actions.items():
            found[name].append(action())
    return found


def repeated(action: Callable[[], object], calls: int) -> Callable[[], None]:
    """`action` run `calls` times: one measured run of a call too short to time alone."""

    def run() -> None:
        for _ in range(calls):
            action()

    return run


@dataclass(frozen=True)
class Measure:
    """One figure against its floor, round by round.

    `values` and `floors` are the same rounds' figures and floors in `unit`s; `ratio_target` is
    the most the median ratio may be, `limit` the most the median figure may be; `clock` says what was timed ("processor", "clock" or "memory")."""

    name: str
    what: str
    floor: str
    values: tuple[float, ...]
    floors: tuple[float, ...]
    unit: str
    clock: str
    ratio_target: float | None = None
    limit: float | None = None
    skipped: str = ""

    def __post_init__(self) -> None:
        if self.name not in MEASURES:
            raise ValueError(f"{self.name!r} is not in bench/ratios.py's MEASURES")

    @property
    def ratios(self) -> list[float]:
        return [v / f for v, f in zip(self.values, self.floors, strict=True)]

    def spread(self) -> str:
        found = self.ratios
        return f"{min(found):.2f}× / {statistics.median(found):.2f}× / {max(found):.2f}×"

    def figure(self) -> str:
        return f"{_amount(statistics.median(self.values), self.unit)} {self.clock}"

    def floor_figure(self) -> str:
        return f"{self.floor} {_amount(statistics.median(self.floors), self.unit)}"

    def target(self) -> str:
        parts = []
        if self.ratio_target is not None:
            parts.append(f"≤ {self.ratio_target:g}×")
        if self.limit is not None:
            parts.append(f"< {_amount(self.limit, self.unit)}")
        return ", ".join(parts) or "—"

    def met(self) -> str:
        if self.skipped:
            return "—"
        if self.ratio_target is None and self.limit is None:
            return "—"
        ok = True
        middle = statistics.median(self.ratios)
        if self.ratio_target is not None:
            ok &= middle <= self.ratio_target
        if self.limit is not None:
            ok &= statistics.median(self.values) < self.limit
        return "yes" if ok else "NO"

    def line(self) -> str:
        if self.skipped:
            return f"{self.name}: not measured ({self.skipped})"
        return (
            f"{self.name}: {self.what} {self.figure()} against {self.floor_figure()}, "
            f"{len(self.values)} interleaved rounds, ratio min / median / max {self.spread()} "
            f"(target {self.target()}: {self.met()})"
        )


def _amount(value: float, unit: str) -> str:
    if unit == "s":
        if value < 0.001:
            return f"{value * 1e6:.0f} µs"
        if value < 1:
            return f"{value * 1000:.1f} ms"
        return f"{value:.2f} s"
    return f"{value:.0f} {unit}"


RECORDED: list[Measure] = []
# A bench child process (the workspace on a throw-away Postgres) prints each measure as JSON on
# a line starting with this marker, for its parent to record.
CHILD_MARK = "BENCH-MEASURE "


def record(measure: Measure) -> Measure:
    """Print the measure's line and keep it for the README's table."""
    RECORDED.append(measure)
    print(measure.line(), flush=True)
    if os.environ.get("ADVISOR_BENCH_CHILD") == "1":
        print(CHILD_MARK + json.dumps(asdict(measure)), flush=True)
    return measure


def from_json(text: str) -> Measure:
    data = json.loads(text)
    data["values"], data["floors"] = tuple(data["values"]), tuple(data["floors"])
    return Measure(**data)


def skip(name: str, reason: str) -> Measure:
    """A measure this run could not take, with the reason."""
    return record(Measure(name, "", "", (), (), "s", "", skipped=reason))


def measured(
    name: str,
    runs: Mapping[str, list[float]],
    figure: str,
    floor: str,
    **details: object,
) -> Measure:
    """Record `runs[figure]` against `runs[floor]` (the keys are also the printed names)."""
    unit = str(details.pop("unit", "s"))
    clock = str(details.pop("clock", "processor"))
    return record(
        Measure(
            name,
            figure,
            floor,
            tuple(runs[figure]),
            tuple(runs[floor]),
            unit,
            clock,
            **details,  # type: ignore[arg-type]
        )
    )
