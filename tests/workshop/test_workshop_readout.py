"""The workshop's readout: its slides as data, the deck (PPTX) and the PDF read back, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader
from workshop_support import HOSTILE, ROOT, base_case, decisive_team, person, respondents

from advisor import cli
from advisor.brief.model import Bullets, Table
from advisor.brief.readout import Readout, Slide, build_readout
from advisor.export.workshop_deck import render_readout
from advisor.pack import RulePack
from advisor.textsafety import clean_text
from advisor.workshop import WorkshopResult, compare

DATE = dt.date(2026, 11, 22)
BASE = ROOT / "examples" / "northwind-hire-now.yaml"
ANSWERS = sorted((ROOT / "examples" / "workshop").glob("*.yaml"))


@pytest.fixture(scope="module")
def together(pack: RulePack) -> WorkshopResult:
    """As the brief's appendix tests: delivery decisive alone, knowledge with onboarding
    decisive only together, renewal lead days a disagreement that changes nothing."""
    base = base_case()
    people = respondents(
        base,
        *decisive_team(),
    )
    return compare(base, people, pack)


@pytest.fixture(scope="module")
def readout(together: WorkshopResult, pack: RulePack) -> Readout:
    return build_readout(together, pack, prepared_on=DATE)


def _deck_text(data: bytes) -> list[str]:
    """Each slide's text: its text boxes and every table cell, in order."""
    slides = []
    for slide in Presentation(io.BytesIO(data)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        slides.append(" ".join(" ".join(parts).split()))
    return slides


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


# The three answers the fixture's consensus takes, by the questionnaire's labels: the most
# common answer of each (two of three said each of them).
CONSENSUS_LABELS = (
    ("Delivery maturity", "Standardised"),
    ("Who holds client knowledge", "Shared in CRM"),
    ("Client onboarding is consistent", "Yes"),
)
DECISIVE = "“Emerging” (Ben Okafor) for delivery maturity gives Fix delivery first instead of"
TOGETHER = "“Founder” (Ben Okafor) for who holds client knowledge with “No” (Ben Okafor)"


def test_readout_slides_in_order(readout: Readout, together: WorkshopResult) -> None:
    assert [slide.key for slide in readout.slides] == [
        "verdict",
        "reasons",
        "disagreements",
        "consensus",
        "next_steps",
        "hiring_plan",
    ]
    assert readout.verdict_label == together.consensus.verdict_label == "Prepare to hire"
    assert readout.prepared_on == DATE
    rows = readout.slide("consensus").blocks[0].rows  # type: ignore[union-attr]
    assert len(rows) == len(together.questions) == 9
    assert readout.answered == "3 people answered the judgement questions"


def test_readout_deck_shows_verdict_disagreements_and_consensus(readout: Readout) -> None:
    slides = _deck_text(render_readout(readout, "pptx"))
    assert "Verdict: Prepare to hire" in slides[0]  # the cover

    def titled(title: str) -> str:
        return " ".join(text for text in slides if text.startswith(title))

    disagreements = titled("The disagreements that decide the verdict")
    assert DECISIVE in disagreements and TOGETHER in disagreements
    consensus = titled("The consensus, question by question")
    for question, answer in CONSENSUS_LABELS:
        assert f"{question} {answer} the most common answer" in consensus
    assert titled("Next steps") and titled("The hiring plan")


def test_a_slide_too_long_for_one_goes_on_a_continued_slide(readout: Readout) -> None:
    items = tuple(
        f"Reason {n}: " + "a sentence long enough to take two lines. " * 6 for n in range(12)
    )
    rows = tuple((f"Step {n}", "the owner", "this quarter") for n in range(40))
    long = Slide(
        "reasons",
        "Why: the reasons that weigh most",
        (Bullets(items), Table(("Step", "Owner", "When"), rows)),
    )
    slides = _deck_text(render_readout(replace(readout, slides=(long,)), "pptx"))[1:]
    assert len(slides) > 2 and all(s.startswith("Why: the reasons") for s in slides)
    assert "(continued)" in slides[1]
    text = " ".join(slides)
    for item in items:
        assert text.count(" ".join(item.split())) == 1  # every item, once
    for step, _, _ in rows:
        assert len(re.findall(rf"\b{step} the owner", text)) == 1  # every row, once
    assert text.count("Step Owner When") >= 2  # the header again on the continued slide


def test_readout_pdf_shows_verdict_disagreements_and_consensus(readout: Readout) -> None:
    text = _pdf_text(render_readout(readout, "pdf"))
    assert "Verdict: Prepare to hire" in text
    assert DECISIVE in text and TOGETHER in text
    for question, answer in CONSENSUS_LABELS:
        assert question in text and answer in text
    assert "The consensus, question by question" in text
    assert "Next steps" in text and "The hiring plan" in text


def test_readout_keeps_hostile_names_literal(pack: RulePack) -> None:
    base = base_case()
    people = respondents(
        base,
        *(
            person(name, delivery_maturity="emerging" if i % 2 else "standardised")
            for i, name in enumerate(HOSTILE)
        ),
    )
    readout = build_readout(compare(base, people, pack), pack, prepared_on=DATE)
    deck = " ".join(_deck_text(render_readout(readout, "pptx")))
    assert clean_text(HOSTILE[0], single_line=True) in deck  # <script> stays text
    assert render_readout(readout, "pdf").startswith(b"%PDF")


@pytest.mark.parametrize("suffix", ["pptx", "pdf"])
def test_cli_readout_writes_the_format_its_extension_names(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"readout.{suffix}"
    args = ["workshop", "readout", "--base", str(BASE), *map(str, ANSWERS), "--out", str(out)]
    assert cli.main([*args, "--date", "2026-11-22"], io.StringIO()) == 0
    data = out.read_bytes()
    text = " ".join(_deck_text(data)) if suffix == "pptx" else _pdf_text(data)
    assert "“Emerging” (Tomás Ruiz) for delivery maturity gives Fix delivery first" in text
    assert "22 November 2026" in text


def test_cli_readout_refuses_an_unknown_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "readout.key"
    args = ["workshop", "readout", "--base", str(BASE), *map(str, ANSWERS), "--out", str(out)]
    assert cli.main(args, io.StringIO()) == 2
    assert "name it .pptx or .pdf" in capsys.readouterr().err
    assert not out.exists()
