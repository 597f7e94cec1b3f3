"""Edits to a drafted role: validated plain data, read against the one declaration in `model`.

Edits are what the app keeps in its session and what `advisor brief --role-edits` reads from a
file; `parse_edits` refuses bad values naming each by its place (`tiers[2].accounts`).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from advisor.i18n import _
from advisor.pack.role_model import (
    PAY_KINDS,
    HandoverItem,
    Milestone,
    PayComponent,
)
from advisor.problems import AdvisorError, Problems
from advisor.role.model import (
    BASE_SHARE_COLUMN,
    EDITABLE,
    EDITABLE_BY_NAME,
    EDITABLE_SECTIONS,
    MAX_ROWS,
    MAX_TEXT,
    OTE_COLUMN,
    Boundary,
    Column,
    EditableSection,
    InterviewQuestion,
    OnboardingStep,
    Responsibility,
    RoleDesign,
    Tier,
)

PAY_KEYS = ("ote", "base_share", "components")


class RoleEditError(AdvisorError):
    """Edits were refused; `problems` names each bad value by its place in the edits."""


@dataclass(frozen=True)
class RoleEdits:
    title: str | None = None
    mission: str | None = None
    responsibilities: tuple[Responsibility, ...] | None = None
    boundaries: tuple[Boundary, ...] | None = None
    traits: tuple[str, ...] | None = None
    interview: tuple[InterviewQuestion, ...] | None = None
    tiers: tuple[Tier, ...] | None = None
    qbr_content: tuple[str, ...] | None = None
    playbook: tuple[Milestone, ...] | None = None
    handover: tuple[HandoverItem, ...] | None = None
    onboarding: tuple[OnboardingStep, ...] | None = None
    ote: float | None = None
    base_share: float | None = None
    components: tuple[PayComponent, ...] | None = None

    def sections(self) -> tuple[str, ...]:
        edited = [
            name
            for name in EDITABLE_SECTIONS
            if name != "compensation" and getattr(self, name) is not None
        ]
        if self.ote is not None or self.base_share is not None or self.components is not None:
            edited.append("compensation")
        return tuple(edited)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


class _EditReader:
    def __init__(self) -> None:
        self.problems = Problems()

    def refuse(self, where: str, message: str) -> None:
        self.problems.add(message, path=where)

    def text(self, value: Any, where: str, *, required: bool = True) -> str:
        if _blank(value):
            value = ""
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            value = f"{value:g}"
        if not isinstance(value, str):
            self.refuse(where, _("expected text"))
            return ""
        text: str = value.strip()
        if required and not text:
            self.refuse(where, _("must not be empty"))
        if len(text) > MAX_TEXT:
            self.refuse(where, _("longer than {limit} characters", limit=MAX_TEXT))
            return text[:MAX_TEXT]
        return text

    def number(self, value: Any, where: str, low: float, high: float) -> float:
        if isinstance(value, str):
            try:
                value = float(value.strip().rstrip("%")) / (100 if "%" in value else 1)
            except ValueError:
                self.refuse(where, _("{value} is not a number", value=repr(value)))
                return low
        if (
            _blank(value)
            or isinstance(value, bool)
            or not isinstance(value, numbers.Real)
            or not math.isfinite(float(value))
        ):
            self.refuse(where, _("expected a number"))
            return low
        number = float(value)
        if not low <= number <= high:
            self.refuse(
                where,
                _(
                    "{number} is outside {low}–{high}",
                    number=format(number, "g"),
                    low=format(low, "g"),
                    high=format(high, "g"),
                ),
            )
            return min(max(number, low), high)
        return number

    def cell(self, value: Any, where: str, column: Column) -> Any:
        """One cell read as its column declares."""
        if column.kind == "text":
            return self.text(value, where, required=column.required)
        number = self.number(value, where, column.low, column.high)
        if column.kind == "number":
            return number
        if column.whole and number != int(number):
            self.refuse(where, _("{number} is not a whole number", number=format(number, "g")))
        return int(number)

    def rows(
        self, value: Any, where: str, columns: tuple[str, ...]
    ) -> list[tuple[str, dict[str, Any]]]:
        """Non-blank rows as (place, row); blank rows (new editor rows) are dropped."""
        if not isinstance(value, list | tuple):
            self.refuse(where, _("expected a list of rows"))
            return []
        if len(value) > MAX_ROWS:
            self.refuse(where, _("more than {limit} rows", limit=MAX_ROWS))
            return []
        found = []
        for index, row in enumerate(value):
            place = f"{where}[{index}]"
            if isinstance(row, str):
                row = {columns[0]: row}
            if not isinstance(row, Mapping):
                self.refuse(place, _("expected a row with {columns}", columns=", ".join(columns)))
                continue
            unknown = [str(key) for key in row if key not in columns]
            if unknown:
                self.refuse(
                    place,
                    _(
                        "unknown column {column}; expected {columns}",
                        column=repr(unknown[0]),
                        columns=", ".join(columns),
                    ),
                )
                continue
            if all(_blank(row.get(c)) or row.get(c) == "" for c in columns):
                continue
            found.append((place, dict(row)))
        return found


def _keep_one(section: EditableSection) -> str:
    """Why the last row of a section cannot go."""
    if section.row_noun == "tier":
        return _("keep at least one tier")
    if section.row_noun == "component":
        return _("keep at least one component")
    return _("keep at least one row")


def _read_text(read: _EditReader, section: EditableSection, raw: Any) -> dict[str, Any]:
    return {section.name: read.text(raw, section.name)}


def _read_lines(read: _EditReader, section: EditableSection, raw: Any) -> dict[str, Any]:
    (column,) = section.columns
    rows = read.rows(raw, section.name, section.column_names)
    lines = tuple(read.text(row.get(column.name), f"{place}.{column.name}") for place, row in rows)
    return {section.name: lines}


def _read_rows(read: _EditReader, section: EditableSection, raw: Any) -> dict[str, Any]:
    assert section.row is not None
    # Whole-number columns are read first: a row's problems keep the order they are reported in.
    columns = sorted(section.columns, key=lambda column: not column.whole)
    found = []
    for place, row in read.rows(raw, section.name, section.column_names):
        cells = {c.name: read.cell(row.get(c.name), f"{place}.{c.name}", c) for c in columns}
        found.append(section.row(**{name: cells[name] for name in section.column_names}))
    if section.row_noun and not found:
        read.refuse(section.name, _keep_one(section))
    if section.sort_by:
        found.sort(key=lambda item: -getattr(item, section.sort_by))
    return {section.name: tuple(found)}


def _read_components(read: _EditReader, section: EditableSection, raw: Any) -> list[PayComponent]:
    where = f"{section.name}.components"
    columns = {column.name: column for column in section.columns}
    components = []
    for place, row in read.rows(raw, where, section.column_names):
        kind = read.text(row.get("kind"), f"{place}.kind")
        if kind and kind not in PAY_KINDS:
            read.refuse(
                f"{place}.kind",
                _("{kind} is not one of {kinds}", kind=repr(kind), kinds=", ".join(PAY_KINDS)),
            )
        label = read.text(row.get("label"), f"{place}.label")
        components.append(
            PayComponent(
                id=read.text(row.get("id"), f"{place}.id", required=False)
                or label.lower().replace(" ", "_")[:40],
                label=label,
                kind=kind,
                share=read.cell(row.get("share"), f"{place}.share", columns["share"]),
                measure=read.text(row.get("measure"), f"{place}.measure", required=False),
            )
        )
    total = sum(component.share for component in components)
    if components and abs(total - 1) > 0.005:
        read.refuse(
            where,
            _(
                "the shares add up to {total}; they must add up to 100%",
                total=format(total, ".0%"),
            ),
        )
    if not components:
        read.refuse(where, _keep_one(section))
    return components


def _read_pay(read: _EditReader, section: EditableSection, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        read.refuse(section.name, _("expected ote, base_share and components"))
        return {}
    for key in raw:
        if key not in PAY_KEYS:
            read.refuse(
                f"{section.name}.{key}", _("unknown; expected {keys}", keys=", ".join(PAY_KEYS))
            )
    values: dict[str, Any] = {}
    if "ote" in raw:
        ote = read.cell(raw["ote"], f"{section.name}.ote", OTE_COLUMN)
        if ote <= 0:
            read.refuse(f"{section.name}.ote", _("must be above 0"))
        values["ote"] = ote
    if "base_share" in raw:
        values["base_share"] = read.cell(
            raw["base_share"], f"{section.name}.base_share", BASE_SHARE_COLUMN
        )
    if "components" in raw:
        values["components"] = tuple(_read_components(read, section, raw["components"]))
    return values


Reader = Callable[[_EditReader, EditableSection, Any], dict[str, Any]]
READERS: dict[str, Reader] = {
    "text": _read_text,
    "lines": _read_lines,
    "rows": _read_rows,
    "pay": _read_pay,
}
# Sections are read, and their problems listed, in this fixed order: the reports of the CLI
# and the app stay the same from one release to the next.
READ_ORDER = (
    "title",
    "mission",
    "responsibilities",
    "boundaries",
    "traits",
    "qbr_content",
    "interview",
    "tiers",
    "playbook",
    "handover",
    "onboarding",
    "compensation",
)


def parse_edits(raw: Mapping[str, Any] | RoleEdits | None) -> RoleEdits:
    """Validate edits given as plain data (JSON/YAML or the app's session state)."""
    if raw is None:
        return RoleEdits()
    if isinstance(raw, RoleEdits):
        return raw
    if not isinstance(raw, Mapping):
        raise RoleEditError.single(_("expected a mapping of section: value"), path="edits")
    read = _EditReader()
    for key in raw:
        if key not in EDITABLE_SECTIONS:
            read.refuse(
                str(key),
                _(
                    "not an editable section; expected one of {sections}",
                    sections=", ".join(EDITABLE_SECTIONS),
                ),
            )
    values: dict[str, Any] = {}
    for name in READ_ORDER:
        if name in raw:
            section = EDITABLE_BY_NAME[name]
            values.update(READERS[section.kind](read, section, raw[name]))
    read.problems.raise_if_any(RoleEditError)
    return RoleEdits(**values)


def _row_data(item: Any, section: EditableSection) -> dict[str, Any]:
    return {name: getattr(item, name) for name in section.column_names}


def design_edits(design: RoleDesign) -> dict[str, Any]:
    """The editable sections of a design as plain data, in the shape `parse_edits` reads."""
    data: dict[str, Any] = {}
    for section in EDITABLE:
        if section.kind == "pay":
            comp = design.compensation
            data[section.name] = {
                "ote": comp.ote,
                "base_share": comp.base_share,
                "components": [_row_data(c, section) for c in comp.components],
            }
            continue
        value = getattr(design, section.name)
        if section.kind == "text":
            data[section.name] = value
        elif section.kind == "lines":
            data[section.name] = [{section.columns[0].name: line} for line in value]
        else:
            data[section.name] = [_row_data(item, section) for item in value]
    return data
