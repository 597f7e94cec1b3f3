"""A workshop's results as table rows for the app: one row per respondent, one per question.

Plain data only (lists of dicts with text cells), so the page draws them and holds no logic.
"""

from __future__ import annotations

from typing import Any

from advisor import wording
from advisor.i18n import N_, _, p_
from advisor.workshop.questions import role_label
from advisor.workshop.results import WorkshopResult, consensus_text, given_text, question_state

STATE_COLUMN = "State"
CONSENSUS_COLUMN = "Consensus"
# How the grid marks a question, so a disagreement stands out in the first column: in words
# only, since a browser without an emoji font draws a warning or no-entry sign as a box.
STATE_MARKS = {
    "waiting": N_("waiting"),
    "agree": N_("agree"),
    "disagree": N_("disagree"),
    "disagree, DECISIVE": N_("DECISIVE: disagree"),
    "DECISIVE": N_("DECISIVE"),
}


def question_column() -> str:
    return p_("column", "Question")


def state_column() -> str:
    """The grid's state column in the current language ("State" in English)."""
    return p_("column", "State")


def consensus_column() -> str:
    return p_("column", "Consensus")


def column_name(name: str) -> str:
    """A respondent's column; a name that is also a fixed column's is told apart."""
    if name in (question_column(), state_column(), consensus_column()):
        # Translators: a respondent's column whose name is also one of the grid's columns.
        return _("{name} (respondent)", name=name)
    return name


def respondent_rows(result: WorkshopResult) -> list[dict[str, Any]]:
    """Each respondent's verdict and score: their answers over the case's facts."""
    total = len(result.questions)
    return [
        {
            p_("column", "Respondent"): person.respondent.name,
            p_("column", "Role"): role_label(person.respondent.role.value),
            p_("column", "Verdict"): person.verdict_label,
            p_("column", "Score"): (
                "—"
                if person.verdict is None or person.score is None
                else wording.saved_score(person.verdict.value, person.score, suffix="")
            ),
            # Translators: questions answered of all, "7 of 9".
            p_("column", "Answered"): _(
                "{answered} of {total}", answered=person.answered, total=total
            ),
        }
        for person in result.respondents
    ]


def grid_rows(result: WorkshopResult) -> list[dict[str, Any]]:
    """Questions × respondents: each answer (with its comment), the state and the consensus."""
    rows = []
    for question in result.questions:
        row: dict[str, Any] = {
            question_column(): question.label,
            state_column(): _(STATE_MARKS[question_state(question)]),
        }
        for name, answer in question.answers:
            text = given_text(question, name, answer)
            comment = " ".join(answer.comment.split())
            # Translators: an answer and the respondent's comment on it.
            shown = _("{answer} — “{comment}”", answer=text, comment=comment) if comment else text
            row[column_name(name)] = shown
        row[consensus_column()] = consensus_text(question)
        rows.append(row)
    return rows
