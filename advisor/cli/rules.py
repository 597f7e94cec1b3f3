"""`advisor rules check` and `advisor rules show` (`figures` and `calibrate`: `calibrate.py`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from advisor import wording
from advisor.cli import calibrate
from advisor.cli.options import EXIT_INVALID, add_rules_option
from advisor.cli.table import text_table
from advisor.i18n import SPANISH, n_, p_
from advisor.pack import RulePackError, load_pack, read_pack_documents
from advisor.pack.describe import band_rows, business_model_rows, source_rows, vocabulary_rows
from advisor.pack.languages import Untranslated
from advisor.pack.load import missing_translations


def register(commands: Any) -> None:
    rules = commands.add_parser("rules", help="check or show a rule pack")
    actions = rules.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate a rule pack; exit 2 on any problem")
    check.add_argument("path", help="rule pack file or folder")
    check.add_argument(
        "--fields",
        action="store_true",
        help="also list the fields a rule's `when` may test, with their choices",
    )
    check.set_defaults(handler=run_check)
    show = actions.add_parser(
        "show", help="thresholds, rules, bands of contract value and the sources with their year"
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
        print(f"{len(error.problems)} problem(s) in {args.path}", file=sys.stderr)
        return EXIT_INVALID
    stdout.write(
        f"OK: {pack.name} {pack.version} (digest {pack.digest}): {len(pack.rules)} rules, "
        f"{len(pack.thresholds)} thresholds, {len(pack.files)} file(s)\n"
    )
    _write_missing(stdout, args.path)
    if args.fields:
        rows = [list(row.values()) for row in vocabulary_rows()]
        headers = list(vocabulary_rows()[0])
        stdout.write("\nFields a rule may test\n" + text_table(rows, headers) + "\n")
    return 0


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
    stdout.write(f"{pack.name} {pack.version} (digest {pack.digest})\n\nThresholds\n")
    threshold_rows = [
        [row["name"], row["value"], row["unit"], row["source"]] for row in pack.threshold_rows()
    ]
    stdout.write(text_table(threshold_rows, ["name", "value", "unit", "source"]) + "\n\nRules\n")
    rule_rows = []
    for rule in pack.rules:
        effect = wording.effect_words(rule.effect.score, rule.effect.cap, rule.effect.verdict)
        rule_rows.append([rule.id, rule.category, effect, rule.title, rule.source])
    stdout.write(text_table(rule_rows, ["id", "category", "effect", "title", "source"]) + "\n")
    _write_rows(stdout, "Bands of contract value", band_rows(pack))
    if pack.book_size_band_source:
        stdout.write(f"Book size by band: {pack.book_size_band_source}\n")
    _write_rows(stdout, "Sources", source_rows(pack))
    models = business_model_rows(pack)
    if models:
        headers = list(models[0])
        rows = [list(row.values()) for row in models]
        stdout.write("\nBusiness models\n" + text_table(rows, headers) + "\n")
    return 0


def _write_rows(stdout: TextIO, title: str, rows: list[dict[str, str]]) -> None:
    if rows:
        headers = list(rows[0])
        table = text_table([[row[key] for key in headers] for row in rows], headers)
        stdout.write(f"\n{title}\n{table}\n")
