"""The Role page's hiring kit: each registered document's downloads, built on the click from the
role as the page holds it, and the same file the command line writes; the job description's tick
boxes for what it may disclose."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from roles_support import deferred_downloads
from streamlit.testing.v1 import AppTest

from advisor.export.kit import render_kit
from advisor.kit import DOCUMENTS, prepare_kit
from advisor.kit.disclosure import disclosable_fields
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
        *("memo.md", "memo.docx", "memo.pdf", "memo.json"),
        *("job.md", "job.docx", "job.pdf", "job.json", "job.jsonld"),
        *("interview.md", "interview.docx", "interview.pdf", "interview.json"),
        *(
            f"{key}.{fmt}"
            for key in ("candidate", "transition", "review")
            for fmt in ("md", "docx", "pdf", "json")
        ),
    ]
    # A label naming the format ("Markdown") would match the brief's button of that name too.
    brief = [b.label for b in at.download_button if str(b.key).startswith("role.download.")]
    assert "Markdown" in brief
    assert not any(name.lower() in b.label.lower() for name in brief if len(name) > 4 for b in kit)


def _ticks(at: AppTest) -> list[Any]:
    return [box for box in at.checkbox if str(box.key).startswith("role.kit.disclose.")]


def test_the_job_description_discloses_only_the_fields_ticked_and_the_ticks_stay() -> None:
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    profile = load_profile(NORTHWIND)
    at.session_state["profile_values"] = profile_to_dict(profile)
    at.session_state["as_of"] = DAY
    with deferred_downloads() as made:
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    boxes = _ticks(at)
    assert {str(b.key): (b.label, b.value) for b in boxes} == {
        f"role.kit.disclose.{name}": (label, False) for name, label in disclosable_fields(profile)
    }
    assert "96%" not in made["northwind-analytics-job.md"]().decode()  # Northwind's NRR
    next(b for b in boxes if b.key == "role.kit.disclose.nrr").check()
    with deferred_downloads() as made:
        at.run()
    text = made["northwind-analytics-job.md"]().decode()
    assert "Net revenue retention: 96%" in text and "62%" not in text  # not its margin
    at.run()  # another rerun: the tick is kept
    assert [b.key for b in _ticks(at) if b.value] == ["role.kit.disclose.nrr"]
    kit = prepare_kit(profile, load_pack(), prepared_on=DAY, disclose=frozenset({"nrr"}))
    assert text.encode() == render_kit(DOCUMENTS["job"].build(kit), "md")


def test_the_role_page_offers_the_job_posting_json_ld_and_says_what_it_lacks() -> None:
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    at.session_state["profile_values"] = profile_to_dict(load_profile(NORTHWIND))
    at.session_state["as_of"] = DAY
    with deferred_downloads() as made:
        at.run()
    posting = json.loads(made["northwind-analytics-job.jsonld"]())
    assert (posting["@type"], posting["datePosted"]) == ("JobPosting", "2026-12-07")
    captions = [c.value for c in at.caption]
    assert any(
        c.startswith("job.jsonld: no baseSalary: the rule pack has no pay band") for c in captions
    )
