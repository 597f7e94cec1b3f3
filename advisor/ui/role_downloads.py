"""The Role page's downloads: the brief and its method appendix in each format, and the role
edits as JSON; each file built on the click, from the role as it stands on the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from advisor.branding import Branding
from advisor.brief import build_brief, method_appendix
from advisor.engine import Assessment
from advisor.export import FORMAT_NAMES, FORMATS, MEDIA_TYPES, export_brief, file_name
from advisor.i18n import _
from advisor.pack import RulePack
from advisor.profile import CompanyProfile
from advisor.role import RoleDesign
from advisor.ui import open_case, state
from advisor.ui.language import speaking
from advisor.workshop.record import result_of

CHARTS = "role.export_charts"


def brief_builder(
    profile: CompanyProfile,
    assessment: Assessment,
    pack: RulePack,
    design: RoleDesign,
    fmt: str,
    *,
    charts: bool,
    prepared_on: dt.date,
    workshop: dict[str, Any] | None = None,
    cover: tuple[Branding, str | None] = (Branding(), None),
    appendix: bool = False,
    language: str | None = None,
) -> Callable[[], bytes]:
    """A function that builds one format of the brief when called (on a download click); with
    `workshop` (the record a consensus case keeps), ending with where the team disagreed;
    `cover` the consultancy's branding and the saved client's recorded name (see `Cover`); with
    `appendix`, the brief's method appendix instead."""

    def build() -> bytes:
        result = result_of(profile, workshop, pack) if workshop else None
        brief = build_brief(
            profile, assessment, pack, design, prepared_on=prepared_on, workshop=result
        )
        document = method_appendix(brief) if appendix else brief
        return export_brief(document.with_cover(*cover), fmt, charts=charts)

    return speaking(language, build) if language else build


# Wraps a download's builder so the export is recorded (`cases.open_case_download`, given by
# the page's script): this module stays free of the workspace, the page works without it.
Recorder = Callable[[Callable[[], Any], str], Callable[[], Any]]


def unrecorded(build: Callable[[], Any], _document: str) -> Callable[[], Any]:
    return build


# Reads the cover's branding and the open saved case's client name (`cases.document_cover`,
# given by the page's script); without a workspace, a cover without branding.
Cover = Callable[[], tuple[Branding, str | None]]


def unbranded() -> tuple[Branding, str | None]:
    return Branding(), None


def export_section(
    profile: CompanyProfile,
    assessment: Assessment,
    pack: RulePack,
    design: RoleDesign,
    record: Recorder,
    cover: Cover,
    edits: str,
    language: str | None = None,
) -> None:
    """The brief's and its method appendix's downloads, and the role edits as JSON (`edits`);
    the documents in `language` (the page's when None): the assessment, pack and design given
    must be the ones made in it."""
    st.subheader(_("Download the brief"))
    st.caption(
        _(
            "Each file is built when you click, from the role as it stands on this page, edits "
            "included."
        )
    )
    st.session_state.setdefault(CHARTS, True)
    charts = st.checkbox(
        _("Include charts in DOCX and PDF"),
        key=CHARTS,
        help=_(
            "Charts are drawn with the document, no browser needed; without them the document "
            "says each chart was omitted."
        ),
    )
    # The brief is dated the session's one `as_of`, the date the assessment's plan counts from.
    prepared_on = state.as_of()
    branded = cover()
    columns = st.columns(len(FORMATS) + 1)
    for column, fmt in zip(columns, FORMATS, strict=False):
        with column:
            st.download_button(
                FORMAT_NAMES[fmt],
                data=record(
                    brief_builder(
                        profile,
                        assessment,
                        pack,
                        design,
                        fmt,
                        charts=charts,
                        prepared_on=prepared_on,
                        workshop=open_case.workshop_record(),
                        cover=branded,
                        language=language,
                    ),
                    f"brief.{fmt}",
                ),
                file_name=file_name(profile.company, fmt),
                mime=MEDIA_TYPES[fmt],
                key=f"role.download.{fmt}",
                icon=":material/download:",
                on_click="ignore",
                width="stretch",
            )
    with columns[-1]:
        st.download_button(
            _("My edits (JSON)"),
            data=record(lambda: edits, "role-edits.json"),
            file_name=file_name(profile.company, "json").replace("am-brief", "am-role-edits"),
            mime="application/json",
            key="role.download.edits",
            icon=":material/download:",
            help=_("Reuse them with: advisor brief PROFILE --role-edits FILE"),
            on_click="ignore",
            width="stretch",
        )
    _appendix_buttons(profile, assessment, pack, design, record, branded, prepared_on, language)


def _appendix_buttons(
    profile: CompanyProfile,
    assessment: Assessment,
    pack: RulePack,
    design: RoleDesign,
    record: Recorder,
    branded: tuple[Branding, str | None],
    prepared_on: dt.date,
    language: str | None,
) -> None:
    """The method appendix's downloads, one per format."""
    st.caption(
        _("Method appendix: the rule pack, the rules that fired, the inputs and the sources.")
    )
    for column, fmt in zip(st.columns(len(FORMATS) + 1), FORMATS, strict=False):
        with column:
            st.download_button(
                _("Method appendix · {format}", format=FORMAT_NAMES[fmt]),
                data=record(
                    brief_builder(
                        profile,
                        assessment,
                        pack,
                        design,
                        fmt,
                        charts=False,
                        prepared_on=prepared_on,
                        workshop=open_case.workshop_record(),
                        cover=branded,
                        appendix=True,
                        language=language,
                    ),
                    f"brief-appendix.{fmt}",
                ),
                file_name=file_name(profile.company, fmt).replace(
                    "am-brief", "am-brief-appendix", 1
                ),
                mime=MEDIA_TYPES[fmt],
                key=f"role.appendix.{fmt}",
                icon=":material/download:",
                on_click="ignore",
                width="stretch",
            )
