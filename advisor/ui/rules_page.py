"""The Rules page: the active rule pack, where each figure comes from, and custom packs.

A consultant can upload a whole pack (its YAML files, or the .zip this page downloads) or only
the files they changed: files named like the default pack's (e.g. `10-thresholds.yaml`) replace
those files and the rest of the default pack stays. A pack is checked before it is used and is
used for this session only.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath
from typing import Any

import streamlit as st

from advisor.economics import DERIVED_FIELDS
from advisor.operators import OPERATORS, describe_operators
from advisor.profile import FIELDS
from advisor.rules import (
    MAX_FILES,
    Condition,
    Node,
    RuleIssue,
    RulePack,
    RulePackError,
    pack_from_documents,
)
from advisor.ui import state
from advisor.ui.components import plain
from advisor.wording import effect_words
from advisor.yamlio import MAX_DOCUMENT_BYTES

UPLOAD = "rules.upload"
NOTICE = "rules.notice"  # (kind, title, lines): the outcome of the last upload
ORIGIN = "rules.origin"  # how the active custom pack was put together, in words
_PACK_SUFFIXES = (".yaml", ".yml")


# ---------------------------------------------------------------------------------------------
# Uploads


def documents_from_uploads(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The YAML documents in uploaded files; a .zip contributes the YAML files inside it.

    Raises RulePackError for an archive that cannot be read or holds too much.
    """
    documents: dict[str, bytes] = {}
    issues: list[RuleIssue] = []
    for name, content in files:
        if name.lower().endswith(".zip"):
            documents.update(_zip_documents(name, content, issues))
        else:
            documents[PurePosixPath(name).name] = content
    if len(documents) > MAX_FILES:
        issues.append(RuleIssue("upload", 0, "", "", f"more than {MAX_FILES} YAML files"))
    if not documents and not issues:
        issues.append(RuleIssue("upload", 0, "", "", "no .yaml or .yml files in the upload"))
    if issues:
        raise RulePackError(issues)
    return sorted(documents.items())


def _zip_documents(archive: str, content: bytes, issues: list[RuleIssue]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as bundle:
            for entry in bundle.infolist():
                path = PurePosixPath(entry.filename)
                hidden = any(part.startswith((".", "__MACOSX")) for part in path.parts)
                if entry.is_dir() or hidden or path.suffix.lower() not in _PACK_SUFFIXES:
                    continue
                if len(found) >= MAX_FILES:
                    issues.append(RuleIssue(archive, 0, "", "", f"more than {MAX_FILES} files"))
                    break
                with bundle.open(entry) as stream:  # read at most the limit, whatever it claims
                    data = stream.read(MAX_DOCUMENT_BYTES + 1)
                if len(data) > MAX_DOCUMENT_BYTES:
                    issues.append(
                        RuleIssue(
                            f"{archive}/{path.name}",
                            0,
                            "",
                            "",
                            f"larger than {MAX_DOCUMENT_BYTES // 1000} kB",
                        )
                    )
                    continue
                found[path.name] = data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as error:
        issues.append(RuleIssue(archive, 0, "", "", f"not a readable zip archive ({error})"))
    return found


def overlay_on_default(
    uploaded: list[tuple[str, bytes]], default: list[tuple[str, bytes]]
) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The documents of the pack to build, and the default files the upload replaces.

    When any uploaded file is named like a default file, the upload changes the default pack;
    otherwise it is a complete pack on its own.
    """
    default_names = {name for name, _ in default}
    replaced = sorted(name for name, _ in uploaded if name in default_names)
    if not replaced:
        return list(uploaded), []
    merged = dict(default)
    merged.update(dict(uploaded))
    return sorted(merged.items()), replaced


def _read_upload() -> None:
    files = st.session_state.get(UPLOAD) or []
    if not files:  # files removed from the uploader: keep the active pack
        st.session_state.pop(NOTICE, None)
        return
    names = ", ".join(file.name for file in files)
    try:
        uploaded = documents_from_uploads([(file.name, file.getvalue()) for file in files])
        documents, replaced = overlay_on_default(uploaded, state.default_pack_documents())
        pack = pack_from_documents(documents)
    except RulePackError as error:
        count = len(error.issues)
        title = (
            f"The pack in {names} was not used ({count} problem{'s' if count != 1 else ''}); "
            f"this session keeps {state.current_pack().name}."
        )
        st.session_state[NOTICE] = ("error", title, [str(issue) for issue in error.issues])
        return
    origin = (
        f"the default pack with your {', '.join(replaced)}"
        if replaced
        else f"your files {', '.join(name for name, _ in documents)}"
    )
    state.use_custom_pack(pack, documents)
    st.session_state[ORIGIN] = origin
    st.session_state[NOTICE] = (
        "success",
        f"Now assessing with {pack.name} {pack.version} ({origin}), for this session only.",
        [],
    )


def _use_default() -> None:
    state.use_default_pack()
    st.session_state.pop(ORIGIN, None)
    st.session_state[NOTICE] = ("success", "Back to the default rule pack.", [])


def pack_zip(documents: list[tuple[str, bytes]]) -> bytes:
    """The pack's YAML files in one .zip, ready to edit and upload again."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, content in documents:
            bundle.writestr(PurePosixPath(name).name, content)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Describing a pack


def _value_text(value: Any) -> str:
    if isinstance(value, set | frozenset):
        value = sorted(value, key=str)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)


def when_text(node: Node) -> str:
    """A rule's condition in one line, e.g. 'active_accounts gte $trigger_zone.low'."""
    if isinstance(node, Condition):
        if OPERATORS[node.op].takes == "none":
            return f"{node.field} {node.op}"
        spec = node.value
        shown = spec.source_text() if spec.ref else _value_text(spec.literal)
        return f"{node.field} {node.op} {shown}"
    inner = [when_text(child) for child in node.children]
    if node.kind == "not":
        return f"not ({inner[0]})"
    joined = (" and " if node.kind == "all" else " or ").join(inner)
    return f"({joined})" if len(inner) > 1 else joined


def _refs(node: Node) -> list[str]:
    if isinstance(node, Condition):
        return [node.value.ref] if node.value.ref else []
    return [ref for child in node.children for ref in _refs(child)]


def rule_rows(pack: RulePack) -> list[dict[str, str]]:
    rows = []
    for rule in pack.rules:
        refs = dict.fromkeys(_refs(rule.when))
        rows.append(
            {
                "ID": rule.id,
                "Title": rule.title,
                "Category": rule.category.replace("_", " "),
                "When": when_text(rule.when),
                "Thresholds": "; ".join(
                    f"{ref} = {pack.thresholds[ref].describe()} {pack.thresholds[ref].unit}"
                    for ref in refs
                    if ref in pack.thresholds
                ),
                "Effect": effect_words(rule.effect.score, rule.effect.cap, rule.effect.verdict),
                "Rationale": rule.rationale,
                "Source": rule.source,
                "Where": rule.location,
            }
        )
    return rows


def _figures(pack: RulePack) -> dict[str, tuple[str, str]]:
    """Every tunable figure of a pack by name: (value, unit)."""
    figures = {
        f"threshold {name}": (threshold.describe(), threshold.unit)
        for name, threshold in pack.thresholds.items()
    }
    figures["score for hire now"] = (f"{pack.scoring.hire_now_at:g}", "points")
    figures["score for prepare"] = (f"{pack.scoring.prepare_at:g}", "points")
    for currency, by_segment in pack.am_cost.items():
        for segment, cost in by_segment.items():
            figures[f"AM cost {currency} {segment}"] = (f"{cost:,.0f}", f"{currency} per year")
    return figures


def threshold_diff(default: RulePack, active: RulePack) -> list[dict[str, str]]:
    """The figures where the active pack differs from the default pack."""
    old, new = _figures(default), _figures(active)
    rows = []
    for name in dict.fromkeys([*old, *new]):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        change = "added" if before is None else "removed" if after is None else "changed"
        rows.append(
            {
                "Figure": name,
                "Default pack": " ".join(before) if before else "—",
                "This pack": " ".join(after) if after else "—",
                "Change": change,
            }
        )
    return rows


def rule_diff(default: RulePack, active: RulePack) -> list[dict[str, str]]:
    """Rules added, removed or changed (condition, effect or title) against the default."""

    def shape(pack: RulePack) -> dict[str, tuple[str, str, str]]:
        return {
            rule.id: (
                rule.title,
                when_text(rule.when),
                effect_words(rule.effect.score, rule.effect.cap, rule.effect.verdict),
            )
            for rule in pack.rules
        }

    old, new = shape(default), shape(active)
    rows = []
    for rule_id in dict.fromkeys([*old, *new]):
        before, after = old.get(rule_id), new.get(rule_id)
        if before == after:
            continue
        if before is None or after is None:
            rows.append({"Rule": rule_id, "Change": "added" if before is None else "removed"})
            continue
        parts = [
            f"{what}: {b} → {a}"
            for what, b, a in zip(("title", "when", "effect"), before, after, strict=True)
            if b != a
        ]
        rows.append({"Rule": rule_id, "Change": "; ".join(parts)})
    return rows


def _file_name(pack: RulePack) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", f"{pack.name} {pack.version}".lower()).strip("-")
    return f"{slug or 'rule-pack'}.zip"


# ---------------------------------------------------------------------------------------------
# The page


def _notice() -> None:
    slot = st.container()  # taken even when empty, so the tables below keep their place
    notice = st.session_state.get(NOTICE)
    if not notice:
        return
    kind, title, lines = notice
    if kind != "error":  # a refusal stays while its files sit in the uploader
        del st.session_state[NOTICE]
    if kind == "error":
        slot.error(plain(title), icon=":material/error:")
        slot.code("\n".join(lines), language=None, wrap_lines=True)
    else:
        slot.success(plain(title), icon=":material/check_circle:")


def _custom_pack_tools(pack: RulePack) -> None:
    with st.container(border=True):
        st.subheader("Use your own rules")
        upload_col, actions_col = st.columns([2, 1], gap="large")
        with upload_col:
            st.file_uploader(
                "Upload a rule pack (YAML files or a .zip)",
                type=["yaml", "yml", "zip"],
                accept_multiple_files=True,
                key=UPLOAD,
                on_change=_read_upload,
                help="Files named like the default pack's (00-pack.yaml … 30-readiness.yaml) "
                "replace those files and keep the rest; other files form a complete pack. The "
                "pack is checked first and used for this session only; problems are listed as "
                "FILE:LINE.",
            )
        with actions_col:
            st.download_button(
                "Download the active pack (.zip)",
                data=pack_zip(state.current_pack_documents()),
                file_name=_file_name(pack),
                mime="application/zip",
                key="rules.download",
                on_click="ignore",
                icon=":material/download:",
                help="The YAML files of the pack in use. Edit a number, upload the file back.",
            )
            if state.uses_custom_pack():
                st.button(
                    "Use the default pack",
                    key="rules.use_default",
                    on_click=_use_default,
                    icon=":material/restart_alt:",
                    help="Forget the uploaded pack and assess with the shipped rules again.",
                )
        _notice()


def _pack_header(pack: RulePack) -> None:
    if state.uses_custom_pack():
        origin = st.session_state.get(ORIGIN, "an uploaded pack")
        st.info(
            f"Active: **{plain(pack.name)} {plain(pack.version)}**, built from "
            f"{plain(origin)}. Used for this session only; shared links open with the default "
            "pack.",
            icon=":material/inventory_2:",
        )
    else:
        st.caption(f"Active: {plain(pack.name)} {plain(pack.version)} (the default pack).")
    if pack.description:
        st.caption(plain(pack.description))
    st.caption(
        f"{len(pack.rules)} rules · {len(pack.thresholds)} thresholds · digest {pack.digest} · "
        f"files: {plain(', '.join(pack.files))}"
    )


def _diff(pack: RulePack) -> None:
    if not state.uses_custom_pack():
        return
    st.subheader("Differences from the default pack")
    default = state.default_pack()
    figures, rules = threshold_diff(default, pack), rule_diff(default, pack)
    if not figures and not rules:
        st.write("None: this pack has the same figures and rules as the default pack.")
    if figures:
        st.dataframe(figures, hide_index=True, width="stretch", key="rules.figure_diff")
    if rules:
        st.dataframe(rules, hide_index=True, width="stretch", key="rules.rule_diff")


def _benchmarks(pack: RulePack) -> None:
    st.dataframe(
        pack.threshold_rows(),
        hide_index=True,
        width="stretch",
        column_config={"source": st.column_config.TextColumn(width="large")},
    )
    st.markdown(
        f"**Verdict scores.** Hire now at {pack.scoring.hire_now_at:g} points, prepare at "
        f"{pack.scoring.prepare_at:g} points. Source: {plain(pack.scoring.source)}."
    )
    st.markdown("**AM fully loaded cost** (per year, used when the profile gives none)")
    st.dataframe(
        [
            {"Currency": currency, **{segment: f"{cost:,.0f}" for segment, cost in costs.items()}}
            for currency, costs in pack.am_cost.items()
        ],
        hide_index=True,
    )
    st.caption(f"Source: {plain(pack.am_cost_source)}")
    st.markdown("**Metric targets**")
    st.dataframe(
        [
            {
                "Metric": target.label,
                "Better when": target.direction,
                "Healthy at": f"{target.healthy:g}",
                "Alarm past": f"{target.alarm:g}",
                "Best in class": ""
                if target.best_in_class is None
                else f"{target.best_in_class:g}",
                "Source": target.source,
            }
            for target in pack.metric_targets.values()
        ],
        hide_index=True,
        width="stretch",
    )
    impact = pack.am_impact
    st.caption(
        f"What an AM is expected to change (economics): churn down by "
        f"{impact.churn_reduction * 100:g}%, expansion {impact.expansion_uplift * 100:g}% of ARR "
        f"({impact.expansion_uplift_unworked * 100:g}% when upsell is unworked). Source: "
        f"{plain(impact.source)}."
    )


def _vocabulary() -> None:
    st.caption("The fields and operators a rule's `when` may use; anything else is refused.")
    st.dataframe(
        [
            {
                "Field": name,
                "Label": info.label,
                "Kind": info.kind.replace("_", " "),
                "Unit": info.unit,
                "Choices": ", ".join(info.choices),
            }
            for name, info in FIELDS.items()
        ]
        + [
            {
                "Field": name,
                "Label": derived.label,
                "Kind": "derived",
                "Unit": derived.unit,
                "Choices": derived.help,
            }
            for name, derived in DERIVED_FIELDS.items()
        ],
        hide_index=True,
        width="stretch",
    )
    st.dataframe(describe_operators(), hide_index=True, width="stretch")


def _table_height(rows: int) -> int:
    """Pixels that show every row without an inner scroll bar."""
    return 38 + 35 * rows


def _rule_details(pack: RulePack) -> None:
    rule_id = st.selectbox(
        "Read one rule in full",
        options=[rule.id for rule in pack.rules],
        format_func=lambda rule_id: f"{rule_id} · {pack.rule(rule_id).title}",
        key="rules.detail",
        help="The table cuts long texts; here is the whole rule with its source and location.",
    )
    if rule_id is None:
        return
    rule = pack.rule(rule_id)
    row = next(row for row in rule_rows(pack) if row["ID"] == rule_id)
    with st.container(border=True):
        st.markdown(f"**{plain(rule.title)}** · {plain(row['Category'])} · {plain(row['Effect'])}")
        st.markdown(f"When: {plain(row['When'])}")
        if row["Thresholds"]:
            st.markdown(f"Thresholds: {plain(row['Thresholds'])}")
        st.markdown(plain(rule.rationale))
        if rule.advice:
            st.markdown(f"Advice: {plain(rule.advice)}")
        st.caption(f"Source: {plain(rule.source)} · {plain(rule.location)}")


def render() -> None:
    pack = state.current_pack()
    st.title("Rules")
    st.caption(
        "Every verdict comes from these rules. Each figure names its source: seed 000, 003 and "
        "004 are practitioner articles; a product default is a calibration you may tune."
    )
    _pack_header(pack)
    _custom_pack_tools(pack)
    _diff(pack)
    rules_tab, figures_tab, vocabulary_tab = st.tabs(
        ["Rules", "Thresholds & benchmarks", "Fields & operators"]
    )
    with rules_tab:
        rows = rule_rows(pack)
        st.dataframe(
            rows,
            hide_index=True,
            width="stretch",
            height=_table_height(len(rows)),
            key="rules.table",
            column_config={
                "Rationale": st.column_config.TextColumn(width="large"),
                "When": st.column_config.TextColumn(width="medium"),
            },
        )
        _rule_details(pack)
    with figures_tab:
        _benchmarks(pack)
    with vocabulary_tab:
        _vocabulary()
