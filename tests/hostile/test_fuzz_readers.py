"""Property-based fuzzing per reader: whatever the input, only AdvisorError subclasses escape."""

from __future__ import annotations

import contextlib
import io
import zipfile
import zlib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from fuzz_support import FUZZ, FUZZ_SLOW, YAML_PIECES
from hypothesis import given
from hypothesis import strategies as st
from xlsx_support import (
    CENTRAL_HEADER,
    LOCAL_HEADER,
    SHEET,
    header_offsets,
    rewrite,
    with_shared_strings,
    workbook,
)

from advisor.crm_import import (
    ExportError,
    ImportOptions,
    import_accounts,
    mapping_for,
    parse_accounts,
    read_export,
)
from advisor.pack import RulePackError
from advisor.pack.load import pack_from_documents
from advisor.problems import AdvisorError
from advisor.profile import ProfileError, parse_profile, profile_from_text
from advisor.yamlio import DocumentError, decode_bytes, parse_document

ROOT = Path(__file__).resolve().parents[2]
RULE_FILES = sorted((ROOT / "rules").glob("*.yaml"))

yaml_text = st.one_of(
    st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=6), max_size=30).map("".join),
    st.text(max_size=200),
)
raw_bytes = st.one_of(
    st.binary(max_size=300), yaml_text.map(lambda t: t.encode("utf-8", "surrogatepass"))
)


@FUZZ
@given(raw_bytes, st.sampled_from(["x.yaml", "x.json", "upload", "x.yml"]))
def test_fuzz_document_loader_raises_only_document_errors(raw: bytes, source: str) -> None:
    with contextlib.suppress(DocumentError):
        parse_document(decode_bytes(raw, source), source)


PROFILE_VALUES: Any = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["36.000", "€36.000", "36.000,00", "1,5", "1__0", "5e-324", "1:30", "1e3"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "company",
                "segment",
                "active_accounts",
                "avg_contract_value",
                "gross_margin",
                "am_fully_loaded_cost",
                "nrr",
                "notes",
                "renewal_lead_days",
                "currency",
                "nps",
                "x",
            ]
        ),
        PROFILE_VALUES,
        max_size=8,
    )
)
def test_fuzz_profile_values_raise_only_profile_errors(values: dict[str, Any]) -> None:
    with contextlib.suppress(ProfileError):
        parse_profile(values, "fuzz.yaml")


@FUZZ
@given(yaml_text)
def test_fuzz_profile_text_raises_only_profile_errors(text: str) -> None:
    with contextlib.suppress(ProfileError):
        profile_from_text(text, "fuzz.yaml")


@FUZZ_SLOW
@given(st.sampled_from(RULE_FILES), st.integers(min_value=0), st.sampled_from(YAML_PIECES))
def test_fuzz_rule_pack_raises_only_rule_pack_errors(file: Path, at: int, piece: str) -> None:
    text = file.read_bytes()
    cut = at % (len(text) + 1)
    changed = text[:cut] + piece.encode("utf-8", "surrogatepass") + text[cut:]
    with contextlib.suppress(RulePackError):
        pack_from_documents([(file.name, changed)])


@FUZZ
@given(raw_bytes)
def test_fuzz_rule_pack_file_raises_only_rule_pack_errors(raw: bytes) -> None:
    try:
        pack_from_documents([("fuzz.yaml", raw)])
    except AdvisorError as error:
        assert isinstance(error, RulePackError)


CSV_PIECES = [
    "account,arr start,arr end,status,renewal date\n",
    "account;arr;status\n",
    ",",
    ";",
    "\t",
    "\n",
    "\r",
    "\r\n",
    '"',
    '""',
    "Acme",
    "1.234,50",
    "1,234",
    "36.000",
    "€",
    "-",
    "(5)",
    "2026-02-30",
    "0000-01-01",
    "2026-11-15 25:99:99",
    "=HYPERLINK(1)",
    "+cmd|x",
    "@SUM(1)",
    "active",
    "churned",
    "\x00",
    "\ufeff",
    "É",
    "\x1b[2J",
    "1e400",
    "nan",
    "inf",
]


@FUZZ
@given(
    st.one_of(
        st.lists(st.sampled_from(CSV_PIECES) | st.text(max_size=5), max_size=40).map(
            lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
        ),
        st.binary(max_size=300),
        st.binary(max_size=200).map(lambda tail: b"PK\x03\x04" + tail),
    ),
    st.sampled_from([None, "%d/%m/%Y", "%Q"]),
    st.sampled_from([None, ".", ","]),
)
def test_fuzz_crm_import_raises_only_export_errors(
    data: bytes, date_format: str | None, decimal: str | None
) -> None:
    try:
        options = ImportOptions(date_format=date_format, decimal=decimal)
        import_accounts(data, "fuzz.csv", options)
    except AdvisorError as error:
        assert isinstance(error, ExportError)


# --- XLSX: real workbooks, then damaged in their zip structure and in their XML ----------------

XLSX_ROWS = [
    ["account", "arr start", "arr end", "status", "renewal date", "notes"],
    ["Oak Ltd", 1200, 1300.5, "active", date(2026, 3, 1), "=B2*1.1"],
    ["Elm GmbH", "3.000,00", None, "churned", datetime(2026, 1, 2, 9, 30), True],
    [None, None, None, None, None, None],
    ["Pine SA", -5, 1e9, "active", time(12, 0), "Grand Totals (3 records)"],
]
XLSX_SEEDS = [
    workbook(XLSX_ROWS),
    with_shared_strings(workbook(XLSX_ROWS)),
    (ROOT / "tests" / "portfolio" / "fixtures" / "formula.xlsx").read_bytes(),
]
XLSX_PARTS = [
    SHEET,
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "_rels/.rels",
    "xl/styles.xml",
    "xl/sharedStrings.xml",
    "[Content_Types].xml",
]
XML_PIECES = [
    b"<!DOCTYPE x>",
    b'<!DOCTYPE x [<!ENTITY e "lol">]>',
    b"&e;",
    b"&#0;",
    b"&#xD800;",
    b'<row r="0">',
    b'<row r="99999999">',
    b'<row r="1048576"/>',
    b"<row>",
    b"</row>",
    b'<c r="ZZZZ1">',
    b'<c r="XFD1"><v>1</v></c>',
    b'<c t="s"><v>99</v></c>',
    b'<c t="s"><v>-1</v></c>',
    b'<c t="d"><v>x</v></c>',
    b'<c t="b"><v>2</v></c>',
    b'<c s="999"><v>1</v></c>',
    b'<c s="1"><v>1e999</v></c>',
    b'<c s="1"><v>-99999999</v></c>',
    b'<c><f t="shared" si="0"/></c>',
    b'<c><f t="shared" si="0" ref="A1:A9">SUM(</f></c>',
    b"<is><t>",
    b"_x0000__xD800_",
    b"\x00",
    b"\xff\xfe",
    b'<?xml version="1.0" encoding="UTF-16"?>',
    b'<?xml version="1.0" encoding="x-unknown"?>',
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b'"',
    b"<",
    b">",
    b'<sheet name="x" r:id="rId99"/>',
    b'<sheet name="Accounts" sheetId="2" r:id="rId1"/>',
    b'<Relationship Id="rId1" Target="../../../etc/passwd" Type="x/worksheet"/>',
    b'<Relationship Id="rId1" Target="/xl/styles.xml" Type="x/worksheet"/>',
    b'<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>',
    b'<xf numFmtId="\xc2\xb2"/>',
    b'<workbookPr date1904="1"/>',
]


def _damage_xml(data: bytes, part: str, at: int, piece: bytes) -> bytes:
    """A piece inserted into one part's XML, the zip rewritten whole (if it can still be read)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if part not in archive.namelist():
                return data
        return rewrite(
            data, part, lambda c: c[: at % (len(c) + 1)] + piece + c[at % (len(c) + 1) :]
        )
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
        # An earlier step broke the zip: this step leaves it as it is.
        return data


def _damage_zip(data: bytes, kind: str, index: int, value: int) -> bytes:
    signature = LOCAL_HEADER if kind.startswith("local") else CENTRAL_HEADER
    starts = header_offsets(data, signature)
    if not starts:
        return data
    start = starts[index % len(starts)]
    field = {"local-flags": 6, "local-method": 8, "central-flags": 8, "central-method": 10}.get(
        kind, 20 if kind == "central-compressed-size" else 24
    )
    width = 2 if kind.endswith(("flags", "method")) else 4
    changed = bytearray(data)
    changed[start + field : start + field + width] = (value % 256**width).to_bytes(width, "little")
    return bytes(changed)


ZIP_FIELDS = [
    "local-flags",
    "local-method",
    "central-flags",
    "central-method",
    "central-compressed-size",
    "central-size",
]
XLSX_DAMAGE = st.one_of(
    st.tuples(
        st.just("xml"), st.sampled_from(XLSX_PARTS), st.integers(0), st.sampled_from(XML_PIECES)
    ),
    st.tuples(
        st.just("zip"),
        st.sampled_from(ZIP_FIELDS),
        st.integers(0, 20),
        st.one_of(st.sampled_from([0, 1, 6, 8, 9, 12, 14, 93, 95, 98, 99, 0x801]), st.integers(0)),
    ),
    st.tuples(st.just("cut"), st.integers(0)),
    st.tuples(st.just("bytes"), st.integers(0), st.binary(min_size=1, max_size=8)),
)


def _damaged(data: bytes, damage: tuple[Any, ...]) -> bytes:
    kind = damage[0]
    if kind == "xml":
        return _damage_xml(data, damage[1], damage[2], damage[3])
    if kind == "zip":
        return _damage_zip(data, damage[1], damage[2], damage[3])
    if kind == "cut":
        return data[: damage[1] % (len(data) + 1)]
    at = damage[1] % (len(data) + 1)
    return data[:at] + damage[2] + data[at + len(damage[2]) :]


@FUZZ
@given(st.sampled_from(range(len(XLSX_SEEDS))), st.lists(XLSX_DAMAGE, min_size=1, max_size=3))
def test_fuzz_xlsx_bytes_raise_only_export_errors_naming_the_file(
    seed: int, damage: list[tuple[Any, ...]]
) -> None:
    data = XLSX_SEEDS[seed]
    for step in damage:
        data = _damaged(data, step)
    try:
        table = read_export(data, "fuzz.xlsx")
    except ExportError as error:
        assert str(error).startswith("fuzz.xlsx")
        assert all(problem.file == "fuzz.xlsx" for problem in error.problems)
        return
    try:
        mapping, layout = mapping_for(table, ImportOptions())
        parse_accounts(table, mapping, ImportOptions(), layout)
    except AdvisorError as error:
        assert isinstance(error, ExportError)
