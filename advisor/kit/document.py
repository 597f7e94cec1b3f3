"""The hiring kit's document model: a `KitDocument` of the brief's blocks, and `KitInputs`.

A kit document (the decision memo, and the documents that follow it) is a cover — its title,
who it is for, the company, the date, who prepared it and whether it is confidential — plus
sections of the brief's blocks (`advisor.brief.model`), cleaned the same way on the way in, so
the renderers draw them as they draw the brief's. Every document of a kit is built from one
`KitInputs`: the profile, its assessment on the kit's date, the role and the rule pack, made
once (`prepare_kit`) the way the brief is prepared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from advisor import wording
from advisor.brief.model import Cleaned, Section
from advisor.brief.prepare import dated_on, pack_in_language
from advisor.engine import Assessment, evaluate
from advisor.i18n import ENGLISH, _, current, language
from advisor.pack import RulePack
from advisor.profile import CompanyProfile
from advisor.role import RoleDesign, RoleEdits, RoleInputs, draft_role
from advisor.workshop import WorkshopResult


@dataclass(frozen=True)
class KitDocument(Cleaned):
    """One document of the hiring kit, ready for any renderer."""

    key: str  # the registry's key: memo, …
    title: str
    audience: str  # who it is for: "For the founder"
    company: str
    prepared_on: dt.date
    prepared_by: str  # the consultancy's name; "" for none
    confidential: bool
    cover_facts: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    one_page: bool = False  # printed on one page: a PDF sets its type smaller rather than run on
    # The keys of the sections a printed page starts with (a PDF's and a Word file's page break
    # before each): the interview kit's scorecards, one per interviewer.
    page_breaks: tuple[str, ...] = ()
    language: str = ENGLISH  # the language it is written in: its renderers write in it too

    @property
    def date_text(self) -> str:
        return wording.long_date(self.prepared_on)

    @property
    def byline(self) -> str:
        """The line under the title: who it is for, the date, who prepared it."""
        if self.prepared_by:
            # Translators: {date} is a long date, {name} the consultancy that prepared it.
            prepared = _("Prepared {date} by {name}", date=self.date_text, name=self.prepared_by)
        else:
            prepared = _("Prepared {date}", date=self.date_text)
        line = f"{self.audience} · {prepared}" if self.audience else prepared
        if not self.confidential:
            return line
        confidential = _("Confidential")
        return f"{line} · {confidential}"


@contextmanager
def written_in(code: str | None) -> Iterator[str]:
    """Build a document in `code` (the current language when None)."""
    if code is None:
        yield current()
        return
    with language(code) as chosen:
        yield chosen


@dataclass(frozen=True)
class KitInputs:
    """What every kit document is built from: one assessment on one date."""

    profile: CompanyProfile
    assessment: Assessment = field(repr=False)
    role: RoleDesign = field(repr=False)
    pack: RulePack = field(repr=False)
    prepared_on: dt.date
    company: str
    prepared_by: str = ""
    # What the consultant allowed a document to say that it otherwise keeps back: the job
    # description's confidential figures, by field name, and the clients' names.
    disclose: frozenset[str] = frozenset()
    name_clients: bool = False

    @property
    def currency(self) -> str:
        return self.profile.currency

    def document(
        self,
        key: str,
        title: str,
        audience: str,
        sections: tuple[Section, ...],
        *,
        confidential: bool,
        cover_facts: tuple[tuple[str, str], ...],
        one_page: bool = False,
        page_breaks: tuple[str, ...] = (),
    ) -> KitDocument:
        """A document of this kit: its company, date and who prepared it are the kit's."""
        return KitDocument(
            key=key,
            title=title,
            audience=audience,
            company=self.company,
            prepared_on=self.prepared_on,
            prepared_by=self.prepared_by,
            confidential=confidential,
            cover_facts=cover_facts,
            sections=sections,
            one_page=one_page,
            page_breaks=page_breaks,
            language=current(),
        )


def prepare_kit(
    profile: CompanyProfile,
    pack: RulePack,
    *,
    edits: Mapping[str, Any] | RoleEdits | None = None,
    inputs: RoleInputs | None = None,
    prepared_on: dt.date | None = None,
    workshop: WorkshopResult | None = None,
    assessment: Assessment | None = None,
    company: str | None = None,
    prepared_by: str = "",
    disclose: frozenset[str] = frozenset(),
    name_clients: bool = False,
) -> KitInputs:
    """The kit's inputs for a company, dated `prepared_on` (today when None), as `prepare_brief`
    prepares a brief: assessed on that date (a workshop's consensus when given), the role as
    drafted or edited. `company` is the name the kit shows (the profile's by default). The
    shipped pack read in another language is read again in the current one."""
    spoken = pack_in_language(pack)
    if spoken is not pack:
        pack = spoken
        if workshop is None:
            assessment = None
    if workshop is not None:
        profile, assessment = workshop.consensus_profile, workshop.consensus
    if assessment is None or not dated_on(assessment, prepared_on):
        assessment = evaluate(profile, pack, as_of=prepared_on)
    role = draft_role(profile, assessment, pack, inputs=inputs, edits=edits)
    day = assessment.as_of or prepared_on or dt.date.today()
    return KitInputs(
        profile=profile,
        assessment=assessment,
        role=role,
        pack=pack,
        prepared_on=day,
        company=profile.company if company is None else company,
        prepared_by=prepared_by,
        disclose=disclose,
        name_clients=name_clients,
    )
