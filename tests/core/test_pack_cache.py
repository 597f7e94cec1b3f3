"""The rule pack's parse cache: reused when the files are the same, rebuilt when not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from advisor.pack import RulePackError, load_pack
from advisor.pack import cache as pack_cache
from advisor.pack import load as pack_load

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(pack_cache.CACHE_ENV, str(folder))
    return folder


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any) -> Any:
        raise AssertionError("the YAML was parsed again")

    monkeypatch.setattr(pack_load, "parse_yaml", refuse)


def _same(one: Any, other: Any) -> None:
    assert one.digest == other.digest
    assert one.rules == other.rules and one.thresholds == other.thresholds
    assert one.role == other.role and one.headlines == other.headlines


def test_a_second_load_reads_the_cache_and_builds_the_same_pack(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_pack()
    entries = sorted(cache_folder.glob("pack-*.json"))
    assert len(entries) == len(list((ROOT / "rules").glob("*.yaml")))
    _no_yaml(monkeypatch)
    _same(load_pack(), first)


def test_a_corrupt_cache_entry_is_rebuilt_not_trusted(cache_folder: Path) -> None:
    fresh = load_pack()
    for number, entry in enumerate(sorted(cache_folder.glob("*.json"))):
        entry.write_bytes([b"", b"{not json", b"\x00\xff", b"[]", b'{"format": 1}'][number % 5])
    _same(load_pack(), fresh)
    for entry in cache_folder.glob("*.json"):
        assert json.loads(entry.read_text(encoding="utf-8"))["format"] == pack_cache.FORMAT


def test_an_edited_cache_entry_is_rebuilt_not_trusted(cache_folder: Path) -> None:
    fresh = load_pack()
    for entry in cache_folder.glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["payload"] = data["payload"].replace("55", "99")  # hire_now_at, among others
        entry.write_text(json.dumps(data), encoding="utf-8")
    again = load_pack()
    _same(again, fresh)
    assert again.scoring.hire_now_at == 55


def test_a_changed_pack_file_is_parsed_again(cache_folder: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    assert load_pack(rules).scoring.hire_now_at == 55
    meta = rules / "00-pack.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("hire_now_at: 55", "hire_now_at: 60"))
    changed = load_pack(rules)
    assert changed.scoring.hire_now_at == 60
    assert changed.digest != load_pack().digest


def test_a_cached_file_reports_its_problems_on_the_same_lines(
    cache_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    meta = rules / "00-pack.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("hire_now_at: 55", "hire_now_at: x"))
    rows = meta.read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(rows, 1) if "hire_now_at: x" in row)
    with pytest.raises(RulePackError) as first:
        load_pack(rules)
    _no_yaml(monkeypatch)
    with pytest.raises(RulePackError) as second:
        load_pack(rules)
    assert str(second.value) == str(first.value) and f":{line}:" in str(first.value)


def test_the_cache_folder_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(pack_cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert pack_cache.cache_dir() == tmp_path / "xdg" / "am-advisor"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert pack_cache.cache_dir() == tmp_path / "home" / ".cache" / "am-advisor"
    monkeypatch.setenv(pack_cache.CACHE_ENV, "off")
    assert pack_cache.cache_dir() is None
    load_pack()
    assert not (tmp_path / "home").exists()


def test_an_unwritable_cache_folder_only_costs_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(pack_cache.CACHE_ENV, str(blocker / "cache"))
    assert load_pack().rules


def test_dates_and_line_numbers_survive_the_round_trip() -> None:
    from advisor.yamlio import parse_yaml

    parsed = parse_yaml("a:\n  b: 2026-11-22\n  c: [1, 2.5, true, null, x]\n", "t.yaml")
    back = pack_cache.decode(json.loads(json.dumps(pack_cache.encode(parsed))))
    assert back == parsed
    assert back["a"].line_of("c") == parsed["a"].line_of("c") == 3
    with pytest.raises(pack_cache.Uncacheable):
        pack_cache.encode({b"binary"})


def _everything(pack: Any) -> Any:
    """Every field of a pack, those left out of its equality included."""
    return {name: getattr(pack, name) for name in pack.__dataclass_fields__}


@pytest.mark.parametrize("code", ["en", "es"])
def test_a_pack_read_again_in_a_language_is_the_pack_read_afresh(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    """Each file's texts, resolved in a language, are kept once per language: a second load in
    that language neither parses nor resolves, and builds the pack the YAML builds."""
    first = load_pack(language=code)
    assert len(list(cache_folder.glob("resolved-*.json"))) == len(
        list((ROOT / "rules").glob("*.yaml"))
    )
    _no_yaml(monkeypatch)

    def refuse(*_args: Any) -> Any:
        raise AssertionError("the texts were resolved again")

    monkeypatch.setattr(pack_load, "resolve_texts", refuse)
    again = load_pack(language=code)
    assert _everything(again) == _everything(first)
    monkeypatch.undo()
    monkeypatch.setenv(pack_cache.CACHE_ENV, pack_cache.OFF)
    assert _everything(load_pack(language=code)) == _everything(again)


def test_the_two_languages_keep_their_own_entries(cache_folder: Path) -> None:
    english, spanish = load_pack(language="en"), load_pack(language="es")
    assert english.verdict_labels != spanish.verdict_labels
    assert load_pack(language="en").verdict_labels == english.verdict_labels
    assert load_pack(language="es").verdict_labels == spanish.verdict_labels


def test_an_entry_resolved_by_other_code_is_not_read(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A resolved entry is named by the source of the code that resolved it: another version's
    entry is never read, and the texts are resolved again."""
    load_pack()
    monkeypatch.setattr(pack_cache, "_resolving_code", lambda: b"another version")
    calls: list[str] = []
    resolve = pack_load.resolve_texts

    def counted(*args: Any) -> Any:
        calls.append(args[1])
        return resolve(*args)

    monkeypatch.setattr(pack_load, "resolve_texts", counted)
    load_pack()
    assert len(calls) == len(list((ROOT / "rules").glob("*.yaml")))


def test_a_file_whose_texts_have_a_problem_is_not_kept_resolved(
    cache_folder: Path, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    meta = rules / "00-pack.yaml"
    text = meta.read_text(encoding="utf-8")
    assert "    en: AM Advisor default rules\n" in text
    meta.write_text(
        text.replace("    en: AM Advisor default rules\n", "    xx: AM Advisor default rules\n"),
        encoding="utf-8",
    )
    with pytest.raises(RulePackError):
        load_pack(rules)
    with pytest.raises(RulePackError) as again:
        load_pack(rules)
    assert "xx" in str(again.value)
    kept = len(list(cache_folder.glob("resolved-*.json")))
    assert kept == len(list(rules.glob("*.yaml"))) - 1


def test_a_resolved_entry_of_the_wrong_shape_is_rebuilt_not_trusted(cache_folder: Path) -> None:
    """An entry whose digest matches its payload but whose payload is not a resolved file (a
    source text that is not a map of languages, a count that is not a number) is read again
    from the YAML, never a traceback."""
    fresh = load_pack()
    shapes = [
        {"tree": {"list": []}, "values": 1, "sources": [["f", 1, "p", "not a map"]]},
        {"tree": {"list": []}, "values": "many", "sources": []},
        {"values": 1, "sources": []},
        [],
    ]
    for number, entry in enumerate(sorted(cache_folder.glob("resolved-*.json"))):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["payload"] = json.dumps(shapes[number % len(shapes)])
        data["check"] = pack_cache.digest(data["payload"].encode("utf-8"))
        entry.write_text(json.dumps(data), encoding="utf-8")
    _same(load_pack(), fresh)


def test_the_packs_digest_is_the_sha256_of_its_files() -> None:
    # The digest saved with every case and shown in the JSON: SHA-256 whichever module gives it.
    import hashlib

    documents = [("rules/b.yaml", b"pack: {}\n"), ("other/a.yaml", "é: 1\n".encode())]
    expected = hashlib.sha256(b"a.yaml\0" + "é: 1\n".encode() + b"\0b.yaml\0pack: {}\n\0")
    assert pack_load.documents_digest(documents) == expected.hexdigest()[:12]
