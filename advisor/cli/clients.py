"""`advisor clients list|headline|add|rename|archive|delete|audit|reassign`: the workspace's
clients."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import asdict
from typing import Any, TextIO

from advisor.cli.options import (
    DATE_IN_ISO_FORMAT,
    UsageError,
    add_db_option,
    add_format_option,
    date_parser,
    open_workspace,
    write_atomically,
)
from advisor.cli.table import text_table
from advisor.i18n import N_, _, n_, p_
from advisor.textsafety import terminal_safe
from advisor.wording import saved_score
from advisor.workspace import Client
from advisor.workspace.desk import COLUMNS, DeskFilter, desk_rows, filtered, role_label

# The text table's columns, as its header names them (`columns` translates them where shown).
CLIENT_COLUMNS = [
    N_("id"),
    N_("name"),
    N_("cases"),
    N_("headline case"),
    N_("verdict"),
    N_("score"),
    N_("hire by"),
    N_("sector"),
    N_("country"),
    N_("re-assessed"),
    N_("status"),
    N_("shared with"),
]


def register(commands: Any) -> None:
    clients = commands.add_parser("clients", help=_("list, add, rename, archive or delete clients"))
    actions = clients.add_subparsers(dest="action", required=True, metavar="ACTION")

    listing = actions.add_parser(
        "list", help=_("the workspace's clients, by name, each with its headline case")
    )
    listing.add_argument("--search", default="", metavar="TEXT", help=_("any part of the name"))
    listing.add_argument("--archived", action="store_true", help=_("include archived clients"))
    add_desk_options(listing)
    add_format_option(listing, ("text", "json", "csv", "xlsx"))
    listing.add_argument(
        "--out", metavar="FILE", help=_("write the list to FILE (needed for xlsx); default stdout")
    )
    add_db_option(listing)
    listing.set_defaults(handler=run_list)

    headline = actions.add_parser(
        "headline", help=_("mark a client's case as its headline case (the verdict lists show)")
    )
    headline.add_argument("name", help=_("the client's name (any case)"))
    headline.add_argument(
        "--scenario", required=True, metavar="NAME", help=_("the case's scenario name (any case)")
    )
    add_db_option(headline)
    headline.set_defaults(handler=run_headline)

    add = actions.add_parser("add", help=_("add a client"))
    add.add_argument("name", help=_("the client's name, unique in any case"))
    add_db_option(add)
    add.set_defaults(handler=run_add)

    rename = actions.add_parser("rename", help=_("rename a client"))
    rename.add_argument("name", help=_("the client's current name (any case)"))
    rename.add_argument("new_name", help=_("its new name"))
    add_db_option(rename)
    rename.set_defaults(handler=run_rename)

    archive = actions.add_parser("archive", help=_("archive a client (kept, hidden from lists)"))
    archive.add_argument("name", help=_("the client's name (any case)"))
    archive.add_argument("--undo", action="store_true", help=_("bring an archived client back"))
    add_db_option(archive)
    archive.set_defaults(handler=run_archive)

    delete = actions.add_parser("delete", help=_("delete a client with its cases and history"))
    delete.add_argument("name", help=_("the client's name (any case)"))
    delete.add_argument("--yes", action="store_true", help=_("delete without asking"))
    add_db_option(delete)
    delete.set_defaults(handler=run_delete)

    trail = actions.add_parser(
        "audit", help=_("what happened to a client (or to all of yours): who, what, when")
    )
    trail.add_argument("name", nargs="?", help=_("the client's name (any case); none: all"))
    add_format_option(trail, ("text", "json"))
    add_db_option(trail)
    trail.set_defaults(handler=run_audit)

    reassign = actions.add_parser(
        "reassign",
        help=_("move every client and share of one identity to another (a team server's operator)"),
        description=_(
            "Move every client one identity owns, and every share it was given, to "
            "another identity: e.g. the clients of a consultant recorded by subject alone "
            "(legacy:SUBJECT) to their identity with its issuer (oidc:ISSUER#SUBJECT, as their "
            "account panel shows it), or from one address to another (alice@old.com to "
            "alice@new.com)."
        ),
    )
    reassign.add_argument("--from", dest="source", required=True, metavar="IDENTITY")
    reassign.add_argument("--to", dest="target", required=True, metavar="IDENTITY")
    add_db_option(reassign)
    reassign.set_defaults(handler=run_reassign)


def add_desk_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--hire-within",
        type=int,
        metavar="DAYS",
        help=_(
            "only clients whose headline case opens the search within DAYS (overdue "
            "included), soonest first"
        ),
    )
    parser.add_argument(
        "--stale-months",
        type=int,
        metavar="N",
        help=_("only clients whose headline case was last saved N months ago or more"),
    )
    parser.add_argument(
        "--sector", action="append", default=[], metavar="NAME", help=_("only this sector (again)")
    )
    parser.add_argument(
        "--country",
        action="append",
        default=[],
        metavar="CODE",
        help=_("only this country (again)"),
    )
    parser.add_argument(
        "--date",
        type=date_parser(DATE_IN_ISO_FORMAT),
        metavar="YYYY-MM-DD",
        help=_("the day the windows count from (default today)"),
    )


def columns(names: list[str]) -> list[str]:
    """A text table's column names in the current language."""
    return [_(name) for name in names]


def client_row(client: Client) -> list[str]:
    head = client.headline
    return [
        str(client.id),
        client.name,
        str(client.case_count),
        head.scenario if head else "",
        head.verdict if head else "",
        saved_score(head.verdict, head.score, suffix="") if head else "",
        (head.hire_by or "") if head else "",
        (head.sector or "") if head else "",
        (head.country or "") if head else "",
        head.saved_at[:10] if head else "",
        p_("status", "archived") if client.archived else p_("status", "active"),
        ", ".join(
            # Translators: a colleague a client is shared with and their role: "ben@x.com (viewer)"
            _("{colleague} ({role})", colleague=share.label, role=role_label(share.role))
            for share in client.shared_with
        ),
    ]


def run_list(args: argparse.Namespace, stdout: TextIO) -> int:
    if args.format == "xlsx" and not args.out:
        raise UsageError.single(_("an xlsx list is a file: add --out FILE"), path="--out")
    chosen = DeskFilter.of(
        hire_within_days=args.hire_within,
        stale_months=args.stale_months,
        sectors=args.sector,
        countries=args.country,
    )
    with open_workspace(args) as workspace:
        listed = workspace.clients(args.search, include_archived=args.archived)
    found = filtered(listed, chosen, args.date or dt.date.today())
    if args.format in ("csv", "xlsx"):
        from advisor.export.client_list import render

        data = render(desk_rows(found, zone=dt.UTC), COLUMNS, args.format)
        if args.out:
            write_atomically(args.out, data)
        else:
            stdout.write(data.decode("utf-8-sig"))
        return 0
    if args.format == "json":
        text = json.dumps([asdict(client) for client in found], indent=2, ensure_ascii=False)
    elif not found:
        text = _("No clients match.") if args.search or listed else _("No clients yet.")
    else:
        text = text_table([client_row(c) for c in found], columns(CLIENT_COLUMNS))
    if args.out:
        write_atomically(args.out, (text + "\n").encode("utf-8"))
    else:
        stdout.write(text + "\n")
    return 0


def run_headline(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client = workspace.find_client(args.name)
        case = workspace.find_case(client.id, args.scenario)
        client = workspace.set_headline(client.id, case.id)
    verdict = client.headline.verdict if client.headline else ""
    # Translators: {verdict} is the verdict's code as the lists print it.
    said = _(
        "'{scenario}' is the headline case of '{client}' ({verdict})",
        scenario=case.scenario,
        client=client.name,
        verdict=verdict,
    )
    say(stdout, said + "\n")
    return 0


def run_add(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client = workspace.add_client(args.name)
    say(stdout, _("added client '{name}' (id {id})", name=client.name, id=client.id) + "\n")
    return 0


def run_rename(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        old = workspace.find_client(args.name)
        client = workspace.rename_client(old.id, args.new_name)
    said = _("renamed client '{old}' to '{new}'", old=old.name, new=client.name)
    say(stdout, said + "\n")
    return 0


def run_archive(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client = workspace.archive_client(workspace.find_client(args.name).id, not args.undo)
    said = (
        _("archived client '{name}'", name=client.name)
        if client.archived
        else _("brought back client '{name}'", name=client.name)
    )
    say(stdout, said + "\n")
    return 0


def run_delete(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client = workspace.find_client(args.name)
        points = len(workspace.history(client.id))
        what = _deleted_words(client.name, client.case_count, points)
        # Translators: {what} is "client 'Acme' with its 2 case(s) and 5 saved assessment(s)";
        # the answer is typed as y or yes whatever the language.
        question = _("Delete {what}? This cannot be undone. [y/N] ", what=what)
        if not args.yes and not _confirmed(question):
            raise UsageError.single(
                _("not deleted: {what}; add --yes to delete without asking", what=what),
                path="--yes",
            )
        workspace.delete_client(client.id)
    say(stdout, _("deleted {what}", what=what) + "\n")
    return 0


def _deleted_words(name: str, cases: int, points: int) -> str:
    """'client 'Acme' with its 2 case(s) and 5 saved assessment(s)'."""
    # Translators: what a delete takes with it; {cases} and {points} are counts.
    return _(
        "client '{name}' with its {cases} case(s) and {points} saved assessment(s)",
        name=name,
        cases=cases,
        points=points,
    )


def _confirmed(question: str) -> bool:
    """Asks on the terminal; never from a pipe, where a script must say --yes itself."""
    if not sys.stdin.isatty():
        return False
    print(question, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def say(stdout: TextIO, text: str) -> None:
    """One line for the terminal: a name holding escape codes prints as plain text."""
    stdout.write(terminal_safe(text))


AUDIT_COLUMNS = [N_("when"), N_("who"), N_("what"), N_("client"), N_("detail")]


def run_audit(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client_id = None if args.name is None else workspace.find_client(args.name).id
        events = workspace.audit_trail(client_id)
    if args.format == "json":
        stdout.write(json.dumps([asdict(e) for e in events], indent=2, ensure_ascii=False) + "\n")
        return 0
    if not events:
        stdout.write(_("Nothing recorded.") + "\n")
        return 0
    rows = [
        [
            event.at[:19].replace("T", " "),
            event.actor,
            event.words,
            event.client_name or "",
            # the detail's keys and values as stored (field keys are not translated)
            ", ".join(f"{key} {value}" for key, value in sorted(event.detail.items())),
        ]
        for event in events
    ]
    stdout.write(terminal_safe(text_table(rows, columns(AUDIT_COLUMNS))) + "\n")
    return 0


def run_reassign(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        moved = workspace.reassign(args.source, args.target)
    # Translators: {source} and {target} are identities as typed (an e-mail or oidc:…).
    said = n_(
        "moved {count} client(s) and the shares of {source} to {target}",
        "moved {count} client(s) and the shares of {source} to {target}",
        moved,
        source=args.source,
        target=args.target,
    )
    say(stdout, said + "\n")
    return 0
