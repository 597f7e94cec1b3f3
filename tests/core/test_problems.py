"""The one problem type: both message shapes, the collector and the one did-you-mean."""

import pytest

from advisor.problems import AdvisorError, Problem, Problems, closest, suggest


def test_document_problem_reads_file_line_context_path_message() -> None:
    problem = Problem("unknown key", "rules/30.yaml", 14, "PORT-ZONE", "when.all[1].field")
    assert str(problem) == "rules/30.yaml:14: PORT-ZONE › when.all[1].field: unknown key"


def test_document_problem_leaves_out_what_is_unknown() -> None:
    assert str(Problem("bad", "p.yaml")) == "p.yaml: bad"
    assert str(Problem("bad", "p.yaml", 3, path="margin")) == "p.yaml:3: margin: bad"
    assert str(Problem("bad", path="margin")) == "margin: bad"
    assert str(Problem("bad")) == "bad"


def test_table_problem_reads_file_row_account_column_message() -> None:
    problem = Problem("not a number", "crm.csv", 7, "Acme", "ARR", unit="row")
    assert str(problem) == "crm.csv, row 7 (Acme), column 'ARR': not a number"
    assert str(Problem("ragged", line=3, unit="row")) == "row 3: ragged"
    assert str(Problem("empty file", "crm.csv", unit="row")) == "crm.csv: empty file"


def test_collector_raises_every_problem_at_once() -> None:
    problems = Problems()
    problems.raise_if_any(AdvisorError)
    problems.add("first", file="a.yaml", line=1)
    problems.add("second", file="a.yaml", line=2)
    with pytest.raises(AdvisorError) as caught:
        problems.raise_if_any(AdvisorError)
    assert [p.message for p in caught.value.problems] == ["first", "second"]
    assert str(caught.value) == "a.yaml:1: first\na.yaml:2: second"


def test_suggest_names_the_closest_choice_or_nothing() -> None:
    assert suggest("anual_churn", ["logo_churn_rate", "annual_churn"]) == (
        " (did you mean 'annual_churn'?)"
    )
    assert suggest("zzz", ["logo_churn_rate"]) == ""
    assert closest("standardized", ["ad_hoc", "standardised"]) == "standardised"
