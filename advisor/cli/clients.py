"""`advisor clients list|add|rename|archive|delete|audit|reassign`: the clients in the workspace."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any, TextIO

from advisor.cli.options import UsageError, add_db_option, add_format_option, open_workspace
from advisor.cli.table import text_table
from advisor.textsafety import terminal_safe
from advisor.wording import saved_score
from advisor.workspace import Client

CLIENT_COLUMNS = [
    "id",
    "name",
    "cases",
    "latest verdict",
    "score",
    "saved",
    "status",
    "shared with",
]


def register(commands: Any) -> None:
    clients = commands.add_parser("clients", help="list, add, rename, archive or delete clients")
    actions = clients.add_subparsers(dest="action", required=True, metavar="ACTION")

    listing = actions.add_parser("list", help="the workspace's clients, by name")
    listing.add_argument("--search", default="", metavar="TEXT", help="any part of the name")
    listing.add_argument("--archived", action="store_true", help="include archived clients")
    add_format_option(listing, ("text", "json"))
    add_db_option(listing)
    listing.set_defaults(handler=run_list)

    add = actions.add_parser("add", help="add a client")
    add.add_argument("name", help="the client's name, unique in any case")
    add_db_option(add)
    add.set_defaults(handler=run_add)

    rename = actions.add_parser("rename", help="rename a client")
    rename.add_argument("name", help="the client's current name (any case)")
    rename.add_argument("new_name", help="its new name")
    add_db_option(rename)
    rename.set_defaults(handler=run_rename)

    archive = actions.add_parser("archive", help="archive a client (kept, hidden from lists)")
    archive.add_argument("name", help="the client's name (any case)")
    archive.add_argument("--undo", action="store_true", help="bring an archived client back")
    add_db_option(archive)
    archive.set_defaults(handler=run_archive)

    delete = actions.add_parser("delete", help="delete a client with its cases and history")
    delete.add_argument("name", help="the client's name (any case)")
    delete.add_argument("--yes", action="store_true", help="delete without asking")
    add_db_option(delete)
    delete.set_defaults(handler=run_delete)

    trail = actions.add_parser(
        "audit", help="what happened to a client (or to all of yours): who, what, when"
    )
    trail.add_argument("name", nargs="?", help="the client's name (any case); none: all")
    add_format_option(trail, ("text", "json"))
    add_db_option(trail)
    trail.set_defaults(handler=run_audit)

    reassign = actions.add_parser(
        "reassign",
        help="move every client and share of one identity to another (a team server's operator)",
        description="Move every client one identity owns, and every share it was given, to "
        "another identity: e.g. the clients of a consultant recorded by subject alone "
        "(legacy:SUBJECT) to their identity with its issuer (oidc:ISSUER#SUBJECT, as their "
        "account panel shows it), or from one address to another (alice@old.com to "
        "alice@new.com).",
    )
    reassign.add_argument("--from", dest="source", required=True, metavar="IDENTITY")
    reassign.add_argument("--to", dest="target", required=True, metavar="IDENTITY")
    add_db_option(reassign)
    reassign.set_defaults(handler=run_reassign)


def client_row(client: Client) -> list[str]:
    return [
        str(client.id),
        client.name,
        str(client.case_count),
        client.latest_verdict or "",
        saved_score(client.latest_verdict or "", client.latest_score, suffix=""),
        (client.latest_at or "")[:10],
        "archived" if client.archived else "active",
        ", ".join(f"{share.label} ({share.role})" for share in client.shared_with),
    ]


def run_list(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        found = workspace.clients(args.search, include_archived=args.archived)
    if args.format == "json":
        data = [asdict(client) for client in found]
        stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif not found:
        stdout.write("No clients match.\n" if args.search else "No clients yet.\n")
    else:
        stdout.write(text_table([client_row(c) for c in found], CLIENT_COLUMNS) + "\n")
    return 0


def run_add(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client = workspace.add_client(args.name)
    say(stdout, f"added client '{client.name}' (id {client.id})\n")
    return 0


def run_rename(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        old = workspace.find_client(args.name)
        client = workspace.rename_client(old.id, args.new_name)
    say(stdout, f"renamed client '{old.name}' to '{client.name}'\n")
    return 0


def run_archive(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client = workspace.archive_client(workspace.find_client(args.name).id, not args.undo)
    state = "archived" if client.archived else "brought back"
    say(stdout, f"{state} client '{client.name}'\n")
    return 0


def run_delete(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client = workspace.find_client(args.name)
        points = len(workspace.history(client.id))
        what = (
            f"client '{client.name}' with its {client.case_count} case(s) and "
            f"{points} saved assessment(s)"
        )
        if not args.yes and not _confirmed(f"Delete {what}? This cannot be undone. [y/N] "):
            raise UsageError.single(
                f"not deleted: {what}; add --yes to delete without asking", path="--yes"
            )
        workspace.delete_client(client.id)
    say(stdout, f"deleted {what}\n")
    return 0


def _confirmed(question: str) -> bool:
    """Asks on the terminal; never from a pipe, where a script must say --yes itself."""
    if not sys.stdin.isatty():
        return False
    print(question, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def say(stdout: TextIO, text: str) -> None:
    """One line for the terminal: a name holding escape codes prints as plain text."""
    stdout.write(terminal_safe(text))


AUDIT_COLUMNS = ["when", "who", "what", "client", "detail"]


def run_audit(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client_id = None if args.name is None else workspace.find_client(args.name).id
        events = workspace.audit_trail(client_id)
    if args.format == "json":
        stdout.write(json.dumps([asdict(e) for e in events], indent=2, ensure_ascii=False) + "\n")
        return 0
    if not events:
        stdout.write("Nothing recorded.\n")
        return 0
    rows = [
        [
            event.at[:19].replace("T", " "),
            event.actor,
            event.words,
            event.client_name or "",
            ", ".join(f"{key} {value}" for key, value in sorted(event.detail.items())),
        ]
        for event in events
    ]
    stdout.write(terminal_safe(text_table(rows, AUDIT_COLUMNS)) + "\n")
    return 0


def run_reassign(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        moved = workspace.reassign(args.source, args.target)
    say(stdout, f"moved {moved} client(s) and the shares of {args.source} to {args.target}\n")
    return 0
