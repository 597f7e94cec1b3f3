"""Render a workshop's readout as PDF (reportlab): landscape pages, one per slide, large type.

The blocks are drawn as the brief's PDF draws them (the same embedded fonts, escaping and
tables that wrap), at a size a room reads from a projector; the cover carries the verdict in
its colour. A character no font draws is shown as the fonts' replacement and said at the end.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Flowable, PageBreak, Spacer, TableStyle
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.doctemplate import SimpleDocTemplate

from advisor.brief.readout import Readout
from advisor.chart_content import VERDICT_COLOURS
from advisor.export.pdf import MUTED, BlockWriter, brief_styles
from advisor.export.pdf_fonts import FontReport, TextFitter, brief_fonts, draw_runs
from advisor.i18n import _, p_

PAGE = landscape(A4)
MARGIN = 1.6 * cm
SCALE = 1.6  # the brief's type, enlarged for a projector


def _larger(style: ParagraphStyle, factor: float = SCALE) -> ParagraphStyle:
    return ParagraphStyle(
        f"{style.name}-readout",
        parent=style,
        fontSize=style.fontSize * factor,
        leading=style.leading * factor,
        spaceBefore=style.spaceBefore * factor,
        spaceAfter=style.spaceAfter * factor,
    )


class _ReadoutWriter(BlockWriter):
    """The brief's block drawing, on landscape pages in large type."""

    cell_padding = 3

    def __init__(self, readout: Readout) -> None:  # the brief's writer is not built
        self.readout = readout
        self.fonts = brief_fonts()
        self.fitter = TextFitter(self.fonts)
        base = brief_styles(self.fonts)
        self.styles = replace(
            base,
            body=_larger(base.body),
            h1=_larger(base.h1),
            h2=_larger(base.h2, 1.4),
            note=_larger(base.note, 1.3),
            cell=_larger(base.cell, 1.5),
            cell_right=_larger(base.cell_right, 1.5),
            cell_head=_larger(base.cell_head, 1.5),
            cover_company=_larger(base.cover_company, 1.3),
            cover_verdict=_larger(base.cover_verdict, 1.4),
        )
        self.width = PAGE[0] - 2 * MARGIN
        self.header_runs: list[tuple[str, str | None]] = []
        self.footer_runs: list[tuple[str, str | None]] = []
        self.report = FontReport(self.fonts.label, self.fonts.replacement)

    def readout_cover(self) -> list[Flowable]:
        r, styles = self.readout, self.styles
        colour = colors.HexColor(VERDICT_COLOURS.get(r.verdict, "#33475b"))
        verdict = PdfTable(
            [
                [self.para(r.verdict_label, styles.cover_verdict, _("Verdict:"))],
                [
                    PdfParagraph(
                        f"<font color='white'>{self.markup(r.readiness)}</font>", styles.body
                    )
                ],
            ],
            colWidths=[self.width],
            hAlign="LEFT",
        )
        verdict.setStyle(
            TableStyle(
                [
                    self.cell_font(),
                    ("BACKGROUND", (0, 0), (-1, -1), colour),
                    ("LEFTPADDING", (0, 0), (-1, -1), 14),
                    ("TOPPADDING", (0, 0), (0, 0), 12),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
                ]
            )
        )
        return [
            self.para(r.title.upper(), styles.cover_kicker),
            self.para(r.company, styles.cover_company),
            self.para(f"{r.answered} · {r.date_text}", styles.cover_subtitle),
            Spacer(1, 0.6 * cm),
            verdict,
            Spacer(1, 0.4 * cm),
            self.para(r.headline, styles.body),
            Spacer(1, 0.4 * cm),
            self.para(_("Rule pack: {pack}", pack=r.pack_line), styles.cover_small),
        ]

    def readout_story(self) -> list[Flowable]:
        fitter = self.fitter
        fitter.where = p_("place in a document", "cover")
        story = self.readout_cover()
        for slide in self.readout.slides:
            fitter.where = slide.title
            story += [PageBreak(), self.para(slide.title, self.styles.h1)]
            for block in slide.blocks:
                story.extend(self.block(block))
        fitter.where = p_("place in a document", "page footer")
        r = self.readout
        self.footer_runs = fitter.runs(f"{r.company} · {r.title} · {r.date_text}"[:120])
        story += self.font_note(fitter.report())
        return story

    def footer(self, canvas: pdf_canvas.Canvas, document: Any) -> None:
        canvas.saveState()
        colour = colors.HexColor(VERDICT_COLOURS.get(self.readout.verdict, "#33475b"))
        canvas.setFillColor(colour)
        canvas.rect(0, PAGE[1] - 0.35 * cm, PAGE[0], 0.35 * cm, stroke=0, fill=1)
        canvas.setFillColor(MUTED)
        runs = [*self.footer_runs, (f" · {document.page}", None)]
        draw_runs(canvas, PAGE[0] / 2, 0.8 * cm, runs, self.fonts.regular, 9, centred=True)
        canvas.restoreState()

    def write_readout(self) -> tuple[bytes, FontReport]:
        out = io.BytesIO()
        r = self.readout
        document = SimpleDocTemplate(
            out,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            # Translators: the document's title in its properties, "Workshop readout: Acme".
            title=_("{title}: {company}", title=r.title, company=r.company),
            author="AM Advisor",
            subject=r.verdict_label,
            creator="AM Advisor",
            invariant=1,
        )
        story = self.readout_story()

        def make_canvas(*args: Any, **kwargs: Any) -> pdf_canvas.Canvas:
            kwargs["initialFontName"] = self.fonts.regular
            return pdf_canvas.Canvas(*args, **kwargs)

        document.build(
            story, onFirstPage=self.footer, onLaterPages=self.footer, canvasmaker=make_canvas
        )
        return out.getvalue(), self.report


def render_reported(readout: Readout) -> tuple[bytes, FontReport]:
    """The readout's PDF bytes, and which characters its fonts could not draw."""
    return _ReadoutWriter(readout).write_readout()


def render(readout: Readout) -> bytes:
    return render_reported(readout)[0]
