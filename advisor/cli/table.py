"""A plain-text table for the terminal: columns padded to their widest cell, long cells cut."""

from __future__ import annotations

from collections.abc import Sequence

from advisor.textsafety import terminal_safe

MAX_COLUMN_WIDTH = 60


def text_table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [
        min(MAX_COLUMN_WIDTH, max(len(h), *(len(r[i]) for r in rows))) if rows else len(h)
        for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            (c if len(c) <= w else c[: w - 1] + "…").ljust(w)
            for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    text = "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])
    return terminal_safe(text)
