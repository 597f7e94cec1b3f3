"""The drafted role tells the assessment's story: each contradiction a role once carried against
the verdict, the timing, the hours or the retention figures, as a test named after it.

The companies are the story profiles of `tests/core/story_profiles`, assessed on one date.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from advisor import present, wording
from advisor.brief import prepare_brief
from advisor.economics import cadence_model
from advisor.engine import Assessment, Verdict, evaluate
from advisor.export.markdown import render_markdown
from advisor.pack import RulePack
from advisor.profile import load_profile, parse_profile, updated_profile
from advisor.role import RoleDesign, RoleInputs, draft_role

PROFILES = Path(__file__).resolve().parents[1] / "core" / "story_profiles"
AS_OF = dt.date(2026, 12, 6)
LONG_DATE = re.compile(
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}\b"
)


def story(
    name: str, pack: RulePack, *, inputs: RoleInputs | None = None, **changes: Any
) -> tuple[RoleDesign, Assessment]:
    profile = load_profile(PROFILES / f"{name}.yaml")
    if changes:
        profile = updated_profile(profile, changes)
    assessment = evaluate(profile, pack, as_of=AS_OF)
    return draft_role(profile, assessment, pack, inputs=inputs), assessment


def _metric(design: RoleDesign, key: str) -> Any:
    return next(line for line in design.metrics if line.key == key)


def _role_text(design: RoleDesign) -> str:
    """Every sentence the role says about the hire's timing: the plan instead of hiring, the
    capacity and the mistakes."""
    parts = list(design.capacity.sentences)
    if design.interim is not None:
        parts += [design.interim.title, design.interim.summary]
        parts += [f"{s.step} | {s.owner} | {s.when}" for s in design.interim.steps]
    parts += [f"{m.title}. {m.why} {m.advice}" for m in design.mistakes]
    return "\n".join(parts)


# --- One hours model --------------------------------------------------------------------------


def test_the_cadence_share_names_the_team_it_is_a_share_of(pack: RulePack) -> None:
    """A 300-account book that needs four AMs read "390 a month (98% of one AM)"; the role's
    cadence sentence counted the cadence alone against the team."""
    design, assessment = story("4-smb-saas-300-two-ams", pack)
    econ, capacity = assessment.economics, design.capacity
    assert econ.recommended_am_count == 4
    sentence = present.hours_sentence(econ)
    assert capacity.hours_text == sentence and "of 4 AMs' 400 h" in sentence
    assert capacity.client_hours == pytest.approx(econ.cadence_hours + econ.renewal_hours)
    assert capacity.client_load == pytest.approx(econ.client_hours / econ.team_client_hours)
    assert capacity.cadence_load == pytest.approx(econ.cadence_hours / econ.team_client_hours)
    text = " ".join(capacity.sentences)
    assert f"need {sentence}." in text
    assert "one AM" not in text and "one Account Manager's client" not in text


@pytest.mark.parametrize("segment", ["smb", "mid_market", "enterprise"])
def test_a_full_book_fits_one_budget_with_its_renewals_in_the_role(
    segment: str, pack: RulePack
) -> None:
    """A full mid-market book used 95 of an AM's 100 client hours in cadence alone, and the
    renewals came on top."""
    # Contracts in a band that keeps the segment's largest book: under €11,000 (75 accounts),
    # €11,000 to under €23,000 (50), €92,000 to under €230,000 (20).
    value = {"smb": 10_000, "mid_market": 20_000, "enterprise": 150_000}[segment]
    full = pack.book_size(segment)[1]
    assert pack.book_size(segment, pack.band_of(value, "EUR"))[1] == full
    design, assessment = story(
        "2-midmarket-saas-35",
        pack,
        segment=segment,
        active_accounts=full,
        avg_contract_value=value,
    )
    econ, capacity = assessment.economics, design.capacity
    assert capacity.drafted_am_count == capacity.am_count == econ.recommended_am_count == 1
    assert capacity.renewal_hours == pytest.approx(econ.renewal_hours) and econ.renewal_hours > 0
    assert capacity.client_hours <= econ.client_hours_per_am
    assert capacity.team_client_hours == econ.client_hours_per_am
    assert capacity.hours_text.endswith(f"of one AM's {wording.hours(econ.client_hours_per_am)}")


def test_edited_tiers_recompute_the_hours_and_say_the_count_is_the_default_cadences(
    pack: RulePack,
) -> None:
    """Edited tiers changed the cadence hours but not the AM count, with nothing said."""
    profile = load_profile(PROFILES / "2-midmarket-saas-35.yaml")
    assessment = evaluate(profile, pack, as_of=AS_OF)
    draft = draft_role(profile, assessment, pack)
    heavier = [
        {
            **{k: v for k, v in tier.__dict__.items() if k != "value_rule"},
            "hours_per_month": tier.hours_per_month * 3,
        }
        for tier in draft.tiers
    ]
    design = draft_role(profile, assessment, pack, edits={"tiers": heavier})
    capacity = design.capacity
    cadence = sum(t.accounts * t.hours_per_month for t in design.tiers)
    model = cadence_model(pack, profile.segment.value)
    assert model is not None
    renewals = model.renewal_hours_for(profile.active_accounts)
    assert capacity.cadence_hours == pytest.approx(cadence)
    assert capacity.client_hours == pytest.approx(cadence + renewals)
    assert capacity.drafted_am_count == 2 and capacity.am_count == 1
    assert capacity.hours_text == present.drafted_hours_sentence(
        assessment.economics, cadence, renewals, 2, model.client_hours_per_am
    )
    assert "of 2 AMs' 200 h" in capacity.hours_text
    said = [s for s in capacity.sentences if s.startswith("With the cadence as drafted")]
    assert said == [
        (
            "With the cadence as drafted the book needs 2 Account Managers; the count elsewhere "
            "in this case, 1, is for the default cadence."
        )
    ]
    assert not any(s.startswith("With the cadence") for s in draft.capacity.sentences)


def test_the_role_has_one_next_am_sentence(pack: RulePack) -> None:
    """The role said "A further Account Manager is due at 51 active accounts …; open the search
    about a quarter before" while the timeline said "A second AM is due in Q2 2028 (52
    accounts)", and "Team today" had its own copy."""
    design, assessment = story("7-reseller-12-margin", pack)
    sentence = wording.capitalised(present.next_am_sentence(assessment))
    text = " ".join(design.capacity.sentences)
    assert text.count("Account Manager is due at") == 1
    assert f"{sentence}; {present.next_am_search(assessment)}." in text
    assert "62" not in text and "a quarter before" not in text
    assert "the next one after that" not in text
    assert f"Team today: {present.team_sentence(assessment.economics)}." in text
    # 40 accounts of €50,000: books of 30 at most, the third AM due at 2 × 30 + 1.
    assert design.capacity.next_am_at == assessment.economics.next_am_due_at_accounts == 61
    growth = assessment.growth
    assert growth is not None
    reached = next((q for q in growth.quarters if q.active_accounts >= 61), None)
    assert design.capacity.quarters_to_next_am == (reached.quarters_ahead if reached else None)
    # The role keeps no lead time of its own: the plan's recruiting and ramp-up days.
    role = pack.role
    assert role is not None and "hiring_lead_quarters" not in role.figures
    assert "180 days before the book reaches it" in text


def test_the_next_am_search_date_is_the_team_plans(pack: RulePack) -> None:
    design, assessment = story("4-smb-saas-300-two-ams", pack, churn_trend="rising")
    team = assessment.team
    assert team is not None
    fifth = [h for h in team.hires if h.role == "am" and h.number == 5]
    text = " ".join(design.capacity.sentences)
    if fifth:
        assert f"the team plan opens its search on {present.date(fifth[0].search_opens_on)}" in text
    else:
        assert "days before the book reaches it" in text


# --- Retention as given -----------------------------------------------------------------------


def test_no_target_below_today(pack: RulePack) -> None:
    """NRR 118% today was given the target "at least 100%"."""
    design, _ = story("8-saas-nrr118-logo74", pack, contraction_rate=0.03, nps=45)
    nrr = _metric(design, "nrr")
    # €20,000 a contract is in the band from €11,000 to under €23,000: healthy from 102%.
    assert nrr.target == (
        "hold at least 118% (today; healthy from 102%, best in class 120%); alarm below 90%"
    )
    assert nrr.for_this_book == "€1,416,000 or more of today's €1,200,000 ARR a year on"
    # The mirror, where lower is better: contraction of 3% is held at 3%, not let rise to 5%.
    contraction = _metric(design, "contraction_rate")
    assert contraction.target == "hold at most 3% (today; healthy up to 5%); alarm above 8%"
    assert contraction.for_this_book == "no more than €36,000 lost to downgrades a year"
    assert _metric(design, "nps").target.startswith("hold at least +45 (today; healthy from +30)")
    # Below the healthy level, the target stays the pack's.
    logo = _metric(design, "logo_retention")
    assert logo.target == "at least 85%; alarm below 75%" and logo.target_value == 0.85
    for line in design.metrics:
        if line.today_value is None:
            continue
        if line.direction == "higher":
            assert line.target_value >= line.today_value
        else:
            assert line.target_value <= line.today_value


def test_a_small_book_logo_target_says_it_asks_for_every_account(pack: RulePack) -> None:
    """Six accounts were asked for "6 of 6 accounts" as if that were 85%."""
    design, _ = story("3-consultancy-six-400k", pack)
    asked = "every one of the 6 accounts: at 6 accounts one loss is 83%, below 85%"
    assert _metric(design, "logo_retention").for_this_book == asked
    assert _metric(design, "renewal_rate").for_this_book == asked
    larger, _ = story("3-consultancy-six-400k", pack, active_accounts=20)
    assert _metric(larger, "logo_retention").for_this_book == "17 of 20 accounts"


def test_grr_has_a_metrics_row_and_expansion_is_nrr_minus_grr(pack: RulePack) -> None:
    """GRR had no row, and expansion read "not measured yet" with NRR 118% and GRR 88% given."""
    design, assessment = story("8-saas-nrr118-logo74", pack)
    keys = [line.key for line in design.metrics]
    assert keys[keys.index("nrr") + 1] == "logo_retention" and "grr" in keys
    grr = _metric(design, "grr")
    assert (grr.today, grr.status, grr.label) == ("88%", "watch", "Gross revenue retention")
    assert grr.for_this_book.startswith("€1,080,000 or more")
    expansion = _metric(design, "expansion_rate")
    assert assessment.economics.expansion_measured == pytest.approx(0.30)
    assert (expansion.today, expansion.status) == ("30%", "healthy")
    assert expansion.target.startswith("hold at least 30% (today; healthy from 10%)")
    assert "net less gross revenue retention" in expansion.how
    without, _ = story("8-saas-nrr118-logo74", pack, grr=None)
    assert _metric(without, "expansion_rate").today == "not measured yet"


@pytest.mark.parametrize("top_share", [None, 0.6])
def test_nrr_above_100_with_logo_loss_shapes_the_role_into_key_accounts_and_a_scaled_tail(
    top_share: float | None, pack: RulePack
) -> None:
    """NRR 118% with logo retention 74% drafted two identical Key Account Managers with 30
    accounts each, next to "keep the book at the low end of the range"."""
    design, assessment = story(
        "8-saas-nrr118-logo74", pack, inputs=RoleInputs(top_accounts_share=top_share)
    )
    assert "NRR-HIDES-LOGO-LOSS" in {r.rule_id for r in assessment.fired}
    assert design.shape == "key_accounts_scaled_tail"
    assert design.title == "Key Account Manager with a scaled programme for the tail"
    areas = [r.area for r in design.responsibilities]
    assert areas[:2] == ["Key accounts in depth", "Scaled programme for the rest of the book"]
    key, *rest = design.tiers
    tail = sum(t.accounts for t in rest)
    assert (key.accounts, tail) == (12, 48)
    text = " ".join(design.capacity.sentences)
    assert "The 12 key accounts (tier A) get a Key Account Manager in depth" in text
    assert "the other 48 run on the scaled programme" in text
    assert "rather than into 2 identical books" in text
    assert "low end of the range" not in text
    assert "Retention at scale" in [q.skill for q in design.interview]
    # With logo retention on target, the finding and the shape go together.
    kept, kept_assessment = story(
        "8-saas-nrr118-logo74",
        pack,
        inputs=RoleInputs(top_accounts_share=top_share),
        logo_retention=0.9,
    )
    assert "NRR-HIDES-LOGO-LOSS" not in {r.rule_id for r in kept_assessment.fired}
    assert kept.shape != "key_accounts_scaled_tail"


def test_a_key_account_book_above_the_low_end_is_not_told_to_keep_it_there(
    pack: RulePack,
) -> None:
    """Two Key Account Managers with 30 accounts each were told to keep the book at the low end
    of the range (20)."""
    # 80 accounts of €20,000: books of 35–50, two KAMs with 40 each, above the low end.
    spread, _ = story(
        "8-saas-nrr118-logo74",
        pack,
        inputs=RoleInputs(top_accounts_share=0.6),
        logo_retention=0.9,
        active_accounts=80,
    )
    assert spread.capacity.book_low == 35
    assert spread.shape == "key_account_manager" and spread.capacity.am_count == 2
    assert not any("low end of the range" in s for s in spread.capacity.sentences)
    deep, _ = story("3-consultancy-six-400k", pack)
    assert deep.shape == "key_account_manager"
    assert any("low end of the range" in s for s in deep.capacity.sentences)


# --- Timing in the role -----------------------------------------------------------------------


def test_a_reseller_at_prepare_is_not_told_to_open_the_search_as_the_book_nears_15(
    pack: RulePack,
) -> None:
    design, assessment = story("7-reseller-12-margin", pack)
    plan = assessment.plan
    assert assessment.verdict is Verdict.PREPARE and plan is not None
    assert plan.search_opens_on is None and plan.reassess_on is not None
    assert design.interim is not None
    text = _role_text(design)
    assert "nears" not in text and "15 active accounts" not in text
    last = design.interim.steps[-1]
    assert last.step == f"Open the search {present.search_phrase(assessment)}."
    assert last.step == (
        "Open the search only once the case for the hire holds: no date yet, reassess on "
        "6 March 2027."
    )
    assert last.when == present.date(plan.reassess_on)
    assert "as the book reaches the zone" not in design.interim.title


def test_a_prepare_step_opens_the_search_on_the_plans_date(pack: RulePack) -> None:
    design, assessment = story("1-agency-retainers", pack)
    plan = assessment.plan
    assert assessment.verdict is Verdict.PREPARE and plan is not None
    assert plan.search_opens_on is not None
    opens = present.date(plan.search_opens_on)
    assert design.interim is not None
    last = design.interim.steps[-1]
    assert (last.step, last.when) == (f"Open the search on {opens}.", opens)


@pytest.mark.parametrize(
    "name",
    [
        "1-agency-retainers",
        "4-smb-saas-300-two-ams",
        "5-delivery-not-standardised",
        "7-reseller-12-margin",
        "x-mid-247-two-ams",
    ],
)
def test_a_prepare_or_fix_brief_never_says_open_the_search_now(name: str, pack: RulePack) -> None:
    """A prepare brief and a fix-delivery-first brief carried the mistake "Hiring too late …
    Open the search now" beside "no date to open the search yet"."""
    profile = load_profile(PROFILES / f"{name}.yaml")
    brief = prepare_brief(profile, pack, prepared_on=AS_OF)
    assert brief.verdict in ("prepare", "fix_delivery_first")
    text = render_markdown(brief)
    assert "search now" not in text.lower()
    plan = brief.assessment.plan
    assert plan is not None
    late = [m for m in brief.role.mistakes if m.id == "too_late"]
    if plan.search_opens_on is None:
        assert not late
    for mistake in late:
        assert mistake.advice.startswith(
            f"Open the search {present.search_phrase(brief.assessment)}"
        )


def test_a_book_past_the_zone_with_a_dated_search_is_not_told_it_hires_too_early(
    pack: RulePack,
) -> None:
    """A book past the zone whose search the plan dates read "Hiring before the book justifies
    it … reassess each quarter" beside "Hiring too late … open the search now"."""
    # Contracts of €20,000 at a full margin (€20,000 of gross profit each): books of 50 at most.
    profile = parse_profile(
        {
            "company": "Past Zone Co",
            "segment": "mid_market",
            "currency": "EUR",
            "active_accounts": 28,
            "avg_contract_value": 20000,
            "gross_margin": 1.0,
            "logo_churn_rate": 0.1,
            "churn_trend": "stable",
            "churn_cause_known": False,
            "delivery_maturity": "standardised",
            "knowledge_holder": "shared_in_crm",
            "renewal_owner": "sales",
            "renewal_lead_days": 90,
            "unworked_upsell": False,
            "clients_escalate_to_leadership": False,
            "onboarding_consistent": True,
            "accounts_added_per_quarter": 3,
        }
    )
    assessment = evaluate(profile, pack, as_of=AS_OF)
    plan = assessment.plan
    assert assessment.verdict is Verdict.PREPARE and plan is not None
    assert plan.search_opens_on is not None and plan.search_opens_on > AS_OF
    design = draft_role(profile, assessment, pack)
    found = {m.id: m for m in design.mistakes}
    assert "too_early" not in found
    opens = present.date(plan.search_opens_on)
    assert found["too_late"].advice == (
        f"Open the search on {opens} and hand over the accounts at risk first."
    )
    assert "now" not in found["too_late"].advice


def test_hiring_too_early_keeps_to_the_plans_next_date(pack: RulePack) -> None:
    """ "Keep the book with a named cadence and reassess each quarter" stood next to a plan that
    opens the search on a date."""
    design, assessment = story("1-agency-retainers", pack)
    early = next(m for m in design.mistakes if m.id == "too_early")
    assert early.advice == (
        "Keep the book on a named cadence until the plan's next date: "
        f"{wording.in_sentence(present.when_line(assessment)).removesuffix('.')}."
    )
    assert "each quarter" not in early.advice


@pytest.mark.parametrize("name", sorted(p.stem for p in PROFILES.glob("*.yaml")))
def test_every_date_the_role_gives_is_a_date_of_the_plan(name: str, pack: RulePack) -> None:
    design, assessment = story(name, pack)
    plan, team = assessment.plan, assessment.team
    assert plan is not None and team is not None
    days = [plan.search_opens_on, plan.reassess_on, plan.zone_reached_on, plan.carries_from]
    days += [h.search_opens_on for h in team.hires] + [h.needed_from for h in team.hires]
    allowed = {present.date(day) for day in days if day is not None}
    said = set(LONG_DATE.findall(_role_text(design)))
    assert said <= allowed, said - allowed


def test_a_team_is_told_about_the_account_managers_not_the_am(pack: RulePack) -> None:
    """A company with two AMs needing four read "so the new AM inherits a working routine" and
    "Every quarter without an AM"."""
    design, assessment = story("4-smb-saas-300-two-ams", pack)
    assert assessment.economics.additional_ams_needed == 2
    assert design.interim is not None
    steps = {s.step: s.owner for s in design.interim.steps}
    routine = next(step for step in steps if "working routine" in step)
    assert routine.endswith("waiting for the new Account Managers.")
    assert steps[routine] == "Today's AMs"
    text = _role_text(design)
    assert "the new AM " not in text and "without an AM" not in text
    assert "One AM with far too many accounts" not in text
    # A founder-held book is the founder's until the hire.
    alone, _ = story("6-fast-grower", pack)
    assert alone.interim is not None
    assert alone.interim.title.startswith("The book stays with the founder or an account executive")


# --- The pack's claim -------------------------------------------------------------------------


def test_the_25_percent_claim_comes_from_the_pack_in_the_role(pack: RulePack) -> None:
    import msgspec

    design, _ = story("7-reseller-12-margin", pack)
    role = pack.role
    assert role is not None
    assert design.compensation.range_source == role.compensation.range_source
    assert "25% better retention" in design.compensation.range_source
    claim = "Study X (40–60% of variable pay went with 31% better retention)"
    edited = type(pack)(
        **{
            **pack.__dict__,
            "role": msgspec.structs.replace(
                role,
                compensation=msgspec.structs.replace(role.compensation, range_source=claim),
            ),
        }
    )
    changed, _ = story("7-reseller-12-margin", edited)
    assert changed.compensation.range_source == claim
