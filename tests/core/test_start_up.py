"""What `advisor assess` loads when it starts, and what starting leaves behind."""

from __future__ import annotations

import gc
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "northwind-hire-now.yaml"

# Run in a fresh interpreter: which modules and classes a command loads is only visible there.
PROBE = """
import dataclasses, io, json, sys
from advisor import cli

code = cli.main(["assess", sys.argv[1], "--format", "json"], io.StringIO())
frozen = sorted(
    f"{module}.{name}"
    for module, loaded in list(sys.modules.items())
    if module.startswith("advisor")
    for name, value in vars(loaded).items()
    if isinstance(value, type)
    and value.__module__ == module
    and dataclasses.is_dataclass(value)
    and value.__dataclass_params__.frozen
)
dataclasses_made = sorted(
    f"{module}.{name}"
    for module, loaded in list(sys.modules.items())
    if module.startswith("advisor")
    for name, value in vars(loaded).items()
    if isinstance(value, type) and value.__module__ == module and dataclasses.is_dataclass(value)
)
heavy = sorted(
    {"pandas", "plotly", "docx", "reportlab", "PIL", "sqlalchemy", "streamlit"} & set(sys.modules)
)
print(json.dumps({"code": code, "frozen": frozen, "dataclasses": dataclasses_made, "heavy": heavy}))
"""


@pytest.fixture(scope="module")
def probe() -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(SAMPLE)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    loaded: dict[str, object] = json.loads(result.stdout)
    assert loaded["code"] == 0, result.stderr
    return loaded


def test_assess_builds_its_records_as_structs_not_frozen_dataclasses(
    probe: dict[str, object],
) -> None:
    # A frozen dataclass compiles its methods from source each time the module loads, about
    # 0.7 ms a class; the records every command loads are msgspec Structs instead.
    assert probe["frozen"] == []


def test_assess_makes_one_dataclass_the_rule_pack_its_readers_and_results_are_structs(
    probe: dict[str, object],
) -> None:
    # Making a dataclass compiles its methods from source, tenths of a millisecond a class on
    # every start: the rule pack's readers, the problems they collect and the rules' results
    # are msgspec Structs instead (the pack keeps fields left out of its comparison).
    assert probe["dataclasses"] == ["advisor.pack.model.RulePack"]


def test_assess_loads_neither_the_renderers_nor_the_app_nor_the_store(
    probe: dict[str, object],
) -> None:
    assert probe["heavy"] == []


@pytest.mark.parametrize("collecting", [True, False])
def test_a_command_leaves_the_garbage_collector_as_it_found_it(collecting: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if collecting else gc.disable()
        out = io.StringIO()
        assert cli.main(["assess", str(SAMPLE), "--format", "json"], out) == 0
        assert gc.isenabled() is collecting
        assert gc.get_freeze_count() == 0  # what the command froze is back in the collector's care
        assert json.loads(out.getvalue())["verdict"]
    finally:
        gc.enable() if was else gc.disable()


def test_a_command_leaves_the_objects_its_caller_froze_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert cli.main(["assess", str(SAMPLE), "--format", "json"], io.StringIO()) == 0
        # None unfrozen (only freed ones leave), none of the command's own added.
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("columns", [None, "", "0", "-3", "wide", "57", "132"])
def test_the_help_is_as_wide_as_shutil_measures_the_terminal(
    columns: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._terminal_columns() == shutil.get_terminal_size().columns
    formatter = cli.build_parser("assess")._get_formatter()
    assert formatter._width == shutil.get_terminal_size().columns - 2


def test_a_refused_command_line_still_turns_the_collector_back_on() -> None:
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        cli.main(["assess", "--no-such-option"], io.StringIO())
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
