"""A workshop's results as plain text for the terminal, Markdown for sharing, and strict JSON.

The text and Markdown render the one document `reports.workshop` builds, so they say the same
sentences. Every name and comment is the respondents' own text: the text report shows terminal
controls as `?`, Markdown escapes it, JSON writes `<`, `>` and `&` as \\u escapes.
"""

from __future__ import annotations

import json
from typing import Any

from advisor.export import markdown
from advisor.export import text as plain
from advisor.reports.workshop import build_workshop_report
from advisor.workshop import WorkshopResult

SCHEMA_ID = "am-advisor/workshop"
SCHEMA_VERSION = "1.0"


def render_text(result: WorkshopResult) -> str:
    return plain.render_text(build_workshop_report(result))


def render_markdown(result: WorkshopResult) -> str:
    return markdown.render_report(build_workshop_report(result))


def workshop_data(result: WorkshopResult) -> dict[str, Any]:
    return {"schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION, **result.to_dict()}


def render_json(result: WorkshopResult) -> str:
    text = json.dumps(workshop_data(result), ensure_ascii=False, allow_nan=False, indent=2)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text + "\n"


def render(result: WorkshopResult, fmt: str) -> str:
    if fmt == "json":
        return render_json(result)
    if fmt == "md":
        return render_markdown(result)
    return render_text(result)
