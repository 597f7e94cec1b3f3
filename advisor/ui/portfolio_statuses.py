"""The Portfolio page's status words: a meaning chosen for each word the reader does not know.

A word the file's status column holds and no vocabulary knows ("Contrato enviado", "En pausa")
is listed with a choice of the statuses the reader knows; rows with a word left unassigned are
excluded and listed, as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import streamlit as st

from advisor.crm_import import Layout, RawTable
from advisor.crm_import.assignments import unknown_status_words
from advisor.crm_import.statuses import ACTIVE, CHURNED, OPEN, PROSPECT, status_key
from advisor.i18n import N_, _
from advisor.ui.components import plain

PREFIX = "portfolio_status_"
LEAVE_OUT = "leave out"
MEANINGS = {
    LEAVE_OUT: N_("— not assigned: its rows are left out —"),
    ACTIVE: N_("won / a customer"),
    CHURNED: N_("lost / a former customer"),
    OPEN: N_("an open deal"),
    PROSPECT: N_("not yet a customer"),
}


def status_widget_key(word: str) -> str:
    """The widget that holds a word's meaning (the same for the word however it is cased)."""
    return PREFIX + hashlib.sha256(status_key(word).encode("utf-8")).hexdigest()[:12]


def status_assignments(
    raw: RawTable, mapping: Mapping[str, str], layout: Layout | None
) -> dict[str, str]:
    """{word as compared: category} for each unknown status word given a meaning here."""
    header = mapping.get("status")
    words = unknown_status_words(raw, header, layout.vocabulary if layout else None)
    if not words:
        return {}
    assigned: dict[str, str] = {}
    with st.expander(_("Status words"), expanded=True):
        st.caption(
            plain(
                _(
                    "The column '{column}' holds status words the reader does not know. Choose "
                    "what each one means; rows whose word is not assigned are left out and "
                    "listed with the excluded rows.",
                    column=header,
                )
            )
        )
        cols = st.columns(3)
        for index, word in enumerate(words):
            chosen = cols[index % 3].selectbox(
                # Translators: {word} is a status word read from the file ("En pausa").
                plain(_("“{word}” means", word=word)),
                list(MEANINGS),
                key=status_widget_key(word),
                format_func=lambda meaning: _(MEANINGS[meaning]),
                help=plain(
                    # Translators: "won / a customer" … repeat the choices' labels; MEANING stays.
                    _(
                        "How to count a row whose '{column}' reads “{word}”: won / a customer "
                        "keeps the account; lost / a former customer ends it; an open deal or "
                        "not yet a customer does not count it yet. The command line takes the "
                        "same choice as --status '{word}=MEANING'.",
                        column=header,
                        word=word,
                    )
                ),
            )
            if chosen != LEAVE_OUT:
                assigned[status_key(word)] = str(chosen)
    return assigned
