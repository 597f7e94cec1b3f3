"""Portfolio diagnostics from a CRM export: retention, renewals due, concentration, tiers, owners.

The period runs from the period start (by default twelve months before the as-of date) to the
as-of date. Every retention metric is computed over the **cohort**: the accounts with ARR at
period start. Accounts with no ARR at period start but ARR at period end are **new**, or **reactivated**
when the export shows they paid before the period (ChartMogul's reactivation: a previously
paying customer that churned and moves back onto a paid plan): both are reported apart and never
enter NRR, GRR or logo retention. Deal and subscription files are aggregated per account first
(`deals`).

Definitions (S = starting ARR of the cohort; for each cohort account s = its ARR at period
start, e = its ARR at period end):

- **Starting ARR** S = Σ s over the cohort.
- **Expansion** = Σ (e − s) over cohort accounts still active whose ARR grew.
- **Contraction** = Σ (s − e) over cohort accounts still active whose ARR shrank.
- **Churned ARR** = Σ s over cohort accounts whose ARR at period end is 0.
- **Retained ARR** = Σ e over the cohort = S + expansion − contraction − churned ARR.
- **New ARR** = Σ e over new accounts; **reactivated ARR** = Σ e over reactivated ones.
  **Ending ARR** = retained ARR + new ARR + reactivated ARR: the ARR bridge start → + expansion
  → − contraction → − churn → retained → + new → + reactivated → end always adds up.
- **NRR** (net revenue retention) = retained ARR ÷ S.
- **GRR** (gross revenue retention) = Σ min(s, e) ÷ S = (S − contraction − churned ARR) ÷ S:
  revenue kept before any expansion, so 0 ≤ GRR ≤ 1 and GRR ≤ NRR.
- **Logo retention** = cohort accounts still active at period end ÷ cohort accounts;
  **logo churn** = 1 − logo retention.
- **Contraction rate** = contraction ÷ S; **expansion rate** = expansion ÷ S.
- With no cohort (S = 0, e.g. every account is new) these ratios are "n/a" with the reason,
  never infinite or NaN.

When the export has contract value and status instead of ARR at both dates, an account's
contract value counts at period start unless it became a customer after the period start, and
at period end only if its status is active; expansion and contraction are then invisible.
Churned accounts that left before the period start (by their churn date, or their contract end
date when there is none) are left out and listed.

With ARR at both dates, the ARR columns decide: a churned status with ARR still filled in counts
as churn (ending ARR 0), an active status without ARR at period end counts as churn too, and
both are listed as warnings. Rows with no ARR at either date are not customers in the period
and are listed as excluded.

Beyond retention:

- **Renewals due** in the next 30/60/90/120 days (cumulative): accounts active at the as-of date
  whose renewal date falls within that many days, with their ARR at period end, and how many of
  them have no owner. Renewal dates before the as-of date on active accounts are **overdue**.
- **Concentration**: the share of ending ARR held by the largest 10% of active accounts (at
  least one account) and by the 5 largest; the concentration curve plots the cumulative share
  of ARR against the share of accounts, largest first. A few large growing accounts can carry
  NRR while many small ones leave: that is why NRR is always shown next to logo retention.
- **Tiers** (ABC by cumulative ARR): ranked by ending ARR, an account is **A** while the
  accounts ranked above it hold less than 80% of ARR, **B** while they hold less than 95%, and
  **C** after that.
- **Accounts per owner**: active accounts, ARR and renewals due in 120 days per owner, compared
  with the rule pack's book size for the segment (over, within or under the range).
- **Portfolio NPS**: from 0–10 ratings, % promoters (9–10) − % detractors (0–6); from NPS
  scores between -100 and 100, their mean. Over active accounts with a value.

Every metric with a target in the rule pack is marked healthy, watch or alarm. A starting
cohort under a quarter of the accounts counted, and an NRR, GRR or logo retention of 0% or above
200%, are figure warnings (`report.figure_warnings`): a misread file gives them far more often
than a real book.
"""

from __future__ import annotations

from advisor.portfolio.composition import (
    TIER_CUTOFFS,
    Concentration,
    HealthSummary,
    NpsResult,
    OwnerBook,
    SegmentRetention,
    TierSummary,
    assign_tiers,
    concentration,
    health_summary,
    owner_books,
    portfolio_nps,
    segment_retention,
    tier_summary,
)
from advisor.portfolio.frame import (
    SAMPLE_AS_OF,
    SAMPLE_EXPORT,
    months_before,
    period_frame,
)
from advisor.portfolio.freshness import (
    STALE_AFTER_DAYS,
    AsOfProposal,
    proposed_as_of,
    stale_figures_warning,
)
from advisor.portfolio.into_profile import (
    ProfileFigures,
    profile_figures,
)
from advisor.portfolio.metrics import (
    ArrBridge,
    Measure,
    active_accounts,
    arr_bridge,
    churned_accounts,
    churned_arr,
    cohort_accounts,
    contraction_arr,
    contraction_rate,
    ending_arr,
    expansion_arr,
    expansion_rate,
    gross_revenue_retention,
    logo_churn_rate,
    logo_retention,
    net_revenue_retention,
    new_accounts,
    new_arr,
    reactivated_accounts,
    reactivated_arr,
    retained_accounts,
    retained_arr,
    starting_arr,
)
from advisor.portfolio.renewals import (
    AT_RISK_HEALTH,
    NO_OWNER,
    RENEWAL_WINDOWS,
    RenewalOutlook,
    RenewalWindow,
    calendar_records,
    days_until_renewal,
    renewal_calendar,
    renewals_due,
)
from advisor.portfolio.report import (
    METRIC_LABELS,
    MetricResult,
    PortfolioReport,
    diagnose,
    metric_result,
    why_nothing_counted,
)
from advisor.portfolio.tables import (
    BOOK_WORDS,
    carried_figures_table,
    figure_text,
    issues_table,
    owners_table,
    ratio_text,
    renewals_table,
    segments_table,
)
from advisor.wording import short_money

__all__ = [
    "AT_RISK_HEALTH",
    "BOOK_WORDS",
    "METRIC_LABELS",
    "NO_OWNER",
    "RENEWAL_WINDOWS",
    "SAMPLE_AS_OF",
    "SAMPLE_EXPORT",
    "STALE_AFTER_DAYS",
    "TIER_CUTOFFS",
    "ArrBridge",
    "AsOfProposal",
    "Concentration",
    "HealthSummary",
    "Measure",
    "MetricResult",
    "NpsResult",
    "OwnerBook",
    "PortfolioReport",
    "ProfileFigures",
    "RenewalOutlook",
    "RenewalWindow",
    "SegmentRetention",
    "TierSummary",
    "active_accounts",
    "arr_bridge",
    "assign_tiers",
    "calendar_records",
    "carried_figures_table",
    "churned_accounts",
    "churned_arr",
    "cohort_accounts",
    "concentration",
    "contraction_arr",
    "contraction_rate",
    "days_until_renewal",
    "diagnose",
    "ending_arr",
    "expansion_arr",
    "expansion_rate",
    "figure_text",
    "gross_revenue_retention",
    "health_summary",
    "issues_table",
    "logo_churn_rate",
    "logo_retention",
    "metric_result",
    "months_before",
    "net_revenue_retention",
    "new_accounts",
    "new_arr",
    "owner_books",
    "owners_table",
    "period_frame",
    "portfolio_nps",
    "profile_figures",
    "proposed_as_of",
    "ratio_text",
    "reactivated_accounts",
    "reactivated_arr",
    "renewal_calendar",
    "renewals_due",
    "renewals_table",
    "retained_accounts",
    "retained_arr",
    "segment_retention",
    "segments_table",
    "short_money",
    "stale_figures_warning",
    "starting_arr",
    "tier_summary",
    "why_nothing_counted",
]
