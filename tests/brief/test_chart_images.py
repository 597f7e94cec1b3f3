"""Chart images: one browser per brief, and a document that says so when there is none."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

from advisor.brief import Brief
from advisor.export import attach_charts, export_brief, render
from advisor.export import images as chart_images
from advisor.export.images import NO_BROWSER, ChartRequest, find_browser, render_images

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("ADVISOR_REQUIRE_BROWSER") == "1"


def test_no_browser_means_charts_omitted_not_a_failure(
    northwind_brief: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert find_browser() is None
    brief, report = attach_charts(northwind_brief)
    assert report.drawn == 0 and report.omitted == NO_BROWSER
    assert all(chart.image is None and chart.omitted == NO_BROWSER for chart in brief.charts())
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(render(brief, "docx"))).paragraphs)
    assert f"Chart omitted — What moved the readiness score: {NO_BROWSER}." in docx_text
    pdf = PdfReader(io.BytesIO(export_brief(northwind_brief, "pdf")))
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Chart omitted — Pay at each attainment level: no Chromium" in pdf_text


def test_a_drawing_failure_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_args: Any) -> None:
        raise RuntimeError("the browser crashed")

    monkeypatch.setattr(chart_images, "_draw_all", broken)
    result = render_images([ChartRequest("score", object(), 100, 100)], browser="/bin/true")
    assert result.images == {}
    assert result.omitted == "the chart could not be drawn (RuntimeError: the browser crashed)"


@pytest.mark.browser
def test_all_charts_of_a_brief_are_drawn_by_one_browser(
    northwind_brief: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not CHROMIUM.exists():
        if REQUIRE_BROWSER:
            pytest.fail("ADVISOR_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing")
        pytest.skip("no /usr/bin/chromium")
    import kaleido

    monkeypatch.delenv("BROWSER_PATH", raising=False)
    opened: list[int] = []
    original = kaleido.Kaleido.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        opened.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(kaleido.Kaleido, "__init__", counting)
    brief, report = attach_charts(northwind_brief)
    assert report.omitted == "", report.omitted
    assert report.drawn == 3 and len(opened) == 1
    for chart in brief.charts():
        assert chart.image is not None and chart.image.startswith(b"\x89PNG")
    assert len(Document(io.BytesIO(render(brief, "docx"))).inline_shapes) == 3
    pdf = PdfReader(io.BytesIO(render(brief, "pdf")))
    assert sum(len(page.images) for page in pdf.pages) == 3
