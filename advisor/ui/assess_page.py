"""The Assess page: the company profile, grouped, with the verdict following every change.

A profile comes from a sample, an uploaded YAML/JSON file or the form itself, and leaves as a
YAML file that the upload and the command line both read back.
"""

from __future__ import annotations

import streamlit as st

from advisor.i18n import N_, _
from advisor.profile import (
    FIELDS_BY_GROUP,
    SEARCH_GROUP,
    CompanyProfile,
    ProfileError,
    load_profile,
    profile_file_name,
    profile_from_text,
    profile_to_yaml,
)
from advisor.samples import SAMPLES, sample_path
from advisor.samples import label as sample_label
from advisor.ui import cases, state
from advisor.ui.components import plain, take_notice, verdict_banner
from advisor.ui.fields import FORM_PROBLEMS, field_widget
from advisor.ui.pages import page_file
from advisor.yamlio import DocumentError, decode_bytes

SAMPLE_CHOICE = "assess.sample"
UPLOAD = "assess.upload"
NOTICE = "assess.notice"  # (kind, title, lines): the outcome of the last load or upload

GROUP_INTROS = {
    "Company": N_(
        "Who is assessed. The segment sets how many accounts one AM can hold and the cost "
        "benchmark."
    ),
    "Portfolio": N_("How many accounts need an owner, and how fast the book grows."),
    "Revenue & margin": N_("What the book is worth, and whether its margin pays for an AM."),
    "Retention": N_("How much of the book you keep. The optional metrics sharpen the verdict."),
    "Delivery & knowledge": N_(
        "Whether the service is consistent enough for an AM to manage, and who holds client "
        "knowledge."
    ),
    "Renewals & growth": N_(
        "Who runs renewals, how early, and whether expansion is left on the table."
    ),
    SEARCH_GROUP: N_(
        "For the search: the sector and buyers, where the AM works, whom they report to, and "
        "what changes for the account executives. None of these moves the verdict."
    ),
}
# The groups' names as the form shows them (the keys above are the vocabulary's).
GROUP_TITLES = {
    "Company": N_("Company"),
    "Portfolio": N_("Portfolio"),
    "Revenue & margin": N_("Revenue & margin"),
    "Retention": N_("Retention"),
    "Delivery & knowledge": N_("Delivery & knowledge"),
    "Renewals & growth": N_("Renewals & growth"),
    SEARCH_GROUP: N_("Search"),
}
_COLUMNS = 3


def _clear_form_problems() -> None:
    st.session_state.pop(FORM_PROBLEMS, None)


def _load_sample() -> None:
    name = st.session_state.get(SAMPLE_CHOICE)
    if name not in SAMPLES:
        return
    state.set_profile(load_profile(sample_path(name)))
    _clear_form_problems()
    st.session_state[NOTICE] = ("success", _("Loaded the sample {name}.", name=sample_label(name)), [])


def _read_upload() -> None:
    uploaded = st.session_state.get(UPLOAD)
    if uploaded is None:  # the file was removed from the uploader: keep the profile
        st.session_state.pop(NOTICE, None)
        return
    try:
        text = decode_bytes(uploaded.getvalue(), uploaded.name)
        profile = profile_from_text(text, uploaded.name)
    except DocumentError as error:
        lines = [str(error)]
    except ProfileError as error:
        lines = error.describe().splitlines()
    else:
        state.set_profile(profile)
        _clear_form_problems()
        st.session_state[NOTICE] = ("success", _("Loaded {file}.", file=uploaded.name), [])
        return
    st.session_state[NOTICE] = (
        "error",
        _("{file} was not loaded; the inputs below are unchanged.", file=uploaded.name),
        lines,
    )


def _profile_tools(profile: CompanyProfile) -> None:
    sample_col, upload_col, download_col = st.columns([1.2, 1.4, 1])
    with sample_col, st.container(border=True):
        st.selectbox(
            _("Start from a sample company"),
            options=list(SAMPLES),
            format_func=sample_label,
            key=SAMPLE_CHOICE,
            help=_("One sample per verdict. Loading one replaces every input below."),
        )
        st.button(
            _("Load sample"),
            key="assess.load_sample",
            on_click=_load_sample,
            icon=":material/upload_file:",
            help=_("Replace the inputs below with the chosen sample company."),
        )
    with upload_col, st.container(border=True):
        st.file_uploader(
            _("Upload a profile (YAML or JSON)"),
            type=["yaml", "yml", "json"],
            key=UPLOAD,
            on_change=_read_upload,
            help=_(
                "A file with one `field: value` per line, like the download on the right. A "
                "file with mistakes is refused with each wrong field named; nothing changes."
            ),
        )
    text = profile_to_yaml(profile)
    with download_col, st.container(border=True):
        st.download_button(
            _("Download this profile (YAML)"),
            # A saved case's profile is one of its client's documents: its export is recorded.
            data=cases.open_case_download(lambda: text, "profile.yaml"),
            file_name=profile_file_name(profile),
            mime="application/yaml",
            key="assess.download",
            on_click="ignore",
            icon=":material/download:",
            help=_(
                "Save the case to reopen it later: upload it here, or run "
                "`advisor assess FILE.yaml` on the command line."
            ),
        )
        st.caption(_("Re-upload it here or pass it to `advisor assess`."))


def _notice() -> None:
    slot, notice = take_notice(NOTICE)
    if notice is None:
        return
    kind, title, lines = notice
    body = plain(title) + "".join(f"\n\n- {plain(line)}" for line in lines)
    if kind == "error":
        slot.error(body, icon=":material/error:")
    else:
        slot.success(body, icon=":material/folder_open:")


def _live_result() -> None:
    assessment = state.current_assessment()
    verdict_banner(assessment)
    reasons = assessment.key_reasons()
    if reasons:
        st.caption(
            _("Main reasons: {reasons}", reasons=" · ".join(plain(r.title) for r in reasons))
        )
    st.page_link(
        page_file("recommendation"),
        label=_("See the reasons, the money at stake and the what-ifs"),
        icon=":material/arrow_forward:",
    )


def _form() -> None:
    for group, names in FIELDS_BY_GROUP.items():
        # The search fields wait in their own expander: the verdict never needs them.
        frame = (
            st.expander(_(GROUP_TITLES.get(group, group)), icon=":material/person_search:")
            if group == SEARCH_GROUP
            else st.container(border=True)
        )
        with frame:
            if group != SEARCH_GROUP:
                st.subheader(_(GROUP_TITLES.get(group, group)))
            st.caption(_(GROUP_INTROS[group]) if group in GROUP_INTROS else "")
            for start in range(0, len(names), _COLUMNS):
                row = names[start : start + _COLUMNS]
                for column, name in zip(st.columns(_COLUMNS), row, strict=False):
                    with column:
                        field_widget(name)


def render() -> None:
    st.title(_("Assess"))
    st.caption(
        _(
            "Describe the company and the verdict follows every change. Money is per year in "
            "the profile's currency; rates are percentages."
        )
    )
    profile = state.current_profile()
    _profile_tools(profile)
    _notice()
    _live_result()
    _form()
