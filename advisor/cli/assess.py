"""`advisor assess`, `advisor assess-batch` and `advisor history` (the last two through `saved`)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from advisor.cli.options import (
    DATE_LIKE_AN_EXAMPLE,
    UsageError,
    add_db_option,
    add_format_option,
    add_out_option,
    add_rules_option,
    date_parser,
    write_output,
)
from advisor.engine import evaluate
from advisor.export.assessment import render_markdown, render_text
from advisor.pack import RulePack, load_pack, pack_from_documents, read_pack_documents
from advisor.problems import suggest
from advisor.profile import CompanyProfile, ProfileError, load_profile, parse_profile
from advisor.textsafety import neutralise_formula

MAX_BATCH_BYTES = 50_000_000
BATCH_COLUMNS = (
    "row",
    "company",
    "verdict",
    "score",
    "readiness",
    "recommended_am_count",
    "team_cost",
    "total_arr",
    "arr_at_risk",
    "am_cost_share_of_gross_profit",
    "payback_months",
    "fired_rules",
    "headline",
    "error",
)


def register(commands: Any) -> None:
    """Add `assess`, `history` and `assess-batch`, in the order `advisor --help` lists them."""
    assess = commands.add_parser("assess", help="assess one company profile (YAML or JSON)")
    assess.add_argument("profile", help="profile file, e.g. examples/northwind-hire-now.yaml")
    add_rules_option(assess)
    add_format_option(assess)
    add_out_option(assess, "write here instead of standard output")
    assess.add_argument(
        "--as-of",
        type=date_parser(DATE_LIKE_AN_EXAMPLE),
        default=None,
        metavar="YYYY-MM-DD",
        help="the date every date of the plan counts from: the search, the hires, the growth, "
        "the reassessment (default: today)",
    )
    assess.add_argument(
        "--save", action="store_true", help="keep the result as a case in the workspace"
    )
    assess.add_argument(
        "--client",
        metavar="NAME",
        help="the client to save under, any case (default: the profile's company; a new name "
        "becomes a new client)",
    )
    assess.add_argument(
        "--scenario",
        metavar="NAME",
        help="the case to save as (default: today); an existing one gets its next revision",
    )
    assess.add_argument("--notes", default="", metavar="TEXT", help="notes kept with the case")
    add_db_option(assess)
    assess.set_defaults(handler=run_assess)

    history = commands.add_parser("history", help="list saved assessments, or print one")
    history.add_argument("id", nargs="?", type=int, help="print this saved assessment as JSON")
    scope = history.add_mutually_exclusive_group()
    scope.add_argument("--client", metavar="NAME", help="this client's history (name in any case)")
    scope.add_argument("--company", metavar="TEXT", help="clients whose name holds this text")
    add_format_option(history, ("text", "json"))
    add_db_option(history)
    history.set_defaults(handler=run_history)

    batch = commands.add_parser(
        "assess-batch", help="assess one profile per CSV row (columns = profile field names)"
    )
    batch.add_argument("profiles", help="CSV file with a header row of field names")
    add_rules_option(batch)
    add_out_option(batch, "write the result CSV here")
    batch.set_defaults(handler=run_assess_batch)


def run_assess(args: argparse.Namespace, stdout: TextIO) -> int:
    saving = [option for option in ("client", "scenario", "notes") if getattr(args, option)]
    if saving and not args.save:
        raise UsageError.single(
            f"--{saving[0]} names where to save; add --save to keep the result",
            path=f"--{saving[0]}",
        )
    documents = read_pack_documents(args.rules) if args.save else []
    pack = pack_from_documents(documents, cache=True) if args.save else load_pack(args.rules)
    profile = load_profile(args.profile)
    assessment = evaluate(profile, pack, as_of=args.as_of)
    if args.save:
        from advisor.cli.saved import save_assessment

        save_assessment(args, assessment, documents)
    if args.format == "json":
        from advisor.present import shown

        data = assessment.to_dict()
        data["shown"] = shown(assessment)
        text = json.dumps(data, indent=2, allow_nan=False, ensure_ascii=False) + "\n"
    elif args.format == "md":
        text = render_markdown(assessment)
    else:
        text = render_text(assessment)
    write_output(text, args.out, stdout)
    return 0


def read_batch(path: str) -> tuple[list[str], list[list[str]]]:
    """The header (stripped) and the rows of a batch CSV, in whichever delimiter it uses."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as error:
        raise UsageError.single(f"{path}: cannot read: {error.strerror or error}") from None
    if size > MAX_BATCH_BYTES:
        raise UsageError.single(f"{path}: larger than {MAX_BATCH_BYTES // 1_000_000} MB")
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError.single(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        raise UsageError.single(f"{path}: empty file; expected a header row of profile field names")
    header = [name.strip() for name in rows[0]]
    return header, rows[1:]


def check_header(path: str, header: list[str]) -> None:
    known = sorted(CompanyProfile.model_fields)
    for index, name in enumerate(header, start=1):
        if name not in known:
            raise UsageError.single(
                f"{path}: header column {index}: unknown field '{name}'{suggest(name, known)}; "
                "columns must be profile field names"
            )
    duplicates = {name for name in header if header.count(name) > 1}
    if duplicates:
        raise UsageError.single(f"{path}: header repeats {', '.join(sorted(duplicates))}")


def batch_rows(header: list[str], rows: list[list[str]], pack: RulePack) -> list[dict[str, Any]]:
    """Assess each row on its own; a bad row gets its error and the batch goes on."""
    results = []
    for number, cells in enumerate(rows, start=2):  # row 1 is the header
        if any(cell.strip() for cell in cells):
            results.append(_batch_row(number, header, cells, pack))
    return results


def _batch_row(number: int, header: list[str], cells: list[str], pack: RulePack) -> dict[str, Any]:
    result: dict[str, Any] = dict.fromkeys(BATCH_COLUMNS, "")
    result["row"] = number
    if len(cells) != len(header):
        result["error"] = f"row {number}: {len(cells)} cells, header has {len(header)}"
        return result
    data = {name: cell for name, cell in zip(header, cells, strict=True) if cell.strip()}
    result["company"] = data.get("company", "")
    try:
        profile = parse_profile(data)
    except ProfileError as error:
        result["error"] = f"row {number}: " + "; ".join(str(p) for p in error.problems)
        return result
    assessment = evaluate(profile, pack, with_flip_points=False, full_trace=False, with_plan=False)
    econ = assessment.economics
    share, payback = econ.am_cost_share_of_gross_profit, econ.payback_months
    result.update(
        company=profile.company,
        verdict=assessment.verdict.value,
        score=f"{assessment.score:.0f}",
        readiness=assessment.readiness,
        recommended_am_count=assessment.recommended_am_count,
        team_cost=f"{econ.team_cost:.2f}",
        total_arr=f"{econ.total_arr:.2f}",
        arr_at_risk=f"{econ.arr_at_risk:.2f}",
        am_cost_share_of_gross_profit="" if share is None else f"{share:.4f}",
        # Blank where the hires never pay back (they keep and add nothing), as in the JSON's
        # null; 0 where no hire is needed.
        payback_months="" if payback is None or payback == float("inf") else f"{payback:.1f}",
        fired_rules=" ".join(fired.rule_id for fired in assessment.fired),
        headline=assessment.headline,
    )
    return result


def _csv_safe(value: Any) -> Any:
    """Keep a spreadsheet from reading a company name as a formula."""
    return neutralise_formula(value) if isinstance(value, str) else value


def run_assess_batch(args: argparse.Namespace, stdout: TextIO) -> int:
    pack = load_pack(args.rules)
    header, rows = read_batch(args.profiles)
    check_header(args.profiles, header)
    results = batch_rows(header, rows, pack)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=BATCH_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        writer.writerow({key: _csv_safe(value) for key, value in result.items()})
    write_output(buffer.getvalue(), args.out, stdout)
    failed = sum(1 for result in results if result["error"])
    print(
        f"{len(results)} rows assessed, {failed} with errors"
        + (f"; results in {args.out}" if args.out else ""),
        file=sys.stderr,
    )
    return 0


def run_history(args: argparse.Namespace, stdout: TextIO) -> int:
    from advisor.cli.saved import run_history as history

    return history(args, stdout)
