"""Every command's --help ends with examples, and every example is a command line the parser
takes as written."""

from __future__ import annotations

import shlex

import pytest

from advisor.cli import build_parser
from advisor.cli.examples import EXAMPLES, leaf_parsers

PARSER = build_parser()
COMMANDS = leaf_parsers(PARSER)


def test_every_command_has_examples_and_every_example_names_a_command() -> None:
    assert sorted(EXAMPLES) == sorted(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_commands_help_ends_with_its_examples(command: str) -> None:
    shown = COMMANDS[command].format_help()
    assert "examples:" in shown
    for line in EXAMPLES[command]:
        assert f"  {line}" in shown


@pytest.mark.parametrize(
    "example", [line for lines in EXAMPLES.values() for line in lines], ids=lambda line: line[:60]
)
def test_every_example_parses_as_written(example: str) -> None:
    words = shlex.split(example)
    assert words[0] == "advisor"
    if words[1] == "app":
        args, _ = PARSER.parse_known_args(words[1:])  # Streamlit's options pass through
    else:
        args = PARSER.parse_args(words[1:])
    assert callable(args.handler)


def test_the_version_is_printed_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    from advisor.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    shown = capsys.readouterr()
    assert stopped.value.code == 0
    assert shown.out.startswith("advisor ") and not shown.err
