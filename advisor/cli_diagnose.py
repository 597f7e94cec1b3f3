"""`advisor diagnose ACCOUNTS.csv --as-of DATE`: portfolio diagnostics from a CRM export.

Invalid input (an unreadable file, an unknown column in --map, a bad date) prints one message
on stderr naming the file, row or column, and exits with code 2. Rows that cannot be counted
are not errors: the output lists each with its reason (and --strict turns them into code 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from advisor.crm_import import (
    DELIMITERS,
    IGNORE,
    IMPORT_FIELDS,
    ExportError,
    ImportOptions,
    RowIssue,
    import_accounts_file,
    parse_overrides,
)
from advisor.portfolio import NO_OWNER, PortfolioReport, diagnose
from advisor.profile import Segment
from advisor.rules import RulePackError, load_pack
from advisor.wording import money, percent

EXIT_INVALID = 2
LISTED_ROWS = 50  # text and Markdown list this many excluded rows; JSON lists them all
DELIMITER_NAMES = {name: char for char, name in DELIMITERS.items()}


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date in the format YYYY-MM-DD"
        ) from None


def _delimiter(text: str) -> str:
    if text in DELIMITERS:
        return text
    if text == "\\t":
        return "\t"
    if text.lower() in DELIMITER_NAMES:
        return DELIMITER_NAMES[text.lower()]
    raise argparse.ArgumentTypeError(
        f"'{text}' is not a delimiter; use comma, semicolon, tab or pipe"
    )


def _fields_epilog() -> str:
    lines = ["fields for --map COLUMN=FIELD (or COLUMN=ignore):"]
    for name, item in IMPORT_FIELDS.items():
        lines.append(f"  {name:<15} {item.label}")
    return "\n".join(lines)


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `diagnose` subcommand; its handler is `args.handler(args, stdout) -> exit code`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "diagnose",
        help="portfolio diagnostics (NRR, GRR, logo retention, renewals due) from a CRM export",
        description=(
            "Read a CRM accounts export (CSV or XLSX, one row per account) and report retention "
            "over the accounts active at period start, renewals due, concentration, tiers and "
            "accounts per owner, each against the rule pack's targets."
        ),
        epilog=_fields_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    parser.set_defaults(handler=run)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("accounts", metavar="ACCOUNTS", help="the export: .csv or .xlsx")
    parser.add_argument(
        "--as-of",
        required=True,
        type=_as_of,
        metavar="DATE",
        help="the date the export was taken (YYYY-MM-DD): the end of the period",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="map a column to a field, overriding auto-detection (repeatable)",
    )
    parser.add_argument("--format", choices=("text", "json", "md"), default="text")
    parser.add_argument(
        "--period-months", type=int, default=12, metavar="N", help="period length (default 12)"
    )
    parser.add_argument(
        "--decimal", choices=(".", ","), help="decimal mark of amounts (default: detected)"
    )
    parser.add_argument("--encoding", help="text encoding (default: detected)")
    parser.add_argument(
        "--delimiter",
        type=_delimiter,
        help="comma, semicolon, tab or pipe (default: detected)",
    )
    parser.add_argument(
        "--date-format", metavar="FORMAT", help="strptime format of dates, e.g. %%d/%%m/%%Y"
    )
    parser.add_argument("--sheet", help="XLSX sheet name (default: the first sheet)")
    parser.add_argument(
        "--segment",
        choices=[s.value for s in Segment],
        help="segment whose book size owners are compared with (default mid_market)",
    )
    parser.add_argument("--rules", type=Path, help="rule pack file or folder (default: shipped)")
    parser.add_argument(
        "--strict", action="store_true", help="exit with code 2 when any row is excluded"
    )


def run(args: argparse.Namespace, stdout: TextIO | None = None) -> int:
    """Handle `advisor diagnose`: write the report to stdout and return the exit code."""
    out = stdout or sys.stdout
    try:
        overrides = parse_overrides(args.map)
        options = ImportOptions(
            mapping=overrides,
            encoding=args.encoding,
            delimiter=args.delimiter,
            decimal=args.decimal,
            date_format=args.date_format,
            sheet=args.sheet,
        )
        imported = import_accounts_file(args.accounts, options)
        pack = load_pack(args.rules)
        report = diagnose(
            imported,
            args.as_of,
            pack,
            period_months=args.period_months,
            segment=args.segment,
        )
    except ExportError as error:
        return _fail(str(error))
    except RulePackError as error:
        return _fail(f"rule pack refused:\n{error}")
    except ValueError as error:
        return _fail(str(error))
    if report.accounts_counted == 0:
        return _fail(f"{report.source}: no account could be counted", report.excluded[:LISTED_ROWS])
    if args.strict and report.excluded:
        return _fail(
            f"{report.source}: {report.excluded_rows} rows excluded (--strict)",
            report.excluded,
        )
    renderers = {"text": render_text, "json": render_json, "md": render_markdown}
    out.write(renderers[args.format](report))
    return 0


def _fail(message: str, issues: Sequence[RowIssue] = ()) -> int:
    print(f"advisor diagnose: {message}", file=sys.stderr)
    for issue in issues:
        print(f"  {issue}", file=sys.stderr)
    return EXIT_INVALID


# ---------------------------------------------------------------------------------------------
# Renderers


def render_json(report: PortfolioReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _status(status: str | None) -> str:
    return status or "—"


def _window_text(report: PortfolioReport, days: int) -> str:
    window = report.renewals.window(days)
    text = f"{window.accounts:>3} accounts  {money(window.arr, report.currency):>12}"
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
        ("= Ending ARR", bridge.ending),
    ]


def _summary_line(report: PortfolioReport) -> str:
    return (
        f"Period {report.period_start.isoformat()} → {report.as_of.isoformat()} · "
        f"{report.rows_read} rows read · {report.accounts_counted} accounts counted · "
        f"{report.excluded_rows} rows excluded"
    )


def render_text(report: PortfolioReport) -> str:
    cur = report.currency
    out = [f"Portfolio diagnostics: {report.source_details}", _summary_line(report), ""]
    out += [f"  {line}" for line in report.headlines()]
    out += [
        "",
        (
            f"Retention over the {report.cohort_accounts} accounts active on "
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
            f"  overdue:        {overdue.accounts:>3} accounts  {money(overdue.arr, cur):>12}"
        )
    if report.renewals.undated_accounts:
        undated = report.renewals.undated_accounts
        out.append(f"  no renewal date: {undated} active account{'s' if undated != 1 else ''}")
    if report.renewals.at_risk_in_120:
        out.append(
            f"  {report.renewals.at_risk_in_120} renewals in the next 120 days are on accounts "
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
    out += [
        "",
        f"Accounts per owner (book size {report.book_segment.replace('_', '-')}: {low}–{high})",
    ]
    for book in report.owners:
        flag = {"over": "over the range", "under": "under the range", "none": "unowned"}.get(
            book.book, ""
        )
        out.append(
            f"  {book.owner:<24} {book.accounts:>4} accounts  {money(book.arr, cur):>14}  "
            f"{book.renewals_120:>3} renewals in 120 days  {flag}".rstrip()
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
        f"Warnings: {len({i.row for i in report.warnings})} rows counted with a value set aside",
        report.warnings,
    )
    if report.notes:
        out += ["", "Notes"] + [f"  {note}" for note in report.notes]
    return "\n".join(out) + "\n"


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
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: PortfolioReport) -> str:
    cur = report.currency
    out = [f"# Portfolio diagnostics: {_md(report.source)}", "", _md(_summary_line(report)), ""]
    out += [f"- {_md(line)}" for line in report.headlines()]
    out += [
        "",
        (
            f"## Retention over the {report.cohort_accounts} accounts active on "
            f"{report.period_start.isoformat()}"
        ),
        "",
        "| Metric | Value | Status | Target | Source |",
        "|---|---:|---|---|---|",
    ]
    for metric in report.metrics:
        target = metric.target_text() if metric.value is not None else _md(metric.reason)
        source = metric.target.source if metric.target else ""
        out.append(
            f"| {metric.label} | {metric.shown(cur)} | {_status(metric.status)} | "
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
    if report.notes:
        out += ["", "## Notes", ""] + [f"- {_md(note)}" for note in report.notes]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run the subcommand on its own (python -m advisor.cli_diagnose ...)."""
    parser = argparse.ArgumentParser(prog="advisor diagnose", epilog=_fields_epilog())
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run(args, stdout)


__all__ = ["IGNORE", "NO_OWNER", "main", "register", "run"]

if __name__ == "__main__":
    raise SystemExit(main())
