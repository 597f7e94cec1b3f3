"""Workspace figures: opening a client with 200 saved assessments, and saving a case.

In process on a SQLite file (the default store); on Postgres too when ADVISOR_TEST_POSTGRES_URL
names a server (`.ci/with-postgres make bench AREA=workspace`).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from advisor.engine import evaluate
from advisor.pack import load_pack, read_pack_documents
from advisor.profile import load_profile, profile_to_dict
from advisor.workspace import CaseDocument, Workspace

ROOT = Path(__file__).resolve().parent.parent
TARGET_OPEN_MS = 200
TARGET_SAVE_MS = 20
CASES, REVISIONS = 20, 10  # 200 saved assessments
RUNS = 15


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


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        measure(f"sqlite:///{folder}/bench.db", "SQLite")
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
