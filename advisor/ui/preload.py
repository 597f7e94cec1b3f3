"""The modules a session's first run needs, imported in a background thread once the server
has started: `advisor.ui.serve` starts it, `app.py` waits for it before importing them.

Every page imports the core (the rule pack, the engine, the presenter, with their YAML and
msgspec readers); so does SQLAlchemy when the workspace's database exists (every first run
opens it), and every first run reads the shipped rule pack in English with its rules compiled
for every segment. A page with charts (the Recommendation page from a shared link) adds Plotly's
figures, each kind set up once by a first small figure. Imported here, they load while the
browser starts and fetches the page, when the process is otherwise idle. What they leave is then
frozen for the garbage collector, whose full passes would otherwise walk it while the first run
allocates.

The data tables' libraries (numpy, pyarrow and pandas: about 450 modules, half a second and
more) are left until a session's first page is drawn (`idle`) or a page asks for them (`wait`):
the Assess and Recommendation pages show none, so a first visit does not wait for them, nor
share the machine with them while the browser loads. A table drawn on request imports them
through `wait` as well. A package being imported is in `sys.modules` before it is complete, and
Plotly looks there for numpy and pandas as it checks a figure's values: so a page that draws
charts without waiting for them runs inside `drawing()`, and the two never overlap (the import
waits for such runs to end, and one that begins once it waits or runs waits for it).

The script waits for them (`wait_for_core` before its own imports, `wait_for_charts` before a
page with charts, `wait` before one that may draw a data table) rather than for each module
through Python's import lock: two threads importing one package's modules in different orders
can each hold the lock the other needs (Python then fails one of the imports). Nothing here
imports Streamlit, which the server imports before the thread starts (with Plotly, for its
chart theme). Under a plain `streamlit run app.py` nothing is started and every wait returns at
once.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from advisor.pack.model import RulePack

# What every page's first run imports: the core under the pages (none of it imports Streamlit).
CORE = (
    "advisor.logs",
    "advisor.samples",
    "advisor.profile",
    "advisor.present",
    "advisor.charts",
    "advisor.workshop",
    "advisor.workspace",
)
# The workspace's database layer: SQLAlchemy, about 140 modules and a quarter of a second.
# Every session's first run opens an existing workspace (its sign-in is recorded there before
# any page is drawn), so when the database exists this joins the core. Otherwise it is left to
# the page that creates the database: a page that does not wait for the preload may be the one.
STORE = ("advisor.workspace.store",)
# The languages the shipped pack is read in with the core: English, the default, whose texts
# need nothing the core has not imported. Spanish would load Babel for its dates (a fifth of a
# second that an English first run would wait for); its first run reads the pack itself.
PACK_LANGUAGES = ("en",)
# What a chart adds: the Plotly figures and traces the charts draw (Plotly loads each on first
# use; the server imported Plotly itself).
CHARTS = (
    "plotly.graph_objs._figure",
    "plotly.graph_objs._bar",
    "plotly.graph_objs._indicator",
    "plotly.graph_objs._scatter",
    "plotly.graph_objs._waterfall",
)
# What a data table adds, each package before its submodules and dependencies first: numpy,
# then pyarrow, then pandas, which imports both.
TABLES = ("numpy", "pyarrow", "pandas", "pyarrow.pandas_compat")

# The shipped rule pack read in `PACK_LANGUAGES`, its rules compiled, by the core's stage: a
# session's first run takes it from here instead of reading the pack again (`shipped_pack`).
_packs: dict[str, RulePack] = {}

_POLL_S = 0.01
# How long after a first page's run the data tables' libraries wait to load, unless a page
# needs them sooner: the browser is still drawing that page.
_AFTER_IDLE_S = 3.0
_SERVER_START_LIMIT_S = 30.0


class _Events(NamedTuple):
    """What a preload thread sets as it goes, and what it waits for."""

    core_done: threading.Event
    charts_done: threading.Event
    tables_wanted: threading.Event  # set by `idle` or `wait`: the tables' imports may begin
    tables_now: threading.Event  # set by `wait`: a page needs them, without delay


# Every session's first run waits for these (a finished thread or a set event returns at once,
# so two sessions starting together both wait and neither fails).
_started: list[tuple[threading.Thread, _Events]] = []

# The runs drawing charts without having waited for the data tables' libraries (`drawing`),
# and whether those libraries are being imported: never both at once.
_quiet = threading.Condition()
_drawing = 0
_importing = False
_this_run = threading.local()  # `held`: this thread's run is one of `_drawing`


def _server_started() -> bool:
    from streamlit import runtime

    return runtime.exists() and runtime.get_instance().state is not runtime.RuntimeState.INITIAL


def _import_each(names: Sequence[str]) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 - the script that needs it imports it and says why
            continue


def _workspace_exists() -> bool:
    """Whether the session's first run will open a workspace: its database exists (or is a
    server's)."""
    try:
        from advisor.workspace import database_url
        from advisor.workspace.address import never_created

        return not never_created(database_url())
    except Exception:  # noqa: BLE001 - the first run finds the same problem and says it
        return False


def _load_packs(languages: Sequence[str]) -> None:
    """Read the shipped rule pack in each language and compile its rules for every segment:
    every session's first run reads the pack and assesses with it."""
    try:
        from advisor.engine import prepare
        from advisor.pack import load_pack

        for code in languages:
            pack = load_pack(language=code)
            prepare(pack)
            _packs[code] = pack
    except Exception:  # noqa: BLE001 - the first run reads the pack itself and says what is wrong
        return


def shipped_pack(code: str) -> RulePack | None:
    """The shipped rule pack in a language as the preload read it, None when it did not (under
    a plain `streamlit run app.py`, or a pack that did not load)."""
    return _packs.get(code)


def _draw_once() -> None:
    """Build one small figure of each trace the charts draw, and its JSON: Plotly sets up each
    kind of trace, layout part and property check on first use (a third of a page's first
    figures' time)."""
    try:
        import plotly.graph_objects as go
        from plotly.io import to_json
    except ImportError:
        return
    figure = go.Figure(
        [
            go.Indicator(
                mode="gauge+number",
                value=1,
                number={"suffix": "/1"},
                gauge={
                    "axis": {"range": [0, 1]},
                    "bar": {"color": "#000"},
                    "steps": [{"range": [0, 1], "color": "#fff"}],
                    "threshold": {"line": {"color": "#000", "width": 1}, "value": 1},
                },
                domain={"x": [0, 1], "y": [0, 1]},
            ),
            go.Bar(x=[1], y=["a"], orientation="h", marker={"color": ["#000"]}, text=["a"]),
            go.Scatter(x=[1], y=[1], mode="lines+markers", line={"dash": "dot"}, name="a"),
            go.Waterfall(x=["a"], y=[1], measure=["absolute"], text=["a"]),
        ]
    )
    figure.update_layout(
        title={"text": "a"},
        xaxis={"title": {"text": "a"}},
        yaxis={"title": {"text": "a"}},
        shapes=[{"type": "line", "x0": 0, "x1": 1, "y0": 0, "y1": 1}],
        annotations=[{"text": "a", "x": 0, "y": 0, "showarrow": False}],
        legend={"orientation": "h"},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=100,
    )
    to_json(figure, validate=False)


def _preload(
    core: Sequence[str],
    charts: Sequence[str],
    store: Sequence[str],
    packs: Sequence[str],
    tables: Sequence[str],
    events: _Events,
) -> None:
    # The server's start comes first: it is what the browser waits for, and the thread would
    # share the interpreter with it. Once it listens, the process waits for the browser.
    deadline = time.monotonic() + _SERVER_START_LIMIT_S
    while not _server_started() and time.monotonic() < deadline:
        time.sleep(_POLL_S)
    try:
        try:
            _import_each(core)
            if store and _workspace_exists():
                _import_each(store)
            if packs:
                gc.freeze()  # the pack's reading allocates: no full pass walks the imports above
                _load_packs(packs)
        finally:
            # What the imports made lives as long as the process: the garbage collector's full
            # passes stop walking it (a first run's allocations otherwise trigger passes over
            # every object of the libraries above, a tenth of a second each).
            gc.freeze()
            events.core_done.set()
        _import_each(charts)
        if charts:
            _draw_once()
        # Streamlit reads the call stack on the process's first element (to tell a REPL from
        # a script), and `inspect` then looks up the file of every loaded module once: done
        # here.
        inspect.stack()
        gc.freeze()
    finally:
        events.core_done.set()  # whatever failed: no first run waits for ever
        events.charts_done.set()
    # Once a first page is drawn, and once the browser has drawn it too (it does for about a
    # second after the script's run, and importing then slows it); at once when a page needs a
    # table.
    events.tables_wanted.wait()
    events.tables_now.wait(_AFTER_IDLE_S)
    _import_quietly(tables)
    gc.freeze()


def _import_quietly(names: Sequence[str]) -> None:
    """Import `names` once no run is drawing charts: from now on a new one waits until they
    are imported (so runs one after another on a busy server cannot keep the import out), and
    the runs under way finish first."""
    global _importing
    with _quiet:
        _importing = True
        _quiet.wait_for(lambda: not _drawing)
    try:
        _import_each(names)
    finally:
        with _quiet:
            _importing = False
            _quiet.notify_all()


def _hold() -> None:
    global _drawing
    with _quiet:
        _quiet.wait_for(lambda: not _importing)
        _drawing += 1
    _this_run.held = True


def _release() -> None:
    global _drawing
    _this_run.held = False
    with _quiet:
        _drawing -= 1
        _quiet.notify_all()


@contextmanager
def drawing() -> Iterator[None]:
    """Run a page that draws charts without having waited for the data tables' libraries:
    their import does not begin while it runs, and one under way finishes first."""
    _hold()
    try:
        yield
    finally:
        _release()


def start(
    core: Sequence[str] = CORE,
    charts: Sequence[str] = CHARTS,
    store: Sequence[str] | None = None,
    packs: Sequence[str] | None = None,
    tables: Sequence[str] = TABLES,
) -> threading.Thread:
    """Start importing `core` (with `store`, default `STORE`, when the workspace's database
    exists) and reading the shipped pack in the languages `packs` (default: `PACK_LANGUAGES`
    with the default core, none otherwise), then `charts`, and `tables` once `idle` or `wait`
    is called, in a daemon thread (it never keeps the server from stopping)."""
    if packs is None:
        packs = PACK_LANGUAGES if tuple(core) == CORE else ()
    events = _Events(threading.Event(), threading.Event(), threading.Event(), threading.Event())
    stages = (
        tuple(core),
        tuple(charts),
        tuple(STORE if store is None else store),
        tuple(packs),
        tuple(tables),
        events,
    )
    thread = threading.Thread(target=_preload, args=stages, name="preload", daemon=True)
    _started.append((thread, events))
    thread.start()
    return thread


def wait_for_core() -> None:
    """Return once the core `start` imports is imported (at once when nothing was started)."""
    for _, events in tuple(_started):
        events.core_done.wait()


def wait_for_charts() -> None:
    """Return once the core and the charts' modules are loaded (at once when nothing was
    started): all a page with charts and no data table needs."""
    for _, events in tuple(_started):
        events.charts_done.wait()


def idle() -> None:
    """A page has been drawn: the data tables' libraries may load once the browser has drawn
    it too (the process then waits for the reader), ready for the first page with a table."""
    for _, events in tuple(_started):
        events.tables_wanted.set()


def wait() -> None:
    """Return once every import `start` began is done, the data tables' libraries included
    (at once when nothing was started)."""
    held = getattr(_this_run, "held", False)
    if held:  # a table on a page drawing charts: its run lets the import through
        _release()
    try:
        for thread, events in tuple(_started):
            events.tables_wanted.set()
            events.tables_now.set()
            thread.join()
    finally:
        if held:
            _hold()
