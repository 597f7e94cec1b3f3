"""Business models: each one end to end (verdict, book and the bound that sized it, role shape and
title, pay basis, wording, targets), the seed claims shown only to the model they were about,
the field in the rule language and in `rules check`, and the pack's errors.

Every expected figure is worked out here from its definition: the book one AM carries in money
(rules/15-business-models.yaml) in whole average accounts, the AMs each bound needs, and the
targets on the book's revenue or gross profit.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from pathlib import Path

import msgspec
import pytest
from msgspec.structs import replace
from test_flips import check_flip_points  # the flip-point property's own check

from advisor import cli, present
from advisor.brief import method_appendix, prepare_brief
from advisor.engine import Verdict, evaluate
from advisor.export.assessment import render_text
from advisor.export.jsondoc import render_json
from advisor.export.markdown import render_markdown
from advisor.pack import RulePack, RulePackError, load_pack
from advisor.pack.load import pack_from_documents
from advisor.profile import CompanyProfile, ProfileError, load_profile, parse_profile
from advisor.role import draft_role
from advisor.role.draft import metric_targets_for

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
RULES = ROOT / "rules"
SHIPPED = [(f"rules/{p.name}", p.read_bytes()) for p in sorted(RULES.glob("*.yaml"))]
DATE = dt.date(2026, 11, 22)
AGENCY, CONSULTANCY, RESELLER = (
    "kern-studio-retainers",
    "halden-partners-consultancy",
    "volta-supply-reseller",
)


def example(name: str) -> CompanyProfile:
    return load_profile(EXAMPLES / f"{name}.yaml")


def brief_markdown(profile: CompanyProfile, pack: RulePack) -> str:
    return render_markdown(prepare_brief(profile, pack, prepared_on=DATE))


def has_arr(text: str) -> bool:
    return re.search(r"\bARR\b", text) is not None


# ---------------------------------------------------------------------------------------------
# Each business model, end to end


def test_an_agency_with_twelve_60k_retainers_is_sized_by_revenue_not_by_12_accounts(
    pack: RulePack,
) -> None:
    profile = example(AGENCY)
    assessment = evaluate(profile, pack)
    econ = assessment.economics
    # One senior account director carries at most €700,000 of annual fees: 11 retainers of
    # €60,000 (11 × 60,000 = 660,000; 12 would be 720,000). Twelve need two; by accounts
    # (at most 50 mid-market) one.
    per_am = math.floor(700_000 / 60_000)
    assert per_am == 11
    assert econ.basis is not None
    assert econ.basis.money_accounts == per_am
    assert econ.basis.by_money == math.ceil(12 / per_am) == 2
    assert econ.basis.by_accounts == math.ceil(12 / 50) == 1
    assert econ.basis.sized_by == "revenue"
    assert econ.recommended_am_count == 2
    assert econ.book_size_high == per_am
    assert econ.book_size_low == math.floor(400_000 / 60_000)  # the bound's low end: 6
    assert assessment.verdict == Verdict.PREPARE
    assert present.line(assessment, "total_arr").label == "Total annual fees"
    assert present.line(assessment, "total_arr").text == "€720,000"
    assert present.basis_sentence(econ).startswith("sized by the book's annual fees: ")
    role = draft_role(profile, assessment, pack)
    assert (role.shape, role.title) == ("senior_account_director", "Senior Account Director")
    assert role.compensation.base_share == 0.8
    measures = " ".join(c.measure for c in role.compensation.components)
    assert "NPS" not in measures
    assert [c.label for c in role.compensation.components][:2] == [
        "Retainers renewed",
        "Scope added",
    ]
    renewal = next(m for m in role.metrics if m.key == "renewal_rate")
    assert renewal.label == "Retainer renewal rate"
    # 85% of 12 retainers kept: ceil(12 × 0.85) = 11.
    assert renewal.for_this_book == f"{math.ceil(12 * 0.85)} of 12 accounts"
    text = brief_markdown(profile, pack)
    assert "| What sized the team | sized by the book's annual fees: " in text
    assert not has_arr(text)


def test_a_consultancy_with_six_400k_contracts_gets_a_client_partner_on_mostly_fixed_pay(
    pack: RulePack,
) -> None:
    profile = example(CONSULTANCY)
    assessment = evaluate(profile, pack)
    econ = assessment.economics
    # €4,000,000 of contract revenue a book: 10 contracts of €400,000. Six need one client
    # partner by revenue and one by accounts (at most 20 enterprise): the account count decides
    # a tie.
    assert econ.basis is not None
    assert econ.basis.money_accounts == math.floor(4_000_000 / 400_000) == 10
    assert (econ.basis.by_accounts, econ.basis.by_money) == (1, 1)
    assert econ.basis.sized_by == "accounts"
    assert econ.recommended_am_count == 1
    assert econ.total_arr == 6 * 400_000
    # 6 of the 10 frameworks a book holds: 0.6 books of work, inside the zone of half a book
    # to a full one; the next hire's payback past the pack's 30 months holds it at "prepare".
    assert assessment.verdict == Verdict.PREPARE
    assert {"PORT-ZONE-BOOKS", "PAYBACK-TOO-LONG"} <= {
        r.rule_id for r in assessment.trace if r.fired
    }
    role = draft_role(profile, assessment, pack)
    assert (role.shape, role.title) == ("client_partner", "Client Partner")
    assert "leads engagements" in role.summary
    assert role.compensation.base_share == 0.85  # mostly fixed: the role is advisory
    assert all("NPS" not in c.measure for c in role.compensation.components)
    follow_on = next(m for m in role.metrics if m.key == "expansion_rate")
    assert follow_on.label == "Follow-on growth"
    # 10% of €2,400,000 of contract revenue.
    assert follow_on.for_this_book == f"about €{0.1 * 2_400_000:,.0f} of expansion a year"
    text = brief_markdown(profile, pack)
    assert "| Total contract revenue | €2,400,000 |" in text
    assert not has_arr(text)


def test_a_reseller_at_12_percent_margin_is_sized_and_paid_on_gross_profit(
    pack: RulePack,
) -> None:
    profile = example(RESELLER)
    assessment = evaluate(profile, pack)
    econ = assessment.economics
    gross_profit_each = 100_000 * 0.12  # €12,000 an account
    per_am = math.floor(500_000 / gross_profit_each)
    assert econ.basis is not None
    assert econ.basis.measure == "gross_profit"
    assert econ.basis.money_accounts == per_am == 41
    assert econ.basis.by_money == math.ceil(90 / per_am) == 3
    assert econ.basis.by_accounts == math.ceil(90 / 75) == 2
    assert econ.basis.sized_by == "gross_profit"
    assert econ.recommended_am_count == 3
    assert assessment.verdict == Verdict.HIRE_NOW
    role = draft_role(profile, assessment, pack)
    assert (role.shape, role.title) == ("inside_account_manager", "Inside Account Manager")
    assert role.compensation.base_share == 0.6
    assert [c.label for c in role.compensation.components][:2] == [
        "Gross profit kept",
        "Gross profit added",
    ]
    assert all("NPS" not in c.measure for c in role.compensation.components)
    assert [m.key for m in role.metrics] == [
        "gp_nrr",
        "logo_retention",
        "gp_retention",
        "expansion_rate",
    ]
    book_profit = 90 * gross_profit_each  # €1,080,000
    kept = next(m for m in role.metrics if m.key == "gp_retention")
    assert kept.label == "Gross-profit retention"
    assert kept.for_this_book == (
        f"€{0.85 * book_profit:,.0f} or more of today's €{book_profit:,.0f} gross profit kept a "
        "year on, before expansion"
    )
    text = brief_markdown(profile, pack)
    assert not has_arr(text)
    assert "| Total annual revenue | €9,000,000 |" in text
    assert not has_arr(render_text(assessment))


def test_a_subscription_keeps_arr_its_account_book_and_the_default_pay(
    pack: RulePack,
) -> None:
    profile = example("northwind-hire-now")
    assert profile.business_model.value == "saas_subscription"  # the default
    assessment = evaluate(profile, pack)
    econ = assessment.economics
    assert econ.basis is not None
    assert (econ.basis.money_high, econ.basis.sized_by) == (None, "accounts")
    # €36,000 contracts: the book size of the band from €23,000 to under €46,000.
    assert (econ.book_size_low, econ.book_size_high) == pack.book_size("mid_market", "25k_50k")
    assert present.line(assessment, "total_arr").label == "Total ARR"
    role = draft_role(profile, assessment, pack)
    assert role.compensation.base_share == pack.role.compensation.base_share  # type: ignore[union-attr]
    assert role.title == "Account Manager (with customer success)"


@pytest.mark.parametrize("name", [AGENCY, CONSULTANCY, RESELLER])
def test_flip_points_are_the_nearest_values_with_a_revenue_bound(name: str) -> None:
    check_flip_points(example(name), load_pack())


# ---------------------------------------------------------------------------------------------
# The seed claims


def test_seed_claims_are_tagged_with_the_business_models_they_were_about(pack: RulePack) -> None:
    assert pack.business_models is not None
    claims = {claim.id: claim for claim in pack.business_models.seed_claims}
    assert set(claims) == {"expansion_share", "pay_mix_retention", "onboarding_am_retention"}
    assert all(claim.about == ("saas_subscription",) for claim in claims.values())


@pytest.mark.parametrize("name", [AGENCY, CONSULTANCY, RESELLER])
def test_no_seed_claim_reaches_a_business_model_it_was_not_about(name: str, pack: RulePack) -> None:
    profile = example(name)
    assert pack.business_models is not None
    hidden = pack.business_models.claims_hidden_from(profile.business_model.value)
    assert hidden
    brief = prepare_brief(profile, pack, prepared_on=DATE)
    shown = render_markdown(brief) + render_json(brief) + render_text(evaluate(profile, pack))
    shown += render_markdown(method_appendix(brief))  # where the brief's sources went
    for claim in hidden:
        for phrase in claim.phrases:
            assert phrase not in shown, (claim.id, phrase)


def test_the_seed_claims_still_reach_a_subscription(pack: RulePack) -> None:
    brief = prepare_brief(example("northwind-hire-now"), pack, prepared_on=DATE)
    # The metrics' sources, which quote the claims, are in the brief's method appendix.
    shown = render_markdown(brief) + render_markdown(method_appendix(brief))
    assert pack.business_models is not None
    for claim in pack.business_models.seed_claims:
        assert any(phrase in shown for phrase in claim.phrases), claim.id


# ---------------------------------------------------------------------------------------------
# The field: profile, rules, `rules check`


def test_business_model_defaults_to_a_subscription_and_refuses_a_misspelling() -> None:
    base = msgspec.to_builtins(load_profile(EXAMPLES / "acorn-not-yet.yaml"))
    assert base["business_model"] == "saas_subscription"
    with pytest.raises(ProfileError) as caught:
        parse_profile({**base, "business_model": "resseller"})
    problem = caught.value.problems[0]
    assert problem.path == "business_model"
    assert "reseller" in problem.message


def test_a_rule_may_test_the_business_model() -> None:
    rule = (
        "rules:\n  - id: X-RESELLER\n    title: A reseller\n    category: signal\n"
        "    when: {field: business_model, op: eq, value: reseller}\n"
        "    effect: {score: 0}\n    rationale: Only here to test the field.\n"
        "    source: product default\n"
    )
    custom = pack_from_documents([*SHIPPED, ("rules/99-custom.yaml", rule.encode())])
    fired = {r.rule_id for r in evaluate(example(RESELLER), custom).fired}
    assert "X-RESELLER" in fired
    assert "X-RESELLER" not in {r.rule_id for r in evaluate(example(AGENCY), custom).fired}


def test_a_rule_testing_an_unknown_business_model_is_refused_with_its_line() -> None:
    rule = (
        "rules:\n  - id: X-RESELLER\n    title: A reseller\n    category: signal\n"
        "    when: {field: business_model, op: eq, value: resseller}\n"
        "    effect: {score: 0}\n    rationale: Only here to test the field.\n"
        "    source: product default\n"
    )
    with pytest.raises(RulePackError) as caught:
        pack_from_documents([*SHIPPED, ("rules/99-custom.yaml", rule.encode())])
    shown = [str(problem) for problem in caught.value.problems]
    assert any(
        line.startswith("rules/99-custom.yaml:5: X-RESELLER › when.value:") and "reseller" in line
        for line in shown
    ), shown


def test_rules_check_lists_the_business_model_among_the_fields_rules_may_test() -> None:
    out = io.StringIO()
    assert cli.main(["rules", "check", str(RULES), "--fields"], out) == 0
    row = next(line for line in out.getvalue().splitlines() if line.startswith("business_model"))
    assert "Business model" in row and "saas_subscription" in row


# ---------------------------------------------------------------------------------------------
# The pack's section: errors name the file, the line and the field


def _with_models(old: str, new: str) -> list[str]:
    documents = []
    for name, content in SHIPPED:
        if name.endswith("15-business-models.yaml"):
            text = content.decode()
            assert old in text
            content = text.replace(old, new, 1).encode()
        documents.append((name, content))
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    return [str(problem) for problem in caught.value.problems]


def _line(old: str) -> int:
    text = (RULES / "15-business-models.yaml").read_text(encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_a_revenue_bound_whose_low_is_above_its_high_is_refused_at_its_line() -> None:
    old = "EUR: {low: 250000, high: 500000}"
    shown = _with_models(old, "EUR: {low: 600000, high: 500000}")
    expected = (
        f"rules/15-business-models.yaml:{_line(old)}: business_models › "
        "models.reseller.revenue_per_am.EUR.low: low is above high"
    )
    assert shown == [expected]


def test_an_unknown_book_measure_is_refused_with_the_closest_one() -> None:
    old = "book_measure: gross_profit"
    shown = _with_models(old, "book_measure: gross_proft")
    expected = (
        f"rules/15-business-models.yaml:{_line(old)}: business_models › "
        "models.reseller.book_measure: 'gross_proft' is not one of revenue, gross_profit "
        "(did you mean 'gross_profit'?)"
    )
    assert shown == [expected]


def test_a_model_pay_split_that_does_not_add_up_is_refused_in_the_models_file() -> None:
    old = "            share: 0.35\n            measure:\n              en: Gross profit from repeat orders"
    shown = _with_models(old, old.replace("0.35", "0.45"))
    assert len(shown) == 1
    assert shown[0].startswith("rules/15-business-models.yaml:")
    assert "compensation.components: the shares add up to 1.1" in shown[0]


def test_a_shared_text_quoting_a_seed_claim_is_refused_for_the_models_it_would_reach() -> None:
    readiness = (RULES / "30-readiness.yaml").read_text(encoding="utf-8")
    old = "        Expansion is left on the table while the team chases new business.\n"
    assert old in readiness
    quoted = old.replace("business.", "business; 52% of new SaaS revenue comes from expansion.")
    documents = [
        (name, readiness.replace(old, quoted).encode() if "30-readiness" in name else content)
        for name, content in SHIPPED
    ]
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    # The `rationale:` line, above the English's `en: >-`.
    line = readiness[: readiness.index(old)].count("\n") - 1
    expected = (
        f"rules/30-readiness.yaml:{line}: business_models › rules[33].rationale: quotes the seed "
        "claim 'expansion_share' (\"52% of new SaaS revenue\"), which is about "
        "saas_subscription; services_retainer, project_consultancy, reseller would show it: "
        "give that model its own text in rules/15-business-models.yaml, or leave the figure out"
    )
    assert [str(problem) for problem in caught.value.problems] == [expected]


@pytest.mark.parametrize("name", [AGENCY, CONSULTANCY])
def test_subscription_retention_by_contract_value_is_not_a_target_of_another_model(
    name: str, pack: RulePack
) -> None:
    # SaaS Capital's medians by contract value are of subscription companies: an agency's €60k
    # retainers once got the "$50k–100k" SaaS NRR target (105%) and a sentence saying so.
    profile = example(name)
    assessment = evaluate(profile, pack, as_of=DATE)
    assert assessment.economics.contract_value_band is not None  # the band itself is known
    assert present.targets_band_line(assessment, pack) == ""
    band = assessment.economics.contract_value_band
    targets = metric_targets_for(pack, str(profile.business_model), band)
    assert targets["nrr"].healthy == pack.metric_targets["nrr"].healthy  # the one figure
    saas_targets = metric_targets_for(pack, "saas_subscription", band)
    assert saas_targets["nrr"].healthy == pack.metric_targets["nrr"].for_band(band).healthy
    assert saas_targets["nrr"].healthy != pack.metric_targets["nrr"].healthy
    assert "targets are those of contracts" not in brief_markdown(profile, pack)
    saas = replace(profile, business_model="saas_subscription")
    assert present.targets_band_line(evaluate(saas, pack, as_of=DATE), pack) != ""
