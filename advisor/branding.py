"""The consultancy's branding on a document's cover: its name, and its logo as checked PNG bytes.

`Branding` is the one value every document renderer takes (the brief's cover and the hiring
kit's documents): `prepared_by` is the cover's line, "Prepared by NAME", empty without a name.
A logo is accepted only as a PNG or JPEG file within `MAX_LOGO_BYTES` and `MAX_LOGO_PIXELS`,
decoded whole by Pillow, and kept as a PNG re-drawn from its pixels at most `LOGO_SIDE` pixels
a side: what a document embeds is never the uploaded file itself.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field

from advisor.i18n import _, formats
from advisor.textsafety import clean_text

MAX_NAME = 120  # characters of the consultancy's name
MAX_LOGO_BYTES = 1_000_000  # the uploaded file
MAX_LOGO_PIXELS = 4_000_000  # width times height of the uploaded image
LOGO_SIDE = 800  # the kept logo's longest side, in pixels
LOGO_FORMATS = ("PNG", "JPEG")


@dataclass(frozen=True)
class Branding:
    """The consultancy's name (may be empty) and its logo (checked PNG bytes, or None)."""

    name: str = ""
    logo: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", clean_text(self.name, single_line=True).strip())

    @property
    def prepared_by(self) -> str:
        """The cover's line: "Prepared by NAME" in the current language, empty without a name."""
        # Translators: {name} is the consultancy's name, on a document's cover.
        return _("Prepared by {name}", name=self.name) if self.name else ""

    @property
    def empty(self) -> bool:
        return not self.name and self.logo is None


def checked_name(name: str, source: str = "name") -> str:
    """The consultancy's name on one line, refused when longer than `MAX_NAME` characters."""
    from advisor.yamlio import DocumentError  # YAML's reader, only to refuse a name

    cleaned = clean_text(name, single_line=True).strip()
    if len(cleaned) > MAX_NAME:
        raise DocumentError(
            source,
            0,
            # Translators: {length} and {most} are numbers of characters.
            _(
                "the consultancy's name has {length} characters; at most {most} fit on a cover: "
                "shorten it",
                length=len(cleaned),
                most=MAX_NAME,
            ),
            "name",
        )
    return cleaned


def checked_logo(content: bytes, source: str = "logo") -> bytes:
    """The logo to keep: the file decoded as a PNG or JPEG within the limits, as PNG bytes.

    DocumentError naming the file and the limit it passes, or saying it is no such image.
    """
    from PIL import Image, UnidentifiedImageError

    from advisor.yamlio import DocumentError

    def refuse(message: str) -> DocumentError:
        return DocumentError(source, 0, message, "logo")

    if len(content) > MAX_LOGO_BYTES:
        raise refuse(
            # Translators: {size} and {most} are numbers of bytes, grouped ("1,000,000").
            _(
                "the logo is {size} bytes; at most {most} bytes are taken: save it smaller (a "
                "logo needs no more than a few hundred pixels a side)",
                size=formats.number(len(content)),
                most=formats.number(MAX_LOGO_BYTES),
            )
        )
    not_image = refuse(_("not a PNG or JPEG image: choose the logo as a .png or .jpg file"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=LOGO_FORMATS) as image:
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    raise refuse(
                        # Translators: {width}, {height} and {most} are numbers of pixels.
                        _(
                            "the logo is {width} × {height} pixels; at most {most} pixels in "
                            "all are taken: scale it down",
                            width=formats.number(width),
                            height=formats.number(height),
                            most=formats.number(MAX_LOGO_PIXELS),
                        )
                    )
                image.load()
                drawn = image.convert("RGBA")
    except DocumentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise refuse(
            _(
                "the logo has more than {most} pixels in all: scale it down",
                most=formats.number(MAX_LOGO_PIXELS),
            )
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise not_image from None
    drawn.thumbnail((LOGO_SIDE, LOGO_SIDE))
    kept = io.BytesIO()
    drawn.save(kept, format="PNG", optimize=True)
    return kept.getvalue()


def logo_size(logo: bytes) -> tuple[int, int]:
    """A kept logo's width and height in pixels."""
    from PIL import Image

    with Image.open(io.BytesIO(logo), formats=("PNG",)) as image:
        width, height = image.size
    return int(width), int(height)


def logo_box(logo: bytes, width: float, height: float) -> tuple[float, float]:
    """The logo's size scaled to fit `width` × `height` (any one unit), its shape kept."""
    pixels_wide, pixels_high = logo_size(logo)
    scale = min(width / pixels_wide, height / pixels_high)
    return pixels_wide * scale, pixels_high * scale
