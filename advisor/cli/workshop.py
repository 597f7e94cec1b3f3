"""`advisor workshop compare --base PROFILE ANSWERS...`: a workshop held on paper or by email;
`advisor workshop sheet LINKS --out FILE.pdf`: the respondents' links as a printable sheet.

Each answers file holds `respondent: NAME`, optionally `role:`, and any subset of the judgement
questions (a question left out is "don't know" and keeps the base profile's answer). The report
shows each respondent's verdict, the answers side by side, which disagreements decide the
verdict, and the consensus. Bad input exits with code 2 naming the file, line and field.

`advisor workshop results --client NAME --scenario NAME` is the same report for a workshop run
in the app: the answers given through the respondents' links, with the consensus the consultant
set, on the saved case and the rule pack it was saved with. `advisor workshop create --client
NAME --scenario NAME` starts that workshop, its links working `--days` and its questionnaire in
`--questionnaire-lang`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from advisor.cli.options import (
    UsageError,
    add_db_option,
    add_format_option,
    add_out_option,
    add_rules_option,
    write_atomically,
    write_output,
)
from advisor.cli.readout import register_readout
from advisor.i18n import LANGUAGE_NAMES, LANGUAGES, _, n_
from advisor.pack import RulePack, load_pack
from advisor.profile import CompanyProfile, load_profile
from advisor.workshop import (
    JUDGEMENT_FIELDS,
    ROLES,
    WorkshopResult,
    compare,
    parse_overrides,
    read_all_answers,
)
from advisor.workspace.model import LINK_DAYS

CONSENSUS_SOURCE = "--consensus"


def register(commands: Any) -> None:
    workshop = commands.add_parser(
        "workshop", help=_("compare the team's answers to the judgement questions")
    )
    actions = workshop.add_subparsers(dest="workshop_command", required=True, metavar="ACTION")
    compare_parser = actions.add_parser(
        "compare",
        help=_("each respondent's verdict, the disagreements that decide it, and the consensus"),
        # Translators: {roles} and {fields} are the answers files' keys, as they are typed.
        description=_(
            "Lay each respondent's answers over the base profile's facts, show where they "
            "disagree, which disagreements change the verdict, and the consensus verdict. "
            "Answers files hold 'respondent: NAME', optionally 'role:' ({roles}) and any of: "
            "{fields}.",
            roles=", ".join(ROLES),
            fields=", ".join(JUDGEMENT_FIELDS),
        ),
    )
    compare_parser.add_argument(
        "--base", required=True, metavar="PROFILE", help=_("the case: a company profile file")
    )
    compare_parser.add_argument(
        "answers", nargs="+", metavar="ANSWERS", help=_("one answers file per respondent")
    )
    add_consensus_option(compare_parser)
    add_format_option(compare_parser)
    add_rules_option(compare_parser)
    add_out_option(compare_parser, _("write here instead of standard output"))
    compare_parser.set_defaults(handler=run_compare)
    register_readout(actions, add_consensus_option, workshop_result)
    results = actions.add_parser(
        "results",
        help=_(
            "the results of a workshop run in the app, from the answers given through its links"
        ),
        description=(
            _(
                "Each respondent's verdict, the answers side by side, the disagreements that decide "
                "the verdict and the consensus of the workshop on a client's saved case, from the "
                "answers given through the app's links and the consensus set on its Workshop page."
            )
        ),
    )
    results.add_argument(
        "--client", required=True, metavar="NAME", help=_("the client (its name in any case)")
    )
    results.add_argument(
        "--scenario", required=True, metavar="NAME", help=_("the saved case the workshop is on")
    )
    add_db_option(results)
    add_format_option(results)
    add_out_option(results, _("write here instead of standard output"))
    results.set_defaults(handler=run_results)
    _register_create(actions)
    sheet_parser = actions.add_parser(
        "sheet",
        help=_("a printable PDF of respondents' links: each name, link and QR code"),
        description=(
            _(
                'Print the links the Workshop page shows when it makes them: save its "Copy all" '
                "text (one 'NAME: LINK' a line) to a file and turn it into an A4 sheet with each "
                "respondent's name, QR code and link, six a page, to cut and hand out."
            )
        ),
    )
    sheet_parser.add_argument(
        "links", metavar="LINKS", help=_("the copied links, 'NAME: LINK' a line")
    )
    sheet_parser.add_argument(
        "--title", default="Workshop links", help=_("the heading of each page")
    )
    sheet_parser.add_argument("--out", metavar="FILE", required=True, help=_("the PDF to write"))
    sheet_parser.set_defaults(handler=run_sheet)


def _register_create(actions: Any) -> None:
    create = actions.add_parser(
        "create",
        help=_("start a workshop on a client's saved case, its questionnaire in a language"),
        description=_(
            "Start the workshop on a client's saved case that the app's Workshop page runs: its "
            "respondents' links work for the days given, and a link without a language of its "
            "own opens the questionnaire in the language given. Add the respondents on the "
            "Workshop page, which shows each link once."
        ),
    )
    create.add_argument(
        "--client", required=True, metavar="NAME", help=_("the client (its name in any case)")
    )
    create.add_argument(
        "--scenario", required=True, metavar="NAME", help=_("the saved case the workshop is on")
    )
    create.add_argument(
        "--days",
        type=int,
        default=LINK_DAYS,
        metavar="N",
        # Translators: {default} is the number of days without the option.
        help=_(
            "how many days the respondents' links work (1 to 180; default {default})",
            default=LINK_DAYS,
        ),
    )
    create.add_argument(
        "--questionnaire-lang",
        choices=LANGUAGES,
        metavar="LANG",
        # Translators: {codes} are the languages' codes, as typed.
        help=_(
            "the language the questionnaire opens in ({codes}); without it, each link's or "
            "the respondent's browser language",
            codes=", ".join(LANGUAGES),
        ),
    )
    add_db_option(create)
    create.set_defaults(handler=run_create)


def add_consensus_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--consensus",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help=_(
            "set one question's consensus yourself instead of the most common answer "
            "(repeatable), e.g. delivery_maturity=emerging"
        ),
    )


def consensus_overrides(pairs: list[str], base: CompanyProfile) -> dict[str, Any]:
    """The --consensus FIELD=VALUE pairs, each checked like an answer."""
    raw: dict[str, Any] = {}
    for pair in pairs:
        field, equals, value = pair.partition("=")
        if not equals or not field.strip():
            # Translators: {option} is the option's name; {pair} what was typed.
            raise UsageError.single(
                _("{option} {pair}: expected FIELD=VALUE", option=CONSENSUS_SOURCE, pair=pair)
            )
        raw[field.strip()] = value.strip()
    return parse_overrides(raw, base, CONSENSUS_SOURCE)


def workshop_result(
    base: CompanyProfile, answers: list[str], consensus: list[str], pack: RulePack
) -> WorkshopResult:
    """What `compare` and `brief --workshop` share: read everything, then compare."""
    respondents = read_all_answers(answers, base)
    overrides = consensus_overrides(consensus, base)
    return compare(base, respondents, pack, overrides)


def run_compare(args: argparse.Namespace, stdout: TextIO) -> int:
    from advisor.export.workshop import render

    base = load_profile(args.base)
    result = workshop_result(base, args.answers, args.consensus, load_pack(args.rules or None))
    write_output(render(result, args.format), args.out, stdout)
    return 0


def run_results(args: argparse.Namespace, stdout: TextIO) -> int:
    """The workshop on a saved case, as `compare` reports it; the export noted in the trail."""
    from advisor.cli.options import open_workspace
    from advisor.cli.saved import find_saved_case
    from advisor.export.workshop import render
    from advisor.workspace.consensus import workshop_result as saved_result

    with open_workspace(args) as workspace:
        client, summary = find_saved_case(workspace, args.client, args.scenario)
        result = saved_result(workspace, summary.id)
        workspace.record_export(client.id, summary.id, f"workshop-results.{args.format}")
    write_output(render(result, args.format), args.out, stdout)
    return 0


def run_create(args: argparse.Namespace, stdout: TextIO) -> int:
    """Start the workshop; a case that has one already is refused (the app changes it)."""
    from advisor.cli.options import open_workspace
    from advisor.cli.saved import find_saved_case
    from advisor.wording import local_minute

    with open_workspace(args) as workspace:
        client, summary = find_saved_case(workspace, args.client, args.scenario)
        if workspace.workshop(summary.id) is not None:
            raise UsageError.single(
                # Translators: {scenario} and {client} are names, as saved.
                _(
                    "'{scenario}' of {client} has a workshop already: extend, reopen or change "
                    "its language on the app's Workshop page",
                    scenario=summary.scenario,
                    client=client.name,
                )
            )
        workshop = workspace.start_workshop(summary.id, args.days, args.questionnaire_lang)
    code = workshop.language
    # Translators: {until} is a date and time in this computer's time zone; {language} the
    # language's name in its own language, or the words for none.
    said = _(
        "workshop started on {client} › {scenario}: its links work until {until}; the "
        "questionnaire opens in {language}",
        client=client.name,
        scenario=summary.scenario,
        until=local_minute(workshop.expires_at),
        language=LANGUAGE_NAMES[code]
        if code in LANGUAGE_NAMES
        else _("each link's or the respondent's browser language"),
    )
    stdout.write(said + "\n")
    return 0


def run_sheet(args: argparse.Namespace, stdout: TextIO) -> int:
    from advisor.export.links_sheet import links_sheet, read_links_text

    try:
        text = Path(args.links).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise UsageError.single(
            _("cannot read the links: {reason}", reason=reason), file=args.links
        ) from None
    links = read_links_text(text, args.links)
    write_atomically(args.out, links_sheet(args.title, links))
    said = n_("{file}: {count} link", "{file}: {count} links", len(links), file=args.out)
    stdout.write(said + "\n")
    return 0
