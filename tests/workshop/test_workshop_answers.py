"""Answers files: what they hold, "don't know", comments, and every refusal naming the file,
the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from workshop_support import base_case

from advisor.workshop import RespondentRole, WorkshopError, read_all_answers, read_answers


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_full_file_reads_with_comments(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "dana.yaml",
        "respondent: Dana Lee\n"
        "role: Customer Success\n"
        "delivery_maturity:\n"
        "  answer: emerging\n"
        "  comment: |\n"
        "    Two teams, two ways.\n"
        "    Nothing written down.\n"
        "churn_cause_known: no\n"
        "renewal_lead_days: '60'\n"
        "knowledge_holder: don't know\n"
        "churn_trend:\n",
    )
    person = read_answers(path, base_case())
    assert person.name == "Dana Lee" and person.role is RespondentRole.CUSTOMER_SUCCESS
    assert person.source == str(path)
    assert person.answer("delivery_maturity").value == "emerging"
    assert (
        person.answer("delivery_maturity").comment == "Two teams, two ways.\nNothing written down."
    )
    assert person.answer("churn_cause_known").value is False
    assert person.answer("renewal_lead_days").value == 60
    for field in ("knowledge_holder", "churn_trend", "unworked_upsell"):
        assert not person.answer(field).known, field


def test_a_json_file_reads_too(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "e.json", '{"respondent": "Eli", "unworked_upsell": true, "role": "sales"}'
    )
    person = read_answers(path, base_case())
    assert person.answer("unworked_upsell").value is True and person.role is RespondentRole.SALES


def test_a_missing_role_is_other(tmp_path: Path) -> None:
    person = read_answers(_write(tmp_path, "f.yaml", "respondent: Fay\n"), base_case())
    assert person.role is RespondentRole.OTHER and not person.answers


def test_every_problem_names_file_line_and_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bad.yaml",
        "respondent: Gus\n"
        "role: delivry\n"
        "delivery_maturty: emerging\n"
        "active_accounts: 30\n"
        "churn_trend: risng\n"
        "renewal_lead_days: -5\n"
        "onboarding_consistent:\n"
        "  answr: true\n",
    )
    with pytest.raises(WorkshopError) as caught:
        read_answers(path, base_case())
    text = str(caught.value)
    assert f"{path}:3: delivery_maturty: unknown field (did you mean 'delivery_maturity'?)" in text
    assert f"{path}:4: active_accounts: is a fact of the case, not a judgement question" in text
    assert f"{path}:2: role: unknown role 'delivry' (did you mean 'delivery'?)" in text
    assert f"{path}:5: churn_trend: 'risng' is not one of falling, stable, rising" in text
    assert "(did you mean 'rising'?)" in text
    assert f"{path}:6: renewal_lead_days:" in text
    assert f"{path}:8: onboarding_consistent: unknown key 'answr' (did you mean 'answer'?)" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("role: founder\n", ":1: respondent: required field is missing"),
        ("respondent: '   '\n", ":1: respondent: must not be empty"),
        ("respondent: 42\n", ":1: respondent: must be a name in text"),
        (f"respondent: {'x' * 81}\n", ":1: respondent: is longer than 80 characters"),
        ("- a\n- b\n", "expected a mapping with 'respondent:' and answers, found list"),
        ("respondent: [unclosed\n", "bad.yaml:"),
        (
            "respondent: Hal\nchurn_trend:\n  comment: [1, 2]\n",
            ":3: churn_trend: comment: must be text",
        ),
    ],
)
def test_bad_files_are_refused_clearly(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(WorkshopError) as caught:
        read_answers(_write(tmp_path, "bad.yaml", text), base_case())
    assert expected in str(caught.value)


def test_renewals_by_an_account_manager_need_one_in_the_case(tmp_path: Path) -> None:
    path = _write(tmp_path, "i.yaml", "respondent: Ida\nrenewal_owner: account_manager\n")
    with pytest.raises(WorkshopError, match="current_account_managers is 0"):
        read_answers(path, base_case())
    person = read_answers(path, base_case(current_account_managers=1))
    assert person.answer("renewal_owner").value == "account_manager"


def test_all_files_are_checked_before_refusing(tmp_path: Path) -> None:
    one = _write(tmp_path, "one.yaml", "respondent: Jo\nchurn_trend: up\n")
    two = _write(tmp_path, "two.yaml", "respondent: Kim\nunworked_upsell: maybe\n")
    three = _write(tmp_path, "three.yaml", "respondent: JO\n")
    with pytest.raises(WorkshopError) as caught:
        read_all_answers([one, two, three], base_case())
    text = str(caught.value)
    assert "one.yaml:2: churn_trend" in text and "two.yaml:2: unworked_upsell" in text


def test_the_same_name_in_two_files_is_refused(tmp_path: Path) -> None:
    one = _write(tmp_path, "one.yaml", "respondent: Jo\n")
    two = _write(tmp_path, "two.yaml", "respondent: JO\n")
    with pytest.raises(WorkshopError) as caught:
        read_all_answers([one, two], base_case())
    assert f"{two}: respondent: 'JO' has answered already (in {one})" in str(caught.value)


def test_a_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises((WorkshopError, OSError)) as caught:
        read_all_answers([tmp_path / "nope.yaml"], base_case())
    assert "nope.yaml" in str(caught.value)
