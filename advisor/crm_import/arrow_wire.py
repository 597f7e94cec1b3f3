"""Text columns kept in Arrow, sent between processes as an Arrow IPC stream (never a pickle).

The upload worker reads a CSV export with pyarrow; its columns cross to the app as one IPC
stream of text columns, so the app cleans them in Arrow as the CLI does, instead of as lists of
Python strings. The stream is checked on arrival: text columns only, as many as the headers,
as many rows as the table, every value valid UTF-8.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pyarrow as pa

from advisor.crm_import.records import Cells
from advisor.crm_import.text_cells import TextCells
from advisor.i18n import _


def arrow_columns(columns: Sequence[Cells]) -> bytes:
    """The columns as an IPC stream when every one is kept in Arrow, else b"" (sent as cells)."""
    if not columns or not all(isinstance(column, TextCells) for column in columns):
        return b""
    arrays = [pa.array(column.series.array) for column in columns if isinstance(column, TextCells)]
    chunks = [a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a for a in arrays]
    batch = pa.record_batch(chunks, names=[f"f{index}" for index in range(len(chunks))])
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    return bytes(sink.getvalue())


def text_columns(stream: bytes, width: int, rows: int) -> list[Cells]:
    """The columns of an IPC stream from `arrow_columns`; ValueError when it is not one."""
    try:
        table = pa.ipc.open_stream(pa.py_buffer(stream)).read_all()
        table.validate(full=True)
    except (pa.ArrowInvalid, OSError) as error:
        raise ValueError(_("the reader's columns cannot be read: {error}", error=error)) from None
    text = (pa.string(), pa.large_string())
    if table.num_columns != width or table.num_rows != rows:
        raise ValueError(_("the reader's columns do not match its table"))
    if any(field.type not in text for field in table.schema):
        raise ValueError(_("the reader's columns are not text"))
    return [TextCells(pd.Series(column.combine_chunks(), dtype="str")) for column in table.columns]
