"""A saved result (`Assessment.to_dict()`) kept compactly, and read back exactly as saved.

Results judged on one rule pack repeat most of each other: every rule's title, rationale,
advice and source, and much of the plan. The first result saved on a pack becomes its base,
stored once in `result_bases` under the SHA-256 of its JSON; a history point then keeps only
what differs from the base (a patch), deflated with the base's JSON as the shared dictionary.
A case keeps a reference to the history point its latest save added, which holds the same
result. Stored forms, told apart by the `$compact` key no result has:

- a full result (saved before results were kept compactly): any object without `$compact`;
- `{"$compact": 1, "base": SHA256, "z": BASE64}`: the base with the deflated patch applied;
- `{"$compact": 1, "point": ID}`: the result of history point ID.

A patch is `{"v": value}` (this value instead of the base's), `{"d": {key: patch}}` (an object
with the base's keys in the base's order, the named ones patched) or `{"l": {index: patch}}`
(a list as long as the base's, the named items patched). Values are compared with their type,
so `1` never stands for `1.0`; every packed result is unpacked and compared before it is kept,
and one that would not come back equal is kept in full.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import zlib
from collections import OrderedDict
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from advisor.i18n import _
from advisor.workspace.database import now
from advisor.workspace.model import WorkspaceError
from advisor.workspace.schema import history, result_bases

MARK = "$compact"
WINDOW = 32_768  # deflate reaches back this far: the dictionary is the base's last bytes
LEVEL = 6
_CACHED = 32  # bases kept parsed in memory; each is immutable once stored
_bases: OrderedDict[str, bytes] = OrderedDict()
_parsed: dict[str, Any] = {}  # the newest base packed against, parsed: only ever read
_lock = threading.Lock()  # the app's sessions run in threads of one process
_SAME: dict[str, Any] = {}  # "no difference" (identity-compared, never stored)


def encoded(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def is_compact(stored: Any) -> bool:
    return isinstance(stored, dict) and MARK in stored


def point_reference(point_id: int) -> dict[str, Any]:
    return {MARK: 1, "point": point_id}


def diff(value: Any, base: Any) -> Any:
    """The patch turning `base` into `value`, or `_SAME`."""
    if type(value) is not type(base):
        return {"v": value}
    if isinstance(value, dict):
        if list(value) != list(base):
            return {"v": value}
        changed = {k: p for k in value if (p := diff(value[k], base[k])) is not _SAME}
        return {"d": changed} if changed else _SAME
    if isinstance(value, list):
        if len(value) != len(base):
            return {"v": value}
        items = {str(i): p for i, x in enumerate(value) if (p := diff(x, base[i])) is not _SAME}
        return {"l": items} if items else _SAME
    return _SAME if value == base else {"v": value}


def patched(base: Any, patch: dict[str, Any]) -> Any:
    """`base` with `patch` applied; `base` is a fresh copy, used up by the call."""
    if "v" in patch:
        return patch["v"]
    if "d" in patch:
        changes = patch["d"]
        return {k: patched(v, changes[k]) if k in changes else v for k, v in base.items()}
    items = patch["l"]
    return [patched(x, items[str(i)]) if str(i) in items else x for i, x in enumerate(base)]


def pack_against(
    result: dict[str, Any], base_text: bytes, base_id: str, base: Any = None
) -> dict[str, Any]:
    """The compact form of `result`; `base` is `base_text` parsed, when the caller has it."""
    patch = diff(result, json.loads(base_text) if base is None else base)
    squeezer = zlib.compressobj(LEVEL, zdict=base_text[-WINDOW:])
    body = squeezer.compress(encoded({} if patch is _SAME else patch)) + squeezer.flush()
    return {MARK: 1, "base": base_id, "z": base64.b64encode(body).decode("ascii")}


def unpack_against(stored: dict[str, Any], base_text: bytes) -> dict[str, Any]:
    opener = zlib.decompressobj(zdict=base_text[-WINDOW:])
    body = opener.decompress(base64.b64decode(stored["z"], validate=True)) + opener.flush()
    if not opener.eof or opener.unused_data:  # cut short or run on: its checksum is unread
        raise ValueError("a compact result whose deflated differences are not whole")
    patch = json.loads(body)
    base = json.loads(base_text)
    result = patched(base, patch) if patch else base
    if not isinstance(result, dict):
        raise ValueError("a compact result that is not an object")
    return result


def _remember(base_id: str, text: bytes) -> bytes:
    with _lock:
        _bases[base_id] = text
        _bases.move_to_end(base_id)
        while len(_bases) > _CACHED:
            _bases.popitem(last=False)
    return text


def _cached(base_id: str) -> bytes | None:
    with _lock:
        text = _bases.get(base_id)
        if text is not None:
            _bases.move_to_end(base_id)
        return text


def base_text(connection: Connection, base_id: str) -> bytes:
    cached = _cached(base_id)
    if cached is not None:
        return cached
    body = connection.execute(
        select(result_bases.c.body).where(result_bases.c.digest == base_id)
    ).scalar()
    if body is None:
        raise WorkspaceError.single(
            # Translators: {base} is a stored base's digest.
            _(
                "the workspace lacks the stored base {base} of a saved result; restore the "
                "workspace from a backup or an export",
                base=base_id,
            ),
            path="result",
        )
    return _remember(base_id, encoded(_mapping(body)))


def _mapping(value: Any) -> dict[str, Any]:
    if isinstance(value, str | bytes):  # a driver that hands JSON back as text
        value = json.loads(value)
    if not isinstance(value, dict):
        raise WorkspaceError.single(_("a saved result that is not an object"), path="result")
    return value


def base_for(connection: Connection, pack_digest: str, result: dict[str, Any]) -> str:
    """The id of the base results on this pack are packed against; `result` becomes it when
    the pack has none yet."""
    found = connection.execute(
        select(result_bases.c.digest)
        .where(result_bases.c.pack_digest == pack_digest)
        .order_by(result_bases.c.digest)
        .limit(1)
    ).scalar()
    if found is not None:
        return str(found)
    text = encoded(result)
    base_id = hashlib.sha256(text).hexdigest()
    connection.execute(
        insert_new(connection, result_bases).values(
            digest=base_id, pack_digest=pack_digest, body=result, stored_at=now()
        )
    )
    _remember(base_id, text)
    return base_id


def insert_new(connection: Connection, table: Any) -> Any:
    """An INSERT that does nothing when the row's key is there already (both dialects)."""
    # Each dialect's module is loaded by its own engine; importing the other one here would
    # cost every SQLite start the Postgres dialect's import.
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing()


def pack(connection: Connection, pack_digest: str, result: dict[str, Any]) -> dict[str, Any]:
    """The stored form of a result judged on the pack: compact, unless it would not come back
    equal (then the full result). Tuples are lists, as the JSON column reads them back."""
    result = json.loads(encoded(result))
    base_id = base_for(connection, pack_digest, result)
    text = base_text(connection, base_id)
    base = _parsed.get(base_id)
    if base is None:
        base = json.loads(text)
        with _lock:
            _parsed.clear()
            _parsed[base_id] = base
    stored = pack_against(result, text, base_id, base)
    if unpack_against(stored, text) != result or len(stored["z"]) >= len(encoded(result)):
        return result
    return stored


def unpack(connection: Connection, stored: Any) -> dict[str, Any]:
    """The full result a row holds, in any of the stored forms."""
    stored = _mapping(stored)
    if MARK not in stored:
        return dict(stored)
    if "point" in stored:
        held = connection.execute(
            select(history.c.result).where(history.c.id == stored["point"])
        ).scalar()
        if held is None or (is_compact(held) and "point" in _mapping(held)):
            raise WorkspaceError.single(
                _(
                    "the saved history point {point} of this case is missing; restore the "
                    "workspace from a backup or an export",
                    point=stored["point"],
                ),
                path="result",
            )
        return unpack(connection, held)
    text = base_text(connection, str(stored.get("base")))
    try:
        return unpack_against(stored, text)
    except (zlib.error, ValueError, KeyError, TypeError, IndexError, AttributeError):
        raise WorkspaceError.single(
            _(
                "a saved result is damaged and cannot be read back; restore the workspace from "
                "a backup or an export"
            ),
            path="result",
        ) from None
