"""The hiring kit: the documents that take a verdict to a search, one registry of them.

`document` holds the model every kit document is made of (`KitDocument`, the brief's blocks)
and what they are built from (`KitInputs`, prepared once by `prepare_kit`); each document has a
module of its own (`memo`: the decision memo; `job`: the job description, with its
JobPosting JSON-LD as an extra file; `interview`: the interview kit and its scorecards;
`candidate`, `transition`, `review`: the candidate brief, the AE transition note, the 6- and
12-month review) and joins `DOCUMENTS` by one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from advisor.kit.candidate import build_candidate
from advisor.kit.document import KitDocument, KitInputs, prepare_kit
from advisor.kit.interview import build_interview
from advisor.kit.job import build_job
from advisor.kit.memo import build_memo
from advisor.kit.posting import job_posting
from advisor.kit.review import build_review
from advisor.kit.transition import build_transition

ALL_FORMATS = ("md", "docx", "pdf", "json")


@dataclass(frozen=True)
class KitExtra:
    """A file a document adds beside its formats (job.jsonld): JSON data and notes for its reader."""

    file_name: str
    label: str
    build: Callable[[KitInputs], tuple[dict[str, Any], tuple[str, ...]]]


@dataclass(frozen=True)
class KitEntry:
    """One document of the kit: its key, what it is called, how it is built, its file."""

    key: str
    label: str
    build: Callable[[KitInputs], KitDocument]
    stem: str  # the file's name before the format: memo.md, memo.pdf
    formats: tuple[str, ...] = ALL_FORMATS
    extra: tuple[KitExtra, ...] = ()  # written with every format

    def file_name(self, fmt: str) -> str:
        return f"{self.stem}.{fmt}"


DOCUMENTS: dict[str, KitEntry] = {
    entry.key: entry
    for entry in (
        KitEntry("memo", "Decision memo (for the founder)", build_memo, "memo"),
        KitEntry(
            "job",
            "Job description (to post)",
            build_job,
            "job",
            extra=(KitExtra("job.jsonld", "schema.org JobPosting", job_posting),),
        ),
        KitEntry("interview", "Interview kit (for the interviewers)", build_interview, "interview"),
        KitEntry("candidate", "Candidate brief (for a finalist)", build_candidate, "candidate"),
        KitEntry(
            "transition",
            "AE transition note (for the account executives)",
            build_transition,
            "transition",
        ),
        KitEntry("review", "6- and 12-month review (for the founder)", build_review, "review"),
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
        named = ", ".join(f"'{key}'" for key in unknown) or "nothing"
        raise ValueError(
            f"{named} is not a kit document; choose from {', '.join(DOCUMENTS)} (comma-separated)"
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
