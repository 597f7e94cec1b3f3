"""Benchmark: the CRM import of a 100,000-account export against a plain pyarrow read of it.

Every figure is a ratio against a floor measured in the same run, runs interleaved, processor
time (`time.process_time` in process, `resource.getrusage` of each child), min/median/max:

- in process: `import_accounts_file` + `diagnose` against `pyarrow.csv.read_csv` of the file;
- whole processes: `advisor diagnose FILE --format json` against a process that only imports
  pyarrow and reads the file, in processor time and peak memory (each child's own peak).

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
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ACCOUNTS = 100_000
MILLION = 1_000_000
RUNS = 5
AS_OF = "2025-06-30"

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


def _export(folder: Path, accounts: int = ACCOUNTS) -> Path:
    spec = importlib.util.spec_from_file_location(
        "generate_crm_export", ROOT / "examples" / "generate_crm_export.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = folder / f"accounts-{accounts}.csv"
    module.write_export(path, module.generate_rows(accounts, seed=11))
    return path


def _floor(path: Path) -> float:
    import pyarrow.csv as pc

    began = time.process_time()
    pc.read_csv(
        path, parse_options=pc.ParseOptions(delimiter=";", invalid_row_handler=lambda r: "skip")
    )
    return time.process_time() - began


def _import(path: Path) -> float:
    from advisor.crm_import import import_accounts_file
    from advisor.pack import load_pack
    from advisor.portfolio import diagnose

    pack = load_pack()
    began = time.process_time()
    diagnose(import_accounts_file(path), date.fromisoformat(AS_OF), pack)
    return time.process_time() - began


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


def main() -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as name:
        path = _export(Path(name))
        _import(path)  # imports and first-call costs out of the figures
        floors, imports = [], []
        for _ in range(RUNS):
            floors.append(_floor(path))
            imports.append(_import(path))
        children: dict[str, list[dict[str, float]]] = {"floor": [], "diagnose": []}
        for _ in range(RUNS):
            for kind, runs in children.items():
                runs.append(_child(kind, path))
    in_process = [i / f for i, f in zip(imports, floors, strict=True)]
    cpu = [
        d["cpu"] / f["cpu"] for d, f in zip(children["diagnose"], children["floor"], strict=True)
    ]
    peak = [
        d["peak_mb"] / f["peak_mb"]
        for d, f in zip(children["diagnose"], children["floor"], strict=True)
    ]
    print(
        f"crm read: {ACCOUNTS:,} accounts imported and diagnosed in process against a pyarrow "
        f"read of the file ({statistics.median(floors):.2f} s of processor): min/median/max "
        f"{_spread(in_process)} (median {statistics.median(imports):.2f} s)"
    )
    print(
        f"crm read: `advisor diagnose --format json` as a whole process against one that only "
        f"reads the file with pyarrow: processor {_spread(cpu)}, peak memory {_spread(peak)} "
        f"(median {statistics.median(d['peak_mb'] for d in children['diagnose']):.0f} MB "
        f"against {statistics.median(f['peak_mb'] for f in children['floor']):.0f} MB)"
    )
    figures = {"in_process": in_process, "cpu": cpu, "peak": peak}
    if os.environ.get("CRM_BENCH_MILLION") == "1":
        figures.update(_million())
    return figures


def _million() -> dict[str, list[float]]:
    """1,000,000 accounts imported and diagnosed in a child: processor time and peak memory."""
    with tempfile.TemporaryDirectory() as name:
        path = _export(Path(name), MILLION)
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
