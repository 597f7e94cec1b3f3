"""A text's unknown source ids, found without writing its citations, are the ones the citing
pass reports: the check of a language's text that is not shown agrees with the one that is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.pack import load_pack
from advisor.pack.sources import cite_sources, uncited

SOURCES = {source.id: source for source in load_pack().sources}
PIECES = [*SOURCES, "seed 999", "SEED 000", "seed 0001", "(a note)", "(see seed 004)", "words", " "]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(PIECES), max_size=6), st.sampled_from(["", " ", ", ", "; "]))
def test_the_unknown_ids_of_a_text_are_those_citing_it_reports(pieces: list[str], gap: str) -> None:
    text = gap.join(pieces)
    assert uncited(text, SOURCES) == cite_sources(text, SOURCES)[1]


def test_a_text_naming_no_source_is_reported_whole() -> None:
    assert uncited("an  unsourced note", SOURCES) == ["an unsourced note"]


def test_an_id_not_in_the_list_is_reported() -> None:
    assert uncited("seed 000 and seed 999", SOURCES) == ["seed 999"]


def test_without_sources_every_id_like_name_is_unknown() -> None:
    assert uncited("seed 000 (seed 004)", {}) == ["seed 000", "seed 004"]
