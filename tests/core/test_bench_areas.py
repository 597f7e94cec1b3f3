"""`make bench AREA=...` runs the area named and its sub-areas, not every area whose name
contains the word."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.run import AREAS, chosen


def test_the_load_area_is_not_the_uploads_or_downloads_area() -> None:
    assert chosen(["load"]) == ["bench.bench_load"]


def test_an_area_includes_its_sub_areas_and_no_area_means_all() -> None:
    assert chosen(["uploads"]) == ["bench.bench_uploads", "bench.bench_uploads_crm"]
    assert chosen(["core", "app"]) == ["bench.bench_core", "bench.bench_app"]
    assert chosen([]) == list(AREAS)
