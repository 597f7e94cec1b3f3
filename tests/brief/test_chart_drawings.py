"""The brief's charts drawn without a browser: one content for the app and the documents, read
back from every document."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from brief_support import EXAMPLES, ROOT
from docx import Document
from PIL import Image
from pypdf import PdfReader

from advisor import cli
from advisor.brief import Brief, method_appendix
from advisor.chart_content import CHART_KEYS, brief_chart_content
from advisor.charts import chart_figure, figure_from_content, plotly_text
from advisor.export import attach_charts, export_brief
from advisor.export.chart_paint import CHART_WIDTH_PT, chart_png

NORTHWIND = str(EXAMPLES / "northwind-hire-now.yaml")
SCORE_GREEN = (0x1B, 0x7F, 0x4B)


@pytest.mark.parametrize("key", CHART_KEYS)
def test_the_app_figure_shows_the_data_the_documents_draw(northwind_brief: Brief, key: str) -> None:
    content = brief_chart_content(key, northwind_brief)
    figure = chart_figure(key, northwind_brief)
    assert figure.to_plotly_json() == figure_from_content(content).to_plotly_json()
    assert len(figure.data) == len(content.series)
    for trace, series in zip(figure.data, content.series, strict=True):
        categories, values = (trace.y, trace.x) if content.horizontal else (trace.x, trace.y)
        # The app wraps long category labels over lines; the words are the same.
        shown = [str(c).replace("<br>", " ") for c in categories]
        assert shown == [plotly_text(str(x)) for x in series.x]
        assert list(values) == list(series.y)
        if series.texts:
            assert list(trace.text) == list(series.texts)
    assert figure.layout.title.text == content.title


def test_the_whatif_content_carries_zone_bands_and_todays_marker(northwind_brief: Brief) -> None:
    content = brief_chart_content("whatif", northwind_brief)
    assert [marker.label for marker in content.markers] == ["today: 22"]
    assert [band.label for band in content.bands][-1] == "hiring zone"
    figure = chart_figure("whatif", northwind_brief)
    notes = [note.text for note in figure.layout.annotations]
    assert "today: 22" in notes and "hiring zone" in notes
    shapes = figure.layout.shapes
    assert (shapes[3].x0, shapes[3].x1) == (content.bands[3].low, content.bands[3].high)


def _both(brief: Brief) -> tuple[Brief, Brief]:
    """The brief and its method appendix: the brief draws the renewal workload, the appendix
    the charts that draw what the brief's lists and tables say."""
    return brief, method_appendix(brief)


def test_docx_holds_every_chart_as_a_print_resolution_image(northwind_brief: Brief) -> None:
    docs = [Document(io.BytesIO(export_brief(b, "docx"))) for b in _both(northwind_brief)]
    assert [len(doc.inline_shapes) for doc in docs] == [1, len(CHART_KEYS) - 1]
    for doc, shape in ((d, shape) for d in docs for shape in d.inline_shapes):
        blob = doc.part.related_parts[
            shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        ].blob
        image = Image.open(io.BytesIO(blob))
        assert image.format == "PNG"
        dpi = image.width / shape.width.inches
        assert dpi >= 200, dpi
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
        assert len(colours) > 20  # drawn, not a blank box


def _chart_page(pdf: bytes) -> int:
    reader = PdfReader(io.BytesIO(pdf))
    for number, page in enumerate(reader.pages, start=1):
        if "What moved the readiness score" in " ".join(page.extract_text().split()):
            return number
    raise AssertionError("no page shows the score chart")


def _green_pixels(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(
        count
        for count, (r, g, b) in image.getcolors(maxcolors=1 << 22) or []
        if abs(r - SCORE_GREEN[0]) + abs(g - SCORE_GREEN[1]) + abs(b - SCORE_GREEN[2]) < 30
    )


def test_the_pdf_page_shows_the_chart_when_rendered(northwind_brief: Brief, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed; .ci/run installs it")
    appendix = method_appendix(northwind_brief)
    with_charts = export_brief(appendix, "pdf")
    without = export_brief(appendix, "pdf", charts=False)
    pixels = []
    for name, pdf in (("with", with_charts), ("without", without)):
        source = tmp_path / f"{name}.pdf"
        source.write_bytes(pdf)
        page = _chart_page(pdf)
        prefix = tmp_path / name
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), source, prefix],
            check=True,
            capture_output=True,
        )
        (png,) = tmp_path.glob(f"{name}-*.png")
        pixels.append(_green_pixels(png.read_bytes()))
    assert pixels[0] > 2000, pixels  # the score chart's bars fill the page where it stands
    assert pixels[1] < pixels[0] / 10, pixels


def test_a_document_export_needs_no_browser_and_no_plotly(tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    script = (
        "import sys\n"
        "from advisor import cli\n"
        f"code = cli.main(['brief', {NORTHWIND!r}, '--appendix', '--out', {str(out)!r}])\n"
        "assert code == 0\n"
        "loaded = {'plotly', 'kaleido', 'pandas', 'streamlit'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    env = {"PATH": "/nonexistent", "BROWSER_PATH": "/nonexistent/chromium"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "omitted" not in done.stderr
    assert _chart_page(out.read_bytes()) > 1


@pytest.mark.parametrize(
    ("extra", "keys"),
    [([], ("timing",)), (["--appendix"], ("score", "whatif", "growth", "payout"))],
)
def test_markdown_charts_dir_writes_pngs_next_to_the_brief(
    tmp_path: Path, extra: list[str], keys: tuple[str, ...]
) -> None:
    target = tmp_path / "out" / "brief.md"
    target.parent.mkdir()
    img = str(tmp_path / "out" / "img")
    code = cli.main(
        ["brief", NORTHWIND, *extra, "--out", str(target), "--charts-dir", img],
        stdout=io.StringIO(),
    )
    assert code == 0
    text = target.read_text(encoding="utf-8")
    for key in keys:
        image = tmp_path / "out" / "img" / f"brief-{key}.png"
        assert image.read_bytes().startswith(b"\x89PNG")
        assert f"](img/brief-{key}.png)" in text
    assert text.count("![") == len(keys)


def test_charts_dir_is_refused_for_a_format_that_embeds_its_charts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief.docx"
    code = cli.main(
        ["brief", NORTHWIND, "--out", str(out), "--charts-dir", str(tmp_path / "img")],
        stdout=io.StringIO(),
    )
    assert code == 2 and not out.exists() and not (tmp_path / "img").exists()
    assert (
        "--charts-dir: only a Markdown brief links chart files, not docx" in capsys.readouterr().err
    )


def test_chart_text_from_an_edit_is_drawn_as_plain_text(northwind_brief: Brief) -> None:
    content = brief_chart_content("score", northwind_brief)
    bars = content.series[0]
    hostile = replace(bars, x=("Rule\x00 \u202e<b>title</b>", *bars.x[1:]))
    drawn = chart_png(replace(content, series=(hostile,)), CHART_WIDTH_PT, 200)
    assert Image.open(io.BytesIO(drawn)).format == "PNG"


def test_attach_charts_reports_every_chart_drawn(northwind_brief: Brief) -> None:
    drawn = 0
    for document in _both(northwind_brief):
        brief, report = attach_charts(document)
        assert report.omitted == ""
        assert all(chart.content is not None for chart in brief.charts())
        drawn += report.drawn
    assert drawn == len(CHART_KEYS)
