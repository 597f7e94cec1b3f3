"""Two to four scenarios side by side: every input, every outcome, and what makes the difference.

`compare_scenarios` assesses each scenario with the engine, drafts its role, and lines up the
inputs (the profile's fields, the rule pack, the role's edits) and the outcomes (verdict, score,
what holds it back, the economics cards' figures, flip points, the role's key numbers). For each
input that differs it asks the engine whether that input ALONE changes the verdict: the first
scenario (the baseline) with just that input set to the other scenario's value, re-evaluated.
When no single input decides, the line names the smallest set of inputs that does, together.
`model` holds the data, `outcomes` the outcome rows, `build` the comparison itself.
"""

from advisor.compare.build import compare_scenarios
from advisor.compare.model import (
    MAX_NAME,
    MAX_SCENARIOS,
    MIN_SCENARIOS,
    PACK_FIELD,
    ROLE_EDITS_FIELD,
    TOP_SHARE_FIELD,
    Comparison,
    ComparisonError,
    Difference,
    Row,
    Scenario,
    ScenarioResult,
)

__all__ = [
    "MAX_NAME",
    "MAX_SCENARIOS",
    "MIN_SCENARIOS",
    "PACK_FIELD",
    "ROLE_EDITS_FIELD",
    "TOP_SHARE_FIELD",
    "Comparison",
    "ComparisonError",
    "Difference",
    "Row",
    "Scenario",
    "ScenarioResult",
    "compare_scenarios",
]
