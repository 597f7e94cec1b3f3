"""Render a Brief as Markdown (CommonMark with GitHub tables).

All text is escaped so that whatever a company name or note contains stays literal text in any
Markdown viewer: no HTML, no links or autolinks, no mentions, no math, no headings or lists
started from inside a value.
"""

from __future__ import annotations

from advisor.brief import (
    Block,
    Brief,
    Bullets,
    Callout,
    Chart,
    Paragraph,
    Subheading,
    Table,
)
from advisor.textsafety import escape_markdown_inline, escape_markdown_line

escape = escape_markdown_inline
escape_line = escape_markdown_line


def _paragraph_text(text: str) -> str:
    """Multi-line text as Markdown: lines joined by hard breaks, blank lines kept as breaks."""
    lines = [escape_line(line) for line in text.split("\n") if line.strip()]
    return "\\\n".join(lines)


def _cell(text: str) -> str:
    return escape(text) if text.strip() else " "


def _table(table: Table) -> str:
    header = "| " + " | ".join(_cell(c) for c in table.columns) + " |"
    align = (
        "|"
        + "|".join(
            "---:" if index in table.numeric else "---" for index in range(len(table.columns))
        )
        + "|"
    )
    body = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join([header, align, *body])


def _lead(lead: str) -> str:
    return f"**{escape(lead.strip())}** " if lead.strip() else ""


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        text = _paragraph_text(block.text)
        if block.style == "quote":
            return "> " + _lead(block.lead) + text.replace("\n", "\n> ")
        if block.style == "note":
            lead = f"*{escape(block.lead.strip())}* " if block.lead.strip() else ""
            return f"{lead}{text}"
        return _lead(block.lead) + text
    if isinstance(block, Bullets):
        marker = "1." if block.ordered else "-"
        return "\n".join(f"{marker} {escape_line(item)}" for item in block.items)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Callout):
        return "> " + _lead(block.lead) + escape(block.text)
    if isinstance(block, Subheading):
        return f"### {escape(block.text)}"
    if isinstance(block, Chart):
        return f"**Chart — {escape(block.title)}.** {escape(block.summary)}"
    raise TypeError(f"unknown block {type(block).__name__}")


def render_markdown(brief: Brief) -> str:
    parts = [
        f"# {escape(brief.title)}: {escape(brief.company)}",
        f"*{escape(brief.subtitle)}*",
        _table(
            Table(
                ("", ""),
                (("Prepared", brief.date_text), *brief.cover_facts),
            )
        ),
        "> " + _lead("Headline:") + escape(brief.headline),
        f"*Rule pack: {escape(brief.pack_line)}*",
        "## Contents",
        "\n".join(f"{section.number}. {escape(section.title)}" for section in brief.sections),
    ]
    for section in brief.sections:
        parts.append(f"## {section.number}. {escape(section.title)}")
        parts.extend(_block(block) for block in section.blocks)
    return "\n\n".join(part for part in parts if part.strip()) + "\n"


def render(brief: Brief) -> bytes:
    return render_markdown(brief).encode("utf-8")
