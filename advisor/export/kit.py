"""Render a hiring-kit document (`KitDocument`) as Markdown, DOCX, PDF or JSON.

The blocks are drawn by the brief's own block code (`markdown`, `word`, `pdf`, `jsondoc`), so
a table, a list or a callout looks the same in a kit document as in the brief. A kit document
has no cover page: its title, who it is for, the company, the date, who prepared it and whether
it is confidential head the first page, and its sections follow. A document is rendered in the
language it was built in (`KitDocument.language`), so the renderers' own words match its text.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer
from reportlab.platypus.doctemplate import SimpleDocTemplate

from advisor.brief.model import Table
from advisor.export.jsondoc import block_data, clean_data
from advisor.export.markdown import escape, markdown_block, markdown_table
from advisor.export.pdf import BlockWriter, NumberedCanvas, brief_styles
from advisor.export.pdf_fonts import FontReport, TextFitter, brief_fonts
from advisor.export.word import MUTED as WORD_MUTED
from advisor.export.word import BlockWriter as WordBlockWriter
from advisor.i18n import _, language
from advisor.kit import KitExtra
from advisor.kit.document import KitDocument, KitInputs

SCHEMA_ID = "am-advisor/kit-document"
SCHEMA_VERSION = "1.0"
PDF_MARGIN = 1.3 * cm


# --- Markdown ---------------------------------------------------------------------------------


def render_markdown(document: KitDocument) -> str:
    with language(document.language):
        return _markdown(document)


def _markdown(document: KitDocument) -> str:
    parts = [
        f"# {escape(document.title)}: {escape(document.company)}",
        f"*{escape(document.byline)}*",
    ]
    if document.cover_facts:
        parts.append(markdown_table(Table(("", ""), document.cover_facts)))
    for section in document.sections:
        parts.append(f"## {section.number}. {escape(section.title)}")
        parts.extend(markdown_block(block, {}) for block in section.blocks)
    return "\n\n".join(part for part in parts if part.strip()) + "\n"


# --- JSON -------------------------------------------------------------------------------------


def document_data(document: KitDocument) -> dict[str, Any]:
    data: dict[str, Any] = clean_data(
        {
            "schema": SCHEMA_ID,
            "schema_version": SCHEMA_VERSION,
            "key": document.key,
            "title": document.title,
            "audience": document.audience,
            "company": document.company,
            "prepared_on": document.prepared_on.isoformat(),
            "prepared_by": document.prepared_by,
            "confidential": document.confidential,
            "cover": [list(fact) for fact in document.cover_facts],
            "sections": [
                {
                    "key": section.key,
                    "number": section.number,
                    "title": section.title,
                    "blocks": [block_data(block) for block in section.blocks],
                    **({"new_page": True} if section.key in document.page_breaks else {}),
                }
                for section in document.sections
            ],
        }
    )
    return data


def _json_text(data: dict[str, Any]) -> str:
    """JSON with <, > and & escaped, so the text is safe inside an HTML <script> too."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text + "\n"


def render_json(document: KitDocument) -> str:
    return _json_text(document_data(document))


def render_extra_noted(
    extra: KitExtra, kit: KitInputs, language: str | None = None
) -> tuple[bytes, tuple[str, ...]]:
    """A document's extra file (the JobPosting JSON-LD) in `language` (the current language
    when None), and what its reader should be told."""
    data, notes = extra.build(kit, language)
    return _json_text(data).encode("utf-8"), notes


# --- Word -------------------------------------------------------------------------------------


class _WordWriter(WordBlockWriter):
    """The brief's Word blocks, under the kit document's heading."""

    def __init__(self, document: KitDocument) -> None:  # the brief's writer is not built
        self.document = document
        self.doc = Document()
        self.style_ids: dict[str, str | None] = {}
        self._styles()

    def heading(self) -> None:
        document = self.document
        title = self.doc.add_paragraph()
        run = title.add_run(f"{document.title}: {document.company}")
        run.font.size, run.font.bold = Pt(18), True
        byline = self.doc.add_paragraph()
        run = byline.add_run(document.byline)
        run.font.size, run.font.italic, run.font.color.rgb = Pt(10), True, WORD_MUTED
        if document.cover_facts:
            self.table(Table(("", ""), document.cover_facts, widths=(1, 3)), header=False)

    def kit_properties(self) -> None:
        props = self.doc.core_properties
        props.title = f"{self.document.title}: {self.document.company}"[:250]
        props.author = self.document.prepared_by[:250] or "AM Advisor"
        moment = dt.datetime.combine(self.document.prepared_on, dt.time(), tzinfo=dt.UTC)
        props.created = props.modified = moment
        props.last_modified_by = "AM Advisor"
        props.revision = 1

    def render(self) -> bytes:
        self.kit_properties()
        self.heading()
        for section in self.document.sections:
            if section.key in self.document.page_breaks:
                self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            self.add_heading(section.heading, level=2)
            for block in section.blocks:
                self.block(block)
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def render_word(document: KitDocument) -> bytes:
    with language(document.language):
        return _WordWriter(document).render()


# --- PDF --------------------------------------------------------------------------------------


def _sized(style: ParagraphStyle, size: float, leading: float, after: float) -> ParagraphStyle:
    """The brief's style in the kit's denser type, so a one-page document stays one page."""
    return ParagraphStyle(
        f"{style.name}-kit", parent=style, fontSize=size, leading=leading, spaceAfter=after
    )


class _PdfWriter(BlockWriter):
    """The brief's PDF blocks on A4 pages, the document's heading at the top of the first."""

    def __init__(self, document: KitDocument) -> None:  # the brief's writer is not built
        self.document = document
        self.fonts = brief_fonts()
        self.fitter = TextFitter(self.fonts)
        base = brief_styles(self.fonts)
        self.styles = replace(
            base,
            body=_sized(base.body, 8.2, 10.5, 2),
            note=_sized(base.note, 7.2, 9.0, 2),
            cell=_sized(base.cell, 7.8, 9.6, 0),
            cell_right=_sized(base.cell_right, 7.8, 9.6, 0),
            cell_head=_sized(base.cell_head, 7.8, 9.6, 0),
        )
        self.kicker_style = ParagraphStyle(
            "kit-kicker", parent=base.cover_kicker, fontSize=8.5, leading=10, spaceAfter=1
        )
        self.title_style = ParagraphStyle(
            "kit-title", parent=base.cover_company, fontSize=15, leading=18, spaceAfter=2
        )
        self.section_style = ParagraphStyle(
            "kit-section", parent=base.h2, fontSize=10, leading=12, spaceBefore=5, spaceAfter=2
        )
        self.width = A4[0] - 2 * PDF_MARGIN
        self.header_runs: list[tuple[str, str | None]] = []
        self.footer_runs: list[tuple[str, str | None]] = []
        self.report = FontReport(self.fonts.label, self.fonts.replacement)
        self.fitted: KeepInFrame | None = None

    def scale(self) -> float:
        """The share of its size a one-page document is drawn at to fit its page: 1.0 when it
        fits as designed."""
        reduced = float(getattr(self.fitted, "_scale", 1.0)) if self.fitted is not None else 1.0
        return 1.0 / max(reduced, 1.0)

    def story(self) -> list[Flowable]:
        document, styles, fitter = self.document, self.styles, self.fitter
        fitter.where = "heading"
        facts = " · ".join(f"{label}: {value}" for label, value in document.cover_facts)
        story: list[Flowable] = [
            self.para(document.title.upper(), self.kicker_style),
            self.para(document.company, self.title_style),
            self.para(document.byline, styles.cover_small),
        ]
        if facts:
            story.append(self.para(facts, styles.cover_small))
        story.append(Spacer(1, 2))
        for section in document.sections:
            fitter.where = section.heading
            if section.key in document.page_breaks:
                story.append(PageBreak())
            heading = self.para(section.heading, self.section_style)
            heading.keepWithNext = True
            story.append(heading)
            for block in section.blocks:
                story.extend(self.block(block))
        fitter.where = "page footer"
        self.footer_runs = fitter.runs(f"{document.title} · {document.company}"[:90])
        report = fitter.report()
        if report.replaced:
            story.append(self.para(report.sentence(show_characters=False), styles.note))
        self.report = report
        if document.one_page:
            # The frame's padding (6 pt a side) is inside the margins.
            height = A4[1] - 2 * PDF_MARGIN - 12
            self.fitted = KeepInFrame(self.width - 12, height, story, mode="shrink")
            return [self.fitted]
        return story

    def render(self) -> tuple[bytes, FontReport]:
        out = io.BytesIO()
        document = self.document
        template = SimpleDocTemplate(
            out,
            pagesize=A4,
            leftMargin=PDF_MARGIN,
            rightMargin=PDF_MARGIN,
            topMargin=PDF_MARGIN,
            bottomMargin=PDF_MARGIN,
            title=f"{document.title}: {document.company}",
            author=document.prepared_by or "AM Advisor",
            creator="AM Advisor",
            invariant=1,
        )
        story = self.story()

        def make_canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
            kwargs["initialFontName"] = self.fonts.regular
            canvas = NumberedCanvas(*args, **kwargs)
            canvas.footer_runs = self.footer_runs
            canvas.footer_font = self.fonts.regular
            return canvas

        template.build(story, canvasmaker=make_canvas)
        return out.getvalue(), self.report


def render_pdf_reported(document: KitDocument) -> tuple[bytes, FontReport]:
    """The PDF's bytes, and which characters its fonts could not draw."""
    with language(document.language):
        return _PdfWriter(document).render()


def pdf_scale(document: KitDocument) -> float:
    """The share of its type a one-page document's PDF is drawn at (1.0: as designed)."""
    with language(document.language):
        writer = _PdfWriter(document)
        writer.render()
        return writer.scale()


# --- one entry --------------------------------------------------------------------------------

KIT_FORMATS = ("md", "docx", "pdf", "json")


def render_kit_noted(document: KitDocument, fmt: str) -> tuple[bytes, tuple[str, ...]]:
    """The document in one format, and what its reader should be told about the file, in the
    language the document was built in."""
    with language(document.language):
        return _rendered(document, fmt)


def _rendered(document: KitDocument, fmt: str) -> tuple[bytes, tuple[str, ...]]:
    if fmt == "md":
        return render_markdown(document).encode("utf-8"), ()
    if fmt == "json":
        return render_json(document).encode("utf-8"), ()
    if fmt == "docx":
        return render_word(document), ()
    if fmt == "pdf":
        data, fonts = render_pdf_reported(document)
        return data, (fonts.sentence(),) if fonts.replaced else ()
    raise ValueError(
        _(
            "unknown format {format}; expected one of {formats}",
            format=repr(fmt),
            formats=", ".join(KIT_FORMATS),
        )
    )


def render_kit(document: KitDocument, fmt: str) -> bytes:
    return render_kit_noted(document, fmt)[0]


__all__ = ["KIT_FORMATS", "render_extra_noted", "render_kit", "render_kit_noted"]
