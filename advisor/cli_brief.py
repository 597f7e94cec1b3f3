"""`advisor brief PROFILE --format md|docx|pdf|json --out FILE [--rules PATH]`: the hiring brief.

Invalid input (a profile or rule pack that does not validate, bad role edits, a binary format
without --out, an output that cannot be written) prints the problem on stderr and exits with
code 2; nothing is written. Charts that cannot be drawn are not errors: the document says they
were omitted and a note goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from advisor.export import CHARTS_OFF, FORMATS, IMAGE_FORMATS, attach_charts, prepare_brief, render
from advisor.profile import ProfileError, load_profile, parse_rate
from advisor.role import RoleEditError, RoleInputs, parse_edits
from advisor.rules import RulePackError, load_pack
from advisor.yamlio import DocumentError, read_document

EXIT_INVALID = 2
EXTENSIONS = {".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf", ".json": "json"}


class BriefUsageError(ValueError):
    """The command line asks for something that cannot be done."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date in the format YYYY-MM-DD"
        ) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "profile", help="company profile (YAML or JSON), e.g. examples/northwind-hire-now.yaml"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="md, docx, pdf or json (default: from the extension of --out, else md)",
    )
    parser.add_argument(
        "--out",
        metavar="FILE",
        help="write the brief here; omitted or '-': standard output (md and json only)",
    )
    parser.add_argument(
        "--rules", metavar="PATH", help="rule pack file or folder (default: the shipped pack)"
    )
    parser.add_argument(
        "--role-edits",
        metavar="FILE",
        help="YAML or JSON with your edits to the drafted role (title, mission, "
        "responsibilities, tiers, playbook, handover, onboarding, compensation, ...)",
    )
    parser.add_argument(
        "--top-accounts-share",
        metavar="RATE",
        help="share of ARR held by the three largest accounts, e.g. 55%% (shapes the role)",
    )
    parser.add_argument(
        "--no-charts",
        action="store_true",
        help="leave the charts out of DOCX and PDF (faster; no browser needed)",
    )
    parser.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="date printed on the brief (default: today)",
    )


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `brief` subcommand; its handler is `args.handler(args, stdout) -> exit code`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "brief",
        help="export the hiring brief and role definition (Markdown, DOCX, PDF or JSON)",
        description=(
            "Assess a company profile and export the brief: verdict and reasons, the numbers, "
            "the drafted role, metrics, compensation, cadence, renewal playbook, handover, "
            "onboarding, mistakes to avoid and an appendix of rules and sources."
        ),
    )
    add_arguments(parser)
    parser.set_defaults(handler=run)
    return parser


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.out and args.out != "-":
        suffix = Path(args.out).suffix.lower()
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
        raise BriefUsageError(
            f"cannot tell the format from '{args.out}'; add --format {'|'.join(FORMATS)}"
        )
    return "md"


def _write_file(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so a failure leaves no half file."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise BriefUsageError(f"{path}: the folder {folder} does not exist")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def _build(args: argparse.Namespace, fmt: str) -> bytes:
    profile = load_profile(args.profile)
    pack = load_pack(args.rules) if args.rules else load_pack()
    edits = None
    if args.role_edits:
        try:
            edits = parse_edits(read_document(args.role_edits))
        except RoleEditError as error:
            problems = "\n".join(f"{args.role_edits}: {problem}" for problem in error.problems)
            raise BriefUsageError(problems) from None
    inputs = RoleInputs()
    if args.top_accounts_share is not None:
        try:
            inputs = RoleInputs(top_accounts_share=parse_rate(args.top_accounts_share))
        except ValueError as error:
            raise BriefUsageError(f"--top-accounts-share: {error}") from None
    brief = prepare_brief(profile, pack, edits=edits, inputs=inputs, prepared_on=args.date)
    if fmt in IMAGE_FORMATS:
        if args.no_charts:
            brief = brief.without_charts(CHARTS_OFF)
        else:
            brief, report = attach_charts(brief)
            if report.omitted:
                print(f"note: charts omitted: {report.omitted}", file=sys.stderr)
    return render(brief, fmt)


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    try:
        fmt = _format(args)
        to_stdout = not args.out or args.out == "-"
        if to_stdout and fmt not in ("md", "json"):
            raise BriefUsageError(f"a {fmt} brief is a binary file: give --out FILE")
        data = _build(args, fmt)
        if to_stdout:
            stdout.write(data.decode("utf-8"))
        else:
            _write_file(Path(args.out), data)
    except (ProfileError, RulePackError, DocumentError, BriefUsageError) as error:
        print(str(error), file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(f"{args.out}: cannot write: {error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID
    return 0


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run `brief` on its own (the `advisor` CLI registers the same command)."""
    parser = argparse.ArgumentParser(prog="advisor brief")
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run(args, stdout or sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
