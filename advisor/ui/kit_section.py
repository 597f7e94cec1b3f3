"""The Role page's "Hiring kit" section: each document of the kit, in every format, built on
click from the role as it stands on the page and dated the session's day (as the brief is)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import streamlit as st

from advisor.branding import Branding
from advisor.engine import Assessment
from advisor.export import FORMAT_NAMES, MEDIA_TYPES
from advisor.kit import DOCUMENTS, KitEntry, KitInputs
from advisor.pack import RulePack
from advisor.profile import CompanyProfile
from advisor.role import RoleDesign


def kit_builder(kit: KitInputs, entry: KitEntry, fmt: str) -> Callable[[], bytes]:
    """A function that builds one document of the kit in one format when called."""

    def build() -> bytes:
        from advisor.export.kit import render_kit

        return render_kit(entry.build(kit), fmt)

    return build


def kit_file_name(company: str, entry: KitEntry, fmt: str) -> str:
    """A safe download name such as `northwind-analytics-memo.pdf`."""
    ascii_name = unicodedata.normalize("NFKD", company).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60] or "company"
    return f"{slug}-{entry.file_name(fmt)}"


def render(
    profile: CompanyProfile,
    assessment: Assessment,
    pack: RulePack,
    design: RoleDesign,
    prepared_on: dt.date,
    record: Callable[[Callable[[], Any], str], Callable[[], Any]],
    cover: Callable[[], tuple[Branding, str | None]] = lambda: (Branding(), None),
) -> None:
    """The downloads of every registered kit document; `record` notes a saved case's export,
    `cover` reads the consultancy's name and the saved client's recorded name."""
    st.subheader("Hiring kit")
    st.caption(
        "The documents that take the verdict to a search, each for its reader. Each file is "
        "built when you click, from the role as it stands on this page."
    )
    branding, client = cover()
    kit = KitInputs(
        profile, assessment, design, pack, prepared_on, client or profile.company, branding.name
    )
    for entry in DOCUMENTS.values():
        st.markdown(f"**{entry.label}**")
        columns = st.columns(len(entry.formats))
        for column, fmt in zip(columns, entry.formats, strict=True):
            with column:
                # Named by the file, so no button reads as the brief's "Markdown" or "PDF".
                st.download_button(
                    entry.file_name(fmt),
                    help=f"{entry.label} as {FORMAT_NAMES[fmt]}",
                    data=record(kit_builder(kit, entry, fmt), f"kit/{entry.file_name(fmt)}"),
                    file_name=kit_file_name(profile.company, entry, fmt),
                    mime=MEDIA_TYPES[fmt],
                    key=f"role.kit.{entry.key}.{fmt}",
                    icon=":material/download:",
                    on_click="ignore",
                    width="stretch",
                )
