"""Paint a laid-out chart scene: as a reportlab drawing (vector, in the PDF) or as a PNG.

Neither painter needs a browser. The PNG is drawn with Pillow at print resolution and carries
its resolution, so Word places it at its size sharp on paper.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from advisor.chart_content import ChartContent
from advisor.export.chart_drawing import (
    Box,
    Dot,
    Label,
    Scene,
    Stroke,
    font_measure,
    lay_out,
    pixel_font,
)
from advisor.export.fontfiles import chart_font_files

PRINT_DPI = 220
CHART_WIDTH_CM = 16.0  # Word and Markdown images: drawn at their printed size, text stays legible
CHART_WIDTH_PT = CHART_WIDTH_CM / 2.54 * 72
ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def chart_scene(content: ChartContent, width: float, height: float) -> Scene:
    return lay_out(content, width, height, font_measure())


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


class _Raster:
    """Pillow canvas in pixels, y downwards; marks arrive in points, y upwards."""

    def __init__(self, scene: Scene, dpi: int) -> None:
        from PIL import Image, ImageDraw

        self.image_module = Image
        self.k = dpi / 72
        self.height = scene.height
        size = (round(scene.width * self.k), round(scene.height * self.k))
        self.image = Image.new("RGB", size, "white")
        self.draw = ImageDraw.Draw(self.image)
        self.fonts = chart_font_files()

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return x * self.k, (self.height - y) * self.k

    def font(self, size: float, bold: bool) -> Any:
        return pixel_font(self.fonts[1] if bold else self.fonts[0], round(size * self.k))

    def box(self, mark: Box) -> None:
        x0, y1 = self.xy(mark.x, mark.y)
        x1, y0 = self.xy(mark.x + mark.width, mark.y + mark.height)
        self.draw.rectangle((x0, y0, max(x0, x1 - 1), max(y0, y1 - 1)), fill=_hex(mark.fill))

    def stroke(self, mark: Stroke) -> None:
        points = [self.xy(x, y) for x, y in mark.points]
        width = max(1, round(mark.width * self.k))
        self.draw.line(points, fill=_hex(mark.colour), width=width, joint="curve")

    def dot(self, mark: Dot) -> None:
        x, y = self.xy(mark.x, mark.y)
        r = mark.radius * self.k
        self.draw.ellipse((x - r, y - r, x + r, y + r), fill=_hex(mark.colour))

    def label(self, mark: Label) -> None:
        font = self.font(mark.size, mark.bold)
        x, y = self.xy(mark.x, mark.y)
        if not mark.vertical:
            self.draw.text(
                (x, y), mark.text, fill=_hex(mark.colour), font=font, anchor=ANCHORS[mark.anchor]
            )
            return
        left, top, right, bottom = font.getbbox(mark.text, anchor="ls")
        strip = self.image_module.new("L", (int(right - left) + 2, int(bottom - top) + 2), 0)
        strip_draw = type(self.draw)(strip)
        strip_draw.text((-left + 1, -top + 1), mark.text, fill=255, font=font, anchor="ls")
        turned = strip.rotate(90, expand=True)
        colour = self.image_module.new("RGB", turned.size, _hex(mark.colour))
        corner = (int(x + top), int(y - turned.size[1] / 2))
        self.image.paste(colour, corner, turned)

    def png(self, dpi: int) -> bytes:
        out = io.BytesIO()
        self.image.save(out, format="PNG", dpi=(dpi, dpi), compress_level=1)
        return out.getvalue()


def scene_png(scene: Scene, dpi: int = PRINT_DPI) -> bytes:
    """The scene as PNG bytes at `dpi` pixels per inch."""
    raster = _Raster(scene, dpi)
    painters: dict[type, Callable[[Any], None]] = {
        Box: raster.box,
        Stroke: raster.stroke,
        Dot: raster.dot,
        Label: raster.label,
    }
    for mark in scene.marks:
        painters[type(mark)](mark)
    return raster.png(dpi)


def chart_png(content: ChartContent, width: float, height: float, dpi: int = PRINT_DPI) -> bytes:
    """A chart as a PNG of `width` × `height` points at `dpi`."""
    return scene_png(chart_scene(content, width, height), dpi)


def scene_drawing(scene: Scene, fonts: tuple[str, str], fit: Callable[[str], str]) -> Any:
    """The scene as a reportlab `Drawing` (a flowable), every mark a vector shape.

    `fonts` are the registered regular and bold font names; `fit` replaces characters they
    cannot draw.
    """
    from reportlab.graphics.shapes import Circle, Drawing, Group, PolyLine, Rect, String
    from reportlab.lib.colors import HexColor

    drawing = Drawing(scene.width, scene.height)
    # reportlab's renderer starts a drawing in its default font (Helvetica) and sets it on the
    # canvas before any String is drawn, which lists Helvetica, not embedded, on the page.
    drawing.initialFontName = fonts[0]
    for mark in scene.marks:
        if isinstance(mark, Box):
            fill = HexColor(mark.fill)
            drawing.add(
                Rect(mark.x, mark.y, mark.width, mark.height, fillColor=fill, strokeColor=None)
            )
        elif isinstance(mark, Stroke):
            flat = [value for point in mark.points for value in point]
            line = PolyLine(flat, strokeColor=HexColor(mark.colour), strokeWidth=mark.width)
            line.strokeLineJoin = 1
            drawing.add(line)
        elif isinstance(mark, Dot):
            colour = HexColor(mark.colour)
            drawing.add(Circle(mark.x, mark.y, mark.radius, fillColor=colour, strokeColor=None))
        else:
            text = String(
                0 if mark.vertical else mark.x,
                0 if mark.vertical else mark.y,
                fit(mark.text),
                fontName=fonts[1] if mark.bold else fonts[0],
                fontSize=mark.size,
                fillColor=HexColor(mark.colour),
                textAnchor=mark.anchor,
            )
            if mark.vertical:
                drawing.add(Group(text, transform=(0, 1, -1, 0, mark.x, mark.y)))
            else:
                drawing.add(text)
    return drawing


def chart_drawing(
    content: ChartContent,
    width: float,
    height: float,
    fonts: tuple[str, str],
    fit: Callable[[str], str],
) -> Any:
    """A chart as a vector reportlab drawing of `width` × `height` points."""
    return scene_drawing(chart_scene(content, width, height), fonts, fit)
