"""Saved results kept compactly: every reader gets back exactly the result that was saved, a
workspace saved with full results is converted in place, and a save stays small."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from profile_strategies import profiles
from sqlalchemy import Text, create_engine, func, insert, select
from workspace_support import PACK_FILES, make_case

from advisor.engine import evaluate
from advisor.pack import RulePack
from advisor.profile import CompanyProfile, load_profile
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.compact import MARK, encoded, pack_against, unpack_against
from advisor.workspace.migrate import alembic_config
from advisor.workspace.schema import cases, clients, history, pack_files, packs, result_bases
from advisor.workspace.transfer import dump, export_workspace, import_workspace, read_export

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
TARGET_BYTES = 8 * 1024
STAMP = "2026-11-02T09:00:00+00:00"


def as_read(result: dict[str, Any]) -> dict[str, Any]:
    """The result as a JSON column gives it back: what every reader saw before compaction."""
    loaded: dict[str, Any] = json.loads(json.dumps(result))
    return loaded


def examples(pack: RulePack) -> list[tuple[str, CompanyProfile]]:
    return [(path.stem, load_profile(path)) for path in EXAMPLES]


def stored_bytes(url: str) -> dict[str, int]:
    """What the saved JSON of cases and history takes in the database, by column."""
    engine = create_engine(url)
    with engine.connect() as connection:
        length = func.length if engine.dialect.name == "sqlite" else func.octet_length
        sizes = {
            name: int(connection.execute(select(func.sum(length(column)))).scalar() or 0)
            for name, column in (
                ("case results", cases.c.result.cast(Text)),
                ("case documents", cases.c.document.cast(Text)),
                ("history results", history.c.result.cast(Text)),
                ("history profiles", history.c.profile.cast(Text)),
            )
        }
    engine.dispose()
    return sizes


def test_every_example_saved_and_reopened_gives_the_identical_result(
    workspace: Workspace, pack: RulePack
) -> None:
    client = workspace.add_client("Examples")
    for name, profile in examples(pack):
        document, assessment = make_case(profile, pack)
        saved = workspace.save_case(client.id, name, document, assessment, PACK_FILES)
        again = workspace.save_case(client.id, name, document, assessment, [], case_id=saved.id)
        expected = as_read(assessment.to_dict())
        assert workspace.open_case(saved.id).result == expected
        assert again.revision == 2
        copy = workspace.duplicate_case(saved.id, f"{name} copy")
        assert workspace.open_case(copy.id).result == expected
    for point in workspace.history(client.id):
        case = workspace.open_case(point.case_id) if point.case_id else None
        assert case is not None
        assert workspace.history_result(point.id) == case.result


def test_a_saved_result_is_kept_compactly_and_its_case_refers_to_its_history_point(
    store_url: str, workspace: Workspace, pack: RulePack
) -> None:
    client = workspace.add_client("Compact")
    for name, profile in examples(pack)[:3]:
        document, assessment = make_case(profile, pack)
        workspace.save_case(client.id, name, document, assessment, PACK_FILES)
    engine = create_engine(store_url)
    with engine.connect() as connection:
        case_results = connection.execute(select(cases.c.result)).scalars().all()
        point_results = connection.execute(select(history.c.result)).scalars().all()
        bases = connection.execute(select(func.count()).select_from(result_bases)).scalar()
    engine.dispose()
    assert all(set(r) == {MARK, "point"} for r in case_results)
    assert all(set(r) == {MARK, "base", "z"} for r in point_results)
    assert bases == 1  # one per pack


def test_the_stored_size_per_save_is_at_most_8_kb(
    store_url: str, workspace: Workspace, pack: RulePack
) -> None:
    client = workspace.add_client("Sizes")
    saves = 0
    for name, profile in examples(pack):
        document, assessment = make_case(profile, pack, notes="notes " * 50)
        case = workspace.save_case(client.id, name, document, assessment, PACK_FILES)
        saves += 1
        for _ in range(2):
            workspace.save_case(client.id, name, document, assessment, [], case_id=case.id)
            saves += 1
    sizes = stored_bytes(store_url)
    per_save = sum(sizes.values()) / saves
    assert per_save <= TARGET_BYTES, sizes
    full = len(encoded(as_read(assessment.to_dict())))
    assert full > 5 * TARGET_BYTES  # what each result took twice before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=profiles(), second=profiles())
def test_a_random_profile_packed_against_another_comes_back_identical(
    pack: RulePack, first: CompanyProfile, second: CompanyProfile
) -> None:
    base = encoded(as_read(evaluate(first, pack).to_dict()))
    result = as_read(evaluate(second, pack).to_dict())
    stored = pack_against(result, base, "b")
    assert unpack_against(stored, base) == result


def test_random_profiles_saved_in_a_workspace_reopen_identical(
    workspace: Workspace, pack: RulePack
) -> None:
    client = workspace.add_client("Random")
    drawn: list[CompanyProfile] = []

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(profile=profiles())
    def draw(profile: CompanyProfile) -> None:
        drawn.append(profile)

    draw()
    for index, profile in enumerate(drawn):
        document, assessment = make_case(profile, pack)
        saved = workspace.save_case(client.id, f"r{index}", document, assessment, PACK_FILES)
        assert workspace.open_case(saved.id).result == as_read(assessment.to_dict())


def test_a_result_whose_types_differ_from_the_base_keeps_its_types() -> None:
    base = encoded({"a": 1, "b": [1, 2], "c": {"x": "y"}, "d": None})
    result = {"a": 1.0, "b": [1, 2, 3], "c": {"y": "x"}, "d": False}
    back = unpack_against(pack_against(result, base, "b"), base)
    assert back == result
    assert type(back["a"]) is float and back["d"] is False


# A workspace written before compaction ---------------------------------------------------


def write_old_layout(url: str, pack: RulePack) -> dict[int, dict[str, Any]]:
    """A workspace at revision 0009 with cases and history holding full results, the way the
    saves before compaction wrote them; each case's expected result by id (history by -id)."""
    engine = create_engine(url)
    expected: dict[int, dict[str, Any]] = {}
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0009_headline")
    with engine.begin() as connection:
        client_id = connection.execute(
            insert(clients)
            .values(
                name="Old",
                name_key="old",
                owner="local",
                archived=False,
                created_at=STAMP,
                updated_at=STAMP,
            )
            .returning(clients.c.id)
        ).scalar_one()
        connection.execute(
            insert(packs).values(
                digest=pack.digest, name=pack.name, version=pack.version, stored_at=STAMP
            )
        )
        connection.execute(
            insert(pack_files),
            [
                {"digest": pack.digest, "position": i, "name": n.rsplit("/", 1)[-1], "content": c}
                for i, (n, c) in enumerate(sorted(PACK_FILES))
            ],
        )
        for name, profile in examples(pack):
            document, assessment = make_case(profile, pack)
            result = as_read(assessment.to_dict())
            row = {
                "client_id": client_id,
                "scenario": name,
                "scenario_key": name,
                "revision": 1,
                "verdict": assessment.verdict.value,
                "score": float(assessment.score),
                "saved_at": STAMP,
                "pack_name": pack.name,
                "pack_version": pack.version,
                "pack_digest": pack.digest,
            }
            case_id = connection.execute(
                insert(cases)
                .values(**row, notes="", document=document.to_json(), result=result)
                .returning(cases.c.id)
            ).scalar_one()
            row.pop("scenario_key")
            row.pop("revision")
            point_id = connection.execute(
                insert(history)
                .values(**row, case_id=case_id, profile=document.profile, result=result)
                .returning(history.c.id)
            ).scalar_one()
            expected[case_id] = expected[-point_id] = result
    engine.dispose()
    return expected


def test_a_workspace_saved_with_full_results_is_migrated_and_reopens_identical(
    store_url: str, pack: RulePack
) -> None:
    expected = write_old_layout(store_url, pack)
    before = stored_bytes(store_url)
    with Workspace.open(store_url) as workspace:  # runs migration 0010
        for key, result in expected.items():
            if key > 0:
                assert workspace.open_case(key).result == result
            else:
                assert workspace.history_result(-key) == result
    after = stored_bytes(store_url)
    assert after["case results"] < before["case results"] / 100
    assert after["history results"] < before["history results"] / 5


def test_the_compact_results_migration_is_reversed_to_full_results(
    store_url: str, pack: RulePack
) -> None:
    expected = write_old_layout(store_url, pack)
    Workspace.open(store_url).close()
    engine = create_engine(store_url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0009_headline")
    with engine.connect() as connection:
        for key, result in expected.items():
            table = cases if key > 0 else history
            stored = connection.execute(
                select(table.c.result).where(table.c.id == abs(key))
            ).scalar_one()
            assert stored == result
    engine.dispose()


def test_an_old_row_not_yet_converted_still_reads(store_url: str, pack: RulePack) -> None:
    with Workspace.open(store_url) as workspace:
        client = workspace.add_client("Mixed")
        name, profile = examples(pack)[0]
        document, assessment = make_case(profile, pack)
        saved = workspace.save_case(client.id, name, document, assessment, PACK_FILES)
        full = as_read(assessment.to_dict())
        engine = create_engine(store_url)
        with engine.begin() as connection:
            connection.execute(cases.update().values(result=full))
            connection.execute(history.update().values(result=full))
        engine.dispose()
        assert workspace.open_case(saved.id).result == full
        assert workspace.history_result(workspace.history(client.id)[0].id) == full


def test_export_writes_full_results_and_import_compacts_them(
    store_url: str, pack: RulePack, tmp_path: Path
) -> None:
    with Workspace.open(store_url) as workspace:
        client = workspace.add_client("Moved")
        for name, profile in examples(pack)[:3]:
            document, assessment = make_case(profile, pack)
            saved = workspace.save_case(client.id, name, document, assessment, PACK_FILES)
            workspace.save_case(client.id, name, document, assessment, [], case_id=saved.id)
        data = export_workspace(workspace.database)
    assert "result_bases" not in data["tables"]
    for table in ("cases", "history"):
        for row in data["tables"][table]:
            assert MARK not in row["result"] and row["result"]["verdict"]
    target = f"sqlite:///{tmp_path / 'imported.db'}"
    with Workspace.open(target) as imported:
        import_workspace(imported.database, imported.actor, read_export(dump(data), "e"), "e")
        again = export_workspace(imported.database)
    for table in ("cases", "history"):
        assert again["tables"][table] == data["tables"][table]
    sizes = stored_bytes(target)
    assert sizes["case results"] < 40 * len(data["tables"]["cases"])  # references only


def test_an_import_with_a_compact_result_is_refused_naming_the_row(
    workspace: Workspace, pack: RulePack
) -> None:
    client = workspace.add_client("Refused")
    name, profile = examples(pack)[0]
    document, assessment = make_case(profile, pack)
    workspace.save_case(client.id, name, document, assessment, PACK_FILES)
    data = export_workspace(workspace.database)
    data["tables"]["cases"][0]["result"] = {MARK: 1, "point": 1}
    with pytest.raises(WorkspaceError, match=r"tables\.cases\[0\]\.result"):
        read_export(dump(data), "e.json")


def test_a_compact_result_cut_short_is_refused_with_what_to_do(
    store_url: str, workspace: Workspace, pack: RulePack
) -> None:
    client = workspace.add_client("Damaged")
    name, profile = examples(pack)[0]
    document, assessment = make_case(profile, pack)
    saved = workspace.save_case(client.id, name, document, assessment, PACK_FILES)
    engine = create_engine(store_url)
    with engine.begin() as connection:
        stored = connection.execute(select(history.c.result)).scalar_one()
        connection.execute(history.update().values(result={**stored, "z": stored["z"][:-8]}))
    engine.dispose()
    with pytest.raises(WorkspaceError, match="damaged and cannot be read back; restore"):
        workspace.open_case(saved.id)
