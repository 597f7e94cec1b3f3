"""Command line: `advisor assess|assess-batch|rules check|rules show`.

Every command runs on the same core as the app. Invalid input exits with code 2 and a message
on stderr naming the file, line or row and the field; no traceback.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import difflib
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from advisor import wording
from advisor.engine import evaluate
from advisor.profile import CompanyProfile, ProfileError, load_profile, parse_profile
from advisor.report import render_markdown, render_text
from advisor.rules import RulePack, RulePackError, check_pack, load_pack
from advisor.storage import DEFAULT_DB, StorageError, Store
from advisor.timeline import growth_timeline, timeline_to_dict
from advisor.yamlio import DocumentError

EXIT_INVALID = 2
MAX_BATCH_BYTES = 50_000_000
BATCH_COLUMNS = (
    "row",
    "company",
    "verdict",
    "score",
    "recommended_am_count",
    "total_arr",
    "arr_at_risk",
    "am_cost_share_of_gross_profit",
    "fired_rules",
    "headline",
    "error",
)


class UsageError(Exception):
    """Bad input found by a command; printed on stderr with exit code 2."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-22") from None


def _load_rules(path: str | None) -> RulePack:
    return load_pack(path)


def _write(text: str, out: str | None, stdout: TextIO) -> None:
    if out:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"{out}: cannot write: {error.strerror or error}") from None
    else:
        stdout.write(text)


# ---------------------------------------------------------------------------------------------
# assess


def cmd_assess(args: argparse.Namespace, stdout: TextIO) -> int:
    pack = _load_rules(args.rules)
    profile = load_profile(args.profile)
    assessment = evaluate(profile, pack)
    timeline = growth_timeline(profile, pack, args.as_of)
    if args.save:
        with Store(args.db) as store:
            saved = store.save(assessment, scenario=args.scenario)
        print(f"saved as #{saved} in {args.db}", file=sys.stderr)
    if args.format == "json":
        data = assessment.to_dict()
        data["timeline"] = timeline_to_dict(timeline) if timeline else None
        text = json.dumps(data, indent=2, allow_nan=False, ensure_ascii=False)
        _write(text + "\n", args.out, stdout)
    elif args.format == "md":
        _write(render_markdown(assessment, timeline), args.out, stdout)
    else:
        _write(render_text(assessment, timeline), args.out, stdout)
    return 0


# ---------------------------------------------------------------------------------------------
# assess-batch


def _read_batch(path: str) -> tuple[list[str], list[list[str]]]:
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from None
    if size > MAX_BATCH_BYTES:
        raise UsageError(f"{path}: larger than {MAX_BATCH_BYTES // 1_000_000} MB")
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        raise UsageError(f"{path}: empty file; expected a header row of profile field names")
    header = [name.strip() for name in rows[0]]
    return header, rows[1:]


def _check_header(path: str, header: list[str]) -> None:
    known = set(CompanyProfile.model_fields)
    for index, name in enumerate(header, start=1):
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), 1, 0.5)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise UsageError(
                f"{path}: header column {index}: unknown field '{name}'{hint}; columns must be "
                "profile field names"
            )
    duplicates = {name for name in header if header.count(name) > 1}
    if duplicates:
        raise UsageError(f"{path}: header repeats {', '.join(sorted(duplicates))}")


def batch_rows(header: list[str], rows: list[list[str]], pack: RulePack) -> list[dict[str, Any]]:
    """Assess each row on its own; a bad row gets its error and the batch goes on."""
    results = []
    for number, cells in enumerate(rows, start=2):  # row 1 is the header
        if not any(cell.strip() for cell in cells):
            continue
        result: dict[str, Any] = dict.fromkeys(BATCH_COLUMNS, "")
        result["row"] = number
        if len(cells) != len(header):
            result["error"] = f"row {number}: {len(cells)} cells, header has {len(header)}"
            results.append(result)
            continue
        data = {name: cell for name, cell in zip(header, cells, strict=True) if cell.strip()}
        result["company"] = data.get("company", "")
        try:
            profile = parse_profile(data)
        except ProfileError as error:
            result["error"] = f"row {number}: " + "; ".join(str(p) for p in error.problems)
            results.append(result)
            continue
        assessment = evaluate(profile, pack, with_flip_points=False)
        econ = assessment.economics
        share = econ.am_cost_share_of_gross_profit
        result.update(
            company=profile.company,
            verdict=assessment.verdict.value,
            score=f"{assessment.score:.0f}",
            recommended_am_count=assessment.recommended_am_count,
            total_arr=f"{econ.total_arr:.2f}",
            arr_at_risk=f"{econ.arr_at_risk:.2f}",
            am_cost_share_of_gross_profit="" if share is None else f"{share:.4f}",
            fired_rules=" ".join(result.rule_id for result in assessment.fired),
            headline=assessment.headline,
        )
        results.append(result)
    return results


def _csv_safe(value: Any) -> Any:
    """Keep a spreadsheet from reading a company name as a formula."""
    from advisor.textsafety import neutralise_formula

    return neutralise_formula(value) if isinstance(value, str) else value


def cmd_assess_batch(args: argparse.Namespace, stdout: TextIO) -> int:
    pack = _load_rules(args.rules)
    header, rows = _read_batch(args.profiles)
    _check_header(args.profiles, header)
    results = batch_rows(header, rows, pack)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=BATCH_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        writer.writerow({key: _csv_safe(value) for key, value in result.items()})
    _write(buffer.getvalue(), args.out, stdout)
    failed = sum(1 for result in results if result["error"])
    print(
        f"{len(results)} rows assessed, {failed} with errors"
        + (f"; results in {args.out}" if args.out else ""),
        file=sys.stderr,
    )
    return 0


# ---------------------------------------------------------------------------------------------
# history


def cmd_history(args: argparse.Namespace, stdout: TextIO) -> int:
    with Store(args.db) as store:
        if args.id is not None:
            _profile, result = store.load(args.id)
            stdout.write(json.dumps(result, indent=2, allow_nan=False, ensure_ascii=False) + "\n")
            return 0
        rows = [saved.as_row() for saved in store.history(args.company)]
    if not rows:
        stdout.write("No saved assessments.\n")
        return 0
    headers = ["id", "saved_at", "company", "scenario", "verdict", "score", "pack"]
    table = [[str(row[h]) if h != "score" else f"{row[h]:.0f}" for h in headers] for row in rows]
    stdout.write(_table(table, headers) + "\n")
    return 0


# ---------------------------------------------------------------------------------------------
# rules


def cmd_rules_check(args: argparse.Namespace, stdout: TextIO) -> int:
    issues = check_pack(args.path)
    if issues:
        for issue in issues:
            print(issue, file=sys.stderr)
        print(f"{len(issues)} problem(s) in {args.path}", file=sys.stderr)
        return EXIT_INVALID
    pack = load_pack(args.path)
    stdout.write(
        f"OK: {pack.name} {pack.version} (digest {pack.digest}): {len(pack.rules)} rules, "
        f"{len(pack.thresholds)} thresholds, {len(pack.files)} file(s)\n"
    )
    return 0


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [
        min(60, max(len(h), *(len(r[i]) for r in rows))) if rows else len(h)
        for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            (c if len(c) <= w else c[: w - 1] + "…").ljust(w)
            for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def cmd_rules_show(args: argparse.Namespace, stdout: TextIO) -> int:
    pack = _load_rules(args.rules)
    stdout.write(f"{pack.name} {pack.version} (digest {pack.digest})\n\nThresholds\n")
    threshold_rows = [
        [row["name"], row["value"], row["unit"], row["source"]] for row in pack.threshold_rows()
    ]
    stdout.write(_table(threshold_rows, ["name", "value", "unit", "source"]) + "\n\nRules\n")
    rule_rows = []
    for rule in pack.rules:
        effect = wording.effect_words(rule.effect.score, rule.effect.cap, rule.effect.verdict)
        rule_rows.append([rule.id, rule.category, effect, rule.title, rule.source])
    stdout.write(_table(rule_rows, ["id", "category", "effect", "title", "source"]) + "\n")
    return 0


# ---------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="advisor",
        description="Should we hire an Account Manager now, and what exactly is the role?",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def rules_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--rules", metavar="PATH", help="rule pack file or folder (default: the shipped pack)"
        )

    def db_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--db", type=Path, default=DEFAULT_DB, help=f"SQLite file (default: {DEFAULT_DB})"
        )

    assess = commands.add_parser("assess", help="assess one company profile (YAML or JSON)")
    assess.add_argument("profile", help="profile file, e.g. examples/northwind-hire-now.yaml")
    rules_option(assess)
    assess.add_argument("--format", choices=("text", "json", "md"), default="text")
    assess.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    assess.add_argument(
        "--as-of",
        type=_date,
        default=dt.date.today(),
        metavar="YYYY-MM-DD",
        help="date the growth timeline starts from (default: today)",
    )
    assess.add_argument("--save", action="store_true", help="keep the result in the database")
    assess.add_argument("--scenario", default="", help="a name for the saved scenario")
    db_option(assess)
    assess.set_defaults(handler=cmd_assess)

    history = commands.add_parser("history", help="list saved assessments, or print one")
    db_option(history)
    history.add_argument("--company", help="only this company's assessments")
    history.add_argument("id", nargs="?", type=int, help="print this saved assessment as JSON")
    history.set_defaults(handler=cmd_history)

    batch = commands.add_parser(
        "assess-batch", help="assess one profile per CSV row (columns = profile field names)"
    )
    batch.add_argument("profiles", help="CSV file with a header row of field names")
    rules_option(batch)
    batch.add_argument("--out", metavar="FILE", help="write the result CSV here")
    batch.set_defaults(handler=cmd_assess_batch)

    rules = commands.add_parser("rules", help="check or show a rule pack")
    rules_commands = rules.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    check = rules_commands.add_parser("check", help="validate a rule pack; exit 2 on any problem")
    check.add_argument("path", help="rule pack file or folder")
    check.set_defaults(handler=cmd_rules_check)
    show = rules_commands.add_parser("show", help="table of rules and thresholds with sources")
    rules_option(show)
    show.set_defaults(handler=cmd_rules_show)

    for register in _extensions():
        register(commands)
    return parser


def _extensions() -> list[Callable[[Any], object]]:
    """Commands that live beside their feature modules (brief, diagnose)."""
    from advisor.cli_brief import register as register_brief
    from advisor.cli_diagnose import register as register_diagnose

    return [register_diagnose, register_brief]


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args, out)
        return code
    except (ProfileError, RulePackError) as error:
        print(str(error), file=sys.stderr)
    except (DocumentError, UsageError, StorageError) as error:
        print(str(error), file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
