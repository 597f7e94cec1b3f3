"""The Rules page's tables (`advisor/pack/describe.py`, the operators' table) in the reader's
language: every header and every word the product adds goes through the catalogue; the pack's own
texts, ids, field keys and operator names are data and stay as written."""

from __future__ import annotations

import re

import pytest

from advisor.fields import DERIVED_FIELDS, FIELD_CHOICES, FIELDS
from advisor.i18n import PSEUDO, language
from advisor.operators import OPERATORS, describe_operators
from advisor.pack import RulePack, load_pack
from advisor.pack.calibrate import apply_edits, change_rows, figures, format_figure
from advisor.pack.describe import (
    am_cost_rows,
    band_rows,
    business_model_rows,
    metric_target_rows,
    rule_diff,
    rule_rows,
    source_rows,
    threshold_diff,
    vocabulary_rows,
    when_text,
)
from advisor.pack.uploads import default_documents
from tests.i18n_support import strip_marked, untranslated

# Columns whose cells the product writes (the others hold the pack's texts, ids and figures).
WORDED = {"Category", "When", "Effect", "Change", "Date", "Link", "Kind", "Better when"}


def _identifiers(pack: RulePack) -> set[str]:
    choices = [choice for values in FIELD_CHOICES.values() for choice in values]
    refs = [f"${name}{part}" for name in pack.thresholds for part in ("", ".low", ".high")]
    return {*OPERATORS, *FIELDS, *DERIVED_FIELDS, *choices, *pack.thresholds, *refs}


def _left(rows: list[dict[str, str]], allowed: set[str], columns: set[str]) -> list[str]:
    """Headers, and the cells of the product's columns, with a word outside the marks."""
    found = []
    for row in rows:
        for header, cell in row.items():
            found += untranslated(header)
            # the English column name of a cell, read back from its marks
            if strip_marked(header, "").strip() == "" and header.strip("⟦⟧") in columns:
                found += untranslated(str(cell), allowed=allowed)
    return found


@pytest.fixture(scope="module")
def pseudo_pack() -> RulePack:
    return load_pack(language=PSEUDO)


def test_the_rule_table_writes_its_words_through_the_catalogue(pseudo_pack: RulePack) -> None:
    with language(PSEUDO):
        rows = rule_rows(pseudo_pack)
    assert _left(rows, _identifiers(pseudo_pack), WORDED) == []
    assert "⟦Category⟧" in rows[0] and "⟦When⟧" in rows[0]


def test_every_table_of_the_rules_page_has_its_headers_in_the_catalogue(
    pseudo_pack: RulePack,
) -> None:
    with language(PSEUDO):
        tables = [
            am_cost_rows(pseudo_pack),
            band_rows(pseudo_pack),
            business_model_rows(pseudo_pack),
            metric_target_rows(pseudo_pack),
            source_rows(pseudo_pack),
            vocabulary_rows(),
            describe_operators(),
        ]
    segments_and_currencies = {"smb", "mid_market", "enterprise", *pseudo_pack.am_cost}
    left = [
        stretch
        for rows in tables
        for header in rows[0]
        for stretch in untranslated(header, allowed=segments_and_currencies)
    ]
    assert left == []


def test_the_operators_table_reads_each_operator_in_words(pseudo_pack: RulePack) -> None:
    with language(PSEUDO):
        rows = describe_operators()
    for row in rows:
        op, takes, applies, reads = row.values()
        assert op in OPERATORS  # the rule language's name stays as it is written
        assert untranslated(takes) == [] and untranslated(applies) == []
        # the placeholders show where the value goes, as the rule language writes them
        assert untranslated(reads, allowed=["{value}", "{low}", "{high}"]) == []
    with language("es"):
        spanish = {row["op"]: row["se lee"] for row in describe_operators()}
    assert spanish["gte"] == "es al menos {value}"
    assert spanish["between"] == "está entre {low} y {high}"


def test_the_vocabulary_table_writes_kinds_and_labels_in_the_language(
    pseudo_pack: RulePack,
) -> None:
    with language(PSEUDO):
        rows = vocabulary_rows()
    kinds = [row["⟦Kind⟧"] for row in rows]
    assert all(untranslated(kind) == [] for kind in kinds)
    with language("es"):
        spanish = {row["Campo"]: row for row in vocabulary_rows()}
    assert spanish["active_accounts"]["Tipo"] == "recuento"


def test_a_pack_that_differs_is_described_in_spanish() -> None:
    shipped = load_pack()
    changed = load_pack()
    changed.scoring = type(shipped.scoring)(
        shipped.scoring.hire_now_at + 5, shipped.scoring.prepare_at, shipped.scoring.source
    )
    changed.am_cost = {
        currency: {segment: cost + 1000 for segment, cost in costs.items()}
        for currency, costs in shipped.am_cost.items()
    }
    with language("es"):
        figures = {row["Cifra"]: row for row in threshold_diff(shipped, changed)}
    hire = figures["puntuación para contratar ya"]
    assert hire["Cambio"] == "cambiado"
    assert hire["Este paquete"] == f"{shipped.scoring.hire_now_at + 5:g} puntos"
    currency, costs = next(iter(shipped.am_cost.items()))
    segment, cost = next(iter(costs.items()))
    # the cost in Spain's grouping: a dot between thousands
    grouped = f"{cost + 1000:,.0f}".replace(",", ".")
    row = figures[f"coste del AM {currency} {segment}"]
    assert row["Este paquete"] == f"{grouped} {currency} al año"
    assert rule_diff(shipped, changed) == []


def test_a_condition_reads_its_connectives_in_spanish(pseudo_pack: RulePack) -> None:
    shipped = load_pack()
    grouped = next(
        rule
        for rule in shipped.rules
        if " and " in (text := when_text(rule.when)) and " or " not in text and "not (" not in text
    )
    with language("es"):
        spanish = when_text(grouped.when)
    assert spanish == when_text(grouped.when).replace(" and ", " y ")
    assert re.search(r"\by\b", spanish)


def test_a_calibration_lists_its_changes_in_spanish() -> None:
    before = default_documents()
    figure = next(f for f in figures(before) if f.value > 0)
    after = apply_edits(before, {figure.path: figure.value * 2})
    with language("es"):
        rows = change_rows(before, after)
    assert rows == [
        {
            "Cifra": figure.path,
            "Paquete incluido": format_figure(figure.value),
            "Este paquete": format_figure(figure.value * 2),
            "Cambio": "subido",
        }
    ]
    with language(PSEUDO):
        (row,) = change_rows(before, after)
    assert all(untranslated(header) == [] for header in row)
    assert untranslated(row["⟦Change⟧"]) == []


def test_the_book_size_names_its_unit_in_the_language_the_pack_is_read_in() -> None:
    assert load_pack(language="en").thresholds["book_size"].unit == "accounts per AM"
    assert load_pack(language="es").thresholds["book_size"].unit == "cuentas por AM"
