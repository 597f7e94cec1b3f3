"""Where the brief's font files are: the PDF's text and every chart image use the same family."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import reportlab

FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype",
    "/usr/share/fonts/truetype/ancient-scripts",  # Debian's fonts-symbola
    "/usr/local/share/fonts",
    "/Library/Fonts",
    str(Path(reportlab.__file__).resolve().parent / "fonts"),
)
# (family, regular, bold, italic, bold italic): the first family whose files are all found wins.
FONT_FAMILIES = (
    (
        "BriefDejaVu",
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ),
    ("BriefVera", "Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf"),
)
# A monochrome TrueType font for the emoji and symbols the family lacks (the PDF only; colour
# emoji fonts are bitmap or layered fonts reportlab cannot embed).
SYMBOL_FONTS = ("Symbola.ttf", "Symbola_hint.ttf")


def find_font(name: str) -> str | None:
    """The path of a font file in $ADVISOR_FONT_DIR or the usual folders, or None."""
    extra = os.environ.get("ADVISOR_FONT_DIR")
    for folder in ((extra,) if extra else ()) + FONT_DIRS:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    return None


@functools.lru_cache(maxsize=1)
def chart_font_files() -> tuple[str, str]:
    """Regular and bold files of the first complete family; reportlab always ships Vera."""
    for _family, regular, bold, *_ in FONT_FAMILIES:
        paths = find_font(regular), find_font(bold)
        if paths[0] and paths[1]:
            return paths[0], paths[1]
    fonts = Path(reportlab.__file__).resolve().parent / "fonts"
    return str(fonts / "Vera.ttf"), str(fonts / "VeraBd.ttf")
