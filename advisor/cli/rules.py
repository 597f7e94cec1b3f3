"""`advisor rules check` and `advisor rules show` (`figures` and `calibrate`: `calibrate.py`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from advisor import wording
from advisor.cli import calibrate
from advisor.cli.options import EXIT_INVALID, add_rules_option
from advisor.cli.table import text_table
from advisor.i18n import SPANISH, _, n_, p_
from advisor.pack import RulePackError, load_pack, read_pack_documents
from advisor.pack.describe import band_rows, business_model_rows, source_rows, vocabulary_rows
from advisor.pack.languages import Untranslated
from advisor.pack.load import missing_translations


def register(commands: Any) -> None:
    rules = commands.add_parser("rules", help=_("check or show a rule pack"))
    actions = rules.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help=_("validate a rule pack; exit 2 on any problem"))
    check.add_argument("path", help=_("rule pack file or folder"))
    check.add_argument(
        "--fields",
        action="store_true",
        help=_("also list the fields a rule's `when` may test, with their choices"),
    )
    check.set_defaults(handler=run_check)
    show = actions.add_parser(
        "show",
        help=_("thresholds, rules, bands of contract value and the sources with their year"),
    )
    add_rules_option(show)
    show.set_defaults(handler=run_show)
    calibrate.register_rules(actions)


def run_check(args: argparse.Namespace, stdout: TextIO) -> int:
    """Every problem of the pack on stderr (exit 2), or one line of what it holds and a note
    for each text with no Spanish translation."""
    try:
        pack = load_pack(args.path)
    except RulePackError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        # Translators: the last line of `advisor rules check` on a refused pack
        count = len(error.problems)
        print(
            n_(
                "{count} problem(s) in {path}",
                "{count} problem(s) in {path}",
                count,
                path=args.path,
            ),
            file=sys.stderr,
        )
        return EXIT_INVALID
    stdout.write(_summary(pack.name, pack.version, pack.digest, pack) + "\n")
    _write_missing(stdout, args.path)
    if args.fields:
        rows = [list(row.values()) for row in vocabulary_rows()]
        headers = list(vocabulary_rows()[0])
        title = _("Fields a rule may test")
        stdout.write(f"\n{title}\n" + text_table(rows, headers) + "\n")
    return 0


def _summary(name: str, version: str, digest: str, pack: Any) -> str:
    # Translators: `advisor rules check` on a pack that loads; {digest} is an id
    return _(
        "OK: {name} {version} (digest {digest}): {rules} rules, {thresholds} thresholds, "
        "{files} file(s)",
        name=name,
        version=version,
        digest=digest,
        rules=len(pack.rules),
        thresholds=len(pack.thresholds),
        files=len(pack.files),
    )


def _write_missing(stdout: TextIO, path: str) -> None:
    """A note per text with no Spanish translation, and how many there are."""
    missing = missing_translations(read_pack_documents(path), SPANISH)
    stdout.writelines(_missing_note(text) + "\n" for text in missing)
    if missing:
        stdout.write(_missing_count(len(missing)) + "\n")


def _missing_note(text: Untranslated) -> str:
    place = f"{text.file}:{text.line}"
    # Translators: a note of `advisor rules check`; {place} is FILE:LINE, {field} a key path.
    return p_(
        "rules check",
        "{place}: {field}: no Spanish text (English is used)",
        place=place,
        field=text.path,
    )


def _missing_count(count: int) -> str:
    return n_(
        "{count} text of the pack has no Spanish translation: English is shown in its place",
        "{count} texts of the pack have no Spanish translation: English is shown in their place",
        count,
    )


def run_show(args: argparse.Namespace, stdout: TextIO) -> int:
    pack = load_pack(args.rules)
    # Translators: the first line of `advisor rules show`; {digest} is an id
    heading = _(
        "{name} {version} (digest {digest})",
        name=pack.name,
        version=pack.version,
        digest=pack.digest,
    )
    thresholds = p_("rules show", "Thresholds")
    stdout.write(f"{heading}\n\n{thresholds}\n")
    threshold_rows = [
        [row["name"], row["value"], row["unit"], row["source"]] for row in pack.threshold_rows()
    ]
    headers = [
        p_("column", "name"),
        p_("column", "value"),
        p_("column", "unit"),
        p_("column", "source"),
    ]
    rules = p_("rules show", "Rules")
    stdout.write(text_table(threshold_rows, headers) + f"\n\n{rules}\n")
    rule_rows = []
    for rule in pack.rules:
        effect = wording.effect_words(rule.effect.score, rule.effect.cap, rule.effect.verdict)
        rule_rows.append([rule.id, rule.category, effect, rule.title, rule.source])
    headers = [
        p_("column", "id"),
        p_("column", "category"),
        p_("column", "effect"),
        p_("column", "title"),
        p_("column", "source"),
    ]
    stdout.write(text_table(rule_rows, headers) + "\n")
    _write_rows(stdout, p_("rules show", "Bands of contract value"), band_rows(pack))
    if pack.book_size_band_source:
        line = _("Book size by band: {source}", source=pack.book_size_band_source)
        stdout.write(f"{line}\n")
    _write_rows(stdout, p_("rules show", "Sources"), source_rows(pack))
    models = business_model_rows(pack)
    if models:
        headers = list(models[0])
        rows = [list(row.values()) for row in models]
        title = p_("rules show", "Business models")
        stdout.write(f"\n{title}\n" + text_table(rows, headers) + "\n")
    return 0


def _write_rows(stdout: TextIO, title: str, rows: list[dict[str, str]]) -> None:
    if rows:
        headers = list(rows[0])
        table = text_table([[row[key] for key in headers] for row in rows], headers)
        stdout.write(f"\n{title}\n{table}\n")
