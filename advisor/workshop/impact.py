"""What revoking one respondent does to a workshop's results: the consensus computed with and
without their answers, said in one sentence the consultant reads before confirming."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from advisor import wording
from advisor.i18n import _
from advisor.pack import RulePack
from advisor.profile import CompanyProfile
from advisor.workshop.model import Respondent, WorkshopError
from advisor.workshop.results import WorkshopResult, compare


@dataclass(frozen=True)
class RevokeImpact:
    """The consensus verdict with the respondent and without them (None: not shown)."""

    name: str
    answered: bool  # they have saved at least one answer
    before: str | None  # the consensus verdict's label now, when the quorum is met
    after: str | None  # the label without them, when the quorum is still met
    text: str  # the sentence the confirmation shows

    @property
    def changes(self) -> bool:
        return self.before != self.after


def _shown(result: WorkshopResult | None) -> str | None:
    if result is None or not result.quorum_met:
        return None
    return result.consensus.verdict_label


def _score(result: WorkshopResult) -> str:
    consensus = result.consensus
    return wording.saved_score(consensus.verdict.value, consensus.score)


def revoke_impact(
    base: CompanyProfile,
    respondents: Sequence[Respondent],
    pack: RulePack,
    name: str,
    overrides: Mapping[str, Any] | None = None,
    *,
    quorum: int = 1,
) -> RevokeImpact:
    """What leaving `name`'s answers out of the results does to the consensus verdict."""
    leaving = [person for person in respondents if person.name == name]
    if not leaving:
        raise WorkshopError.single(
            _("'{name}' is not a respondent of this workshop", name=name), path="name"
        )
    answered = bool(leaving[0].answers)
    staying = [person for person in respondents if person.name != name]
    before = compare(base, respondents, pack, overrides, quorum=quorum)
    after = compare(base, staying, pack, overrides, quorum=quorum) if staying else None
    was, will = _shown(before), _shown(after)
    if not answered:
        text = _("{name} has not answered yet: revoking their link changes no result.", name=name)
    elif after is None:
        text = _(
            "Revoking {name}'s link leaves their answers out of the results: nobody else is "
            "left, so there are no results.",
            name=name,
        )
    elif was is None and will is None:
        # Translators: {quorum} is "2 of 9 respondents have answered; the consensus verdict …".
        text = _(
            "Revoking {name}'s link leaves their answers out of the results; no consensus "
            "verdict shows either way: {quorum}.",
            name=name,
            quorum=after.quorum_text(),
        )
    elif will is None:
        text = _(
            "Revoking {name}'s link leaves their answers out of the results: the consensus "
            "verdict {verdict} is no longer shown, {quorum}.",
            name=name,
            verdict=was,
            quorum=after.quorum_text(),
        )
    elif was != will:
        text = _(
            "Revoking {name}'s link leaves their answers out of the results: the consensus "
            "verdict changes from {verdict} to {other}.",
            name=name,
            verdict=was,
            other=will,
        )
    else:
        # Translators: {now} and {without} are scores such as "55/100".
        text = _(
            "Revoking {name}'s link leaves their answers out of the results: the consensus "
            "verdict stays {verdict} (score {now} now, {without} without them).",
            name=name,
            verdict=was,
            now=_score(before),
            without=_score(after),
        )
    return RevokeImpact(name=name, answered=answered, before=was, after=will, text=text)


__all__ = ["RevokeImpact", "revoke_impact"]
