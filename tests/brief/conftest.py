"""Fixtures for the brief tests: sample briefs on a fixed date."""

from __future__ import annotations

from typing import Any

import pytest
from brief_support import DATE, EXAMPLES

from advisor.brief import Brief, prepare_brief
from advisor.pack import RulePack, load_pack
from advisor.profile import CompanyProfile, load_profile, parse_profile, profile_to_dict


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_pack()


@pytest.fixture(scope="session")
def samples() -> dict[str, CompanyProfile]:
    return {path.stem: load_profile(path) for path in sorted(EXAMPLES.glob("*.yaml"))}


@pytest.fixture(scope="session")
def northwind_brief(samples: dict[str, CompanyProfile], pack: RulePack) -> Brief:
    return prepare_brief(samples["northwind-hire-now"], pack, prepared_on=DATE)


@pytest.fixture(scope="session")
def hire_now_brief(samples: dict[str, CompanyProfile], pack: RulePack) -> Brief:
    """A brief whose verdict is "hire now": the Northwind sample with larger contracts, so the
    hire pays back within the pack's threshold."""
    values = {**profile_to_dict(samples["northwind-hire-now"]), "avg_contract_value": 60000}
    brief = prepare_brief(parse_profile(values), pack, prepared_on=DATE)
    assert brief.verdict == "hire_now", brief.assessment.readiness
    return brief


@pytest.fixture
def brief_for(samples: dict[str, CompanyProfile], pack: RulePack) -> Any:
    """A brief for the Northwind sample with some fields replaced (e.g. a hostile name)."""

    def build(sample: str = "northwind-hire-now", **overrides: Any) -> Brief:
        values = {**profile_to_dict(samples[sample]), **overrides}
        return prepare_brief(parse_profile(values), pack, prepared_on=DATE)

    return build
