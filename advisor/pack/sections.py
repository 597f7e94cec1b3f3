"""The pack's own sections: pack, scoring, thresholds, texts and rules (with their effects)."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from advisor.fields import FIELD_CHOICES, FIELD_KINDS
from advisor.i18n import N_, _
from advisor.pack.conditions import build_when
from advisor.pack.model import (
    CAPS,
    CATEGORIES,
    SEGMENTS,
    VERDICTS,
    ConditionScope,
    Effect,
    Rule,
    Scoring,
    Threshold,
)
from advisor.pack.schema import Key, Schema, check_keys, is_number, is_text, number_within, one_of
from advisor.problems import Problems, suggest
from advisor.wording import PLACEHOLDER
from advisor.yamlio import LineDict, yaml_hint

RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
THRESHOLD_NAME = re.compile(r"[a-z][a-z0-9_]*")
HEADLINE_PLACEHOLDERS = (
    "company",
    "active_accounts",
    "verdict_label",
    "score",
    "top_reason",
    "am_count",
    "zone_low",
    "zone_high",
    "readiness",
    "held_back_by",
    "signs",
    "current_ams",
    "team_covers",
    "next_am_at",
    "am_count_text",
    "arr",
    "payback",
    "payback_hold",
    "role",
    "a_role",
    "a_key_role",
)
# A verdict label names the role only: {role} ("Client Partner"), {a_role} ("a Client Partner").
LABEL_PLACEHOLDERS = ("role", "a_role")
# The headline variants the engine may pick per verdict, from what decided it: `signs` (warning
# signs fired), `size` (the book's size and economics alone), `held_back` (a cap other than the
# book's size holds the verdict), `score` (no cap: the score fell short), or the variant a
# deciding rule names with `headline:` (`below_zone`, `small_book`, `team`, `key_accounts`,
# `payback`). Economic reasons (category `economics`) are never counted as warning signs.
HEADLINE_VARIANTS: dict[str, tuple[str, ...]] = {
    "hire_now": ("signs", "size", "team", "key_accounts"),
    "prepare": ("below_zone", "held_back", "score", "team", "payback"),
    "not_yet": ("small_book", "held_back", "score", "team"),
    "fix_delivery_first": (),
}
RULE_HEADLINES = ("below_zone", "small_book", "team", "key_accounts", "payback")

PACK = Schema((Key("name"), Key("version"), Key("description", required=False)))
_SCORE = number_within(0, 100, N_("a score between 1 and 100"), above_low=True)
SCORING = Schema((Key("hire_now_at", _SCORE), Key("prepare_at", _SCORE), Key("source")))
THRESHOLD = Schema(
    (
        Key("value", required=False),
        Key("low", required=False),
        Key("high", required=False),
        Key("by_segment", required=False),
        Key("unit", required=False),
        Key("source", lambda v: None if is_text(v) else _("must name where the figure comes from")),
        Key("note", required=False),
    )
)
TEXTS = Schema((Key("headlines"), Key("verdict_labels")))
RULE_KEYS = (
    "id",
    "title",
    "category",
    "when",
    "effect",
    "rationale",
    "advice",
    "source",
    "headline",
)
RULE_REQUIRED = ("id", "title", "category", "when", "effect", "rationale", "source")


def _forcible(verdict: Any) -> str | None:
    if verdict is None or verdict == "fix_delivery_first":
        return None
    # Translators: fix_delivery_first and cap are YAML words and stay as they are
    return _(
        "{verdict} cannot be forced; only fix_delivery_first overrides the score "
        "(use cap to hold a verdict back)",
        verdict=repr(verdict),
    )


EFFECT = Schema(
    (
        Key("score", number_within(-100, 100, N_("a number between -100 and 100")), False, 0),
        Key("cap", one_of(CAPS, optional=True), required=False),
        Key("verdict", _forcible, required=False),
    )
)


def read_scoring(problems: Problems, file: str, node: LineDict) -> Scoring | None:
    values = SCORING.read(problems, file, node, "scoring")
    hire, prepare = values["hire_now_at"], values["prepare_at"]
    if hire is None or prepare is None or _SCORE(hire) or _SCORE(prepare):
        return None
    if prepare >= hire:
        problems.add(
            _("{prepare} must be below hire_now_at ({hire})", prepare=prepare, hire=hire),
            file=file,
            line=node.line_of("prepare_at"),
            context="scoring",
            path="prepare_at",
        )
        return None
    return Scoring(float(hire), float(prepare), str(node.get("source", "")))


# ---------------------------------------------------------------------------------------------
# Thresholds


class _ThresholdReader(msgspec.Struct):
    problems: Problems
    file: str
    name: str

    def fail(self, line: int, path: str, message: str) -> None:
        self.problems.add(message, file=self.file, line=line, context=self.name, path=path)

    def figures(self, node: Any, line: int, path: str) -> dict[str, float] | None:
        """A single `value` or a `low`/`high` range; `path` ends with a dot unless empty."""
        if not isinstance(node, LineDict):
            self.fail(line, path, _("expected a mapping with value, or low and high"))
            return None
        keys = set(node) & {"value", "low", "high"}
        if keys == {"value"}:
            if not is_number(node["value"]):
                self.fail(
                    node.line_of("value"),
                    f"{path}value".lstrip("."),
                    _(
                        "{value} is not a number{hint}",
                        value=repr(node["value"]),
                        hint=yaml_hint(node["value"]),
                    ),
                )
                return None
            return {"value": float(node["value"])}
        if keys == {"low", "high"}:
            return self._range(node, path)
        self.fail(
            node.line, path.rstrip(".") or "value", _("give either value, or both low and high")
        )
        return None

    def _range(self, node: LineDict, path: str) -> dict[str, float] | None:
        low, high = node["low"], node["high"]
        for key, value in (("low", low), ("high", high)):
            if not is_number(value):
                self.fail(
                    node.line_of(key),
                    f"{path}{key}",
                    _("{value} is not a number{hint}", value=repr(value), hint=yaml_hint(value)),
                )
                return None
        if low > high:
            self.fail(
                node.line_of("low"),
                f"{path}low",
                _("{low} is above high ({high})", low=low, high=high),
            )
            return None
        return {"low": float(low), "high": float(high)}

    def by_segment(self, spec: LineDict) -> dict[str, dict[str, float]] | None:
        segments = spec["by_segment"]
        if not isinstance(segments, LineDict):
            self.fail(
                spec.line_of("by_segment"),
                "by_segment",
                _("expected a mapping of segment: figures"),
            )
            return None
        for segment in segments:
            if segment not in SEGMENTS:
                self.fail(
                    segments.line_of(segment),
                    f"by_segment.{segment}",
                    _(
                        "unknown segment{suggestion}; expected {choices}",
                        suggestion=suggest(segment, SEGMENTS),
                        choices=", ".join(SEGMENTS),
                    ),
                )
        found: dict[str, dict[str, float]] = {}
        for segment in SEGMENTS:
            if segment not in segments:
                self.fail(segments.line, f"by_segment.{segment}", _("missing segment"))
                continue
            path = f"by_segment.{segment}."
            figures = self.figures(segments[segment], segments.line_of(segment), path)
            if figures:
                found[segment] = figures
        if len({frozenset(figures) for figures in found.values()}) > 1:
            self.fail(
                segments.line,
                "by_segment",
                _("every segment needs the same shape (value, or low/high)"),
            )
            return None
        return found


def _threshold(problems: Problems, file: str, name: str, spec: Any, line: int) -> Threshold | None:
    reader = _ThresholdReader(problems, file, name)
    if not THRESHOLD_NAME.fullmatch(name):
        reader.fail(line, "", _("threshold names are lower_snake_case"))
        return None
    if not isinstance(spec, LineDict):
        reader.fail(line, "", _("expected a mapping with value (or low/high) and source"))
        return None
    values = THRESHOLD.read(problems, file, spec, name)
    if "by_segment" in spec:
        by_segment = reader.by_segment(spec)
    else:
        figures = reader.figures(spec, spec.line, "")
        by_segment = {segment: figures for segment in SEGMENTS} if figures else None
    if by_segment is None or len(by_segment) != len(SEGMENTS):
        return None
    return Threshold(
        name=name,
        unit=str(values["unit"] or ""),
        source=str(values["source"] or ""),
        note=str(values["note"] or ""),
        by_segment=by_segment,
        file=file,
        line=line,
    )


def read_thresholds(
    problems: Problems, items: list[tuple[str, str, Any, int]]
) -> dict[str, Threshold]:
    """The named thresholds of every file, each name once."""
    thresholds: dict[str, Threshold] = {}
    for file, name, spec, line in items:
        if name in thresholds:
            first = thresholds[name]
            place = f"{first.file}:{first.line}"
            problems.add(
                # Translators: {place} is FILE:LINE
                _("threshold defined twice (first at {place})", place=place),
                file=file,
                line=line,
                context=name,
            )
            continue
        threshold = _threshold(problems, file, name, spec, line)
        if threshold is not None:
            thresholds[name] = threshold
    return thresholds


# ---------------------------------------------------------------------------------------------
# Texts


def read_texts(
    problems: Problems, file: str, node: LineDict
) -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, str]]]:
    """The headline (with its variants) and the label of each verdict."""
    TEXTS.read(problems, file, node, "texts")
    variants: dict[str, dict[str, str]] = {}
    headlines = _verdict_texts(problems, file, node, "headlines", variants)
    labels = _verdict_texts(problems, file, node, "verdict_labels")
    return headlines, labels, variants


def _check_placeholders(
    problems: Problems,
    file: str,
    line: int,
    path: str,
    text: str,
    allowed: tuple[str, ...] = HEADLINE_PLACEHOLDERS,
) -> None:
    for placeholder in PLACEHOLDER.findall(text):
        if placeholder not in allowed:
            problems.add(
                _(
                    "unknown placeholder {placeholder}{suggestion}",
                    placeholder="{" + placeholder + "}",
                    suggestion=suggest(placeholder, allowed),
                ),
                file=file,
                line=line,
                context="texts",
                path=path,
            )


def _headline_variants(
    problems: Problems, file: str, table: LineDict, verdict: str, path: str
) -> dict[str, str] | None:
    allowed = ("default", *HEADLINE_VARIANTS[verdict])
    check_keys(problems, file, table, allowed, ("default",), "texts", f"{path}.")
    found = {}
    for name in allowed:
        if name not in table:
            continue
        line = table.line_of(name)
        if not is_text(table[name]):
            problems.add(
                _("expected non-empty text"), file=file, line=line, context="texts", path=path
            )
            return None
        _check_placeholders(problems, file, line, f"{path}.{name}", str(table[name]))
        found[name] = str(table[name])
    return found


def _verdict_texts(
    problems: Problems,
    file: str,
    node: LineDict,
    section: str,
    variants: dict[str, dict[str, str]] | None = None,
) -> dict[str, str]:
    table = node.get(section)
    if not isinstance(table, LineDict):
        if section in node:
            problems.add(
                _("expected a mapping of verdict: text"),
                file=file,
                line=node.line_of(section),
                context="texts",
                path=section,
            )
        return {}
    check_keys(problems, file, table, VERDICTS, VERDICTS, "texts", f"{section}.")
    values: dict[str, str] = {}
    for verdict in VERDICTS:
        text = table.get(verdict)
        line, path = table.line_of(verdict), f"{section}.{verdict}"
        if variants is not None and isinstance(text, LineDict):
            found = _headline_variants(problems, file, text, verdict, path)
            if found is not None:
                values[verdict] = found.get("default", "")
                variants[verdict] = found
            continue
        if verdict in table and not is_text(text):
            problems.add(
                _("expected non-empty text"), file=file, line=line, context="texts", path=path
            )
            continue
        allowed = HEADLINE_PLACEHOLDERS if variants is not None else LABEL_PLACEHOLDERS
        _check_placeholders(problems, file, line, path, str(text or ""), allowed)
        values[verdict] = str(text or "")
    return values


# ---------------------------------------------------------------------------------------------
# Rules


def read_rules(
    problems: Problems,
    items: list[tuple[str, Any, int]],
    thresholds: dict[str, Threshold],
    refused: frozenset[str] = frozenset(),
) -> list[Rule]:
    """The rules of every file, in order; a rule with any problem is left out.

    `refused` names thresholds defined but refused, so a rule using one is not pointed at
    another, similarly named threshold.
    """
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    scope = ConditionScope(FIELD_KINDS, FIELD_CHOICES, thresholds, refused=refused)
    for index, (file, node, line) in enumerate(items):
        if not isinstance(node, LineDict):
            problems.add(
                _("expected a mapping with id, title, when, effect"),
                file=file,
                line=line,
                context=f"rules[{index}]",
            )
            continue
        rule = _RuleReader(problems, file, node, index, scope).rule(line, seen)
        if rule is not None:
            rules.append(rule)
    return rules


class _RuleReader:
    def __init__(
        self, problems: Problems, file: str, node: LineDict, index: int, scope: ConditionScope
    ) -> None:
        self.problems = problems
        self.file = file
        self.node = node
        self.scope = scope
        rule_id = node.get("id")
        self.context = rule_id if isinstance(rule_id, str) and rule_id else f"rules[{index}]"

    def fail(self, key: str, message: str, path: str | None = None) -> None:
        self.problems.add(
            message,
            file=self.file,
            line=self.node.line_of(key),
            context=self.context,
            path=key if path is None else path,
        )

    def rule(self, line: int, seen: dict[str, str]) -> Rule | None:
        node = self.node
        before = len(self.problems)
        check_keys(self.problems, self.file, node, RULE_KEYS, RULE_REQUIRED, self.context, "")
        self._check_id(seen)
        self._check_texts()
        when = None
        if "when" in node:
            when = build_when(
                self.problems,
                self.file,
                node["when"],
                node.line_of("when"),
                self.context,
                "when",
                self.scope,
            )
        effect = self._effect() if "effect" in node else None
        if len(self.problems) > before or when is None or effect is None:
            return None
        return Rule(
            id=str(node["id"]),
            title=str(node["title"]).strip(),
            category=str(node["category"]),
            when=when,
            effect=effect,
            rationale=str(node["rationale"]).strip(),
            advice=str(node.get("advice", "")).strip(),
            source=str(node["source"]).strip(),
            headline=str(node.get("headline", "")),
            file=self.file,
            line=line,
        )

    def _check_id(self, seen: dict[str, str]) -> None:
        rule_id = self.node.get("id")
        if not (isinstance(rule_id, str) and rule_id):
            if "id" in self.node:
                self.fail("id", _("expected a text id"))
            return
        if not RULE_ID.match(rule_id):
            self.fail("id", _("ids are UPPER-KEBAB-CASE, e.g. PORT-ZONE"))
        if rule_id in seen:
            self.fail("id", _("duplicate rule id (first at {place})", place=seen[rule_id]))
        else:
            seen[rule_id] = f"{self.file}:{self.node.line_of('id')}"

    def _check_texts(self) -> None:
        node = self.node
        for key in ("title", "rationale", "source"):
            if key in node and not is_text(node[key]):
                self.fail(key, _("expected non-empty text"))
        if "advice" in node and not isinstance(node["advice"], str):
            self.fail("advice", _("expected text"))
        if "headline" in node:
            problem = one_of(RULE_HEADLINES)(node["headline"])
            if problem:
                self.fail("headline", problem)
        if "category" in node:
            problem = one_of(CATEGORIES)(node["category"])
            if problem:
                self.fail("category", problem)

    def _effect(self) -> Effect | None:
        node = self.node.get("effect")
        if not isinstance(node, LineDict) or not node:
            self.fail("effect", _("expected a mapping with score, cap and/or verdict"), "effect")
            return None
        before = len(self.problems)
        values = EFFECT.read(self.problems, self.file, node, self.context, "effect.")
        if len(self.problems) > before:
            return None
        return Effect(float(values["score"]), values["cap"], values["verdict"])
