"""The pack's `sources:` list: every source names one, reports print titles, never ids."""

from __future__ import annotations

import pytest

from advisor.pack import RulePack
from advisor.pack.load import DEFAULT_RULES_DIR, RulePackError, pack_from_documents

SHIPPED = [(f"rules/{p.name}", p.read_bytes()) for p in sorted(DEFAULT_RULES_DIR.glob("*.yaml"))]


def _with(name: str, old: bytes, new: bytes) -> list[tuple[str, bytes]]:
    changed = [(n, c.replace(old, new, 1) if n.endswith(name) else c) for n, c in SHIPPED]
    assert changed != SHIPPED
    return changed


def test_every_source_prints_its_title_and_publisher(pack: RulePack) -> None:
    ids = [s.id for s in pack.sources]
    assert ids[:4] == ["seed 000", "seed 003", "seed 004", "product default"]
    assert "bls ecec 2008" in ids  # the pay bands' sources follow the seeds
    zone = pack.rule("PORT-ZONE").source
    assert zone.startswith("“What is an account manager (B2B guide)” (SalesDose: ")
    dated = next(s for s in pack.sources if s.id == "seed 004")
    assert dated.cite("note") == (
        "“The Real Role of Account Managers in Business Growth” (Only-dreams, 23 May 2026: note)"
    )
    assert pack.scoring.source.startswith("“Product default”")


def test_an_unknown_source_id_is_refused_at_its_line_with_a_did_you_mean() -> None:
    documents = _with("30-readiness.yaml", b"source: seed 000", b"source: seed 0000")
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    problem = caught.value.problems[0]
    assert problem.file == "rules/30-readiness.yaml" and problem.line > 0
    assert "'seed 0000' is not in the pack's `sources` list (did you mean 'seed 000'?)" in str(
        problem
    )


def test_a_source_naming_no_document_is_refused() -> None:
    documents = _with("00-pack.yaml", b"source: product default", b"source: a blog I read")
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    assert "names no source of the pack's `sources` list" in str(caught.value)


def test_a_source_entry_needs_a_title_and_a_valid_date() -> None:
    documents = _with("05-sources.yaml", b"date: 2026-05-23", b"date: 23/05/2026")
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    assert "rules/05-sources.yaml:" in str(caught.value)
    assert "is not a date such as 2026-05-23" in str(caught.value)
