"""Profile fields as widgets: a label with its unit, the field's help text, and the round trip
between what a widget holds and what the profile stores.

The session's profile is the source of truth. A widget is seeded from it before it is drawn and
writes back through `update_profile` when the user changes it, so one field can have widgets on
several pages and a value changed anywhere shows everywhere. A value the profile refuses stays
in the widget with the core's message under it; the assessment keeps the last valid value.
"""

from __future__ import annotations

from typing import Any

import msgspec
import streamlit as st

from advisor import wording
from advisor.economics import am_cost_for
from advisor.i18n import _
from advisor.profile import FIELDS, CompanyProfile, ProfileError, profile_to_dict
from advisor.ui import state
from advisor.ui.components import plain

FORM_PROBLEMS = "form_problems"  # widget key -> why the last edit in it was refused
_SEEDED = "form_seeded"  # widget key -> the value last written into it from the profile
_UNSET = object()

_PERCENT_KINDS = {"rate", "net_rate"}
_MAX_PERCENT = {"rate": 100.0, "net_rate": 500.0}


def widget_key(name: str) -> str:
    """The widget key of a profile field on the Assess page (tests set inputs by it)."""
    return f"profile.{name}"


def unit_text(name: str, currency: str) -> str:
    info = FIELDS[name]
    unit = wording.unit_label(name)
    if info.kind == "money":
        return f"{currency} {unit}".strip()
    return unit


def widget_label(name: str, currency: str) -> str:
    """The field's label with its unit, e.g. 'Gross margin (%)'."""
    info = FIELDS[name]
    unit = unit_text(name, currency)
    label = _(info.label)
    if not unit:
        return label
    if label.endswith(")"):
        return _("{label} — {unit}", label=label, unit=unit)
    return _("{label} ({unit})", label=label, unit=unit)


def choice_text(option: Any) -> str:
    return _("not provided") if option is None else wording.choice_label(str(option))


def to_widget(name: str, value: Any) -> Any:
    """A profile value as its widget shows it (rates as percentages)."""
    kind = FIELDS[name].kind
    if value is None:
        return "" if kind == "text" else None
    if kind in _PERCENT_KINDS:
        return round(float(value) * 100, 4)
    if kind in {"money", "score"}:
        return float(value)
    return value


def from_widget(name: str, raw: Any) -> Any:
    """A widget's value as the profile takes it; empty optional inputs become 'not provided'."""
    info = FIELDS[name]
    if raw is None or (info.kind == "text" and not info.required and raw == ""):
        return None
    if info.kind in _PERCENT_KINDS:
        return round(float(raw) / 100, 6)
    return raw


def _seed(key: str, name: str, values: dict[str, Any]) -> None:
    wanted = to_widget(name, values.get(name))
    seeded: dict[str, Any] = st.session_state.setdefault(_SEEDED, {})
    if key not in st.session_state or seeded.get(key, _UNSET) != wanted:
        st.session_state[key] = wanted
        seeded[key] = wanted
        st.session_state.setdefault(FORM_PROBLEMS, {}).pop(key, None)


def _apply_edit(key: str, name: str) -> None:
    problems: dict[str, str] = st.session_state.setdefault(FORM_PROBLEMS, {})
    value = from_widget(name, st.session_state[key])
    if value is None and FIELDS[name].required:
        problems[key] = "a value is required"
        return
    try:
        state.update_profile({name: value})
    except ProfileError as error:
        own = [problem.message for problem in error.problems if problem.path == name]
        problems[key] = "; ".join(own) if own else str(error)
    else:
        problems.pop(key, None)


def field_widget(name: str, key: str | None = None, *, slider_max: int | None = None) -> None:
    """Draw the widget of one profile field, bound to the session's profile.

    With `slider_max`, a count is drawn as a slider (for live what-ifs on a projector).
    """
    key = key or widget_key(name)
    info = FIELDS[name]
    profile = state.current_profile()
    _seed(key, name, profile_to_dict(profile, include_empty=True))
    common: dict[str, Any] = {
        "label": widget_label(name, profile.currency),
        "key": key,
        "help": wording.field_help(name),
        "on_change": _apply_edit,
        "args": (key, name),
    }
    placeholder = _("not provided") if not info.required else None
    if name == "am_fully_loaded_cost":
        # Empty means the country's pay band, else the pack's benchmark: show the figure used.
        cost, _source, basis = am_cost_for(
            msgspec.structs.replace(profile, **{name: None}), state.current_pack()
        )
        amount = wording.money(cost, profile.currency)
        if basis == "pay_band":
            placeholder = _("empty: pay band {amount}", amount=amount)
        else:
            placeholder = _("empty: benchmark {amount}", amount=amount)
    if info.kind == "text" and name == "notes":
        st.text_area(**common, max_chars=5000, placeholder=_("Optional context for the brief"))
    elif info.kind == "text":
        longest = {
            "currency": 3,
            "country": 2,
            "renewals_by_month": 600,
            "sector": 80,
            "location": 80,
            "buyer_personas": 1000,
            "languages": 1000,
            "ae_handover_date": 10,
        }.get(name, 120)
        st.text_input(**common, max_chars=longest, placeholder=placeholder)
    elif info.kind == "choice":
        # An optional choice may be left empty: its first option is "not provided".
        options = info.choices if info.required else (None, *info.choices)
        chosen = st.selectbox(**common, options=options, format_func=choice_text)
        meaning = wording.choice_meaning(name, str(chosen))
        if meaning:
            st.caption(f"{choice_text(chosen)}: {plain(meaning)}.")
    elif info.kind == "yes_no":
        st.toggle(**common, wrap=True)
    elif info.kind == "count" and slider_max is not None:
        st.slider(**common, min_value=0, max_value=slider_max, step=1)
    elif info.kind == "count":
        top = 3650 if name == "renewal_lead_days" else None
        st.number_input(
            **common, min_value=0, max_value=top, step=1, value=None, placeholder=placeholder
        )
    elif info.kind in _PERCENT_KINDS:
        st.number_input(
            **common,
            min_value=0.0,
            max_value=_MAX_PERCENT[info.kind],
            step=0.5,
            format="%.1f",
            value=None,
            placeholder=placeholder,
        )
    elif info.kind == "money":
        st.number_input(
            **common, min_value=0.0, step=1000.0, format="%.0f", value=None, placeholder=placeholder
        )
    else:  # score (NPS)
        st.number_input(
            **common,
            min_value=-100.0,
            max_value=100.0,
            step=1.0,
            format="%.0f",
            value=None,
            placeholder=placeholder,
        )
    # The message slot exists whether or not there is a message, so widgets drawn after this
    # one keep their place (and the input being edited keeps its focus).
    with st.container():
        _messages(key, name, profile)


def _messages(key: str, name: str, profile: CompanyProfile) -> None:
    info = FIELDS[name]
    problem = st.session_state.get(FORM_PROBLEMS, {}).get(key)
    if problem:
        kept = wording.value(name, getattr(profile, name), profile.currency)
        st.error(
            _(
                "{field}: {problem}. The assessment keeps the last valid value ({kept}).",
                field=plain(_(info.label)),
                problem=plain(problem),
                kept=plain(kept),
            ),
            icon=":material/error:",
        )
    source = state.profile_sources().get(name)
    if source:
        st.caption(_("From {source}", source=plain(source)))
