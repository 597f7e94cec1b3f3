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
from advisor.portfolio import PortfolioReport
from advisor.wording import money, percent, plural

LISTED_ROWS = 50  # text and Markdown list this many excluded rows; JSON lists them all
LISTED_NAMES = 5  # accounts without an owner named per renewal window

WORDS = {
    "title": "Portfolio diagnostics: {source}",
    "summary": "Period {start} → {end} · {rows} read · {accounts} counted · {excluded} excluded",
    "currency": "Amounts in {currency}",
    "currency_source": "Amounts in {currency} ({source})",
    "period_warnings": "How recent the figures are",
    "column_warnings": "Column warnings",
    "figure_warnings": "Figure warnings",
    "retention": "Retention over the {accounts} active on {date} (new accounts reported apart)",
    "metric": "Metric",
    "value": "Value",
    "status": "Status",
    "target": "Target",
    "no_status": "—",
    "sources": "Where each target comes from",
    "bridge": "ARR bridge",
    "step": "Step",
    "amount": "Amount",
    "starting": "Starting ARR",
    "expansion": "+ Expansion",
    "contraction": "− Contraction",
    "churn": "− Churn",
    "retained": "= Retained ARR",
    "new": "+ New accounts ({count})",
    "reactivated": "+ Reactivated ({count})",
    "ending": "= Ending ARR",
    "renewals": "Renewals due (active accounts, from the as-of date)",
    "within": "Within",
    "accounts": "Accounts",
    "arr": "ARR",
    "without_owner": "Without owner",
    "days": "{days} days",
    "overdue": "overdue",
    "unowned": "{count} ({names})",
    "unowned_more": "{count} ({names} and {more} more)",
    "undated": "no renewal date: {accounts}",
    "at_risk_one": "1 renewal in the next 120 days is on accounts with an at-risk health label",
    "at_risk": "{count} renewals in the next 120 days are on accounts with an at-risk health label",
    "concentration": "Concentration of ending ARR",
    "not_available": "n/a: {reason}",
    "top5": "Top 5 accounts",
    "top_decile": "Top 10% ({count} accounts)",
    "tiers": "Tiers (ABC by cumulative ARR: A up to 80%, B up to 95%, C the rest)",
    "tier": "Tier",
    "share": "Share",
    "range": "Range",
    "span": "{smallest}–{largest}",
    "owners": "Accounts per owner (book size {book_for}: {low}–{high})",
    "owner": "Owner",
    "renewals_120": "Renewals in 120 days",
    "book": "Book",
    "segments": "Retention by segment",
    "segment": "Segment",
    "nrr": "NRR",
    "grr": "GRR",
    "logo_retention": "Logo retention",
    "new_accounts": "New",
    "n/a": "n/a",
    "excluded": "Excluded rows: {count}",
    "warnings": "Warnings: {rows} counted with a value set aside",
    "more": "… and {count} more (all are listed in --format json)",
    "footer": "Report footer skipped (not rows)",
    "footer_line": "row {row}: {text}",
    "notes": "Notes",
}
# Where an owner's book stands against the book size.
BOOK_WORDS = {
    "within": "within the range",
    "over": "over the range",
    "under": "under the range",
    "none": "unowned",
}
NAME_SEPARATOR = ", "


def _standfirst(report: PortfolioReport) -> tuple[str, str]:
    summary = WORDS["summary"].format(
        start=report.period_start.isoformat(),
        end=report.as_of.isoformat(),
        rows=plural(report.rows_read, "row"),
        accounts=plural(report.accounts_counted, "account"),
        excluded=plural(report.excluded_rows, "row"),
    )
    if report.currency_source:
        currency = WORDS["currency_source"].format(
            currency=report.currency, source=report.currency_source
        )
    else:
        currency = WORDS["currency"].format(currency=report.currency)
    return summary, currency


def _retention(report: PortfolioReport) -> list[Part]:
    cur = report.currency
    rows = []
    sources = []
    for metric in report.metrics:
        target = metric.target_text() if metric.value is not None else metric.reason
        status = metric.status or WORDS["no_status"]
        rows.append((metric.label, metric.shown(cur), status, target))
        if metric.target and metric.target.source:
            sources.append((metric.label, metric.target.source))
    columns = (WORDS["metric"], WORDS["value"], WORDS["status"], WORDS["target"])
    title = WORDS["retention"].format(
        accounts=plural(report.cohort_accounts, "account"),
        date=report.period_start.isoformat(),
    )
    parts = [Part(title, (Table(columns, tuple(rows), numeric=(1,)),))]
    if sources:
        parts.append(Part(WORDS["sources"], (Facts(tuple(sources)),)))
    return parts


def _bridge(report: PortfolioReport) -> Part:
    bridge, cur = report.bridge, report.currency
    steps = [
        (WORDS["starting"], bridge.starting),
        (WORDS["expansion"], bridge.expansion),
        (WORDS["contraction"], bridge.contraction),
        (WORDS["churn"], bridge.churned),
        (WORDS["retained"], bridge.retained),
        (WORDS["new"].format(count=report.new_accounts), bridge.new),
    ]
    if bridge.reactivated:
        count = report.reactivated_accounts
        steps.append((WORDS["reactivated"].format(count=count), bridge.reactivated))
    steps.append((WORDS["ending"], bridge.ending))
    rows = tuple((label, money(amount, cur)) for label, amount in steps)
    return Part(WORDS["bridge"], (Table((WORDS["step"], WORDS["amount"]), rows, numeric=(1,)),))


def _unowned(count: int, names: Sequence[str]) -> str:
    if not count:
        return "0"
    shown = NAME_SEPARATOR.join(names[:LISTED_NAMES])
    if count > LISTED_NAMES:
        return WORDS["unowned_more"].format(count=count, names=shown, more=count - LISTED_NAMES)
    return WORDS["unowned"].format(count=count, names=shown)


def _renewals(report: PortfolioReport) -> Part:
    cur, renewals = report.currency, report.renewals
    rows = [
        (
            WORDS["days"].format(days=window.days),
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
                WORDS["overdue"],
                str(overdue.accounts),
                money(overdue.arr, cur),
                _unowned(overdue.unowned_accounts, overdue.unowned_names),
            )
        )
    columns = (WORDS["within"], WORDS["accounts"], WORDS["arr"], WORDS["without_owner"])
    blocks: list[ReportBlock] = [Table(columns, tuple(rows), numeric=(1, 2))]
    lines = []
    if renewals.undated_accounts:
        accounts = plural(renewals.undated_accounts, "active account")
        lines.append(WORDS["undated"].format(accounts=accounts))
    at_risk = renewals.at_risk_in_120
    if at_risk:
        lines.append(
            WORDS["at_risk_one"] if at_risk == 1 else WORDS["at_risk"].format(count=at_risk)
        )
    if lines:
        blocks.append(Lines(tuple(lines)))
    return Part(WORDS["renewals"], tuple(blocks))


def _concentration(report: PortfolioReport) -> Part:
    conc = report.concentration
    if conc.top5_share is None:
        block: ReportBlock = Lines((WORDS["not_available"].format(reason=conc.reason),))
    else:
        block = Facts(
            (
                (WORDS["top5"], percent(conc.top5_share)),
                (
                    WORDS["top_decile"].format(count=conc.top_decile_accounts),
                    percent(conc.top_decile_share or 0.0),
                ),
            )
        )
    return Part(WORDS["concentration"], (block,))


def _tiers(report: PortfolioReport) -> Part:
    cur = report.currency
    rows = tuple(
        (
            tier.tier,
            str(tier.accounts),
            money(tier.arr, cur),
            percent(tier.share),
            WORDS["span"].format(
                smallest=money(tier.smallest, cur), largest=money(tier.largest, cur)
            )
            if tier.accounts
            else "",
        )
        for tier in report.tiers
    )
    columns = (WORDS["tier"], WORDS["accounts"], WORDS["arr"], WORDS["share"], WORDS["range"])
    return Part(WORDS["tiers"], (Table(columns, rows, numeric=(1, 2, 3)),))


def _owners(report: PortfolioReport) -> Part:
    cur = report.currency
    low, high = report.book_size
    book_for = report.book_for or report.book_segment.replace("_", "-")
    rows = tuple(
        (
            book.owner,
            str(book.accounts),
            money(book.arr, cur),
            str(book.renewals_120),
            BOOK_WORDS.get(book.book, book.book),
        )
        for book in report.owners
    )
    columns = (
        WORDS["owner"],
        WORDS["accounts"],
        WORDS["arr"],
        WORDS["renewals_120"],
        WORDS["book"],
    )
    title = WORDS["owners"].format(book_for=book_for, low=low, high=high)
    return Part(title, (Table(columns, rows, numeric=(1, 2, 3)),))


def _ratio(value: float | None) -> str:
    return WORDS["n/a"] if value is None else percent(value)


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
        WORDS["segment"],
        WORDS["accounts"],
        WORDS["nrr"],
        WORDS["grr"],
        WORDS["logo_retention"],
        WORDS["new_accounts"],
    )
    return Part(WORDS["segments"], (Table(columns, rows, numeric=(1, 2, 3, 4, 5)),))


def _issues(title: str, issues: Sequence[RowIssue]) -> list[Part]:
    if not issues:
        return []
    lines = [str(issue) for issue in issues[:LISTED_ROWS]]
    if len(issues) > LISTED_ROWS:
        lines.append(WORDS["more"].format(count=len(issues) - LISTED_ROWS))
    return [Part(title, (Lines(tuple(lines)),))]


def _listed(title: str, lines: Sequence[str]) -> list[Part]:
    return [Part(title, (Lines(tuple(lines)),))] if lines else []


def build_portfolio_report(report: PortfolioReport) -> Report:
    """The portfolio diagnosis as one document, for the text and the Markdown report alike."""
    parts = [
        *_listed(WORDS["period_warnings"], report.period_warnings),
        *_listed(WORDS["column_warnings"], report.column_warnings),
        *_listed(WORDS["figure_warnings"], report.figure_warnings),
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
    parts += _issues(WORDS["excluded"].format(count=report.excluded_rows), report.excluded)
    warned_rows = plural(len({issue.row for issue in report.warnings}), "row")
    parts += _issues(WORDS["warnings"].format(rows=warned_rows), report.warnings)
    footer = [WORDS["footer_line"].format(row=row, text=text) for row, text in report.footer]
    parts += _listed(WORDS["footer"], footer)
    parts += _listed(WORDS["notes"], report.notes)
    title = WORDS["title"].format(source=report.source_details)
    return Report(title, _standfirst(report), tuple(parts), heading_end="")
