"""The readiness rules (rules/30-readiness.yaml) and the business models
(rules/15-business-models.yaml) in Spanish: every human text is a map of languages whose Spanish
is its own (never the English copied), with the English placeholders, and the pack loaded in
Spanish gives those texts to every rule, every model and every assessment of the examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from advisor.engine import evaluate
from advisor.i18n import language
from advisor.pack import (
    DEFAULT_RULES_DIR,
    RulePack,
    RulePackError,
    load_pack,
    pack_from_documents,
    read_pack_documents,
)
from advisor.profile import CompanyProfile
from advisor.yamlio import parse_yaml

READINESS = DEFAULT_RULES_DIR / "30-readiness.yaml"
MODELS = DEFAULT_RULES_DIR / "15-business-models.yaml"
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")
# Words that are the same in both languages: the acronym a subscription's revenue is called by.
SAME_IN_SPANISH = frozenset({"ARR"})
# A rule's texts; a business model's texts, by where they sit in its mapping.
RULE_TEXTS = ("title", "rationale", "advice", "source")
MODEL_TEXTS = ("label", "revenue_term")
COMPONENT_TEXTS = ("label", "measure")


def _raw(path: Any) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"), str(path))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _maps(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Each map of languages in a YAML tree, with its dotted path."""
    if isinstance(node, dict):
        if set(node) <= {"en", "es"} and "en" in node:
            yield path, node
            return
        for key, value in node.items():
            yield from _maps(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _maps(item, f"{path}[{index}]")


def _model_texts(name: str, spec: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Each human text of one business model, with its path (the role title is not one)."""
    for key in MODEL_TEXTS:
        yield f"{name}.{key}", spec[key]
    compensation = spec.get("compensation", {})
    for index, component in enumerate(compensation.get("components", [])):
        for key in COMPONENT_TEXTS:
            yield f"{name}.compensation.components[{index}].{key}", component[key]
    if "outside_range_warning" in compensation:
        yield f"{name}.outside_range_warning", compensation["outside_range_warning"]
    for metric, target in spec.get("metric_targets", {}).items():
        yield f"{name}.metric_targets.{metric}.label", target["label"]
    metrics = spec.get("metrics", {})
    for index, shown in enumerate(metrics.get("show", [])):
        yield f"{name}.metrics.show[{index}].how", shown["how"]
    if "pairing_note" in metrics:
        yield f"{name}.metrics.pairing_note", metrics["pairing_note"]


@pytest.fixture(scope="module")
def spanish_pack() -> RulePack:
    with language("es"):
        return load_pack()


@pytest.fixture(scope="module")
def english_pack() -> RulePack:
    with language("en"):
        return load_pack()


def test_every_readiness_rule_has_its_own_spanish_texts() -> None:
    rules = _raw(READINESS)["rules"]
    # Every rule of the file, counted by its `- id:` line.
    written = READINESS.read_text(encoding="utf-8").count("\n  - id: ")
    assert len(rules) == written == 34
    for rule in rules:
        for key in RULE_TEXTS:
            if key not in rule:
                continue
            text = rule[key]
            assert isinstance(text, dict) and set(text) == {"en", "es"}, (rule["id"], key)
            assert _flat(text["es"]) != _flat(text["en"]), (rule["id"], key)


def test_every_business_model_has_its_own_spanish_texts() -> None:
    models = _raw(MODELS)["business_models"]["models"]
    assert set(models) == {
        "saas_subscription",
        "services_retainer",
        "project_consultancy",
        "reseller",
    }
    checked = 0
    for name, spec in models.items():
        title = spec["role_title"]
        assert title["es"] == title["en"], f"{name}: a role title is the same in Spanish"
        for path, text in _model_texts(name, spec):
            assert isinstance(text, dict) and set(text) == {"en", "es"}, path
            if text["en"] not in SAME_IN_SPANISH:
                assert _flat(text["es"]) != _flat(text["en"]), path
            checked += 1
    # 4 labels and revenue terms, 9 pay components of 2 texts, 3 range warnings, 7 metric
    # targets, 15 metrics' "how" and 1 pairing note.
    assert checked == 4 * 2 + 9 * 2 + 3 + 7 + 15 + 1


@pytest.mark.parametrize("path", [READINESS, MODELS], ids=["readiness", "business models"])
def test_spanish_texts_keep_the_english_placeholders(path: Any) -> None:
    maps = list(_maps(_raw(path)))
    assert maps
    for where, text in maps:
        assert sorted(PLACEHOLDER.findall(text["es"])) == sorted(PLACEHOLDER.findall(text["en"])), (
            where
        )


def test_the_range_warnings_keep_their_placeholder_in_spanish() -> None:
    models = _raw(MODELS)["business_models"]["models"]
    warnings = [
        spec["compensation"]["outside_range_warning"]["es"]
        for spec in models.values()
        if "compensation" in spec
    ]
    assert len(warnings) == 3
    assert all("{renewal_expansion}" in warning for warning in warnings)


def test_the_pack_loaded_in_spanish_gives_every_readiness_rule_its_spanish_texts(
    spanish_pack: RulePack, english_pack: RulePack
) -> None:
    raw = {rule["id"]: rule for rule in _raw(READINESS)["rules"]}
    spanish = {rule.id: rule for rule in spanish_pack.rules if rule.id in raw}
    english = {rule.id: rule for rule in english_pack.rules if rule.id in raw}
    assert set(spanish) == set(raw) == set(english)
    for rule_id, rule in spanish.items():
        assert rule.title == _flat(raw[rule_id]["title"]["es"]), rule_id
        assert _flat(rule.rationale) == _flat(raw[rule_id]["rationale"]["es"]), rule_id
        assert english[rule_id].title == _flat(raw[rule_id]["title"]["en"]), rule_id
        if "advice" in raw[rule_id]:
            assert _flat(rule.advice) == _flat(raw[rule_id]["advice"]["es"]), rule_id
        # The source is cited by its documents' titles in both languages; only the notes differ.
        assert rule.source != english[rule_id].source, rule_id
    assert spanish["PORT-ZONE"].title == "La cartera ha llegado a la zona de contratación"
    assert english["PORT-ZONE"].title == "The book has reached the hiring zone"
    assert spanish["PORT-ZONE"].source.startswith("“What is an account manager (B2B guide)”")
    assert "cartera de más de 15–20 cuentas" in spanish["PORT-ZONE"].source


def test_the_pack_loaded_in_spanish_gives_every_business_model_its_spanish_words(
    spanish_pack: RulePack, english_pack: RulePack
) -> None:
    raw = _raw(MODELS)["business_models"]["models"]
    for name, spec in raw.items():
        model = spanish_pack.business_models.models[name]
        assert model.label == _flat(spec["label"]["es"]), name
        assert model.revenue_term == _flat(spec["revenue_term"]["es"]), name
        assert model.role_title == english_pack.business_models.models[name].role_title, name
    retainer = spanish_pack.business_models.models["services_retainer"]
    assert retainer.revenue_term == "honorarios anuales"
    assert retainer.role_title == "Senior Account Director"
    assert english_pack.business_models.models["services_retainer"].revenue_term == "annual fees"
    reseller = spanish_pack.business_models.models["reseller"]
    assert reseller.pairing_note.startswith("La retención del margen bruto nunca se lee sola")


def test_an_assessment_of_each_example_in_spanish_names_its_reasons_in_spanish(
    samples: dict[str, CompanyProfile], spanish_pack: RulePack, english_pack: RulePack
) -> None:
    rules = _raw(READINESS)["rules"]
    spanish_titles = {_flat(rule["title"]["es"]) for rule in rules}
    english_titles = {_flat(rule["title"]["en"]) for rule in rules}
    for name, profile in samples.items():
        with language("es"):
            spanish = evaluate(profile, spanish_pack)
        with language("en"):
            english = evaluate(profile, english_pack)
        # The same decision, worded in the pack's Spanish.
        assert spanish.verdict == english.verdict, name
        assert [r.rule_id for r in spanish.key_reasons()] == [
            r.rule_id for r in english.key_reasons()
        ], name
        assert spanish.fired, name
        for reason in spanish.fired:
            assert reason.title in spanish_titles, (name, reason.rule_id)
            assert reason.title not in english_titles, (name, reason.rule_id)
        for blocker in spanish.blockers:
            assert not any(blocker.startswith(title) for title in english_titles), (name, blocker)


def test_the_fix_delivery_first_example_is_blocked_in_spanish(
    samples: dict[str, CompanyProfile], spanish_pack: RulePack
) -> None:
    with language("es"):
        assessment = evaluate(samples["ferro-fix-delivery"], spanish_pack)
    assert assessment.blockers[0].startswith("La entrega del servicio aún no está estandarizada:")


def test_each_seed_claim_has_spanish_words_and_phrases() -> None:
    claims = _raw(MODELS)["business_models"]["seed_claims"]
    assert len(claims) == 3
    for claim in claims:
        assert _flat(claim["claim"]["es"]) != _flat(claim["claim"]["en"]), claim["id"]
        for phrase in claim["phrases"]:
            assert phrase["es"] != phrase["en"], claim["id"]
            # The claim quotes its phrase in Spanish wherever it does in English.
            if phrase["en"] in _flat(claim["claim"]["en"]):
                assert phrase["es"] in _flat(claim["claim"]["es"]), claim["id"]


def test_a_spanish_text_quoting_a_seed_claim_is_refused_for_the_models_it_would_reach() -> None:
    documents = read_pack_documents()
    old = (
        "      es: La expansión se queda sobre la mesa mientras el equipo persigue negocio nuevo.\n"
    )
    quoted = old.replace(
        "nuevo.", "nuevo; el 52 % de los nuevos ingresos SaaS procede de la expansión."
    )
    changed = [
        (
            name,
            content.decode().replace(old, quoted).encode() if "30-readiness" in name else content,
        )
        for name, content in documents
    ]
    assert changed != documents
    # The English reads as before; the Spanish quotes a claim about subscriptions only.
    pack_from_documents(changed, language="en")
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(changed, language="es")
    shown = [str(problem) for problem in caught.value.problems]
    assert len(shown) == 1
    assert "rules[33].rationale: quotes the seed claim 'expansion_share'" in shown[0]
    assert '("52 % de los nuevos ingresos SaaS")' in shown[0]
