"""Shared settings for the fuzz tests: few seeded examples in `make test`, many in `make fuzz`."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# `make fuzz` sets ADVISOR_FUZZ_EXAMPLES high and lets hypothesis pick fresh random inputs;
# `make test` runs a small, fixed (derandomised) set so the suite stays fast and repeatable.
EXAMPLES = int(os.environ.get("ADVISOR_FUZZ_EXAMPLES", "120"))
LONG = "ADVISOR_FUZZ_EXAMPLES" in os.environ

FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=not LONG,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
# For readers that take a tenth of a second per example (a whole rule pack file).
FUZZ_SLOW = settings(FUZZ, max_examples=max(10, EXAMPLES // 4))

# Pieces YAML, JSON, CSV and profiles are made of, so random text reaches the odd corners fast.
YAML_PIECES = [
    "a: ",
    "notes: ",
    "active_accounts: ",
    "- ",
    "{",
    "}",
    "[",
    "]",
    ", ",
    ": ",
    "\n",
    "  ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!timestamp ",
    "!!set ",
    "!!map ",
    "!!binary ",
    "!!str ",
    "!!omap ",
    "!!pairs ",
    "!!seq ",
    "!!null ",
    "!!python/name:os.system ",
    "&x ",
    "*x ",
    "2024-02-30",
    "2024-02-28T25:00:00",
    "1:30",
    "1e3",
    "0.",
    "0x",
    "0o",
    "yes",
    "NO",
    "~",
    ".inf",
    ".nan",
    '"\\UFFFFFFFF"',
    '"\\x01"',
    "'",
    '"',
    "#",
    "---\n",
    "...\n",
    "?",
    "|\n",
    ">\n",
    "%YAML 1.1\n",
    "\x01",
    "\x0b",
    "\x1b[2J",
    "\t",
    "\r",
    "\ufeff",
    "\ud800",
    "€",
    "36.000",
    "1,5",
    "1__0",
    "10" * 20,
    "-",
    "+",
    "_",
    "<<: ",
    "=",
    "@",
]
