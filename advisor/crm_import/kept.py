"""The accounts frame of the rows an import keeps, each full column copied once and let go."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from advisor.crm_import.amounts import BoolArray


def kept_rows(columns: dict[str, Any], keep: BoolArray) -> pd.DataFrame:
    """The frame of the rows kept, copied column by column: `columns` is emptied as it goes, so
    a full column nothing else holds is let go before the next one is copied."""
    everything = bool(keep.all())
    mask = None if everything else pa.array(keep)
    kept: dict[str, pd.Series[Any]] = {}
    for name in list(columns):
        column = pd.Series(columns.pop(name), copy=False)
        if everything:
            kept[name] = column
        elif _in_arrow(column):  # Arrow filters text by a mask faster than it takes positions
            kept[name] = pd.Series(pc.filter(pa.array(column.array), mask), dtype=column.dtype)
        elif isinstance(column.dtype, np.dtype) and column.dtype.kind in "biufM":
            # Numbers and dates: numpy picks them out (an object column would be re-inferred)
            kept[name] = pd.Series(column.to_numpy(copy=False)[keep], copy=False)
        else:
            kept[name] = column.take(np.flatnonzero(keep)).reset_index(drop=True)
        del column
    return pd.DataFrame(kept, copy=False)


def _in_arrow(column: pd.Series[Any]) -> bool:
    return isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"


def few_words(words: list[str]) -> pd.Series[str]:
    """A column of a handful of distinct words as text, made Arrow text in one pass."""
    try:
        return pd.Series(pa.array(words, type=pa.large_string()), dtype="str")
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not all text: left to pandas, row by row
        return pd.Series(words, dtype="str")


def coded_words(words: list[str], codes: np.ndarray[Any, Any]) -> pd.Series[str]:
    """The text column whose row i holds `words[codes[i]]`, each word made once."""
    return pd.Series(pa.array(words, type=pa.large_string()).take(pa.array(codes)), dtype="str")
