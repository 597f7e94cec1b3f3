"""Export and row errors are the shared Problem type, and still read as they always have."""

from __future__ import annotations

import json

import pytest
from portfolio_support import import_text

from advisor.crm_import import ExportError, RowIssue, import_accounts_file, row_issue
from advisor.problems import AdvisorError, Problem


def test_export_error_is_an_advisor_error_placed_in_a_table() -> None:
    error = ExportError.at("the header is too wide", source="a.csv", row=1, column="Notes")
    assert isinstance(error, AdvisorError)
    assert isinstance(error, ValueError)
    assert str(error) == "a.csv, row 1, column 'Notes': the header is too wide"
    assert (error.message, error.source, error.row, error.column) == (
        "the header is too wide",
        "a.csv",
        1,
        "Notes",
    )
    assert error.problems == (
        Problem("the header is too wide", file="a.csv", line=1, path="Notes", unit="row"),
    )
    assert str(ExportError.at("the file is empty")) == "the file is empty"


def test_export_error_in_a_file_keeps_its_column() -> None:
    error = ExportError.at("--map: unknown field 'x'", column="ARR").in_file("b.csv")
    assert str(error) == "b.csv, column 'ARR': --map: unknown field 'x'"


def test_unreadable_file_names_the_path() -> None:
    with pytest.raises(AdvisorError) as caught:
        import_accounts_file("/no/such/accounts.csv")
    assert str(caught.value) == (
        "/no/such/accounts.csv: cannot read the file: No such file or directory"
    )


def test_row_issue_is_a_problem_with_row_account_and_column() -> None:
    issue = row_issue(7, "Oak GmbH", "ARR end", "'1.2.3' is not an amount")
    assert isinstance(issue, Problem)
    assert (issue.line, issue.context, issue.path, issue.unit) == (7, "Oak GmbH", "ARR end", "row")
    assert (issue.row, issue.account, issue.column) == (7, "Oak GmbH", "ARR end")
    assert str(issue) == "row 7 (Oak GmbH), column 'ARR end': '1.2.3' is not an amount"
    assert str(RowIssue(line=3, message="empty row")) == "row 3: empty row"
    assert issue.to_dict() == {
        "row": 7,
        "account": "Oak GmbH",
        "column": "ARR end",
        "message": "'1.2.3' is not an amount",
    }


def test_excluded_rows_are_row_issues_in_row_order() -> None:
    imported = import_text("Account,ARR start,ARR end\nOak,abc,1\n,1,2\nPine,1,2\nOak,1,1\n")
    assert all(isinstance(issue, RowIssue) for issue in imported.excluded)
    assert [issue.row for issue in imported.excluded] == [2, 3]
    assert json.loads(json.dumps([i.to_dict() for i in imported.excluded]))[0] == {
        "row": 2,
        "account": "Oak",
        "column": "ARR start",
        "message": "'abc' is not an amount",
    }
