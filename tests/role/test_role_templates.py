"""The `role:` section is validated when the pack loads: every mistake names FILE:LINE › path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.pack import RoleTemplates, RulePack, RulePackError, load_pack

RULES = Path(__file__).resolve().parents[2] / "rules"
ROLE_FILE = "40-role.yaml"


def _pack_with(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    """Copy the shipped pack with one edit in the role file; return (role file, edited text)."""
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    role = folder / ROLE_FILE
    text = role.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the edit must match once: {old!r}"
    edited = text.replace(old, new)
    role.write_text(edited, encoding="utf-8")
    return role, edited


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def _issues(folder: Path) -> list[str]:
    with pytest.raises(RulePackError) as caught:
        load_pack(folder)
    return [str(issue) for issue in caught.value.problems]


def test_shipped_pack_has_valid_role_templates(pack: RulePack) -> None:
    assert isinstance(pack.role, RoleTemplates)
    role = pack.role
    assert [shape.id for shape in role.shapes][-1] == "account_manager"
    assert role.shapes[-1].when is None
    assert {m.metric for m in role.metrics} >= {
        "nrr",
        "logo_retention",
        "renewal_rate",
        "contraction_rate",
        "expansion_rate",
        "nps",
    }
    assert abs(sum(t.share_of_accounts for t in role.tiers) - 1) < 1e-9
    assert role.milestones[0].days_before == 120 and role.milestones[-1].days_before == 0
    covered = sum(
        c.share for c in role.compensation.components if c.kind in ("renewal", "expansion")
    )
    assert 0.4 <= covered <= 0.6
    for key in ("seed 000", "seed 003", "seed 004"):
        assert key in role.sources


def test_every_role_text_source_is_named(pack: RulePack) -> None:
    """Figures and lists that carry facts say where they come from."""
    role = pack.role
    assert all(figure.source for figure in role.figures.values())
    assert all(r.source for r in role.responsibilities)
    assert all(b.source for b in role.boundaries)
    assert all(m.source for m in role.mistakes)
    assert role.tiers_source and role.playbook_source and role.handover_source
    assert role.onboarding_source and role.avoid_source and role.compensation.range_source


def test_unknown_field_in_a_condition_names_line_and_suggests(tmp_path: Path) -> None:
    old = "- when: {field: unworked_upsell, op: is_true}\n          weight: 40"
    new = "- when: {field: unworked_upsel, op: is_true}\n          weight: 40"
    role, text = _pack_with(tmp_path, old, new)
    line = _line_of(text, "field: unworked_upsel,")
    index = 2  # the expansion responsibility
    assert _issues(role.parent) == [
        (
            f"{role}:{line}: role › responsibilities[{index}].boosts[0].when.field: "
            "unknown field 'unworked_upsel' (did you mean 'unworked_upsell'?)"
        )
    ]


def test_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    role, text = _pack_with(
        tmp_path,
        'Reassess on {reassess_on}: {zone_reached}."\n            es: >-\n'
        "              Vuelve a evaluar el {reassess_on}: {zone_reached}.",
        'Reassess on {reassess_on}: {zone_reachd}."\n            es: >-\n'
        "              Vuelve a evaluar el {reassess_on}: {zone_reachd}.",
    )
    issues = _issues(role.parent)
    line = _line_of(text, '- step:\n            en: "Reassess on {reassess_on}: {zone_reachd}')
    assert len(issues) == 1
    assert issues[0].startswith(
        f"{role}:{line}: role › instead.not_yet.steps[4].step: unknown placeholder "
        "{zone_reachd} (did you mean 'zone_reached'?)"
    )


def test_nrr_must_be_shown_next_to_logo_retention(tmp_path: Path) -> None:
    # The two metrics swap places, each keeping its own texts.
    logo = "      - metric: logo_retention\n        how:\n          en: Share of accounts"
    grr = "      - metric: grr\n        how:\n          en: >-\n"
    role, text = _pack_with(tmp_path, logo, logo.replace("logo_retention", "grr"))
    assert text.count(grr) == 1
    text = text.replace(grr, grr.replace("grr", "logo_retention"))
    role.write_text(text, encoding="utf-8")
    line = _line_of(text, "    show:\n")
    assert _issues(role.parent) == [
        (
            f"{role}:{line}: role › metrics.show: NRR must be followed by logo_retention: "
            "never read NRR alone (seed 004)"
        )
    ]


def test_unknown_metric_is_checked_against_the_pack_targets(tmp_path: Path) -> None:
    role, text = _pack_with(tmp_path, "      - metric: nps\n", "      - metric: csat\n")
    line = _line_of(text, "      - metric: csat\n") + 0
    assert _issues(role.parent) == [
        (
            f"{role}:{line}: role › metrics.show[6].metric: no metric target 'csat' in "
            "benchmarks.metric_targets"
        )
    ]


def test_a_metric_given_as_a_list_is_refused_not_a_crash(tmp_path: Path) -> None:
    role, text = _pack_with(tmp_path, "      - metric: nps\n", "      - metric: [nps]\n")
    line = _line_of(text, "      - metric: [nps]\n")
    assert _issues(role.parent) == [
        (
            f"{role}:{line}: role › metrics.show[6].metric: expected the name of a metric target "
            "in benchmarks.metric_targets"
        )
    ]


def test_tier_shares_must_add_up_to_one(tmp_path: Path) -> None:
    role, text = _pack_with(
        tmp_path, "        share_of_accounts: 0.5\n", "        share_of_accounts: 0.6\n"
    )
    line = _line_of(text, "    levels:\n")
    assert _issues(role.parent) == [
        f"{role}:{line}: role › tiers.levels: share_of_accounts adds up to 1.1; it must add up to 1"
    ]


def test_renewal_playbook_must_start_in_time(tmp_path: Path) -> None:
    role, text = _pack_with(tmp_path, "      - days_before: 120\n", "      - days_before: 80\n")
    text = text.replace("      - days_before: 90\n", "      - days_before: 70\n")
    role.write_text(text, encoding="utf-8")
    line = _line_of(text, "      - days_before: 80\n")
    assert _issues(role.parent) == [
        (
            f"{role}:{line}: role › renewal_playbook.milestones[0].days_before: "
            "the renewal process "
            "starts 90–120 days before expiry (seed 000); 80 is too late"
        )
    ]


def test_renewal_milestones_run_towards_expiry(tmp_path: Path) -> None:
    role, text = _pack_with(tmp_path, "      - days_before: 60\n", "      - days_before: 95\n")
    line = _line_of(text, "      - days_before: 95\n")
    assert _issues(role.parent) == [
        (
            f"{role}:{line}: role › renewal_playbook.milestones[2].days_before: "
            "95 must be fewer days "
            "than the milestone before (90)"
        )
    ]


def test_default_variable_split_must_follow_seed_004(tmp_path: Path) -> None:
    old = "        kind: expansion\n        share: 0.25\n"
    new = "        kind: expansion\n        share: 0.05\n"
    role, text = _pack_with(tmp_path, old, new)
    text_issues = _issues(role.parent)
    line = _line_of(text, "    components:\n")
    assert (
        f"{role}:{line}: role › compensation.components: the shares add up to 0.8"
        in (text_issues[0])
    )


def test_renewal_and_expansion_share_outside_the_range_is_refused(tmp_path: Path) -> None:
    old = "        kind: renewal\n        share: 0.35\n"
    new = "        kind: renewal\n        share: 0.1\n"
    role, text = _pack_with(tmp_path, old, new)
    role.write_text(
        text.replace(
            "        kind: other\n        share: 0.4\n",
            "        kind: other\n        share: 0.65\n",
        ),
        encoding="utf-8",
    )
    text = role.read_text(encoding="utf-8")
    line = _line_of(text, "    components:\n")
    assert _issues(role.parent) == [
        (
            f"{role}:{line}: role › compensation.components: "
            "renewal and expansion carry 35% of the "
            "variable pay; the default must lie within 40%–60% "
            "(“The Real Role of Account Managers in Business Growth” (Only-dreams, 23 May 2026: "
            "40–60% of variable pay tied to renewal and expansion went with 25% better "
            "retention))"
        )
    ]


def test_a_default_new_logo_quota_is_refused(tmp_path: Path) -> None:
    role, text = _pack_with(
        tmp_path,
        "        kind: other\n        share: 0.4\n",
        "        kind: new_logo\n        share: 0.4\n",
    )
    line = _line_of(text, "        kind: new_logo\n")
    assert _issues(role.parent) == [
        (
            f"{role}:{line}: role › compensation.components[2].kind: 'new_logo' is not one of "
            "renewal, expansion, other (a new-logo quota is never a default: seed 000)"
        )
    ]


def test_unknown_key_names_the_expected_ones(tmp_path: Path) -> None:
    role, text = _pack_with(
        tmp_path, "    level:\n      en: Senior", "    levle:\n      en: Senior"
    )
    line = _line_of(text, "    levle:\n      en: Senior")
    issues = _issues(role.parent)
    assert issues[0].startswith(
        f"{role}:{line}: role › seniority.levle: unknown key (did you mean 'level'?)"
    )


def test_the_fallback_shape_takes_no_condition(tmp_path: Path) -> None:
    old = "    - id: account_manager\n      title:\n        en: Account Manager\n"
    old += "        es: Account Manager\n"
    new = old + "      when: {field: verdict, op: eq, value: hire_now}\n"
    role, text = _pack_with(tmp_path, old, new)
    line = _line_of(text, "      when: {field: verdict, op: eq, value: hire_now}")
    assert _issues(role.parent) == [
        (
            f"{role}:{line}: role › shapes[6].when: the last shape is the fallback and takes no "
            "condition"
        )
    ]


def test_a_figure_may_not_shadow_a_threshold(tmp_path: Path) -> None:
    role, text = _pack_with(tmp_path, "    team_lead_at_ams:\n", "    churn_high:\n")
    line = _line_of(text, "    churn_high:\n")
    issues = _issues(role.parent)
    assert (
        f"{role}:{line}: role › figures.churn_high: the name is taken by the threshold "
        "'$churn_high'; choose another"
    ) in issues


def test_the_role_section_may_be_defined_once(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    shutil.copy(folder / ROLE_FILE, folder / "50-role-copy.yaml")
    issues = _issues(folder)
    assert any("'role' is defined twice" in issue for issue in issues)


def test_a_pack_without_a_role_section_still_loads(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    (folder / ROLE_FILE).unlink()
    pack = load_pack(folder)
    assert pack.role is None
