"""The one presenter: every figure of an assessment in words, with one rounding each.

The engine decides (`Assessment`, its economics and its timing); this package words it, and the
app, the text and Markdown reports, the brief, the role and the comparison all take their
sentences and figures from here, so a number shown twice is shown the same way: money in whole
units, shares as whole percents, durations in whole months, dates as "6 December 2026". A figure
that cannot be computed says why, the same way everywhere.

`figures` words each figure once; `timing` the plan and what follows from it; `brief`, `app`
and `role` the phrasings only those front ends use, built on the first two. Every public name is
exported here, so callers write `present.economics_lines(a)` whichever module holds it.
"""

from __future__ import annotations

from advisor.present.app import (
    HIRING_LABELS,
    edited_cadence_sentence,
    effect_rows,
    gauge_caption,
    hiring_rows,
    history_gate_caption,
    payback_details,
    same_verdict_line,
    saved_score_text,
    score_move,
    verdict_title,
    workload_title,
)
from advisor.present.brief import (
    hire_lead,
    plan_figure_rows,
    plan_marks,
    score_total,
    team_lead_text,
    timing_chart_summary,
    when_line,
)
from advisor.present.figures import (
    NOT_DEFINED,
    VERDICT_WORDS,
    Line,
    am_count_text,
    arr_at_risk_note,
    basis_sentence,
    date,
    economics_lines,
    hours_sentence,
    line,
    money,
    months,
    next_am_sentence,
    payback_note,
    payback_range,
    payback_text,
    revenue,
    revenue_label,
    score_text,
    share,
    team_sentence,
    team_size,
)
from advisor.present.pay import band_ote_source, pay_band_sentence
from advisor.present.role import (
    book_band_line,
    drafted_hours_sentence,
    next_am_search,
    search_phrase,
    targets_band_line,
    zone_phrase,
)
from advisor.present.timing import (
    cost_rows,
    gap_sentence,
    growth_sentence,
    hire_rows,
    hires_opening_today,
    plan_lines,
    plan_summary,
    rows_text,
    shown,
    team_plan_sentence,
    waiting_sentence,
    workload_sentence,
)

__all__ = [
    "HIRING_LABELS",
    "NOT_DEFINED",
    "VERDICT_WORDS",
    "Line",
    "am_count_text",
    "arr_at_risk_note",
    "band_ote_source",
    "basis_sentence",
    "book_band_line",
    "cost_rows",
    "date",
    "drafted_hours_sentence",
    "economics_lines",
    "edited_cadence_sentence",
    "effect_rows",
    "gap_sentence",
    "gauge_caption",
    "growth_sentence",
    "hire_lead",
    "hire_rows",
    "hires_opening_today",
    "hiring_rows",
    "history_gate_caption",
    "hours_sentence",
    "line",
    "money",
    "months",
    "next_am_search",
    "next_am_sentence",
    "pay_band_sentence",
    "payback_details",
    "payback_note",
    "payback_range",
    "payback_text",
    "plan_figure_rows",
    "plan_lines",
    "plan_marks",
    "plan_summary",
    "revenue",
    "revenue_label",
    "rows_text",
    "same_verdict_line",
    "saved_score_text",
    "score_move",
    "score_text",
    "score_total",
    "search_phrase",
    "share",
    "shown",
    "targets_band_line",
    "team_lead_text",
    "team_plan_sentence",
    "team_sentence",
    "team_size",
    "timing_chart_summary",
    "verdict_title",
    "waiting_sentence",
    "when_line",
    "workload_sentence",
    "workload_title",
    "zone_phrase",
]
