"""A whole workspace as one JSON file, and back: every table, row by row, ids and times kept.

The file (format `am-advisor-workspace`, version 1) is an object:
`{"format", "version", "schema_revision", "exported_at", "sequences", "tables"}`. `tables` holds
each table of `schema.py` by name, its rows as objects of every column, in primary-key order;
binary columns (a rule pack's files, the consultancy's logo) are base64 text, JSON columns their
JSON. `sequences` is the last id each table with its own ids has handed out, so a restored
database never hands out the id of a row deleted before the export. Respondents' links are kept as their SHA-256 hashes
only (all the database ever holds): an export opens no link.

Reading it back checks every row before anything is written, and names each bad one
(`FILE: tables.cases[3].client_id: …`). An import writes into an empty workspace only, in one
transaction, and records itself in the audit trail.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Boolean, Float, Integer, LargeBinary, String, Table, func, insert, select
from sqlalchemy import text as sql
from sqlalchemy.engine import Connection
from sqlalchemy.types import JSON

from advisor.i18n import _, n_, p_
from advisor.problems import Problem
from advisor.workspace.audit import IMPORT, record
from advisor.workspace.compact import MARK, pack, point_reference, unpack
from advisor.workspace.database import Database, now, shown_url
from advisor.workspace.headline import case_facts
from advisor.workspace.identity import Actor
from advisor.workspace.model import WorkspaceError
from advisor.workspace.schema import SCHEMA_REVISION, metadata

FORMAT = "am-advisor-workspace"
VERSION = 1
# Parents before their children. A saved result is written out in full, so the bases results
# are kept as differences from (`workspace.compact`) stay out of the file; an import compacts.
TABLES: tuple[Table, ...] = tuple(t for t in metadata.sorted_tables if t.name != "result_bases")
RESULTS = ("cases", "history")  # the tables whose `result` column is kept compactly
# The tables whose `id` the database hands out, and so has a sequence.
SEQUENCED = tuple(t.name for t in TABLES if "id" in t.c and t.c.id.primary_key)
MOST_PROBLEMS = 20  # a file wrong everywhere is named by its first problems
# Columns added since the format's version 1 began: a file exported before them lacks them.
# Each is read as NULL, and a case's listing columns are read again from its document and result.
LATER_COLUMNS = {
    ("clients", "headline_case_id"),
    ("cases", "hire_by"),
    ("cases", "sector"),
    ("cases", "country"),
    ("workshops", "language"),
}


def export_workspace(database: Database) -> dict[str, Any]:
    """Every table of the workspace, read in one snapshot."""
    with _snapshot(database) as connection:
        tables = {
            table.name: [
                _encoded(connection, table, dict(row))
                for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).mappings()
            ]
            for table in TABLES
        }
        sequences = _sequences(connection)
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema_revision": SCHEMA_REVISION,
        "exported_at": now(),
        "sequences": sequences,
        "tables": tables,
    }


def dump(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@contextmanager
def _snapshot(database: Database) -> Iterator[Connection]:
    """A read transaction that sees one state of every table (Postgres: REPEATABLE READ)."""
    with database.translated(), database.engine.connect() as connection:
        if database.dialect == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection


def _encoded(connection: Connection, table: Table, row: dict[str, Any]) -> dict[str, Any]:
    if table.name in RESULTS:
        row["result"] = unpack(connection, row["result"])
    for column in table.columns:
        if isinstance(column.type, LargeBinary) and row[column.name] is not None:
            row[column.name] = base64.b64encode(bytes(row[column.name])).decode("ascii")
    return row


def _sequences(connection: Connection) -> dict[str, int]:
    if connection.dialect.name == "sqlite":
        rows = connection.execute(sql("SELECT name, seq FROM sqlite_sequence")).all()
        found = {str(name): int(seq) for name, seq in rows}
    else:
        found = {}
        for name in SEQUENCED:
            value = connection.execute(
                sql("SELECT pg_sequence_last_value(pg_get_serial_sequence(:t, 'id'))"), {"t": name}
            ).scalar()
            found[name] = int(value or 0)
    return {name: found.get(name, 0) for name in SEQUENCED}


# Reading a file back ------------------------------------------------------------------------


def read_export(content: bytes, source: str) -> dict[str, Any]:
    """The file's tables as rows ready to insert; a WorkspaceError naming each bad record."""
    try:
        data = json.loads(content.decode("utf-8"))
    except UnicodeDecodeError as error:
        # Translators: {reason} is Python's description of the bad bytes, as it is.
        raise WorkspaceError.single(
            _("not UTF-8 text ({reason})", reason=error.reason), file=source
        ) from None
    except json.JSONDecodeError as error:
        raise WorkspaceError.single(
            # Translators: {reason} is the JSON reader's description, as it is.
            _("not JSON: {reason}", reason=error.msg),
            file=source,
            line=error.lineno,
        ) from None
    _check_header(data, source)
    problems: list[Problem] = []
    tables = _read_tables(data["tables"], source, problems)
    sequences = _read_sequences(data.get("sequences"), source, problems)
    if not problems:
        _check_keys(tables, source, problems)
    if problems:
        raise WorkspaceError(problems[:MOST_PROBLEMS])
    return {"tables": tables, "sequences": sequences}


def _check_header(data: Any, source: str) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise WorkspaceError.single(
            _(
                'not a workspace export: expected an object with "format": "{format}"',
                format=FORMAT,
            ),
            file=source,
            path="format",
        )
    version = data.get("version")
    if version != VERSION:
        raise WorkspaceError.single(
            _(
                "version {version} is not one this version of AM Advisor reads (it reads "
                "version {reads})",
                version=repr(version),
                reads=VERSION,
            ),
            file=source,
            path="version",
        )
    if not isinstance(data.get("tables"), dict):
        raise WorkspaceError.single(_("expected an object of tables"), file=source, path="tables")


def _read_tables(
    given: dict[str, Any], source: str, problems: list[Problem]
) -> dict[str, list[dict[str, Any]]]:
    names = {table.name for table in TABLES}
    for name in given:
        if name not in names:
            problems.append(
                Problem(_("not a table of the workspace"), file=source, path=f"tables.{name}")
            )
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        rows = given.get(table.name)
        where = f"tables.{table.name}"
        if not isinstance(rows, list):
            problems.append(Problem(_("expected a list of rows"), file=source, path=where))
            continue
        tables[table.name] = [
            _read_row(table, row, source, f"{where}[{index}]", problems)
            for index, row in enumerate(rows)
        ]
    return tables


def _read_row(
    table: Table, row: Any, source: str, where: str, problems: list[Problem]
) -> dict[str, Any]:
    if not isinstance(row, dict):
        problems.append(Problem(_("expected an object of columns"), file=source, path=where))
        return {}
    for name in row:
        if name not in table.c:
            problems.append(
                Problem(_("not a column of the table"), file=source, path=f"{where}.{name}")
            )
    values: dict[str, Any] = {}
    for column in table.columns:
        path = f"{where}.{column.name}"
        if column.name not in row:
            if (table.name, column.name) in LATER_COLUMNS:
                values[column.name] = None
                continue
            problems.append(Problem(p_("value", "missing"), file=source, path=path))
            continue
        value = row[column.name]
        if value is None:
            if not column.nullable:
                problems.append(Problem(_("may not be null"), file=source, path=path))
            values[column.name] = None
            continue
        values[column.name], wrong = _read_value(column.type, value)
        if wrong:
            problems.append(Problem(wrong, file=source, path=path))
    if (
        table.name in RESULTS
        and isinstance(values.get("result"), dict)
        and MARK in values["result"]
    ):
        problems.append(
            Problem(
                # Translators: {mark} is a key of the file, as it is.
                _(
                    "a saved result must be written out in full (without {mark}); export the "
                    "workspace again with this version",
                    mark=MARK,
                ),
                file=source,
                path=f"{where}.result",
            )
        )
    if table.name == "workshops" and values.get("language") is not None:
        from advisor.workspace.workshops import check_language  # loads the workshop's reader

        try:
            check_language(values["language"])
        except WorkspaceError as error:
            problems.extend(
                Problem(problem.message, file=source, path=f"{where}.language")
                for problem in error.problems
            )
    if table.name == "cases" and "hire_by" not in row:
        document, result = values.get("document"), values.get("result")
        if isinstance(document, dict) and isinstance(result, dict):
            values.update(case_facts(document, result))
    return values


def _read_value(kind: Any, value: Any) -> tuple[Any, str]:
    """The value to insert and, when it does not fit the column, what was expected."""
    got = _shown(value)
    if isinstance(kind, JSON):
        return value, ""
    if isinstance(kind, Boolean):
        # Translators: {value} is the value found, as the file writes it.
        wrong = _("expected true or false, got {value}", value=got)
        return value, "" if isinstance(value, bool) else wrong
    if isinstance(kind, Integer):
        whole = isinstance(value, int) and not isinstance(value, bool)
        return value, "" if whole else _("expected a whole number, got {value}", value=got)
    if isinstance(kind, Float):
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return value, "" if number else _("expected a number, got {value}", value=got)
    if isinstance(kind, LargeBinary):
        if not isinstance(value, str):
            return value, _("expected base64 text, got {value}", value=got)
        try:
            return base64.b64decode(value, validate=True), ""
        except binascii.Error:
            return value, _("expected base64 text, got {value}", value=got)
    if isinstance(kind, String):  # Text too
        if not isinstance(value, str):
            return value, _("expected text, got {value}", value=got)
        if kind.length is not None and len(value) > kind.length:
            return value, n_(
                "expected text of at most {count} character, got {value}",
                "expected text of at most {count} characters, got {value}",
                kind.length,
                value=got,
            )
        return value, ""
    return value, ""


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _read_sequences(given: Any, source: str, problems: list[Problem]) -> dict[str, int]:
    if not isinstance(given, dict):
        problems.append(Problem(_("expected an object of last ids"), file=source, path="sequences"))
        return {}
    sequences = {}
    for name in SEQUENCED:
        value = given.get(name, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(
                Problem(
                    _("expected a whole number, got {value}", value=_shown(value)),
                    file=source,
                    path=f"sequences.{name}",
                )
            )
            continue
        sequences[name] = value
    return sequences


def _check_keys(
    tables: dict[str, list[dict[str, Any]]], source: str, problems: list[Problem]
) -> None:
    """Each row's primary key once per table, and every reference to a row in the file."""
    referenced = {(f.column.table.name, f.column.name) for t in TABLES for f in t.foreign_keys}
    keys: dict[tuple[str, str], set[Any]] = {}
    for table in TABLES:
        columns = [column.name for column in table.primary_key.columns]
        seen: set[tuple[Any, ...]] = set()
        for index, row in enumerate(tables[table.name]):
            key = tuple(row[name] for name in columns)
            if key in seen:
                shown = ", ".join(f"{n} {row[n]}" for n in columns)
                problems.append(
                    Problem(
                        # Translators: {key} is the row's key columns and values ("id 3").
                        _("a second row with {key}", key=shown),
                        file=source,
                        path=f"tables.{table.name}[{index}]",
                    )
                )
            seen.add(key)
        for column in table.columns:
            if (table.name, column.name) in referenced:
                keys[(table.name, column.name)] = {row[column.name] for row in tables[table.name]}
        for foreign in table.foreign_keys:
            target = keys[(foreign.column.table.name, foreign.column.name)]
            name = foreign.parent.name
            for index, row in enumerate(tables[table.name]):
                if row[name] is not None and row[name] not in target:
                    problems.append(
                        Problem(
                            # Translators: {value} is a value; {table} and {column} a table's
                            # and a column's names, as the file writes them.
                            _(
                                "{value} is no {table} row's {column} in the file",
                                value=repr(row[name]),
                                table=foreign.column.table.name,
                                column=foreign.column.name,
                            ),
                            file=source,
                            path=f"tables.{table.name}[{index}].{name}",
                        )
                    )


# Writing it into a workspace -----------------------------------------------------------------


def import_workspace(
    database: Database, actor: Actor, data: dict[str, Any], source: str
) -> dict[str, int]:
    """Write a read export into the empty workspace, in one transaction; rows per table."""
    tables: dict[str, list[dict[str, Any]]] = data["tables"]

    def work(connection: Connection) -> dict[str, int]:
        _refuse_unless_empty(connection, database)
        newest = _newest_points(tables["history"])
        for table in TABLES:
            rows = tables[table.name]
            if table.name in RESULTS:
                rows = [{**row, "result": _stored(connection, row, newest)} for row in rows]
            if rows:
                connection.execute(insert(table), rows)
        _set_sequences(connection, data["sequences"])
        counts = {table.name: len(tables[table.name]) for table in TABLES}
        detail = {"file": source, "clients": counts["clients"], "rows": sum(counts.values())}
        record(connection, actor, IMPORT, detail=detail)
        return counts

    return database.write(work)


def _newest_points(points: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Each case's newest history point in the file, by case id."""
    newest: dict[int, dict[str, Any]] = {}
    for row in points:
        case_id = row["case_id"]
        if case_id is not None and (case_id not in newest or row["id"] > newest[case_id]["id"]):
            newest[case_id] = row
    return newest


def _stored(connection: Connection, row: dict[str, Any], newest: dict[int, dict[str, Any]]) -> Any:
    """A row's result as the workspace keeps it: a case whose newest history point holds the
    same result refers to it, any other result object is kept compactly."""
    result = row["result"]
    if not isinstance(result, dict):
        return result  # kept as the file has it, like every other JSON column
    point = newest.get(row["id"]) if "case_id" not in row else None
    if (
        point is not None
        and point["result"] == result
        and point["pack_digest"] == row["pack_digest"]
    ):
        return point_reference(point["id"])
    return pack(connection, row["pack_digest"], result)


def _refuse_unless_empty(connection: Connection, database: Database) -> None:
    clients_first = sorted(TABLES, key=lambda table: table.name != "clients")
    for table in clients_first:
        count = connection.execute(select(func.count()).select_from(table)).scalar_one()
        if count:
            raise WorkspaceError.single(
                # Translators: {where} is the database's address; {table} a table's name.
                _(
                    "{where}: an import needs an empty workspace, and this one holds {count} "
                    "row(s) of {table}; nothing was imported",
                    where=shown_url(database.url),
                    count=count,
                    table=table.name,
                )
            )


def _set_sequences(connection: Connection, sequences: dict[str, int]) -> None:
    for name in SEQUENCED:
        table = metadata.tables[name]
        highest = connection.execute(select(func.max(table.c.id))).scalar() or 0
        last = max(int(highest), sequences.get(name, 0))
        if not last:
            continue
        if connection.dialect.name == "sqlite":
            connection.execute(sql("DELETE FROM sqlite_sequence WHERE name = :t"), {"t": name})
            connection.execute(
                sql("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :n)"),
                {"t": name, "n": last},
            )
        else:
            connection.execute(
                sql("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"), {"t": name, "n": last}
            )
