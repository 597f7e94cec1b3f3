"""Render a Brief, and the reports' documents, as Markdown (CommonMark with GitHub tables).

All text is escaped so that whatever a company name or note contains stays literal text in any
Markdown viewer: no HTML, no links or autolinks, no mentions, no math, no headings or lists
started from inside a value. Every word comes from the document: the brief's cover words from
`Brief.COVER_WORDS`, a report's from its `Report`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import quote

from advisor.blocks import (
    Block,
    Bullets,
    Callout,
    Chart,
    Entries,
    Facts,
    Lines,
    Note,
    Paragraph,
    Report,
    ReportBlock,
    Subheading,
    Table,
)
from advisor.textsafety import escape_markdown_inline, escape_markdown_line

# The reports load this module without the brief's modules.
if TYPE_CHECKING:
    from advisor.brief import Brief

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


def _chart(block: Chart, link: str | None) -> str:
    words = f"**{escape(block.LEAD.format(title=block.title))}** {escape(block.summary)}"
    if link is None:
        return words
    # Percent-encoded, so a space or bracket in a folder name cannot end the link early.
    return f"![{escape(block.title)}]({quote(link)})\n\n{words}"


def _block(block: Block, links: Mapping[str, str]) -> str:
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
        return _chart(block, links.get(block.key))
    raise TypeError(type(block).__name__)


def render_markdown(brief: Brief, chart_links: Mapping[str, str] | None = None) -> str:
    """The brief as Markdown; `chart_links` maps chart keys to image files to show inline."""
    links = chart_links or {}
    words = brief.COVER_WORDS
    parts = [
        f"# {escape(brief.title)}: {escape(brief.company)}",
        f"*{escape(brief.subtitle)}*",
        f"**{escape(brief.branding.prepared_by)}**" if brief.branding.prepared_by else "",
        _table(
            Table(
                ("", ""),
                ((words["prepared"], brief.date_text), *brief.cover_facts),
            )
        ),
        "> " + _lead(words["headline"]) + escape(brief.headline),
        f"*{escape(words['pack_line'].format(pack_line=brief.pack_line))}*",
        f"## {escape(words['contents'])}",
        "\n".join(f"{section.number}. {escape(section.title)}" for section in brief.sections),
    ]
    for section in brief.sections:
        parts.append(f"## {section.number}. {escape(section.title)}")
        parts.extend(_block(block, links) for block in section.blocks)
    return "\n\n".join(part for part in parts if part.strip()) + "\n"


def render(brief: Brief, chart_links: Mapping[str, str] | None = None) -> bytes:
    return render_markdown(brief, chart_links).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# The reports


def _entries(block: Entries) -> str:
    out = []
    for number, entry in enumerate(block.items, 1):
        mark = f"{number}." if block.ordered else "-"
        out.append(f"{mark} {escape_line(entry.head)}")
        under = " " * (len(mark) + 1)
        out += [f"{under}- {escape_line(detail)}" for detail in entry.details]
    return "\n".join(out)


def _report_block(block: ReportBlock) -> str:
    if isinstance(block, Lines):
        return "\n".join(f"- {escape_line(item)}" for item in block.items)
    if isinstance(block, Facts):
        return "\n".join(f"- {escape_line(label)}: {escape(value)}" for label, value in block.rows)
    if isinstance(block, Entries):
        return _entries(block)
    if isinstance(block, Note):
        return f"*{escape(block.text)}*"
    return _block(block, {})


def render_report(report: Report) -> str:
    """A report's document as Markdown: its title, the lines under it, then each part."""
    parts = [f"# {escape(report.title)}", *(escape_line(line) for line in report.standfirst)]
    for part in report.parts:
        if part.title:
            parts.append(f"## {escape(part.title)}")
        parts += [_report_block(block) for block in part.blocks]
    return "\n\n".join(part for part in parts if part.strip()) + "\n"


# The hiring kit's documents (`export.kit`) write their blocks as the brief does.
markdown_block = _block
markdown_table = _table
