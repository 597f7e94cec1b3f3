"""Every page run in the pseudo-language (`?lang=qps`): a text outside the ⟦…⟧ marks never went
through the catalogue. Data is not words: the sample companies' names, rule ids, digests, file
names, icons and the formats' names are set aside."""

from __future__ import annotations

import re

import pytest
from apptest_support import PAGE_SCRIPTS, open_app
from pseudo_support import page_texts

from advisor.export import FORMAT_NAMES
from advisor.fields import DERIVED_FIELDS, FIELD_CHOICES, FIELDS
from advisor.operators import OPERATORS
from advisor.pack.model import SEGMENTS
from advisor.profile import load_profile
from advisor.samples import _SHOWS, DEFAULT_SAMPLE, sample_path
from tests.i18n_support import untranslated

DATA = re.compile(
    r":material/[a-z_]+:|:[a-z]+-badge\[|\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+\b"
    r"|rules/[0-9a-z-]+\.yaml(?::\d+)?|\b[0-9a-f]{12}\b|/[\w./-]+\.db"
)
# Pages whose every text goes through the catalogue.
CLEAN = ("Assess", "Recommendation", "Clients", "Cases", "History", "Compare", "Workshop", "Rules")
# What still shows in English there, by page.
NOT_YET = {
    "Role": "the role editor's data columns, the RACI roles and the OTE's source note",
    "Portfolio": "the CRM import's diagnostics, column notes and encodings",
}


def _data() -> list[str]:
    profile = load_profile(sample_path(DEFAULT_SAMPLE))
    names = [company for company, _shows in _SHOWS.values()]
    texts = [str(value) for value in profile.model_dump().values() if isinstance(value, str)]
    codes = [str(profile.segment).replace("_", "-")]  # the segment's code, as the pack cites it
    return texts + codes + names + list(FORMAT_NAMES.values())


def _rule_language() -> list[str]:
    """The Rules page's identifiers: the rule language's field keys, choice codes and operator
    names and the segments' codes (as written and as Markdown escapes them)."""
    choices = [choice for values in FIELD_CHOICES.values() for choice in values]
    words = [*FIELDS, *DERIVED_FIELDS, *choices, *OPERATORS, *SEGMENTS]
    escaped = [word.replace("_", "\\_") for word in words]
    return [*words, *escaped]


# Data a page shows besides the sample's, by page.
PAGE_DATA = {"Rules": _rule_language}


@pytest.mark.parametrize("page", CLEAN)
def test_every_text_of_the_page_goes_through_the_catalogue(page: str) -> None:
    at = open_app(page, {"lang": "qps"})
    data = _data() + (PAGE_DATA[page]() if page in PAGE_DATA else [])
    left = [found for text in page_texts(at) for found in untranslated(DATA.sub(" ", text), data)]
    assert left == []


def test_every_page_is_either_clean_or_says_what_is_left() -> None:
    assert set(CLEAN) | set(NOT_YET) == set(PAGE_SCRIPTS)


def test_the_check_finds_an_english_sentence_on_a_page() -> None:
    at = open_app("Assess", {"lang": "qps"})
    texts = [*page_texts(at), "A sentence left in English"]
    left = [found for text in texts for found in untranslated(DATA.sub(" ", text), _data())]
    assert left == ["A sentence left in English"]
