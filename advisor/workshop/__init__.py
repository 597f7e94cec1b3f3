"""Workshop mode: several people answer the judgement questions of one case, and the results
show where they disagree, which disagreements decide the verdict, and the consensus.

`questions` declares what is asked (from the profile's fields), `model` holds respondents and
answers, `answers` reads them (files or mappings), `results` computes everything with the
engine, `impact` says what revoking a respondent does to them, and `tokens` makes and checks
the respondents' link tokens.
"""

from advisor.workshop.answers import (
    parse_answer,
    parse_overrides,
    read_all_answers,
    read_answers,
    respondent_from_mapping,
)
from advisor.workshop.impact import RevokeImpact, revoke_impact
from advisor.workshop.model import Answer, Respondent, WorkshopError, answer_label, answer_text
from advisor.workshop.questions import (
    DONT_KNOW,
    FACT_FIELDS,
    JUDGEMENT_FIELDS,
    QUESTION_BY_FIELD,
    QUESTION_TEXT,
    QUESTIONS,
    ROLES,
    Question,
    RespondentRole,
    case_facts,
    role_label,
)
from advisor.workshop.results import (
    CONSENSUS_NOTES,
    MAX_QUORUM,
    NO_VERDICT,
    TOGETHER_NOTE,
    Flip,
    QuestionResult,
    RespondentResult,
    WorkshopResult,
    caution,
    check_quorum,
    compare,
    consensus_text,
    flip_text,
    question_state,
)
from advisor.workshop.tokens import hash_token, new_token, verify_token

__all__ = [
    "CONSENSUS_NOTES",
    "DONT_KNOW",
    "FACT_FIELDS",
    "JUDGEMENT_FIELDS",
    "MAX_QUORUM",
    "NO_VERDICT",
    "QUESTIONS",
    "QUESTION_BY_FIELD",
    "QUESTION_TEXT",
    "ROLES",
    "TOGETHER_NOTE",
    "Answer",
    "Flip",
    "Question",
    "QuestionResult",
    "Respondent",
    "RespondentResult",
    "RespondentRole",
    "RevokeImpact",
    "WorkshopError",
    "WorkshopResult",
    "answer_label",
    "answer_text",
    "case_facts",
    "caution",
    "check_quorum",
    "compare",
    "consensus_text",
    "flip_text",
    "hash_token",
    "new_token",
    "parse_answer",
    "parse_overrides",
    "question_state",
    "read_all_answers",
    "read_answers",
    "respondent_from_mapping",
    "revoke_impact",
    "role_label",
    "verify_token",
]
