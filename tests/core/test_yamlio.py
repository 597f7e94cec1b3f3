"""The safe document reader: aliases, duplicate keys, nesting, size and encodings."""

from __future__ import annotations

import pytest

from advisor.yamlio import (
    MAX_VALUES,
    DocumentError,
    LineDict,
    TooManyValuesError,
    count_values,
    decode_bytes,
    parse_document,
    parse_yaml,
)


def test_lines_of_keys_are_kept() -> None:
    data = parse_yaml("a: 1\nb:\n  c: 2\n", "x.yaml")
    assert isinstance(data, LineDict)
    assert data.line_of("b") == 2
    assert data["b"].line_of("c") == 3


def test_aliases_are_refused() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_yaml("a: &x 1\nb: *x\n", "x.yaml")
    assert (
        str(caught.value) == "x.yaml:2: YAML: aliases (*name) are not allowed; write the value out"
    )


def test_billion_laughs_never_expands() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    with pytest.raises(DocumentError, match="aliases"):
        parse_yaml(bomb, "bomb.yaml")


def test_python_tags_are_refused() -> None:
    with pytest.raises(DocumentError, match=r"x\.yaml:1"):
        parse_yaml("a: !!python/object/apply:os.system ['echo hi']\n", "x.yaml")


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(DocumentError, match="nesting deeper than 40 levels"):
        parse_yaml("[" * 60 + "]" * 60, "deep.yaml")


def test_multiple_documents_are_refused() -> None:
    with pytest.raises(DocumentError, match="more than one YAML document"):
        parse_yaml("a: 1\n---\nb: 2\n", "two.yaml")


def test_bom_is_accepted_and_other_encodings_named() -> None:
    assert decode_bytes("\ufeffa: 1".encode(), "x") == "a: 1"
    with pytest.raises(DocumentError) as caught:
        decode_bytes("a: 1\nb: é".encode("cp1252"), "latin.yaml")
    assert str(caught.value) == "latin.yaml:2: not UTF-8 text; save the file as UTF-8"


def test_json_is_detected_and_strict() -> None:
    assert parse_document('{"a": 1}', "upload") == {"a": 1}
    with pytest.raises(DocumentError, match=r"p.json:2: JSON: Expecting"):
        parse_document('{"a": 1,\n}', "p.json")


def test_a_dense_document_is_refused_by_its_value_count_before_it_is_read_whole() -> None:
    dense = "numbers: [" + "0," * (2 * MAX_VALUES) + "0]\n"  # 200 kB, far under the byte limit
    with pytest.raises(TooManyValuesError) as caught:
        parse_yaml(dense, "dense.yaml")
    assert str(caught.value.problems[0]) == (
        f"dense.yaml:1: YAML: more than {MAX_VALUES:,} values (keys, list items and scalars); "
        "a document, or a rule pack's files together, may hold no more"
    )


def test_the_value_count_matches_the_limit_the_loader_applies() -> None:
    text = "a: [1, 2]\nb: {c: x}\n"
    data = parse_yaml(text, "x.yaml")
    assert count_values(data) == 9  # 2 mappings, their 3 keys, the list, its 2 items and x
    assert parse_yaml(text, "x.yaml", max_values=9) == data
    with pytest.raises(DocumentError):
        parse_yaml(text, "x.yaml", max_values=8)
