"""A workshop's results as plain text for the terminal, Markdown for sharing, and strict JSON.

Every name and comment is the respondents' own text: the text report shows terminal controls
as `?`, Markdown escapes it, JSON writes `<`, `>` and `&` as \\u escapes.
"""

from __future__ import annotations

import json
from typing import Any

from advisor import wording
from advisor.textsafety import escape_markdown_inline, terminal_safe
from advisor.workshop import (
    TOGETHER_NOTE,
    RespondentResult,
    WorkshopResult,
    consensus_text,
    flip_text,
    question_state,
)
from advisor.workshop.results import given_text

SCHEMA_ID = "am-advisor/workshop"
SCHEMA_VERSION = "1.0"


def _score(verdict: str, score: float) -> str:
    return wording.saved_score(verdict, score)


def _their_verdict(person: RespondentResult) -> str:
    """ "Hire now, 55/100" or "no answers yet"."""
    if person.verdict is None or person.score is None:
        return person.verdict_label
    return f"{person.verdict_label}, {_score(person.verdict.value, person.score)}"


def _consensus_line(result: WorkshopResult) -> str:
    consensus = result.consensus
    if not result.quorum_met:
        return f"not yet: {result.quorum_text()}"
    return f"{consensus.verdict_label} ({consensus.readiness})"


def render_text(result: WorkshopResult) -> str:
    consensus = result.consensus
    people = result.respondents
    lines = [
        f"Workshop: {result.base.company} — {wording.plural(len(people), 'respondent')}, "
        + f"{len(result.questions)} questions",
        "",
        "Respondents (their answers over the case's facts; \"don't know\" keeps the case's):",
    ]
    for person in people:
        lines.append(
            f"  - {person.respondent.title}: {_their_verdict(person)} "
            f"({person.answered} of {len(result.questions)} answered)"
        )
    lines.append("")
    lines.append("Questions:")
    for number, question in enumerate(result.questions, 1):
        lines.append(f"  {number}. {question.label} — {question_state(question)}")
        for name, answer in question.answers:
            folded = " ".join(answer.comment.split())
            comment = f'  "{folded}"' if folded else ""
            lines.append(f"       {name}: {given_text(question, name, answer)}{comment}")
        lines.append(f"       consensus: {consensus_text(question)}")
        for flip in question.flips:
            lines.append(f"       ! {flip_text(flip, consensus.verdict_label)}")
    lines.append("")
    lines.append("Decisive disagreements:")
    decisive = [f for q in result.questions for f in q.flips]
    if decisive:
        lines += [f"  - {flip_text(flip, consensus.verdict_label)}" for flip in decisive]
    else:
        lines.append("  - none: no single answer given changes the consensus verdict")
    if result.together:
        lines.append("")
        lines.append(f"Decisive only together ({TOGETHER_NOTE}):")
        lines += [f"  - {flip_text(flip, consensus.verdict_label)}" for flip in result.together]
    lines.append("")
    lines.append(f"Consensus verdict: {_consensus_line(result)}")
    pack = consensus.pack
    lines.append(f"Rule pack: {pack.name} {pack.version} (digest {pack.digest})")
    return terminal_safe("\n".join(lines) + "\n")


def _cell(text: str) -> str:
    text = " ".join(text.split())
    return escape_markdown_inline(text) if text else " "


def render_markdown(result: WorkshopResult) -> str:
    consensus = result.consensus
    names = [person.respondent.title for person in result.respondents]
    header = ["Question", *names, "Consensus", "Agreement"]
    rows = []
    for question in result.questions:
        answers = [given_text(question, name, answer) for name, answer in question.answers]
        rows.append([question.label, *answers, consensus_text(question), question_state(question)])
    table = [
        "| " + " | ".join(_cell(cell) for cell in header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows),
    ]
    parts = [
        f"# Workshop: {_cell(result.base.company)}",
        f"**Consensus verdict:** {_cell(_consensus_line(result))}",
        "## Respondents",
        "\n".join(
            f"- {_cell(p.respondent.title)}: {_cell(_their_verdict(p))} "
            f"({p.answered} of {len(result.questions)} answered)"
            for p in result.respondents
        ),
        "## Answers",
        "\n".join(table),
        "## Decisive disagreements",
        "\n".join(
            f"- {_cell(flip_text(flip, consensus.verdict_label))}"
            for q in result.questions
            for flip in q.flips
        )
        or "- None: no single answer given changes the consensus verdict.",
    ]
    if result.together:
        parts.append("## Decisive only together")
        parts.append(f"*{_cell(wording.capitalised(TOGETHER_NOTE))}.*")
        parts.append(
            "\n".join(
                f"- {_cell(flip_text(flip, consensus.verdict_label))}" for flip in result.together
            )
        )
    comments = [
        f"- **{_cell(name)}** on {_cell(q.label)}: {_cell(answer.comment)}"
        for q in result.questions
        for name, answer in q.answers
        if answer.comment
    ]
    if comments:
        parts += ["## Comments", "\n".join(comments)]
    pack = consensus.pack
    parts.append(f"*Rule pack: {_cell(f'{pack.name} {pack.version} · digest {pack.digest}')}*")
    return "\n\n".join(parts) + "\n"


def workshop_data(result: WorkshopResult) -> dict[str, Any]:
    return {"schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION, **result.to_dict()}


def render_json(result: WorkshopResult) -> str:
    text = json.dumps(workshop_data(result), ensure_ascii=False, allow_nan=False, indent=2)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text + "\n"


def render(result: WorkshopResult, fmt: str) -> str:
    if fmt == "json":
        return render_json(result)
    if fmt == "md":
        return render_markdown(result)
    return render_text(result)
