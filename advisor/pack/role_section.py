"""Read the rule pack's `role:` section into typed templates for drafting the role.

The section is data a consultant edits by hand (texts, defaults and figures with sources), so
it is checked when the pack loads and every problem is reported as
`FILE:LINE: role › key.path: what is wrong`, like the rest of the pack.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.i18n import _
from advisor.pack.model import MetricTarget, Threshold
from advisor.pack.role_model import RoleTemplates
from advisor.pack.role_plan import (
    read_capacity,
    read_compensation,
    read_handover,
    read_metrics,
    read_mistakes,
    read_onboarding,
    read_playbook,
    read_tiers,
)
from advisor.pack.role_reader import (
    CONTEXT,
    TOP_KEYS,
    RoleReader,
    RoleScope,
    role_scope,
    with_figures,
    with_shapes,
)
from advisor.pack.role_team import (
    read_boundaries,
    read_brief,
    read_figures,
    read_instead,
    read_raci,
    read_responsibilities,
    read_seniority,
    read_shapes,
    read_sources,
)
from advisor.pack.schema import line_of
from advisor.problems import Problems
from advisor.yamlio import LineDict


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
            _("'{section}' is defined twice (also in {file})", section="role", file=file),
            file=other_file,
            line=line,
            context=CONTEXT,
        )
        return None
    reader = RoleReader(problems, file)
    root = reader.mapping(node, "", line_of(node), TOP_KEYS, TOP_KEYS)
    if root is None or reader.failed:
        return None
    templates = _read_parts(role_scope(reader, root, thresholds, metric_targets or {}))
    return None if reader.failed else templates


def _read_parts(scope: RoleScope) -> RoleTemplates | None:
    """Reads every part, in order, and puts the templates together."""
    r = scope.reader
    sources = read_sources(scope)
    scope = with_figures(scope, *read_figures(scope))  # conditions below may use the figures
    brief = read_brief(scope)
    shapes = read_shapes(scope)
    scope = with_shapes(scope, shapes)  # the parts below may name the shapes
    instead = read_instead(scope)
    responsibilities = read_responsibilities(scope)
    boundaries = read_boundaries(scope)
    raci = read_raci(scope)
    seniority = read_seniority(scope)
    capacity = read_capacity(scope)
    tiers, tiers_source = read_tiers(scope)
    qbr_content = r.text_list(scope.root, "qbr_content", "")
    qbr_source = r.text(scope.root, "qbr_source", "")
    milestones, late_note, playbook_source = read_playbook(scope)
    metrics, pairing, avoid, avoid_source = read_metrics(scope)
    compensation = read_compensation(scope)
    handover, handover_source = read_handover(scope)
    onboarding, onboarding_source = read_onboarding(scope)
    mistakes = read_mistakes(scope)
    if r.failed or brief is None or raci is None or seniority is None:
        return None
    if capacity is None or compensation is None:
        return None
    return RoleTemplates(
        file=r.file,
        sources=sources,
        figures=dict(scope.figures),
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
        references=dict(scope.references),
    )
