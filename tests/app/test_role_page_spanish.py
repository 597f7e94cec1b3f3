"""The Role page in Spanish (`?lang=es`): the RACI table's role headings, the editors' column
headings and the OTE's source note, which were English there."""

from __future__ import annotations

import json

from apptest_support import open_app


def _headers(at) -> list[str]:  # type: ignore[no-untyped-def]
    """Every column heading the page's tables show (an editor's configured label, else the
    column's name)."""
    found = []
    for table in at.dataframe:
        config = json.loads(table.proto.columns or "{}")
        for column in table.value.columns:
            label = config.get(str(column), {}).get("label")
            found.append(str(label or column))
    return found


def test_the_role_page_heads_its_tables_in_spanish() -> None:
    at = open_app("Role", {"lang": "es"})
    headers = _headers(at)
    assert "Fundador" in headers and "Founder" not in headers  # the RACI table
    assert {"AM", "AE", "CSM"} <= set(headers)
    # The editors keep their data's keys and show the labels.
    assert "area" not in headers and "days_before" not in headers


def test_the_role_page_says_where_the_ote_comes_from_in_spanish() -> None:
    at = open_app("Role", {"lang": "es"})
    ote = next(box for box in at.number_input if box.key == "role.ote")
    assert ote.help.startswith("Por defecto: ")
    assert "derived from" not in ote.help


def test_the_edited_sections_are_named_by_their_headings_in_spanish() -> None:
    at = open_app("Role", {"lang": "es"})
    at.text_input(key="role.title").set_value("Key Account Manager EMEA").run()
    at.text_area(key="role.mission").set_value("Cuidar la cartera.").run()
    captions = [caption.value for caption in at.caption]
    assert "Modificado: Nombre del puesto, Misión" in captions
    assert not any("title" in caption or "mission" in caption for caption in captions)
