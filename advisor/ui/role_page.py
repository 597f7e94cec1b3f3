"""The Role page: the drafted role, editable, the brief and the hiring kit in every format.

The draft comes from the core (`advisor.role.draft_role`); what the user changes is kept in
`st.session_state` as plain edits (the same data `advisor brief --role-edits` reads) and applied
over the draft on every run, so the page, the payout chart and every download show the same
role. "Reset to the draft" drops the edits. Downloads are built only when clicked.
"""

from __future__ import annotations

import hashlib
import json
import math
import numbers
from typing import Any

import pandas as pd
import streamlit as st

from advisor import i18n, present, wording
from advisor.brief.moved import status_label
from advisor.brief.role_sections import payout_table
from advisor.charts import payout_figure
from advisor.engine import Assessment
from advisor.i18n import _, p_
from advisor.role import (
    EDITABLE_BY_NAME,
    MAX_TEXT,
    Column,
    PayComponent,
    RoleDesign,
    RoleInputs,
    apply_edits,
    design_edits,
    draft_role,
)
from advisor.role.model import SECTION_TITLES
from advisor.textsafety import formula_safe_rows
from advisor.ui import kit_section, language, open_case, state
from advisor.ui.components import (
    data_table,
    header_width,
    lines_needed,
    plain,
    verdict_banner,
    wrapped,
)
from advisor.ui.open_case import EDITS
from advisor.ui.role_downloads import (
    CHARTS,
    Cover,
    Recorder,
    export_section,
    unbranded,
    unrecorded,
)
from advisor.ui.role_downloads import brief_builder as brief_builder

BASES = "role_editor_bases"  # section -> the rows an editor was opened with
VERSION = "role_editor_version"  # bumped by a reset so every editor starts afresh
TOP_SHARE_KNOWN = "role.top_share_known"
TOP_SHARE = "role.top_share"
TITLE = "role.title"
MISSION = "role.mission"
OTE = "role.ote"
BASE_SHARE = "role.base_share"
NEW_LOGO = "role.new_logo"
NEW_LOGO_SHARE = "role.new_logo_share"
RESET = "role.reset"
DOCUMENT_LANGUAGE = "role.document_language"
DRAFT_SUFFIX = "::draft"
FORMULA_NOTICE = "role.formula_notice"  # the editor whose cells were just kept as text
SEEN_CASE = "case.seen_by_role"  # how many cases had been put into the session when last drawn
_CHART_CONFIG = {"displaylogo": False, "responsive": True}
NEW_LOGO_ID = "new_logo"
# The widgets whose values outlive a visit to another page (the editors keep theirs in EDITS).
KEPT = (
    TITLE,
    MISSION,
    OTE,
    BASE_SHARE,
    NEW_LOGO,
    NEW_LOGO_SHARE,
    TOP_SHARE_KNOWN,
    TOP_SHARE,
    CHARTS,
    DOCUMENT_LANGUAGE,
)
KEPT_PREFIXES = ("role.share.",)


# ---------------------------------------------------------------------------------------------
# Session state


def _edits() -> dict[str, Any]:
    edits = st.session_state.get(EDITS)
    if not isinstance(edits, dict):
        edits = {}
        st.session_state[EDITS] = edits
    return edits


def _set_edit(section: str, value: Any, draft_value: Any) -> None:
    edits = _edits()
    if value == draft_value:
        edits.pop(section, None)
    else:
        edits[section] = value


def _seed(key: str, draft_value: Any) -> None:
    """Give a widget its drafted value, and follow the draft while the user has not changed it."""
    marker = key + DRAFT_SUFFIX
    previous = st.session_state.get(marker)
    if key not in st.session_state or (
        previous != draft_value and st.session_state[key] == previous
    ):
        st.session_state[key] = draft_value
    st.session_state[marker] = draft_value


def reset_to_draft() -> None:
    """Forget every edit and widget value of this page (a button callback)."""
    st.session_state[EDITS] = {}
    st.session_state[BASES] = {}
    st.session_state[VERSION] = int(st.session_state.get(VERSION, 0)) + 1
    state.forget_widgets([key for key in KEPT if key != CHARTS], KEPT_PREFIXES)
    for key in list(st.session_state):
        if isinstance(key, str) and key.startswith("role.") and key not in (CHARTS,):
            del st.session_state[key]


def _take_opened_case() -> None:
    """Give the widgets a case's edits when a case was opened since this page last drew them."""
    count = open_case.loaded()
    if st.session_state.get(SEEN_CASE, 0) != count:
        edits = st.session_state.get(EDITS)
        load_edits(dict(edits) if isinstance(edits, dict) else {})
        st.session_state[SEEN_CASE] = count


def load_edits(edits: dict[str, Any]) -> None:
    """Replace the session's edits with saved ones (a reopened case), widgets included.

    The title, mission and pay widgets hold those edits on this page, so they are given the
    saved values; the editors' tables start from the rows in EDITS.
    """
    reset_to_draft()
    st.session_state[EDITS] = dict(edits)
    kept: dict[str, Any] = {}
    for key, section in ((TITLE, "title"), (MISSION, "mission")):
        if section in edits:
            kept[key] = edits[section]
    pay = edits.get("compensation")
    if isinstance(pay, dict):
        kept[OTE] = float(pay.get("ote", 0))
        kept[BASE_SHARE] = round(float(pay.get("base_share", 0)) * 100)
        for component in pay.get("components") or []:
            share = round(float(component.get("share", 0)) * 100)
            if component.get("id") == NEW_LOGO_ID:
                kept[NEW_LOGO], kept[NEW_LOGO_SHARE] = True, share
            else:
                kept[f"role.share.{component.get('id')}"] = share
    # Given back by `restore_widgets` when the page is next drawn, as after any page change.
    st.session_state.setdefault(state.KEPT_WIDGETS, {}).update(kept)


def _plain_value(value: Any) -> Any:
    """Editor cells as plain Python: NaN and missing become None, numpy numbers become floats."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return None if math.isnan(number) else number
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _fingerprint(rows: Any) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()


# Pixels of table the main column holds at 1280 px wide: text columns share it, so no column
# starts off the right edge where nobody sees it.
TABLE_WIDTH = 760


def _column_config(column: Column, text_width: int) -> Any:
    if column.kind == "text":
        return st.column_config.TextColumn(_(column.label), max_chars=MAX_TEXT, width=text_width)
    if column.kind == "integer":
        return st.column_config.NumberColumn(
            _(column.label), min_value=column.low, step=1, format="%d"
        )
    return st.column_config.NumberColumn(_(column.label), min_value=column.low)


def _editor_key(section: str, version: int, base: dict[str, Any]) -> str:
    return f"role.editor.{section}.{version}.{base['serial']}"


def _editor(section: str, draft: RoleDesign) -> None:
    """An editable table over the draft's rows; its result becomes the section's edit."""
    declared = EDITABLE_BY_NAME[section]
    columns = declared.columns
    draft_rows: list[dict[str, Any]] = design_edits(draft)[section]
    bases: dict[str, Any] = st.session_state.setdefault(BASES, {})
    version = int(st.session_state.get(VERSION, 0))
    fingerprint = _fingerprint(draft_rows)
    base = bases.get(section)
    if base is not None and _editor_key(section, version, base) not in st.session_state:
        # Back from another page: Streamlit dropped the editor's cell edits, the rows are in EDITS.
        base["rows"] = _edits().get(section, draft_rows)
    if base is None or (base["draft"] != fingerprint and section not in _edits()):
        # A fresh editor over the current rows; a new key so no stale cell edits apply to it.
        serial = (base["serial"] + 1) if base else 0
        rows = _edits().get(section, draft_rows)
        base = {"draft": fingerprint, "rows": rows, "serial": serial}
        bases[section] = base
    names = declared.column_names
    texts_named = [column.name for column in columns if column.kind == "text"]
    shown = formula_safe_rows(base["rows"], texts_named)
    frame = pd.DataFrame(
        [{name: row.get(name) for name in names} for row in shown], columns=list(names)
    )
    numbers = sum(1 for column in columns if column.kind != "text")
    texts = max(1, len(columns) - numbers)
    text_width = max(120, (TABLE_WIDTH - 110 * numbers) // texts)
    config = {column.name: _column_config(column, text_width) for column in columns}
    # Rows tall enough for the longest text the editor opened with, so a long "What it means"
    # or "Where the AM stops" wraps whole instead of being cut at the column's edge. Counted
    # from the rows the editor opened with: its options stay the same while someone types.
    lines = lines_needed(base["rows"], dict.fromkeys(texts_named, text_width), text_width)
    edited = st.data_editor(
        frame,
        key=_editor_key(section, version, base),
        num_rows="dynamic",
        column_config=config,
        hide_index=True,
        width="stretch",
        **wrapped(lines),
    )
    st.caption(_(declared.help))
    if st.session_state.get(FORMULA_NOTICE) == section:
        del st.session_state[FORMULA_NOTICE]  # said once, after the run that kept the cell
        st.info(
            _(
                "A cell starting with =, +, - or @ is kept with an apostrophe in front, so a "
                "spreadsheet opening the table's CSV download reads it as text, not a formula."
            ),
            icon=":material/info:",
        )
    rows = [
        {key: _plain_value(value) for key, value in record.items()}
        for record in edited.to_dict("records")
    ]
    safe = formula_safe_rows(rows, texts_named)
    _set_edit(section, safe, formula_safe_rows(draft_rows, texts_named))
    if safe != rows:
        # The cell typed is on screen as typed; a fresh editor over the safe rows shows (and
        # downloads) what the draft now holds.
        bases[section] = {"draft": fingerprint, "rows": safe, "serial": base["serial"] + 1}
        st.session_state[FORMULA_NOTICE] = section
        st.rerun()


# ---------------------------------------------------------------------------------------------
# Sections


def _inputs() -> RoleInputs:
    with st.expander(_("Revenue concentration (optional)"), expanded=False):
        known = st.checkbox(
            _("I know how much of our revenue the three largest accounts hold"),
            key=TOP_SHARE_KNOWN,
        )
        st.session_state.setdefault(TOP_SHARE, 50)
        share = st.slider(
            _("Share of revenue in the three largest accounts"),
            min_value=0,
            max_value=100,
            step=5,
            format="%d%%",
            key=TOP_SHARE,
            disabled=not known,
            help=_(
                "When a few accounts hold most of the revenue, the draft becomes a Key Account "
                "Manager with a smaller, deeper book."
            ),
        )
    return RoleInputs(top_accounts_share=share / 100 if known else None)


def _title_inputs(draft: RoleDesign) -> None:
    _seed(TITLE, draft.title)
    _seed(MISSION, draft.mission)
    title = st.text_input(_("Role title"), key=TITLE, max_chars=120)
    mission = st.text_area(_("Mission"), key=MISSION, max_chars=2000, height=90)
    _set_edit("title", title.strip() or draft.title, draft.title)
    _set_edit("mission", mission.strip() or draft.mission, draft.mission)


def _interim(design: RoleDesign) -> None:
    plan = design.interim
    if plan is None:
        return
    with st.container(border=True):
        st.markdown(f"**{plain(plan.title)}**")
        st.write(plain(plan.summary))
        data_table(
            pd.DataFrame(
                [
                    {
                        p_("column", "Step"): s.step,
                        p_("column", "Owner"): s.owner,
                        p_("column", "When"): s.when,
                    }
                    for s in plan.steps
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(
            _(
                "The role below — {title} — is drafted for when it is due. Sources: {sources}",
                title=plain(design.title),
                sources=plain(plan.source),
            )
        )


def _boundaries(design: RoleDesign) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown("**" + _("Who does what once the role exists") + "**")
        data_table(
            pd.DataFrame(
                [
                    {
                        p_("column", "Activity"): r.activity,
                        **dict(zip(design.raci_roles, r.cells, strict=True)),
                    }
                    for r in design.raci
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption("; ".join(f"{k} = {v}" for k, v in design.raci_legend.items()))
    with right:
        st.markdown("**" + _("Who does it today") + "**")
        data_table(
            pd.DataFrame(
                [
                    {
                        p_("column", "Activity"): t.activity,
                        p_("column", "Today"): t.owner,
                        p_("column", "Status"): status_label(t.status),
                    }
                    for t in design.today
                ]
            ),
            hide_index=True,
            width="stretch",
            column_config={
                p_("column", "Activity"): st.column_config.TextColumn(width=130),
                p_("column", "Today"): st.column_config.TextColumn(width=170),
                p_("column", "Status"): st.column_config.TextColumn(width=75),
            },
        )
        problems = [t for t in design.today if t.status != "ok"]
        for row in problems:
            st.caption(f"{plain(row.activity)}: {plain(row.note)}")


def _profile(draft: RoleDesign) -> None:
    st.markdown(f"**{plain(draft.seniority_level)}.** {plain(draft.seniority_summary)}")
    _editor("traits", draft)
    st.subheader(_("Skills to interview for"))
    _editor("interview", draft)


def _pay_inputs(draft: RoleDesign) -> None:
    default = draft.compensation
    _seed(OTE, float(default.ote))
    _seed(BASE_SHARE, round(default.base_share * 100))
    ote = st.number_input(
        _("On-target earnings ({currency} a year)", currency=default.currency),
        min_value=1000.0,
        max_value=10_000_000.0,
        step=1000.0,
        format="%.0f",
        key=OTE,
        help=_("Default: {source}.", source=default.ote_source),
    )
    base_share = st.slider(
        _("Base salary share of OTE"),
        min_value=30,
        max_value=100,
        step=5,
        format="%d%%",
        key=BASE_SHARE,
    )
    st.markdown("**" + _("Variable pay split") + "**")
    components = _component_sliders(default.components)
    if components is None:
        return
    _set_edit(
        "compensation",
        {
            "ote": float(ote),
            "base_share": base_share / 100,
            "components": [_component_data(c) for c in components],
        },
        {
            "ote": float(default.ote),
            "base_share": round(default.base_share * 100) / 100,
            "components": [_component_data(c) for c in default.components],
        },
    )


def _pay_outputs(design: RoleDesign) -> None:
    comp = design.compensation
    # The claim behind the range is the rule pack's text, never one written here.
    role = state.current_pack().role
    low, high = wording.percent(comp.range_low, 0), wording.percent(comp.range_high, 0)
    if role is not None:
        explained = _(
            "The rule pack's range: {low}–{high} of the variable pay. Source: {source}.",
            low=low,
            high=high,
            source=role.compensation.range_source,
        )
    else:
        explained = _(
            "The rule pack's range: {low}–{high} of the variable pay.", low=low, high=high
        )
    st.metric(
        _("Variable pay on renewal and expansion"),
        wording.percent(comp.renewal_expansion_share, 0),
        help=explained,
    )
    for warning in comp.warnings:
        st.warning(plain(warning), icon=":material/warning:")
    st.plotly_chart(
        payout_figure(comp), key="role.payout_chart", config=_CHART_CONFIG, width="stretch"
    )
    for source in comp.sources:
        st.caption(plain(source))


def _payout_table(design: RoleDesign) -> None:
    """The payout at each attainment level across the tab's whole width.

    Total and its share of OTE come right after the attainment, so they stay in view however many
    components the plan has; the components follow and scroll under the pinned attainment.
    """
    payout = payout_table(design.compensation)
    table = pd.DataFrame([dict(zip(payout.columns, row, strict=True)) for row in payout.rows])
    first, *parts, total, share = payout.columns
    config = {name: st.column_config.TextColumn(width=header_width(name)) for name in parts}
    config[first] = st.column_config.TextColumn(width=header_width(first), pinned=True)
    config[total] = st.column_config.TextColumn(width=header_width(total, 90))
    config[share] = st.column_config.TextColumn(width=header_width(share))
    data_table(
        table,
        hide_index=True,
        width="stretch",
        key="role.payout_table",
        column_order=(first, total, share, *parts),
        column_config=config,
    )


def _component_data(component: PayComponent) -> dict[str, Any]:
    return {
        "id": component.id,
        "label": component.label,
        "kind": component.kind,
        "share": round(component.share, 4),
        "measure": component.measure,
    }


def _component_sliders(defaults: tuple[PayComponent, ...]) -> list[PayComponent] | None:
    """One slider per component; the last default component takes what the others leave."""
    chosen: list[PayComponent] = []
    *adjustable, remainder = defaults
    for component in adjustable:
        key = f"role.share.{component.id}"
        _seed(key, round(component.share * 100))
        value = st.slider(
            plain(component.label), 0, 100, step=5, format="%d%%", key=key, help=component.measure
        )
        chosen.append(_with_share(component, value / 100))
    new_logo = st.checkbox(
        _("Add a new-logo quota"),
        key=NEW_LOGO,
        help=_("Not recommended: an Account Manager who also chases new logos neglects the book."),
    )
    if new_logo:
        _seed(NEW_LOGO_SHARE, 10)
        quota = _("New-logo quota")
        share = st.slider(quota, 0, 100, step=5, format="%d%%", key=NEW_LOGO_SHARE)
        chosen.append(PayComponent(NEW_LOGO_ID, quota, "new_logo", share / 100, _("New logos won")))
    chosen_share = sum(c.share for c in chosen)
    left = round(1 - chosen_share, 4)
    if left < 0:
        st.error(
            _(
                "The components above add up to {share} of the variable pay; lower one so they "
                "leave room for the rest.",
                share=wording.percent(chosen_share, 0),
            )
        )
        return None
    st.caption(
        _(
            "{component}: {share} (what the others leave).",
            component=plain(remainder.label),
            share=wording.percent(left, 0),
        )
    )
    chosen.insert(len(adjustable), _with_share(remainder, left))
    return chosen


def _with_share(component: PayComponent, share: float) -> PayComponent:
    return PayComponent(component.id, component.label, component.kind, share, component.measure)


def _cadence_inputs(draft: RoleDesign) -> tuple[Any, Any, Any]:
    """The cadence editors; returns the slots for the figures that depend on them."""
    st.subheader(_("Contact cadence by tier"))
    _editor("tiers", draft)
    load_slot = st.container()
    st.subheader(_("Quarterly business review"))
    _editor("qbr_content", draft)
    st.subheader(_("Renewal playbook"))
    note_slot = st.container()
    _editor("playbook", draft)
    capacity_slot = st.container()
    return load_slot, note_slot, capacity_slot


def _cadence_outputs(
    design: RoleDesign, assessment: Assessment, slots: tuple[Any, Any, Any]
) -> None:
    load_slot, note_slot, capacity_slot = slots
    capacity = design.capacity
    economics = assessment.economics
    with load_slot:
        # One hours budget: the cadence and the renewals against the team the book needs.
        st.caption(
            _(
                "Client hours the book needs: {hours}.",
                hours=plain(present.hours_sentence(economics)),
            )
        )
        edited = present.edited_cadence_sentence(economics, capacity.cadence_hours)
        if edited:
            st.caption(plain(edited))
    with note_slot:
        if design.playbook_note:
            st.info(plain(design.playbook_note), icon=":material/event:")
    with capacity_slot:
        st.subheader(_("Book and capacity"))
        for sentence in capacity.sentences:
            st.write(plain(sentence))


def _plans(draft: RoleDesign) -> None:
    st.subheader(_("Handover from Account Executive to Account Manager"))
    if draft.ae_handover:
        st.info(plain(draft.ae_handover), icon=":material/swap_horiz:")
    _editor("handover", draft)
    st.subheader(_("30-60-90 day onboarding plan"))
    _editor("onboarding", draft)


def _metrics_and_mistakes(design: RoleDesign, band_line: str) -> None:
    st.subheader(_("Success metrics and targets"))
    if band_line:
        st.caption(plain(band_line))
    data_table(
        pd.DataFrame(
            [
                {
                    p_("column", "Metric"): m.label,
                    p_("column", "Target"): m.target,
                    p_("column", "For this book"): m.for_this_book,
                    p_("column", "Today"): m.today,
                    p_("column", "Status"): wording.metric_status(m.status),
                }
                for m in design.metrics
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(plain(design.metrics_note))
    st.markdown(
        _(
            "**Not measured by:** {metrics}",
            metrics="; ".join(plain(m.metric) for m in design.avoid_metrics),
        )
    )
    st.subheader(_("Mistakes to avoid"))
    if not design.mistakes:
        st.write(_("None of the usual mistakes is made likely by these inputs."))
    for mistake in design.mistakes:
        with st.container(border=True):
            st.markdown(f"**{plain(mistake.title)}** — {plain(mistake.why)}")
            st.caption(
                _(
                    "What to do: {advice} · Raised by: {raised_by} · {source}",
                    advice=plain(mistake.advice),
                    raised_by=plain("; ".join(mistake.raised_by)),
                    source=plain(mistake.source),
                )
            )


# ---------------------------------------------------------------------------------------------


def render(record: Recorder = unrecorded, cover: Cover = unbranded) -> None:
    """The page; `record` wraps each download of a saved case's document (see `Recorder`),
    `cover` reads what the brief's cover says of who prepared it and for whom (see `Cover`)."""
    _take_opened_case()
    state.restore_widgets(KEPT, KEPT_PREFIXES)
    _page(record, cover)
    state.remember_widgets(KEPT, KEPT_PREFIXES)


def _page(record: Recorder, cover: Cover) -> None:
    pack = state.current_pack()
    assessment = state.current_assessment()
    profile = assessment.profile
    st.title(_("Role"))
    st.caption(
        _(
            "The Account Manager role drafted for {company} from the assessment. Edit anything "
            "below: the brief downloads carry your edits.",
            company=plain(profile.company),
        )
    )
    verdict_banner(assessment)
    inputs = _inputs()
    draft = draft_role(profile, assessment, pack, inputs=inputs)

    # Inputs first, outputs after: figures that depend on edits are drawn into slots once every
    # widget of this run has reported, so the page never shows the previous run's numbers.
    header_slot = st.container()
    interim_slot = st.container()
    _title_inputs(draft)
    summary_slot = st.container()
    tabs = st.tabs(
        [
            _("Responsibilities"),
            p_("role tab", "Profile"),
            _("Compensation"),
            _("Cadence & renewals"),
            _("Handover & onboarding"),
            _("Metrics & mistakes"),
            p_("role tab", "Download"),
        ]
    )
    with tabs[0]:
        st.subheader(_("Responsibilities, in priority order"))
        _editor("responsibilities", draft)
        st.subheader(_("What the role is not"))
        _editor("boundaries", draft)
        boundaries_slot = st.container()
    with tabs[1]:
        _profile(draft)
    with tabs[2]:
        pay_left, pay_right = st.columns([1, 1.4], gap="large")
        with pay_left:
            _pay_inputs(draft)
        pay_below = st.container()
    with tabs[3]:
        cadence_slots = _cadence_inputs(draft)
    with tabs[4]:
        _plans(draft)

    design, problems = apply_edits(draft, profile, assessment, pack, inputs, _edits())
    with header_slot:
        for problem in problems:
            st.error(_("Edit not applied: {problem}", problem=plain(str(problem))))
        title_column, reset_column = st.columns([4, 1])
        with title_column:
            st.header(plain(design.title))
            if design.reporting_line:
                st.caption(plain(design.reporting_line))
        with reset_column:
            st.button(
                _("Reset to the draft"),
                key=RESET,
                on_click=reset_to_draft,
                icon=":material/restart_alt:",
                disabled=not _edits(),
                help=_("Drop every edit on this page and go back to the drafted role."),
            )
        if design.edited:
            st.caption(
                _(
                    "Edited: {sections}",
                    sections=", ".join(
                        _(SECTION_TITLES.get(section, section)) for section in design.edited
                    ),
                )
            )
    with interim_slot:
        _interim(design)
    with summary_slot:
        st.caption(plain(design.summary))
    with boundaries_slot:
        _boundaries(design)
    with pay_right:
        _pay_outputs(design)
    with pay_below:
        _payout_table(design)
    _cadence_outputs(design, assessment, cadence_slots)
    with tabs[5]:
        _metrics_and_mistakes(design, present.targets_band_line(assessment, pack))
    with tabs[6]:
        _downloads(profile, assessment, pack, design, inputs, record, cover)


def _downloads(
    profile: Any,
    assessment: Assessment,
    pack: Any,
    design: RoleDesign,
    inputs: RoleInputs,
    record: Recorder,
    cover: Cover,
) -> None:
    """The Download tab: the brief and the hiring kit in the documents' language."""
    code = language.document_language(DOCUMENT_LANGUAGE)
    if code != i18n.current():  # the documents' own language: the case made again in it
        with i18n.language(code):
            pack = state.pack_in(code)
            assessment = state.assessment_in(code)
            redrafted = draft_role(profile, assessment, pack, inputs=inputs)
            design = apply_edits(redrafted, profile, assessment, pack, inputs, _edits())[0]
    export_section(
        profile,
        assessment,
        pack,
        design,
        record,
        cover,
        json.dumps(_edits(), ensure_ascii=False, indent=2, default=str),
        language=code,
    )
    kit_section.render(
        profile, assessment, pack, design, state.as_of(), record, cover, language=code
    )
