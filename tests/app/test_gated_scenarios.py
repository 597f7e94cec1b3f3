"""A scenario the delivery gate decides is never shown with a score that reads as "go".

Ferro's delivery is not standardised: "Fix delivery first", whatever its other rules add up to
(a raw score of 100). Beside the same company with delivery standardised and a smaller book
("Prepare", 45 points), a gated scenario must not look the better one on Compare or History.
"""

from __future__ import annotations

import json
import re
from typing import Any

from apptest_support import open_app, page_text
from saved_cases import add_client, save_case
from streamlit.testing.v1 import AppTest

from advisor import present
from advisor.compare import Scenario, compare_scenarios
from advisor.engine import evaluate
from advisor.pack import RulePack, load_pack
from advisor.profile import CompanyProfile, load_profile, updated_profile
from advisor.samples import sample_path
from advisor.ui import history_page

FERRO = sample_path("Ferro Industrial Consulting (fix delivery first)")
SCORE = re.compile(r"\d+/100")


def gated_and_not() -> tuple[CompanyProfile, CompanyProfile]:
    gated = load_profile(FERRO)
    return gated, updated_profile(
        gated, {"delivery_maturity": "standardised", "active_accounts": 8}
    )


def save_both(url: str) -> None:
    client = add_client(url, "Ferro")
    gated, ungated = gated_and_not()
    save_case(url, client, "gated", gated)
    save_case(url, client, "ungated", ungated)


def chart(at: AppTest) -> dict[str, Any]:
    (figure,) = at.get("plotly_chart")
    spec: dict[str, Any] = json.loads(figure.proto.spec)
    return spec


def test_the_two_scenarios_are_a_gate_and_a_score(pack: RulePack) -> None:
    gated, ungated = (evaluate(profile, pack) for profile in gated_and_not())
    assert gated.gated and gated.score > ungated.score  # the raw score would read as better
    assert not ungated.gated


def test_a_gated_scenario_shows_no_readiness_score_in_compare_and_history(
    workspace_url: str,
) -> None:
    save_both(workspace_url)
    pack = load_pack()
    gated, ungated = (evaluate(profile, pack) for profile in gated_and_not())

    at = open_app("Compare")
    rows = next(t.value for t in at.dataframe if "Item" in t.value.columns and "Section" in t.value)
    score = rows[rows["Item"] == "Readiness score"].to_dict("records")[0]
    assert score["A: gated"] == "not scored"
    assert score["B: ungated"] == present.score_text(ungated)
    assert SCORE.fullmatch(score["B: ungated"])
    captions = [caption.value for caption in at.main.caption]
    assert any(c.startswith("Not scored: ") for c in captions), captions

    at = open_app("History")
    table = next(t.value for t in at.dataframe if "Scenario" in t.value.columns)
    scores = dict(zip(table["Scenario"], table["Score"], strict=True))
    assert scores == {"gated": "not scored", "ungated": present.score_text(ungated)}
    spec = chart(at)
    lines = {trace["name"]: trace for trace in spec["data"]}
    # The gated point is off its scenario's score line and marked apart, saying why.
    assert lines["gated"]["y"] == [None]
    assert lines["ungated"]["y"] == [ungated.score]
    apart = lines["Fix delivery first: not scored"]
    assert apart["text"] == ["not scored"] and apart["y"][0] > 100
    assert present.history_gate_caption(1) in page_text(at)
    labels = [history_page.point_label(point) for point in _points(workspace_url)]
    assert any(label.endswith("Fix delivery first · not scored") for label in labels), labels
    assert gated.score == 100  # the score the chart and the tables would have shown


def _points(url: str) -> list[Any]:
    from advisor.workspace.store import Workspace

    with Workspace.open(url) as ws:
        (client,) = ws.clients()
        return ws.history(client.id)


def test_two_gated_scenarios_are_not_set_side_by_side_by_score(pack: RulePack) -> None:
    gated, _ = gated_and_not()
    smaller = updated_profile(gated, {"active_accounts": 12})
    comparison = compare_scenarios([Scenario("A", gated, pack), Scenario("B", smaller, pack)])
    (line,) = comparison.lines
    assert "neither is scored" in line
    assert "scoring" not in line and not re.search(r"\d+ against \d+", line)
    score = next(row for row in comparison.outcomes if row.key == "score")
    assert score.values == ("not scored", "not scored") and not score.differs
