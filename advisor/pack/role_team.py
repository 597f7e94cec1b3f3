"""The role section's parts about who the role is: sources, figures, brief, shapes, duties."""

from __future__ import annotations

from typing import Any

from advisor.pack.model import Threshold
from advisor.pack.role_model import (
    INSTEAD_VERDICTS,
    RACI_VALUES,
    REQUIRED_FIGURES,
    SECTION_KEYS,
    TODAY_STATUSES,
    ActivityTemplate,
    Boost,
    BoundaryTemplate,
    BriefTexts,
    Figure,
    InterimPlan,
    InterviewTemplate,
    RaciTemplate,
    ResponsibilityTemplate,
    SectionText,
    SeniorityTemplate,
    ShapeTemplate,
    Step,
    TodayTemplate,
)
from advisor.pack.role_reader import RoleSections
from advisor.yamlio import LineDict


class TeamSections(RoleSections):
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

    def _instead(self) -> dict[str, InterimPlan]:
        node = self.section("instead", INSTEAD_VERDICTS)
        plans: dict[str, InterimPlan] = {}
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
                        Step(
                            self.r.text(step, "step", step_path),
                            self.r.text(step, "owner", step_path),
                            self.r.text(step, "when", step_path),
                        )
                    )
            plans[verdict] = InterimPlan(
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
