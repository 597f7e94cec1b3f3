"""Render a Brief as strict JSON: the whole assessment, the role and the document, versioned.

The output is RFC 8259 JSON: no NaN or infinity, no lone surrogates, UTF-8. `<`, `>` and `&`
are written as \\u escapes so the document stays inert even when pasted into an HTML page.
`SCHEMA` is the JSON Schema of the top level; `schema_version` changes when a field is
removed or changes meaning (adding fields keeps the version).
"""

from __future__ import annotations

import json
import math
from typing import Any

import msgspec

from advisor import present
from advisor.brief import (
    Block,
    Brief,
    Bullets,
    Callout,
    Chart,
    Paragraph,
    Subheading,
    Table,
)
from advisor.role import EDITABLE, EditableSection
from advisor.textsafety import clean_text

SCHEMA_ID = "am-advisor/brief"
SCHEMA_VERSION = "2.0"


def _rows_schema(section: EditableSection) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "object", "required": list(section.column_names)},
    }


def _editable_schema(section: EditableSection) -> dict[str, Any]:
    """The schema of one editable section of the role, from its one declaration."""
    if section.kind == "text":
        return {"type": "string"}
    if section.kind == "lines":
        return {"type": "array", "items": {"type": "string"}}
    if section.kind == "rows":
        return _rows_schema(section)
    return {
        "type": "object",
        "required": ["ote", "base_share", "components"],
        "properties": {"components": _rows_schema(section)},
    }


SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "AM Advisor brief",
    "type": "object",
    "required": [
        "schema",
        "schema_version",
        "prepared_on",
        "company",
        "verdict",
        "pack",
        "assessment",
        "role",
        "shown",
        "document",
    ],
    "properties": {
        "schema": {"const": SCHEMA_ID},
        "schema_version": {"const": SCHEMA_VERSION},
        "prepared_on": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "company": {"type": "string"},
        "prepared_by": {"type": "string"},
        "verdict": {"enum": ["hire_now", "prepare", "not_yet", "fix_delivery_first"]},
        "verdict_label": {"type": "string"},
        "pack": {
            "type": "object",
            "required": ["name", "version", "digest", "files"],
            "properties": {
                "name": {"type": "string"},
                "version": {"type": "string"},
                "digest": {"type": "string"},
                "files": {"type": "array", "items": {"type": "string"}},
            },
        },
        "assessment": {
            "type": "object",
            "required": [
                "verdict",
                "score",
                "readiness",
                "headline",
                "economics",
                "trace",
                "profile",
                "as_of",
                "plan",
                "team",
                "growth",
                "workload",
                "waiting",
            ],
            "properties": {
                "as_of": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                "plan": {
                    "description": "what the verdict means in dates; a date that does not "
                    "apply to the verdict is null",
                    "type": "object",
                    "required": [
                        "verdict",
                        "as_of",
                        "recruiting_days",
                        "ramp_days",
                        "search_opens_on",
                        "starts_on",
                        "carries_from",
                        "needed_from",
                        "gap",
                        "zone_reached_on",
                        "turns_hire_now_on",
                        "reassess_on",
                        "holding",
                        "after_fix",
                        "after_fix_plan",
                        "sources",
                    ],
                },
                "team": {
                    "description": "each hire due within two years and the cost by quarter",
                    "type": "object",
                    "required": ["current", "needed_now", "hires", "quarters", "total"],
                },
                "growth": {
                    "type": "object",
                    "required": ["accounts_added_per_quarter", "zone_low", "quarters"],
                },
                "workload": {
                    "type": "object",
                    "required": ["hours_per_renewal", "founder_hours_per_month", "months"],
                },
                "waiting": {
                    "type": "object",
                    "required": ["uncovered_accounts", "gross_profit_at_risk_per_month"],
                },
            },
        },
        "shown": {
            "description": "each figure and sentence of the assessment as the documents and "
            "pages show it, by key",
            "type": "object",
            "additionalProperties": {"type": "string"},
            "required": ["payback", "payback_range", "plan", "team_plan", "waiting", "score"],
        },
        "role": {
            "type": "object",
            "required": [
                "title",
                "shape",
                "mission",
                "responsibilities",
                "metrics",
                "compensation",
                "tiers",
                "playbook",
                "handover",
                "onboarding",
                "mistakes",
            ],
            "properties": {section.name: _editable_schema(section) for section in EDITABLE},
        },
        "workshop": {
            "description": "present when the brief was built from a workshop",
            "type": "object",
            "required": ["respondents", "questions", "consensus"],
        },
        "document": {
            "type": "object",
            "required": ["title", "sections"],
            "properties": {
                "title": {"type": "string"},
                "sections": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["key", "number", "title", "blocks"],
                        "properties": {
                            "blocks": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["type"],
                                    "properties": {
                                        "type": {
                                            "enum": [
                                                "paragraph",
                                                "bullets",
                                                "table",
                                                "callout",
                                                "subheading",
                                                "chart",
                                            ]
                                        }
                                    },
                                },
                            }
                        },
                    },
                },
            },
        },
    },
}


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "lead": block.lead, "text": block.text, "style": block.style}
    if isinstance(block, Bullets):
        return {"type": "bullets", "items": list(block.items), "ordered": block.ordered}
    if isinstance(block, Table):
        return {
            "type": "table",
            "columns": list(block.columns),
            "rows": [list(row) for row in block.rows],
        }
    if isinstance(block, Callout):
        return {"type": "callout", "tone": block.tone, "lead": block.lead, "text": block.text}
    if isinstance(block, Subheading):
        return {"type": "subheading", "text": block.text}
    if isinstance(block, Chart):
        return {"type": "chart", "key": block.key, "title": block.title, "summary": block.summary}
    raise TypeError(f"unknown block {type(block).__name__}")


def _clean(data: Any) -> Any:
    """Strict-JSON data: finite numbers, clean strings, lists for tuples and sets."""
    if isinstance(data, dict):
        return {str(key): _clean(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_clean(value) for value in data]
    if isinstance(data, set | frozenset):
        return sorted((_clean(value) for value in data), key=str)
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, float) and not math.isfinite(data):
        return None
    if data is None or isinstance(data, bool | int | float):
        return data
    return clean_text(str(data))


def brief_data(brief: Brief) -> dict[str, Any]:
    """The brief as plain data, in the documented schema."""
    data: dict[str, Any] = _clean(
        {
            "schema": SCHEMA_ID,
            "schema_version": SCHEMA_VERSION,
            "prepared_on": brief.prepared_on.isoformat(),
            "company": brief.company,
            "verdict": brief.verdict,
            "verdict_label": brief.verdict_label,
            "pack": msgspec.structs.asdict(brief.assessment.pack),
            "assessment": brief.assessment.to_dict(),
            "role": brief.role.to_dict(),
            "shown": present.shown(brief.assessment),
            "document": {
                "title": brief.title,
                "subtitle": brief.subtitle,
                "cover": [list(fact) for fact in brief.cover_facts],
                "sections": [
                    {
                        "key": section.key,
                        "number": section.number,
                        "title": section.title,
                        "blocks": [_block(block) for block in section.blocks],
                    }
                    for section in brief.sections
                ],
            },
        }
    )
    if brief.workshop is not None:
        data["workshop"] = _clean(brief.workshop.to_dict())
    if brief.branding.name:
        data["prepared_by"] = brief.branding.name
    return data


def render_json(brief: Brief) -> str:
    text = json.dumps(brief_data(brief), ensure_ascii=False, allow_nan=False, indent=2)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text + "\n"


def render(brief: Brief) -> bytes:
    return render_json(brief).encode("utf-8")


# The hiring kit's documents (`export.kit`) give their blocks as the brief does.
block_data = _block
clean_data = _clean
