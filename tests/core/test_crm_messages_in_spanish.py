"""The CRM import's refusals and the portfolio diagnosis in the reader's language: a refused file
or row named in Spanish by its row and column, `advisor diagnose --lang es` writing its notes in
Spanish (text, Markdown and JSON, whose keys and machine values stay as they are), and the
pseudo-language finding no sentence of the import or the diagnosis outside the catalogue."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from typing import Any

import pytest

from advisor import cli
from advisor.crm_import import (
    ExportError,
    ImportLimits,
    ImportOptions,
    import_accounts,
    import_accounts_file,
    read_export_file,
)
from advisor.i18n import PSEUDO, language
from advisor.pack import load_pack
from advisor.portfolio import SAMPLE_AS_OF, SAMPLE_EXPORT, PortfolioReport, diagnose
from tests.i18n_support import untranslated

SAMPLE = str(SAMPLE_EXPORT)
AS_OF = SAMPLE_AS_OF.isoformat()  # 2025-06-30
SMALL = (
    b"Company name,ARR 12 months ago,Current ARR\n"
    b"Alpha Ltd,1000,1200\n"
    b"Beta Ltd,abc,900\n"
    b"Gamma Ltd,500,0\n"
)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["diagnose", *args], out)
    return code, out.getvalue()


def spanish_money(amount: float) -> str:
    """Whole euros as Spain writes them, from the definition: dots between thousands, a space
    (a no-break one, which the terminal's text writes as a plain space), the symbol after."""
    return f"{round(amount):,}".replace(",", ".") + " €"


# ---------------------------------------------------------------------------------------------
# Refusals


def test_a_refused_mapping_names_the_column_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out = run(SAMPLE, "--as-of", AS_OF, "--map", "Nope=account", "--lang", "es")
    assert code == 2
    err = capsys.readouterr().err
    assert "--map: no hay ninguna columna llamada 'Nope'; columnas: Record ID, Company name" in err


def test_a_refused_file_names_its_row_in_spanish() -> None:
    options = ImportOptions(limits=ImportLimits(max_columns=2))
    with language("es"):
        with pytest.raises(ExportError) as refused:
            import_accounts(SMALL, "cuentas.csv", options)
        shown = str(refused.value)  # worded where it is shown, in the language of that moment
    assert shown == "cuentas.csv, fila 1: la cabecera tiene 3 columnas; el límite es 2"


def test_a_row_left_out_names_its_row_account_and_column_in_spanish() -> None:
    with language("es"):
        imported = import_accounts(SMALL, "cuentas.csv")
        issues = [str(issue) for issue in imported.excluded]
    # Beta Ltd is the file's second data row: row 3, the header being row 1.
    assert "fila 3 (Beta Ltd), columna 'ARR 12 months ago': 'abc' no es un importe" in issues


def test_an_unknown_status_word_is_worded_in_each_language_it_is_read_in() -> None:
    export = (
        b"Company name,Annual contract value,Status\nAlpha Ltd,1000,Customer\nBeta Ltd,900,Zzz\n"
    )
    reasons = {}
    for code in ("en", "es", "en"):
        with language(code):
            imported = import_accounts(export, "accounts.csv")
        reasons[code] = [issue.message for issue in imported.excluded if issue.line == 3]
    assert reasons["en"][0].startswith("status 'Zzz' (column 'Status' taken as the status)")
    assert reasons["es"][0].startswith("el estado 'Zzz' (columna 'Status', tomada como estado)")


def test_an_empty_row_is_named_in_spanish_and_still_counted_apart() -> None:
    export = (
        b"Company name,ARR 12 months ago,Current ARR\nAlpha Ltd,1000,1200\n,,\nBeta Ltd,900,900\n"
    )
    with language("es"):
        imported = import_accounts(export, "cuentas.csv")
        issues = [str(issue) for issue in imported.excluded]
    assert issues == ["fila 3: fila vacía"]
    assert imported.excluded_rows == 0  # an empty row is listed, never counted as excluded


def test_a_row_left_out_reads_as_before_in_english() -> None:
    imported = import_accounts(SMALL, "accounts.csv")
    issues = [str(issue) for issue in imported.excluded]
    assert "row 3 (Beta Ltd), column 'ARR 12 months ago': 'abc' is not an amount" in issues


def test_a_refused_file_in_spanish_exits_2_with_the_message_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    empty = tmp_path / "vacio.csv"
    empty.write_bytes(b"  \n")
    code, out = run(str(empty), "--lang", "es")
    assert (code, out) == (2, "")
    assert "vacio.csv: el archivo está vacío" in capsys.readouterr().err


def test_when_no_account_counts_the_dates_are_named_as_the_cause_in_spanish(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Which rows were refused for their dates is told from the message in the reader's
    language, not from English words in it."""
    export = tmp_path / "deals.csv"
    export.write_text(
        "Account,Amount,Stage,Close Date\nOak,100,Closed Won,2024/03/07\nPine,200,Closed Won,"
        "2024/03/08\n",
        encoding="utf-8",
    )
    code, _out = run(str(export), "--as-of", AS_OF, "--lang", "es")
    assert code == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first == (
        "advisor diagnose: deals.csv: no se pudo contar ninguna cuenta: 2 filas: columna 'Close "
        "Date': '2024/03/07' no es una fecha en el formato AAAA-MM-DD — la causa son las fechas: "
        "declara su formato con --date-format (p. ej. %d/%m/%Y o %m/%d/%Y)"
    )


def test_an_amount_to_the_cent_in_a_warning_is_written_the_spanish_way() -> None:
    export = (
        b"Company name,ARR 12 months ago,Current ARR,Status\n"
        b"Alpha Ltd,1000,1234.5,Churned\nBeta Ltd,800,900,Customer\n"
    )
    with language("es"):
        report = diagnose(import_accounts(export, "cuentas.csv"), SAMPLE_AS_OF, load_pack())
    warnings = [issue.message for issue in report.warnings]
    # 1234.5 to the cent, Spain's marks: a dot between thousands, a decimal comma.
    assert (
        "el estado es de baja pero el ARR al final del periodo es 1.234,50; cuenta como baja "
        "(ARR final 0)"
    ) in warnings


# ---------------------------------------------------------------------------------------------
# advisor diagnose --lang es


@pytest.fixture(scope="module")
def spanish_text() -> str:
    code, out = run(SAMPLE, "--as-of", AS_OF, "--lang", "es")
    assert code == 0
    return out


def test_diagnose_in_spanish_names_the_band_its_targets_come_from(spanish_text: str) -> None:
    # €5,389,700 of ending ARR over 125 active accounts: €43,118 a contract, in the band from
    # €23,000 to under €46,000.
    average = spanish_money(5_389_700 / 125)
    assert (
        "los objetivos de retención y el tamaño de cartera por responsable son los de los "
        f"contratos de {spanish_money(23_000)} a menos de {spanish_money(46_000)} al año"
    ) in spanish_text
    assert f"el ARR final por cuenta activa ({average}, 125 cuentas) cae en esa franja" in (
        spanish_text
    )


def test_diagnose_in_spanish_describes_the_file_and_warns_of_old_figures(
    spanish_text: str,
) -> None:
    first = spanish_text.splitlines()[0]
    assert first.endswith(
        "accounts.csv · UTF-8 con BOM, punto y coma · Exportación de empresas de HubSpot (una "
        "fila por cuenta) · coma decimal (detectada)"
    )
    days = (date.today() - SAMPLE_AS_OF).days
    assert (
        f"Las cifras terminan el {AS_OF}, {days} días antes del {date.today().isoformat()}: "
        "tienen más de un trimestre."
    ) in spanish_text
    # Row 128 has one field more than the header: the reason names the delimiter in Spanish.
    assert (
        "fila 128 (Tidal Media): la fila tiene 12 campos y la cabecera tiene 11 (¿un punto y "
        "coma sin comillas dentro de un valor?)"
    ) in spanish_text


def test_diagnose_without_as_of_says_in_spanish_where_the_period_ends(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out = run(SAMPLE, "--lang", "es")
    assert code == 0
    err = capsys.readouterr().err
    assert re.search(
        r"advisor diagnose: sin --as-of: el periodo termina el \d{4}-\d\d-\d\d, la fecha más "
        r"reciente de las filas del archivo \(fechas de inicio, de fin y de cierre",
        err,
    )


def test_diagnose_markdown_in_spanish() -> None:
    code, out = run(SAMPLE, "--as-of", AS_OF, "--format", "md", "--lang", "es")
    assert code == 0
    assert "UTF-8 con BOM, punto y coma" in out.splitlines()[0]
    assert "los objetivos de retención" in out


def _keys(value: Any) -> Any:
    """The JSON's keys and machine values (numbers, flags), every text set aside."""
    if isinstance(value, dict):
        return {key: _keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_keys(item) for item in value]
    return "text" if isinstance(value, str) else value


def test_diagnose_json_in_spanish_keeps_keys_and_values_and_words_its_sentences() -> None:
    english = json.loads(run(SAMPLE, "--as-of", AS_OF, "--format", "json")[1])
    spanish = json.loads(run(SAMPLE, "--as-of", AS_OF, "--format", "json", "--lang", "es")[1])
    assert _keys(spanish) == _keys(english)
    for key in ("source", "basis", "currency", "layout", "as_of", "period_start", "mapping"):
        assert spanish[key] == english[key]
    assert [row["row"] for row in spanish["excluded"]] == [
        row["row"] for row in english["excluded"]
    ]
    assert [row["column"] for row in spanish["excluded"]] == [
        row["column"] for row in english["excluded"]
    ]
    assert any(note.startswith("los objetivos de retención") for note in spanish["notes"])
    assert any(note.startswith("retention targets") for note in english["notes"])
    assert any(row["message"].startswith("la fila tiene 12 campos") for row in spanish["excluded"])


# ---------------------------------------------------------------------------------------------
# The pseudo-language


@pytest.fixture(scope="module")
def pseudo_report() -> PortfolioReport:
    with language(PSEUDO):
        return diagnose(import_accounts_file(SAMPLE_EXPORT), SAMPLE_AS_OF, load_pack())


def _data(report: PortfolioReport) -> list[str]:
    """What the report quotes as it is: the file's name, headers and cells, the targets'
    sources, and the metrics' labels as the rule pack names them."""
    raw = read_export_file(SAMPLE_EXPORT)
    rows = [*raw.columns, *raw.excluded_cells.values()]  # the rows refused on reading too
    cells = [str(c).strip() for row in rows for c in row if re.search("[A-Za-z]", str(c))]
    sources = [m.target.source for m in report.metrics if m.target is not None]
    labels = [m.label for m in report.metrics]
    return [report.source, *raw.headers, *cells, *sources, *labels]


def _unwrapped(text: str) -> str:
    """The text with a table cell's continuation lines (deeply indented) joined to their line,
    so a name the terminal's width cut in two is read whole."""
    return re.sub(r"\n {12,}", " ", text)


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_every_sentence_of_the_diagnosis_goes_through_the_catalogue(
    fmt: str, pseudo_report: PortfolioReport
) -> None:
    from advisor.export.portfolio import render_markdown, render_text

    with language(PSEUDO):
        text = (render_text if fmt == "text" else render_markdown)(pseudo_report)
    if fmt == "md":
        text = re.sub(r"\\(.)", r"\1", text)  # Markdown's escapes are no words
    assert untranslated(_unwrapped(text), _data(pseudo_report)) == []


def test_the_pseudo_check_finds_a_note_left_in_english(pseudo_report: PortfolioReport) -> None:
    from advisor.export.portfolio import render_text

    pseudo_report.notes.append("a note left in English")
    try:
        with language(PSEUDO):
            text = render_text(pseudo_report)
    finally:
        pseudo_report.notes.pop()
    assert untranslated(_unwrapped(text), _data(pseudo_report)) == ["a note left in English"]
