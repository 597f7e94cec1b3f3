"""The Portfolio page: a CRM export in, retention against targets out, figures into the profile.

Upload an accounts export (or use the shipped sample), confirm the column mapping, and read
NRR next to logo retention, the ARR bridge, renewals due, tiers and concentration. Every row
left out is listed with its reason. "Use these figures" carries the numbers into the profile,
each with a sentence saying where it came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import streamlit as st

from advisor import charts, wording
from advisor.crm_import import (
    DELIMITERS,
    DETECT,
    IMPORT_FIELDS,
    LAYOUTS,
    AccountsImport,
    ExportError,
    ImportOptions,
    Layout,
    LayoutMatch,
    RawTable,
    chosen_options,
    columns_mapped_twice,
    detect_layout,
    detect_mapping,
    duplicated_headers,
    layout_mapping,
    mapping_is_complete,
    parse_accounts,
    read_export,
)
from advisor.crm_import.uploads import read_upload
from advisor.crm_import.uploads import warm as warm_upload_reader
from advisor.i18n import N_, _, current, n_, p_
from advisor.i18n.formats import number
from advisor.portfolio import (
    SAMPLE_AS_OF,
    SAMPLE_EXPORT,
    MetricResult,
    PortfolioReport,
    carried_figures_table,
    diagnose,
    issues_table,
    owners_table,
    profile_figures,
    proposed_as_of,
    renewals_table,
    segments_table,
    why_nothing_counted,
)
from advisor.profile import FIELDS, ProfileError
from advisor.ui.components import data_table, plain
from advisor.ui.open_case import set_crm_import
from advisor.ui.portfolio_statuses import PREFIX as STATUS_PREFIX
from advisor.ui.portfolio_statuses import status_assignments
from advisor.ui.state import (
    as_of as session_day,
)
from advisor.ui.state import (
    came_back_to,
    current_pack,
    current_profile,
    remember_widgets,
    restore_widgets,
    update_profile,
)

NOT_MAPPED = N_("— not used —")
SOURCE_SAMPLE = N_("Shipped sample export")
SOURCE_UPLOAD = N_("Upload an export")
READ_TITLE = N_("How the file is read")
FILE_KEY = "portfolio_file"  # digest of the file the mapping editor was filled for
CACHE_KEY = "portfolio_raw"  # (digest, options) -> RawTable, for this session only
APPLIED_KEY = "portfolio_applied"  # the fields last carried into the profile
UPLOAD_KEY = "portfolio_upload"
KEPT_UPLOAD = "portfolio_kept_upload"  # the uploaded ExportFile, kept across page changes
HELD_UPLOAD = "portfolio_uploader_held"  # whether the uploader held a file in the last run
PAGE = "portfolio"
# The widgets whose values outlive a visit to another page (the uploaded file is kept apart).
KEPT = (
    "portfolio_source",
    "portfolio_decimal",
    "portfolio_encoding",
    "portfolio_delimiter",
    "portfolio_date_format",
    "portfolio_rates",
    "portfolio_preset",
    "portfolio_as_of",
    "portfolio_period",
)
KEPT_PREFIXES = ("portfolio_map_", STATUS_PREFIX)
STATUS_LOOK = {
    "healthy": (":material/check_circle:", "green"),
    "watch": (":material/visibility:", "orange"),
    "alarm": (":material/error:", "red"),
}


@dataclass(frozen=True)
class ExportFile:
    name: str
    data: bytes
    default_as_of: date
    shipped: bool = False  # the shipped sample, read here; an upload is read in a worker

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()[:16]


def render() -> None:
    warm_upload_reader()  # started now, it is ready by the time a file is chosen
    restore_widgets(KEPT, KEPT_PREFIXES)
    _page()
    remember_widgets(KEPT, KEPT_PREFIXES)


def _page() -> None:
    st.title(_("Portfolio"))
    st.caption(
        _(
            "Start the diagnostic from the client's own data: retention over the accounts "
            "active at period start, renewals due and who owns them, and how concentrated the "
            "revenue is."
        )
    )
    export = _choose_file()
    if export is None:
        st.info(
            _(
                "Upload the accounts export from your CRM (CSV or XLSX, one row per account), "
                "or use the shipped sample to see how the page reads."
            )
        )
        return
    profile = current_profile()
    try:
        options = replace(_read_options(export), currency=profile.currency)
        raw = _raw_table(export, options)
    except ExportError as error:
        st.error(plain(str(error)), icon=":material/block:")
        return
    mapping, layout = _mapping_editor(raw, export)
    options = replace(options, statuses=status_assignments(raw, mapping, layout))
    try:
        imported = parse_accounts(raw, mapping, options, layout)
    except ExportError as error:
        st.error(plain(error.message), icon=":material/rule:")
        return
    as_of, months = _period_inputs(export, imported)
    try:
        report = diagnose(
            imported,
            as_of,
            current_pack(),
            period_months=months,
            segment=profile.segment.value,
            today=session_day(),
        )
    except ValueError as error:
        st.error(plain(str(error)))
        return
    if report.accounts_counted == 0:
        # Translators: {field} is the place to fix it, e.g. "the Date format field under …".
        field = _("the Date format field under “{expander}”", expander=_(READ_TITLE))
        reason = why_nothing_counted(report, field)
        st.error(
            plain(_("No account could be counted: {reason}.", reason=reason)),
            icon=":material/block:",
        )
    _summary(report)
    _metric_cards(report)
    _use_figures(report, _crm_import(export, mapping, options, months))
    _bridge(report)
    _renewals(report)
    _tiers_and_concentration(report)
    _owners_and_segments(report)
    _excluded(report)


# ---------------------------------------------------------------------------------------------
# Input


def _choose_file() -> ExportFile | None:
    source = st.radio(
        _("Accounts export"),
        (SOURCE_SAMPLE, SOURCE_UPLOAD),
        horizontal=True,
        key="portfolio_source",
        format_func=lambda option: _(option),
    )
    if source == SOURCE_SAMPLE:
        return ExportFile(SAMPLE_EXPORT.name, SAMPLE_EXPORT.read_bytes(), SAMPLE_AS_OF, True)
    uploaded = st.file_uploader(
        _("CRM accounts export"),
        # .xls is accepted only to be refused with a clear message, not a bare upload error.
        type=["csv", "tsv", "txt", "xlsx", "xls"],
        key=UPLOAD_KEY,
        help=_(
            "One row per account: name and ARR at period start and end, or contract value and "
            "status; optionally renewal date, owner, segment, health, NPS, customer since."
        ),
    )
    held_before = st.session_state.get(HELD_UPLOAD, False)
    st.session_state[HELD_UPLOAD] = uploaded is not None
    if uploaded is not None:
        export = ExportFile(uploaded.name, uploaded.getvalue(), date.today())
        st.session_state[KEPT_UPLOAD] = export
        return export
    kept = st.session_state.get(KEPT_UPLOAD)
    if held_before and not came_back_to(PAGE):
        kept = None  # the user took the file out of the uploader
    if not isinstance(kept, ExportFile):
        st.session_state.pop(KEPT_UPLOAD, None)
        return None
    # Streamlit empties the uploader when another page is shown; the file read is still here.
    note, forget = st.columns([4, 1])
    note.caption(
        ":material/attach_file: "
        + _("Still reading {file}, uploaded earlier.", file=plain(kept.name))
    )
    forget.button(_("Use another file"), key="portfolio_forget_upload", on_click=_forget_upload)
    return kept


def _forget_upload() -> None:
    st.session_state.pop(KEPT_UPLOAD, None)


def _read_options(export: ExportFile) -> ImportOptions:
    with st.expander(_(READ_TITLE), expanded=False):
        cols = st.columns(5)
        decimal = cols[0].selectbox(
            _("Decimal mark"),
            (DETECT, ",", "."),
            key="portfolio_decimal",
            format_func=_detect_word,
            help=_(
                "Detected from values only one reading fits (12.000,50 or 1,234.5); declare it "
                "when amounts such as 12.500 are refused as ambiguous."
            ),
        )
        encoding = cols[1].selectbox(
            _("Encoding"),
            (DETECT, "utf-8", "cp1252", "utf-16", "latin-1"),
            key="portfolio_encoding",
            format_func=_detect_word,
        )
        delimiter = cols[2].selectbox(
            _("Delimiter"),
            (DETECT, *DELIMITERS.values()),
            key="portfolio_delimiter",
            format_func=_detect_word,
        )
        date_format = cols[3].text_input(
            _("Date format"),
            value="",
            key="portfolio_date_format",
            placeholder=_("ISO (YYYY-MM-DD)"),
            help=_(
                "Leave empty for ISO dates (DD.MM.YYYY, and D/M/YYYY or M/D/YYYY where a day "
                "above 12 proves it, are detected); otherwise a strptime format such as "
                "%d/%m/%Y."
            ),
        )
        rates = cols[4].text_input(
            _("Exchange rates"),
            value="",
            key="portfolio_rates",
            placeholder="USD=0.92",
            help=_(
                "Rows in another currency are refused unless its rate is given: one unit of it "
                "is worth this much of the report's currency (several: USD=0.92 GBP=1.17)."
            ),
        )
    preset = st.session_state.get("portfolio_preset", DETECT)
    return chosen_options(decimal, encoding, delimiter, date_format, str(preset), rates)


def _detect_word(option: str) -> str:
    """An option of the file reader's choices in words: 'detect', a delimiter's name, a code."""
    words = {
        DETECT: p_("file reading", "detect"),
        "comma": p_("delimiter", "comma"),
        "semicolon": p_("delimiter", "semicolon"),
        "tab": p_("delimiter", "tab"),
        "pipe": p_("delimiter", "pipe"),
    }
    return words.get(option, option)


def _raw_table(export: ExportFile, options: ImportOptions) -> RawTable:
    """Read once per file, options and language in this session (never in a cache shared by
    sessions): what the reader says of the file (its notes, the rows it set aside) is worded in
    the session's language, so a switch of language reads the file again.

    An upload is read in a worker process under a time and memory ceiling, so a file that is
    costly to read never slows the other sessions down.
    """
    key = (export.digest, options.encoding, options.delimiter, current())
    cached = st.session_state.get(CACHE_KEY)
    if isinstance(cached, tuple) and cached[0] == key:
        table: RawTable = cached[1]
        return table
    read = read_export if export.shipped else read_upload
    table = read(export.data, export.name, options)
    st.session_state[CACHE_KEY] = (key, table)
    return table


def _layout_choice(match: LayoutMatch) -> Layout | None:
    """The export layout: detected from the headers, or chosen here when detection cannot."""
    names = [DETECT, *LAYOUTS]
    if st.session_state.get("portfolio_preset") not in names:
        st.session_state["portfolio_preset"] = DETECT
    found = _(match.layout.label) if match.layout else None

    def shown(name: str) -> str:
        if name != DETECT:
            return _(LAYOUTS[name].label)
        if found is None:
            return _("Detect (found: none)")
        # Translators: {layout} is the name of a CRM export layout, e.g. "HubSpot deals".
        return _("Detect (found: {layout})", layout=found)

    chosen = st.selectbox(
        _("Export layout"),
        names,
        key="portfolio_preset",
        format_func=shown,
        help=_(
            "Which system wrote the file: its headers, status words, row level (accounts, "
            "deals or subscriptions), amounts and dates. Detected from the headers; choose one "
            "when detection cannot tell."
        ),
    )
    if chosen == DETECT and match.ambiguous:
        st.warning(
            _(
                "The headers fit several layouts: {layouts}. Choose the export layout above.",
                layouts=", ".join(_(layout.label) for layout in match.candidates),
            ),
            icon=":material/help:",
        )
    return LAYOUTS[chosen] if chosen != DETECT else match.layout


def _mapping_editor(raw: RawTable, export: ExportFile) -> tuple[dict[str, str], Layout | None]:
    match = detect_layout(raw.headers)
    first = (
        layout_mapping(match.layout, raw.headers) if match.layout else detect_mapping(raw.headers)
    )
    choices = [NOT_MAPPED, *raw.headers]
    mapping: dict[str, str] = {}
    level = match.layout.level if match.layout else "accounts"
    with st.expander(
        _("Column mapping"), expanded=match.ambiguous or not mapping_is_complete(first, level)
    ):
        layout = _layout_choice(match)
        detected = layout_mapping(layout, raw.headers) if layout else detect_mapping(raw.headers)
        file_key = (export.digest, layout.name if layout else "")
        if st.session_state.get(FILE_KEY) != file_key:
            # A new file or layout: start from what was detected, not from the last choices.
            st.session_state[FILE_KEY] = file_key
            for name in IMPORT_FIELDS:
                st.session_state[f"portfolio_map_{name}"] = detected.get(name, NOT_MAPPED)
        st.caption(
            _(
                "Auto-detected from the header names; fix any that are wrong. Needed: the "
                "account name and ARR at period start and end, or contract value and status (a "
                "subscription export without a status: contract value and end date)."
            )
        )
        cols = st.columns(3)
        for index, (name, item) in enumerate(IMPORT_FIELDS.items()):
            key = f"portfolio_map_{name}"
            if st.session_state.get(key) not in choices:
                st.session_state[key] = NOT_MAPPED
            label = _(item.label)
            if detected.get(name):
                # Translators: a column-mapping field whose column was found by its header.
                label = _("{field} (detected)", field=label)
            chosen = cols[index % 3].selectbox(
                label, choices, key=key, help=_(item.help), format_func=_mapped_word
            )
            if chosen != NOT_MAPPED:
                mapping[name] = chosen
        duplicates = duplicated_headers(raw.headers)
        if duplicates:
            st.warning(
                _(
                    "Columns with the same name are never mapped automatically: {columns}",
                    columns=", ".join(sorted(duplicates)),
                ),
                icon=":material/content_copy:",
            )
        data_table(raw.preview(), width="stretch")
    twice = columns_mapped_twice(mapping)
    if twice:
        st.warning(
            _("A column is mapped to more than one field: {columns}", columns=", ".join(twice)),
            icon=":material/warning:",
        )
    return mapping, layout


def _mapped_word(choice: str) -> str:
    return _(NOT_MAPPED) if choice == NOT_MAPPED else choice


def _period_inputs(export: ExportFile, imported: AccountsImport) -> tuple[date, int]:
    """The as-of date (an upload's proposed from its latest date) and the period's months."""
    today = session_day()
    latest, passed = imported.latest_date, imported.latest_date_on(today)
    proposal = None if export.shipped else proposed_as_of(latest, today, passed)
    default = proposal.day if proposal else export.default_as_of
    cols = st.columns([1, 1, 2])
    if st.session_state.get("portfolio_as_of_file") != export.digest:
        st.session_state["portfolio_as_of_file"] = export.digest
        st.session_state["portfolio_as_of"] = default
    as_of = cols[0].date_input(
        _("As of (end of the period)"),
        key="portfolio_as_of",
        help=_(
            "The date the export was taken: ARR at period end is the ARR on this date. "
            "Proposed from the file: the latest start, end or close date in its rows."
        ),
    )
    months = cols[1].number_input(
        _("Period (months)"), min_value=1, max_value=60, value=12, step=1, key="portfolio_period"
    )
    if proposal:
        cols[2].caption(
            ":material/event: "
            + plain(
                # Translators: {reason} says where the date comes from ("the latest close date").
                _(
                    "As of proposed: {date}, {reason}. Set the date the export was taken if it "
                    "was later.",
                    date=proposal.day.isoformat(),
                    reason=proposal.reason,
                )
            )
        )
    chosen = as_of if isinstance(as_of, date) else default
    return chosen, int(months)


# ---------------------------------------------------------------------------------------------
# Output


def _summary(report: PortfolioReport) -> None:
    st.caption(plain(f"{report.source_details} · {report.period_text()}"))
    if report.currency_source:
        # Translators: {source} says where the currency was found ("the Currency column").
        amounts = _(
            "Amounts in {currency} ({source}).",
            currency=report.currency,
            source=report.currency_source,
        )
    else:
        amounts = _("Amounts in {currency}.", currency=report.currency)
    st.caption(plain(amounts))
    for warning in report.period_warnings:
        st.warning(plain(warning), icon=":material/history:")
    for warning in report.column_warnings:
        st.warning(plain(warning), icon=":material/view_column:")
    for warning in report.figure_warnings:
        st.warning(plain(warning), icon=":material/warning:")
    if report.footer:
        lines = "; ".join(_("row {row}: {text}", row=row, text=text) for row, text in report.footer)
        st.caption(plain(_("Report footer skipped (not rows): {lines}", lines=lines)))
    for line in report.headlines():
        st.markdown(f"- {plain(line)}")
    for note in report.notes:
        st.caption(f":material/info: {plain(note)}")


def status_words(metric: MetricResult) -> str:
    """Icon and word for a target status; the word carries it, colour only repeats it."""
    if metric.status is None:
        return _("no target") if metric.value is not None else _("n/a")
    icon, colour = STATUS_LOOK[metric.status]
    return f"{icon} :{colour}[{wording.metric_status(metric.status)}]"


def _metric_cards(report: PortfolioReport) -> None:
    st.subheader(_("Retention against the targets"))
    st.caption(
        n_(
            "Over the {count} account active on {date}; new accounts are reported apart. NRR is "
            "read next to logo retention: a few large growing accounts can hide many small ones "
            "leaving.",
            "Over the {count} accounts active on {date}; new accounts are reported apart. NRR "
            "is read next to logo retention: a few large growing accounts can hide many small "
            "ones leaving.",
            report.cohort_accounts,
            count=number(report.cohort_accounts),
            date=report.period_start.isoformat(),
        )
    )
    shown = [m for m in report.metrics if m.name != "renewal_rate"]
    for start in range(0, len(shown), 3):
        cols = st.columns(3)
        for col, metric in zip(cols, shown[start : start + 3], strict=False):
            with col.container(border=True):
                st.metric(
                    _(metric.label),
                    metric.shown(report.currency),
                    help=metric.target_help() or None,
                )
                st.markdown(status_words(metric))
                if metric.value is None:
                    st.caption(plain(metric.reason))
                elif metric.target is not None:
                    st.caption(plain(metric.target_text()))
    renewal = report.metric("renewal_rate")
    st.caption(plain(_("Renewal rate: n/a — {reason}.", reason=renewal.reason)))


def _crm_import(
    export: ExportFile, mapping: dict[str, str], options: ImportOptions, months: int
) -> dict[str, Any]:
    """How this export was read, kept with a saved case next to the figures it gave."""
    return {
        "source_name": export.name,
        "mapping": dict(mapping),
        "options": {
            "encoding": options.encoding,
            "delimiter": options.delimiter,
            "decimal": options.decimal,
            "date_format": options.date_format,
            "period_months": months,
            "digest": export.digest,
            **({"statuses": dict(options.statuses)} if options.statuses else {}),
        },
    }


def _use_figures(report: PortfolioReport, crm: dict[str, Any]) -> None:
    figures = profile_figures(report)
    profile = current_profile()
    with st.container(border=True):
        st.markdown("**" + _("Carry these figures into the assessment") + "**")
        data_table(
            carried_figures_table(figures, profile, report.currency),
            hide_index=True,
            width="stretch",
        )
        for name, reason in figures.skipped.items():
            st.caption(
                plain(
                    _(
                        "{field} not carried over: {reason}.",
                        field=_(FIELDS[name].label),
                        reason=reason,
                    )
                )
            )
        for warning in report.period_warnings:
            st.warning(plain(warning), icon=":material/history:")
        if report.currency != profile.currency:
            st.warning(
                _(
                    "The export is in {currency} but the profile is in {profile_currency}: "
                    "convert the amounts or change the profile's currency first.",
                    currency=report.currency,
                    profile_currency=profile.currency,
                ),
                icon=":material/currency_exchange:",
            )
        if st.button(
            _("Use these figures"),
            key="portfolio_use_figures",
            type="primary",
            disabled=not figures.updates,
        ):
            try:
                update_profile(figures.updates, figures.sources)
            except ProfileError as error:
                st.error(plain(_("The profile refused the figures: {error}", error=error)))
            else:
                st.session_state[APPLIED_KEY] = sorted(figures.updates)
                options = {
                    **crm["options"],
                    "as_of": report.as_of.isoformat(),
                    "sources": dict(figures.sources),
                }
                set_crm_import({**crm, "figures": dict(figures.updates), "options": options})
        applied = st.session_state.get(APPLIED_KEY)
        if applied:
            st.success(
                _(
                    "In the profile now: {fields}. The assessment cites the export as their "
                    "source.",
                    fields=", ".join(_(FIELDS[n].label) for n in applied),
                ),
                icon=":material/task_alt:",
            )


def _bridge(report: PortfolioReport) -> None:
    st.subheader(_("ARR bridge"))
    st.plotly_chart(charts.arr_bridge_figure(report), width="stretch", key="portfolio_bridge")


def _renewals(report: PortfolioReport) -> None:
    st.subheader(_("Renewals due"))
    st.caption(
        # Translators: {source} names the source of the figure ("seed 000 · Publisher, year").
        _(
            "Renewal work should start 90–120 days before expiry, with performance data and a "
            "proposal ready ({source}): everything in the 120-day column should be in "
            "preparation.",
            source=current_pack().mention("seed 000"),
        )
    )
    data_table(renewals_table(report), hide_index=True, width="stretch")
    if report.renewals.undated_accounts:
        undated = report.renewals.undated_accounts
        st.caption(
            n_(
                "{count} active account has no renewal date.",
                "{count} active accounts have no renewal date.",
                undated,
                count=number(undated),
            )
        )
    if report.calendar.empty:
        st.info(_("No renewal dates fall in the next twelve months."))
    else:
        st.plotly_chart(
            charts.renewal_calendar_figure(report), width="stretch", key="portfolio_calendar"
        )


def _tiers_and_concentration(report: PortfolioReport) -> None:
    st.subheader(_("Tiers and concentration"))
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.tiers_figure(report), width="stretch", key="portfolio_tiers")
    with right:
        if report.concentration.top5_share is None:
            st.info(plain(_("Concentration n/a: {reason}.", reason=report.concentration.reason)))
        else:
            st.plotly_chart(
                charts.concentration_figure(report), width="stretch", key="portfolio_concentration"
            )


def _owners_and_segments(report: PortfolioReport) -> None:
    low, high = report.book_size
    st.subheader(_("Accounts per owner"))
    if report.book_for:
        # Translators: {band} is a band of contract value ("contracts of €10k–€50k a year").
        compared = _(
            "Compared with a book of {low}–{high} accounts per Account Manager, the rule pack's "
            "book size for {band}, the band the ending ARR per active account falls in.",
            low=low,
            high=high,
            band=report.book_for,
        )
    else:
        # Translators: {segment} is a segment key as the rule pack writes it ("mid-market").
        compared = _(
            "Compared with a {segment} book of {low}–{high} accounts per Account Manager (the "
            "rule pack's book size for the profile's segment).",
            segment=report.book_segment.replace("_", "-"),
            low=low,
            high=high,
        )
    st.caption(compared)
    data_table(owners_table(report), hide_index=True, width="stretch")
    if report.segments:
        st.markdown("**" + _("Retention by segment") + "**")
        data_table(segments_table(report), hide_index=True, width="stretch")


def _excluded(report: PortfolioReport) -> None:
    listed = len({issue.line for issue in report.excluded})
    empty = listed - report.excluded_rows
    st.subheader(_("Rows left out ({count})", count=listed))
    if report.excluded:
        # The summary's "rows excluded" counts rows with data; empty rows are listed here too.
        st.caption(_excluded_words(report.excluded_rows, empty))
        data_table(
            issues_table(report.excluded), hide_index=True, width="stretch", key="portfolio_excl"
        )
    else:
        st.caption(_("Every row of the file was counted."))
    if report.warnings:
        counted = _("Counted, with a value set aside ({count})", count=len(report.warnings))
        st.markdown(f"**{counted}**")
        data_table(
            issues_table(report.warnings), hide_index=True, width="stretch", key="portfolio_warn"
        )


def _excluded_words(rows: int, empty: int) -> str:
    """The sentence over the rows left out: those with data, and the empty ones when any."""
    if not empty:
        return n_(
            "Nothing is dropped silently: {count} row with data; each is listed below with the "
            "reason it was not counted.",
            "Nothing is dropped silently: {count} rows with data; each is listed below with the "
            "reason it was not counted.",
            rows,
            count=number(rows),
        )
    # Translators: {empty_rows} is "1 empty row" or "3 empty rows".
    return n_(
        "Nothing is dropped silently: {count} row with data, and {empty_rows}; each is listed "
        "below with the reason it was not counted.",
        "Nothing is dropped silently: {count} rows with data, and {empty_rows}; each is listed "
        "below with the reason it was not counted.",
        rows,
        count=number(rows),
        empty_rows=n_("{count} empty row", "{count} empty rows", empty, count=number(empty)),
    )
