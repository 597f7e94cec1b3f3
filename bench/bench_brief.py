"""Benchmark: the hiring brief of the sample company, each figure against a floor in the same
interleaved rounds, in processor time.

In process, charts excluded, the whole path from profile to file bytes (assessment, role draft,
Brief model, renderer) for Markdown, DOCX and PDF against one assessment of the same profile
(targets: Markdown < 50 ms, DOCX < 0.5 s, PDF < 1 s); the rule pack is loaded once, as the app
and the CLI do. Whole process: `advisor brief` with charts against the same command with
`--no-charts`, for DOCX and PDF (target ≤ 1.3×).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from advisor.brief import prepare_brief
from advisor.engine import evaluate
from advisor.export import export_brief
from advisor.pack import load_pack
from advisor.profile import load_profile
from advisor.samples import DEFAULT_SAMPLE, sample_path
from bench.ratios import child_cpu, cpu, interleaved, measured

TARGETS = {"md": 0.050, "docx": 0.5, "pdf": 1.0}
NAMES = {"md": "brief Markdown", "docx": "brief DOCX", "pdf": "brief PDF"}
PROCESS_RATIO = 1.3
PROCESS_RUNS = 5
ROUNDS = 7
DATE = dt.date(2026, 11, 22)
FLOOR = "one assessment of the profile"


def in_process() -> None:
    pack = load_pack()
    profile = load_profile(sample_path(DEFAULT_SAMPLE))

    def build(fmt: str) -> bytes:
        brief = prepare_brief(profile, pack, prepared_on=DATE)
        return export_brief(brief, fmt, charts=False)

    actions = {FLOOR: cpu(lambda: evaluate(profile, pack))}
    for fmt in TARGETS:
        actions[f"{fmt} without charts"] = cpu(lambda fmt=fmt: build(fmt))  # type: ignore[misc]
    runs = interleaved(actions, ROUNDS)
    for fmt, target in TARGETS.items():
        measured(NAMES[fmt], runs, f"{fmt} without charts", FLOOR, limit=target)


def whole_process() -> None:
    """`advisor brief` to a file, with and without charts, in each process's processor time."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", "advisor"], check=True, cwd=ROOT)
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("docx", "pdf"):
            base = [sys.executable, "-m", "advisor", "brief", "examples/northwind-hire-now.yaml"]
            base += ["--out", str(Path(folder) / f"brief.{fmt}"), "--date", DATE.isoformat()]
            floor, figure = "with --no-charts", "with its 3 charts"
            runs = interleaved(
                {floor: child_cpu([*base, "--no-charts"]), figure: child_cpu(base)},
                PROCESS_RUNS,
            )
            name = f"`advisor brief` {fmt.upper()} with charts"
            measured(name, runs, figure, floor, ratio_target=PROCESS_RATIO)


def main() -> None:
    print("== Brief ==")
    in_process()
    whole_process()


if __name__ == "__main__":
    main()
