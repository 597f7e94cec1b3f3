"""`advisor brief PROFILE --format md|docx|pdf|json --out FILE [--rules PATH]`: the hiring brief.

With `--appendix` it writes the brief's method appendix instead (the rule pack, the rules that
fired, the inputs, the thresholds and the source documents), which the brief points to.

`advisor brief --client NAME --scenario NAME` briefs a saved case instead: on the rule pack it
was saved with, with its role edits, and for a workshop's consensus kept as a case with the
appendix on where the team disagreed (the brief the app gives); the export is noted in the
client's audit trail.

Invalid input (a profile or rule pack that does not validate, bad role edits, a binary format
without --out, an output that cannot be written) is refused with exit code 2 and nothing is
written. `--charts-dir DIR` writes a Markdown brief's charts as PNG files and links them.
Charts that cannot be drawn are not errors: the document says they were omitted and a
note goes to stderr; so do characters a PDF's fonts cannot draw (each shown as "�").
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from advisor.brief import Brief, method_appendix, prepare_brief
from advisor.cli.options import (
    DATE_IN_ISO_FORMAT,
    UsageError,
    add_db_option,
    add_format_option,
    add_out_option,
    add_rules_option,
    date_parser,
    write_atomically,
)
from advisor.cli.workshop import add_consensus_option, workshop_result
from advisor.export import (
    CHARTS_OFF,
    FORMATS,
    IMAGE_FORMATS,
    attach_charts,
    render_noted,
)
from advisor.export.markdown import render as render_markdown
from advisor.i18n import _
from advisor.pack import load_pack
from advisor.profile import load_profile
from advisor.profile_values import parse_rate
from advisor.role import RoleEditError, RoleEdits, RoleInputs, parse_edits
from advisor.textsafety import terminal_safe
from advisor.yamlio import read_document

EXTENSIONS = {".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf", ".json": "json"}
STANDARD_OUTPUT = "-"


def register(commands: Any) -> argparse.ArgumentParser:
    """Add the `brief` command; its handler is `args.handler(args, stdout) -> exit code`."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "brief",
        help=_("export the hiring brief and role definition (Markdown, DOCX, PDF or JSON)"),
        description=(
            _(
                "Assess a company profile and export the brief: verdict and reasons, the numbers, "
                "the drafted role, metrics, compensation, cadence, renewal playbook, handover, "
                "onboarding and mistakes to avoid; --appendix exports its method appendix (rules, "
                "inputs and sources) instead."
            )
        ),
    )
    parser.add_argument(
        "profile",
        nargs="?",
        help=_(
            "company profile (YAML or JSON), e.g. examples/northwind-hire-now.yaml (or give "
            "--client and --scenario)"
        ),
    )
    parser.add_argument(
        "--client",
        metavar="NAME",
        help=_("brief a saved case of this client (its name in any case) instead of a file"),
    )
    parser.add_argument(
        "--scenario", metavar="NAME", help=_("with --client: the saved case's scenario name")
    )
    add_db_option(parser)
    add_format_option(
        parser,
        FORMATS,
        default=None,
        help=_("md, docx, pdf or json (default: from the extension of --out, else md)"),
    )
    add_out_option(
        parser, _("write the brief here; omitted or '-': standard output (md and json only)")
    )
    add_rules_option(parser)
    parser.add_argument(
        "--role-edits",
        metavar="FILE",
        help=_(
            "YAML or JSON with your edits to the drafted role (title, mission, "
            "responsibilities, tiers, playbook, handover, onboarding, compensation, ...)"
        ),
    )
    parser.add_argument(
        "--top-accounts-share",
        metavar="RATE",
        help=_("share of revenue held by the three largest accounts, e.g. 55%% (shapes the role)"),
    )
    parser.add_argument(
        "--appendix",
        action="store_true",
        help=_(
            "export the brief's method appendix (rule pack, rules that fired, inputs, "
            "thresholds, source documents) instead of the brief"
        ),
    )
    parser.add_argument(
        "--no-charts",
        action="store_true",
        help=_("leave the charts out of DOCX and PDF"),
    )
    parser.add_argument(
        "--charts-dir",
        metavar="DIR",
        help=_(
            "Markdown only: write the charts as PNG files in DIR (created if missing) and "
            "show them in the brief"
        ),
    )
    parser.add_argument(
        "--workshop",
        nargs="+",
        default=[],
        metavar="ANSWERS",
        help=_(
            "answers files of a workshop (as for `advisor workshop compare`): the brief is "
            "built on the team's consensus and ends with where the team disagreed"
        ),
    )
    add_consensus_option(parser)
    parser.add_argument(
        "--date",
        type=date_parser(DATE_IN_ISO_FORMAT),
        metavar="YYYY-MM-DD",
        help=_("date printed on the brief (default: today)"),
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    fmt = brief_format(args.format, args.out)
    to_stdout = not args.out or args.out == STANDARD_OUTPUT
    if to_stdout and fmt not in ("md", "json"):
        # Translators: {format} is a file format's name (DOCX, PDF)
        message = _("a {format} brief is a binary file: give --out FILE", format=fmt)
        raise UsageError.single(message)
    if args.charts_dir and fmt != "md":
        raise UsageError.single(
            _("--charts-dir: only a Markdown brief links chart files, not {format}", format=fmt)
        )
    brief = _build(args, fmt)
    links = _write_charts(brief, args.charts_dir, None if to_stdout else args.out)
    data, notes = (render_markdown(brief, links), ()) if links else render_noted(brief, fmt)
    if to_stdout:
        stdout.write(data.decode("utf-8"))
        return 0
    target = Path(args.out)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError.single(
            _("{file}: the folder {folder} does not exist", file=target, folder=folder)
        )
    write_atomically(args.out, data)
    for note in notes:
        print(_("note: {note}", note=terminal_safe(note)), file=sys.stderr)
    return 0


def brief_format(chosen: str | None, out: str | None) -> str:
    """The --format given, else the one the --out file's extension names, else Markdown."""
    if chosen:
        return chosen
    if out and out != STANDARD_OUTPUT:
        suffix = Path(out).suffix.lower()
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
        raise UsageError.single(
            # Translators: {formats} are the format names, as in "md|docx|pdf|json"
            _(
                "cannot tell the format from '{file}'; add --format {formats}",
                file=out,
                formats="|".join(FORMATS),
            )
        )
    return "md"


def _role_edits(path: str | None) -> RoleEdits | None:
    if not path:
        return None
    try:
        return parse_edits(read_document(path))
    except RoleEditError as error:
        raise UsageError.single(
            "\n".join(
                _("{file}: {problem}", file=path, problem=problem) for problem in error.problems
            )
        ) from None


def _role_inputs(top_accounts_share: str | None) -> RoleInputs:
    if top_accounts_share is None:
        return RoleInputs()
    try:
        return RoleInputs(top_accounts_share=parse_rate(top_accounts_share))
    except ValueError as error:
        raise UsageError.single(_("--top-accounts-share: {problem}", problem=error)) from None


def _write_charts(brief: Brief, folder: str | None, out: str | None) -> dict[str, str]:
    """Write each chart as PNG in `folder`; the links, relative to the Markdown file's folder."""
    if not folder:
        return {}
    from advisor.export.chart_paint import CHART_WIDTH_PT, chart_png

    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError.single(
            # Translators: {reason} is the system's own reason, as it gives it
            _("--charts-dir {folder}: cannot create it: {reason}", folder=folder, reason=error)
        ) from None
    stem = Path(out).stem if out else "brief"
    home = Path(out).resolve().parent if out else Path.cwd()
    brief = attach_charts(brief)[0]
    links = {}
    for chart in brief.charts():
        if chart.content is None:
            continue
        path = target / f"{stem}-{chart.key}.png"
        height = CHART_WIDTH_PT * chart.height / chart.width
        write_atomically(path, chart_png(chart.content, CHART_WIDTH_PT, height))
        links[chart.key] = Path(os.path.relpath(path.resolve(), home)).as_posix()
    return links


def _source(args: argparse.Namespace) -> None:
    """Refuse a brief that names no case, or two, or a saved case with a file's options."""
    from advisor.cli.saved import check_case_source  # here: it loads the workspace

    file_options: list[tuple[str, object]] = [
        ("--rules", args.rules),
        ("--role-edits", args.role_edits),
        ("--workshop", args.workshop),
        ("--consensus", args.consensus),
    ]
    check_case_source(args, file_options, "rule pack, role edits and workshop", path="--client")


def _saved_brief(args: argparse.Namespace, fmt: str) -> Brief:
    """The brief of the saved case --client/--scenario, its export noted in the client's trail."""
    from advisor.cli.options import open_workspace
    from advisor.cli.saved import find_saved_case
    from advisor.workspace.consensus import case_brief

    with open_workspace(args) as workspace:
        client, summary = find_saved_case(workspace, args.client, args.scenario)
        case = workspace.open_case(summary.id)
        brief = case_brief(
            case,
            workspace.case_pack(summary.id),
            args.date,
            _role_inputs(args.top_accounts_share),
        ).with_cover(workspace.branding.read(), client.name)
        document = "brief-appendix" if args.appendix else "brief"
        workspace.record_export(client.id, summary.id, f"{document}.{fmt}")
    return brief


def _branded(brief: Brief, args: argparse.Namespace) -> Brief:
    """A profile file's brief, prepared by the consultancy `--db`'s workspace names (none
    without --db: a file's brief touches no database unless one is given)."""
    if not args.db:
        return brief
    from advisor.cli.options import open_workspace

    with open_workspace(args) as workspace:
        return brief.with_cover(workspace.branding.read())


def _build(args: argparse.Namespace, fmt: str) -> Brief:
    brief = _brief(args, fmt)
    return method_appendix(brief) if args.appendix else brief


def _brief(args: argparse.Namespace, fmt: str) -> Brief:
    _source(args)
    if args.client is not None:
        return _with_charts(_saved_brief(args, fmt), args, fmt)
    profile = load_profile(args.profile)
    pack = load_pack(args.rules or None)
    edits = _role_edits(args.role_edits)
    inputs = _role_inputs(args.top_accounts_share)
    if args.consensus and not args.workshop:
        raise UsageError.single(_("--consensus: give the workshop's answers with --workshop"))
    workshop = (
        workshop_result(profile, args.workshop, args.consensus, pack) if args.workshop else None
    )
    brief = prepare_brief(
        profile, pack, edits=edits, inputs=inputs, prepared_on=args.date, workshop=workshop
    )
    return _with_charts(_branded(brief, args), args, fmt)


def _with_charts(brief: Brief, args: argparse.Namespace, fmt: str) -> Brief:
    if fmt in IMAGE_FORMATS:
        if args.no_charts:
            brief = brief.without_charts(_(CHARTS_OFF))
        else:
            brief, report = attach_charts(brief)
            if report.omitted:
                # Translators: {charts} names the charts left out
                print(_("note: charts omitted: {charts}", charts=report.omitted), file=sys.stderr)
    return brief
