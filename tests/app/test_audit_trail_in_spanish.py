"""The audit trail on the Clients page in a Spanish session: its headers, each event's words and
details in Spanish, the names and the case as recorded."""

from __future__ import annotations

from apptest_support import APP, PAGE_SCRIPTS, TIMEOUT_S, assert_no_exception, table_with_column
from roles_support import ANNA, CARL, make_scene
from streamlit.testing.v1 import AppTest
from test_sign_in import AUTH, signed_in

from advisor.ui.language import LANG_PARAM


def test_the_owner_reads_the_audit_trail_in_spanish(workspace_url: str) -> None:
    make_scene(workspace_url)  # Anna's Acme: a workshop opened, Dana's link, two shares
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.query_params[LANG_PARAM] = "es"
    at.secrets["auth"] = AUTH
    at.user = signed_in(ANNA)
    at.run()
    at.switch_page(PAGE_SCRIPTS["Clients"]).run()
    assert_no_exception(at)
    table = table_with_column(at, "Quién").value
    assert list(table.columns) == ["Cuándo", "Quién", "Qué", "Caso", "Detalle"]
    rows = table.to_dict("records")
    assert [row["Qué"] for row in rows] == [
        "compartió el cliente",
        "compartió el cliente",
        "emitió el enlace de un participante",
        "abrió un taller",
    ]
    assert rows[0]["Quién"] == ANNA
    assert rows[0]["Detalle"] == f"compañero: {CARL}, rol: lector"
    assert rows[2]["Caso"] == "today" and rows[2]["Detalle"] == "participante: Dana"
    assert rows[3]["Detalle"].startswith("los enlaces funcionan hasta el ")
