"""Command line: `advisor assess|history|assess-batch|rules|diagnose|brief|sweep`.

Every command runs on the same core as the app. Invalid input exits with code 2 and a message
on stderr naming the file, line or row and the field; no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from advisor.cli import assess, brief, diagnose, rules, sweep
from advisor.cli.assess import BATCH_COLUMNS, MAX_BATCH_BYTES, batch_rows
from advisor.cli.options import EXIT_INVALID, UsageError
from advisor.problems import AdvisorError
from advisor.storage import StorageError

EXIT_INTERRUPTED = 130
# Every refusal of user input, and a store that cannot be used: a message, never a traceback.
REFUSALS = (AdvisorError, StorageError)

__all__ = [
    "BATCH_COLUMNS",
    "EXIT_INVALID",
    "MAX_BATCH_BYTES",
    "UsageError",
    "batch_rows",
    "build_parser",
    "main",
    "run_command",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="advisor",
        description="Should we hire an Account Manager now, and what exactly is the role?",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    assess.register(commands)
    rules.register(commands)
    diagnose.register(commands)
    brief.register(commands)
    sweep.register(commands)
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run one command; the exit code is 0, 2 for input it cannot use, 130 when interrupted."""
    args = build_parser().parse_args(argv)
    return run_command(args, stdout or sys.stdout)


def run_command(args: argparse.Namespace, stdout: TextIO) -> int:
    """The command's exit code; every refusal of input goes to stderr as its message."""
    try:
        code: int = args.handler(args, stdout)
        return code
    except REFUSALS as error:
        message = str(error)
    except OSError as error:
        reason = error.strerror or str(error)
        message = f"{error.filename}: cannot read: {reason}" if error.filename else reason
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    print(f"{getattr(args, 'error_prefix', '')}{message}", file=sys.stderr)
    return EXIT_INVALID
