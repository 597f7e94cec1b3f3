"""Numbers, money and percentages are written from patterns prepared once per language: the text
is Babel's own for every value, currency and language (`format_decimal`, `format_currency`,
`format_percent` with the same pattern and locale, uncached)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.i18n import PSEUDO, formats, language

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = {"en": "en", "es": "es_ES"}
CURRENCIES = ["EUR", "USD", "GBP", "CHF", "JPY", "MXN", "SEK"]

finite = st.floats(min_value=-1e23, max_value=1e23, allow_nan=False, allow_infinity=False)
values = st.one_of(
    finite,
    st.integers(min_value=-(10**22), max_value=10**22),
    st.decimals(min_value=-10_000_000, max_value=10_000_000, places=4).map(float),
    # halves and thousandths: where rounding half to even decides the last digit
    st.integers(min_value=-2_000_000, max_value=2_000_000).map(lambda n: n / 2),
    st.integers(min_value=-2_000_000, max_value=2_000_000).map(lambda n: n / 1000),
)


def _locale(code: str) -> Locale:
    return Locale.parse(LANGUAGES[code])


@settings(max_examples=400, deadline=None)
@given(value=values, digits=st.integers(0, 3), code=st.sampled_from(sorted(LANGUAGES)))
def test_a_prepared_number_pattern_writes_what_babel_writes(
    value: float, digits: int, code: str
) -> None:
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    with language(code):
        assert formats.number(value, digits) == format_decimal(value, pattern, locale=_locale(code))


@settings(max_examples=400, deadline=None)
@given(amount=values, currency=st.sampled_from(CURRENCIES), code=st.sampled_from(["es"]))
def test_a_prepared_money_pattern_writes_what_babel_writes(
    amount: float, currency: str, code: str
) -> None:
    pattern = _locale(code).currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    with language(code):
        expected = format_currency(
            round(amount), currency, format=pattern, locale=_locale(code), currency_digits=False
        )
        assert formats.money(amount, currency) == expected


@settings(max_examples=300, deadline=None)
@given(amount=values, currency=st.sampled_from(["EUR", "USD", "GBP"]))
def test_a_prepared_money_pattern_writes_what_babel_writes_in_english(
    amount: float, currency: str
) -> None:
    pattern = _locale("en").currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    expected = format_currency(
        round(amount), currency, format=pattern, locale=_locale("en"), currency_digits=False
    )
    with language("en"):
        assert formats.money(amount, currency) == expected


@settings(max_examples=400, deadline=None)
@given(
    rate=st.one_of(finite.map(lambda v: v / 1e3), st.integers(-5000, 5000).map(lambda n: n / 2000)),
    digits=st.integers(0, 2),
    code=st.sampled_from(sorted(LANGUAGES)),
)
def test_a_prepared_percent_pattern_writes_what_babel_writes(
    rate: float, digits: int, code: str
) -> None:
    base = _locale(code).percent_formats[None].pattern.split(";")[0]
    pattern = base.replace("#,##0", "#,##0" + ("." + "#" * digits if digits else ""), 1)
    with language(code):
        assert formats.percent(rate, digits) == format_percent(rate, pattern, locale=_locale(code))


@pytest.mark.parametrize(
    ("value", "english", "spanish"),
    [
        (1240, "1,240", "1.240"),
        (-0.4, "-0", "-0"),
        (2.5, "2", "2"),
        (3.5, "4", "4"),
        (12_500_000, "12,500,000", "12.500.000"),
    ],
)
def test_prepared_patterns_keep_the_known_texts(value: float, english: str, spanish: str) -> None:
    """Hand-checked: grouping by three, rounding half to
    even on the decimal written, a sign kept on a negative figure rounded to zero."""
    with language("en"):
        assert formats.number(value) == english
    with language("es"):
        assert formats.number(value) == spanish
    with language(PSEUDO):
        assert formats.number(value) == english


@pytest.mark.parametrize("pattern", ["0.###E0", "@@@", "#,##0 'units'", "'#'#,##0"])
@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_a_pattern_with_an_exponent_significant_digits_or_quotes_is_left_to_babel(
    pattern: str, code: str
) -> None:
    for value in (0, 7, -12_345, 1_234_567.891, 0.000123):
        expected = format_decimal(value, pattern, locale=_locale(code))
        assert formats._pattern(code, pattern).apply(value) == expected


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_an_english_date_is_written_as_babel_writes_it(day: dt.date) -> None:
    """English dates are written without Babel (a process writing English never loads it): the
    text is Babel's own for the same pattern."""
    with language("en"):
        assert formats.long_date(day) == format_date(day, "d MMMM y", locale=_locale("en"))
        assert formats.month_label(day) == format_date(day, "MMM y", locale=_locale("en"))


@pytest.mark.parametrize(
    "pattern", ["#,##0", "#,##0.#", "#,##0.###", "#,##0%", "#,##0.##%", "¤#,##0"]
)
def test_english_patterns_are_prepared_without_babel_as_babel_prepares_them(pattern: str) -> None:
    """The English patterns prepared by hand hold the fields Babel's own preparation gives."""
    currency = "EUR" if "¤" in pattern else None
    mine = formats._english_pattern(pattern, currency)
    assert mine is not None
    theirs = formats._pattern.__wrapped__("es", pattern, currency)  # Babel's route, any locale
    assert (mine.scale, mine.min_int, mine.first_group, mine.next_group) == (
        theirs.scale,
        theirs.min_int,
        theirs.first_group,
        theirs.next_group,
    )
    assert (mine.min_frac, mine.max_frac, mine.quantum) == (
        theirs.min_frac,
        theirs.max_frac,
        theirs.quantum,
    )


def test_a_process_writing_english_figures_never_loads_babel() -> None:
    """`advisor assess --format json` in English formats every figure without importing Babel
    (its import is a good part of the command's start)."""
    import subprocess
    import sys

    script = (
        "import sys, io, contextlib\n"
        "from advisor.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['assess', 'examples/northwind-hire-now.yaml', '--format', 'json'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"
