"""The README's performance table, printed by `make bench` from the run's measures.

`make bench` (every area) writes the table between `START` and `END` in README.md: a row per
name of `MEASURES`, in its order, a measure the run could not take listed with the reason, and
the date, the machine's core count and its load average above it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from bench.ratios import MEASURES, Measure

README = Path(__file__).resolve().parent.parent / "README.md"
START = "<!-- bench:start -->"
END = "<!-- bench:end -->"
COLUMNS = (
    "measure",
    "figure (median)",
    "floor (median)",
    "ratio min / median / max",
    "target",
    "met?",
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rows(measures: Sequence[Measure]) -> list[tuple[str, ...]]:
    """One row per name of `MEASURES`: the last measure of that name, else "not measured"."""
    by_name = {measure.name: measure for measure in measures}
    found: list[tuple[str, ...]] = []
    for name in MEASURES:
        measure = by_name.get(name)
        if measure is None:
            found.append((name, "not measured in this run", "", "", "", "—"))
        elif measure.skipped:
            found.append((name, f"not measured: {measure.skipped}", "", "", "", "—"))
        else:
            found.append(
                (
                    name,
                    f"{measure.what}: {measure.figure()}",
                    measure.floor_figure(),
                    measure.spread(),
                    measure.target(),
                    measure.met(),
                )
            )
    return found


def table(measures: Sequence[Measure], today: dt.date, cores: int, load: float) -> str:
    """The Markdown between the markers."""
    lines = [
        (
            f"Measured by `make bench` on {today.isoformat()}, on {cores} cores (load average "
            f"{load:.1f} when the run ended); each figure against its floor measured in the "
            "same interleaved rounds."
        ),
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows(measures)]
    return "\n".join(lines)


def between_markers(text: str, inner: str) -> str:
    """`text` with what lies between the two markers replaced by `inner`."""
    if text.count(START) != 1 or text.count(END) != 1:
        raise ValueError(f"README.md must hold {START} and {END} once each")
    head, rest = text.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{inner}\n{END}{tail}"


def write_readme(measures: Sequence[Measure], path: Path = README) -> None:
    inner = table(measures, dt.date.today(), os.cpu_count() or 1, os.getloadavg()[0])
    path.write_text(between_markers(path.read_text(encoding="utf-8"), inner), encoding="utf-8")
    print(f"the performance table written to {path.name}")
