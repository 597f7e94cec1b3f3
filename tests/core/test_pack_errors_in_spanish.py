"""The rule pack's, the YAML reader's and the profile values' refusals in the reader's language:
in Spanish they name the file, the line and the field as in English; in the pseudo-language every
word of every message went through the catalogue (the file, the line, the key path and the values
read from the input stay as they are: they are data)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from advisor import profile_values
from advisor.cli import main
from advisor.fields import DERIVED_FIELDS, FIELD_CHOICES, FIELDS
from advisor.i18n import PSEUDO, language
from advisor.operators import OPERATORS
from advisor.pack import RulePackError, load_pack, pack_from_documents
from advisor.pack.load import TOP_LEVEL
from advisor.pack.model import CATEGORIES
from advisor.pack.sections import RULE_KEYS
from advisor.problems import Problem
from advisor.yamlio import DocumentError, decode_bytes, parse_json, parse_yaml
from tests.i18n_support import strip_marked, untranslated

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"
SHIPPED = [(f"rules/{p.name}", p.read_bytes()) for p in sorted(RULES_DIR.glob("*.yaml"))]
SOURCE_IDS = re.findall(
    r"^\s*- id: (.+)$", (RULES_DIR / "05-sources.yaml").read_text(), re.MULTILINE
)
THRESHOLD_NAMES = re.findall(
    r"^  ([a-z_]+):", (RULES_DIR / "10-thresholds.yaml").read_text(), re.MULTILINE
)

RULE_HEAD = """rules:
  - id: X-TEST
    title: A test rule
    category: trigger
    rationale: Only here to check that the loader points at the right line.
    source: seed 000
"""
# One broken file, three problems: a value of the wrong type, a source the pack does not list,
# a condition on a field that does not exist.
BROKEN = """thresholds:
  x_zone: {value: quince, source: seed 000}
  y_zone: {value: 3, source: seed 999}
rules:
  - id: X-TEST
    title: A test rule
    category: trigger
    rationale: Only here to check that the loader points at the right line.
    source: seed 000
    when: {field: anual_churn, op: gt, value: 0.1}
    effect: {score: 5}
"""

# Bad pack files, each refused with one or more messages (a sample of every kind of check).
BAD_PACK_FILES = [
    RULE_HEAD + "    when: {field: anual_churn, op: gt, value: 0.1}\n    effect: {score: 5}\n",
    RULE_HEAD + "    when: {all: [{field: active_accounts, op: gte_, value: 3}]}\n"
    "    effect: {score: 5}\n",
    RULE_HEAD + "    when: {field: active_accounts, op: gte, value: $triger_zone.low}\n"
    "    effect: {score: 5}\n",
    RULE_HEAD + "    when: {field: delivery_maturity, op: in, value: [adhoc]}\n"
    "    effect: {score: 5}\n",
    RULE_HEAD + "    when: {field: active_accounts, op: gte, value: fifteen}\n"
    "    effect: {score: 5}\n",
    RULE_HEAD + "    when: {field: active_accounts, op: between, value: $trigger_zone.middle}\n"
    "    effect: {score: 5}\n",
    RULE_HEAD + "    when: {field: delivery_maturity, op: gt, value: 3}\n    effect: {score: 5}\n",
    RULE_HEAD + "    when: {field: active_accounts, op: is_set, value: 3}\n"
    "    effect: {score: 500, verdict: hire_now}\n",
    RULE_HEAD + "    when: {not: {field: active_accounts, op: gte, value: 3}, all: []}\n"
    "    effect: {score: 5}\n    headlin: x\n",
    RULE_HEAD.replace("X-TEST", "x_test").replace("category: trigger", "category: trigerr")
    + "    when: {field: active_accounts, op: gte, value: 3}\n    effect: {}\n",
    (
        "thresholds:\n  Bad-Name: {value: 3, source: seed 000}\n"
        "  low_high: {low: 9, high: 3, source: seed 000}\n"
        "  segments: {by_segment: {smb: {value: 1}, mid_markt: {value: 2}}, source: seed 000}\n"
        "  no_source: {value: yes}\n"
    ),
    "thresholds:\n  trigger_zone: {value: 3, source: seed 000}\n",
    "ruls: []\nscoring: {hire_now_at: 50, prepare_at: 60, source: seed 000}\n",
    "sources:\n  - {id: seed 000, title: Again, publisher: Nobody, year: 20255}\n",
    "rules: {}\n",
    "pay: 3\n",
]
# Bad YAML and JSON documents, refused by the reader before any section is read.
BAD_DOCUMENTS = [
    "a: 1\na: 2\n",
    "a: &x 1\nb: *x\n",
    "a:\n\tb: 1\n",
    "a: b: c\n",
    "a: 1\n---\nb: 2\n",
    "a: 2024-02-30\n",
    "a: !!int abc\n",
    "a: \x07\n",
    "a: " + "[" * 50 + "]" * 50 + "\n",
]
BAD_JSON = ['{"a": 1, "a": 2}', '{"a": NaN}', '{"a": }', '{"a": 1,}']
BAD_VALUES = [
    (profile_values.parse_count, "3.5"),
    (profile_values.parse_count, -4),
    (profile_values.parse_count, 10**20),
    (profile_values.parse_money, "36.000"),
    (profile_values.parse_money, 2e13),
    (profile_values.parse_positive_money, 0),
    (profile_values.parse_grr, "120%"),
    (profile_values.parse_grr, 1.2),
]


def _identifiers() -> set[str]:
    """The words of the rule language and the pack that messages quote as they are."""
    choices = [choice for values in FIELD_CHOICES.values() for choice in values]
    files = [name for name, _content in SHIPPED]
    return {
        *OPERATORS,
        *FIELDS,
        *DERIVED_FIELDS,
        *choices,
        *TOP_LEVEL,
        *SOURCE_IDS,
        *THRESHOLD_NAMES,
        *RULE_KEYS,
        *CATEGORIES,
        *files,
        "True",
        "False",
    }


def _data(problem: Problem, given: str) -> list[str]:
    """What a problem quotes that is data: where it is, the identifiers of the rule language and
    the pack, and every token of the message outside the marks that the input holds."""
    known = _identifiers()
    outside = strip_marked(str(problem))
    tokens = re.findall(r"[\w$./:-]+", outside)
    quoted = [token for token in tokens if token.strip(".:") in given or token in known]
    return [problem.file, problem.context, problem.path, *quoted, *known]


def _refusals(extra: str, name: str = "rules/99-custom.yaml") -> list[Problem]:
    with pytest.raises(RulePackError) as caught:
        pack_from_documents([*SHIPPED, (name, extra.encode())])
    return list(caught.value.problems)


@pytest.fixture
def broken_pack(tmp_path: Path) -> Path:
    for path in RULES_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "99-custom.yaml").write_text(BROKEN)
    return tmp_path


def test_a_broken_pack_is_refused_in_spanish_naming_file_line_and_field(
    broken_pack: Path,
) -> None:
    with language("es"), pytest.raises(RulePackError) as caught:
        load_pack(broken_pack)
    found = {
        (Path(p.file).name, p.line, p.context, p.path): p.message for p in caught.value.problems
    }
    assert found[("99-custom.yaml", 2, "x_zone", "value")] == "'quince' no es un número"
    unknown_source = found[("99-custom.yaml", 3, "", "thresholds.y_zone.source")]
    assert unknown_source.startswith(
        "no nombra ninguna fuente de la lista `sources` del paquete; se esperaba una de "
    )
    assert found[("99-custom.yaml", 10, "X-TEST", "when.field")] == (
        "campo desconocido «anual_churn» (¿quisiste decir 'logo_churn_rate'?)"
    )
    # the composed line keeps FILE:LINE: CONTEXT › path as in English
    shown = [str(p) for p in caught.value.problems]
    assert any(
        line.endswith(
            "99-custom.yaml:10: X-TEST › when.field: campo desconocido «anual_churn» "
            "(¿quisiste decir 'logo_churn_rate'?)"
        )
        for line in shown
    )


def test_the_same_broken_pack_is_refused_in_english_as_before(broken_pack: Path) -> None:
    with language("en"), pytest.raises(RulePackError) as caught:
        load_pack(broken_pack)
    messages = {p.path: p.message for p in caught.value.problems}
    assert messages["value"] == "'quince' is not a number"
    assert messages["when.field"] == "unknown field 'anual_churn' (did you mean 'logo_churn_rate'?)"


def test_every_pack_refusal_is_written_through_the_catalogue() -> None:
    left = []
    for extra in BAD_PACK_FILES:
        with language(PSEUDO):
            problems = _refusals(extra)
        assert problems, extra
        for problem in problems:
            left += untranslated(str(problem), allowed=_data(problem, extra))
    assert left == []


def test_every_document_refusal_is_written_through_the_catalogue() -> None:
    left = []
    for text in BAD_DOCUMENTS:
        with language(PSEUDO), pytest.raises(DocumentError) as caught:
            parse_yaml(text, "bad.yaml")
        problem = caught.value.first
        left += untranslated(str(problem), allowed=_data(problem, text))
    for text in BAD_JSON:
        with language(PSEUDO), pytest.raises(DocumentError) as caught:
            parse_json(text, "bad.json")
        problem = caught.value.first
        left += untranslated(str(problem), allowed=_data(problem, text))
    with language(PSEUDO), pytest.raises(DocumentError) as caught:
        decode_bytes(b"a: \xff\n", "bad.yaml")
    left += untranslated(str(caught.value.first), allowed=["bad.yaml"])
    assert left == []


def test_every_profile_value_refusal_is_written_through_the_catalogue() -> None:
    left = []
    for parse, value in BAD_VALUES:
        with language(PSEUDO), pytest.raises(ValueError) as caught:
            parse(value)
        left += untranslated(str(caught.value), allowed=["nrr"])
    assert left == []


def test_a_yaml_refusal_in_spanish_names_the_line() -> None:
    with language("es"), pytest.raises(DocumentError) as caught:
        parse_yaml("a: 1\nb: 2\na: 3\n", "perfil.yaml")
    assert str(caught.value) == (
        "perfil.yaml:3: YAML: clave «a» duplicada (la primera, en la línea 1)"
    )


def test_a_missing_file_is_refused_in_spanish(tmp_path: Path) -> None:
    with language("es"), pytest.raises(RulePackError) as caught:
        load_pack(tmp_path / "nowhere")
    assert str(caught.value) == f"{tmp_path / 'nowhere'}: no existe el archivo o la carpeta"


def test_a_count_too_long_to_print_is_named_by_its_digits_in_spanish() -> None:
    with language("es"), pytest.raises(ValueError) as caught:
        profile_values.parse_count(10**20)
    # 10**20 has 21 digits: too long to print, so it is named by its count of digits
    assert str(caught.value).startswith("un número de 21 cifras")


def test_rules_check_lang_es_prints_spanish(
    broken_pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with language("es"), pytest.raises(RulePackError) as caught:
        load_pack(broken_pack)
    expected = [str(problem) for problem in caught.value.problems]
    assert main(["rules", "check", str(broken_pack), "--lang", "es"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [*expected, f"{len(expected)} problemas en {broken_pack}"]
    assert any("campo desconocido «anual_churn»" in line for line in err)


def test_rules_check_lang_es_prints_spanish_for_a_pack_that_loads(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rules", "check", str(RULES_DIR), "--lang", "es"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    with language("es"):
        pack = load_pack(RULES_DIR)
    assert first == (
        f"OK: {pack.name} {pack.version} (huella {pack.digest}): {len(pack.rules)} reglas, "
        f"{len(pack.thresholds)} umbrales, {len(pack.files)} archivo(s)"
    )


def test_rules_show_lang_es_heads_its_tables_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", "--lang", "es"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == "Umbrales"
    assert lines[3].split() == ["nombre", "valor", "unidad", "fuente"]
    assert "Reglas" in lines and "Fuentes" in lines and "Tramos de valor de contrato" in lines
