"""Reading respondents' answers: from an answers file (a workshop held on paper or by email) or
from any mapping of field: answer.

An answers file holds `respondent: NAME`, optionally `role:`, and any subset of the judgement
questions; a question left out is "don't know". An answer is a plain value (`emerging`,
`true`, `90`) or a mapping `{answer: VALUE, comment: TEXT}`; `dont_know` (or "don't know", or
an empty value) says the respondent cannot tell. Every value is checked by the profile's own
validators against the case it answers, so a respondent cannot give an answer the Assess form
would refuse. Every problem names the file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from advisor.i18n import _, p_
from advisor.problems import Problem, Problems, suggest
from advisor.profile import FIELDS, CompanyProfile, ProfileError, parse_profile, profile_to_dict
from advisor.textsafety import clean_text
from advisor.workshop.model import (
    MAX_COMMENT_LENGTH,
    MAX_NAME_LENGTH,
    Answer,
    Respondent,
    WorkshopError,
)
from advisor.workshop.questions import (
    DONT_KNOW_WORDS,
    JUDGEMENT_FIELDS,
    ROLES,
    RespondentRole,
)
from advisor.yamlio import DocumentError, LineDict, read_document

NAME_KEY = "respondent"
ROLE_KEY = "role"
FILE_KEYS = (NAME_KEY, ROLE_KEY, *JUDGEMENT_FIELDS)
ANSWER_KEYS = ("answer", "comment")


class _Reader:
    """Reads one answers mapping, collecting every problem with its file and line."""

    def __init__(self, data: Mapping[str, Any], base: CompanyProfile, source: str) -> None:
        self.data = data
        self.source = source
        self.base = profile_to_dict(base)
        self.problems = Problems()

    def line_of(self, key: str, within: Mapping[str, Any] | None = None) -> int:
        node = self.data if within is None else within
        return node.line_of(key) if isinstance(node, LineDict) else 0

    def add(self, message: str, path: str, line: int) -> None:
        self.problems.add(message, file=self.source, line=line, path=path)

    def name(self) -> str:
        if NAME_KEY not in self.data:
            self.add(_("required field is missing: who answered"), NAME_KEY, self.line_of(NAME_KEY))
            return ""
        raw = self.data[NAME_KEY]
        if not isinstance(raw, str):
            self.add(
                _("must be a name in text, not {value}", value=repr(raw)),
                NAME_KEY,
                self.line_of(NAME_KEY),
            )
            return ""
        name = " ".join(clean_text(raw, single_line=True).split())
        if not name:
            self.add(_("must not be empty"), NAME_KEY, self.line_of(NAME_KEY))
        elif len(name) > MAX_NAME_LENGTH:
            self.add(
                _("is longer than {most} characters", most=MAX_NAME_LENGTH),
                NAME_KEY,
                self.line_of(NAME_KEY),
            )
        return name

    def role(self) -> RespondentRole:
        raw = self.data.get(ROLE_KEY)
        if raw is None:
            return RespondentRole.OTHER
        code = "_".join(str(raw).strip().casefold().replace("-", " ").split())
        if code in ROLES:
            return RespondentRole(code)
        self.add(
            # Translators: {suggestion} is empty or " (did you mean 'delivery'?)"; {roles} lists
            # the role codes an answers file takes.
            _(
                "unknown role {role}{suggestion}; choose one of {roles}",
                role=repr(clean_text(str(raw), single_line=True)),
                suggestion=suggest(code, ROLES),
                roles=", ".join(ROLES),
            ),
            ROLE_KEY,
            self.line_of(ROLE_KEY),
        )
        return RespondentRole.OTHER

    def unknown_keys(self) -> None:
        for key in self.data:
            if key in FILE_KEYS:
                continue
            text = clean_text(str(key), single_line=True)
            if key in FIELDS:
                message = _(
                    "is a fact of the case, not a judgement question: it comes from the base "
                    "profile"
                )
            else:
                # Translators: {suggestion} is empty or " (did you mean 'churn_trend'?)".
                message = _("unknown field{suggestion}", suggestion=suggest(text, FILE_KEYS))
            self.add(message, text, self.line_of(str(key)))

    def answers(self) -> dict[str, Answer]:
        found = {}
        for field in JUDGEMENT_FIELDS:
            if field in self.data:
                answer = self.answer(field, self.data[field])
                if answer is not None:
                    found[field] = answer
        return found

    def answer(self, field: str, raw: Any) -> Answer | None:
        line = self.line_of(field)
        comment = ""
        if isinstance(raw, Mapping):
            for key in raw:
                if key not in ANSWER_KEYS:
                    text = clean_text(str(key), single_line=True)
                    where = self.line_of(str(key), raw) or line
                    message = _(
                        "unknown key '{key}'{suggestion}",
                        key=text,
                        suggestion=suggest(text, ANSWER_KEYS),
                    )
                    self.add(message, field, where)
            comment = self.comment(field, raw.get("comment"), self.line_of("comment", raw) or line)
            line = self.line_of("answer", raw) or line
            raw = raw.get("answer")
        try:
            value = parse_answer(field, raw, self.base)
        except ProfileError as error:
            for problem in error.problems:
                self.add(problem.message, field, line)
            return None
        return Answer(value, comment)

    def comment(self, field: str, raw: Any, line: int) -> str:
        if raw is None:
            return ""
        if not isinstance(raw, str | int | float) or isinstance(raw, bool):
            self.add(_("comment: must be text"), field, line)
            return ""
        text = clean_text(str(raw)).strip()
        if len(text) > MAX_COMMENT_LENGTH:
            self.add(
                _("comment: is longer than {most} characters", most=MAX_COMMENT_LENGTH),
                field,
                line,
            )
            return ""
        return text


def parse_answer(field: str, raw: Any, base: Mapping[str, Any]) -> Any:
    """The plain value of one answer (None: don't know), checked against the case `base`.

    `base` is the case's profile as `profile_to_dict` gives it. Raises ProfileError with the
    profile's own message when the answer is not a value the field takes.
    """
    if raw is None or (isinstance(raw, str) and raw.strip().casefold() in DONT_KNOW_WORDS):
        return None
    if isinstance(raw, str) and not raw.strip():
        return None
    profile = parse_profile({**base, field: raw})
    return profile_to_dict(profile)[field]


def respondent_from_mapping(data: object, base: CompanyProfile, source: str = "") -> Respondent:
    """One respondent from a mapping of `respondent`, `role` and answers; WorkshopError if bad."""
    if not isinstance(data, Mapping):
        if data is None:
            message = _("expected a mapping with 'respondent:' and answers, found nothing")
        else:
            message = _(
                "expected a mapping with 'respondent:' and answers, found {found}",
                found=type(data).__name__,
            )
        raise WorkshopError.single(
            message,
            file=source,
            path="answers",
        )
    reader = _Reader(data, base, source)
    reader.unknown_keys()
    name = reader.name()
    role = reader.role()
    answers = reader.answers()
    reader.problems.raise_if_any(WorkshopError)
    return Respondent(name=name, role=role, answers=answers, source=source)


def read_answers(path: str | Path, base: CompanyProfile) -> Respondent:
    """One respondent from an answers file (YAML or JSON)."""
    source = str(path)
    try:
        data = read_document(path)
    except DocumentError as error:
        problem = Problem(error.message, file=source, line=error.line, path=error.path or "file")
        raise WorkshopError([problem]) from None
    return respondent_from_mapping(data, base, source)


def read_all_answers(paths: Sequence[str | Path], base: CompanyProfile) -> list[Respondent]:
    """Every respondent, in the order given; every file's problems are reported together."""
    problems = Problems()
    respondents: list[Respondent] = []
    for path in paths:
        try:
            respondents.append(read_answers(path, base))
        except WorkshopError as error:
            problems.extend(error.problems)
    problems.extend(duplicate_names(respondents))
    problems.raise_if_any(WorkshopError)
    if not respondents:
        raise WorkshopError.single(_("no answers given: name at least one answers file"))
    return respondents


def duplicate_names(respondents: Sequence[Respondent]) -> list[Problem]:
    """A name given twice (in any case) is refused: each column of the grid is one person."""
    seen: dict[str, Respondent] = {}
    problems = []
    for respondent in respondents:
        key = respondent.name.casefold()
        if key in seen:
            first = seen[key].source or _("an earlier respondent")
            problems.append(
                Problem(
                    # Translators: {first} is the answers file, or "an earlier respondent".
                    _(
                        "'{name}' has answered already (in {first}); give each respondent their "
                        "own name",
                        name=respondent.name,
                        first=first,
                    ),
                    file=respondent.source,
                    path=NAME_KEY,
                )
            )
        else:
            seen[key] = respondent
    return problems


def parse_overrides(
    overrides: Mapping[str, Any], base: CompanyProfile, source: str = ""
) -> dict[str, Any]:
    """The consultant's consensus answers, each checked like a respondent's (no "don't know");
    a problem names `source`, else "consensus"."""
    # Translators: where a refused consensus answer comes from, named before the problem.
    source = source or p_("where an answer comes from", "consensus")
    problems = Problems()
    plain = profile_to_dict(base)
    found: dict[str, Any] = {}
    for field, raw in overrides.items():
        if field not in JUDGEMENT_FIELDS:
            problems.add(
                _(
                    "not a judgement question{suggestion}",
                    suggestion=suggest(field, JUDGEMENT_FIELDS),
                ),
                file=source,
                path=clean_text(field, single_line=True),
            )
            continue
        try:
            value = parse_answer(field, raw, plain)
        except ProfileError as error:
            for problem in error.problems:
                problems.add(problem.message, file=source, path=field)
            continue
        if value is None:
            problems.add(
                _('the consensus needs an answer, not "don\'t know"'), file=source, path=field
            )
        else:
            found[field] = value
    problems.raise_if_any(WorkshopError)
    return found
