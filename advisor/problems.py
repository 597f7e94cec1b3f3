"""One problem type for every user-facing error, one collector and one did-you-mean.

A `Problem` is plain data (where, and what is wrong); `AdvisorError` carries one or more of them
to whoever reports it. Every reader of user input (documents, profiles, rule packs, CRM
exports, role edits) raises a subclass of `AdvisorError`, so the CLI and the app handle them
all the same way, and every message points at its place in one of two shapes:

- a text document: `FILE:LINE: CONTEXT › path: message` (the line is left out when unknown);
- a data table: `FILE, row N (CONTEXT), column 'path': message`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Literal, Self

import msgspec

from advisor.i18n import _

# One cut-off for every suggestion: close enough to catch a typo or a swapped word, far enough
# not to propose an unrelated name.
SUGGESTION_CUTOFF = 0.5

Unit = Literal["line", "row"]


def closest(word: str, choices: Iterable[str], *, ignore_case: bool = False) -> str | None:
    """The choice nearest to `word`, or None when none is close.

    With `ignore_case`, letters are compared case-folded and the choice is returned as spelt.
    """
    import difflib  # here, not at the top: only a refusal with a did-you-mean needs it

    options = list(choices)
    if not ignore_case:
        close = difflib.get_close_matches(word, options, 1, SUGGESTION_CUTOFF)
        return close[0] if close else None
    folded = {option.casefold(): option for option in reversed(options)}
    close = difflib.get_close_matches(word.casefold(), list(folded), 1, SUGGESTION_CUTOFF)
    return folded[close[0]] if close else None


def suggest(word: str, choices: Iterable[str], *, ignore_case: bool = False) -> str:
    """` (did you mean 'x'?)` for the closest choice, or "" when none is close."""
    match = closest(word, choices, ignore_case=ignore_case)
    # Translators: appended to a message about a word that is not one of the choices
    return _(" (did you mean '{choice}'?)", choice=match) if match else ""


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with one input, and where it is.

    `line` counts lines of a text document (unit "line") or data rows of a table (unit "row");
    0 means unknown. `context` is the named thing the problem sits in (a rule id, a threshold,
    a section, an account); `path` is the key path inside it, the field, or the table column.
    """

    message: str
    file: str = ""
    line: int = 0
    context: str = ""
    path: str = ""
    unit: Unit = "line"

    def __str__(self) -> str:
        if self.unit == "row":
            return self._table_text()
        where = f"{self.file}:{self.line}" if self.file and self.line else self.file
        inside = " › ".join(part for part in (self.context, self.path) if part)
        return ": ".join(part for part in (where, inside, self.message) if part)

    def _table_text(self) -> str:
        row = ""
        if self.line and self.context:
            # Translators: a row of a table and what it holds: "row 12 (Acme Ltd)"
            row = _("row {line} ({context})", line=self.line, context=self.context)
        elif self.line:
            row = _("row {line}", line=self.line)
        column = _("column '{column}'", column=self.path) if self.path else ""
        where = ", ".join(part for part in (self.file, row, column) if part)
        return f"{where}: {self.message}" if where else self.message

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "unit": self.unit,
            "context": self.context,
            "path": self.path,
            "message": self.message,
        }


class AdvisorError(ValueError):
    """An input was refused; `problems` lists every problem found, in the order found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.describe())

    @classmethod
    def single(cls, message: str, **where: Any) -> Self:
        """The error for one problem (`where` takes Problem's other fields)."""
        return cls([Problem(message, **where)])

    @property
    def first(self) -> Problem:
        return self.problems[0] if self.problems else Problem("")

    def describe(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)

    def __str__(self) -> str:
        return self.describe()


class Problems(msgspec.Struct):
    """Collects problems while an input is read; `raise_if_any` turns them into the error."""

    items: list[Problem] = msgspec.field(default_factory=list)

    def add(
        self,
        message: str,
        *,
        file: str = "",
        line: int = 0,
        context: str = "",
        path: str = "",
        unit: Unit = "line",
    ) -> None:
        self.items.append(Problem(message, file, line, context, path, unit))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def raise_if_any(self, error: type[AdvisorError]) -> None:
        if self.items:
            raise error(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)
