"""Amounts before tax or with it: which one the amount column is, said in a note or warned of.

An invoice's subtotal is what the customer pays for the service, before VAT and other taxes;
its total includes them and passes them on to the tax office, so ARR read from a total is
overstated by the tax rate. Which headers are which comes from the vocabulary files
(`amounts: before_tax / tax_included`), in any layout or none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from advisor.crm_import.mapping import normalise_header
from advisor.crm_import.vocabulary import vocabulary
from advisor.i18n import _


@dataclass
class TaxReading:
    """What the report says of the amount column: a note when before tax, a warning if not."""

    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _quoted(headers: Sequence[str]) -> str:
    return ", ".join(f"'{header}'" for header in headers)


def tax_reading(headers: Sequence[str], mapping: Mapping[str, str]) -> TaxReading:
    """Whether the amount read is before VAT (a note) or includes it (a warning, never silent)."""
    header = mapping.get("contract_value")
    if header is None:
        return TaxReading()
    words = vocabulary()
    before = {normalise_header(name) for name in words.before_tax}
    included = {normalise_header(name) for name in words.tax_included}
    key = normalise_header(header)
    if key in before:
        with_tax = [h for h in headers if h != header and normalise_header(h) in included]
        if with_tax:
            # Translators: {columns} lists quoted headers of amounts that include the taxes.
            note = _(
                "amounts read from '{column}', before VAT and other taxes; {columns} includes "
                "them and is not read",
                column=header,
                columns=_quoted(with_tax),
            )
        else:
            note = _("amounts read from '{column}', before VAT and other taxes", column=header)
        return TaxReading(notes=[note])
    if key not in included:
        return TaxReading()
    untaxed = [h for h in headers if normalise_header(h) in before]
    fix = (
        _("map the amount before tax instead: --map '{column}=contract_value'", column=untaxed[0])
        if untaxed
        else _(
            "export the amounts before tax (Subtotal) or map the column that holds them "
            "(--map 'COLUMN=contract_value')"
        )
    )
    # Translators: {fix} says how to read the amount before tax instead.
    warning = _(
        "column '{column}' is read as the amount and includes VAT and other taxes: ARR and "
        "every money figure are overstated by the tax rate; {fix}",
        column=header,
        fix=fix,
    )
    return TaxReading(warnings=[warning])
