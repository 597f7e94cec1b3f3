"""What every section builder reads, and the small phrases the sections share."""

from __future__ import annotations

from dataclasses import dataclass

from advisor import wording
from advisor.brief.model import Paragraph
from advisor.engine import Assessment, RuleResult
from advisor.pack import RulePack
from advisor.profile import CompanyProfile
from advisor.role import RoleDesign


@dataclass(frozen=True)
class BriefContext:
    """The company, its assessment, the pack and the role: everything a section is built from."""

    profile: CompanyProfile
    assessment: Assessment
    pack: RulePack
    role: RoleDesign

    @property
    def currency(self) -> str:
        return self.profile.currency

    def money(self, amount: float | None) -> str:
        return wording.money_or_undefined(amount, self.currency)


def sentence(text: str) -> str:
    """The text with a full stop, unless it already ends a sentence."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else f"{text}."


def sources_note(text: str) -> Paragraph:
    return Paragraph(sentence(text), lead="Sources:", style="note")


def reason_text(result: RuleResult) -> str:
    """Why a fired rule matters, the facts that fired it, and its source."""
    facts = "; ".join(c.text for c in result.conditions if c.passed)
    text = sentence(result.rationale)
    if facts:
        text += f" Here: {wording.in_sentence(facts)}."
    return " ".join(part for part in (text, wording.cited(result.source)) if part)
