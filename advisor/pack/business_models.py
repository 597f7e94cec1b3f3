"""The `business_models:` section: per business model, what a book is, the words for its revenue,
how the role is paid and what it is measured on, and the seed claims each model may be shown.

A model's pay and metrics are read with the role section's own readers, over the role section's
defaults: a model states only what differs, and every key it gives is checked as the role
section's is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import msgspec

from advisor.fields import BusinessModel
from advisor.i18n import _
from advisor.pack.benchmarks import read_metric_targets
from advisor.pack.model import MetricTarget, Threshold
from advisor.pack.role_model import CompensationTemplate, MetricShow
from advisor.pack.role_plan import read_compensation, read_metrics
from advisor.pack.role_reader import RoleReader, role_scope
from advisor.pack.schema import Key, Schema, is_number, is_text, one_of
from advisor.problems import Problems
from advisor.yamlio import LineDict

CONTEXT = "business_models"
MODELS = tuple(model.value for model in BusinessModel)
DEFAULT_MODEL = BusinessModel.SAAS_SUBSCRIPTION.value
MEASURES = ("revenue", "gross_profit")
DEFAULT_ROLE = "Account Manager"  # a model the pack gives no `role_title`

SECTION = Schema((Key("models"), Key("seed_claims")))
MODEL = Schema(
    (
        Key("label", lambda v: None if is_text(v) else _("expected non-empty text")),
        Key("revenue_term", lambda v: None if is_text(v) else _("expected non-empty text")),
        Key(
            "role_title",
            lambda v: None if is_text(v) else _("expected non-empty text"),
            required=False,
        ),
        Key("book_measure", one_of(MEASURES)),
        Key("revenue_per_am", required=False),
        Key("compensation", required=False),
        Key("metric_targets", required=False),
        Key("metrics", required=False),
        Key("onboarding_source", required=False),
        Key(
            "band_targets",
            lambda v: None if isinstance(v, bool) else _("expected true or false"),
            required=False,
        ),
    )
)
CLAIM = Schema(
    (
        Key("id", lambda v: None if is_text(v) else _("expected non-empty text")),
        Key("claim", lambda v: None if is_text(v) else _("expected non-empty text")),
        Key("source"),
        Key("about"),
        Key("phrases"),
    )
)


class RevenueBound(msgspec.Struct, frozen=True):
    """The book one Account Manager carries in money a year, in the model's measure."""

    low: float
    high: float


class ModelSpec(msgspec.Struct, frozen=True):
    """One business model as the pack defines it."""

    id: str
    label: str
    revenue_term: str  # "ARR", "annual fees", ...
    book_measure: str  # revenue | gross_profit
    revenue_per_am: dict[str, RevenueBound]  # currency -> bound; empty: sized by accounts only
    revenue_per_am_source: str
    compensation: CompensationTemplate | None = None  # None: the role section's
    metric_targets: dict[str, MetricTarget] = msgspec.field(default_factory=dict)
    metrics: tuple[MetricShow, ...] = ()  # empty: the role section's
    pairing_note: str = ""  # empty: the role section's
    onboarding_source: str = ""  # empty: the role section's
    # Whether the bands of contract value describe this model's contracts: the targets and the
    # book sizes read by band (benchmarks of subscription companies) apply; where not, each
    # target's one figure and the segment's book size do.
    band_targets: bool = True
    # The role's name wherever the verdict and its documents name it.
    role_title: str = DEFAULT_ROLE

    def revenue_bound(self, currency: str) -> RevenueBound | None:
        """The bound in `currency`; None when the pack gives none in it (the book is then
        sized by accounts alone, and the brief says so)."""
        return self.revenue_per_am.get(currency)


class SeedClaim(msgspec.Struct, frozen=True):
    """A practitioner article's figure given without a study, and the models it was about."""

    id: str
    claim: str
    source: str
    about: tuple[str, ...]
    phrases: tuple[str, ...]


class BusinessModels(msgspec.Struct, frozen=True):
    models: dict[str, ModelSpec]
    seed_claims: tuple[SeedClaim, ...]

    def claims_hidden_from(self, model: str) -> tuple[SeedClaim, ...]:
        return tuple(claim for claim in self.seed_claims if model not in claim.about)


def _fail(problems: Problems, file: str, line: int, path: str, message: str) -> None:
    problems.add(message, file=file, line=line, context=CONTEXT, path=path)


def _bounds(
    problems: Problems, file: str, node: LineDict, path: str
) -> tuple[dict[str, RevenueBound], str] | None:
    spec = node.get("revenue_per_am")
    if not isinstance(spec, LineDict) or not is_text(spec.get("source")):
        _fail(
            problems,
            file,
            node.line_of("revenue_per_am"),
            path,
            # Translators: {shape} is YAML and stays as it is
            _(
                "expected source and {shape} for at least one currency",
                shape="{CURRENCY: {low, high}}",
            ),
        )
        return None
    bounds: dict[str, RevenueBound] = {}
    ok = True
    for currency, figures in spec.items():
        if currency == "source":
            continue
        where = f"{path}.{currency}"
        if not re.fullmatch(r"[A-Z]{3}", currency):
            _fail(
                problems, file, spec.line_of(currency), where, "currency must be an ISO 4217 code"
            )
            ok = False
            continue
        if not (
            isinstance(figures, LineDict)
            and set(figures) == {"low", "high"}
            and all(is_number(figures[k]) and figures[k] > 0 for k in ("low", "high"))
        ):
            _fail(problems, file, spec.line_of(currency), where, _("expected low and high above 0"))
            ok = False
            continue
        if figures["low"] > figures["high"]:
            _fail(problems, file, figures.line_of("low"), f"{where}.low", _("low is above high"))
            ok = False
            continue
        bounds[currency] = RevenueBound(float(figures["low"]), float(figures["high"]))
    if not bounds and ok:
        _fail(problems, file, spec.line, path, _("no currency given"))
        return None
    return (bounds, " ".join(str(spec["source"]).split())) if ok else None


def _over(default: Any, given: LineDict) -> LineDict:
    """The role section's mapping with the model's keys laid over it (the lines of each)."""
    merged = LineDict(default if isinstance(default, LineDict) else {})
    merged.line = given.line
    merged.key_lines = {
        **(getattr(default, "key_lines", {}) if isinstance(default, LineDict) else {}),
        **getattr(given, "key_lines", {}),
    }
    merged.update(given)
    return merged


class _RoleParts(msgspec.Struct, frozen=True):
    compensation: CompensationTemplate | None
    metrics: tuple[MetricShow, ...]
    pairing_note: str


def _role_parts(
    problems: Problems,
    file: str,
    node: LineDict,
    role: LineDict | None,
    thresholds: Mapping[str, Threshold],
    targets: Mapping[str, MetricTarget],
) -> _RoleParts:
    """The model's pay and metrics, read as the role section reads its own. A pack without a
    role section drafts with the shipped templates and the shipped pack's business models
    (`role.templates_for`), so there is nothing here to lay them over."""
    given = {key: node[key] for key in ("compensation", "metrics") if key in node}
    if not given or role is None:
        return _RoleParts(None, (), "")
    root = LineDict()
    root.line = node.line
    root.key_lines = {key: node.line_of(key) for key in given}
    for key, value in given.items():
        if not isinstance(value, LineDict):
            _fail(
                problems,
                file,
                node.line_of(key),
                key,
                _("expected a mapping like {section}", section=f"role.{key}"),
            )
            return _RoleParts(None, (), "")
        root[key] = _over(role.get(key) if role else None, value)
    scope = role_scope(RoleReader(problems, file), root, thresholds, targets)
    compensation = read_compensation(scope) if "compensation" in root else None
    if "metrics" not in root:
        return _RoleParts(compensation, (), "")
    shown, pairing, _targets, _pairs = read_metrics(scope)
    return _RoleParts(compensation, shown, pairing if "pairing_note" in given["metrics"] else "")


def _model(
    problems: Problems,
    file: str,
    name: str,
    node: Any,
    role: LineDict | None,
    thresholds: Mapping[str, Threshold],
    default_targets: Mapping[str, MetricTarget],
) -> ModelSpec | None:
    path = f"models.{name}"
    if not isinstance(node, LineDict):
        _fail(problems, file, 0, path, _("expected a mapping"))
        return None
    before = len(problems)
    values = MODEL.read(problems, file, node, CONTEXT, f"{path}.")
    bounds = (
        _bounds(problems, file, node, f"{path}.revenue_per_am")
        if "revenue_per_am" in node
        else ({}, "")
    )
    targets: dict[str, MetricTarget] = {}
    if "metric_targets" in node:
        targets = read_metric_targets(problems, file, node) or {}
    parts = _role_parts(problems, file, node, role, thresholds, {**default_targets, **targets})
    source = node.get("onboarding_source")
    if source is not None and not is_text(source):
        _fail(problems, file, node.line_of("onboarding_source"), path, _("expected a source text"))
    if len(problems) > before or bounds is None:
        return None
    return ModelSpec(
        id=name,
        label=" ".join(str(values["label"]).split()),
        revenue_term=" ".join(str(values["revenue_term"]).split()),
        role_title=" ".join(str(values.get("role_title") or DEFAULT_ROLE).split()),
        book_measure=str(values["book_measure"]),
        revenue_per_am=bounds[0],
        revenue_per_am_source=bounds[1],
        compensation=parts.compensation,
        metric_targets=targets,
        metrics=parts.metrics,
        pairing_note=parts.pairing_note,
        onboarding_source=" ".join(str(source).split()) if source else "",
        band_targets=bool(node.get("band_targets", True)),
    )


def _claims(problems: Problems, file: str, node: Any, line: int) -> tuple[SeedClaim, ...]:
    if not isinstance(node, list):
        _fail(problems, file, line, "seed_claims", _("expected a list of claims"))
        return ()
    claims = []
    for index, item in enumerate(node):
        path = f"seed_claims[{index}]"
        if not isinstance(item, LineDict):
            _fail(problems, file, line, path, _("expected a mapping"))
            continue
        values = CLAIM.read(problems, file, item, CONTEXT, f"{path}.")
        about, phrases = values["about"], values["phrases"]
        if not (isinstance(about, list) and about and all(m in MODELS for m in about)):
            _fail(
                problems,
                file,
                item.line_of("about"),
                f"{path}.about",
                _("expected a list of business models from {choices}", choices=", ".join(MODELS)),
            )
            continue
        if not (isinstance(phrases, list) and phrases and all(is_text(p) for p in phrases)):
            _fail(
                problems,
                file,
                item.line_of("phrases"),
                f"{path}.phrases",
                _("expected a list of the words the pack quotes the claim in"),
            )
            continue
        claims.append(
            SeedClaim(
                str(values["id"]),
                " ".join(str(values["claim"]).split()),
                str(values["source"] or ""),
                tuple(about),
                tuple(phrases),
            )
        )
    return tuple(claims)


def read_business_models(
    problems: Problems,
    file: str,
    node: LineDict,
    role: Any,
    thresholds: Mapping[str, Threshold],
    default_targets: Mapping[str, MetricTarget],
) -> BusinessModels | None:
    """The section, or None after reporting what is wrong; every model of the vocabulary must
    be given."""
    SECTION.read(problems, file, node, CONTEXT)
    models_node = node.get("models")
    if not isinstance(models_node, LineDict):
        _fail(problems, file, node.line_of("models"), "models", _("expected a mapping of models"))
        return None
    before = len(problems)
    role_node = role if isinstance(role, LineDict) else None
    models: dict[str, ModelSpec] = {}
    for name, spec in models_node.items():
        if name not in MODELS:
            _fail(
                problems,
                file,
                models_node.line_of(name),
                f"models.{name}",
                _("unknown business model; expected one of {choices}", choices=", ".join(MODELS)),
            )
            continue
        found = _model(problems, file, name, spec, role_node, thresholds, default_targets)
        if found is not None:
            models[name] = found
    for name in MODELS:
        if name not in models_node:
            _fail(
                problems, file, models_node.line, f"models.{name}", _("required model is missing")
            )
    claims = _claims(problems, file, node.get("seed_claims"), node.line_of("seed_claims"))
    if len(problems) > before:
        return None
    return BusinessModels(models, claims)


# Where a model's own text replaces a shared one: (section, key path prefix) per model part.
def _replaced_paths(spec: LineDict) -> tuple[str, ...]:
    """The shared texts a model's node replaces, as dotted paths from the file's top."""
    paths: list[str] = []
    pay = spec.get("compensation")
    if isinstance(pay, LineDict):
        paths += [f"role.compensation.{key}" for key in pay]
    metrics = spec.get("metrics")
    if isinstance(metrics, LineDict):
        paths += [f"role.metrics.{key}" for key in metrics]
    targets = spec.get("metric_targets")
    if isinstance(targets, LineDict):
        paths += [f"benchmarks.metric_targets.{key}" for key in targets]
    if "onboarding_source" in spec:
        paths.append("role.onboarding.source")
    return tuple(paths)


def _quoting(
    node: Any, phrases: tuple[str, ...], path: tuple[str, ...] = (), line: int = 0
) -> list[tuple[str, int, str]]:
    """The texts of a YAML tree that quote one of `phrases`, as (dotted path, line, text); the
    path is built only for those."""
    found: list[tuple[str, int, str]] = []
    if isinstance(node, LineDict):
        for key, value in node.items():
            if isinstance(value, str):
                if any(phrase in value for phrase in phrases):
                    found.append((".".join((*path, str(key))), node.line_of(key), value))
            elif isinstance(value, LineDict | list):
                found += _quoting(value, phrases, (*path, str(key)), node.line_of(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            where = (*path[:-1], f"{path[-1]}[{index}]") if path else (f"[{index}]",)
            if isinstance(item, str):
                if any(phrase in item for phrase in phrases):
                    found.append((".".join(where), line, item))
            else:
                found += _quoting(item, phrases, where, line)
    return found


def check_seed_claims(
    problems: Problems,
    models_file: str,
    node: LineDict,
    models: BusinessModels,
    trees: list[tuple[str, Any]],
) -> None:
    """Report each text a business model would show that quotes a seed claim about other models.

    A shared text (any file's) is shown to every model that does not replace it; a model's own
    texts (under `models.NAME`) to that model alone.
    """
    specs = node.get("models")
    specs = specs if isinstance(specs, LineDict) else LineDict()
    replaced = {
        name: _replaced_paths(spec) for name, spec in specs.items() if isinstance(spec, LineDict)
    }
    phrases = tuple(phrase for claim in models.seed_claims for phrase in claim.phrases)
    for file, tree in trees:
        for path, line, text in _quoting(tree, phrases):
            if path.startswith("business_models.seed_claims"):
                continue
            own = re.match(r"business_models\.models\.([a-z_]+)\.", path)
            for claim in models.seed_claims:
                phrase = next((p for p in claim.phrases if p in text), None)
                if phrase is None:
                    continue
                readers = [own.group(1)] if own else list(models.models)
                shown_to = [
                    name
                    for name in readers
                    if name not in claim.about
                    and not any(path.startswith(done) for done in replaced.get(name, ()))
                ]
                if shown_to:
                    problems.add(
                        # Translators: {claim} is a source's claim id, {phrase} the words quoted,
                        # {about} and {shown} lists of business model keys, {file} a pack file
                        _(
                            "quotes the seed claim '{claim}' (\"{phrase}\"), which is about "
                            "{about}; {shown} would show it: give that model its own text in "
                            "{file}, or leave the figure out",
                            claim=claim.id,
                            phrase=phrase,
                            about=", ".join(claim.about),
                            shown=", ".join(shown_to),
                            file=models_file,
                        ),
                        file=file,
                        line=line,
                        context=CONTEXT,
                        path=path,
                    )
