"""Read a CRM export (CSV or XLSX) into a clean table of accounts, deals or subscriptions.

One row per account, or (deal and subscription files) several rows per account that the
portfolio aggregates. The columns the diagnostics understand are the import fields below; a
file's own headers are mapped onto them: from the export layout its headers carry (`layouts`:
HubSpot, Salesforce, Pipedrive, Zoho CRM, Close, Stripe; or one named as a preset), else from
the usual header names (compared without case, spacing or punctuation), and confirmed or fixed
by the user. Status words are read through the layout's vocabulary (`statuses`), then the ones
the user assigned a meaning (`assignments`); other languages' words, headers and billing periods
are data files (`vocabulary/`). Amounts are made yearly (`values`), and columns that could
mislead are listed (`columns`).

What the reader accepts, and how it refuses:

- Encoding: UTF-8 with or without BOM, UTF-16 (BOM, or detected from its zero bytes) and
  Windows-1252. Anything else is refused with the offending byte and its position.
- Delimiter: comma, semicolon, tab or pipe, chosen as the one that splits the header and the
  first rows into the same number of fields.
- Amounts: currency symbols and codes (€ $ £ EUR USD GBP CHF), spaces and apostrophes as
  thousands separators, and a decimal comma or point. The decimal mark is declared or detected
  from values only one reading fits ("12.000,50", "1,234.5", "12,5"); when nothing decides it,
  values such as "12.500" are refused row by row as ambiguous rather than guessed.
- Dates: ISO (YYYY-MM-DD, optionally with a time) or one declared strptime format; without one,
  DD.MM.YYYY and D/M/YYYY or M/D/YYYY columns are read where the values prove the order (or the
  layout's default decides, Salesforce's M/D/YYYY), a time of day after them dropped.
- Report footers after the data (Salesforce's "Grand Totals (N records)", confidentiality and
  copyright lines) are skipped and listed, not counted as rows.
- Text is never converted to "missing": an account called `NA` or `null` keeps its name.
- Rows are never dropped silently. Ragged rows, empty account names, unreadable or negative
  amounts, unknown statuses and duplicate accounts are excluded and listed with their row
  number (the header is row 1, as a spreadsheet shows it) and the reason. Values that are
  unusable but not needed to count an account (a bad renewal date, an NPS out of range) keep
  the account in and are listed as warnings.
- Size limits (`ImportLimits`: bytes, rows with values, empty rows, columns, cells, and a
  workbook's unpacked size and text) are counted while the file is parsed, which stops at the
  first one passed. XLSX is read by its own streaming reader (`workbook`, `xlsx_parts`), and
  every damaged, encrypted or disguised workbook is an `ExportError` naming the file. XLSX
  formulas are never evaluated: a formula in a mapped cell is refused with the formula shown.
- The app reads uploads through `uploads.read_upload`: the same reader in a worker process
  (`advisor.worker`), under a time and a memory ceiling.
"""

from __future__ import annotations

from advisor.crm_import.accounts import (
    AccountsImport,
    import_accounts,
    import_accounts_file,
    mapping_for,
    parse_accounts,
)
from advisor.crm_import.amounts import (
    MAX_AMOUNT,
    AmountColumn,
    BoolArray,
    DecimalEvidence,
    FloatArray,
    ParsedAmounts,
    ParsedDates,
    choose_decimal,
    decimal_evidence,
    mask_array,
    parse_amounts,
    parse_dates,
    parse_scores,
    positions,
)
from advisor.crm_import.columns import (
    column_warnings,
    status_candidates,
)
from advisor.crm_import.decode import (
    decode_bytes,
)
from advisor.crm_import.errors import (
    ExportError,
    RowIssue,
    row_issue,
)
from advisor.crm_import.fields import (
    ACCOUNT_COLUMNS,
    ACTIVE_STATUSES,
    CHURNED_STATUSES,
    CURRENCY_TOKENS,
    IGNORE,
    IMPORT_FIELDS,
    OPEN_STATUSES,
    PROSPECT_STATUSES,
    ROW_LEVEL_BASES,
    Basis,
    ImportField,
)
from advisor.crm_import.layouts import (
    LAYOUTS,
    Layout,
    LayoutMatch,
    detect_layout,
    find_layout,
    layout_mapping,
)
from advisor.crm_import.mapping import (
    apply_overrides,
    columns_mapped_twice,
    detect_mapping,
    mapping_basis,
    mapping_is_complete,
    normalise_header,
    parse_overrides,
)
from advisor.crm_import.options import (
    DELIMITERS,
    DETECT,
    ImportLimits,
    ImportOptions,
    chosen_options,
    parse_rates,
)
from advisor.crm_import.records import RawTable, detect_delimiter, duplicated_headers
from advisor.crm_import.statuses import (
    is_renewal,
    status_category,
    understood_words,
)
from advisor.crm_import.tables import read_export, read_export_file
from advisor.crm_import.workbook import (
    Formula,
)

__all__ = [
    "ACCOUNT_COLUMNS",
    "ACTIVE_STATUSES",
    "CHURNED_STATUSES",
    "CURRENCY_TOKENS",
    "DELIMITERS",
    "DETECT",
    "IGNORE",
    "IMPORT_FIELDS",
    "LAYOUTS",
    "MAX_AMOUNT",
    "OPEN_STATUSES",
    "PROSPECT_STATUSES",
    "ROW_LEVEL_BASES",
    "AccountsImport",
    "AmountColumn",
    "Basis",
    "BoolArray",
    "DecimalEvidence",
    "ExportError",
    "FloatArray",
    "Formula",
    "ImportField",
    "ImportLimits",
    "ImportOptions",
    "Layout",
    "LayoutMatch",
    "ParsedAmounts",
    "ParsedDates",
    "RawTable",
    "RowIssue",
    "apply_overrides",
    "choose_decimal",
    "chosen_options",
    "column_warnings",
    "columns_mapped_twice",
    "decimal_evidence",
    "decode_bytes",
    "detect_delimiter",
    "detect_layout",
    "detect_mapping",
    "duplicated_headers",
    "find_layout",
    "import_accounts",
    "import_accounts_file",
    "is_renewal",
    "layout_mapping",
    "mapping_basis",
    "mapping_for",
    "mapping_is_complete",
    "mask_array",
    "normalise_header",
    "parse_accounts",
    "parse_amounts",
    "parse_dates",
    "parse_overrides",
    "parse_rates",
    "parse_scores",
    "positions",
    "read_export",
    "read_export_file",
    "row_issue",
    "status_candidates",
    "status_category",
    "understood_words",
]
