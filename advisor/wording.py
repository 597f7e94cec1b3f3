"""Every phrase a founder reads is built here: values with units, labels, verdict and effect
words, segment labels, and the one template filler."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

from advisor.fields import DERIVED_FIELDS, FIELDS
from advisor.i18n import formats

SEGMENT_LABELS = {"smb": "SMB", "mid_market": "mid-market", "enterprise": "enterprise"}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # `{name}` in a pack text, filled per company


def label(field: str) -> str:
    """A field's human label, lower-cased for use inside a sentence."""
    if field in FIELDS:
        return FIELDS[field].label
    if field in DERIVED_FIELDS:
        return DERIVED_FIELDS[field].label
    return field.replace("_", " ")


def in_sentence(text: str) -> str:
    """Lower-case a label's first letter for use mid-sentence, sparing acronyms (AM, NPS)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def money(amount: float, currency: str = "EUR") -> str:
    """A whole amount in the current language's style: '€720,000', '720.000 €'."""
    return formats.money(amount, currency)


def short_money(amount: float, currency: str = "EUR") -> str:
    """€410k, €4.1M, €950 (410 mil €, 4,1 M€): for sentences; tables use the full amount."""
    return formats.short_money(amount, currency)


def percent(rate: float, digits: int = 1) -> str:
    """A share to at most `digits` decimals: '12.5%', '140%', '12,5 %'."""
    return formats.percent(rate, digits)


def value(field: str, raw: Any, currency: str = "EUR") -> str:
    """Format one value of a profile or derived field with its unit."""
    if raw is None:
        return "not provided"
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, (list, tuple, frozenset, set)):
        return ", ".join(sorted(value(field, item, currency) for item in raw))
    kind = FIELDS[field].kind if field in FIELDS else "derived"
    if kind in ("rate", "net_rate"):
        return percent(float(raw))
    if kind == "money" or (kind == "derived" and DERIVED_FIELDS[field].unit == "per year"):
        return money(float(raw), currency)
    if kind == "count":
        return f"{int(raw):,}"
    if kind == "derived" and DERIVED_FIELDS[field].unit == "×":
        return f"{float(raw):.2f}×"
    if kind == "derived" and DERIVED_FIELDS[field].unit == "books":
        return f"{float(raw):.2f} books"
    if kind == "derived" and DERIVED_FIELDS[field].unit == "months":
        return "never" if math.isinf(float(raw)) else months(float(raw))
    if isinstance(raw, float):
        return f"{raw:g}"
    if isinstance(raw, str) and kind == "choice" and raw in CHOICE_LABELS:
        return CHOICE_LABELS[raw]
    if isinstance(raw, str):
        return raw.replace("_", " ")
    return str(raw)


def unit_suffix(field: str, count: Any) -> str:
    """A count field's unit agreeing with the count: " AM" after 1, " AMs" otherwise."""
    if field not in FIELDS or FIELDS[field].kind != "count" or not FIELDS[field].unit:
        return ""
    info = FIELDS[field]
    one = count == 1 and not isinstance(count, bool)
    return f" {info.unit_one if one and info.unit_one else info.unit}"


def with_unit(field: str, raw: Any, currency: str = "EUR") -> str:
    """A value and, for a count, its unit in the right number: "1 AM", "3 accounts"."""
    if raw is None:
        return value(field, raw, currency)
    return value(field, raw, currency) + unit_suffix(field, raw)


def words(code: str) -> str:
    """A code such as `fix_delivery_first` or `reason_to_wait` as plain words."""
    return code.replace("_", " ")


def segment_label(segment: str) -> str:
    """`mid_market` as a reader writes it: mid-market."""
    return SEGMENT_LABELS.get(segment, words(segment))


def effect_words(score: float, cap: str | None, verdict: str | None) -> str:
    """A rule's effect: '+25 points', '-10 points, at best not yet', 'fix delivery first'."""
    parts = []
    if score:
        parts.append(f"{score:+.0f} points")
    if cap:
        parts.append(f"at best {words(cap)}")
    if verdict:
        parts.append(words(verdict))
    return ", ".join(parts) or "none"


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """Replace each `{name}` with its value; an unknown name is left as written."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), template)


def count_of(count: int, noun: str) -> str:
    """'an AM', 'a tier', '3 AMs': a count and its noun in a sentence."""
    if count == 1:
        return f"{'an' if noun[0] in 'AEIOU' else 'a'} {noun}"
    return f"{count} {noun}s"


def role_words(title: str) -> dict[str, str]:
    """The placeholders that name the role: {role} ("Client Partner") and {a_role} ("a Client
    Partner")."""
    return {"role": title, "a_role": count_of(1, title)}


def plural(count: float, noun: str, many: str = "") -> str:
    """'1 account', '3 accounts', '1 active account has': a count with its noun agreeing.

    `many` is the plural when it is not the noun plus "s" ("1 row has" → "2 rows have").
    """
    if count == 1:
        return f"1 {noun}"
    number = f"{count:,}" if isinstance(count, int) else f"{count:g}"
    return f"{number} {many or noun + 's'}"


def money_or_undefined(amount: float | None, currency: str = "EUR") -> str:
    """An amount of money, or 'not defined' when the figure has no value."""
    return "not defined" if amount is None else money(amount, currency)


def cited(source: str) -> str:
    """A source given after a sentence, as a sentence of its own: `Source: “Title” (…).`

    A citation already carries its publisher in parentheses, so it is not put in parentheses
    again; two or more titles read "Sources:".
    """
    source = source.strip()
    if not source:
        return ""
    lead = "Sources" if source.count("“") > 1 else "Source"
    return f"{lead}: {source}" + ("" if source[-1] in ".!?" else ".")


def joined(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' ('a, b y c')."""
    return formats.joined(items)


def readiness(score: float, held_back_by: list[str], short_of: tuple[float, str] | None) -> str:
    """The score with what holds the verdict back, so a high score never reads as a contradiction."""
    text = f"readiness {score:.0f}/100"
    if held_back_by:
        return f"{text}, held back by {joined([in_sentence(t) for t in held_back_by])}"
    if short_of is not None:
        return f"{text}, {short_of[0] - score:.0f} short of '{short_of[1]}' at {short_of[0]:.0f}"
    return text


LONGEST_MONTHS = 120  # past ten years a duration is not worth counting in months


def months(value: float) -> str:
    """A duration in whole months, the one rounding every page uses: "14 months"."""
    whole = round(value)
    if whole < 1:
        return "less than a month"
    if whole > LONGEST_MONTHS:
        return "more than ten years"
    return plural(whole, "month")


def payback(value: float | None) -> str:
    """What a payback says, as a verb phrase: "pays back in 14 months"."""
    if value is None or math.isinf(value):
        return "never pays back: the expected gain stays below the salary"
    if value <= 0:
        return "needs no new hire"
    return f"pays back in {months(value)}"


GATED = "fix_delivery_first"  # the verdict a gate gives: it is not scored


def saved_score(verdict: str, score: float | None, suffix: str = "/100") -> str:
    """A stored score as a table shows it: "95/100", "not scored" for a gate's verdict, "" when
    nothing is saved (the one rule the app's tables and the command line's follow)."""
    if score is None:
        return ""
    if verdict == GATED:
        return "not scored"
    return f"{score:.0f}{suffix}"


def gated_readiness(gates: list[str]) -> str:
    """A gated verdict's readiness: not a score, which would read as a "go"."""
    what = joined([in_sentence(t) for t in gates]) or "a gate"
    return f"not scored: {what} comes first"


JUDGED_BY = {
    "key_accounts": (
        "judged by the revenue at stake and the founder's load: a few very large accounts that "
        "only the founder knows, not by the account count"
    ),
    "accounts": "judged by the account count, the margin and the warning signs",
    "books": (
        "judged by the book's accounts and fees against what one person carries, the margin "
        "and the warning signs"
    ),
}


def team_coverage(current: int, covered: int, needed: int, next_at: int) -> str:
    """How many accounts today's AM team covers and when the next AM is due."""
    if current == 0:
        team = "No Account Manager today"
    else:
        team = f"{count_of(current, 'Account Manager')} today, covering {covered:,} accounts"
        team = team[0].upper() + team[1:]
    hires = needed - current
    if hires > 0:
        return f"{team}; the book needs {count_of(needed, 'Account Manager')} ({hires} to hire); the next one after that is due at {next_at:,} accounts"
    return f"{team}; the book needs {needed}, so the next Account Manager is due at {next_at:,} accounts"


def month_label(day: dt.date) -> str:
    """'Jan 2027' ('ene 2027'): a month on a chart's axis or in a table."""
    return formats.month_label(day)


def long_date(day: dt.date) -> str:
    """'3 March 2027' ('3 de marzo de 2027'): a date in a sentence."""
    return formats.long_date(day)


def local_minute(stamp: str | None, zone: dt.tzinfo | None = None) -> str:
    """A stored UTC time (ISO 8601) in `zone` to the minute: '2027-03-03 14:05'.

    `zone` None is this computer's own time zone; empty for no time, the text as it is for one
    that does not read as a time.
    """
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def hours(amount: float) -> str:
    """'12 h', '7.5 h', '1,240 h' ('7,5 h'): hours of work, to a tenth where it matters."""
    return formats.hours(amount)


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def ordinal(number: int) -> str:
    """'second', 'third', … ; '12th' past the ninth."""
    if 1 <= number <= len(ORDINALS):
        return ORDINALS[number - 1]
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# What each choice of the profile means, shown where the choice is made. Delivery below
# 'standardised' forces "fix delivery first" whatever else the profile says.
CHOICE_MEANINGS: dict[str, dict[str, str]] = {
    "segment": {
        "smb": "small-business clients: contracts up to about 15k a year, one buyer, mostly "
        "self-served; one AM can hold the largest book",
        "mid_market": "contracts of about 15k–100k a year with a few stakeholders per client",
        "enterprise": "contracts above about 100k a year, many stakeholders and procurement; "
        "one AM holds the smallest, deepest book",
    },
    "business_model": {
        "saas_subscription": "clients pay a recurring subscription (ARR); a book is sized by its "
        "accounts",
        "services_retainer": "an agency or managed service: a handful of large retainers, so a "
        "book is sized by its annual fees as well as its accounts",
        "project_consultancy": "multi-year frameworks and engagements delivered by the partners "
        "who sell them; the role leads engagements",
        "reseller": "hardware, licences or distribution: revenue that is reordered, not "
        "renewed, on a thin margin, so a book and its pay are measured in gross profit",
    },
    "delivery_maturity": {
        "ad_hoc": "each client is served differently, by whoever is free, with nothing written "
        "down (forces 'fix delivery first')",
        "emerging": "some steps are written down, but quality still depends on who does the "
        "work (forces 'fix delivery first')",
        "standardised": "one documented way to onboard and deliver that everyone follows: a "
        "client gets the same service whoever serves them",
        "optimised": "standardised, and measured: service levels are tracked and improved",
    },
    "ae_renewal_commission": {
        "keeps": "the account executives keep their commission on the renewals they hand over",
        "shared": "their commission on those renewals is shared with the AM for a transition "
        "period",
        "ends": "their commission on those renewals ends at the handover; the AM is paid on them",
    },
}


def choice_meaning(field: str, choice: str) -> str:
    """What one choice of a field means, or "" when the field's choices need no definition."""
    return CHOICE_MEANINGS.get(field, {}).get(choice, "")


# Choices whose words alone would read wrong.
CHOICE_LABELS = {
    "madrid_barcelona": "Madrid or Barcelona",
    "rest_of_spain": "Rest of Spain",
    "london": "London",
    "rest_of_uk": "Rest of the UK",
    "ceo": "CEO",
    "head_of_cs": "Head of customer success",
    "on_site": "On site",
}


def choice_label(option: str) -> str:
    """One choice as a reader sees it where it is picked: `shared_in_crm` → "Shared in CRM"."""
    if str(option) in CHOICE_LABELS:
        return CHOICE_LABELS[str(option)]
    text = words(str(option))
    return (text[:1].upper() + text[1:]).replace("crm", "CRM")


def field_help(field: str) -> str:
    """A profile field's help as Markdown: why it matters, then what each choice means.

    The Assess form and the workshop questionnaire both show this text, so the two always ask
    the same question the same way.
    """
    meanings = CHOICE_MEANINGS.get(field, {})
    definitions = "".join(f"\n- **{choice_label(c)}**: {m}" for c, m in meanings.items())
    return FIELDS[field].help + ("\n" + definitions if definitions else "")


# ---------------------------------------------------------------------------------------------
# Comparing scenarios: what one scenario's value of an input says, as the end of "B's …".

# Per field: the phrase after "NAME's", with `{value}` the value as shown. Yes/no fields have
# one phrase per answer; a field not listed reads "LABEL is VALUE".
DIFFERENCE_PHRASES: dict[str, str] = {
    "company": "company name is {value}",
    "segment": "clients are {value}",
    "business_model": "business model is {value}",
    "currency": "figures are in {value}",
    "active_accounts": "book holds {value}",
    "current_account_managers": "team has {value} today",
    "accounts_added_per_quarter": "book grows by {value}",
    "avg_contract_value": "average contract is worth {value} a year",
    "gross_margin": "gross margin is {value}",
    "am_fully_loaded_cost": "Account Manager costs {value} a year",
    "logo_churn_rate": "logo churn is {value}",
    "churn_trend": "churn is {value}",
    "nrr": "net revenue retention is {value}",
    "grr": "gross revenue retention is {value}",
    "logo_retention": "logo retention is {value}",
    "contraction_rate": "contraction is {value} a year",
    "nps": "portfolio NPS is {value}",
    "delivery_maturity": "delivery is {value}",
    "knowledge_holder": "client knowledge {value}",
    "renewal_owner": "renewals are run by {value}",
    "renewal_lead_days": "renewal work starts {value} out",
    "notes": "notes read differently",
    "rule_pack": "rule pack is {value}",
    "role_edits": "role is edited ({value})",
    "top_accounts_share": "three largest accounts hold {value} of revenue",
}
YES_NO_PHRASES: dict[str, tuple[str, str]] = {  # (when yes, when no)
    "churn_cause_known": (
        "churn is explained by a product or service problem",
        "churn has no known product or service cause",
    ),
    "clients_escalate_to_leadership": (
        "clients escalate to the founder or C-level",
        "clients do not escalate to the founder or C-level",
    ),
    "onboarding_consistent": ("onboarding is consistent", "onboarding is inconsistent"),
    "unworked_upsell": ("obvious upsell goes unworked", "upsell is being worked"),
}
CHOICE_PHRASES: dict[str, dict[str, str]] = {
    "knowledge_holder": {
        "founder": "sits with the founder",
        "few_people": "sits with a few people",
        "shared_in_crm": "is shared in the CRM",
    },
    "renewal_owner": {
        "founder": "the founder",
        "sales": "sales",
        "account_executive": "the account executive",
        "account_manager": "an Account Manager",
        "customer_success": "customer success",
        "nobody": "nobody",
    },
}


def possessive(name: str) -> str:
    """'B’s', 'today’s': a scenario's name as the owner of what follows."""
    return f"{name}’s"


def shown_value(field: str, raw: Any, currency: str = "EUR") -> str:
    """One scenario's value of an input as a comparison table shows it."""
    if field == "segment" and isinstance(raw, str):
        return segment_label(raw)
    return with_unit(field, raw, currency)


def difference_phrase(scenario: str, field: str, raw: Any, shown: str) -> str:
    """'B’s renewal work starts 120 days out': what one scenario's value of an input says."""
    owner = possessive(scenario)
    if raw is None:
        return f"{owner} {in_sentence(label(field))} is not given"
    if field in YES_NO_PHRASES and isinstance(raw, bool):
        return f"{owner} {YES_NO_PHRASES[field][0 if raw else 1]}"
    if field == "renewal_lead_days" and isinstance(raw, int):
        shown = plural(raw, "day")
    elif field in CHOICE_PHRASES and isinstance(raw, str):
        shown = CHOICE_PHRASES[field].get(raw, shown)
    template = DIFFERENCE_PHRASES.get(field, in_sentence(label(field)) + " is {value}")
    return f"{owner} {template.replace('{value}', shown)}"


def verdicts_differ(phrases: list[str]) -> str:
    """The one line naming the inputs that each, alone, give the other verdict."""
    line = f"The verdicts differ because {joined(phrases)}"
    return line + (", each on its own." if len(phrases) > 1 else ".")


def _on_its_own(moves: list[tuple[str, str]]) -> str:
    return "; ".join(f"that {phrase} would on its own make it '{shown}'" for phrase, shown in moves)


def verdicts_differ_together(
    together: list[str], verdict_label: str, elsewhere: list[tuple[str, str]]
) -> str:
    """The line when no single input gives the other verdict: which inputs do, together.

    `elsewhere` holds (phrase, verdict label) for inputs that alone move the verdict, but to a
    third verdict.
    """
    if elsewhere:
        start = f"No single input gives '{verdict_label}' on its own ({_on_its_own(elsewhere)})"
    else:
        start = "No single input changes the verdict on its own"
    return f"{start}; together, {joined(together)} make it '{verdict_label}'."


def verdicts_agree(
    scenario: str, baseline: str, verdict_label: str, scores: tuple[float, float]
) -> str:
    """'B gets the same verdict as A (…), scoring 66 against 78.'"""
    theirs, ours = scores
    if round(theirs) == round(ours):
        score = f"with the same score, {ours:.0f}"
    else:
        score = f"scoring {theirs:.0f} against {ours:.0f}"
    return f"{scenario} gets the same verdict as {baseline}, '{verdict_label}', {score}"


def agree_despite(line: str, phrases: list[tuple[str, str]]) -> str:
    """The agreement line, with the inputs that alone would have moved the verdict."""
    if not phrases:
        return line + "."
    return f"{line}, although {_on_its_own(phrases)}: the other differences cancel it out."


def cannot_assess_alone(scenario: str, reason: str) -> str:
    """Why one scenario's value, set alone on the baseline, gives no verdict."""
    return f"{possessive(scenario)} value alone cannot be assessed: {reason}"


def same_inputs(scenario: str, baseline: str) -> str:
    return f"{scenario} has the same inputs as {baseline}: the same verdict and score."


def against_baseline(scenario: str, baseline: str, line: str) -> str:
    """With three or four scenarios each line says which pair it is about."""
    if line.startswith(("The ", "No ")):  # our own opening words, never a scenario's name
        line = line[0].lower() + line[1:]
    return f"{scenario} against {baseline}: {line}"


def alone_effects(entries: list[tuple[str, str | None, bool]], *, named: bool = True) -> str:
    """What each scenario's value does alone to the baseline's verdict.

    Each entry is (scenario, the verdict label it gives, whether it could be assessed); a
    label of None means the verdict stays. Without `named` (one other scenario) the sentence
    needs no names.
    """
    parts = []
    for scenario, verdict_label, assessed in entries:
        if not assessed:
            effect = "makes a profile that cannot be assessed"
        elif verdict_label is None:
            effect = "leaves the verdict as it is"
        else:
            effect = f"changes the verdict to '{verdict_label}'"
        parts.append(f"{possessive(scenario)} value {effect}" if named else effect)
    if not parts:
        return ""
    # The named form starts with a scenario's name, written as its user wrote it.
    return ("Alone: " if named else "Alone, this value ") + "; ".join(parts) + "."
