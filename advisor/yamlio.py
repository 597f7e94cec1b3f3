"""Read YAML and JSON documents safely, keeping the line of every mapping key.

Rule packs and profiles are written by hand, so every error must point at a line. The loader
is PyYAML's SafeLoader with four refusals added: aliases (a billion-laughs vector and never
needed here), duplicate keys (the second silently wins in plain PyYAML), deep nesting and more
values than a hand-written document needs (dense flow text such as `[0,0,0,…]` costs far more
to read per byte than prose, so a byte limit alone does not bound the work).
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from advisor.i18n import N_, _
from advisor.i18n.formats import number
from advisor.problems import AdvisorError, Problem

MAX_DOCUMENT_BYTES = 1_000_000
MAX_NESTING = 40
# Keys, list items and scalars one document (or all the files of one rule pack together) may
# hold: the shipped pack holds about 3,000 and a 500-rule pack of long texts about 15,000.
MAX_VALUES = 50_000

# What a value constructor may raise on a scalar it cannot read (`!!int abc`, `2024-02-30`,
# `"\UFFFFFFFF"`, a bare `!!bool`): each becomes a refusal at the value's line.
_CONSTRUCTOR_ERRORS = (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError)
_SHORT_TAG = re.compile(r"^tag:yaml\.org,2002:")


class DocumentError(AdvisorError):
    """A document could not be read; `line` is 1-based, 0 when unknown; `path` is the key path."""

    def __init__(self, source: str, line: int, message: str, path: str = "") -> None:
        super().__init__([Problem(message, file=source, line=line, path=path)])

    @property
    def source(self) -> str:
        return self.first.file

    @property
    def line(self) -> int:
        return self.first.line

    @property
    def message(self) -> str:
        return self.first.message

    @property
    def path(self) -> str:
        return self.first.path


class TooManyValuesError(DocumentError):
    """A document holds more values than it may (see `MAX_VALUES`); reading stopped there."""


class _TooManyValues(yaml.MarkedYAMLError):
    pass


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of its start and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line) if hasattr(self, "key_lines") else self.line


class _ValueError(yaml.MarkedYAMLError):
    """A value that cannot be constructed, with the key path that leads to it."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.keys: list[str] = []


def _unreadable(node: yaml.Node, error: Exception) -> str:
    tag = _SHORT_TAG.sub("!!", str(node.tag))
    value = node.value if isinstance(node, yaml.ScalarNode) else ""
    if tag == "!!timestamp":
        detail = f" ({_library_words(str(error))})" if isinstance(error, ValueError) else ""
        if not value:
            return _(
                "an empty value is not a real date or time{detail}; quote it to keep it as text",
                detail=detail,
            )
        # Translators: {value} is the text as written in the file, quoted; {detail} Python's reason
        return _(
            "'{value}' is not a real date or time{detail}; quote it to keep it as text",
            value=value,
            detail=detail,
        )
    if isinstance(node, yaml.ScalarNode):
        if not value:
            # Translators: {tag} is a YAML type tag such as !!int
            return _("an empty value cannot be read as {tag}", tag=tag)
        return _("'{value}' cannot be read as {tag}", value=value, tag=tag)
    if isinstance(node, yaml.SequenceNode):
        return _("this sequence cannot be read as {tag}", tag=tag)
    return _("this mapping cannot be read as {tag}", tag=tag)


class _LineLoader(yaml.SafeLoader):
    def __init__(self, stream: str, max_values: int) -> None:
        super().__init__(stream)
        self._depth = 0
        self._values_left = max_values

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except _CONSTRUCTOR_ERRORS as error:
            raise _ValueError(_unreadable(node, error), node.start_mark) from None

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem=_("aliases (*name) are not allowed; write the value out"),
                problem_mark=event.start_mark,
            )
        self._values_left -= 1
        if self._values_left < 0:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _TooManyValues(
                problem=_(
                    "more than {count} values (keys, list items and scalars); a document, "
                    "or a rule pack's files together, may hold no more",
                    count=number(MAX_VALUES),
                ),
                problem_mark=event.start_mark,
            )
        self._depth += 1
        if self._depth > MAX_NESTING:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem=_("nesting deeper than {count} levels", count=MAX_NESTING),
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
                    problem=_("keys must be plain text"), problem_mark=key_node.start_mark
                )
            key = str(key)
            if key in mapping:
                raise yaml.MarkedYAMLError(
                    problem=_(
                        "duplicate key '{key}' (first at line {line})",
                        key=key,
                        line=mapping.key_lines[key],
                    ),
                    problem_mark=key_node.start_mark,
                )
            try:
                mapping[key] = self.construct_object(value_node, deep=True)
            except _ValueError as error:
                error.keys.insert(0, key)
                raise
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _LineLoader.construct_mapping,
)


# YAML 1.1's integer and float patterns without the base-60 forms: `1:30` stays text (YAML 1.1
# reads it as 90, which no one writing a count or a time means).
_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.VERBOSE,
)
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.VERBOSE,
)
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in _NUMBER_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(_NUMBER_TAGS[0], _INT, list("-+0123456789"))
_LineLoader.add_implicit_resolver(_NUMBER_TAGS[1], _FLOAT, list("-+0123456789."))


_EXPONENT_TEXT = re.compile(r"[-+]?(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9]+)[eE][-+]?[0-9]+")
_BASE_60_TEXT = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")


def yaml_hint(value: object) -> str:
    """Why YAML may have read `value` differently from what was written, or ""."""
    if isinstance(value, bool):
        # Translators: appended to a message about a value; yes/no, on/off, true/false stay
        return _(
            "; YAML reads yes/no, on/off and true/false as yes/no values: quote the word "
            "to keep it as text"
        )
    if isinstance(value, str) and _EXPONENT_TEXT.fullmatch(value.strip()):
        return _(
            "; YAML 1.1 reads '{value}' as text: write the digits, or a dot and a sign "
            "in the exponent (1.0e+3)",
            value=value.strip(),
        )
    if isinstance(value, str) and _BASE_60_TEXT.fullmatch(value.strip()):
        return _("; write the number itself (YAML 1.1 would read 1:30 as base 60, that is 90)")
    return ""


def _reader_problem(error: yaml.reader.ReaderError, text: str) -> tuple[int, str]:
    line = text.count("\n", 0, max(0, error.position)) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character))
    return line, _(
        "control character {code} is not allowed in the text; remove it", code=f"U+{code:04X}"
    )


def _marked_problem(error: yaml.MarkedYAMLError) -> tuple[int, str, str]:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 0
    said = error.problem or str(error)
    problem = _library_words(said)
    if error.context and error.context not in said:
        # Translators: where the YAML reader was, then what it found wrong there
        problem = _("{context}: {problem}", context=_library_words(error.context), problem=problem)
    keys = ".".join(error.keys) if isinstance(error, _ValueError) else ""
    return line, problem, keys


# The YAML and JSON readers' own messages that a hand-written file meets most, for the catalogue;
# any other is shown as the reader words it.
_LIBRARY_WORDS = {
    "mapping values are not allowed here": N_("mapping values are not allowed here"),
    "could not find expected ':'": N_("could not find expected ':'"),
    "while scanning a simple key": N_("while scanning a simple key"),
    "while scanning for the next token": N_("while scanning for the next token"),
    "while parsing a block mapping": N_("while parsing a block mapping"),
    "while parsing a block collection": N_("while parsing a block collection"),
    "while parsing a flow sequence": N_("while parsing a flow sequence"),
    "while parsing a flow mapping": N_("while parsing a flow mapping"),
    "while scanning a quoted scalar": N_("while scanning a quoted scalar"),
    "found unexpected end of stream": N_("found unexpected end of stream"),
    "did not find expected key": N_("did not find expected key"),
    "did not find expected '-' indicator": N_("did not find expected '-' indicator"),
    "found character '\\t' that cannot start any token": N_(
        "found character '\\t' that cannot start any token"
    ),
    "Expecting value": N_("Expecting value"),
    "Expecting ',' delimiter": N_("Expecting ',' delimiter"),
    "Expecting ':' delimiter": N_("Expecting ':' delimiter"),
    "Expecting property name enclosed in double quotes": N_(
        "Expecting property name enclosed in double quotes"
    ),
    "Extra data": N_("Extra data"),
    "day is out of range for month": N_("day is out of range for month"),
    "month must be in 1..12": N_("month must be in 1..12"),
    "Unterminated string starting at": N_("Unterminated string starting at"),
}


# The system's reasons a file cannot be read that people meet, as the C library words them.
_SYSTEM_WORDS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EISDIR: N_("Is a directory"),
}


def _library_words(said: str) -> str:
    """A message of the YAML or JSON reader in the current language when the catalogue has it."""
    known = _LIBRARY_WORDS.get(said)
    return _(known) if known else said


def _yaml(problem: str) -> str:
    # Translators: what is wrong with a YAML document
    return _("YAML: {problem}", problem=problem)


def _larger_than(limit: int) -> str:
    return _("larger than {size} kB", size=limit // 1000)


def _cannot_read(error: OSError) -> str:
    known = _SYSTEM_WORDS.get(error.errno or 0)
    # Translators: {reason} is why the system could not read the file
    return _("cannot read: {reason}", reason=_(known) if known else str(error.strerror or error))


def parse_yaml(text: str, source: str, *, max_values: int = MAX_VALUES) -> Any:
    """Parse one YAML document; raise DocumentError naming the line on any problem.

    Reading stops at the value past `max_values` (what is left of a rule pack's allowance when
    its files are read in turn), so a dense document is refused without being read whole.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
        raise DocumentError(source, 0, _larger_than(MAX_DOCUMENT_BYTES))
    loader: _LineLoader | None = None
    try:
        loader = _LineLoader(text, max_values)
        if not loader.check_data():  # type: ignore[no-untyped-call]
            return None
        data = loader.get_data()
        if loader.check_data():  # type: ignore[no-untyped-call]
            raise DocumentError(source, 0, _("holds more than one YAML document"))
        return data
    except yaml.reader.ReaderError as error:
        line, problem = _reader_problem(error, text)
        raise DocumentError(source, line, _yaml(problem)) from None
    except _TooManyValues as error:
        line, problem, _keys = _marked_problem(error)
        raise TooManyValuesError(source, line, _yaml(problem)) from None
    except yaml.MarkedYAMLError as error:
        line, problem, keys = _marked_problem(error)
        raise DocumentError(source, line, _yaml(problem), keys) from None
    except yaml.YAMLError as error:
        raise DocumentError(source, 0, _yaml(str(error))) from None
    except (*_CONSTRUCTOR_ERRORS, RecursionError) as error:
        # The scanner itself can fail on an escape it cannot represent (`"\UFFFFFFFF"`).
        line = loader.line + 1 if loader is not None else 0
        raise DocumentError(
            source, line, _yaml(_("cannot read this text ({reason})", reason=str(error)))
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


def count_values(data: Any) -> int:
    """The keys, list items and scalars in parsed data, counted as the loader counts them."""
    if isinstance(data, dict):
        return 1 + sum(1 + count_values(value) for value in data.values())
    if isinstance(data, list):
        return 1 + sum(count_values(item) for item in data)
    return 1


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(_("duplicate key '{key}'", key=key))
        result[key] = value
    return result


def _reject_constant(name: str) -> float:
    raise ValueError(_("{name} is not a number JSON allows", name=name))


def parse_json(text: str, source: str) -> Any:
    """Parse strict JSON: no NaN/Infinity, no duplicate keys."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
        raise DocumentError(source, 0, _larger_than(MAX_DOCUMENT_BYTES))
    try:
        return json.loads(
            text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as error:
        raise DocumentError(
            source,
            error.lineno,
            # Translators: {problem} is the JSON reader's own words
            _(
                "JSON: {problem} (column {column})",
                problem=_library_words(error.msg),
                column=error.colno,
            ),
        ) from None
    except (ValueError, RecursionError) as error:
        raise DocumentError(source, 0, _("JSON: {problem}", problem=str(error))) from None


def parse_document(text: str, source: str) -> Any:
    """Parse by the source's extension: `.json` is JSON, `.yaml`/`.yml` YAML.

    Only a source without either extension (an upload's field, a pasted text) is judged by its
    content: JSON when it starts with '{'. A flow-style YAML file may start with '{' too.
    """
    suffix = Path(source).suffix.lower()
    if suffix == ".json":
        return parse_json(text, source)
    if suffix in (".yaml", ".yml") or not text.lstrip().startswith("{"):
        return parse_yaml(text, source)
    return parse_json(text, source)


def decode_bytes(raw: bytes, source: str) -> str:
    """Decode an uploaded or read file as UTF-8 (BOM allowed), naming the source when not."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentError(source, 0, _larger_than(MAX_DOCUMENT_BYTES))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DocumentError(source, line, _("not UTF-8 text; save the file as UTF-8")) from None


def read_limited(path: str | Path, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """A regular file's bytes, refused by type and size (`stat`) before anything is read.

    A device (`/dev/zero`), a FIFO or a folder never reaches `open`, which could block or read
    forever; a huge or sparse file is refused by its size; and at most `limit + 1` bytes are
    ever read, in case the file grows while it is read.
    """
    shown = str(path)
    try:
        info = os.stat(path)
    except OSError as error:
        raise DocumentError(shown, 0, _cannot_read(error)) from None
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(shown, 0, _("is a folder, not a file"))
        raise DocumentError(shown, 0, _("is a device, pipe or socket, not a file"))
    if info.st_size > limit:
        raise DocumentError(
            shown,
            0,
            # Translators: {size} is the limit in kB; {bytes} the file's size in bytes
            _(
                "larger than {size} kB ({bytes} bytes)",
                size=limit // 1000,
                bytes=number(info.st_size),
            ),
        )
    try:
        with open(path, "rb") as stream:
            raw = stream.read(limit + 1)
    except OSError as error:
        raise DocumentError(shown, 0, _cannot_read(error)) from None
    if len(raw) > limit:
        raise DocumentError(shown, 0, _larger_than(limit))
    return raw


def read_document(path: str | Path) -> Any:
    """Read a YAML or JSON file from disk."""
    raw = read_limited(path)
    return parse_document(decode_bytes(raw, str(path)), str(path))
