"""An uploaded export read in a worker process, under a time and a memory ceiling.

The app reads every export through `read_upload`: `read_export` runs in a worker
(`advisor.worker`), so a file that is slow or large to read costs the worker, never the server,
and ends at the ceiling in an `ExportError` that names the file and the limit passed. The raw
table comes back as MessagePack decoded against `_Table` (plain values: text, numbers and the
positions of formula cells), never as a pickle; a CSV read by pyarrow sends its text columns
as one Arrow IPC stream instead, so the app cleans them in Arrow as the CLI does.
"""

from __future__ import annotations

import msgspec

from advisor import worker
from advisor.crm_import.arrow_wire import arrow_columns, text_columns
from advisor.crm_import.errors import ExportError, RowIssue
from advisor.crm_import.options import ImportLimits, ImportOptions
from advisor.crm_import.records import Cells, RawTable
from advisor.crm_import.tables import read_export
from advisor.crm_import.text_cells import plain
from advisor.crm_import.workbook import Formula
from advisor.i18n import _, n_
from advisor.i18n.formats import number
from advisor.problems import Problem

TASK = "crm_import.read_export"
MODULE = __name__  # imports the readers (and pandas) and registers the task
# An upload may use a minute of processor time (three on the clock) and 1.5 GB of memory: the
# most the readers' own caps let a 10 MB file cost is under half the time and a third of the
# memory (`make bench AREA=uploads`).
CEILING = worker.Ceiling(seconds=60, memory=1_500_000_000)


class _Args(msgspec.Struct, frozen=True):
    source: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    limits: ImportLimits


class _Table(msgspec.Struct, frozen=True, tag=True):
    source: str
    file_format: str
    headers: list[str]
    columns: list[list[str | float]]
    formulas: list[tuple[int, int]]  # (column, position) of each formula cell
    rows: list[int]
    excluded: list[RowIssue]
    notes: list[str]
    encoding: str
    delimiter: str
    excluded_cells: dict[int, list[str]]
    footer: list[tuple[int, str]]
    arrow: bytes = b""  # the columns as an Arrow IPC stream of text columns, `columns` empty


class _Refusal(msgspec.Struct, frozen=True, tag=True):
    problems: list[Problem]


def _plain(value: object) -> object:
    """A formula cell crosses as its text; its position travels in `_Table.formulas`."""
    if isinstance(value, Formula):
        return str(value)
    raise NotImplementedError(type(value).__name__)


_encoder = msgspec.msgpack.Encoder(enc_hook=_plain)
_decoder = msgspec.msgpack.Decoder(_Table | _Refusal)


@worker.task(TASK)
def _read(data: bytes, args: bytes) -> bytes:
    """The worker's side: read the export, answer with the table or the refusal."""
    given = msgspec.msgpack.decode(args, type=_Args)
    options = ImportOptions(
        encoding=given.encoding, delimiter=given.delimiter, sheet=given.sheet, limits=given.limits
    )
    try:
        table = read_export(data, given.source, options)
    except ExportError as error:
        return _encoder.encode(_Refusal(list(error.problems)))
    return _encoder.encode(_to_wire(table))


def _to_wire(table: RawTable) -> _Table:
    formulas = (
        [
            (index, position)
            for index, column in enumerate(table.columns)
            for position, cell in enumerate(column)
            if cell.__class__ is Formula
        ]
        if table.file_format == "xlsx"
        else []
    )
    arrow = arrow_columns(table.columns)
    return _Table(
        table.source,
        table.file_format,
        table.headers,
        [] if arrow else [plain(column) for column in table.columns],
        formulas,
        table.rows,
        table.excluded,
        table.notes,
        table.encoding,
        table.delimiter,
        table.excluded_cells,
        table.footer,
        arrow,
    )


def _from_wire(wire: _Table) -> RawTable:
    columns: list[Cells] = list(wire.columns)
    if wire.arrow:
        columns = text_columns(wire.arrow, len(wire.headers), len(wire.rows))
    for index, position in wire.formulas:
        cells = columns[index]
        if isinstance(cells, list):  # formulas come only from workbooks, sent as cells
            cells[position] = Formula(cells[position])
    return RawTable(
        source=wire.source,
        file_format=wire.file_format,
        headers=wire.headers,
        columns=list(columns),
        rows=wire.rows,
        excluded=wire.excluded,
        notes=wire.notes,
        encoding=wire.encoding,
        delimiter=wire.delimiter,
        excluded_cells=wire.excluded_cells,
        footer=wire.footer,
    )


def read_upload(
    data: bytes, source: str, options: ImportOptions, ceiling: worker.Ceiling | None = None
) -> RawTable:
    """`read_export` in a worker under `ceiling` (default `CEILING`); an ExportError for every
    refusal and overrun."""
    args = _Args(source, options.encoding, options.delimiter, options.sheet, options.limits)
    ceiling = ceiling or CEILING
    try:
        answer = worker.run(MODULE, TASK, msgspec.msgpack.encode(args), data, ceiling)
    except worker.Overrun as overrun:
        raise ExportError.at(overrun_message(overrun), source=source) from None
    reply = _decoder.decode(answer)
    if isinstance(reply, _Refusal):
        raise ExportError(reply.problems)
    try:
        return _from_wire(reply)
    except ValueError as error:
        raise ExportError.at(_("{error}; try again", error=error), source=source) from None


def overrun_message(overrun: worker.Overrun) -> str:
    """What the user reads when a read passed a ceiling."""
    ceiling = overrun.ceiling
    if overrun.reason == "time":
        return n_(
            "reading the file took longer than {count} second, the most one upload may take; "
            "save it as CSV, or split it into smaller files, and try again",
            "reading the file took longer than {count} seconds, the most one upload may take; "
            "save it as CSV, or split it into smaller files, and try again",
            ceiling.seconds,
            count=number(ceiling.seconds),
        )
    if overrun.reason == "memory":
        return _(
            "reading the file needed more than {megabytes} MB of memory, the most one upload may "
            "use; save it as CSV, or split it into smaller files, and try again",
            megabytes=number(ceiling.memory // 1_000_000),
        )
    if overrun.detail:
        # Translators: {detail} is the reader's own words on why it stopped.
        return _(
            "the file could not be read: the reader stopped unexpectedly ({detail}); save it as "
            "CSV, or split it into smaller files, and try again",
            detail=overrun.detail,
        )
    return _(
        "the file could not be read: the reader stopped unexpectedly; save it as CSV, or split "
        "it into smaller files, and try again"
    )


def warm() -> None:
    """Start the worker's fork server now, so the first upload does not wait for it."""
    worker.warm(MODULE)
