"""The sample companies shipped in `examples/`: one per verdict, and one per business model."""

from __future__ import annotations

from pathlib import Path

from advisor.resources import shipped

EXAMPLES_DIR = shipped("examples")

# name shown in the app -> file in examples/
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


def sample_path(name: str) -> Path:
    return EXAMPLES_DIR / SAMPLES[name]
