"""The README documents every command of the CLI and every option of each command.

The parser is the truth: a command or an option added without its line in the README's command
reference fails here, naming what is missing.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

from advisor.cli import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"


def _commands(
    parser: argparse.ArgumentParser, prefix: str = ""
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Each runnable command as ('rules check', its parser); groups are walked, not listed."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        yield prefix.strip(), parser
        return
    for group in groups:
        for name, sub in group.choices.items():
            yield from _commands(sub, f"{prefix} {name}")


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]


def _reference_rows() -> dict[str, str]:
    """Command reference rows of the README, by command: `advisor CMD ARGS` | options."""
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        found = re.match(r"\| `advisor ([a-z -]+?)(?: [A-Z\[].*?)?` \|(.*)\|$", line)
        if found:
            rows[found.group(1).strip()] = found.group(2)
    return rows


def _options_of_every_command() -> set[str]:
    """Options the README documents once for every command ("Every command but `app` also
    takes `--lang en|es` …")."""
    common: set[str] = set()
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("Every command"):
            common |= set(re.findall(r"`(--[a-z-]+)[ `]", line))
    return common


def test_every_command_and_option_is_in_the_readme() -> None:
    rows = _reference_rows()
    common = _options_of_every_command()
    assert "--lang" in common
    missing = []
    for command, parser in _commands(build_parser()):
        if command not in rows:
            missing.append(f"command 'advisor {command}'")
            continue
        for option in _options(parser):
            if option in common:
                continue
            if not re.search(rf"`{re.escape(option)}[ `]", rows[command]):
                missing.append(f"option {option} of 'advisor {command}'")
    assert not missing, "README.md's command reference lacks: " + ", ".join(missing)


def test_the_reference_names_no_command_the_cli_lacks() -> None:
    commands = {command for command, _ in _commands(build_parser())}
    assert set(_reference_rows()) <= commands
