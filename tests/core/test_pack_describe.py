"""A pack in rows and words: rule rows, figure and rule diffs, conditions in one line."""

from __future__ import annotations

from advisor.pack import DEFAULT_RULES_DIR, RulePack, pack_from_documents
from advisor.pack.describe import (
    am_cost_rows,
    metric_target_rows,
    rule_diff,
    rule_rows,
    threshold_diff,
    vocabulary_rows,
    when_text,
)
from advisor.pack.uploads import default_documents, overlay_on_default
from advisor.profile import FIELDS

READINESS = (DEFAULT_RULES_DIR / "30-readiness.yaml").read_text(encoding="utf-8")
THRESHOLDS = (DEFAULT_RULES_DIR / "10-thresholds.yaml").read_text(encoding="utf-8")


def custom_pack(*files: tuple[str, str]) -> RulePack:
    documents, _ = overlay_on_default(
        [(name, text.encode()) for name, text in files], default_documents()
    )
    return pack_from_documents(documents)


def test_rule_diff_names_what_changed(pack: RulePack) -> None:
    stronger = READINESS.replace(
        "        - not: {field: books_of_work, op: is_set}\n    effect: {score: 25}",
        "        - not: {field: books_of_work, op: is_set}\n    effect: {score: 30}",
    )
    assert stronger != READINESS
    changed = custom_pack(("30-readiness.yaml", stronger))
    assert rule_diff(pack, changed) == [
        {"Rule": "PORT-ZONE", "Change": "effect: +25 points → +30 points"}
    ]


def test_when_text_reads_nested_conditions(pack: RulePack) -> None:
    rule = pack.rule("CHURN-RISING-UNEXPLAINED")
    assert when_text(rule.when) == "(churn_trend eq rising and churn_cause_known is_false)"


def test_rule_rows_name_the_thresholds_each_rule_uses(pack: RulePack) -> None:
    rows = {row["ID"]: row for row in rule_rows(pack)}
    assert list(rows) == [rule.id for rule in pack.rules]
    zone = rows["PORT-ZONE"]
    assert zone["When"] == (
        "(active_accounts gte $trigger_zone.low and not (books_of_work is_set))"
    )
    assert zone["Thresholds"].startswith("trigger_zone = smb: 20–30; mid_market: 15–25")
    assert zone["Effect"] == "+25 points"
    assert zone["Where"] == pack.rule("PORT-ZONE").location


def test_the_same_pack_has_no_differences(pack: RulePack) -> None:
    assert threshold_diff(pack, pack) == [] and rule_diff(pack, pack) == []


def test_a_changed_figure_is_listed_with_both_values(pack: RulePack) -> None:
    later = THRESHOLDS.replace("mid_market: {low: 15, high: 25}", "mid_market: {low: 25, high: 35}")
    rows = threshold_diff(pack, custom_pack(("10-thresholds.yaml", later)))
    assert [row["Figure"] for row in rows] == ["threshold trigger_zone"]
    assert "mid_market: 25–35" in rows[0]["This pack"] and rows[0]["Change"] == "changed"


def test_benchmark_and_vocabulary_rows(pack: RulePack) -> None:
    assert [row["Currency"] for row in am_cost_rows(pack)] == list(pack.am_cost)
    assert len(metric_target_rows(pack)) == len(pack.metric_targets)
    fields = [row["Field"] for row in vocabulary_rows()]
    assert fields[: len(FIELDS)] == list(FIELDS)
    assert "total_arr" in fields
