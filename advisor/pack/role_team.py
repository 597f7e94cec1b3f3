"""The role section's parts about who the role is: sources, figures, brief, shapes, duties."""

from __future__ import annotations

from typing import Any

from advisor.i18n import _
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
from advisor.pack.role_reader import RoleScope, read_when, section
from advisor.yamlio import LineDict


def read_sources(scope: RoleScope) -> dict[str, str]:
    r = scope.reader
    node = scope.root["sources"]
    if not isinstance(node, LineDict) or not node:
        r.error(scope.root.line_of("sources"), "sources", _("expected a mapping of name: text"))
        return {}
    return {str(name): r.text(node, name, "sources") for name in node}


def read_figures(scope: RoleScope) -> tuple[dict[str, Figure], dict[str, Threshold]]:
    """The role's figures, and the thresholds with each figure added as one (`$name`)."""
    r = scope.reader
    figures: dict[str, Figure] = {}
    references: dict[str, Threshold] = dict(scope.thresholds)
    node = scope.root["figures"]
    if not isinstance(node, LineDict):
        r.error(scope.root.line_of("figures"), "figures", _("expected a mapping"))
        return figures, references
    for name, spec in node.items():
        path = f"figures.{name}"
        if name in scope.thresholds:
            taken = f"${name}"
            r.error(
                node.line_of(name),
                path,
                _("the name is taken by the threshold '{ref}'; choose another", ref=taken),
            )
            continue
        entry = r.mapping(spec, path, node.line_of(name), ("value", "source"), ("value", "source"))
        if entry is None or "value" not in entry:
            continue
        low, high, integer = REQUIRED_FIGURES.get(name, (-1e12, 1e12, False))
        value = r.number(entry, "value", path, low, high, integer=integer)
        source = r.text(entry, "source", path)
        if value is not None:
            figures[name] = Figure(value, source)
            references[name] = Threshold.fixed(name, value, source, r.file, node.line_of(name))
    for name in REQUIRED_FIGURES:
        if name not in node:
            r.error(node.line, f"figures.{name}", _("required figure is missing"))
    return figures, references


def read_brief(scope: RoleScope) -> BriefTexts | None:
    r = scope.reader
    node = section(scope, "brief", ("title", "subtitle", "sections"))
    sections_node = r.mapping(
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
        entry = r.mapping(
            sections_node.get(key),
            path,
            sections_node.line_of(key),
            ("title", "intro"),
            ("title", "intro"),
        )
        if entry is not None:
            sections[key] = SectionText(r.text(entry, "title", path), r.text(entry, "intro", path))
    return BriefTexts(r.text(node, "title", "brief"), r.text(node, "subtitle", "brief"), sections)


def read_shapes(scope: RoleScope) -> tuple[ShapeTemplate, ...]:
    r = scope.reader
    shapes: list[ShapeTemplate] = []
    entries = r.items(scope.root, "shapes", "")
    keys = ("id", "title", "when", "summary", "mission", "source")
    for position, (path, line, item) in enumerate(entries):
        node = r.mapping(item, path, line, keys, ("id", "title", "summary", "mission"))
        if node is None:
            continue
        shape_id = r.text(node, "id", path)
        if any(shape.id == shape_id for shape in shapes):
            r.error(
                node.line_of("id"),
                f"{path}.id",
                _("shape '{shape}' is defined twice", shape=shape_id),
            )
        last = position == len(entries) - 1
        if last and "when" in node:
            r.error(
                node.line_of("when"),
                f"{path}.when",
                _("the last shape is the fallback and takes no condition"),
            )
        shapes.append(
            ShapeTemplate(
                id=shape_id,
                title=r.text(node, "title", path),
                when=read_when(scope, node, path, required=not last),
                summary=r.text(node, "summary", path),
                mission=r.text(node, "mission", path),
                source=r.text(node, "source", path, required=False),
            )
        )
    return tuple(shapes)


def read_instead(scope: RoleScope) -> dict[str, InterimPlan]:
    r = scope.reader
    node = section(scope, "instead", INSTEAD_VERDICTS)
    plans: dict[str, InterimPlan] = {}
    for verdict in INSTEAD_VERDICTS:
        path = f"instead.{verdict}"
        keys = ("title", "summary", "steps", "source")
        entry = r.mapping(node.get(verdict), path, node.line_of(verdict), keys, keys)
        if entry is None:
            continue
        steps = []
        for step_path, line, item in r.items(entry, "steps", path):
            step = r.mapping(
                item, step_path, line, ("step", "owner", "when"), ("step", "owner", "when")
            )
            if step is not None:
                steps.append(
                    Step(
                        r.text(step, "step", step_path),
                        r.text(step, "owner", step_path),
                        r.text(step, "when", step_path),
                    )
                )
        plans[verdict] = InterimPlan(
            r.text(entry, "title", path),
            r.text(entry, "summary", path),
            tuple(steps),
            r.text(entry, "source", path),
        )
    return plans


def read_responsibilities(scope: RoleScope) -> tuple[ResponsibilityTemplate, ...]:
    r = scope.reader
    found: list[ResponsibilityTemplate] = []
    keys = ("id", "area", "description", "weight", "boosts", "only_shapes", "source")
    for path, line, item in r.items(scope.root, "responsibilities", ""):
        node = r.mapping(item, path, line, keys, ("id", "area", "description", "weight", "source"))
        if node is None:
            continue
        boosts = []
        for boost_path, boost_line, raw in r.items(node, "boosts", path):
            boost = r.mapping(
                raw,
                boost_path,
                boost_line,
                ("when", "weight", "because"),
                ("when", "weight", "because"),
            )
            if boost is None:
                continue
            when = read_when(scope, boost, boost_path, required=True)
            weight = r.number(boost, "weight", boost_path, -100, 100)
            if when is not None and weight is not None:
                boosts.append(Boost(when, weight, r.text(boost, "because", boost_path)))
        found.append(
            ResponsibilityTemplate(
                id=r.text(node, "id", path),
                area=r.text(node, "area", path),
                description=r.text(node, "description", path),
                weight=r.number(node, "weight", path, 0, 100) or 0.0,
                boosts=tuple(boosts),
                only_shapes=r.shape_list(node, "only_shapes", path, scope.shape_ids),
                source=r.text(node, "source", path),
            )
        )
    return tuple(found)


def read_boundaries(scope: RoleScope) -> tuple[BoundaryTemplate, ...]:
    r = scope.reader
    found = []
    keys = ("role", "owns", "boundary", "by_shape", "source")
    for path, line, item in r.items(scope.root, "boundaries", ""):
        node = r.mapping(item, path, line, keys, ("role", "owns", "boundary", "source"))
        if node is None:
            continue
        by_shape: dict[str, str] = {}
        if "by_shape" in node:
            shapes = r.mapping(
                node["by_shape"], f"{path}.by_shape", node.line_of("by_shape"), scope.shape_ids
            )
            if shapes is not None:
                by_shape = {key: r.text(shapes, key, f"{path}.by_shape") for key in shapes}
        found.append(
            BoundaryTemplate(
                role=r.text(node, "role", path),
                owns=r.text(node, "owns", path),
                boundary=r.text(node, "boundary", path),
                by_shape=by_shape,
                source=r.text(node, "source", path),
            )
        )
    return tuple(found)


def _raci_cells(
    scope: RoleScope, node: Any, path: str, line: int, roles: tuple[str, ...]
) -> dict[str, str]:
    r = scope.reader
    cells = r.mapping(node, path, line, roles, roles)
    if cells is None:
        return {}
    found: dict[str, str] = {}
    for role in roles:
        value = cells.get(role, "")
        value = "" if value is None else value
        if value not in RACI_VALUES:
            r.error(
                cells.line_of(role),
                f"{path}.{role}",
                _(
                    "{value} is not one of {choices}",
                    value=repr(value),
                    choices=", ".join(repr(v) for v in RACI_VALUES),
                ),
            )
            continue
        found[role] = str(value)
    return found


def read_raci(scope: RoleScope) -> RaciTemplate | None:
    r = scope.reader
    node = section(
        scope,
        "raci",
        ("roles", "labels", "legend", "activities"),
        ("roles", "legend", "activities"),
    )
    roles = r.text_list(node, "roles", "raci")
    if len(set(roles)) != len(roles):
        r.error(node.line_of("roles"), "raci.roles", _("a role is listed twice"))
    labels = _raci_labels(scope, node, roles)
    legend_node = node.get("legend")
    legend: dict[str, str] = {}
    if isinstance(legend_node, LineDict):
        legend = {str(k): r.text(legend_node, k, "raci.legend") for k in legend_node}
    else:
        r.error(node.line_of("legend"), "raci.legend", _("expected a mapping"))
    activities = []
    keys = ("id", "label", "proposed", "by_shape", "today")
    for path, line, item in r.items(node, "activities", "raci"):
        entry = r.mapping(item, path, line, keys, ("id", "label", "proposed", "today"))
        if entry is None:
            continue
        proposed = _raci_cells(
            scope, entry.get("proposed"), f"{path}.proposed", entry.line_of("proposed"), roles
        )
        by_shape: dict[str, dict[str, str]] = {}
        if "by_shape" in entry:
            shapes = r.mapping(
                entry["by_shape"], f"{path}.by_shape", entry.line_of("by_shape"), scope.shape_ids
            )
            for shape in shapes or {}:
                by_shape[shape] = _raci_cells(
                    scope,
                    shapes[shape],  # type: ignore[index]
                    f"{path}.by_shape.{shape}",
                    shapes.line_of(shape),  # type: ignore[union-attr]
                    roles,
                )
        today = _today(scope, entry, path)
        activities.append(
            ActivityTemplate(
                id=r.text(entry, "id", path),
                label=r.text(entry, "label", path),
                proposed=proposed,
                by_shape=by_shape,
                today=today,
            )
        )
    if r.failed:
        return None
    return RaciTemplate(roles, legend, tuple(activities), labels)


def _raci_labels(scope: RoleScope, node: LineDict, roles: tuple[str, ...]) -> tuple[str, ...]:
    """Each role's column heading (`raci.labels`, a text per role id); the id where none."""
    r = scope.reader
    if "labels" not in node:
        return roles
    labels = r.mapping(node["labels"], "raci.labels", node.line_of("labels"), roles)
    if labels is None:
        return roles
    return tuple(r.text(labels, role, "raci.labels") or role for role in roles)


def _today(scope: RoleScope, entry: LineDict, path: str) -> tuple[TodayTemplate, ...]:
    r = scope.reader
    found = []
    rows = r.items(entry, "today", path)
    for position, (row_path, line, item) in enumerate(rows):
        row = r.mapping(
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
            r.error(
                row.line_of("when"),
                f"{row_path}.when",
                _("the last entry is the fallback and takes no condition"),
            )
        status = row.get("status")
        if status not in TODAY_STATUSES:
            r.error(
                row.line_of("status"),
                f"{row_path}.status",
                _(
                    "{value} is not one of {choices}",
                    value=repr(status),
                    choices=", ".join(TODAY_STATUSES),
                ),
            )
        found.append(
            TodayTemplate(
                when=read_when(scope, row, row_path, required=not last),
                owner=r.text(row, "owner", row_path),
                status=str(status),
                note=r.text(row, "note", row_path),
            )
        )
    return tuple(found)


def read_seniority(scope: RoleScope) -> SeniorityTemplate | None:
    r = scope.reader
    node = section(
        scope,
        "seniority",
        ("level", "summary", "traits", "by_shape", "interview"),
        ("level", "summary", "traits", "interview"),
    )
    by_shape: dict[str, tuple[str, ...]] = {}
    if "by_shape" in node:
        shapes = r.mapping(
            node["by_shape"], "seniority.by_shape", node.line_of("by_shape"), scope.shape_ids
        )
        for shape in shapes or {}:
            assert shapes is not None  # iterated only when the mapping was read
            by_shape[shape] = r.text_list(shapes, shape, "seniority.by_shape")
    interview = []
    keys = ("skill", "ask", "listen_for", "only_shapes")
    for path, line, item in r.items(node, "interview", "seniority"):
        entry = r.mapping(item, path, line, keys, ("skill", "ask", "listen_for"))
        if entry is None:
            continue
        interview.append(
            InterviewTemplate(
                r.text(entry, "skill", path),
                r.text(entry, "ask", path),
                r.text(entry, "listen_for", path),
                r.shape_list(entry, "only_shapes", path, scope.shape_ids),
            )
        )
    return SeniorityTemplate(
        level=r.text(node, "level", "seniority"),
        summary=r.text(node, "summary", "seniority"),
        traits=r.text_list(node, "traits", "seniority"),
        by_shape=by_shape,
        interview=tuple(interview),
    )
