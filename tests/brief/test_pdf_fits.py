"""The main brief is set in slightly smaller type only when its PDF would pass ten pages."""

from __future__ import annotations

from typing import Any

import pytest
from brief_support import DATE, EXAMPLES

from advisor.brief import method_appendix, prepare_brief
from advisor.export import pdf
from advisor.pack import RulePack
from advisor.profile import load_profile


def _scales(monkeypatch: pytest.MonkeyPatch, pages: int) -> list[float]:
    """The type scales tried, with every render made to count `pages` pages."""
    tried: list[float] = []
    original = pdf._Writer.write

    def write(self: Any) -> Any:
        tried.append(self.styles.body.fontSize)
        result = original(self)
        self.pages = pages
        return result

    monkeypatch.setattr(pdf._Writer, "write", write)
    return tried


def test_a_brief_within_ten_pages_keeps_its_designed_type(
    monkeypatch: pytest.MonkeyPatch, pack: RulePack
) -> None:
    tried = _scales(monkeypatch, 9)
    brief = prepare_brief(load_profile(EXAMPLES / "acorn-not-yet.yaml"), pack, prepared_on=DATE)
    pdf.render(brief)
    assert tried == [9.5]


def test_a_brief_past_ten_pages_is_set_smaller_until_it_fits_or_the_smallest_is_tried(
    monkeypatch: pytest.MonkeyPatch, pack: RulePack
) -> None:
    tried = _scales(monkeypatch, 11)
    brief = prepare_brief(load_profile(EXAMPLES / "acorn-not-yet.yaml"), pack, prepared_on=DATE)
    pdf.render(brief)
    assert tried == pytest.approx([9.5 * scale for scale in pdf.COMPACT_SCALES])


def test_the_method_appendix_runs_as_long_as_it_is(
    monkeypatch: pytest.MonkeyPatch, pack: RulePack
) -> None:
    tried = _scales(monkeypatch, 14)
    brief = prepare_brief(load_profile(EXAMPLES / "acorn-not-yet.yaml"), pack, prepared_on=DATE)
    pdf.render(method_appendix(brief))
    assert tried == [9.5]
