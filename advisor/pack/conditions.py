"""The condition language: `when:` trees built from YAML, and the one set of walkers over them.

A tree is built once, when the pack loads, with every problem reported at its line; the
engine, the role drafting and the pages then walk it with the functions below (evaluate with a
trace, compile to a predicate, list its conditions, the inputs it reads, the `$names` it uses).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal

import msgspec

from advisor import wording
from advisor.fields import DERIVED_FIELDS
from advisor.i18n import N_, _
from advisor.operators import OPERATORS, Operator
from advisor.pack.model import Condition, ConditionScope, Group, Node, Threshold, ValueSpec
from advisor.pack.schema import is_number
from advisor.problems import Problems, suggest
from advisor.yamlio import LineDict, yaml_hint

Predicate = Callable[[Mapping[str, Any]], bool]


# ---------------------------------------------------------------------------------------------
# Building a tree from YAML


def build_when(
    problems: Problems,
    file: str,
    node: Any,
    line: int,
    context: str,
    path: str,
    scope: ConditionScope,
) -> Node | None:
    """A `when` tree from raw YAML, or None after reporting each problem to `problems`.

    Conditions may test the fields in `scope.kinds` and refer to `scope.references` as
    `$name[.low|.high]`; problems read `file:line: context › path: message`.
    """
    return _TreeReader(problems, file, context, scope).node(node, line, path, 0)


# An operator used on a field of the wrong kind, one sentence per kind.
_NOT_FOR_KIND = {
    "numeric": N_("'{op}' does not apply to numeric field '{field}'"),
    "choice": N_("'{op}' does not apply to choice field '{field}'"),
    "yes_no": N_("'{op}' does not apply to yes_no field '{field}'"),
    "text": N_("'{op}' does not apply to text field '{field}'"),
}


def _names_figures(scope: ConditionScope) -> bool:
    """Whether `$name` may point at a figure as well as a threshold (the role section's)."""
    return scope.noun != "threshold"


class _Invalid:
    """A literal value that was refused (None is a valid literal)."""


_INVALID = _Invalid()


class _TreeReader(msgspec.Struct):
    problems: Problems
    file: str
    context: str
    scope: ConditionScope

    def fail(self, line: int, path: str, message: str) -> None:
        self.problems.add(message, file=self.file, line=line, context=self.context, path=path)

    def node(self, node: Any, line: int, path: str, depth: int) -> Node | None:
        if depth > self.scope.max_depth:
            self.fail(
                line,
                path,
                _("conditions nested deeper than {count} levels", count=self.scope.max_depth),
            )
            return None
        if not isinstance(node, LineDict):
            self.fail(
                line,
                path,
                # Translators: field, op, value, all, any and not are YAML keys
                _("expected a condition {keys} or all/any/not", keys="{field, op, value}"),
            )
            return None
        groups = [key for key in ("all", "any", "not") if key in node]
        if not groups:
            return self.condition(node, path)
        if len(node) != 1:
            self.fail(node.line, path, _("'{key}' must stand alone in its mapping", key=groups[0]))
            return None
        return self.group(node, groups[0], path, depth)

    def group(self, node: LineDict, kind: str, path: str, depth: int) -> Group | None:
        inner = node[kind]
        if kind == "not":
            child = self.node(inner, node.line_of(kind), f"{path}.not", depth + 1)
            return Group("not", (child,), node.line) if child else None
        if not isinstance(inner, list) or not inner:
            self.fail(
                node.line_of(kind),
                f"{path}.{kind}",
                _("expected a non-empty list of conditions"),
            )
            return None
        children = [
            self.node(item, node.line_of(kind), f"{path}.{kind}[{i}]", depth + 1)
            for i, item in enumerate(inner)
        ]
        if any(child is None for child in children):
            return None
        return Group(kind, tuple(c for c in children if c is not None), node.line)

    def condition(self, node: LineDict, path: str) -> Condition | None:
        if not self._keys_fit(node, path):
            return None
        name, op_name = node["field"], node["op"]
        kind = self.scope.kinds.get(name) if isinstance(name, str) else None
        if kind is None:
            self.fail(
                node.line_of("field"),
                f"{path}.field",
                _(
                    "unknown field '{field}'{suggestion}",
                    field=name,
                    suggestion=suggest(str(name), self.scope.kinds),
                ),
            )
            return None
        op = OPERATORS.get(op_name) if isinstance(op_name, str) else None
        if op is None:
            self.fail(
                node.line_of("op"),
                f"{path}.op",
                _(
                    "unknown operator '{op}'{suggestion}; expected one of {choices}",
                    op=op_name,
                    suggestion=suggest(str(op_name), OPERATORS),
                    choices=", ".join(OPERATORS),
                ),
            )
            return None
        if kind not in op.applies_to:
            self.fail(
                node.line_of("op"),
                f"{path}.op",
                _(_NOT_FOR_KIND.get(kind, _NOT_FOR_KIND["text"]), op=op.name, field=name),
            )
            return None
        value = self._value(node, f"{path}.value", op, kind, name)
        return None if value is None else Condition(name, op.name, value, node.line)

    def _keys_fit(self, node: LineDict, path: str) -> bool:
        fits = True
        allowed = ("field", "op", "value")
        for key in node:
            if key not in allowed:
                self.fail(
                    node.line_of(key),
                    f"{path}.{key}",
                    _(
                        "unknown key{suggestion}; a condition has field, op and value",
                        suggestion=suggest(key, (*allowed, "all", "any", "not")),
                    ),
                )
                fits = False
        for key in ("field", "op"):
            if key not in node:
                self.fail(node.line, f"{path}.{key}", _("required key is missing"))
                fits = False
        return fits

    def _value(
        self, node: LineDict, path: str, op: Operator, kind: str, name: str
    ) -> ValueSpec | None:
        line = node.line_of("value")
        if op.takes == "none":
            if "value" in node:
                self.fail(line, path, _("'{op}' takes no value", op=op.name))
                return None
            return ValueSpec()
        if "value" not in node:
            self.fail(node.line, path, _("required key is missing"))
            return None
        raw = node["value"]
        if isinstance(raw, str) and raw.startswith("$"):
            return self._reference(raw, line, path, op, kind, name)
        literal = self._literal(raw, line, path, op.takes, kind, name)
        return None if literal is _INVALID else ValueSpec(literal=literal)

    def _reference(
        self, raw: str, line: int, path: str, op: Operator, kind: str, name: str
    ) -> ValueSpec | None:
        ref, _dot, part = raw[1:].partition(".")
        problem = self._reference_problem(ref, part, op, kind, name)
        if problem:
            self.fail(line, path, problem)
            return None
        return ValueSpec(ref=ref, part=part or None)

    def _reference_problem(
        self, ref: str, part: str, op: Operator, kind: str, name: str
    ) -> str | None:
        threshold = self.scope.references.get(ref)
        if threshold is None and ref in self.scope.refused:
            return _(
                "'{ref}' is not usable: its definition was refused (see its own problem)",
                ref=f"${ref}",
            )
        figures = _names_figures(self.scope)
        if threshold is None:
            suggestion = suggest(ref, self.scope.references)
            if figures:
                return _(
                    "unknown figure or threshold '{ref}'{suggestion}",
                    ref=f"${ref}",
                    suggestion=suggestion,
                )
            return _("unknown threshold '{ref}'{suggestion}", ref=f"${ref}", suggestion=suggestion)
        if part and part not in ("low", "high"):
            return _("unknown part '{part}'; use .low or .high", part=f".{part}")
        if part and not threshold.is_range:
            return _("'{ref}' is a single value; drop '{part}'", ref=f"${ref}", part=f".{part}")
        is_range = threshold.is_range and not part
        if op.takes == "range" and not is_range:
            return _(
                "'between' needs a low/high threshold; '{ref}' is a single value", ref=f"${ref}"
            )
        if op.takes in ("number", "scalar") and is_range:
            return _(
                "'{ref}' is a range; use '{low}' or '{high}'",
                ref=f"${ref}",
                low=f"${ref}.low",
                high=f"${ref}.high",
            )
        if op.takes == "choices" or kind != "numeric":
            if figures:
                return _(
                    "figures and thresholds are numbers; '{op}' on '{field}' needs a literal",
                    op=op.name,
                    field=name,
                )
            return _(
                "thresholds are numbers; '{op}' on '{field}' needs a literal",
                op=op.name,
                field=name,
            )
        return None

    def _choice_fits(self, value: Any, line: int, path: str, name: str) -> bool:
        choices = self.scope.choices.get(name, ())
        if value in choices:
            return True
        self.fail(
            line,
            path,
            _(
                "{value} is not a value of '{field}'{suggestion}; expected one of {choices}",
                value=repr(value),
                field=name,
                suggestion=suggest(str(value), choices),
                choices=", ".join(choices),
            ),
        )
        return False

    def _literal(self, raw: Any, line: int, path: str, takes: str, kind: str, name: str) -> Any:
        if takes == "number":
            if not is_number(raw):
                template = (
                    N_("{value} is not a number or a $figure or threshold{hint}")
                    if _names_figures(self.scope)
                    else N_("{value} is not a number or a $threshold{hint}")
                )
                self.fail(line, path, _(template, value=repr(raw), hint=yaml_hint(raw)))
                return _INVALID
            return raw
        if takes == "range":
            if not (
                isinstance(raw, list)
                and len(raw) == 2
                and all(is_number(v) for v in raw)
                and raw[0] <= raw[1]
            ):
                self.fail(
                    line, path, _("expected [low, high] numbers or a $threshold with low/high")
                )
                return _INVALID
            return (raw[0], raw[1])
        if takes == "choices":
            if not (isinstance(raw, list) and raw):
                self.fail(line, path, _("expected a list of values"))
                return _INVALID
            fits = all(self._choice_fits(v, line, path, name) for v in raw)
            return frozenset(raw) if fits else _INVALID
        return self._scalar(raw, line, path, kind, name)

    def _scalar(self, raw: Any, line: int, path: str, kind: str, name: str) -> Any:
        """The value of eq / ne, which must match the field's kind."""
        if kind == "numeric" and not is_number(raw):
            self.fail(
                line, path, _("{value} is not a number{hint}", value=repr(raw), hint=yaml_hint(raw))
            )
            return _INVALID
        if kind == "yes_no" and not isinstance(raw, bool):
            self.fail(line, path, _("{value} is not true or false", value=repr(raw)))
            return _INVALID
        if kind == "choice" and not self._choice_fits(raw, line, path, name):
            return _INVALID
        return raw


# ---------------------------------------------------------------------------------------------
# Walking a tree


def conditions_in(node: Node) -> Iterator[Condition]:
    """Every condition of a tree, depth first, in the order written."""
    if isinstance(node, Condition):
        yield node
        return
    for child in node.children:
        yield from conditions_in(child)


def inputs_of(node: Node) -> set[str]:
    """The profile fields a tree reads, a derived field standing for what it is computed from."""
    inputs: set[str] = set()
    for condition in conditions_in(node):
        derived = DERIVED_FIELDS.get(condition.field)
        inputs |= set(derived.depends_on) if derived else {condition.field}
    return inputs


def references_in(node: Node) -> list[str]:
    """The names a tree refers to as `$name`, each once, in the order written."""
    return list(dict.fromkeys(c.value.ref for c in conditions_in(node) if c.value.ref))


def compile_when(node: Node, references: Mapping[str, Threshold], segment: str) -> Predicate:
    """A predicate over field values, `$names` resolved once for `segment`."""
    if isinstance(node, Condition):
        # The comparisons as the operator module's functions: the same test, without a Python
        # frame per call (every assessment runs these a few hundred times).
        test = _COMPARISONS.get(node.op) or OPERATORS[node.op].test
        name = node.field
        if node.op == "is_set":
            return lambda values: values.get(name) is not None
        expected = node.value.resolve(references, segment)

        def check(values: Mapping[str, Any]) -> bool:
            actual = values.get(name)
            return actual is not None and bool(test(actual, expected))

        return check
    children = [compile_when(child, references, segment) for child in node.children]
    if node.kind == "not":
        only = children[0]
        return lambda values: not only(values)
    if len(children) == 1:
        return children[0]
    if len(children) == 2:
        first, second = children
        if node.kind == "all":
            return lambda values: first(values) and second(values)
        return lambda values: first(values) or second(values)
    if node.kind == "all":

        def every(values: Mapping[str, Any]) -> bool:
            for child in children:  # noqa: SIM110 - a loop, not a generator per call
                if not child(values):
                    return False
            return True

        return every

    def some(values: Mapping[str, Any]) -> bool:
        for child in children:  # noqa: SIM110 - a loop, not a generator per call
            if child(values):
                return True
        return False

    return some


_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
    "eq": operator.eq,
    "ne": operator.ne,
}


class ConditionResult(msgspec.Struct):
    field: str
    op: str
    expected: Any
    expected_ref: str | None
    actual: Any
    passed: bool
    currency: str = "EUR"
    # `not: {field, op: is_set}` with the field provided: the condition that fails is "not
    # provided". Left empty, the field is no reason either way and is not recorded.
    negated: bool = False

    @property
    def text(self) -> str:
        """Reads as "Active client accounts is at least 15 accounts (now 13 accounts)"."""
        if self.negated:
            now = wording.with_unit(self.field, self.actual, self.currency)
            # Translators: a field a rule wants empty, given: "Team size is not provided (now 4)"
            return _(
                "{field} is not provided (now {now})", field=wording.label(self.field), now=now
            )
        return condition_text(self.field, self.op, self.expected, self.actual, self.currency)

    def to_dict(self) -> dict[str, Any]:
        found = {
            "field": self.field,
            "op": self.op,
            "expected": self.expected,
            "expected_ref": self.expected_ref,
            "actual": self.actual,
            "passed": self.passed,
            "text": self.text,
        }
        return {**found, "negated": True} if self.negated else found


def condition_text(name: str, op_name: str, expected: Any, actual: Any, currency: str) -> str:
    """One condition in words, with the value it met: "… is at least 15 accounts (now 13 …)"."""
    op = OPERATORS[op_name]
    fill = {
        "field": wording.label(name),
        "now": wording.with_unit(name, actual, currency),
    }
    if isinstance(expected, (tuple, list)) and op.takes == "range":
        fill["low"] = wording.value(name, expected[0], currency)
        fill["high"] = wording.with_unit(name, expected[1], currency)
    else:
        fill["value"] = wording.with_unit(name, expected, currency)
    return _condition_sentence(op_name, fill)


def _condition_sentence(op_name: str, fill: Mapping[str, str]) -> str:
    """The whole sentence of one operator: the field's label, what it must be, what it is."""
    # Translators: every condition sentence below reads "{field} <test> (now {now})": {field} is
    # a profile field's label, {value}/{low}/{high} the figure it is tested against with its
    # unit, {now} the company's own value.
    if op_name == "lt":
        return _("{field} is below {value} (now {now})", **fill)
    if op_name == "lte":
        return _("{field} is at most {value} (now {now})", **fill)
    if op_name == "gt":
        return _("{field} is above {value} (now {now})", **fill)
    if op_name == "gte":
        return _("{field} is at least {value} (now {now})", **fill)
    if op_name == "between":
        return _("{field} is between {low} and {high} (now {now})", **fill)
    if op_name == "eq":
        return _("{field} is {value} (now {now})", **fill)
    if op_name == "ne":
        return _("{field} is not {value} (now {now})", **fill)
    if op_name == "in":
        return _("{field} is one of {value} (now {now})", **fill)
    if op_name == "not_in":
        return _("{field} is not one of {value} (now {now})", **fill)
    if op_name == "is_true":
        return _("{field} is yes (now {now})", **fill)
    if op_name == "is_false":
        return _("{field} is no (now {now})", **fill)
    return _("{field} is provided (now {now})", **fill)


def evaluate_when(
    node: Node,
    values: Mapping[str, Any],
    references: Mapping[str, Threshold],
    segment: str,
    out: list[ConditionResult] | None = None,
) -> bool:
    """Whether a `when` tree holds over `values`, each condition recorded in `out` if given.

    `references` resolves `$name` values for `segment`: a pack's thresholds, and for the role
    section its figures too. Every condition is evaluated (no short cut), so `out` lists them
    all, in order. The rule engine's own verdicts use the compiled predicates instead.
    """
    if isinstance(node, Condition):
        return _evaluate_condition(node, values, references, segment, out)
    field = _absence(node)
    if field is not None:
        actual = values.get(field)
        if actual is not None and out is not None:
            out.append(_provided(field, actual, values))
        return actual is None
    results = [evaluate_when(child, values, references, segment, out) for child in node.children]
    if node.kind == "not":
        return not results[0]
    return all(results) if node.kind == "all" else any(results)


def _evaluate_condition(
    node: Condition,
    values: Mapping[str, Any],
    references: Mapping[str, Threshold],
    segment: str,
    out: list[ConditionResult] | None,
) -> bool:
    op = OPERATORS[node.op]
    actual = values.get(node.field)
    expected = node.value.resolve(references, segment) if op.takes != "none" else None
    if node.op == "is_set":
        passed = actual is not None
    else:
        passed = actual is not None and bool(op.test(actual, expected))
    if out is not None:
        if isinstance(expected, (tuple, frozenset)):
            expected = sorted(expected) if isinstance(expected, frozenset) else list(expected)
        out.append(
            ConditionResult(
                field=node.field,
                op=node.op,
                expected=expected,
                expected_ref=node.value.source_text() if node.value.ref else None,
                actual=actual,
                passed=passed,
                currency=values.get("currency", "EUR"),
            )
        )
    return passed


Tracer = Callable[[Mapping[str, Any], list[ConditionResult]], None]


def _absence(node: Node) -> str | None:
    """The field of `not: {field, op: is_set}`, else None."""
    if isinstance(node, Condition) or node.kind != "not":
        return None
    inner = node.children[0]
    return inner.field if isinstance(inner, Condition) and inner.op == "is_set" else None


def _absent_fields(node: Node) -> set[int]:
    """The `is_set` conditions of a tree that a `not` holds directly, by identity."""
    if isinstance(node, Condition):
        return set()
    if _absence(node) is not None:
        return {id(node.children[0])}
    return set().union(*(_absent_fields(child) for child in node.children))


def _given(actual: Any) -> bool:
    return actual is not None


def _provided(field: str, actual: Any, values: Mapping[str, Any]) -> ConditionResult:
    """A field a `not is_set` wants empty, given: the condition that fails."""
    currency = values.get("currency", "EUR")
    return ConditionResult(field, "is_set", None, None, actual, False, currency, negated=True)


def compile_trace(node: Node, references: Mapping[str, Threshold], segment: str) -> Tracer:
    """What `evaluate_when` records in `out` for a tree, `$names` resolved once for `segment`:
    each condition with the value it met, in the order written."""
    specs: list[tuple[str, str, Any, bool, str | None, Callable[[Any], bool]]] = []
    absent = _absent_fields(node)
    for condition in conditions_in(node):
        if id(condition) in absent:
            specs.append((condition.field, "", None, False, None, _given))
            continue
        op = OPERATORS[condition.op]
        expected = condition.value.resolve(references, segment) if op.takes != "none" else None
        passes = _passes(condition.op, _COMPARISONS.get(condition.op) or op.test, expected)
        many = isinstance(expected, (tuple, frozenset))
        if isinstance(expected, frozenset):
            expected = tuple(sorted(expected))
        ref = condition.value.source_text() if condition.value.ref else None
        specs.append((condition.field, condition.op, expected, many, ref, passes))

    def trace(values: Mapping[str, Any], out: list[ConditionResult]) -> None:
        currency = values.get("currency", "EUR")
        for name, op_name, expected, many, ref, passes in specs:
            actual = values.get(name)
            if not op_name:  # wanted empty: recorded only when given
                if actual is not None:
                    out.append(_provided(name, actual, values))
                continue
            out.append(
                ConditionResult(  # field, op, expected, expected_ref, actual, passed, currency
                    name,
                    op_name,
                    list(expected) if many else expected,
                    ref,
                    actual,
                    passes(actual),
                    currency,
                )
            )

    return trace


def _passes(op_name: str, test: Callable[[Any, Any], Any], expected: Any) -> Callable[[Any], bool]:
    if op_name == "is_set":
        return lambda actual: actual is not None
    return lambda actual: actual is not None and bool(test(actual, expected))


class Fact(msgspec.Struct, frozen=True):
    """One reason a tree holds: a condition met (`met`), a field left empty under `not is_set`
    (`not_provided`), or a negated group whose conditions do not all hold (`negated`)."""

    kind: Literal["met", "not_provided", "negated"]
    result: ConditionResult | None = None
    field: str = ""


def supporting_facts(
    node: Node, values: Mapping[str, Any], references: Mapping[str, Threshold], segment: str
) -> tuple[bool, list[Fact]]:
    """Whether a tree holds and, when it does, the facts that make it hold.

    Under `all` every child's facts count; under `any` only those of the children that hold.
    """
    if isinstance(node, Condition):
        checks: list[ConditionResult] = []
        passed = evaluate_when(node, values, references, segment, checks)
        return passed, [Fact("met", checks[0])] if passed else []
    if node.kind == "not":
        inner = node.children[0]
        held, _facts = supporting_facts(inner, values, references, segment)
        if held:
            return False, []
        if isinstance(inner, Condition) and inner.op == "is_set":
            return True, [Fact("not_provided", field=inner.field)]
        return True, [Fact("negated")]
    results = [supporting_facts(child, values, references, segment) for child in node.children]
    if node.kind == "all":
        if all(held for held, _facts in results):
            return True, [fact for _held, facts in results for fact in facts]
        return False, []
    facts = [fact for held, found in results if held for fact in found]
    return bool(facts) or any(held for held, _facts in results), facts
