"""A consultant's calibration: the pack's figures as a table, edited in place in its YAML text.

The figures a firm tunes are the numbers under the pack's `thresholds`, `benchmarks`,
`scoring`, `pay` (the pay bands by country), `business_models` (each model's book in money,
pay and targets) and `interview` (the competencies' weights per model, the hire mark and each
stage's minutes) sections. Each is named by its path (`thresholds.trigger_zone.by_segment.smb.low`).
An edit rewrites only that number in the file's text, so every comment, source and layout of
the pack stays as it was, and the edited pack is read and checked like any uploaded pack: a
calibration that breaks it (a zone's low above its high) is refused with the figure named.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

import msgspec
import yaml

from advisor.i18n import ENGLISH, _, current, p_
from advisor.pack.load import RulePackError, pack_from_documents
from advisor.pack.model import RulePack
from advisor.problems import Problem, Problems, closest

Documents = list[tuple[str, bytes]]

# The sections whose numbers are a firm's to tune; the rules and texts are edited as YAML.
EDITABLE_SECTIONS = ("thresholds", "benchmarks", "scoring", "pay", "business_models", "interview")
_EDITABLE_LINE = re.compile(
    rb"^(?:%s):" % b"|".join(s.encode() for s in EDITABLE_SECTIONS), re.MULTILINE
)
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
# A calibrated figure is a number a person types: anything beyond this is a unit mistake.
MAX_FIGURE = 1e12


class Figure(msgspec.Struct, frozen=True):
    """One tunable number of a pack: where it is, what it is and what it is worth there."""

    path: str
    file: str
    line: int
    value: float
    integer: bool
    source: str  # the nearest `source` text above the figure, "" if none

    def text(self) -> str:
        return format_figure(self.value)


class Change(msgspec.Struct, frozen=True):
    """A figure whose value differs between two packs (None: not in that pack)."""

    path: str
    before: float | None
    after: float | None

    def words(self) -> str:
        if self.before is None:
            return p_("change", "added")
        if self.after is None:
            return p_("change", "removed")
        return p_("change", "raised") if self.after > self.before else p_("change", "lowered")


def format_figure(value: float) -> str:
    """A figure as the YAML text that reads back as the same number."""
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    text = repr(number)
    mantissa, _e, exponent = text.partition("e")
    if exponent and "." not in mantissa:
        # YAML reads `1e-05` as text: its floats carry a point before the exponent.
        text = f"{mantissa}.0e{exponent}"
    return text


def _source_of(node: yaml.MappingNode) -> str:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "source":
            if isinstance(value, yaml.MappingNode):  # a map of languages
                value = _in_language(value)
            if isinstance(value, yaml.ScalarNode):
                return " ".join(str(value.value).split())
    return ""


def _in_language(node: yaml.MappingNode) -> yaml.Node | None:
    """A map of languages' text in the current language, else its English."""
    texts = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    return texts.get(current()) or texts.get(ENGLISH)


def _walk(node: yaml.Node, path: str, source: str) -> Iterator[tuple[str, yaml.ScalarNode, str]]:
    if isinstance(node, yaml.MappingNode):
        here = _source_of(node) or source
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value != "source":
                yield from _walk(value, f"{path}.{key.value}", here)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, f"{path}.{index}", source)
    elif isinstance(node, yaml.ScalarNode) and node.tag in _NUMBER_TAGS:
        yield path, node, source


def _compose(name: str, content: bytes) -> yaml.Node | None:
    try:
        return yaml.compose(content.decode("utf-8"), Loader=yaml.SafeLoader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return None  # the pack reader names what is wrong with the file when it is read


def _nodes(documents: Documents) -> Iterator[tuple[str, str, yaml.ScalarNode, str]]:
    for name, content in documents:
        if not _EDITABLE_LINE.search(content):
            continue  # no section to tune: the rules and the role texts are not composed
        root = _compose(name, content)
        if not isinstance(root, yaml.MappingNode):
            continue
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value in EDITABLE_SECTIONS:
                for path, node, source in _walk(value, key.value, ""):
                    yield name, path, node, source


def _number(node: yaml.ScalarNode) -> float:
    value = yaml.safe_load(node.value) if node.tag.endswith("float") else int(node.value, 0)
    return float(value)


def figures(documents: Documents) -> list[Figure]:
    """Every tunable number of the pack's documents, in file order."""
    return [
        Figure(
            path=path,
            file=name,
            line=node.start_mark.line + 1,
            value=_number(node),
            integer=node.tag.endswith("int"),
            source=source,
        )
        for name, path, node, source in _nodes(documents)
    ]


def check_value(path: str, value: object) -> float:
    """A figure's new value as a number, or a Problem naming the figure."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RulePackError([Problem(_("{value} is not a number", value=repr(value)), path=path)])
    try:
        number = float(str(value).strip().replace(",", "")) if isinstance(value, str) else value
    except ValueError:
        raise RulePackError(
            [
                Problem(
                    _("'{value}' is not a number; type digits, e.g. 0.85 or 65000", value=value),
                    path=path,
                )
            ]
        ) from None
    if not math.isfinite(number) or abs(number) > MAX_FIGURE:
        raise RulePackError(
            [Problem(_("{value} is not a figure a pack can hold", value=value), path=path)]
        )
    return float(number)


def apply_edits(documents: Documents, edits: Mapping[str, object]) -> Documents:
    """The documents with each edited figure rewritten in place; the rest byte for byte.

    Raises RulePackError naming every path that is not a figure of the pack and every value
    that is not a number.
    """
    problems = Problems()
    wanted: dict[str, float] = {}
    for path, value in edits.items():
        try:
            wanted[path] = check_value(path, value)
        except RulePackError as error:
            problems.extend(error.problems)
    spans: dict[str, list[tuple[int, int, str]]] = {}
    found: set[str] = set()
    for name, path, node, _source in _nodes(documents):
        if path in edits:
            found.add(path)
        if path in wanted:
            text = format_figure(wanted[path])
            spans.setdefault(name, []).append((node.start_mark.index, node.end_mark.index, text))
    known = [figure.path for figure in figures(documents)]
    for path in edits.keys() - found:
        hint = closest(path, known)
        problems.add(
            _("is not a figure of this pack; did you mean {path}?", path=hint)
            if hint
            else _("is not a figure of this pack"),
            path=path,
        )
    problems.raise_if_any(RulePackError)
    return [(name, _rewrite(name, content, spans.get(name, []))) for name, content in documents]


def _rewrite(name: str, content: bytes, spans: list[tuple[int, int, str]]) -> bytes:
    if not spans:
        return content
    text = content.decode("utf-8")
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text.encode("utf-8")


def calibrated_pack(
    documents: Documents, edits: Mapping[str, object]
) -> tuple[RulePack, Documents]:
    """The pack the edits make, read and checked like any pack, with its documents."""
    changed = apply_edits(documents, edits)
    return pack_from_documents(changed), changed


def changes(before: Documents, after: Documents) -> list[Change]:
    """The figures whose values differ between two packs' documents, in the later pack's order."""
    old = {figure.path: figure.value for figure in figures(before)}
    new = {figure.path: figure.value for figure in figures(after)}
    rows = [
        Change(path, old.get(path), value) for path, value in new.items() if old.get(path) != value
    ]
    rows.extend(Change(path, value, None) for path, value in old.items() if path not in new)
    return rows


def change_rows(before: Documents, after: Documents) -> list[dict[str, Any]]:
    """The changes as table rows: figure, shipped value, this pack's value and the change."""
    return [
        {
            p_("column", "Figure"): change.path,
            p_("column", "Shipped pack"): (
                "—" if change.before is None else format_figure(change.before)
            ),
            p_("column", "This pack"): "—" if change.after is None else format_figure(change.after),
            p_("column", "Change"): change.words(),
        }
        for change in changes(before, after)
    ]
