"""Hand-built workshop cases on the rule cases' neutral base (imported by the workshop tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from advisor.profile import CompanyProfile, parse_profile
from advisor.workshop import Respondent, respondent_from_mapping
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]
BASE_FILE = ROOT / "tests" / "rule_cases" / "base.yaml"


def base_case(**overrides: Any) -> CompanyProfile:
    """The neutral base with rising churn, on a book whose next hire pays back within the pack's
    hold (€72,000 contracts at 80% margin): 'prepare' at 40/100.

    From there, on the shipped pack: founder-held knowledge alone gives 50 (prepare), an
    inconsistent onboarding alone 45 (prepare), both together 55 (hire now); delivery below
    'standardised' forces fix delivery first; renewal work at 100 or 120 days changes nothing.
    """
    values = {
        **dict(read_document(BASE_FILE)),
        "churn_trend": "rising",
        "avg_contract_value": 72000,
        "gross_margin": "80%",
        **overrides,
    }
    return parse_profile(values)


def person(name: str, role: str = "other", **answers: Any) -> dict[str, Any]:
    return {"respondent": name, "role": role, **answers}


def respondents(base: CompanyProfile, *people: dict[str, Any]) -> list[Respondent]:
    return [respondent_from_mapping(data, base, f"{data['respondent']}.yaml") for data in people]


# Names and comments a respondent might type that must stay literal text in every output.
HOSTILE = (
    "<script>alert('x')</script>",
    '=HYPERLINK("http://evil.example/steal","Click me")',
    "[click](http://evil.example) ![i](http://evil.example/x.png)",
    "Nul\x00 vertical\x0btab bell\x07 esc\x1b[2J",
    "lone surrogate \ud800 here",
    "عربي עברית \u202eevil\u202c",
    "# heading\n- list\n1. ordered\n> quote",
    "www.evil.example user@evil.example https://evil.example",
    "$x^2$ `code` **bold** <b>tag</b> & &amp; | pipe",
    "Curly “quotes” ñ ü € — dash 🚀",
)


def decisive_team(ben_says: Any = "emerging") -> list[dict[str, Any]]:
    """Three respondents: delivery decisive alone (Ben's answer, with a comment if given as a
    dict), knowledge with onboarding decisive only together, renewal lead days a disagreement
    that changes nothing."""
    return [
        person(
            "Ana Ortiz",
            "founder",
            knowledge_holder="shared_in_crm",
            renewal_lead_days=100,
            onboarding_consistent=True,
            delivery_maturity="standardised",
        ),
        person(
            "Ben Okafor",
            "delivery",
            knowledge_holder="founder",
            renewal_lead_days=120,
            onboarding_consistent=False,
            delivery_maturity=ben_says,
        ),
        person(
            "Cleo Wu",
            "customer_success",
            knowledge_holder="shared_in_crm",
            renewal_lead_days=120,
            onboarding_consistent=True,
            delivery_maturity="standardised",
        ),
    ]
