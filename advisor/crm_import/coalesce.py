"""Fields a layout reads row by row from several columns: each row's value from the first one
it fills.

Some systems write one fact in a column per outcome: Close writes a won opportunity's close
date in `date_won` and a lost one's in `date_lost`; Pipedrive writes `Deal - Won time` and
`Deal - Lost time`. Choosing one of those columns for the whole file would leave every row of
the other outcome undated, so a layout names such fields in `Layout.coalesce` and each row's
value comes from the first of the field's columns that the row fills.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from advisor.crm_import.layouts import Layout
from advisor.crm_import.mapping import normalise_header
from advisor.crm_import.records import Cells, RawTable, cell_text
from advisor.crm_import.text_cells import TextCells
from advisor.i18n import _


def coalesced_headers(
    layout: Layout | None,
    headers: Sequence[str],
    mapping: Mapping[str, str],
    overrides: Mapping[str, str],
) -> dict[str, tuple[str, ...]]:
    """field -> the file's columns read for it row by row, where the layout coalesces several.

    Only when the field is still mapped to the first of them and the user's `--map` did not
    choose its column (a chosen column is read alone), and only columns that no other field
    takes and that the user did not map or ignore.
    """
    if layout is None:
        return {}
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(normalise_header(header), header)
    chosen = {" ".join(column.split()).casefold(): name for column, name in overrides.items()}
    found: dict[str, tuple[str, ...]] = {}
    for name in layout.coalesce:
        keys = [normalise_header(wanted) for wanted in layout.columns.get(name, ())]
        present = [by_key[key] for key in keys if key in by_key]
        if not present or mapping.get(name) != present[0] or name in chosen.values():
            continue
        taken = {header for field, header in mapping.items() if field != name}
        rest = [h for h in present[1:] if h not in taken and h.casefold() not in chosen]
        if rest:
            found[name] = (present[0], *rest)
    return found


def coalesced_cells(raw: RawTable, headers: Sequence[str]) -> Cells:
    """Each row's cell from the first of the columns that fills it (the first column's where
    none does)."""
    columns = [raw.column(header) for header in headers]
    if all(isinstance(cells, TextCells) for cells in columns):
        series = [cells.series for cells in columns if isinstance(cells, TextCells)]
        merged = series[0]
        for other in series[1:]:
            merged = merged.where(merged.fillna("").str.strip() != "", other)
        return TextCells(merged)
    lists = [list(cells) for cells in columns]
    return [
        next((cell for cell in row if cell_text(cell).strip()), row[0])
        for row in zip(*lists, strict=True)
    ]


def source_header(raw: RawTable, headers: Sequence[str], position: int) -> str:
    """The column a row's coalesced cell came from."""
    for header in headers:
        if cell_text(raw.column(header)[position]).strip():
            return header
    return headers[0]


def unread_columns(
    headers: Sequence[str], mapping: Mapping[str, str], by_row: Mapping[str, tuple[str, ...]]
) -> list[str]:
    """The file's columns no field reads, neither mapped nor coalesced."""
    read = set(mapping.values()).union(*by_row.values())
    return [header for header in headers if header not in read]


def coalesce_note(label: str, headers: Sequence[str]) -> str:
    others = f"'{headers[1]}'" if len(headers) > 1 else "''"
    for header in headers[2:]:
        # Translators: two columns (or a list of them, then one more) either of which is read.
        quoted = "'" + header + "'"
        others = _("{columns} or {column}", columns=others, column=quoted)
    # Translators: {field} is a field's name in lower case; {columns} one or more quoted headers.
    return _(
        "{field} read row by row: from '{first}', else from {columns} (the column each row fills)",
        field=label.lower(),
        first=headers[0],
        columns=others,
    )
