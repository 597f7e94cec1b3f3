"""A workshop's results as table rows for the app: one row per respondent, one per question.

Plain data only (lists of dicts with text cells), so the page draws them and holds no logic.
"""

from __future__ import annotations

from typing import Any

from advisor import wording
from advisor.workshop.questions import role_label
from advisor.workshop.results import WorkshopResult, consensus_text, given_text, question_state

STATE_COLUMN = "State"
CONSENSUS_COLUMN = "Consensus"
# How the grid marks a question, so a disagreement stands out in the first column: in words
# only, since a browser without an emoji font draws a warning or no-entry sign as a box.
STATE_MARKS = {
    "waiting": "waiting",
    "agree": "agree",
    "disagree": "disagree",
    "disagree, DECISIVE": "DECISIVE: disagree",
    "DECISIVE": "DECISIVE",
}


def column_name(name: str) -> str:
    """A respondent's column; a name that is also a fixed column's is told apart."""
    if name in ("Question", STATE_COLUMN, CONSENSUS_COLUMN):
        return f"{name} (respondent)"
    return name


def respondent_rows(result: WorkshopResult) -> list[dict[str, Any]]:
    """Each respondent's verdict and score: their answers over the case's facts."""
    total = len(result.questions)
    return [
        {
            "Respondent": person.respondent.name,
            "Role": role_label(person.respondent.role.value),
            "Verdict": person.verdict_label,
            "Score": (
                "—"
                if person.verdict is None or person.score is None
                else wording.saved_score(person.verdict.value, person.score, suffix="")
            ),
            "Answered": f"{person.answered} of {total}",
        }
        for person in result.respondents
    ]


def grid_rows(result: WorkshopResult) -> list[dict[str, Any]]:
    """Questions × respondents: each answer (with its comment), the state and the consensus."""
    rows = []
    for question in result.questions:
        row: dict[str, Any] = {
            "Question": question.label,
            STATE_COLUMN: STATE_MARKS[question_state(question)],
        }
        for name, answer in question.answers:
            text = given_text(question, name, answer)
            comment = " ".join(answer.comment.split())
            row[column_name(name)] = f"{text} — “{comment}”" if comment else text
        row[CONSENSUS_COLUMN] = consensus_text(question)
        rows.append(row)
    return rows
