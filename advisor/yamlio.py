"""Read YAML and JSON documents safely, keeping the line of every mapping key.

Rule packs and profiles are written by hand, so every error must point at a line. The loader
is PyYAML's SafeLoader with three refusals added: aliases (a billion-laughs vector and never
needed here), duplicate keys (the second silently wins in plain PyYAML) and deep nesting.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from advisor.problems import AdvisorError, Problem

MAX_DOCUMENT_BYTES = 1_000_000
MAX_NESTING = 40


class DocumentError(AdvisorError):
    """A document could not be read; `line` is 1-based, 0 when unknown."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__([Problem(message, file=source, line=line)])

    @property
    def source(self) -> str:
        return self.first.file

    @property
    def line(self) -> int:
        return self.first.line

    @property
    def message(self) -> str:
        return self.first.message


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of its start and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line) if hasattr(self, "key_lines") else self.line


class _LineLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed; write the value out",
                problem_mark=event.start_mark,
            )
        self._depth += 1
        if self._depth > MAX_NESTING:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem=f"nesting deeper than {MAX_NESTING} levels",
                problem_mark=event.start_mark,
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise yaml.MarkedYAMLError(
                    problem="keys must be plain text", problem_mark=key_node.start_mark
                )
            key = str(key)
            if key in mapping:
                raise yaml.MarkedYAMLError(
                    problem=f"duplicate key '{key}' (first at line {mapping.key_lines[key]})",
                    problem_mark=key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _LineLoader.construct_mapping,
)


def parse_yaml(text: str, source: str) -> Any:
    """Parse one YAML document; raise DocumentError naming the line on any problem."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
        raise DocumentError(source, 0, f"larger than {MAX_DOCUMENT_BYTES // 1000} kB")
    loader = _LineLoader(text)
    try:
        if not loader.check_data():  # type: ignore[no-untyped-call]
            return None
        data = loader.get_data()
        if loader.check_data():  # type: ignore[no-untyped-call]
            raise DocumentError(source, 0, "holds more than one YAML document")
        return data
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        problem = error.problem or str(error)
        if error.context and error.context not in problem:
            problem = f"{error.context}: {problem}"
        raise DocumentError(source, line, f"YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise DocumentError(source, 0, f"YAML: {error}") from None
    finally:
        loader.dispose()


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key '{key}'")
        result[key] = value
    return result


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(text: str, source: str) -> Any:
    """Parse strict JSON: no NaN/Infinity, no duplicate keys."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
        raise DocumentError(source, 0, f"larger than {MAX_DOCUMENT_BYTES // 1000} kB")
    try:
        return json.loads(
            text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as error:
        raise DocumentError(
            source, error.lineno, f"JSON: {error.msg} (column {error.colno})"
        ) from None
    except (ValueError, RecursionError) as error:
        raise DocumentError(source, 0, f"JSON: {error}") from None


def parse_document(text: str, source: str) -> Any:
    """Parse JSON when the source says so (or the text starts with '{'), YAML otherwise."""
    if source.lower().endswith(".json") or text.lstrip().startswith("{"):
        return parse_json(text, source)
    return parse_yaml(text, source)


def decode_bytes(raw: bytes, source: str) -> str:
    """Decode an uploaded or read file as UTF-8 (BOM allowed), naming the source when not."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentError(source, 0, f"larger than {MAX_DOCUMENT_BYTES // 1000} kB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DocumentError(source, line, "not UTF-8 text; save the file as UTF-8") from None


def read_document(path: str | Path) -> Any:
    """Read a YAML or JSON file from disk."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise DocumentError(str(path), 0, f"cannot read: {error.strerror or error}") from None
    return parse_document(decode_bytes(raw, str(path)), str(path))
