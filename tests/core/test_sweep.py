"""What-ifs beyond the account count: `advisor sweep` and the core it shares with the app."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from msgspec.structs import replace

from advisor import charts
from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.profile import load_profile
from advisor.whatif import SWEEPABLE, SweepError, run_sweep

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "brightpath-prepare.yaml"
PACK = load_pack()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", "sweep", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=60,
    )


def test_every_numeric_input_the_issue_names_can_be_swept() -> None:
    for field in (
        "avg_contract_value",
        "gross_margin",
        "logo_churn_rate",
        "renewal_lead_days",
        "am_fully_loaded_cost",
        "active_accounts",
        "current_account_managers",
    ):
        assert field in SWEEPABLE


def test_sweep_finds_where_the_margin_flips_the_verdict() -> None:
    profile = load_profile(SAMPLE)
    result = run_sweep(profile, PACK, "gross_margin", 0.0, 1.0, 11)
    assert [p.value for p in result.points][:3] == pytest.approx([0.0, 0.1, 0.2])
    assert [(a.verdict, b.verdict) for a, b in result.changes] == [("not_yet", "prepare")]
    # Every point is the engine's own verdict for that value.
    for point in result.points:
        again = evaluate(replace(profile, gross_margin=point.value), PACK)
        assert again.verdict.value == point.verdict


def test_a_count_sweeps_whole_numbers_only() -> None:
    result = run_sweep(load_profile(SAMPLE), PACK, "active_accounts", 10, 14, 50)
    assert [p.value for p in result.points] == [10, 11, 12, 13, 14]


def test_sweep_cli_text_lists_points_and_changes() -> None:
    done = run(
        str(SAMPLE), "avg_contract_value", "--from", "5000", "--to", "60000", "--steps", "12"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("What if average contract value changed (today: €42,000")
    assert "Where the verdict changes:" in done.stdout


def test_sweep_cli_json_is_strict_and_reads_rates_like_the_profile() -> None:
    done = run(
        str(SAMPLE),
        "logo_churn_rate",
        "--from",
        "0%",
        "--to",
        "40%",
        "--steps",
        "5",
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["field"] == "logo_churn_rate"
    assert [p["value"] for p in data["points"]] == pytest.approx([0, 0.1, 0.2, 0.3, 0.4])


def test_sweep_of_a_misspelt_field_suggests_the_right_one() -> None:
    done = run(str(SAMPLE), "gross_margn")
    assert done.returncode == 2
    assert "did you mean 'gross_margin'?" in done.stderr


def test_sweep_bound_read_as_a_percent_hint_names_the_option() -> None:
    done = run(str(SAMPLE), "gross_margin", "--from", "50")
    assert done.returncode == 2
    assert done.stderr.startswith(
        '--from: gross_margin: 50 is not a rate between 0 and 1; did you mean "50%"?'
    )


def test_sweep_refuses_an_empty_range() -> None:
    with pytest.raises(SweepError) as caught:
        run_sweep(load_profile(SAMPLE), PACK, "gross_margin", 0.6, 0.4)
    assert "must be below" in str(caught.value)


def test_sweep_figure_draws_any_numeric_field_with_today_marked() -> None:
    assessment = evaluate(load_profile(SAMPLE), PACK)
    figure = charts.sweep_figure(assessment, PACK, "renewal_lead_days")
    assert "renewal work starts" in figure.layout.title.text.lower()
    assert any(note.text.startswith("today: 60") for note in figure.layout.annotations)
