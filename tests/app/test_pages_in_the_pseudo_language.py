"""Every page run in the pseudo-language (`?lang=qps`): a text outside the ⟦…⟧ marks never went
through the catalogue. Data is not words: the sample companies' names, rule ids, digests, file
names, icons and the formats' names are set aside, and on the Portfolio page the shipped
export's headers and cells and the sources it cites."""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
import pytest
import yaml
from apptest_support import PAGE_SCRIPTS, open_app
from pseudo_support import page_texts

from advisor.crm_import import read_export_file
from advisor.export import FORMAT_NAMES
from advisor.fields import DERIVED_FIELDS, FIELD_CHOICES, FIELDS
from advisor.operators import OPERATORS
from advisor.pack import load_pack
from advisor.pack.calibrate import figures
from advisor.pack.load import read_pack_documents
from advisor.pack.model import SEGMENTS
from advisor.portfolio import SAMPLE_EXPORT
from advisor.profile import load_profile
from advisor.samples import _SHOWS, DEFAULT_SAMPLE, sample_path
from tests.i18n_support import untranslated

# A database path may reach a page with its underscores escaped for Markdown (`\_`).
DATA = re.compile(
    r":material/[a-z_]+:|:[a-z]+(?:-badge)?\[|\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+\b"
    r"|rules/[0-9a-z-]+\.yaml(?::\d+)?|\b[0-9a-f]{12}\b|/[\w./\\-]+\.db"
    r"|\$[a-z_][\w.]*"  # a threshold named in a rule's condition
    r"|https?://\S+"  # a source's address
    r"|\b[\w-]+\.(?:md|docx|pdf|json|jsonld)\b"  # a document's file name
)
# Every page: each of its texts goes through the catalogue.
CLEAN = (
    "Assess",
    "Recommendation",
    "Clients",
    "Cases",
    "History",
    "Compare",
    "Workshop",
    "Role",
    "Portfolio",
    "Rules",
)


def _data(page: str = "") -> list[str]:
    profile = load_profile(sample_path(DEFAULT_SAMPLE))
    names = [company for company, _shows in _SHOWS.values()]
    texts = [
        str(value) for value in msgspec.structs.asdict(profile).values() if isinstance(value, str)
    ]
    codes = [str(profile.segment).replace("_", "-")]  # the segment's code, as the pack cites it
    extra = _export_data() if page == "Portfolio" else []
    fields = list(FIELDS)  # a field's key, as a help text names it
    return texts + codes + names + fields + list(FORMAT_NAMES.values()) + extra


def _export_data() -> list[str]:
    """What the Portfolio page shows of the shipped export and the rule pack as they are: the
    file's name, headers and cells, the encodings offered by their codec names, the sources of
    the targets and of the renewals advice."""
    raw = read_export_file(SAMPLE_EXPORT)
    # Cells with a letter: a bare number is no word, and setting "2" aside would cut "B2B".
    rows = [*raw.columns, *raw.excluded_cells.values()]  # the rows refused on reading too
    cells = [str(cell).strip() for row in rows for cell in row if re.search("[A-Za-z]", str(cell))]
    pack = load_pack()
    sources = [target.source for target in pack.metric_targets.values()]
    sources.append(pack.mention("seed 000"))  # the renewals section's source, as it cites it
    codecs = ["utf-8", "cp1252", "utf-16", "latin-1"]
    return [SAMPLE_EXPORT.name, *raw.headers, *cells, *sources, *codecs]


def _rule_language() -> list[str]:
    """The Rules page's identifiers: the rule language's field keys, choice codes and operator
    names and the segments' codes (as written and as Markdown escapes them)."""
    choices = [choice for values in FIELD_CHOICES.values() for choice in values]
    words = [*FIELDS, *DERIVED_FIELDS, *choices, *OPERATORS, *SEGMENTS]
    escaped = [word.replace("_", "\\_") for word in words]
    return [*words, *escaped]


def _rules_data() -> list[str]:
    """The Rules page's identifiers, and what its calibration table quotes of the pack's files:
    each figure's place (file:line), key path and the source note written beside it (a pack
    whose notes have no Spanish shows them as written); the operators' patterns name their
    `{value}`."""
    found = figures(read_pack_documents())
    places = [f"{Path(figure.file).name}:{figure.line}" for figure in found]
    # A figure's key path in its file, from any of its keys on (the table drops a section's).
    paths = [
        ".".join(keys[i:]) for keys in (f.path.split(".") for f in found) for i in range(len(keys))
    ]
    sources = [figure.source for figure in found] + _source_notes(read_pack_documents())
    pack = load_pack()
    names = [*pack.thresholds]
    names += [
        text for source in pack.sources for text in (source.id, source.title, source.publisher)
    ]
    return [*_rule_language(), *places, *paths, *sources, *names, "{value}"]  # an operator's


def _source_notes(documents: list[tuple[str, bytes]]) -> list[str]:
    """Every source note the pack's files write (`source`, `band_source`, …), on one line."""
    notes: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                texts = value.values() if isinstance(value, dict) else [value]  # {en, es} too
                for text in texts if str(key).endswith("source") else []:
                    note = " ".join(str(text).split())
                    notes.extend([note, DATA.sub(" ", note)])  # as the check sees it too
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for _name, content in documents:
        walk(yaml.safe_load(content))
    return notes


# Data a page shows besides the sample's, by page.
PAGE_DATA = {"Rules": _rules_data}


@pytest.mark.parametrize("page", CLEAN)
def test_every_text_of_the_page_goes_through_the_catalogue(page: str) -> None:
    at = open_app(page, {"lang": "qps"})
    data = _data(page) + (PAGE_DATA[page]() if page in PAGE_DATA else [])
    left = [found for text in page_texts(at) for found in untranslated(DATA.sub(" ", text), data)]
    assert left == []


def test_every_page_is_checked() -> None:
    assert set(CLEAN) == set(PAGE_SCRIPTS)


def test_the_check_finds_an_english_sentence_on_a_page() -> None:
    at = open_app("Assess", {"lang": "qps"})
    texts = [*page_texts(at), "A sentence left in English"]
    left = [found for text in texts for found in untranslated(DATA.sub(" ", text), _data())]
    assert left == ["A sentence left in English"]
