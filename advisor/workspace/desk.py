"""The Clients page as a consultant's desk: each client's headline case, filtered and laid out.

Pure: the listing (`clients.list_clients`, one query) comes in, with the day the session counts
from; the rows the page shows and the files export come out. Nothing is re-assessed: the
verdict, the date to open the search, the sector and the country are the headline case's as
saved (`headline.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from advisor import wording
from advisor.i18n import _, n_, p_
from advisor.workspace.model import Client, WorkspaceError

# The columns every listing has, in order, as `desk_rows` keys them; a signed-in consultant's
# adds `SHARING_COLUMNS`. `labelled` gives each its header in the current language.
COLUMNS = (
    "Client",
    "Headline case",
    "Verdict",
    "Score",
    "Hire by",
    "Sector",
    "Country",
    "Re-assessed",
    "Cases",
    "Archived",
)
SHARING_COLUMNS = ("Owner", "Shared")
MOST_DAYS = 3660  # ten years: a "coming up" window longer than that is a typo
MOST_MONTHS = 120


@dataclass(frozen=True)
class DeskFilter:
    """Which clients the desk shows. Every part left empty shows every client.

    `hire_within_days`: only clients whose headline case dates the search on or before that
    many days from the day counted from (a date already passed included: it is overdue), the
    soonest first. `stale_months`: only clients whose headline case was saved that many months
    or more before that day. `sectors`, `countries`: only clients whose headline case names one
    of them (compared in any case).
    """

    hire_within_days: int | None = None
    stale_months: int | None = None
    sectors: frozenset[str] = field(default_factory=frozenset)
    countries: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        *,
        hire_within_days: int | None = None,
        stale_months: int | None = None,
        sectors: Iterable[str] = (),
        countries: Iterable[str] = (),
    ) -> DeskFilter:
        """A filter from what a consultant typed; a WorkspaceError naming the bad part."""
        _check_count(hire_within_days, MOST_DAYS, "hire_within_days")
        _check_count(stale_months, MOST_MONTHS, "stale_months")
        return cls(
            hire_within_days=hire_within_days,
            stale_months=stale_months,
            sectors=frozenset(_fold(sectors)),
            countries=frozenset(_fold(countries)),
        )


def _check_count(value: int | None, most: int, path: str) -> None:
    if value is None or 0 <= value <= most:
        return
    # Translators: {most} is the largest number allowed; {value} the number given.
    message = (
        _("expected a number of days from 0 to {most}, got {value}", most=most, value=value)
        if path == "hire_within_days"
        else _("expected a number of months from 0 to {most}, got {value}", most=most, value=value)
    )
    raise WorkspaceError.single(message, path=path)


def _fold(names: Iterable[str]) -> list[str]:
    return [name.strip().casefold() for name in names if name.strip()]


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the month's last day when it has none)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = (dt.date(year + (month == 11), (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month + 1, min(day.day, last))


def _day(stamp: str | None) -> dt.date | None:
    return dt.date.fromisoformat(stamp[:10]) if stamp else None


def filtered(clients: Sequence[Client], chosen: DeskFilter, as_of: dt.date) -> list[Client]:
    """The clients `chosen` keeps, as listed (by name), or by hire-by date, soonest first, when
    it asks for the dates coming up."""
    kept = [client for client in clients if _keeps(client, chosen, as_of)]
    if chosen.hire_within_days is not None:
        kept.sort(key=lambda client: (client.headline and client.headline.hire_by) or "")
    return kept


def _keeps(client: Client, chosen: DeskFilter, as_of: dt.date) -> bool:
    head = client.headline
    if chosen.hire_within_days is not None:
        hire_by = _day(head.hire_by if head else None)
        if hire_by is None or hire_by > as_of + dt.timedelta(days=chosen.hire_within_days):
            return False
    if chosen.stale_months is not None:
        saved = _day(head.saved_at if head else None)
        if saved is None or saved > months_before(as_of, chosen.stale_months):
            return False
    if chosen.sectors and _folded(head.sector if head else None) not in chosen.sectors:
        return False
    return not chosen.countries or _folded(head.country if head else None) in chosen.countries


def _folded(text: str | None) -> str:
    return (text or "").strip().casefold()


def tags(clients: Sequence[Client]) -> tuple[list[str], list[str]]:
    """The sectors and the countries the listed clients' headline cases name, each once."""
    sectors: dict[str, str] = {}
    countries: dict[str, str] = {}
    for client in clients:
        if client.headline and client.headline.sector:
            sectors.setdefault(_folded(client.headline.sector), client.headline.sector)
        if client.headline and client.headline.country:
            countries.setdefault(_folded(client.headline.country), client.headline.country)
    return sorted(sectors.values(), key=str.casefold), sorted(countries.values(), key=str.casefold)


def desk_rows(
    clients: Sequence[Client], *, me: str | None = None, zone: dt.tzinfo | None = None
) -> list[dict[str, Any]]:
    """The desk's rows, one per client: the headline case, its verdict and score, the date to
    open the search, sector, country, when it was saved, and the number of cases.

    With `me` (the signed-in consultant) each row also says whose client it is and with how
    many colleagues it is shared. A client with nothing saved has blank cells, never "None".
    """
    # Words shared by many rows, each formed once per call: a verdict's, the archived mark.
    verdict = cache(lambda code: wording.capitalised(wording.verdict_words(code)))
    archived = p_("client", "archived")
    return [
        {**_row(client, zone, verdict, archived), **({} if me is None else _sharing(client))}
        for client in clients
    ]


def column_labels() -> dict[str, str]:
    """Each column's header in the current language, by its key in `desk_rows`."""
    return {
        "Client": p_("column", "Client"),
        "Headline case": p_("column", "Headline case"),
        "Verdict": p_("column", "Verdict"),
        "Score": p_("column", "Score"),
        "Hire by": p_("column", "Hire by"),
        "Sector": p_("column", "Sector"),
        "Country": p_("column", "Country"),
        "Re-assessed": p_("column", "Re-assessed"),
        "Cases": p_("column", "Cases"),
        "Archived": p_("column", "Archived"),
        "Owner": p_("column", "Owner"),
        "Shared": p_("column", "Shared"),
    }


def labelled(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with each column keyed by its header in the current language (for the page
    and its downloads; the keys of `desk_rows` stay as `COLUMNS` names them)."""
    labels = column_labels()
    return [{labels.get(key, key): value for key, value in row.items()} for row in rows]


def _row(
    client: Client, zone: dt.tzinfo | None, verdict: Callable[[str], str], archived: str
) -> dict[str, Any]:
    head = client.headline
    return {
        "Client": client.name,
        "Headline case": "" if head is None else head.scenario,
        "Verdict": "" if head is None else verdict(head.verdict),
        # "not scored" for a gate's verdict: the rule `present.saved_score_text` words every
        # table's score by, read here without the engine `present` loads (the CLI lists fast).
        "Score": "" if head is None else wording.saved_score(head.verdict, head.score),
        "Hire by": (head.hire_by or "") if head else "",
        "Sector": (head.sector or "") if head else "",
        "Country": (head.country or "") if head else "",
        "Re-assessed": "" if head is None else wording.local_minute(head.saved_at, zone),
        "Cases": client.case_count,
        "Archived": archived if client.archived else "",
    }


def _sharing(client: Client) -> dict[str, Any]:
    if not client.mine:
        # Translators: the Shared cell of a client a colleague shared with you; {role} is
        # "collaborator" or "viewer", already translated.
        shared_with_you = _("with you ({role})", role=role_label(client.role))
        return {"Owner": client.owner_label, "Shared": shared_with_you}
    shared = len(client.shared_with)
    return {
        # Translators: the Owner cell of a client that is yours.
        "Owner": p_("owner", "you"),
        # Translators: the Shared cell of your client: the number of colleagues it is shared with.
        "Shared": n_("with {count}", "with {count}", shared) if shared else "",
    }


def role_label(role: str) -> str:
    """A role's one word in the current language: 'owner', 'collaborator', 'viewer'."""
    words = {
        "owner": p_("role", "owner"),
        "collaborator": p_("role", "collaborator"),
        "viewer": p_("role", "viewer"),
    }
    return words.get(role, role)
