"""What every section builder reads, and the small phrases the sections share."""

from __future__ import annotations

from dataclasses import dataclass

from advisor import wording
from advisor.engine import Assessment, RuleResult
from advisor.i18n import _
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


def run_together(items: tuple[str, ...] | list[str]) -> str:
    """A short list as one sentence: the items joined by semicolons, each after the first
    starting in lower case, with a full stop."""
    parts = [item.strip().rstrip(".;") for item in items if item.strip()]
    if not parts:
        return ""
    return sentence("; ".join([parts[0], *(wording.in_sentence(p) for p in parts[1:])]))


def reason_text(result: RuleResult) -> str:
    """Why a fired rule matters, the facts that fired it, and its source."""
    facts = "; ".join(c.text for c in result.conditions if c.passed)
    text = sentence(result.rationale)
    if facts:
        # Translators: {reason} is why the rule matters (a sentence); {facts} the facts that
        # fired it, joined by semicolons.
        text = _("{reason} Here: {facts}.", reason=text, facts=wording.in_sentence(facts))
    return " ".join(part for part in (text, wording.cited(result.source)) if part)


def short_citation(source: str) -> str:
    """A citation's documents without their detail: `“Title” (Publisher: what it says)`
    becomes `“Title” (Publisher)`, and text after a ": " outside parentheses is left out."""
    out: list[str] = []
    depth = 0
    skip_to: int | None = None  # the depth whose closing parenthesis ends a skipped detail
    for index, char in enumerate(source):
        if skip_to is not None:
            depth += (char == "(") - (char == ")")
            if depth < skip_to:
                skip_to = None
                out.append(char)
            continue
        if source.startswith(": ", index):
            if depth == 0:
                break
            skip_to = depth
            continue
        depth += (char == "(") - (char == ")")
        out.append(char)
    return "".join(out).strip()
