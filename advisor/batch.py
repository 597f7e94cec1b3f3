"""Assess many profiles, one per row of plain text cells, in this process or in worker processes.

A batch is read, assessed and handed on a chunk of rows at a time, so its memory does not grow
with its length. With more than one worker, chunks are assessed in worker processes; each
worker loads the rule pack once, itself, through the ordinary cached loader (the pack's path and
digest travel, never the pack), and only plain values cross between processes, as MessagePack
over a pipe each way: the header and the day once, each row's number and cells, and each row's
result as its strings and numbers. Results come back in the order the rows went in, whatever the
number of workers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

import msgspec

from advisor.engine import evaluate
from advisor.i18n import _
from advisor.pack import RulePack, RulePackError, load_pack
from advisor.profile import ProfileError, parse_profile

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

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
_FRAME = 8  # a message's length comes first, on 8 bytes (`_send`)
_PIPE_BYTES = 1 << 20  # Linux's default ceiling for a pipe an ordinary user widens
_JOIN_SECONDS = 5  # a worker given no more rows ends within its chunk; past this it is stopped

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
    """Chunks assessed by up to `workers` processes, chunk k by worker k mod their number, each
    worker's answers read in turn, so in the order the rows went in.

    A worker holds two chunks at most: the one it assesses and the next, which it reads before
    it answers the first (or the empty message that tells it to stop). So this process writes a
    chunk to a worker only when that worker is assessing or reading, never while it waits for
    its answer to be read, and one thread does all the passing: each chunk is encoded into one
    reused buffer and each answer received into another. (A pool whose threads pickle and
    receive these bytes for it leaves holes of about a chunk in the allocator's arenas: at
    100,000 rows the process peaked 10 MB higher than at 10,000.)
    """
    first = list(islice(chunks, workers))
    pool = _Pool(len(first))
    try:
        pool.start(rules, pack.digest, header, as_of)
        for worker, chunk in enumerate(first):
            pool.send(worker, chunk)
        for worker in range(pool.size):
            pool.send(worker, next(chunks, None))
        answered = 0
        while answered < pool.sent:
            worker = answered % pool.size
            answer = pool.receive(worker)
            pool.send(worker, next(chunks, None))
            answered += 1
            if isinstance(answer, str):
                raise RulePackError.single(answer, file=rules or "rules")
            if isinstance(answer, dict):  # a bug in assessing: its traceback, as it happened
                raise RuntimeError(f"a worker process failed:\n{answer['failed']}")
            yield from (dict(zip(BATCH_COLUMNS, values, strict=True)) for values in answer)
    except (EOFError, OSError):
        raise _stopped(rules) from None
    finally:
        pool.close()


def _stopped(rules: str | None) -> RulePackError:
    return RulePackError.single(
        _(
            "a worker process stopped before it finished its rows (out of memory?); run the "
            "batch again with --workers 1"
        ),
        file=rules or "rules",
    )


class _Pool:
    """Worker processes, each with a pipe in and a pipe out, fed in turn."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.sent = 0  # chunks handed out; the next goes to worker `sent` mod `size`
        self._stopped = [False] * size
        self._processes: list[Any] = []
        self._to_workers: list[Connection] = []  # this process's ends: chunks out ...
        self._from_workers: list[Connection] = []  # ... and answers in
        self._encoder = msgspec.msgpack.Encoder()
        self._chunk = bytearray()
        self._answer = bytearray(_FRAME)

    def start(self, rules: str | None, digest: str, header: list[str], as_of: dt.date) -> None:
        """Start the workers; each loads the pack from `rules` and checks its `digest`."""
        context = _start_method()
        for _worker in range(self.size):
            its_in, to_worker = context.Pipe(duplex=False)
            from_worker, its_out = context.Pipe(duplex=False)
            # A forked worker closes its copies of this process's ends, its own included: each
            # pipe then ends when the worker or this process does, and the other side sees it.
            process = context.Process(
                target=_serve,
                args=(
                    rules,
                    digest,
                    header,
                    as_of,
                    its_in,
                    its_out,
                    [*self._ends(), to_worker, from_worker],
                ),
                daemon=True,
            )
            process.start()
            its_in.close()
            its_out.close()
            _widen(to_worker)
            _widen(from_worker)
            self._processes.append(process)
            self._to_workers.append(to_worker)
            self._from_workers.append(from_worker)

    def _ends(self) -> list[Connection]:
        return [*self._to_workers, *self._from_workers]

    def send(self, worker: int, chunk: list[Row] | None) -> None:
        """A chunk to `worker` (chunk k goes to worker k mod `size`); None, when no rows are
        left, tells it to stop after the chunks it has."""
        if chunk is None:
            if not self._stopped[worker]:
                self._stopped[worker] = True
                _send(self._to_workers[worker], b"")
            return
        self._encoder.encode_into(chunk, self._chunk)
        _send(self._to_workers[worker], self._chunk)
        self.sent += 1

    def receive(self, worker: int) -> list[list[Any]] | str | dict[str, str]:
        """The worker's answer to its oldest chunk: its results' values, why it cannot assess,
        or the traceback of a failure (`_serve`)."""
        self._answer, size = _receive_into(self._from_workers[worker], self._answer)
        answer: list[list[Any]] | str | dict[str, str]
        answer = msgspec.msgpack.decode(memoryview(self._answer)[:size])
        return answer

    def close(self) -> None:
        """Close every pipe (a worker ends when its own does), then wait for the workers."""
        for connection in self._ends():
            connection.close()
        for process in self._processes:
            process.join(timeout=_JOIN_SECONDS)
            if process.is_alive():
                process.terminate()
                process.join()


def _widen(connection: Connection) -> None:
    """Let a pipe hold a whole chunk or answer where the system allows (Linux): a worker then
    writes its answer and goes on to its next chunk at once, instead of waiting for this process
    to read the answer out of a pipe of 64 KB (an answer of 200 rows is about 90 KB), and this
    process hands a worker its next chunk without waiting for the worker to read it."""
    with contextlib.suppress(ImportError, AttributeError, OSError):  # not Linux, or past its limit
        import fcntl

        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)


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


def _serve(
    rules: str | None,
    digest: str,
    header: list[str],
    as_of: dt.date,
    inbox: Connection,
    outbox: Connection,
    ends: list[Connection],
) -> None:
    """A worker: each chunk read, assessed and answered once the next message is read (a chunk,
    or the empty message after the last); its results go back as lists of values in
    `BATCH_COLUMNS` order, or as the reason this worker cannot assess, or, should assessing
    fail (a bug: a row's own problems are results), as `{"failed": its traceback}`, the last
    answer this worker gives.
    """
    for end in ends:
        end.close()
    _start_worker(rules, digest)
    decoder = msgspec.msgpack.Decoder(list[tuple[int, list[str]]])
    encoder = msgspec.msgpack.Encoder()
    received, answer = bytearray(_FRAME), bytearray()
    try:
        received, size = _receive_into(inbox, received)
        while size:
            chunk = decoder.decode(memoryview(received)[:size])
            try:
                encoder.encode_into(_assess_in_worker(header, chunk, as_of), answer)
            except Exception:  # noqa: BLE001 - carried to the batch's process, raised there
                import traceback

                _send(outbox, encoder.encode({"failed": traceback.format_exc()}))
                return
            received, size = _receive_into(inbox, received)
            _send(outbox, answer)
    except (EOFError, OSError):
        pass  # the batch ended before its rows did (an error, or its output closed)


def _assess_in_worker(header: list[str], chunk: list[Row], as_of: dt.date) -> list[list[Any]] | str:
    if _worker_pack is None:
        return _worker_problem or _("the rule pack was not loaded in the worker process")
    results = _assess_chunk(header, chunk, _worker_pack, as_of)
    return [[result[column] for column in BATCH_COLUMNS] for result in results]


def _send(connection: Connection, message: bytes | bytearray) -> None:
    """One message: its length on `_FRAME` bytes, then its bytes, written to the pipe's file
    descriptor (the framing is this module's, read by `_receive_into`, not multiprocessing's);
    where a connection's handle is no file descriptor, `send_bytes`."""
    if os.name != "posix":
        connection.send_bytes(message)
        return
    fd = connection.fileno()
    with memoryview(message) as view:
        for part in (len(message).to_bytes(_FRAME, "big"), view):
            done = 0
            while done < len(part):
                done += os.write(fd, part[done:])


def _receive_into(connection: Connection, buffer: bytearray) -> tuple[bytearray, int]:
    """The next message `_send` wrote, read into `buffer` (or a larger one, kept from then on
    for the next) without other bytes allocated: the buffer and the message's length.
    EOFError when the other end has closed."""
    if os.name != "posix":  # a connection's handle is no file descriptor
        message = connection.recv_bytes()
        return bytearray(message), len(message)
    fd = connection.fileno()
    _read_exactly(fd, buffer, _FRAME)
    size = int.from_bytes(buffer[:_FRAME], "big")
    if len(buffer) < size:
        buffer = bytearray(size)
    _read_exactly(fd, buffer, size)
    return buffer, size


def _read_exactly(fd: int, buffer: bytearray, size: int) -> None:
    with memoryview(buffer) as view:
        done = 0
        while done < size:
            read = os.readv(fd, [view[done:size]])
            if not read:
                raise EOFError
            done += read
