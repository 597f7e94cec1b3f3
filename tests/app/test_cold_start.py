"""What the app's first page loads on a fresh server: only what drawing its verdict needs.

Each test starts a new Python process (a server's first run imports everything it uses), runs
app.py's first page in AppTest there, and reports which of the costly modules were loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from advisor.workspace.store import Workspace

ROOT = Path(__file__).resolve().parents[2]
# Each costs a tenth of a second or more to import, and the Assess page needs none of them.
NOT_FOR_THE_FIRST_PAGE = (
    "alembic",
    "pandas",
    "advisor.brief",
    "advisor.export",
    "advisor.ui.role_page",
    "advisor.ui.rules_page",
    "advisor.workspace.session",
    "streamlit.emojis",
)
FIRST_RUN = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=60).run()
alerts = [*at.main.success, *at.main.warning, *at.main.info, *at.main.error]
print(json.dumps({
    "exceptions": [str(exception.value) for exception in at.exception],
    "titles": [alert.proto.title for alert in alerts],
    "loaded": sorted(name for name in sys.modules if name.split(".")[0] in ("alembic", "pandas",
        "sqlalchemy", "advisor", "streamlit")),
}))
"""


def first_run(database_url: str) -> dict[str, Any]:
    """app.py's first run in a new process on this workspace: exceptions, alerts, modules."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_RUN, str(ROOT / "app.py")],
        check=False,
        cwd=ROOT,
        env={**os.environ, "ADVISOR_DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["exceptions"] == []
    assert any("· readiness" in title for title in report["titles"]), report["titles"]
    return report


def _loaded(report: dict[str, Any], *names: str) -> list[str]:
    return [name for name in names if name in report["loaded"]]


def test_the_first_page_no_longer_imports_sqlalchemy_pandas_or_the_role_page(
    tmp_path: Path,
) -> None:
    database = tmp_path / "workspace.db"
    report = first_run(f"sqlite:///{database}")
    assert _loaded(report, "sqlalchemy", *NOT_FOR_THE_FIRST_PAGE) == []
    # Nothing to read yet: the database is created by the first workspace page, not by this one.
    assert not database.exists()


def test_an_existing_workspace_is_read_for_the_navigation_without_alembic_or_pandas(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    with Workspace.open(url) as workspace:
        workspace.add_client("Northwind")
    report = first_run(url)
    assert _loaded(report, "sqlalchemy") == ["sqlalchemy"]  # the sign-in recorded
    assert _loaded(report, *NOT_FOR_THE_FIRST_PAGE) == []
