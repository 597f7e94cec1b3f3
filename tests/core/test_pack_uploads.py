"""Uploaded packs: YAML files and zips, overlays on the default pack, the download."""

from __future__ import annotations

import io
import zipfile

import pytest

from advisor.pack import DEFAULT_RULES_DIR, RulePack, RulePackError
from advisor.pack.uploads import (
    default_documents,
    documents_from_uploads,
    overlay_on_default,
    pack_from_uploads,
    pack_zip,
    pack_zip_name,
    refusal_title,
)
from advisor.yamlio import MAX_DOCUMENT_BYTES, MAX_VALUES, count_values, parse_yaml

THRESHOLDS = (DEFAULT_RULES_DIR / "10-thresholds.yaml").read_text(encoding="utf-8")
LATER_ZONE = THRESHOLDS.replace(
    "mid_market: {low: 15, high: 25}", "mid_market: {low: 25, high: 35}"
)


def test_a_broken_zip_is_refused_by_name() -> None:
    with pytest.raises(RulePackError) as caught:
        documents_from_uploads([("pack.zip", b"not a zip at all")])
    assert str(caught.value).startswith("pack.zip: not a readable zip archive")


def test_an_oversized_file_in_a_zip_is_refused_without_reading_it_all() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("big.yaml", b"#" * (MAX_DOCUMENT_BYTES + 10))
        bundle.writestr("notes.txt", b"ignored")
    with pytest.raises(RulePackError) as caught:
        documents_from_uploads([("pack.zip", buffer.getvalue())])
    assert "pack.zip/big.yaml: larger than 1000 kB" in str(caught.value)


def test_files_named_like_the_default_replace_them_others_form_a_whole_pack() -> None:
    default = default_documents()
    changed, replaced = overlay_on_default([("10-thresholds.yaml", b"x")], default)
    assert replaced == ["10-thresholds.yaml"]
    assert [name for name, _ in changed] == [name for name, _ in default]
    assert dict(changed)["10-thresholds.yaml"] == b"x"
    whole, replaced = overlay_on_default([("mine.yaml", b"y")], default)
    assert whole == [("mine.yaml", b"y")] and replaced == []


def test_the_default_documents_are_the_shipped_files() -> None:
    names = [name for name, _ in default_documents()]
    assert names == sorted(p.name for p in DEFAULT_RULES_DIR.glob("*.yaml"))


def test_a_zip_keeps_yaml_files_only_and_skips_hidden_ones() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr("pack/10-thresholds.yaml", b"a")
        bundle.writestr("__MACOSX/._10-thresholds.yaml", b"junk")
        bundle.writestr(".hidden.yaml", b"junk")
        bundle.writestr("readme.md", b"junk")
    assert documents_from_uploads([("p.zip", buffer.getvalue())]) == [("10-thresholds.yaml", b"a")]


def test_an_upload_without_yaml_files_is_refused() -> None:
    with pytest.raises(RulePackError) as caught:
        documents_from_uploads([("notes.zip", pack_zip([]))])
    assert str(caught.value) == "upload: no .yaml or .yml files in the upload"


def test_an_upload_over_the_default_names_what_it_replaced(pack: RulePack) -> None:
    uploaded = pack_from_uploads([("10-thresholds.yaml", LATER_ZONE.encode())], default_documents())
    assert uploaded.replaced == ["10-thresholds.yaml"]
    assert uploaded.origin == "the default pack with your 10-thresholds.yaml"
    assert uploaded.pack.thresholds["trigger_zone"].resolve("mid_market") == (25.0, 35.0)
    assert uploaded.pack.digest != pack.digest


def test_a_whole_pack_upload_names_its_files() -> None:
    documents = [(f"my-{name}", data) for name, data in default_documents()]
    uploaded = pack_from_uploads(documents, default_documents())
    assert uploaded.replaced == []
    assert uploaded.origin.startswith("your files my-00-pack.yaml, ")


def test_the_refusal_title_counts_problems() -> None:
    one = RulePackError.single("bad", file="x.yaml")
    two = RulePackError([*one.problems, *one.problems])
    assert refusal_title("x.yaml", one, "Default") == (
        "The pack in x.yaml was not used (1 problem); this session keeps Default."
    )
    assert "(2 problems)" in refusal_title("x.yaml", two, "Default")


def test_the_download_is_named_after_the_pack(pack: RulePack) -> None:
    assert pack_zip_name(pack).endswith(".zip")
    assert pack_zip_name(pack) == pack_zip_name(pack).lower()
    with zipfile.ZipFile(io.BytesIO(pack_zip(default_documents()))) as bundle:
        assert bundle.namelist() == [name for name, _ in default_documents()]


def test_dense_pack_files_share_one_value_allowance_and_reading_stops_at_it() -> None:
    # Four files, each under the byte limit and the value limit, that together pass the latter:
    # the third is refused where the allowance runs out and the fourth is never read.
    third = MAX_VALUES // 3
    files = [(f"6{n}-dense.yaml", ("notes: [" + "0," * third + "0]\n").encode()) for n in range(4)]
    with pytest.raises(RulePackError) as caught:
        pack_from_uploads(files, default_documents())
    messages = [str(problem) for problem in caught.value.problems]
    assert any(
        message.startswith(f"62-dense.yaml:1: YAML: more than {MAX_VALUES:,} values")
        for message in messages
    ), messages
    assert not any("63-dense.yaml" in message for message in messages)


def test_the_shipped_pack_is_well_inside_the_value_allowance(pack: RulePack) -> None:
    """A consultant's pack may be several times the shipped one (which grew past 5,000 values
    with the hiring kit's wording and interview kit) before the allowance refuses it."""
    held = sum(
        count_values(parse_yaml(data.decode("utf-8"), name)) for name, data in default_documents()
    )
    assert held * 5 < MAX_VALUES
