"""A brief chart laid out as a scene of boxes, lines, dots and labels, in points.

The layout is done once, here, from the chart's content (`advisor.chart_content`); two small
painters turn the scene into a reportlab drawing (vector, for the PDF) or a PNG (for Word and
Markdown), so both documents show the same marks in the same places. Coordinates start at the
bottom left, as in PDF; text is placed by its baseline.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from advisor.chart_content import Band, ChartContent, Series, label_step
from advisor.i18n import _, formats
from advisor.textsafety import clean_text

INK = "#1f2a37"
MUTED = "#5b6b7a"
GRID = "#dfe4ea"
AXIS = "#9aa5b1"
TITLE_SIZE = 10.0
TEXT_SIZE = 7.5
SMALL_SIZE = 6.8
PAD = 6.0

Measure = Callable[[str, float, bool], float]
Scale = Callable[[float], float]


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass(frozen=True)
class Stroke:
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    radius: float
    colour: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    size: float = TEXT_SIZE
    colour: str = INK
    anchor: str = "start"  # start | middle | end
    bold: bool = False
    vertical: bool = False  # read bottom to top, (x, y) the baseline's start after turning


Mark = Box | Stroke | Dot | Label


@dataclass
class Scene:
    width: float
    height: float
    marks: list[Mark] = field(default_factory=list)


def blend(colour: str, opacity: float) -> str:
    """`colour` at `opacity` over white, as one opaque colour (both painters show it alike)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - part) * opacity) for part in (red, green, blue))
    return "#" + "".join(f"{part:02x}" for part in mixed)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    value = first
    while value <= high + 1e-9 * step:
        ticks.append(round(value, 10))
        value += step
    return ticks


def tick_text(value: float) -> str:
    """A value on an axis in the locale's digits: '250', '2.5', '40k' ('2,5', '40 mil')."""
    if abs(value) >= 10_000:
        # Translators: an axis value in thousands ("40k"); {thousands} is the number.
        return _("{thousands}k", thousands=formats.number(value / 1000))
    whole = float(value).is_integer()
    return formats.number(value) if whole else formats.number(round(value, 1), 1)


def fit_text(text: str, limit: float, size: float, measure: Measure, bold: bool = False) -> str:
    """The text, shortened with an ellipsis to fit `limit` points."""
    if measure(text, size, bold) <= limit:
        return text
    while len(text) > 1 and measure(text + "…", size, bold) > limit:
        text = text[:-1]
    return text.rstrip() + "…"


@dataclass(frozen=True)
class Frame:
    """The plot area and the value scale of one chart."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


def _scale(low: float, high: float, start: float, end: float) -> Scale:
    span = (high - low) or 1.0
    return lambda value: start + (value - low) / span * (end - start)


def _legend(content: ChartContent, scene: Scene, measure: Measure) -> float:
    """Lay the legend out in rows at the bottom; returns the height it takes."""
    entries = [s for s in content.series if s.in_legend]
    if len(entries) < 2:
        return 0.0
    rows: list[list[tuple[Series, float]]] = [[]]
    used = 0.0
    for series in entries:
        name = fit_text(series.name, scene.width * 0.6, SMALL_SIZE, measure)
        width = 10 + measure(name, SMALL_SIZE, False) + 12
        if rows[-1] and used + width > scene.width - 2 * PAD:
            rows.append([])
            used = 0.0
        rows[-1].append((series, width))
        used += width
    for index, row in enumerate(rows):
        y = PAD + (len(rows) - 1 - index) * 11
        x = PAD
        for series, width in row:
            if series.kind in ("line",):
                scene.marks.append(Stroke(((x, y + 2.5), (x + 7, y + 2.5)), series.colour(0), 1.5))
            elif series.kind == "points":
                scene.marks.append(Dot(x + 3.5, y + 2.5, 2.5, series.colour(0)))
            else:
                scene.marks.append(Box(x, y, 7, 7, series.colour(0)))
            name = fit_text(series.name, scene.width * 0.6, SMALL_SIZE, measure)
            scene.marks.append(Label(x + 10, y + 0.5, name, SMALL_SIZE, INK))
            x += width
    return len(rows) * 11 + 4


def _value_ticks(content: ChartContent) -> tuple[float, float, list[float]]:
    """The value axis: its range and ticks, from the content's range or its data."""
    if content.value_range is not None:
        low, high = content.value_range
        ticks = [t for t in nice_ticks(max(low, 0.0), high) if low <= t <= high]
        return low, high, ticks
    values = [v for s in content.series if s.kind != "labels" for v in s.y]
    low, high = min([0.0, *values]), max([0.0, *values])
    ticks = nice_ticks(low, high)
    return min(low, ticks[0]), max(high, ticks[-1]), ticks


def _frame_box(content: ChartContent, scene: Scene, left: float, bottom: float) -> Frame:
    top = scene.height - TITLE_SIZE - 2 * PAD
    return Frame(left, bottom, scene.width - PAD - 4, top)


def _title(content: ChartContent, scene: Scene, measure: Measure) -> None:
    size = TITLE_SIZE
    while size > 7 and measure(content.title, size, True) > scene.width - 2 * PAD:
        size -= 0.5
    text = fit_text(content.title, scene.width - 2 * PAD, size, measure, True)
    scene.marks.append(Label(PAD, scene.height - PAD - size, text, size, INK, bold=True))


def _axis_titles(content: ChartContent, scene: Scene, frame: Frame, legend: float) -> None:
    if content.x_title:
        x = frame.left + frame.width / 2
        scene.marks.append(Label(x, legend + PAD, content.x_title, TEXT_SIZE, MUTED, "middle"))
    if content.y_title:
        y = frame.bottom + frame.height / 2
        scene.marks.append(
            Label(PAD + TEXT_SIZE, y, content.y_title, TEXT_SIZE, MUTED, "middle", vertical=True)
        )


def _value_grid_y(scene: Scene, frame: Frame, ticks: Sequence[float], at: Scale) -> None:
    for tick in ticks:
        y = at(tick)
        scene.marks.append(Stroke(((frame.left, y), (frame.right, y)), GRID, 0.5))
        scene.marks.append(
            Label(frame.left - 3, y - 2.5, tick_text(tick), SMALL_SIZE, MUTED, "end")
        )


def _vertical_layout(
    content: ChartContent, scene: Scene, measure: Measure, legend: float
) -> tuple[Frame, float, float, list[float]]:
    low, high, ticks = _value_ticks(content)
    tick_width = max(measure(tick_text(t), SMALL_SIZE, False) for t in ticks)
    left = PAD + (TEXT_SIZE + 6 if content.y_title else 0) + tick_width + 4
    bottom = legend + PAD + (TEXT_SIZE + 6 if content.x_title else 0) + SMALL_SIZE + 6
    return _frame_box(content, scene, left, bottom), low, high, ticks


def _categorical_vertical(content: ChartContent, scene: Scene, measure: Measure) -> None:
    """Bars (stacked when the content says so) in category slots, value labels on top."""
    legend = _legend(content, scene, measure)
    frame, low, high, ticks = _vertical_layout(content, scene, measure, legend)
    at = _scale(low, high, frame.bottom, frame.top)
    _value_grid_y(scene, frame, ticks, at)
    categories = list(dict.fromkeys(str(x) for s in content.series for x in s.x))
    slot = frame.width / max(len(categories), 1)
    bars = [s for s in content.series if s.kind == "bar"]
    stack = [0.0] * len(categories)
    for number, series in enumerate(bars):
        for index, value in enumerate(series.y):
            if content.stacked:
                base, stack[index] = stack[index], stack[index] + value
                x, width = frame.left + slot * (index + 0.2), slot * 0.6
            else:
                base, width = 0.0, slot * 0.7 / len(bars)
                x = frame.left + slot * (index + 0.15) + number * width
            y0, y1 = at(base), at(base + value)
            if abs(y1 - y0) > 0.01:
                scene.marks.append(Box(x, min(y0, y1), width, abs(y1 - y0), series.colour(index)))
    for series in content.series:
        if series.kind == "labels":
            for index, (value, text) in enumerate(zip(series.y, series.texts, strict=True)):
                x = frame.left + slot * (index + 0.5)
                label = fit_text(text, slot - 2, SMALL_SIZE, measure)
                scene.marks.append(Label(x, at(value) + 3, label, SMALL_SIZE, INK, "middle"))
    scene.marks.append(Stroke(((frame.left, at(0)), (frame.right, at(0))), AXIS, 0.8))
    for index, category in enumerate(categories):
        x = frame.left + slot * (index + 0.5)
        text = fit_text(category, slot - 2, SMALL_SIZE, measure)
        scene.marks.append(Label(x, frame.bottom - SMALL_SIZE - 3, text, SMALL_SIZE, INK, "middle"))
    _axis_titles(content, scene, frame, legend)


def _horizontal_bars(content: ChartContent, scene: Scene, measure: Measure) -> None:
    """One bar per category, categories down the left, each bar's text beyond its end."""
    (bars,) = [s for s in content.series if s.kind == "bar"]
    names = [fit_text(str(x), scene.width * 0.38, SMALL_SIZE, measure) for x in bars.x]
    name_width = max((measure(n, SMALL_SIZE, False) for n in names), default=0.0)
    texts = bars.texts or tuple("" for _ in bars.y)
    room_right = max(
        (measure(t, SMALL_SIZE, False) for t, v in zip(texts, bars.y, strict=True) if v >= 0),
        default=0.0,
    )
    room_left = max(
        (measure(t, SMALL_SIZE, False) for t, v in zip(texts, bars.y, strict=True) if v < 0),
        default=0.0,
    )
    bottom = PAD + (TEXT_SIZE + 6 if content.x_title else 0) + SMALL_SIZE + 6
    frame = _frame_box(content, scene, PAD + name_width + 6, bottom)
    values = [0.0, *bars.y]
    ticks = nice_ticks(min(values), max(values))
    low, high = min(min(values), ticks[0]), max(max(values), ticks[-1])
    at = _scale(low, high, frame.left + room_left + 4, frame.right - room_right - 4)
    for tick in ticks:
        x = at(tick)
        scene.marks.append(Stroke(((x, frame.bottom), (x, frame.top)), GRID, 0.5))
        label = Label(
            x, frame.bottom - SMALL_SIZE - 3, tick_text(tick), SMALL_SIZE, MUTED, "middle"
        )
        scene.marks.append(label)
    slot = frame.height / max(len(bars.y), 1)
    for index, (value, name, text) in enumerate(zip(bars.y, names, texts, strict=True)):
        middle = frame.top - slot * (index + 0.5)  # the first category on top, as in the app
        x0, x1 = sorted((at(0), at(value)))
        if x1 - x0 > 0.01:
            scene.marks.append(
                Box(x0, middle - slot * 0.3, x1 - x0, slot * 0.6, bars.colour(index))
            )
        scene.marks.append(Label(frame.left - 4, middle - 2.5, name, SMALL_SIZE, INK, "end"))
        if value < 0:
            scene.marks.append(Label(x0 - 3, middle - 2.5, text, SMALL_SIZE, INK, "end"))
        else:
            scene.marks.append(Label(x1 + 3, middle - 2.5, text, SMALL_SIZE, INK))
    zero = at(0)
    scene.marks.append(Stroke(((zero, frame.bottom), (zero, frame.top)), AXIS, 0.8))
    _axis_titles(content, scene, frame, 0.0)


def _bands(content: ChartContent, scene: Scene, frame: Frame, x_at: Scale, y_at: Scale) -> None:
    for band in content.bands:
        scene.marks.append(_band_box(band, frame, x_at, y_at))
    for band in content.bands:
        if band.axis == "y":
            y = min(y_at(band.high), frame.top) - SMALL_SIZE - 1
            scene.marks.append(Label(frame.right - 3, y, band.label, SMALL_SIZE, MUTED, "end"))
        else:
            x = max(x_at(band.low), frame.left) + 2
            scene.marks.append(Label(x, frame.top - SMALL_SIZE - 1, band.label, SMALL_SIZE, MUTED))


def _band_box(band: Band, frame: Frame, x_at: Scale, y_at: Scale) -> Box:
    fill = blend(band.colour, band.opacity)
    if band.axis == "y":
        y0 = max(min(y_at(band.low), frame.top), frame.bottom)
        y1 = max(min(y_at(band.high), frame.top), frame.bottom)
        return Box(frame.left, y0, frame.width, y1 - y0, fill)
    x0 = max(min(x_at(band.low), frame.right), frame.left)
    x1 = max(min(x_at(band.high), frame.right), frame.left)
    return Box(x0, frame.bottom, x1 - x0, frame.height, fill)


def _x_ticks(
    content: ChartContent, scene: Scene, frame: Frame, x_at: Scale, span: tuple[float, float]
) -> None:
    y = frame.bottom - SMALL_SIZE - 3
    if content.x_labels:
        step = label_step(len(content.x_labels))
        for index in range(0, len(content.x_labels), step):
            label = content.x_labels[index]
            scene.marks.append(Label(x_at(float(index)), y, label, SMALL_SIZE, MUTED, "middle"))
        return
    for tick in nice_ticks(span[0], span[1], 8):
        if span[0] <= tick <= span[1]:
            scene.marks.append(Label(x_at(tick), y, tick_text(tick), SMALL_SIZE, MUTED, "middle"))


def _numeric_bars(
    series: Series, along: list[float], scene: Scene, scales: tuple[Scale, Scale], span: float
) -> None:
    """Bars centred on their values along a numeric axis, one slot wide each."""
    x_at, y_at = scales
    width = (x_at(1.0) - x_at(0.0)) * 0.7 if span > 0 else 4.0
    for index, (x, value) in enumerate(zip(along, series.y, strict=True)):
        y0, y1 = y_at(0.0), y_at(value)
        if abs(y1 - y0) > 0.01:
            left = x_at(x) - width / 2
            scene.marks.append(Box(left, min(y0, y1), width, abs(y1 - y0), series.colour(index)))


def _numeric(content: ChartContent, scene: Scene, measure: Measure) -> None:
    """Lines and points along a numeric axis, with shaded bands and marker lines."""
    legend = _legend(content, scene, measure)
    frame, low, high, ticks = _vertical_layout(content, scene, measure, legend)
    xs = [float(x) for s in content.series for x in s.x]
    x_low, x_high = min(xs, default=0.0), max(xs, default=1.0)
    bars = [s for s in content.series if s.kind == "bar"]
    if bars or content.x_labels:
        # A bar stands on its value, and a named slot's label is centred on it: leave half a
        # slot beyond the first and last.
        x_low, x_high = x_low - 0.5, x_high + 0.5
    x_at = _scale(x_low, x_high, frame.left, frame.right)
    y_at = _scale(low, high, frame.bottom, frame.top)
    _bands(content, scene, frame, x_at, y_at)
    _value_grid_y(scene, frame, ticks, y_at)
    _x_ticks(content, scene, frame, x_at, (x_low, x_high))
    for series in content.series:
        along = [float(x) for x in series.x]
        points = tuple((x_at(x), y_at(y)) for x, y in zip(along, series.y, strict=True))
        if series.kind == "line":
            scene.marks.append(Stroke(points, series.colour(0), 1.4))
        elif series.kind == "bar":
            _numeric_bars(series, along, scene, (x_at, y_at), x_high - x_low)
        else:
            scene.marks.extend(Dot(x, y, 1.9, series.colour(0)) for x, y in points)
    for marker in content.markers:
        if not x_low <= marker.value <= x_high:
            continue
        x = x_at(marker.value)
        scene.marks.append(Stroke(((x, frame.bottom), (x, frame.top)), marker.colour, 1.2))
        # A label at the top goes under the bands' labels, clear of the bars, one row each.
        below = (2 + 1.3 * marker.row) * SMALL_SIZE + 4
        y = frame.top - below if marker.label_at == "top" else frame.bottom + 3
        # A line past the middle has its label on its left, so no label runs off the chart.
        right = x > (frame.left + frame.right) / 2
        anchor, at = ("end", x - 3) if right else ("start", x + 3)
        scene.marks.append(Label(at, y, marker.label, SMALL_SIZE, marker.colour, anchor))
    scene.marks.append(Stroke(((frame.left, frame.bottom), (frame.right, frame.bottom)), AXIS, 0.8))
    _axis_titles(content, scene, frame, legend)


def lay_out(content: ChartContent, width: float, height: float, measure: Measure) -> Scene:
    """The chart as marks on a `width` × `height` point canvas."""
    scene = Scene(width, height)
    _title(content, scene, measure)
    if content.horizontal:
        _horizontal_bars(content, scene, measure)
    elif content.categorical:
        _categorical_vertical(content, scene, measure)
    else:
        _numeric(content, scene, measure)
    # Rule titles and component names can come from an upload or an edit: drawn as plain text.
    scene.marks = [
        replace(mark, text=clean_text(mark.text, single_line=True))
        if isinstance(mark, Label)
        else mark
        for mark in scene.marks
    ]
    return scene


@functools.lru_cache(maxsize=64)
def pixel_font(path: str, pixels: int) -> Any:
    """A Pillow font of the chart family at a size in pixels, loaded once."""
    from PIL import ImageFont

    return ImageFont.truetype(path, pixels)


def font_measure() -> Measure:
    """Text widths in points from the chart font's own metrics (the same file both painters use)."""
    from advisor.export.fontfiles import chart_font_files

    regular, bold = chart_font_files()

    def measure(text: str, size: float, is_bold: bool) -> float:
        font = pixel_font(bold if is_bold else regular, 100)
        return float(font.getlength(text)) * size / 100

    return measure
