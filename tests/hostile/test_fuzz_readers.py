"""Property-based fuzzing per reader: whatever the input, only AdvisorError subclasses escape."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from fuzz_support import FUZZ, FUZZ_SLOW, YAML_PIECES
from hypothesis import given
from hypothesis import strategies as st

from advisor.crm_import import ExportError, ImportOptions, import_accounts
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
