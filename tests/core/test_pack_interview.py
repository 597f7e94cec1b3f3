"""The rule pack's `interview:` section: read from rules/23-interview.yaml, refused at its file,
line and field when a model's weights do not add up to 100 or a competency lacks an anchor, and
its weights tuned as figures like the pack's other numbers."""

from __future__ import annotations

import pytest

from advisor.pack.calibrate import calibrated_pack, figures
from advisor.pack.load import DEFAULT_RULES_DIR, RulePackError, pack_from_documents

FILE = "rules/23-interview.yaml"
SHIPPED = [(f"rules/{p.name}", p.read_bytes()) for p in sorted(DEFAULT_RULES_DIR.glob("*.yaml"))]
SAAS = (
    b"saas_subscription: {renewal: 25, expansion: 20, risk: 20, executive: 10, coordination: 10, "
    b"planning: 10, margin: 5}"
)


def _changed(old: bytes, new: bytes) -> list[tuple[str, bytes]]:
    changed = [(n, c.replace(old, new, 1) if n == FILE else c) for n, c in SHIPPED]
    assert changed != SHIPPED, "the text to change is not in the shipped file"
    return changed


def _line(documents: list[tuple[str, bytes]], text: bytes) -> int:
    rows = dict(documents)[FILE].splitlines()
    return next(number for number, row in enumerate(rows, 1) if text in row)


def _problems(documents: list[tuple[str, bytes]]) -> list[str]:
    with pytest.raises(RulePackError) as refused:
        pack_from_documents(documents)
    return [str(problem) for problem in refused.value.problems]


def test_the_shipped_section_is_read() -> None:
    pack = pack_from_documents(SHIPPED)
    assert pack.interview is not None
    assert [stage.id for stage in pack.interview.stages] == [
        "screen",
        "account",
        "work_sample",
        "peer",
        "final",
    ]
    assert pack.interview.weights["saas_subscription"]["renewal"] == 25
    assert pack.interview.hire_at == 3.0
    # Every source is printed by title: the anchors' published one and the product default.
    assert pack.interview.anchors_source.startswith("“Exploring Methods for Developing")
    assert "ETS Research Report Series" in pack.interview.anchors_source


def test_weights_that_do_not_add_up_to_100_are_refused_naming_file_line_and_field() -> None:
    documents = _changed(
        b"{renewal: 25, expansion: 20, risk: 20", b"{renewal: 30, expansion: 20, risk: 20"
    )
    line = _line(documents, b"saas_subscription: {renewal: 30")
    assert _problems(documents) == [
        (
            f"{FILE}:{line}: interview › weights.saas_subscription: the weights add up to "
            f"{30 + 20 + 20 + 10 + 10 + 10 + 5}, not 100: change them to 100"
        )
    ]


def test_a_competency_without_its_fourth_anchor_is_refused_naming_file_line_and_field() -> None:
    fourth = (
        b"        4:\n          en: Runs renewals as a calendar across the whole book, saves at-risk "
        b"accounts with a plan, and can show retention they raised.\n          es: >-\n"
        b"            Lleva las renovaciones como un calendario de toda la cartera, salva cuentas "
        b"en riesgo\n            con un plan y puede demostrar la retenci\xc3\xb3n que mejor\xc3\xb3.\n"
    )
    documents = _changed(fourth, b"")
    rows = dict(documents)[FILE].splitlines()
    renewal = _line(documents, b"    renewal:\n".strip())
    line = next(n for n, row in enumerate(rows, 1) if n > renewal and row.strip() == b"anchors:")
    assert _problems(documents) == [
        (
            f"{FILE}:{line}: interview › competencies.renewal.anchors.4: the anchor is missing: a "
            "competency needs four anchors, 1 to 4"
        )
    ]


def test_an_anchor_beyond_4_is_refused() -> None:
    documents = _changed(
        b"        1:\n          en: Renewals were handled",
        b"        5:\n          en: Renewals were handled",
    )
    problems = _problems(documents)
    line = _line(documents, b"en: Renewals were handled") - 1  # the line of its key, `5:`
    assert (
        f"{FILE}:{line}: interview › competencies.renewal.anchors.5: expected a rating 1, 2, 3 or 4"
        in problems
    )


def test_a_business_model_without_weights_is_refused() -> None:
    documents = _changed(b"    " + SAAS + b"\n", b"")
    problems = _problems(documents)
    assert len(problems) == 1
    assert problems[0].startswith(f"{FILE}:")
    assert problems[0].endswith(
        "interview › weights.saas_subscription: the model's weights are missing"
    )


def test_a_weight_for_an_unknown_competency_is_refused_with_the_nearest_one() -> None:
    documents = _changed(b"{renewal: 25, expansion: 20", b"{renewals: 25, expansion: 20")
    problems = _problems(documents)
    assert any(
        "weights.saas_subscription.renewals: not a competency (did you mean 'renewal'?)" in p
        for p in problems
    ), problems


def test_a_stage_rating_an_unknown_competency_is_refused() -> None:
    documents = _changed(b"competencies: [renewal, planning]", b"competencies: [renewal, planing]")
    problems = _problems(documents)
    line = _line(documents, b"  stages:")
    assert problems == [
        (
            f"{FILE}:{line}: interview › stages[0].competencies: 'planing' is not a competency "
            "(did you mean 'planning'?)"
        )
    ]


def test_an_unknown_placeholder_is_refused() -> None:
    documents = _changed(b"due in {renewal_days} days", b"due in {renewal_day} days")
    problems = _problems(documents)
    # The Spanish text, which kept {renewal_days}, no longer has the English placeholders either.
    assert len(problems) == 2
    assert "interview › work_sample.brief: unknown placeholder {renewal_day}" in problems[0]
    assert "did you mean" in problems[0]
    assert "interview.work_sample.brief.es: the Spanish text has the placeholders" in problems[1]


def test_the_weights_are_figures_a_consultant_tunes_two_at_a_time() -> None:
    listed = {figure.path: figure for figure in figures(SHIPPED)}
    renewal = listed["interview.weights.saas_subscription.renewal"]
    assert (renewal.file, renewal.value, renewal.integer) == (FILE, 25.0, True)
    assert renewal.source.startswith("product default: a SaaS Account Manager")
    assert "interview.hire_at" in listed and "interview.stages.0.minutes" in listed
    pack, _ = calibrated_pack(
        SHIPPED,
        {
            "interview.weights.saas_subscription.renewal": 30,
            "interview.weights.saas_subscription.margin": 0,
        },
    )
    assert pack.interview is not None
    assert pack.interview.weights["saas_subscription"]["renewal"] == 30
    with pytest.raises(RulePackError) as refused:
        calibrated_pack(SHIPPED, {"interview.weights.saas_subscription.renewal": 30})
    assert "weights.saas_subscription: the weights add up to 105, not 100" in str(
        refused.value.problems[0]
    )
