"""Pieces several pages draw: the verdict banner, the sidebar summary, notices, safe text.

Company names, notes and the texts of uploaded rule packs are user text. Streamlit renders most
strings as Markdown (links, images, LaTeX), so user text goes through `plain()` first and reads
exactly as typed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from advisor import present, wording
from advisor.blocks import Table
from advisor.engine import Assessment, Verdict
from advisor.i18n import _, formats, n_
from advisor.textsafety import escape_markdown, formula_safe_cell
from advisor.ui import preload


def data_table(data: Any, **options: Any) -> Any:
    """`st.dataframe` whose built-in "Download as CSV" is formula-safe.

    The download is made in the browser from the cells shown, so the cells themselves carry the
    apostrophe a spreadsheet needs to read `=HYPERLINK(…)`, `+cmd|…` or `@SUM(…)` as text.
    """
    return st.dataframe(formula_safe_table(data), **options)


# Streamlit's grid wraps a cell's text only in rows taller than 4rem (64 px): a long text gets
# rows of several lines instead of being cut at the column's edge.
LINE_PX = 21
ROW_PADDING_PX = 16
HEADER_CHAR_PX = 7  # a header character is under 7 px wide at the grid's font


def wrapped_row_height(lines: int) -> int:
    """A row height that shows `lines` lines of wrapped text (at least 3, so wrapping is on)."""
    return ROW_PADDING_PX + LINE_PX * max(lines, 3)


# About how wide an average character of the grid's text is, and the tallest row drawn: a
# longer text scrolls inside its cell rather than making every row of the table taller.
CELL_CHAR_PX = 7.2
MOST_LINES = 10


def lines_needed(rows: Iterable[Mapping[str, Any]], widths: Mapping[str, int], least: int) -> int:
    """How many lines the longest text takes in its column (each column `widths` px wide, or
    `least` px when not given): the rows' height that shows every cell whole."""
    lines = 1
    for row in rows:
        for name, value in row.items():
            if not isinstance(value, str):
                continue
            per_line = max(1, int((widths.get(name, least) - 16) / CELL_CHAR_PX))
            needed = sum(math.ceil(len(part) / per_line) or 1 for part in value.split("\n"))
            lines = max(lines, needed)
    return min(lines, MOST_LINES)


def wrapped(lines: int) -> dict[str, Any]:
    """The table's options that wrap text over `lines` lines (none for one line)."""
    return {"row_height": wrapped_row_height(lines)} if lines > 1 else {}


def text_table(rows: Sequence[Mapping[str, str]], numeric: tuple[int, ...] = ()) -> None:
    """A few rows of text, each a mapping of column heading to cell, as a static table in
    Markdown (the columns `numeric` aligned right): every cell in view and readable as text,
    with nothing for the browser to set up (a data table loads pandas on the server and a grid
    in the browser)."""
    # The exports' Markdown, imported by the first table: the Assess page shows none.
    from advisor.export.markdown import markdown_table

    if not rows:
        return
    columns = tuple(rows[0])
    cells = tuple(tuple(str(row[name]) for name in columns) for row in rows)
    table = Table(columns, cells, numeric=numeric)
    st.markdown(markdown_table(table))


def header_width(label: str, least: int = 80) -> int:
    """A column width that shows its whole header, for columns of short figures."""
    return max(least, HEADER_CHAR_PX * len(label) + 24)


def formula_safe_table(data: Any) -> Any:
    """The same table with every text cell passed through `formula_safe_cell`."""
    # pandas costs about half a second to import; the first page shows no table, so it is
    # imported by the first table instead of by every page, through the preload (which may be
    # importing it at this moment).
    preload.wait()
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        safe = data.copy()
        for name in safe.columns:
            if safe[name].dtype == object or pd.api.types.is_string_dtype(safe[name]):
                safe[name] = safe[name].map(formula_safe_cell)
        safe.columns = [formula_safe_cell(name) for name in safe.columns]
        return safe
    if isinstance(data, list):
        return [
            {key: formula_safe_cell(value) for key, value in row.items()}
            if isinstance(row, dict)
            else row
            for row in data
        ]
    return data


def plain(text: str) -> str:
    """Escape Markdown so user text renders literally inside st.markdown and friends.

    Dollars are escaped too: Streamlit reads `$…$` as LaTeX.
    """
    return escape_markdown(text)


def browser_zone() -> tuple[dt.tzinfo | None, str]:
    """The reader's time zone (their browser's) and its name; (None, "") when the browser gave
    none that this computer knows: times are then this computer's own."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = st.context.timezone
    if not name:
        return None, ""
    try:
        return ZoneInfo(name), name
    except (ZoneInfoNotFoundError, ValueError):
        return None, ""


def zone_words(name: str) -> str:
    """'times in Europe/Berlin', or the server's own zone when the browser gave none."""
    if name:
        return _("times in {zone}", zone=name)
    local = dt.datetime.now().astimezone().tzname() or "UTC"
    return _("times in this server's time zone, {zone}", zone=local)


def take_notice(key: str) -> tuple[Any, tuple[str, str, list[str]] | None]:
    """A slot at the top of the page and the last outcome stored under `key`, if any.

    The slot is taken even when nothing is shown, so what follows keeps its place on the page
    and the input being edited keeps its focus. A success is shown once; a refusal stays while
    its file sits in the uploader.
    """
    slot = st.container()
    notice = st.session_state.get(key)
    if not notice:
        return slot, None
    if notice[0] != "error":
        del st.session_state[key]
    return slot, notice


@dataclass(frozen=True)
class VerdictLook:
    icon: str
    alert: str  # success | warning | info | error: the Streamlit alert that carries it
    badge_colour: str


# Icon and words carry the verdict; colour only repeats it.
VERDICT_LOOKS: dict[Verdict, VerdictLook] = {
    Verdict.HIRE_NOW: VerdictLook(":material/check_circle:", "success", "green"),
    Verdict.PREPARE: VerdictLook(":material/hourglass_top:", "warning", "orange"),
    Verdict.NOT_YET: VerdictLook(":material/schedule:", "info", "blue"),
    Verdict.FIX_DELIVERY_FIRST: VerdictLook(":material/build:", "error", "red"),
}


def verdict_banner(assessment: Assessment) -> None:
    """The verdict in words and icon with the headline underneath; the title's readiness is
    the presenter's, so a gate's verdict reads "not scored", never as a high score."""
    look = VERDICT_LOOKS[assessment.verdict]
    alert = {"success": st.success, "warning": st.warning, "info": st.info, "error": st.error}
    alert[look.alert](
        plain(assessment.headline),
        icon=look.icon,
        title=plain(present.verdict_title(assessment)),
    )


def sidebar_summary(assessment: Assessment, custom_pack_name: str | None) -> None:
    """The case and its verdict, visible from every page."""
    look = VERDICT_LOOKS[assessment.verdict]
    with st.sidebar:
        st.caption(_("Current case"))
        st.markdown(f"**{plain(assessment.profile.company)}**")
        st.badge(plain(assessment.verdict_label), icon=look.icon, color=look.badge_colour)  # type: ignore[arg-type]
        # The banner's readiness line, so a high score never reads here without what holds it
        # back, and a gate's verdict reads "not scored".
        readiness = wording.capitalised(assessment.readiness)
        count = assessment.profile.active_accounts
        st.caption(
            n_(
                "{readiness} · {count} active account",
                "{readiness} · {count} active accounts",
                count,
                readiness=plain(readiness),
                count=formats.number(count),
            )
        )
        if custom_pack_name:
            st.caption(
                _(
                    "Rule pack: {name} (uploaded, this session only)",
                    name=plain(custom_pack_name),
                )
            )
            # The link carries the inputs only: opened elsewhere it is read with the default pack.
            st.warning(
                _(
                    "The address bar holds this case's inputs but not the uploaded rule pack: "
                    "the link opens with the default pack, which may give another verdict. Send "
                    "the pack along (Rules page) to share the same result."
                ),
                icon=":material/link_off:",
            )
        else:
            st.caption(
                _("The address bar holds this case: bookmark or share the link to reopen it.")
            )
