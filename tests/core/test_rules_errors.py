"""Malformed rule packs: each error is one message `FILE:LINE: CONTEXT › path: what is wrong`."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.pack import RulePackError, pack_from_documents

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"
SHIPPED = [(f"rules/{p.name}", p.read_bytes()) for p in sorted(RULES_DIR.glob("*.yaml"))]
PORT_ZONE_LINE = next(
    number
    for number, line in enumerate((RULES_DIR / "30-readiness.yaml").read_text().splitlines(), 1)
    if line.strip() == "- id: PORT-ZONE"
)


def errors_with_extra(text: str, name: str = "rules/99-custom.yaml") -> list[str]:
    with pytest.raises(RulePackError) as caught:
        pack_from_documents([*SHIPPED, (name, text.encode())])
    return [str(issue) for issue in caught.value.problems]


RULE_HEAD = """rules:
  - id: X-TEST
    title: A test rule
    category: trigger
    rationale: Only here to check that the loader points at the right line.
    source: seed 000
"""


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        pytest.param(
            RULE_HEAD
            + "    when: {field: anual_churn, op: gt, value: 0.1}\n    effect: {score: 5}\n",
            "rules/99-custom.yaml:7: X-TEST › when.field: unknown field 'anual_churn' "
            "(did you mean 'logo_churn_rate'?)",
            id="unknown field with suggestion",
        ),
        pytest.param(
            RULE_HEAD
            + "    when:\n      all:\n        - {field: active_accounts, op: gte_, value: 3}\n"
            "    effect: {score: 5}\n",
            "rules/99-custom.yaml:9: X-TEST › when.all[0].op: unknown operator 'gte_' "
            "(did you mean 'gte'?); expected one of lt, lte, gt, gte, between, eq, ne, in, "
            "not_in, is_true, is_false, is_set",
            id="unknown operator in a nested condition",
        ),
        pytest.param(
            RULE_HEAD + "    when: {field: active_accounts, op: gte, value: $triger_zone.low}\n"
            "    effect: {score: 5}\n",
            "rules/99-custom.yaml:7: X-TEST › when.value: unknown threshold '$triger_zone' "
            "(did you mean 'trigger_zone'?)",
            id="unknown threshold reference",
        ),
        pytest.param(
            RULE_HEAD.replace("X-TEST", "PORT-ZONE")
            + "    when: {field: active_accounts, op: gte, value: 3}\n    effect: {score: 5}\n",
            "rules/99-custom.yaml:2: PORT-ZONE › id: duplicate rule id "
            f"(first at rules/30-readiness.yaml:{PORT_ZONE_LINE})",
            id="duplicate rule id across files",
        ),
        pytest.param(
            RULE_HEAD + "    when: {field: delivery_maturity, op: in, value: [adhoc]}\n"
            "    effect: {verdict: fix_delivery_first}\n",
            "rules/99-custom.yaml:7: X-TEST › when.value: 'adhoc' is not a value of "
            "'delivery_maturity' (did you mean 'ad_hoc'?); expected one of ad_hoc, emerging, "
            "standardised, optimised",
            id="misspelt choice value",
        ),
        pytest.param(
            RULE_HEAD
            + "    when: {field: active_accounts, op: gte, value: fifteen}\n    effect: {score: 5}\n",
            "rules/99-custom.yaml:7: X-TEST › when.value: 'fifteen' is not a number or a "
            "$threshold",
            id="text where a number is expected",
        ),
        pytest.param(
            RULE_HEAD + "    when: {field: nps, op: lt, value: .nan}\n    effect: {score: 5}\n",
            "rules/99-custom.yaml:7: X-TEST › when.value: nan is not a number or a $threshold",
            id="NaN is not a number",
        ),
        pytest.param(
            RULE_HEAD + "    when: {field: active_accounts, op: is_true}\n    effect: {score: 5}\n",
            "rules/99-custom.yaml:7: X-TEST › when.op: 'is_true' does not apply to numeric "
            "field 'active_accounts'",
            id="operator on the wrong kind of field",
        ),
        pytest.param(
            RULE_HEAD
            + "    when: {field: active_accounts, op: gte, value: 3}\n    effect: {cap: not yet}\n",
            "rules/99-custom.yaml:8: X-TEST › effect.cap: 'not yet' is not one of prepare, "
            "not_yet (did you mean 'not_yet'?)",
            id="bad cap",
        ),
        pytest.param(
            RULE_HEAD.replace("    source: seed 000\n", "")
            + "    when: {field: active_accounts, op: gte, value: 3}\n    effect: {score: 5}\n",
            "rules/99-custom.yaml:2: X-TEST › source: required key is missing",
            id="rule without a source",
        ),
        pytest.param(
            RULE_HEAD + "    when: {field: active_accounts, op: gte, value: 3}\n"
            "    effect: {score: 5}\n    title: Again\n",
            "rules/99-custom.yaml:9: YAML: duplicate key 'title' (first at line 3)",
            id="duplicate key",
        ),
        pytest.param(
            "thresholds:\n  base: &b {value: 3, source: seed 000}\n  copy: *b\n",
            "rules/99-custom.yaml:3: YAML: aliases (*name) are not allowed; write the value out",
            id="alias refused",
        ),
        pytest.param(
            "thresholds:\n  odd_zone:\n    low: 30\n    high: 20\n    source: product default\n",
            "rules/99-custom.yaml:3: odd_zone › low: 30 is above high (20)",
            id="threshold low above high",
        ),
        pytest.param(
            "thresholds:\n  zone2:\n    by_segment:\n      smb: {value: 3}\n"
            "      midmarket: {value: 3}\n      enterprise: {value: 3}\n    source: product default\n",
            "rules/99-custom.yaml:5: zone2 › by_segment.midmarket: unknown segment "
            "(did you mean 'mid_market'?); expected smb, mid_market, enterprise",
            id="misspelt segment",
        ),
        pytest.param(
            "rule:\n  - id: X\n",
            "rules/99-custom.yaml:1: rule: unknown section (did you mean 'rules'?); expected "
            "one of pack, sources, scoring, thresholds, benchmarks, business_models, rules, texts, "
            "role, pay, job, interview",
            id="unknown top-level section",
        ),
        pytest.param(
            "rules:\n  - id: X-TEST\n    title: t\n    category: trigger\n    when: {field: nrr,\n",
            "rules/99-custom.yaml:6: YAML: while parsing a flow node: expected the node "
            "content, but found '<stream end>'",
            id="YAML syntax error",
        ),
    ],
)
def test_malformed_pack_message(snippet: str, expected: str) -> None:
    assert expected in errors_with_extra(snippet)


def test_every_problem_is_reported_not_just_the_first() -> None:
    snippet = (
        RULE_HEAD
        + "    when: {field: anual_churn, op: gt, value: 0.1}\n    effect: {score: 500}\n"
        + "  - id: lower-case\n    title: t\n    category: trigger\n    rationale: r\n"
        + "    source: product default\n    when: {field: nps, op: lt, value: 0}\n    effect: {score: 1}\n"
    )
    errors = errors_with_extra(snippet)
    assert len(errors) == 3, errors
    assert any("effect.score: 500 is not a number between -100 and 100" in e for e in errors)
    assert any("lower-case › id: ids are UPPER-KEBAB-CASE" in e for e in errors)


def test_headline_placeholder_is_checked() -> None:
    texts = (
        dict(SHIPPED)["rules/00-pack.yaml"]
        .decode()
        .replace("{company} should hire", "{compnay} should hire")
    )
    documents = [(n, texts.encode() if n == "rules/00-pack.yaml" else c) for n, c in SHIPPED]
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    rows = texts.splitlines()
    hire_now = next(n for n, row in enumerate(rows, 1) if row == "  headlines:") + 1
    assert rows[hire_now - 1] == "    hire_now:" and rows[hire_now].strip() == "default:"
    assert str(caught.value).startswith(
        f"rules/00-pack.yaml:{hire_now + 1}: texts › headlines.hire_now.default: unknown "
        "placeholder {compnay} (did you mean 'company'?)"
    )


def test_deep_nesting_is_refused() -> None:
    condition = "{field: nps, op: lt, value: 0}"
    for _ in range(10):
        condition = "{not: " + condition + "}"
    errors = errors_with_extra(RULE_HEAD + f"    when: {condition}\n    effect: {{score: 1}}\n")
    assert errors == [
        (
            "rules/99-custom.yaml:7: X-TEST › when.not.not.not.not.not.not.not.not.not: "
            "conditions nested deeper than 8 levels"
        )
    ]


def test_oversized_document_is_refused() -> None:
    errors = errors_with_extra("# " + "x" * 1_100_000)
    assert errors == ["rules/99-custom.yaml: larger than 1000 kB"]


def test_missing_sections_are_named() -> None:
    with pytest.raises(RulePackError) as caught:
        pack_from_documents([("rules/only.yaml", RULE_HEAD.encode())])
    text = str(caught.value)
    for section in ("pack", "scoring", "benchmarks", "texts"):
        assert f"the pack has no '{section}' section" in text
