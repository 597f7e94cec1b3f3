"""One small script per page of `st.navigation`; each draws its page module's `render()`.

Pages are files (not callables) so `AppTest.switch_page("advisor/ui/pages/<page>.py")` reaches
every page the way a user does.
"""

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def page_file(name: str) -> Path:
    """A page's file as an absolute path: Streamlit finds it whether the entry script runs from
    a checkout (`app.py`) or from an installed wheel (`advisor/_bundled/app.py`)."""
    return _HERE / f"{name}.py"
