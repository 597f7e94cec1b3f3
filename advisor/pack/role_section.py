"""Read the rule pack's `role:` section into typed templates for drafting the role.

The section is data a consultant edits by hand (texts, defaults and figures with sources), so
it is checked when the pack loads and every problem is reported as
`FILE:LINE: role › key.path: what is wrong`, like the rest of the pack.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.pack.model import MetricTarget, Threshold
from advisor.pack.role_model import RoleTemplates
from advisor.pack.role_plan import PlanSections
from advisor.pack.role_reader import CONTEXT, TOP_KEYS, RoleReader
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
            f"'role' is defined twice (also in {file})",
            file=other_file,
            line=line,
            context=CONTEXT,
        )
        return None
    reader = RoleReader(problems, file)
    root = reader.mapping(node, "", line_of(node), TOP_KEYS, TOP_KEYS)
    if root is None or reader.failed:
        return None
    templates = RoleBuilder(reader, root, thresholds, metric_targets or {}).build()
    return None if reader.failed else templates


class RoleBuilder(PlanSections):
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
