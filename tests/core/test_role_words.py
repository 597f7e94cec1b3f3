"""The verdict names the role as the business model titles it: a Client Partner for a project
consultancy, a Senior Account Director for an agency, an Inside Account Manager for a reseller,
an Account Manager for a subscription, from the pack's `role_title` alone, in the assessment's
text, the brief and the decision memo."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from advisor.brief import prepare_brief
from advisor.engine import evaluate
from advisor.export.assessment import render_text
from advisor.export.kit import render_markdown as render_kit
from advisor.export.markdown import render_markdown
from advisor.kit import prepare_kit
from advisor.kit.memo import build_memo
from advisor.pack import RulePack, RulePackError
from advisor.pack.load import pack_from_documents
from advisor.profile import load_profile

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
DATE = dt.date(2026, 12, 7)
TITLES = {
    "halden-partners-consultancy": "Client Partner",
    "kern-studio-retainers": "Senior Account Director",
    "volta-supply-reseller": "Inside Account Manager",
}
# "Account Manager" on its own, not inside the reseller's "Inside Account Manager".
BARE_AM = re.compile(r"(?<!Inside )Account Manager")


def headline_lines(markdown: str, headline: str) -> list[str]:
    """The lines a reader takes the verdict from: headings, the cover's verdict, readiness and
    role, the verdict's callout, and the line with the headline."""
    return [
        line
        for line in markdown.splitlines()
        if line.startswith("#")
        or "**Verdict:**" in line
        or (line.startswith(("| Verdict |", "| Readiness |", "| Role |")) and line.count("|") == 3)
        or (headline and headline in line)
    ]


def documents(name: str, pack: RulePack) -> tuple[str, str, str, str]:
    """The assessment's text, the brief and the memo in Markdown, and the headline."""
    profile = load_profile(ROOT / "examples" / f"{name}.yaml")
    assessment = evaluate(profile, pack, as_of=DATE)
    brief = render_markdown(prepare_brief(profile, pack, prepared_on=DATE))
    memo = render_kit(build_memo(prepare_kit(profile, pack, prepared_on=DATE)))
    return render_text(assessment), brief, memo, assessment.headline


@pytest.mark.parametrize("name", sorted(TITLES))
def test_a_non_saas_verdict_names_the_model_s_role_never_an_account_manager(
    name: str, pack: RulePack
) -> None:
    title = TITLES[name]
    profile = load_profile(ROOT / "examples" / f"{name}.yaml")
    assert pack.role_title(profile.business_model.value) == title
    text, brief, memo, headline = documents(name, pack)
    assert title in headline and not BARE_AM.search(headline)
    assert title in "\n".join(text.splitlines()[:3])
    for document in (text.splitlines()[:3], *(headline_lines(d, headline) for d in (brief, memo))):
        found = [line for line in document if BARE_AM.search(line)]
        assert found == [], (name, found)
    assert brief.startswith(f"# {title} hiring brief: {profile.company}")
    assert f"| Role | {title}" in memo


def test_the_verdict_label_a_hire_gets_names_the_model_s_role(pack: RulePack) -> None:
    labels = {model: pack.verdict_labels_for(model)["hire_now"] for model in TITLES.values()}
    assert pack.verdict_labels_for("project_consultancy")["hire_now"] == "Hire a Client Partner now"
    assert pack.verdict_labels_for("services_retainer")["hire_now"] == (
        "Hire a Senior Account Director now"
    )
    assert pack.verdict_labels_for("reseller")["hire_now"] == "Hire an Inside Account Manager now"
    assert labels  # every title above is a model's
    assert pack.verdict_labels_for("saas_subscription") == pack.verdict_labels
    assert pack.verdict_labels["hire_now"] == "Hire an Account Manager now"


def test_a_saas_verdict_still_names_an_account_manager(pack: RulePack) -> None:
    text, brief, memo, headline = documents("northwind-hire-now", pack)
    assert text.splitlines()[0] == (
        "Northwind Analytics — [HIRE NOW] Hire an Account Manager now (readiness 95/100)"
    )
    assert headline.startswith("Northwind Analytics should hire an Account Manager now: at 22")
    assert "the book needs an Account Manager;" in headline
    assert brief.startswith("# Account Manager hiring brief: Northwind Analytics")
    assert "> **Verdict:** Hire an Account Manager now" in memo


def test_a_verdict_label_with_a_placeholder_it_cannot_fill_is_refused() -> None:
    shipped = [(f"rules/{p.name}", p.read_bytes()) for p in sorted(RULES.glob("*.yaml"))]
    changed = [
        (
            name,
            content.replace(
                b"hire_now:\n      en: Hire {a_role} now\n      es: Contratar a {a_role} ya",
                b"hire_now:\n      en: Hire {company} now\n      es: Contratar a {company} ya",
            )
            if name.endswith("00-pack.yaml")
            else content,
        )
        for name, content in shipped
    ]
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(changed)
    shown = [str(problem) for problem in caught.value.problems]
    assert len(shown) == 1
    rows = (RULES / "00-pack.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(rows, 1) if row == "    hire_now:")  # the label's key
    assert shown[0].startswith(f"rules/00-pack.yaml:{line}: texts › verdict_labels.hire_now: ")
    assert "unknown placeholder {company}" in shown[0]


def test_a_comparison_and_a_workshop_name_a_consultancy_s_client_partner(pack: RulePack) -> None:
    """The comparison's verdict labels and a workshop respondent's verdict label read the
    business model's role, as the assessment's own label does (they read the pack's SaaS labels
    before)."""
    from advisor.compare.build import compare_scenarios
    from advisor.compare.model import Scenario, verdict_label
    from advisor.workshop.results import _Judge

    halden = load_profile(ROOT / "examples" / "halden-partners-consultancy.yaml")
    scenarios = [Scenario("today", halden, pack), Scenario("again", halden, pack)]
    comparison = compare_scenarios(scenarios, as_of=DATE)
    assert verdict_label(comparison.scenarios[0], "hire_now") == "Hire a Client Partner now"
    assert _Judge(pack, halden).labels["hire_now"] == "Hire a Client Partner now"
