"""Companies more than one kind of test reads: the app's, the browser's."""

from __future__ import annotations

from typing import Any

# A 300-account SMB book with no AM yet that needs several: hire now, a date per hire.
SMB_TEAM: dict[str, Any] = {
    "company": "Pebble SMB",
    "segment": "smb",
    "active_accounts": 300,
    "current_account_managers": 0,
    "avg_contract_value": 9000,
    "gross_margin": 0.8,
    "logo_churn_rate": 0.25,
    "churn_trend": "rising",
    "unworked_upsell": True,
    "accounts_added_per_quarter": 20,
}
