"""Shared fixtures: the shipped rule pack, sample profiles and a neutral base profile."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from advisor import logs
from advisor.pack import RulePack, load_pack
from advisor.profile import CompanyProfile, load_profile, parse_profile
from advisor.yamlio import read_document

# The suite, and every process it starts, keeps its rule pack cache away from the user's own.
_CACHE = tempfile.mkdtemp(prefix="am-advisor-test-cache-")
os.environ["ADVISOR_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
# ...and its workspace database away from the user's `~/.am-advisor/advisor.db`.
os.environ["ADVISOR_DATABASE_URL"] = f"sqlite:///{Path(_CACHE) / 'workspace.db'}"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RULE_CASES = Path(__file__).resolve().parent / "rule_cases"


@pytest.fixture(autouse=True)
def _no_log_handler_outlives_its_test() -> Iterator[None]:
    """The app (run in-process by AppTest) and `ADVISOR_LOG=json` add a JSON log handler for the
    process; a test that did leaves none behind to print into the next test's output."""
    yield
    logs.unconfigure()


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_pack()


@pytest.fixture(scope="session")
def base_values() -> dict[str, Any]:
    return dict(read_document(RULE_CASES / "base.yaml"))


@pytest.fixture
def make_profile(base_values: dict[str, Any]) -> Any:
    def build(**overrides: Any) -> CompanyProfile:
        return parse_profile({**base_values, **overrides})

    return build


@pytest.fixture(scope="session")
def samples() -> dict[str, CompanyProfile]:
    return {path.stem: load_profile(path) for path in sorted(EXAMPLES.glob("*.yaml"))}
