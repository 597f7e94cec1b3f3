"""`advisor workshop readout --base PROFILE ANSWERS... --out FILE`: the workshop's readout.

The slides a consultant shows the team (PPTX) or their pages (PDF): the consensus verdict, the
reasons that weigh most, the disagreements that decide it, the consensus of each question, the
next steps and the hiring plan. The format is `--format`, else the extension of `--out`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from advisor.cli.options import (
    DATE_IN_ISO_FORMAT,
    UsageError,
    add_format_option,
    add_rules_option,
    date_parser,
    write_atomically,
)
from advisor.i18n import _

FORMATS = ("pptx", "pdf")
EXTENSIONS = {".pptx": "pptx", ".pdf": "pdf"}


def register_readout(actions: Any, add_consensus_option: Any, workshop_result: Any) -> None:
    """Add `workshop readout`, reading the answers as `workshop compare` does (`workshop_result`)."""
    parser = actions.add_parser(
        "readout",
        help=_("the workshop's readout as slides (PPTX) or PDF"),
        description=(
            _(
                "Build the readout of a workshop on the team's consensus: the verdict, the reasons, "
                "the decisive disagreements, the consensus per question, the next steps and the "
                "hiring plan, as a slide deck (PPTX) or PDF."
            )
        ),
    )
    parser.add_argument(
        "--base", required=True, metavar="PROFILE", help=_("the case: a company profile file")
    )
    parser.add_argument(
        "answers", nargs="+", metavar="ANSWERS", help=_("one answers file per respondent")
    )
    add_consensus_option(parser)
    add_format_option(
        parser, FORMATS, default=None, help=_("pptx or pdf (default: from the extension of --out)")
    )
    parser.add_argument(
        "--out", metavar="FILE", required=True, help=_("write the readout here (.pptx or .pdf)")
    )
    add_rules_option(parser)
    parser.add_argument(
        "--date",
        type=date_parser(DATE_IN_ISO_FORMAT),
        metavar="YYYY-MM-DD",
        help=_("date printed on the readout (default: today)"),
    )
    parser.set_defaults(handler=run_readout, workshop_result=workshop_result)


def readout_format(chosen: str | None, out: str) -> str:
    """The --format given, else the one the --out file's extension names."""
    if chosen:
        return chosen
    suffix = Path(out).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    raise UsageError.single(
        # Translators: {file} is the path given; {formats} the formats' codes, as typed.
        _(
            "--out {file}: cannot tell the format from its extension; name it .pptx or .pdf, or "
            "add --format {formats}",
            file=out,
            formats="|".join(FORMATS),
        )
    )


def run_readout(args: argparse.Namespace, _stdout: TextIO) -> int:
    from advisor.brief.readout import build_readout
    from advisor.export.workshop_deck import render_readout
    from advisor.pack import load_pack
    from advisor.profile import load_profile

    fmt = readout_format(args.format, args.out)
    target = Path(args.out)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError.single(
            _("--out {file}: the folder {folder} does not exist", file=target, folder=folder)
        )
    base = load_profile(args.base)
    pack = load_pack(args.rules or None)
    result = args.workshop_result(base, args.answers, args.consensus, pack)
    readout = build_readout(result, pack, prepared_on=args.date)
    write_atomically(target, render_readout(readout, fmt))
    return 0
