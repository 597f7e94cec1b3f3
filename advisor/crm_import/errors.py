"""The two ways an export is refused: the whole file (`ExportError`) or one row (`RowIssue`).

Both are `Problem`s located in a data table (unit "row"): the file, the spreadsheet row (the
header is row 1), the account the row names and the file's column header.
"""

from __future__ import annotations

from typing import Any

import msgspec

from advisor.i18n import N_, _
from advisor.problems import AdvisorError, Problem, Unit

# The message of a row with no value in any cell; kept as it is written here (the readers count
# empty rows by it) and worded in the reader's language where it is shown (`RowIssue.shown`).
EMPTY_ROW = N_("empty row")


class ExportError(AdvisorError):
    """The file as a whole was refused; the message says why and, where known, where."""

    @classmethod
    def at(cls, message: str, *, source: str = "", row: int = 0, column: str = "") -> ExportError:
        """The error for one problem, placed in the file by source, row and column."""
        return cls([Problem(message, file=source, line=row, path=column, unit="row")])

    def in_file(self, source: str) -> ExportError:
        """The same problems, now naming the file they were found in."""
        return ExportError(
            [msgspec.structs.replace(problem, file=source) for problem in self.problems]
        )

    # Readers of a file-level error name its parts by the file's terms.
    @property
    def message(self) -> str:
        return self.first.message

    @property
    def source(self) -> str:
        return self.first.file

    @property
    def row(self) -> int:
        return self.first.line

    @property
    def column(self) -> str:
        return self.first.path


class RowIssue(Problem, frozen=True):
    """One problem with one row: why it was excluded, or which value was set aside.

    `line` is the row, `context` the account it names, `path` the file's column header ("" when
    the whole row is concerned).
    """

    unit: Unit = "row"

    @property
    def row(self) -> int:
        return self.line

    @property
    def account(self) -> str:
        return self.context

    @property
    def column(self) -> str:
        return self.path

    @property
    def shown(self) -> str:
        """The message in the current language (an empty row's is kept in English to count by)."""
        return _(EMPTY_ROW) if self.message == EMPTY_ROW else self.message

    def __str__(self) -> str:
        return Problem.__str__(msgspec.structs.replace(self, message=self.shown))

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.line,
            "account": self.context,
            "column": self.path,
            "message": self.shown,
        }


def row_issue(row: int, account: str, column: str, message: str) -> RowIssue:
    """The issue for a row, named after its account, in one of the file's columns."""
    return RowIssue(message, line=row, context=account, path=column)
