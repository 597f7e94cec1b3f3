"""`advisor compare`: two to four scenarios side by side, and what makes the difference.

Loading is one step (`load_scenarios`: files and packs into `Scenario`s) and comparing and
writing another (`write_comparison`), so scenarios from elsewhere take the same second step. A
comparison of a client's saved cases (`--client`) is an export of that client's documents: each
file written (the report, the workbook) is noted in the client's audit trail before it is
written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from advisor.cli.options import (
    DATE_LIKE_AN_EXAMPLE,
    UsageError,
    add_db_option,
    add_format_option,
    add_out_option,
    date_parser,
    open_workspace,
    write_atomically,
    write_output,
)
from advisor.compare import MAX_SCENARIOS, MIN_SCENARIOS, Scenario, compare_scenarios
from advisor.i18n import _, n_
from advisor.pack import RulePack, load_pack
from advisor.problems import Problem
from advisor.profile import CompanyProfile, ProfileError, load_profile, parse_profile

if TYPE_CHECKING:
    from advisor.workspace.model import Client
    from advisor.workspace.store import Workspace

# The name each report format is recorded under in a client's audit trail.
DOCUMENTS = {"json": "comparison.json", "md": "comparison.md", "text": "comparison.txt"}


def register(commands: Any) -> None:
    compare = commands.add_parser(
        "compare", help=_("2 to 4 scenarios side by side: inputs, verdicts and what differs")
    )
    compare.add_argument(
        "profiles",
        nargs="*",
        metavar="PROFILE",
        # Translators: {least} and {most} are the fewest and most scenarios compared.
        help=_(
            "{least} to {most} profile files (YAML or JSON); the first is the baseline the "
            "others are set against (or give --client and --scenario)",
            least=MIN_SCENARIOS,
            most=MAX_SCENARIOS,
        ),
    )
    compare.add_argument(
        "--client",
        metavar="NAME",
        help=_("compare saved cases of this client (its name in any case) instead of files"),
    )
    compare.add_argument(
        "--scenario",
        action="append",
        metavar="NAME",
        help=_(
            "with --client: a saved scenario to compare, once per scenario in order; the first "
            "is the baseline"
        ),
    )
    add_db_option(compare)
    compare.add_argument(
        "--name",
        action="append",
        metavar="NAME",
        help=_(
            "a scenario's name, once per profile in order (default: the file names without "
            "their extension)"
        ),
    )
    add_format_option(compare)
    compare.add_argument(
        "--rules",
        action="append",
        metavar="PATH",
        help=_(
            "rule pack file or folder: once for every scenario, or once per profile in order "
            "(default: the shipped pack)"
        ),
    )
    compare.add_argument(
        "--xlsx", metavar="FILE", help=_("also write the comparison as an XLSX workbook")
    )
    compare.add_argument(
        "--as-of",
        type=date_parser(DATE_LIKE_AN_EXAMPLE),
        default=None,
        metavar="YYYY-MM-DD",
        help=_("the date every scenario's plan counts from (default: today)"),
    )
    add_out_option(compare, _("write here instead of standard output"))
    compare.set_defaults(handler=run_compare)


def _names(paths: Sequence[str], names: Sequence[str] | None) -> list[str]:
    if names is not None:
        if len(names) != len(paths):
            raise UsageError.single(
                # Translators: {names} and {count} are counts of options and profiles.
                n_(
                    "{names} --name for {count} profile; give one name per profile, in the same "
                    "order",
                    "{names} --name for {count} profiles; give one name per profile, in the same "
                    "order",
                    len(paths),
                    names=len(names),
                ),
                path="--name",
            )
        return list(names)
    stems = [Path(path).stem for path in paths]
    first: dict[str, str] = {}
    for path, stem in zip(paths, stems, strict=True):
        if stem.casefold() in first:
            raise UsageError.single(
                # Translators: {first} and {second} are files' paths; {name} their shared name.
                _(
                    "{first} and {second} would both be named '{name}'; name each scenario with "
                    "--name",
                    first=first[stem.casefold()],
                    second=path,
                    name=stem,
                ),
                path="PROFILE",
            )
        first[stem.casefold()] = path
    return stems


def _packs(rules: Sequence[str] | None, count: int) -> list[RulePack]:
    if not rules:
        return [load_pack()] * count
    if len(rules) not in (1, count):
        raise UsageError.single(
            # Translators: {rules} and {count} are counts of options and profiles.
            n_(
                "{rules} --rules for {count} profile; give one pack for every scenario, or one "
                "per profile in the same order",
                "{rules} --rules for {count} profiles; give one pack for every scenario, or one "
                "per profile in the same order",
                count,
                rules=len(rules),
            ),
            path="--rules",
        )
    loaded: dict[str, RulePack] = {}
    for path in rules:
        if path not in loaded:
            loaded[path] = load_pack(path)
    return [loaded[rules[0 if len(rules) == 1 else index]] for index in range(count)]


def load_scenarios(
    paths: Sequence[str], names: Sequence[str] | None = None, rules: Sequence[str] | None = None
) -> list[Scenario]:
    """Scenarios from profile files: named by --name or their file names, judged by --rules.

    Every profile is read before any refusal, so one run names every bad field of every file.
    """
    if not MIN_SCENARIOS <= len(paths) <= MAX_SCENARIOS:
        raise UsageError.single(
            # Translators: {least} and {most} bound the number of profiles; {count} was given.
            _(
                "compare takes {least} to {most} profiles, got {count}",
                least=MIN_SCENARIOS,
                most=MAX_SCENARIOS,
                count=len(paths),
            ),
            path="PROFILE",
        )
    scenario_names = _names(paths, names)
    packs = _packs(rules, len(paths))
    profiles: list[CompanyProfile] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            profiles.append(load_profile(path))
        except ProfileError as error:
            problems += error.problems
    if problems:
        raise ProfileError(problems)
    return [
        Scenario(name, profile, pack)
        for name, profile, pack in zip(scenario_names, profiles, packs, strict=True)
    ]


def write_comparison(
    scenarios: Sequence[Scenario],
    args: argparse.Namespace,
    stdout: TextIO,
    record: Callable[[list[str]], None] | None = None,
) -> int:
    """Compare the scenarios and write the report (--format, --out) and the workbook (--xlsx).

    `record`, when given, is told the documents about to be written, once they are made and
    before the first is written (a refusal there writes nothing).
    """
    from advisor.export.comparison import (
        render_json,
        render_markdown,
        render_text,
        render_xlsx,
    )

    if args.xlsx and args.out and Path(args.xlsx).resolve() == Path(args.out).resolve():
        raise UsageError.single(
            _("--xlsx and --out both name {file}; write them to two files", file=args.out),
            path="--xlsx",
        )
    comparison = compare_scenarios(scenarios, as_of=getattr(args, "as_of", None))
    renderers = {"json": render_json, "md": render_markdown, "text": render_text}
    text = renderers[args.format](comparison)
    workbook = render_xlsx(comparison) if args.xlsx else None
    if record is not None:
        record([DOCUMENTS[args.format], *(["comparison.xlsx"] if workbook else [])])
    if workbook is not None:
        write_atomically(args.xlsx, workbook)
    write_output(text, args.out, stdout)
    return 0


def load_saved_scenarios(
    args: argparse.Namespace, workspace: Workspace
) -> tuple[Client, list[Scenario]]:
    """The client and its saved cases, each with its own stored rule pack and role edits.

    A saved case is judged by the pack it was saved on, so it compares with the verdict it had.
    """
    names: list[str] = args.scenario or []
    if not MIN_SCENARIOS <= len(names) <= MAX_SCENARIOS:
        raise UsageError.single(
            _(
                "compare takes {least} to {most} --scenario, got {count}",
                least=MIN_SCENARIOS,
                most=MAX_SCENARIOS,
                count=len(names),
            ),
            path="--scenario",
        )
    if args.name or args.rules:
        raise UsageError.single(
            _(
                "saved scenarios keep their own names and rule packs; --name and --rules are for "
                "profile files"
            ),
            path="--client",
        )
    client = workspace.find_client(args.client)
    summaries = [workspace.find_case(client.id, name) for name in names]
    scenarios = []
    for summary in summaries:
        case = workspace.open_case(summary.id)
        scenarios.append(
            Scenario(
                summary.scenario,
                parse_profile(case.document.profile),
                workspace.case_pack(summary.id),
                role_edits=case.document.role_edits,
            )
        )
    return client, scenarios


def compare_saved(args: argparse.Namespace, stdout: TextIO) -> int:
    """Compare a client's saved cases and write them, each document noted in its trail."""
    with open_workspace(args) as workspace:
        client, scenarios = load_saved_scenarios(args, workspace)

        def record(documents: list[str]) -> None:
            for document in documents:
                workspace.record_export(client.id, None, document)

        return write_comparison(scenarios, args, stdout, record)


def run_compare(args: argparse.Namespace, stdout: TextIO) -> int:
    if args.client is not None:
        if args.profiles:
            raise UsageError.single(
                _("give profile files or --client with --scenario, not both"), path="PROFILE"
            )
        return compare_saved(args, stdout)
    if args.scenario:
        raise UsageError.single(
            _("--scenario names a saved case: give --client too"), path="--client"
        )
    return write_comparison(load_scenarios(args.profiles, args.name, args.rules), args, stdout)
