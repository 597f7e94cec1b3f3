"""Hostile uploads in the app: refused with a notice, never a crash; downloads formula-safe."""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from apptest_support import assert_no_exception, errors_text, go_to, open_app
from xlsx_support import flag_encrypted, raw_sheet, text_row, workbook

from advisor import worker
from advisor.crm_import import uploads
from advisor.pack import RulePackError
from advisor.pack.uploads import documents_from_uploads
from advisor.ui import assess_page, portfolio_page, rules_page
from advisor.ui.components import formula_safe_table
from advisor.ui.state import PROFILE_VALUES

ROOT = Path(__file__).resolve().parents[2]
NORTHWIND = (ROOT / "examples" / "northwind-hire-now.yaml").read_bytes()


@pytest.mark.parametrize(
    "tail",
    [b"notes: 2024-02-30\n", b"nps: !!int abc\n", b"nps: 3\x01\n", b'nps: "\\UFFFFFFFF"\n'],
    ids=["date", "tag", "control-byte", "escape"],
)
def test_profile_upload_with_a_date_tag_or_control_byte_shows_a_notice(tail: bytes) -> None:
    document = b"".join(line for line in io.BytesIO(NORTHWIND) if not line.startswith(b"notes:"))
    at = open_app()
    at.file_uploader(key=assess_page.UPLOAD).set_value(("odd.yaml", document + tail, "text/yaml"))
    at.run()
    assert_no_exception(at)
    assert "odd.yaml was not loaded" in errors_text(at)


def test_pack_upload_with_a_tag_shows_a_notice() -> None:
    at = go_to(open_app(), "Rules")
    bad = b"thresholds:\n  x:\n    value: !!float 'x'\n    source: s\n"
    at.file_uploader(key=rules_page.UPLOAD).set_value(("10-thresholds.yaml", bad, "text/yaml"))
    at.run()
    assert_no_exception(at)
    assert "was not used" in errors_text(at)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name, content in entries.items():
            bundle.writestr(name, content)
    return buffer.getvalue()


def test_pack_zip_with_two_files_of_the_same_name_is_refused() -> None:
    archive = _zip({"a/10-thresholds.yaml": b"thresholds: {}\n", "b/10-thresholds.yaml": b"x: 1\n"})
    with pytest.raises(RulePackError, match=r"two files are named 10-thresholds\.yaml"):
        documents_from_uploads([("pack.zip", archive)])


def test_table_downloads_are_formula_safe() -> None:
    frame = pd.DataFrame(
        {
            "account": ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "@SUM(1)", "Acme"],
            "arr": [1.0, 2.0, 3.0, 4.0],
            "change": ["-5", "-12.5%", "-x", "ok"],
        }
    )
    safe = formula_safe_table(frame)
    assert safe["account"].tolist()[:3] == [
        '\'=HYPERLINK("http://x")',
        "'+cmd|' /C calc'!A0",
        "'@SUM(1)",
    ]
    assert safe["account"].tolist()[3] == "Acme"
    assert safe["arr"].tolist() == [1.0, 2.0, 3.0, 4.0]
    assert safe["change"].tolist() == ["-5", "-12.5%", "'-x", "ok"]
    assert formula_safe_table([{"a": "=1"}]) == [{"a": "'=1"}]


def test_streamlit_config_pins_address_xsrf_and_cors() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    assert server["address"] == "127.0.0.1"
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True


def test_link_keeps_the_notes_out_of_the_url() -> None:
    at = open_app()
    link = {name: str(value) for name, value in at.query_params.items()}
    assert "company" in link and "active_accounts" in link
    assert "notes" not in link


def test_signed_effect_words_stay_readable_but_signed_formulas_do_not() -> None:
    cells = ["+25 points", "-10 points, at best not yet", "-2+cmd|' /C calc'!A0", "+1+1"]
    assert formula_safe_table([{"a": cell} for cell in cells]) == [
        {"a": "+25 points"},
        {"a": "-10 points, at best not yet"},
        {"a": "'-2+cmd|' /C calc'!A0"},
        {"a": "'+1+1"},
    ]


# --- Exports that cost more to read than their size says --------------------------------------


def _portfolio_upload(name: str, data: bytes) -> Any:
    """Upload a good export, set how it is read, then upload `name` in its place."""
    at = go_to(open_app(), "Portfolio")
    at.radio(key="portfolio_source").set_value(portfolio_page.SOURCE_UPLOAD)
    at.run()
    good = b"account,arr start,arr end\nOak,1000,1200\n"
    at.file_uploader(key=portfolio_page.UPLOAD_KEY).set_value(("good.csv", good, "text/csv"))
    at.run()
    at.text_input(key="portfolio_date_format").set_value("%d/%m/%Y")
    at.text_input(key="portfolio_rates").set_value("USD=0.92")
    at.run()
    profile = dict(at.session_state[PROFILE_VALUES])
    at.file_uploader(key=portfolio_page.UPLOAD_KEY).set_value((name, data, "text/csv"))
    at.run()
    assert_no_exception(at)
    # Everything typed before the refusal is still there.
    assert at.text_input(key="portfolio_date_format").value == "%d/%m/%Y"
    assert at.text_input(key="portfolio_rates").value == "USD=0.92"
    assert dict(at.session_state[PROFILE_VALUES]) == profile
    return at


def test_an_export_of_blank_lines_is_refused_next_to_the_uploader() -> None:
    at = _portfolio_upload("blank.csv", b"account,arr start,arr end\n" + b"\n" * 9_900_000)
    assert "blank.csv: the file holds more than 50,000 empty rows" in errors_text(at)


def test_an_encrypted_workbook_is_refused_next_to_the_uploader() -> None:
    at = _portfolio_upload("locked.xlsx", flag_encrypted(workbook([["account", "arr"]])))
    assert "locked.xlsx: the workbook is password-protected (encrypted)" in errors_text(at)


def test_an_upload_past_the_time_ceiling_is_refused_next_to_the_uploader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(uploads, "CEILING", worker.Ceiling(seconds=1))
    rows = b"".join(text_row(n, f"Account {n}", "1", "2", "3", "4", "5") for n in range(2, 60_000))
    data = raw_sheet(text_row(1, "account", "b", "c", "d", "e", "f") + rows)
    at = _portfolio_upload("slow.xlsx", data)
    assert "slow.xlsx: reading the file took longer than 1 second" in errors_text(at)


def test_streamlit_config_skips_the_full_collection_after_every_rerun() -> None:
    """A full `gc.collect(2)` after each rerun cost about 40% of the server's CPU per interaction
    under load; Python's generational collector still runs on its own."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
