"""Saved assessments: migrations, round trips and the pack digest kept with each row."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.engine import evaluate
from advisor.pack import RulePack
from advisor.storage import MIGRATIONS, StorageError, Store


def test_migrations_apply_once(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Store(path) as store:
        assert store.applied_migrations() == [name for name, _ in MIGRATIONS]
    with Store(path) as store:
        assert store.migrate() == []


def test_save_history_load_delete(tmp_path: Path, make_profile: Any, pack: RulePack) -> None:
    with Store(tmp_path / "a.db") as store:
        first = store.save(evaluate(make_profile(active_accounts=12), pack), scenario="today")
        second = store.save(evaluate(make_profile(active_accounts=30), pack), scenario="+18")
        history = store.history("Base Case Ltd")
        assert [h.scenario for h in history] == ["today", "+18"]
        assert history[0].pack_digest == pack.digest
        profile, result = store.load(second)
        assert profile.active_accounts == 30
        assert result["verdict"] == history[1].verdict
        assert store.delete(first) is True
        assert [h.id for h in store.history()] == [second]
        with pytest.raises(StorageError, match="no saved assessment with id 999"):
            store.load(999)


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, make_profile: Any, pack: RulePack
) -> None:
    with Store(tmp_path / "a.db") as store:
        store._connection.execute("DROP TABLE assessments")
        with pytest.raises(sqlite3.OperationalError):
            store.save(evaluate(make_profile(), pack))
        assert not store._connection.in_transaction


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database" * 100)
    with pytest.raises(StorageError, match=r"notes\.db: cannot open the database"):
        Store(path)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    company=st.text(min_size=1, max_size=60).filter(lambda s: s.strip()),
    accounts=st.integers(min_value=0, max_value=300),
)
def test_any_assessment_round_trips(
    tmp_path: Path, make_profile: Any, pack: RulePack, company: str, accounts: int
) -> None:
    assessment = evaluate(make_profile(company=company, active_accounts=accounts), pack)
    with Store(tmp_path / "round.db") as store:
        profile, result = store.load(store.save(assessment))
    assert profile == assessment.profile
    assert result == json.loads(json.dumps(assessment.to_dict()))
