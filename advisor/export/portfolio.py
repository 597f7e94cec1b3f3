"""The portfolio report as plain text for the terminal, Markdown for sharing, and strict JSON.

Data in, text out. The Markdown escapes every piece of text that comes from the export or the
rule pack (account and owner names, columns, reasons, sources), so a name cannot become a link,
an image, HTML or formatting.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from advisor.crm_import import RowIssue
from advisor.portfolio import PortfolioReport
from advisor.textsafety import escape_markdown, terminal_safe
from advisor.wording import money, percent, plural

LISTED_ROWS = 50  # text and Markdown list this many excluded rows; JSON lists them all


def render_json(report: PortfolioReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _status(status: str | None) -> str:
    return status or "—"


def _window_text(report: PortfolioReport, days: int) -> str:
    window = report.renewals.window(days)
    noun = "account " if window.accounts == 1 else "accounts"
    text = f"{window.accounts:>3} {noun}  {money(window.arr, report.currency):>12}"
    if window.unowned_accounts:
        names = ", ".join(window.unowned_names[:5])
        more = f" and {window.unowned_accounts - 5} more" if window.unowned_accounts > 5 else ""
        text += f"  no owner: {window.unowned_accounts} ({names}{more})"
    return text


def _bridge_rows(report: PortfolioReport) -> list[tuple[str, float]]:
    bridge = report.bridge
    return [
        ("Starting ARR", bridge.starting),
        ("+ Expansion", bridge.expansion),
        ("− Contraction", bridge.contraction),
        ("− Churn", bridge.churned),
        ("= Retained ARR", bridge.retained),
        (f"+ New accounts ({report.new_accounts})", bridge.new),
        *(
            [(f"+ Reactivated ({report.reactivated_accounts})", bridge.reactivated)]
            if bridge.reactivated
            else []
        ),
        ("= Ending ARR", bridge.ending),
    ]


def _summary_line(report: PortfolioReport) -> str:
    return (
        f"Period {report.period_start.isoformat()} → {report.as_of.isoformat()} · "
        f"{plural(report.rows_read, 'row')} read · "
        f"{plural(report.accounts_counted, 'account')} counted · "
        f"{plural(report.excluded_rows, 'row')} excluded"
    )


def _currency_line(report: PortfolioReport) -> str:
    source = f" ({report.currency_source})" if report.currency_source else ""
    return f"Amounts in {report.currency}{source}"


def _footer_lines(report: PortfolioReport) -> list[str]:
    return [f"row {row}: {text}" for row, text in report.footer]


def _warning_lines(report: PortfolioReport) -> list[str]:
    """How recent the figures are, the column warnings, then the figure warnings, each under
    its title, as the text report opens."""
    out: list[str] = []
    for title, lines in (
        ("How recent the figures are", report.period_warnings),
        ("Column warnings", report.column_warnings),
        ("Figure warnings", report.figure_warnings),
    ):
        if lines:
            out += ["", title, *(f"  {line}" for line in lines)]
    return out


def render_text(report: PortfolioReport) -> str:
    cur = report.currency
    out = [
        f"Portfolio diagnostics: {report.source_details}",
        _summary_line(report),
        _currency_line(report),
        *_warning_lines(report),
        "",
    ]
    out += [f"  {line}" for line in report.headlines()]
    out += [
        "",
        (
            f"Retention over the {plural(report.cohort_accounts, 'account')} active on "
            f"{report.period_start.isoformat()} (new accounts reported apart)"
        ),
    ]
    for metric in report.metrics:
        value = metric.shown(cur)
        line = f"  {metric.label:<26} {value:>7}  {_status(metric.status):<8}"
        if metric.value is None:
            line += f" {metric.reason}"
        elif metric.target:
            line += f" {metric.target_text()}"
        out.append(line.rstrip())
    out += ["", "ARR bridge"]
    for label, amount in _bridge_rows(report):
        out.append(f"  {label:<24} {money(amount, cur):>14}")
    out += ["", "Renewals due (active accounts, from the as-of date)"]
    for window in report.renewals.windows:
        out.append(f"  next {window.days:>3} days: {_window_text(report, window.days)}")
    overdue = report.renewals.overdue
    if overdue.accounts:
        out.append(
            f"  overdue:        {overdue.accounts:>3} "
            f"{'account ' if overdue.accounts == 1 else 'accounts'}  {money(overdue.arr, cur):>12}"
        )
    if report.renewals.undated_accounts:
        undated = report.renewals.undated_accounts
        out.append(f"  no renewal date: {undated} active account{'s' if undated != 1 else ''}")
    if report.renewals.at_risk_in_120:
        out.append(
            f"  {plural(report.renewals.at_risk_in_120, 'renewal')} in the next 120 days "
            f"{'is' if report.renewals.at_risk_in_120 == 1 else 'are'} on accounts "
            "with an at-risk health label"
        )
    conc = report.concentration
    out += ["", "Concentration of ending ARR"]
    if conc.top5_share is None:
        out.append(f"  n/a: {conc.reason}")
    else:
        out.append(f"  top 5 accounts:        {percent(conc.top5_share)}")
        out.append(
            f"  top 10% ({conc.top_decile_accounts} accounts): "
            f"{percent(conc.top_decile_share or 0.0)}"
        )
    out += ["", "Tiers (ABC by cumulative ARR: A up to 80%, B up to 95%, C the rest)"]
    for tier in report.tiers:
        out.append(
            f"  {tier.tier}: {tier.accounts:>4} accounts  {money(tier.arr, cur):>14}  "
            f"{percent(tier.share):>6}"
            + (
                f"  ({money(tier.smallest, cur)}–{money(tier.largest, cur)})"
                if tier.accounts
                else ""
            )
        )
    low, high = report.book_size
    book_for = report.book_for or report.book_segment.replace("_", "-")
    out += [
        "",
        f"Accounts per owner (book size {book_for}: {low}–{high})",
    ]
    for book in report.owners:
        flag = {"over": "over the range", "under": "under the range", "none": "unowned"}.get(
            book.book, ""
        )
        out.append(
            f"  {book.owner:<24} {book.accounts:>4} "
            f"{'account ' if book.accounts == 1 else 'accounts'}  {money(book.arr, cur):>14}  "
            f"{book.renewals_120:>3} {'renewal ' if book.renewals_120 == 1 else 'renewals'} "
            f"in 120 days  {flag}".rstrip()
        )
    if report.segments:
        out += ["", "Retention by segment"]
        for seg in report.segments:
            out.append(
                f"  {seg.segment:<16} {seg.cohort_accounts:>4} accounts  NRR "
                f"{_ratio(seg.nrr.value):>6}  GRR {_ratio(seg.grr.value):>6}  logo retention "
                f"{_ratio(seg.logo_retention.value):>6}  new {seg.new_accounts}"
            )
    out += _issue_section(f"Excluded rows: {report.excluded_rows}", report.excluded)
    out += _issue_section(
        f"Warnings: {plural(len({i.row for i in report.warnings}), 'row')} counted with a value "
        "set aside",
        report.warnings,
    )
    out += _closing_text(report)
    return terminal_safe("\n".join(out) + "\n")


def _closing_text(report: PortfolioReport) -> list[str]:
    """The skipped footer lines and the notes, as the text report ends."""
    out: list[str] = []
    if report.footer:
        out += ["", "Report footer skipped (not rows)"] + [f"  {x}" for x in _footer_lines(report)]
    if report.notes:
        out += ["", "Notes"] + [f"  {note}" for note in report.notes]
    return out


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else percent(value)


def _issue_section(title: str, issues: Sequence[RowIssue]) -> list[str]:
    if not issues:
        return []
    lines = ["", title]
    lines += [f"  {issue}" for issue in issues[:LISTED_ROWS]]
    if len(issues) > LISTED_ROWS:
        lines.append(f"  … and {len(issues) - LISTED_ROWS} more (all are listed in --format json)")
    return lines


def _md(text: str) -> str:
    """User or pack text as literal Markdown: no links, images, HTML or emphasis."""
    return escape_markdown(text)


def render_markdown(report: PortfolioReport) -> str:
    cur = report.currency
    out = [
        f"# Portfolio diagnostics: {_md(report.source)}",
        "",
        _md(_summary_line(report)),
        "",
        _md(_currency_line(report)),
        "",
    ]
    if report.period_warnings:
        out += ["## How recent the figures are", ""]
        out += [f"- {_md(w)}" for w in report.period_warnings] + [""]
    if report.column_warnings:
        out += ["## Column warnings", ""] + [f"- {_md(w)}" for w in report.column_warnings] + [""]
    if report.figure_warnings:
        out += ["## Figure warnings", ""] + [f"- {_md(w)}" for w in report.figure_warnings] + [""]
    out += [f"- {_md(line)}" for line in report.headlines()]
    out += [
        "",
        (
            f"## Retention over the {plural(report.cohort_accounts, 'account')} active on "
            f"{report.period_start.isoformat()}"
        ),
        "",
        "| Metric | Value | Status | Target | Source |",
        "|---|---:|---|---|---|",
    ]
    for metric in report.metrics:
        target = metric.target_text() if metric.value is not None else metric.reason
        source = metric.target.source if metric.target else ""
        out.append(
            f"| {_md(metric.label)} | {metric.shown(cur)} | {_status(metric.status)} | "
            f"{_md(target)} | {_md(source)} |"
        )
    out += ["", "## ARR bridge", "", "| Step | Amount |", "|---|---:|"]
    out += [f"| {label} | {money(amount, cur)} |" for label, amount in _bridge_rows(report)]
    out += [
        "",
        "## Renewals due",
        "",
        "| Within | Accounts | ARR | Without owner |",
        "|---|---:|---:|---|",
    ]
    for window in report.renewals.windows:
        names = ", ".join(_md(n) for n in window.unowned_names)
        unowned = f"{window.unowned_accounts} ({names})" if window.unowned_accounts else "0"
        out.append(
            f"| {window.days} days | {window.accounts} | {money(window.arr, cur)} | {unowned} |"
        )
    overdue = report.renewals.overdue
    if overdue.accounts:
        out.append(
            f"| overdue | {overdue.accounts} | {money(overdue.arr, cur)} | "
            f"{overdue.unowned_accounts} |"
        )
    conc = report.concentration
    out += ["", "## Concentration", ""]
    if conc.top5_share is None:
        out.append(f"n/a: {conc.reason}")
    else:
        out.append(f"- Top 5 accounts: {percent(conc.top5_share)} of ending ARR")
        out.append(
            f"- Top 10% ({conc.top_decile_accounts} accounts): "
            f"{percent(conc.top_decile_share or 0.0)} of ending ARR"
        )
    out += ["", "## Tiers", "", "| Tier | Accounts | ARR | Share |", "|---|---:|---:|---:|"]
    out += [
        f"| {t.tier} | {t.accounts} | {money(t.arr, cur)} | {percent(t.share)} |"
        for t in report.tiers
    ]
    low, high = report.book_size
    out += [
        "",
        f"## Accounts per owner (book size {low}–{high})",
        "",
        "| Owner | Accounts | ARR | Renewals in 120 days | Book |",
        "|---|---:|---:|---:|---|",
    ]
    out += [
        f"| {_md(b.owner)} | {b.accounts} | {money(b.arr, cur)} | {b.renewals_120} | {b.book} |"
        for b in report.owners
    ]
    for title, issues in (("Excluded rows", report.excluded), ("Warnings", report.warnings)):
        if not issues:
            continue
        out += ["", f"## {title} ({len(issues)})", "", "| Row | Account | Column | Reason |"]
        out.append("|---:|---|---|---|")
        out += [
            f"| {i.row} | {_md(i.account)} | {_md(i.column)} | {_md(i.message)} |"
            for i in issues[:LISTED_ROWS]
        ]
        if len(issues) > LISTED_ROWS:
            out.append(f"\n… and {len(issues) - LISTED_ROWS} more (see --format json).")
    if report.footer:
        out += ["", "## Report footer skipped (not rows)", ""]
        out += [f"- {_md(line)}" for line in _footer_lines(report)]
    if report.notes:
        out += ["", "## Notes", ""] + [f"- {_md(note)}" for note in report.notes]
    return "\n".join(out) + "\n"
