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
from advisor.i18n import N_, _

WORDS = {
    "title": N_("Comparison of {count} scenarios: {names}"),
    "baseline": N_("{name} (baseline)"),
    "same_pack": N_("Every scenario is judged by the same rule pack: {name} {version}."),
    "different_packs": N_(
        "The scenarios are judged by different rule packs (see “Rule pack” below)."
    ),
    "dates": N_("Every date counts from {date}."),
    "lines": N_("What makes the difference"),
    "differs": N_("Differs"),
    "yes": N_("yes"),
    "differences": N_("Differences in the inputs"),
    "no_difference": N_("none: every input is the same"),
    "difference": N_("{label}: {values}"),
    "value": N_("{name}: {shown}"),
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
        _(WORDS["baseline"], name=name) if index == 0 else name
        for index, name in enumerate(comparison.names)
    )
    return _(WORDS["title"], count=len(comparison.names), names=names)


def pack_line(comparison: Comparison) -> str:
    """Which rule pack judges the scenarios and, when set, the date every date counts from."""
    if comparison.same_pack:
        pack = comparison.scenarios[0].assessment.pack
        line = _(WORDS["same_pack"], name=pack.name, version=pack.version)
    else:
        line = _(WORDS["different_packs"])
    if comparison.as_of is not None:
        line += " " + _(WORDS["dates"], date=present.date(comparison.as_of))
    return line


def sections(comparison: Comparison) -> Iterator[tuple[str, list[Row]]]:
    """Each section's heading and its rows: the outcomes' sections, then the inputs."""
    for key, heading in SECTIONS.items():
        yield heading, [row for row in comparison.outcomes if row.section == key]
    yield INPUTS, list(comparison.inputs)


def _table(comparison: Comparison, rows: list[Row]) -> Table:
    body = tuple((row.label, *row.values, _(WORDS["yes"]) if row.differs else "") for row in rows)
    return Table(("", *comparison.names, _(WORDS["differs"])), body)


def _differences(comparison: Comparison) -> Bullets | Entries:
    if not comparison.differences:
        return Bullets((_(WORDS["no_difference"]),))
    items = []
    for difference in comparison.differences:
        values = VALUE_SEPARATOR.join(
            _(WORDS["value"], name=name, shown=shown)
            for name, shown in zip(comparison.names, difference.shown, strict=True)
        )
        details = (comparison.effect_of(difference), *(note for note in difference.notes if note))
        items.append(Entry(_(WORDS["difference"], label=difference.label, values=values), details))
    return Entries(tuple(items))


def build_comparison_report(comparison: Comparison) -> Report:
    """The comparison as one document, for the text and the Markdown report alike."""
    parts = [Part(_(WORDS["lines"]), (Bullets(comparison.lines),))]
    parts += [Part(heading, (_table(comparison, rows),)) for heading, rows in sections(comparison)]
    parts.append(Part(_(WORDS["differences"]), (_differences(comparison),)))
    return Report(title(comparison), (pack_line(comparison),), tuple(parts))
