"""Structured logs: one JSON object a line, on stdout for the app, on stderr for the command line
only when ADVISOR_LOG=json asks; never a client's figures."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest

from advisor import logs
from advisor.cli import main


def lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_a_record_is_one_json_object_with_time_level_and_logger() -> None:
    record = logging.LogRecord(
        "advisor.x", logging.WARNING, "f.py", 1, "a %s note", ("short",), None
    )
    (line,) = lines(logs.JsonLines().format(record))
    assert line["level"] == "warning" and line["logger"] == "advisor.x"
    assert line["message"] == "a short note"
    assert str(line["time"]).endswith("+00:00") and "T" in str(line["time"])


def test_an_event_logged_as_json_keeps_its_fields_but_not_over_the_line_s_own() -> None:
    message = json.dumps({"event": "audit", "action": "share", "level": "forged", "time": "x"})
    record = logging.LogRecord("advisor.audit", logging.INFO, "f.py", 1, message, (), None)
    (line,) = lines(logs.JsonLines().format(record))
    assert (line["event"], line["action"]) == ("audit", "share")
    assert line["level"] == "info" and line["time"] != "x"
    assert "message" not in line


def test_an_exception_is_part_of_its_line() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "advisor.x", logging.ERROR, "f.py", 1, "failed", (), sys.exc_info()
        )
    text = logs.JsonLines().format(record)
    assert "\n" not in text
    assert "ValueError: boom" in str(json.loads(text)["exception"])


def test_configuring_twice_adds_one_handler_that_writes_to_stdout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = logs.configure("stdout")
    assert logs.configure("stdout") is first
    handlers = [h for h in logging.getLogger("advisor").handlers if isinstance(h, logs.JsonHandler)]
    assert handlers == [first]
    logging.getLogger("advisor.audit").info(json.dumps({"event": "audit", "action": "x"}))
    out = capsys.readouterr().out
    assert [line["action"] for line in lines(out)] == ["x"]


@pytest.mark.parametrize(("value", "chosen"), [("", "off"), (" JSON ", "json"), ("off", "off")])
def test_the_command_line_s_choice_of_logs(value: str, chosen: str) -> None:
    assert logs.wanted({"ADVISOR_LOG": value}) == chosen
    assert logs.wanted({}) == "off"


def test_the_command_line_logs_json_on_stderr_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = f"sqlite:///{tmp_path / 'ws.db'}"
    monkeypatch.delenv("ADVISOR_LOG", raising=False)
    assert main(["clients", "add", "Acme", "--db", db]) == 0
    assert main(["clients", "delete", "Acme", "--yes", "--db", db]) == 0
    quiet = capsys.readouterr()
    assert quiet.err == ""
    monkeypatch.setenv("ADVISOR_LOG", "json")
    assert main(["clients", "add", "Beta", "--db", db]) == 0
    assert main(["clients", "delete", "Beta", "--yes", "--db", db]) == 0
    logged = capsys.readouterr()
    assert logged.out.startswith("added client 'Beta'")  # stdout: the command's own words
    assert not any(line.startswith("{") for line in logged.out.splitlines())
    (event,) = lines(logged.err)
    assert (event["logger"], event["action"], event["client_name"]) == (
        "advisor.audit",
        "delete_client",
        "Beta",
    )


def test_an_unknown_log_format_is_refused_with_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADVISOR_LOG", "xml")
    assert main(["rules", "check", "rules"]) == 2
    assert "ADVISOR_LOG: 'xml' is not a log format" in capsys.readouterr().err


def test_a_comparison_s_json_on_stdout_stays_json_with_its_export_logged_on_stderr(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'ws.db'}"
    profile = str(Path(__file__).resolve().parents[2] / "examples" / "northwind-hire-now.yaml")
    for scenario in ("today", "later"):
        saved = ["assess", profile, "--save", "--client", "Acme", "--scenario", scenario]
        assert main([*saved, "--db", db]) == 0
    capsys.readouterr()
    monkeypatch.setenv("ADVISOR_LOG", "json")
    compare = ["compare", "--client", "Acme", "--scenario", "today", "--scenario", "later"]
    assert main([*compare, "--format", "json", "--db", db]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["scenarios"]  # one JSON document, nothing else
    (event,) = lines(captured.err)
    assert (event["action"], event["detail"]) == ("export", {"document": "comparison.json"})
