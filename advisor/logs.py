"""Structured logs: one JSON object per line for the `advisor` loggers.

Each line holds `time` (UTC, ISO 8601 to the millisecond), `level`, `logger` and either
`message` or, for a message that is itself a JSON object (the audit trail's events), that
object's fields. The app writes them to standard output from its first run in a process; the
command line only when `ADVISOR_LOG=json` asks, and then to standard error, so what a command
prints on standard output (`assess --format json`, a brief) stays its data alone.

Nothing here reads a client's figures: what is logged is what the callers log (the audit
trail's who, what, when and a small detail; the PDF's missing characters; the pack cache's
notes). Standard library only: the CLI and the app both import it at start.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Mapping
from typing import Any, TextIO

LOGGER = "advisor"
ENVIRONMENT = "ADVISOR_LOG"
FORMATS = ("json", "off")
RESERVED = ("time", "level", "logger")


class JsonLines(logging.Formatter):
    """A record as one JSON object on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        message = record.getMessage()
        fields = _json_object(message)
        if fields is None:
            line["message"] = message
        else:
            line.update({key: value for key, value in fields.items() if key not in RESERVED})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def _json_object(message: str) -> dict[str, Any] | None:
    if not message.startswith("{"):
        return None
    try:
        found = json.loads(message)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


class JsonHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """JSON lines on `sys.stdout` or `sys.stderr` as it is at each record (not as it was when
    the handler was made), so a stream replaced later (a test's capture) is still the one used."""

    def __init__(self, name: str) -> None:
        super().__init__(_stream(name))
        self.stream_name = name

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = _stream(self.stream_name)
        super().emit(record)


def _stream(name: str) -> TextIO:
    found: TextIO = sys.stdout if name == "stdout" else sys.stderr
    return found


def configure(stream: str = "stdout", level: int = logging.INFO) -> logging.Handler:
    """JSON lines for every `advisor` logger on `stream` ("stdout" or "stderr"); once only.

    A second call (the app's next rerun, another command in the same process) finds the
    handler already there and adds nothing. Records still propagate to the root logger, which
    has no handler unless the host gave it one.
    """
    logger = logging.getLogger(LOGGER)
    for handler in logger.handlers:
        if isinstance(handler, JsonHandler):
            return handler
    handler = JsonHandler(stream)
    handler.setFormatter(JsonLines())
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    return handler


def wanted(environment: Mapping[str, str]) -> str:
    """The command line's log format from `ADVISOR_LOG`: "json" or "off" (unset or empty).

    Any other value is a ValueError naming the choices (the caller names the variable).
    """
    chosen = environment.get(ENVIRONMENT, "").strip().lower() or "off"
    if chosen not in FORMATS:
        raise ValueError(
            f"'{environment[ENVIRONMENT].strip()}' is not a log format; set it to json (JSON "
            "lines on standard error) or off, or leave it unset"
        )
    return chosen


def unconfigure() -> None:
    """Remove the handler `configure` added (a test's clean-up; a process keeps its own)."""
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if isinstance(handler, JsonHandler):
            logger.removeHandler(handler)
