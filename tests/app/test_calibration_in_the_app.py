"""The Rules page's Calibrate tab: figures typed in tables, used for the session, kept in the
workspace as the firm's pack or a client's, each with who may."""

from __future__ import annotations

from typing import Any

import pytest
from apptest_support import go_to, open_app, page_text, verdict_label
from msgspec.structs import replace
from roles_support import ANNA, BEN, CARL, Scene, make_scene, open_page, signed_in_app
from streamlit.testing.v1 import AppTest

from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.pack.calibrate import calibrated_pack, figures
from advisor.pack.uploads import default_documents
from advisor.profile import load_profile
from advisor.samples import DEFAULT_SAMPLE, sample_path
from advisor.workspace.calibrations import grant_admin
from advisor.workspace.store import Workspace

# Northwind has 22 mid-market accounts: a zone starting at 25 takes it out of the zone.
MID_LOW = "by_segment.mid_market.low"
RICHER_NORTHWIND = {"avg_contract_value": "60000"}


def _row(section: str, figure: str) -> int:
    rows = [f for f in figures(default_documents()) if f.path.startswith(f"{section}.")]
    return next(i for i, f in enumerate(rows) if f.path == f"{section}.trigger_zone.{figure}")


def type_figure(at: AppTest, section: str, figure: str, value: Any) -> None:
    """What typing a value into the figure's cell of its table does to the editor's state."""
    key = f"rules.calibrate.{section}.{load_pack().digest}.{len(default_documents())}"
    at.session_state[key] = {
        "edited_rows": {_row(section, figure): {"Value": value}},
        "added_rows": [],
        "deleted_rows": [],
    }


def test_a_figure_typed_on_the_page_changes_the_verdict_for_the_session(
    workspace_url: str,
) -> None:
    at = open_app("Rules", query_params=RICHER_NORTHWIND)
    type_figure(at, "thresholds", MID_LOW, 25)
    at.run()
    apply = at.button(key="rules.calibrate.apply")
    assert apply.label == "Use these figures for this session (1 changed)"
    apply.click().run()
    text = page_text(at)
    assert "Now assessing with 1 figure(s) changed, this session." in text
    assert "figures calibrated on this page" in text
    northwind = replace(load_profile(sample_path(DEFAULT_SAMPLE)), avg_contract_value=60000.0)
    pack, _ = calibrated_pack(default_documents(), {f"thresholds.trigger_zone.{MID_LOW}": 25})
    expected, before = evaluate(northwind, pack), evaluate(northwind, load_pack())
    assert expected.verdict != before.verdict
    go_to(at, "Recommendation")
    assert verdict_label(at) == expected.verdict_label


def test_a_figure_that_breaks_the_pack_is_named_and_what_was_typed_stays(
    workspace_url: str,
) -> None:
    at = open_app("Rules")
    type_figure(at, "thresholds", MID_LOW, 40)  # above the zone's high (25)
    at.run()
    at.button(key="rules.calibrate.apply").click().run()
    assert "do not make a pack that can be used; nothing was changed" in page_text(at)
    listing = at.main.code[0].value
    assert listing.startswith("10-thresholds.yaml:7: trigger_zone › by_segment.mid_market.low")
    assert "40 is above high (25)" in listing
    # Still the shipped pack, and the typed value still pending in the table.
    assert at.button(key="rules.calibrate.apply").label.endswith("(1 changed)")
    assert "rules.use_default" not in [button.key for button in at.main.button]


def test_the_local_user_saves_and_reuses_the_firm_s_pack(workspace_url: str) -> None:
    at = open_app("Rules")
    type_figure(at, "thresholds", MID_LOW, 12)
    at.run()
    at.button(key="rules.calibrate.save_firm").click().run()
    assert "Saved as the firm's pack; this session now assesses with it." in page_text(at)
    with Workspace.open(workspace_url) as ws:
        saved = ws.calibrations.read()
    assert saved is not None
    assert (
        next(
            f.value for f in figures(saved.documents) if f.path.endswith(f"trigger_zone.{MID_LOW}")
        )
        == 12
    )
    # A new session starts on the shipped pack and takes the firm's pack with one click.
    later = open_app("Rules")
    assert "The firm's pack: saved by the local workspace on" in page_text(later)
    later.button(key="rules.calibrate.use_firm").click().run()
    assert "Now assessing with the firm's pack, for this session." in page_text(later)


@pytest.fixture
def scene(workspace_url: str) -> Scene:
    return make_scene(workspace_url)


def test_a_consultant_who_is_not_an_administrator_cannot_save_the_firm_s_pack(
    scene: Scene,
) -> None:
    at = open_page(signed_in_app(ANNA), "Rules")
    assert at.button(key="rules.calibrate.save_firm").disabled
    assert "Only an administrator of this workspace changes the firm's pack" in page_text(at)
    with Workspace.open(scene.url) as ws:
        ws.database.write(lambda connection: grant_admin(connection, ANNA))
    at = open_page(signed_in_app(ANNA), "Rules")
    assert not at.button(key="rules.calibrate.save_firm").disabled


def test_a_collaborator_saves_the_client_s_pack_and_a_viewer_may_not(scene: Scene) -> None:
    ben = open_page(signed_in_app(BEN), "Rules")
    type_figure(ben, "thresholds", MID_LOW, 18)
    ben.run()
    ben.button(key="rules.calibrate.save_client").click().run()
    assert "Saved as the pack of client Acme; this session now assesses with it." in page_text(ben)
    carl = open_page(signed_in_app(CARL), "Rules")
    assert carl.button(key="rules.calibrate.save_client").disabled
    assert carl.button(key="rules.calibrate.remove_client").disabled
    assert "Acme's pack: saved by ben@example.com on" in page_text(carl)
    assert "only its owner" in page_text(carl) and "save or remove its calibration" in page_text(
        carl
    )
