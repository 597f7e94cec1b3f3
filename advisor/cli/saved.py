"""`advisor assess --save` and `advisor history`: assessments kept in the workspace; a client's
saved case found by its names (`brief` and `workshop results` on a saved case).

Loaded only by those commands, so plain `advisor assess` never loads the database libraries.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TextIO

from advisor.cli.options import UsageError, open_workspace
from advisor.cli.table import text_table
from advisor.engine import Assessment
from advisor.i18n import N_, _, n_
from advisor.problems import suggest
from advisor.profile import profile_to_dict
from advisor.textsafety import terminal_safe
from advisor.wording import saved_score
from advisor.workspace import CaseDocument, HistoryPoint, Workspace, WorkspaceError
from advisor.workspace.cases import no_case
from advisor.workspace.model import CaseSummary, Client

# The history table's columns, as its header names them (translated where shown).
HISTORY_COLUMNS = [
    N_("id"),
    N_("saved_at"),
    N_("client"),
    N_("scenario"),
    N_("verdict"),
    N_("score"),
    N_("pack"),
]
DEFAULT_SCENARIO = "today"


def save_assessment(
    args: argparse.Namespace, assessment: Assessment, pack_files: list[tuple[str, bytes]]
) -> None:
    """Keep the assessment as the client's scenario: a new case, or its next revision.

    The client is found in any case or created, and the scenario found or created, in the one
    transaction that saves: processes saving for one new client, or one scenario, at the same
    time all land (one client; successive revisions). A name close to an existing client's
    is refused instead of created: a typo ("Acme Gmbh." for "Acme GmbH") must not split a
    client's history in two, so it has to be added first to be meant.
    """
    scenario = args.scenario or DEFAULT_SCENARIO
    name = str(args.client or assessment.profile.company).strip()
    # The case's one notes text is the profile's, the one its brief quotes: --notes joins it.
    document = CaseDocument(
        profile=profile_to_dict(assessment.profile),
        role_edits=None,
        crm=None,
        pack_digest=assessment.pack.digest,
        notes=args.notes,
    ).with_one_notes()
    with open_workspace(args) as workspace:
        try:
            saved = workspace.save_scenario(
                name,
                scenario,
                document,
                assessment,
                pack_files,
                near_miss=_(
                    "to keep it as a new client, add it first: advisor clients add '{name}'",
                    name=name,
                ),
            )
        except WorkspaceError as error:
            raise _as_option(error) from None
        where = workspace.url
    values = {
        "scenario": saved.case.scenario,
        "revision": saved.case.revision,
        "point": saved.point_id,
        "client": saved.client_name,
        "where": where,
    }
    # Translators: {revision} and {point} are numbers; {where} is the database's address.
    said = (
        _(
            "saved as case '{scenario}' (revision {revision}, history #{point}) of new client "
            "'{client}' in {where}",
            **values,
        )
        if saved.created
        else _(
            "saved as case '{scenario}' (revision {revision}, history #{point}) of client "
            "'{client}' in {where}",
            **values,
        )
    )
    print(terminal_safe(said), file=sys.stderr)


def _as_option(error: WorkspaceError) -> WorkspaceError:
    """A refusal of the client's name, named after the option that gave it."""
    if error.first.path != "client":
        return error
    return WorkspaceError.single(error.first.message, path="--client")


def run_history(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        if args.id is not None:
            result = workspace.history_result(args.id)
            stdout.write(json.dumps(result, indent=2, allow_nan=False, ensure_ascii=False) + "\n")
            return 0
        rows = _history_rows(workspace, args)
    if args.format == "json":
        data = [{"client": name, **asdict(point)} for name, point in rows]
        stdout.write(json.dumps(data, indent=2, allow_nan=False, ensure_ascii=False) + "\n")
        return 0
    if not rows:
        stdout.write(_("No saved assessments.") + "\n")
        return 0
    table = [
        [
            str(point.id),
            point.saved_at[:19].replace("T", " "),
            name,
            point.scenario,
            point.verdict,
            saved_score(point.verdict, point.score, suffix=""),
            f"{point.pack_name} {point.pack_version} ({point.pack_digest})".strip(),
        ]
        for name, point in rows
    ]
    stdout.write(text_table(table, [_(name) for name in HISTORY_COLUMNS]) + "\n")
    return 0


def _history_rows(workspace: Workspace, args: argparse.Namespace) -> list[tuple[str, HistoryPoint]]:
    """(client name, point) oldest first: one client, clients named like --company, or all."""
    if args.client is not None:
        chosen = [workspace.find_client(args.client)]
    else:
        chosen = workspace.clients(args.company or "", include_archived=True)
        if args.company is not None and not chosen:
            everyone = [client.name for client in workspace.clients(include_archived=True)]
            raise WorkspaceError.single(
                # Translators: {suggestion} is " (did you mean '…'?)" or nothing.
                _(
                    "no client named like '{name}'{suggestion}",
                    name=args.company,
                    suggestion=suggest(args.company, everyone, ignore_case=True),
                ),
                path="--company",
            )
    rows = [(client.name, point) for client in chosen for point in workspace.history(client.id)]
    return sorted(rows, key=lambda row: (row[1].saved_at, row[1].id))


def find_saved_case(
    workspace: Workspace, client_name: str, scenario: str
) -> tuple[Client, CaseSummary]:
    """The client named `client_name` (in any case) and its case `scenario`; a WorkspaceError
    naming the option, the client and the scenario when either is not found."""
    try:
        client = workspace.find_client(client_name)
    except WorkspaceError as error:
        raise _as_option(error) from None
    try:
        return client, workspace.find_case(client.id, scenario)
    except WorkspaceError as error:
        if error.first.path != "scenario":
            raise
        known = [case.scenario for case in workspace.cases(client.id)]
        message = no_case(scenario.strip(), known, client.name)
        raise WorkspaceError.single(message, path="--scenario") from None


def check_case_source(
    args: argparse.Namespace,
    file_options: list[tuple[str, object]],
    keeps: str,
    path: str | None = None,
) -> None:
    """Refuse a command that names no case, or two, or a saved case with options that are for
    profile files (`file_options`: each option and its value); `keeps` says what a saved case
    keeps instead, `path` the option the refusal names (the first one given by default)."""
    if args.client is None:
        if args.scenario is not None:
            raise UsageError.single(
                _("--scenario names a saved case: give --client too"), path="--client"
            )
        if args.profile is None:
            raise UsageError.single(
                _("give a profile file, or --client and --scenario for a saved case"),
                path="PROFILE",
            )
        return
    if args.profile is not None:
        raise UsageError.single(
            _("give a profile file or --client with --scenario, not both"), path="PROFILE"
        )
    if args.scenario is None:
        raise UsageError.single(
            _("give the saved case of '{client}' with --scenario NAME", client=args.client),
            path="--scenario",
        )
    given = [option for option, value in file_options if value]
    if given:
        raise UsageError.single(_kept_refusal(keeps, given), path=path or given[0])


def _kept_refusal(keeps: str, given: list[str]) -> str:
    """'a saved case keeps its own rule pack; --rules is for profile files'."""
    options = ", ".join(given)  # the options as typed
    if keeps == "rule pack":
        # Translators: {options} are command-line options as typed ("--rules").
        return n_(
            "a saved case keeps its own rule pack; {options} is for profile files",
            "a saved case keeps its own rule pack; {options} are for profile files",
            len(given),
            options=options,
        )
    if keeps == "rule pack, role edits and workshop":
        return n_(
            "a saved case keeps its own rule pack, role edits and workshop; {options} is for "
            "profile files",
            "a saved case keeps its own rule pack, role edits and workshop; {options} are for "
            "profile files",
            len(given),
            options=options,
        )
    # Translators: {keeps} names what a saved case keeps ("rule pack"); {options} as typed.
    return n_(
        "a saved case keeps its own {keeps}; {options} is for profile files",
        "a saved case keeps its own {keeps}; {options} are for profile files",
        len(given),
        keeps=keeps,
        options=options,
    )
