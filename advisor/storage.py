"""Saved assessments in SQLite, so a consultant can keep each client's scenarios and reopen them.

Each row keeps the profile, the full result and the rule pack's name, version and digest: an old
verdict can still be explained after the pack changes. The schema evolves through named
migrations, each applied once inside a transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from advisor.engine import Assessment
from advisor.profile import CompanyProfile, parse_profile

if TYPE_CHECKING:
    import sqlite3

DEFAULT_DB = Path.home() / ".am-advisor" / "advisor.db"

# (name, SQL) in order. Never edit an applied migration: add a new one.
MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_assessments",
        """
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            saved_at TEXT NOT NULL,
            company TEXT NOT NULL,
            scenario TEXT NOT NULL DEFAULT '',
            verdict TEXT NOT NULL,
            score REAL NOT NULL,
            pack_name TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            pack_digest TEXT NOT NULL,
            profile_json TEXT NOT NULL,
            result_json TEXT NOT NULL
        );
        CREATE INDEX assessments_company ON assessments (company, saved_at);
        """,
    ),
)


class StorageError(Exception):
    """The database could not be opened or read; the message says which file and why."""


@dataclass(frozen=True)
class SavedAssessment:
    id: int
    saved_at: str
    company: str
    scenario: str
    verdict: str
    score: float
    pack_name: str
    pack_version: str
    pack_digest: str

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "saved_at": self.saved_at,
            "company": self.company,
            "scenario": self.scenario,
            "verdict": self.verdict,
            "score": self.score,
            "pack": f"{self.pack_name} {self.pack_version} ({self.pack_digest})",
        }


class Store:
    """A SQLite file of saved assessments."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        import sqlite3  # here, not at the top: most commands never open the store

        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(self.path)
            self._connection.execute("PRAGMA foreign_keys = ON")
            self.migrate()
        except (OSError, sqlite3.DatabaseError) as error:
            raise StorageError(f"{self.path}: cannot open the database: {error}") from None

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self._connection
        connection.execute("BEGIN")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied; return their names."""
        self._connection.isolation_level = None  # transactions are explicit
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self._connection.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self._transaction() as connection:
                for statement in filter(str.strip, sql.split(";")):
                    connection.execute(statement)
                connection.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now())
                )
            applied.append(name)
        return applied

    def applied_migrations(self) -> list[str]:
        return [
            row[0] for row in self._connection.execute("SELECT name FROM migrations ORDER BY name")
        ]

    def save(self, assessment: Assessment, scenario: str = "") -> int:
        result = assessment.to_dict()
        with self._transaction() as connection:
            cursor = connection.execute(
                """INSERT INTO assessments (saved_at, company, scenario, verdict, score,
                       pack_name, pack_version, pack_digest, profile_json, result_json)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    _now(),
                    assessment.profile.company,
                    scenario,
                    assessment.verdict.value,
                    assessment.score,
                    assessment.pack.name,
                    assessment.pack.version,
                    assessment.pack.digest,
                    json.dumps(assessment.profile.model_dump(mode="json"), allow_nan=False),
                    json.dumps(result, allow_nan=False),
                ),
            )
        return int(cursor.lastrowid or 0)

    def history(self, company: str | None = None) -> list[SavedAssessment]:
        """Saved assessments, oldest first; `company` matches any part of the name, in any case."""
        query = (
            "SELECT id, saved_at, company, scenario, verdict, score, pack_name, pack_version, "
            "pack_digest FROM assessments ORDER BY saved_at, id"
        )
        saved = [SavedAssessment(*row) for row in self._connection.execute(query)]
        if company is None:
            return saved
        # Folded in Python, not SQL: SQLite's LIKE folds ASCII letters only ("Ölwerk").
        wanted = company.strip().casefold()
        return [row for row in saved if wanted in row.company.casefold()]

    def companies(self) -> list[str]:
        """The company names with saved assessments, each once, sorted."""
        rows = self._connection.execute("SELECT DISTINCT company FROM assessments ORDER BY 1")
        return [str(row[0]) for row in rows]

    def load(self, assessment_id: int) -> tuple[CompanyProfile, dict[str, Any]]:
        """The saved profile and the saved result exactly as they were."""
        row = self._connection.execute(
            "SELECT profile_json, result_json FROM assessments WHERE id = ?", (assessment_id,)
        ).fetchone()
        if row is None:
            raise StorageError(f"{self.path}: no saved assessment with id {assessment_id}")
        return parse_profile(json.loads(row[0])), json.loads(row[1])

    def delete(self, assessment_id: int) -> bool:
        with self._transaction() as connection:
            cursor = connection.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))
        return cursor.rowcount > 0


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
