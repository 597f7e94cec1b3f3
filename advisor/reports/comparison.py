"""A comparison of scenarios as a document: what makes the difference, each section side by
side (the verdict, the economics, the timing, the flip points, the role, the inputs), and what
each differing input does alone.

Scenario names and every other user text stay as typed (cleaned); the renderers make them
literal for their format.
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor import present
from advisor.blocks import Bullets, Entries, Entry, Part, Report, Table
from advisor.compare import Comparison, Row

WORDS = {
    "title": "Comparison of {count} scenarios: {names}",
    "baseline": "{name} (baseline)",
    "same_pack": "Every scenario is judged by the same rule pack: {name} {version}.",
    "different_packs": "The scenarios are judged by different rule packs (see “Rule pack” below).",
    "dates": "Every date counts from {date}.",
    "lines": "What makes the difference",
    "differs": "Differs",
    "yes": "yes",
    "differences": "Differences in the inputs",
    "no_difference": "none: every input is the same",
    "difference": "{label}: {values}",
    "value": "{name}: {shown}",
}
# The sections of the side-by-side table, in order, by the key their rows carry.
SECTIONS = {
    "Verdict": "Verdict",
    "Economics": "Economics",
    "Timing": "Timing",
    "Flip points": "Flip points",
    "Role": "Role",
}
INPUTS = "Inputs"
LIST_SEPARATOR = ", "
VALUE_SEPARATOR = " · "


def title(comparison: Comparison) -> str:
    names = LIST_SEPARATOR.join(
        WORDS["baseline"].format(name=name) if index == 0 else name
        for index, name in enumerate(comparison.names)
    )
    return WORDS["title"].format(count=len(comparison.names), names=names)


def pack_line(comparison: Comparison) -> str:
    """Which rule pack judges the scenarios and, when set, the date every date counts from."""
    if comparison.same_pack:
        pack = comparison.scenarios[0].assessment.pack
        line = WORDS["same_pack"].format(name=pack.name, version=pack.version)
    else:
        line = WORDS["different_packs"]
    if comparison.as_of is not None:
        line += " " + WORDS["dates"].format(date=present.date(comparison.as_of))
    return line


def sections(comparison: Comparison) -> Iterator[tuple[str, list[Row]]]:
    """Each section's heading and its rows: the outcomes' sections, then the inputs."""
    for key, heading in SECTIONS.items():
        yield heading, [row for row in comparison.outcomes if row.section == key]
    yield INPUTS, list(comparison.inputs)


def _table(comparison: Comparison, rows: list[Row]) -> Table:
    body = tuple((row.label, *row.values, WORDS["yes"] if row.differs else "") for row in rows)
    return Table(("", *comparison.names, WORDS["differs"]), body)


def _differences(comparison: Comparison) -> Bullets | Entries:
    if not comparison.differences:
        return Bullets((WORDS["no_difference"],))
    items = []
    for difference in comparison.differences:
        values = VALUE_SEPARATOR.join(
            WORDS["value"].format(name=name, shown=shown)
            for name, shown in zip(comparison.names, difference.shown, strict=True)
        )
        details = (comparison.effect_of(difference), *(note for note in difference.notes if note))
        items.append(
            Entry(WORDS["difference"].format(label=difference.label, values=values), details)
        )
    return Entries(tuple(items))


def build_comparison_report(comparison: Comparison) -> Report:
    """The comparison as one document, for the text and the Markdown report alike."""
    parts = [Part(WORDS["lines"], (Bullets(comparison.lines),))]
    parts += [Part(heading, (_table(comparison, rows),)) for heading, rows in sections(comparison)]
    parts.append(Part(WORDS["differences"], (_differences(comparison),)))
    return Report(title(comparison), (pack_line(comparison),), tuple(parts))
