"""Reliability of the store under concurrent processes, killed writers, a held lock and hostile
text, on SQLite and Postgres."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy import exc as sqlalchemy_exc
from workspace_support import PACK_FILES, make_case

from advisor import cli
from advisor.pack import RulePack
from advisor.workspace import CaseDocument, Workspace, WorkspaceError
from advisor.workspace.database import DEFAULT_TIMEOUT

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "northwind-hire-now.yaml"
# Forked, the workers start at once with everything imported: real processes, each with its
# own connections, without paying the imports eight times on a busy machine.
FORK = multiprocessing.get_context("fork")


def _work(go: Any, out: Any, mode: str, url: str, arguments: tuple[Any, ...]) -> None:
    """One worker: "open" adds a client, "save" saves cases and reports its longest save in
    seconds, "assess" runs `advisor assess --save ARGUMENTS` and reports its message."""
    try:
        go.wait(60)
        if mode == "assess":
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                code = cli.main(
                    ["assess", str(SAMPLE), "--save", *arguments, "--db", url], io.StringIO()
                )
            out.put(("report" if code == 0 else "error", f"exit {code}: {err.getvalue().strip()}"))
            return
        with Workspace.open(url) as workspace:  # at the default timeout
            if mode == "open":
                workspace.add_client(arguments[0])
                return
            client_id, prefix, count, document, assessment = arguments
            longest = 0.0
            for index in range(count):
                started = time.monotonic()
                workspace.save_case(
                    client_id, f"{prefix}-{index}", document, assessment, PACK_FILES
                )
                longest = max(longest, time.monotonic() - started)
            out.put(("report", f"{longest:.3f}"))
    except BaseException as error:
        out.put(("error", f"{mode} {arguments[:1]}: {type(error).__name__}: {error}"))
        raise


def run_together(url: str, mode: str, each: list[tuple[Any, ...]]) -> tuple[list[str], list[str]]:
    """One process per argument tuple, released at the same moment: the errors they hit, and
    what each reported."""
    go, out = FORK.Event(), FORK.Queue()
    workers = [FORK.Process(target=_work, args=(go, out, mode, url, a)) for a in each]
    for worker in workers:
        worker.start()
    go.set()
    found: dict[str, list[str]] = {"error": [], "report": []}
    reporting = 0 if mode == "open" else len(workers)
    while reporting and not (len(found["report"]) == reporting or found["error"]):
        kind, text = out.get(timeout=300)  # read as they come: a full queue blocks a worker
        found[kind].append(text)
    for worker in workers:
        worker.join(300)
    while not out.empty():
        kind, text = out.get()
        found[kind].append(text)
    codes = [worker.exitcode for worker in workers]
    if codes != [0] * len(workers):
        found["error"].append(f"exit codes {codes}")
    return found["error"], found["report"]


def test_forty_assess_save_processes_for_a_client_that_does_not_exist_yet_all_land(
    store_url: str,
) -> None:
    Workspace.open(store_url).close()
    each = [("--client", "Load Co", "--scenario", f"s{index}") for index in range(40)]
    refused, messages = run_together(store_url, "assess", each)
    assert refused == []
    assert len(messages) == 40
    assert sum("of new client 'Load Co'" in message for message in messages) == 1
    with Workspace.open(store_url) as workspace:
        (client,) = workspace.clients()
        assert client.name == "Load Co"
        assert sorted(case.scenario for case in workspace.cases(client.id)) == sorted(
            f"s{index}" for index in range(40)
        )
        assert len(workspace.history(client.id)) == 40


def test_forty_concurrent_saves_of_one_scenario_land_as_revisions_1_to_40(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Forty saves of one scenario queue for its one row; on a shared two-core machine the last
    # may wait longer than the default timeout, which is not what is tested here.
    monkeypatch.setenv("ADVISOR_DATABASE_TIMEOUT", "120")
    Workspace.open(store_url).close()
    each = [("--client", "Load Co", "--scenario", "plan")] * 40
    refused, messages = run_together(store_url, "assess", each)
    assert refused == []
    revisions = sorted(
        int(found.group(1))
        for message in messages
        if (found := re.search(r"\(revision (\d+), history #\d+\)", message))
    )
    assert revisions == list(range(1, 41))
    with Workspace.open(store_url) as workspace:
        (client,) = workspace.clients()
        (case,) = workspace.cases(client.id)
        assert (case.scenario, case.revision) == ("plan", 40)
        assert len(workspace.history(client.id)) == 40


def test_eight_processes_opening_a_new_store_all_succeed(store_url: str) -> None:
    names = [f"client {index}" for index in range(8)]
    assert run_together(store_url, "open", [(name,) for name in names]) == ([], [])
    with Workspace.open(store_url) as workspace:
        assert sorted(c.name for c in workspace.clients()) == names
    engine = create_engine(store_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engine.dispose()


def test_opening_a_new_store_while_another_process_converts_it_to_wal_waits_instead_of_failing(
    tmp_path: Path,
) -> None:
    """SQLite refuses the change to WAL at once (no busy handler) while another connection
    holds a new database's write lock: the open failed in milliseconds with a message saying
    the lock had been held for 20 s."""
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE other_process_was_here (x)")
    holder.execute("BEGIN IMMEDIATE")  # as a process does while changing the journal mode
    releaser = threading.Timer(0.5, holder.rollback)
    releaser.start()
    started = time.monotonic()
    try:
        with Workspace.open(f"sqlite:///{path}", timeout=10) as workspace:
            workspace.add_client("Opened")
            waited = time.monotonic() - started
            assert [client.name for client in workspace.clients()] == ["Opened"]
    finally:
        releaser.join()
        holder.close()
    assert waited >= 0.4
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_new_store_whose_wal_change_stays_refused_says_so_after_the_timeout(
    tmp_path: Path,
) -> None:
    path = tmp_path / "held.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE other_process_was_here (x)")
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    try:
        with pytest.raises(WorkspaceError, match="the database is busy"):
            Workspace.open(f"sqlite:///{path}", timeout=0.6)
    finally:
        holder.close()
    assert time.monotonic() - started >= 0.6


def test_eight_processes_saving_fifty_cases_each_keep_all_400_none_refused_as_busy(
    store_url: str, make_profile: Any, pack: RulePack
) -> None:
    """At the default timeout: a writer that has waited long gets the lock as often as one
    that has just come (SQLite's own busy handler let it starve past the timeout)."""
    document, assessment = make_case(make_profile(), pack)
    with Workspace.open(store_url) as workspace:
        client = workspace.add_client("Busy Client")
    each = [(client.id, f"w{index}", 50, document, assessment) for index in range(8)]
    refused, longest = run_together(store_url, "save", each)
    assert refused == []
    # Well inside the timeout, so a team's load never meets it (each writer's longest save).
    assert max(float(seconds) for seconds in longest) < DEFAULT_TIMEOUT / 2, longest
    with Workspace.open(store_url) as workspace:
        assert len(workspace.cases(client.id)) == 400
        assert len(workspace.history(client.id)) == 400
        assert workspace.clients()[0].case_count == 400


def _check_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # Every case has one history point per revision: no save left half-written.
    rows = connection.execute(
        "SELECT c.id, c.revision, (SELECT count(*) FROM history h WHERE h.case_id = c.id) "
        "FROM cases c"
    ).fetchall()
    connection.close()
    assert rows and all(revision == points for _id, revision, points in rows), rows


def _churn(url: str, client_id: int, document: CaseDocument, assessment: Any, saved: Any) -> None:
    """Save revisions of one case until killed; `saved` is set once the case exists."""
    with Workspace.open(url) as workspace:
        case = workspace.save_case(
            client_id, f"churn-{os.getpid()}", document, assessment, PACK_FILES
        )
        saved.set()
        while True:
            workspace.save_case(client_id, case.scenario, document, assessment, [], case_id=case.id)


def test_a_writer_killed_mid_save_twenty_times_leaves_a_sound_store(
    tmp_path: Path, make_profile: Any, pack: RulePack
) -> None:
    path = tmp_path / "killed.db"
    url = f"sqlite:///{path}"
    # A large note makes each save long enough for the kill to land inside one.
    document, assessment = make_case(make_profile(), pack, notes="x" * 90_000)
    with Workspace.open(url) as workspace:
        client = workspace.add_client("Killed Client")
    chance = random.Random(10)
    for _round in range(20):
        saved = FORK.Event()
        writer = FORK.Process(target=_churn, args=(url, client.id, document, assessment, saved))
        writer.start()
        # Killed while saving a later revision, however slow the machine: the first one landed.
        assert saved.wait(60)
        time.sleep(chance.uniform(0.05, 0.45))
        assert writer.pid is not None and writer.is_alive()
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        assert writer.exitcode == -signal.SIGKILL
        _check_sqlite(path)
    with Workspace.open(url) as workspace:
        cases = workspace.cases(client.id)
        assert len(cases) == 20  # each writer's case, at whichever revision its last commit left
        for case in cases:
            assert workspace.open_case(case.id).document.notes == "x" * 90_000


def _hold_lock(store_url: str, seconds: float, held: threading.Event) -> None:
    engine = create_engine(store_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if store_url.startswith("sqlite"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")
            connection.exec_driver_sql("LOCK TABLE clients IN EXCLUSIVE MODE")
        held.set()
        time.sleep(seconds)
        connection.exec_driver_sql("ROLLBACK")
    engine.dispose()


def _while_locked(store_url: str, seconds: float) -> threading.Thread:
    held = threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(store_url, seconds, held))
    holder.start()
    assert held.wait(30)
    return holder


def test_a_writer_that_cannot_get_the_lock_gets_a_clear_error(store_url: str) -> None:
    Workspace.open(store_url).close()
    holder = _while_locked(store_url, 3.0)
    try:
        with Workspace.open(store_url, timeout=0.5) as workspace:
            started = time.monotonic()
            with pytest.raises(WorkspaceError, match="the database is busy") as raised:
                workspace.add_client("Blocked")
            assert time.monotonic() - started < 2.5
        assert "nothing was saved; try again" in str(raised.value)
        assert "locked" not in str(raised.value)
    finally:
        holder.join()
    with Workspace.open(store_url) as workspace:
        assert workspace.clients() == []


def test_a_writer_waits_for_a_short_lock_and_then_saves(store_url: str) -> None:
    Workspace.open(store_url).close()
    holder = _while_locked(store_url, 0.5)
    try:
        with Workspace.open(store_url, timeout=10) as workspace:
            assert workspace.add_client("Patient").name == "Patient"
    finally:
        holder.join()


def test_the_cli_reports_a_held_lock_with_exit_2(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'locked.db'}"
    Workspace.open(url).close()
    holder = _while_locked(url, 6.0)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "advisor", "clients", "add", "Blocked", "--db", url],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "ADVISOR_DATABASE_TIMEOUT": "0.5"},
            check=False,
        )
    finally:
        holder.join()
    assert result.returncode == 2
    assert "the database is busy" in result.stderr
    assert "Traceback" not in result.stderr and "database is locked" not in result.stderr


HOSTILE = [
    "=cmd|' /C calc'!A0",
    "+SUM(A1:A9)",
    "@import <script>alert(1)</script>",
    "**bold** _x_ [link](javascript:alert(1)) | pipe |",
    "tab\there, bell\x07, escape \x1b[31mred\x1b[0m, carriage\rreturn",
    "right-to-left \u202e override, zero\u200bwidth, emoji 🧪",
    "line one\nline two",
]


def test_hostile_text_round_trips_as_literal_text(
    workspace: Workspace, make_profile: Any, pack: RulePack
) -> None:
    for index, hostile in enumerate(HOSTILE):
        client = workspace.add_client(f"{hostile} #{index}")
        assert workspace.find_client(client.name).id == client.id
        document, assessment = make_case(
            make_profile(company=f"{hostile} Ltd"), pack, notes=hostile * 3
        )
        saved = workspace.save_case(
            client.id, f"scenario {hostile}", document, assessment, PACK_FILES
        )
        case = workspace.open_case(saved.id)
        assert case.summary.scenario == f"scenario {hostile}".strip()
        assert case.document.notes == hostile * 3 == saved.notes
        assert case.document.profile["company"] == f"{hostile} Ltd".strip()
        assert case.result["profile"]["company"] == f"{hostile} Ltd".strip()
    assert sorted(c.name for c in workspace.clients()) == sorted(
        f"{hostile} #{index}".strip() for index, hostile in enumerate(HOSTILE)
    )


def test_a_write_refused_as_busy_is_retried_because_it_changed_nothing(
    workspace: Workspace,
) -> None:
    attempts = []

    def work(connection: Any) -> str:
        attempts.append(connection)
        if len(attempts) == 1:
            busy = sqlite3.OperationalError("database is locked")
            raise sqlalchemy_exc.OperationalError("INSERT", {}, busy)
        return "saved"

    assert workspace.database.write(work) == "saved"
    assert len(attempts) == 2


def test_a_refusal_that_is_not_busy_is_not_retried(workspace: Workspace) -> None:
    attempts = []

    def work(connection: Any) -> None:
        attempts.append(connection)
        raise WorkspaceError.single("no client with id 9 in this workspace")

    with pytest.raises(WorkspaceError, match="no client with id 9"):
        workspace.database.write(work)
    assert len(attempts) == 1


def _unique_clash() -> sqlalchemy_exc.IntegrityError:
    clash = sqlite3.IntegrityError("UNIQUE constraint failed: clients.owner, clients.name_key")
    return sqlalchemy_exc.IntegrityError("INSERT", {}, clash)


def test_a_unique_key_taken_by_a_concurrent_writer_runs_the_write_again(
    workspace: Workspace,
) -> None:
    attempts = []

    def work(connection: Any) -> str:
        attempts.append(connection)
        if len(attempts) == 1:
            raise _unique_clash()
        return "found the other writer's row"

    assert workspace.database.write(work, conflict="taken") == "found the other writer's row"
    assert len(attempts) == 2


def test_a_unique_clash_that_persists_is_refused_with_its_message(workspace: Workspace) -> None:
    attempts = []

    def work(connection: Any) -> None:
        attempts.append(connection)
        raise _unique_clash()

    with pytest.raises(WorkspaceError, match=r"^you already have a client named 'A'"):
        workspace.database.write(work, conflict="you already have a client named 'A'")
    assert 1 < len(attempts) <= 4
