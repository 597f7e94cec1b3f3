"""Every phrase a founder reads is built here: values with units, labels, verdict and effect
words, segment labels, and the one template filler."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

# Re-exported: callers read the choices' words from here.
from advisor.choice_words import (
    CHOICE_LABELS as CHOICE_LABELS,
)
from advisor.choice_words import (
    CHOICE_MEANINGS as CHOICE_MEANINGS,
)
from advisor.choice_words import (
    CHOICE_WORDS as CHOICE_WORDS,
)
from advisor.choice_words import (
    VALUE_LABELS as VALUE_LABELS,
)
from advisor.choice_words import (
    choice_label as choice_label,
)
from advisor.choice_words import (
    choice_meaning as choice_meaning,
)
from advisor.choice_words import (
    words as words,
)
from advisor.fields import DERIVED_FIELDS, FIELDS
from advisor.i18n import ENGLISH, N_, PSEUDO, _, current, formats, n_, p_

SEGMENT_LABELS = {"smb": N_("SMB"), "mid_market": N_("mid-market"), "enterprise": N_("enterprise")}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # `{name}` in a pack text, filled per company


def label(field: str) -> str:
    """A field's label in the current language ("Active client accounts")."""
    if field in FIELDS:
        return _(FIELDS[field].label)
    if field in DERIVED_FIELDS:
        return _(DERIVED_FIELDS[field].label)
    return field.replace("_", " ")


def unit_label(field: str) -> str:
    """A field's unit as a form shows it ("accounts", "per year"); "" when it has none."""
    info = FIELDS.get(field)
    unit = info.unit if info is not None else getattr(DERIVED_FIELDS.get(field), "unit", "")
    return _(unit) if unit and any(letter.isalpha() for letter in unit) else unit


def help_text(field: str) -> str:
    """A profile field's or derived figure's help alone, in the current language."""
    if field in FIELDS:
        return _(FIELDS[field].help)
    if field in DERIVED_FIELDS:
        return _(DERIVED_FIELDS[field].help)
    return ""


def group_label(group: str) -> str:
    """A group of the form ("Revenue & margin") in the current language."""
    return _(group)


def in_sentence(text: str) -> str:
    """Lower-case a label's first letter for use mid-sentence, sparing acronyms (AM, NPS).

    Right for languages that write labels in sentence case (English, Spanish); a sentence
    should still be one template, with only the label lower-cased.
    """
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def money(amount: float, currency: str = "EUR") -> str:
    """A whole amount in the current language's style: '€720,000', '720.000 €'.

    An amount no locale formats (infinite, NaN, or beyond 26 digits, past the precision of the
    locale's decimal arithmetic) is written as it always was: '€inf'.
    """
    if not math.isfinite(amount) or abs(amount) >= 1e26:
        symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency)
        return f"{symbol}{amount:,.0f}" if symbol else f"{amount:,.0f} {currency}"
    return formats.money(amount, currency)


def short_money(amount: float, currency: str = "EUR") -> str:
    """€410k, €4.1M, €950 (410 mil €, 4,1 M€): for sentences; tables use the full amount."""
    return formats.short_money(amount, currency)


def percent(rate: float, digits: int = 1) -> str:
    """A share to at most `digits` decimals: '12.5%', '140%', '12,5 %'.

    A share no locale formats (infinite, NaN, or beyond the precision of the locale's decimal
    arithmetic) is written as it always was.
    """
    if not math.isfinite(rate) or abs(rate) >= 1e24:
        text = f"{rate * 100:.{digits}f}"
        return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"
    return formats.percent(rate, digits)


def fixed_number(number: float, digits: int) -> str:
    """A number to exactly `digits` decimals in the current language: '1.50', '1,50'."""
    text = f"{number:.{digits}f}"
    return text if current() in (ENGLISH, PSEUDO) else text.replace(".", ",")


def plain_number(number: float) -> str:
    """A number as short as it reads exactly: '0.5', '12' ('0,5' in Spanish)."""
    text = f"{number:g}"
    return text if current() in (ENGLISH, PSEUDO) else text.replace(".", ",")


def value(field: str, raw: Any, currency: str = "EUR") -> str:
    """Format one value of a profile or derived field with its unit."""
    if raw is None:
        return _("not provided")
    if isinstance(raw, bool):
        return p_("answer", "yes") if raw else p_("answer", "no")
    if isinstance(raw, (list, tuple, frozenset, set)):
        return ", ".join(sorted(value(field, item, currency) for item in raw))
    kind = FIELDS[field].kind if field in FIELDS else "derived"
    if kind in ("rate", "net_rate"):
        return percent(float(raw))
    if kind == "money" or (kind == "derived" and DERIVED_FIELDS[field].unit == "per year"):
        return money(float(raw), currency)
    if kind == "count":
        return formats.number(int(raw))
    if kind == "derived" and DERIVED_FIELDS[field].unit == "×":
        return fixed_number(float(raw), 2) + "×"
    if kind == "derived" and DERIVED_FIELDS[field].unit == "books":
        # Translators: books of work, a derived figure: "1.25 books" (one AM's book each)
        return _("{value} books", value=fixed_number(float(raw), 2))
    if kind == "derived" and DERIVED_FIELDS[field].unit == "months":
        return _("never") if math.isinf(float(raw)) else months(float(raw))
    if isinstance(raw, float):
        return plain_number(raw)
    if isinstance(raw, str) and kind == "choice" and raw in VALUE_LABELS:
        return _(CHOICE_LABELS[raw])
    if isinstance(raw, str) and kind == "choice" and raw in CHOICE_WORDS:
        return _(CHOICE_WORDS[raw])
    if isinstance(raw, str):
        return raw.replace("_", " ")
    return str(raw)


def unit_suffix(field: str, count: Any) -> str:
    """A count field's unit agreeing with the count: " AM" after 1, " AMs" otherwise.

    English only: a language whose units agree differently needs `with_unit`, which writes the
    count and its unit as one phrase.
    """
    if field not in FIELDS or FIELDS[field].kind != "count" or not FIELDS[field].unit:
        return ""
    info = FIELDS[field]
    one = count == 1 and not isinstance(count, bool)
    return f" {info.unit_one if one and info.unit_one else info.unit}"


def _count_phrase(field: str, count: int) -> str:
    """A count field's value with its unit, agreeing in the current language."""
    shown = formats.number(count)
    if field == "current_account_managers":
        return n_("{number} AM", "{number} AMs", count, number=shown)
    if field == "accounts_added_per_quarter":
        return n_("{number} account/quarter", "{number} accounts/quarter", count, number=shown)
    if field == "renewal_lead_days":
        return n_("{number} day before expiry", "{number} days before expiry", count, number=shown)
    if field == "renewal_hours_per_month":
        return n_("{number} hour a month", "{number} hours a month", count, number=shown)
    return n_("{number} account", "{number} accounts", count, number=shown)


def with_unit(field: str, raw: Any, currency: str = "EUR") -> str:
    """A value and, for a count, its unit in the right number: "1 AM", "3 accounts"."""
    if raw is None:
        return value(field, raw, currency)
    if unit_suffix(field, raw) and not isinstance(raw, bool):
        return _count_phrase(field, int(raw))
    return value(field, raw, currency)


def segment_label(segment: str) -> str:
    """`mid_market` as a reader writes it: mid-market."""
    if segment in SEGMENT_LABELS:
        return _(SEGMENT_LABELS[segment])
    return words(segment)


def verdict_words(code: str) -> str:
    """A verdict inside a sentence: 'hire now', 'fix delivery first' (its code otherwise)."""
    if code == "hire_now":
        return p_("verdict in a sentence", "hire now")
    if code == "prepare":
        return p_("verdict in a sentence", "prepare")
    if code == "not_yet":
        return p_("verdict in a sentence", "not yet")
    if code == "fix_delivery_first":
        return p_("verdict in a sentence", "fix delivery first")
    return words(code)


def effect_words(score: float, cap: str | None, verdict: str | None) -> str:
    """A rule's effect: '+25 points', '-10 points, at best not yet', 'fix delivery first'."""
    parts = []
    if score:
        points = abs(round(score))
        parts.append(n_("{score} point", "{score} points", points, score=format(score, "+.0f")))
    if cap:
        parts.append(_("at best {verdict}", verdict=verdict_words(cap)))
    if verdict:
        parts.append(verdict_words(verdict))
    return ", ".join(parts) or _("none")


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """Replace each `{name}` with its value; an unknown name is left as written."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), template)


def count_of(count: int, noun: str) -> str:
    """'an AM', 'a tier', '3 AMs': a count and its noun in a sentence.

    English only (an English article and plural glued to a noun): translated text writes the
    whole phrase with `n_`.
    """
    if count == 1:
        return f"{'an' if noun[0] in 'AEIOU' else 'a'} {noun}"
    return f"{count} {noun}s"


def role_words(title: str) -> dict[str, str]:
    """The placeholders that name the role: {role} ("Client Partner") and {a_role} ("a Client
    Partner"). Role titles stay in English in every language; Spanish writes "un {role}"."""
    # Translators: a role title (kept in English) with its indefinite article: "an Account
    # Manager", "a Client Partner"; Spanish writes "un {role}" for both
    vowel = title[:1] in "AEIOU"
    return {
        "role": title,
        "a_role": _("an {role}", role=title) if vowel else _("a {role}", role=title),
    }


def metric_status(status: str) -> str:
    """A metric's status against its target (healthy, watch or alarm) in the current language."""
    words = {
        "healthy": p_("metric status", "healthy"),
        "watch": p_("metric status", "watch"),
        "alarm": p_("metric status", "alarm"),
    }
    return words.get(status, status)


def plural(count: float, noun: str, many: str = "") -> str:
    """'1 account', '3 accounts', '1 active account has': a count with its noun agreeing.

    `many` is the plural when it is not the noun plus "s" ("1 row has" → "2 rows have").
    English only: translated text writes the whole phrase with `n_`.
    """
    if count == 1:
        return f"1 {noun}"
    number = f"{count:,}" if isinstance(count, int) else f"{count:g}"
    return f"{number} {many or noun + 's'}"


def money_or_undefined(amount: float | None, currency: str = "EUR") -> str:
    """An amount of money, or 'not defined' when the figure has no value."""
    return _("not defined") if amount is None else money(amount, currency)


def cited(source: str) -> str:
    """A source given after a sentence, as a sentence of its own: `Source: “Title” (…).`

    A citation already carries its publisher in parentheses, so it is not put in parentheses
    again; two or more titles read "Sources:".
    """
    source = source.strip()
    if not source:
        return ""
    many, ended = source.count("“") > 1, source[-1] in ".!?"
    if many:
        return (
            _("Sources: {sources}", sources=source)
            if ended
            else _("Sources: {sources}.", sources=source)
        )
    return _("Source: {source}", source=source) if ended else _("Source: {source}.", source=source)


def joined(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' ('a, b y c')."""
    return formats.joined(items)


def readiness(score: float, held_back_by: list[str], short_of: tuple[float, str] | None) -> str:
    """The score with what holds the verdict back, so a high score never reads as a contradiction."""
    shown = f"{score:.0f}"
    if held_back_by:
        reasons = joined([in_sentence(t) for t in held_back_by])
        # Translators: {reasons} lists the rules that keep the verdict where it is
        return _("readiness {score}/100, held back by {reasons}", score=shown, reasons=reasons)
    if short_of is not None:
        # Translators: "readiness 62/100, 8 short of 'Hire now' at 70"
        return _(
            "readiness {score}/100, {gap} short of '{verdict}' at {threshold}",
            score=shown,
            gap=format(short_of[0] - score, ".0f"),
            verdict=short_of[1],
            threshold=format(short_of[0], ".0f"),
        )
    return _("readiness {score}/100", score=shown)


LONGEST_MONTHS = 120  # past ten years a duration is not worth counting in months


def months(value: float) -> str:
    """A duration in whole months, the one rounding every page uses: "14 months"."""
    whole = round(value)
    if whole < 1:
        return _("less than a month")
    if whole > LONGEST_MONTHS:
        return _("more than ten years")
    return n_("{count} month", "{count} months", whole)


def payback(value: float | None) -> str:
    """What a payback says, as a verb phrase: "pays back in 14 months"."""
    if value is None or math.isinf(value):
        return _("never pays back: the expected gain stays below the salary")
    if value <= 0:
        return _("needs no new hire")
    return _("pays back in {months}", months=months(value))


GATED = "fix_delivery_first"  # the verdict a gate gives: it is not scored


def saved_score(verdict: str, score: float | None, suffix: str = "/100") -> str:
    """A stored score as a table shows it: "95/100", "not scored" for a gate's verdict, "" when
    nothing is saved (the one rule the app's tables and the command line's follow)."""
    if score is None:
        return ""
    if verdict == GATED:
        return _("not scored")
    return f"{score:.0f}{suffix}"


def gated_readiness(gates: list[str]) -> str:
    """A gated verdict's readiness: not a score, which would read as a "go"."""
    if gates:
        what = joined([in_sentence(t) for t in gates])
        # Translators: {gates} names the gate rules, "not scored: delivery maturity comes first"
        return _("not scored: {gates} comes first", gates=what)
    return _("not scored: a gate comes first")


JUDGED_BY = {
    "key_accounts": N_(
        "judged by the revenue at stake and the founder's load: a few very large accounts that "
        "only the founder knows, not by the account count"
    ),
    "accounts": N_("judged by the account count, the margin and the warning signs"),
    "books": N_(
        "judged by the book's accounts and fees against what one person carries, the margin "
        "and the warning signs"
    ),
}


def judged_by(basis: str) -> str:
    """How the verdict is judged for this kind of book, in the current language."""
    return _(JUDGED_BY[basis])


def team_coverage(current: int, covered: int, needed: int, next_at: int) -> str:
    """How many accounts today's AM team covers and when the next AM is due."""
    shown_covered, shown_next = formats.number(covered), formats.number(next_at)
    if current == 0:
        team = _("No Account Manager today")
    else:
        # Translators: the team today: "An Account Manager today, covering 40 accounts"
        team = n_(
            "An Account Manager today, covering {covered} accounts",
            "{count} Account Managers today, covering {covered} accounts",
            current,
            covered=shown_covered,
        )
    hires = needed - current
    if hires > 0:
        # Translators: {team} is the sentence on the team today; {needed} "an Account Manager"
        return n_(
            "{team}; the book needs {needed} ({count} to hire); the next one after that is due "
            "at {next_at} accounts",
            "{team}; the book needs {needed} ({count} to hire); the next one after that is due "
            "at {next_at} accounts",
            hires,
            team=team,
            needed=n_("an Account Manager", "{count} Account Managers", needed),
            next_at=shown_next,
        )
    return _(
        "{team}; the book needs {needed}, so the next Account Manager is due at {next_at} accounts",
        team=team,
        needed=needed,
        next_at=shown_next,
    )


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
    local = moment.astimezone(zone)
    # strftime("%Y-%m-%d %H:%M") written out: a table of a thousand times calls this per row.
    return f"{local.year}-{local.month:02d}-{local.day:02d} {local.hour:02d}:{local.minute:02d}"


def hours(amount: float) -> str:
    """'12 h', '7.5 h', '1,240 h' ('7,5 h'): hours of work, to a tenth where it matters."""
    return formats.hours(amount)


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def ordinal(number: int) -> str:
    """'second', 'third', … ; '12th' past the ninth.

    English only (a word with no gender or position): translated text uses
    `next_account_manager`, which writes the ordinal and its noun as one phrase.
    """
    if 1 <= number <= len(ORDINALS):
        return ORDINALS[number - 1]
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def next_account_manager(number: int) -> str:
    """'a third Account Manager': the AM with this number in the team, as one phrase."""
    phrases = {
        1: lambda: p_("the nth AM", "a first Account Manager"),
        2: lambda: p_("the nth AM", "a second Account Manager"),
        3: lambda: p_("the nth AM", "a third Account Manager"),
        4: lambda: p_("the nth AM", "a fourth Account Manager"),
        5: lambda: p_("the nth AM", "a fifth Account Manager"),
        6: lambda: p_("the nth AM", "a sixth Account Manager"),
        7: lambda: p_("the nth AM", "a seventh Account Manager"),
        8: lambda: p_("the nth AM", "an eighth Account Manager"),
        9: lambda: p_("the nth AM", "a ninth Account Manager"),
    }
    if number in phrases:
        return phrases[number]()
    if current() == ENGLISH:
        return f"a {ordinal(number)} Account Manager"
    # Translators: the AM with a number past the ninth: "un 12.º Account Manager"
    return p_("the nth AM", "a {number}th Account Manager", number=number)


def capitalised(text: str) -> str:
    """The text with its first letter upper-cased, to open a sentence with a phrase written
    for the middle of one: right in English and Spanish, which open sentences the same way;
    a sentence of our own is written capitalised in its template instead."""
    return text[:1].upper() + text[1:]


def field_help(field: str) -> str:
    """A profile field's help as Markdown: why it matters, then what each choice means.

    The Assess form and the workshop questionnaire both show this text, so the two always ask
    the same question the same way.
    """
    meanings = CHOICE_MEANINGS.get(field, {})
    definitions = "".join(
        f"\n- **{choice_label(c)}**: {choice_meaning(field, c)}" for c in meanings
    )
    return _(FIELDS[field].help) + ("\n" + definitions if definitions else "")


# ---------------------------------------------------------------------------------------------
# Comparing scenarios: what one scenario's value of an input says, as one sentence naming it.

# Per field: the phrase with `{name}` the scenario's name and `{value}` the value as shown.
# Yes/no fields have one phrase per answer; a field not listed reads "NAME's LABEL is VALUE".
# Translators: in these phrases {name} is a scenario's name as its user wrote it ("B",
# "Today"), {value} the input's value as the comparison table shows it.
DIFFERENCE_PHRASES: dict[str, str] = {
    "company": N_("{name}’s company name is {value}"),
    "segment": N_("{name}’s clients are {value}"),
    "business_model": N_("{name}’s business model is {value}"),
    "currency": N_("{name}’s figures are in {value}"),
    "active_accounts": N_("{name}’s book holds {value}"),
    "current_account_managers": N_("{name}’s team has {value} today"),
    "accounts_added_per_quarter": N_("{name}’s book grows by {value}"),
    "avg_contract_value": N_("{name}’s average contract is worth {value} a year"),
    "gross_margin": N_("{name}’s gross margin is {value}"),
    "am_fully_loaded_cost": N_("{name}’s Account Manager costs {value} a year"),
    "logo_churn_rate": N_("{name}’s logo churn is {value}"),
    "churn_trend": N_("{name}’s churn is {value}"),
    "nrr": N_("{name}’s net revenue retention is {value}"),
    "grr": N_("{name}’s gross revenue retention is {value}"),
    "logo_retention": N_("{name}’s logo retention is {value}"),
    "contraction_rate": N_("{name}’s contraction is {value} a year"),
    "nps": N_("{name}’s portfolio NPS is {value}"),
    "delivery_maturity": N_("{name}’s delivery is {value}"),
    "knowledge_holder": N_("{name}’s client knowledge {value}"),
    "renewal_owner": N_("{name}’s renewals are run by {value}"),
    "renewal_lead_days": N_("{name}’s renewal work starts {value} out"),
    "notes": N_("{name}’s notes read differently"),
    "rule_pack": N_("{name}’s rule pack is {value}"),
    "role_edits": N_("{name}’s role is edited ({value})"),
    "top_accounts_share": N_("{name}’s three largest accounts hold {value} of revenue"),
}
YES_NO_PHRASES: dict[str, tuple[str, str]] = {  # (when yes, when no)
    "churn_cause_known": (
        N_("{name}’s churn is explained by a product or service problem"),
        N_("{name}’s churn has no known product or service cause"),
    ),
    "clients_escalate_to_leadership": (
        N_("{name}’s clients escalate to the founder or C-level"),
        N_("{name}’s clients do not escalate to the founder or C-level"),
    ),
    "onboarding_consistent": (
        N_("{name}’s onboarding is consistent"),
        N_("{name}’s onboarding is inconsistent"),
    ),
    "unworked_upsell": (
        N_("{name}’s obvious upsell goes unworked"),
        N_("{name}’s upsell is being worked"),
    ),
}
# The words a choice takes in its field's phrase ("renewals are run by {value}").
CHOICE_PHRASES: dict[str, dict[str, str]] = {
    "knowledge_holder": {
        "founder": N_("sits with the founder"),
        "few_people": N_("sits with a few people"),
        "shared_in_crm": N_("is shared in the CRM"),
    },
    "renewal_owner": {
        "founder": N_("the founder"),
        "sales": N_("sales"),
        "account_executive": N_("the account executive"),
        "account_manager": N_("an Account Manager"),
        "customer_success": N_("customer success"),
        "nobody": N_("nobody"),
    },
}


def possessive(name: str) -> str:
    """'B’s', 'today’s': a scenario's name as the owner of what follows.

    English only: translated text writes the owner inside the sentence's template.
    """
    return f"{name}’s"


def shown_value(field: str, raw: Any, currency: str = "EUR") -> str:
    """One scenario's value of an input as a comparison table shows it."""
    if field == "segment" and isinstance(raw, str):
        return segment_label(raw)
    return with_unit(field, raw, currency)


def difference_phrase(scenario: str, field: str, raw: Any, shown: str) -> str:
    """'B’s renewal work starts 120 days out': what one scenario's value of an input says."""
    if raw is None:
        return _("{name}’s {label} is not given", name=scenario, label=in_sentence(label(field)))
    if field in YES_NO_PHRASES and isinstance(raw, bool):
        return _(YES_NO_PHRASES[field][0 if raw else 1], name=scenario)
    if field == "renewal_lead_days" and isinstance(raw, int):
        shown = n_("{number} day", "{number} days", raw, number=formats.number(raw))
    elif field in CHOICE_PHRASES and isinstance(raw, str) and raw in CHOICE_PHRASES[field]:
        shown = _(CHOICE_PHRASES[field][raw])
    if field in DIFFERENCE_PHRASES:
        return _(DIFFERENCE_PHRASES[field], name=scenario, value=shown)
    return _(
        "{name}’s {label} is {value}", name=scenario, label=in_sentence(label(field)), value=shown
    )


def verdicts_differ(phrases: list[str]) -> str:
    """The one line naming the inputs that each, alone, give the other verdict."""
    if len(phrases) > 1:
        # Translators: {reasons} lists phrases such as "B’s book holds 40 accounts"
        return _("The verdicts differ because {reasons}, each on its own.", reasons=joined(phrases))
    return _("The verdicts differ because {reasons}.", reasons=joined(phrases))


def _on_its_own(moves: list[tuple[str, str]]) -> str:
    return "; ".join(
        _("that {phrase} would on its own make it '{verdict}'", phrase=phrase, verdict=shown)
        for phrase, shown in moves
    )


def verdicts_differ_together(
    together: list[str], verdict_label: str, elsewhere: list[tuple[str, str]]
) -> str:
    """The line when no single input gives the other verdict: which inputs do, together.

    `elsewhere` holds (phrase, verdict label) for inputs that alone move the verdict, but to a
    third verdict.
    """
    if elsewhere:
        # Translators: {moves}: "that B’s … would on its own make it 'Prepare'"; {together}
        # lists phrases such as "B’s book holds 40 accounts"
        return _(
            "No single input gives '{verdict}' on its own ({moves}); together, {together} "
            "make it '{verdict}'.",
            verdict=verdict_label,
            moves=_on_its_own(elsewhere),
            together=joined(together),
        )
    return _(
        "No single input changes the verdict on its own; together, {together} make it '{verdict}'.",
        together=joined(together),
        verdict=verdict_label,
    )


def verdicts_agree(
    scenario: str, baseline: str, verdict_label: str, scores: tuple[float, float]
) -> str:
    """'B gets the same verdict as A (…), scoring 66 against 78' (no full stop: see
    `agree_despite`)."""
    theirs, ours = scores
    if round(theirs) == round(ours):
        return _(
            "{name} gets the same verdict as {baseline}, '{verdict}', with the same score, {score}",
            name=scenario,
            baseline=baseline,
            verdict=verdict_label,
            score=format(ours, ".0f"),
        )
    return _(
        "{name} gets the same verdict as {baseline}, '{verdict}', scoring {score} against "
        "{baseline_score}",
        name=scenario,
        baseline=baseline,
        verdict=verdict_label,
        score=format(theirs, ".0f"),
        baseline_score=format(ours, ".0f"),
    )


def agree_despite(line: str, phrases: list[tuple[str, str]]) -> str:
    """The agreement line, with the inputs that alone would have moved the verdict."""
    if not phrases:
        return _("{line}.", line=line)
    # Translators: {line} is the agreement, "B gets the same verdict as A, …"
    return _(
        "{line}, although {moves}: the other differences cancel it out.",
        line=line,
        moves=_on_its_own(phrases),
    )


def cannot_assess_alone(scenario: str, reason: str) -> str:
    """Why one scenario's value, set alone on the baseline, gives no verdict."""
    return _("{name}’s value alone cannot be assessed: {reason}", name=scenario, reason=reason)


def same_inputs(scenario: str, baseline: str) -> str:
    return _(
        "{name} has the same inputs as {baseline}: the same verdict and score.",
        name=scenario,
        baseline=baseline,
    )


def against_baseline(scenario: str, baseline: str, line: str) -> str:
    """With three or four scenarios each line says which pair it is about."""
    # our own opening words, never a scenario's name, are lower-cased after the colon
    openings = tuple(
        template.split("{", 1)[0]
        for template in (
            _("The verdicts differ because {reasons}."),
            _(
                "No single input changes the verdict on its own; together, {together} make it "
                "'{verdict}'."
            ),
        )
    )
    if any(opening and line.startswith(opening) for opening in openings) or line.startswith(
        ("The ", "No ")
    ):
        line = line[0].lower() + line[1:]
    return _("{name} against {baseline}: {line}", name=scenario, baseline=baseline, line=line)


def _alone_effect(scenario: str, verdict_label: str | None, assessed: bool, named: bool) -> str:
    if not assessed:
        if named:
            return _("{name}’s value makes a profile that cannot be assessed", name=scenario)
        return _("makes a profile that cannot be assessed")
    if verdict_label is None:
        if named:
            return _("{name}’s value leaves the verdict as it is", name=scenario)
        return _("leaves the verdict as it is")
    if named:
        return _(
            "{name}’s value changes the verdict to '{verdict}'",
            name=scenario,
            verdict=verdict_label,
        )
    return _("changes the verdict to '{verdict}'", verdict=verdict_label)


def alone_effects(entries: list[tuple[str, str | None, bool]], *, named: bool = True) -> str:
    """What each scenario's value does alone to the baseline's verdict.

    Each entry is (scenario, the verdict label it gives, whether it could be assessed); a
    label of None means the verdict stays. Without `named` (one other scenario) the sentence
    needs no names.
    """
    parts = [_alone_effect(*entry, named) for entry in entries]
    if not parts:
        return ""
    # The named form starts with a scenario's name, written as its user wrote it.
    if named:
        # Translators: {effects}: "B’s value leaves the verdict as it is; C’s value …"
        return _("Alone: {effects}.", effects="; ".join(parts))
    return _("Alone, this value {effects}.", effects="; ".join(parts))
