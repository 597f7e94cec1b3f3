"""A workshop kept with a case: the answers and consensus a saved scenario was made from.

"Save the consensus as a scenario" stores the consensus profile as a new case of the client and
keeps, beside it, what the consensus came from: the workshop's case (its scenario and profile),
each respondent's answers (in the answers-file layout, so the one reader checks them again) and
the consultant's consensus choices. `result_of` rebuilds the workshop's results for that case,
so its brief ends with where the team disagreed, as the Workshop page's brief does.

Plain JSON data only; every value is checked again when it is read back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from advisor.i18n import N_, _
from advisor.pack import RulePack
from advisor.profile import CompanyProfile, parse_profile, profile_to_dict
from advisor.workshop.answers import ANSWER_KEYS, NAME_KEY, ROLE_KEY, parse_overrides
from advisor.workshop.answers import respondent_from_mapping as read_respondent
from advisor.workshop.model import Respondent, WorkshopError
from advisor.workshop.questions import JUDGEMENT_FIELDS
from advisor.workshop.results import WorkshopResult, compare

RECORD_KEYS = ("from_scenario", "base", "respondents", "overrides")
SOURCE = N_("the case's workshop")


def workshop_record(
    scenario: str,
    base: CompanyProfile,
    respondents: Sequence[Respondent],
    overrides: Mapping[str, Any],
) -> dict[str, Any]:
    """The workshop on the case `scenario` (whose profile is `base`) as plain data."""
    return {
        "from_scenario": scenario,
        "base": profile_to_dict(base),
        "respondents": [_respondent(person) for person in respondents],
        "overrides": {field: overrides[field] for field in JUDGEMENT_FIELDS if field in overrides},
    }


def _respondent(person: Respondent) -> dict[str, Any]:
    answers = {
        field: {ANSWER_KEYS[0]: answer.value, ANSWER_KEYS[1]: answer.comment}
        for field, answer in person.answers.items()
        if answer.known or answer.comment
    }
    return {NAME_KEY: person.name, ROLE_KEY: person.role.value, **answers}


def record_problems(data: Any) -> list[str]:
    """What is wrong with a workshop record's shape, each naming its key (empty: usable)."""
    if not isinstance(data, Mapping):
        return [_("workshop: expected a mapping, got {found}", found=type(data).__name__)]
    problems = [
        _("workshop: unknown key '{key}'", key=key) for key in data if key not in RECORD_KEYS
    ]
    if not isinstance(data.get("from_scenario"), str):
        problems.append(_("workshop.from_scenario: expected the workshop case's scenario name"))
    if not isinstance(data.get("base"), Mapping):
        problems.append(_("workshop.base: expected a mapping of profile fields"))
    people = data.get("respondents")
    if not isinstance(people, list) or not people:
        problems.append(_("workshop.respondents: expected a list of at least one respondent"))
    if not isinstance(data.get("overrides"), Mapping):
        problems.append(_("workshop.overrides: expected a mapping of question: answer"))
    return problems


def result_of(profile: CompanyProfile, record: Mapping[str, Any], pack: RulePack) -> WorkshopResult:
    """The workshop's results for the saved case `profile`: its consensus is the case's answers.

    The case's facts are the case's own (edited since, they are what the brief must show); each
    judgement question whose case answer is not the team's consensus is taken as the
    consultant's choice, so the results always describe the case as saved. WorkshopError naming
    the record's key when it cannot be read.
    """
    source = _(SOURCE)
    problems = record_problems(record)
    if problems:
        raise WorkshopError.single("; ".join(problems), file=source, path="workshop")
    kept = profile_to_dict(profile)
    recorded = dict(record["base"])
    base = parse_profile(
        {
            **kept,
            **{field: recorded[field] for field in JUDGEMENT_FIELDS if field in recorded},
        }
    )
    people = [
        # Translators: where a saved workshop's answers came from, "the case's workshop, respondent 2".
        read_respondent(
            person, base, _("{source}, respondent {number}", source=source, number=number)
        )
        for number, person in enumerate(record["respondents"], start=1)
    ]
    overrides = parse_overrides(dict(record["overrides"]), base, source)
    result = compare(base, people, pack, overrides)
    settled = profile_to_dict(result.consensus_profile)
    moved = {field: kept[field] for field in JUDGEMENT_FIELDS if settled[field] != kept[field]}
    if not moved:
        return result
    return compare(base, people, pack, {**overrides, **moved})
