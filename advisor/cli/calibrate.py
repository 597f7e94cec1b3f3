"""`advisor rules figures|calibrate` and `advisor calibration show|save|remove|export`.

`rules figures` lists every figure a firm may tune with its value, file and line; `rules
calibrate` writes a pack with some of them changed (each in place, every comment kept).
`calibration` keeps such a pack in the workspace as the firm's pack or a client's, shows what
it changes against the shipped pack, and writes it back out as a folder for `--rules`.
"""

from __future__ import annotations

import argparse
from pathlib import Path, PurePath
from typing import Any, TextIO

from advisor.cli.options import UsageError, add_db_option, open_workspace, write_atomically
from advisor.cli.table import text_table
from advisor.i18n import _, p_
from advisor.pack.calibrate import apply_edits, change_rows, figures
from advisor.pack.load import pack_from_documents, read_pack_documents
from advisor.pack.uploads import default_documents
from advisor.textsafety import terminal_safe

Documents = list[tuple[str, bytes]]


def register_rules(actions: Any) -> None:
    """`rules figures` and `rules calibrate`, under `advisor rules`."""
    listing = actions.add_parser(
        "figures", help=_("every figure a calibration may change: path, value, file:line")
    )
    listing.add_argument("--rules", metavar="PATH", help=_("the pack (default: the shipped pack)"))
    listing.set_defaults(handler=run_figures)
    calibrate = actions.add_parser(
        "calibrate",
        help=_("write a pack with figures changed in place (--set PATH=VALUE, repeatable)"),
    )
    calibrate.add_argument("--rules", metavar="PATH", help=_("the pack to start from"))
    calibrate.add_argument(
        "--set",
        dest="edits",
        action="append",
        default=[],
        metavar="PATH=VALUE",
        required=True,
        help=_("a figure's path as `advisor rules figures` lists it, and its new value"),
    )
    calibrate.add_argument("--out", metavar="DIR", required=True, help=_("the folder to write"))
    calibrate.set_defaults(handler=run_calibrate)


def register(commands: Any) -> None:
    calibration = commands.add_parser(
        "calibration",
        help=_("the firm's or a client's calibrated rule pack, kept in the workspace"),
    )
    actions = calibration.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = actions.add_parser("show", help=_("who saved it, when, and what it changes"))
    _scope(show, required=False)
    show.set_defaults(handler=run_show)
    save = actions.add_parser("save", help=_("keep a pack as the firm's or a client's"))
    _scope(save, required=True)
    save.add_argument("--rules", metavar="PATH", required=True, help=_("the pack to keep"))
    save.set_defaults(handler=run_save)
    remove = actions.add_parser("remove", help=_("go back to the shipped pack for that scope"))
    _scope(remove, required=True)
    remove.set_defaults(handler=run_remove)
    export = actions.add_parser("export", help=_("write the saved pack to a folder for --rules"))
    _scope(export, required=False)
    export.add_argument("--out", metavar="DIR", required=True, help=_("the folder to write"))
    export.set_defaults(handler=run_export)


def _scope(parser: argparse.ArgumentParser, *, required: bool) -> None:
    scope = parser.add_mutually_exclusive_group(required=required)
    scope.add_argument("--firm", action="store_true", help=_("the firm's pack"))
    scope.add_argument("--client", metavar="NAME", help=_("this client's pack (name in any case)"))
    add_db_option(parser)


def _edits(items: list[str]) -> dict[str, str]:
    edits: dict[str, str] = {}
    for item in items:
        path, sign, value = item.partition("=")
        if not sign or not path.strip() or not value.strip():
            raise UsageError.single(
                _(
                    "--set '{item}': expected PATH=VALUE, e.g. "
                    "thresholds.trigger_zone.by_segment.smb.low=22",
                    item=item,
                )
            )
        edits[path.strip()] = value.strip()
    return edits


def _read(path: str | None) -> Documents:
    """The pack's files by base name, as the workspace keeps them and a folder holds them."""
    return [(PurePath(name).name, content) for name, content in read_pack_documents(path)]


def _write_folder(folder: str, documents: Documents) -> None:
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        # Translators: {folder} is a folder's path; {reason} the system's words.
        raise UsageError.single(
            _("{folder}: cannot create the folder: {reason}", folder=folder, reason=error.strerror)
        ) from None
    for name, content in documents:
        # Only the base name: a file name is never a path out of the folder.
        write_atomically(target / PurePath(name).name, content)


def _changes(before: Documents, after: Documents) -> str:
    rows = [list(row.values()) for row in change_rows(before, after)]
    if not rows:
        return _("No figure differs from the shipped pack.") + "\n"
    headers = [
        p_("column", "figure"),
        p_("column", "shipped pack"),
        p_("column", "this pack"),
        p_("column", "change"),
    ]
    return text_table(rows, headers) + "\n"


def run_figures(args: argparse.Namespace, stdout: TextIO) -> int:
    documents = _read(args.rules)
    rows = [
        [figure.path, figure.text(), f"{figure.file}:{figure.line}"]
        for figure in figures(documents)
    ]
    headers = [p_("column", "figure"), p_("column", "value"), p_("column", "where")]
    stdout.write(text_table(rows, headers) + "\n")
    return 0


def run_calibrate(args: argparse.Namespace, stdout: TextIO) -> int:
    documents = _read(args.rules)
    changed = apply_edits(documents, _edits(args.edits))
    pack = pack_from_documents(changed)  # refused, naming file, line and field, when broken
    _write_folder(args.out, changed)
    stdout.write(
        # Translators: {name} and {version} are the rule pack's; {digest} its digest.
        terminal_safe(
            _(
                "Wrote {name} {version} (digest {digest}) to {folder}",
                name=pack.name,
                version=pack.version,
                digest=pack.digest,
                folder=args.out,
            )
        )
        + "\n"
        + _changes(default_documents(), changed)
    )
    return 0


def _target(workspace: Any, args: argparse.Namespace) -> tuple[int | None, str]:
    """The client's id (None: the firm) and how messages name the scope."""
    if not args.client:
        # Translators: the scope of a calibration, put in the sentences below as {scope}.
        return None, _("the firm")
    client = workspace.find_client(args.client)
    return int(client.id), _("client {name}", name=client.name)


def run_show(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client_id, words = _target(workspace, args)
        saved = workspace.calibrations.read(client_id)
    if saved is None:
        said = _("No calibration is saved for {scope}: the shipped pack.", scope=words)
        stdout.write(terminal_safe(said) + "\n")
        return 0
    stdout.write(
        terminal_safe(
            # Translators: {user} is who saved it; {at} a date and time in ISO form.
            _(
                "{name} {version} (digest {digest}) for {scope}, saved by {user} at {at}",
                name=saved.pack_name,
                version=saved.pack_version,
                digest=saved.pack_digest,
                scope=words,
                user=saved.saved_by_label,
                at=saved.saved_at,
            )
        )
        + "\n"
        + _changes(default_documents(), saved.documents)
    )
    return 0


def run_save(args: argparse.Namespace, stdout: TextIO) -> int:
    documents = _read(args.rules)
    with open_workspace(args) as workspace:
        client_id, words = _target(workspace, args)
        saved = workspace.calibrations.save(documents, client_id)
    stdout.write(
        terminal_safe(
            _(
                "Saved {name} {version} (digest {digest}) as the pack of {scope}",
                name=saved.pack_name,
                version=saved.pack_version,
                digest=saved.pack_digest,
                scope=words,
            )
            + "\n"
        )
        + _changes(default_documents(), saved.documents)
    )
    return 0


def run_remove(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client_id, words = _target(workspace, args)
        gone = workspace.calibrations.remove(client_id)
    message = (
        _("Removed the calibration of {scope}; the shipped pack applies.", scope=words)
        if gone
        else _("{scope} had no calibration; the shipped pack applies.", scope=words)
    )
    stdout.write(terminal_safe(message) + "\n")
    return 0


def run_export(args: argparse.Namespace, stdout: TextIO) -> int:
    with open_workspace(args) as workspace:
        client_id, words = _target(workspace, args)
        saved = workspace.calibrations.read(client_id)
    if saved is None:
        raise UsageError.single(_("no calibration is saved for {scope}", scope=words))
    _write_folder(args.out, saved.documents)
    stdout.write(
        terminal_safe(
            _(
                "Wrote the pack of {scope} to {folder}; assess with --rules {folder}",
                scope=words,
                folder=args.out,
            )
        )
        + "\n"
    )
    return 0
