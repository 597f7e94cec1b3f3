"""The consultancy's logo: a PNG or JPEG within its limits, decoded whole by Pillow and kept as
a PNG re-drawn from its pixels; anything else refused with the limit or the kind named."""

from __future__ import annotations

import io

import pytest
from PIL import Image, PngImagePlugin

from advisor.branding import (
    LOGO_SIDE,
    MAX_LOGO_BYTES,
    MAX_LOGO_PIXELS,
    MAX_NAME,
    Branding,
    checked_logo,
    checked_name,
    logo_box,
)
from advisor.yamlio import DocumentError


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def size_of(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.size


def test_a_png_and_a_jpeg_are_kept_as_png_of_the_same_size() -> None:
    for fmt in ("PNG", "JPEG"):
        kept = checked_logo(encoded(Image.new("RGB", (300, 120), (10, 20, 30)), fmt))
        assert size_of(kept) == (300, 120)


def test_a_large_logo_is_kept_at_most_its_longest_side() -> None:
    kept = checked_logo(encoded(Image.new("RGB", (1600, 400), (200, 0, 0)), "PNG"))
    # 1600 × 400 scaled so its longest side is 800: 800 × 200.
    assert size_of(kept) == (LOGO_SIDE, LOGO_SIDE * 400 // 1600)


def test_what_the_upload_carried_besides_its_pixels_is_not_kept() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    upload = encoded(Image.new("RGB", (50, 50)), "PNG", pnginfo=info)
    assert b"<script>" in upload
    assert b"<script>" not in checked_logo(upload)


def test_a_logo_over_the_byte_limit_is_refused_naming_the_limit() -> None:
    with pytest.raises(DocumentError) as refused:
        checked_logo(b"\x89PNG" + b"\0" * MAX_LOGO_BYTES, "big.png")
    assert str(refused.value) == (
        f"big.png: logo: the logo is {MAX_LOGO_BYTES + 4:,} bytes; at most {MAX_LOGO_BYTES:,} "
        "bytes are taken: save it smaller (a logo needs no more than a few hundred pixels a side)"
    )


def test_a_logo_over_the_pixel_limit_is_refused_before_it_is_decoded() -> None:
    side = 2001  # 2001 × 2001 = 4,004,001 pixels, one over 4,000,000 by 4,001
    assert side * side > MAX_LOGO_PIXELS
    upload = encoded(Image.new("1", (side, side)), "PNG")
    assert len(upload) < MAX_LOGO_BYTES
    with pytest.raises(DocumentError, match=r"2,001 × 2,001 pixels; at most 4,000,000 pixels"):
        checked_logo(upload, "wide.png")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        encoded(Image.new("RGB", (20, 20)), "GIF"),
        encoded(Image.new("RGB", (20, 20)), "BMP"),
        encoded(Image.new("RGB", (200, 200), (1, 2, 3)), "PNG")[:60],  # cut short
    ],
    ids=["empty", "svg", "gif", "bmp", "truncated-png"],
)
def test_what_is_not_a_whole_png_or_jpeg_is_refused(content: bytes) -> None:
    with pytest.raises(DocumentError) as refused:
        checked_logo(content, "logo.png")
    assert str(refused.value) == (
        "logo.png: logo: not a PNG or JPEG image: choose the logo as a .png or .jpg file"
    )


def test_the_name_is_one_line_and_refused_past_its_limit() -> None:
    assert checked_name("  Acme\nAdvisory \u202e ") == "Acme Advisory"
    assert Branding("Acme\tAdvisory").prepared_by == "Prepared by Acme Advisory"
    assert Branding().prepared_by == "" and Branding().empty
    with pytest.raises(DocumentError, match=f"at most {MAX_NAME} fit on a cover"):
        checked_name("x" * (MAX_NAME + 1))


def test_logo_box_keeps_the_shape_within_the_box() -> None:
    logo = checked_logo(encoded(Image.new("RGB", (300, 100)), "PNG"))
    # 300 × 100 in a 5 × 2.2 box: width binds (5 / 300 < 2.2 / 100), so 5 × 5/3.
    assert logo_box(logo, 5.0, 2.2) == pytest.approx((5.0, 100 * 5.0 / 300))
    # In a 5 × 1 box the height binds: 3 × 1.
    assert logo_box(logo, 5.0, 1.0) == pytest.approx((3.0, 1.0))
