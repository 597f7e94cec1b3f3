"""The main brief is at most ten PDF pages, and its method appendix carries what left it.

Every sample company is tried as it is, with the Northwind workshop's answers laid over it
(`examples/workshop`), with the longest notes the profile accepts, and with both.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from brief_support import DATE, EXAMPLES
from pypdf import PdfReader

from advisor.brief import Brief, Paragraph, Subheading, Table, method_appendix, prepare_brief
from advisor.brief.common import short_citation
from advisor.cli.workshop import workshop_result
from advisor.export import export_brief
from advisor.export.markdown import render_markdown
from advisor.pack import RulePack
from advisor.present import plan_figure_rows
from advisor.profile import MAX_LENGTH, CompanyProfile, parse_profile, profile_to_dict

MAX_PAGES = 10
SAMPLES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
ANSWERS = sorted(str(path) for path in (EXAMPLES / "workshop").glob("*.yaml"))
POINTER = re.compile(r"in the method appendix, under \u201c([^\u201d]+)\u201d")


def _notes_limit() -> int:
    """The most characters the profile's notes accept, read from the profile's own limits."""
    assert "notes" in MAX_LENGTH, "the profile's notes have no length limit"
    return MAX_LENGTH["notes"]


def _longest_notes(shape: str) -> str:
    """Notes as long as the profile accepts: words, or one short line after another."""
    limit = _notes_limit()
    unit = "Word " if shape == "words" else "Line\n"
    return (unit * limit)[:limit]


def _brief(
    samples: dict[str, CompanyProfile],
    pack: RulePack,
    sample: str,
    *,
    workshop: bool = False,
    notes: str | None = None,
) -> Brief:
    profile = samples[sample]
    if notes is not None:
        profile = parse_profile({**profile_to_dict(profile), "notes": notes})
    result = workshop_result(profile, ANSWERS, [], pack) if workshop else None
    return prepare_brief(profile, pack, prepared_on=DATE, workshop=result)


def _pages(brief: Brief) -> int:
    return len(PdfReader(io.BytesIO(export_brief(brief, "pdf"))).pages)


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize(
    ("workshop", "notes"),
    [(False, None), (True, None), (False, "words"), (True, "words")],
    ids=["as-is", "workshop", "longest-notes", "workshop-and-longest-notes"],
)
def test_the_main_brief_is_at_most_ten_pdf_pages(
    samples: dict[str, CompanyProfile],
    pack: RulePack,
    sample: str,
    workshop: bool,
    notes: str | None,
) -> None:
    text = _longest_notes(notes) if notes else None
    brief = _brief(samples, pack, sample, workshop=workshop, notes=text)
    assert workshop == any(section.key == "workshop" for section in brief.sections)
    assert _pages(brief) <= MAX_PAGES


def test_notes_of_short_lines_keep_the_brief_within_ten_pages(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    """Each line of the notes is a line of the PDF: five thousand of them once filled pages."""
    notes = _longest_notes("lines")
    brief = _brief(samples, pack, "brightpath-prepare", workshop=True, notes=notes)
    assert _pages(brief) <= MAX_PAGES
    quoted = next(
        block
        for block in next(s for s in brief.sections if s.key == "summary").blocks
        if isinstance(block, Paragraph) and block.style == "quote"
    )
    assert quoted.text == "Line\n" * 5 + "Line \u2026"  # the first six lines, then the cut


def test_long_notes_are_cut_in_the_brief_and_whole_in_the_appendix(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    limit = _notes_limit()
    notes = _longest_notes("words")
    brief = _brief(samples, pack, "northwind-hire-now", notes=notes)
    text = render_markdown(brief)
    # At most 400 characters, cut at the last word that fits: 79 words and a space, then one.
    shown = ("Word " * 80)[:400].rstrip()
    assert len(shown) == 399
    assert f"{shown} \u2026" in text
    assert f"The notes run to {limit:,} characters" in text
    assert notes.strip() not in text
    appendix = render_markdown(method_appendix(brief))
    assert "### Notes in full" in appendix and notes.strip() in appendix


def test_short_notes_are_quoted_whole_and_not_pointed_elsewhere(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    brief = _brief(samples, pack, "northwind-hire-now")
    notes = brief.assessment.profile.notes
    assert notes and notes in render_markdown(brief)
    assert "The notes run to" not in render_markdown(brief)


# --- What left the brief is in the appendix ---------------------------------------------------


def _blocks_text(brief: Brief) -> str:
    """Every text of the document's blocks, table cells included, one per line."""
    out: list[str] = []
    for section in brief.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                out += [" | ".join(row) for row in block.rows]
            else:
                out.append(getattr(block, "text", "") or "")
                out += list(getattr(block, "items", ()))
    return "\n".join(out)


@pytest.mark.parametrize("sample", ["northwind-hire-now", "brightpath-prepare"])
def test_the_appendix_carries_what_left_the_brief(
    samples: dict[str, CompanyProfile], pack: RulePack, sample: str
) -> None:
    brief = _brief(samples, pack, sample, workshop=True)
    appendix = method_appendix(brief)
    main, moved = _blocks_text(brief), _blocks_text(appendix)
    role, a = brief.role, brief.assessment
    left: list[str] = [
        # Derivations and sources: the book size's sources, what the dates count from.
        pack.book_size_source,
        *(row[2] for row in plan_figure_rows(a, pack) if row[2]),
        # Each section's sources, the role's working detail, what raised each mistake.
        *role.compensation.sources,
        *(r.description for r in role.responsibilities),
        *(b.owns for b in role.boundaries),
        *(t.note for t in role.today),
        *(q.ask for q in role.interview),
        *(m.how for m in role.metrics),
        *(item for m in role.mistakes for item in m.raised_by),
        # The workshop's answers, each comment and how the consensus is taken.
        "A disagreement is decisive when changing that one answer of the consensus",
        *(
            answer.comment
            for q in (brief.workshop.questions if brief.workshop else ())
            for _, answer in q.answers
            if answer.comment
        ),
    ]
    assert left
    for text in left:
        assert text in moved, text
        assert text not in main, text
    # The charts that draw what the brief's lists and tables say.
    assert [c.key for c in brief.charts()] == ["timing"]
    assert {c.key for c in appendix.charts()} >= {"score", "payout"}


def test_every_pointer_of_the_brief_names_a_part_of_the_appendix(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    for sample in ("northwind-hire-now", "acorn-not-yet", "ferro-fix-delivery"):
        brief = _brief(samples, pack, sample, workshop=True, notes=_longest_notes("words"))
        parts = {
            block.text
            for section in method_appendix(brief).sections
            for block in section.blocks
            if isinstance(block, Subheading)
        }
        named = set(POINTER.findall(render_markdown(brief)))
        assert named, sample
        assert named <= parts, named - parts
        # Every section whose sources left it says where they went.
        sourced = {"role", "metrics", "compensation", "cadence", "playbook", "handover"}
        for section in brief.sections:
            if section.key in sourced:
                pointed = POINTER.findall(_section_text(section))
                assert pointed, section.heading


def _section_text(section: Any) -> str:
    return "\n".join(getattr(block, "text", "") for block in section.blocks)


def test_the_appendix_lists_each_sections_sources_under_its_heading(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    brief = _brief(samples, pack, "northwind-hire-now")
    appendix = next(iter(method_appendix(brief).sections))
    leads = [b.lead for b in appendix.blocks if isinstance(b, Paragraph) and b.lead]
    compensation = next(s for s in brief.sections if s.key == "compensation")
    assert f"{compensation.heading}." in leads


# --- Citations the brief shortens --------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "short"),
    [
        (
            "\u201cA (B guide)\u201d (SalesDose: portfolio above 15)",
            "\u201cA (B guide)\u201d (SalesDose)",
        ),
        ("\u201cA\u201d (X: d); \u201cB\u201d (Y: e (f))", "\u201cA\u201d (X); \u201cB\u201d (Y)"),
        (
            "\u201cProduct default\u201d (own calibration): an assumption",
            "\u201cProduct default\u201d (own calibration)",
        ),
        ("no detail at all", "no detail at all"),
    ],
)
def test_a_short_citation_keeps_each_document_and_closes_its_parenthesis(
    source: str, short: str
) -> None:
    assert short_citation(source) == short
