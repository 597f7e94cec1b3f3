"""`advisor assess-batch` streamed and on several processes: the same bytes, flat memory."""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from advisor import batch, cli
from advisor.pack import RulePackError, load_pack

ROOT = Path(__file__).resolve().parents[2]
CHOICES = {
    "segment": ["smb", "mid_market", "enterprise"],
    "churn_trend": ["falling", "stable", "rising"],
    "delivery_maturity": ["ad_hoc", "emerging", "standardised", "optimised"],
    "knowledge_holder": ["founder", "few_people", "shared_in_crm"],
    "renewal_owner": ["founder", "sales", "account_executive", "account_manager", "nobody"],
}
FIELDS = [
    "company",
    *CHOICES,
    "active_accounts",
    "avg_contract_value",
    "gross_margin",
    "logo_churn_rate",
    "churn_cause_known",
    "renewal_lead_days",
    "unworked_upsell",
    "clients_escalate_to_leadership",
    "onboarding_consistent",
]


def profile_cells(rng: random.Random, index: int) -> list[str]:
    """One generated profile's cells, in FIELDS order; about one in six has a bad value."""
    values: dict[str, Any] = {
        "company": f"Company {index}",
        **{field: rng.choice(options) for field, options in CHOICES.items()},
        "active_accounts": rng.randint(0, 120),
        "avg_contract_value": round(rng.uniform(2_000, 150_000), 2),
        "gross_margin": f"{rng.randint(20, 85)}%",
        "logo_churn_rate": round(rng.uniform(0, 0.4), 3),
        "churn_cause_known": rng.choice(["true", "false"]),
        "renewal_lead_days": rng.randint(0, 180),
        "unworked_upsell": rng.choice(["true", "false"]),
        "clients_escalate_to_leadership": rng.choice(["true", "false"]),
        "onboarding_consistent": rng.choice(["true", "false"]),
    }
    return [str(values[field]) for field in FIELDS]


def write_batch(path: Path, rows: int, *, seed: int = 27) -> None:
    """A generated batch with bad rows of every kind every 97 rows: too few cells, a bad
    value, a blank line and a company name a spreadsheet would read as a formula."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FIELDS)
        for index in range(rows):
            cells = profile_cells(rng, index)
            if index % 97 == 11:
                cells = cells[:5]
            elif index % 97 == 23:
                cells[FIELDS.index("gross_margin")] = "62"
            elif index % 97 == 41:
                cells = [""] * len(FIELDS)
            elif index % 97 == 59:
                cells[0] = '=HYPERLINK("x")'
            writer.writerow(cells)


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        capture_output=True,
        check=False,
        cwd=ROOT,
        timeout=600,
    )


def test_the_batch_output_is_identical_with_one_and_two_workers(tmp_path: Path) -> None:
    source = tmp_path / "profiles.csv"
    write_batch(source, 1_500)
    one = run("assess-batch", str(source), "--workers", "1")
    two = run("assess-batch", str(source), "--workers", "2")
    assert one.returncode == two.returncode == 0, (one.stderr, two.stderr)
    assert one.stdout == two.stdout  # byte for byte, rows in the same order
    assert one.stderr == two.stderr
    # 1,500 rows less the blank line of every 97 (indexes 41, 138, ..., 1,496: 16 of them);
    # errors: the short rows and the bad margins (16 each, indexes 11.. and 23..) and the
    # generated values that cannot be read, counted here from the rows themselves.
    rows = list(csv.DictReader(one.stdout.decode("utf-8").splitlines()))
    assert len(rows) == 1_500 - len(range(41, 1_500, 97))
    assert [int(row["row"]) for row in rows] == [
        index + 2 for index in range(1_500) if index % 97 != 41
    ]
    short = [row for row in rows if (int(row["row"]) - 2) % 97 == 11]
    assert len(short) == len(range(11, 1_500, 97))
    assert all(
        row["error"] == f"row {row['row']}: 5 cells, header has {len(FIELDS)}" for row in short
    )
    formulas = [row for row in rows if (int(row["row"]) - 2) % 97 == 59]
    assert formulas and all(row["company"] == '\'=HYPERLINK("x")' for row in formulas)
    failed = sum(1 for row in rows if row["error"])
    assert one.stderr.decode() == f"{len(rows)} rows assessed, {failed} with errors\n"


def _pids_in_headlines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each row's headline becomes the id of the process that assessed it (forked workers
    inherit the patched function)."""
    assess_row = batch.assess_row

    def marked(*args: Any) -> dict[str, Any]:
        return {**assess_row(*args), "headline": os.getpid()}

    monkeypatch.setattr(batch, "assess_row", marked)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_two_workers_assess_the_rows_in_other_processes_and_keep_their_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pack = load_pack()
    rng = random.Random(5)
    rows = [(number, profile_cells(rng, number)) for number in range(2, 402)]
    alone = list(batch.assess_rows(FIELDS, rows, pack=pack, rules=None, as_of=dt.date(2026, 12, 7)))
    _pids_in_headlines(monkeypatch)
    pooled = list(
        batch.assess_rows(
            FIELDS,
            iter(rows),
            pack=pack,
            rules=None,
            as_of=dt.date(2026, 12, 7),
            workers=2,
            chunk_rows=25,
        )
    )
    assert [result["row"] for result in pooled] == list(range(2, 402))
    assert os.getpid() not in {result["headline"] for result in pooled}
    assert [{**result, "headline": ""} for result in pooled] == [
        {**result, "headline": ""} for result in alone
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_a_worker_refuses_a_rule_pack_changed_after_the_batch_loaded_it(tmp_path: Path) -> None:
    pack_dir = tmp_path / "pack"
    shutil.copytree(ROOT / "rules", pack_dir)
    pack = load_pack(pack_dir)
    scoring = next(pack_dir.glob("*.yaml"))
    scoring.write_text(scoring.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    rng = random.Random(8)
    rows = [(number, profile_cells(rng, number)) for number in range(2, 62)]
    results = batch.assess_rows(
        FIELDS,
        rows,
        pack=pack,
        rules=str(pack_dir),
        as_of=dt.date(2026, 12, 7),
        workers=2,
        chunk_rows=10,
    )
    with pytest.raises(RulePackError) as caught:
        list(results)
    assert str(caught.value) == (
        f"{pack_dir}: the rule pack changed while the batch ran; run the batch again"
    )


def test_the_batch_writes_its_results_before_its_input_ends(tmp_path: Path) -> None:
    # The input is a pipe the test holds open: results can only arrive before it is closed if
    # the batch reads, assesses and writes a chunk at a time.
    fifo = tmp_path / "profiles.csv"
    os.mkfifo(fifo)
    source = tmp_path / "source.csv"
    write_batch(source, 2_000)
    lines = source.read_bytes().splitlines(keepends=True)
    release = threading.Event()

    def feed() -> None:
        with open(fifo, "wb") as writer:
            writer.writelines(lines[:1_500])
            writer.flush()
            release.wait(timeout=600)
            writer.writelines(lines[1_500:])

    process = subprocess.Popen(
        [sys.executable, "-m", "advisor", "assess-batch", str(fifo), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    feeding = threading.Thread(target=feed)
    feeding.start()
    assert process.stdout is not None
    try:
        ready, _, _ = select.select([process.stdout], [], [], 180)
        first = os.read(process.stdout.fileno(), 65_536) if ready else b""
        input_open = feeding.is_alive()
    finally:
        release.set()
    rest, errors = process.communicate(timeout=600)
    feeding.join(timeout=60)
    assert first.startswith(b"row,company,verdict,"), "no results before the input ended"
    assert input_open
    assert process.returncode == 0, errors
    rows = list(csv.DictReader((first + rest).decode("utf-8").splitlines()))
    assert len(rows) == 2_000 - len(range(41, 2_000, 97))


def _peak_memory_kb(*args: str) -> int:
    """The largest resident set of the command or any of its workers, in KB."""
    process = subprocess.Popen(
        [sys.executable, "-m", "advisor", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0
    return int(usage.ru_maxrss)


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs wait4's resource usage")
def test_the_batch_memory_stays_flat_as_the_batch_grows(tmp_path: Path) -> None:
    # Held whole, 20,000 rows take about 90 MB more than 1,000 rows (about 4.7 MB a thousand
    # rows); streamed, the difference is a few MB of chunks in flight, whatever the length.
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    write_batch(small, 1_000)
    write_batch(large, 20_000)
    started = time.perf_counter()
    small_kb = _peak_memory_kb("assess-batch", str(small), "--out", str(tmp_path / "s.csv"))
    large_kb = _peak_memory_kb("assess-batch", str(large), "--out", str(tmp_path / "l.csv"))
    assert large_kb - small_kb < 20_000, (small_kb, large_kb, time.perf_counter() - started)


def _parent_peak_kb(source: Path, out: Path) -> int:
    """The batch's own largest resident set with two workers (theirs left out), in KB."""
    code = (
        "import sys; from advisor.cli import main; "
        f"main(['assess-batch', {str(source)!r}, '--out', {str(out)!r}, '--workers', '2']); "
        "print([line.split()[1] for line in open('/proc/self/status') if "
        "line.startswith('VmHWM:')][0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT, timeout=600
    )
    return int(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_the_parent_of_two_workers_does_not_grow_with_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With a process pool, whose threads pickled the chunks and received the answers, the
    # parent grew about 3 MB from 5,000 to 50,000 of these rows (each chunk left a hole in a
    # thread's arena), and 10 MB from 10,000 to 100,000; one thread passing them through
    # reused buffers keeps it within a few hundred KB.
    monkeypatch.setitem(CHOICES, "renewal_owner", [*CHOICES["renewal_owner"], "customer_success"])
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    write_batch(small, 5_000)
    write_batch(large, 50_000)
    small_kb = _parent_peak_kb(small, tmp_path / "s.csv")
    large_kb = _parent_peak_kb(large, tmp_path / "l.csv")
    assert large_kb - small_kb < 1_500, (small_kb, large_kb)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_two_workers_are_fed_and_answered_by_the_calling_thread_alone() -> None:
    rng = random.Random(6)
    rows = [(number, profile_cells(rng, number)) for number in range(2, 302)]
    before = threading.active_count()
    counts = [
        threading.active_count()
        for _ in batch.assess_rows(
            FIELDS,
            iter(rows),
            pack=load_pack(),
            rules=None,
            as_of=dt.date(2026, 12, 7),
            workers=2,
            chunk_rows=20,
        )
    ]
    assert len(counts) == 300
    assert set(counts) == {before}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
@pytest.mark.timeout(300)
def test_chunks_and_answers_larger_than_a_pipe_pass_without_a_deadlock() -> None:
    # Each chunk of 20 rows and its answer (the long company name comes back in it) are about
    # 1.2 MB, more than a pipe holds, so each side must read while the other writes.
    rng = random.Random(9)
    rows = [(number, ["x" * 60_000, *profile_cells(rng, number)[1:]]) for number in range(2, 202)]
    given: dict[str, Any] = {"pack": load_pack(), "rules": None, "as_of": dt.date(2026, 12, 7)}
    alone = list(batch.assess_rows(FIELDS, rows, **given))
    pooled = list(batch.assess_rows(FIELDS, iter(rows), **given, workers=3, chunk_rows=20))
    assert pooled == alone
    assert len(pooled) == 200


def _two_workers_where_row_150(
    monkeypatch: pytest.MonkeyPatch, happens: Callable[[], None]
) -> Iterator[dict[str, Any]]:
    """A batch of 400 rows on two workers whose assessing of row 150 does `happens`."""
    assess_row = batch.assess_row

    def at_row_150(*args: Any) -> dict[str, Any]:
        if args[0] == 150:
            happens()
        return assess_row(*args)

    monkeypatch.setattr(batch, "assess_row", at_row_150)  # forked workers inherit it
    rng = random.Random(7)
    rows = [(number, profile_cells(rng, number)) for number in range(2, 402)]
    return batch.assess_rows(
        FIELDS,
        rows,
        pack=load_pack(),
        rules=None,
        as_of=dt.date(2026, 12, 7),
        workers=2,
        chunk_rows=25,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_a_worker_that_stops_mid_batch_is_reported_not_waited_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As the kernel's out-of-memory killer would end it.
    results = _two_workers_where_row_150(monkeypatch, lambda: os._exit(1))
    with pytest.raises(RulePackError) as caught:
        list(results)
    assert str(caught.value) == (
        "rules: a worker process stopped before it finished its rows (out of memory?); run the "
        "batch again with --workers 1"
    )


def _a_bug() -> None:
    raise ZeroDivisionError("a bug in assessing row 150")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_a_worker_that_fails_raises_its_own_traceback_not_an_out_of_memory_guess(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results = _two_workers_where_row_150(monkeypatch, _a_bug)
    with pytest.raises(RuntimeError) as caught:
        list(results)
    message = str(caught.value)
    assert message.startswith("a worker process failed:\nTraceback (most recent call last):")
    assert "ZeroDivisionError: a bug in assessing row 150" in message


@pytest.mark.parametrize("given", ["0", "-2", "two", "1.5", ""])
def test_workers_must_be_a_whole_number_of_at_least_one(
    given: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "profiles.csv"
    write_batch(source, 3)
    with pytest.raises(SystemExit) as caught:
        cli.main(["assess-batch", str(source), f"--workers={given}"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"error: argument --workers: '{given}' is not a whole number of processes of at "
        "least 1 (1 = no extra process)\n"
    )


def test_a_carriage_return_alone_exits_2_naming_its_line(tmp_path: Path) -> None:
    source = tmp_path / "profiles.csv"
    source.write_bytes(b"company,active_accounts\nA,3\nB,4\rC,5\n")
    result = run("assess-batch", str(source))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"{source}:3: a line break inside a cell that is not in quotes (a carriage return "
        "alone?); save the CSV with ordinary line ends, or put the cell in double quotes\n"
    )


def test_a_cell_past_the_csv_field_limit_exits_2_naming_its_line(tmp_path: Path) -> None:
    source = tmp_path / "profiles.csv"
    source.write_text('company,notes\nA,ok\nB,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    result = run("assess-batch", str(source))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"{source}:3: a cell longer than 131,072 characters; shorten it (is a closing double "
        "quote missing?)\n"
    )


def test_a_line_that_is_not_utf8_keeps_the_old_results_file_and_names_the_line(
    tmp_path: Path,
) -> None:
    source = tmp_path / "profiles.csv"
    write_batch(source, 900)
    with source.open("ab") as handle:
        handle.write("Caf\N{LATIN SMALL LETTER E WITH ACUTE},mid_market\n".encode("latin-1"))
    out = tmp_path / "results.csv"
    out.write_text("the results of yesterday\n", encoding="utf-8")
    result = run("assess-batch", str(source), "--out", str(out), "--workers", "2")
    assert result.returncode == 2
    assert result.stderr.decode() == f"{source}:902: not UTF-8 text; save the CSV as UTF-8\n"
    assert out.read_text(encoding="utf-8") == "the results of yesterday\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["profiles.csv", "results.csv"]


def test_windows_line_ends_and_a_byte_order_mark_give_the_same_results(tmp_path: Path) -> None:
    plain, windows = tmp_path / "plain.csv", tmp_path / "windows.csv"
    write_batch(plain, 120)
    windows.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes().replace(b"\n", b"\r\n"))
    first, second = run("assess-batch", str(plain)), run("assess-batch", str(windows))
    assert first.returncode == second.returncode == 0, (first.stderr, second.stderr)
    assert first.stdout == second.stdout
    assert first.stdout.count(b"\n") == 1 + 120 - len(range(41, 120, 97))


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_doubled_quote_past_the_first_4_kb_is_read_as_one_quote(
    delimiter: str, tmp_path: Path
) -> None:
    # The delimiter is guessed from the first 4,096 characters; quoting is not, so a quoted
    # cell first seen further down is read as CSV reads it, not by a guess from no quotes.
    rng = random.Random(3)
    lines = [delimiter.join(FIELDS)]
    lines += [delimiter.join(profile_cells(rng, index)) for index in range(60)]
    assert len("\n".join(lines)) > 4_096
    cells = profile_cells(rng, 60)
    cells[0] = '"Acme ""North"" GmbH"'
    lines.append(delimiter.join(cells))
    source = tmp_path / "profiles.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("assess-batch", str(source))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.decode("utf-8").splitlines()))
    assert rows[-1]["row"] == "62"
    assert rows[-1]["company"] == 'Acme "North" GmbH'
