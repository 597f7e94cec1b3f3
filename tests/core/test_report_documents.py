"""Every report is one document: its plain text and its Markdown say the same sentences, and the
two renderers write none of their own."""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from advisor.blocks import Entries, Entry, Facts, Lines, Part, Report, Table
from advisor.compare import Scenario, compare_scenarios
from advisor.crm_import import ImportOptions, import_accounts_file
from advisor.engine import evaluate
from advisor.export import assessment, comparison, portfolio, workshop
from advisor.export.markdown import render_report
from advisor.export.text import render_text
from advisor.pack import load_pack
from advisor.portfolio import diagnose
from advisor.profile import CompanyProfile, parse_profile
from advisor.workshop import compare, read_answers
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PACK = load_pack()
AS_OF = dt.date(2026, 6, 1)
PROFILES = sorted(EXAMPLES.glob("*.yaml"))


def _profile(name: str) -> CompanyProfile:
    return parse_profile(read_document(EXAMPLES / f"{name}.yaml"))


# ---------------------------------------------------------------------------------------------
# Reading the two formats back as sentences and words

_ESCAPE = re.compile(r"\\(.)")
_MARKER = re.compile(r"^(?:[-*]|\d+\.)\s+")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", re.sub(r"(?<!\\)\*", "", text))


def markdown_sentences(markdown: str) -> set[str]:
    """Each heading, paragraph, list item and table cell of the Markdown, markup taken off."""
    found = set()
    for line in markdown.splitlines():
        line = line.strip()
        if not line or re.fullmatch(r"\|(?:-+:?\|)+", line):
            continue
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
        else:
            cells = [_MARKER.sub("", re.sub(r"^#+ ", "", line), count=1)]
        found.update(_unescape(cell).strip().removesuffix(":") for cell in cells)
    return found - {""}


def text_sentences(text: str) -> set[str]:
    """Each line of the plain text, its indent and list mark taken off."""
    lines = (_MARKER.sub("", line.strip(), count=1) for line in text.splitlines())
    return {line.removesuffix(":") for line in lines if line}


def _words(sentences: str) -> Counter[str]:
    return Counter(
        word.strip(":") for word in sentences.split() if any(char.isalnum() for char in word)
    )


def markdown_words(markdown: str) -> Counter[str]:
    lines = [
        line for line in markdown.splitlines() if not re.fullmatch(r"\|(?:-+:?\|)+", line.strip())
    ]
    plain = "\n".join(re.sub(r"(?<!\\)\|", " ", re.sub(r"^\s*#+ ", "", line)) for line in lines)
    return _words(_unescape(plain))


def text_words(text: str) -> Counter[str]:
    return _words(text)


# ---------------------------------------------------------------------------------------------
# The reports, on the shipped examples and fixtures


def _assessments() -> list[tuple[str, str, str]]:
    out = []
    for path in PROFILES:
        assessed = evaluate(parse_profile(read_document(path)), PACK, as_of=AS_OF)
        out.append(
            (path.stem, assessment.render_text(assessed), assessment.render_markdown(assessed))
        )
    return out


def _workshops() -> list[tuple[str, str, str]]:
    files = sorted((EXAMPLES / "workshop").glob("*.yaml"))
    out = []
    for name in ("brightpath-prepare", "northwind-hire-now"):
        base = _profile(name)
        result = compare(base, [read_answers(path, base) for path in files], PACK)
        out.append((name, workshop.render_text(result), workshop.render_markdown(result)))
    return out


def _portfolios() -> list[tuple[str, str, str]]:
    fixtures = ROOT / "tests" / "portfolio" / "fixtures"
    out = []
    for path in (EXAMPLES / "crm" / "accounts.csv", fixtures / "layouts" / "hubspot_deals.csv"):
        report = diagnose(import_accounts_file(path, ImportOptions()), AS_OF, PACK)
        out.append((path.name, portfolio.render_text(report), portfolio.render_markdown(report)))
    return out


def _comparisons() -> list[tuple[str, str, str]]:
    pairs = [("acorn-not-yet", "brightpath-prepare"), ("northwind-hire-now", "ferro-fix-delivery")]
    out = []
    for names in pairs:
        scenarios = [Scenario(name, _profile(name), PACK) for name in names]
        compared = compare_scenarios(scenarios, as_of=AS_OF)
        out.append(
            (
                "-".join(names),
                comparison.render_text(compared),
                comparison.render_markdown(compared),
            )
        )
    return out


def test_the_assessment_report_says_the_same_sentences_in_text_and_markdown() -> None:
    for name, text, markdown in _assessments():
        assert text_sentences(text) == markdown_sentences(markdown), name


def test_the_workshop_report_says_the_same_sentences_in_text_and_markdown() -> None:
    for name, text, markdown in _workshops():
        assert text_sentences(text) == markdown_sentences(markdown), name


@pytest.mark.parametrize("reports", [_assessments, _workshops, _portfolios, _comparisons])
def test_every_report_says_the_same_words_in_text_and_markdown(
    reports: Callable[[], list[tuple[str, str, str]]],
) -> None:
    """Tables wrap their cells in the text, so the words are counted, each as often in both."""
    for name, text, markdown in reports():
        assert text_words(text) == markdown_words(markdown), name


def test_the_checks_find_a_sentence_said_in_one_format_only() -> None:
    """Sentences are compared where the report has no table (a text table wraps its cells),
    words everywhere."""
    lists = Part("Heading", (Facts((("Label", "value"),)), Lines(("A line.",))))
    table = Part("Table", (Table(("Column", "Other"), (("cell", "12"),)),))
    for parts, sentences in (((lists,), True), ((lists, table), False)):
        report = Report("Title", ("Under the title.",), parts)
        text, markdown = render_text(report), render_report(report)
        shorter = markdown.replace("- A line.\n", "")
        if sentences:
            assert text_sentences(text) == markdown_sentences(markdown)
            assert text_sentences(text) - markdown_sentences(shorter) == {"A line."}
        assert text_words(text) == markdown_words(markdown)
        assert text_words(text) - markdown_words(shorter) == Counter({"A": 1, "line.": 1})


# ---------------------------------------------------------------------------------------------
# The renderers write no words of their own

RENDERERS = [ROOT / "advisor" / "export" / "text.py", ROOT / "advisor" / "export" / "markdown.py"]
CODEC_NAMES = {"utf-8"}  # names for the machine, not words for a reader


def _words_in(path: Path) -> list[str]:
    """String constants with a letter, apart from docstrings, keys (`words["x"]`) and the
    block styles a renderer compares against (`style == "quote"`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Subscript):
            skipped.add(id(node.slice))
        if isinstance(node, ast.Compare):
            skipped.update(id(item) for item in node.comparators)
    return [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skipped
        and node.value not in CODEC_NAMES
        and re.search(r"[A-Za-z]{2,}", node.value)
    ]


def test_the_renderers_hold_no_english_words() -> None:
    assert [found for path in RENDERERS for found in _words_in(path)] == []


def test_the_word_scan_finds_a_sentence_in_a_renderer(tmp_path: Path) -> None:
    renderer = tmp_path / "renderer.py"
    renderer.write_text(
        '"""Docstring."""\n'
        "def render(words, block):\n"
        '    """Docstring."""\n'
        '    if block.style == "quote":\n'
        '        return words["lead"]\n'
        '    return f"Rule pack: {block.text}"\n',
        encoding="utf-8",
    )
    assert _words_in(renderer) == ["renderer.py:6: 'Rule pack: '"]


# ---------------------------------------------------------------------------------------------
# The blocks the reports add, rendered


def test_entries_put_their_details_under_the_head_in_both_formats() -> None:
    report = Report(
        "T",
        (),
        (Part("Why", (Entries((Entry("[+25] Head (ID)", ("Detail one", "Source: x")),)),)),),
    )
    assert render_text(report) == (
        "T\n\nWhy:\n  - [+25] Head (ID)\n      Detail one\n      Source: x\n"
    )
    assert render_report(report) == (
        "# T\n\n## Why\n\n- \\[+25\\] Head (ID)\n  - Detail one\n  - Source: x\n"
    )


def test_a_text_table_wraps_long_cells_within_their_column() -> None:
    long = "word " * 10  # 50 characters: wraps at 30
    table = Table(("Label", "Figure"), (("Row", long.strip()),), numeric=())
    text = render_text(Report("T", (), (Part("", (table,)),)))
    assert text.splitlines()[2:] == [
        "  Label  Figure",
        "  Row    word word word word word word",
        "         word word word word",
    ]
