"""The Role page's "Hiring kit" section: each document of the kit, in every format, built on
click from the role as it stands on the page and dated the session's day (as the brief is); above
the job description's downloads, one tick box per confidential field the profile gives, what
the consultant allows the job description to state."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import streamlit as st

from advisor.branding import Branding
from advisor.engine import Assessment
from advisor.export import FORMAT_NAMES, MEDIA_TYPES
from advisor.i18n import _
from advisor.kit import DOCUMENTS, KitEntry, KitExtra, KitInputs
from advisor.kit.disclosure import disclosable_fields
from advisor.pack import RulePack
from advisor.profile import CompanyProfile
from advisor.role import RoleDesign
from advisor.ui.language import speaking


def kit_builder(
    kit: KitInputs, entry: KitEntry, fmt: str, language: str | None = None
) -> Callable[[], bytes]:
    """A function that builds one document of the kit in one format (in `language`) when
    called."""

    def build() -> bytes:
        from advisor.export.kit import render_kit

        return render_kit(entry.build(kit), fmt)

    return speaking(language, build) if language else build


def extra_builder(
    kit: KitInputs, extra: KitExtra, language: str | None = None
) -> Callable[[], bytes]:
    """A function that builds a document's extra file (job.jsonld) when called."""

    def build() -> bytes:
        from advisor.export.kit import render_extra_noted

        return render_extra_noted(extra, kit)[0]

    return speaking(language, build) if language else build


def kit_file_name(company: str, entry: KitEntry, fmt: str) -> str:
    """A safe download name such as `northwind-analytics-memo.pdf`."""
    return _slugged(company, entry.file_name(fmt))


def _slugged(company: str, name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", company).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60] or "company"
    return f"{slug}-{name}"


DISCLOSE_KEY = "role.kit.disclose."  # + the field's name


def disclose_boxes(profile: CompanyProfile) -> frozenset[str]:
    """One tick box per confidential field the profile gives, all unticked until the consultant
    ticks one; the fields ticked."""
    fields = disclosable_fields(profile)
    if not fields:
        return frozenset()
    st.caption(
        _(
            "The job description states none of the company's amounts, rates, scores or notes. "
            "Tick a field to let it say that figure; the book in accounts and the pay band are "
            "always stated."
        )
    )
    columns = st.columns(3)
    ticked = set()
    for index, (name, label) in enumerate(fields):
        with columns[index % 3]:
            if st.checkbox(
                label, key=f"{DISCLOSE_KEY}{name}", help=_("Profile field `{name}`", name=name)
            ):
                ticked.add(name)
    return frozenset(ticked)


def render(
    profile: CompanyProfile,
    assessment: Assessment,
    pack: RulePack,
    design: RoleDesign,
    prepared_on: dt.date,
    record: Callable[[Callable[[], Any], str], Callable[[], Any]],
    cover: Callable[[], tuple[Branding, str | None]] = lambda: (Branding(), None),
    language: str | None = None,
) -> None:
    """The downloads of every registered kit document; `record` notes a saved case's export,
    `cover` reads the consultancy's name and the saved client's recorded name."""
    st.subheader(_("Hiring kit"))
    st.caption(
        _(
            "The documents that take the verdict to a search, each for its reader. Each file "
            "is built when you click, from the role as it stands on this page."
        )
    )
    branding, client = cover()
    kit = KitInputs(
        profile, assessment, design, pack, prepared_on, client or profile.company, branding.name
    )
    for entry in DOCUMENTS.values():
        st.markdown(f"**{_(entry.label)}**")
        entry_kit = kit
        if entry.key == "job":  # what the consultant allows the posting to state
            entry_kit = dataclasses.replace(kit, disclose=disclose_boxes(profile))
        columns = st.columns(len(entry.formats) + len(entry.extra))
        for column, fmt in zip(columns, entry.formats, strict=False):
            with column:
                # Named by the file, so no button reads as the brief's "Markdown" or "PDF".
                st.download_button(
                    entry.file_name(fmt),
                    help=_(
                        "{document} as {format}", document=_(entry.label), format=FORMAT_NAMES[fmt]
                    ),
                    data=record(
                        kit_builder(entry_kit, entry, fmt, language),
                        f"kit/{entry.file_name(fmt)}",
                    ),
                    file_name=kit_file_name(profile.company, entry, fmt),
                    mime=MEDIA_TYPES[fmt],
                    key=f"role.kit.{entry.key}.{fmt}",
                    icon=":material/download:",
                    on_click="ignore",
                    width="stretch",
                )
        for column, extra in zip(columns[len(entry.formats) :], entry.extra, strict=True):
            with column:
                st.download_button(
                    extra.file_name,
                    help=_("{document}: {file}", document=_(entry.label), file=_(extra.label)),
                    data=record(
                        extra_builder(entry_kit, extra, language), f"kit/{extra.file_name}"
                    ),
                    file_name=_slugged(profile.company, extra.file_name),
                    mime="application/ld+json",
                    key=f"role.kit.{entry.key}.{extra.file_name}",
                    icon=":material/download:",
                    on_click="ignore",
                    width="stretch",
                )
        for extra in entry.extra:
            for note in extra.build(entry_kit)[1]:
                # Translators: {file} is a file's name (job.jsonld), {note} what it holds.
                st.caption(_("{file}: {note}", file=extra.file_name, note=note))
