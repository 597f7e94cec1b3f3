"""Where the files shipped beside the code are: the rule pack, the sample companies and CRM
export, and the app's entry script.

In a checkout they sit at the top level beside `advisor/` (`rules/`, `examples/`, `app.py`);
a built wheel carries the same files inside the package, under `advisor/_bundled/` (the build
backend's include mapping in pyproject.toml). Both are found from the package itself, never
from the working directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["shipped"]

_PACKAGE = Path(str(resources.files("advisor")))


def shipped(name: str) -> Path:
    """The shipped file or folder `name` (`rules`, `examples`, `app.py`): the wheel's copy
    when the package was installed from one, else the checkout's."""
    bundled = _PACKAGE / "_bundled" / name
    return bundled if bundled.exists() else _PACKAGE.parent / name
