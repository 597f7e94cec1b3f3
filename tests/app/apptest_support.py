"""Open the app in Streamlit's AppTest and reach any page the way a user does.

    from apptest_support import open_app, go_to
    at = open_app("Role")               # runs app.py, then switches to the Role page
    go_to(at, "Portfolio")              # switch pages within the same session
    at.number_input(key=widget_key("active_accounts")).set_value(22).run()

Every page is a small script under advisor/ui/pages/ registered with `st.navigation` in app.py,
so `AppTest.switch_page` reaches it by file path.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from advisor.i18n import language
from advisor.ui.state import AS_OF

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PAGE_SCRIPTS = {
    "Assess": "advisor/ui/pages/assess.py",
    "Recommendation": "advisor/ui/pages/recommendation.py",
    "Role": "advisor/ui/pages/role.py",
    "Portfolio": "advisor/ui/pages/portfolio.py",
    "Rules": "advisor/ui/pages/rules.py",
    "Clients": "advisor/ui/pages/clients.py",
    "Cases": "advisor/ui/pages/cases.py",
    "History": "advisor/ui/pages/history.py",
    "Compare": "advisor/ui/pages/compare.py",
    "Workshop": "advisor/ui/pages/workshop.py",
}
TIMEOUT_S = 30  # the first run of a process imports plotly and pandas


def open_app(
    page: str = "Assess",
    query_params: Mapping[str, str] | None = None,
    *,
    as_of: dt.date | None = None,
) -> AppTest:
    """A fresh session (as a new browser tab) showing `page`; fails on any page exception.

    With `as_of`, the session counts its dates from that day instead of today (the session's
    one `state.as_of()`)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    if query_params:
        at.query_params.update(query_params)
    if as_of is not None:
        at.session_state[AS_OF] = as_of
    at.run()
    if page != "Assess":
        go_to(at, page)
    assert_no_exception(at)
    return at


def go_to(at: AppTest, page: str) -> AppTest:
    """Switch an open session to another page, as a click in the sidebar does.

    AppTest formats the widgets' options again in the test's own thread when it runs the page,
    so the run happens in the session's language (the link's `lang`)."""
    with language(
        at.session_state["language.active"] if "language.active" in at.session_state else None  # noqa: SIM401
    ):
        at.switch_page(PAGE_SCRIPTS[page]).run()
    assert_no_exception(at)
    return at


def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, [exception.value for exception in at.exception]


_ESCAPE = re.compile(r"\\(.)")


def unescape(markdown: str) -> str:
    """Markdown as it reads on screen: backslash escapes removed."""
    return _ESCAPE.sub(r"\1", markdown)


_CELL_EDGE = re.compile(r"(?<!\\)\|")


def text_tables(at: AppTest) -> list[list[dict[str, str]]]:
    """The static tables the page writes in Markdown (`components.text_table`), each as its
    rows, each row its heading → cell as it reads on screen."""
    found = []
    for element in at.markdown:
        lines = str(element.value).splitlines()
        if len(lines) < 2 or not lines[0].startswith("| ") or not set(lines[1]) <= set("|-: "):
            continue
        header, *rows = (
            [unescape(cell.strip()) for cell in _CELL_EDGE.split(line.strip())[1:-1]]
            for line in lines[:1] + lines[2:]
        )
        found.append([dict(zip(header, row, strict=True)) for row in rows])
    return found


def alerts(at: AppTest) -> list[Any]:
    return [*at.main.success, *at.main.warning, *at.main.info, *at.main.error]


# A banner's title: '<verdict> · readiness N/100…', or '<verdict> · not scored: …' for a gate.
_BANNER = re.compile(r" · (readiness \d|not scored)")


def verdict_banner(at: AppTest) -> Any:
    """The verdict banner of the page (an alert titled '<verdict> · readiness N/100', or
    '<verdict> · not scored: …' when a gate decides)."""
    found = [alert for alert in alerts(at) if _BANNER.search(unescape(alert.proto.title))]
    assert found, f"no verdict banner among {[alert.proto.title for alert in alerts(at)]}"
    return found[0]


def verdict_title(at: AppTest) -> str:
    """The title of the verdict banner on the page, e.g. 'Not yet · readiness 0/100'."""
    return unescape(verdict_banner(at).proto.title)


def verdict_label(at: AppTest) -> str:
    return _BANNER.split(verdict_title(at))[0]


def page_text(at: AppTest) -> str:
    """Everything readable in the main area and sidebar, escapes removed, one item a line."""
    parts: list[str] = []
    for block in (at.main, at.sidebar):
        parts += [element.value for element in block.title]
        parts += [element.value for element in block.subheader]
        parts += [element.value for element in block.markdown]
        parts += [element.value for element in block.caption]
        parts += [element.value for element in block.code]
        for alert in (*block.success, *block.warning, *block.info, *block.error):
            parts += [alert.proto.title, alert.value]
        parts += [f"{metric.label}: {metric.value}" for metric in block.metric]
    return "\n".join(unescape(part) for part in parts)


def errors_text(at: AppTest) -> str:
    return "\n".join(unescape(error.value) for error in at.main.error)


def plotly_titles(at: AppTest) -> list[str]:
    """The titles of the Plotly charts on the page (proves each chart was built and sent)."""
    import json

    titles = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec.get("layout", {}).get("title") or spec["data"][0].get("title") or {}
        titles.append(title.get("text", "") if isinstance(title, dict) else str(title))
    return titles


# The width of a table in the main area of a 1280 px window with the sidebar open, measured in
# Chromium; columns whose configured widths add up to no more stay in view without scrolling.
MAIN_WIDTH_AT_1280_PX = 820
EXPANDER_WIDTH_AT_1280_PX = 786


def table_with_column(at: AppTest, column: str) -> Any:
    """The first `st.dataframe` on the page that shows `column`."""
    tables = [table for table in at.dataframe if column in table.value.columns]
    assert tables, f"no table shows a {column!r} column"
    return tables[0]


def column_settings(table: Any) -> dict[str, Any]:
    """The column configuration a table was drawn with, by column name."""
    settings: dict[str, Any] = json.loads(table.proto.columns)
    return settings
