"""What every page shares: opening the case from the link, the sidebar summary, the link itself.

The address names the open saved case by its ids (`case_link`), or else carries the session's
profile: a reload, a second tab or a bookmark lands on the same case and page.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from advisor.fields import FIELDS
from advisor.i18n import _, n_
from advisor.ui import auth, case_link, cases, language, state
from advisor.ui.components import plain, sidebar_summary


def before_page(page: str) -> None:
    """Open the case the link describes (first run only) and say so when it could not be."""
    state.count_run(page)
    language.switch()
    state.open_session()
    case_link.open_from_address()
    slot = st.container()  # taken even when empty, so the page below never shifts
    _claimed_notice(slot)
    refused = case_link.refused()
    if refused:
        slot.warning(
            _(
                "The case in the address was not opened: {reason}. The session's own inputs "
                "are shown instead; open a case on the Cases page.",
                reason=plain(refused),
            ),
            icon=":material/link_off:",
        )
        slot.button(_("Dismiss"), key="shell.dismiss_case", on_click=case_link.dismiss_refused)
    problems = state.link_problems()
    if problems:
        slot.warning(
            _("The link's profile was not used, so the sample company is shown instead:")
            + "\n\n"
            + "\n".join(f"- {plain(problem)}" for problem in problems),
            icon=":material/link_off:",
        )
        slot.button(_("Dismiss"), key="shell.dismiss_link", on_click=state.dismiss_link_problems)
    sample, filled = state.link_filled()
    if filled:
        names = ", ".join(_(FIELDS[name].label) for name in filled)
        slot.info(
            n_(
                "The link gave only some of the inputs, so {count} other input is taken from "
                "the sample company {sample}: {names}. Check them on the Assess page.",
                "The link gave only some of the inputs, so {count} other inputs are taken from "
                "the sample company {sample}: {names}. Check them on the Assess page.",
                len(filled),
                sample=plain(sample),
                names=plain(names),
            ),
            icon=":material/link:",
        )
        slot.button(_("Dismiss"), key="shell.dismiss_filled", on_click=state.dismiss_link_filled)


def _claimed_notice(slot: Any) -> None:
    """Say once, on the page the sign-in opened, which clients it claimed: those recorded under
    the consultant's subject alone before identities named the provider that issued them.

    The claim is made by the session's first run (the navigation reads the workspace), so this
    is the page the consultant sees right after signing in, whichever it is.
    """
    claimed = cases.take_claimed()
    if claimed:
        slot.info(
            n_(
                "{count} client recorded under your subject before identities named the "
                "provider that issued them is now yours: {names}. You find it on the Clients "
                "page.",
                "{count} clients recorded under your subject before identities named the "
                "provider that issued them are now yours: {names}. You find them on the "
                "Clients page.",
                len(claimed),
                names=plain(", ".join(claimed)),
            ),
            icon=":material/how_to_reg:",
        )


def after_page() -> None:
    """Summarise the case in the sidebar and keep the address bar in step with it."""
    pack = state.current_pack()
    sidebar_summary(
        state.current_assessment(),
        f"{pack.name} {pack.version}" if state.uses_custom_pack() else None,
    )
    sidebar_case()
    auth.sidebar_account()
    case_link.write_address()


def sidebar_case() -> None:
    """Which client and scenario the session has open, and whether it has unsaved changes."""
    case = cases.open_case()
    with st.sidebar:
        if case is None:
            st.caption(
                ":material/folder_off: "
                + _("Not a saved case: save it from a client's Cases page.")
            )
            return
        st.caption(
            ":material/folder_open: "
            + _(
                "Client **{client}** · scenario **{scenario}**",
                client=plain(case.client_name),
                scenario=plain(case.scenario),
            )
        )
        changes = cases.unsaved_changes()
        if changes:
            st.caption(
                ":material/edit: "
                + n_(
                    "{count} unsaved change: {changes}",
                    "{count} unsaved changes: {changes}",
                    len(changes),
                    changes=plain(", ".join(change.label for change in changes)),
                )
            )
        else:
            st.caption(":material/check: " + _("No unsaved changes."))
