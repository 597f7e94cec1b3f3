"""Workshops on saved cases: respondents with their own links, their answers, the consensus.

A case has at most one workshop, open or closed. The consultant's side is scoped through the
case's client like every other query, and checked against the actor's role: running the
workshop (opening, closing, extending, respondents and their links) is the owner's, setting a
question's consensus an editor's, reading it everyone's. The respondent's side is scoped by
their link token alone: `questionnaire` and `save_answer` find the one respondent whose token
hash matches, and only while they are not revoked, the workshop is open and its links have
not expired; anything else is the same `INVALID_LINK` refusal, which says nothing about why.
The token itself is never stored, only its SHA-256.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, RowMapping

from advisor.i18n import LANGUAGE_NAMES, LANGUAGES, _
from advisor.profile import ProfileError, parse_profile
from advisor.textsafety import clean_text
from advisor.workshop import (
    JUDGEMENT_FIELDS,
    ROLES,
    Answer,
    Respondent,
    RespondentRole,
    WorkshopError,
    check_quorum,
    hash_token,
    parse_answer,
    parse_overrides,
    verify_token,
)
from advisor.workshop.model import MAX_COMMENT_LENGTH, MAX_NAME_LENGTH
from advisor.workspace import audit
from advisor.workspace.cases import case_row
from advisor.workspace.clients import authorised
from advisor.workspace.database import now
from advisor.workspace.identity import Actor
from advisor.workspace.model import INVALID_LINK, WorkspaceError
from advisor.workspace.model import LINK_DAYS as LINK_DAYS
from advisor.workspace.names import name_key, refuse_nul
from advisor.workspace.roles import Action
from advisor.workspace.schema import (
    cases,
    workshop_answers,
    workshop_respondents,
    workshops,
)

OPEN = "open"
CLOSED = "closed"
MAX_LINK_DAYS = 180


@dataclass(frozen=True)
class WorkshopRespondent:
    """One respondent as the consultant sees them (never their token)."""

    id: int
    name: str
    role: RespondentRole
    revoked: bool
    created_at: str
    answered: int  # questions answered with a value (not "don't know")
    last_saved_at: str | None


@dataclass(frozen=True)
class Workshop:
    id: int
    case_id: int
    open: bool
    created_at: str
    closed_at: str | None
    overrides: dict[str, Any]  # the consultant's consensus answers, by field
    respondents: tuple[WorkshopRespondent, ...] = ()
    expires_at: str | None = None  # when the links stop working (None: they already have)
    quorum: int = 1  # respondents who must have answered before the consensus verdict shows
    anonymous: bool = False  # the room view names no respondent
    language: str | None = None  # the questionnaire's language (None: the link's or browser's)

    @property
    def expired(self) -> bool:
        """True when the workshop is open but its links have stopped working."""
        return self.open and not links_live(self.expires_at)

    @property
    def active(self) -> tuple[WorkshopRespondent, ...]:
        """The respondents whose answers count: every one not revoked."""
        return tuple(r for r in self.respondents if not r.revoked)


@dataclass(frozen=True)
class Questionnaire:
    """What one respondent's link opens: who they are, the case's profile, their own answers."""

    respondent_id: int
    name: str
    role: RespondentRole
    profile: dict[str, Any]  # the case's profile, as `profile_to_dict` gives it
    answers: dict[str, Answer] = field(default_factory=dict)
    anonymous: bool = False  # the room view does not name them (the consultant still sees all)
    language: str | None = None  # the workshop's questionnaire language, when it has one


def links_live(expires_at: str | None) -> bool:
    return expires_at is not None and expires_at > now()


def expiry(days: int) -> str:
    """The time links opened now for `days` stop working; refused outside 1 to 180 days."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_LINK_DAYS:
        raise WorkspaceError.single(
            # Translators: {most} is the most days; {days} what was given.
            _(
                "links may work for 1 to {most} days, not {days}",
                most=MAX_LINK_DAYS,
                days=repr(days),
            ),
            path="days",
        )
    stamp = dt.datetime.fromisoformat(now()) + dt.timedelta(days=days)
    return stamp.isoformat(timespec="microseconds")


def check_language(language: object) -> str | None:
    """A questionnaire language: one of the app's languages' codes, or None for none."""
    if language is None or (isinstance(language, str) and language in LANGUAGES):
        return language
    raise WorkspaceError.single(
        # Translators: {language} is what was given; {codes} the codes to choose from, as typed.
        _(
            "unknown questionnaire language {language}; choose one of {codes}",
            language=repr(language),
            codes=", ".join(f"{code} ({LANGUAGE_NAMES[code]})" for code in LANGUAGES),
        ),
        path="language",
    )


def invalid_link() -> WorkspaceError:
    return WorkspaceError.single(_(INVALID_LINK), path="workshop")


def no_workshop(case_id: int) -> WorkspaceError:
    return WorkspaceError.single(
        _("case {id} has no workshop yet: start one first", id=case_id), path="workshop"
    )


def _workshop_row(
    connection: Connection, actor: Actor, case_id: int, action: Action = Action.VIEW
) -> RowMapping | None:
    case = case_row(connection, actor, case_id, columns=(cases.c.id, cases.c.client_id))
    authorised(connection, actor, case["client_id"], action)
    query = select(workshops).where(workshops.c.case_id == case_id)
    return connection.execute(query).mappings().first()


def _required(
    connection: Connection, actor: Actor, case_id: int, action: Action = Action.VIEW
) -> RowMapping:
    row = _workshop_row(connection, actor, case_id, action)
    if row is None:
        raise no_workshop(case_id)
    return row


def _record(
    connection: Connection,
    actor: Actor,
    case_id: int,
    action: str,
    detail: dict[str, Any] | None = None,
) -> None:
    case = case_row(connection, actor, case_id, columns=(cases.c.client_id,))
    client, _role = authorised(connection, actor, case["client_id"], Action.VIEW)
    audit.record(connection, actor, action, client=client, case_id=case_id, detail=detail)


def _respondents(connection: Connection, workshop_id: int) -> tuple[WorkshopRespondent, ...]:
    counts = (
        select(
            workshop_answers.c.respondent_id,
            func.count().filter(workshop_answers.c.value.is_not(None)).label("answered"),
            func.max(workshop_answers.c.saved_at).label("last"),
        )
        .group_by(workshop_answers.c.respondent_id)
        .subquery()
    )
    query = (
        select(workshop_respondents, counts.c.answered, counts.c.last)
        .outerjoin(counts, counts.c.respondent_id == workshop_respondents.c.id)
        .where(workshop_respondents.c.workshop_id == workshop_id)
        .order_by(workshop_respondents.c.id)
    )
    return tuple(
        WorkshopRespondent(
            id=row["id"],
            name=row["name"],
            role=RespondentRole(row["role"]),
            revoked=bool(row["revoked"]),
            created_at=row["created_at"],
            answered=int(row["answered"] or 0),
            last_saved_at=row["last"],
        )
        for row in connection.execute(query).mappings()
    )


def _workshop(connection: Connection, row: RowMapping) -> Workshop:
    return Workshop(
        id=row["id"],
        case_id=row["case_id"],
        open=row["status"] == OPEN,
        created_at=row["created_at"],
        closed_at=row["closed_at"],
        overrides=dict(row["overrides"] or {}),
        respondents=_respondents(connection, row["id"]),
        expires_at=row["expires_at"],
        quorum=int(row["quorum"]),
        anonymous=bool(row["anonymous"]),
        language=row["language"],
    )


def get_workshop(connection: Connection, actor: Actor, case_id: int) -> Workshop | None:
    row = _workshop_row(connection, actor, case_id)
    return None if row is None else _workshop(connection, row)


def start_workshop(
    connection: Connection,
    actor: Actor,
    case_id: int,
    days: int = LINK_DAYS,
    language: str | None = None,
) -> Workshop:
    """A new workshop on the case, its questionnaire in `language` (None: none), or the
    case's closed one open again (answers and language kept); its links work for `days` from
    now (an open one's links are extended)."""
    until = expiry(days)
    language = check_language(language)
    row = _workshop_row(connection, actor, case_id, Action.RUN_WORKSHOP)
    if row is None:
        connection.execute(
            insert(workshops).values(
                case_id=case_id,
                status=OPEN,
                created_at=now(),
                closed_at=None,
                overrides={},
                expires_at=until,
                language=language,
            )
        )
        detail = {"expires_at": until, **({"language": language} if language else {})}
        _record(connection, actor, case_id, audit.WORKSHOP_OPEN, detail)
    else:
        connection.execute(
            update(workshops)
            .where(workshops.c.id == row["id"])
            .values(status=OPEN, closed_at=None, expires_at=until)
        )
        action = audit.WORKSHOP_EXTEND if row["status"] == OPEN else audit.WORKSHOP_REOPEN
        _record(connection, actor, case_id, action, {"expires_at": until})
    return _workshop(connection, _required(connection, actor, case_id))


def close_workshop(connection: Connection, actor: Actor, case_id: int) -> Workshop:
    """Close it: every respondent's link stops working; the answers and results stay."""
    row = _required(connection, actor, case_id, Action.RUN_WORKSHOP)
    if row["status"] == OPEN:
        connection.execute(
            update(workshops)
            .where(workshops.c.id == row["id"])
            .values(status=CLOSED, closed_at=now())
        )
        _record(connection, actor, case_id, audit.WORKSHOP_CLOSE)
    return _workshop(connection, _required(connection, actor, case_id))


def set_settings(
    connection: Connection,
    actor: Actor,
    case_id: int,
    quorum: int | None = None,
    anonymous: bool | None = None,
) -> Workshop:
    """Set the quorum and whether the room view names the respondents (None: unchanged)."""
    row = _required(connection, actor, case_id, Action.RUN_WORKSHOP)
    values: dict[str, Any] = {}
    if quorum is not None:
        try:
            values["quorum"] = check_quorum(quorum)
        except WorkshopError as error:
            raise WorkspaceError(list(error.problems)) from None
    if anonymous is not None:
        if not isinstance(anonymous, bool):
            raise WorkspaceError.single(_("anonymous must be true or false"), path="anonymous")
        values["anonymous"] = anonymous
    if values:
        connection.execute(update(workshops).where(workshops.c.id == row["id"]).values(**values))
        _record(connection, actor, case_id, audit.WORKSHOP_SETTINGS, values)
    return _workshop(connection, _required(connection, actor, case_id))


def set_language(
    connection: Connection, actor: Actor, case_id: int, language: str | None
) -> Workshop:
    """Set the questionnaire's language (None: none, the link's or the browser's); the
    owner and collaborators may."""
    language = check_language(language)
    row = _required(connection, actor, case_id, Action.SET_WORKSHOP_LANGUAGE)
    if row["language"] != language:
        connection.execute(
            update(workshops).where(workshops.c.id == row["id"]).values(language=language)
        )
        _record(connection, actor, case_id, audit.WORKSHOP_SETTINGS, {"language": language})
    return _workshop(connection, _required(connection, actor, case_id))


def clean_respondent_name(name: object) -> str:
    if not isinstance(name, str):
        raise WorkspaceError.single(_("a respondent's name must be text"), path="respondent")
    cleaned = " ".join(clean_text(name, single_line=True).split())
    if not cleaned:
        raise WorkspaceError.single(_("a respondent needs a name"), path="respondent")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise WorkspaceError.single(
            _("a respondent's name may have at most {most} characters", most=MAX_NAME_LENGTH),
            path="respondent",
        )
    refuse_nul(cleaned, "respondent")
    return cleaned


def add_respondent(
    connection: Connection, actor: Actor, case_id: int, name: str, role: str, token_hash: str
) -> WorkshopRespondent:
    row = _required(connection, actor, case_id, Action.RUN_WORKSHOP)
    if row["status"] != OPEN:
        raise WorkspaceError.single(
            _("the workshop is closed: open it again to add a respondent"), path="workshop"
        )
    cleaned = clean_respondent_name(name)
    if role not in ROLES:
        raise WorkspaceError.single(
            # Translators: {role} is what was given; {roles} the roles' codes, as typed.
            _(
                "unknown role {role}; choose one of {roles}",
                role=repr(role),
                roles=", ".join(ROLES),
            ),
            path="role",
        )
    taken = select(workshop_respondents.c.name).where(
        workshop_respondents.c.workshop_id == row["id"],
        workshop_respondents.c.name_key == name_key(cleaned),
    )
    existing = connection.execute(taken).scalar()
    if existing is not None:
        raise WorkspaceError.single(respondent_taken(str(existing)), path="respondent")
    new_id = connection.execute(
        insert(workshop_respondents)
        .values(
            workshop_id=row["id"],
            name=cleaned,
            name_key=name_key(cleaned),
            role=role,
            token_hash=token_hash,
            revoked=False,
            created_at=now(),
        )
        .returning(workshop_respondents.c.id)
    ).scalar_one()
    _record(connection, actor, case_id, audit.LINK_ISSUED, {"respondent": cleaned})
    return next(r for r in _respondents(connection, row["id"]) if r.id == new_id)


def respondent_taken(name: str) -> str:
    return _(
        "'{name}' is a respondent of this workshop already; give each respondent their own name",
        name=name,
    )


def revoke_respondent(
    connection: Connection, actor: Actor, case_id: int, respondent_id: int, revoked: bool = True
) -> Workshop:
    """Revoke (or restore) a respondent's link; revoked answers are left out of the results."""
    row = _required(connection, actor, case_id, Action.RUN_WORKSHOP)
    done = connection.execute(
        update(workshop_respondents)
        .where(
            workshop_respondents.c.id == respondent_id,
            workshop_respondents.c.workshop_id == row["id"],
        )
        .values(revoked=revoked)
    )
    if done.rowcount == 0:
        raise WorkspaceError.single(
            _("no respondent with id {id} in this workshop", id=respondent_id),
            path="respondent",
        )
    name = _respondent_name(connection, respondent_id)
    action = audit.LINK_REVOKED if revoked else audit.LINK_RESTORED
    _record(connection, actor, case_id, action, {"respondent": name})
    return _workshop(connection, row)


def _respondent_name(connection: Connection, respondent_id: int) -> str:
    query = select(workshop_respondents.c.name).where(workshop_respondents.c.id == respondent_id)
    return str(connection.execute(query).scalar_one())


def replace_link(
    connection: Connection, actor: Actor, case_id: int, respondent_id: int, token_hash: str
) -> WorkshopRespondent:
    """Give a respondent a new link: the old one stops working, their answers stay."""
    row = _required(connection, actor, case_id, Action.RUN_WORKSHOP)
    done = connection.execute(
        update(workshop_respondents)
        .where(
            workshop_respondents.c.id == respondent_id,
            workshop_respondents.c.workshop_id == row["id"],
        )
        .values(token_hash=token_hash, revoked=False)
    )
    if done.rowcount == 0:
        raise WorkspaceError.single(
            _("no respondent with id {id} in this workshop", id=respondent_id),
            path="respondent",
        )
    name = _respondent_name(connection, respondent_id)
    _record(connection, actor, case_id, audit.LINK_ISSUED, {"respondent": name, "replaced": True})
    return next(r for r in _respondents(connection, row["id"]) if r.id == respondent_id)


def _case_profile(connection: Connection, actor: Actor, case_id: int) -> dict[str, Any]:
    document = case_row(connection, actor, case_id, columns=(cases.c.document,))["document"]
    return dict(document["profile"])


def set_override(
    connection: Connection, actor: Actor, case_id: int, question: str, value: Any
) -> Workshop:
    """Set one question's consensus (`value` None: back to the respondents' consensus)."""
    row = _required(connection, actor, case_id, Action.SET_CONSENSUS)
    overrides = dict(row["overrides"] or {})
    if value is None:
        overrides.pop(question, None)
    else:
        base = parse_profile(_case_profile(connection, actor, case_id))
        try:
            overrides.update(parse_overrides({question: value}, base))
        except WorkshopError as error:
            raise WorkspaceError(list(error.problems)) from None
    connection.execute(
        update(workshops).where(workshops.c.id == row["id"]).values(overrides=overrides)
    )
    return _workshop(connection, _required(connection, actor, case_id))


def _answers(connection: Connection, respondent_ids: list[int]) -> dict[int, dict[str, Answer]]:
    found: dict[int, dict[str, Answer]] = {rid: {} for rid in respondent_ids}
    if not respondent_ids:
        return found
    query = select(workshop_answers).where(workshop_answers.c.respondent_id.in_(respondent_ids))
    for row in connection.execute(query).mappings():
        if row["field"] in JUDGEMENT_FIELDS:
            found[row["respondent_id"]][row["field"]] = Answer(row["value"], row["comment"])
    return found


def workshop_respondents_answers(
    connection: Connection, actor: Actor, case_id: int
) -> list[Respondent]:
    """Every respondent not revoked, with their answers, ready for `workshop.compare`."""
    row = _required(connection, actor, case_id)
    people = [r for r in _respondents(connection, row["id"]) if not r.revoked]
    answers = _answers(connection, [r.id for r in people])
    return [Respondent(name=r.name, role=r.role, answers=answers[r.id]) for r in people]


# The respondent's side: the token is the only key --------------------------------------------


def _by_token(connection: Connection, token: object) -> RowMapping:
    if not isinstance(token, str):
        raise invalid_link()
    query = (
        select(
            workshop_respondents.c.id,
            workshop_respondents.c.name,
            workshop_respondents.c.role,
            workshop_respondents.c.token_hash,
            workshops.c.anonymous,
            workshops.c.language,
            cases.c.document,
        )
        .select_from(
            workshop_respondents.join(
                workshops, workshops.c.id == workshop_respondents.c.workshop_id
            ).join(cases, cases.c.id == workshops.c.case_id)
        )
        .where(
            workshop_respondents.c.token_hash == hash_token(token),
            workshop_respondents.c.revoked.is_(False),
            workshops.c.status == OPEN,
            workshops.c.expires_at > now(),
        )
    )
    row = connection.execute(query).mappings().first()
    if row is None or not verify_token(token, row["token_hash"]):
        raise invalid_link()
    return row


def questionnaire(connection: Connection, token: object) -> Questionnaire:
    row = _by_token(connection, token)
    return Questionnaire(
        respondent_id=row["id"],
        name=row["name"],
        role=RespondentRole(row["role"]),
        profile=dict(row["document"]["profile"]),
        answers=_answers(connection, [row["id"]])[row["id"]],
        anonymous=bool(row["anonymous"]),
        language=row["language"],
    )


def clean_comment(comment: object) -> str:
    if comment is None:
        return ""
    if not isinstance(comment, str):
        raise WorkspaceError.single(_("a comment must be text"), path="comment")
    text = clean_text(comment).strip()
    if len(text) > MAX_COMMENT_LENGTH:
        raise WorkspaceError.single(
            _(
                "a comment may have at most {most} characters (this one has {length}); nothing "
                "was saved",
                most=MAX_COMMENT_LENGTH,
                length=len(text),
            ),
            path="comment",
        )
    return text


def save_answer(
    connection: Connection, token: object, question: str, value: Any, comment: object = ""
) -> Answer:
    """Save one answer of the token's respondent (`value` None: don't know), checked first."""
    row = _by_token(connection, token)
    if question not in JUDGEMENT_FIELDS:
        raise WorkspaceError.single(
            _("not a question of this workshop: {question}", question=repr(question)),
            path="field",
        )
    try:
        plain = parse_answer(question, value, dict(row["document"]["profile"]))
    except ProfileError as error:
        message = "; ".join(problem.message for problem in error.problems)
        # Translators: {problem} says what is wrong with the answer.
        raise WorkspaceError.single(
            _("{problem}; nothing was saved", problem=message), path=question
        ) from None
    answer = Answer(plain, clean_comment(comment))
    connection.execute(
        delete(workshop_answers).where(
            workshop_answers.c.respondent_id == row["id"], workshop_answers.c.field == question
        )
    )
    connection.execute(
        insert(workshop_answers).values(
            respondent_id=row["id"],
            field=question,
            value=answer.value,
            comment=answer.comment,
            saved_at=now(),
        )
    )
    return answer
