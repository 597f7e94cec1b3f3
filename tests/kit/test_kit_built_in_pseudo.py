"""Every kit document drafted and rendered in the pseudo-language, the rule pack read in it too:
no word is left outside the ⟦…⟧ marks but the company's own data (its profile's texts and
lists, its segment's code) and the sources' titles and publishers. The kit no longer shows the
manager's name, today's renewal owner or a field's label in English."""

from __future__ import annotations

import msgspec
import pytest
from kit_support import kit_for, sample

from advisor.export.kit import render_kit
from advisor.i18n import PSEUDO, language
from advisor.kit import DOCUMENTS
from advisor.pack import load_pack
from tests.i18n_support import untranslated


def _data_of(profile: object) -> list[str]:
    found: list[str] = []
    for value in msgspec.structs.asdict(profile).values():  # type: ignore[call-overload]
        if not isinstance(value, str):
            continue
        for item in [value, *(part.strip() for part in value.split(";"))]:  # a list's items too
            found += [item, item[:1].lower() + item[1:]]  # as typed, and mid-sentence
    found.append(str(profile.segment).replace("_", "-"))  # type: ignore[attr-defined]
    return found


@pytest.mark.parametrize("key", list(DOCUMENTS))
def test_a_kit_document_built_in_the_pseudo_language_has_no_english_left(key: str) -> None:
    profile = sample("northwind-hire-now")
    with language(PSEUDO):
        pack = load_pack(language=PSEUDO)
        kit = kit_for(profile, pack)
        text = render_kit(DOCUMENTS[key].build(kit), "md").decode("utf-8")
    sources = [s.title for s in pack.sources] + [s.publisher for s in pack.sources]
    assert untranslated(text, [*_data_of(profile), *sources]) == []


def test_a_kit_built_in_spanish_names_the_manager_and_the_renewal_owner_in_spanish() -> None:
    profile = sample("northwind-hire-now")  # reports to the CEO; the AEs run the renewals
    with language("es"):
        kit = kit_for(profile, load_pack(language="es"))
        job = render_kit(DOCUMENTS["job"].build(kit), "md").decode("utf-8")
        interview = render_kit(DOCUMENTS["interview"].build(kit), "md").decode("utf-8")
        transition = render_kit(DOCUMENTS["transition"].build(kit), "md").decode("utf-8")
    assert "| Dependencia jerárquica | Dependes del CEO. |" in job
    assert "El CEO (responsable del Account Manager)" in interview
    assert "las renovaciones siguen con el account executive, como hoy" in transition
    assert "The CEO" not in interview and "the account executive" not in transition
