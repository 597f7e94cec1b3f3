"""One case, one story, for the drafted role: over random valid profiles (with and without a
current team, NRR and GRR given or not, with and without the share of the three largest
accounts), the role agrees with the assessment it is drafted from.

- no metric target is below where the company already is (above, where lower is better);
- the capacity section's hours are the presenter's one budget, its next AM the one sentence;
- the role gives no date the plan does not, and tells a prepare or fix case nothing of
  opening the search now; a book past the zone with a dated search is not told it hires too
  early, and "too late" is said only where the plan dates the search;
- the key accounts and the scaled tail are drafted exactly where NRR hides logo loss.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from profile_strategies import CASE_FIELDS, CASE_OPTIONAL, rates
from profile_strategies import profiles as valid_profiles

from advisor import present, wording
from advisor.engine import Assessment, Verdict, evaluate
from advisor.pack import load_pack
from advisor.profile import CompanyProfile
from advisor.role import RoleDesign, RoleInputs, draft_role

PACK = load_pack()
LONG_DATE = re.compile(
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}\b"
)
profiles = valid_profiles(
    fields=CASE_FIELDS,
    optional={
        **CASE_OPTIONAL,
        "contraction_rate": st.floats(min_value=0, max_value=0.3, allow_nan=False),
    },
    without=("am_fully_loaded_cost",),
)
dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2030, 12, 31))
top_shares = st.one_of(st.none(), rates)


def check_targets(design: RoleDesign) -> None:
    for line in design.metrics:
        if line.today_value is None:
            assert line.today == "not measured yet"
            continue
        assert line.target_value is not None
        if line.direction == "higher":
            assert line.target_value >= line.today_value - 1e-9, line.key
        else:
            assert line.target_value <= line.today_value + 1e-9, line.key
        if abs(line.target_value - line.today_value) < 1e-9 and line.target.startswith("hold"):
            assert "(today;" in line.target


def check_capacity(design: RoleDesign, assessment: Assessment) -> None:
    econ, capacity = assessment.economics, design.capacity
    assert capacity.hours_text == present.hours_sentence(econ)
    assert capacity.drafted_am_count == econ.recommended_am_count
    text = " ".join(capacity.sentences)
    assert text.count("Account Manager is due at") == 1
    assert wording.capitalised(present.next_am_sentence(assessment)) in text
    if econ.recommended_am_count > 1:
        assert "one AM's" not in capacity.hours_text


def _role_text(design: RoleDesign) -> str:
    parts = list(design.capacity.sentences)
    if design.interim is not None:
        parts += [design.interim.title, design.interim.summary]
        parts += [f"{s.step} {s.owner} {s.when}" for s in design.interim.steps]
    parts += [f"{m.title}. {m.why} {m.advice}" for m in design.mistakes]
    return "\n".join(parts)


def check_timing(design: RoleDesign, assessment: Assessment) -> None:
    plan, team = assessment.plan, assessment.team
    assert plan is not None and team is not None
    text = _role_text(design)
    days = [plan.search_opens_on, plan.reassess_on, plan.zone_reached_on, plan.carries_from]
    days += [h.search_opens_on for h in team.hires] + [h.needed_from for h in team.hires]
    allowed = {present.date(day) for day in days if day is not None}
    assert set(LONG_DATE.findall(text)) <= allowed
    if assessment.verdict in (Verdict.PREPARE, Verdict.FIX_DELIVERY_FIRST):
        assert "search now" not in text.lower()
    assert "nears" not in text
    mistakes = {m.id for m in design.mistakes}
    zone = PACK.thresholds["trigger_zone"].resolve(assessment.profile.segment.value)
    past_zone = assessment.profile.active_accounts > zone[1]  # type: ignore[index]
    if "too_late" in mistakes:
        assert plan.search_opens_on is not None
    if past_zone and plan.search_opens_on is not None:
        assert "too_early" not in mistakes


def check_shape(design: RoleDesign, assessment: Assessment) -> None:
    hides = "NRR-HIDES-LOGO-LOSS" in {r.rule_id for r in assessment.fired}
    scaled = design.shape == "key_accounts_scaled_tail"
    assert scaled == (hides and assessment.recommended_am_count >= 2)
    if design.shape == "key_account_manager":
        per_kam = assessment.profile.active_accounts / max(assessment.recommended_am_count, 1)
        low_end = any("low end of the range" in s for s in design.capacity.sentences)
        assert low_end == (per_kam <= assessment.economics.book_size_low)


@settings(max_examples=80, deadline=None)
@given(profiles, dates, top_shares)
def test_the_role_tells_the_assessments_story(
    profile: CompanyProfile, as_of: dt.date, top_share: float | None
) -> None:
    assessment = evaluate(profile, PACK, as_of=as_of)
    design = draft_role(profile, assessment, PACK, inputs=RoleInputs(top_share))
    check_targets(design)
    check_capacity(design, assessment)
    check_timing(design, assessment)
    check_shape(design, assessment)
    data = json.dumps(design.to_dict(), allow_nan=False)
    assert not re.search(r"\{[a-z_]+\}", data)
