"""A workshop's results: each respondent's verdict, the grid of answers, which disagreements
decide the verdict, and the consensus.

Everything is computed by the engine, never by a hand-written list of "important" questions:

- A respondent's verdict and score come from their answers laid over the case's facts; a
  "don't know" keeps the case's own value for that question. A respondent who has not answered
  anything yet has no verdict, and a question nobody has answered yet is "waiting".
- The consensus verdict counts once a quorum has answered: the number of respondents, set by
  the consultant, who must have answered at least one question. Until then it is computed (the
  decisive disagreements need it) but `quorum_met` is False and no output shows it as the
  team's verdict.
- The consensus of a question is the most common known answer. A tie is taken as the more
  cautious answer: the one that, put into the consensus, gives the more conservative verdict
  (fix delivery first, then down the readiness ladder), then the lower score. A question no one
  answered keeps the case's value. The consultant may override any question's consensus.
- A question is decisive when changing that one answer of the consensus, all else equal, to an
  answer a respondent gave changes the verdict. Two disagreements that are not decisive alone
  are decisive together when changing both at once (to answers respondents gave) does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from advisor import wording
from advisor.engine import LADDER, Assessment, Verdict, evaluate, sweep
from advisor.i18n import N_, _, n_
from advisor.i18n.formats import number
from advisor.pack import RulePack
from advisor.profile import CompanyProfile, parse_profile, profile_to_dict
from advisor.workshop.answers import duplicate_names
from advisor.workshop.model import Answer, Respondent, WorkshopError, answer_label, answer_text
from advisor.workshop.questions import JUDGEMENT_FIELDS, QUESTION_BY_FIELD

# Where a question's consensus came from.
UNANIMOUS = "unanimous"  # every respondent who answered gave this answer
MAJORITY = "majority"  # the most common answer
TIE_CAUTIOUS = "tie_cautious"  # tied for most common: the more cautious answer was taken
FROM_CASE = "from_case"  # nobody answered: the case's own value
OVERRIDE = "override"  # set by the consultant
CONSENSUS_NOTES = {
    UNANIMOUS: N_("everyone who answered agrees"),
    MAJORITY: N_("the most common answer"),
    TIE_CAUTIOUS: N_("a tie: the more cautious answer was taken"),
    FROM_CASE: N_("nobody knew: the case's own answer"),
    OVERRIDE: N_("set by the consultant"),
}


def caution(verdict: Verdict, score: float) -> tuple[int, float]:
    """Lower is more cautious: fix delivery first, then the readiness ladder upwards, then score."""
    rank = -1 if verdict is Verdict.FIX_DELIVERY_FIRST else LADDER.index(verdict)
    return rank, score


NO_VERDICT = N_("no answers yet")  # a respondent's verdict before they answer anything


@dataclass(frozen=True)
class RespondentResult:
    respondent: Respondent
    verdict: Verdict | None  # None: they have not answered anything yet
    verdict_label: str
    score: float | None
    answered: int  # questions answered (not "don't know")

    @property
    def started(self) -> bool:
        """True once they have saved any answer, "don't know" included."""
        return bool(self.respondent.answers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.respondent.name,
            "role": self.respondent.role.value,
            "verdict": None if self.verdict is None else self.verdict.value,
            "verdict_label": self.verdict_label,
            "score": self.score,
            "answered": self.answered,
            "source": self.respondent.source,
        }


@dataclass(frozen=True)
class Flip:
    """Answers that, put into the consensus, give another verdict; and who gave them."""

    changes: tuple[tuple[str, Any], ...]  # (field, value) — one pair, or two when only together
    verdict: Verdict
    verdict_label: str
    score: float
    respondents: tuple[tuple[str, ...], ...]  # per change, the names that gave that answer

    def to_dict(self) -> dict[str, Any]:
        return {
            "changes": [
                {"field": field, "answer": value, "respondents": list(names)}
                for (field, value), names in zip(self.changes, self.respondents, strict=True)
            ],
            "verdict": self.verdict.value,
            "verdict_label": self.verdict_label,
            "score": self.score,
        }


@dataclass(frozen=True)
class QuestionResult:
    field: str
    label: str
    answers: tuple[tuple[str, Answer], ...]  # (respondent name, answer), in respondent order
    case_value: Any  # the base profile's answer
    consensus: Any
    consensus_source: str  # UNANIMOUS | MAJORITY | TIE_CAUTIOUS | FROM_CASE | OVERRIDE
    agree: bool  # every respondent who answered gave the same answer
    decisive: bool
    flips: tuple[Flip, ...]  # the one-answer changes that change the verdict
    unanswered: tuple[str, ...] = ()  # who has saved no answer to it yet, not even "don't know"

    @property
    def waiting(self) -> bool:
        """True while nobody has answered it yet."""
        return len(self.unanswered) == len(self.answers)

    @property
    def answered(self) -> int:
        return sum(answer.known for _, answer in self.answers)

    @property
    def votes(self) -> dict[Any, int]:
        return dict(Counter(answer.value for _, answer in self.answers if answer.known))

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "label": self.label,
            "answers": {name: answer.value for name, answer in self.answers},
            "comments": {name: answer.comment for name, answer in self.answers if answer.comment},
            "case_value": self.case_value,
            "consensus": self.consensus,
            "consensus_source": self.consensus_source,
            "agree": self.agree,
            "waiting": self.waiting,
            "unanswered": list(self.unanswered),
            "decisive": self.decisive,
            "flips": [flip.to_dict() for flip in self.flips],
        }


@dataclass(frozen=True)
class WorkshopResult:
    base: CompanyProfile
    respondents: tuple[RespondentResult, ...]
    questions: tuple[QuestionResult, ...]
    together: tuple[Flip, ...]  # pairs of answers decisive only together
    consensus: Assessment  # the consensus profile's assessment (its profile is the consensus)
    quorum: int = 1  # respondents who must have answered before the consensus verdict counts
    anonymous: bool = False  # the room view names no respondent (the consultant still sees all)

    @property
    def consensus_profile(self) -> CompanyProfile:
        return self.consensus.profile

    @property
    def answered_count(self) -> int:
        """Respondents who have answered at least one question ("don't know" included)."""
        return sum(person.started for person in self.respondents)

    @property
    def quorum_met(self) -> bool:
        """True once enough respondents have answered for the consensus verdict to count."""
        return self.answered_count >= self.quorum

    def quorum_text(self) -> str:
        """ "2 of 9 respondents have answered; the consensus verdict appears once 5 have"."""
        count, total = self.answered_count, len(self.respondents)
        if total == 1:
            answered = n_(
                "{count} of {total} respondent has answered",
                "{count} of {total} respondent have answered",
                count,
                total=total,
            )
        else:
            answered = n_(
                "{count} of {total} respondents has answered",
                "{count} of {total} respondents have answered",
                count,
                total=total,
            )
        if self.quorum_met:
            # Translators: {answered} is "2 of 3 respondents have answered".
            return _("{answered} (the quorum is {quorum})", answered=answered, quorum=self.quorum)
        # Translators: {answered} is "2 of 9 respondents have answered"; {count} the quorum.
        return n_(
            "{answered}; the consensus verdict appears once {count} have",
            "{answered}; the consensus verdict appears once {count} have",
            self.quorum,
            answered=answered,
        )

    @property
    def disagreements(self) -> tuple[QuestionResult, ...]:
        return tuple(q for q in self.questions if not q.agree)

    @property
    def decisive(self) -> tuple[QuestionResult, ...]:
        return tuple(q for q in self.questions if q.decisive)

    def to_dict(self) -> dict[str, Any]:
        consensus = {q.field: q.consensus for q in self.questions}
        return {
            "company": self.base.company,
            "respondents": [r.to_dict() for r in self.respondents],
            "questions": [q.to_dict() for q in self.questions],
            "decisive_together": [flip.to_dict() for flip in self.together],
            "quorum": {
                "needed": self.quorum,
                "answered": self.answered_count,
                "met": self.quorum_met,
            },
            "anonymous": self.anonymous,
            "consensus": {
                "profile": profile_to_dict(self.consensus.profile),
                "answers": consensus,
                "sources": {q.field: q.consensus_source for q in self.questions},
                "verdict": self.consensus.verdict.value,
                "verdict_label": self.consensus.verdict_label,
                "score": self.consensus.score,
            },
            "pack": {
                "name": self.consensus.pack.name,
                "version": self.consensus.pack.version,
                "digest": self.consensus.pack.digest,
            },
        }


class _Judge:
    """Verdicts of the consensus with some answers changed, each computed once."""

    def __init__(self, pack: RulePack, base: CompanyProfile) -> None:
        self.pack = pack
        self.plain = profile_to_dict(base)
        # The verdicts' labels name the role as the business model titles it.
        self.labels = pack.verdict_labels_for(str(base.business_model))
        self.profiles: dict[tuple[tuple[str, Any], ...], CompanyProfile] = {}

    def profile(self, answers: Mapping[str, Any]) -> CompanyProfile:
        key = tuple(sorted(answers.items()))
        if key not in self.profiles:
            self.profiles[key] = parse_profile({**self.plain, **answers})
        return self.profiles[key]

    def with_one(
        self, answers: Mapping[str, Any], field: str, values: Sequence[Any]
    ) -> list[tuple[Verdict, float]]:
        """The verdict and score of `answers` with `field` set to each value, all else equal."""
        found = sweep(self.profile(answers), self.pack, field, list(values))
        return [(verdict, score) for _, verdict, score in found]

    def verdict(self, answers: Mapping[str, Any]) -> tuple[Verdict, float]:
        """The verdict and score of the case with these answers (no trace: many are asked)."""
        field = next(iter(answers))
        return self.with_one(answers, field, [answers[field]])[0]


def compare(
    base: CompanyProfile,
    respondents: Sequence[Respondent],
    pack: RulePack,
    overrides: Mapping[str, Any] | None = None,
    *,
    quorum: int = 1,
    anonymous: bool = False,
) -> WorkshopResult:
    """The workshop's results for the case `base` (its facts and its own answers).

    `overrides` are the consultant's consensus answers (plain values, as `parse_overrides`
    gives them); every other question takes the respondents' consensus. `quorum` respondents
    must have answered before the consensus verdict counts; `anonymous` is carried for the
    room view, which then names nobody.
    """
    check_quorum(quorum)
    if not respondents:
        raise WorkshopError.single(
            _("a workshop needs at least one respondent"), path="respondents"
        )
    clashes = duplicate_names(respondents)
    if clashes:
        raise WorkshopError(clashes)
    overrides = dict(overrides or {})
    judge = _Judge(pack, base)
    plain = judge.plain
    people = tuple(_respondent_result(judge, person) for person in respondents)
    answers = {
        field: tuple((person.name, person.answer(field)) for person in respondents)
        for field in JUDGEMENT_FIELDS
    }
    consensus, sources = _consensus(judge, answers, overrides)
    assessment = evaluate(judge.profile(consensus), pack)
    verdict = assessment.verdict
    alternatives = {field: _alternatives(answers[field], consensus[field]) for field in answers}
    questions = []
    for field in JUDGEMENT_FIELDS:
        flips = _single_flips(judge, consensus, verdict, field, alternatives[field])
        known = {answer.value for _, answer in answers[field] if answer.known}
        questions.append(
            QuestionResult(
                field=field,
                label=QUESTION_BY_FIELD[field].label,
                answers=answers[field],
                case_value=plain[field],
                consensus=consensus[field],
                consensus_source=sources[field],
                agree=len(known) <= 1,
                decisive=bool(flips),
                flips=tuple(flips),
                unanswered=tuple(p.name for p in respondents if field not in p.answers),
            )
        )
    alone = {q.field for q in questions if q.decisive}
    together = _pair_flips(judge, consensus, verdict, alternatives, alone)
    return WorkshopResult(
        base=base,
        respondents=people,
        questions=tuple(questions),
        together=tuple(together),
        consensus=assessment,
        quorum=quorum,
        anonymous=anonymous,
    )


MAX_QUORUM = 500


def check_quorum(quorum: object) -> int:
    """The quorum as given when it is a whole number from 1; WorkshopError naming it otherwise."""
    if isinstance(quorum, bool) or not isinstance(quorum, int) or not 1 <= quorum <= MAX_QUORUM:
        raise WorkshopError.single(
            # Translators: {most} is the largest quorum allowed; {given} the value refused.
            _(
                "the quorum is how many respondents must have answered: a whole number from 1 "
                "to {most}, not {given}",
                most=MAX_QUORUM,
                given=repr(quorum),
            ),
            path="quorum",
        )
    return quorum


def _respondent_result(judge: _Judge, person: Respondent) -> RespondentResult:
    given = {field: a.value for field, a in person.answers.items() if a.known}
    if not person.answers:
        return RespondentResult(person, None, _(NO_VERDICT), None, 0)
    answers = {field: given.get(field, judge.plain[field]) for field in JUDGEMENT_FIELDS}
    verdict, score = judge.verdict(answers)
    return RespondentResult(
        respondent=person,
        verdict=verdict,
        verdict_label=judge.labels[verdict.value],
        score=score,
        answered=len(given),
    )


def _consensus(
    judge: _Judge,
    answers: Mapping[str, tuple[tuple[str, Answer], ...]],
    overrides: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, str]]:
    """Each question's consensus and where it came from; ties are settled last, in order."""
    consensus = {field: judge.plain[field] for field in JUDGEMENT_FIELDS}
    sources: dict[str, str] = {}
    ties: dict[str, list[Any]] = {}
    for field in JUDGEMENT_FIELDS:
        votes = Counter(answer.value for _, answer in answers[field] if answer.known)
        if field in overrides:
            consensus[field], sources[field] = overrides[field], OVERRIDE
        elif not votes:
            sources[field] = FROM_CASE
        elif len(votes) == 1:
            consensus[field], sources[field] = next(iter(votes)), UNANIMOUS
        else:
            ranked = votes.most_common()
            top = [value for value, count in ranked if count == ranked[0][1]]
            if len(top) == 1:
                consensus[field], sources[field] = top[0], MAJORITY
            else:
                ties[field] = top
    for field, tied in ties.items():
        tied = sorted(tied, key=lambda value: _choice_order(field, value, judge.plain[field]))
        outcomes = judge.with_one(consensus, field, tied)
        best = min(range(len(tied)), key=lambda i: caution(*outcomes[i]))
        consensus[field], sources[field] = tied[best], TIE_CAUTIOUS
    return consensus, sources


def _choice_order(field: str, value: Any, case_value: Any) -> tuple[int, int, Any]:
    """Equally cautious tied answers: the case's own first, then the field's order of choices."""
    choices = QUESTION_BY_FIELD[field].choices
    position = choices.index(value) if value in choices else 0
    return (0 if value == case_value else 1, position, value if isinstance(value, int) else 0)


def _alternatives(
    answers: tuple[tuple[str, Answer], ...], consensus: Any
) -> dict[Any, tuple[str, ...]]:
    """Each answer given other than the consensus, with who gave it (in respondent order)."""
    found: dict[Any, list[str]] = {}
    for name, answer in answers:
        if answer.known and answer.value != consensus:
            found.setdefault(answer.value, []).append(name)
    return {value: tuple(names) for value, names in found.items()}


def _single_flips(
    judge: _Judge,
    consensus: Mapping[str, Any],
    verdict: Verdict,
    field: str,
    alternatives: Mapping[Any, tuple[str, ...]],
) -> list[Flip]:
    if not alternatives:
        return []
    values = list(alternatives)
    flips = []
    for value, (other, score) in zip(values, judge.with_one(consensus, field, values), strict=True):
        if other is not verdict:
            flips.append(
                Flip(
                    ((field, value),),
                    other,
                    judge.labels[other.value],
                    score,
                    (alternatives[value],),
                )
            )
    return flips


def _pair_flips(
    judge: _Judge,
    consensus: Mapping[str, Any],
    verdict: Verdict,
    alternatives: Mapping[str, Mapping[Any, tuple[str, ...]]],
    alone: set[str],
) -> list[Flip]:
    """Pairs of answers, neither decisive alone, that change the verdict together."""
    open_fields = [f for f in JUDGEMENT_FIELDS if alternatives[f] and f not in alone]
    flips = []
    for first, second in combinations(open_fields, 2):
        seconds = list(alternatives[second])
        for value in alternatives[first]:
            changed = {**consensus, first: value}
            outcomes = judge.with_one(changed, second, seconds)
            for other_value, (other, score) in zip(seconds, outcomes, strict=True):
                if other is verdict:
                    continue
                flips.append(
                    Flip(
                        ((first, value), (second, other_value)),
                        other,
                        judge.labels[other.value],
                        score,
                        (alternatives[first][value], alternatives[second][other_value]),
                    )
                )
    return flips


TOGETHER_NOTE = N_(
    "neither answer changes the verdict alone; the two together do, so settle both before "
    "taking the verdict"
)


def question_state(question: QuestionResult) -> str:
    """ "waiting", "agree", "disagree" or "disagree, DECISIVE": how the grid marks a question."""
    if question.waiting:
        return "waiting"
    if question.decisive:
        return "disagree, DECISIVE" if not question.agree else "DECISIVE"
    return "agree" if question.agree else "disagree"


NOT_YET = N_("not answered yet")


def given_text(question: QuestionResult, name: str, answer: Answer) -> str:
    """One respondent's answer to one question as the grid shows it, "not answered yet" too."""
    return _(NOT_YET) if name in question.unanswered else answer_text(question.field, answer.value)


def consensus_text(question: QuestionResult) -> str:
    note = _(CONSENSUS_NOTES[question.consensus_source])
    # Translators: a question's consensus answer and how it was taken, "emerging (a tie: …)".
    return _("{answer} ({note})", answer=answer_text(question.field, question.consensus), note=note)


def flip_text(flip: Flip, consensus_label: str, *, names: bool = True) -> str:
    """ "“Emerging” (Dana Lee) for delivery maturity gives Fix delivery first instead of Hire now":
    each answer as the choice's label the respondent picked, never its stored code. Without
    `names`, who gave an answer reads as how many did: "(2 people)"."""
    parts = [
        (
            answer_label(field, value),
            _who(people, names),
            wording.in_sentence(QUESTION_BY_FIELD[field].label),
        )
        for (field, value), people in zip(flip.changes, flip.respondents, strict=True)
    ]
    if len(parts) == 1:
        ((answer, who, question),) = parts
        # Translators: {answer} is the answer's label, {who} who gave it ("Dana Lee" or
        # "2 people"), {question} the question's label; {verdict} and {consensus} are verdicts.
        return _(
            "“{answer}” ({who}) for {question} gives {verdict} instead of {consensus}",
            answer=answer,
            who=who,
            question=question,
            verdict=flip.verdict_label,
            consensus=consensus_label,
        )
    (answer, who, question), (second_answer, second_who, second_question) = parts[:2]
    # Translators: two answers that change the verdict together; as the one-answer sentence.
    return _(
        "“{answer}” ({who}) for {question} with “{second_answer}” ({second_who}) for "
        "{second_question} gives {verdict} instead of {consensus}",
        answer=answer,
        who=who,
        question=question,
        second_answer=second_answer,
        second_who=second_who,
        second_question=second_question,
        verdict=flip.verdict_label,
        consensus=consensus_label,
    )


def _who(people: tuple[str, ...], names: bool) -> str:
    if names:
        return ", ".join(people)
    return n_("{count} person", "{count} people", len(people), count=number(len(people)))


__all__ = [
    "CONSENSUS_NOTES",
    "FROM_CASE",
    "MAJORITY",
    "MAX_QUORUM",
    "NOT_YET",
    "NO_VERDICT",
    "OVERRIDE",
    "TIE_CAUTIOUS",
    "TOGETHER_NOTE",
    "UNANIMOUS",
    "Flip",
    "QuestionResult",
    "RespondentResult",
    "WorkshopResult",
    "caution",
    "check_quorum",
    "compare",
    "consensus_text",
    "flip_text",
    "given_text",
    "question_state",
]
