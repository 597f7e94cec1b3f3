"""A rule pack's texts in several languages: a text is a string (English) or a map of languages.

Every text the pack holds for a person to read (a rule's title, a headline, a threshold's unit, a
source note, the role's and the job's wording…) may be written as a plain string, which is
English, or as a map `{en: "…", es: "…"}`. Ids, field names, operators, numbers and the sources'
titles and publishers are never translated: a map there is refused.

The pack is read in one language: each map becomes the text in that language, or the English when
the map has none (text by text). A map is checked the same whatever the language read: it needs
`en`, knows only the product's languages, holds text, and its translations use exactly the
English placeholders (`{company}`, `{a_role}`…). The digest stays the digest of the files' bytes,
so one pack is the same pack in every language.

Which keys hold text is declared once below (`TEXT_PATHS`), as key paths with `*` for any one key
and `[]` for the items of a list; every `source` and `…_source` key anywhere is a text too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import msgspec

from advisor.i18n import CLOSE, ENGLISH, LANGUAGES, N_, OPEN, PSEUDO, _, p_, placeholders
from advisor.problems import Problems, suggest
from advisor.yamlio import LineDict

# The texts the role section holds: read under `role:`, and under a business model that
# replaces part of it (`business_models.models.NAME.compensation…`).
_ROLE_TEXTS = (
    "boundaries.[].boundary",
    "boundaries.[].owns",
    "boundaries.[].role",
    "boundaries.[].by_shape.*",
    "brief.title",
    "brief.subtitle",
    "brief.sections.*.title",
    "brief.sections.*.intro",
    "capacity.*",
    "compensation.components.[].label",
    "compensation.components.[].measure",
    "compensation.new_logo.label",
    "compensation.new_logo.warning",
    "compensation.outside_range_warning",
    "compensation.ote_source_benchmark",
    "compensation.ote_source_profile",
    "handover.items.[].item",
    "handover.items.[].owner",
    "handover.items.[].when",
    "instead.*.title",
    "instead.*.summary",
    "instead.*.steps.[].step",
    "instead.*.steps.[].owner",
    "instead.*.steps.[].when",
    "metrics.avoid.[].metric",
    "metrics.avoid.[].why",
    "metrics.pairing_note",
    "metrics.show.[].how",
    "mistakes.[].title",
    "mistakes.[].why",
    "mistakes.[].advice",
    "onboarding.phases.[].phase",
    "onboarding.phases.[].goal",
    "onboarding.phases.[].actions.[]",
    "onboarding.phases.[].actions.[].text",
    "qbr_content.[]",
    "raci.activities.[].label",
    "raci.activities.[].today.[].owner",
    "raci.activities.[].today.[].note",
    "raci.legend.*",
    "raci.labels.*",
    "renewal_playbook.late_note",
    "renewal_playbook.milestones.[].milestone",
    "renewal_playbook.milestones.[].owner",
    "renewal_playbook.milestones.[].actions",
    "responsibilities.[].area",
    "responsibilities.[].description",
    "responsibilities.[].boosts.[].because",
    "seniority.level",
    "seniority.summary",
    "seniority.traits.[]",
    "seniority.by_shape.*.[]",
    "seniority.interview.[].skill",
    "seniority.interview.[].ask",
    "seniority.interview.[].listen_for",
    "shapes.[].title",
    "shapes.[].summary",
    "shapes.[].mission",
    "tiers.levels.[].label",
    "tiers.levels.[].contact",
    "tiers.levels.[].review",
    "sources.*",
)
_REQUIREMENTS = tuple(
    f"job.{kind}.{part}"
    for kind in ("must_haves", "nice_to_haves", "knock_outs")
    for part in ("all.[]", "by_segment.*.[]", "by_business_model.*.[]")
)

TEXT_PATHS: tuple[str, ...] = (
    "pack.name",
    "pack.description",
    "texts.verdict_labels.*",
    "texts.headlines.*",
    "texts.headlines.*.*",
    "thresholds.*.unit",
    "thresholds.*.note",
    "rules.[].title",
    "rules.[].rationale",
    "rules.[].advice",
    "benchmarks.metric_targets.*.label",
    "business_models.models.*.label",
    "business_models.models.*.role_title",
    "business_models.models.*.revenue_term",
    "business_models.models.*.metric_targets.*.label",
    "business_models.seed_claims.[].claim",
    "business_models.seed_claims.[].phrases.[]",
    "pay.countries.*.name",
    "job.pitch.*",
    "job.sector_line",
    "job.personas_line",
    "job.sector_must_have",
    "job.languages_must_have",
    "job.languages_knock_out",
    *_REQUIREMENTS,
    "job.process.[].stage",
    "job.process.[].who",
    "job.process.[].what",
    "interview.stages.[].title",
    "interview.stages.[].interviewer",
    "interview.stages.[].purpose",
    "interview.competencies.*.label",
    "interview.competencies.*.what",
    "interview.competencies.*.skills.[]",
    "interview.competencies.*.anchors.*",
    "interview.competencies.*.questions.[].ask",
    "interview.competencies.*.questions.[].listen_for",
    "interview.references.[].ask",
    "interview.references.[].listen_for",
    "interview.work_sample.brief",
    "interview.work_sample.by_model.*",
    "interview.work_sample.deliverables.[]",
    "interview.work_sample.materials",
    *(f"role.{path}" for path in _ROLE_TEXTS),
    *(f"business_models.models.*.{path}" for path in _ROLE_TEXTS),
)

_SOURCE_KEY = re.compile(r"^(source|[a-z_]+_source)$")
_CODE = re.compile(r"^[a-z]{2}$")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
# Each language's name in a message (translated where shown).
LANGUAGE_NAMES_EN = {"en": N_("English"), "es": N_("Spanish")}


def _tree(paths: Iterable[str]) -> dict[str, Any]:
    """The paths as a tree of keys, `*` a branch any one key takes; `_END` marks a whole path.

    The tree is built in about 0.3 ms, where one regular expression of every path took every
    command that loads the pack about 8 ms to compile.
    """
    root: dict[str, Any] = {}
    for path in paths:
        node = root
        for key in path.split("."):
            node = node.setdefault(key, {})
        node[_END] = {}
    return root


def _in_tree(node: dict[str, Any], keys: tuple[str, ...]) -> bool:
    if not keys:
        return _END in node
    exact = node.get(keys[0])
    anything = node.get("*") if keys[0] else None  # `*` stands for one key, never an empty one
    return (exact is not None and _in_tree(exact, keys[1:])) or (
        anything is not None and _in_tree(anything, keys[1:])
    )


_END = "\x00"  # where a whole path ends: no key of the pack is this
_TEXT = _tree(TEXT_PATHS)


def is_text_path(keys: tuple[str, ...]) -> bool:
    """True when the value at these keys (`[]` for a list's item) is a text for people."""
    if not keys or keys[0] == "sources":
        return False
    if _SOURCE_KEY.match(keys[-1]):
        return True
    return _in_tree(_TEXT, keys)


def is_language_map(node: Any, text_here: bool) -> bool:
    """A mapping written as a text in languages: it names a language of the product, or it sits
    where a text goes and every key is a two-letter code (`{fr: …}` is then a language too)."""
    if not isinstance(node, LineDict) or not node:
        return False
    if any(key in LANGUAGES for key in node):
        return True
    return text_here and all(_CODE.match(key) for key in node)


def pseudo(text: str) -> str:
    """The text as the pseudo-language shows it: each stretch between placeholders in ⟦…⟧."""
    parts = re.split(r"(\{[a-z_][a-z0-9_]*\})", text)
    return "".join(
        part if re.fullmatch(r"\{[a-z_][a-z0-9_]*\}", part) else f"{OPEN}{part}{CLOSE}"
        for part in parts
        if part
    )


class Untranslated(msgspec.Struct, frozen=True):
    """A text with no translation in one language: where it is, and its English."""

    file: str
    line: int
    path: str
    english: str
    language: str

    def __str__(self) -> str:
        name = LANGUAGE_NAMES_EN.get(self.language)
        # Translators: {language} is a language's name ("Spanish")
        note = _(
            "no {language} text (English is used)", language=_(name) if name else self.language
        )
        return f"{self.file}:{self.line}: {self.path}: {note}"


class SourceTexts(msgspec.Struct, frozen=True):
    """A source text written in languages: each language's text names its sources again, so
    every one is checked against the `sources:` list whatever the language read."""

    file: str
    line: int
    path: str
    texts: dict[str, str]


class Resolved(msgspec.Struct):
    """What reading a file's texts in one language found."""

    # no translation, per language
    missing: list[Untranslated] = msgspec.field(default_factory=list)
    sources: list[SourceTexts] = msgspec.field(default_factory=list)


class _Walk(msgspec.Struct):
    problems: Problems
    file: str
    language: str
    found: Resolved


def resolve_texts(problems: Problems, file: str, tree: Any, language: str) -> Resolved:
    """Replace, in place, every text of a file's YAML tree by its text in `language`.

    Each map of languages is checked (every problem added to `problems`); the texts with no
    translation in a language other than English, and the source texts in languages, are
    returned.
    """
    walk = _Walk(problems, file, language, Resolved())
    if isinstance(tree, LineDict):
        _mapping(walk, tree, (), "", tree.line)
    return walk.found


def _mapping(walk: _Walk, node: LineDict, keys: tuple[str, ...], path: str, line: int) -> None:
    for key, value in node.items():
        inner = (*keys, str(key))
        where = f"{path}.{key}" if path else str(key)
        resolved = _value(walk, value, inner, where, node.line_of(key))
        if resolved is not None:
            node[key] = resolved


def _value(walk: _Walk, value: Any, keys: tuple[str, ...], path: str, line: int) -> str | None:
    """The text to put in place of `value`, or None to leave it (after looking inside)."""
    text_here = is_text_path(keys)
    if is_language_map(value, text_here):
        return _language_map(walk, value, text_here, path, line)
    if isinstance(value, str) and text_here:
        _note_missing(walk, line, path, value, {ENGLISH: value})
        return pseudo(value) if walk.language == PSEUDO else None
    if isinstance(value, LineDict):
        _mapping(walk, value, keys, path, line)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            at = item.line if isinstance(item, LineDict) else line
            resolved = _value(walk, item, (*keys, "[]"), f"{path}[{index}]", at)
            if resolved is not None:
                value[index] = resolved
    return None


def _language_map(walk: _Walk, node: LineDict, text_here: bool, path: str, line: int) -> str:
    """Check a map of languages (its key at `line`) and return its text in the language read."""
    problems, file = walk.problems, walk.file
    if not text_here:
        problems.add(
            _(
                "a source's id, title and publisher is not translated: write one value, "
                "not a map of languages"
            )
            if path.startswith("sources")
            else _("this is not translated: write one value, not a map of languages"),
            file=file,
            line=line,
            path=path,
        )
    texts: dict[str, str] = {}
    for key, text in node.items():
        if key not in LANGUAGES:
            problems.add(
                _(
                    "unknown language {key}{suggestion}; expected one of {choices}",
                    key=repr(key),
                    suggestion=suggest(key, LANGUAGES),
                    choices=", ".join(LANGUAGES),
                ),
                file=file,
                line=node.line_of(key),
                path=f"{path}.{key}",
            )
        elif not isinstance(text, str) or not text.strip():
            problems.add(
                _(
                    "expected the text in {language}, got {value}",
                    language=_(LANGUAGE_NAMES_EN[key]),
                    value=repr(text),
                ),
                file=file,
                line=node.line_of(key),
                path=f"{path}.{key}",
            )
        else:
            texts[key] = text
    english = texts.get(ENGLISH)
    if ENGLISH not in node:
        problems.add(
            _(
                "no English text: a map of languages needs `en`, the text used where a language "
                "has none"
            ),
            file=file,
            line=line,
            path=path,
        )
    elif english is not None:
        _check_placeholders(walk, node, path, english, texts)
        _note_missing(walk, line, path, english, texts)
        if _SOURCE_KEY.match(path.rsplit(".", 1)[-1]):
            walk.found.sources.append(SourceTexts(walk.file, line, path, texts))
    chosen = texts.get(walk.language) or english or next(iter(texts.values()), "")
    return pseudo(english or chosen) if walk.language == PSEUDO else chosen


def _check_placeholders(
    walk: _Walk, node: LineDict, path: str, english: str, texts: dict[str, str]
) -> None:
    wanted = placeholders(english)
    for code, text in texts.items():
        found = placeholders(text)
        if code != ENGLISH and found != wanted:
            none = p_("placeholders", "none")
            shown = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or none
            have = ", ".join(f"{{{name}}}" for name in sorted(found)) or none
            walk.problems.add(
                # Translators: {have} and {english} list placeholders such as {company}
                _(
                    "the {language} text has the placeholders {have}, the English {english}: "
                    "use the same ones",
                    language=_(LANGUAGE_NAMES_EN[code]),
                    have=have,
                    english=shown,
                ),
                file=walk.file,
                line=node.line_of(code),
                path=f"{path}.{code}",
            )


def _note_missing(walk: _Walk, line: int, path: str, english: str, texts: dict[str, str]) -> None:
    for code in LANGUAGES:
        if code != ENGLISH and code not in texts:
            walk.found.missing.append(Untranslated(walk.file, line, path, english, code))


def has_words(text: str, source_ids: Iterable[str] = ()) -> bool:
    """True when a text has words to translate once its placeholders and source ids are gone
    (`seed 004` or `{manager}` alone has none)."""
    rest = re.sub(r"\{[a-z_][a-z0-9_]*\}", " ", text)
    for source_id in sorted(source_ids, key=len, reverse=True):
        rest = re.sub(
            r"(?<![\w-])" + re.escape(source_id) + r"(?![\w-])", " ", rest, flags=re.IGNORECASE
        )
    rest = re.sub(r"\b(?:and|y)\b", " ", rest)
    return _LETTERS.search(rest) is not None


def source_ids(trees: Iterable[tuple[str, Any]]) -> list[str]:
    """The ids of the `sources:` lists of these files' trees."""
    found = []
    for _file, tree in trees:
        listed = tree.get("sources") if isinstance(tree, LineDict) else None
        for item in listed if isinstance(listed, list) else ():
            if isinstance(item, LineDict) and isinstance(item.get("id"), str):
                found.append(item["id"].strip())
    return found


def texts_in(tree: Any, keys: tuple[str, ...] = (), path: str = "") -> Iterator[tuple[str, Any]]:
    """Each text of a YAML tree (as written: a string or a map of languages), with its path."""
    if is_language_map(tree, is_text_path(keys)) or (isinstance(tree, str) and is_text_path(keys)):
        yield path, tree
    elif isinstance(tree, LineDict):
        for key, value in tree.items():
            yield from texts_in(value, (*keys, str(key)), f"{path}.{key}" if path else str(key))
    elif isinstance(tree, list):
        for index, item in enumerate(tree):
            yield from texts_in(item, (*keys, "[]"), f"{path}[{index}]")
