"""`advisor db upgrade|check|backup` and `advisor workspace export|import|admins|branding`:
operating the workspace database itself.

These are an operator's commands on the database: they check no client's roles, so whoever can
reach the database can run them. An import and a change of branding are recorded in the audit
trail. `workspace branding` acts as the workspace's own user, an administrator as the app's
single-user workspace's user is: the operator, who grants administration, also sets the name
and logo.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from advisor.branding import MAX_LOGO_BYTES, MAX_LOGO_PIXELS, logo_size
from advisor.cli.options import UsageError, add_db_option, write_atomically
from advisor.i18n import N_, _, formats, n_
from advisor.textsafety import terminal_safe

OPERATOR_NOTE = N_(
    "Operator commands on the database itself: they check no client's roles (whoever can "
    "reach the database can run them)."
)


def register(commands: Any) -> None:
    database = commands.add_parser(
        "db",
        help=_("upgrade, check or back up the workspace database (operator commands)"),
        description=_(OPERATOR_NOTE),
    )
    actions = database.add_subparsers(dest="action", required=True, metavar="ACTION")

    upgrade = actions.add_parser(
        "upgrade",
        help=_("run the schema's migrations; prints the revision before and after"),
        # Translators: {note} is the operator commands' note, translated.
        description=_(
            "Run the migrations the database lacks (creating it when new). {note}",
            note=_(OPERATOR_NOTE),
        ),
    )
    add_db_option(upgrade)
    upgrade.set_defaults(handler=run_upgrade)

    check = actions.add_parser(
        "check",
        help=_("exit 0 when the database answers at the current schema, else 2 with the reason"),
        description=_(
            "A readiness probe: exit 0 when the database answers and its schema is current; "
            "exit 2 with the reason on stderr (unreachable, not migrated, behind, or newer than "
            "this version). Creates nothing. {note}",
            note=_(OPERATOR_NOTE),
        ),
    )
    add_db_option(check)
    check.set_defaults(handler=run_check)

    backup = actions.add_parser(
        "backup",
        help=_("a consistent copy of a SQLite workspace, while the app may be writing to it"),
        description=_(
            "Copy a SQLite workspace through SQLite's online backup, written whole or not at "
            "all. A Postgres workspace is refused with the pg_dump line to use. {note}",
            note=_(OPERATOR_NOTE),
        ),
    )
    backup.add_argument("--out", metavar="FILE", required=True, help=_("the copy's file"))
    add_db_option(backup)
    backup.set_defaults(handler=run_backup)
    _register_workspace(commands)


def _register_workspace(commands: Any) -> None:
    """`advisor workspace export|import|admins|branding`."""
    workspace = commands.add_parser(
        "workspace",
        help=_("export a whole workspace to a JSON file, or import one (operator commands)"),
        description=_(OPERATOR_NOTE),
    )
    moves = workspace.add_subparsers(dest="action", required=True, metavar="ACTION")

    export = moves.add_parser(
        "export",
        help=_("every client, case, history point, workshop, share and audit event as JSON"),
        description=_(
            "Write the whole workspace as one JSON file (format am-advisor-workspace, version "
            "1; see README). {note}",
            note=_(OPERATOR_NOTE),
        ),
    )
    export.add_argument("--out", metavar="FILE", required=True, help=_("the JSON file to write"))
    add_db_option(export)
    export.set_defaults(handler=run_export)

    load = moves.add_parser(
        "import",
        help=_("read an export into an empty workspace (refused when it holds anything)"),
        description=_(
            "Check every record of an export, then write it into an empty workspace in one "
            "transaction, and record the import in the audit trail. {note}",
            note=_(OPERATOR_NOTE),
        ),
    )
    load.add_argument("file", metavar="FILE", help=_("a file written by advisor workspace export"))
    add_db_option(load)
    load.set_defaults(handler=run_import)

    admins = moves.add_parser(
        "admins",
        help=_("list, add or remove the administrators who change the firm's calibrated pack"),
        description=_(
            "The administrators of the workspace change the firm's calibration of the rule pack "
            "(`advisor calibration save --firm`, or the Rules page). {note}",
            note=_(OPERATOR_NOTE),
        ),
    )
    change = admins.add_mutually_exclusive_group()
    change.add_argument("--add", metavar="IDENTITY", help=_("an e-mail address or oidc:ISSUER#SUB"))
    change.add_argument("--remove", metavar="IDENTITY", help=_("stop them administering it"))
    add_db_option(admins)
    admins.set_defaults(handler=run_admins)

    brand = moves.add_parser(
        "branding",
        help=_("show or set the consultancy's name and logo on every document's cover"),
        # Translators: {bytes} and {pixels} are grouped numbers; {note} the operator's note.
        description=_(
            "Show the consultancy's name and logo, or change them: every brief's cover then "
            'says "Prepared by NAME" with the logo (a PNG or JPEG file of at most {bytes} bytes '
            "and {pixels} pixels). The app's Clients page changes them too, for the "
            "workspace's administrators only. {note}",
            bytes=formats.number(MAX_LOGO_BYTES),
            pixels=formats.number(MAX_LOGO_PIXELS),
            note=_(OPERATOR_NOTE),
        ),
    )
    brand.add_argument("--name", metavar="TEXT", help=_("the consultancy's name (empty: none)"))
    logo = brand.add_mutually_exclusive_group()
    logo.add_argument("--logo", metavar="FILE", help=_("the logo, a PNG or JPEG file"))
    logo.add_argument("--no-logo", action="store_true", help=_("remove the logo"))
    add_db_option(brand)
    brand.set_defaults(handler=run_branding)


def run_upgrade(args: argparse.Namespace, stdout: TextIO) -> int:
    from advisor.workspace.operate import upgrade_database

    before, after = upgrade_database(args.db)
    # Translators: {before} and {after} are schema revisions' ids.
    said = _(
        "revision before: {before}\nrevision after: {after}",
        before=before or _("(none)"),
        after=after,
    )
    stdout.write(said + "\n")
    return 0


def run_check(args: argparse.Namespace, stdout: TextIO) -> int:
    from advisor.workspace.operate import check

    stdout.write(terminal_safe(check(args.db)) + "\n")
    return 0


def run_backup(args: argparse.Namespace, stdout: TextIO) -> int:
    from advisor.workspace.operate import backup

    written = backup(args.db, args.out)
    stdout.write(terminal_safe(_("backed up the workspace to {file}", file=written)) + "\n")
    return 0


def run_export(args: argparse.Namespace, stdout: TextIO) -> int:
    from advisor.workspace.address import database_url
    from advisor.workspace.database import Database, database_timeout
    from advisor.workspace.operate import check
    from advisor.workspace.transfer import dump, export_workspace

    check(args.db)  # an export reads a current schema only: nothing is migrated here
    database = Database(database_url(args.db), database_timeout())
    try:
        data = export_workspace(database)
    finally:
        database.close()
    write_atomically(args.out, dump(data))
    clients = len(data["tables"]["clients"])
    said = n_(
        "exported {count} client(s) to {file}",
        "exported {count} client(s) to {file}",
        clients,
        file=args.out,
    )
    stdout.write(terminal_safe(said) + "\n")
    return 0


def run_import(args: argparse.Namespace, stdout: TextIO) -> int:
    from advisor.workspace import Workspace
    from advisor.workspace.transfer import import_workspace, read_export

    path = Path(args.file)
    if not path.is_file():
        raise UsageError.single(_("{file}: no such file", file=path))
    data = read_export(path.read_bytes(), str(path))
    with Workspace.open(args.db) as workspace:
        counts = import_workspace(workspace.database, workspace.actor, data, path.name)
    rows = sum(counts.values())
    # Translators: {clients} and {rows} are counts; {file} the export's path.
    message = _(
        "imported {clients} client(s), {rows} row(s) in all, from {file}",
        clients=counts["clients"],
        rows=rows,
        file=path,
    )
    stdout.write(terminal_safe(message) + "\n")
    return 0


def run_admins(args: argparse.Namespace, stdout: TextIO) -> int:
    from advisor.workspace import Workspace
    from advisor.workspace.calibrations import admins, grant_admin, revoke_admin
    from advisor.workspace.identity import principal_label

    with Workspace.open(args.db) as workspace:
        database = workspace.database
        if args.add:
            key = database.write(lambda c: grant_admin(c, args.add))
            stdout.write(
                terminal_safe(_("{user} administers the firm's pack", user=principal_label(key)))
                + "\n"
            )
        elif args.remove:
            if not database.write(lambda c: revoke_admin(c, args.remove)):
                raise UsageError.single(
                    _("{user} is not an administrator of this workspace", user=args.remove)
                )
            said = _("{user} no longer administers it", user=args.remove)
            stdout.write(terminal_safe(said) + "\n")
        with database.reading() as connection:
            listed = admins(connection)
    # Translators: an administrator and when they became one ({at}: a date and time in ISO form).
    rows = "".join(
        _("{user}  (since {at})", user=principal_label(key), at=at) + "\n" for key, at in listed
    )
    none = _("No administrators: only a single-user workspace's own user.") + "\n"
    stdout.write(terminal_safe(rows or none))
    return 0


def run_branding(args: argparse.Namespace, stdout: TextIO) -> int:
    from advisor.workspace import Workspace
    from advisor.workspace.branding import KEEP

    logo: bytes | object | None = KEEP
    if args.no_logo:
        logo = None
    elif args.logo:
        path = Path(args.logo)
        if not path.is_file():
            raise UsageError.single(_("{file}: no such file", file=path), path="--logo")
        if path.stat().st_size > MAX_LOGO_BYTES:  # refused before it is read whole
            raise UsageError.single(
                # Translators: {size} and {most} are numbers of bytes, grouped.
                _(
                    "{file}: the logo is {size} bytes; at most {most} bytes are taken: save it "
                    "smaller",
                    file=path,
                    size=formats.number(path.stat().st_size),
                    most=formats.number(MAX_LOGO_BYTES),
                ),
                path="--logo",
            )
        logo = path.read_bytes()
    with Workspace.open(args.db) as workspace:
        if args.name is not None or logo is not KEEP:
            branding = workspace.branding.save(args.name, logo, str(args.logo or "logo"))
        else:
            branding = workspace.branding.read()
    shown = _("(none)")
    if branding.logo is not None:
        wide, high = logo_size(branding.logo)
        # Translators: a logo's size in pixels, and its format.
        shown = _("{width} × {height} pixels, PNG", width=wide, height=high)
    # Translators: the consultancy's name and its logo's size, on two lines.
    said = _("name: {name}\nlogo: {logo}", name=branding.name or _("(none)"), logo=shown)
    stdout.write(terminal_safe(said + "\n"))
    return 0
