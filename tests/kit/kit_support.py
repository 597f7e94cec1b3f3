"""What the kit tests share: the sample companies' kits on a fixed date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from advisor.kit import KitInputs, prepare_kit
from advisor.pack import RulePack
from advisor.profile import CompanyProfile, load_profile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
DATE = dt.date(2026, 12, 7)
SAMPLES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))


def sample(name: str) -> CompanyProfile:
    return load_profile(EXAMPLES / f"{name}.yaml")


def kit_for(profile: CompanyProfile, pack: RulePack) -> KitInputs:
    return prepare_kit(profile, pack, prepared_on=DATE)
