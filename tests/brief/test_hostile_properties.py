"""Property: any text as company name and notes exports in every format and stays inert."""

from __future__ import annotations

import io
import json
import re
from typing import Any

from brief_support import DATE
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from advisor.brief import clean_text, prepare_brief
from advisor.export import export_brief
from advisor.export.markdown import escape
from advisor.pack import RulePack
from advisor.profile import parse_profile, profile_to_dict

# The profile strips the name and refuses an empty one; any other text is accepted.
NAMES = st.text(min_size=1, max_size=60).filter(lambda text: text.strip() != "")
NOTES = st.none() | st.text(max_size=300)
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def _brief(samples: dict[str, Any], pack: RulePack, company: str, notes: str | None) -> Any:
    values = {**profile_to_dict(samples["northwind-hire-now"]), "company": company}
    if notes is not None:
        values["notes"] = notes
    return prepare_brief(parse_profile(values), pack, prepared_on=DATE)


@settings(max_examples=30, deadline=None, suppress_health_check=FIXTURES)
@given(company=NAMES, notes=NOTES)
def test_markdown_for_any_text(
    samples: Any, pack: RulePack, company: str, notes: str | None
) -> None:
    brief = _brief(samples, pack, company, notes)
    text = export_brief(brief, "md").decode("utf-8")
    assert brief.company == clean_text(company.strip(), single_line=True)
    assert escape(brief.company) in text
    assert not re.search(r"(?<!\\)<[A-Za-z/!]|(?<!\\)\]\(|(?i:(?<!\\)https?://)", text)


@settings(max_examples=30, deadline=None, suppress_health_check=FIXTURES)
@given(company=NAMES, notes=NOTES)
def test_json_for_any_text(samples: Any, pack: RulePack, company: str, notes: str | None) -> None:
    raw = export_brief(_brief(samples, pack, company, notes), "json").decode("utf-8")
    data = json.loads(raw, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
    assert data["company"] == clean_text(company.strip(), single_line=True)
    assert "<" not in raw


@settings(max_examples=6, deadline=None, suppress_health_check=FIXTURES)
@given(company=NAMES, notes=NOTES)
def test_docx_for_any_text(samples: Any, pack: RulePack, company: str, notes: str | None) -> None:
    data = export_brief(_brief(samples, pack, company, notes), "docx", charts=False)
    doc = Document(io.BytesIO(data))
    assert doc.core_properties.title.startswith("Account Manager hiring brief")
    assert len(doc.tables) > 10


@settings(max_examples=6, deadline=None, suppress_health_check=FIXTURES)
@given(company=NAMES, notes=NOTES)
def test_pdf_for_any_text(samples: Any, pack: RulePack, company: str, notes: str | None) -> None:
    data = export_brief(_brief(samples, pack, company, notes), "pdf", charts=False)
    reader = PdfReader(io.BytesIO(data))
    assert 2 <= len(reader.pages) <= 10  # the main brief, whatever the text, in ten pages
    assert "€" in reader.pages[1].extract_text() + reader.pages[2].extract_text()
