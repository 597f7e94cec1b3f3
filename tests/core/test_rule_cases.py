"""One case file per rule (tests/rule_cases/RULE-ID.yaml), discovered by glob."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from advisor.engine import evaluate
from advisor.pack import RulePack, load_pack
from advisor.profile import parse_profile
from advisor.yamlio import read_document

CASES_DIR = Path(__file__).resolve().parent.parent / "rule_cases"
BASE = dict(read_document(CASES_DIR / "base.yaml"))


def _cases() -> list[Any]:
    found = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        if path.name == "base.yaml":
            continue
        document = read_document(path)
        for case in document["cases"]:
            found.append(
                pytest.param(document["rule"], case, id=f"{document['rule']}: {case['name']}")
            )
    return found


@pytest.mark.parametrize(("rule_id", "case"), _cases())
def test_rule_case(pack: RulePack, rule_id: str, case: dict[str, Any]) -> None:
    profile = parse_profile({**BASE, **case["profile"]})
    assessment = evaluate(profile, pack, with_flip_points=False)
    result = next(r for r in assessment.trace if r.rule_id == rule_id)
    assert result.fired is case["fires"], result.explanation


def test_every_rule_has_a_case_file_with_both_outcomes() -> None:
    pack = load_pack()
    for rule in pack.rules:
        path = CASES_DIR / f"{rule.id}.yaml"
        assert path.exists(), f"{rule.id} has no case file {path.name}"
        outcomes = {case["fires"] for case in read_document(path)["cases"]}
        assert outcomes == {True, False}, f"{rule.id} needs a firing and a non-firing case"


def test_every_case_file_names_an_existing_rule() -> None:
    ids = {rule.id for rule in load_pack().rules}
    for path in CASES_DIR.glob("*.yaml"):
        if path.name != "base.yaml":
            assert read_document(path)["rule"] in ids, f"{path.name} names no rule of the pack"


def test_every_rule_has_rationale_source_and_title() -> None:
    for rule in load_pack().rules:
        assert len(rule.rationale) > 30, rule.id
        assert rule.source.strip(), rule.id
        assert rule.title.strip(), rule.id
        if rule.category in ("reason_to_wait", "gate"):
            assert rule.advice, f"{rule.id} holds the verdict back but gives no advice"


def test_every_threshold_and_benchmark_names_a_source() -> None:
    pack = load_pack()
    for threshold in pack.thresholds.values():
        assert threshold.source.strip(), threshold.name
    for target in pack.metric_targets.values():
        assert target.source.strip(), target.name
    assert pack.am_cost_source and pack.book_size_source and pack.am_effect.source
    assert pack.renewal_load.source
    hiring = pack.hiring
    for figure in (
        hiring.recruiting_lead_days,
        hiring.ramp_days,
        hiring.recruiting_cost,
        hiring.reassess_days,
        hiring.delivery_fix_days,
    ):
        assert figure.source.strip()


def test_seed_references_point_at_shipped_seeds() -> None:
    """A source citing a seed must cite one the domain brief is drawn from."""
    import re

    pack = load_pack()
    texts = [rule.source for rule in pack.rules] + [t.source for t in pack.thresholds.values()]
    assert not any(re.search(r"seed \d{3}", text) for text in texts)  # titles, not ids
    titles = {source.title for source in pack.sources if source.id.startswith("seed ")}
    cited = {title for title in titles for text in texts if f"“{title}”" in text}
    assert cited == titles and len(titles) == 3
