"""`advisor diagnose ACCOUNTS.csv [--as-of DATE]`: portfolio diagnostics from a CRM export.

Without --as-of the period ends on the latest start, end or close date in the file's rows
(never after today), and the command says so on stderr and in the report's notes.

Invalid input (an unreadable file, an unknown column in --map, a bad date) is refused with one
message naming the file, row or column, and exit code 2. Rows that cannot be counted are not
errors: the output lists each with its reason (and --strict turns them into code 2).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

from advisor.cli.options import (
    DATE_IN_ISO_FORMAT,
    UsageError,
    add_format_option,
    add_rules_option,
    date_parser,
)
from advisor.crm_import import (
    DELIMITERS,
    IMPORT_FIELDS,
    LAYOUTS,
    ExportError,
    ImportOptions,
    RowIssue,
    import_accounts_file,
    parse_overrides,
    parse_rates,
)
from advisor.crm_import.assignments import TARGET_WORDS, parse_status_assignments
from advisor.export.portfolio import LISTED_ROWS, render_json, render_markdown, render_text
from advisor.fields import Segment
from advisor.i18n import _, n_
from advisor.i18n.formats import number
from advisor.pack import RulePackError, load_pack
from advisor.portfolio import PortfolioReport, diagnose, proposed_as_of, why_nothing_counted

ERROR_PREFIX = "advisor diagnose: "
DELIMITER_NAMES = {name: char for char, name in DELIMITERS.items()}
RENDERERS = {"text": render_text, "json": render_json, "md": render_markdown}


def parse_delimiter(text: str) -> str:
    """A delimiter given as itself, as `\\t`, or by name (comma, semicolon, tab, pipe)."""
    if text in DELIMITERS:
        return text
    if text == "\\t":
        return "\t"
    if text.lower() in DELIMITER_NAMES:
        return DELIMITER_NAMES[text.lower()]
    raise argparse.ArgumentTypeError(
        _("'{text}' is not a delimiter; use comma, semicolon, tab or pipe", text=text)
    )


def _fields_epilog() -> str:
    lines = [_("fields for --map COLUMN=FIELD (or COLUMN=ignore):")]
    for name, item in IMPORT_FIELDS.items():
        lines.append(f"  {name:<15} {_(item.label)}")
    lines.append(_("presets for --preset NAME:"))
    for name, layout in LAYOUTS.items():
        if layout.detect:
            lines.append(f"  {name:<29} {layout.describe()}")
        else:
            # Translators: {layout} describes a CRM export layout.
            only = _("{layout}; not detected, named with --preset only", layout=layout.describe())
            lines.append(f"  {name:<29} {only}")
    return "\n".join(lines)


def register(commands: Any) -> argparse.ArgumentParser:
    """Add the `diagnose` command; its handler is `args.handler(args, stdout) -> exit code`."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "diagnose",
        help=_("portfolio diagnostics (NRR, GRR, logo retention, renewals due) from a CRM export"),
        description=(
            _(
                "Read a CRM export (CSV or XLSX: one row per account, or a system's deals or "
                "subscriptions, aggregated per account) and report retention over the accounts "
                "active at period start, renewals due, concentration, tiers and accounts per owner, "
                "each against the rule pack's targets. HubSpot, Salesforce, Pipedrive, Zoho, Close, "
                "Stripe and Holded (recurring invoices) exports are detected from their headers (or "
                "named with --preset)."
            )
        ),
        epilog=_fields_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("accounts", metavar="ACCOUNTS", help=_("the export: .csv or .xlsx"))
    parser.add_argument(
        "--as-of",
        type=date_parser(DATE_IN_ISO_FORMAT),
        metavar="DATE",
        help=_(
            "the date the export was taken (YYYY-MM-DD): the end of the period (default: the "
            "latest start, end or close date in the file's rows, never after today; said on stderr "
            "and in the notes)"
        ),
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=_("map a column to a field, overriding auto-detection (repeatable)"),
    )
    add_format_option(parser)
    parser.add_argument(
        "--period-months", type=int, default=12, metavar="N", help=_("period length (default 12)")
    )
    parser.add_argument(
        "--decimal", choices=(".", ","), help=_("decimal mark of amounts (default: detected)")
    )
    parser.add_argument("--encoding", help=_("text encoding (default: detected)"))
    parser.add_argument(
        "--delimiter",
        type=parse_delimiter,
        help=_("comma, semicolon, tab or pipe (default: detected)"),
    )
    parser.add_argument(
        "--date-format", metavar="FORMAT", help=_("strptime format of dates, e.g. %%d/%%m/%%Y")
    )
    parser.add_argument("--sheet", help=_("XLSX sheet name (default: the first sheet)"))
    _add_layout_and_money_options(parser)
    parser.add_argument(
        "--segment",
        choices=[s.value for s in Segment],
        help=_("segment whose book size owners are compared with (default mid_market)"),
    )
    add_rules_option(parser, help=_("rule pack file or folder (default: shipped)"), metavar=None)
    parser.add_argument(
        "--strict", action="store_true", help=_("exit with code 2 when any row is excluded")
    )
    parser.set_defaults(handler=run, error_prefix=ERROR_PREFIX)
    return parser


def _add_layout_and_money_options(parser: argparse.ArgumentParser) -> None:
    """--preset, --currency, --rate and --status: how the file's system, amounts and words read."""
    parser.add_argument(
        "--preset",
        choices=list(LAYOUTS),
        metavar="NAME",
        help=_(
            "read the file as this system's export layout (default: detected from the headers); "
            "one of {presets}",
            presets=", ".join(LAYOUTS),
        ),
    )
    parser.add_argument(
        "--currency",
        type=str.upper,
        metavar="CODE",
        help=_("the case's currency, for amounts nothing in the file marks (default: the file's)"),
    )
    parser.add_argument(
        "--rate",
        action="append",
        default=[],
        metavar="CODE=RATE",
        help=_(
            "exchange rate of another currency in the file, e.g. USD=0.92 (one USD is worth "
            "0.92 of the report's currency); repeatable. Without one, rows in another currency are "
            "refused"
        ),
    )
    parser.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="WORD=MEANING",
        help=_(
            "read a status word the reader does not know as one it does, e.g. 'Contrato "
            "enviado=open'; meanings: {meanings}; repeatable. Without one, rows with an unknown "
            "status are refused",
            meanings=TARGET_WORDS,
        ),
    )


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Write the report to stdout; refuse an export with no countable account (or, with
    --strict, any excluded row). Without --as-of, stderr says which date the period ends on."""
    report = _report(args)
    if args.as_of is None:
        sys.stderr.write(f"{ERROR_PREFIX}{report.notes[0]}\n")
    if report.accounts_counted == 0:
        raise _refusal(
            _(
                "{source}: no account could be counted: {reasons}",
                source=report.source,
                reasons=why_nothing_counted(report),
            ),
            report.excluded[:LISTED_ROWS],
        )
    if args.strict and report.excluded:
        raise _refusal(
            n_(
                "{source}: {count} row excluded (--strict)",
                "{source}: {count} rows excluded (--strict)",
                report.excluded_rows,
                source=report.source,
                count=number(report.excluded_rows),
            ),
            report.excluded,
        )
    stdout.write(RENDERERS[args.format](report))
    return 0


def _report(args: argparse.Namespace) -> PortfolioReport:
    try:
        options = ImportOptions(
            mapping=parse_overrides(args.map),
            encoding=args.encoding,
            delimiter=args.delimiter,
            decimal=args.decimal,
            date_format=args.date_format,
            sheet=args.sheet,
            preset=args.preset,
            currency=args.currency,
            rates=parse_rates(args.rate),
            statuses=parse_status_assignments(args.status),
        )
        imported = import_accounts_file(args.accounts, options)
        pack = load_pack(args.rules)
        today = date.today()
        proposal = (
            None
            if args.as_of
            else proposed_as_of(imported.latest_date, today, imported.latest_date_on(today))
        )
        as_of: date = proposal.day if proposal else args.as_of
        report = diagnose(
            imported,
            as_of,
            pack,
            period_months=args.period_months,
            segment=args.segment,
            today=today,
        )
        if proposal:
            # Translators: {reason} says where the date comes from ("the latest date in …").
            report.notes.insert(
                0,
                _(
                    "no --as-of given: the period ends on {date}, {reason}",
                    date=as_of.isoformat(),
                    reason=proposal.reason,
                ),
            )
        return report
    except ExportError as error:
        raise _refusal(str(error)) from None
    except RulePackError as error:
        raise _refusal(_("rule pack refused:\n{error}", error=error)) from None
    except ValueError as error:
        raise _refusal(str(error)) from None


def _refusal(message: str, issues: Sequence[RowIssue] = ()) -> UsageError:
    """The message, then each row issue on its own indented line."""
    return UsageError.single("\n".join([message, *(f"  {issue}" for issue in issues)]))
