"""The vocabulary files read by the C safe loader give the data PyYAML's own safe_load gives."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from advisor.crm_import.vocabulary import _safe_data

FILES = sorted(
    entry.name
    for entry in resources.files("advisor.crm_import.vocabulary").iterdir()
    if entry.name.endswith(".yaml")
)


@pytest.mark.parametrize("name", FILES)
def test_each_vocabulary_file_reads_as_safe_load_reads_it(name: str) -> None:
    text = resources.files("advisor.crm_import.vocabulary").joinpath(name).read_text("utf-8")
    assert _safe_data(text) == yaml.safe_load(text)


def test_the_vocabulary_loader_builds_no_python_object() -> None:
    with pytest.raises(yaml.constructor.ConstructorError):
        _safe_data("value: !!python/object/apply:os.getcwd []\n")
