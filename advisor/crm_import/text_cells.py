"""A CSV column read by pyarrow: its cells stay in Arrow, shown to Python as a sequence of text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import numpy as np
import pandas as pd
import pyarrow as pa


class TextCells(Sequence[str]):
    """The text cells of one column, held as an Arrow-backed pandas Series (dtype "str").

    Cleaning reads `series` with vectorised string operations; indexing, iteration and
    comparison with a list of the same cells behave as the list does, for the few places that
    look at single cells (messages about a row, a preview).
    """

    __slots__ = ("series",)

    def __init__(self, series: pd.Series[str]) -> None:
        self.series = series

    def __len__(self) -> int:
        return len(self.series)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return list(self.series.iloc[index].tolist())
        return str(self.series.iloc[index])

    def __iter__(self) -> Iterator[str]:
        return iter(self.series.tolist())

    def tolist(self) -> list[str]:
        return list(self.series.tolist())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TextCells):
            other = other.tolist()
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(other) == len(self) and self.tolist() == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TextCells({self.tolist()[:5]!r}{'…' if len(self) > 5 else ''})"


def plain(cells: Sequence[Any]) -> list[Any]:
    """The cells as a list (an Arrow column's converted once)."""
    return cells.tolist() if isinstance(cells, TextCells) else list(cells)


def _text_chunks(series: pd.Series[str], *, large_only: bool = False) -> list[pa.Array] | None:
    """The Arrow chunks of a text Series, or None when it is not Arrow text (the byte checks
    then answer "maybe"); `large_only` for a check that reads 64-bit offsets."""
    try:
        array = pa.array(series.array)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        return None
    if not pa.types.is_large_string(array.type) and (
        large_only or not pa.types.is_string(array.type)
    ):
        return None
    return list(array.chunks) if isinstance(array, pa.ChunkedArray) else [array]


def may_hold(series: pd.Series[str], needles: Iterable[str]) -> bool:
    """False when no cell of an Arrow-backed text Series holds any of the needles.

    The column's UTF-8 bytes are searched as one block, far faster than cell by cell; a needle
    found across two cells (or in bytes beyond a slice) only answers True, never a wrong False.
    """
    chunks = _text_chunks(series)
    if chunks is None:
        return True
    wanted = [needle.encode() for needle in needles]
    for chunk in chunks:
        data = chunk.buffers()[2]
        if data is None:
            continue  # no characters at all
        block = np.frombuffer(data, dtype=np.uint8)
        if any(_holds(block, needle) for needle in wanted):
            return True
    return False


def _holds(block: np.ndarray[Any, np.dtype[np.uint8]], needle: bytes) -> bool:
    """Whether the bytes hold the needle: `needle in bytes(block)`, without copying the block.

    Bytes search slows down on a needle whose first byte is common ("  " among single spaces);
    comparing the block with each byte of the needle, shifted, costs the same on any text.
    """
    if len(needle) == 1:
        return bool((block == needle[0]).any())
    if not needle or len(block) < len(needle):
        return not needle
    span = len(block) - len(needle) + 1
    found = block[:span] == needle[0]
    if np.count_nonzero(found) * 64 < span:
        # The first byte is rare (a non-breaking space's 0xC2): only where it is are the
        # following bytes looked at, not the whole block once more for each of them.
        starts = np.flatnonzero(found)
        for offset, byte in enumerate(needle[1:], start=1):
            starts = starts[block[starts + offset] == byte]
        return len(starts) > 0
    for offset, byte in enumerate(needle[1:], start=1):
        found &= block[offset : offset + span] == byte
    return bool(found.any())


def may_have_blank_ends(series: pd.Series[str]) -> bool:
    """False when no cell of an Arrow-backed text Series starts or ends with a blank.

    Only each cell's first and last byte are looked at: every blank character's UTF-8 starts
    with a byte up to a space or from 0x80 on, and ends with one up to a space or in 0x80-0xBF,
    so a False is certain; a True (a cell ending in "é", say) only says "strip to find out".
    """
    chunks = _text_chunks(series, large_only=True)
    if chunks is None:
        return True
    for chunk in chunks:
        _, offsets_buffer, data = chunk.buffers()
        if data is None or len(chunk) == 0:
            continue  # no characters at all
        block = np.frombuffer(data, dtype=np.uint8)
        offsets = np.frombuffer(offsets_buffer, dtype=np.int64)[
            chunk.offset : chunk.offset + len(chunk) + 1
        ]
        filled = offsets[1:] > offsets[:-1]
        ends = np.concatenate([block[offsets[:-1][filled]], block[offsets[1:][filled] - 1]])
        if bool(((ends <= 0x20) | (ends >= 0x80)).any()):
            return True
    return False


def may_change_case(series: pd.Series[str]) -> bool:
    """False when no cell of an Arrow-backed text Series holds an upper-case letter.

    Every byte is looked at once: A-Z, or any byte of a non-ASCII character (which may be a
    capital such as "É"), answers True; account IDs made of digits answer False.
    """
    chunks = _text_chunks(series)
    if chunks is None:
        return True
    for chunk in chunks:
        data = chunk.buffers()[2]
        if data is None:
            continue  # no characters at all
        block = np.frombuffer(data, dtype=np.uint8)
        if bool((((block >= 0x41) & (block <= 0x5A)) | (block >= 0x80)).any()):
            return True
    return False
