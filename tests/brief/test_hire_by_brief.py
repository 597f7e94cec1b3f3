"""The hire-by date in the brief: the same date, figures and chart in every format, on the
brief's own date."""

from __future__ import annotations

import io
import json

from brief_support import DATE
from docx import Document
from pypdf import PdfReader

from advisor import wording
from advisor.brief import Brief, Chart, Paragraph, Subheading, Table
from advisor.chart_content import brief_chart_content, hire_by_content
from advisor.economics import compute_economics
from advisor.export import export_brief
from advisor.hire_by import compute_hire_by
from advisor.pack import RulePack


def _numbers_blocks(brief: Brief) -> list[object]:
    (section,) = [s for s in brief.sections if s.key == "numbers"]
    return list(section.blocks)


def test_the_brief_computes_hire_by_on_its_own_date(northwind_brief: Brief, pack: RulePack) -> None:
    expected = compute_hire_by(northwind_brief.assessment.profile, pack, DATE)
    assert northwind_brief.hire_by.to_dict() == expected.to_dict()
    blocks = _numbers_blocks(northwind_brief)
    heading = blocks.index(Subheading("By when the Account Manager must be productive"))
    paragraph, table, chart = blocks[heading + 1 : heading + 4]
    assert isinstance(paragraph, Paragraph) and paragraph.text == expected.summary
    assert isinstance(table, Table) and isinstance(chart, Chart) and chart.key == "hire_by"
    rows = {row[0]: row for row in table.rows}
    assert expected.date is not None
    assert rows["Hire by"][1] == wording.long_date(expected.date) + " (already past)"
    assert rows["Recruiting lead time"][1] == "90 days"
    assert rows["Ramp-up time"][1] == "90 days"
    assert "proxy" in rows["Recruiting lead time"][2]
    assert rows["Hours one renewal takes"][1] == "12 h"


def test_the_capacity_shown_agrees_with_the_am_count(brief_for: object, pack: RulePack) -> None:
    brief = brief_for(current_account_managers=1, active_accounts=40)  # type: ignore[operator]
    economics = compute_economics(brief.assessment.profile, pack)
    rows = {row[0]: row for row in _numbers_blocks(brief)[-2].rows}
    capacity = 16 + economics.accounts_per_am * 12 / 12
    assert rows["Renewal hours the team can give"][1] == f"{wording.hours(capacity)} a month"
    assert (
        f"{economics.accounts_per_am} accounts each" in rows["Renewal hours the team can give"][2]
    )
    assert brief.hire_by.zone_accounts == economics.next_am_due_at_accounts
    team_today = {row[0]: row for row in _numbers_blocks(brief)[1].rows}["Team today"]
    assert f"due at {economics.next_am_due_at_accounts:,} accounts" in team_today[2]


def test_the_chart_content_is_the_hire_by_months(northwind_brief: Brief) -> None:
    content = brief_chart_content("hire_by", northwind_brief)
    assert content == hire_by_content(northwind_brief.hire_by)
    bars, capacity = content.series
    assert list(bars.y) == [round(m.hours, 1) for m in northwind_brief.hire_by.months]
    assert set(capacity.y) == {16.0}
    assert content.marker is not None and content.marker.label.endswith("(passed)")
    assert content.x_labels[0] == "Nov 2026"


def test_every_format_shows_the_same_hire_by_date(northwind_brief: Brief) -> None:
    date = northwind_brief.hire_by.date
    assert date is not None
    shown = wording.long_date(date)
    markdown = export_brief(northwind_brief, "md").decode("utf-8")
    assert f"Hire by {shown} (already past)." in markdown
    pdf = PdfReader(io.BytesIO(export_brief(northwind_brief, "pdf")))
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert f"Hire by {shown} (already past)." in pdf_text
    assert "Renewal workload against the hours the team can give" in pdf_text
    doc = Document(io.BytesIO(export_brief(northwind_brief, "docx")))
    docx_text = "\n".join(p.text for p in doc.paragraphs)
    assert f"Hire by {shown} (already past)." in docx_text
    data = json.loads(export_brief(northwind_brief, "json"))
    assert data["hire_by"]["date"] == date.isoformat()
    assert data["hire_by"]["driver"] == "hiring_zone"
