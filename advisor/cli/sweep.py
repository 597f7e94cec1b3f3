"""`advisor sweep`: the verdict and score as one numeric input moves, everything else equal."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from advisor.cli.options import add_format_option, add_out_option, add_rules_option, write_output
from advisor.i18n import _
from advisor.pack import load_pack
from advisor.profile import load_profile
from advisor.whatif import DEFAULT_STEPS, SWEEPABLE, parse_bound, run_sweep, sweep_text


def register(commands: Any) -> None:
    sweep = commands.add_parser(
        "sweep", help=_("verdict and score as one numeric input moves, all else equal")
    )
    sweep.add_argument("profile", help=_("profile file (YAML or JSON)"))
    sweep.add_argument(
        "field",
        # Translators: {fields} are the profile's field keys, as typed.
        help=_("the numeric field to move: {fields}", fields=", ".join(SWEEPABLE)),
    )
    sweep.add_argument(
        "--from", dest="low", metavar="X", help=_("first value (default: a range around today's)")
    )
    sweep.add_argument("--to", dest="high", metavar="Y", help=_("last value"))
    sweep.add_argument(
        "--steps",
        type=int,
        default=DEFAULT_STEPS,
        metavar="N",
        help=_(
            "number of values from X to Y (default {steps}; counts step by whole numbers)",
            steps=DEFAULT_STEPS,
        ),
    )
    add_format_option(sweep, ("text", "json"))
    add_rules_option(sweep)
    add_out_option(sweep, _("write here instead of standard output"))
    sweep.set_defaults(handler=run_sweep_command)


def run_sweep_command(args: argparse.Namespace, stdout: TextIO) -> int:
    profile = load_profile(args.profile)
    pack = load_pack(args.rules)
    low = None if args.low is None else parse_bound(args.field, args.low, "--from")
    high = None if args.high is None else parse_bound(args.field, args.high, "--to")
    result = run_sweep(profile, pack, args.field, low, high, args.steps)
    if args.format == "json":
        text = json.dumps(result.to_dict(), indent=2, allow_nan=False) + "\n"
    else:
        text = sweep_text(result)
    write_output(text, args.out, stdout)
    return 0
