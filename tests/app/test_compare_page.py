"""Compare saved scenarios of a client: the side-by-side tables, the deciding line, downloads."""

from __future__ import annotations

from apptest_support import open_app, page_text
from saved_cases import add_client, save_case

from advisor.profile import load_profile, updated_profile
from advisor.samples import sample_path
from advisor.ui import compare_page

NORTHWIND = sample_path("Northwind Analytics (hire now)")


def test_two_scenarios_side_by_side_with_differences_marked(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    today = load_profile(NORTHWIND)
    save_case(workspace_url, client, "today", today)
    save_case(workspace_url, client, "smaller book", updated_profile(today, {"active_accounts": 6}))
    at = open_app("Compare")
    assert len(at.multiselect(key=compare_page.PICK_CASES).value) == 2
    text = page_text(at)
    assert "Active client accounts" in text or at.dataframe
    inputs = at.dataframe[0].value
    assert list(inputs.columns) == ["Item", "A: today", "B: smaller book", "Differs"]
    accounts = inputs[inputs["Item"] == "Active client accounts"].to_dict("records")[0]
    assert accounts["Differs"] == "differs"
    assert accounts["A: today"] != accounts["B: smaller book"]
    same = inputs[inputs["Differs"] == ""]
    assert len(same) > 5  # every input is listed, not only the differing ones
    differences = [t for t in at.dataframe if "Alone changes the verdict" in t.value.columns]
    assert differences[0].value["Input"].tolist() == ["Active client accounts"]
    assert any("verdict" in alert.value.lower() for alert in at.main.info)
    assert [button.proto.label for button in at.get("download_button")] == [
        "Download as Markdown",
        "Download as XLSX",
    ]
    at.checkbox(key=compare_page.ONLY_DIFFERENCES).check().run()
    assert set(at.dataframe[0].value["Differs"]) == {"differs"}


def test_one_scenario_asks_for_another(workspace_url: str) -> None:
    client = add_client(workspace_url, "Acorn")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    at = open_app("Compare")
    assert "save another case of this client" in page_text(at)


def test_hostile_scenario_names_stay_literal_in_the_comparison(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    today = load_profile(NORTHWIND)
    hostile = "=cmd|' /C calc'!A0 **bold**"
    save_case(workspace_url, client, hostile, today)
    save_case(workspace_url, client, "<b>plan</b>", updated_profile(today, {"active_accounts": 6}))
    at = open_app("Compare")
    columns = list(at.dataframe[0].value.columns)
    assert "A: =cmd|' /C calc'!A0 **bold**" in columns or f"'A: {hostile}" in columns
    for element in at.main.markdown:
        assert "**bold**" not in element.value
