"""The engine compiles a pack's rules once per digest and segment, and never lends them to a
pack with other rules."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from advisor import engine
from advisor.engine import Verdict, decide
from advisor.pack import RulePack, pack_from_documents, read_pack_documents
from advisor.profile import CompanyProfile


@pytest.fixture
def compilations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry (its segment) per rule the engine compiles."""
    seen: list[str] = []
    original = engine.compile_when

    def counting(node: Any, thresholds: Any, segment: str) -> Callable[..., bool]:
        seen.append(segment)
        return original(node, thresholds, segment)

    monkeypatch.setattr(engine, "compile_when", counting)
    return seen


def test_two_packs_read_from_the_same_files_share_their_compiled_rules(
    samples: dict[str, CompanyProfile], compilations: list[str]
) -> None:
    documents = read_pack_documents()
    first, second = pack_from_documents(documents), pack_from_documents(documents)
    assert first is not second and first.digest == second.digest
    profile = samples["northwind-hire-now"]
    assert decide(profile, first) == decide(profile, second)
    compiled_for_first = len(compilations)
    decide(profile, second)
    assert len(compilations) == compiled_for_first  # nothing compiled again


def test_a_pack_from_other_files_gets_its_own_compiled_rules(
    samples: dict[str, CompanyProfile], compilations: list[str]
) -> None:
    documents = read_pack_documents()
    name, content = documents[0]
    edited = [(name, content + b"\n# a consultant's note on the compiled rules test\n")]
    other = pack_from_documents(edited + documents[1:])
    assert other.digest != pack_from_documents(documents).digest
    decide(samples["northwind-hire-now"], other)
    assert len(compilations) == len(other.rules)


def test_a_pack_whose_digest_collides_with_another_gets_its_own_rules(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    # The digest is 48 bits of a sha256: files can be made to share another pack's digest.
    profile = samples["northwind-hire-now"]
    assert decide(profile, pack)[0] == Verdict.HIRE_NOW
    no_rules = dataclasses.replace(pack, rules=())
    assert no_rules.digest == pack.digest
    assert decide(profile, no_rules) == (Verdict.NOT_YET, 0.0)
    assert decide(profile, pack)[0] == Verdict.HIRE_NOW


def test_the_engine_keeps_a_bounded_number_of_compiled_packs(
    samples: dict[str, CompanyProfile], pack: RulePack, compilations: list[str]
) -> None:
    profile = samples["northwind-hire-now"]
    renamed = [dataclasses.replace(pack, digest=f"bounded-{n}") for n in range(65)]
    for each in renamed:
        decide(profile, each)
    assert len(compilations) == 65 * len(pack.rules)
    decide(profile, renamed[-1])  # the latest is kept
    assert len(compilations) == 65 * len(pack.rules)
    decide(profile, renamed[0])  # the oldest was let go
    assert len(compilations) == 66 * len(pack.rules)
