"""Command line: `advisor assess|history|assess-batch|clients|rules|diagnose|brief|kit|sweep|
workshop|compare|app|db|workspace|calibration`, and `advisor --version`.

Every command runs on the same core as the app. Invalid input exits with code 2 and a message
on stderr naming the file, line or row and the field; no traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from advisor import i18n
from advisor.cli.argparse_words import speak_the_language
from advisor.cli.examples import add_examples
from advisor.cli.options import EXIT_INVALID, UsageError
from advisor.i18n import _
from advisor.problems import AdvisorError

EXIT_INTERRUPTED = 130
# The module that declares each command: a run imports only its own command's module, so
# `assess` never loads pandas (diagnose) or the document renderers (brief).
COMMAND_MODULES = {
    "assess": "assess",
    "history": "assess",
    "assess-batch": "assess",
    "clients": "clients",
    "rules": "rules",
    "diagnose": "diagnose",
    "brief": "brief",
    "kit": "kit",
    "sweep": "sweep",
    "workshop": "workshop",
    "compare": "compare",
    "app": "app",
    "db": "operate",
    "workspace": "operate",
    "calibration": "calibrate",
}
# Every refusal of user input, and a workspace that cannot be used (a WorkspaceError is an
# AdvisorError): a message, never a traceback.
REFUSALS = (AdvisorError,)

__all__ = [
    "EXIT_INVALID",
    "UsageError",
    "build_parser",
    "command",
    "main",
    "run_command",
]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` the commands of that one module."""
    speak_the_language()  # argparse's own words too, in the call's language
    parser = _Parser(
        prog="advisor",
        description=_("Should we hire an Account Manager now, and what exactly is the role?"),
    )
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    if only in (None, "assess"):
        from advisor.cli import assess

        assess.register(commands)
    if only in (None, "clients"):
        from advisor.cli import clients

        clients.register(commands)
    if only in (None, "rules"):
        from advisor.cli import rules

        rules.register(commands)
    if only in (None, "diagnose"):
        from advisor.cli import diagnose

        diagnose.register(commands)
    if only in (None, "brief"):
        from advisor.cli import brief

        brief.register(commands)
    if only in (None, "kit"):
        from advisor.cli import kit

        kit.register(commands)
    if only in (None, "sweep"):
        from advisor.cli import sweep

        sweep.register(commands)
    if only in (None, "workshop"):
        from advisor.cli import workshop

        workshop.register(commands)
    if only in (None, "compare"):
        from advisor.cli import compare

        compare.register(commands)
    if only in (None, "app"):
        from advisor.cli import app

        app.register(commands)
    if only in (None, "calibrate"):
        from advisor.cli import calibrate

        calibrate.register(commands)
    if only in (None, "operate"):
        from advisor.cli import operate

        operate.register(commands)
    add_examples(parser)
    _add_language_option(parser)
    return parser


class _Parser(argparse.ArgumentParser):
    """argparse's parser (its sub-commands' parsers are of the same class), its help as wide as
    the terminal, found without shutil: argparse's own formatter imports shutil to measure it for
    every argument added, and shutil loads the compression libraries (about 3 ms of a start)."""

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter: Callable[..., argparse.HelpFormatter] = self.formatter_class
        return formatter(prog=self.prog, width=_terminal_columns() - 2)


def _terminal_columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` gives it: $COLUMNS, else the width of
    the terminal standard output was opened on, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stdout = sys.__stdout__
    if stdout is None:  # no standard output at all
        return 80
    try:
        return os.get_terminal_size(stdout.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def _language(text: str) -> str:
    from advisor import i18n

    if not i18n.is_supported(text):
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a language of the product: use en or es", text=text)
        )
    return i18n.resolve(text)


def _add_language_option(parser: argparse.ArgumentParser) -> None:
    """`--lang en|es` on every command (and sub-command): the language of what it writes."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if name != "app":  # `app` passes its options to Streamlit as written
                    _add_language_option(sub)
            return
    parser.add_argument(
        "--lang",
        type=_language,
        default=None,
        metavar="en|es",
        help=_("the language of the output (default: from LC_ALL, LC_MESSAGES or LANG, else en)"),
    )


class _Version(argparse.Action):
    """`--version`: the installed version, read only when asked (reading a distribution's
    metadata costs every command's start about 20 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_options: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, help=_("show the installed version and exit")
        )

    def __call__(self, parser: argparse.ArgumentParser, *_values: object) -> None:
        print(f"{parser.prog} {_version()}")  # on stdout, as argparse's own version action
        parser.exit()


def _version() -> str:
    """The installed distribution's version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("am-advisor")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _command_module(argv: Sequence[str]) -> str | None:
    """The module of the command named first in argv; None (the whole parser) for anything else."""
    for word in argv:
        if word.startswith("-"):
            return None  # an option before the command (--help): show everything
        return COMMAND_MODULES.get(word)
    return None


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    """Run one command; the exit code is 0, 2 for input it cannot use, 130 when interrupted."""
    words = list(sys.argv[1:] if argv is None else argv)
    # The command's language for this call only (argparse's checks speak it too), so a caller
    # that runs several commands in one thread never keeps the last one's.
    with i18n.language(_asked_language(words) or i18n.chosen() or i18n.from_environment()):
        return _main(words, stdout)


def _main(words: list[str], stdout: TextIO | None) -> int:
    # Building the parser imports the command's module and the core under it: objects that all
    # live until the command ends. The cyclic collector is held off while they load, then leaves
    # them out of its walks (frozen) while the command runs, unless the caller froze objects of
    # its own, which stay as it left them.
    collecting = gc.isenabled()
    freezing = gc.get_freeze_count() == 0
    gc.disable()
    try:
        parser = build_parser(_command_module(words))
    finally:
        if freezing:
            gc.freeze()
        if collecting:
            gc.enable()
    try:
        if words[:1] == ["app"]:
            # Everything after `app` is Streamlit's own options, passed through as written.
            args, rest = parser.parse_known_args(words)
            args.streamlit_options = rest
        else:
            args = parser.parse_args(words)
        return run_command(args, stdout or sys.stdout)
    finally:
        if freezing:
            gc.unfreeze()


def command() -> int:
    """The `advisor` program (`python -m advisor` too): `main` on the process's arguments.

    The process ends with the command, so what it leaves is frozen for the interpreter's last
    collection to pass over (walking it would cost the end of every command some milliseconds).
    """
    code = main()
    gc.freeze()
    return code


def _configure_logs() -> None:
    """JSON log lines on stderr when ADVISOR_LOG=json asks (the audit trail's events among
    them); stdout stays the command's data. Unset, a command loads no logging at all."""
    if not os.environ.get("ADVISOR_LOG", "").strip():
        return
    from advisor import logs

    try:
        chosen = logs.wanted(os.environ)
    except ValueError as error:
        raise UsageError.single(str(error), path="ADVISOR_LOG") from None
    if chosen == "json":
        logs.configure("stderr")


def _asked_language(words: Sequence[str]) -> str | None:
    """The language `--lang X` or `--lang=X` asks for, read before the parser exists."""
    for index, word in enumerate(words):
        if word == "--":
            break
        value = word[len("--lang=") :] if word.startswith("--lang=") else None
        if word == "--lang" and index + 1 < len(words):
            value = words[index + 1]
        if value is not None:
            from advisor import i18n

            return value if i18n.is_supported(value) else None
    return None


def _command_language(args: argparse.Namespace) -> str:
    """The command's language: `--lang`, else the one its caller writes in, else the
    environment's (LC_ALL, LC_MESSAGES, LANG)."""
    return str(getattr(args, "lang", None) or i18n.chosen() or i18n.from_environment())


def run_command(args: argparse.Namespace, stdout: TextIO) -> int:
    """The command's exit code; every refusal of input goes to stderr as its message."""
    with i18n.language(_command_language(args)):
        return _run(args, stdout)


def _run(args: argparse.Namespace, stdout: TextIO) -> int:
    try:
        _configure_logs()
        code: int = args.handler(args, stdout)
        return code
    except REFUSALS as error:
        message = str(error)
    except OSError as error:
        reason = error.strerror or str(error)
        # Translators: {file} is a file's path; {reason} the system's words.
        message = (
            _("{file}: cannot read: {reason}", file=error.filename, reason=reason)
            if error.filename
            else reason
        )
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    from advisor.textsafety import terminal_safe  # loaded only for a refusal's message

    print(terminal_safe(f"{getattr(args, 'error_prefix', '')}{message}"), file=sys.stderr)
    return EXIT_INVALID
