"""The Rules page: the active pack as a table, custom packs (valid and not), diff and download."""

from __future__ import annotations

from typing import Any

from apptest_support import (
    MAIN_WIDTH_AT_1280_PX,
    column_settings,
    go_to,
    open_app,
    page_text,
    table_with_column,
    unescape,
    verdict_label,
)
from msgspec.structs import replace
from streamlit.testing.v1 import AppTest

from advisor import present
from advisor.engine import evaluate
from advisor.pack import DEFAULT_RULES_DIR, RulePack, pack_from_documents
from advisor.pack.describe import rule_diff, threshold_diff
from advisor.pack.uploads import (
    default_documents,
    documents_from_uploads,
    overlay_on_default,
    pack_zip,
)
from advisor.profile import load_profile
from advisor.samples import DEFAULT_SAMPLE, sample_path
from advisor.ui.rules_page import UPLOAD

THRESHOLDS = (DEFAULT_RULES_DIR / "10-thresholds.yaml").read_text(encoding="utf-8")
READINESS = (DEFAULT_RULES_DIR / "30-readiness.yaml").read_text(encoding="utf-8")
# Northwind has 22 mid-market accounts: a zone starting at 25 takes it out of the zone.
LATER_ZONE = THRESHOLDS.replace(
    "mid_market: {low: 15, high: 25}", "mid_market: {low: 25, high: 35}"
)
# Northwind at €60,000 a contract: the hire pays back soon enough to hire now, in the zone.
RICHER_NORTHWIND = {"avg_contract_value": "60000"}


def upload(at: AppTest, *files: tuple[str, bytes]) -> None:
    at.file_uploader(key=UPLOAD).set_value(
        [(name, data, "application/yaml") for name, data in files]
    )
    at.run()


def custom_pack(*files: tuple[str, str]) -> RulePack:
    documents, _ = overlay_on_default(
        [(name, text.encode()) for name, text in files], default_documents()
    )
    return pack_from_documents(documents)


def test_the_table_lists_every_rule_with_thresholds_rationale_and_source(pack: RulePack) -> None:
    at = open_app("Rules")
    table = _rules_table(at)
    assert list(table["ID"]) == [rule.id for rule in pack.rules]
    assert list(table["Source"]) == [rule.source for rule in pack.rules]
    assert list(table["Rationale"]) == [rule.rationale for rule in pack.rules]
    zone = table[table["ID"] == "PORT-ZONE"].iloc[0]
    assert zone["When"] == (
        "(active_accounts gte $trigger_zone.low and not (books_of_work is_set))"
    )
    assert zone["Thresholds"].startswith("trigger_zone = smb: 20–30; mid_market: 15–25")
    assert zone["Effect"] == "+25 points"


def _rules_table(at: AppTest) -> Any:
    tables = [frame.value for frame in at.main.dataframe if "Rationale" in frame.value.columns]
    assert tables, "no rules table"
    return tables[0]


def _figure_diff(at: AppTest) -> Any:
    tables = [frame.value for frame in at.main.dataframe if "Figure" in frame.value.columns]
    assert tables, "no diff of figures"
    return tables[0]


def test_a_valid_custom_pack_changes_the_verdict_for_this_session(pack: RulePack) -> None:
    at = open_app("Rules", query_params=RICHER_NORTHWIND)
    upload(at, ("10-thresholds.yaml", LATER_ZONE.encode()))
    text = page_text(at)
    assert "Now assessing with AM Advisor default rules" in text
    assert "the default pack with your 10-thresholds.yaml" in text

    northwind = replace(load_profile(sample_path(DEFAULT_SAMPLE)), avg_contract_value=60000.0)
    expected = evaluate(northwind, custom_pack(("10-thresholds.yaml", LATER_ZONE)))
    before = evaluate(northwind, pack)
    assert expected.verdict != before.verdict
    go_to(at, "Recommendation")
    assert verdict_label(at) == expected.verdict_label

    go_to(at, "Rules")
    figures = _figure_diff(at)
    row = figures[figures["Figure"] == "threshold trigger_zone"].iloc[0]
    assert "mid_market: 15–25" in row["Default pack"]
    assert "mid_market: 25–35" in row["This pack"]
    assert row["Change"] == "changed"

    at.button(key="rules.use_default").click().run()
    go_to(at, "Recommendation")
    assert verdict_label(at) == before.verdict_label


def test_an_invalid_pack_shows_file_and_line_and_changes_nothing(pack: RulePack) -> None:
    at = open_app("Rules")
    broken = READINESS.replace(
        "- {field: active_accounts, op: gte, value: $trigger_zone.low}",
        "- {field: active_acounts, op: gte, value: $trigger_zone.low}",
    )
    line = (
        broken.splitlines().index(
            "        - {field: active_acounts, op: gte, value: $trigger_zone.low}"
        )
        + 1
    )
    upload(at, ("30-readiness.yaml", broken.encode()))

    assert "was not used (1 problem); this session keeps AM Advisor default rules" in unescape(
        at.main.error[0].value
    )
    listing = at.main.code[0].value
    assert listing.startswith(
        f"30-readiness.yaml:{line}: PORT-ZONE › when.all[0].field: unknown field"
    )
    assert "(did you mean 'active_accounts'?)" in listing
    assert "rules.use_default" not in [button.key for button in at.main.button]
    go_to(at, "Recommendation")
    expected = evaluate(load_profile(sample_path(DEFAULT_SAMPLE)), pack)
    assert verdict_label(at) == expected.verdict_label


def test_a_pack_uploaded_as_a_zip_is_used() -> None:
    documents = [
        (name, LATER_ZONE.encode() if name == "10-thresholds.yaml" else data)
        for name, data in default_documents()
    ]
    at = open_app("Rules")
    upload(at, ("my-pack.zip", pack_zip(documents)))
    assert "Now assessing with" in page_text(at)
    assert list(_figure_diff(at)["Figure"]) == ["threshold trigger_zone"]


def test_the_downloaded_pack_rebuilds_the_same_pack(pack: RulePack) -> None:
    rebuilt = pack_from_documents(
        documents_from_uploads([("pack.zip", pack_zip(default_documents()))])
    )
    assert rebuilt.digest == pack.digest
    assert threshold_diff(pack, rebuilt) == [] and rule_diff(pack, rebuilt) == []
    at = open_app("Rules")
    assert at.get("download_button")[0].proto.label == "Download pack (.zip)"


def test_threshold_value_column_wraps_instead_of_being_truncated() -> None:
    at = open_app("Rules")
    table = table_with_column(at, "value")
    settings = column_settings(table)
    assert table.proto.row_height > 64  # Streamlit wraps cell text only in rows taller than 4rem
    longest = max(len(text) for text in table.value["value"])
    lines = -(-longest // (settings["value"]["width"] // 7))  # about 7 px a character
    assert lines * 21 <= table.proto.row_height
    shown = ("name", "value", "unit", "source")
    assert sum(settings[name]["width"] for name in shown) <= MAIN_WIDTH_AT_1280_PX


def test_the_assumed_effect_of_an_am_and_the_hiring_figures_are_shown_with_their_sources(
    pack: RulePack,
) -> None:
    at = open_app("Rules")
    effect = next(f.value for f in at.main.dataframe if "Expected" in f.value.columns)
    assert [tuple(row) for row in effect.itertuples(index=False)] == present.effect_rows(
        pack.am_effect
    )
    assert list(effect.columns) == ["Effect", "Low", "Expected", "High"]
    text = page_text(at)
    assert f"Source: {pack.am_effect.source}" in text
    hiring = next(f.value for f in at.main.dataframe if "Hiring" in f.value.columns)
    assert [tuple(row) for row in hiring.itertuples(index=False)] == present.hiring_rows(
        pack.hiring
    )
    assert "90 days" in set(hiring["Value"])


def test_the_vocabulary_lists_the_business_model_and_what_a_book_is_for_each(
    pack: RulePack,
) -> None:
    at = open_app("Rules")
    fields = next(f.value for f in at.main.dataframe if "Field" in f.value.columns)
    row = fields[fields["Field"] == "business_model"].iloc[0]
    assert row["Choices"] == "saas_subscription, services_retainer, project_consultancy, reseller"
    models = next(f.value for f in at.main.dataframe if "Business model" in f.value.columns)
    assert list(models["Business model"]) == list(pack.business_models.models)  # type: ignore[union-attr]
    reseller = models[models["Business model"] == "reseller"].iloc[0]
    assert reseller["Book measured in"] == "gross profit"
    assert reseller["Per AM a year"].startswith("EUR 250,000–500,000")
