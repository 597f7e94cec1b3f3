"""The modules a session's first run needs, imported in a background thread once the server
has started: `advisor.ui.serve` starts it, `app.py` waits for it before its own imports.

A page that shows a table or a chart (the Recommendation page from a shared link, the
Portfolio page) imports numpy, pyarrow and pandas on its first run: about 560 modules, a second
of the first visitor's wait; every page imports the core (the rule pack, the engine, the
presenter) and its YAML and msgspec readers. Imported here, they load while the browser
starts and fetches the page, when the process is otherwise idle.

The script waits for the whole list (`wait`) rather than for each module through Python's
import lock: two threads importing one package's modules in different orders can each hold
the lock the other needs (Python then fails one of the imports). Nothing on the list imports
Streamlit, which the server imports before the thread starts (with Plotly, for its chart
theme), so the server's own thread never imports what this one does. Under a plain
`streamlit run app.py` nothing is started and `wait` returns at once.
"""

from __future__ import annotations

import importlib
import inspect
import threading
import time
from collections.abc import Sequence

# Each package before its submodules, dependencies first: numpy, then pyarrow, then pandas,
# which imports both; the Plotly figures and traces the charts draw (Plotly loads each on
# first use); then the core, which imports no Streamlit.
PRELOADED = (
    "numpy",
    "pyarrow",
    "pandas",
    "pyarrow.pandas_compat",
    "plotly.graph_objs._figure",
    "plotly.graph_objs._bar",
    "plotly.graph_objs._indicator",
    "plotly.graph_objs._scatter",
    "advisor.logs",
    "advisor.samples",
    "advisor.profile",
    "advisor.present",
    "advisor.charts",
    "advisor.workshop",
    "advisor.workspace",
)

_POLL_S = 0.01
_SERVER_START_LIMIT_S = 30.0

# The threads `start` began; every session's first run waits for them (joining a finished
# thread returns at once, so two sessions starting together both wait and neither fails).
_started: list[threading.Thread] = []


def _server_started() -> bool:
    from streamlit import runtime

    return runtime.exists() and runtime.get_instance().state is not runtime.RuntimeState.INITIAL


def _preload(names: Sequence[str]) -> None:
    # The server's start comes first: it is what the browser waits for, and the thread would
    # share the interpreter with it. Once it listens, the process waits for the browser.
    deadline = time.monotonic() + _SERVER_START_LIMIT_S
    while not _server_started() and time.monotonic() < deadline:
        time.sleep(_POLL_S)
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 - the script that needs it imports it and says why
            continue
    # Streamlit reads the call stack on the process's first element (to tell a REPL from a
    # script), and `inspect` then looks up the file of every loaded module once: done here.
    inspect.stack()


def start(names: Sequence[str] = PRELOADED) -> threading.Thread:
    """Start importing `names` in a daemon thread (it never keeps the server from stopping)."""
    thread = threading.Thread(target=_preload, args=(tuple(names),), name="preload", daemon=True)
    _started.append(thread)
    thread.start()
    return thread


def wait() -> None:
    """Return once every import `start` began is done (at once when none was started)."""
    for thread in tuple(_started):
        thread.join()
