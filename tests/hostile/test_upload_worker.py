"""Uploads are read in a worker process with a time and a memory ceiling, and say which they hit."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from xlsx_support import raw_sheet, text_row, workbook

from advisor import worker
from advisor.crm_import import ExportError, Formula, ImportLimits, ImportOptions, read_export
from advisor.crm_import.uploads import read_upload

PROBE = "worker_probe"
QUICK = worker.Ceiling(seconds=2, memory=300_000_000)


def test_an_upload_is_read_in_another_process() -> None:
    answer = worker.run(PROBE, "probe.pid", b"", b"", QUICK)
    assert int(answer) != os.getpid()


def test_the_bytes_and_arguments_reach_the_worker_unchanged() -> None:
    data = bytes(range(256)) * 4_000
    assert worker.run(PROBE, "probe.echo", b"args", data, QUICK) == b"args|" + data


def test_a_read_past_the_time_ceiling_is_stopped() -> None:
    with pytest.raises(worker.Overrun) as caught:
        worker.run(PROBE, "probe.spin", b"", b"", worker.Ceiling(seconds=1))
    assert caught.value.reason == "time"


def test_a_read_past_the_memory_ceiling_is_stopped() -> None:
    with pytest.raises(worker.Overrun) as caught:
        worker.run(PROBE, "probe.hog", b"", b"", QUICK)
    assert caught.value.reason == "memory"


@pytest.mark.parametrize(
    ("task", "detail"), [("probe.crash", "SIGSEGV"), ("probe.bug", "KeyError")]
)
def test_a_worker_that_stops_says_how(task: str, detail: str) -> None:
    with pytest.raises(worker.Overrun) as caught:
        worker.run(PROBE, task, b"", b"", QUICK)
    assert (caught.value.reason, caught.value.detail) == ("stopped", detail)


def test_the_worker_still_reads_after_one_was_stopped() -> None:
    with pytest.raises(worker.Overrun):
        worker.run(PROBE, "probe.crash", b"", b"", QUICK)
    assert worker.run(PROBE, "probe.echo", b"a", b"b", QUICK) == b"a|b"


# --- CRM exports through the worker ------------------------------------------------------------


def _same(left: object, right: object) -> None:
    assert vars(left) == vars(right)


def test_a_csv_upload_reads_as_it_reads_in_process() -> None:
    data = b"account;arr\nOak;1.200,50\n\nElm;800\nPine;1;2\n"
    options = ImportOptions()
    _same(read_upload(data, "eu.csv", options), read_export(data, "eu.csv", options))


def test_an_xlsx_upload_keeps_its_formula_cells() -> None:
    data = workbook([["account", "arr"], ["Oak", "=B3*2"], ["Elm", 3.5], [None, None], ["Ash", 1]])
    table = read_upload(data, "f.xlsx", ImportOptions())
    _same(table, read_export(data, "f.xlsx", ImportOptions()))
    assert isinstance(table.columns[1][0], Formula)
    assert not isinstance(table.columns[0][0], Formula)


def test_a_refused_upload_is_the_reader_s_export_error() -> None:
    with pytest.raises(ExportError) as caught:
        read_upload(
            b"account,arr\n" + b"\n" * 30,
            "blank.csv",
            ImportOptions(limits=ImportLimits(max_empty_rows=5)),
        )
    assert str(caught.value) == (
        "blank.csv: the file holds more than 5 empty rows (blank lines or rows of bare "
        "delimiters), the most a file may hold; delete them and try again"
    )


def _slow_workbook() -> bytes:
    rows = b"".join(text_row(n, f"Account {n}", "1", "2", "3", "4", "5") for n in range(2, 60_000))
    return raw_sheet(text_row(1, "account", "b", "c", "d", "e", "f") + rows)


def test_an_upload_past_the_time_ceiling_is_refused_naming_the_file() -> None:
    with pytest.raises(ExportError) as caught:
        read_upload(_slow_workbook(), "slow.xlsx", ImportOptions(), worker.Ceiling(seconds=1))
    assert str(caught.value) == (
        "slow.xlsx: reading the file took longer than 1 second, the most one upload may take; "
        "save it as CSV, or split it into smaller files, and try again"
    )


@pytest.fixture
def fresh_server() -> Iterator[None]:
    """A fork server of this test's own: one a long session started has served other reads."""
    worker.stop()
    yield
    worker.stop()


@pytest.mark.usefixtures("fresh_server")
def test_an_upload_past_the_memory_ceiling_is_refused_naming_the_file() -> None:
    data = b"account,arr\n" + b"Oak Ltd,1200\n" * 700_000
    with pytest.raises(ExportError) as caught:
        read_upload(data, "big.csv", ImportOptions(), worker.Ceiling(memory=20_000_000))
    assert str(caught.value) == (
        "big.csv: reading the file needed more than 20 MB of memory, the most one upload may "
        "use; save it as CSV, or split it into smaller files, and try again"
    )


def test_a_stopped_server_is_started_afresh_by_the_next_read() -> None:
    read_upload(b"account,arr\nOak Ltd,1200\n", "one.csv", ImportOptions())
    first = worker._server
    assert first is not None
    worker.stop()
    assert worker._server is None and first.process.poll() is not None
    read_upload(b"account,arr\nOak Ltd,1200\n", "two.csv", ImportOptions())
    assert worker._server is not None and worker._server is not first
