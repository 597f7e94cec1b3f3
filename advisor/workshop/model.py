"""A workshop's inputs as data: respondents, their answers and comments, and the one error type."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from advisor import wording
from advisor.i18n import _, p_
from advisor.problems import AdvisorError
from advisor.workshop.questions import RespondentRole, role_label

MAX_NAME_LENGTH = 80
MAX_COMMENT_LENGTH = 2000


class WorkshopError(AdvisorError):
    """A workshop input was refused: an answers file, a respondent, a consensus override."""


@dataclass(frozen=True)
class Answer:
    """One respondent's answer to one question; `value` None is "don't know".

    `value` is the profile field's plain value (a choice's code, a bool, a count), already
    checked by the profile's own validators.
    """

    value: Any = None
    comment: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None


DONT_KNOW_ANSWER = Answer()


@dataclass(frozen=True)
class Respondent:
    """One person who answered, with every answer they gave (a missing one is "don't know")."""

    name: str
    role: RespondentRole = RespondentRole.OTHER
    answers: Mapping[str, Answer] = field(default_factory=dict)
    source: str = ""  # the answers file, or "" when entered in the app

    def answer(self, question_field: str) -> Answer:
        return self.answers.get(question_field, DONT_KNOW_ANSWER)

    @property
    def title(self) -> str:
        """ "Dana Lee (delivery)": how a respondent is named in every output."""
        # Translators: a respondent and their role in the workshop, "Dana Lee (delivery)".
        return _("{name} ({role})", name=self.name, role=role_label(self.role.value))


def answer_text(question_field: str, value: Any) -> str:
    """An answer as a reader sees it: "emerging", "yes", "30 days before expiry", "don't know"."""
    if value is None:
        return _("don't know")
    return wording.with_unit(question_field, value)


def answer_label(question_field: str, value: Any) -> str:
    """An answer as the questionnaire offers it: "Emerging", "Shared in CRM", "Yes", "30 days".

    A choice reads as its label, never as its stored code; a count keeps its unit.
    """
    if value is None:
        return _("Don't know")
    if isinstance(value, bool):
        return p_("answer", "Yes") if value else p_("answer", "No")
    if isinstance(value, str):
        return wording.choice_label(value)
    return wording.with_unit(question_field, value)
