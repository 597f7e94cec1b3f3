"""The Role page in AppTest: draft, edits kept in the session, reset, and downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apptest_support import MAIN_WIDTH_AT_1280_PX, column_settings, table_with_column
from streamlit.testing.v1 import AppTest

from advisor.brief import prepare_brief
from advisor.export.markdown import render_markdown
from advisor.kit import DOCUMENTS
from advisor.pack import load_pack, pack_from_documents
from advisor.pack.uploads import default_documents, overlay_on_default
from advisor.profile import load_profile, parse_profile, profile_to_dict

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "from advisor.ui import role_page\nrole_page.render()\n"
NORTHWIND = ROOT / "examples" / "northwind-hire-now.yaml"
ACORN = ROOT / "examples" / "acorn-not-yet.yaml"


def _open(profile_path: Path = NORTHWIND, **overrides: Any) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    values = {**profile_to_dict(load_profile(profile_path)), **overrides}
    at.session_state["profile_values"] = profile_to_dict(parse_profile(values))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _payout_totals(at: AppTest) -> list[str]:
    table = next(frame.value for frame in at.dataframe if "Attainment" in frame.value.columns)
    return list(table["Total"])


def test_the_page_shows_the_draft_and_every_download() -> None:
    at = _open()
    assert [h.value for h in at.header] == ["Account Manager (with customer success)"]
    assert at.text_input(key="role.title").value == "Account Manager (with customer success)"
    assert len(at.data_editor) == 9
    keys = {button.key for button in at.download_button}
    formats = ("md", "docx", "pdf", "json")
    assert keys == (
        {f"role.download.{fmt}" for fmt in formats}
        | {f"role.appendix.{fmt}" for fmt in formats}
        | {"role.download.edits"}
        | {
            f"role.kit.{key}.{fmt}"
            for key in ("memo", "job", "interview", "candidate", "transition", "review")
            for fmt in formats
        }
        | {"role.kit.job.job.jsonld"}
    )
    assert _payout_totals(at) == ["€61,100", "€65,000", "€70,850"]
    assert at.button(key="role.reset").disabled


def test_comp_sliders_change_the_payout_and_warn_outside_the_range() -> None:
    at = _open()
    at.slider(key="role.share.renewal").set_value(50).run()
    warnings = [w.value for w in at.warning]
    assert any("carry 75% of the variable pay" in w for w in warnings)
    at.slider(key="role.base_share").set_value(50).run()
    assert _payout_totals(at) == ["€58,500", "€65,000", "€74,750"]
    edits = at.session_state["role_edits"]
    assert edits["compensation"]["base_share"] == 0.5
    assert [c["share"] for c in edits["compensation"]["components"]] == [0.5, 0.25, 0.25]


def test_a_new_logo_quota_is_flagged_at_once() -> None:
    at = _open()
    at.checkbox(key="role.new_logo").check().run()
    assert any("new-logo quota" in w.value.lower() for w in at.warning)
    markdown = " ".join(m.value for m in at.markdown)
    assert "Giving the AM new-logo targets" in markdown


def test_edits_are_kept_and_flow_into_the_brief() -> None:
    at = _open()
    at.text_input(key="role.title").set_value("Client Partner").run()
    at.session_state["role.editor.handover.0.0"] = {
        "edited_rows": {0: {"item": "Shadow two renewal calls"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Client Partner"]
    edits = at.session_state["role_edits"]
    assert edits["title"] == "Client Partner"
    assert edits["handover"][0]["item"] == "Shadow two renewal calls"
    # The same edits build the downloaded brief.
    brief = prepare_brief(load_profile(NORTHWIND), load_pack(), edits=edits)
    text = render_markdown(brief)
    assert "| Title | Client Partner |" in text
    assert "| ☐ | Shadow two renewal calls | AE | Before signature |" in text
    # A rerun keeps them.
    at.run()
    assert at.session_state["role_edits"]["title"] == "Client Partner"


def test_the_method_appendix_downloads_from_the_role_page() -> None:
    import datetime as dt

    from advisor.engine import evaluate
    from advisor.role import draft_role
    from advisor.ui import role_page

    profile, pack, day = load_profile(NORTHWIND), load_pack(), dt.date(2026, 11, 22)
    assessment = evaluate(profile, pack, as_of=day)
    design = draft_role(profile, assessment, pack)
    built = {
        appendix: role_page.brief_builder(
            profile,
            assessment,
            pack,
            design,
            "md",
            charts=False,
            prepared_on=day,
            appendix=appendix,
        )().decode()
        for appendix in (False, True)
    }
    assert "\n### Rules that fired\n" in built[True]
    assert "\n### Rules that fired\n" not in built[False]
    assert "--appendix" in built[False]


def test_reset_returns_to_the_draft() -> None:
    at = _open()
    at.text_input(key="role.title").set_value("Client Partner").run()
    at.slider(key="role.share.renewal").set_value(50).run()
    assert not at.button(key="role.reset").disabled
    at.button(key="role.reset").click().run()
    assert not at.exception
    assert at.session_state["role_edits"] == {}
    assert [h.value for h in at.header] == ["Account Manager (with customer success)"]
    assert at.slider(key="role.share.renewal").value == 35
    assert _payout_totals(at) == ["€61,100", "€65,000", "€70,850"]


def test_concentration_turns_the_draft_into_a_key_account_manager() -> None:
    at = _open()
    at.checkbox(key="role.top_share_known").check().run()
    at.slider(key="role.top_share").set_value(70).run()
    assert [h.value for h in at.header] == ["Key Account Manager"]


def test_a_waiting_verdict_shows_the_plan_instead() -> None:
    at = _open(ACORN)
    markdown = " ".join(m.value for m in at.markdown)
    assert "The book stays with the founder or an account executive, on a named cadence" in markdown


def test_hostile_company_names_render_as_text() -> None:
    at = _open(company="<script>alert(1)</script> [x](http://e.x) $y$", notes='=HYPERLINK("x")')
    assert not at.exception
    caption = " ".join(c.value for c in at.caption)
    assert "\\<script\\>" in caption and "<script>" not in caption


def test_the_role_page_opens_inside_the_app() -> None:
    """Through app.py's navigation, when the shared AppTest helper is there."""
    try:
        from apptest_support import open_app
    except ImportError:  # the app shell is built separately; the page tests above stand alone
        pytest.skip("tests/app/apptest_support.py is not present")
    at = open_app("Role")
    assert "Role" in [title.value for title in at.title]
    # The brief and its method appendix in four formats each, the edits, and each kit document
    # in its formats, with its extra files (the job description's JSON-LD).
    kit = sum(len(entry.formats) + len(entry.extra) for entry in DOCUMENTS.values())
    assert len(at.download_button) == 9 + kit


def test_a_formula_typed_into_a_role_editor_is_kept_as_text_for_its_csv_download() -> None:
    at = _open()
    typed = '=HYPERLINK("http://evil.example","Click")'
    at.session_state["role.editor.handover.0.0"] = {
        "edited_rows": {0: {"item": typed}, 1: {"item": "+cmd|' /C calc'!A0"}},
        "added_rows": [{"item": "@SUM(1+1)", "owner": "AM", "when": "-1+1"}],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    rows = at.session_state["role_edits"]["handover"]
    assert rows[0]["item"] == "'" + typed
    assert rows[1]["item"] == "'+cmd|' /C calc'!A0"
    assert (rows[-1]["item"], rows[-1]["owner"], rows[-1]["when"]) == ("'@SUM(1+1)", "AM", "'-1+1")
    # The editor on screen, whose built-in download is made from the cells shown, holds the same.
    shown = next(frame.value for frame in at.dataframe if "item" in frame.value.columns)
    cells = [str(cell) for cell in shown.to_numpy().ravel()]
    assert "'" + typed in cells and typed not in cells
    assert any("apostrophe" in info.value for info in at.info)
    # The next run keeps the rows and says it once only.
    at.run()
    assert at.session_state["role_edits"]["handover"] == rows
    assert not any("apostrophe" in info.value for info in at.info)


def test_payout_total_and_vs_ote_columns_are_in_view_not_truncated() -> None:
    table = table_with_column(_open(), "vs OTE")
    settings = column_settings(table)
    shown = ["Attainment", "Total", "vs OTE"]
    assert list(table.proto.column_order)[:3] == shown
    assert settings["Attainment"]["pinned"] is True
    for name in table.value.columns:  # every header fits its column (about 7 px a character)
        assert settings[name]["width"] >= 7 * len(name) + 16, name
    assert sum(settings[name]["width"] for name in shown) <= MAIN_WIDTH_AT_1280_PX


def test_the_25_percent_claim_comes_from_the_pack() -> None:
    """The help under the variable pay is the rule pack's text: a pack that words its source
    otherwise is shown as it words it, and no module of the app writes the claim itself."""
    role_file = ROOT / "rules" / "40-role.yaml"
    said = (
        "seed 004 (40–60% of variable pay tied to renewal and expansion went with 25% better\n"
        "          retention)"
    )
    text = role_file.read_text(encoding="utf-8")
    assert said in text
    ours_said = "product default (our own pay study, 2026)"
    documents, _ = overlay_on_default(
        [("40-role.yaml", text.replace(said, ours_said).encode())], default_documents()
    )
    ours = pack_from_documents(documents)
    for pack, expected in ((load_pack(), "Only-dreams"), (ours, "our own pay study, 2026")):
        at = AppTest.from_string(SCRIPT, default_timeout=60)
        at.session_state["profile_values"] = profile_to_dict(load_profile(NORTHWIND))
        at.session_state["custom_pack"] = pack
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        (metric,) = [m for m in at.metric if m.label == "Variable pay on renewal and expansion"]
        assert pack.role is not None
        assert pack.role.compensation.range_source in metric.help
        assert expected in metric.help
    for path in (ROOT / "advisor" / "ui").glob("*.py"):
        assert "25% better retention" not in path.read_text(encoding="utf-8"), path.name
