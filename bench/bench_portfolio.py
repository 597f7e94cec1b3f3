"""Benchmark: read and diagnose a generated 100,000-account CRM export in process, against a
plain pyarrow read of the same file, in processor time over interleaved rounds.

Target: read + diagnose within 5× the pyarrow read of the same file (the median of the rounds'
ratios), and in under 2 seconds. The export comes from the same seeded generator as
the shipped sample (semicolons, decimal commas, euro signs, a few messy rows), so every parsing
path is exercised.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from advisor.crm_import import import_accounts_file
from advisor.pack import load_pack
from advisor.portfolio import SAMPLE_AS_OF, diagnose
from bench.bench_uploads_crm import ACCOUNTS, export, pyarrow_read
from bench.ratios import cpu, interleaved, measured

TARGET_SECONDS = 2.0
TARGET_RATIO = 5.0  # import_accounts_file + diagnose against a plain pyarrow read of the file
ROUNDS = 5


def main() -> None:
    print("== Portfolio ==")
    pack = load_pack()
    with tempfile.TemporaryDirectory() as folder:
        path = export(Path(folder))
        floor, figure = "a pyarrow read of the file", "import_accounts_file + diagnose"
        runs = interleaved(
            {
                floor: cpu(lambda: pyarrow_read(path)),
                figure: cpu(lambda: diagnose(import_accounts_file(path), SAMPLE_AS_OF, pack)),
            },
            ROUNDS,
        )
    name = f"portfolio, {ACCOUNTS:,} accounts"
    measured(name, runs, figure, floor, ratio_target=TARGET_RATIO, limit=TARGET_SECONDS)


if __name__ == "__main__":
    main()
