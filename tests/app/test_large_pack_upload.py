"""A large legal rule pack uploaded on the Rules page is read once per session, not per rerun."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apptest_support import assert_no_exception, go_to, open_app, page_text
from streamlit.testing.v1 import AppTest

from advisor.pack import MAX_RULES, uploads
from advisor.pack.uploads import default_documents
from advisor.ui.rules_page import UPLOAD

EXTRA_FILE = "50-generated.yaml"
# With the shipped rules (in two languages, about 0.26 MB), about 390 rules in about 0.96 MB:
# legal, and slow to read.
EXTRA_RULES = 355


def generated_rules(count: int) -> str:
    """`count` valid rules that never fire, each with a long rationale, as one pack file."""
    reason = "      A generated rule that never fires, written at length so the pack is large.\n"
    return "rules:\n" + "".join(
        f"  - id: GENERATED-{number:03d}\n"
        f"    title: Generated check {number}\n"
        "    category: trigger\n"
        f"    when: {{field: active_accounts, op: gte, value: {100_000 + number}}}\n"
        "    effect: {score: 1}\n"
        "    rationale: >-\n" + reason * 22 + "    source: seed 000\n"
        for number in range(count)
    )


@pytest.fixture
def large_pack(tmp_path: Path) -> list[tuple[str, bytes]]:
    extra = tmp_path / EXTRA_FILE
    extra.write_text(generated_rules(EXTRA_RULES), encoding="utf-8")
    return [*default_documents(), (EXTRA_FILE, extra.read_bytes())]


@pytest.fixture
def pack_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every time an uploaded pack is read (one entry per read)."""
    reads: list[int] = []
    real = uploads.pack_from_documents

    def counting(*args: Any, **kwargs: Any) -> Any:
        reads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(uploads, "pack_from_documents", counting)
    return reads


def upload(at: AppTest, files: list[tuple[str, bytes]]) -> None:
    at.file_uploader(key=UPLOAD).set_value(
        [(name, data, "application/yaml") for name, data in files]
    )
    at.run()
    assert_no_exception(at)


def rule_ids(at: AppTest) -> list[str]:
    tables = [frame.value for frame in at.main.dataframe if "Rationale" in frame.value.columns]
    assert tables, "no rules table"
    return list(tables[0]["ID"])


def test_a_large_legal_pack_is_read_once_however_often_the_page_reruns(
    large_pack: list[tuple[str, bytes]], pack_reads: list[int]
) -> None:
    assert 850_000 < sum(len(data) for _, data in large_pack) < 1_000_000
    at = open_app("Rules")
    upload(at, large_pack)
    assert "Now assessing with" in page_text(at)
    assert f"GENERATED-{EXTRA_RULES - 1:03d}" in rule_ids(at)
    assert len(pack_reads) == 1

    for _ in range(3):
        at.run()
        assert_no_exception(at)
    go_to(at, "Recommendation")
    go_to(at, "Rules")
    assert len(pack_reads) == 1


def test_the_same_large_pack_uploaded_again_is_not_read_again(
    large_pack: list[tuple[str, bytes]], pack_reads: list[int]
) -> None:
    at = open_app("Rules")
    upload(at, large_pack)
    upload(at, [])
    upload(at, large_pack)
    assert "Now assessing with" in page_text(at)
    assert len(pack_reads) == 1


def test_a_pack_upload_with_more_rules_than_the_limit_is_refused(
    pack_reads: list[int],
) -> None:
    too_many = generated_rules(MAX_RULES)  # with the shipped rules, past the limit
    at = open_app("Rules")
    upload(at, [*default_documents(), (EXTRA_FILE, too_many.encode())])
    assert "was not used" in page_text(at)
    assert f"{EXTRA_FILE}:1: rules: more than {MAX_RULES} rules" in at.main.code[0].value
