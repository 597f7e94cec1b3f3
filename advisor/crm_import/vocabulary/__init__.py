"""The words of CRM exports in other languages, read from the data files beside this module.

One YAML file per language and system (`es_hubspot.yaml`, `es_pipedrive.yaml`, …) gives that
system's status words by meaning and, where its export headers are known, its layouts; one file
per language (`es_general.yaml`) gives the usual header names of the import fields and the
billing periods. A file may also name the amount columns written before tax and the ones that
include it (`amounts:`), and a layout the billing periods only that system writes (`periods:`)
and whether its headers are confirmed enough to be detected (`detect:`). The files are read
once, with PyYAML's safe loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

# A data file's status meanings onto the reader's categories (statuses.py).
MEANINGS = {
    "active": "active",
    "won": "active",
    "churned": "churned",
    "lost": "churned",
    "open": "open",
    "prospect": "prospect",
}


@dataclass(frozen=True)
class LayoutSpec:
    """A layout as a data file declares it (layouts.py builds the Layout)."""

    name: str
    label: str
    level: str
    signature: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]
    statuses: dict[str, str]  # word -> category, as written
    date_format: str | None = None
    ignored: dict[str, str] = field(default_factory=dict)
    periods: dict[str, float] = field(default_factory=dict)  # this system's own period words
    detect: bool = True  # False: its headers are not confirmed, it is read by --preset only


@dataclass(frozen=True)
class Vocabulary:
    """Every data file together: header names, billing periods, status words and layouts."""

    headers: dict[str, tuple[str, ...]]  # field -> header names, in file order
    periods: dict[str, float]  # period word -> charges per year
    statuses: dict[str, str]  # word -> category, every system's words
    layouts: tuple[LayoutSpec, ...]
    before_tax: tuple[str, ...] = ()  # amount headers written before VAT and other taxes
    tax_included: tuple[str, ...] = ()  # amount headers that include them


def _files() -> list[dict[str, Any]]:
    folder = resources.files(__package__)
    loaded = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".yaml"):
            data = _safe_data(entry.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError(f"{entry.name}: expected a mapping at the top")
            loaded.append(data)
    return loaded


# PyYAML's safe loader in C where libyaml is installed (the same documents, read ten times
# faster), else the same safe loader in Python: never a loader that builds objects.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _safe_data(text: str) -> Any:
    """The document's data, as `yaml.safe_load` gives it."""
    loader = _SafeLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _statuses(data: dict[str, Any]) -> dict[str, str]:
    words: dict[str, str] = {}
    for meaning, listed in (data.get("statuses") or {}).items():
        for word in listed:
            words[str(word)] = MEANINGS[meaning]
    return words


@cache
def vocabulary() -> Vocabulary:
    """Every data file read and merged (once)."""
    headers: dict[str, list[str]] = {}
    periods: dict[str, float] = {}
    statuses: dict[str, str] = {}
    layouts: list[LayoutSpec] = []
    before_tax: list[str] = []
    tax_included: list[str] = []
    for data in _files():
        amounts = data.get("amounts") or {}
        before_tax.extend(str(h) for h in amounts.get("before_tax") or ())
        tax_included.extend(str(h) for h in amounts.get("tax_included") or ())
        for name, listed in (data.get("headers") or {}).items():
            headers.setdefault(name, []).extend(str(h) for h in listed)
        periods.update({str(k): float(v) for k, v in (data.get("periods") or {}).items()})
        words = _statuses(data)
        statuses.update(words)
        for item in data.get("layouts") or ():
            layouts.append(
                LayoutSpec(
                    name=item["name"],
                    label=item["label"],
                    level=item["level"],
                    signature=tuple(item["signature"]),
                    columns={k: tuple(v) for k, v in item["columns"].items()},
                    statuses=words,
                    date_format=item.get("date_format"),
                    ignored=dict(item.get("ignored") or {}),
                    periods={str(k): float(v) for k, v in (item.get("periods") or {}).items()},
                    detect=bool(item.get("detect", True)),
                )
            )
    return Vocabulary(
        {name: tuple(listed) for name, listed in headers.items()},
        periods,
        statuses,
        tuple(layouts),
        tuple(before_tax),
        tuple(tax_included),
    )
