"""Markdown export: golden files for fixed profiles, and escaping that keeps user text inert.

Regenerate the golden files after a deliberate change with `UPDATE_GOLDEN=1 pytest tests/brief`.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from brief_support import DATE, GOLDEN, HOSTILE

from advisor.brief import clean_text, prepare_brief
from advisor.export.markdown import escape, escape_line, render_markdown
from advisor.pack import RulePack

# The last three are one per business model besides the SaaS default.
GOLDEN_SAMPLES = [
    "northwind-hire-now",
    "ferro-fix-delivery",
    "acorn-not-yet",
    "kern-studio-retainers",
    "halden-partners-consultancy",
    "volta-supply-reseller",
]


@pytest.mark.parametrize("sample", GOLDEN_SAMPLES)
def test_markdown_matches_the_golden_file(sample: str, samples: Any, pack: RulePack) -> None:
    text = render_markdown(prepare_brief(samples[sample], pack, prepared_on=DATE))
    golden = GOLDEN / f"{sample}.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8")


def test_golden_brief_reads_like_the_issue_asks(hire_now_brief: Any) -> None:
    text = render_markdown(hire_now_brief)
    for heading in (
        "## 1. Executive summary",
        "## 2. The numbers behind the verdict",
        "## 3. The role",
        "## 4. What the role is not",
        "## 7. Success metrics and targets",
        "## 8. Compensation",
        "## 9. Contact cadence by account tier",
        "## 10. Renewal playbook",
        "## 11. Handover from Account Executive to Account Manager",
        "## 12. 30-60-90 day onboarding plan",
        "## 13. Mistakes to avoid",
        "## 14. Appendix — rules, inputs and sources",
    ):
        assert f"\n{heading}\n" in text
    assert "| T-120 | Renewal review |" in text
    assert "| 120% | €45,500 |" in text
    assert hire_now_brief.pack.digest in text


def _live(markdown: str) -> list[str]:
    """Constructs that would render as markup or links: unescaped brackets, tags, URLs."""
    problems = []
    for pattern in (
        r"(?<!\\)<[A-Za-z/!]",  # an HTML tag or autolink
        r"(?<!\\)\]\(",  # a link or image target
        r"(?i)(?<!\\)https?://",  # a bare URL (GitHub autolinks it)
        r"(?i)\bwww\.(?=\w)",  # a www autolink
        r"(?<![\\\w])@\w",  # a mention or e-mail autolink
        r"(?<!\\)`",  # a code span
        r"(?<!\\)\$",  # math
    ):
        problems.extend(match.group(0) for match in re.finditer(pattern, markdown))
    return problems


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_company_and_notes_stay_literal(hostile: str, brief_for: Any) -> None:
    brief = brief_for(company=f"Acme {hostile}"[:120], notes=f"Note: {hostile}")
    text = render_markdown(brief)
    assert _live(text) == []
    assert "\x00" not in text and "\ud800" not in text and "\u202e" not in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert all(re.match(r"^(# Account Manager hiring brief: |## |### )", h) for h in headings)
    # The name is there, escaped, wherever it appears.
    assert escape(clean_text(f"Acme {hostile}"[:120], single_line=True)) in text


def test_escape_keeps_text_readable() -> None:
    assert escape("Northwind Analytics") == "Northwind Analytics"
    assert escape("[x](http://e.x)") == r"\[x\](http:\/\/e.x)"
    assert escape("<script>") == r"\<script\>"
    assert escape("a|b") == r"a\|b"
    assert escape_line("1. first") == r"1\. first"
    assert escape_line("- item") == r"\- item"
    assert escape_line("# title") == r"\# title"
