"""Text safety, value formatting and the short reports."""

from __future__ import annotations

from typing import Any

from advisor import wording
from advisor.engine import evaluate
from advisor.export.assessment import render_markdown, render_text
from advisor.pack import RulePack
from advisor.textsafety import clean_text, escape_markdown, formula_safe_rows, neutralise_formula


def test_control_characters_dropped_and_lone_surrogates_replaced() -> None:
    assert clean_text("a\x00b\x0bc\ud800d\te\r\nf\u202eg") == "abc\ufffdd e\nfg"
    assert clean_text("two\nlines", single_line=True) == "two lines"


def test_markdown_escaping_leaves_nothing_live() -> None:
    text = escape_markdown("[site](https://x.io) <b>x</b> **bold** | www.x.io\n# head")
    assert "](" not in text.replace("\\]", "")
    assert "<b>" not in text
    assert "**" not in text.replace("\\*", "")
    assert "https://" not in text and "www.x" not in text
    assert escape_markdown("costs $5 and $6") == r"costs \$5 and \$6"
    assert "\n" not in text


def test_formula_prefixes_are_neutralised() -> None:
    assert neutralise_formula('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise_formula("+1") == "'+1"
    assert neutralise_formula("Acme") == "Acme"


def test_values_are_formatted_with_units() -> None:
    assert wording.value("gross_margin", 0.625) == "62.5%"
    assert wording.value("avg_contract_value", 36000, "EUR") == "€36,000"
    assert wording.value("avg_contract_value", 36000, "CHF") == "36,000 CHF"
    assert wording.value("unworked_upsell", True) == "yes"
    assert wording.value("renewal_owner", "account_executive") == "account executive"
    assert wording.value("am_cost_coverage", 2.5) == "2.50×"
    assert wording.value("nrr", None) == "not provided"
    assert wording.in_sentence("AM fully loaded cost") == "AM fully loaded cost"
    assert wording.in_sentence("Gross margin") == "gross margin"


def test_reports_carry_verdict_reasons_sources_and_flips(make_profile: Any, pack: RulePack) -> None:
    assessment = evaluate(make_profile(active_accounts=13, renewal_owner="sales"), pack)
    text = render_text(assessment)
    assert "[PREPARE]" in text or "[NOT YET]" in text
    assert "Source: “What is an account manager (B2B guide)” (SalesDose" in text
    assert "What would change the verdict:" in text
    markdown = render_markdown(assessment)
    assert markdown.startswith("# Base Case Ltd — \\[")
    assert "Source: “What is an account manager (B2B guide)” (SalesDose" in markdown
    assert "## What would change the verdict" in markdown
    assert f"(digest {pack.digest})" in markdown


def test_formula_safe_rows_guard_only_the_text_fields() -> None:
    rows = [{"item": "=1+1", "hours": -3, "note": "=kept"}, {"item": "-5 points", "hours": None}]
    assert formula_safe_rows(rows, ["item"]) == [
        {"item": "'=1+1", "hours": -3, "note": "=kept"},
        {"item": "-5 points", "hours": None},
    ]


def test_a_citation_after_a_sentence_is_a_sentence_of_its_own() -> None:
    one = "“What is an account manager (B2B guide)” (SalesDose: 20–50 accounts)"
    two = f"{one}; “Account Manager (sales glossary)” (Saber)"
    assert wording.cited(one) == f"Source: {one}."
    assert wording.cited(two) == f"Sources: {two}."
    assert wording.cited("A note that ends.") == "Source: A note that ends."
    assert wording.cited("  ") == ""
