"""Benchmark: the CRM import of a 100,000-account export against a plain pyarrow read of it.

`advisor diagnose FILE --format json` as a whole process against a process that only imports
pyarrow and reads the file, runs interleaved, in processor time and peak memory (each child's
own), min/median/max (the import in process is `bench_portfolio`'s figure). Targets: within 4×
the floor process's processor time and 2× its peak memory (the median of the rounds' ratios).

With `CRM_BENCH_MILLION=1` it also writes a 1,000,000-account export (about a minute and a half)
and imports and diagnoses it in a child with the size limits raised to fit: processor time and
peak memory, against the pyarrow read of that file in a child of its own.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.ratios import measured

ACCOUNTS = 100_000
MILLION = 1_000_000
RUNS = 5
AS_OF = "2025-06-30"
TARGET_CPU_RATIO = 4.0  # `advisor diagnose --format json` against a pyarrow-only process
TARGET_MEMORY_RATIO = 2.0

# Each child reports its own processor time and peak memory (VmHWM) as its last stderr line.
_CHILD = """
import json, resource, sys, time
from pathlib import Path
def report():
    peak = next(int(l.split()[1]) for l in Path('/proc/self/status').read_text().splitlines()
                if l.startswith('VmHWM:'))
    use = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write(json.dumps({'cpu': use.ru_utime + use.ru_stime, 'peak_mb': peak / 1024}))
if sys.argv[1] == 'floor':
    import pyarrow.csv as pc
    pc.read_csv(sys.argv[2], parse_options=pc.ParseOptions(
        delimiter=';', invalid_row_handler=lambda row: 'skip'))
elif sys.argv[1] == 'million':
    from datetime import date
    from advisor.crm_import import ImportLimits, ImportOptions, import_accounts_file
    from advisor.pack import load_pack
    from advisor.portfolio import diagnose
    limits = ImportLimits(max_bytes=10**9, max_rows=2_000_000, max_cells=50_000_000)
    diagnose(import_accounts_file(sys.argv[2], ImportOptions(limits=limits)),
             date.fromisoformat(sys.argv[3]), load_pack())
else:
    import io, contextlib
    from advisor.cli import main
    with contextlib.redirect_stdout(io.StringIO()):
        main(['diagnose', sys.argv[2], '--as-of', sys.argv[3], '--format', 'json'])
report()
"""


def export(folder: Path, accounts: int = ACCOUNTS) -> Path:
    """A generated export of `accounts` accounts in `folder`."""
    spec = importlib.util.spec_from_file_location(
        "generate_crm_export", ROOT / "examples" / "generate_crm_export.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = folder / f"accounts-{accounts}.csv"
    module.write_export(path, module.generate_rows(accounts, seed=11))
    return path


def pyarrow_read(path: Path) -> object:
    """The floor: the file read by pyarrow alone, as the import reads it."""
    import pyarrow.csv as pc

    return pc.read_csv(
        path, parse_options=pc.ParseOptions(delimiter=";", invalid_row_handler=lambda r: "skip")
    )


def _child(kind: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(path), AS_OF],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    figures: dict[str, float] = json.loads(done.stderr.strip().splitlines()[-1])
    return figures


def _spread(values: list[float]) -> str:
    return f"{min(values):.1f}x / {statistics.median(values):.1f}x / {max(values):.1f}x"


def main() -> None:
    print("== CRM import ==")
    with tempfile.TemporaryDirectory() as name:
        path = export(Path(name))
        children: dict[str, list[dict[str, float]]] = {"floor": [], "diagnose": []}
        _child("diagnose", path)  # the first run fills the rule pack cache
        for _ in range(RUNS):
            for kind, runs in children.items():
                runs.append(_child(kind, path))
    floor, figure = "a process that reads the file with pyarrow", "`advisor diagnose --format json`"
    for name, key, unit, clock, target in (
        ("processor", "cpu", "s", "processor, whole process", TARGET_CPU_RATIO),
        ("peak memory", "peak_mb", "MB", "whole process", TARGET_MEMORY_RATIO),
    ):
        found = {kind: [run[key] for run in runs] for kind, runs in children.items()}
        measured(
            f"`advisor diagnose`, {name}",
            {floor: found["floor"], figure: found["diagnose"]},
            figure,
            floor,
            unit=unit,
            clock=clock,
            ratio_target=target,
        )
    if os.environ.get("CRM_BENCH_MILLION") == "1":
        _million()


def _million() -> dict[str, list[float]]:
    """1,000,000 accounts imported and diagnosed in a child: processor time and peak memory."""
    with tempfile.TemporaryDirectory() as name:
        path = export(Path(name), MILLION)
        runs = [(_child("floor", path), _child("million", path)) for _ in range(2)]
    cpu = [m["cpu"] for _, m in runs]
    peak = [m["peak_mb"] for _, m in runs]
    print(
        f"crm read: {MILLION:,} accounts imported and diagnosed (a whole process): processor "
        f"{min(cpu):.1f} s / {max(cpu):.1f} s min/max, {_spread([m['cpu'] / f['cpu'] for f, m in runs])} "
        f"a pyarrow read's; peak memory {min(peak):.0f} MB / {max(peak):.0f} MB (target under "
        f"700 MB)"
    )
    return {"million_cpu": cpu, "million_peak_mb": peak}


if __name__ == "__main__":
    main()
