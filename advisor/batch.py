"""Assess many profiles, one per row of plain text cells, in this process or in worker processes.

A batch is read, assessed and handed on a chunk of rows at a time, so its memory does not grow
with its length. With more than one worker, chunks are assessed in a pool of processes; each
worker loads the rule pack once, itself, through the ordinary cached loader (the pack's path and
digest travel, never the pack), and only plain values cross between processes: the header, each
row's number and cells, and each row's result as a dict of strings and numbers. Results come back
in the order the rows went in, whatever the number of workers.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from advisor.engine import evaluate
from advisor.i18n import _
from advisor.pack import RulePack, RulePackError, load_pack
from advisor.profile import ProfileError, parse_profile

if TYPE_CHECKING:
    from concurrent.futures import Future

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
CHUNK_ROWS = 200  # rows a worker assesses per task: about 30 ms of work, little to carry
MAX_WORKERS = 8  # past this the parent's reading and writing, not the assessing, sets the pace
IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: enough to keep it busy, few to hold

Row = tuple[int, list[str]]  # the row's number in the file (the header is row 1), its cells
Result = dict[str, Any]

_worker_pack: RulePack | None = None
_worker_problem = ""


def default_workers() -> int:
    """The processors this process may run on, at most `MAX_WORKERS`."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(available, MAX_WORKERS))


def assess_row(
    number: int, header: list[str], cells: list[str], pack: RulePack, as_of: dt.date
) -> Result:
    """One row's result; a row that cannot be read gets its error, naming the row."""
    result: Result = dict.fromkeys(BATCH_COLUMNS, "")
    result["row"] = number
    if len(cells) != len(header):
        # Translators: {row} is a row's number; {cells} and {columns} are counts.
        result["error"] = _(
            "row {row}: {cells} cells, header has {columns}",
            row=number,
            cells=len(cells),
            columns=len(header),
        )
        return result
    data = {name: cell for name, cell in zip(header, cells, strict=True) if cell.strip()}
    result["company"] = data.get("company", "")
    try:
        profile = parse_profile(data)
    except ProfileError as error:
        # Translators: {row} is a row's number; {problems} what is wrong with it.
        result["error"] = _(
            "row {row}: {problems}",
            row=number,
            problems="; ".join(str(p) for p in error.problems),
        )
        return result
    assessment = evaluate(
        profile, pack, as_of=as_of, with_flip_points=False, full_trace=False, with_plan=False
    )
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


def assess_rows(
    header: list[str],
    rows: Iterable[Row],
    *,
    pack: RulePack,
    rules: str | None,
    as_of: dt.date,
    workers: int = 1,
    chunk_rows: int = CHUNK_ROWS,
) -> Iterator[Result]:
    """Each row's result, in the order of `rows`, read and assessed a chunk at a time.

    `pack` is the pack loaded from `rules` (None: the shipped pack); a worker loads the same
    path itself and refuses to assess when what it reads has another digest. With one worker,
    or when the rows fit in one chunk, every row is assessed in this process.
    """
    chunks = _chunks(rows, chunk_rows)
    first = next(chunks, None)
    second = next(chunks, None) if first is not None else None
    if first is None:
        return
    if workers <= 1 or second is None:
        for chunk in (first, second):
            if chunk is not None:
                yield from _assess_chunk(header, chunk, pack, as_of)
        for chunk in chunks:
            yield from _assess_chunk(header, chunk, pack, as_of)
        return
    yield from _pooled(header, _resumed(first, second, chunks), pack, rules, as_of, workers)


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _resumed(first: list[Row], second: list[Row], rest: Iterator[list[Row]]) -> Iterator[list[Row]]:
    yield first
    yield second
    yield from rest


def _assess_chunk(
    header: list[str], chunk: list[Row], pack: RulePack, as_of: dt.date
) -> list[Result]:
    return [assess_row(number, header, cells, pack, as_of) for number, cells in chunk]


def _pooled(
    header: list[str],
    chunks: Iterator[list[Row]],
    pack: RulePack,
    rules: str | None,
    as_of: dt.date,
    workers: int,
) -> Iterator[Result]:
    """Chunks assessed by `workers` processes, at most a few queued each, answered in order."""
    # Imported here: `advisor assess` and a batch in one process never load the pool.
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_start_method(),
        initializer=_start_worker,
        initargs=(rules, pack.digest),
    )
    pending: deque[Future[list[Result] | str]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_assess_in_worker, header, chunk, as_of))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from _answer(pending.popleft(), rules)
        while pending:
            yield from _answer(pending.popleft(), rules)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _answer(future: Future[list[Result] | str], rules: str | None) -> list[Result]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        answer = future.result()
    except BrokenProcessPool:
        raise RulePackError.single(
            _(
                "a worker process stopped before it finished its rows (out of memory?); run the "
                "batch again with --workers 1"
            ),
            file=rules or "rules",
        ) from None
    if isinstance(answer, str):
        raise RulePackError.single(answer, file=rules or "rules")
    return answer


def _start_method() -> Any:
    """Fork on Linux (a worker starts with the modules already imported; the command runs no
    other thread a fork could catch half-way), else a fresh interpreter per worker."""
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _start_worker(rules: str | None, digest: str) -> None:
    """Load the pack once for this worker, or keep the reason it cannot assess."""
    global _worker_pack, _worker_problem
    try:
        pack = load_pack(rules)
    except RulePackError as error:
        # Translators: {problem} is the rule pack's own refusal.
        _worker_problem = _("the rule pack no longer loads: {problem}", problem=error)
        return
    if pack.digest != digest:
        _worker_problem = _("the rule pack changed while the batch ran; run the batch again")
        return
    _worker_pack = pack


def _assess_in_worker(header: list[str], chunk: list[Row], as_of: dt.date) -> list[Result] | str:
    """A chunk's results, or the reason this worker cannot assess (no exception is carried)."""
    if _worker_pack is None:
        return _worker_problem or _("the rule pack was not loaded in the worker process")
    return _assess_chunk(header, chunk, _worker_pack, as_of)
