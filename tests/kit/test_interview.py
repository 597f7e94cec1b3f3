"""The interview kit: weights that add up to 100 for every business model and every example, four
anchors per competency, questions with listen-fors, a work sample on the role's renewal playbook
in the business model's words, one scorecard per stage on its own printed page, and none of the
profile's amounts or rates in any format.

Regenerate the golden interview kit after a deliberate change with
`UPDATE_GOLDEN=1 pytest tests/kit/test_interview.py`.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import zipfile
from typing import Any

import pytest
from docx import Document
from kit_support import DATE, GOLDEN, SAMPLES, kit_for, sample
from pypdf import PdfReader

from advisor import wording
from advisor.brief import Bullets, Paragraph, Section, Subheading, Table
from advisor.export.kit import render_kit
from advisor.fields import FIELDS, BusinessModel
from advisor.kit import DOCUMENTS, KitDocument, prepare_kit
from advisor.kit.interview import build_interview
from advisor.pack import RulePack
from advisor.pack.load import DEFAULT_RULES_DIR, pack_from_documents
from advisor.profile import CompanyProfile, parse_profile, profile_to_dict


def _section(document: KitDocument, key: str) -> Section:
    return next(section for section in document.sections if section.key == key)


def _tables(section: Section) -> list[Table]:
    return [block for block in section.blocks if isinstance(block, Table)]


def _text(section: Section) -> str:
    parts: list[str] = []
    for block in section.blocks:
        if isinstance(block, Paragraph | Subheading):
            parts.append(block.text)
        elif isinstance(block, Bullets):
            parts.extend(block.items)
        elif isinstance(block, Table):
            parts.extend(" ".join(row) for row in block.rows)
    return "\n".join(parts)


def _with(profile: CompanyProfile, **changes: Any) -> CompanyProfile:
    values = {**profile_to_dict(profile), **changes}
    return parse_profile({k: v for k, v in values.items() if v is not None})


def _scorecards(document: KitDocument) -> list[Section]:
    return [s for s in document.sections if s.key.startswith("scorecard-")]


@pytest.mark.parametrize("model", [model.value for model in BusinessModel])
def test_the_weights_add_up_to_100_for_every_business_model(model: str, pack: RulePack) -> None:
    assert pack.interview is not None
    weights = pack.interview.weights[model]
    assert sum(weights.values()) == 100
    assert set(weights) == set(pack.interview.competencies)


def test_the_business_models_weigh_the_competencies_differently(pack: RulePack) -> None:
    assert pack.interview is not None
    weights = pack.interview.weights
    models = [model.value for model in BusinessModel]
    assert len({tuple(sorted(weights[m].items())) for m in models}) == len(models)
    # The consultancy's client partner is weighed most on executive presence, the SaaS AM on
    # renewal, the reseller's inside AM on expansion.
    assert max(weights["project_consultancy"], key=weights["project_consultancy"].get) == (  # type: ignore[arg-type]
        "executive"
    )
    assert max(weights["saas_subscription"], key=weights["saas_subscription"].get) == "renewal"  # type: ignore[arg-type]
    assert max(weights["reseller"], key=weights["reseller"].get) == "expansion"  # type: ignore[arg-type]


@pytest.mark.parametrize("name", SAMPLES)
def test_every_example_s_kit_weighs_its_competencies_to_exactly_100(
    name: str, pack: RulePack
) -> None:
    profile = sample(name)
    document = build_interview(kit_for(profile, pack))
    table = _tables(_section(document, "competencies"))[0]
    shown = {row[0]: int(row[1]) for row in table.rows}
    assert sum(shown.values()) == 100
    assert pack.interview is not None
    expected = pack.interview.weights[profile.business_model.value]
    labels = {key: c.label for key, c in pack.interview.competencies.items()}
    assert shown == {labels[key]: weight for key, weight in expected.items()}


def test_every_competency_has_four_anchors_and_questions_with_listen_fors(pack: RulePack) -> None:
    assert pack.interview is not None
    for competency in pack.interview.competencies.values():
        assert len(competency.anchors) == 4, competency.id
        assert all(anchor.strip() for anchor in competency.anchors), competency.id
        assert competency.questions, competency.id
        assert all(q.ask.strip() and q.listen_for.strip() for q in competency.questions)
    document = build_interview(kit_for(sample("northwind-hire-now"), pack))
    anchors = _tables(_section(document, "anchors"))
    assert len(anchors) == len(pack.interview.competencies)
    assert all([row[0] for row in table.rows] == ["1", "2", "3", "4"] for table in anchors)
    questions = _tables(_section(document, "questions"))
    assert len(questions) == len(pack.interview.competencies)
    assert all(
        table.rows and all(ask and listen for ask, listen in table.rows) for table in questions
    )


def test_the_role_s_own_questions_open_their_competency(pack: RulePack) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    document = build_interview(kit)
    section = _section(document, "questions")
    renewal = next(q for q in kit.role.interview if q.skill == "Renewal discipline")
    heading = section.blocks.index(Subheading("Renewal and retention"))
    table = section.blocks[heading + 1]
    assert isinstance(table, Table)
    assert table.rows[0] == (renewal.ask, renewal.listen_for)


def test_a_question_added_on_the_role_page_follows_into_the_kit(pack: RulePack) -> None:
    profile = sample("northwind-hire-now")
    drafted = kit_for(profile, pack).role.interview
    rows = [{"skill": q.skill, "ask": q.ask, "listen_for": q.listen_for} for q in drafted]
    rows.append({"skill": "Languages", "ask": "Run the review in Spanish.", "listen_for": "Ease."})
    kit = prepare_kit(profile, pack, prepared_on=DATE, edits={"interview": rows})
    section = _section(build_interview(kit), "questions")
    assert Subheading("Also from the role") in section.blocks
    assert ("Languages", "Run the review in Spanish.", "Ease.") in _tables(section)[-1].rows


def test_the_work_sample_uses_the_role_s_renewal_lead_and_the_model_s_words(
    pack: RulePack,
) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    opening = max(step.days_before for step in kit.role.playbook)
    assert opening == 120  # rules/40-role.yaml: the playbook opens at T-120
    text = _text(_section(build_interview(kit), "work_sample"))
    assert f"renewal is due in {opening} days" in text
    assert f"Prepare the T-{opening} review and the renewal proposal" in text
    assert "its ARR" in text  # a subscription's revenue words
    assert "the client's Head of Operations, Supply Chain Director or CFO" in text
    retainer = _text(
        _section(build_interview(kit_for(sample("kern-studio-retainers"), pack)), "work_sample")
    )
    assert "the retainer renews in 120 days" in retainer and "its annual fees" in retainer
    reseller = _text(
        _section(build_interview(kit_for(sample("volta-supply-reseller"), pack)), "work_sample")
    )
    assert "in gross profit as well as annual revenue" in reseller


def test_an_edited_playbook_moves_the_work_sample_s_renewal(pack: RulePack) -> None:
    profile = sample("northwind-hire-now")
    playbook = [
        {"days_before": 100, "milestone": "Account review", "actions": "Look.", "owner": "AM"},
        {"days_before": 45, "milestone": "Proposal", "actions": "Send it.", "owner": "AM"},
    ]
    kit = prepare_kit(profile, pack, prepared_on=DATE, edits={"playbook": playbook})
    text = _text(_section(build_interview(kit), "work_sample"))
    assert (
        "renewal is due in 100 days: the day this role's renewal playbook opens with its "
        "account review. Prepare the T-100 review"
    ) in text
    assert "T-45" in text


def test_the_interviewers_follow_the_reporting_line(pack: RulePack) -> None:
    northwind = sample("northwind-hire-now")  # reports to the CEO
    stages = _tables(_section(build_interview(kit_for(northwind, pack)), "stages"))[0]
    who = {row[0]: row[1] for row in stages.rows}
    assert who["Screening call"] == "The CEO (the Account Manager's manager)"
    assert who["Account management interview"] == "The head of customer success or delivery"
    to_cs = _with(northwind, reports_to="head_of_cs")
    stages = _tables(_section(build_interview(kit_for(to_cs, pack)), "stages"))[0]
    who = {row[0]: row[1] for row in stages.rows}
    assert who["Screening call"] == "The head of customer success (the Account Manager's manager)"
    assert who["Account management interview"] == "The head of sales"
    unknown = _with(northwind, reports_to=None)
    stages = _tables(_section(build_interview(kit_for(unknown, pack)), "stages"))[0]
    assert stages.rows[0][1] == "The Account Manager's future manager"


def test_one_scorecard_per_stage_with_its_competencies_weights_and_total(pack: RulePack) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    document = build_interview(kit)
    assert pack.interview is not None
    stages = pack.interview.stages
    cards = _scorecards(document)
    assert [card.title for card in cards] == [f"Scorecard: {stage.title}" for stage in stages]
    weights = pack.interview.weights["saas_subscription"]
    for stage, card in zip(stages, cards, strict=True):
        table = _tables(card)[0]
        labels = [pack.interview.competencies[key].label for key in stage.competencies]
        assert [row[0] for row in table.rows] == [*labels, "Weighted total"]
        assert [row[2:6] for row in table.rows[:-1]] == [("☐",) * 4] * len(labels)
        total = sum(weights[key] for key in stage.competencies)
        assert table.rows[-1][1] == str(total)
        assert f"divided by {total} it gives the weighted rating" in _text(card)
        assert "☐ Hire   ☐ No hire" in _text(card)
    # The screening call rates renewal (25) and book planning (10) for a SaaS book.
    assert _tables(cards[0])[0].rows[-1][1] == str(25 + 10)


def test_each_scorecard_starts_its_own_pdf_page(pack: RulePack) -> None:
    document = build_interview(kit_for(sample("northwind-hire-now"), pack))
    pages = [
        page.extract_text() for page in PdfReader(io.BytesIO(render_kit(document, "pdf"))).pages
    ]
    cards = _scorecards(document)
    found = [i for i, text in enumerate(pages) if "Scorecard:" in text]
    assert len(found) == len(cards) == 5
    for index, card in zip(found, cards, strict=True):
        assert pages[index].startswith(card.heading), pages[index][:80]
        assert pages[index].count("Scorecard:") == 1
    assert found == list(range(found[0], found[0] + len(cards)))  # one page each, in order


def test_the_word_file_breaks_the_page_before_each_scorecard(pack: RulePack) -> None:
    document = build_interview(kit_for(sample("northwind-hire-now"), pack))
    with zipfile.ZipFile(io.BytesIO(render_kit(document, "docx"))) as docx:
        xml = docx.read("word/document.xml").decode()
    assert xml.count('w:type="page"') == len(_scorecards(document))
    memo = DOCUMENTS["memo"].build(kit_for(sample("northwind-hire-now"), pack))
    with zipfile.ZipFile(io.BytesIO(render_kit(memo, "docx"))) as docx:
        assert 'w:type="page"' not in docx.read("word/document.xml").decode()


def _all_text(document: KitDocument, fmt: str) -> str:
    data = render_kit(document, fmt)
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if fmt == "docx":
        word = Document(io.BytesIO(data))
        cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in word.paragraphs] + cells)
    if fmt == "json":
        return json.dumps(json.loads(data), ensure_ascii=False)
    return data.decode("utf-8")


def _forms(profile: CompanyProfile) -> set[str]:
    """Every way a money amount or a rate of the profile could be written."""
    forms: set[str] = set()
    for name, info in FIELDS.items():
        value = getattr(profile, name, None)
        if value is None or isinstance(value, bool):
            continue
        if info.kind == "money":
            forms |= {wording.money(value, profile.currency), f"{value:,.0f}", f"{value:.0f}"}
        elif info.kind in ("rate", "net_rate"):
            forms |= {wording.percent(value, 0), wording.percent(value, 1), f"{value:g}"}
    arr = profile.active_accounts * profile.avg_contract_value
    forms |= {wording.money(arr, profile.currency), f"{arr:,.0f}"}
    return forms


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf", "json"])
@pytest.mark.parametrize("name", ["northwind-hire-now", "volta-supply-reseller"])
def test_no_amount_or_rate_of_the_profile_in_any_format(
    name: str, fmt: str, pack: RulePack
) -> None:
    profile = sample(name)
    kit = kit_for(profile, pack)
    text = _all_text(build_interview(kit), fmt)
    assert not re.search(r"[€$£%]", text)
    leaked = sorted(
        form
        for form in _forms(profile)
        if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d])", text)
    )
    assert leaked == []
    # Nor the internal diagnosis: the verdict, the readiness, the notes.
    a = kit.assessment
    assert a.verdict_label not in text and "readiness" not in text.lower()
    if profile.notes:
        assert profile.notes not in text


def test_the_kit_is_confidential_to_the_hiring_team(pack: RulePack) -> None:
    document = build_interview(kit_for(sample("northwind-hire-now"), pack))
    assert document.byline == (
        "For the hiring team and the interviewers · Prepared 7 December 2026 · Confidential"
    )
    assert DOCUMENTS["interview"].file_name("pdf") == "interview.pdf"


def test_a_pack_without_an_interview_section_says_so_in_the_kit() -> None:
    documents = [
        (f"rules/{p.name}", p.read_bytes())
        for p in sorted(DEFAULT_RULES_DIR.glob("*.yaml"))
        if p.name != "23-interview.yaml"
    ]
    pack = pack_from_documents(documents)
    assert pack.interview is None
    document = build_interview(kit_for(sample("northwind-hire-now"), pack))
    assert "has no interview section" in render_kit(document, "md").decode()
    assert not _scorecards(document)


def test_the_northwind_interview_kit_matches_the_golden_file(pack: RulePack) -> None:
    text = render_kit(build_interview(kit_for(sample("northwind-hire-now"), pack)), "md").decode()
    golden = GOLDEN / "northwind-hire-now-interview.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8")


def test_the_json_marks_each_scorecard_as_a_new_page_and_nothing_else(pack: RulePack) -> None:
    document = build_interview(kit_for(sample("northwind-hire-now"), pack))
    sections = json.loads(render_kit(document, "json"))["sections"]
    marked = [s["key"] for s in sections if s.get("new_page")]
    assert marked == [card.key for card in _scorecards(document)]
    memo = DOCUMENTS["memo"].build(kit_for(sample("northwind-hire-now"), pack))
    assert not any("new_page" in s for s in json.loads(render_kit(memo, "json"))["sections"])


def test_a_company_name_that_looks_like_a_placeholder_stays_as_typed(pack: RulePack) -> None:
    kit = dataclasses.replace(kit_for(sample("northwind-hire-now"), pack), company="Acme {manager}")
    text = _text(_section(build_interview(kit), "work_sample"))
    assert text.startswith("One of Acme {manager}'s mid-market accounts")
