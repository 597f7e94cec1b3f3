"""Every metric against the rule pack's targets, and the report the page and the CLI show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from advisor.crm_import import AccountsImport, RowIssue
from advisor.crm_import.amounts import NOT_A_DATE
from advisor.crm_import.errors import EMPTY_ROW
from advisor.i18n import N_, _, n_
from advisor.i18n.formats import number
from advisor.pack import MetricTarget, RulePack
from advisor.portfolio.composition import (
    Concentration,
    HealthSummary,
    OwnerBook,
    SegmentRetention,
    TierSummary,
    concentration,
    health_summary,
    owner_books,
    portfolio_nps,
    segment_retention,
    tier_summary,
)
from advisor.portfolio.frame import months_before, period_frame
from advisor.portfolio.freshness import stale_figures_warning
from advisor.portfolio.metrics import (
    ArrBridge,
    Measure,
    active_accounts,
    arr_bridge,
    churned_accounts,
    cohort_accounts,
    contraction_rate,
    expansion_rate,
    gross_revenue_retention,
    logo_retention,
    net_revenue_retention,
    new_accounts,
    reactivated_accounts,
    retained_accounts,
    rounded,
)
from advisor.portfolio.renewals import (
    RENEWAL_WINDOWS,
    RenewalOutlook,
    RenewalWindow,
    calendar_records,
    renewal_calendar,
    renewals_due,
)
from advisor.wording import joined, money, percent, short_money


@dataclass(frozen=True)
class MetricResult:
    name: str
    label: str
    value: float | None
    reason: str  # why value is None
    status: str | None  # healthy | watch | alarm (None without a value or a target)
    target: MetricTarget | None
    basis: str  # what the figure is computed over

    def shown(self, currency: str = "EUR") -> str:
        if self.value is None:
            return _("n/a")
        if self.name == "nps":
            return number(self.value)
        return percent(self.value)

    def target_text(self) -> str:
        target = self.target
        if target is None:
            return ""

        def shown(value: float) -> str:
            return number(value, 6) if self.name == "nps" else percent(value)

        healthy, alarm = shown(target.healthy), shown(target.alarm)
        best = None if target.best_in_class is None else shown(target.best_in_class)
        if target.direction == "higher":
            if best is None:
                return _(
                    "healthy at {healthy} or more, alarm under {alarm}",
                    healthy=healthy,
                    alarm=alarm,
                )
            return _(
                "healthy at {healthy} or more, alarm under {alarm}; best in class {best}",
                healthy=healthy,
                alarm=alarm,
                best=best,
            )
        if best is None:
            return _(
                "healthy at {healthy} or less, alarm above {alarm}", healthy=healthy, alarm=alarm
            )
        return _(
            "healthy at {healthy} or less, alarm above {alarm}; best in class {best}",
            healthy=healthy,
            alarm=alarm,
            best=best,
        )

    def target_help(self) -> str:
        """The target with the source it comes from, for a tooltip ("" without a target)."""
        if self.target is None:
            return ""
        # Translators: {target} is "healthy at 100% or more, alarm under 90%"; {source} a source.
        return _(
            "{target} — source: {source}", target=self.target_text(), source=self.target.source
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: keys and machine values fixed, sentences in the language."""
        return {
            "name": self.name,
            "label": self.label,
            "value": rounded(self.value),
            "shown": self.shown(),
            "reason": self.reason,
            "status": self.status,
            "target": self.target_text(),
            "target_source": self.target.source if self.target else "",
            "basis": self.basis,
        }


# The labels stay English in the report (its JSON keeps them); a page shows them with `_()`.
METRIC_LABELS = {
    "nrr": N_("Net revenue retention"),
    "logo_retention": N_("Logo retention"),
    "grr": N_("Gross revenue retention"),
    "contraction_rate": N_("Contraction rate"),
    "expansion_rate": N_("Expansion rate"),
    "renewal_rate": N_("Renewal rate"),
    "nps": N_("Portfolio NPS"),
}


def metric_result(
    name: str, measure: Measure, pack: RulePack, basis: str, band: str | None = None
) -> MetricResult:
    """One metric against the pack's target, the band's where `band` has its own."""
    found = pack.metric_targets.get(name)
    target = found.for_band(band) if found else None
    status = target.status(measure.value) if target and measure.value is not None else None
    label = target.label if target else METRIC_LABELS.get(name, name)
    return MetricResult(name, label, measure.value, measure.reason, status, target, basis)


@dataclass
class PortfolioReport:
    """Everything the page, the CLI and the assessment need from one export."""

    source: str
    source_details: str
    basis: str
    currency: str
    as_of: date
    period_start: date
    rows_read: int
    mapping: dict[str, str]
    excluded: list[RowIssue]
    warnings: list[RowIssue]
    notes: list[str]
    cohort_accounts: int
    retained_accounts: int
    churned_accounts: int
    new_accounts: int
    active_accounts: int
    bridge: ArrBridge
    metrics: list[MetricResult]
    renewals: RenewalOutlook
    calendar: pd.DataFrame
    concentration: Concentration
    tiers: list[TierSummary]
    owners: list[OwnerBook]
    book_size: tuple[int, int]
    book_segment: str
    segments: list[SegmentRetention]
    nps_responses: int
    health: HealthSummary | None
    frame: pd.DataFrame = field(repr=False)
    reactivated_accounts: int = 0
    column_warnings: list[str] = field(default_factory=list)
    footer: list[tuple[int, str]] = field(default_factory=list)
    currency_source: str = ""
    layout: str = ""
    figure_warnings: list[str] = field(default_factory=list)
    period_warnings: list[str] = field(default_factory=list)  # figures older than a quarter
    # The band of contract value whose own book size `book_size` is, and its words ("contracts
    # from €23,000 to under €46,000 a year"); empty when it is the segment's.
    book_band: str = ""
    book_for: str = ""

    @property
    def excluded_rows(self) -> int:
        return len({i.line for i in self.excluded if i.message != EMPTY_ROW})

    @property
    def accounts_counted(self) -> int:
        return len(self.frame)

    def period_text(self) -> str:
        """The period and what was read: 'period 2024-06-30 → 2025-06-30 · 300 rows read · …'."""
        read, counted = self.rows_read, self.accounts_counted
        # Translators: {read} is "300 rows read", {counted} "280 accounts counted", {excluded}
        # "20 rows excluded"; the dates are in ISO form.
        return _(
            "period {start} → {end} · {read} · {counted} · {excluded}",
            start=self.period_start.isoformat(),
            end=self.as_of.isoformat(),
            read=n_("{count} row read", "{count} rows read", read, count=number(read)),
            counted=n_(
                "{count} account counted",
                "{count} accounts counted",
                counted,
                count=number(counted),
            ),
            excluded=n_(
                "{count} row excluded",
                "{count} rows excluded",
                self.excluded_rows,
                count=number(self.excluded_rows),
            ),
        )

    def metric(self, name: str) -> MetricResult:
        for item in self.metrics:
            if item.name == name:
                return item
        raise KeyError(name)

    def money(self, amount: float) -> str:
        return short_money(amount, self.currency)

    def headlines(self) -> list[str]:
        """The few sentences a workshop opens with."""
        lines = [self._retention_headline()]
        if self.new_accounts:
            lines.append(
                n_(
                    "{count} new account ({amount}) joined during the period, reported apart.",
                    "{count} new accounts ({amount}) joined during the period, reported apart.",
                    self.new_accounts,
                    amount=self.money(self.bridge.new),
                )
            )
        if self.reactivated_accounts:
            lines.append(
                n_(
                    "{count} account ({amount}) came back after churning before the period "
                    "(reactivated, counted apart from new accounts).",
                    "{count} accounts ({amount}) came back after churning before the period "
                    "(reactivated, counted apart from new accounts).",
                    self.reactivated_accounts,
                    count=number(self.reactivated_accounts),
                    amount=self.money(self.bridge.reactivated),
                )
            )
        window = self.renewals.window(120) if 120 in RENEWAL_WINDOWS else self.renewals.windows[-1]
        if window.accounts:
            lines.append(self._renewals_headline(window))
        if self.renewals.overdue.accounts:
            lines.append(
                n_(
                    "{count} active account has a renewal date already past.",
                    "{count} active accounts have a renewal date already past.",
                    self.renewals.overdue.accounts,
                )
            )
        if self.concentration.top5_share is not None:
            # Translators: {accounts} is how many accounts make the top 10%.
            lines.append(
                _(
                    "The 5 largest accounts hold {top5} of ARR; the top 10% ({accounts}) hold "
                    "{top_decile}.",
                    top5=percent(self.concentration.top5_share),
                    accounts=self.concentration.top_decile_accounts,
                    top_decile=percent(self.concentration.top_decile_share or 0.0),
                )
            )
        return lines

    def _retention_headline(self) -> str:
        nrr, logos = self.metric("nrr"), self.metric("logo_retention")
        if nrr.value is None or logos.value is None:
            return _("No retention figures: {reason}.", reason=nrr.reason)
        # Translators: {retained} of {count} accounts (the same words in English for any count).
        return n_(
            "NRR {nrr} next to logo retention {logos}: {retained} of {count} accounts active on "
            "{date} are still customers.",
            "NRR {nrr} next to logo retention {logos}: {retained} of {count} accounts active on "
            "{date} are still customers.",
            self.cohort_accounts,
            nrr=nrr.shown(),
            logos=logos.shown(),
            retained=self.retained_accounts,
            date=self.period_start.isoformat(),
        )

    def _renewals_headline(self, window: RenewalWindow) -> str:
        values = {
            "count": number(window.accounts),
            "amount": self.money(window.arr),
            "days": window.days,
        }
        if window.unowned_accounts:
            return n_(
                "{count} renewal worth {amount} falls in the next {days} days; nobody owns "
                "{unowned} of them.",
                "{count} renewals worth {amount} fall in the next {days} days; nobody owns "
                "{unowned} of them.",
                window.accounts,
                unowned=window.unowned_accounts,
                **values,
            )
        return n_(
            "{count} renewal worth {amount} falls in the next {days} days; every one has an owner.",
            "{count} renewals worth {amount} fall in the next {days} days; every one has an owner.",
            window.accounts,
            **values,
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: no NaN, no infinity, dates as ISO text; keys and machine values
        fixed, its sentences in the current language (as the diagnosis worded them)."""
        return {
            "source": self.source,
            "source_details": self.source_details,
            "basis": self.basis,
            "currency": self.currency,
            "currency_source": self.currency_source,
            "layout": self.layout,
            "as_of": self.as_of.isoformat(),
            "period_start": self.period_start.isoformat(),
            "rows_read": self.rows_read,
            "accounts_counted": self.accounts_counted,
            "rows_excluded": self.excluded_rows,
            "mapping": dict(self.mapping),
            "headlines": self.headlines(),
            "accounts": {
                "cohort": self.cohort_accounts,
                "retained": self.retained_accounts,
                "churned": self.churned_accounts,
                "new": self.new_accounts,
                "reactivated": self.reactivated_accounts,
                "active_at_end": self.active_accounts,
            },
            "bridge": {
                "starting_arr": rounded(self.bridge.starting),
                "expansion": rounded(self.bridge.expansion),
                "contraction": rounded(self.bridge.contraction),
                "churned_arr": rounded(self.bridge.churned),
                "retained_arr": rounded(self.bridge.retained),
                "new_arr": rounded(self.bridge.new),
                "reactivated_arr": rounded(self.bridge.reactivated),
                "ending_arr": rounded(self.bridge.ending),
            },
            "metrics": [m.to_dict() for m in self.metrics],
            "renewals": self.renewals.to_dict(),
            "renewal_calendar": calendar_records(self.calendar),
            "concentration": self.concentration.to_dict(),
            "tiers": [t.to_dict() for t in self.tiers],
            "owners": [o.to_dict() for o in self.owners],
            "book_size": {
                "segment": self.book_segment,
                "band": self.book_band or None,
                "low": self.book_size[0],
                "high": self.book_size[1],
            },
            "segments": [s.to_dict() for s in self.segments],
            "health": self.health.to_dict() if self.health else None,
            "excluded": [i.to_dict() for i in self.excluded],
            "warnings": [i.to_dict() for i in self.warnings],
            "column_warnings": list(self.column_warnings),
            "figure_warnings": list(self.figure_warnings),
            "period_warnings": list(self.period_warnings),
            "skipped_footer": [{"row": row, "text": text} for row, text in self.footer],
            "notes": list(self.notes),
        }


def _band_note(
    pack: RulePack, band: str | None, ending: float, active: int, currency: str, notes: list[str]
) -> tuple[str, str]:
    """The band whose own book size the owners' books are held to and its words ("" when the
    segment's), the note saying which band the targets and the book size are for added."""
    if band is None or pack.bands is None:
        return "", ""
    found = next(b for b in pack.bands.bands if b.id == band)
    book_band = pack.book_size_band(band) or ""
    # Translators: {band} is "from €23,000 to under €46,000 a year".
    contracts = _("contracts {band}", band=pack.bands.describe(found, currency))
    values = {
        "contracts": contracts,
        "average": money(ending / active, currency),
        "accounts": number(active),
    }
    if book_band:
        # Translators: {contracts} is "contracts from €23,000 to under €46,000 a year".
        note = n_(
            "retention targets and the book size per owner are those of {contracts}: the ending "
            "ARR per active account ({average}, {accounts} account) falls in that band of "
            "contract value",
            "retention targets and the book size per owner are those of {contracts}: the ending "
            "ARR per active account ({average}, {accounts} accounts) falls in that band of "
            "contract value",
            active,
            **values,
        )
    else:
        note = n_(
            "retention targets are those of {contracts}: the ending ARR per active account "
            "({average}, {accounts} account) falls in that band of contract value",
            "retention targets are those of {contracts}: the ending ARR per active account "
            "({average}, {accounts} accounts) falls in that band of contract value",
            active,
            **values,
        )
    notes.append(note)
    return book_band, contracts if book_band else ""


def _cohort_basis(cohort: int, start: date) -> str:
    """What the retention figures are computed over: the accounts active at period start."""
    if not cohort:
        return _("no accounts at start")
    return n_(
        "{count} account active on {date}",
        "{count} accounts active on {date}",
        cohort,
        count=number(cohort),
        date=start.isoformat(),
    )


def _nps_basis(responses: int) -> str:
    """What the portfolio NPS is computed over ("" without a value)."""
    if not responses:
        return ""
    return n_(
        "{count} active account with an NPS value",
        "{count} active accounts with an NPS value",
        responses,
        count=number(responses),
    )


def diagnose(
    imported: AccountsImport,
    as_of: date,
    pack: RulePack,
    *,
    period_months: int = 12,
    segment: str | None = None,
    currency: str | None = None,
    today: date | None = None,
) -> PortfolioReport:
    """All portfolio metrics for the period ending on `as_of`, each against the pack's targets.

    `today` (default: today) is the day the figures are used on: a period that ended more than a
    quarter before it is a period warning.
    """
    if not 1 <= period_months <= 120:
        raise ValueError(
            _("the period must be 1 to 120 months, not {months}", months=period_months)
        )
    start = months_before(as_of, period_months)
    notes = list(imported.notes)
    frame, excluded, warnings = period_frame(imported, as_of, start, notes)
    book_segment = segment if segment in pack.book_sizes else "mid_market"
    cohort = cohort_accounts(frame)
    basis = _cohort_basis(cohort, start)
    nps = portfolio_nps(frame)
    nps_basis = _nps_basis(nps.responses)
    renewal_rate = Measure(
        None,
        _("the export holds the next renewal dates, not the outcome of past renewals"),
    )
    # The targets of the band the book's average ARR per active account falls in.
    active, bridge = active_accounts(frame), arr_bridge(frame)
    shown_currency = currency or imported.currency or "EUR"
    band = pack.band_of(bridge.ending / active, shown_currency) if active else None
    book_band, book_for = _band_note(pack, band, bridge.ending, active, shown_currency, notes)
    book_size = pack.book_size(book_segment, book_band or None)
    metrics = [
        metric_result("nrr", net_revenue_retention(frame), pack, basis, band),
        metric_result("logo_retention", logo_retention(frame), pack, basis, band),
        metric_result("grr", gross_revenue_retention(frame), pack, basis, band),
        metric_result(
            "contraction_rate", _visible(contraction_rate(frame), imported), pack, basis, band
        ),
        metric_result(
            "expansion_rate", _visible(expansion_rate(frame), imported), pack, basis, band
        ),
        metric_result("renewal_rate", renewal_rate, pack, "", band),
        metric_result("nps", nps.measure, pack, nps_basis, band),
    ]
    all_excluded = sorted([*imported.excluded, *excluded], key=lambda i: i.line)
    all_warnings = sorted([*imported.warnings, *warnings], key=lambda i: i.line)
    report = PortfolioReport(
        source=imported.source,
        source_details=imported.describe_source(),
        basis=imported.basis,
        currency=shown_currency,
        as_of=as_of,
        period_start=start,
        rows_read=imported.rows_read,
        mapping=dict(imported.mapping),
        excluded=all_excluded,
        warnings=all_warnings,
        notes=notes,
        cohort_accounts=cohort,
        retained_accounts=retained_accounts(frame),
        churned_accounts=churned_accounts(frame),
        new_accounts=new_accounts(frame),
        active_accounts=active,
        bridge=bridge,
        metrics=metrics,
        renewals=renewals_due(frame, as_of),
        calendar=renewal_calendar(frame, as_of),
        concentration=concentration(frame),
        tiers=tier_summary(frame),
        owners=owner_books(frame, as_of, book_size),
        book_size=book_size,
        book_segment=book_segment,
        book_band=book_band,
        book_for=book_for,
        segments=segment_retention(frame),
        nps_responses=nps.responses,
        health=health_summary(frame),
        frame=frame,
        reactivated_accounts=reactivated_accounts(frame),
        column_warnings=list(imported.column_warnings),
        footer=list(imported.footer),
        currency_source=_currency_source(imported, currency),
        layout=imported.layout,
        period_warnings=[w for w in [stale_figures_warning(as_of, today or date.today())] if w],
    )
    report.figure_warnings = figure_warnings(report)
    return report


SMALL_COHORT_SHARE = 0.25  # a cohort under this share of the accounts counted is flagged
HIGHEST_LIKELY_RETENTION = 2.0  # a retention above 200% is flagged
RETENTION_METRICS = ("nrr", "grr", "logo_retention")


def _columns(report: PortfolioReport, *names: str) -> str:
    """The file's columns mapped to these fields, quoted ("" when none is)."""
    return ", ".join(f"'{report.mapping[n]}'" for n in names if n in report.mapping)


def figure_warnings(report: PortfolioReport) -> list[str]:
    """Retention figures a reader should not take as they stand, each with what to check.

    A starting cohort that is a small share of the accounts counted, and a retention of 0% or
    above 200%, are what a misread file gives far more often than a real book: a renewal read as
    a new account, a prospect's lost deal read as churn, a month's amount read as a year's.
    """
    out: list[str] = []
    start = report.period_start.isoformat()
    cohort, counted = report.cohort_accounts, report.accounts_counted
    if cohort and cohort < SMALL_COHORT_SHARE * counted:
        # Translators: {count} accounts of the {counted} counted were customers on {date}.
        out.append(
            n_(
                "only {count} of the {counted} accounts counted was a customer on {date}, the "
                "period start: NRR, GRR and logo retention are over this one alone and the "
                "others count as new. If most were customers before the period, the file does "
                "not show it: map the column that marks renewals (deal type or pipeline) or the "
                "date each became a customer (customer since), or check the as-of date and the "
                "period length",
                "only {count} of the {counted} accounts counted were customers on {date}, the "
                "period start: NRR, GRR and logo retention are over these {count} alone and the "
                "others count as new. If most were customers before the period, the file does "
                "not show it: map the column that marks renewals (deal type or pipeline) or the "
                "date each became a customer (customer since), or check the as-of date and the "
                "period length",
                cohort,
                counted=counted,
                date=start,
            )
        )
    shown = [report.metric(name) for name in RETENTION_METRICS]
    zero = [_(m.label) for m in shown if m.value is not None and m.value <= 0]
    if zero:
        columns = _columns(
            report, "arr_start", "arr_end", "contract_value", "status", "close_date", "deal_type"
        )
        out.append(_zero_warning(zero, cohort, start, columns))
    high = [m for m in shown if m.value is not None and m.value > HIGHEST_LIKELY_RETENTION]
    for metric in high:
        columns = _columns(report, "arr_start", "contract_value", "billing_period")
        # Translators: {metric} is a retention figure's name, {value} its value ("NRR is 240%").
        out.append(
            _(
                "{metric} is {value}: the {count} accounts active on {date} more than doubled "
                "their revenue. Check that the period start's amounts ({columns}) are a whole "
                "year's and that renewals and upsells are not counted twice, before using this "
                "figure",
                metric=_(metric.label),
                value=metric.shown(),
                count=cohort,
                date=start,
                columns=columns or _("the mapping"),
            )
        )
    return out


def _zero_warning(zero: list[str], cohort: int, start: str, columns: str) -> str:
    """The warning for retention figures at 0%: one sentence for one figure, one for several."""
    values = {
        "metrics": joined(zero),
        "count": cohort,
        "date": start,
        "columns": columns or _("the mapping"),
    }
    if len(zero) == 1:
        # Translators: {metrics} is a retention figure ("NRR"); {count} accounts were active on
        # {date}; {columns} lists the file's columns read.
        return _(
            "{metrics} is 0%: none of the {count} accounts active on {date} kept any revenue, "
            "which a real book rarely shows. Check that the columns read ({columns}) say who was "
            "a customer at the period start and who still is at its end (a renewal is no new "
            "account, a prospect's lost deal no churn), before using this figure",
            **values,
        )
    # Translators: {metrics} lists retention figures ("NRR and GRR"); {count} accounts were
    # active on {date}; {columns} lists the file's columns read.
    return _(
        "{metrics} are 0%: none of the {count} accounts active on {date} kept any revenue, "
        "which a real book rarely shows. Check that the columns read ({columns}) say who was "
        "a customer at the period start and who still is at its end (a renewal is no new "
        "account, a prospect's lost deal no churn), before using this figure",
        **values,
    )


def _currency_source(imported: AccountsImport, currency: str | None) -> str:
    """Where the report's currency comes from, in words."""
    if currency:
        return _("the case's currency")
    if imported.currency:
        return imported.currency_source
    return _("EUR assumed: the file names no currency (--currency sets it)")


def _visible(measure: Measure, imported: AccountsImport) -> Measure:
    """Expansion and contraction cannot be seen from contract value and status alone."""
    if imported.basis == "contract" and measure.value is not None:
        return Measure(None, _("needs ARR at period start and at period end"))
    return measure


def _refused_dates(issues: list[RowIssue]) -> bool:
    """Whether a row was refused for a date not written in the expected format."""
    pattern = re.compile(
        ".*".join(re.escape(part) for part in re.split(r"\{[a-z_]+\}", _(NOT_A_DATE)))
    )
    return any(pattern.fullmatch(issue.message) for issue in issues)


def why_nothing_counted(report: PortfolioReport, date_option: str = "--date-format") -> str:
    """Why no account could be counted, in the file's own columns and words.

    The most frequent reasons come first, each with how many rows it refused and one example
    as the file wrote it; when dates are the cause, `date_option` (the CLI's --date-format, the
    app's date format field) is named.
    """
    if report.rows_read == 0:
        return _("the file holds a header but no data rows")
    groups: dict[tuple[str, str], list[RowIssue]] = {}
    for issue in report.excluded:
        if issue.message == EMPTY_ROW:
            continue
        kind = re.sub(r"'[^']*'|[0-9][0-9.,]*", "…", issue.message)
        groups.setdefault((issue.column, kind), []).append(issue)
    ranked = sorted(groups.values(), key=lambda issues: -len(issues))
    parts = []
    for issues in ranked[:3]:
        example = issues[0]
        values = {"count": number(len(issues)), "message": example.message}
        if example.column:
            # Translators: {count} rows refused for the reason {message}, in one column.
            parts.append(
                n_(
                    "{count} row: column '{column}': {message}",
                    "{count} rows: column '{column}': {message}",
                    len(issues),
                    column=example.column,
                    **values,
                )
            )
        else:
            parts.append(
                n_("{count} row: {message}", "{count} rows: {message}", len(issues), **values)
            )
    text = "; ".join(parts) or _("every row was left out")
    if _refused_dates(report.excluded):
        # Translators: {reasons} says why rows were refused; {option} is where the date format is
        # declared (--date-format, or a field of the page).
        text = _(
            "{reasons} — the dates are the cause: declare their format with {option} "
            "(e.g. %d/%m/%Y or %m/%d/%Y)",
            reasons=text,
            option=date_option,
        )
    return text
