"""Bands of contract value: which band a contract falls in, per currency and at each edge; the
warning when the chosen segment is not the band's, in the assessment, the CLI and the brief;
the retention targets read per band, hand-checked against SaaS Capital's 2023 medians."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from msgspec.structs import asdict

from advisor import cli
from advisor.brief import method_appendix, prepare_brief
from advisor.economics import derivation_constants, derived_values
from advisor.engine import evaluate
from advisor.export.markdown import render_markdown
from advisor.pack import RulePack
from advisor.pack.load import DEFAULT_RULES_DIR, RulePackError, pack_from_documents
from advisor.portfolio import Measure, metric_result
from advisor.profile import CompanyProfile, load_profile, parse_profile, profile_to_dict
from advisor.samples import EXAMPLES_DIR

SHIPPED = [(f"rules/{p.name}", p.read_bytes()) for p in sorted(DEFAULT_RULES_DIR.glob("*.yaml"))]

# SaaS Capital's bands start at $12k, $25k, $50k, $100k and $250k; the EUR and GBP ones are those
# at 0.92 EUR and 0.80 GBP to the dollar, rounded (the pack's conversion).
STARTS = {
    "USD": (12_000, 25_000, 50_000, 100_000, 250_000),
    "EUR": (11_000, 23_000, 46_000, 92_000, 230_000),
    "GBP": (9_600, 20_000, 40_000, 80_000, 200_000),
}
BANDS = ("under_12k", "12k_25k", "25k_50k", "50k_100k", "100k_250k", "over_250k")


def _profile(**changes: Any) -> CompanyProfile:
    base = profile_to_dict(load_profile(EXAMPLES_DIR / "northwind-hire-now.yaml"))
    return parse_profile({**base, **changes})


def _with(name: str, old: bytes, new: bytes) -> list[tuple[str, bytes]]:
    changed = [(n, c.replace(old, new, 1) if n.endswith(name) else c) for n, c in SHIPPED]
    assert changed != SHIPPED
    return changed


@pytest.mark.parametrize("currency", sorted(STARTS))
def test_a_contract_exactly_at_a_band_s_first_value_is_in_that_band(
    pack: RulePack, currency: str
) -> None:
    assert pack.band_of(0, currency) == "under_12k"
    for index, start in enumerate(STARTS[currency]):
        assert pack.band_of(start, currency) == BANDS[index + 1]
        assert pack.band_of(start - 0.01, currency) == BANDS[index]
    assert pack.band_of(10_000_000, currency) == "over_250k"


def test_a_currency_without_bands_has_no_band(pack: RulePack) -> None:
    assert pack.band_of(50_000, "CHF") is None


@pytest.mark.parametrize(("value", "ordinal"), [(10_999, 1), (11_000, 2), (45_999, 3), (46_000, 4)])
def test_rules_read_the_band_as_a_derived_figure_counted_from_one(
    pack: RulePack, value: float, ordinal: int
) -> None:
    values: dict[str, Any] = {k: getattr(v, "value", v) for k, v in asdict(_profile()).items()}
    values["avg_contract_value"] = value
    derived_values(values, derivation_constants(pack, "mid_market", "EUR"))
    assert values["contract_value_band"] == ordinal


def test_the_derived_band_is_empty_for_a_currency_without_bands(pack: RulePack) -> None:
    values: dict[str, Any] = {
        k: getattr(v, "value", v) for k, v in asdict(_profile(currency="CHF")).items()
    }
    derived_values(values, derivation_constants(pack, "mid_market", "CHF"))
    assert values["contract_value_band"] is None


def test_the_assessment_carries_its_band(pack: RulePack) -> None:
    # Northwind's €36,000 is from €23,000 to under €46,000.
    assert evaluate(_profile(), pack).economics.contract_value_band == "25k_50k"


SMB_AT_24K = (
    "segment is SMB, but avg_contract_value (€24,000 a year) falls in the contract-value band "
    "from €23,000 to under €46,000 a year, which this rule pack counts as mid-market (the "
    "published band is in USD, converted to EUR): check both, and set segment to mid_market "
    "unless the book's largest contracts are what the segment describes"
)


def test_a_segment_that_is_not_the_band_s_is_a_warning_naming_both_and_the_value(
    pack: RulePack,
) -> None:
    assessment = evaluate(_profile(segment="smb", avg_contract_value=24_000), pack)
    assert SMB_AT_24K in assessment.warnings


def test_a_usd_band_is_not_called_converted(pack: RulePack) -> None:
    found = evaluate(_profile(currency="USD", avg_contract_value=300_000), pack).warnings
    assert found == (
        (
            "segment is mid-market, but avg_contract_value ($300,000 a year) falls in the "
            "contract-value band $250,000 a year or more, which this rule pack counts as "
            "enterprise: check both, and set segment to enterprise unless the book's largest "
            "contracts are what the segment describes"
        ),
    )


@pytest.mark.parametrize(
    ("segment", "value", "currency"),
    [
        ("mid_market", 36_000, "EUR"),
        ("smb", 10_999, "EUR"),
        ("mid_market", 11_000, "EUR"),
        ("enterprise", 92_000, "EUR"),
        ("enterprise", 80_000, "GBP"),
        ("smb", 500_000, "CHF"),  # no bands in the currency: nothing to compare
    ],
)
def test_no_warning_when_the_segment_is_the_band_s(
    pack: RulePack, segment: str, value: float, currency: str
) -> None:
    profile = _profile(segment=segment, avg_contract_value=value, currency=currency)
    assert not [w for w in evaluate(profile, pack).warnings if w.startswith("segment is")]


def test_the_cli_assess_report_shows_the_segment_warning(tmp_path: Path) -> None:
    text = (
        (EXAMPLES_DIR / "acorn-not-yet.yaml")
        .read_text(encoding="utf-8")
        .replace("segment: mid_market", "segment: smb")
    )
    assert "avg_contract_value: 24000" in text
    path = tmp_path / "acorn-smb.yaml"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    assert cli.main(["assess", str(path)], out) == 0
    assert f"Check these figures:\n  - {SMB_AT_24K}\n" in out.getvalue()


def test_the_brief_shows_the_segment_warning(pack: RulePack) -> None:
    profile = _profile(segment="smb", avg_contract_value=24_000)
    text = render_markdown(prepare_brief(profile, pack))
    assert "**Check these figures:**" in text
    assert "Segment is SMB, but avg\\_contract\\_value (€24,000 a year) falls in" in text


# --- Targets per band, against SaaS Capital's 2023 medians by ACV ---------------------------

NRR_MEDIANS = dict(zip(BANDS, (1.00, 1.02, 1.03, 1.05, 1.07, 1.10), strict=True))
GRR_MEDIANS = dict(zip(BANDS, (0.90, 0.90, 0.92, 0.93, 0.93, 0.93), strict=True))


@pytest.mark.parametrize("band", BANDS)
def test_retention_targets_are_the_band_s_medians(pack: RulePack, band: str) -> None:
    targets = pack.targets_for(band)
    assert targets["nrr"].healthy == pytest.approx(NRR_MEDIANS[band])
    assert targets["grr"].healthy == pytest.approx(GRR_MEDIANS[band])
    assert targets["nrr"].source.startswith("“Research Brief 28: Retention")
    # The alarm and the best in class are not by band.
    assert (targets["nrr"].alarm, targets["nrr"].best_in_class) == (0.9, 1.2)


def test_a_metric_without_figures_by_band_keeps_its_own_target(pack: RulePack) -> None:
    for band in (*BANDS, None):
        logo = pack.targets_for(band)["logo_retention"]
        assert logo == pack.metric_targets["logo_retention"] and logo.healthy == 0.85
    assert pack.targets_for(None)["nrr"].healthy == 1.0


def test_the_portfolio_reads_the_target_of_its_band(pack: RulePack) -> None:
    # 104% NRR is under the 105% median of $50k to $100k and above the 103% of $25k to $50k.
    assert metric_result("nrr", Measure(1.04), pack, "", "50k_100k").status == "watch"
    assert metric_result("nrr", Measure(1.04), pack, "", "25k_50k").status == "healthy"


def test_the_drafted_role_targets_the_band_s_nrr(pack: RulePack) -> None:
    from advisor.role import draft_role

    profile = _profile(avg_contract_value=120_000, segment="enterprise")
    assessment = evaluate(profile, pack)
    nrr = next(m for m in draft_role(profile, assessment, pack).metrics if m.key == "nrr")
    # €120,000 is from €92,000 to under €230,000: SaaS Capital's $100k to $250k, 107%.
    assert nrr.target_value == pytest.approx(1.07)


# --- The pack refuses bands it cannot read, at their line -----------------------------------


def test_bands_out_of_order_are_refused_at_their_line() -> None:
    documents = _with("20-benchmarks.yaml", b"EUR: 46000", b"EUR: 20000")
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    problem = caught.value.problems[0]
    assert problem.file == "rules/20-benchmarks.yaml" and problem.line > 0
    assert problem.path == "contract_value_bands.bands[3].from"
    assert "20000 EUR is not above the band before (23000); list the bands lowest first" in str(
        problem
    )


def test_the_first_band_must_start_at_zero() -> None:
    documents = _with("20-benchmarks.yaml", b"from: {USD: 0,", b"from: {USD: 5,")
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    assert "the first band starts at 0; it starts at 5 USD" in str(caught.value)


def test_a_target_for_a_band_the_pack_does_not_define_is_refused_with_the_bands() -> None:
    documents = _with("20-benchmarks.yaml", b"{under_12k: 1.0,", b"{under_10k: 1.0,")
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    problem = caught.value.problems[0]
    assert problem.path == "metric_targets.nrr.by_band.under_10k"
    assert "'under_10k' is not a band of contract_value_bands; expected one of under_12k" in str(
        problem
    )


def test_a_band_target_on_the_alarm_s_side_is_refused() -> None:
    documents = _with("20-benchmarks.yaml", b"over_250k: 1.1}", b"over_250k: 0.8}")
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    assert "metric_targets.nrr.by_band.over_250k" in str(caught.value)
    assert "0.8 lies on the worse side of the alarm 0.9" in str(caught.value)


def test_the_brief_lists_every_source_document_with_its_year(pack: RulePack) -> None:
    text = render_markdown(method_appendix(prepare_brief(_profile(), pack)))
    listed = text[text.index("### Source documents") :]
    assert "- “What is an account manager (B2B guide)” (SalesDose, not dated)" in listed
    assert "“Research Brief 28: Retention (2023 B2B SaaS Retention Benchmarks)” (SaaS" in listed
    assert "(SaaS Capital, 2023)" in listed
    assert "(High Alpha, 2026)" in listed and "(ChartMogul, 2023)" in listed


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _drop_blocks(text: str, heads: tuple[str, ...]) -> str:
    """The YAML text without each block whose first line starts with one of `heads` (the block
    runs while the lines are indented deeper than its head)."""
    kept: list[str] = []
    skipping_below = -1
    for line in text.splitlines(keepends=True):
        if skipping_below >= 0 and (not line.strip() or _indent(line) > skipping_below):
            continue
        skipping_below = -1
        if line.startswith(heads):
            skipping_below = _indent(line)
            continue
        kept.append(line)
    return "".join(kept)


def _without_bands(*, keep_targets_by_band: bool) -> list[tuple[str, bytes]]:
    """The shipped pack with its `contract_value_bands` left out (and its figures by band)."""
    heads = ("  contract_value_bands:",)
    if not keep_targets_by_band:
        heads += ("      by_band:", "      band_source:", "    by_band:", "    band_source:")
    return [
        (
            name,
            _drop_blocks(c.decode(), heads).encode() if name.endswith("20-benchmarks.yaml") else c,
        )
        for name, c in SHIPPED
    ]


def test_targets_by_band_without_bands_are_refused_naming_what_to_add() -> None:
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(_without_bands(keep_targets_by_band=True))
    found = {problem.path: problem.message for problem in caught.value.problems}
    for path in ("book_size.by_band", "metric_targets.nrr.by_band"):
        assert found[path] == (
            "figures by band need benchmarks.contract_value_bands to define the bands"
        )


def test_a_pack_without_bands_keeps_one_target_and_warns_of_nothing() -> None:
    pack = pack_from_documents(_without_bands(keep_targets_by_band=False))
    assert pack.bands is None and pack.band_of(24_000, "EUR") is None
    assert pack.targets_for(None)["nrr"].healthy == 1.0
    assessment = evaluate(_profile(segment="smb", avg_contract_value=24_000), pack)
    assert assessment.economics.contract_value_band is None
    assert not [w for w in assessment.warnings if w.startswith("segment is")]


def test_the_brief_says_which_band_the_retention_targets_are_for(pack: RulePack) -> None:
    brief = prepare_brief(_profile(currency="USD", avg_contract_value=60_000), pack)
    text = render_markdown(brief).replace("\\$", "$")  # Markdown escapes the dollar sign
    assert (
        "The net revenue retention and gross revenue retention targets are those of contracts "
        "from $50,000 to under $100,000 a year, the band the average contract value of $60,000 a "
        "year falls in."
    ) in text


def test_no_band_line_where_no_target_differs_by_band(pack: RulePack) -> None:
    from advisor import present

    assessment = evaluate(_profile(currency="CHF"), pack)
    assert present.targets_band_line(assessment, pack) == ""
