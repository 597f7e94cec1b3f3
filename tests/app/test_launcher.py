"""The app's launcher: `streamlit run` with every option, the first page's modules loading in a
background thread once the server has started, and app.py waiting for them before its imports."""

from __future__ import annotations

import gc
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from advisor.cli import main as cli_main
from advisor.ui import preload, serve

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = ["--server.port", "8502", "--server.headless", "true", "--secrets.files", "a.toml"]


@pytest.fixture
def probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A module of its own that takes a moment to import and says when its import is done."""
    name = f"preload_probe_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text("import time\ntime.sleep(0.3)\ndone = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(preload, "_started", [])  # this test's preload only
    monkeypatch.setattr(preload, "STORE", ())
    yield name
    preload.wait()
    gc.unfreeze()
    sys.modules.pop(name, None)


def test_the_launcher_starts_the_preload_then_runs_streamlit_with_every_option(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from streamlit.web import cli

    calls: list[tuple[str, Any]] = []
    monkeypatch.setattr(preload, "start", lambda: calls.append(("preload", None)))
    monkeypatch.setattr(cli, "main", lambda **given: calls.append(("streamlit", given)))
    serve.main(["app.py", *OPTIONS])
    assert calls == [
        ("preload", None),
        ("streamlit", {"args": ["run", "app.py", *OPTIONS], "prog_name": "streamlit"}),
    ]


def test_the_launcher_takes_the_command_lines_options_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from streamlit.web import cli

    given: dict[str, Any] = {}
    monkeypatch.setattr(preload, "start", lambda: None)
    monkeypatch.setattr(cli, "main", lambda **options: given.update(options))
    monkeypatch.setattr(sys, "argv", ["serve.py", "app.py", *OPTIONS])
    serve.main()
    assert given["args"] == ["run", "app.py", *OPTIONS]


def test_the_preload_imports_only_once_the_server_has_started(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()
    monkeypatch.setattr(preload, "_server_started", started.is_set)
    preload.start([probe], [])
    time.sleep(0.1)
    assert probe not in sys.modules
    started.set()
    preload.wait()
    assert sys.modules[probe].done


def test_wait_returns_once_the_imports_are_done(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(preload, "_server_started", lambda: True)
    preload.start([], [probe])
    preload.wait()
    assert sys.modules[probe].done
    preload.wait()  # nothing left to wait for


def test_wait_for_core_returns_once_the_core_is_imported(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(preload, "_server_started", lambda: True)
    preload.start([probe], [])
    preload.wait_for_core()
    assert sys.modules[probe].done


def test_two_sessions_starting_together_both_wait_for_the_preload(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(preload, "_server_started", lambda: True)
    preload.start([], [probe])
    outcomes: list[object] = []

    def first_run() -> None:
        try:
            preload.wait()
            outcomes.append(sys.modules[probe].done)
        except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
            outcomes.append(error)

    sessions = [threading.Thread(target=first_run) for _ in range(2)]
    for session in sessions:
        session.start()
    for session in sessions:
        session.join()
    assert outcomes == [True, True]


def test_a_module_that_cannot_be_imported_leaves_the_others_and_prints_nothing(
    probe: str, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(preload, "_server_started", lambda: True)
    preload.start(["advisor.no_such_module"], ["no_such_library", probe])
    preload.wait()
    assert sys.modules[probe].done
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("exists", [True, False])
def test_the_workspace_store_joins_the_core_only_when_its_database_exists(
    probe: str, monkeypatch: pytest.MonkeyPatch, exists: bool
) -> None:
    monkeypatch.setattr(preload, "_server_started", lambda: True)
    monkeypatch.setattr(preload, "_workspace_exists", lambda: exists)
    preload.start([], [], [probe])
    preload.wait_for_core()
    assert (probe in sys.modules) is exists
    preload.wait()
    assert (probe in sys.modules) is exists  # a new database's page imports it itself


def test_workspace_exists_follows_the_database_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "workspace.db"
    monkeypatch.setenv("ADVISOR_DATABASE_URL", f"sqlite:///{path}")
    assert not preload._workspace_exists()
    path.write_bytes(b"")
    assert preload._workspace_exists()
    monkeypatch.setenv("ADVISOR_DATABASE_URL", "postgresql+psycopg://team@db/advisor")
    assert preload._workspace_exists()


def test_the_preload_draws_one_figure_and_freezes_what_it_loaded(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[bool] = []
    monkeypatch.setattr(preload, "_server_started", lambda: True)
    monkeypatch.setattr(preload, "_draw_once", lambda: drawn.append(True))
    gc.unfreeze()
    preload.start([], [probe])
    preload.wait()
    assert drawn == [True]
    assert gc.get_freeze_count() > 0


def test_drawing_once_builds_every_kind_of_trace_the_charts_use() -> None:
    import plotly.graph_objects as go

    from advisor import charts

    def traces(module: object) -> set[str]:
        source = Path(str(getattr(module, "__file__", ""))).read_text(encoding="utf-8")
        return set(re.findall(r"\bgo\.([A-Z]\w*)\(", source)) - {"Figure"}

    used = traces(charts)
    assert {"Bar", "Indicator", "Scatter"} <= used
    assert traces(preload) == used
    figures: list[go.Figure] = []
    original = go.Figure.__init__

    def init(self: go.Figure, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        figures.append(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(go.Figure, "__init__", init)
        preload._draw_once()
    (figure,) = figures
    assert sorted(trace.type for trace in figure.data) == sorted(name.lower() for name in used)


def test_the_preload_reads_the_shipped_pack_in_the_languages_asked_with_its_rules_compiled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from advisor import engine
    from advisor.pack import load_pack

    monkeypatch.setattr(preload, "_packs", {})
    monkeypatch.setattr(engine, "_COMPILED", engine.OrderedDict())
    preload._load_packs(("en", "es"))
    english, spanish = preload.shipped_pack("en"), preload.shipped_pack("es")
    assert english is not None and spanish is not None
    assert (english.language, spanish.language) == ("en", "es")
    assert english.verdict_labels == load_pack(language="en").verdict_labels
    assert spanish.verdict_labels == load_pack(language="es").verdict_labels
    assert english.verdict_labels != spanish.verdict_labels
    segments = {segment.value for segment in engine.Segment}
    assert set(engine._COMPILED) == {
        (english.digest, code, segment) for code in ("en", "es") for segment in segments
    }
    assert preload.shipped_pack("qps") is None


def test_the_first_run_takes_the_preloads_pack_and_reads_it_itself_without_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from advisor.pack import load_pack
    from advisor.ui import state

    read: list[str] = []
    monkeypatch.setattr(state, "load_pack", lambda: read.append("read") or load_pack())
    monkeypatch.setattr(preload, "_packs", {"en": load_pack(language="en")})
    state._shipped_pack.clear()
    try:
        assert state._shipped_pack("en") is preload.shipped_pack("en")
        assert read == []
        assert state._shipped_pack("es").language == "es"
        assert read == ["read"]
    finally:
        state._shipped_pack.clear()


def test_the_preload_reads_the_pack_only_with_the_default_core(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, ...]] = []
    monkeypatch.setattr(preload, "_server_started", lambda: True)
    monkeypatch.setattr(preload, "_load_packs", lambda languages: asked.append(tuple(languages)))
    preload.start([probe], [])
    preload.wait()
    preload.start(preload.CORE, [])
    preload.wait()
    preload.start([probe], [], packs=["es"])
    preload.wait()
    assert asked == [preload.PACK_LANGUAGES, ("es",)]  # none read with another core


def test_the_preload_reads_the_pack_once_the_imports_are_frozen(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the pack allocates: frozen first, the garbage collector's full passes do not walk
    every imported module meanwhile (a pack read in 138 ms before, 34 ms after)."""
    frozen: list[int] = []
    monkeypatch.setattr(preload, "_server_started", lambda: True)
    monkeypatch.setattr(
        preload, "_load_packs", lambda _languages: frozen.append(gc.get_freeze_count())
    )
    gc.unfreeze()
    preload.start([probe], [], packs=["en"])
    preload.wait()
    assert len(frozen) == 1 and frozen[0] > 0


def test_the_app_waits_for_the_core_before_its_imports(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(preload, "_server_started", lambda: True)
    original = preload.wait_for_core

    def wait_for_core() -> None:
        original()
        seen.append(bool(getattr(sys.modules.get(probe), "done", False)))

    monkeypatch.setattr(preload, "wait_for_core", wait_for_core)
    preload.start([probe], [])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert seen[:1] == [True]


def test_each_page_waits_only_for_what_it_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Assess page waits for nothing more than the core, the Recommendation page for the
    charts' modules, a page with data tables for everything (numpy, pyarrow, pandas too)."""
    waits: list[str] = []
    monkeypatch.setattr(preload, "wait", lambda: waits.append("everything"))
    monkeypatch.setattr(preload, "wait_for_charts", lambda: waits.append("charts"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert waits == []  # the Assess page draws neither
    at.switch_page("advisor/ui/pages/recommendation.py").run()
    assert not at.exception
    assert waits == ["charts"]
    at.switch_page("advisor/ui/pages/history.py").run()
    assert not at.exception
    assert waits[1:2] == ["everything"]


def test_the_app_tells_the_preload_each_time_a_page_is_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn: list[bool] = []
    monkeypatch.setattr(preload, "idle", lambda: drawn.append(True))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert drawn == [True]
    at.switch_page("advisor/ui/pages/recommendation.py").run()
    assert drawn == [True, True]


def _start_tables(probe: str, monkeypatch: pytest.MonkeyPatch, after_idle: float) -> Any:
    """A preload whose data tables' stage imports the probe, `after_idle` seconds after
    `idle`."""
    monkeypatch.setattr(preload, "_server_started", lambda: True)
    monkeypatch.setattr(preload, "_AFTER_IDLE_S", after_idle)
    return preload.start([], [], tables=[probe])


def test_the_tables_libraries_load_only_after_a_page_is_drawn_and_the_browser_had_time(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread = _start_tables(probe, monkeypatch, after_idle=2.0)
    preload.wait_for_charts()
    time.sleep(0.2)
    assert probe not in sys.modules  # no page drawn yet
    preload.idle()
    time.sleep(0.2)
    assert probe not in sys.modules  # the browser is still drawing the page
    thread.join(timeout=20)
    assert sys.modules[probe].done


def test_a_page_with_a_table_loads_its_libraries_at_once(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start_tables(probe, monkeypatch, after_idle=60.0)
    preload.idle()
    began = time.monotonic()
    preload.wait()
    assert sys.modules[probe].done
    assert time.monotonic() - began < 30


def test_wait_for_charts_returns_before_the_tables_libraries_load(
    probe: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart = f"{probe}_chart"
    (tmp_path / f"{chart}.py").write_text("done = True\n")
    monkeypatch.setattr(preload, "_server_started", lambda: True)
    monkeypatch.setattr(preload, "_draw_once", lambda: None)
    preload.start([], [chart], tables=[probe])
    preload.wait_for_charts()
    assert sys.modules[chart].done
    assert probe not in sys.modules
    sys.modules.pop(chart, None)


def test_a_chart_page_never_runs_while_the_tables_libraries_are_imported(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package being imported is in `sys.modules` before it is complete, and Plotly looks
    there for numpy and pandas: a Recommendation page drawn while the preload imported numpy
    once failed. The import waits for such a run to end."""
    thread = _start_tables(probe, monkeypatch, after_idle=0.0)
    preload.wait_for_charts()
    with preload.drawing():
        preload.idle()
        time.sleep(0.5)
        assert probe not in sys.modules
    thread.join(timeout=20)
    assert sys.modules[probe].done


def test_a_chart_page_waits_for_an_import_under_way(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start_tables(probe, monkeypatch, after_idle=0.0)
    preload.wait_for_charts()
    preload.idle()
    deadline = time.monotonic() + 20
    while probe not in sys.modules and time.monotonic() < deadline:
        time.sleep(0.005)  # the probe's import has begun: it takes 0.3 s
    with preload.drawing():
        assert sys.modules[probe].done


def test_chart_pages_one_after_another_cannot_keep_the_import_out(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the import waits for a run under way, a run that begins waits for the import."""
    thread = _start_tables(probe, monkeypatch, after_idle=0.0)
    preload.wait_for_charts()
    entered: list[bool] = []

    def next_run() -> None:
        with preload.drawing():
            entered.append(sys.modules[probe].done)

    with preload.drawing():
        preload.idle()
        deadline = time.monotonic() + 20
        while not preload._importing and time.monotonic() < deadline:
            time.sleep(0.005)
        later = threading.Thread(target=next_run)
        later.start()
        time.sleep(0.2)
        assert entered == []
    later.join(timeout=20)
    thread.join(timeout=20)
    assert entered == [True]


def test_a_table_opened_on_a_chart_page_loads_its_libraries(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's own run lets the import through instead of waiting for itself."""
    _start_tables(probe, monkeypatch, after_idle=60.0)
    preload.wait_for_charts()
    outcome: list[bool] = []

    def run() -> None:
        with preload.drawing():
            preload.wait()
            outcome.append(sys.modules[probe].done)

    page = threading.Thread(target=run)
    page.start()
    page.join(timeout=30)
    assert outcome == [True]
    assert preload._drawing == 0


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_preload_that_fails_leaves_no_first_run_waiting(
    probe: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails() -> bool:
        raise RuntimeError("the preload failed")

    monkeypatch.setattr(preload, "_server_started", lambda: True)
    monkeypatch.setattr(preload, "_workspace_exists", fails)
    preload.start([], [probe], [probe])
    preload.wait_for_core()
    preload.wait_for_charts()
    preload.wait()


def test_a_link_to_the_recommendation_page_loads_no_data_table_library_until_one_is_opened() -> (
    None
):
    """The page's first view shows its few static tables in Markdown: neither pandas nor
    pyarrow is imported until the economics' table is opened."""
    check = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        "from advisor.ui.recommendation_page import ECONOMICS_OPEN\n"
        "at = AppTest.from_file('app.py', default_timeout=120).run()\n"
        "at.switch_page('advisor/ui/pages/recommendation.py').run()\n"
        "assert not at.exception, at.exception\n"
        "first = sorted(n for n in ('pandas', 'pyarrow', 'numpy') if n in sys.modules)\n"
        "at.session_state[ECONOMICS_OPEN] = True\n"
        "at.run()\n"
        "assert not at.exception, at.exception\n"
        "print(first, 'pandas' in sys.modules, len(at.dataframe))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == "[] True 2"


def test_nothing_preloaded_imports_streamlit() -> None:
    """The server's thread imports Streamlit while the preload runs: the two never share a
    package (two threads importing one package's modules can each wait for the other)."""
    loaded = _preloaded_in_a_new_process(
        (*preload.CORE, *preload.STORE, *preload.CHARTS, *preload.TABLES),
        "sorted(name for name in sys.modules if name.split('.')[0] == 'streamlit')",
    )
    assert loaded == "[]"


def test_reading_the_pack_in_the_preloads_languages_imports_nothing_the_core_has_not() -> None:
    """The first run waits for the core's stage: reading the pack there adds no imports to it
    (Spanish would load Babel, so it is left to a Spanish first run)."""
    assert _preloaded_in_a_new_process(preload.CORE, "sorted(set(sys.modules) - before)") == "[]"
    assert preload.PACK_LANGUAGES == ("en",)


def _preloaded_in_a_new_process(names: tuple[str, ...], shown: str) -> str:
    """What `shown` (a Python expression) prints in a new process that imported `names`, then
    read the pack in the preload's languages (`before`: the modules loaded before the pack)."""
    listed = ", ".join(repr(name) for name in names)
    check = (
        "import importlib, sys\n"
        "from advisor.ui.preload import PACK_LANGUAGES, _load_packs, shipped_pack\n"
        f"for name in ({listed},):\n"
        "    importlib.import_module(name)\n"
        "before = set(sys.modules)\n"
        "_load_packs(PACK_LANGUAGES)\n"
        "assert all(shipped_pack(code) for code in PACK_LANGUAGES)\n"
        f"print({shown})\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_advisor_app_starts_the_launcher_with_streamlits_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from advisor.cli import app

    commands: list[list[str]] = []
    monkeypatch.setattr(app.subprocess, "call", lambda command: commands.append(command) or 0)
    assert cli_main(["app", *OPTIONS]) == 0
    assert commands == [
        [sys.executable, "-m", "advisor.ui.serve", str(ROOT / "app.py"), *OPTIONS],
    ]


def test_make_run_starts_the_launcher() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun: ", 1)[1].splitlines()[1]
    assert recipe.split()[1:4] == ["-m", "advisor.ui.serve", "app.py"]
