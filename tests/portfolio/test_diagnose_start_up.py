"""What `advisor diagnose` loads: the CRM reader, pandas and the rule pack, nothing it never uses.

The profile's model (and pydantic behind it), the engine, the renderers of documents, the store
and the app cost a whole process their import time and are no part of a portfolio diagnosis.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "crm" / "accounts.csv"

# Run in a fresh interpreter: which modules a command loads is only visible there.
PROBE = """
import io, json, sys
from advisor import cli

code = cli.main(["diagnose", sys.argv[1], "--as-of", "2025-06-30", "--format", "json"], io.StringIO())
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
NEVER = (
    "pydantic",
    "advisor.profile",
    "advisor.engine",
    "streamlit",
    "plotly",
    "docx",
    "reportlab",
    "PIL",
    "sqlalchemy",
)


def test_diagnose_loads_neither_the_profile_model_nor_the_engine_nor_the_app() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(SAMPLE)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    loaded = json.loads(result.stdout)
    assert loaded["code"] == 0, result.stderr
    assert "advisor.crm_import" in loaded["modules"]  # the probe did run the command
    unwanted = [
        module
        for module in loaded["modules"]
        if any(module == name or module.startswith(f"{name}.") for name in NEVER)
    ]
    assert unwanted == []
