"""The portfolio diagnosis of a CRM export as a document: what was read, how recent it is,
retention against the targets (and where each target comes from), the ARR bridge, renewals due,
concentration, tiers, books per owner and per segment, and the rows set aside.

Account and owner names, columns and reasons come from the export or the rule pack and stay as
they are (cleaned); the renderers make them literal for their format.
"""

from __future__ import annotations

from collections.abc import Sequence

from advisor.blocks import Facts, Lines, Part, Report, ReportBlock, Table
from advisor.crm_import import RowIssue
from advisor.i18n import N_, _, formats, n_
from advisor.portfolio import NO_OWNER, PortfolioReport
from advisor.wording import metric_status, money, percent

LISTED_ROWS = 50  # text and Markdown list this many excluded rows; JSON lists them all
LISTED_NAMES = 5  # accounts without an owner named per renewal window

WORDS = {
    "title": N_("Portfolio diagnostics: {source}"),
    "summary": N_(
        "Period {start} → {end} · {rows} read · {accounts} counted · {excluded} excluded"
    ),
    "currency": N_("Amounts in {currency}"),
    "currency_source": N_("Amounts in {currency} ({source})"),
    "period_warnings": N_("How recent the figures are"),
    "column_warnings": N_("Column warnings"),
    "figure_warnings": N_("Figure warnings"),
    "retention": N_("Retention over the {accounts} active on {date} (new accounts reported apart)"),
    "metric": N_("Metric"),
    "value": N_("Value"),
    "status": N_("Status"),
    "target": N_("Target"),
    "no_status": N_("—"),
    "sources": N_("Where each target comes from"),
    "bridge": N_("ARR bridge"),
    "step": N_("Step"),
    "amount": N_("Amount"),
    "starting": N_("Starting ARR"),
    "expansion": N_("+ Expansion"),
    "contraction": N_("− Contraction"),
    "churn": N_("− Churn"),
    "retained": N_("= Retained ARR"),
    "new": N_("+ New accounts ({count})"),
    "reactivated": N_("+ Reactivated ({count})"),
    "ending": N_("= Ending ARR"),
    "renewals": N_("Renewals due (active accounts, from the as-of date)"),
    "within": N_("Within"),
    "accounts": N_("Accounts"),
    "arr": N_("ARR"),
    "without_owner": N_("Without owner"),
    "days": N_("{days} days"),
    "overdue": N_("overdue"),
    "unowned": N_("{count} ({names})"),
    "unowned_more": N_("{count} ({names} and {more} more)"),
    "undated": N_("no renewal date: {accounts}"),
    "at_risk_one": N_("1 renewal in the next 120 days is on accounts with an at-risk health label"),
    "at_risk": N_(
        "{count} renewals in the next 120 days are on accounts with an at-risk health label"
    ),
    "concentration": N_("Concentration of ending ARR"),
    "not_available": N_("n/a: {reason}"),
    "top5": N_("Top 5 accounts"),
    "top_decile": N_("Top 10% ({count} accounts)"),
    "tiers": N_("Tiers (ABC by cumulative ARR: A up to 80%, B up to 95%, C the rest)"),
    "tier": N_("Tier"),
    "share": N_("Share"),
    "range": N_("Range"),
    "span": N_("{smallest}–{largest}"),
    "owners": N_("Accounts per owner (book size {book_for}: {low}–{high})"),
    "owner": N_("Owner"),
    "renewals_120": N_("Renewals in 120 days"),
    "book": N_("Book"),
    "segments": N_("Retention by segment"),
    "segment": N_("Segment"),
    "nrr": N_("NRR"),
    "grr": N_("GRR"),
    "logo_retention": N_("Logo retention"),
    "new_accounts": N_("New"),
    "n/a": N_("n/a"),
    "excluded": N_("Excluded rows: {count}"),
    "warnings": N_("Warnings: {rows} counted with a value set aside"),
    "more": N_("… and {count} more (all are listed in --format json)"),
    "footer": N_("Report footer skipped (not rows)"),
    "footer_line": N_("row {row}: {text}"),
    "notes": N_("Notes"),
}
# Where an owner's book stands against the book size.
BOOK_WORDS = {
    "within": N_("within the range"),
    "over": N_("over the range"),
    "under": N_("under the range"),
    "none": N_("unowned"),
}
NAME_SEPARATOR = ", "


def _rows(count: int) -> str:
    return n_("{count} row", "{count} rows", count, count=formats.number(count))


def _accounts(count: int) -> str:
    return n_("{count} account", "{count} accounts", count, count=formats.number(count))


def _standfirst(report: PortfolioReport) -> tuple[str, str]:
    summary = _(
        WORDS["summary"],
        start=report.period_start.isoformat(),
        end=report.as_of.isoformat(),
        rows=_rows(report.rows_read),
        accounts=_accounts(report.accounts_counted),
        excluded=_rows(report.excluded_rows),
    )
    if report.currency_source:
        currency = _(
            WORDS["currency_source"], currency=report.currency, source=report.currency_source
        )
    else:
        currency = _(WORDS["currency"], currency=report.currency)
    return summary, currency


def _retention(report: PortfolioReport) -> list[Part]:
    cur = report.currency
    rows = []
    sources = []
    for metric in report.metrics:
        target = metric.target_text() if metric.value is not None else metric.reason
        status = metric_status(metric.status) if metric.status else _(WORDS["no_status"])
        rows.append((metric.label, metric.shown(cur), status, target))
        if metric.target and metric.target.source:
            sources.append((metric.label, metric.target.source))
    columns = (_(WORDS["metric"]), _(WORDS["value"]), _(WORDS["status"]), _(WORDS["target"]))
    title = _(
        WORDS["retention"],
        accounts=_accounts(report.cohort_accounts),
        date=report.period_start.isoformat(),
    )
    parts = [Part(title, (Table(columns, tuple(rows), numeric=(1,)),))]
    if sources:
        parts.append(Part(_(WORDS["sources"]), (Facts(tuple(sources)),)))
    return parts


def _bridge(report: PortfolioReport) -> Part:
    bridge, cur = report.bridge, report.currency
    steps = [
        (_(WORDS["starting"]), bridge.starting),
        (_(WORDS["expansion"]), bridge.expansion),
        (_(WORDS["contraction"]), bridge.contraction),
        (_(WORDS["churn"]), bridge.churned),
        (_(WORDS["retained"]), bridge.retained),
        (_(WORDS["new"], count=report.new_accounts), bridge.new),
    ]
    if bridge.reactivated:
        count = report.reactivated_accounts
        steps.append((_(WORDS["reactivated"], count=count), bridge.reactivated))
    steps.append((_(WORDS["ending"]), bridge.ending))
    rows = tuple((label, money(amount, cur)) for label, amount in steps)
    return Part(
        _(WORDS["bridge"]), (Table((_(WORDS["step"]), _(WORDS["amount"])), rows, numeric=(1,)),)
    )


def _unowned(count: int, names: Sequence[str]) -> str:
    if not count:
        return "0"
    shown = NAME_SEPARATOR.join(names[:LISTED_NAMES])
    if count > LISTED_NAMES:
        return _(WORDS["unowned_more"], count=count, names=shown, more=count - LISTED_NAMES)
    return _(WORDS["unowned"], count=count, names=shown)


def _renewals(report: PortfolioReport) -> Part:
    cur, renewals = report.currency, report.renewals
    rows = [
        (
            _(WORDS["days"], days=window.days),
            str(window.accounts),
            money(window.arr, cur),
            _unowned(window.unowned_accounts, window.unowned_names),
        )
        for window in renewals.windows
    ]
    overdue = renewals.overdue
    if overdue.accounts:
        rows.append(
            (
                _(WORDS["overdue"]),
                str(overdue.accounts),
                money(overdue.arr, cur),
                _unowned(overdue.unowned_accounts, overdue.unowned_names),
            )
        )
    columns = (_(WORDS["within"]), _(WORDS["accounts"]), _(WORDS["arr"]), _(WORDS["without_owner"]))
    blocks: list[ReportBlock] = [Table(columns, tuple(rows), numeric=(1, 2))]
    lines = []
    if renewals.undated_accounts:
        count = renewals.undated_accounts
        accounts = n_(
            "{count} active account", "{count} active accounts", count, count=formats.number(count)
        )
        lines.append(_(WORDS["undated"], accounts=accounts))
    at_risk = renewals.at_risk_in_120
    if at_risk:
        lines.append(
            _(WORDS["at_risk_one"]) if at_risk == 1 else _(WORDS["at_risk"], count=at_risk)
        )
    if lines:
        blocks.append(Lines(tuple(lines)))
    return Part(_(WORDS["renewals"]), tuple(blocks))


def _concentration(report: PortfolioReport) -> Part:
    conc = report.concentration
    if conc.top5_share is None:
        block: ReportBlock = Lines((_(WORDS["not_available"], reason=conc.reason),))
    else:
        block = Facts(
            (
                (_(WORDS["top5"]), percent(conc.top5_share)),
                (
                    _(WORDS["top_decile"], count=conc.top_decile_accounts),
                    percent(conc.top_decile_share or 0.0),
                ),
            )
        )
    return Part(_(WORDS["concentration"]), (block,))


def _tiers(report: PortfolioReport) -> Part:
    cur = report.currency
    rows = tuple(
        (
            tier.tier,
            str(tier.accounts),
            money(tier.arr, cur),
            percent(tier.share),
            _(WORDS["span"], smallest=money(tier.smallest, cur), largest=money(tier.largest, cur))
            if tier.accounts
            else "",
        )
        for tier in report.tiers
    )
    columns = (
        _(WORDS["tier"]),
        _(WORDS["accounts"]),
        _(WORDS["arr"]),
        _(WORDS["share"]),
        _(WORDS["range"]),
    )
    return Part(_(WORDS["tiers"]), (Table(columns, rows, numeric=(1, 2, 3)),))


def _owners(report: PortfolioReport) -> Part:
    cur = report.currency
    low, high = report.book_size
    book_for = report.book_for or report.book_segment.replace("_", "-")
    rows = tuple(
        (
            _(NO_OWNER) if book.owner == NO_OWNER else book.owner,
            str(book.accounts),
            money(book.arr, cur),
            str(book.renewals_120),
            _(BOOK_WORDS[book.book]) if book.book in BOOK_WORDS else book.book,
        )
        for book in report.owners
    )
    columns = (
        _(WORDS["owner"]),
        _(WORDS["accounts"]),
        _(WORDS["arr"]),
        _(WORDS["renewals_120"]),
        _(WORDS["book"]),
    )
    title = _(WORDS["owners"], book_for=book_for, low=low, high=high)
    return Part(title, (Table(columns, rows, numeric=(1, 2, 3)),))


def _ratio(value: float | None) -> str:
    return _(WORDS["n/a"]) if value is None else percent(value)


def _segments(report: PortfolioReport) -> Part:
    rows = tuple(
        (
            seg.segment,
            str(seg.cohort_accounts),
            _ratio(seg.nrr.value),
            _ratio(seg.grr.value),
            _ratio(seg.logo_retention.value),
            str(seg.new_accounts),
        )
        for seg in report.segments
    )
    columns = (
        _(WORDS["segment"]),
        _(WORDS["accounts"]),
        _(WORDS["nrr"]),
        _(WORDS["grr"]),
        _(WORDS["logo_retention"]),
        _(WORDS["new_accounts"]),
    )
    return Part(_(WORDS["segments"]), (Table(columns, rows, numeric=(1, 2, 3, 4, 5)),))


def _issues(title: str, issues: Sequence[RowIssue]) -> list[Part]:
    if not issues:
        return []
    lines = [str(issue) for issue in issues[:LISTED_ROWS]]
    if len(issues) > LISTED_ROWS:
        lines.append(_(WORDS["more"], count=len(issues) - LISTED_ROWS))
    return [Part(title, (Lines(tuple(lines)),))]


def _listed(title: str, lines: Sequence[str]) -> list[Part]:
    return [Part(title, (Lines(tuple(lines)),))] if lines else []


def build_portfolio_report(report: PortfolioReport) -> Report:
    """The portfolio diagnosis as one document, for the text and the Markdown report alike."""
    parts = [
        *_listed(_(WORDS["period_warnings"]), report.period_warnings),
        *_listed(_(WORDS["column_warnings"]), report.column_warnings),
        *_listed(_(WORDS["figure_warnings"]), report.figure_warnings),
        Part("", (Lines(tuple(report.headlines())),)),
        *_retention(report),
        _bridge(report),
        _renewals(report),
        _concentration(report),
        _tiers(report),
        _owners(report),
    ]
    if report.segments:
        parts.append(_segments(report))
    parts += _issues(_(WORDS["excluded"], count=report.excluded_rows), report.excluded)
    warned_rows = _rows(len({issue.row for issue in report.warnings}))
    parts += _issues(_(WORDS["warnings"], rows=warned_rows), report.warnings)
    footer = [_(WORDS["footer_line"], row=row, text=text) for row, text in report.footer]
    parts += _listed(_(WORDS["footer"]), footer)
    parts += _listed(_(WORDS["notes"]), report.notes)
    title = _(WORDS["title"], source=report.source_details)
    return Report(title, _standfirst(report), tuple(parts), heading_end="")
