"""One story per brief: every date, figure and sentence about the hire agrees with the others,
because each comes from the assessment and is worded by the presenter.

Each test is named after a contradiction a brief once carried.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Any

import msgspec
import pytest
from story_cases import STORY_DATE, story_brief

from advisor import present, wording
from advisor.brief import Brief, Chart, Paragraph, Table, build_brief
from advisor.chart_content import brief_chart_content
from advisor.engine import evaluate
from advisor.export import attach_charts, export_brief
from advisor.export.markdown import render_markdown
from advisor.pack import RulePack, load_pack

LONG_DATE = re.compile(
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}\b"
)


def _section(brief: Brief, key: str) -> Any:
    return next(section for section in brief.sections if section.key == key)


def _table(brief: Brief, key: str, first_column: str) -> Table:
    return next(
        block
        for block in _section(brief, key).blocks
        if isinstance(block, Table) and block.columns[0] == first_column
    )


def _rows(table: Table) -> dict[str, tuple[str, ...]]:
    return {row[0]: row for row in table.rows}


def _every_text(brief: Brief) -> str:
    """The Markdown brief and every chart's own labels: all a reader sees."""
    drawn = attach_charts(brief)[0]
    labels = []
    for chart in drawn.charts():
        content = chart.content
        assert content is not None
        labels += [content.title, *(m.label for m in content.markers)]
        labels += [band.label for band in content.bands]
    return render_markdown(brief) + "\n" + "\n".join(labels)


# --- Timing that agrees with the verdict -----------------------------------------------------


@pytest.mark.parametrize("case", ["reseller", "agency", "growing"])
def test_a_prepare_brief_never_says_hire_by_already_past(case: str, pack: RulePack) -> None:
    brief = story_brief(case, pack)
    assert brief.verdict == "prepare"
    text = _every_text(brief)
    for stale in ("Hire by", "hire by", "already past", "(passed)"):
        assert stale not in text
    plan = brief.assessment.plan
    assert plan is not None
    assert present.plan_summary(brief.assessment) in text
    # A search date, when a prepare brief has one, is never before the brief's date.
    assert plan.search_opens_on is None or plan.search_opens_on >= STORY_DATE


def test_a_fix_delivery_first_brief_gives_no_hiring_date_and_a_reassessment_date(
    pack: RulePack,
) -> None:
    brief = story_brief("unstandardised", pack)
    a = brief.assessment
    assert brief.verdict == "fix_delivery_first"
    plan = a.plan
    assert plan is not None and plan.reassess_on is not None
    assert (plan.search_opens_on, plan.starts_on, plan.carries_from) == (None, None, None)
    reassess = present.date(plan.reassess_on)
    cover = dict(brief.cover_facts)
    assert cover["When"] == (
        f"No hiring date until delivery is standardised; reassess on {reassess}."
    )
    dates = _rows(_table(brief, "numbers", "Date"))
    assert "Open the search" not in dates and dates["Reassess on"][1] == reassess
    # No team plan and no hire on the timing chart: only the reassessment is marked.
    assert not any(
        isinstance(block, Table) and block.columns[0] == "Hire"
        for block in _section(brief, "numbers").blocks
    )
    timing = brief_chart_content("timing", brief)
    assert [marker.label for marker in timing.markers] == [
        f"reassess: {wording.month_label(plan.reassess_on)}"
    ]
    assert timing.bands == ()
    text = _every_text(brief)
    assert "Hire by" not in text and "already past" not in text


def test_a_hire_now_key_account_brief_has_a_search_date(pack: RulePack) -> None:
    brief = story_brief("key_accounts", pack)
    a = brief.assessment
    assert brief.verdict == "hire_now" and brief.role.title == "Key Account Manager"
    plan = a.plan
    assert plan is not None and plan.search_opens_on == STORY_DATE
    today = present.date(STORY_DATE)
    assert dict(brief.cover_facts)["When"] == f"Open the search today ({today})."
    dates = _rows(_table(brief, "numbers", "Date"))
    assert dates["Open the search"][1] == today
    assert dates["The Account Manager carries the book from"][1] == present.date(plan.carries_from)
    hires = _table(brief, "numbers", "Hire")
    assert hires.rows[0][0] == "Account Manager 1" and hires.rows[0][2] == today
    text = render_markdown(brief)
    assert "No hire-by date" not in text and "within 24 months" not in text


def test_one_brief_has_one_date_to_open_the_search(pack: RulePack) -> None:
    brief = story_brief("growing", pack)
    plan = brief.assessment.plan
    assert brief.verdict == "prepare" and plan is not None
    assert plan.search_opens_on is not None and plan.search_opens_on > STORY_DATE
    team = brief.assessment.team
    assert team is not None and [h.number for h in team.hires] == [1]
    opens = present.date(plan.search_opens_on)
    text = render_markdown(brief)
    date = LONG_DATE.pattern
    said = re.findall(
        rf"(?i)open(?:s|ing)? (?:the|\d+) search(?:es)?(?: on| today \(| \|)? ?({date})", text
    )
    said += re.findall(rf"(?i)search opens:? ({date})", text)
    assert said and set(said) == {opens}
    assert f"Open the search on {opens}." in text
    assert _rows(_table(brief, "numbers", "Date"))["Open the search"][1] == opens
    assert _table(brief, "numbers", "Hire").rows[0][2] == opens


def test_a_book_needing_several_ams_gets_a_date_per_hire_and_the_team_cost_by_quarter(
    pack: RulePack,
) -> None:
    brief = story_brief("smb_team", pack)
    a = brief.assessment
    team = a.team
    assert brief.verdict == "hire_now" and team is not None
    assert a.economics.additional_ams_needed >= 2
    ams = [hire for hire in team.hires if hire.role == "am"]
    assert len(ams) >= 2
    hires = _table(brief, "numbers", "Hire")
    assert hires.rows == tuple(present.hire_rows(team))
    assert [row[0] for row in hires.rows[: len(ams)]] == [
        f"Account Manager {hire.number}" for hire in ams
    ]
    assert all(LONG_DATE.search(row[1]) and LONG_DATE.search(row[2]) for row in hires.rows)
    costs = _table(brief, "numbers", "Quarter")
    assert len(costs.rows) == 8
    assert costs.rows == tuple(present.cost_rows(team, a.economics.currency))
    assert present.team_plan_sentence(a) in render_markdown(brief)
    # The summary hires what the plan opens today, next to the team already there: not "the AM".
    now = [hire for hire in ams if hire.search_opens_on == STORY_DATE]
    summary = _section(brief, "summary")
    hire = next(
        b for b in summary.blocks if isinstance(b, Paragraph) and b.lead.startswith("Hire:")
    )
    assert hire.lead.startswith(f"Hire: {len(now)} × Account Manager, joining the 2 AMs")
    assert f"Open {len(now)} searches today" in present.plan_summary(a)
    assert present.waiting_sentence(a) in render_markdown(brief)


# --- Money that counts, worded once -----------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "overrides"),
    [
        ("smb_team", {}),
        ("reseller", {}),
        # Today's team covers the book: no hire, so no payback to wait for.
        ("agency", {"current_account_managers": 1, "renewal_owner": "account_manager"}),
    ],
)
def test_the_brief_shows_the_payback_as_the_report_does(
    case: str, overrides: dict[str, Any], pack: RulePack
) -> None:
    brief = story_brief(case, pack, **overrides)
    a = brief.assessment
    figures = _rows(_table(brief, "numbers", "Figure"))
    for key in ("payback", "payback_range", "next_am", "client_hours", "team_today"):
        line = present.line(a, key)
        assert figures[line.label][1] == line.text
    payback = present.line(a, "payback")
    assert payback.text == present.payback_text(a.economics.payback_months)
    assert figures[payback.label][2] == payback.note
    if overrides:
        assert payback.text == "no hire needed"
    # The assumed effect behind the range names its source, from the pack.
    assert (
        brief.pack.am_effect.source.split(":")[0]
        in figures[present.line(a, "payback_range").label][2]
    )


def test_the_brief_evaluates_the_economics_once(
    pack: RulePack, monkeypatch: pytest.MonkeyPatch
) -> None:
    import advisor.economics

    calls = []
    original = advisor.economics.compute_economics

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    for module in list(sys.modules.values()):
        if getattr(module, "compute_economics", None) is original:
            monkeypatch.setattr(module, "compute_economics", counted)
    brief = story_brief("reseller", pack)
    export_brief(brief, "pdf")
    export_brief(brief, "json")
    assert len(calls) == 1


def test_the_brief_date_is_the_assessment_date(pack: RulePack) -> None:
    brief = story_brief("growing", pack)
    assert brief.prepared_on == brief.assessment.as_of == STORY_DATE
    # Assessed on another day, the brief is dated by the date asked for, and so are its plans.
    profile = brief.assessment.profile
    earlier = evaluate(profile, pack, as_of=dt.date(2026, 1, 5))
    later = build_brief(profile, earlier, pack, prepared_on=STORY_DATE)
    assert later.prepared_on == later.assessment.as_of == STORY_DATE
    assert later.assessment.plan == brief.assessment.plan
    # Without a date, the brief takes the assessment's: it never reads the clock itself.
    dated = build_brief(profile, earlier, pack)
    assert dated.prepared_on == dated.assessment.as_of == dt.date(2026, 1, 5)
    assert dated.assessment is earlier
    assert render_markdown(dated).count("| Prepared | 5 January 2026 |") == 1


def test_the_25_percent_claim_comes_from_the_pack() -> None:
    pack = load_pack()
    role = pack.role
    assert role is not None
    compensation = msgspec.structs.replace(
        role.compensation,
        range_source="Study X (40–60% of variable pay went with 31% better retention)",
        components_source="Study X (the split of the variable pay)",
    )
    changed = msgspec.structs.replace(role, compensation=compensation)
    edited = type(pack)(**{**pack.__dict__, "role": changed})
    brief = story_brief("reseller", edited)
    blocks = _section(brief, "compensation").blocks
    text = "\n".join(
        " ".join(" ".join(row) for row in block.rows)
        if isinstance(block, Table)
        else getattr(block, "text", "")
        for block in blocks
    )
    assert "31% better retention" in text
    assert "25% better retention" not in text


def test_a_gated_brief_shows_no_readiness_score(pack: RulePack) -> None:
    brief = story_brief("unstandardised", pack)
    a = brief.assessment
    assert a.gated and present.score_text(a) == "not scored"
    cover = dict(brief.cover_facts)
    assert cover["Readiness"].startswith("Not scored")
    text = _every_text(brief)
    assert not re.search(r"\d+/100|\d+ of 100", text)
    assert "whatif" not in [chart.key for chart in brief.charts()]
    score = brief_chart_content("score", brief)
    assert "not scored" in score.title


# --- The same words in the JSON and in the document ------------------------------------------


@pytest.mark.parametrize("case", ["smb_team", "growing", "unstandardised", "agency"])
def test_the_json_carries_the_plan_and_the_presenters_texts(case: str, pack: RulePack) -> None:
    import json

    import jsonschema

    from advisor.export.jsondoc import SCHEMA

    brief = story_brief(case, pack)
    data = json.loads(export_brief(brief, "json"))
    jsonschema.validate(data, SCHEMA)
    assert "hire_by" not in data and "timeline" not in data
    assessment = data["assessment"]
    assert assessment["as_of"] == data["prepared_on"] == STORY_DATE.isoformat()
    plan = brief.assessment.plan
    assert plan is not None
    assert assessment["plan"]["search_opens_on"] == (
        plan.search_opens_on.isoformat() if plan.search_opens_on else None
    )
    assert assessment["plan"]["reassess_on"] == (
        plan.reassess_on.isoformat() if plan.reassess_on else None
    )
    team = brief.assessment.team
    assert team is not None and len(assessment["team"]["hires"]) == len(team.hires)
    assert len(assessment["team"]["quarters"]) == 8
    shown = data["shown"]
    assert shown == present.shown(brief.assessment)
    document = json.dumps(data["document"], ensure_ascii=False)
    for key in ("payback", "payback_range", "plan", "waiting"):
        assert json.dumps(shown[key], ensure_ascii=False)[1:-1] in document


def test_the_schema_no_longer_asks_for_a_hire_by_date() -> None:
    from advisor.export.jsondoc import SCHEMA, SCHEMA_VERSION

    assert SCHEMA_VERSION == "2.0"
    assert "hire_by" not in SCHEMA["required"] and "hire_by" not in SCHEMA["properties"]
    assert "shown" in SCHEMA["required"]
    required = SCHEMA["properties"]["assessment"]["required"]
    assert {"as_of", "plan", "team", "growth", "workload", "waiting"} <= set(required)


# --- Charts from the assessment --------------------------------------------------------------


def test_the_timing_chart_is_the_workload_nobody_carries_with_the_plans_dates(
    pack: RulePack,
) -> None:
    brief = story_brief("smb_team", pack)
    a = brief.assessment
    workload, plan = a.workload, a.plan
    assert workload is not None and plan is not None
    content = brief_chart_content("timing", brief)
    bars, founder = content.series
    assert list(bars.y) == [round(month.hours, 1) for month in workload.months]
    assert set(founder.y) == {float(workload.founder_hours)}
    assert content.x_labels[0] == "Dec 2026" and len(content.x_labels) == 24
    labels = [marker.label for marker in content.markers]
    assert labels == ["search opens: Dec 2026", "the AM carries the book: Jun 2027"]
    assert [marker.row for marker in content.markers] == [0, 1]
    (band,) = content.bands
    assert band.label == "recruiting + ramp-up" and band.low < 0 < band.high
    chart = next(c for c in brief.charts() if c.key == "timing")
    assert chart.summary == present.timing_chart_summary(a)


def test_the_growth_chart_is_the_assessments_growth(pack: RulePack) -> None:
    brief = story_brief("growing", pack)
    growth = brief.assessment.growth
    assert growth is not None and growth.pace == 3
    content = brief_chart_content("growth", brief)
    line = content.series[0]
    assert list(line.y) == [float(q.active_accounts) for q in growth.quarters]
    assert list(content.x_labels) == [q.label for q in growth.quarters]
    shown = {s.name for s in content.series[1:]}
    assert shown == {brief.pack.verdict_labels[q.verdict] for q in growth.quarters}
    # Without a pace there is no growth to draw.
    flat = story_brief("key_accounts", pack)
    assert "growth" not in [chart.key for chart in flat.charts()]


def test_every_chart_of_a_brief_has_its_content(pack: RulePack) -> None:
    for case in ("smb_team", "unstandardised", "agency"):
        brief = story_brief(case, pack)
        drawn = attach_charts(brief)[0]
        assert all(isinstance(chart, Chart) and chart.content for chart in drawn.charts())
