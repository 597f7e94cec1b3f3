"""`advisor kit PROFILE --out DIR [--only KEYS] [--format md|docx|pdf|json]`: the hiring kit.

Writes one file per document of the kit (`memo.md`, …) in DIR, created if missing; `--only`
picks documents by key; the job description adds `job.jsonld` (its schema.org JobPosting), and
states a confidential figure of the profile only when `--disclose` names its field. `advisor kit --client NAME --scenario NAME --out DIR` writes the kit of
a saved case instead, on the rule pack it was saved with and with its role edits, each file
noted in the client's audit trail. Every document is rendered before any file is written, so a
refusal writes nothing; an unknown key, profile or pack is refused with exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from advisor.cli.options import (
    DATE_IN_ISO_FORMAT,
    UsageError,
    add_db_option,
    add_format_option,
    add_rules_option,
    date_parser,
    write_atomically,
)
from advisor.i18n import _
from advisor.kit import DOCUMENTS, KitEntry, KitInputs, chosen_documents, prepare_kit
from advisor.kit.disclosure import DISCLOSABLE, read_disclose
from advisor.textsafety import terminal_safe

FORMATS = ("md", "docx", "pdf", "json")


def register(commands: Any) -> argparse.ArgumentParser:
    """Add the `kit` command; its handler is `args.handler(args, stdout) -> exit code`."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "kit",
        help=_("write the hiring kit's documents (the decision memo, …) into a folder"),
        description=_(
            # Translators: {documents} lists each document's key and, in brackets, its name
            "Assess a company profile and write the documents of the hiring kit, one file "
            "each: {documents}.",
            documents=", ".join(
                _("{key} ({document})", key=key, document=_(e.label))
                for key, e in DOCUMENTS.items()
            ),
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
        "--client", metavar="NAME", help=_("the kit of a saved case of this client instead")
    )
    parser.add_argument(
        "--scenario", metavar="NAME", help=_("with --client: the saved case's scenario name")
    )
    add_db_option(parser)
    parser.add_argument(
        "--out", metavar="DIR", required=True, help=_("folder to write the files in (created)")
    )
    parser.add_argument(
        "--only",
        metavar="KEYS",
        help=_(
            "comma-separated documents to write, of: {keys} (default: all)",
            keys=", ".join(DOCUMENTS),
        ),
    )
    add_format_option(parser, FORMATS, default="md", help=_("md, docx, pdf or json (default md)"))
    add_rules_option(parser)
    parser.add_argument(
        "--date",
        type=date_parser(DATE_IN_ISO_FORMAT),
        metavar="YYYY-MM-DD",
        help=_("date the documents are prepared on (default: today)"),
    )
    parser.add_argument(
        "--disclose",
        metavar="FIELDS",
        help=_(
            "comma-separated profile fields the job description may state, of: {fields} "
            "(default: none; the book in accounts and the pay band are always stated)",
            fields=", ".join(DISCLOSABLE),
        ),
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    try:
        entries = chosen_documents(args.only)
    except ValueError as error:
        raise UsageError.single(str(error), path="--only") from None
    try:
        args.disclose = read_disclose((args.disclose or "").split(","))
    except ValueError as error:
        raise UsageError.single(str(error), path="--disclose") from None
    _check_source(args)
    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise UsageError.single(
            _("{folder} is a file, not a folder: give a folder", folder=folder), path="--out"
        )
    if args.client is not None:
        files = _saved_kit(args, entries)
    else:
        files = _render(_file_inputs(args), entries, args.format)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError.single(
            # Translators: {reason} is the system's own reason, as it gives it
            _("{folder}: cannot create it: {reason}", folder=folder, reason=error),
            path="--out",
        ) from None
    for name, (data, notes) in files.items():
        write_atomically(folder / name, data)
        for note in notes:
            # Translators: {file} is a file's name, {note} what its reader should know
            print(_("note: {file}: {note}", file=name, note=terminal_safe(note)), file=sys.stderr)
    return 0


def _render(
    kit: KitInputs, entries: tuple[KitEntry, ...], fmt: str
) -> dict[str, tuple[bytes, tuple[str, ...]]]:
    """Every chosen document rendered, by file name, before anything is written."""
    from advisor.export.kit import render_extra_noted, render_kit_noted

    files = {}
    for entry in entries:
        if fmt not in entry.formats:
            raise UsageError.single(
                # Translators: {key} is a document's key (memo, job), {format} a format (pdf)
                _(
                    "the {key} document has no {format} format; it has {formats}",
                    key=entry.key,
                    format=fmt,
                    formats=", ".join(entry.formats),
                ),
                path="--format",
            )
        files[entry.file_name(fmt)] = render_kit_noted(entry.build(kit), fmt)
        for extra in entry.extra:
            files[extra.file_name] = render_extra_noted(extra, kit)
    return files


def _check_source(args: argparse.Namespace) -> None:
    """Refuse a kit that names no case, or two, or a saved case with a file's options."""
    from advisor.cli.saved import check_case_source  # here: it loads the workspace

    check_case_source(args, [("--rules", args.rules)], "rule pack")


def _file_inputs(args: argparse.Namespace) -> KitInputs:
    from advisor.pack import load_pack
    from advisor.profile import load_profile

    profile = load_profile(args.profile)
    return prepare_kit(
        profile, load_pack(args.rules or None), prepared_on=args.date, disclose=args.disclose
    )


def _saved_kit(
    args: argparse.Namespace, entries: tuple[KitEntry, ...]
) -> dict[str, tuple[bytes, tuple[str, ...]]]:
    """The kit of the saved case --client/--scenario, each file noted in the client's trail."""
    from advisor.cli.options import open_workspace
    from advisor.cli.saved import find_saved_case
    from advisor.workspace.consensus import case_kit

    with open_workspace(args) as workspace:
        client, summary = find_saved_case(workspace, args.client, args.scenario)
        case = workspace.open_case(summary.id)
        kit = case_kit(
            case,
            workspace.case_pack(summary.id),
            args.date,
            company=client.name,  # the client as the workspace records it
            prepared_by=workspace.branding.read().name,
            disclose=args.disclose,
        )
        files = _render(kit, entries, args.format)
        for name in files:
            workspace.record_export(client.id, summary.id, f"kit/{name}")
    return files
