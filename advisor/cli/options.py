"""Options several commands share, declared once, and the one way a command writes its output.

Every command exits with `EXIT_INVALID` on input it cannot use; `UsageError` is the problem a
command finds in its own arguments (the rest come from the core as `AdvisorError`s).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from advisor.i18n import N_, _
from advisor.problems import AdvisorError

if TYPE_CHECKING:
    from advisor.workspace import Workspace

EXIT_INVALID = 2
DB_HELP = N_(
    "workspace database: a URL (sqlite:///PATH, postgresql+psycopg://USER@HOST/NAME) or a "
    "SQLite file (default: $ADVISOR_DATABASE_URL, else ~/.am-advisor/advisor.db)"
)
TEXT_FORMATS = ("text", "json", "md")
RULES_HELP = N_("rule pack file or folder (default: the shipped pack)")
DATE_LIKE_AN_EXAMPLE = N_("a date like 2026-11-22")
DATE_IN_ISO_FORMAT = N_("a date in the format YYYY-MM-DD")


class UsageError(AdvisorError):
    """The command line asks for something that cannot be done."""


def date_parser(expected: str) -> Callable[[str], dt.date]:
    """An argparse type reading an ISO date; a bad one is refused as '`TEXT`' is not EXPECTED."""

    def parse(text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _("'{text}' is not {expected}", text=text, expected=_(expected))
            ) from None

    return parse


def add_rules_option(
    parser: argparse.ArgumentParser, *, help: str = RULES_HELP, metavar: str | None = "PATH"
) -> None:
    parser.add_argument("--rules", metavar=metavar, help=_(help))


def add_format_option(
    parser: argparse.ArgumentParser,
    choices: Sequence[str] = TEXT_FORMATS,
    *,
    default: str | None = "text",
    help: str | None = None,
) -> None:
    parser.add_argument("--format", choices=choices, default=default, help=help)


def add_out_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--out", metavar="FILE", help=help)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help=_(DB_HELP))


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace `--db` names, acting as the local user; a WorkspaceError when unusable."""
    # Imported here: only the commands that use the store load the database libraries.
    from advisor.workspace import Workspace

    return Workspace.open(args.db)


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so a failure leaves no half file.

    An OSError is reported as `PATH: cannot write: REASON`.
    """
    with open_atomically(path) as out:
        out.write(data)


@contextlib.contextmanager
def open_atomically(path: str | Path) -> Iterator[BinaryIO]:
    """A file to write a little at a time that replaces `path` only when the block ends well.

    Written through a temporary file in the same folder: an error in the block, or in a write,
    removes it and leaves `path` as it was. An OSError is reported as `PATH: cannot write:
    REASON` (the block reads nothing that could raise one of its own).
    """
    import tempfile  # only a command that writes a file pays its import

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            # mkstemp creates the file private (0600); a written brief or report gets the mode
            # a plain open() would give it, or keeps the mode of the file it replaces.
            os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot_write(path, error) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_output(text: str, out: str | None, stdout: TextIO) -> None:
    """The command's text to the --out file (atomically) or, without one, to standard output."""
    if out:
        write_atomically(out, text.encode("utf-8"))
    else:
        stdout.write(text)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _cannot_write(path: str | Path, error: OSError) -> UsageError:
    # Translators: {file} is a file's path; {reason} the system's words.
    return UsageError.single(
        _("{file}: cannot write: {reason}", file=path, reason=error.strerror or error)
    )
