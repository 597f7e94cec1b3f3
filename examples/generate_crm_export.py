"""Write the synthetic CRM export shipped in examples/crm/ (seeded: the same file every run).

The export looks like a European HubSpot company export: UTF-8 with BOM, semicolons, decimal
commas and euro signs, one row per account, ARR twelve months ago and today. A few rows are
messy on purpose, the way real exports are: a duplicate record, a negative amount (a credit
note), an empty company name, an unquoted semicolon inside a name, "n/a" as an amount, a
dollar amount in a euro file, a renewal date typed day-first, and a churned account whose
current ARR was never cleared. Accounts named "NA" and "Null" are real customers.

    python examples/generate_crm_export.py            # writes examples/crm/accounts.csv
    python examples/generate_crm_export.py --count 100000 --out /tmp/big.csv
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

AS_OF = date(2025, 6, 30)  # the date the export was taken; the period runs a year back
HEADER = (
    "Record ID",
    "Company name",
    "Company owner",
    "Lifecycle stage",
    "Segment",
    "Customer since",
    "ARR 12 months ago (EUR)",
    "Current ARR (EUR)",
    "Renewal date",
    "Health",
    "NPS",
)
OWNERS = ("Marta Ruiz", "Jonas Weber", "Aisha Khan", "Pierre Laurent")
SEGMENTS = (("SMB", 0.40, 9_000), ("Mid-market", 0.45, 32_000), ("Enterprise", 0.15, 110_000))
FIRST = (
    "Alpine",
    "Blue",
    "Cedar",
    "Delta",
    "Ember",
    "Fjord",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Nordic",
    "Orchid",
    "Pioneer",
    "Quartz",
    "Riverside",
    "Summit",
    "Tidal",
    "Umber",
    "Vertex",
    "Willow",
    "Zenith",
)
SECOND = (
    "Analytics",
    "Logistics",
    "Foods",
    "Health",
    "Labs",
    "Systems",
    "Retail",
    "Energy",
    "Media",
    "Robotics",
    "Textiles",
    "Finance",
    "Legal",
    "Travel",
    "Pharma",
    "Studios",
)
SUFFIX = ("GmbH", "SAS", "S.L.", "B.V.", "Ltd", "AG", "S.p.A.", "Oy")


def euro(amount: float) -> str:
    """12000.5 -> '€ 12.000,50' (the German/Spanish way, as the CRM prints it)."""
    whole, cents = f"{amount:,.2f}".split(".")
    return f"€ {whole.replace(',', '.')},{cents}"


def _names(rng: random.Random) -> Iterator[str]:
    seen: set[str] = set()
    while True:
        name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {rng.choice(SUFFIX)}"
        if name in seen:
            name = f"{name} {len(seen)}"
        seen.add(name)
        yield name


def generate_rows(count: int = 150, seed: int = 7, messy: bool = True) -> list[list[str]]:
    """`count` accounts as rows of text (HEADER order), plus the messy rows when asked."""
    rng = random.Random(seed)
    names = _names(rng)
    period_start = date(AS_OF.year - 1, AS_OF.month, AS_OF.day)
    rows: list[list[str]] = []
    for index in range(count):
        segment, _, typical = rng.choices(SEGMENTS, weights=[s[1] for s in SEGMENTS])[0]
        value = round(typical * rng.lognormvariate(0, 0.55), -2)
        is_new = rng.random() < 0.10
        if is_new:
            since = period_start + timedelta(days=rng.randint(10, 350))
        else:
            since = period_start - timedelta(days=rng.randint(30, 6 * 365))
        churn_odds = {"SMB": 0.22, "Mid-market": 0.13, "Enterprise": 0.06}[segment]
        churned = not is_new and rng.random() < churn_odds
        start_arr = 0.0 if is_new else value
        if churned:
            end_arr = 0.0
        elif is_new:
            end_arr = value
        else:
            move = rng.random()
            if move < 0.28:
                end_arr = round(value * rng.uniform(1.05, 1.6), -2)
            elif move < 0.40:
                end_arr = round(value * rng.uniform(0.6, 0.95), -2)
            else:
                end_arr = value
        anniversary = date(AS_OF.year, since.month, min(since.day, 28))
        while anniversary <= AS_OF:
            anniversary = date(anniversary.year + 1, anniversary.month, anniversary.day)
        health = rng.choices(("Green", "Yellow", "Red"), weights=(6, 3, 1))[0]
        if churned:
            health = "Red"
        owner = "" if rng.random() < 0.08 else rng.choice(OWNERS)
        nps = str(rng.choices(range(11), weights=(1, 1, 1, 1, 2, 3, 4, 8, 10, 9, 6))[0])
        if rng.random() < 0.3:
            nps = ""
        rows.append(
            [
                str(48_100 + index),
                next(names),
                owner,
                "Churned" if churned else "Customer",
                segment,
                since.isoformat(),
                euro(start_arr) if start_arr else "",
                euro(end_arr) if end_arr else "",
                "" if churned else anniversary.isoformat(),
                health,
                nps,
            ]
        )
    if messy:
        _add_messy_rows(rows, rng)
    return rows


def _add_messy_rows(rows: list[list[str]], rng: random.Random) -> None:
    step = max(1, len(rows) // 8)
    # Real customers whose names read like "missing" to a careless parser.
    rows[step][1] = "NA"
    rows[2 * step][1] = "Null"
    # A day-first renewal date typed by hand.
    rows[3 * step][8] = "31/12/2025"
    # A churned account whose current ARR was never cleared.
    rows[4 * step][3] = "Churned"
    rows[4 * step][8] = ""
    if not rows[4 * step][7]:
        rows[4 * step][7] = euro(15_000)
    extra = [
        # The same record exported twice.
        list(rows[5 * step]),
        # A credit note booked as an account.
        [
            "48999",
            "Granite Foods Ltd (credit note)",
            OWNERS[0],
            "Customer",
            "SMB",
            "2021-03-01",
            euro(4_800),
            "-4.800,00",
            "2026-03-01",
            "Green",
            "",
        ],
        # The company name is missing.
        [
            "49000",
            "",
            OWNERS[1],
            "Customer",
            "Mid-market",
            "2020-05-12",
            euro(28_000),
            euro(30_000),
            "2026-05-12",
            "Yellow",
            "8",
        ],
        # "n/a" typed where an amount belongs.
        [
            "49001",
            "Orchid Travel Oy",
            OWNERS[2],
            "Customer",
            "SMB",
            "2022-09-01",
            "n/a",
            euro(7_500),
            "2025-09-01",
            "Green",
            "9",
        ],
        # A dollar amount in a euro export.
        [
            "49002",
            "Summit Pharma AG",
            OWNERS[3],
            "Customer",
            "Enterprise",
            "2019-11-20",
            "$ 96,000.00",
            "$ 104,000.00",
            "2025-11-20",
            "Green",
            "7",
        ],
    ]
    for offset, row in enumerate(extra, start=1):
        rows.insert(min(len(rows), offset * step + 3), row)
    # An unquoted semicolon inside a name splits the row into one field too many.
    ragged = [
        "49003",
        "Tidal Media",
        " Studios SAS",
        OWNERS[0],
        "Customer",
        "Mid-market",
        "2018-02-02",
        euro(41_000),
        euro(43_500),
        "2026-02-02",
        "Green",
        "9",
    ]
    rows.insert(7 * step, ragged)


def write_export(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=150, help="accounts to generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent / "crm" / "accounts.csv",
    )
    parser.add_argument("--clean", action="store_true", help="leave out the messy rows")
    args = parser.parse_args(argv)
    rows = generate_rows(args.count, args.seed, messy=not args.clean)
    write_export(args.out, rows)
    print(f"wrote {len(rows)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
