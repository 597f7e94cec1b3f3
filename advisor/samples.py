"""The sample companies shipped in `examples/`: one per verdict, and one per business model."""

from __future__ import annotations

from pathlib import Path

from advisor.i18n import N_, _
from advisor.resources import shipped

EXAMPLES_DIR = shipped("examples")

# name shown in the app (in English; `label` words it in the current language) -> file
SAMPLES: dict[str, str] = {
    "Northwind Analytics (hire now)": "northwind-hire-now.yaml",
    "BrightPath Digital (prepare)": "brightpath-prepare.yaml",
    "Acorn Labs (not yet)": "acorn-not-yet.yaml",
    "Ferro Industrial Consulting (fix delivery first)": "ferro-fix-delivery.yaml",
    # One per business model besides the SaaS default.
    "Kern Studio (agency on retainers: prepare)": "kern-studio-retainers.yaml",
    "Halden Partners (consultancy: prepare)": "halden-partners-consultancy.yaml",
    "Volta Supply (reseller: hire now)": "volta-supply-reseller.yaml",
}
DEFAULT_SAMPLE = "Northwind Analytics (hire now)"


# What each sample shows, as the app's picker words it.
_SHOWS = {
    "Northwind Analytics (hire now)": ("Northwind Analytics", N_("hire now")),
    "BrightPath Digital (prepare)": ("BrightPath Digital", N_("prepare")),
    "Acorn Labs (not yet)": ("Acorn Labs", N_("not yet")),
    "Ferro Industrial Consulting (fix delivery first)": (
        "Ferro Industrial Consulting",
        N_("fix delivery first"),
    ),
    "Kern Studio (agency on retainers: prepare)": (
        "Kern Studio",
        N_("agency on retainers: prepare"),
    ),
    "Halden Partners (consultancy: prepare)": ("Halden Partners", N_("consultancy: prepare")),
    "Volta Supply (reseller: hire now)": ("Volta Supply", N_("reseller: hire now")),
}


def label(name: str) -> str:
    """A sample's name as the picker shows it, in the current language."""
    company, shows = _SHOWS.get(name, (name, ""))
    if not shows:
        return company
    return _("{company} ({shows})", company=company, shows=_(shows))


def sample_path(name: str) -> Path:
    return EXAMPLES_DIR / SAMPLES[name]
