"""The job description as a schema.org `JobPosting` (JSON-LD data), for job boards.

The properties Google's job posting structured data asks for (Google Search Central, "Job
posting structured data"): required `title`, `description` (HTML with <p>, <ul> and <li>),
`datePosted`, `hiringOrganization` and `jobLocation` — or, for a fully remote role,
`jobLocationType` TELECOMMUTE with `applicantLocationRequirements` — and recommended
`validThrough`, `employmentType` and `baseSalary`. `datePosted` is the kit's date and
`validThrough` `VALID_DAYS` later; `inLanguage` is the language the posting is written in. `baseSalary` is the base of the pay band of the profile's
country, a year; without a band it is left out and a note says so, never a figure made up. The
description holds what the job description says and nothing more, so it discloses no more.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from advisor.brief.model import Block, Bullets, Paragraph, Subheading, Table
from advisor.i18n import _, current
from advisor.kit.document import KitDocument, KitInputs, written_in
from advisor.kit.job import band_of, build_job

VALID_DAYS = 60  # how long a posting stays open by default: job boards drop it after
CONTEXT = "https://schema.org/"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _html_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        lead = f"<strong>{_esc(block.lead)}</strong> " if block.lead else ""
        return f"<p>{lead}{_esc(block.text)}</p>"
    if isinstance(block, Subheading):
        return f"<p><strong>{_esc(block.text)}</strong></p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li>{_esc(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Table):
        rows = (f"{row[0]}: {' — '.join(cell for cell in row[1:] if cell)}" for row in block.rows)
        return "<ul>" + "".join(f"<li>{_esc(row)}</li>" for row in rows) + "</ul>"
    return ""


def description_html(document: KitDocument) -> str:
    """The posting's text as the HTML job boards read: each section's title, then its blocks."""
    parts = []
    for section in document.sections:
        parts.append(f"<p><strong>{_esc(section.title)}</strong></p>")
        parts.extend(_html_block(block) for block in section.blocks)
    return "".join(part for part in parts if part)


def _location(kit: KitInputs, notes: list[str]) -> dict[str, Any]:
    profile = kit.profile
    country = profile.country
    if profile.remote_policy is not None and profile.remote_policy.value == "remote":
        if country is None:
            notes.append(
                _(
                    "a fully remote posting names the country candidates may work from, and the "
                    "profile gives none: set country to add applicantLocationRequirements"
                )
            )
            return {"jobLocationType": "TELECOMMUTE"}
        return {
            "jobLocationType": "TELECOMMUTE",
            "applicantLocationRequirements": {"@type": "Country", "name": country},
        }
    address: dict[str, Any] = {"@type": "PostalAddress"}
    if profile.location:
        address["addressLocality"] = profile.location
    if country:
        address["addressCountry"] = country
    if len(address) == 1:
        notes.append(
            _(
                "no jobLocation, which job boards require: set the profile's location and "
                "country (or remote_policy: remote)"
            )
        )
        return {}
    if country is None:
        notes.append(_("no addressCountry: set the profile's country to add it to the address"))
    return {"jobLocation": {"@type": "Place", "address": address}}


def _salary(kit: KitInputs, notes: list[str]) -> dict[str, Any]:
    band = band_of(kit)
    if band is None:
        notes.append(
            _(
                "no baseSalary: the rule pack has no pay band for this profile (set country, and "
                "city_band where pay differs by city, to a country the pack's pay section lists)"
            )
        )
        return {}
    return {
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": band.currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": round(band.base_low),
                "maxValue": round(band.base_high),
                "unitText": "YEAR",
            },
        }
    }


def job_posting(
    kit: KitInputs, language: str | None = None
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The JobPosting as JSON-LD data in `language` (the current language when None), and what
    its reader should be told about it."""
    with written_in(language):
        return _posting(kit)


def _posting(kit: KitInputs) -> tuple[dict[str, Any], tuple[str, ...]]:
    document = build_job(kit)
    notes: list[str] = []
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "JobPosting",
        "title": kit.role.title,
        "description": description_html(document),
        "datePosted": kit.prepared_on.isoformat(),
        "validThrough": (kit.prepared_on + dt.timedelta(days=VALID_DAYS)).isoformat(),
        "employmentType": "FULL_TIME",
        "inLanguage": current(),
        "hiringOrganization": {"@type": "Organization", "name": kit.company},
        **_location(kit, notes),
        **_salary(kit, notes),
    }
    return data, tuple(notes)
