"""Benchmark: the worst 10 MB export the CRM reader accepts, against a legitimate one.

10 MB is the app's upload limit (`.streamlit/config.toml`). The hostile files are the ones the
readers' caps still let through with the most work per byte: a CSV of 250,000 duplicate rows of
20 cells and 50,000 empty rows (every row listed with a reason), the same with a stray field in
every row (each refused on reading), a workbook of 5,000,000 cells (the cell cap) that zips to
1.5 MB, and a workbook of long text cells just under the cap on a sheet's text (50,000,000
characters, from a 0.3 MB file). Each file is
read (`read_export`, what the worker runs) and then mapped and parsed as the Portfolio page
parses it, in a fresh process per file that reports the time and its peak memory above its size
after imports. In each of a few rounds the worst accepted file is compared with a legitimate 10 MB
CSV export from the sample generator, in processor time and peak memory.

Then the worker: how long its fork server takes to start, what one upload pays to be read in a
worker rather than in the server's process, and the legitimate CSV read both ways.
"""

from __future__ import annotations

import importlib.util
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.ratios import measured

LIMIT_BYTES = 10_000_000
ROUNDS = 2  # every file a round: about 5 minutes of processor on a 2-core machine
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _generator() -> ModuleType:
    path = ROOT / "examples" / "generate_crm_export.py"
    spec = importlib.util.spec_from_file_location("generate_crm_export", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------------------------
# Files


def _write_xlsx(path: Path, rows: Iterable[bytes]) -> None:
    """A one-sheet workbook whose sheet holds `rows` (each a <row> element), streamed."""
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE_NS}"><Relationship Id="r1" Target="xl/workbook.xml"'
            ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
            '<sheet name="Accounts" sheetId="1" r:id="r1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE_NS}"><Relationship Id="r1" '
            'Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet"/></Relationships>'
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode())
            for row in rows:
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")


def _text_row(number: int, cells: Iterable[str]) -> bytes:
    """A row of text cells, written as openpyxl writes them (inline strings, references)."""
    inner = "".join(
        f'<c r="{chr(65 + column)}{number}" t="inlineStr"><is><t>{escape(cell)}</t></is></c>'
        for column, cell in enumerate(cells)
    )
    return f'<row r="{number}">{inner}</row>'.encode()


def _legit(folder: Path) -> tuple[Path, Path]:
    """A 10 MB CSV export from the sample generator, and a 10 MB workbook of its rows."""
    generator = _generator()
    rows = generator.generate_rows(170_000, seed=11)
    csv_path, xlsx_path = folder / "legit.csv", folder / "legit.xlsx"
    count = 88_000
    generator.write_export(csv_path, rows[:count])
    while csv_path.stat().st_size > LIMIT_BYTES:
        count -= 2_000
        generator.write_export(csv_path, rows[:count])
    count = 200_000
    while True:
        lines = (_text_row(n, r) for n, r in enumerate([generator.HEADER, *rows[:count]], 1))
        _write_xlsx(xlsx_path, lines)
        if xlsx_path.stat().st_size <= LIMIT_BYTES:
            return csv_path, xlsx_path
        count -= 5_000


def _hostile(folder: Path) -> list[Path]:
    """The accepted files with the most work per byte, each at most 10 MB."""
    header = ",".join(["account", "arr start", "arr end", *(f"c{i}" for i in range(4, 21))])
    cells = "A,1,2," + ",".join("x" * 17)  # 20 cells, every row a duplicate of the first
    duplicates = folder / "csv-duplicate-rows.csv"
    count = (LIMIT_BYTES - len(header) - 50_001) // (len(cells) + 1)
    duplicates.write_text(header + "\n" + (cells + "\n") * count + "\n" * 50_000)
    ragged = folder / "csv-ragged-rows.csv"
    count = (LIMIT_BYTES - len(header) - 50_001) // (len(cells) + 3)
    ragged.write_text(header + "\n" + (cells + ",y\n") * count + "\n" * 50_000)
    many = folder / "xlsx-5m-cells.xlsx"
    row = "".join(["<c><v>1</v></c>"] * 19)
    _write_xlsx(
        many,
        (
            _text_row(1, ["account", "arr start", "arr end", *(f"c{i}" for i in range(4, 21))]),
            *(
                f'<row r="{n}"><c t="inlineStr"><is><t>A{n}</t></is></c>{row}</row>'.encode()
                for n in range(2, 250_000)
            ),  # 20 cells a row: 4,999,980 in all
        ),
    )
    text = folder / "xlsx-long-text.xlsx"
    long = "x" * 1_950
    _write_xlsx(
        text,
        (
            _text_row(1, ["account", "arr start", "arr end", "notes", "more notes"]),
            *(_text_row(n, [f"A{n}", "1", "2", long, long]) for n in range(2, 12_500)),
        ),
    )
    files = [duplicates, ragged, many, text]
    assert all(path.stat().st_size <= LIMIT_BYTES for path in files)
    return files


# ---------------------------------------------------------------------------------------------
# Measuring one file, in a process of its own


def _measure(path: Path) -> dict[str, Any]:
    """Read, map and parse one file; time each step and the peak memory above the start."""
    from advisor.crm_import import ImportOptions, mapping_for, parse_accounts, read_export
    from advisor.problems import AdvisorError

    data = path.read_bytes()
    start_kib = _status_kib("VmRSS")
    outcome = "accepted"
    started, cpu = time.perf_counter(), time.process_time()
    read_s = parse_s = 0.0
    try:
        table = read_export(data, path.name, ImportOptions())
        read_s = time.perf_counter() - started
        mapping, layout = mapping_for(table, ImportOptions())
        parse_accounts(table, mapping, ImportOptions(), layout)
        parse_s = time.perf_counter() - started - read_s
    except AdvisorError as error:
        outcome = f"refused: {error}"
    peak_kib = _status_kib("VmHWM")  # this process's own peak (ru_maxrss counts the parent's)
    return {
        "file": path.name,
        "mb": round(len(data) / 1e6, 2),
        "read_s": round(read_s, 2),
        "parse_s": round(parse_s, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
        "peak_mb": round((peak_kib - start_kib) / 1024),
        "outcome": outcome,
    }


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # no /proc: the best there is


def _measured(path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _line(result: dict[str, Any]) -> str:
    return (
        f"{result['file']} ({result['mb']} MB): read {result['read_s']:.1f} s + parse "
        f"{result['parse_s']:.1f} s ({result['cpu_s']:.1f} s of processor), peak memory "
        f"{result['peak_mb']} MB"
    )


# ---------------------------------------------------------------------------------------------
# The worker


def _worker_figures(legit_csv: Path) -> dict[str, float]:
    from advisor.crm_import import ImportOptions, read_export
    from advisor.crm_import.uploads import read_upload, warm

    small = b"account,arr start,arr end\nOak,1000,1200\nElm,500,0\n"
    options = ImportOptions()
    started = time.perf_counter()
    warm()
    read_upload(small, "small.csv", options)
    start_s = time.perf_counter() - started
    overheads = []
    for _ in range(30):
        began = time.perf_counter()
        read_upload(small, "small.csv", options)
        worker_s = time.perf_counter() - began
        began = time.perf_counter()
        read_export(small, "small.csv", options)
        overheads.append(worker_s - (time.perf_counter() - began))
    data = legit_csv.read_bytes()
    in_process, in_worker = [], []
    for _ in range(3):
        began = time.perf_counter()
        read_export(data, legit_csv.name, options)
        in_process.append(time.perf_counter() - began)
        began = time.perf_counter()
        read_upload(data, legit_csv.name, options)
        in_worker.append(time.perf_counter() - began)
    return {
        "server_start_s": start_s,
        "overhead_ms": statistics.median(overheads) * 1000,
        "legit_in_process_s": min(in_process),
        "legit_in_worker_s": min(in_worker),
    }


def _worst(folder: Path) -> None:
    """Rounds of every file, each in a fresh process: the worst accepted hostile file of the
    round against the round's legitimate CSV, in processor time and in peak memory."""
    legit_csv, _ = _legit(folder)
    hostile = _hostile(folder)
    floor, figure = "the legitimate 10 MB CSV", "the worst accepted hostile file"
    cpu: dict[str, list[float]] = {floor: [], figure: []}
    memory: dict[str, list[float]] = {floor: [], figure: []}
    for number in range(ROUNDS):
        base = _measured(legit_csv)
        found = [_measured(path) for path in hostile]
        accepted = [result for result in found if result["outcome"] == "accepted"]
        cpu[floor].append(base["cpu_s"])
        cpu[figure].append(max(result["cpu_s"] for result in accepted))
        memory[floor].append(max(base["peak_mb"], 1))
        memory[figure].append(max(result["peak_mb"] for result in accepted))
        if number == 0:
            print(f"uploads: legitimate {_line(base)}")
            for result in found:
                print(f"uploads: hostile {_line(result)}; {result['outcome'][:80]}")
    measured("worst 10 MB upload, processor", cpu, figure, floor, clock="processor, read + parse")
    measured(
        "worst 10 MB upload, peak memory", memory, figure, floor, unit="MB", clock="above imports"
    )


def main() -> None:
    from advisor.crm_import.uploads import CEILING

    print("== Uploads ==")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _worst(folder)
        worker = _worker_figures(folder / "legit.csv")
    print(
        f"uploads: the worker's ceiling is {CEILING.seconds} s of processor and "
        f"{CEILING.memory // 1_000_000:,} MB"
    )
    print(
        f"uploads: worker: fork server ready in {worker['server_start_s']:.2f} s (once per app "
        f"process, started when the Portfolio page opens); each upload pays "
        f"{worker['overhead_ms']:.0f} ms to be read in a worker; the legitimate CSV reads in "
        f"{worker['legit_in_worker_s']:.2f} s there against {worker['legit_in_process_s']:.2f} s "
        "in the server's process"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(_measure(Path(sys.argv[2]))))
    else:
        main()
