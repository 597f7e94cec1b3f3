"""Workbooks for the XLSX tests: built with openpyxl, then rewritten, re-zipped or damaged."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable, Sequence
from typing import Any

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
LOCAL_HEADER = b"PK\x03\x04"
CENTRAL_HEADER = b"PK\x01\x02"
# Offsets of the general-purpose flags and the compression method in each kind of header.
FLAGS = {LOCAL_HEADER: 6, CENTRAL_HEADER: 8}
METHOD = {LOCAL_HEADER: 8, CENTRAL_HEADER: 10}


def workbook(rows: Sequence[Sequence[Any]], *, epoch: Any = None) -> bytes:
    """An .xlsx of one sheet holding `rows`, as openpyxl writes it (inline strings)."""
    book = Workbook()
    if epoch is not None:
        book.epoch = epoch
    sheet = book.active
    assert sheet is not None
    sheet.title = "Accounts"
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same zip with one member's bytes changed."""
    return rezip(data, {member: change})


def rezip(data: bytes, changes: dict[str, Callable[[bytes], bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in changes:
                content = changes[info.filename](content)
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def with_shared_strings(data: bytes) -> bytes:
    """The workbook as Excel writes it: text cells point into a shared string table."""
    table: dict[str, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        index = table.setdefault(match.group(3).decode(), len(table))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2), index)

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        sheet = source.read(SHEET)
    cell = rb'<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>'
    sheet = re.sub(cell, shared, sheet)
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in table)
    strings = f'<sst xmlns="{MAIN_NS}" uniqueCount="{len(table)}">{items}</sst>'.encode()
    rel = (
        b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    kind = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    rewritten = rezip(
        data,
        {
            SHEET: lambda _: sheet,
            "xl/_rels/workbook.xml.rels": lambda c: c.replace(b"</Relationships>", rel),
            "[Content_Types].xml": lambda c: c.replace(b"</Types>", kind),
        },
    )
    out = io.BytesIO(rewritten)
    with zipfile.ZipFile(out, "a") as target:
        target.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


def header_offsets(data: bytes, signature: bytes) -> list[int]:
    """Where each local (or central directory) header starts."""
    found, at = [], data.find(signature)
    while at >= 0:
        found.append(at)
        at = data.find(signature, at + 4)
    return found


def set_field(data: bytes, signature: bytes, field: int, value: int, *, only: int = -1) -> bytes:
    """Set a two-byte field in every header of a kind (or in the `only`-th one)."""
    changed = bytearray(data)
    for index, start in enumerate(header_offsets(data, signature)):
        if only in (-1, index):
            struct.pack_into("<H", changed, start + field, value)
    return bytes(changed)


def flag_encrypted(data: bytes, *, local: bool = True, central: bool = True) -> bytes:
    """Every entry marked encrypted (bit 0 of the general-purpose flags)."""
    changed = bytearray(data)
    for signature, wanted in ((LOCAL_HEADER, local), (CENTRAL_HEADER, central)):
        for start in header_offsets(data, signature) if wanted else []:
            changed[start + FLAGS[signature]] |= 1
    return bytes(changed)


def raw_sheet(rows_xml: bytes, *, prolog: bytes = b"") -> bytes:
    """A workbook whose only sheet's XML is `rows_xml` inside <sheetData>."""
    body = (
        prolog
        + b'<worksheet xmlns="'
        + MAIN_NS.encode()
        + b'"><sheetData>'
        + rows_xml
        + b"</sheetData></worksheet>"
    )
    return rewrite(workbook([["x"]]), SHEET, lambda _: body)


def text_row(number: int, *cells: str) -> bytes:
    """A <row> of inline-string cells from column A."""
    inner = b"".join(
        b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (bytes([65 + i]), number, c.encode())
        for i, c in enumerate(cells)
    )
    return b'<row r="%d">%s</row>' % (number, inner)
