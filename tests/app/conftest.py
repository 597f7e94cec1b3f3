"""Fixtures of the app tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def workspace_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh SQLite workspace for this test, the one the app opens (ADVISOR_DATABASE_URL)."""
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    monkeypatch.setenv("ADVISOR_DATABASE_URL", url)
    yield url
