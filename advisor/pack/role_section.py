"""Read the rule pack's `role:` section into typed templates for drafting the role.

The section is data a consultant edits by hand (texts, defaults and figures with sources), so
it is checked when the pack loads and every problem is reported as
`FILE:LINE: role › key.path: what is wrong`, like the rest of the pack.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from advisor.pack.conditions import FIELD_CHOICES, FIELD_KINDS, build_when
from advisor.pack.model import VERDICTS, ConditionScope, MetricTarget, Node, Threshold
from advisor.pack.role_model import (
    INSTEAD_VERDICTS,
    PAY_KINDS,
    PLACEHOLDERS,
    RACI_VALUES,
    REQUIRED_FIGURES,
    SECTION_KEYS,
    TODAY_STATUSES,
    ActivityTemplate,
    AvoidMetric,
    Boost,
    BoundaryTemplate,
    BriefTexts,
    CapacityTexts,
    CompensationTemplate,
    Figure,
    HandoverTemplate,
    InsteadTemplate,
    InterviewTemplate,
    MetricShow,
    MilestoneTemplate,
    MistakeTemplate,
    PayComponentTemplate,
    PayoutCurve,
    PhaseTemplate,
    RaciTemplate,
    ResponsibilityTemplate,
    RoleTemplates,
    SectionText,
    SeniorityTemplate,
    ShapeTemplate,
    StepTemplate,
    TierTemplate,
    TodayTemplate,
)
from advisor.pack.schema import check_keys, is_number, line_of
from advisor.problems import Problems, suggest
from advisor.wording import PLACEHOLDER
from advisor.yamlio import LineDict

CONTEXT = "role"
MAX_ITEMS = 60
# Fields a role condition may test besides the profile and derived fields.
ROLE_FIELD_KINDS: dict[str, str] = {
    **{name: kind for name, kind in FIELD_KINDS.items() if kind != "text"},
    "verdict": "choice",
    "am_count": "numeric",
    "top_accounts_share": "numeric",
    "new_logo_quota": "yes_no",
}
ROLE_FIELD_CHOICES: dict[str, tuple[str, ...]] = {**FIELD_CHOICES, "verdict": VERDICTS}


# ---------------------------------------------------------------------------------------------
# Reading the YAML


class _Reader:
    """Typed reads from raw YAML that report each problem with its line and key path."""

    def __init__(self, problems: Problems, file: str) -> None:
        self.problems = problems
        self.file = file
        self._known = len(problems)

    @property
    def failed(self) -> bool:
        """Whether a problem was found since this reader started."""
        return len(self.problems) > self._known

    def error(self, line: int, path: str, message: str) -> None:
        self.problems.add(message, file=self.file, line=line, context=CONTEXT, path=path)

    def mapping(
        self,
        node: Any,
        path: str,
        line: int,
        allowed: Iterable[str],
        required: Iterable[str] = (),
    ) -> LineDict | None:
        if not isinstance(node, LineDict):
            self.error(line, path, "expected a mapping")
            return None
        check_keys(
            self.problems, self.file, node, allowed, required, CONTEXT, f"{path}." if path else ""
        )
        return node

    def text(self, node: LineDict, key: str, path: str, *, required: bool = True) -> str:
        full = f"{path}.{key}" if path else key
        if key not in node:
            return ""
        value = node[key]
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.error(node.line_of(key), full, "expected non-empty text")
            return ""
        for name in PLACEHOLDER.findall(value):
            if name not in PLACEHOLDERS:
                self.error(
                    node.line_of(key),
                    full,
                    f"unknown placeholder {{{name}}}{suggest(name, PLACEHOLDERS)}; "
                    f"expected one of {', '.join(PLACEHOLDERS)}",
                )
        return " ".join(value.split())

    def number(
        self,
        node: LineDict,
        key: str,
        path: str,
        low: float,
        high: float,
        *,
        integer: bool = False,
    ) -> float | None:
        full = f"{path}.{key}" if path else key
        if key not in node:
            return None
        value = node[key]
        if not is_number(value) or (integer and float(value) != int(value)):
            kind = "a whole number" if integer else "a number"
            self.error(node.line_of(key), full, f"{value!r} is not {kind}")
            return None
        if not low <= value <= high:
            self.error(node.line_of(key), full, f"{value:g} is outside {low:g}–{high:g}")
            return None
        return float(value)

    def items(self, node: LineDict, key: str, path: str) -> list[tuple[str, int, Any]]:
        """The entries of a list under `key`, each as (path, line, value)."""
        full = f"{path}.{key}" if path else key
        if key not in node:
            return []
        value = node[key]
        if not isinstance(value, list) or not value:
            self.error(node.line_of(key), full, "expected a non-empty list")
            return []
        if len(value) > MAX_ITEMS:
            self.error(node.line_of(key), full, f"more than {MAX_ITEMS} entries")
            return []
        line = node.line_of(key)
        return [
            (f"{full}[{index}]", line_of(item, fallback=line), item)
            for index, item in enumerate(value)
        ]

    def text_list(self, node: LineDict, key: str, path: str) -> tuple[str, ...]:
        found = []
        for item_path, line, item in self.items(node, key, path):
            if not isinstance(item, str) or not item.strip():
                self.error(line, item_path, "expected non-empty text")
                continue
            found.append(" ".join(item.split()))
        return tuple(found)

    def shape_list(
        self, node: LineDict, key: str, path: str, shapes: Iterable[str]
    ) -> tuple[str, ...]:
        full = f"{path}.{key}"
        if key not in node:
            return ()
        value = node[key]
        known = tuple(shapes)
        if not isinstance(value, list) or not value:
            self.error(node.line_of(key), full, "expected a list of shape ids")
            return ()
        for item in value:
            if item not in known:
                self.error(
                    node.line_of(key),
                    full,
                    f"unknown shape {item!r}{suggest(str(item), known)}; "
                    f"expected one of {', '.join(known)}",
                )
        return tuple(str(item) for item in value)


TOP_KEYS = (
    "sources",
    "figures",
    "brief",
    "shapes",
    "instead",
    "responsibilities",
    "boundaries",
    "raci",
    "seniority",
    "capacity",
    "tiers",
    "qbr_content",
    "qbr_source",
    "renewal_playbook",
    "metrics",
    "compensation",
    "handover",
    "onboarding",
    "mistakes",
)


def read_role_section(
    problems: Problems,
    sections: list[tuple[str, Any]],
    thresholds: Mapping[str, Threshold],
    metric_targets: Mapping[str, MetricTarget] | None,
) -> RoleTemplates | None:
    """Validate the `role:` section(s) of a pack; None when absent or invalid."""
    if not sections:
        return None
    file, node = sections[0]
    if len(sections) > 1:
        other_file, other = sections[1]
        line = other.line if isinstance(other, LineDict) else 0
        problems.add(
            f"'role' is defined twice (also in {file})",
            file=other_file,
            line=line,
            context=CONTEXT,
        )
        return None
    reader = _Reader(problems, file)
    root = reader.mapping(node, "", line_of(node), TOP_KEYS, TOP_KEYS)
    if root is None or reader.failed:
        return None
    templates = _RoleBuilder(reader, root, thresholds, metric_targets or {}).build()
    return None if reader.failed else templates


class _RoleSections:
    """What every part of the role section is read with: the root, the reader, the scope."""

    def __init__(
        self,
        reader: _Reader,
        root: LineDict,
        thresholds: Mapping[str, Threshold],
        metric_targets: Mapping[str, MetricTarget],
    ) -> None:
        self.r = reader
        self.root = root
        self.thresholds = thresholds
        self.metric_targets = metric_targets
        self.figures: dict[str, Figure] = {}
        # `_figures` adds each figure, so conditions may refer to it as `$name`.
        self.references: dict[str, Threshold] = dict(thresholds)
        self.condition_scope = ConditionScope(
            ROLE_FIELD_KINDS,
            ROLE_FIELD_CHOICES,
            self.references,
            noun="figure or threshold",
            nouns="figures and thresholds",
            max_depth=6,
        )
        self.shape_ids: tuple[str, ...] = ()

    def section(
        self, key: str, allowed: Iterable[str], required: Iterable[str] | None = None
    ) -> LineDict:
        allowed = tuple(allowed)
        node = self.r.mapping(
            self.root[key],
            key,
            self.root.line_of(key),
            allowed,
            allowed if required is None else required,
        )
        return node if node is not None else LineDict()

    def when(self, node: LineDict, path: str, *, required: bool) -> Node | None:
        if "when" not in node:
            if required:
                self.r.error(node.line, f"{path}.when", "required key is missing")
            return None
        return build_when(
            self.r.problems,
            self.r.file,
            node["when"],
            node.line_of("when"),
            CONTEXT,
            f"{path}.when",
            self.condition_scope,
        )


class _TeamSections(_RoleSections):
    """Who the role is: sources, figures, brief texts, shapes, duties, RACI and seniority."""

    def _sources(self) -> dict[str, str]:
        node = self.root["sources"]
        if not isinstance(node, LineDict) or not node:
            self.r.error(
                self.root.line_of("sources"), "sources", "expected a mapping of name: text"
            )
            return {}
        return {str(name): self.r.text(node, name, "sources") for name in node}

    def _figures(self) -> None:
        node = self.root["figures"]
        if not isinstance(node, LineDict):
            self.r.error(self.root.line_of("figures"), "figures", "expected a mapping")
            return
        for name, spec in node.items():
            path = f"figures.{name}"
            if name in self.thresholds:
                self.r.error(
                    node.line_of(name),
                    path,
                    f"the name is taken by the threshold '${name}'; choose another",
                )
                continue
            entry = self.r.mapping(
                spec, path, node.line_of(name), ("value", "source"), ("value", "source")
            )
            if entry is None or "value" not in entry:
                continue
            low, high, integer = REQUIRED_FIGURES.get(name, (-1e12, 1e12, False))
            value = self.r.number(entry, "value", path, low, high, integer=integer)
            source = self.r.text(entry, "source", path)
            if value is not None:
                self.figures[name] = Figure(value, source)
                self.references[name] = Threshold.fixed(
                    name, value, source, self.r.file, node.line_of(name)
                )
        for name in REQUIRED_FIGURES:
            if name not in node:
                self.r.error(node.line, f"figures.{name}", "required figure is missing")

    def _brief(self) -> BriefTexts | None:
        node = self.section("brief", ("title", "subtitle", "sections"))
        sections_node = self.r.mapping(
            node.get("sections"),
            "brief.sections",
            node.line_of("sections"),
            SECTION_KEYS,
            SECTION_KEYS,
        )
        if sections_node is None:
            return None
        sections: dict[str, SectionText] = {}
        for key in SECTION_KEYS:
            path = f"brief.sections.{key}"
            entry = self.r.mapping(
                sections_node.get(key),
                path,
                sections_node.line_of(key),
                ("title", "intro"),
                ("title", "intro"),
            )
            if entry is not None:
                sections[key] = SectionText(
                    self.r.text(entry, "title", path), self.r.text(entry, "intro", path)
                )
        return BriefTexts(
            self.r.text(node, "title", "brief"), self.r.text(node, "subtitle", "brief"), sections
        )

    def _shapes(self) -> tuple[ShapeTemplate, ...]:
        shapes: list[ShapeTemplate] = []
        entries = self.r.items(self.root, "shapes", "")
        keys = ("id", "title", "when", "summary", "mission", "source")
        for position, (path, line, item) in enumerate(entries):
            node = self.r.mapping(item, path, line, keys, ("id", "title", "summary", "mission"))
            if node is None:
                continue
            shape_id = self.r.text(node, "id", path)
            if any(shape.id == shape_id for shape in shapes):
                self.r.error(
                    node.line_of("id"), f"{path}.id", f"shape '{shape_id}' is defined twice"
                )
            last = position == len(entries) - 1
            if last and "when" in node:
                self.r.error(
                    node.line_of("when"),
                    f"{path}.when",
                    "the last shape is the fallback and takes no condition",
                )
            shapes.append(
                ShapeTemplate(
                    id=shape_id,
                    title=self.r.text(node, "title", path),
                    when=self.when(node, path, required=not last),
                    summary=self.r.text(node, "summary", path),
                    mission=self.r.text(node, "mission", path),
                    source=self.r.text(node, "source", path, required=False),
                )
            )
        self.shape_ids = tuple(shape.id for shape in shapes)
        return tuple(shapes)

    def _instead(self) -> dict[str, InsteadTemplate]:
        node = self.section("instead", INSTEAD_VERDICTS)
        plans: dict[str, InsteadTemplate] = {}
        for verdict in INSTEAD_VERDICTS:
            path = f"instead.{verdict}"
            keys = ("title", "summary", "steps", "source")
            entry = self.r.mapping(node.get(verdict), path, node.line_of(verdict), keys, keys)
            if entry is None:
                continue
            steps = []
            for step_path, line, item in self.r.items(entry, "steps", path):
                step = self.r.mapping(
                    item, step_path, line, ("step", "owner", "when"), ("step", "owner", "when")
                )
                if step is not None:
                    steps.append(
                        StepTemplate(
                            self.r.text(step, "step", step_path),
                            self.r.text(step, "owner", step_path),
                            self.r.text(step, "when", step_path),
                        )
                    )
            plans[verdict] = InsteadTemplate(
                self.r.text(entry, "title", path),
                self.r.text(entry, "summary", path),
                tuple(steps),
                self.r.text(entry, "source", path),
            )
        return plans

    def _responsibilities(self) -> tuple[ResponsibilityTemplate, ...]:
        found: list[ResponsibilityTemplate] = []
        keys = ("id", "area", "description", "weight", "boosts", "only_shapes", "source")
        for path, line, item in self.r.items(self.root, "responsibilities", ""):
            node = self.r.mapping(
                item, path, line, keys, ("id", "area", "description", "weight", "source")
            )
            if node is None:
                continue
            boosts = []
            for boost_path, boost_line, raw in self.r.items(node, "boosts", path):
                boost = self.r.mapping(
                    raw,
                    boost_path,
                    boost_line,
                    ("when", "weight", "because"),
                    ("when", "weight", "because"),
                )
                if boost is None:
                    continue
                when = self.when(boost, boost_path, required=True)
                weight = self.r.number(boost, "weight", boost_path, -100, 100)
                if when is not None and weight is not None:
                    boosts.append(Boost(when, weight, self.r.text(boost, "because", boost_path)))
            found.append(
                ResponsibilityTemplate(
                    id=self.r.text(node, "id", path),
                    area=self.r.text(node, "area", path),
                    description=self.r.text(node, "description", path),
                    weight=self.r.number(node, "weight", path, 0, 100) or 0.0,
                    boosts=tuple(boosts),
                    only_shapes=self.r.shape_list(node, "only_shapes", path, self.shape_ids),
                    source=self.r.text(node, "source", path),
                )
            )
        return tuple(found)

    def _boundaries(self) -> tuple[BoundaryTemplate, ...]:
        found = []
        keys = ("role", "owns", "boundary", "by_shape", "source")
        for path, line, item in self.r.items(self.root, "boundaries", ""):
            node = self.r.mapping(item, path, line, keys, ("role", "owns", "boundary", "source"))
            if node is None:
                continue
            by_shape: dict[str, str] = {}
            if "by_shape" in node:
                shapes = self.r.mapping(
                    node["by_shape"], f"{path}.by_shape", node.line_of("by_shape"), self.shape_ids
                )
                if shapes is not None:
                    by_shape = {key: self.r.text(shapes, key, f"{path}.by_shape") for key in shapes}
            found.append(
                BoundaryTemplate(
                    role=self.r.text(node, "role", path),
                    owns=self.r.text(node, "owns", path),
                    boundary=self.r.text(node, "boundary", path),
                    by_shape=by_shape,
                    source=self.r.text(node, "source", path),
                )
            )
        return tuple(found)

    def _raci_cells(
        self, node: Any, path: str, line: int, roles: tuple[str, ...]
    ) -> dict[str, str]:
        cells = self.r.mapping(node, path, line, roles, roles)
        if cells is None:
            return {}
        found: dict[str, str] = {}
        for role in roles:
            value = cells.get(role, "")
            value = "" if value is None else value
            if value not in RACI_VALUES:
                self.r.error(
                    cells.line_of(role),
                    f"{path}.{role}",
                    f"{value!r} is not one of {', '.join(repr(v) for v in RACI_VALUES)}",
                )
                continue
            found[role] = str(value)
        return found

    def _raci(self) -> RaciTemplate | None:
        node = self.section("raci", ("roles", "legend", "activities"))
        roles = self.r.text_list(node, "roles", "raci")
        if len(set(roles)) != len(roles):
            self.r.error(node.line_of("roles"), "raci.roles", "a role is listed twice")
        legend_node = node.get("legend")
        legend: dict[str, str] = {}
        if isinstance(legend_node, LineDict):
            legend = {str(k): self.r.text(legend_node, k, "raci.legend") for k in legend_node}
        else:
            self.r.error(node.line_of("legend"), "raci.legend", "expected a mapping")
        activities = []
        keys = ("id", "label", "proposed", "by_shape", "today")
        for path, line, item in self.r.items(node, "activities", "raci"):
            entry = self.r.mapping(item, path, line, keys, ("id", "label", "proposed", "today"))
            if entry is None:
                continue
            proposed = self._raci_cells(
                entry.get("proposed"), f"{path}.proposed", entry.line_of("proposed"), roles
            )
            by_shape: dict[str, dict[str, str]] = {}
            if "by_shape" in entry:
                shapes = self.r.mapping(
                    entry["by_shape"], f"{path}.by_shape", entry.line_of("by_shape"), self.shape_ids
                )
                for shape in shapes or {}:
                    by_shape[shape] = self._raci_cells(
                        shapes[shape],  # type: ignore[index]
                        f"{path}.by_shape.{shape}",
                        shapes.line_of(shape),  # type: ignore[union-attr]
                        roles,
                    )
            today = self._today(entry, path)
            activities.append(
                ActivityTemplate(
                    id=self.r.text(entry, "id", path),
                    label=self.r.text(entry, "label", path),
                    proposed=proposed,
                    by_shape=by_shape,
                    today=today,
                )
            )
        if self.r.failed:
            return None
        return RaciTemplate(roles, legend, tuple(activities))

    def _today(self, entry: LineDict, path: str) -> tuple[TodayTemplate, ...]:
        found = []
        rows = self.r.items(entry, "today", path)
        for position, (row_path, line, item) in enumerate(rows):
            row = self.r.mapping(
                item,
                row_path,
                line,
                ("when", "owner", "status", "note"),
                ("owner", "status", "note"),
            )
            if row is None:
                continue
            last = position == len(rows) - 1
            if last and "when" in row:
                self.r.error(
                    row.line_of("when"),
                    f"{row_path}.when",
                    "the last entry is the fallback and takes no condition",
                )
            status = row.get("status")
            if status not in TODAY_STATUSES:
                self.r.error(
                    row.line_of("status"),
                    f"{row_path}.status",
                    f"{status!r} is not one of {', '.join(TODAY_STATUSES)}",
                )
            found.append(
                TodayTemplate(
                    when=self.when(row, row_path, required=not last),
                    owner=self.r.text(row, "owner", row_path),
                    status=str(status),
                    note=self.r.text(row, "note", row_path),
                )
            )
        return tuple(found)

    def _seniority(self) -> SeniorityTemplate | None:
        node = self.section(
            "seniority",
            ("level", "summary", "traits", "by_shape", "interview"),
            ("level", "summary", "traits", "interview"),
        )
        by_shape: dict[str, tuple[str, ...]] = {}
        if "by_shape" in node:
            shapes = self.r.mapping(
                node["by_shape"], "seniority.by_shape", node.line_of("by_shape"), self.shape_ids
            )
            for shape in shapes or {}:
                assert shapes is not None  # iterated only when the mapping was read
                by_shape[shape] = self.r.text_list(shapes, shape, "seniority.by_shape")
        interview = []
        keys = ("skill", "ask", "listen_for", "only_shapes")
        for path, line, item in self.r.items(node, "interview", "seniority"):
            entry = self.r.mapping(item, path, line, keys, ("skill", "ask", "listen_for"))
            if entry is None:
                continue
            interview.append(
                InterviewTemplate(
                    self.r.text(entry, "skill", path),
                    self.r.text(entry, "ask", path),
                    self.r.text(entry, "listen_for", path),
                    self.r.shape_list(entry, "only_shapes", path, self.shape_ids),
                )
            )
        return SeniorityTemplate(
            level=self.r.text(node, "level", "seniority"),
            summary=self.r.text(node, "summary", "seniority"),
            traits=self.r.text_list(node, "traits", "seniority"),
            by_shape=by_shape,
            interview=tuple(interview),
        )


class _PlanSections(_TeamSections):
    """How the role works: capacity, tiers, playbook, metrics, pay, handover and onboarding."""

    def _capacity(self) -> CapacityTexts | None:
        keys = (
            "book",
            "book_source",
            "now",
            "next_am",
            "team_lead",
            "key_accounts",
            "cadence_load",
        )
        node = self.section("capacity", keys)
        return CapacityTexts(*(self.r.text(node, key, "capacity") for key in keys))

    def _tiers(self) -> tuple[tuple[TierTemplate, ...], str]:
        node = self.section("tiers", ("source", "levels"))
        keys = (
            "id",
            "label",
            "min_value_multiple",
            "share_of_accounts",
            "contact",
            "review",
            "hours_per_month",
        )
        tiers: list[TierTemplate] = []
        entries = self.r.items(node, "levels", "tiers")
        for path, line, item in entries:
            entry = self.r.mapping(item, path, line, keys, keys)
            if entry is None:
                continue
            multiple = self.r.number(entry, "min_value_multiple", path, 0, 100)
            share = self.r.number(entry, "share_of_accounts", path, 0, 1)
            hours = self.r.number(entry, "hours_per_month", path, 0, 200)
            if multiple is None or share is None or hours is None:
                continue
            if tiers and multiple >= tiers[-1].min_value_multiple:
                self.r.error(
                    entry.line_of("min_value_multiple"),
                    f"{path}.min_value_multiple",
                    f"{multiple:g} must be below the tier above ({tiers[-1].min_value_multiple:g})",
                )
            tiers.append(
                TierTemplate(
                    id=self.r.text(entry, "id", path),
                    label=self.r.text(entry, "label", path),
                    min_value_multiple=multiple,
                    share_of_accounts=share,
                    contact=self.r.text(entry, "contact", path),
                    review=self.r.text(entry, "review", path),
                    hours_per_month=hours,
                )
            )
        if tiers and not self.r.failed:
            if tiers[-1].min_value_multiple != 0:
                self.r.error(
                    entries[-1][1],
                    f"{entries[-1][0]}.min_value_multiple",
                    "the last tier takes every remaining account: set it to 0",
                )
            total = sum(tier.share_of_accounts for tier in tiers)
            if abs(total - 1) > 0.001:
                self.r.error(
                    node.line_of("levels"),
                    "tiers.levels",
                    f"share_of_accounts adds up to {total:g}; it must add up to 1",
                )
        return tuple(tiers), self.r.text(node, "source", "tiers")

    def _playbook(self) -> tuple[tuple[MilestoneTemplate, ...], str, str]:
        node = self.section("renewal_playbook", ("milestones", "late_note", "source"))
        found: list[MilestoneTemplate] = []
        keys = ("days_before", "milestone", "actions", "owner")
        entries = self.r.items(node, "milestones", "renewal_playbook")
        for path, line, item in entries:
            entry = self.r.mapping(item, path, line, keys, keys)
            if entry is None:
                continue
            days = self.r.number(entry, "days_before", path, 0, 365, integer=True)
            if days is None:
                continue
            if found and days >= found[-1].days_before:
                self.r.error(
                    entry.line_of("days_before"),
                    f"{path}.days_before",
                    f"{days:g} must be fewer days than the milestone before "
                    f"({found[-1].days_before})",
                )
            found.append(
                MilestoneTemplate(
                    int(days),
                    self.r.text(entry, "milestone", path),
                    self.r.text(entry, "actions", path),
                    self.r.text(entry, "owner", path),
                )
            )
        if found and not self.r.failed:
            if found[0].days_before < 90:
                self.r.error(
                    entries[0][1],
                    f"{entries[0][0]}.days_before",
                    "the renewal process starts 90–120 days before expiry (seed 000); "
                    f"{found[0].days_before} is too late",
                )
            if found[-1].days_before != 0:
                self.r.error(
                    entries[-1][1],
                    f"{entries[-1][0]}.days_before",
                    "the last milestone is the expiry date itself: set it to 0",
                )
        return (
            tuple(found),
            self.r.text(node, "late_note", "renewal_playbook"),
            self.r.text(node, "source", "renewal_playbook"),
        )

    def _metrics(self) -> tuple[tuple[MetricShow, ...], str, tuple[AvoidMetric, ...], str]:
        node = self.section("metrics", ("show", "pairing_note", "avoid", "avoid_source"))
        shown: list[MetricShow] = []
        for path, line, item in self.r.items(node, "show", "metrics"):
            entry = self.r.mapping(item, path, line, ("metric", "how"), ("metric", "how"))
            if entry is None:
                continue
            metric = entry.get("metric")
            if self.metric_targets and metric not in self.metric_targets:
                self.r.error(
                    entry.line_of("metric"),
                    f"{path}.metric",
                    f"no metric target '{metric}' in benchmarks.metric_targets"
                    f"{suggest(str(metric), self.metric_targets)}",
                )
                continue
            shown.append(MetricShow(str(metric), self.r.text(entry, "how", path)))
        names = [metric.metric for metric in shown]
        if "nrr" in names and names[names.index("nrr") + 1 : names.index("nrr") + 2] != [
            "logo_retention"
        ]:
            self.r.error(
                node.line_of("show"),
                "metrics.show",
                "NRR must be followed by logo_retention: never read NRR alone (seed 004)",
            )
        avoid = []
        for path, line, item in self.r.items(node, "avoid", "metrics"):
            entry = self.r.mapping(item, path, line, ("metric", "why"), ("metric", "why"))
            if entry is not None:
                avoid.append(
                    AvoidMetric(self.r.text(entry, "metric", path), self.r.text(entry, "why", path))
                )
        return (
            tuple(shown),
            self.r.text(node, "pairing_note", "metrics"),
            tuple(avoid),
            self.r.text(node, "avoid_source", "metrics"),
        )

    def _compensation(self) -> CompensationTemplate | None:
        keys = (
            "base_share",
            "components",
            "components_source",
            "renewal_expansion_range",
            "payout_curve",
            "attainments",
            "new_logo",
            "outside_range_warning",
            "ote_source_benchmark",
            "ote_source_profile",
        )
        node = self.section("compensation", keys)
        path = "compensation"
        base = self.r.mapping(
            node.get("base_share"),
            f"{path}.base_share",
            node.line_of("base_share"),
            ("value", "source"),
            ("value", "source"),
        )
        base_share = (
            self.r.number(base, "value", f"{path}.base_share", 0.3, 1.0)
            if base is not None
            else None
        )
        components = self._pay_components(node, path)
        low, high, range_source = self._expansion_range(node, path, components)
        curve = self._curve(node, path)
        attainments = self._attainments(node, path)
        new_logo = self.r.mapping(
            node.get("new_logo"),
            f"{path}.new_logo",
            node.line_of("new_logo"),
            ("label", "warning"),
            ("label", "warning"),
        )
        if base is None or base_share is None or low is None or high is None or curve is None:
            return None
        if new_logo is None:
            return None
        return CompensationTemplate(
            base_share=base_share,
            base_share_source=self.r.text(base, "source", f"{path}.base_share"),
            components=tuple(components or ()),
            components_source=self.r.text(node, "components_source", path),
            range_low=low,
            range_high=high,
            range_source=range_source,
            curve=curve,
            attainments=tuple(attainments),
            new_logo_label=self.r.text(new_logo, "label", f"{path}.new_logo"),
            new_logo_warning=self.r.text(new_logo, "warning", f"{path}.new_logo"),
            outside_range_warning=self.r.text(node, "outside_range_warning", path),
            ote_source_benchmark=self.r.text(node, "ote_source_benchmark", path),
            ote_source_profile=self.r.text(node, "ote_source_profile", path),
        )

    def _pay_components(self, node: LineDict, path: str) -> list[PayComponentTemplate] | None:
        """The default pay components; None when one was refused (their shares would skew)."""
        components: list[PayComponentTemplate] = []
        component_keys = ("id", "label", "kind", "share", "measure")
        entries = self.r.items(node, "components", path)
        for item_path, line, item in entries:
            entry = self.r.mapping(item, item_path, line, component_keys, component_keys)
            if entry is None:
                continue
            kind = entry.get("kind")
            if kind not in PAY_KINDS[:3]:
                self.r.error(
                    entry.line_of("kind"),
                    f"{item_path}.kind",
                    f"{kind!r} is not one of renewal, expansion, other "
                    "(a new-logo quota is never a default: seed 000)",
                )
                continue
            share = self.r.number(entry, "share", item_path, 0, 1)
            if share is None:
                continue
            components.append(
                PayComponentTemplate(
                    self.r.text(entry, "id", item_path),
                    self.r.text(entry, "label", item_path),
                    str(kind),
                    share,
                    self.r.text(entry, "measure", item_path),
                )
            )
        if len(components) != len(entries):
            return None
        total = sum(component.share for component in components)
        if components and abs(total - 1) > 0.001:
            self.r.error(
                node.line_of("components"),
                f"{path}.components",
                f"the shares add up to {total:g}; they must add up to 1",
            )
        return components

    def _expansion_range(
        self, node: LineDict, path: str, components: list[PayComponentTemplate] | None
    ) -> tuple[float | None, float | None, str]:
        """The range renewal and expansion pay must lie in, checked against the components."""
        where = f"{path}.renewal_expansion_range"
        rng = self.r.mapping(
            node.get("renewal_expansion_range"),
            where,
            node.line_of("renewal_expansion_range"),
            ("low", "high", "source"),
            ("low", "high", "source"),
        )
        if rng is None:
            return None, None, ""
        low = self.r.number(rng, "low", where, 0, 1)
        high = self.r.number(rng, "high", where, 0, 1)
        range_source = self.r.text(rng, "source", where)
        if low is not None and high is not None and low > high:
            self.r.error(rng.line_of("low"), f"{where}.low", "low is above high")
        if components and low is not None and high is not None:
            covered = sum(c.share for c in components if c.kind in ("renewal", "expansion"))
            if not low - 1e-9 <= covered <= high + 1e-9:
                self.r.error(
                    node.line_of("components"),
                    f"{path}.components",
                    f"renewal and expansion carry {covered:.0%} of the variable pay; "
                    f"the default must lie within {low:.0%}–{high:.0%} ({range_source})",
                )
        return low, high, range_source

    def _attainments(self, node: LineDict, path: str) -> list[float]:
        raw = node.get("attainments")
        if not (isinstance(raw, list) and raw and all(is_number(v) and 0 < v <= 3 for v in raw)):
            self.r.error(
                node.line_of("attainments"),
                f"{path}.attainments",
                "expected a list of attainment levels such as [0.8, 1.0, 1.2]",
            )
            return []
        attainments = [float(v) for v in raw]
        if attainments != sorted(set(attainments)):
            self.r.error(
                node.line_of("attainments"),
                f"{path}.attainments",
                "expected rising attainment levels, each once",
            )
        return attainments

    def _curve(self, node: LineDict, path: str) -> PayoutCurve | None:
        keys = ("threshold", "accelerator", "cap", "source")
        curve = self.r.mapping(
            node.get("payout_curve"),
            f"{path}.payout_curve",
            node.line_of("payout_curve"),
            keys,
            keys,
        )
        if curve is None:
            return None
        where = f"{path}.payout_curve"
        threshold = self.r.number(curve, "threshold", where, 0, 1)
        accelerator = self.r.number(curve, "accelerator", where, 0, 5)
        cap = self.r.number(curve, "cap", where, 1, 5)
        if threshold is None or accelerator is None or cap is None:
            return None
        return PayoutCurve(threshold, accelerator, cap, self.r.text(curve, "source", where))

    def _handover(self) -> tuple[tuple[HandoverTemplate, ...], str]:
        node = self.section("handover", ("items", "source"))
        found = []
        keys = ("item", "owner", "when")
        for path, line, item in self.r.items(node, "items", "handover"):
            entry = self.r.mapping(item, path, line, keys, keys)
            if entry is not None:
                found.append(HandoverTemplate(*(self.r.text(entry, key, path) for key in keys)))
        return tuple(found), self.r.text(node, "source", "handover")

    def _onboarding(self) -> tuple[tuple[PhaseTemplate, ...], str]:
        node = self.section("onboarding", ("phases", "source"))
        found = []
        keys = ("phase", "goal", "actions")
        for path, line, item in self.r.items(node, "phases", "onboarding"):
            entry = self.r.mapping(item, path, line, keys, keys)
            if entry is not None:
                found.append(
                    PhaseTemplate(
                        self.r.text(entry, "phase", path),
                        self.r.text(entry, "goal", path),
                        self.r.text_list(entry, "actions", path),
                    )
                )
        return tuple(found), self.r.text(node, "source", "onboarding")

    def _mistakes(self) -> tuple[MistakeTemplate, ...]:
        found: list[MistakeTemplate] = []
        keys = ("id", "title", "when", "why", "advice", "source")
        for path, line, item in self.r.items(self.root, "mistakes", ""):
            entry = self.r.mapping(item, path, line, keys, keys)
            if entry is None:
                continue
            when = self.when(entry, path, required=True)
            if when is None:
                continue
            found.append(
                MistakeTemplate(
                    id=self.r.text(entry, "id", path),
                    title=self.r.text(entry, "title", path),
                    when=when,
                    why=self.r.text(entry, "why", path),
                    advice=self.r.text(entry, "advice", path),
                    source=self.r.text(entry, "source", path),
                )
            )
        return tuple(found)


class _RoleBuilder(_PlanSections):
    """Reads every part and puts the templates together."""

    def build(self) -> RoleTemplates | None:
        sources = self._sources()
        self._figures()
        brief = self._brief()
        shapes = self._shapes()
        instead = self._instead()
        responsibilities = self._responsibilities()
        boundaries = self._boundaries()
        raci = self._raci()
        seniority = self._seniority()
        capacity = self._capacity()
        tiers, tiers_source = self._tiers()
        qbr_content = self.r.text_list(self.root, "qbr_content", "")
        qbr_source = self.r.text(self.root, "qbr_source", "")
        milestones, late_note, playbook_source = self._playbook()
        metrics, pairing, avoid, avoid_source = self._metrics()
        compensation = self._compensation()
        handover, handover_source = self._handover()
        onboarding, onboarding_source = self._onboarding()
        mistakes = self._mistakes()
        if self.r.failed or brief is None or raci is None or seniority is None:
            return None
        if capacity is None or compensation is None:
            return None
        return RoleTemplates(
            file=self.r.file,
            sources=sources,
            figures=dict(self.figures),
            brief=brief,
            shapes=shapes,
            instead=instead,
            responsibilities=responsibilities,
            boundaries=boundaries,
            raci=raci,
            seniority=seniority,
            capacity=capacity,
            tiers=tiers,
            tiers_source=tiers_source,
            qbr_content=qbr_content,
            qbr_source=qbr_source,
            milestones=milestones,
            late_renewal_note=late_note,
            playbook_source=playbook_source,
            metrics=metrics,
            pairing_note=pairing,
            avoid=avoid,
            avoid_source=avoid_source,
            compensation=compensation,
            handover=handover,
            handover_source=handover_source,
            onboarding=onboarding,
            onboarding_source=onboarding_source,
            mistakes=mistakes,
            references=dict(self.references),
        )
