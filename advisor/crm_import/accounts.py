"""A raw table under a mapping to the accounts that can be counted, every other row listed."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import numpy as np
import pandas as pd
import pyarrow as pa

from advisor.crm_import.amounts import (
    AmountColumn,
    BoolArray,
    FloatArray,
    choose_decimal,
    decimal_evidence,
    is_text,
    mask_array,
    parse_amounts,
    parse_dates,
    parse_scores,
    plain_text_series,
    positions,
    prepare_amounts,
)
from advisor.crm_import.coalesce import (
    coalesce_note,
    coalesced_cells,
    coalesced_headers,
    source_header,
    unread_columns,
)
from advisor.crm_import.columns import column_warnings, status_candidates
from advisor.crm_import.decode import encoding_word
from advisor.crm_import.distinct import distinct, text_keys
from advisor.crm_import.errors import EMPTY_ROW, ExportError, RowIssue, row_issue
from advisor.crm_import.fields import DATED, IMPORT_FIELDS, ROW_LEVEL_BASES, Basis
from advisor.crm_import.kept import coded_words, few_words, kept_rows
from advisor.crm_import.latest import event_days, latest_on
from advisor.crm_import.layouts import Layout, detect_layout, find_layout, layout_mapping
from advisor.crm_import.mapping import apply_overrides, detect_mapping, mapping_basis
from advisor.crm_import.messages import (
    duplicate_message,
    mixed_decimals_note,
    unknown_status,
)
from advisor.crm_import.options import ImportOptions, delimiter_word
from advisor.crm_import.records import RawTable, cell_text, duplicated_headers
from advisor.crm_import.statuses import status_category, understood_words
from advisor.crm_import.tables import read_export, read_export_file
from advisor.crm_import.tax import tax_reading
from advisor.crm_import.text_cells import may_change_case, may_have_blank_ends, may_hold
from advisor.crm_import.values import (
    annualised_note,
    choose_currency,
    currency_codes,
    currency_of_counts,
    infer_date_format,
    period_factors,
    quantities,
)
from advisor.crm_import.workbook import Formula
from advisor.i18n import N_, _
from advisor.i18n.formats import number


@dataclass
class AccountsImport:
    """The accounts a file gives, with every excluded row and every set-aside value listed."""

    source: str
    file_format: str
    encoding: str
    delimiter: str
    mapping: dict[str, str]
    basis: Basis
    decimal: str | None
    decimal_detected: bool
    currency: str | None
    rows_read: int  # data rows in the file, including excluded ones (blank lines aside)
    accounts: pd.DataFrame  # ACCOUNT_COLUMNS; one row per counted account
    excluded: list[RowIssue]
    warnings: list[RowIssue]
    notes: list[str]
    unused_columns: list[str]
    layout: str = ""  # the layout read under (a preset name), "" for none
    layout_label: str = ""
    currency_source: str = ""  # where the currency came from
    footer: list[tuple[int, str]] = field(default_factory=list)  # report footer lines skipped
    column_warnings: list[str] = field(default_factory=list)
    latest_date: date | None = None  # the latest start, end or close date of any row read
    # Every day a start, end or close date of a row falls on, in order (`latest.event_days`).
    event_days: tuple[date, ...] = ()

    def latest_date_on(self, today: date) -> date | None:
        """The latest start, end or close date that is not after `today` (None when none is):
        an end date still to come is scheduled, not data the file reaches."""
        return latest_on(self.event_days, today)

    @property
    def excluded_rows(self) -> int:
        return len({issue.line for issue in self.excluded if issue.message != EMPTY_ROW})

    def describe_source(self) -> str:
        parts = [self.source]
        if self.file_format == "csv":
            parts.append(f"{encoding_word(self.encoding)}, {delimiter_word(self.delimiter)}")
        else:
            parts.append("XLSX")
        if self.layout_label:
            parts.append(self.layout_label)
        if self.decimal:
            comma = self.decimal == ","
            if self.decimal_detected:
                parts.append(
                    _("decimal comma (detected)") if comma else _("decimal point (detected)")
                )
            else:
                parts.append(_("decimal comma") if comma else _("decimal point"))
        return " · ".join(parts)


class RowFindings:
    """Per-row problems gathered column by column, kept in row order.

    `accounts` names each row; a text Series is looked up row by row until many rows are
    named, then turned into a list once (most files name a few rows, a million names as Python
    strings would cost more memory than the whole column).
    """

    def __init__(self, rows: list[int], accounts: Sequence[str] | pd.Series[str]) -> None:
        self.rows = rows
        self._accounts = accounts
        self._lookups = 0
        self.excluded: dict[int, list[RowIssue]] = {}
        self.warnings: list[RowIssue] = []

    def account(self, position: int) -> str:
        """The account name of a row."""
        accounts = self._accounts
        if isinstance(accounts, pd.Series):
            self._lookups += 1
            if self._lookups <= _NAMES_LOOKED_UP:
                return str(accounts.iloc[position])
            accounts = self._accounts = accounts.tolist()
        return str(accounts[position])

    def exclude(self, position: int, column: str, message: str) -> None:
        issue = row_issue(self.rows[position], self.account(position), column, message)
        self.excluded.setdefault(position, []).append(issue)

    def warn(self, position: int, column: str, message: str) -> None:
        self.warnings.append(
            row_issue(self.rows[position], self.account(position), column, message)
        )

    def excluded_positions(self) -> set[int]:
        return set(self.excluded)

    def kept(self) -> BoolArray:
        """True for each row no problem excluded."""
        keep = np.ones(len(self.rows), dtype=bool)
        if self.excluded:
            keep[list(self.excluded)] = False
        return keep


_NAMES_LOOKED_UP = 2_000  # rows named one by one before the names are turned into a list
_BLANKS = "[ \t\r\n\u00a0\u202f]+"  # real characters, not escapes: RE2 runs it natively
# What _BLANKS would change other than single spaces; most columns hold none of it.
_UNUSUAL_BLANKS = ("\t", "\r", "\n", "\u00a0", "\u202f", "  ")


def text_column(raw: RawTable, header: str | None) -> pd.Series[str]:
    """A text column with runs of blanks collapsed and ends trimmed ("" where empty)."""
    if header is None:
        return pd.Series(pa.repeat(pa.scalar("", pa.large_string()), raw.row_count), dtype="str")
    cells = raw.column(header)
    series = (
        plain_text_series(cells)
        if is_text(cells)
        else pd.Series([cell_text(c) for c in cells], dtype="str")
    )
    if may_hold(series, _UNUSUAL_BLANKS):
        series = series.str.replace(_BLANKS, " ", regex=True)
    if not may_have_blank_ends(series):
        return series
    stripped = series.str.strip()
    # Most columns have nothing to strip: the column read is kept, not a copy of it.
    return series if bool((stripped == series).all()) else stripped


def parse_accounts(
    raw: RawTable,
    mapping: Mapping[str, str],
    options: ImportOptions | None = None,
    layout: Layout | None = None,
) -> AccountsImport:
    """Validate every row under a mapping; refuse the file only when nothing can be counted."""
    options = options or ImportOptions()
    mapping = dict(mapping)
    if layout is None and options.preset:
        layout = find_layout(options.preset)
    level = layout.level if layout else "accounts"
    basis = _check_mapping(raw, mapping, level)
    if options.decimal not in (None, ".", ","):
        raise ExportError.at(
            _("decimal mark must be '.' or ',', not {mark}", mark=repr(options.decimal))
        )
    account_header = mapping["account"]
    name_column = text_column(raw, account_header)
    findings = RowFindings(raw.rows, name_column)
    _check_names(raw, account_header, name_column, findings)
    notes = list(raw.notes)
    amounts = _read_amounts(raw, mapping, options, findings, notes)
    if "contract_value" in amounts.values:
        amounts.values["contract_value"] = annual_values(
            raw, mapping, amounts.values["contract_value"], layout, findings, notes
        )
    vocabulary = read_vocabulary(layout, options)
    kinds, status_codes = _status_kinds(raw, mapping, vocabulary)
    if basis == "arr":
        both_empty = amounts.empty["arr_start"] & amounts.empty["arr_end"]
        churned = kinds == "churned"
        for position in positions(both_empty & ~churned):
            findings.exclude(
                position, "", _("ARR at period start and ARR at period end are both empty")
            )
    statuses = _read_statuses(raw, mapping, basis, findings, vocabulary, kinds)
    if "contract_value" in mapping and basis != "arr":
        _exclude_empty_values(amounts.empty["contract_value"], statuses, mapping, findings)
    by_row = coalesced_headers(layout, raw.headers, mapping, options.mapping)
    dates = _read_dates(raw, mapping, options.date_format, basis, findings, layout, notes, by_row)
    nps = _read_scores(raw, mapping, findings)
    id_column = text_column(raw, mapping.get("account_id"))
    if basis not in ROW_LEVEL_BASES:
        _exclude_duplicates(findings, name_column, id_column, mapping, raw.rows)
    days = event_days(dates, statuses)
    nan_column = np.full(raw.row_count, math.nan)
    columns = {
        "row": pd.Series(np.fromiter(raw.rows, dtype=np.int64, count=len(raw.rows)), copy=False),
        "account": name_column,
        "account_id": id_column,
        "arr_start": amounts.values.pop("arr_start", nan_column),
        "arr_end": amounts.values.pop("arr_end", nan_column),
        "contract_value": amounts.values.pop("contract_value", nan_column),
        "status": few_words(statuses) if status_codes is None else coded_words(*status_codes),
        "renewal_date": dates.pop("renewal_date"),
        "owner": text_column(raw, mapping.get("owner")),
        "segment": text_column(raw, mapping.get("segment")),
        "health": text_column(raw, mapping.get("health")),
        "nps": nps,
        "start_date": dates.pop("start_date"),
        "churn_date": dates.pop("churn_date"),
        "close_date": dates.pop("close_date"),
        "deal_type": text_column(raw, mapping.get("deal_type")),
        "pipeline": text_column(raw, mapping.get("pipeline")),
    }
    # Each full column is held by `columns` alone, let go once its kept rows are copied; the
    # statuses (a word per row) and their categories are let go before any copy.
    del nps, kinds, statuses
    frame = kept_rows(columns, findings.kept())
    notes.extend(_basis_notes(basis, mapping))
    tax = tax_reading(raw.headers, mapping)
    notes.extend(tax.notes)
    return AccountsImport(
        source=raw.source,
        file_format=raw.file_format,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        mapping=mapping,
        basis=basis,
        decimal=amounts.decimal,
        decimal_detected=amounts.decimal_detected,
        currency=amounts.currency,
        rows_read=raw.row_count + sum(1 for i in raw.excluded if i.message != EMPTY_ROW),
        accounts=frame,
        excluded=_all_excluded(raw, findings, raw.headers.index(account_header)),
        warnings=sorted(findings.warnings, key=lambda issue: issue.line),
        notes=notes,
        unused_columns=unread_columns(raw.headers, mapping, by_row),
        layout=layout.name if layout else "",
        layout_label=layout.describe() if layout else "",
        currency_source=amounts.currency_source,
        footer=list(raw.footer),
        column_warnings=[*column_warnings(raw, mapping, basis, layout), *tax.warnings],
        latest_date=days[-1] if days else None,
        event_days=days,
    )


def _exclude_empty_values(
    empty: Any, statuses: Sequence[str], mapping: Mapping[str, str], findings: RowFindings
) -> None:
    """Rows whose contract value is empty: left out, a churned one with what to fill in."""
    kinds = np.array(statuses, dtype=object)
    churned = kinds == "churned"
    refused = (kinds == "prospect") | (kinds == "unknown")  # listed for their status
    header = mapping["contract_value"]
    for position in positions(empty & ~churned & ~refused):
        findings.exclude(position, header, _("contract value is empty"))
    for position in positions(empty & churned):
        findings.exclude(
            position,
            header,
            _(
                "status is churned and the value is empty: the ARR it had is unknown; fill in "
                "the value it paid before it left so its churn is counted"
            ),
        )


def annual_values(
    raw: RawTable,
    mapping: Mapping[str, str],
    values: FloatArray,
    layout: Layout | None,
    findings: RowFindings,
    notes: list[str],
) -> FloatArray:
    """Contract values made yearly: cents to units, × quantity, × charges per year."""
    values = values.copy()
    if layout is not None and layout.cents and mapping["contract_value"] in _cents_headers(layout):
        values /= 100.0
        notes.append(
            _(
                "amounts in '{column}' are in cents ({layout})",
                column=mapping["contract_value"],
                layout=_(layout.label),
            )
        )
    if "quantity" in mapping:
        counts = quantities(raw.column(mapping["quantity"]))
        for position, message in counts.problems.items():
            findings.exclude(position, mapping["quantity"], message)
        values *= counts.values
        notes.append(
            _(
                "amounts multiplied by '{column}' (price per unit × units)",
                column=mapping["quantity"],
            )
        )
    if "billing_period" in mapping:
        annual = layout is not None and mapping["contract_value"] in layout.annual
        own = layout.periods if layout is not None else None
        factors = period_factors(raw.column(mapping["billing_period"]), annual, own)
        for position, message in factors.problems.items():
            findings.exclude(position, mapping["billing_period"], message)
        values *= factors.values
        if not annual:
            notes.append(annualised_note(mapping["billing_period"], factors.periods))
    return values


def _cents_headers(layout: Layout) -> set[str]:
    return {header for names in layout.columns.values() for header in names}


def _check_mapping(raw: RawTable, mapping: Mapping[str, str], level: str) -> Basis:
    """Refuse a mapping naming unknown fields or absent columns; which figures it gives."""
    for name, header in mapping.items():
        if name not in IMPORT_FIELDS:
            raise ExportError.at(
                _("unknown field '{field}' in the mapping", field=name), source=raw.source
            )
        if header not in raw.headers:
            raise ExportError.at(
                _(
                    "the mapping names column '{column}', which the file does not have",
                    column=header,
                ),
                source=raw.source,
                column=header,
            )
    try:
        return mapping_basis(mapping, level)
    except ExportError as error:
        duplicates = sorted(duplicated_headers(raw.headers) - set(mapping.values()))
        message = error.first.message
        if duplicates:
            # Translators: {message} says what the mapping lacks; {columns} lists quoted headers.
            message = _(
                "{message}; columns sharing a name are never mapped automatically, map one by "
                "hand: {columns}",
                message=message,
                columns=", ".join(f"'{header}'" for header in duplicates),
            )
        raise ExportError.at(message, source=raw.source) from None


def _check_names(raw: RawTable, header: str, names: pd.Series[str], findings: RowFindings) -> None:
    """Rows without an account name (or with a formula in its place) cannot be counted."""
    cells = raw.column(header)
    formulas = [] if is_text(cells) else [isinstance(c, Formula) for c in cells]
    for position in positions(np.array(formulas, dtype=bool)):
        findings.exclude(position, header, _("cell holds a formula; paste values"))
    for position in positions(names == ""):
        if not formulas or not formulas[position]:
            findings.exclude(position, header, _("account name is empty"))


@dataclass
class Amounts:
    """The money columns read under one decimal mark and one currency."""

    values: dict[str, FloatArray]  # field -> amounts (0 where empty, NaN where refused)
    empty: dict[str, BoolArray]
    decimal: str | None
    decimal_detected: bool
    currency: str | None
    currency_source: str = ""


def _read_amounts(
    raw: RawTable,
    mapping: Mapping[str, str],
    options: ImportOptions,
    findings: RowFindings,
    notes: list[str],
) -> Amounts:
    money_fields = [name for name in ("arr_start", "arr_end", "contract_value") if name in mapping]
    prepared = {name: prepare_amounts(raw.column(mapping[name])) for name in money_fields}
    declared = options.decimal
    decimal, detected = (declared, False) if declared else _detect_decimal(prepared, notes)
    column_codes = (
        currency_codes(raw.column(mapping["currency"]))
        if "currency" in mapping
        else [""] * raw.row_count
    )
    choice = (
        choose_currency(
            _row_currencies(prepared.values(), column_codes), options.currency, mapping["currency"]
        )
        if "currency" in mapping
        else currency_of_counts(_mark_counts(prepared.values()), options.currency, "")
    )
    currency = choice.currency
    values: dict[str, FloatArray] = {}
    for name, column in prepared.items():
        label = _(IMPORT_FIELDS[name].label) if name != "contract_value" else _("value")
        parsed = parse_amounts(column, decimal, label, detected=detected)
        if "currency" in mapping:
            codes = np.where(column.marked(), column.currency, np.array(column_codes, dtype=object))
            foreign = (codes != "") & (codes != (currency or "")) & ~parsed.empty
            found = sorted(set(codes[foreign].tolist()))
            marks = {code: foreign & (codes == code) for code in found}
        else:  # each mark compared once per distinct text, not row by row
            foreign = column.marked(other_than=currency or "") & ~parsed.empty
            marks = {code: foreign & column.marked_with(code) for code in column.marks_on(foreign)}
        for code, rows_in in marks.items():
            if code in options.rates:
                parsed.values[rows_in] *= options.rates[code]
                continue
            for position in positions(rows_in):
                # The currency is the real problem; its number format would only distract.
                parsed.problems[position] = _(
                    "amount in {code} while the report is in {currency}; convert it first or "
                    "give its rate (--rate {code}=…, or Exchange rates on the Portfolio page)",
                    code=code,
                    currency=currency,
                )
                parsed.values[position] = math.nan
        for position, message in parsed.problems.items():
            findings.exclude(position, mapping[name], message)
        values[name] = parsed.values
    empty = {name: column.empty for name, column in prepared.items()}
    if options.rates and currency:
        shown = ", ".join(
            f"1 {code} = {number(rate, 6)} {currency}" for code, rate in options.rates.items()
        )
        notes.append(
            _(
                "amounts converted to {currency} at the rates given: {rates}",
                currency=currency,
                rates=shown,
            )
        )
    return Amounts(values, empty, decimal, detected, currency, choice.source)


def _mark_counts(columns: Iterable[AmountColumn]) -> dict[str, int]:
    """How many amounts each currency mark is on, the marks in the order the rows first show
    them (column after column): counted per distinct text, never row by row."""
    counts: dict[str, int] = {}
    for column in columns:
        currencies = column.currencies  # per distinct text, in the order the rows show them
        marks = [str(code) for code in pd.unique(currencies[currencies != ""]).tolist()]
        for code in marks:
            counts[code] = counts.get(code, 0) + int(column.rows.count(currencies == code))
    return counts


def _row_currencies(columns: Iterable[AmountColumn], column_codes: list[str]) -> list[str]:
    """Each row's currency: a symbol in one of its amounts, else the currency column's code."""
    codes = np.array(column_codes, dtype=object)
    for column in columns:
        codes = np.where(column.marked(), column.currency, codes)
    return [str(code) for code in codes.tolist()]


def _detect_decimal(
    prepared: Mapping[str, AmountColumn], notes: list[str]
) -> tuple[str | None, bool]:
    """The decimal mark the values prove, and whether one was found; notes say what is mixed."""
    evidence = decimal_evidence(prepared.values())
    decimal = choose_decimal(evidence)
    if evidence.point and evidence.comma:
        notes.append(mixed_decimals_note(decimal, evidence.point, evidence.comma))
    return decimal, decimal is not None


def read_vocabulary(layout: Layout | None, options: ImportOptions) -> dict[str, str] | None:
    """The status words read first: the layout's, then the ones the user assigned (they win)."""
    words = {**(layout.vocabulary if layout else {}), **options.statuses}
    return words or None


def _status_kinds(
    raw: RawTable, mapping: Mapping[str, str], vocabulary: Mapping[str, str] | None
) -> tuple[np.ndarray[Any, np.dtype[np.str_]], tuple[list[str], Any] | None]:
    """Each row's status category ("" without a status column), as fixed-width text: numpy
    compares it with a word in one pass of its own, not one Python comparison per row; and the
    categories with each row's code among them, in the fewest bytes (None without a status
    column), for the status column to be made from later."""
    if "status" not in mapping:
        return np.full(raw.row_count, "", dtype=np.str_), None
    words = distinct(text_column(raw, mapping["status"]))
    categories = [status_category(str(value), vocabulary) for value in words.values.tolist()]
    codes = words.codes.astype(np.min_scalar_type(len(categories)))
    return words.spread(np.array(categories, dtype=np.str_)), (categories, codes)


def _read_statuses(
    raw: RawTable,
    mapping: Mapping[str, str],
    basis: Basis,
    findings: RowFindings,
    vocabulary: Mapping[str, str] | None,
    kinds: np.ndarray[Any, np.dtype[np.str_]],
) -> list[str]:
    """active | churned | open | "" per row; prospects and unknown words are refused.

    A subscription file without a status column: every row is `DATED`, read by its dates."""
    if "status" not in mapping:
        return [DATED if basis == "subscriptions" else ""] * raw.row_count
    header = mapping["status"]
    statuses: list[str] = kinds.tolist()  # the category words, already text: not copied one by one
    odd = (kinds == "prospect") | (kinds == "unknown")
    # The words themselves are only needed for the rows refused for them: only theirs are read.
    status_text: dict[int, str] = {}
    if odd.any():
        refused = np.flatnonzero(odd)
        refused_words = text_column(raw, header).take(refused).tolist()
        status_text = dict(
            zip(refused.tolist(), [str(word) for word in refused_words], strict=True)
        )
    for position in positions(kinds == "prospect"):
        value = status_text[position]
        findings.exclude(position, header, _("status '{value}' is not a customer", value=value))
    unknown = positions(kinds == "unknown")
    if unknown:
        others = status_candidates(raw, mapping, vocabulary)
        words = understood_words(vocabulary)
        for position in unknown:
            value = status_text[position]
            findings.exclude(position, header, unknown_status(value, header, words, others))
    if basis != "arr":
        for position in positions(kinds == ""):
            findings.exclude(position, header, _("status is empty"))
    return statuses


# What an unreadable date costs when the account is counted all the same.
DATE_CONSEQUENCES = {
    "renewal_date": N_("the account is counted but left out of the renewals calendar"),
    "start_date": N_("the ARR columns decide whether the account is new"),
    "churn_date": N_("the account is treated as having left during the period"),
    "close_date": N_("the deal is read as closed before the period"),
}


def _read_dates(
    raw: RawTable,
    mapping: Mapping[str, str],
    date_format: str | None,
    basis: Basis,
    findings: RowFindings,
    layout: Layout | None,
    notes: list[str],
    by_row: Mapping[str, tuple[str, ...]],
) -> dict[str, pd.Series[Any]]:
    """Each date field's column, or where the layout coalesces several, each row's own one."""
    mapped = [name for name in DATE_CONSEQUENCES if name in mapping]
    columns = {
        name: coalesced_cells(raw, by_row[name]) if name in by_row else raw.column(mapping[name])
        for name in mapped
    }
    if date_format is None and mapped:
        default = layout.date_format if layout else None
        date_format = infer_date_format(list(columns.values()), default)
        if date_format:
            notes.append(
                _(
                    "dates read as {format} (from the values and the file's layout)",
                    format=date_format,
                )
            )
    notes.extend(coalesce_note(_(IMPORT_FIELDS[n].label), by_row[n]) for n in mapped if n in by_row)
    dates: dict[str, pd.Series[Any]] = {}
    for name, consequence in DATE_CONSEQUENCES.items():
        if name not in mapping:
            dates[name] = pd.Series(pd.NaT, index=range(raw.row_count), dtype="datetime64[us]")
            continue
        parsed = parse_dates(columns[name], date_format)
        needed = (
            (name == "start_date" and basis == "contract")
            or (name == "close_date" and basis == "deals")
            or (name == "churn_date" and basis == "subscriptions" and "status" not in mapping)
        )
        for position, message in parsed.problems.items():
            header = source_header(raw, by_row[name], position) if name in by_row else mapping[name]
            if needed:
                findings.exclude(position, header, message)
            else:
                # Translators: {message} says why a date was not read; {consequence} what follows.
                findings.warn(
                    position,
                    header,
                    _("{message}; {consequence}", message=message, consequence=_(consequence)),
                )
        dates[name] = parsed.values
    return dates


def _read_scores(
    raw: RawTable, mapping: Mapping[str, str], findings: RowFindings
) -> pd.Series[float]:
    if "nps" not in mapping:
        return pd.Series(math.nan, index=range(raw.row_count), dtype="float64")
    nps, problems = parse_scores(raw.column(mapping["nps"]))
    for position, message in problems.items():
        findings.warn(
            position, mapping["nps"], _("{message}; the NPS is left out", message=message)
        )
    return nps


def _basis_notes(basis: Basis, mapping: Mapping[str, str]) -> list[str]:
    """What figures from contract value and status cannot show; how rows without one end."""
    if basis == "subscriptions" and "status" not in mapping:
        note = _(
            "no status column: each subscription pays from its start date up to, not "
            "including, its end date ('{column}'), one without an end date is still paying",
            column=mapping["churn_date"],
        )
        return [note]
    if basis != "contract":
        return []
    notes = []
    if "start_date" not in mapping:
        notes.append(
            _(
                "no 'customer since' column: every active account is counted as active at "
                "period start, so new accounts cannot be told apart"
            )
        )
    notes.append(
        _(
            "figures come from contract value and status: churn is visible, but expansion and "
            "contraction need ARR at period start and at period end"
        )
    )
    return notes


def _all_excluded(raw: RawTable, findings: RowFindings, account_index: int) -> list[RowIssue]:
    """Rows refused on reading and rows refused on validation, in row order."""
    excluded = [_named(issue, raw.excluded_cells, account_index) for issue in raw.excluded]
    for position in sorted(findings.excluded):
        excluded.extend(findings.excluded[position])
    excluded.sort(key=lambda issue: issue.line)
    return excluded


def _exclude_duplicates(
    problems: RowFindings,
    names: pd.Series[str],
    ids: pd.Series[str],
    mapping: Mapping[str, str],
    rows: list[int],
) -> None:
    """Among rows otherwise fine, the first of an account counts; later ones are listed.

    Accounts are the same when their IDs match (if an ID column is mapped and filled) or,
    without an ID, when their names match ignoring case.
    """
    count = len(names)
    by_id = mask_array(ids != "") if "account_id" in mapping else np.zeros(count, dtype=bool)
    # Keys as numbers: an ID's code (0 and up) or a name's code (below 0), case ignored.
    if by_id.all():
        keys = text_keys(_lower(ids))
    else:
        keys = -1 - distinct(_lower(names)).codes
        if by_id.any():
            keys = np.where(by_id, text_keys(_lower(ids)), keys)
    fine = np.ones(count, dtype=bool)
    fine[list(problems.excluded_positions())] = False
    candidates = np.flatnonzero(fine)
    # Only the rows whose key repeats are sorted (a hash pass finds them): most keys are unique.
    candidate_keys = pd.Series(keys[candidates], copy=False)
    repeated = candidate_keys.duplicated(keep=False).to_numpy()
    if not repeated.any():
        return
    candidates = candidates[repeated]
    _values, first_index, which = np.unique(
        keys[candidates], return_index=True, return_inverse=True
    )
    firsts = candidates[first_index[which]]  # each candidate's first row with its key
    for at in np.flatnonzero(firsts != candidates).tolist():
        position = int(candidates[at])
        first = rows[int(firsts[at])]
        if by_id[position]:
            column = mapping["account_id"]
            message = duplicate_message(first, str(ids.iloc[position]))
        else:
            column, message = mapping["account"], duplicate_message(first)
        problems.exclude(position, column, message)


def _lower(texts: pd.Series[str]) -> pd.Series[str]:
    """The texts in lower case; a column with no capital (IDs of digits) is kept as read."""
    return texts.str.lower() if may_change_case(texts) else texts


def _named(issue: RowIssue, cells: Mapping[int, list[str]], index: int) -> RowIssue:
    """A row refused on reading, named after its account cell where that cell exists."""
    record = cells.get(issue.line)
    if issue.context or not record or index >= len(record):
        return issue
    name = " ".join(record[index].split())[:80]
    return msgspec.structs.replace(issue, context=name)


def mapping_for(raw: RawTable, options: ImportOptions) -> tuple[dict[str, str], Layout | None]:
    """The mapping a file is read under: its layout's (named or detected), then the overrides."""
    layout = find_layout(options.preset) if options.preset else detect_layout(raw.headers).layout
    detected = layout_mapping(layout, raw.headers) if layout else detect_mapping(raw.headers)
    return apply_overrides(detected, options.mapping, raw.headers), layout


def import_accounts(
    data: bytes, source: str = "export.csv", options: ImportOptions | None = None
) -> AccountsImport:
    """Read, map (layout or usual names, then the options' overrides) and validate an export."""
    options = options or ImportOptions()
    raw = read_export(data, source, options)
    mapping, layout = mapping_for(raw, options)
    return parse_accounts(raw, mapping, options, layout)


def import_accounts_file(path: str | Path, options: ImportOptions | None = None) -> AccountsImport:
    options = options or ImportOptions()
    raw = read_export_file(path, options)
    try:
        mapping, layout = mapping_for(raw, options)
    except ExportError as error:
        raise error.in_file(raw.source) from None
    return parse_accounts(raw, mapping, options, layout)
