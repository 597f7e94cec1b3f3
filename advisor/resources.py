"""Where the files shipped beside the code are: the rule pack, the sample companies and CRM
export, and the app's entry script.

In a checkout they sit at the top level beside `advisor/` (`rules/`, `examples/`, `app.py`);
a built wheel carries the same files inside the package, under `advisor/_bundled/` (the build
backend's include mapping in pyproject.toml). Both are found from the package's own folder,
never from the working directory. The folder is this module's: `importlib.resources` gives the
same path for a package installed from a wheel, and importing it would add about 25 ms to the
start of every command.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["shipped"]

_PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The shipped file or folder `name` (`rules`, `examples`, `app.py`): the wheel's copy
    when the package was installed from one, else the checkout's."""
    bundled = _PACKAGE / "_bundled" / name
    return bundled if bundled.exists() else _PACKAGE.parent / name
