"""The Rules page: the active rule pack, where each figure comes from, and custom packs.

The Calibrate tab (`calibration_panel.py`) edits the pack's figures in tables and keeps the
result in the workspace as the firm's pack or a client's.

A consultant can upload a whole pack (its YAML files, or the .zip this page downloads) or only
the files they changed: files named like the default pack's (e.g. `10-thresholds.yaml`) replace
those files and the rest of the default pack stays. A pack is checked before it is used and is
used for this session only.
"""

from __future__ import annotations

import streamlit as st

from advisor import present
from advisor.i18n import _, n_, p_
from advisor.i18n.formats import number
from advisor.operators import describe_operators
from advisor.pack import RulePack, RulePackError
from advisor.pack.describe import (
    am_cost_rows,
    band_rows,
    business_model_rows,
    metric_target_rows,
    rule_diff,
    rule_rows,
    source_rows,
    threshold_diff,
    vocabulary_rows,
)
from advisor.pack.uploads import (
    default_documents,
    pack_from_uploads,
    pack_zip,
    pack_zip_name,
)
from advisor.ui import calibration_panel, state
from advisor.ui.components import data_table, plain, take_notice, wrapped_row_height
from advisor.ui.open_case import ORIGIN

UPLOAD = "rules.upload"
NOTICE = "rules.notice"  # (kind, title, lines): the outcome of the last upload


def _read_upload() -> None:
    files = st.session_state.get(UPLOAD) or []
    if not files:  # files removed from the uploader: keep the active pack
        st.session_state.pop(NOTICE, None)
        return
    names = ", ".join(file.name for file in files)
    try:
        uploaded = state.uploaded_pack(
            [(file.name, file.getvalue()) for file in files],
            lambda documents: pack_from_uploads(documents, default_documents()),
        )
    except RulePackError as error:
        count = len(error.problems)
        # Translators: {files} lists the uploaded file names; {pack} is the pack kept in use.
        title = n_(
            "The pack in {files} was not used ({count} problem); this session keeps {pack}.",
            "The pack in {files} was not used ({count} problems); this session keeps {pack}.",
            count,
            files=names,
            pack=state.current_pack().name,
        )
        st.session_state[NOTICE] = ("error", title, [str(problem) for problem in error.problems])
        return
    pack = uploaded.pack
    state.use_custom_pack(pack, uploaded.documents)
    st.session_state[ORIGIN] = uploaded.origin
    st.session_state[NOTICE] = (
        "success",
        # Translators: {origin} says what the pack was built from ("the default pack with …").
        _(
            "Now assessing with {pack} {version} ({origin}), for this session only.",
            pack=pack.name,
            version=pack.version,
            origin=uploaded.origin,
        ),
        [],
    )


def _use_calibrated(pack: RulePack, documents: list[tuple[str, bytes]], origin: str) -> None:
    state.use_custom_pack(pack, documents)
    st.session_state[ORIGIN] = origin


def _use_default() -> None:
    state.use_default_pack()
    st.session_state.pop(ORIGIN, None)
    st.session_state[NOTICE] = ("success", _("Back to the default rule pack."), [])


# ---------------------------------------------------------------------------------------------
# The page


def _notice() -> None:
    slot, notice = take_notice(NOTICE)
    if notice is None:
        return
    kind, title, lines = notice
    if kind == "error":
        slot.error(plain(title), icon=":material/error:")
        slot.code("\n".join(lines), language=None, wrap_lines=True)
    else:
        slot.success(plain(title), icon=":material/check_circle:")


def _custom_pack_tools(pack: RulePack) -> None:
    with st.container(border=True):
        st.subheader(_("Use your own rules"))
        upload_col, actions_col = st.columns([2, 1], gap="large")
        with upload_col:
            st.file_uploader(
                _("Upload a rule pack (YAML files or a .zip)"),
                type=["yaml", "yml", "zip"],
                accept_multiple_files=True,
                key=UPLOAD,
                on_change=_read_upload,
                help=_(
                    "Files named like the default pack's (00-pack.yaml … 30-readiness.yaml) "
                    "replace those files and keep the rest; other files form a complete pack. "
                    "The pack is checked first and used for this session only; problems are "
                    "listed as FILE:LINE."
                ),
            )
        with actions_col:
            st.download_button(
                _("Download pack (.zip)"),
                data=pack_zip(state.current_pack_documents()),
                file_name=pack_zip_name(pack),
                mime="application/zip",
                key="rules.download",
                on_click="ignore",
                icon=":material/download:",
                help=_("The YAML files of the pack in use. Edit a number, upload the file back."),
            )
            if state.uses_custom_pack():
                st.button(
                    _("Use the default pack"),
                    key="rules.use_default",
                    on_click=_use_default,
                    icon=":material/restart_alt:",
                    help=_("Forget the uploaded pack and assess with the shipped rules again."),
                )
        _notice()


def _pack_header(pack: RulePack) -> None:
    if state.uses_custom_pack():
        origin = st.session_state.get(ORIGIN) or _("an uploaded pack")
        st.info(
            _(
                "Active: **{pack} {version}**, built from {origin}. Used for this session only; "
                "shared links open with the default pack.",
                pack=plain(pack.name),
                version=plain(pack.version),
                origin=plain(origin),
            ),
            icon=":material/inventory_2:",
        )
    else:
        st.caption(
            _(
                "Active: {pack} {version} (the default pack).",
                pack=plain(pack.name),
                version=plain(pack.version),
            )
        )
    if pack.description:
        st.caption(plain(pack.description))
    rules = n_("{count} rule", "{count} rules", len(pack.rules), count=number(len(pack.rules)))
    thresholds = n_(
        "{count} threshold",
        "{count} thresholds",
        len(pack.thresholds),
        count=number(len(pack.thresholds)),
    )
    st.caption(
        # Translators: {rules} is "12 rules", {thresholds} "30 thresholds"; {digest} is an id.
        _(
            "{rules} · {thresholds} · digest {digest} · files: {files}",
            rules=rules,
            thresholds=thresholds,
            digest=pack.digest,
            files=plain(", ".join(pack.files)),
        )
    )


def _diff(pack: RulePack) -> None:
    if not state.uses_custom_pack():
        return
    st.subheader(_("Differences from the default pack"))
    default = state.default_pack()
    figures, rules = threshold_diff(default, pack), rule_diff(default, pack)
    if not figures and not rules:
        st.write(_("None: this pack has the same figures and rules as the default pack."))
    if figures:
        data_table(figures, hide_index=True, width="stretch", key="rules.figure_diff")
    if rules:
        data_table(rules, hide_index=True, width="stretch", key="rules.rule_diff")


def _benchmarks(pack: RulePack) -> None:
    # Values such as "smb: 20–30; mid_market: 15–25; enterprise: 10–20" wrap onto their own lines
    # rather than being cut after the first segment.
    # The pack's keys as the table's headers, in the reader's language.
    headers = {
        "name": p_("column", "name"),
        "value": p_("column", "value"),
        "unit": p_("column", "unit"),
        "source": p_("column", "source"),
        "location": p_("column", "location"),
    }
    data_table(
        [{headers[key]: value for key, value in row.items()} for row in pack.threshold_rows()],
        hide_index=True,
        width="stretch",
        height="content",
        row_height=wrapped_row_height(4),
        key="rules.thresholds",
        column_config={
            headers["name"]: st.column_config.TextColumn(width=180),
            headers["value"]: st.column_config.TextColumn(width=145),
            headers["unit"]: st.column_config.TextColumn(width=150),
            headers["source"]: st.column_config.TextColumn(width=345),
        },
    )
    st.markdown(
        _(
            "**Verdict scores.** Hire now at {hire_now} points, prepare at {prepare} points. "
            "Source: {source}.",
            hire_now=number(pack.scoring.hire_now_at, 2),
            prepare=number(pack.scoring.prepare_at, 2),
            source=plain(pack.scoring.source),
        )
    )
    st.markdown(_("**AM fully loaded cost** (per year, used when the profile gives none)"))
    data_table(am_cost_rows(pack), hide_index=True)
    _source(pack.am_cost_source)
    if pack.bands is not None:
        st.markdown(
            _(
                "**Bands of contract value** (the band of the average contract value sets the "
                "book size and the retention targets below; a segment that is not the band's is "
                "a warning)"
            )
        )
        data_table(band_rows(pack), hide_index=True, width="stretch", key="rules.bands")
        _source(pack.bands.source)
        if pack.book_size_band_source:
            st.caption(_("Book size by band: {source}", source=plain(pack.book_size_band_source)))
        if pack.bands.conversion_source:
            st.caption(_("Converted amounts: {source}", source=plain(pack.bands.conversion_source)))
    st.markdown(_("**Metric targets** (healthy by band where a source gives one)"))
    data_table(metric_target_rows(pack), hide_index=True, width="stretch")
    _effect_and_hiring(pack)


def _source(source: str) -> None:
    st.caption(_("Source: {source}", source=plain(source)))


def _effect_and_hiring(pack: RulePack) -> None:
    st.markdown(
        _(
            "**What an Account Manager is assumed to change** (the payback's effect: an "
            "assumption of the pack, shown as a range; the Recommendation page gives the payback "
            "of each case)"
        )
    )
    effect = (
        p_("column", "Effect"),
        p_("column", "Low"),
        p_("column", "Expected"),
        p_("column", "High"),
    )
    data_table(
        [dict(zip(effect, row, strict=True)) for row in present.effect_rows(pack.am_effect)],
        hide_index=True,
        width="stretch",
        key="rules.am_effect",
    )
    _source(pack.am_effect.source)
    st.markdown(
        _("**Hiring** (the plan's recruiting and ramp-up, and when a held case is reassessed)")
    )
    hiring, value, source = p_("column", "Hiring"), p_("column", "Value"), p_("column", "Source")
    data_table(
        [
            dict(zip((hiring, value, source), row, strict=True))
            for row in present.hiring_rows(pack.hiring)
        ],
        hide_index=True,
        width="stretch",
        height="content",
        row_height=wrapped_row_height(4),
        key="rules.hiring",
        column_config={
            hiring: st.column_config.TextColumn(width=220),
            value: st.column_config.TextColumn(width=200),
            source: st.column_config.TextColumn(width="large"),
        },
    )


def _vocabulary(pack: RulePack) -> None:
    st.caption(_("The fields and operators a rule's `when` may use; anything else is refused."))
    data_table(vocabulary_rows(), hide_index=True, width="stretch")
    st.caption(
        _(
            "What a book is for each business model (`business_model`): the words for its "
            "revenue and the most one Account Manager carries besides the account count."
        )
    )
    data_table(business_model_rows(pack), hide_index=True, width="stretch")
    data_table(describe_operators(), hide_index=True, width="stretch")


def _table_height(rows: int) -> int:
    """Pixels that show every row without an inner scroll bar."""
    return 38 + 35 * rows


def _rule_details(pack: RulePack) -> None:
    rule_id = st.selectbox(
        _("Read one rule in full"),
        options=[rule.id for rule in pack.rules],
        format_func=lambda rule_id: f"{rule_id} · {pack.rule(rule_id).title}",
        key="rules.detail",
        help=_("The table cuts long texts; here is the whole rule with its source and location."),
    )
    if rule_id is None:
        return
    rule = pack.rule(rule_id)
    row = next(row for row in rule_rows(pack) if row[p_("column", "ID")] == rule_id)
    category, effect = row[p_("column", "Category")], row[p_("column", "Effect")]
    condition = row[p_("column", "When")]
    with st.container(border=True):
        st.markdown(f"**{plain(rule.title)}** · {plain(category)} · {plain(effect)}")
        # Translators: {condition} is the rule's condition in words ("active accounts > 20").
        st.markdown(_("When: {condition}", condition=plain(condition)))
        thresholds = row[p_("column", "Thresholds")]
        if thresholds:
            st.markdown(_("Thresholds: {thresholds}", thresholds=plain(thresholds)))
        st.markdown(plain(rule.rationale))
        if rule.advice:
            st.markdown(_("Advice: {advice}", advice=plain(rule.advice)))
        # Translators: {location} is FILE:LINE of the rule in the pack.
        st.caption(
            _(
                "Source: {source} · {location}",
                source=plain(rule.source),
                location=plain(rule.location),
            )
        )


def render() -> None:
    pack = state.current_pack()
    st.title(_("Rules"))
    st.caption(
        _(
            "Every verdict comes from these rules. Each figure names its source: a practitioner "
            "article or a published benchmark (listed below with its publisher and year) or a "
            "product default, a calibration you may tune."
        )
    )
    _pack_header(pack)
    _custom_pack_tools(pack)
    _diff(pack)
    rules_tab, figures_tab, calibrate_tab, vocabulary_tab, sources_tab = st.tabs(
        [
            p_("tab", "Rules"),
            p_("tab", "Thresholds & benchmarks"),
            p_("tab", "Calibrate"),
            p_("tab", "Fields & operators"),
            p_("tab", "Sources"),
        ]
    )
    with calibrate_tab:
        calibration_panel.render(_use_calibrated)
    with sources_tab:
        data_table(
            source_rows(pack),
            hide_index=True,
            width="stretch",
            key="rules.sources",
        )
        st.caption(_("Every source in the pack names one of these by its id."))
    with rules_tab:
        rows = rule_rows(pack)
        data_table(
            rows,
            hide_index=True,
            width="stretch",
            height=_table_height(len(rows)),
            key="rules.table",
            column_config={
                p_("column", "Rationale"): st.column_config.TextColumn(width="large"),
                p_("column", "When"): st.column_config.TextColumn(width="medium"),
            },
        )
        _rule_details(pack)
    with figures_tab:
        _benchmarks(pack)
    with vocabulary_tab:
        _vocabulary(pack)
