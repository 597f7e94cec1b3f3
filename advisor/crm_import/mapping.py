"""A file's headers onto the import fields: detected, then fixed by the user's choices."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from advisor.crm_import.errors import ExportError
from advisor.crm_import.fields import CURRENCY_TOKENS, IGNORE, IMPORT_FIELDS, Basis
from advisor.crm_import.records import duplicated_headers
from advisor.crm_import.vocabulary import vocabulary
from advisor.i18n import _
from advisor.problems import suggest


def normalise_header(name: str) -> str:
    """Header key for matching: lower case, letters and digits only, currency words dropped."""
    tokens = re.findall(r"[a-z0-9]+", name.casefold())
    kept = [t for t in tokens if t not in CURRENCY_TOKENS] or tokens
    return "".join(kept)


# The usual names, then other languages' (the vocabulary files), in order of preference.
_ALIAS_KEYS: dict[str, list[str]] = {
    name: [
        normalise_header(alias) for alias in (*item.aliases, *vocabulary().headers.get(name, ()))
    ]
    for name, item in IMPORT_FIELDS.items()
}


def detect_mapping(headers: Sequence[str]) -> dict[str, str]:
    """field -> header for every field whose usual header name appears (exact, normalised)."""
    duplicated = duplicated_headers(headers)
    keys = {header: normalise_header(header) for header in headers if header not in duplicated}
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for name in IMPORT_FIELDS:
        best: tuple[int, str] | None = None
        for header, key in keys.items():
            if header in taken or key not in _ALIAS_KEYS[name]:
                continue
            rank = _ALIAS_KEYS[name].index(key)
            if best is None or rank < best[0]:
                best = (rank, header)
        if best is not None:
            mapping[name] = best[1]
            taken.add(best[1])
    _year_pair(keys, mapping)
    if "currency" not in mapping:
        # "Currency of ARR 2025", "Amount Currency": the first column named for a currency.
        named = [h for h, key in keys.items() if "currency" in key and h not in mapping.values()]
        if named:
            mapping["currency"] = named[0]
    # A single ARR column with a status is a current contract value, not ARR at period end.
    if (
        "arr_end" in mapping
        and "arr_start" not in mapping
        and "contract_value" not in mapping
        and "status" in mapping
    ):
        mapping["contract_value"] = mapping.pop("arr_end")
    return mapping


_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


def _year_pair(keys: Mapping[str, str], mapping: dict[str, str]) -> None:
    """ "ARR 2024" + "ARR 2025": the earlier year is ARR at period start, the later at its end."""
    by_year: dict[int, str] = {}
    for header in keys:
        tokens = re.findall(r"[a-z]+|[0-9]+", header.casefold())
        years = [t for t in tokens if _YEAR.fullmatch(t)]
        arr = "arr" in tokens or "annual recurring revenue" in header.casefold()
        if len(years) == 1 and arr and "currency" not in tokens:
            by_year.setdefault(int(years[0]), header)
    if len(by_year) < 2:
        return
    *_older, earlier, later = sorted(by_year)
    taken = {by_year[earlier], by_year[later]}
    for name in [n for n, h in mapping.items() if h in taken]:
        del mapping[name]
    mapping["arr_start"], mapping["arr_end"] = by_year[earlier], by_year[later]


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """'Column name=field' pairs (as typed on the command line) -> {column: field}."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        column, sep, name = pair.rpartition("=")
        if not sep or not column.strip():
            raise ExportError.at(_("--map '{pair}' is not of the form 'column=field'", pair=pair))
        overrides[column.strip()] = name.strip()
    return overrides


def apply_overrides(
    detected: Mapping[str, str], overrides: Mapping[str, str], headers: Sequence[str]
) -> dict[str, str]:
    """The detected mapping with the user's column=field choices applied (they win)."""
    mapping = dict(detected)
    by_key = {h.casefold(): h for h in headers}
    for column, name in overrides.items():
        header = by_key.get(" ".join(column.split()).casefold())
        if header is None:
            # Translators: {suggestion} is " (did you mean 'x'?)" or empty; {columns} the headers.
            raise ExportError.at(
                _(
                    "--map: no column named '{column}'{suggestion}; columns: {columns}",
                    column=column,
                    suggestion=suggest(column, headers),
                    columns=", ".join(headers),
                )
            )
        if name != IGNORE and name not in IMPORT_FIELDS:
            # Translators: {suggestion} is " (did you mean 'x'?)" or empty; {fields} the field
            # keys and {ignore} the word "ignore", both typed as they are.
            raise ExportError.at(
                _(
                    "--map: unknown field '{field}'{suggestion}; fields: {fields} or {ignore}",
                    field=name,
                    suggestion=suggest(name, IMPORT_FIELDS),
                    fields=", ".join(IMPORT_FIELDS),
                    ignore=IGNORE,
                ),
                column=header,
            )
        mapping = {f: h for f, h in mapping.items() if h != header}
        if name != IGNORE:
            mapping[name] = header
    return mapping


def mapping_basis(mapping: Mapping[str, str], level: str = "accounts") -> Basis:
    """Which figures the mapping gives: ARR at both dates, contract value and status per
    account, or deals or subscriptions (several rows per account) with value and status; a
    subscription file may give an end date instead of a status (a recurring-invoice export)."""
    if "account" not in mapping:
        raise ExportError.at(
            _("no column is mapped to the account name; map one, e.g. --map 'Company name=account'")
        )
    row_level = level in ("deals", "subscriptions")
    if "arr_start" in mapping and "arr_end" in mapping and not row_level:
        return "arr"
    if level == "subscriptions" and "contract_value" in mapping and "churn_date" in mapping:
        return "subscriptions"  # without a status, each row ends at its end date
    if "contract_value" in mapping and "status" in mapping:
        if level == "subscriptions":
            return "subscriptions"
        if level == "deals" or "close_date" in mapping:
            return "deals"
        return "contract"
    found = [_(IMPORT_FIELDS[name].label) for name in IMPORT_FIELDS if name in mapping]
    # Translators: {fields} lists the names of the fields mapped so far.
    raise ExportError.at(
        _(
            "map ARR at period start and ARR at period end (arr_start, arr_end), or annual "
            "contract value and status (contract_value, status); mapped now: {fields}",
            fields=", ".join(found),
        )
    )


def mapping_is_complete(mapping: Mapping[str, str], level: str = "accounts") -> bool:
    """True when the mapping names the account and one of the sets of figures (for a
    subscription file, the amount and the end date will do without a status)."""
    keys = mapping.keys()
    dated = level == "subscriptions" and {"contract_value", "churn_date"} <= keys
    return "account" in mapping and (
        {"arr_start", "arr_end"} <= keys or {"contract_value", "status"} <= keys or dated
    )


def columns_mapped_twice(mapping: Mapping[str, str]) -> list[str]:
    """Columns chosen for more than one field, sorted."""
    used = list(mapping.values())
    return sorted({header for header in used if used.count(header) > 1})
