"""Columns that could mislead: mapped ones the figures do not use, likely ones left unmapped.

A partial mapping can give plausible figures from the wrong columns; these warnings are shown
in every output (text, Markdown, JSON and the app) so a reader sees what was not read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from advisor.crm_import.fields import IMPORT_FIELDS, Basis
from advisor.crm_import.layouts import Layout, ignored_by_layout
from advisor.crm_import.records import RawTable, cell_text
from advisor.crm_import.statuses import looks_like_status
from advisor.i18n import N_, _

# The fields each basis leaves unread.
UNUSED_BY_BASIS: dict[str, frozenset[str]] = {
    "arr": frozenset(
        {"contract_value", "close_date", "deal_type", "pipeline", "billing_period", "quantity"}
    ),
    "contract": frozenset({"arr_start", "arr_end", "close_date", "deal_type", "pipeline"}),
    "deals": frozenset({"arr_start", "arr_end", "start_date", "churn_date"}),
    "subscriptions": frozenset({"arr_start", "arr_end", "close_date", "deal_type", "pipeline"}),
}
BASIS_WORDS = {  # shown with `_()`
    "arr": N_("figures from ARR at period start and at period end"),
    "contract": N_("figures from one contract value and a status per account"),
    "deals": N_("figures from deals (won, lost, open) by close date"),
    "subscriptions": N_("figures from subscriptions by start and end date"),
}
_MONEY_WORDS = re.compile(
    r"\b(?:arr|mrr|acv|tcv|revenue|amount|value|price|contract|subscription|billing)\b",
    re.IGNORECASE,
)
_STATUS_WORDS = re.compile(r"\b(?:status|stage|type|lifecycle|state)\b", re.IGNORECASE)
_MAX_DISTINCT = 60  # a status column holds few distinct words


def column_warnings(
    raw: RawTable, mapping: Mapping[str, str], basis: Basis, layout: Layout | None
) -> list[str]:
    """Mapped columns the basis leaves unread, and unmapped columns that look like figures."""
    warnings = []
    for name, header in mapping.items():
        if name in UNUSED_BY_BASIS[basis]:
            # Translators: {field} is a field's name in lower case; {basis} is "figures from …".
            warnings.append(
                _(
                    "column '{column}' is mapped to {field}, but with {basis} it is not used",
                    column=header,
                    field=_(IMPORT_FIELDS[name].label).lower(),
                    basis=_(BASIS_WORDS[basis]),
                )
            )
    used = set(mapping.values())
    reasons = ignored_by_layout(layout, raw.headers) if layout else {}
    for header in raw.headers:
        if header in used:
            continue
        words = " ".join(re.findall(r"[A-Za-z0-9]+", header.replace("_", " ")))
        if reasons.get(header):
            warnings.append(
                _("column '{column}' is not used: {reason}", column=header, reason=reasons[header])
            )
        elif (
            header not in reasons and _MONEY_WORDS.search(words) and "currency" not in words.lower()
        ):
            warnings.append(
                _(
                    "column '{column}' looks like an amount but is not used; if it holds what the "
                    "account pays, map it (--map '{column}=FIELD')",
                    column=header,
                )
            )
    return warnings


def status_candidates(
    raw: RawTable, mapping: Mapping[str, str], vocabulary: Mapping[str, str] | None
) -> list[str]:
    """Other columns that could hold the status: named like one, or holding status words."""
    taken = mapping.get("status")
    found = []
    for header, cells in zip(raw.headers, raw.columns, strict=True):
        if header == taken:
            continue
        words = " ".join(re.findall(r"[A-Za-z0-9]+", header.replace("_", " ")))
        if _STATUS_WORDS.search(words):
            found.append(header)
            continue
        values = {cell_text(cell).strip() for cell in cells[:2000]}
        if len(values) <= _MAX_DISTINCT and looks_like_status(values, vocabulary):
            found.append(header)
    return found
