"""Export a Brief as Markdown, DOCX, PDF or JSON. The renderers only render the Brief model.

`export_brief` is the one entry point the CLI and the app's download buttons share, so a file
from either is the same document for the same inputs and edits.
"""

from __future__ import annotations

import re
import time
import unicodedata
from typing import TYPE_CHECKING

import msgspec

from advisor.i18n import N_, _

# The package's renderers of assessments and portfolios are imported without the brief's
# modules, so `advisor assess` loads only what it uses.
if TYPE_CHECKING:
    from advisor.brief import Brief

FORMATS = ("md", "docx", "pdf", "json")
FORMAT_NAMES = {"md": "Markdown", "docx": "Word (DOCX)", "pdf": "PDF", "json": "JSON"}
MEDIA_TYPES = {
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json",
}
# Formats that embed chart drawings; Markdown and JSON describe each chart in words instead
# (Markdown can link PNG files written next to it, see `export.markdown`).
IMAGE_FORMATS = frozenset({"docx", "pdf"})
CHARTS_OFF = N_("charts were switched off for this export")  # shown as `_(CHARTS_OFF)`


def render(brief: Brief, fmt: str) -> bytes:
    """The brief in one format, as the bytes of the file."""
    if fmt == "md":
        from advisor.export.markdown import render as render_markdown

        return render_markdown(brief)
    if fmt == "json":
        from advisor.export.jsondoc import render as render_jsondoc

        return render_jsondoc(brief)
    if fmt == "docx":
        from advisor.export.word import render as render_word

        return render_word(brief)
    if fmt == "pdf":
        from advisor.export.pdf import render as render_pdf

        return render_pdf(brief)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_noted(brief: Brief, fmt: str) -> tuple[bytes, tuple[str, ...]]:
    """The brief in one format, and what its reader should be told about the file.

    A PDF's note says which characters its fonts could not draw (the document says it too);
    the other formats keep every character as typed.
    """
    if fmt != "pdf":
        return render(brief, fmt), ()
    from advisor.export.pdf import render_reported

    data, fonts = render_reported(brief)
    return data, (fonts.sentence(),) if fonts.replaced else ()


class ChartReport(msgspec.Struct, frozen=True):
    drawn: int
    omitted: str
    seconds: float


def attach_charts(brief: Brief) -> tuple[Brief, ChartReport]:
    """The brief with what each of its charts shows; the renderers draw them, no browser needed."""
    from advisor.chart_content import brief_chart_content

    started = time.perf_counter()
    contents = {chart.key: brief_chart_content(chart.key, brief) for chart in brief.charts()}
    report = ChartReport(len(contents), "", time.perf_counter() - started)
    return brief.with_charts(contents), report


def export_brief(brief: Brief, fmt: str, *, charts: bool = True) -> bytes:
    """Render a brief, drawing its charts first when the format embeds images."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt in IMAGE_FORMATS:
        brief = attach_charts(brief)[0] if charts else brief.without_charts(_(CHARTS_OFF))
    return render(brief, fmt)


def file_name(company: str, fmt: str) -> str:
    """A safe download name such as `am-brief-northwind-analytics.pdf`."""
    ascii_name = unicodedata.normalize("NFKD", company).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60] or "company"
    return f"am-brief-{slug}.{fmt}"
