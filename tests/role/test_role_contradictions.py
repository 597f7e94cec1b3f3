"""The drafted role keeps to its own word: pay on outcomes, one renewal takeover rule, the pay
plan in the offer."""

from __future__ import annotations

import re
from typing import Any

import pytest

from advisor.brief import build_brief
from advisor.export.markdown import render as render_markdown
from advisor.fields import BusinessModel
from advisor.pack import RulePack
from advisor.role import templates_for

# Words of the activity the brief's "what not to measure" rules out as pay.
ACTIVITY = re.compile(
    r"\b(reviews held|logged|calls?|meetings?|emails?|activit(y|ies))\b", re.IGNORECASE
)


@pytest.mark.parametrize("model", [m.value for m in BusinessModel])
def test_variable_pay_is_on_outcomes_only(
    model: str, pack: RulePack, make_profile: Any, design_for: Any
) -> None:
    spec = templates_for(pack, model)[0].compensation
    for component in spec.components:
        assert component.id != "activities"
        assert not ACTIVITY.search(f"{component.label} {component.measure}"), component
    # The split adds up to the whole variable pay, renewal and expansion inside the range.
    assert sum(c.share for c in spec.components) == pytest.approx(1.0)
    renewal_expansion = sum(c.share for c in spec.components if c.kind in ("renewal", "expansion"))
    assert spec.range_low - 1e-9 <= renewal_expansion <= spec.range_high + 1e-9
    design, _ = design_for(make_profile(business_model=model))
    assert design.compensation.warnings == ()


def test_the_subscription_split_keeps_seed_004s_range_and_says_so(
    pack: RulePack, make_profile: Any, design_for: Any
) -> None:
    design, assessment = design_for(make_profile())
    shares = {c.id: c.share for c in design.compensation.components}
    # The 15% once paid on reviews held went to the book's health: 35 + 25 + 40 = 100.
    assert shares == {"renewal": 0.35, "expansion": 0.25, "health": 0.4}
    assert design.compensation.renewal_expansion_share == pytest.approx(0.35 + 0.25)
    text = render_markdown(build_brief(make_profile(), assessment, pack, design)).decode()
    assert "the range to keep it in is 40%–60%" in text
    assert "Account plans and reviews" not in text


def test_renewal_takeover_is_one_rule_in_the_playbook_and_the_onboarding(
    make_profile: Any, design_for: Any
) -> None:
    design, _ = design_for(make_profile(renewal_lead_days=30))
    window = design.playbook[0].days_before
    assert window == 120
    note = design.playbook_note
    assert "two renewal cycles" not in note
    assert (
        f"By day 60 of the onboarding plan the Account Manager owns every renewal due within {window} days"
        in note
    )
    takeover = [s for s in design.onboarding if "Take over every renewal" in s.action]
    assert [s.phase for s in takeover] == ["Days 31–60"]  # ends on day 60, as the note says
    assert f"due within {window} days" in takeover[0].action
    assert "joins the renewal playbook at the step its date has reached" in takeover[0].action


def test_the_pay_plan_is_agreed_in_the_offer_before_day_one(
    make_profile: Any, design_for: Any
) -> None:
    design, _ = design_for(make_profile())
    phases = [phase for phase, _ in design.onboarding_goals]
    assert phases[0] == "Before day 1"
    pay_plan = [s for s in design.onboarding if "pay plan" in s.action]
    assert [s.phase for s in pay_plan] == ["Before day 1"]
    assert "in the offer" in pay_plan[0].action
