"""Load and validate a rule pack (`rules/*.yaml`) into a typed RulePack.

Every problem found is reported, each as `FILE:LINE: CONTEXT › key.path: what is wrong`,
so a consultant editing a pack by hand can go straight to the line.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from advisor.economics import DERIVED_FIELDS
from advisor.operators import OPERATORS
from advisor.profile import FIELDS, NUMERIC_KINDS, Segment
from advisor.wording import PLACEHOLDER
from advisor.yamlio import DocumentError, LineDict, decode_bytes, parse_yaml

DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
SEGMENTS = tuple(segment.value for segment in Segment)
VERDICTS = ("hire_now", "prepare", "not_yet", "fix_delivery_first")
CAPS = ("prepare", "not_yet")
CATEGORIES = ("trigger", "reason_to_wait", "gate", "signal")
RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
MAX_FILES = 50
MAX_RULES = 500
MAX_TREE_DEPTH = 8


# ---------------------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True)
class RuleIssue:
    file: str
    line: int
    context: str  # a rule id, a threshold name or a section name
    path: str  # key path inside the context, e.g. when.all[0].op
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        inside = " › ".join(part for part in (self.context, self.path) if part)
        return f"{where}: {inside}: {self.message}" if inside else f"{where}: {self.message}"


class IssueSink(Protocol):
    """Where problems go while a pack loads (the loader's `_Checker` collects them)."""

    def add(self, file: str, line: int, context: str, path: str, message: str) -> None: ...


class RulePackError(ValueError):
    """A rule pack was refused; `issues` lists every problem found."""

    def __init__(self, issues: list[RuleIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), 1, 0.5)
    return f" (did you mean '{close[0]}'?)" if close else ""


# ---------------------------------------------------------------------------------------------
# The pack model


@dataclass(frozen=True)
class Threshold:
    """A named figure rules refer to as `$name`; by_segment holds per-segment values."""

    name: str
    unit: str
    source: str
    note: str
    by_segment: dict[str, dict[str, float]]  # segment -> {"value"} or {"low", "high"}
    file: str
    line: int

    @property
    def is_range(self) -> bool:
        return "low" in next(iter(self.by_segment.values()))

    @property
    def segment_aware(self) -> bool:
        values = list(self.by_segment.values())
        return any(v != values[0] for v in values)

    def resolve(self, segment: str, part: str | None = None) -> float | tuple[float, float]:
        figures = self.by_segment[segment]
        if part:
            return figures[part]
        if "value" in figures:
            return figures["value"]
        return (figures["low"], figures["high"])

    @classmethod
    def fixed(cls, name: str, value: float, source: str, file: str, line: int) -> Threshold:
        """One value for every segment: a figure conditions may refer to as `$name`."""
        by_segment = {segment: {"value": float(value)} for segment in SEGMENTS}
        return cls(name, "", source, "", by_segment, file, line)

    def describe(self) -> str:
        def one(figures: dict[str, float]) -> str:
            if "value" in figures:
                return f"{figures['value']:g}"
            return f"{figures['low']:g}–{figures['high']:g}"

        if not self.segment_aware:
            return one(next(iter(self.by_segment.values())))
        return "; ".join(f"{seg}: {one(fig)}" for seg, fig in self.by_segment.items())


@dataclass(frozen=True)
class ValueSpec:
    """A condition's value: a literal or a `$threshold[.part]` reference."""

    literal: Any = None
    ref: str | None = None
    part: str | None = None

    def resolve(self, references: Mapping[str, Threshold], segment: str) -> Any:
        """The value for `segment`; `references` holds what `$name` may point at."""
        if self.ref is None:
            return self.literal
        return references[self.ref].resolve(segment, self.part)

    def source_text(self) -> str:
        if self.ref is None:
            return repr(self.literal)
        return f"${self.ref}" + (f".{self.part}" if self.part else "")


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: ValueSpec
    line: int


@dataclass(frozen=True)
class Group:
    kind: str  # all | any | not
    children: tuple[Node, ...]
    line: int


Node = Condition | Group


@dataclass(frozen=True)
class ConditionScope:
    """What a `when` tree may test and refer to, for `build_when`.

    The rules test profile and derived fields and refer to the pack's thresholds; the role
    section adds its own fields and its figures (as `Threshold.fixed`). `noun` and `nouns` name
    what `$name` points at in messages ("unknown threshold '$x'").
    """

    kinds: Mapping[str, str]  # field -> numeric | choice | yes_no | text
    choices: Mapping[str, tuple[str, ...]]
    references: Mapping[str, Threshold]
    noun: str = "threshold"
    nouns: str = "thresholds"
    max_depth: int = MAX_TREE_DEPTH


@dataclass(frozen=True)
class Effect:
    score: float = 0.0
    cap: str | None = None  # the best verdict still allowed: prepare or not_yet
    verdict: str | None = None  # a verdict that overrides the score (fix_delivery_first)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    category: str
    when: Node
    effect: Effect
    rationale: str
    advice: str
    source: str
    file: str
    line: int

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class MetricTarget:
    """A metric's bands: at or beyond `healthy` is healthy, beyond `alarm` is alarm."""

    name: str
    label: str
    direction: str  # higher | lower (is better)
    healthy: float
    alarm: float
    best_in_class: float | None
    source: str

    def status(self, value: float) -> str:
        if self.direction == "higher":
            if value >= self.healthy:
                return "healthy"
            return "alarm" if value < self.alarm else "watch"
        if value <= self.healthy:
            return "healthy"
        return "alarm" if value > self.alarm else "watch"


@dataclass(frozen=True)
class AmImpact:
    churn_reduction: float
    expansion_uplift: float
    expansion_uplift_unworked: float
    source: str


@dataclass(frozen=True)
class Scoring:
    hire_now_at: float
    prepare_at: float
    source: str


@dataclass
class RulePack:
    name: str
    version: str
    description: str
    digest: str
    files: tuple[str, ...]
    scoring: Scoring
    thresholds: dict[str, Threshold]
    rules: tuple[Rule, ...]
    am_cost: dict[str, dict[str, float]]  # currency -> segment -> cost
    am_cost_source: str
    book_sizes: dict[str, tuple[int, int]]
    book_size_source: str
    metric_targets: dict[str, MetricTarget]
    am_impact: AmImpact
    headlines: dict[str, str]
    verdict_labels: dict[str, str]
    extra_sections: dict[str, Any] = field(default_factory=dict)
    # Compiled predicates per segment, filled on first use by the engine.
    compiled: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # The validated `role:` section (advisor.role_templates.RoleTemplates), None when absent.
    role: Any = field(default=None, repr=False, compare=False)

    def benchmark_am_cost(self, currency: str, segment: str) -> tuple[float, str]:
        shown = segment.replace("_", "-")
        if currency in self.am_cost:
            return self.am_cost[currency][segment], f"rule pack benchmark, {currency} {shown}"
        fallback = next(iter(self.am_cost))
        return (
            self.am_cost[fallback][segment],
            (
                f"rule pack benchmark in {fallback} {shown}: the pack has no {currency} figure, "
                "enter your own AM cost"
            ),
        )

    def book_size(self, segment: str) -> tuple[int, int]:
        return self.book_sizes[segment]

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def threshold_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "name": t.name,
                "value": t.describe(),
                "unit": t.unit,
                "source": t.source,
                "location": f"{t.file}:{t.line}",
            }
            for t in self.thresholds.values()
        ]


# ---------------------------------------------------------------------------------------------
# Validation helpers


class _Checker:
    """Collects issues while walking the raw YAML of one file."""

    def __init__(self) -> None:
        self.issues: list[RuleIssue] = []

    def add(self, file: str, line: int, context: str, path: str, message: str) -> None:
        self.issues.append(RuleIssue(file, line, context, path, message))


def _line(node: Any, key: str | None = None, fallback: int = 0) -> int:
    if isinstance(node, LineDict):
        return node.line_of(key) if key else node.line
    return fallback


def _number(value: Any) -> bool:
    """A finite int or float: YAML's .nan and .inf would make every comparison meaningless."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _check_keys(
    chk: IssueSink,
    file: str,
    node: Mapping[str, Any],
    allowed: Iterable[str],
    required: Iterable[str],
    context: str,
    prefix: str,
) -> None:
    allowed = list(allowed)
    for key in node:
        if key not in allowed:
            chk.add(
                file,
                _line(node, key),
                context,
                f"{prefix}{key}",
                f"unknown key{_suggest(key, allowed)}; expected one of {', '.join(allowed)}",
            )
    for key in required:
        if key not in node:
            chk.add(file, _line(node), context, f"{prefix}{key}", "required key is missing")


# ---------------------------------------------------------------------------------------------
# Loading


@dataclass
class _RawSections:
    pack: list[tuple[str, LineDict]] = field(default_factory=list)
    scoring: list[tuple[str, LineDict]] = field(default_factory=list)
    thresholds: list[tuple[str, str, Any, int]] = field(default_factory=list)
    benchmarks: list[tuple[str, LineDict]] = field(default_factory=list)
    rules: list[tuple[str, Any, int]] = field(default_factory=list)
    texts: list[tuple[str, LineDict]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


TOP_LEVEL = ("pack", "scoring", "thresholds", "benchmarks", "rules", "texts", "role")


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"})
        if not files:
            raise RulePackError([RuleIssue(str(path), 0, "", "", "no .yaml files in this folder")])
        if len(files) > MAX_FILES:
            raise RulePackError([RuleIssue(str(path), 0, "", "", f"more than {MAX_FILES} files")])
        return files
    if not path.exists():
        raise RulePackError([RuleIssue(str(path), 0, "", "", "no such file or folder")])
    return [path]


def load_pack(path: str | Path | None = None) -> RulePack:
    """Load a rule pack from a file or a folder of YAML files (default: the shipped pack)."""
    root = Path(path) if path is not None else DEFAULT_RULES_DIR
    documents: list[tuple[str, bytes]] = []
    for file in _pack_files(root):
        shown = _display_name(file)
        try:
            documents.append((shown, file.read_bytes()))
        except OSError as error:
            raise RulePackError([RuleIssue(shown, 0, "", "", f"cannot read: {error}")]) from None
    return pack_from_documents(documents)


def _display_name(file: Path) -> str:
    try:
        return str(file.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(file)


def pack_from_documents(documents: list[tuple[str, bytes]]) -> RulePack:
    """Build a pack from (name, raw bytes) pairs: files on disk or uploads in the app."""
    chk = _Checker()
    raw = _RawSections()
    digest = hashlib.sha256()
    for name, content in sorted(documents):
        digest.update(name.rsplit("/", 1)[-1].encode() + b"\0" + content + b"\0")
        try:
            data = parse_yaml(decode_bytes(content, name), name)
        except DocumentError as error:
            chk.add(name, error.line, "", "", error.message)
            continue
        _split_sections(chk, name, data, raw)
    if chk.issues:
        raise RulePackError(chk.issues)
    pack = _build(chk, raw, digest.hexdigest()[:12], tuple(name for name, _ in sorted(documents)))
    if chk.issues or pack is None:
        raise RulePackError(chk.issues)
    return pack


def _split_sections(chk: _Checker, file: str, data: Any, raw: _RawSections) -> None:
    if data is None:
        return
    if not isinstance(data, LineDict):
        chk.add(file, 1, "", "", "expected a mapping with sections such as thresholds and rules")
        return
    for key, value in data.items():
        line = data.line_of(key)
        if key not in TOP_LEVEL:
            chk.add(
                file,
                line,
                "",
                key,
                f"unknown section{_suggest(key, TOP_LEVEL)}; expected one of {', '.join(TOP_LEVEL)}",
            )
            continue
        if key == "rules":
            if not isinstance(value, list):
                chk.add(file, line, "rules", "", "expected a list of rules")
                continue
            for item in value:
                raw.rules.append((file, item, _line(item, fallback=line)))
                if len(raw.rules) > MAX_RULES:
                    chk.add(file, line, "rules", "", f"more than {MAX_RULES} rules")
                    return
        elif key == "thresholds":
            if not isinstance(value, LineDict):
                chk.add(file, line, "thresholds", "", "expected a mapping of name: threshold")
                continue
            for name, spec in value.items():
                raw.thresholds.append((file, name, spec, value.line_of(name)))
        elif key == "role":
            raw.extra.setdefault("role", []).append((file, value))
        else:
            if not isinstance(value, LineDict):
                chk.add(file, line, key, "", "expected a mapping")
                continue
            getattr(raw, key).append((file, value))


def _single(
    chk: _Checker, items: list[tuple[str, LineDict]], section: str
) -> tuple[str, LineDict] | None:
    if not items:
        chk.add("rules", 0, section, "", f"the pack has no '{section}' section")
        return None
    if len(items) > 1:
        chk.add(
            items[1][0],
            items[1][1].line,
            section,
            "",
            f"'{section}' is defined twice (also in {items[0][0]})",
        )
    return items[0]


def _build(
    chk: _Checker, raw: _RawSections, digest: str, files: tuple[str, ...]
) -> RulePack | None:
    meta = _single(chk, raw.pack, "pack")
    scoring_raw = _single(chk, raw.scoring, "scoring")
    bench_raw = _single(chk, raw.benchmarks, "benchmarks")
    texts_raw = _single(chk, raw.texts, "texts")
    if not (meta and scoring_raw and bench_raw and texts_raw):
        return None

    file, node = meta
    _check_keys(
        chk, file, node, ("name", "version", "description"), ("name", "version"), "pack", ""
    )
    name = str(node.get("name", ""))
    version = str(node.get("version", ""))

    scoring = _build_scoring(chk, *scoring_raw)
    thresholds = _build_thresholds(chk, raw.thresholds)
    bench = _build_benchmarks(chk, *bench_raw)
    if bench is not None:
        book_sizes, book_line, book_file, book_source = bench["book_size"]
        if "book_size" in thresholds:
            other = thresholds["book_size"]
            chk.add(
                other.file,
                other.line,
                "book_size",
                "",
                "the name is taken by benchmarks.book_size; choose another",
            )
        thresholds["book_size"] = Threshold(
            name="book_size",
            unit="accounts per AM",
            source=book_source,
            note="",
            by_segment={
                s: {"low": float(lo), "high": float(hi)} for s, (lo, hi) in book_sizes.items()
            },
            file=book_file,
            line=book_line,
        )
    headlines, labels = _build_texts(chk, *texts_raw)
    rules = _build_rules(chk, raw.rules, thresholds)
    # Imported here: role_templates reads this module's field tables and model classes.
    from advisor.role_templates import build_role_templates

    role = build_role_templates(
        chk,
        raw.extra.get("role", []),
        thresholds,
        bench["metric_targets"] if bench is not None else None,
    )
    if chk.issues or scoring is None or bench is None:
        return None
    return RulePack(
        name=name,
        version=version,
        description=str(node.get("description", "")),
        digest=digest,
        files=files,
        scoring=scoring,
        thresholds=thresholds,
        rules=tuple(rules),
        am_cost=bench["am_cost"],
        am_cost_source=bench["am_cost_source"],
        book_sizes=bench["book_size"][0],
        book_size_source=bench["book_size"][3],
        metric_targets=bench["metric_targets"],
        am_impact=bench["am_impact"],
        headlines=headlines,
        verdict_labels=labels,
        extra_sections={key: value for key, value in raw.extra.items()},
        role=role,
    )


def _build_scoring(chk: _Checker, file: str, node: LineDict) -> Scoring | None:
    _check_keys(
        chk,
        file,
        node,
        ("hire_now_at", "prepare_at", "source"),
        ("hire_now_at", "prepare_at", "source"),
        "scoring",
        "",
    )
    hire: Any = node.get("hire_now_at")
    prepare: Any = node.get("prepare_at")
    ok = True
    for key, value in (("hire_now_at", hire), ("prepare_at", prepare)):
        if key in node and not (_number(value) and 0 < value <= 100):
            chk.add(
                file,
                node.line_of(key),
                "scoring",
                key,
                f"{value!r} is not a score between 1 and 100",
            )
            ok = False
    if ok and _number(hire) and _number(prepare) and prepare >= hire:
        chk.add(
            file,
            node.line_of("prepare_at"),
            "scoring",
            "prepare_at",
            f"{prepare} must be below hire_now_at ({hire})",
        )
        ok = False
    if not ok or "hire_now_at" not in node or "prepare_at" not in node:
        return None
    return Scoring(float(hire), float(prepare), str(node.get("source", "")))


def _figures(
    chk: _Checker, file: str, node: Any, line: int, context: str, path: str
) -> dict[str, float] | None:
    if not isinstance(node, LineDict):
        chk.add(file, line, context, path, "expected a mapping with value, or low and high")
        return None
    keys = set(node) & {"value", "low", "high"}
    if keys == {"value"}:
        if not _number(node["value"]):
            chk.add(
                file,
                node.line_of("value"),
                context,
                f"{path}value".lstrip("."),
                f"{node['value']!r} is not a number",
            )
            return None
        return {"value": float(node["value"])}
    if keys == {"low", "high"}:
        low, high = node["low"], node["high"]
        for key, value in (("low", low), ("high", high)):
            if not _number(value):
                chk.add(
                    file, node.line_of(key), context, f"{path}{key}", f"{value!r} is not a number"
                )
                return None
        if low > high:
            chk.add(
                file, node.line_of("low"), context, f"{path}low", f"{low} is above high ({high})"
            )
            return None
        return {"low": float(low), "high": float(high)}
    chk.add(
        file,
        node.line,
        context,
        path.rstrip(".") or "value",
        "give either value, or both low and high",
    )
    return None


def _build_thresholds(
    chk: _Checker, items: list[tuple[str, str, Any, int]]
) -> dict[str, Threshold]:
    thresholds: dict[str, Threshold] = {}
    for file, name, spec, line in items:
        if name in thresholds:
            chk.add(
                file,
                line,
                name,
                "",
                f"threshold defined twice (first at {thresholds[name].file}:{thresholds[name].line})",
            )
            continue
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            chk.add(file, line, name, "", "threshold names are lower_snake_case")
            continue
        if not isinstance(spec, LineDict):
            chk.add(file, line, name, "", "expected a mapping with value (or low/high) and source")
            continue
        allowed = ("value", "low", "high", "by_segment", "unit", "source", "note")
        _check_keys(chk, file, spec, allowed, ("source",), name, "")
        if "source" in spec and not _text(spec["source"]):
            chk.add(
                file,
                spec.line_of("source"),
                name,
                "source",
                "must name where the figure comes from",
            )
        by_segment: dict[str, dict[str, float]] = {}
        if "by_segment" in spec:
            segs = spec["by_segment"]
            if not isinstance(segs, LineDict):
                chk.add(
                    file,
                    spec.line_of("by_segment"),
                    name,
                    "by_segment",
                    "expected a mapping of segment: figures",
                )
                continue
            for seg in segs:
                if seg not in SEGMENTS:
                    chk.add(
                        file,
                        segs.line_of(seg),
                        name,
                        f"by_segment.{seg}",
                        f"unknown segment{_suggest(seg, SEGMENTS)}; expected {', '.join(SEGMENTS)}",
                    )
            for seg in SEGMENTS:
                if seg not in segs:
                    chk.add(file, segs.line, name, f"by_segment.{seg}", "missing segment")
                    continue
                figures = _figures(
                    chk, file, segs[seg], segs.line_of(seg), name, f"by_segment.{seg}."
                )
                if figures:
                    by_segment[seg] = figures
            shapes = {frozenset(f) for f in by_segment.values()}
            if len(shapes) > 1:
                chk.add(
                    file,
                    segs.line,
                    name,
                    "by_segment",
                    "every segment needs the same shape (value, or low/high)",
                )
                continue
        else:
            figures = _figures(chk, file, spec, spec.line, name, "")
            if figures:
                by_segment = {seg: figures for seg in SEGMENTS}
        if len(by_segment) == len(SEGMENTS):
            thresholds[name] = Threshold(
                name=name,
                unit=str(spec.get("unit", "")),
                source=str(spec.get("source", "")),
                note=str(spec.get("note", "")),
                by_segment=by_segment,
                file=file,
                line=line,
            )
    return thresholds


def _build_benchmarks(chk: _Checker, file: str, node: LineDict) -> dict[str, Any] | None:
    allowed = ("am_fully_loaded_cost", "book_size", "metric_targets", "am_impact")
    _check_keys(chk, file, node, allowed, allowed, "benchmarks", "")
    if any(key not in node for key in allowed):
        return None
    result: dict[str, Any] = {}
    ok = True

    cost = node["am_fully_loaded_cost"]
    ctx = "benchmarks"
    if (
        isinstance(cost, LineDict)
        and _text(cost.get("source"))
        and isinstance(cost.get("values"), LineDict)
    ):
        values = cost["values"]
        table: dict[str, dict[str, float]] = {}
        for currency, per_segment in values.items():
            path = f"am_fully_loaded_cost.values.{currency}"
            if not re.fullmatch(r"[A-Z]{3}", currency):
                chk.add(
                    file, values.line_of(currency), ctx, path, "currency must be an ISO 4217 code"
                )
                ok = False
                continue
            if not isinstance(per_segment, LineDict) or set(per_segment) != set(SEGMENTS):
                chk.add(
                    file,
                    values.line_of(currency),
                    ctx,
                    path,
                    f"expected a figure for each of {', '.join(SEGMENTS)}",
                )
                ok = False
                continue
            for seg, amount in per_segment.items():
                if not (_number(amount) and amount > 0):
                    chk.add(
                        file,
                        per_segment.line_of(seg),
                        ctx,
                        f"{path}.{seg}",
                        f"{amount!r} is not a positive amount",
                    )
                    ok = False
            table[currency] = {
                seg: float(per_segment[seg]) for seg in SEGMENTS if _number(per_segment[seg])
            }
        if not table:
            chk.add(file, values.line, ctx, "am_fully_loaded_cost.values", "no currency given")
            ok = False
        result["am_cost"] = table
        result["am_cost_source"] = cost["source"]
    else:
        chk.add(
            file,
            node.line_of("am_fully_loaded_cost"),
            ctx,
            "am_fully_loaded_cost",
            "expected source and values: {CURRENCY: {smb, mid_market, enterprise}}",
        )
        ok = False

    book = node["book_size"]
    if isinstance(book, LineDict) and _text(book.get("source")):
        sizes: dict[str, tuple[int, int]] = {}
        for seg in SEGMENTS:
            figures = book.get(seg)
            path = f"book_size.{seg}"
            if not isinstance(figures, LineDict) or not all(
                isinstance(figures.get(k), int)
                and not isinstance(figures.get(k), bool)
                and figures[k] > 0
                for k in ("low", "high")
            ):
                chk.add(
                    file,
                    book.line_of(seg),
                    ctx,
                    path,
                    "expected whole numbers low and high above 0",
                )
                ok = False
                continue
            if figures["low"] > figures["high"]:
                chk.add(file, figures.line_of("low"), ctx, f"{path}.low", "low is above high")
                ok = False
                continue
            sizes[seg] = (figures["low"], figures["high"])
        result["book_size"] = (sizes, node.line_of("book_size"), file, book["source"])
    else:
        chk.add(
            file,
            node.line_of("book_size"),
            ctx,
            "book_size",
            "expected source and low/high for each segment",
        )
        ok = False

    targets = node["metric_targets"]
    parsed_targets: dict[str, MetricTarget] = {}
    if isinstance(targets, LineDict):
        for metric, spec in targets.items():
            path = f"metric_targets.{metric}"
            if not isinstance(spec, LineDict):
                chk.add(file, targets.line_of(metric), ctx, path, "expected a mapping")
                ok = False
                continue
            keys = ("label", "direction", "healthy", "alarm", "best_in_class", "source")
            before = len(chk.issues)
            _check_keys(
                chk,
                file,
                spec,
                keys,
                ("label", "direction", "healthy", "alarm", "source"),
                ctx,
                f"{path}.",
            )
            direction = spec.get("direction")
            if direction not in ("higher", "lower"):
                chk.add(
                    file,
                    spec.line_of("direction"),
                    ctx,
                    f"{path}.direction",
                    f"{direction!r} is not 'higher' or 'lower'",
                )
            for key in ("healthy", "alarm", "best_in_class"):
                if key in spec and not _number(spec[key]):
                    chk.add(
                        file,
                        spec.line_of(key),
                        ctx,
                        f"{path}.{key}",
                        f"{spec[key]!r} is not a number",
                    )
            if len(chk.issues) > before:
                ok = False
                continue
            healthy, alarm = float(spec["healthy"]), float(spec["alarm"])
            if (direction == "higher" and alarm > healthy) or (
                direction == "lower" and alarm < healthy
            ):
                chk.add(
                    file,
                    spec.line_of("alarm"),
                    ctx,
                    f"{path}.alarm",
                    f"alarm {alarm:g} must lie on the worse side of healthy {healthy:g}",
                )
                ok = False
                continue
            best = spec.get("best_in_class")
            parsed_targets[metric] = MetricTarget(
                metric,
                str(spec["label"]),
                str(direction),
                healthy,
                alarm,
                float(best) if best is not None else None,
                str(spec["source"]),
            )
        result["metric_targets"] = parsed_targets
    else:
        chk.add(
            file,
            node.line_of("metric_targets"),
            ctx,
            "metric_targets",
            "expected a mapping of metric: target",
        )
        ok = False

    impact = node["am_impact"]
    impact_keys = ("churn_reduction", "expansion_uplift", "expansion_uplift_unworked", "source")
    if isinstance(impact, LineDict):
        before = len(chk.issues)
        _check_keys(chk, file, impact, impact_keys, impact_keys, ctx, "am_impact.")
        for key in impact_keys[:3]:
            if key in impact and not (_number(impact[key]) and 0 <= impact[key] <= 1):
                chk.add(
                    file,
                    impact.line_of(key),
                    ctx,
                    f"am_impact.{key}",
                    f"{impact[key]!r} is not a rate between 0 and 1",
                )
        if len(chk.issues) == before:
            result["am_impact"] = AmImpact(
                float(impact["churn_reduction"]),
                float(impact["expansion_uplift"]),
                float(impact["expansion_uplift_unworked"]),
                str(impact["source"]),
            )
        else:
            ok = False
    else:
        chk.add(file, node.line_of("am_impact"), ctx, "am_impact", "expected a mapping")
        ok = False
    return result if ok else None


HEADLINE_PLACEHOLDERS = (
    "company",
    "active_accounts",
    "verdict_label",
    "score",
    "top_reason",
    "am_count",
    "zone_low",
    "zone_high",
)


def _build_texts(chk: _Checker, file: str, node: LineDict) -> tuple[dict[str, str], dict[str, str]]:
    _check_keys(
        chk,
        file,
        node,
        ("headlines", "verdict_labels"),
        ("headlines", "verdict_labels"),
        "texts",
        "",
    )
    found: list[dict[str, str]] = []
    for section in ("headlines", "verdict_labels"):
        table = node.get(section)
        values: dict[str, str] = {}
        if isinstance(table, LineDict):
            _check_keys(chk, file, table, VERDICTS, VERDICTS, "texts", f"{section}.")
            for verdict in VERDICTS:
                text = table.get(verdict)
                if verdict in table and not _text(text):
                    chk.add(
                        file,
                        table.line_of(verdict),
                        "texts",
                        f"{section}.{verdict}",
                        "expected non-empty text",
                    )
                    continue
                for placeholder in PLACEHOLDER.findall(str(text or "")):
                    if placeholder not in HEADLINE_PLACEHOLDERS:
                        chk.add(
                            file,
                            table.line_of(verdict),
                            "texts",
                            f"{section}.{verdict}",
                            f"unknown placeholder {{{placeholder}}}{_suggest(placeholder, HEADLINE_PLACEHOLDERS)}",
                        )
                values[verdict] = str(text or "")
        elif section in node:
            chk.add(
                file, node.line_of(section), "texts", section, "expected a mapping of verdict: text"
            )
        found.append(values)
    return found[0], found[1]


FIELD_KINDS: dict[str, str] = {
    **{
        name: ("numeric" if info.kind in NUMERIC_KINDS else info.kind)
        for name, info in FIELDS.items()
    },
    **{name: "numeric" for name in DERIVED_FIELDS},
}
FIELD_CHOICES: dict[str, tuple[str, ...]] = {name: info.choices for name, info in FIELDS.items()}


def _build_rules(
    chk: _Checker, items: list[tuple[str, Any, int]], thresholds: dict[str, Threshold]
) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    scope = ConditionScope(FIELD_KINDS, FIELD_CHOICES, thresholds)
    keys = ("id", "title", "category", "when", "effect", "rationale", "advice", "source")
    for index, (file, node, line) in enumerate(items):
        if not isinstance(node, LineDict):
            chk.add(
                file, line, f"rules[{index}]", "", "expected a mapping with id, title, when, effect"
            )
            continue
        rule_id = node.get("id")
        context = rule_id if isinstance(rule_id, str) and rule_id else f"rules[{index}]"
        before = len(chk.issues)
        _check_keys(
            chk,
            file,
            node,
            keys,
            ("id", "title", "category", "when", "effect", "rationale", "source"),
            context,
            "",
        )
        if isinstance(rule_id, str) and rule_id:
            if not RULE_ID.match(rule_id):
                chk.add(
                    file,
                    node.line_of("id"),
                    context,
                    "id",
                    "ids are UPPER-KEBAB-CASE, e.g. PORT-ZONE",
                )
            if rule_id in seen:
                chk.add(
                    file,
                    node.line_of("id"),
                    context,
                    "id",
                    f"duplicate rule id (first at {seen[rule_id]})",
                )
            else:
                seen[rule_id] = f"{file}:{node.line_of('id')}"
        elif "id" in node:
            chk.add(file, node.line_of("id"), context, "id", "expected a text id")
        for key in ("title", "rationale", "source"):
            if key in node and not _text(node[key]):
                chk.add(file, node.line_of(key), context, key, "expected non-empty text")
        if "advice" in node and not isinstance(node["advice"], str):
            chk.add(file, node.line_of("advice"), context, "advice", "expected text")
        category = node.get("category")
        if "category" in node and category not in CATEGORIES:
            chk.add(
                file,
                node.line_of("category"),
                context,
                "category",
                f"{category!r} is not one of {', '.join(CATEGORIES)}{_suggest(str(category), CATEGORIES)}",
            )
        when = None
        if "when" in node:
            when = build_when(chk, file, node["when"], node.line_of("when"), context, "when", scope)
        effect = (
            _build_effect(chk, file, node.get("effect"), node.line_of("effect"), context)
            if "effect" in node
            else None
        )
        if len(chk.issues) > before or when is None or effect is None:
            continue
        rules.append(
            Rule(
                id=str(rule_id),
                title=str(node["title"]).strip(),
                category=str(category),
                when=when,
                effect=effect,
                rationale=str(node["rationale"]).strip(),
                advice=str(node.get("advice", "")).strip(),
                source=str(node["source"]).strip(),
                file=file,
                line=line,
            )
        )
    return rules


def _build_effect(chk: _Checker, file: str, node: Any, line: int, context: str) -> Effect | None:
    if not isinstance(node, LineDict) or not node:
        chk.add(file, line, context, "effect", "expected a mapping with score, cap and/or verdict")
        return None
    before = len(chk.issues)
    _check_keys(chk, file, node, ("score", "cap", "verdict"), (), context, "effect.")
    score = node.get("score", 0)
    if not (_number(score) and -100 <= score <= 100):
        chk.add(
            file,
            node.line_of("score"),
            context,
            "effect.score",
            f"{score!r} is not a number between -100 and 100",
        )
    cap = node.get("cap")
    if cap is not None and cap not in CAPS:
        chk.add(
            file,
            node.line_of("cap"),
            context,
            "effect.cap",
            f"{cap!r} is not one of {', '.join(CAPS)}{_suggest(str(cap), CAPS)}",
        )
    verdict = node.get("verdict")
    if verdict is not None and verdict != "fix_delivery_first":
        chk.add(
            file,
            node.line_of("verdict"),
            context,
            "effect.verdict",
            f"{verdict!r} cannot be forced; only fix_delivery_first overrides the score (use cap to hold a verdict back)",
        )
    if len(chk.issues) > before:
        return None
    return Effect(float(score), cap, verdict)


def build_when(
    sink: IssueSink,
    file: str,
    node: Any,
    line: int,
    context: str,
    path: str,
    scope: ConditionScope,
) -> Node | None:
    """A `when` tree from raw YAML, or None after reporting each problem to `sink`.

    Conditions may test the fields in `scope.kinds` and refer to `scope.references` as
    `$name[.low|.high]`; problems are reported as `file:line: context › path: message`.
    """
    return _build_node(sink, file, node, line, context, path, scope, 0)


def _build_node(
    chk: IssueSink,
    file: str,
    node: Any,
    line: int,
    context: str,
    path: str,
    scope: ConditionScope,
    depth: int,
) -> Node | None:
    if depth > scope.max_depth:
        chk.add(
            file, line, context, path, f"conditions nested deeper than {scope.max_depth} levels"
        )
        return None
    if not isinstance(node, LineDict):
        chk.add(file, line, context, path, "expected a condition {field, op, value} or all/any/not")
        return None
    line = node.line
    groups = [key for key in ("all", "any", "not") if key in node]
    if groups:
        if len(node) != 1:
            chk.add(file, line, context, path, f"'{groups[0]}' must stand alone in its mapping")
            return None
        kind = groups[0]
        inner = node[kind]
        if kind == "not":
            child = _build_node(
                chk, file, inner, node.line_of(kind), context, f"{path}.not", scope, depth + 1
            )
            return Group("not", (child,), line) if child else None
        if not isinstance(inner, list) or not inner:
            chk.add(
                file,
                node.line_of(kind),
                context,
                f"{path}.{kind}",
                "expected a non-empty list of conditions",
            )
            return None
        children = [
            _build_node(
                chk,
                file,
                item,
                node.line_of(kind),
                context,
                f"{path}.{kind}[{i}]",
                scope,
                depth + 1,
            )
            for i, item in enumerate(inner)
        ]
        if any(child is None for child in children):
            return None
        return Group(kind, tuple(c for c in children if c is not None), line)
    return _build_condition(chk, file, node, context, path, scope)


def _build_condition(
    chk: IssueSink,
    file: str,
    node: LineDict,
    context: str,
    path: str,
    scope: ConditionScope,
) -> Condition | None:
    bad = False
    allowed = ("field", "op", "value")
    for key in node:
        if key not in allowed:
            chk.add(
                file,
                node.line_of(key),
                context,
                f"{path}.{key}",
                f"unknown key{_suggest(key, (*allowed, 'all', 'any', 'not'))}; a condition has field, op and value",
            )
            bad = True
    for key in ("field", "op"):
        if key not in node:
            chk.add(file, node.line, context, f"{path}.{key}", "required key is missing")
            bad = True
    if bad:
        return None
    name, op_name = node["field"], node["op"]
    kind = scope.kinds.get(name) if isinstance(name, str) else None
    if kind is None:
        chk.add(
            file,
            node.line_of("field"),
            context,
            f"{path}.field",
            f"unknown field '{name}'{_suggest(str(name), scope.kinds)}",
        )
        return None
    op = OPERATORS.get(op_name) if isinstance(op_name, str) else None
    if op is None:
        chk.add(
            file,
            node.line_of("op"),
            context,
            f"{path}.op",
            f"unknown operator '{op_name}'{_suggest(str(op_name), OPERATORS)}; expected one of {', '.join(OPERATORS)}",
        )
        return None
    if kind not in op.applies_to:
        chk.add(
            file,
            node.line_of("op"),
            context,
            f"{path}.op",
            f"'{op.name}' does not apply to {kind} field '{name}'",
        )
        return None
    value_line = node.line_of("value")
    raw = node.get("value")
    vpath = f"{path}.value"
    if op.takes == "none":
        if "value" in node:
            chk.add(file, value_line, context, vpath, f"'{op.name}' takes no value")
            return None
        return Condition(name, op.name, ValueSpec(), node.line)
    if "value" not in node:
        chk.add(file, node.line, context, vpath, "required key is missing")
        return None
    if isinstance(raw, str) and raw.startswith("$"):
        ref, _, part = raw[1:].partition(".")
        threshold = scope.references.get(ref)
        if threshold is None:
            chk.add(
                file,
                value_line,
                context,
                vpath,
                f"unknown {scope.noun} '${ref}'{_suggest(ref, scope.references)}",
            )
            return None
        if part and part not in ("low", "high"):
            chk.add(file, value_line, context, vpath, f"unknown part '.{part}'; use .low or .high")
            return None
        if part and not threshold.is_range:
            chk.add(file, value_line, context, vpath, f"'${ref}' is a single value; drop '.{part}'")
            return None
        is_range = threshold.is_range and not part
        if op.takes == "range" and not is_range:
            chk.add(
                file,
                value_line,
                context,
                vpath,
                f"'between' needs a low/high threshold; '${ref}' is a single value",
            )
            return None
        if op.takes in ("number", "scalar") and is_range:
            chk.add(
                file,
                value_line,
                context,
                vpath,
                f"'${ref}' is a range; use '${ref}.low' or '${ref}.high'",
            )
            return None
        if op.takes == "choices" or kind != "numeric":
            chk.add(
                file,
                value_line,
                context,
                vpath,
                f"{scope.nouns} are numbers; '{op.name}' on '{name}' needs a literal",
            )
            return None
        return Condition(name, op.name, ValueSpec(ref=ref, part=part or None), node.line)
    literal = _literal(chk, file, value_line, context, vpath, op.takes, kind, name, raw, scope)
    if literal is _INVALID:
        return None
    return Condition(name, op.name, ValueSpec(literal=literal), node.line)


_INVALID = object()


def _literal(
    chk: IssueSink,
    file: str,
    line: int,
    context: str,
    path: str,
    takes: str,
    kind: str,
    name: str,
    raw: Any,
    scope: ConditionScope,
) -> Any:
    choices = scope.choices.get(name, ())

    def check_choice(value: Any) -> bool:
        if value not in choices:
            chk.add(
                file,
                line,
                context,
                path,
                f"{value!r} is not a value of '{name}'{_suggest(str(value), choices)}; expected one of {', '.join(choices)}",
            )
            return False
        return True

    if takes == "number":
        if not _number(raw):
            chk.add(file, line, context, path, f"{raw!r} is not a number or a ${scope.noun}")
            return _INVALID
        return raw
    if takes == "range":
        if not (
            isinstance(raw, list)
            and len(raw) == 2
            and all(_number(v) for v in raw)
            and raw[0] <= raw[1]
        ):
            chk.add(
                file,
                line,
                context,
                path,
                "expected [low, high] numbers or a $threshold with low/high",
            )
            return _INVALID
        return (raw[0], raw[1])
    if takes == "choices":
        if not (isinstance(raw, list) and raw):
            chk.add(file, line, context, path, "expected a list of values")
            return _INVALID
        return frozenset(raw) if all(check_choice(v) for v in raw) else _INVALID
    # scalar (eq / ne)
    if kind == "numeric" and not _number(raw):
        chk.add(file, line, context, path, f"{raw!r} is not a number")
        return _INVALID
    if kind == "yes_no" and not isinstance(raw, bool):
        chk.add(file, line, context, path, f"{raw!r} is not true or false")
        return _INVALID
    if kind == "choice" and not check_choice(raw):
        return _INVALID
    return raw


def check_pack(path: str | Path) -> list[RuleIssue]:
    """Every problem in a pack, or an empty list when it loads."""
    try:
        load_pack(path)
    except RulePackError as error:
        return error.issues
    return []
