"""The judgement questions a workshop asks, read from the profile's one declaration of fields.

The facts of a case (accounts, contract value, margin, churn rate) come from the case and are
shown, not asked; the questions below are the profile fields that are a matter of judgement,
on which a founder and a delivery lead can honestly disagree. Each question's label, choices and
help are the profile field's own, so the questionnaire and the Assess form ask the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from advisor import wording
from advisor.i18n import N_, _
from advisor.profile import FIELDS, CompanyProfile

# In the order the questionnaire asks them: how the work is done, then the clients, then renewals.
JUDGEMENT_FIELDS = (
    "delivery_maturity",
    "knowledge_holder",
    "churn_trend",
    "churn_cause_known",
    "clients_escalate_to_leadership",
    "onboarding_consistent",
    "unworked_upsell",
    "renewal_owner",
    "renewal_lead_days",
)

# The facts a questionnaire shows above the questions: taken from the case, never asked.
FACT_FIELDS = ("active_accounts", "avg_contract_value", "gross_margin", "logo_churn_rate")

# What a respondent writes when they cannot say; such an answer falls back to the case's value.
DONT_KNOW = "dont_know"
DONT_KNOW_WORDS = frozenset({"dont_know", "don't know", "dont know", "unknown"})


class RespondentRole(StrEnum):
    FOUNDER = "founder"
    SALES = "sales"
    ACCOUNT_EXECUTIVE = "account_executive"
    DELIVERY = "delivery"
    CUSTOMER_SUCCESS = "customer_success"
    OTHER = "other"


ROLES = tuple(role.value for role in RespondentRole)


@dataclass(frozen=True)
class Question:
    """One judgement question: the profile field it answers and how it is asked."""

    field: str
    label: str
    kind: str  # choice | yes_no | count
    help: str  # Markdown: why it matters and, for choices that need it, what each one means
    choices: tuple[str, ...]  # the field's choices; (True, False) reads as yes/no; () for a count
    unit: str
    text: str = ""  # the question as a respondent is asked it: "How standardised is delivery?"

    @property
    def asked(self) -> str:
        """The question in the current language (`text` is the catalogue's English)."""
        return _(self.text) if self.text else ""


# Each question as the questionnaire asks it, in plain words; the label stays the grid's name.
QUESTION_TEXT = {
    "delivery_maturity": N_("How standardised is the way your team delivers to clients?"),
    "knowledge_holder": N_("Who holds what you know about each client?"),
    "churn_trend": N_("Is the number of clients leaving going up, down or staying the same?"),
    "churn_cause_known": N_(
        "Does a problem with the product or service explain the clients who left?"
    ),
    "clients_escalate_to_leadership": N_(
        "Do clients go straight to the founder or a director to get things solved?"
    ),
    "onboarding_consistent": N_("Is every new client onboarded the same way?"),
    "unworked_upsell": N_("Is there upsell in your accounts that nobody works?"),
    "renewal_owner": N_("Who runs client renewals today?"),
    "renewal_lead_days": N_("How many days before a contract ends does the renewal work start?"),
}


def question(field: str) -> Question:
    info = FIELDS[field]
    return Question(
        field=field,
        label=info.label,
        kind=info.kind,
        help=wording.field_help(field),
        choices=info.choices,
        unit=info.unit,
        text=QUESTION_TEXT[field],
    )


QUESTIONS: tuple[Question, ...] = tuple(question(field) for field in JUDGEMENT_FIELDS)
QUESTION_BY_FIELD = {q.field: q for q in QUESTIONS}


# Each respondent's role as a reader writes it, translated where it is shown.
ROLE_LABELS = {
    RespondentRole.FOUNDER.value: N_("founder"),
    RespondentRole.SALES.value: N_("sales"),
    RespondentRole.ACCOUNT_EXECUTIVE.value: N_("account executive"),
    RespondentRole.DELIVERY.value: N_("delivery"),
    RespondentRole.CUSTOMER_SUCCESS.value: N_("customer success"),
    RespondentRole.OTHER.value: N_("other"),
}


def role_label(role: str) -> str:
    """`account_executive` as a reader writes it: account executive."""
    label = ROLE_LABELS.get(role)
    return _(label) if label is not None else wording.words(role)


def case_facts(profile: CompanyProfile) -> tuple[tuple[str, str], ...]:
    """(label, value with its unit) for each fact a respondent is shown: "Gross margin", "62%"."""
    return tuple(
        (FIELDS[name].label, wording.with_unit(name, getattr(profile, name), profile.currency))
        for name in FACT_FIELDS
    )
