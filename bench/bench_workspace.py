"""Workspace figures: opening a client with 200 saved assessments, saving a case, and the
Clients page's (its listing, and its desk's filters and rows) and the History page's reads in a
workspace of 1,000 clients with 20 saved cases each, and the bytes each saved assessment takes
there (its case row and its history point; target at most 8 KB).

In process on a SQLite file (the default store); on Postgres too when ADVISOR_TEST_POSTGRES_URL
names a server (`.ci/with-postgres make bench AREA=workspace`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
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

ROOT = Path(__file__).resolve().parent.parent
TARGET_OPEN_MS = 200
TARGET_SAVE_MS = 20
CASES, REVISIONS = 20, 10  # 200 saved assessments
RUNS = 15
MANY_CLIENTS, CASES_EACH = 1_000, 20  # the listing's workspace: 20,000 saved assessments
TARGET_LISTING_MS = 50
TARGET_SAVED_BYTES = 8 * 1024
ROUNDS = 15


def _median_ms(action: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds: on a busy machine the two tell waiting for the
    processor and the disk apart from the work itself."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def measure(url: str, label: str) -> None:
    pack = load_pack()
    files = read_pack_documents()
    assessment = evaluate(load_profile(ROOT / "examples" / "northwind-hire-now.yaml"), pack)
    document = CaseDocument(
        profile_to_dict(assessment.profile), None, None, pack.digest, "notes " * 50
    )
    with Workspace.open(url) as workspace:
        client = workspace.add_client("Bench Client")
        for index in range(CASES):
            case = workspace.save_case(client.id, f"scenario {index}", document, assessment, files)
            for _ in range(REVISIONS - 1):
                workspace.save_case(
                    client.id, case.scenario, document, assessment, [], case_id=case.id
                )
        points = len(workspace.history(client.id))

        def open_client() -> None:
            workspace.client(client.id)
            workspace.cases(client.id)
            workspace.history(client.id)

        opened = _median_ms(open_client)
        counter = iter(range(10_000))
        saved = _median_ms(
            lambda: workspace.save_case(
                client.id, f"new {next(counter)}", document, assessment, []
            ),
            runs=40,
        )
    print(
        f"{label}: open a client with {points} saved assessments (client, its {CASES} cases and "
        f"its history) {opened[0]:.1f} ms median, {opened[1]:.1f} ms CPU (target < "
        f"{TARGET_OPEN_MS} ms {'ok' if opened[0] < TARGET_OPEN_MS else 'MISSED'})"
    )
    print(
        f"{label}: save a case {saved[0]:.1f} ms median of 40, {saved[1]:.1f} ms CPU (target < "
        f"{TARGET_SAVE_MS} ms {'ok' if saved[0] < TARGET_SAVE_MS else 'MISSED'}; the rest of "
        "the time is the commit's flush to disk and waiting for the processor)"
    )
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


def _interleaved(actions: dict[str, Callable[[], object]]) -> dict[str, list[float]]:
    """CPU milliseconds of each action, one run of each per round, rounds interleaved: a busy
    spell of the machine falls on every action alike."""
    found: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(ROUNDS):
        for name, action in actions.items():
            start = time.process_time()
            action()
            found[name].append((time.process_time() - start) * 1000)
    return found


def measure_listing(url: str, label: str) -> None:
    pack = load_pack()
    assessment = evaluate(load_profile(ROOT / "examples" / "northwind-hire-now.yaml"), pack)
    document = CaseDocument(
        profile_to_dict(assessment.profile), None, None, pack.digest, "notes " * 50
    )
    with Workspace.open(url) as workspace:
        empty = _file_bytes(url)
        one = _fill(workspace, document, assessment)
        report_bytes(workspace, url, empty, assessment, label)
        floor = lambda: workspace._read(lambda c: c.execute(select(clients)).all())
        timings = _interleaved(
            {
                "floor: SELECT * FROM clients": floor,
                "Clients page listing": lambda: workspace.clients(),
                "Clients page desk (listing, filters, rows)": lambda: desk_reads(workspace),
                "History page of one client": lambda: history_page_reads(workspace, one),
            }
        )
    base = statistics.median(timings["floor: SELECT * FROM clients"])
    print(
        f"{label}: {MANY_CLIENTS} clients x {CASES_EACH} saved cases, CPU ms over {ROUNDS} "
        "interleaved rounds (min / median / max; ratio of medians to the floor)"
    )
    for name, runs in timings.items():
        middle = statistics.median(runs)
        verdict = ""
        if not name.startswith("floor"):
            verdict = f" (target < {TARGET_LISTING_MS} ms {'ok' if middle < TARGET_LISTING_MS else 'MISSED'})"
        print(
            f"{label}:   {name}: {min(runs):.1f} / {middle:.1f} / {max(runs):.1f} ms, "
            f"x{middle / base:.1f} the floor{verdict}"
        )


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


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        measure(f"sqlite:///{folder}/bench.db", "SQLite")
    with tempfile.TemporaryDirectory() as folder:
        measure_listing(f"sqlite:///{folder}/listing.db", "SQLite")
    server = os.environ.get("ADVISOR_TEST_POSTGRES_URL", "").strip()
    if not server:
        print("Postgres: not measured (ADVISOR_TEST_POSTGRES_URL is not set)")
        return
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


if __name__ == "__main__":
    main()
