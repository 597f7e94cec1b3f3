"""The Role page's hiring kit: each registered document's downloads, built on the click from the
role as the page holds it, and the same file the command line writes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pypdf import PdfReader
from roles_support import deferred_downloads
from streamlit.testing.v1 import AppTest

from advisor.export.kit import render_kit
from advisor.kit import DOCUMENTS, prepare_kit
from advisor.pack import load_pack
from advisor.profile import load_profile, profile_to_dict

ROOT = Path(__file__).resolve().parents[2]
NORTHWIND = ROOT / "examples" / "northwind-hire-now.yaml"
SCRIPT = "from advisor.ui import role_page\nrole_page.render()\n"
DAY = dt.date(2026, 12, 7)


def test_the_role_page_offers_the_decision_memo_in_every_format() -> None:
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    at.session_state["profile_values"] = profile_to_dict(load_profile(NORTHWIND))
    at.session_state["as_of"] = DAY
    with deferred_downloads() as made:
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Hiring kit" in [s.value for s in at.subheader]
    names = {f"northwind-analytics-memo.{fmt}" for fmt in DOCUMENTS["memo"].formats}
    assert names <= set(made)
    markdown = made["northwind-analytics-memo.md"]()
    kit = prepare_kit(load_profile(NORTHWIND), load_pack(), prepared_on=DAY)
    assert markdown == render_kit(DOCUMENTS["memo"].build(kit), "md")
    pdf = made["northwind-analytics-memo.pdf"]()
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_each_kit_button_is_named_by_its_file_not_the_brief_s_format_names() -> None:
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    at.session_state["profile_values"] = profile_to_dict(load_profile(NORTHWIND))
    at.run()
    kit = [b for b in at.download_button if str(b.key).startswith("role.kit.")]
    assert [b.label for b in kit] == [
        f"{key}.{fmt}"
        for key in ("memo", "candidate", "transition", "review")
        for fmt in ("md", "docx", "pdf", "json")
    ]
    # A label naming the format ("Markdown") would match the brief's button of that name too.
    brief = [b.label for b in at.download_button if str(b.key).startswith("role.download.")]
    assert "Markdown" in brief
    assert not any(name.lower() in b.label.lower() for name in brief if len(name) > 4 for b in kit)
