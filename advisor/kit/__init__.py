"""The hiring kit: the documents that take a verdict to a search, one registry of them.

`document` holds the model every kit document is made of (`KitDocument`, the brief's blocks)
and what they are built from (`KitInputs`, prepared once by `prepare_kit`); each document has a
module of its own (`memo`: the decision memo; `job`: the job description, with its
JobPosting JSON-LD as an extra file; `interview`: the interview kit and its scorecards;
`candidate`, `transition`, `review`: the candidate brief, the AE transition note, the 6- and
12-month review) and joins `DOCUMENTS` by one line. Every document is built in a language
(`build(kit, language="es")`; the current language when none is given) and keeps it, so its
renderers write their own words in it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from advisor.i18n import N_, _
from advisor.kit.candidate import build_candidate
from advisor.kit.document import KitDocument, KitInputs, prepare_kit
from advisor.kit.interview import build_interview
from advisor.kit.job import build_job
from advisor.kit.memo import build_memo
from advisor.kit.posting import job_posting
from advisor.kit.review import build_review
from advisor.kit.transition import build_transition

ALL_FORMATS = ("md", "docx", "pdf", "json")


class BuildDocument(Protocol):
    def __call__(self, kit: KitInputs, language: str | None = None) -> KitDocument: ...


class BuildExtra(Protocol):
    def __call__(
        self, kit: KitInputs, language: str | None = None
    ) -> tuple[dict[str, Any], tuple[str, ...]]: ...


@dataclass(frozen=True)
class KitExtra:
    """A file a document adds beside its formats (job.jsonld): JSON data and notes for its reader."""

    file_name: str
    label: str  # marked for the catalogue: shown translated with `_(label)`
    build: BuildExtra


@dataclass(frozen=True)
class KitEntry:
    """One document of the kit: its key, what it is called, how it is built, its file."""

    key: str
    label: str  # marked for the catalogue: shown translated with `_(label)`
    build: BuildDocument
    stem: str  # the file's name before the format: memo.md, memo.pdf
    formats: tuple[str, ...] = ALL_FORMATS
    extra: tuple[KitExtra, ...] = ()  # written with every format

    def file_name(self, fmt: str) -> str:
        return f"{self.stem}.{fmt}"


DOCUMENTS: dict[str, KitEntry] = {
    entry.key: entry
    for entry in (
        KitEntry("memo", N_("Decision memo (for the founder)"), build_memo, "memo"),
        KitEntry(
            "job",
            N_("Job description (to post)"),
            build_job,
            "job",
            extra=(KitExtra("job.jsonld", N_("schema.org JobPosting"), job_posting),),
        ),
        KitEntry(
            "interview", N_("Interview kit (for the interviewers)"), build_interview, "interview"
        ),
        KitEntry("candidate", N_("Candidate brief (for a finalist)"), build_candidate, "candidate"),
        KitEntry(
            "transition",
            N_("AE transition note (for the account executives)"),
            build_transition,
            "transition",
        ),
        KitEntry("review", N_("6- and 12-month review (for the founder)"), build_review, "review"),
    )
}


def chosen_documents(only: str | None) -> tuple[KitEntry, ...]:
    """The documents a comma-separated list of keys names (all when None); a ValueError naming
    the unknown keys and the choices."""
    if only is None:
        return tuple(DOCUMENTS.values())
    keys = [key.strip().lower() for key in only.split(",") if key.strip()]
    unknown = [key for key in keys if key not in DOCUMENTS]
    if unknown or not keys:
        choices = ", ".join(DOCUMENTS)
        if not unknown:
            raise ValueError(
                _(
                    "nothing is not a kit document; choose from {choices} (comma-separated)",
                    choices=choices,
                )
            )
        # Translators: {names} are the keys given, quoted; {choices} the documents' keys.
        raise ValueError(
            _(
                "{names} is not a kit document; choose from {choices} (comma-separated)",
                names=", ".join(f"'{key}'" for key in unknown),
                choices=choices,
            )
        )
    return tuple(DOCUMENTS[key] for key in dict.fromkeys(keys))


__all__ = [
    "ALL_FORMATS",
    "DOCUMENTS",
    "KitDocument",
    "KitEntry",
    "KitExtra",
    "KitInputs",
    "chosen_documents",
    "prepare_kit",
]
