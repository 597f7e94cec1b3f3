"""A calibration edits the pack's figures in place and is checked like any pack."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.engine import evaluate
from advisor.pack import RulePackError
from advisor.pack.calibrate import (
    apply_edits,
    calibrated_pack,
    change_rows,
    figures,
    format_figure,
)
from advisor.pack.load import pack_from_documents
from advisor.pack.uploads import default_documents

SHIPPED = default_documents()
SMB_LOW = "thresholds.trigger_zone.by_segment.smb.low"
GRR_HEALTHY = "benchmarks.metric_targets.grr.healthy"
COST_EUR_SMB = "benchmarks.am_fully_loaded_cost.values.EUR.smb"


def test_every_figure_of_the_shipped_pack_is_listed_with_its_file_line_and_source() -> None:
    listed = {figure.path: figure for figure in figures(SHIPPED)}
    smb = listed[SMB_LOW]
    assert (smb.file, smb.value, smb.integer) == ("10-thresholds.yaml", 20.0, True)
    assert smb.source.startswith("seed 000: the typical moment is 15–25")
    line = dict(SHIPPED)["10-thresholds.yaml"].decode().splitlines()[smb.line - 1]
    assert "smb: {low: 20, high: 30}" in line
    assert listed[GRR_HEALTHY].value == 0.9 and not listed[GRR_HEALTHY].integer
    assert listed[COST_EUR_SMB].value == 65000
    assert "scoring.hire_now_at" in listed
    # Rules and texts are not figures to tune here.
    assert not any(path.startswith(("rules.", "role.", "texts.")) for path in listed)


def test_an_edit_rewrites_only_its_number_and_keeps_every_comment() -> None:
    edited = apply_edits(SHIPPED, {SMB_LOW: 22, GRR_HEALTHY: "0.92"})
    before, after = dict(SHIPPED), dict(edited)
    old = before["10-thresholds.yaml"].decode().splitlines()
    new = after["10-thresholds.yaml"].decode().splitlines()
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed == [
        ("      smb: {low: 20, high: 30}", "      smb: {low: 22, high: 30}"),
    ]
    assert after["20-benchmarks.yaml"].count(b"healthy: 0.92") == 1
    for name in ("00-pack.yaml", "30-readiness.yaml", "40-role.yaml"):
        assert after[name] == before[name]


def test_the_calibrated_pack_moves_the_verdict_where_the_figure_says(make_profile) -> None:  # type: ignore[no-untyped-def]
    pack, _ = calibrated_pack(SHIPPED, {SMB_LOW: 22})
    assert pack.thresholds["trigger_zone"].describe().startswith("smb: 22–30")
    shipped = pack_from_documents(SHIPPED)
    profile = make_profile(segment="smb", active_accounts=21)
    # 21 SMB accounts are inside the shipped zone (20–30) and below the calibrated one (22–30).
    fired_shipped = {rule.rule_id for rule in evaluate(profile, shipped).fired}
    fired_calibrated = {rule.rule_id for rule in evaluate(profile, pack).fired}
    assert "PORT-BELOW-ZONE" not in fired_shipped and "PORT-BELOW-ZONE" in fired_calibrated


def test_a_calibration_that_breaks_the_pack_is_refused_naming_file_line_and_figure() -> None:
    with pytest.raises(RulePackError) as refused:
        calibrated_pack(SHIPPED, {SMB_LOW: 40})
    first = str(refused.value.problems[0])
    assert first.startswith("10-thresholds.yaml:6:") and "40 is above high (30)" in first


def test_an_unknown_figure_is_refused_with_the_nearest_one() -> None:
    with pytest.raises(RulePackError, match=f"did you mean {SMB_LOW}"):
        apply_edits(SHIPPED, {"thresholds.trigger_zone.by_segment.smb.lo": 22})


@pytest.mark.parametrize("value", ["twenty", float("nan"), float("inf"), True, None, 1e13])
def test_a_value_that_is_not_a_figure_is_refused_naming_the_figure(value: object) -> None:
    with pytest.raises(RulePackError, match=SMB_LOW.replace(".", r"\.")):
        apply_edits(SHIPPED, {SMB_LOW: value})


def test_the_changes_name_each_figure_with_both_values() -> None:
    edited = apply_edits(SHIPPED, {SMB_LOW: 18, COST_EUR_SMB: 70000})
    assert change_rows(SHIPPED, edited) == [
        {"Figure": SMB_LOW, "Shipped pack": "20", "This pack": "18", "Change": "lowered"},
        {"Figure": COST_EUR_SMB, "Shipped pack": "65000", "This pack": "70000", "Change": "raised"},
    ]
    assert change_rows(SHIPPED, SHIPPED) == []


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_a_figure_written_reads_back_as_the_same_number(value: float) -> None:
    assert yaml.safe_load(format_figure(value)) == value


@pytest.mark.parametrize("value", [5e-324, 1e-05, 0.92, 1e12, -3.5])
def test_a_tiny_figure_is_written_as_a_yaml_number_not_as_text(value: float) -> None:
    # `1e-05` is text to YAML: the figure vanished from the calibrated pack.
    edited = apply_edits(SHIPPED, {GRR_HEALTHY: value})
    assert next(f.value for f in figures(edited) if f.path == GRR_HEALTHY) == value
