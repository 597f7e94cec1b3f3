"""The decision memo: the verdict and its three reasons, the first year's cost adding up, the
three effect cases, the plan's dates and this month's actions, each checked by hand.

Regenerate the golden memo after a deliberate change with `UPDATE_GOLDEN=1 pytest tests/kit`.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from kit_support import DATE, GOLDEN, kit_for, sample

from advisor import wording
from advisor.brief import Bullets, Callout, Paragraph, Section, Table, prepare_brief
from advisor.export.kit import render_markdown
from advisor.kit import DOCUMENTS, KitDocument, chosen_documents
from advisor.kit.memo import build_memo
from advisor.pack import RulePack
from advisor.profile import parse_profile, profile_to_dict


def _section(memo: KitDocument, key: str) -> Section:
    return next(section for section in memo.sections if section.key == key)


def _rows(memo: KitDocument, key: str) -> dict[str, tuple[str, ...]]:
    table = next(b for b in _section(memo, key).blocks if isinstance(b, Table))
    return {row[0]: row[1:] for row in table.rows}


def _bullets(memo: KitDocument, key: str) -> tuple[str, ...]:
    return next(b for b in _section(memo, key).blocks if isinstance(b, Bullets)).items


def _amount(text: str) -> float:
    return float(re.sub(r"[^0-9.]", "", text))


def test_the_memo_gives_the_verdict_and_the_three_reasons_as_the_brief_words_them(
    pack: RulePack,
) -> None:
    profile = sample("brightpath-prepare")
    memo = build_memo(kit_for(profile, pack))
    brief = prepare_brief(profile, pack, prepared_on=DATE)
    summary = next(section for section in brief.sections if section.key == "summary")
    brief_reasons = next(b for b in summary.blocks if isinstance(b, Bullets)).items
    verdict = _section(memo, "verdict").blocks[0]
    assert isinstance(verdict, Callout)
    assert verdict.text.startswith("Prepare to hire — readiness 35/100")
    assert _bullets(memo, "verdict") == brief_reasons
    assert len(brief_reasons) == 3


def test_the_first_year_cost_adds_up_on_the_benchmark(pack: RulePack) -> None:
    memo = build_memo(kit_for(sample("northwind-hire-now"), pack))
    rows = _rows(memo, "cost")
    # rules/20-benchmarks.yaml: EUR mid-market AM €85,000 fully loaded; recruiting a fifth of it.
    cost, recruiting = 85_000, 85_000 * 0.2
    assert rows["The hire, fully loaded"][0] == "€85,000"
    assert rows["Employer on-costs"][0] == "included above"
    assert rows["Recruiting, once"][0] == "€17,000"
    assert rows["Ramp-up"][0] == "3 months"  # 90 days
    assert rows["Tools"][0] == "none counted"
    assert rows["First year, in all"][0] == wording.money(cost + recruiting, "EUR") == "€102,000"


def test_the_first_year_cost_adds_up_on_the_country_s_pay_band(pack: RulePack) -> None:
    values = {
        **profile_to_dict(sample("northwind-hire-now")),
        "country": "ES",
        "city_band": "madrid_barcelona",
    }
    memo = build_memo(kit_for(parse_profile(values), pack))
    rows = _rows(memo, "cost")
    # rules/22-pay.yaml, Spain, Madrid or Barcelona: OTE €38,000–€55,000, on-costs 29.9%.
    ote = (38_000 + 55_000) / 2
    on_costs = 0.299 * ote
    recruiting = 0.2 * (ote + on_costs)
    pay_row = "Pay (on-target earnings, the band's midpoint)"
    assert rows[pay_row][0] == wording.money(ote, "EUR") == "€46,500"
    assert rows["Employer on-costs"][0] == wording.money(on_costs, "EUR") == "€13,904"
    assert rows["Recruiting, once"][0] == wording.money(recruiting, "EUR") == "€12,081"
    total = ote + on_costs + recruiting
    assert rows["First year, in all"][0] == wording.money(total, "EUR") == "€72,484"
    # The parts shown add up to the total shown, within the rounding of each.
    parts = (rows[pay_row][0], rows["Employer on-costs"][0], rows["Recruiting, once"][0])
    assert abs(sum(_amount(part) for part in parts) - _amount(rows["First year, in all"][0])) <= 1


def test_the_outcome_gives_the_low_expected_and_high_effect(pack: RulePack) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    memo = build_memo(kit)
    rows = _rows(memo, "outcome")
    assert list(rows) == ["Low", "Expected", "High"]
    econ, profile = kit.assessment.economics, kit.profile
    carried_share = econ.payback.accounts / profile.active_accounts
    cost = 85_000 * 1.2  # a year's cost and the recruiting
    ramp = 90 / (365.25 / 12)
    for name, churn, uplift in (
        ("Low", 0.15, 0.03),
        ("Expected", 0.30, 0.08),
        ("High", 0.45, 0.12),
    ):
        gain = (econ.arr_at_risk * churn + econ.total_arr * uplift) * carried_share
        gain *= profile.gross_margin
        months = cost / (gain * (12 - ramp) / 144)
        assert rows[name] == (
            wording.percent(churn, 0),
            wording.percent(uplift, 0),
            wording.money(gain, "EUR"),
            wording.months(months),
        ), name


def test_the_hiring_plan_is_dated_from_the_memo_s_day(pack: RulePack) -> None:
    memo = build_memo(kit_for(sample("northwind-hire-now"), pack))
    rows = _rows(memo, "plan")
    recruiting, ramp = dt.timedelta(days=90), dt.timedelta(days=90)
    assert rows["Open the search"] == (wording.long_date(DATE),)
    assert rows["The Account Manager starts"] == (wording.long_date(DATE + recruiting),)
    assert rows["The Account Manager carries the book from"] == (
        wording.long_date(DATE + recruiting + ramp),
    )
    assert rows["The Account Manager carries the book from"] == ("5 June 2027",)


def test_this_month_says_what_to_do_for_a_hire_now(pack: RulePack) -> None:
    memo = build_memo(kit_for(sample("northwind-hire-now"), pack))
    assert _bullets(memo, "month") == (
        "Open the search today (7 December 2026).",
        (
            "Budget €102,000 for the first year, and put the pay band and the written pay plan "
            "in the offer."
        ),
        (
            "Name who keeps each renewal due before 5 June 2027, when the Account Manager "
            "carries the book."
        ),
    )


def test_this_month_gives_the_advice_of_the_rules_holding_a_prepare_back(pack: RulePack) -> None:
    kit = kit_for(sample("brightpath-prepare"), pack)
    actions = _bullets(build_memo(kit), "month")
    holding = [r for r in kit.assessment.fired if r.cap is not None or r.verdict is not None]
    assert actions[0] == "Open the search on 5 July 2027."
    assert kit.role.interim is not None
    assert actions[1].startswith(kit.role.interim.title)
    assert actions[2:] == tuple(f"{r.advice}" for r in holding[:2] if r.advice)
    assert "Prepare the role definition, the handover and the CRM" in actions[2]


def test_the_memo_is_confidential_and_dated(pack: RulePack) -> None:
    memo = build_memo(kit_for(sample("northwind-hire-now"), pack))
    assert memo.byline == "For the founder · Prepared 7 December 2026 · Confidential"
    branded = KitDocument(**{**memo.__dict__, "prepared_by": "Acme Advisory"})
    assert branded.byline == (
        "For the founder · Prepared 7 December 2026 by Acme Advisory · Confidential"
    )


def test_a_bad_only_key_names_the_choices() -> None:
    with pytest.raises(ValueError, match=r"'jobs' is not a kit document; choose from memo, job"):
        chosen_documents("memo,jobs")
    assert chosen_documents(" MEMO ,memo") == (DOCUMENTS["memo"],)
    assert chosen_documents(None) == tuple(DOCUMENTS.values())


def test_the_northwind_memo_matches_the_golden_file(pack: RulePack) -> None:
    text = render_markdown(build_memo(kit_for(sample("northwind-hire-now"), pack)))
    golden = GOLDEN / "northwind-hire-now-memo.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8")


def test_a_team_that_carries_the_book_shows_no_return_of_a_hire(pack: RulePack) -> None:
    values = {**profile_to_dict(sample("northwind-hire-now")), "current_account_managers": 2}
    kit = kit_for(parse_profile(values), pack)
    assert kit.assessment.economics.payback.hires == 0
    memo = build_memo(kit)
    texts = [b.text for b in _section(memo, "outcome").blocks if isinstance(b, Paragraph)]
    assert not [b for b in _section(memo, "outcome").blocks if isinstance(b, Table)]
    # Two AMs of at most 40 accounts each: northwind's €36,000 contracts are in the €23k–46k
    # band, whose book is 25–40 accounts (rules/20-benchmarks.yaml, book_size.by_band).
    assert texts[0] == (
        f"2 AMs covering up to {2 * 40} accounts, enough for today's book: no hire is needed "
        "now, so none returns anything yet."
    )
    assert texts[1].startswith(f"A third Account Manager is due at {2 * 40 + 1} active accounts")
    # The next hire's first year is still counted in full, recruiting included.
    assert _rows(memo, "cost")["First year, in all"][0] == "€102,000"


def test_a_plan_that_opens_several_searches_costs_each_hire_in_the_memo(pack: RulePack) -> None:
    # The cost table is one hire's first year; a plan opening three searches today once read as
    # if the whole team cost that much.
    values = {**profile_to_dict(sample("northwind-hire-now")), "active_accounts": 90}
    kit = kit_for(parse_profile(values), pack)
    memo = build_memo(kit)
    texts = [b.text for b in _section(memo, "cost").blocks if isinstance(b, Paragraph)]
    # 90 accounts at most 40 a book (the €23k–46k band): three AMs, all searches open today;
    # each costs €85,000 a year and a fifth of that to recruit.
    expected = (
        "That is one hire's first year: the plan opens 3 searches today, "
        f"€{3 * (85_000 + 17_000):,} for their first year in all."
    )
    assert texts == [expected]
    single = build_memo(kit_for(sample("northwind-hire-now"), pack))
    assert not [b for b in _section(single, "cost").blocks if isinstance(b, Paragraph)]
