"""The README's performance table is the one `make bench` prints: its markers once, its columns,
and a row for every measure the bench names (a measure added without a row fails here)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.ratios import MEASURES, Measure
from bench.table import (
    COLUMNS,
    END,
    README,
    START,
    between_markers,
    kept_rows,
    rows,
    table,
    when,
    write_readme,
)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split(" | ")]


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}, load \d+\.\d$")


def _readme_table() -> list[str]:
    text = README.read_text(encoding="utf-8")
    inner = text.split(START)[1].split(END)[0]
    return [line for line in inner.splitlines() if line.startswith("|")]


def test_the_readme_holds_the_bench_markers_once_each_in_order() -> None:
    text = README.read_text(encoding="utf-8")
    assert text.count(START) == 1
    assert text.count(END) == 1
    assert text.index(START) < text.index(END)


def test_the_readme_table_has_the_bench_columns() -> None:
    header, rule, *_ = _readme_table()
    assert _cells(header) == list(COLUMNS)
    assert rule == "|" + "---|" * len(COLUMNS)


def test_the_readme_table_has_a_row_per_bench_measure_in_order() -> None:
    body = _readme_table()[2:]
    assert [_cells(line)[0] for line in body] == list(MEASURES)
    assert all(len(_cells(line)) == len(COLUMNS) for line in body)


def test_the_readme_table_says_the_core_count_and_each_row_its_day_and_load() -> None:
    text = README.read_text(encoding="utf-8")
    inner = text.split(START)[1].split(END)[0]
    assert "Measured by `make bench` on " in inner
    assert " cores" in inner
    body = _readme_table()[2:]
    assert all(_DAY.match(_cells(line)[-1]) for line in body)


def test_a_measure_not_in_the_bench_list_is_refused() -> None:
    with pytest.raises(ValueError, match=r"not in bench/ratios\.py's MEASURES"):
        Measure("a figure nobody listed", "x", "floor", (1.0,), (1.0,), "s", "processor")


def test_each_round_is_divided_by_its_own_floor() -> None:
    measure = Measure(MEASURES[0], "x", "floor", (2.0, 6.0, 3.0), (1.0, 2.0, 3.0), "s", "cpu")
    # Rounds: 2/1 = 2, 6/2 = 3, 3/3 = 1; never a median of figures over a median of floors.
    assert measure.ratios == [2.0, 3.0, 1.0]
    assert measure.spread() == "1.00× / 2.00× / 3.00×"


def test_a_target_is_met_by_the_median_ratio_and_the_median_figure() -> None:
    values, floors = (2.0, 6.0, 3.0), (1.0, 2.0, 3.0)  # ratios 2, 3, 1: median 2; figures: 3
    name = MEASURES[0]
    assert Measure(name, "x", "f", values, floors, "s", "c", ratio_target=2.0).met() == "yes"
    assert Measure(name, "x", "f", values, floors, "s", "c", ratio_target=1.9).met() == "NO"
    assert Measure(name, "x", "f", values, floors, "s", "c", limit=3.5).met() == "yes"
    assert Measure(name, "x", "f", values, floors, "s", "c", limit=3.0).met() == "NO"
    assert Measure(name, "x", "f", values, floors, "s", "c").met() == "—"


def test_a_measure_the_run_did_not_take_is_listed_as_not_measured() -> None:
    taken = Measure(MEASURES[1], "x", "the floor", (0.004,), (0.002,), "s", "processor")
    skipped = Measure(MEASURES[2], "", "", (), (), "s", "", skipped="no server")
    stamp = when(dt.date(2026, 12, 7), 0.74)
    stamps = {MEASURES[1]: stamp, MEASURES[2]: stamp}
    found = {row[0]: row for row in rows([taken, skipped], stamps)}
    assert list(found) == list(MEASURES)
    assert found[MEASURES[0]][1] == "not measured in this run"
    assert found[MEASURES[1]][1:4] == (
        "x: 4.0 ms processor",
        "the floor 2.0 ms",
        "2.00× / 2.00× / 2.00×",
    )
    assert found[MEASURES[1]][-1] == "2026-12-07, load 0.7"
    assert found[MEASURES[2]][1] == "not measured: no server"


def test_the_table_replaces_only_what_lies_between_the_markers() -> None:
    text = f"before\n{START}\nold table\n{END}\nafter\n"
    inner = table([], 2)
    written = between_markers(text, inner)
    assert written.startswith(f"before\n{START}\nMeasured by `make bench` on 2 cores")
    assert written.endswith(f"\n{END}\nafter\n")
    assert "old table" not in written


def test_a_readme_without_both_markers_is_refused() -> None:
    with pytest.raises(ValueError, match="must hold"):
        between_markers(f"{START}\nno end", "table")


def _readme_with(rows_text: str, heading: str = "Measured by `make bench` on 2 cores.") -> str:
    header = "| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS)
    return f"# Title\n{START}\n{heading}\n\n{header}\n{rows_text}\n{END}\nafter\n"


def test_an_area_run_rewrites_its_rows_and_keeps_every_other_row_as_written(
    tmp_path: Path,
) -> None:
    kept = f"| {MEASURES[3]} | x: 1 s \\| y | f 1 s | 1.00× / 1.00× / 1.00× | ≤ 2× | yes | 2026-12-01, load 3.5 |"
    old = f"| {MEASURES[0]} | old: 9 ms processor | f 1 ms | 9.00× / 9.00× / 9.00× | — | — | 2026-12-01, load 3.5 |"
    readme = tmp_path / "README.md"
    readme.write_text(_readme_with(f"{old}\n{kept}"), encoding="utf-8")
    taken = Measure(MEASURES[0], "new", "the floor", (0.004,), (0.002,), "s", "processor")
    write_readme([taken], {MEASURES[0]: "2026-12-07, load 0.5"}, every_area=False, path=readme)
    text = readme.read_text(encoding="utf-8")
    assert kept in text  # verbatim, its escaped bar included
    assert "old: 9 ms" not in text
    assert f"| {MEASURES[0]} | new: 4.0 ms processor |" in text
    assert text.endswith(f"{END}\nafter\n")
    lines = [
        line for line in text.split(START)[1].split(END)[0].splitlines() if line.startswith("| ")
    ]
    assert [_cells(line)[0] for line in lines[1:]] == list(MEASURES)  # every row, in order


def test_a_run_of_every_area_keeps_no_row_it_did_not_measure(tmp_path: Path) -> None:
    old = f"| {MEASURES[3]} | x: 1 s | f 1 s | 1.00× / 1.00× / 1.00× | ≤ 2× | yes | 2026-12-01, load 3.5 |"
    readme = tmp_path / "README.md"
    readme.write_text(_readme_with(old), encoding="utf-8")
    write_readme([], {}, every_area=True, path=readme)
    text = readme.read_text(encoding="utf-8")
    assert "x: 1 s" not in text
    assert f"| {MEASURES[3]} | not measured in this run |" in text


def test_a_table_written_before_rows_had_a_day_gives_each_its_heading_s_day() -> None:
    header = "| " + " | ".join(COLUMNS[:-1]) + " |"
    row = f"| {MEASURES[2]} | x: 1 s | f 1 s | 1.00× / 1.00× / 1.00× | — | — |"
    heading = (
        "Measured by `make bench` on 2026-12-05, on 2 cores (load average 11.0 when the run "
        "ended); each figure against its floor measured in the same interleaved rounds."
    )
    text = f"{START}\n{heading}\n\n{header}\n{row}\n| not a measure | a | b | c | d | e |\n{END}"
    found = kept_rows(text)
    assert list(found) == [MEASURES[2]]
    assert found[MEASURES[2]][-1] == "2026-12-05, load 11.0"
