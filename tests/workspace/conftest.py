"""Fixtures of the workspace tests: each store test runs on SQLite and on Postgres."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from workspace_support import BACKENDS, fresh_database

from advisor.workspace import Workspace


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def workspace(store_url: str) -> Iterator[Workspace]:
    with Workspace.open(store_url) as opened:
        yield opened
