"""The README's performance table, printed by `make bench` from the run's measures.

`make bench` writes the table between `START` and `END` in README.md: a row per name of
`MEASURES`, in its order, each saying the day it was measured and the load average when its
area ended. A run of every area writes every row (a measure the run could not take listed with
the reason); `make bench AREA=...` writes its areas' rows and keeps every other row as the
README has it, so each row is the last measure taken of it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
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
    "measured",
)
NOT_MEASURED = "not measured in this run"
# The heading of a table written before each row said when it was measured.
_OLD_HEADING = re.compile(
    r"Measured by `make bench` on (\d{4}-\d{2}-\d{2}), on \d+ cores "
    r"\(load average ([\d.]+) when the run ended\)"
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def when(day: dt.date, load: float) -> str:
    """A row's measured cell: the day and the load average when its area ended."""
    return f"{day.isoformat()}, load {load:.1f}"


def rows(
    measures: Sequence[Measure],
    measured: Mapping[str, str] | None = None,
    kept: Mapping[str, tuple[str, ...]] | None = None,
) -> list[tuple[str, ...]]:
    """One row per name of `MEASURES`: the last measure of that name taken in this run (its
    measured cell from `measured`, by name), else the row `kept` has for it (a row of the
    README's table), else "not measured in this run"."""
    by_name = {measure.name: measure for measure in measures}
    measured, kept = measured or {}, kept or {}
    found: list[tuple[str, ...]] = []
    for name in MEASURES:
        measure = by_name.get(name)
        stamp = measured.get(name, "")
        if measure is None:
            found.append(kept.get(name) or (name, NOT_MEASURED, "", "", "", "—", ""))
        elif measure.skipped:
            found.append((name, f"not measured: {measure.skipped}", "", "", "", "—", stamp))
        else:
            found.append(
                (
                    name,
                    f"{measure.what}: {measure.figure()}",
                    measure.floor_figure(),
                    measure.spread(),
                    measure.target(),
                    measure.met(),
                    stamp,
                )
            )
    return found


def table(
    measures: Sequence[Measure],
    cores: int,
    measured: Mapping[str, str] | None = None,
    kept: Mapping[str, tuple[str, ...]] | None = None,
) -> str:
    """The Markdown between the markers."""
    lines = [
        (
            f"Measured by `make bench` on {cores} cores; each figure against its floor measured "
            "in the same interleaved rounds. Each row says the day it was measured and the load "
            "average when its area ended: `make bench AREA=...` measures its areas again and "
            "keeps the other rows."
        ),
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    found = rows(measures, measured, kept)
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in found]
    return "\n".join(lines)


def _split_row(line: str) -> list[str]:
    """A Markdown row's cells, a `\\|` inside a cell kept as written."""
    inner = line.strip()[1:-1] if line.strip().endswith("|") else line.strip()[1:]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", inner)]


def kept_rows(text: str) -> dict[str, tuple[str, ...]]:
    """The rows of the table between the markers of `text`, by measure name, cells as written
    (escaped), each with a measured cell: a table written before rows had one gives every row
    its heading's day and load average. A row with no measure of `MEASURES` is left out."""
    if text.count(START) != 1 or text.count(END) != 1:
        return {}
    inner = text.split(START)[1].split(END)[0]
    old = _OLD_HEADING.search(inner)
    fallback = when(dt.date.fromisoformat(old[1]), float(old[2])) if old else ""
    found: dict[str, tuple[str, ...]] = {}
    for line in inner.splitlines():
        if not line.startswith("|") or line.startswith("|---"):
            continue
        cells = _split_row(line)
        name = cells[0].replace("\\|", "|")
        if name not in MEASURES:
            continue
        if len(cells) == len(COLUMNS) - 1:
            cells.append(fallback)
        if len(cells) == len(COLUMNS):
            found[name] = tuple(cell.replace("\\|", "|") for cell in cells)
    return found


def between_markers(text: str, inner: str) -> str:
    """`text` with what lies between the two markers replaced by `inner`."""
    if text.count(START) != 1 or text.count(END) != 1:
        raise ValueError(f"README.md must hold {START} and {END} once each")
    head, rest = text.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{inner}\n{END}{tail}"


def write_readme(
    measures: Sequence[Measure],
    measured: Mapping[str, str],
    *,
    every_area: bool,
    path: Path = README,
) -> None:
    """Write the run's rows into the README's table: with `every_area` every row, else the
    run's rows over the table's others."""
    text = path.read_text(encoding="utf-8")
    kept = {} if every_area else kept_rows(text)
    inner = table(measures, os.cpu_count() or 1, measured, kept)
    path.write_text(between_markers(text, inner), encoding="utf-8")
    print(f"the performance table written to {path.name}")
