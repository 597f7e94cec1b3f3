"""Workspace figures in a workspace of 1,000 clients with 20 saved cases each, built by the bench:
opening a client with 200 saved assessments, saving a case, the Clients page's reads (its
listing, and its desk's filters and rows) and the History page's, each against reading the
clients table whole, in processor time over interleaved rounds; and the bytes each saved
assessment takes there (its case row and its history point; target at most 8 KB).

On a SQLite file (the default store), and on Postgres: the server `ADVISOR_BENCH_POSTGRES_URL`
(or `ADVISOR_TEST_POSTGRES_URL`) names, else a throw-away cluster `.ci/with-postgres` starts;
without either the Postgres figures are listed as not measured, with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import Text, create_engine, func, insert, select, text
from sqlalchemy.engine import Connection, make_url

from advisor.engine import Assessment, evaluate
from advisor.pack import load_pack, read_pack_documents
from advisor.profile import load_profile, profile_to_dict
from advisor.workspace import CaseDocument, Workspace
from advisor.workspace.compact import base_for, encoded
from advisor.workspace.desk import DeskFilter, desk_rows, filtered
from advisor.workspace.schema import cases, clients, history
from bench.ratios import CHILD_MARK, RECORDED, cpu, from_json, interleaved, measured, skip

ROOT = Path(__file__).resolve().parent.parent
CASES, REVISIONS = 20, 10  # the busy client's 200 saved assessments
MANY_CLIENTS, CASES_EACH = 1_000, 20  # the workspace: 20,000 saved assessments
TARGET_SAVED_BYTES = 8 * 1024
ROUNDS = 15
POSTGRES_ENV = "ADVISOR_BENCH_POSTGRES_URL"
FLOOR = "SELECT * FROM clients"
FIGURES = (  # (the key in `measure`'s rounds, the measure's name, its target in seconds)
    ("open", "open a client, 200 saved assessments", 0.200),
    ("save", "save a case", 0.020),
    ("listing", "Clients page listing", 0.050),
    ("desk", "Clients page desk", 0.050),
    ("history", "History page", 0.050),
)


def _busy_client(workspace: Workspace, document: CaseDocument, assessment: Assessment) -> int:
    """A client with 20 cases saved 10 times each (200 saved assessments); its id."""
    client = workspace.add_client("Bench Client")
    files = read_pack_documents()
    for index in range(CASES):
        case = workspace.save_case(client.id, f"scenario {index}", document, assessment, files)
        for _ in range(REVISIONS - 1):
            workspace.save_case(client.id, case.scenario, document, assessment, [], case_id=case.id)
    return client.id


def measure(url: str, label: str) -> None:
    """Every figure in one workspace of 1,000 clients × 20 saved cases (and a client with 200
    saved assessments), against reading the clients table whole, in processor time over
    interleaved rounds."""
    pack = load_pack()
    assessment = evaluate(load_profile(ROOT / "examples" / "northwind-hire-now.yaml"), pack)
    document = CaseDocument(
        profile_to_dict(assessment.profile), None, None, pack.digest, "notes " * 50
    )
    with Workspace.open(url) as workspace:
        empty = _file_bytes(url)
        one = _fill(workspace, document, assessment)
        report_bytes(workspace, url, empty, assessment, label)
        busy = _busy_client(workspace, document, assessment)
        counter = iter(range(10_000))

        def open_client() -> None:
            workspace.client(busy)
            workspace.cases(busy)
            workspace.history(busy)

        def save() -> None:
            scenario = f"new {next(counter)}"
            workspace.save_case(busy, scenario, document, assessment, [])

        runs = interleaved(
            {
                FLOOR: cpu(lambda: workspace._read(lambda c: c.execute(select(clients)).all())),
                "open": cpu(open_client),
                "save": cpu(save),
                "listing": cpu(workspace.clients),
                "desk": cpu(lambda: desk_reads(workspace)),
                "history": cpu(lambda: history_page_reads(workspace, one)),
            },
            ROUNDS,
        )
    for key, name, target in FIGURES:
        measured(f"{name} ({label})", runs, key, FLOOR, limit=target)
    print(f"{label}: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def _fill(workspace: Workspace, document: CaseDocument, assessment: Assessment) -> int:
    """1,000 clients with 20 saved cases each, copied in bulk from one saved through the store;
    the id of a client in the middle."""
    first = workspace.add_client("Client 0000")
    # The pack's base result is another profile's: a save's differences are as large as any.
    other = evaluate(load_profile(ROOT / "examples" / "acorn-not-yet.yaml"), load_pack())
    workspace.database.write(
        lambda c: base_for(c, other.pack.digest, json.loads(encoded(other.to_dict())))
    )
    case = workspace.save_case(
        first.id,
        "scenario 0",
        document,
        assessment,
        read_pack_documents(),
    )

    def copy(connection: Connection) -> None:
        run = connection.execute
        case_row = dict(run(select(cases).where(cases.c.id == case.id)).mappings().one())
        point = dict(run(select(history).where(history.c.case_id == case.id)).mappings().one())
        client_row = dict(run(select(clients).where(clients.c.id == first.id)).mappings().one())
        for row in (case_row, point, client_row):
            del row["id"]
        run(
            insert(clients),
            [
                {**client_row, "name": f"Client {n:04}", "name_key": f"client {n:04}"}
                for n in range(1, MANY_CLIENTS)
            ],
        )
        ids = list(run(select(clients.c.id).order_by(clients.c.id)).scalars())
        for client_id in ids:
            cases_rows = [
                {
                    **case_row,
                    "client_id": client_id,
                    "scenario": f"scenario {k}",
                    "scenario_key": f"scenario {k}",
                    "saved_at": f"2026-11-{1 + k:02}T09:00:00+00:00",
                }
                for k in range(CASES_EACH)
                if not (client_id == first.id and k == 0)
            ]
            run(insert(cases), cases_rows)
            run(
                insert(history),
                [
                    {
                        **point,
                        "client_id": client_id,
                        "case_id": None,
                        "scenario": row["scenario"],
                        "saved_at": row["saved_at"],
                    }
                    for row in cases_rows
                ],
            )

    workspace.database.write(copy)
    return first.id + MANY_CLIENTS // 2


def _file_bytes(url: str) -> int:
    """The SQLite file's size once its write-ahead log is folded in; 0 on a server."""
    path = make_url(url).database or ""
    if not url.startswith("sqlite") or not os.path.exists(path):
        return 0
    engine = create_engine(url)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return os.path.getsize(path)


def report_bytes(
    workspace: Workspace, url: str, empty: int, assessment: Assessment, label: str
) -> None:
    """Bytes per saved assessment (its case row and its history point): the JSON columns'
    lengths and the database file's growth, against the target and the full result kept
    twice as before."""

    def lengths(connection: Connection) -> tuple[int, int]:
        saves = connection.execute(select(func.count()).select_from(history)).scalar_one()
        total = 0
        for column in (cases.c.result, cases.c.document, history.c.result, history.c.profile):
            length = func.sum(func.length(column.cast(Text)))
            total += int(connection.execute(select(length)).scalar() or 0)
        return int(saves), total

    saves, columns = workspace._read(lengths)
    grown = _file_bytes(url) - empty
    full = len(encoded(assessment.to_dict()))
    per_save = columns / saves
    print(
        f"{label}: bytes per saved assessment (case row + history point) over {saves} saves: "
        f"JSON columns {per_save:,.0f} B, x{per_save / TARGET_SAVED_BYTES:.2f} the target of "
        f"{TARGET_SAVED_BYTES:,} B ({'ok' if per_save <= TARGET_SAVED_BYTES else 'MISSED'}); "
        f"the result in full is {full:,} B, kept twice before"
    )
    if grown:
        print(
            f"{label}: database file grew {grown / saves:,.0f} B per saved assessment (every "
            f"column and index), x{grown / saves / TARGET_SAVED_BYTES:.2f} the target"
        )


def desk_reads(workspace: Workspace) -> None:
    """What the Clients page's desk computes: the listing, a filter on the hire-by dates coming
    up and on a sector, and the rows it shows."""
    listed = workspace.clients()
    chosen = DeskFilter.of(hire_within_days=90, sectors=["Analytics software for logistics"])
    desk_rows(filtered(listed, chosen, dt.date(2026, 12, 1)), zone=dt.UTC)


def history_page_reads(workspace: Workspace, client_id: int) -> None:
    """What the History page reads to show one client: the picker's names, the client and its
    history."""
    workspace.client_choices()
    workspace.client(client_id)
    workspace.history(client_id)


def on_postgres(server: str) -> None:
    """The figures on a database of their own on `server`, dropped afterwards."""
    name = f"advisor_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(server).set(database=name).render_as_string(hide_password=False)
        measure(url, "Postgres")
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def throwaway_postgres() -> str:
    """The figures on a throw-away cluster (`.ci/with-postgres`) in a child bench process whose
    measures are recorded here; the reason when there is none."""
    script = ROOT / ".ci" / "with-postgres"
    if not script.exists():
        return f"no {POSTGRES_ENV} and no {script.relative_to(ROOT)}"
    env = {
        **os.environ,
        "ADVISOR_BENCH_CHILD": "1",
        "ADVISOR_TEST_POSTGRES_PORT": str(free_port()),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [str(script), sys.executable, __file__, "--postgres"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return f"{script.relative_to(ROOT)} failed: {done.stderr.strip()[-300:]}"
    for line in done.stdout.splitlines():
        if line.startswith(CHILD_MARK):
            RECORDED.append(from_json(line.removeprefix(CHILD_MARK)))
        else:
            print(line)
    return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def main() -> None:
    print("== Workspace ==")
    with tempfile.TemporaryDirectory() as folder:
        measure(f"sqlite:///{folder}/bench.db", "SQLite")
    server = os.environ.get(POSTGRES_ENV, "").strip()
    server = server or os.environ.get("ADVISOR_TEST_POSTGRES_URL", "").strip()
    reason = ""
    if server:
        on_postgres(server)
    else:
        reason = throwaway_postgres()
    if reason:
        for _, name, _ in FIGURES:
            skip(f"{name} (Postgres)", reason)


if __name__ == "__main__":
    if sys.argv[1:] == ["--postgres"]:
        on_postgres(os.environ["ADVISOR_TEST_POSTGRES_URL"])
    else:
        main()
