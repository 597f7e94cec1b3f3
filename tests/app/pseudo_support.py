"""Every text a page shows, read from AppTest's element tree, for the pseudo-language tests.

A page run with `?lang=qps` wraps every translated stretch in ⟦…⟧; `page_texts` collects what a
person reads (labels, bodies, captions, help, options, placeholders, table headers and text
cells, chart titles and legends) so `untranslated` can find what never went through the
catalogue.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from streamlit.testing.v1 import AppTest

TEXT_FIELDS = frozenset(
    {"body", "label", "options", "placeholder", "help", "title", "caption", "text", "message"}
)
CHART_KEYS = frozenset({"text", "title", "name"})


def _proto_texts(message: Any) -> Iterator[str]:
    for field, value in message.ListFields():
        values = list(value) if type(value).__name__.startswith("Repeated") else [value]
        if field.type == field.TYPE_STRING:
            if field.name in TEXT_FIELDS:
                yield from (str(v) for v in values)
            elif field.name == "spec":
                yield from _chart_texts(json.loads(values[0]))
        elif field.type == field.TYPE_MESSAGE:
            for item in values:
                yield from _proto_texts(item)


def _chart_texts(spec: Any) -> Iterator[str]:
    """Titles, axis titles, annotations and legend names of a Plotly figure's JSON."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in CHART_KEYS and isinstance(value, str):
                yield value
            elif key in ("data", "layout") or isinstance(value, (dict, list)):
                yield from _chart_texts(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _chart_texts(item)


def _headers(table: Any) -> dict[str, str]:
    """The heading each column shows: its configured label (an editor keeps its data's keys as
    column names and shows the label), else its name."""
    config = json.loads(getattr(table.proto, "columns", "") or "{}")
    return {
        name: str(value["label"])
        for name, value in config.items()
        if isinstance(value, dict) and value.get("label")
    }


def _table_texts(at: AppTest) -> Iterator[str]:
    for table in list(at.dataframe) + list(at.table):
        frame = table.value
        labels = _headers(table)
        yield from (labels.get(str(column), str(column)) for column in frame.columns)
        for column in frame.columns:  # every text cell, whatever the column's dtype says
            yield from (cell for cell in frame[column].tolist() if isinstance(cell, str))


def page_texts(at: AppTest) -> list[str]:
    """Every text the page shows, in its order."""
    found: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            found.extend(_proto_texts(proto))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    found.extend(_table_texts(at))
    return [text for text in found if text.strip()]
