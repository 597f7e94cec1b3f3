"""`advisor assess`, `advisor assess-batch` and `advisor history` (the last two through `saved`)."""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import itertools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from advisor.batch import BATCH_COLUMNS, MAX_WORKERS, Row, assess_rows, default_workers
from advisor.cli.options import (
    DATE_LIKE_AN_EXAMPLE,
    UsageError,
    add_db_option,
    add_format_option,
    add_out_option,
    add_rules_option,
    date_parser,
    open_atomically,
    write_output,
)
from advisor.engine import evaluate
from advisor.i18n import _, n_
from advisor.i18n.formats import number
from advisor.pack import load_pack, pack_from_documents, read_pack_documents
from advisor.problems import suggest
from advisor.profile import CompanyProfile, load_profile

# Read and written a chunk at a time, a batch's memory does not grow with its length; the cap
# bounds its time (about a million rows of the shipped profile fields).
MAX_BATCH_BYTES = 500_000_000
SNIFF_CHARACTERS = 4096  # the start of the file the delimiter is guessed from
WRITE_BLOCK_CHARACTERS = 65_536  # results are written in blocks about this long


def register(commands: Any) -> None:
    """Add `assess`, `history` and `assess-batch`, in the order `advisor --help` lists them."""
    assess = commands.add_parser("assess", help=_("assess one company profile (YAML or JSON)"))
    assess.add_argument("profile", help=_("profile file, e.g. examples/northwind-hire-now.yaml"))
    add_rules_option(assess)
    add_format_option(assess)
    add_out_option(assess, _("write here instead of standard output"))
    assess.add_argument(
        "--as-of",
        type=date_parser(DATE_LIKE_AN_EXAMPLE),
        default=None,
        metavar="YYYY-MM-DD",
        help=_(
            "the date every date of the plan counts from: the search, the hires, the growth, "
            "the reassessment (default: today)"
        ),
    )
    assess.add_argument(
        "--save", action="store_true", help=_("keep the result as a case in the workspace")
    )
    assess.add_argument(
        "--client",
        metavar="NAME",
        help=_(
            "the client to save under, any case (default: the profile's company; a new name "
            "becomes a new client)"
        ),
    )
    assess.add_argument(
        "--scenario",
        metavar="NAME",
        help=_("the case to save as (default: today); an existing one gets its next revision"),
    )
    assess.add_argument("--notes", default="", metavar="TEXT", help=_("notes kept with the case"))
    add_db_option(assess)
    assess.set_defaults(handler=run_assess)

    history = commands.add_parser("history", help=_("list saved assessments, or print one"))
    history.add_argument("id", nargs="?", type=int, help=_("print this saved assessment as JSON"))
    scope = history.add_mutually_exclusive_group()
    scope.add_argument(
        "--client", metavar="NAME", help=_("this client's history (name in any case)")
    )
    scope.add_argument("--company", metavar="TEXT", help=_("clients whose name holds this text"))
    add_format_option(history, ("text", "json"))
    add_db_option(history)
    history.set_defaults(handler=run_history)

    batch = commands.add_parser(
        "assess-batch", help=_("assess one profile per CSV row (columns = profile field names)")
    )
    batch.add_argument("profiles", help=_("CSV file with a header row of field names"))
    add_rules_option(batch)
    add_out_option(batch, _("write the result CSV here"))
    batch.add_argument(
        "--workers",
        type=workers_parser,
        default=None,
        metavar="N",
        help=_(
            "processes that assess rows at the same time (default: one per processor, at most "
            "{most}; 1 = only this process); the results are the same, in the same order",
            most=MAX_WORKERS,
        ),
    )
    batch.set_defaults(handler=run_assess_batch)


def run_assess(args: argparse.Namespace, stdout: TextIO) -> int:
    saving = [option for option in ("client", "scenario", "notes") if getattr(args, option)]
    if saving and not args.save:
        option = f"--{saving[0]}"
        raise UsageError.single(
            # Translators: {option} is a command-line option (--client, --scenario, --notes)
            _("{option} names where to save; add --save to keep the result", option=option),
            path=option,
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
        from advisor.export.assessment import render_markdown

        text = render_markdown(assessment)
    else:
        from advisor.export.assessment import render_text

        text = render_text(assessment)
    write_output(text, args.out, stdout)
    return 0


def workers_parser(text: str) -> int:
    """An argparse type for --workers: a whole number of processes, 1 or more."""
    try:
        workers = int(text)
    except ValueError:
        workers = 0
    if workers < 1:
        raise argparse.ArgumentTypeError(
            _(
                "'{text}' is not a whole number of processes of at least 1 (1 = no extra process)",
                text=text,
            )
        )
    return workers


@contextlib.contextmanager
def open_batch(path: str) -> Iterator[tuple[list[str], Iterator[Row]]]:
    """The header (stripped) of a batch CSV and its rows, read as they are asked for.

    The rows are numbered as in the file (the header is row 1), blank ones left out; the CSV's
    delimiter is guessed from its first 4,096 characters. A line that is not UTF-8 or not CSV
    stops the reading with a message naming the line.
    """
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as error:
        raise UsageError.single(_cannot_read(path, error)) from None
    if size > MAX_BATCH_BYTES:
        raise UsageError.single(
            # Translators: {size} is a whole number of megabytes
            _("{path}: larger than {size} MB", path=path, size=number(MAX_BATCH_BYTES // 1_000_000))
        )
    with file.open("rb") as handle:
        sample, lines = _sample(_text_lines(path, handle))
        records = _records(path, csv.reader(lines, csv.excel, **_separator(sample)))
        first = next(records, None)
        if first is None:
            raise UsageError.single(
                _("{path}: empty file; expected a header row of profile field names", path=path)
            )
        yield [name.strip() for name in first[1]], _filled(records)


def _separator(sample: str) -> dict[str, Any]:
    """The delimiter the start of the file uses, and whether a space follows it.

    Only these are guessed: quoting stays the usual CSV's (a doubled double quote inside
    quotes is one quote), whether or not a quoted cell happens to come within the sample.
    """
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return {}
    return {"delimiter": sniffed.delimiter, "skipinitialspace": sniffed.skipinitialspace}


def _text_lines(path: str, handle: BinaryIO) -> Iterator[str]:
    """The file's lines as text, each ending at a line feed as it is in the file."""
    number = 0
    while True:
        try:
            raw = handle.readline()
        except OSError as error:
            raise UsageError.single(_cannot_read(path, error)) from None
        if not raw:
            return
        number += 1
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise UsageError.single(
                _("not UTF-8 text; save the CSV as UTF-8"), file=path, line=number
            ) from None


def _sample(lines: Iterator[str]) -> tuple[str, Iterator[str]]:
    """The first `SNIFF_CHARACTERS` characters, and every line still to read from the start."""
    read: list[str] = []
    length = 0
    for line in lines:
        read.append(line)
        length += len(line)
        if length >= SNIFF_CHARACTERS:
            break
    return "".join(read)[:SNIFF_CHARACTERS], itertools.chain(read, lines)


def _records(path: str, reader: Any) -> Iterator[Row]:
    """Every record with its number (the header is 1); CSV it cannot read names its line."""
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise UsageError.single(_csv_trouble(error), file=path, line=reader.line_num) from None
        number += 1
        yield number, cells


def _cannot_read(path: str, error: OSError) -> str:
    # Translators: {reason} is the system's own reason, as it gives it
    return _("{path}: cannot read: {reason}", path=path, reason=error.strerror or str(error))


def _csv_trouble(error: csv.Error) -> str:
    reason = str(error)
    if reason.startswith("new-line character seen in unquoted field"):
        return _(
            "a line break inside a cell that is not in quotes (a carriage return alone?); "
            "save the CSV with ordinary line ends, or put the cell in double quotes"
        )
    if reason.startswith("field larger than field limit"):
        return _(
            "a cell longer than {limit} characters; shorten it "
            "(is a closing double quote missing?)",
            limit=number(csv.field_size_limit()),
        )
    # Translators: {reason} is the CSV reader's own reason, in English
    return _("not readable as CSV ({reason}); save the file as CSV", reason=reason)


def _filled(records: Iterator[Row]) -> Iterator[Row]:
    return ((number, cells) for number, cells in records if any(cell.strip() for cell in cells))


def check_header(path: str, header: list[str]) -> None:
    known = sorted(CompanyProfile.__struct_fields__)
    for index, name in enumerate(header, start=1):
        if name not in known:
            raise UsageError.single(
                # Translators: {suggestion} is empty or " (did you mean 'x'?)"
                _(
                    "{path}: header column {index}: unknown field '{name}'{suggestion}; "
                    "columns must be profile field names",
                    path=path,
                    index=index,
                    name=name,
                    suggestion=suggest(name, known),
                )
            )
    duplicates = {name for name in header if header.count(name) > 1}
    if duplicates:
        raise UsageError.single(
            # Translators: {names} are the repeated column names, comma-separated
            _("{path}: header repeats {names}", path=path, names=", ".join(sorted(duplicates)))
        )


def write_batch(
    results: Iterable[dict[str, Any]], emit: Callable[[str], object]
) -> tuple[int, int]:
    """The results as CSV, handed to `emit` a block at a time; (rows, rows with an error).

    No cell is read as a formula by a spreadsheet (a company name starting with `=`)."""
    from advisor.textsafety import neutralise_formula  # only a batch's CSV loads it

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=BATCH_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = failed = 0
    for result in results:
        writer.writerow(
            {
                key: neutralise_formula(value) if isinstance(value, str) else value
                for key, value in result.items()
            }
        )
        rows += 1
        failed += bool(result["error"])
        if buffer.tell() >= WRITE_BLOCK_CHARACTERS:
            emit(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
    emit(buffer.getvalue())
    return rows, failed


def run_assess_batch(args: argparse.Namespace, stdout: TextIO) -> int:
    pack = load_pack(args.rules)
    as_of = dt.date.today()  # one day for every row, whichever process assesses it
    workers = args.workers or default_workers()
    with open_batch(args.profiles) as (header, rows):
        check_header(args.profiles, header)
        results = assess_rows(
            header, rows, pack=pack, rules=args.rules, as_of=as_of, workers=workers
        )
        if args.out:
            with open_atomically(args.out) as out:
                counts = write_batch(results, lambda text: out.write(text.encode("utf-8")))
        else:
            counts = write_batch(results, stdout.write)
    assessed = n_("{count} row assessed", "{count} rows assessed", counts[0])
    failed = n_("{count} with errors", "{count} with errors", counts[1])
    if args.out:
        # Translators: {assessed} "12 rows assessed", {failed} "1 with errors", {file} a file
        summary = _(
            "{assessed}, {failed}; results in {file}",
            assessed=assessed,
            failed=failed,
            file=args.out,
        )
    else:
        summary = _("{assessed}, {failed}", assessed=assessed, failed=failed)
    print(summary, file=sys.stderr)
    return 0


def run_history(args: argparse.Namespace, stdout: TextIO) -> int:
    from advisor.cli.saved import run_history as history

    return history(args, stdout)
