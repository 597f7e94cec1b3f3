"""Fixtures of the app tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def workspace_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh SQLite workspace for this test, the one the app opens (ADVISOR_DATABASE_URL)."""
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    monkeypatch.setenv("ADVISOR_DATABASE_URL", url)
    yield url


@pytest.fixture(autouse=True)
def interactions_in_the_session_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest formats a widget's options again in the test's own thread before each run, with
    the widget's format function: a session in another language must be run in it, or the
    option it drew (in Spanish) is not found among the ones formatted (in English)."""
    from streamlit.testing.v1.element_tree import ElementTree

    from advisor.i18n import language

    original = ElementTree.run

    def run(self: ElementTree, *, timeout: float | None = None) -> Any:
        state = self._runner.session_state if self._runner is not None else None
        code = (
            state["language.active"] if state is not None and "language.active" in state else None
        )
        with language(code):
            return original(self, timeout=timeout)

    monkeypatch.setattr(ElementTree, "run", run)
