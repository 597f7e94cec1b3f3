"""Handing out links in a minute: every new link as one text to copy, each link's QR code, and a
printable PDF sheet with each respondent's name, link and QR code; the command line prints the
same sheet from the copied text.

Each link used to be shown once, for one person at a time, with no code to scan and nothing to
print.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import segno
from pypdf import PdfReader

from advisor import cli
from advisor.export import links_sheet as sheet
from advisor.export.links_sheet import (
    LinksError,
    links_sheet,
    links_text,
    qr_png,
    read_links_text,
)

TOKEN = "A" * 43
LINKS = [
    (f"Person {number}", f"http://localhost:8501/?workshop={TOKEN[:-1]}{number}")
    for number in range(7)
]


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_copy_all_gives_every_link_one_a_line_and_reads_back() -> None:
    text = links_text([("Dana Lee", "http://h/?workshop=x"), ("Ravi\nKumar", "http://h/?w=y")])
    assert text == "Dana Lee: http://h/?workshop=x\nRavi Kumar: http://h/?w=y\n"
    assert read_links_text(text) == [
        ("Dana Lee", "http://h/?workshop=x"),
        ("Ravi Kumar", "http://h/?w=y"),
    ]


def test_a_name_with_a_colon_keeps_it() -> None:
    assert read_links_text("Ops: Dana: http://h/?workshop=x\n") == [
        ("Ops: Dana", "http://h/?workshop=x")
    ]


def test_a_links_text_with_bad_lines_names_each_line() -> None:
    with pytest.raises(LinksError) as error:
        read_links_text(
            "Dana: http://h/x\n\nno link here\n: http://h/y\nRavi: two words\n", "l.txt"
        )
    assert [(p.file, p.line) for p in error.value.problems] == [
        ("l.txt", 3),
        ("l.txt", 4),
        ("l.txt", 5),
    ]
    assert 'expected "NAME: LINK"' in error.value.problems[0].message


def test_an_empty_links_text_is_refused() -> None:
    with pytest.raises(LinksError, match="no links in it"):
        read_links_text("\n \n", "l.txt")


def test_the_sheet_holds_every_name_and_link_six_a_page() -> None:
    pdf = links_sheet("Northwind › today", LINKS)
    pages = _text(pdf)
    assert len(pages) == -(-len(LINKS) // 6) == 2  # six a page, rounded up
    for number, (name, link) in enumerate(LINKS):
        page = pages[number // 6]
        assert name in page
        assert link in page.replace("\n", "")  # a long link wraps across lines
    assert all(page.startswith("Northwind › today") for page in pages)


def test_every_code_on_the_sheet_opens_its_link() -> None:
    reader = PdfReader(io.BytesIO(links_sheet("W", LINKS[:3])))
    uris = [
        annotation.get_object()["/A"]["/URI"] for annotation in reader.pages[0].get("/Annots", [])
    ]
    assert uris == [link for _, link in LINKS[:3]]


class _Recorder:
    """A canvas that keeps the squares drawn."""

    def __init__(self) -> None:
        self.squares: list[tuple[float, float]] = []

    def setFillColor(self, colour: Any) -> None:  # reportlab's name
        pass

    def rect(self, x: float, y: float, w: float, h: float, stroke: int, fill: int) -> None:
        self.squares.append((round(x, 6), round(y, 6)))


def test_the_code_drawn_is_the_links_qr_code_module_for_module() -> None:
    link = LINKS[0][1]
    matrix = segno.make(link, error="m", micro=False).matrix
    size = len(matrix) + 8  # four modules of quiet zone each side
    recorder = _Recorder()
    sheet._draw_qr(recorder, link, 0.0, 0.0, float(size))  # one point a module
    expected = {
        (float(column + 4), float(size - (row + 4) - 1))
        for row, cells in enumerate(matrix)
        for column, dark in enumerate(cells)
        if dark
    }
    assert set(recorder.squares) == expected and len(recorder.squares) == len(expected)


def test_a_links_qr_code_is_a_png_image() -> None:
    image = qr_png(LINKS[0][1])
    assert image.startswith(b"\x89PNG\r\n\x1a\n")


def test_the_command_line_prints_the_sheet_from_the_copied_text(tmp_path: Path) -> None:
    source = tmp_path / "links.txt"
    source.write_text(links_text(LINKS[:2]), encoding="utf-8")
    out = io.StringIO()
    target = tmp_path / "links.pdf"
    code = cli.main(["workshop", "sheet", str(source), "--out", str(target)], out)
    assert (code, out.getvalue()) == (0, f"{target}: 2 links\n")
    text = _text(target.read_bytes())[0]
    assert "Person 0" in text and "Person 1" in text and text.startswith("Workshop links")


def test_the_command_line_names_the_bad_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "links.txt"
    source.write_text("Dana: http://h/x\nnot a link line\n", encoding="utf-8")
    target = tmp_path / "links.pdf"
    code = cli.main(["workshop", "sheet", str(source), "--out", str(target)], io.StringIO())
    assert code == 2 and not target.exists()
    assert f"{source}:2: line: expected" in capsys.readouterr().err
