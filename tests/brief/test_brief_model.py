"""The Brief model: sections, content and the text cleaning every renderer relies on."""

from __future__ import annotations

from typing import Any

import pytest

from advisor.brief import (
    Brief,
    Bullets,
    Callout,
    Chart,
    Paragraph,
    Table,
    clean_text,
    method_appendix,
    prepare_brief,
)
from advisor.chart_content import score_content
from advisor.pack import RulePack

HIRE_SECTIONS = [
    "summary",
    "numbers",
    "role",
    "boundaries",
    "profile",
    "capacity",
    "metrics",
    "compensation",
    "cadence",
    "playbook",
    "handover",
    "onboarding",
    "mistakes",
    "method",
]


def _section(brief: Brief, key: str) -> Any:
    return next(section for section in brief.sections if section.key == key)


def test_sections_in_order_and_numbered(hire_now_brief: Brief) -> None:
    assert [s.key for s in hire_now_brief.sections] == HIRE_SECTIONS
    assert [s.number for s in hire_now_brief.sections] == list(range(1, len(HIRE_SECTIONS) + 1))
    assert hire_now_brief.sections[0].heading == "1. Executive summary"


def test_a_waiting_verdict_adds_what_to_do_instead(brief_for: Any) -> None:
    brief = brief_for("acorn-not-yet")
    keys = [s.key for s in brief.sections]
    assert keys[:3] == ["summary", "numbers", "instead"]
    instead = _section(brief, "instead")
    table = next(b for b in instead.blocks if isinstance(b, Table))
    assert table.columns == ("Step", "Owner", "When")
    assert len(table.rows) == 5


def test_executive_summary_has_verdict_headline_and_three_reasons(hire_now_brief: Brief) -> None:
    summary = _section(hire_now_brief, "summary")
    verdict = next(b for b in summary.blocks if isinstance(b, Callout))
    assert verdict.tone == "verdict"
    assert verdict.text.startswith("Hire an Account Manager now — readiness 100/100")
    assert any(
        isinstance(b, Paragraph) and b.text.startswith(hire_now_brief.headline)
        for b in summary.blocks
    )
    reasons = next(b for b in summary.blocks if isinstance(b, Bullets))
    assert len(reasons.items) == 3
    assert reasons.items[0].startswith("The book has reached the hiring zone.")
    assert ". Source: “What is an account manager (B2B guide)” (SalesDose" in reasons.items[0]
    notes = [b for b in summary.blocks if isinstance(b, Paragraph) and b.style == "quote"]
    assert notes and "dedicated contact" in notes[0].text


def test_charts_are_placeholders_until_drawn(northwind_brief: Brief) -> None:
    # The brief draws the renewal workload; the charts that draw what its lists and tables
    # already say are in the method appendix.
    assert [c.key for c in northwind_brief.charts()] == ["timing"]
    appendix = method_appendix(northwind_brief)
    charts = list(appendix.charts())
    assert [c.key for c in charts] == ["score", "whatif", "growth", "payout"]
    assert all(c.content is None and c.summary for c in charts)
    score = score_content(northwind_brief.assessment)
    drawn = appendix.with_charts({"score": score}, "left out")
    by_key = {c.key: c for c in drawn.charts()}
    assert by_key["score"].content == score and by_key["score"].omitted == ""
    assert by_key["payout"].content is None and by_key["payout"].omitted == "left out"


def test_the_numbers_and_the_appendix_explain_the_verdict(
    northwind_brief: Brief, pack: RulePack
) -> None:
    numbers = next(b for b in _section(northwind_brief, "numbers").blocks if isinstance(b, Table))
    figures = {row[0]: row[1] for row in numbers.rows}
    assert figures["Total ARR"] == "€792,000"
    assert figures["ARR at risk from churn (12 months)"] == "€110,880"
    appendix = _section(method_appendix(northwind_brief), "appendix")
    facts = dict(next(b for b in appendix.blocks if isinstance(b, Table)).rows)
    assert facts["Rule pack"] == f"{pack.name} {pack.version}"
    assert facts["Digest"] == pack.digest
    fired = [b for b in appendix.blocks if isinstance(b, Table)][1]
    assert {row[0] for row in fired.rows} == {r.rule_id for r in northwind_brief.assessment.fired}


def test_metrics_section_pairs_nrr_with_logo_retention(northwind_brief: Brief) -> None:
    table = next(b for b in _section(northwind_brief, "metrics").blocks if isinstance(b, Table))
    labels = [row[0] for row in table.rows]
    assert labels[labels.index("Net revenue retention") + 1] == "Logo retention"


def test_compensation_section_has_split_and_payout_table(northwind_brief: Brief) -> None:
    blocks = _section(northwind_brief, "compensation").blocks
    tables = [b for b in blocks if isinstance(b, Table)]
    payout = next(t for t in tables if t.columns[0] == "Attainment")
    assert [row[0] for row in payout.rows] == ["80%", "100%", "120%"]
    assert payout.rows[1][-2] == "€65,000" and payout.rows[1][-1] == "100%"
    # The chart of the same figures is in the method appendix.
    assert not any(isinstance(b, Chart) for b in blocks)
    assert "payout" in [c.key for c in method_appendix(northwind_brief).charts()]


def test_edits_flow_into_the_brief(samples: Any, pack: RulePack) -> None:
    brief = prepare_brief(
        samples["northwind-hire-now"],
        pack,
        edits={
            "title": "Client Partner",
            "handover": [{"item": "Shadow two calls", "owner": "AM", "when": "Week 1"}],
        },
    )
    role = _section(brief, "role")
    facts = dict(next(b for b in role.blocks if isinstance(b, Table)).rows)
    assert facts["Title"] == "Client Partner"
    handover = next(b for b in _section(brief, "handover").blocks if isinstance(b, Table))
    assert handover.rows == (("☐", "Shadow two calls", "AM", "Week 1"),)
    appendix = dict(
        next(
            b for b in _section(method_appendix(brief), "appendix").blocks if isinstance(b, Table)
        ).rows
    )
    assert appendix["Edited by hand"] == "title, handover"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x00b\x0bc\x07d", "abcd"),
        ("lone \ud800 half", "lone \ufffd half"),
        ("pair \ud83d\ude80 joined", "pair 🚀 joined"),
        ("line\r\nbreak\rand\u2028more", "line\nbreak\nand\nmore"),
        ("tab\there", "tab here"),
        ("rtl \u202eevil\u202c text", "rtl evil text"),
        ("C1 \x85 and \x9b", "C1 \n and "),
        ("e\u0301", "é"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_blocks_clean_their_text_and_keep_lines_only_in_paragraphs() -> None:
    paragraph = Paragraph("one\x00\ntwo", lead="Lead\nline")
    assert paragraph.text == "one\ntwo" and paragraph.lead == "Lead line"
    table = Table(("A\nB",), (("x\x0b\ny",),))
    assert table.columns == ("A B",) and table.rows == (("x y",),)


def test_a_reason_cites_its_source_as_a_sentence_not_in_nested_parentheses(
    northwind_brief: Brief,
) -> None:
    """A citation carries its publisher in parentheses already: "(“Title” (Publisher))" read
    as a typing slip in a brief handed to a client."""
    summary = _section(northwind_brief, "summary")
    reasons = next(b for b in summary.blocks if isinstance(b, Bullets))
    for item in reasons.items:
        assert "(“" not in item and "))" not in item, item
        assert ". Source: “" in item or ". Sources: “" in item, item
