"""Parsed rule pack files kept on disk as JSON, so a command does not parse the YAML again.

Parsing the shipped pack's YAML (with every key's line number) is most of the cost of loading
it; building and checking the pack from the parsed data is quick and always runs. An entry is
named by the BLAKE2b digest of the file's bytes and carries the digest of its own payload: an
entry that is missing, truncated, edited or written by another format version is parsed again from
the YAML and rewritten, never used. JSON only: nothing in the cache can run code.

A second kind of entry keeps a file's tree with its texts read in one language
(`cached_resolved`), with what reading them found, so a command loading the pack in a language
it was loaded in before neither parses nor resolves it: named by the file's name, bytes and
language and by the source of the code that resolves texts, so a newer version of that code
never reads an entry an older one wrote. A file whose texts have a problem is never kept.

The folder is `$ADVISOR_CACHE_DIR` when set (`off` turns the cache off), else
`$XDG_CACHE_HOME/am-advisor`, else `~/.cache/am-advisor`. A folder that cannot be written only
costs the time saved.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from advisor.yamlio import LineDict

# The interpreter's own BLAKE2b (hashlib's too) names and checks the entries: importing hashlib
# loads OpenSSL, about 3 ms of every command's start, and the built-in SHA-256 takes about three
# times as long over the pack's files. An interpreter without the module uses hashlib's.
try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython has the module; another interpreter may not
    from hashlib import blake2b

FORMAT = 2  # 2: entries named and checked by BLAKE2b
CACHE_ENV = "ADVISOR_CACHE_DIR"
OFF = "off"


def _note(message: str, *args: object) -> None:
    """Log why an entry was not used or kept; logging is loaded only for such a note."""
    import logging

    logging.getLogger(__name__).info(message, *args)


class Uncacheable(ValueError):
    """A parsed value JSON cannot hold as it is (such as YAML binary); the file is not cached."""


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return None if chosen.strip().lower() == OFF else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "am-advisor"


def encode(value: Any) -> Any:
    """A parsed YAML value as JSON data; mappings keep each key's line."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, LineDict):
        return {
            "map": [[key, value.line_of(key), encode(item)] for key, item in value.items()],
            "line": value.line,
        }
    if isinstance(value, list):
        return {"list": [encode(item) for item in value]}
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    raise Uncacheable(type(value).__name__)


_SCALARS = frozenset({str, int, float, bool, type(None)})


def decode(data: Any) -> Any:
    """The parsed value back from `encode`'s JSON; ValueError for anything else."""
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise ValueError("not an encoded value")
    if "map" in data:
        mapping = LineDict()
        mapping.line = int(data["line"])
        mapping.key_lines = lines = {}
        for key, line, item in data["map"]:
            name = str(key)
            # a scalar is itself (most of a pack's values): no call to decode it
            mapping[name] = item if type(item) in _SCALARS else decode(item)
            lines[name] = int(line)
        return mapping
    if "list" in data:
        return [item if type(item) in _SCALARS else decode(item) for item in data["list"]]
    if "datetime" in data:
        return dt.datetime.fromisoformat(data["datetime"])
    if "date" in data:
        return dt.date.fromisoformat(data["date"])
    raise ValueError("not an encoded value")


def digest(data: bytes) -> str:
    """The cache's digest of bytes, an entry's name and check: 64 hex digits."""
    return blake2b(data, digest_size=32).hexdigest()


def _key(content: bytes) -> str:
    return digest(b"am-advisor pack cache %d\0" % FORMAT + content)


def _read(path: Path, key: str) -> Any:
    """The cached entry's JSON data, or raise (OSError, ValueError) when the entry is not
    exactly ours."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
        raise ValueError("an entry of another file or format")
    payload = entry["payload"]
    if digest(payload.encode("utf-8")) != entry["check"]:
        raise ValueError("the entry does not match its digest")
    return json.loads(payload)


def _write(
    folder: Path, path: Path, key: str, value: Any, to_json: Callable[[Any], Any] = encode
) -> None:
    payload = json.dumps(to_json(value), ensure_ascii=False, separators=(",", ":"))
    check = digest(payload.encode("utf-8"))
    entry = json.dumps({"format": FORMAT, "key": key, "check": check, "payload": payload})
    import tempfile  # only a process that writes an entry pays for loading it

    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".pack-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(entry)
        os.replace(temporary, path)  # readers see the old entry or the new one, never half
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def _cached(
    prefix: str,
    key: str,
    compute: Callable[[], tuple[Any, bool]],
    to_json: Callable[[Any], Any],
    from_json: Callable[[Any], Any],
) -> Any:
    """`compute()`'s value, reused from the cache's entry `key` when it holds one; `compute`
    says, with its value, whether the value may be kept."""
    folder = cache_dir()
    if folder is None:
        return compute()[0]
    path = folder / f"{prefix}-{key[:40]}.json"
    try:
        return from_json(_read(path, key))
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        _note("rule pack cache entry %s rebuilt: %s", path, error)
    value, keep = compute()
    if keep:
        try:
            _write(folder, path, key, value, to_json)
        except (OSError, Uncacheable) as error:
            _note("rule pack cache not written (%s): %s", path, error)
    return value


def cached_parse(content: bytes, parse: Callable[[], Any]) -> Any:
    """`parse()` of a pack file's bytes, reused from the cache when it holds this exact file.

    Errors from `parse` pass through and nothing is cached for a file that does not parse.
    """
    return _cached("pack", _key(content), lambda: (parse(), True), encode, decode)


# The modules whose code decides a resolved tree: an entry is valid for their exact source.
_RESOLVING_MODULES = ("advisor.pack.languages", "advisor.pack.cache", "advisor.yamlio")


@cache
def _resolving_code() -> bytes | None:
    """The digest of the code that resolves a file's texts; None when its source cannot be read
    (then nothing resolved is cached)."""
    import importlib

    code = blake2b(digest_size=32)
    for name in _RESOLVING_MODULES:
        source = getattr(importlib.import_module(name), "__file__", None)
        if not source:
            return None
        try:
            code.update(Path(source).read_bytes())
        except OSError:
            return None
    return code.digest()


class ResolvedFile(NamedTuple):
    """A file's tree with its texts in one language, the number of values the file held before
    they were resolved, and the source texts written in languages (as `resolve_texts` finds
    them: file, line, path, and each language's text)."""

    tree: Any
    values: int
    sources: list[tuple[str, int, str, dict[str, str]]]


def _resolved_to_json(found: ResolvedFile) -> Any:
    return {"tree": encode(found.tree), "values": found.values, "sources": found.sources}


def _resolved_from_json(data: Any) -> ResolvedFile:
    sources = [
        (str(file), int(line), str(path), {str(k): str(v) for k, v in texts.items()})
        for file, line, path, texts in data["sources"]
    ]
    return ResolvedFile(decode(data["tree"]), int(data["values"]), sources)


def cached_resolved(
    name: str, content: bytes, language: str, resolve: Callable[[], tuple[ResolvedFile, bool]]
) -> ResolvedFile:
    """`resolve()` of a pack file in a language, reused from the cache when it holds this exact
    file, shown name and language, resolved by this version of the code; `resolve` says, with
    its value, whether it may be kept (not when its texts had a problem)."""
    code = _resolving_code()
    if code is None:
        return resolve()[0]
    key = digest(
        b"am-advisor resolved pack file %d\0" % FORMAT
        + code
        + name.encode("utf-8", "surrogatepass")
        + b"\0"
        + language.encode()
        + b"\0"
        + content
    )
    found: ResolvedFile = _cached("resolved", key, resolve, _resolved_to_json, _resolved_from_json)
    return found
