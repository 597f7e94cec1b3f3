"""Typed reads of the role section's YAML, and what every part of it is read with."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import msgspec

from advisor.fields import FIELD_CHOICES, FIELD_KINDS
from advisor.i18n import _, n_
from advisor.pack.conditions import build_when
from advisor.pack.model import VERDICTS, ConditionScope, MetricTarget, Node, Threshold
from advisor.pack.role_model import PLACEHOLDERS, Figure, ShapeTemplate
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
    "search_dated": "yes_no",
}
ROLE_FIELD_CHOICES: dict[str, tuple[str, ...]] = {**FIELD_CHOICES, "verdict": VERDICTS}


# ---------------------------------------------------------------------------------------------
# Reading the YAML


class RoleReader:
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
            self.error(line, path, _("expected a mapping"))
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
            self.error(node.line_of(key), full, _("expected non-empty text"))
            return ""
        for name in PLACEHOLDER.findall(value):
            if name not in PLACEHOLDERS:
                self.error(
                    node.line_of(key),
                    full,
                    _(
                        "unknown placeholder {placeholder}{suggestion}; expected one of {choices}",
                        placeholder="{" + name + "}",
                        suggestion=suggest(name, PLACEHOLDERS),
                        choices=", ".join(PLACEHOLDERS),
                    ),
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
            message = (
                _("{value} is not a whole number", value=repr(value))
                if integer
                else _("{value} is not a number", value=repr(value))
            )
            self.error(node.line_of(key), full, message)
            return None
        if not low <= value <= high:
            self.error(
                node.line_of(key),
                full,
                # Translators: the value and the bounds as written in the file
                _(
                    "{value} is outside {low}–{high}",
                    value=f"{value:g}",
                    low=f"{low:g}",
                    high=f"{high:g}",
                ),
            )
            return None
        return float(value)

    def items(self, node: LineDict, key: str, path: str) -> list[tuple[str, int, Any]]:
        """The entries of a list under `key`, each as (path, line, value)."""
        full = f"{path}.{key}" if path else key
        if key not in node:
            return []
        value = node[key]
        if not isinstance(value, list) or not value:
            self.error(node.line_of(key), full, _("expected a non-empty list"))
            return []
        if len(value) > MAX_ITEMS:
            self.error(
                node.line_of(key),
                full,
                n_("more than {count} entry", "more than {count} entries", MAX_ITEMS),
            )
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
                self.error(line, item_path, _("expected non-empty text"))
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
            self.error(node.line_of(key), full, _("expected a list of shape ids"))
            return ()
        for item in value:
            if item not in known:
                self.error(
                    node.line_of(key),
                    full,
                    _(
                        "unknown shape {shape}{suggestion}; expected one of {choices}",
                        shape=repr(item),
                        suggestion=suggest(str(item), known),
                        choices=", ".join(known),
                    ),
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


class RoleScope(msgspec.Struct, frozen=True):
    """What every part of the role section is read with.

    Parts read in order (`role_section.read_role_section`): once `read_figures` has read the
    figures, `with_figures` lets conditions refer to them as `$name`; once `read_shapes` has
    read the shapes, `with_shapes` lets later parts name them (`only_shapes`, `by_shape`).
    """

    reader: RoleReader
    root: LineDict
    thresholds: Mapping[str, Threshold]
    metric_targets: Mapping[str, MetricTarget]
    figures: Mapping[str, Figure]
    references: Mapping[str, Threshold]  # what a condition's `$name` may refer to
    condition_scope: ConditionScope
    shape_ids: tuple[str, ...] = ()


def _condition_scope(references: Mapping[str, Threshold]) -> ConditionScope:
    return ConditionScope(
        ROLE_FIELD_KINDS,
        ROLE_FIELD_CHOICES,
        references,
        noun="figure or threshold",
        nouns="figures and thresholds",
        max_depth=6,
    )


def role_scope(
    reader: RoleReader,
    root: LineDict,
    thresholds: Mapping[str, Threshold],
    metric_targets: Mapping[str, MetricTarget],
) -> RoleScope:
    """The scope before any part is read: conditions may refer to the thresholds only."""
    references = dict(thresholds)
    return RoleScope(
        reader, root, thresholds, metric_targets, {}, references, _condition_scope(references)
    )


def with_figures(
    scope: RoleScope, figures: Mapping[str, Figure], references: Mapping[str, Threshold]
) -> RoleScope:
    """The scope once the figures are read, each one a reference besides the thresholds."""
    return msgspec.structs.replace(
        scope, figures=figures, references=references, condition_scope=_condition_scope(references)
    )


def with_shapes(scope: RoleScope, shapes: Iterable[ShapeTemplate]) -> RoleScope:
    """The scope once the shapes are read: later parts may name them."""
    return msgspec.structs.replace(scope, shape_ids=tuple(shape.id for shape in shapes))


def section(
    scope: RoleScope, key: str, allowed: Iterable[str], required: Iterable[str] | None = None
) -> LineDict:
    allowed = tuple(allowed)
    node = scope.reader.mapping(
        scope.root[key],
        key,
        scope.root.line_of(key),
        allowed,
        allowed if required is None else required,
    )
    return node if node is not None else LineDict()


def read_when(scope: RoleScope, node: LineDict, path: str, *, required: bool) -> Node | None:
    if "when" not in node:
        if required:
            scope.reader.error(node.line, f"{path}.when", _("required key is missing"))
        return None
    return build_when(
        scope.reader.problems,
        scope.reader.file,
        node["when"],
        node.line_of("when"),
        CONTEXT,
        f"{path}.when",
        scope.condition_scope,
    )
