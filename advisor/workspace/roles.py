"""What each role on a client may do: one table, read by the store and by the app.

A client's owner may do everything. A colleague it is shared with is a collaborator (sees the
client, its cases, history and workshop results; saves, duplicates and renames cases; sets a
workshop question's consensus and its questionnaire's language; marks the client's headline
case) or a viewer (sees them, and exports its documents). Deleting cases and running a workshop (opening, closing, respondents
and their links) are the owner's, like renaming, archiving, sharing and deleting the client and
reading its audit trail.
"""

from __future__ import annotations

from enum import StrEnum

from advisor.i18n import N_, _
from advisor.workspace.desk import role_label
from advisor.workspace.model import WorkspaceError

OWNER = "owner"
COLLABORATOR = "collaborator"
VIEWER = "viewer"
SHARE_ROLES = (COLLABORATOR, VIEWER)
ROLES = (OWNER, *SHARE_ROLES)


class Action(StrEnum):
    VIEW = "view"
    EXPORT = "export"
    SAVE_CASE = "save_case"
    RENAME_CASE = "rename_case"
    DUPLICATE_CASE = "duplicate_case"
    SET_HEADLINE = "set_headline"
    SET_CONSENSUS = "set_consensus"
    SET_WORKSHOP_LANGUAGE = "set_workshop_language"
    CALIBRATE = "calibrate"
    DELETE_CASE = "delete_case"
    RUN_WORKSHOP = "run_workshop"
    RENAME_CLIENT = "rename_client"
    ARCHIVE_CLIENT = "archive_client"
    SHARE_CLIENT = "share_client"
    DELETE_CLIENT = "delete_client"
    READ_AUDIT = "read_audit"


_EVERYONE = frozenset(ROLES)
_EDITORS = frozenset({OWNER, COLLABORATOR})
_OWNER = frozenset({OWNER})

ALLOWED: dict[Action, frozenset[str]] = {
    Action.VIEW: _EVERYONE,
    Action.EXPORT: _EVERYONE,
    Action.SAVE_CASE: _EDITORS,
    Action.RENAME_CASE: _EDITORS,
    Action.DUPLICATE_CASE: _EDITORS,
    Action.SET_HEADLINE: _EDITORS,
    Action.SET_CONSENSUS: _EDITORS,
    Action.SET_WORKSHOP_LANGUAGE: _EDITORS,
    Action.CALIBRATE: _EDITORS,
    Action.DELETE_CASE: _OWNER,
    Action.RUN_WORKSHOP: _OWNER,
    Action.RENAME_CLIENT: _OWNER,
    Action.ARCHIVE_CLIENT: _OWNER,
    Action.SHARE_CLIENT: _OWNER,
    Action.DELETE_CLIENT: _OWNER,
    Action.READ_AUDIT: _OWNER,
}

# What each action is, as the refusal names it: "only its owner can …".
DOING: dict[Action, str] = {
    Action.VIEW: N_("see it"),
    Action.EXPORT: N_("export its documents"),
    Action.SAVE_CASE: N_("save cases under it"),
    Action.RENAME_CASE: N_("rename its cases"),
    Action.DUPLICATE_CASE: N_("duplicate its cases"),
    Action.SET_HEADLINE: N_("mark its headline case"),
    Action.SET_CONSENSUS: N_("set a workshop's consensus"),
    Action.SET_WORKSHOP_LANGUAGE: N_("choose a workshop questionnaire's language"),
    Action.CALIBRATE: N_("save or remove its calibration of the rule pack"),
    Action.DELETE_CASE: N_("delete its cases"),
    Action.RUN_WORKSHOP: N_("run its workshops (open or close one, add respondents, issue links)"),
    Action.RENAME_CLIENT: N_("rename it"),
    Action.ARCHIVE_CLIENT: N_("archive it"),
    Action.SHARE_CLIENT: N_("share it"),
    Action.DELETE_CLIENT: N_("delete it"),
    Action.READ_AUDIT: N_("read its audit trail"),
}

ROLE_WORDS = {
    OWNER: "owner",
    COLLABORATOR: "collaborator (sees it and saves cases)",
    VIEWER: "viewer (sees and exports it)",
}


def can(role: str | None, action: Action) -> bool:
    """Whether `role` on a client may do `action` (None: no role, nothing)."""
    return role is not None and role in ALLOWED[action]


def check_share_role(role: object) -> str:
    """A role a colleague may be given; a WorkspaceError naming the choices otherwise."""
    if role in SHARE_ROLES:
        return str(role)
    raise WorkspaceError.single(
        # Translators: {role} is what was typed; {collaborator} and {viewer} are the two roles'
        # words, as the command line takes them.
        _(
            "'{role}' is not a role a colleague can have; choose {collaborator} or {viewer}",
            role=role,
            collaborator=COLLABORATOR,
            viewer=VIEWER,
        ),
        path="role",
    )


def refusal(action: Action, role: str, client_name: str, owner: str) -> WorkspaceError:
    """The refusal of an action the role does not allow, saying who may do it."""
    allowed = sorted(ALLOWED[action], key=ROLES.index)
    # Translators: {role} is "collaborator" or "viewer"; {owner} the owner's name or e-mail;
    # {doing} what only they may do ("delete its cases").
    message = (
        _(
            "you are a {role} on client '{client}', which belongs to {owner}: only its owner "
            "can {doing}",
            role=role_label(role),
            client=client_name,
            owner=owner,
            doing=_(DOING[action]),
        )
        if allowed == [OWNER]
        else _(
            "you are a {role} on client '{client}', which belongs to {owner}: only its owner or "
            "a collaborator can {doing}",
            role=role_label(role),
            client=client_name,
            owner=owner,
            doing=_(DOING[action]),
        )
    )
    return WorkspaceError.single(message, path="client")
