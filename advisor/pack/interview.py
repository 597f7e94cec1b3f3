"""The optional `interview:` section: the interview kit's stages, competencies, weights per
business model, rating anchors, questions, work sample and reference checks.

Every text is a consultant's to tune. The reader refuses a business model whose weights do not
add up to exactly 100, a competency without its four anchors (1 to 4), a stage rating a
competency the section does not define, a competency no stage rates, and a placeholder the kit
cannot fill, each at its file, line and key.
"""

from __future__ import annotations

from typing import Any

import msgspec

from advisor.fields import BusinessModel
from advisor.i18n import N_, _, n_
from advisor.pack.schema import Key, Schema, is_number, is_text, number_within
from advisor.problems import Problems, suggest
from advisor.wording import PLACEHOLDER
from advisor.yamlio import LineDict

CONTEXT = "interview"
MODELS = tuple(model.value for model in BusinessModel)
RATINGS = ("1", "2", "3", "4")  # the YAML reader keeps every key as text
WEIGHT_TOTAL = 100
MAX_ITEMS = 30
# What an interview text may name, filled per company by the kit (`advisor.kit.interview`).
PLACEHOLDERS = (
    "company",
    "segment",
    "revenue_term",
    "renewal_days",
    "first_milestone",
    "persona",
    "manager",
    "counterpart",
)


def _text(value: Any) -> str | None:
    return None if is_text(value) else _("expected non-empty text")


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else _("expected true or false")


def _minutes(value: Any) -> str | None:
    fits = is_number(value) and float(value) == int(value) and 5 <= value <= 480
    if fits:
        return None
    return _("{value} is not a whole number of minutes from 5 to 480", value=repr(value))


SECTION = Schema(
    (
        Key("source", _text),
        Key("anchors_source", _text),
        Key("hire_at", number_within(1, 4, N_("a rating from 1 to 4"))),
        Key("stages"),
        Key("competencies"),
        Key("weights"),
        Key("work_sample"),
        Key("references"),
    )
)
STAGE = Schema(
    (
        Key("id", _text),
        Key("title", _text),
        Key("interviewer", _text),
        Key("minutes", _minutes),
        Key("purpose", _text),
        Key("competencies"),
        Key("work_sample", _flag, required=False, default=False),
    )
)
COMPETENCY = Schema(
    (
        Key("label", _text),
        Key("what", _text),
        Key("skills"),
        Key("anchors"),
        Key("questions"),
    )
)
QUESTION = Schema((Key("ask", _text), Key("listen_for", _text)))
WORK_SAMPLE = Schema(
    (
        Key("brief", _text),
        Key("by_model", required=False),
        Key("deliverables"),
        Key("materials", _text),
        Key("source", _text),
    )
)


class Question(msgspec.Struct, frozen=True):
    ask: str
    listen_for: str


class Stage(msgspec.Struct, frozen=True):
    """One interview: who holds it, for how long, what for, and the competencies it rates."""

    id: str
    title: str
    interviewer: str
    minutes: int
    purpose: str
    competencies: tuple[str, ...]
    work_sample: bool = False


class Competency(msgspec.Struct, frozen=True):
    """What an interviewer rates, with what each rating from 1 to 4 looks like."""

    id: str
    label: str
    what: str
    anchors: tuple[str, ...]  # the anchors of ratings 1, 2, 3 and 4
    skills: tuple[str, ...]  # the drafted role's interview skills whose questions open its own
    questions: tuple[Question, ...]


class WorkSample(msgspec.Struct, frozen=True):
    brief: str
    by_model: dict[str, str]
    deliverables: tuple[str, ...]
    materials: str
    source: str

    def brief_for(self, model: str) -> str:
        """The brief in the words of a business model (the default brief when it has none)."""
        return self.by_model.get(model, self.brief)


class InterviewKit(msgspec.Struct, frozen=True):
    """The `interview:` section as read."""

    stages: tuple[Stage, ...]
    competencies: dict[str, Competency]
    weights: dict[str, dict[str, int]]  # business model -> competency -> weight; each sums to 100
    weights_source: str
    hire_at: float
    work_sample: WorkSample
    references: tuple[Question, ...]
    source: str
    anchors_source: str


class _Reader(msgspec.Struct):
    problems: Problems
    file: str

    def fail(self, line: int, path: str, message: str) -> None:
        self.problems.add(message, file=self.file, line=line, context=CONTEXT, path=path)

    def placeholders(self, text: str, line: int, path: str) -> None:
        for name in PLACEHOLDER.findall(text):
            if name not in PLACEHOLDERS:
                self.fail(
                    line,
                    path,
                    _(
                        "unknown placeholder {placeholder}{suggestion}; expected one of {choices}",
                        placeholder="{" + name + "}",
                        suggestion=suggest(name, PLACEHOLDERS),
                        choices=", ".join(PLACEHOLDERS),
                    ),
                )

    def text(self, node: LineDict, key: str, path: str) -> str:
        """A text already checked by its schema, its placeholders checked, spaces folded."""
        value = node.get(key)
        if not isinstance(value, str):
            return ""
        self.placeholders(value, node.line_of(key), path)
        return " ".join(value.split())

    def listed(self, node: LineDict, key: str, path: str, *, empty: bool = False) -> list[Any]:
        value = node.get(key)
        if not isinstance(value, list) or (not value and not empty) or len(value) > MAX_ITEMS:
            message = (
                n_(
                    "expected a list of at most {count} entry",
                    "expected a list of at most {count} entries",
                    MAX_ITEMS,
                )
                if empty
                else n_(
                    "expected a non-empty list of at most {count} entry",
                    "expected a non-empty list of at most {count} entries",
                    MAX_ITEMS,
                )
            )
            self.fail(node.line_of(key), path, message)
            return []
        return value

    def texts(self, node: LineDict, key: str, path: str, *, empty: bool = False) -> tuple[str, ...]:
        found: list[str] = []
        for index, item in enumerate(self.listed(node, key, path, empty=empty)):
            if not is_text(item):
                self.fail(node.line_of(key), f"{path}[{index}]", _("expected non-empty text"))
                continue
            self.placeholders(item, node.line_of(key), f"{path}[{index}]")
            found.append(" ".join(str(item).split()))
        return tuple(found)

    def questions(self, node: LineDict, key: str, path: str) -> tuple[Question, ...]:
        found: list[Question] = []
        for index, item in enumerate(self.listed(node, key, path)):
            where = f"{path}[{index}]"
            if not isinstance(item, LineDict):
                self.fail(node.line_of(key), where, _("expected ask and listen_for"))
                continue
            before = len(self.problems)
            QUESTION.read(self.problems, self.file, item, CONTEXT, f"{where}.")
            ask = self.text(item, "ask", f"{where}.ask")
            listen = self.text(item, "listen_for", f"{where}.listen_for")
            if len(self.problems) == before:
                found.append(Question(ask, listen))
        return tuple(found)

    def anchors(self, node: LineDict, path: str) -> tuple[str, ...]:
        spec = node.get("anchors")
        where = f"{path}.anchors"
        if not isinstance(spec, LineDict):
            self.fail(node.line_of("anchors"), where, _("expected the anchors 1, 2, 3 and 4"))
            return ()
        for key in spec:
            if str(key) not in RATINGS:
                self.fail(spec.line_of(key), f"{where}.{key}", _("expected a rating 1, 2, 3 or 4"))
        found: list[str] = []
        for rating in RATINGS:
            if rating not in spec:
                self.fail(
                    node.line_of("anchors"),
                    f"{where}.{rating}",
                    _("the anchor is missing: a competency needs four anchors, 1 to 4"),
                )
            elif not is_text(spec[rating]):
                self.fail(spec.line_of(rating), f"{where}.{rating}", _("expected non-empty text"))
            else:
                found.append(self.text(spec, rating, f"{where}.{rating}"))
        return tuple(found) if len(found) == len(RATINGS) else ()


def _stage(reader: _Reader, node: Any, line: int, path: str) -> Stage | None:
    if not isinstance(node, LineDict):
        reader.fail(
            line, path, _("expected id, title, interviewer, minutes, purpose, competencies")
        )
        return None
    before = len(reader.problems)
    values = STAGE.read(reader.problems, reader.file, node, CONTEXT, f"{path}.")
    interviewer = reader.text(node, "interviewer", f"{path}.interviewer")
    purpose = reader.text(node, "purpose", f"{path}.purpose")
    rated = reader.texts(node, "competencies", f"{path}.competencies")
    if len(reader.problems) > before:
        return None
    return Stage(
        id=str(values["id"]).strip(),
        title=" ".join(str(values["title"]).split()),
        interviewer=interviewer,
        minutes=int(values["minutes"]),
        purpose=purpose,
        competencies=rated,
        work_sample=bool(values["work_sample"]),
    )


def _competency(reader: _Reader, key: str, node: Any, line: int) -> Competency | None:
    path = f"competencies.{key}"
    if not isinstance(node, LineDict):
        reader.fail(line, path, _("expected label, what, skills, anchors and questions"))
        return None
    before = len(reader.problems)
    COMPETENCY.read(reader.problems, reader.file, node, CONTEXT, f"{path}.")
    label = reader.text(node, "label", f"{path}.label")
    what = reader.text(node, "what", f"{path}.what")
    skills = reader.texts(node, "skills", f"{path}.skills", empty=True) if "skills" in node else ()
    anchors = reader.anchors(node, path) if "anchors" in node else ()
    questions = (
        reader.questions(node, "questions", f"{path}.questions") if "questions" in node else ()
    )
    if len(reader.problems) > before:
        return None
    return Competency(key, label, what, anchors, skills, questions)


def _weights(reader: _Reader, node: LineDict, known: tuple[str, ...]) -> dict[str, dict[str, int]]:
    spec = node.get("weights")
    if not isinstance(spec, LineDict):
        reader.fail(node.line_of("weights"), "weights", _("expected source and one line per model"))
        return {}
    if not is_text(spec.get("source")):
        reader.fail(spec.line_of("source"), "weights.source", _("expected the weights' source"))
    found: dict[str, dict[str, int]] = {}
    for model in spec:
        if model != "source" and model not in MODELS:
            reader.fail(
                spec.line_of(model),
                f"weights.{model}",
                _(
                    "not a business model{suggestion}; expected {choices}",
                    suggestion=suggest(str(model), MODELS),
                    choices=", ".join(MODELS),
                ),
            )
    for model in MODELS:
        if model not in spec:
            reader.fail(spec.line, f"weights.{model}", _("the model's weights are missing"))
            continue
        read = _model_weights(reader, spec, model, known)
        if read is not None:
            found[model] = read
    return found


def _model_weights(
    reader: _Reader, spec: LineDict, model: str, known: tuple[str, ...]
) -> dict[str, int] | None:
    where, line, weights = f"weights.{model}", spec.line_of(model), spec[model]
    if not isinstance(weights, LineDict):
        reader.fail(
            line,
            where,
            _("expected {shape} for every competency", shape="{competency: weight}"),
        )
        return None
    before = len(reader.problems)
    read: dict[str, int] = {}
    for key, value in weights.items():
        if key not in known:
            hint = suggest(str(key), known)
            reader.fail(
                weights.line_of(key),
                f"{where}.{key}",
                _("not a competency{suggestion}", suggestion=hint),
            )
        elif not (is_number(value) and float(value) == int(value) and 0 <= value <= WEIGHT_TOTAL):
            reader.fail(
                weights.line_of(key),
                f"{where}.{key}",
                _("{value} is not a whole number 0–100", value=repr(value)),
            )
        else:
            read[str(key)] = int(value)
    for key in known:
        if key not in weights:
            reader.fail(line, f"{where}.{key}", _("the competency's weight is missing"))
    if len(reader.problems) > before:
        return None
    total = sum(read.values())
    if total != WEIGHT_TOTAL:
        reader.fail(
            line,
            where,
            _(
                "the weights add up to {total}, not {expected}: change them to 100",
                total=total,
                expected=WEIGHT_TOTAL,
            ),
        )
        return None
    return read


def _work_sample(reader: _Reader, node: LineDict) -> WorkSample | None:
    spec = node.get("work_sample")
    if not isinstance(spec, LineDict):
        reader.fail(node.line_of("work_sample"), "work_sample", _("expected a mapping"))
        return None
    before = len(reader.problems)
    values = WORK_SAMPLE.read(reader.problems, reader.file, spec, CONTEXT, "work_sample.")
    brief = reader.text(spec, "brief", "work_sample.brief")
    by_model: dict[str, str] = {}
    models = spec.get("by_model") or LineDict()
    if not isinstance(models, LineDict):
        reader.fail(spec.line_of("by_model"), "work_sample.by_model", _("expected model: brief"))
    else:
        for model, text in models.items():
            where = f"work_sample.by_model.{model}"
            if model not in MODELS:
                reader.fail(
                    models.line_of(model),
                    where,
                    _("not a business model{suggestion}", suggestion=suggest(str(model), MODELS)),
                )
            elif not is_text(text):
                reader.fail(models.line_of(model), where, _("expected non-empty text"))
            else:
                by_model[str(model)] = reader.text(models, model, where)
    deliverables = reader.texts(spec, "deliverables", "work_sample.deliverables")
    materials = reader.text(spec, "materials", "work_sample.materials")
    if len(reader.problems) > before:
        return None
    return WorkSample(
        brief, by_model, deliverables, materials, " ".join(str(values["source"]).split())
    )


def _check_stages(
    reader: _Reader, node: LineDict, stages: list[Stage], known: dict[str, Competency]
) -> None:
    """Every competency a stage rates is defined, and every competency is rated by a stage."""
    line = node.line_of("stages")
    rated: set[str] = set()
    for index, stage in enumerate(stages):
        for key in stage.competencies:
            rated.add(key)
            if known and key not in known:
                reader.fail(
                    line,
                    f"stages[{index}].competencies",
                    _(
                        "'{key}' is not a competency{suggestion}",
                        key=key,
                        suggestion=suggest(key, list(known)),
                    ),
                )
    for key in known:
        if key not in rated:
            reader.fail(
                node.line_of("competencies"),
                f"competencies.{key}",
                _("no stage rates this competency: add it to a stage's competencies"),
            )
    if sum(stage.work_sample for stage in stages) > 1:
        reader.fail(line, "stages", _("only one stage presents the work sample"))


def read_interview(problems: Problems, file: str, node: LineDict) -> InterviewKit | None:
    """The `interview:` section, or None after reporting every problem in it."""
    before = len(problems)
    reader = _Reader(problems, file)
    values = SECTION.read(problems, file, node, CONTEXT)
    competencies: dict[str, Competency] = {}
    spec = node.get("competencies")
    if isinstance(spec, LineDict) and spec:
        for key, item in spec.items():
            read = _competency(reader, str(key), item, spec.line_of(key))
            if read is not None:
                competencies[read.id] = read
    elif "competencies" in node:
        reader.fail(node.line_of("competencies"), "competencies", _("expected id: competency"))
    stages: list[Stage] = []
    if "stages" in node:
        for index, item in enumerate(reader.listed(node, "stages", "stages")):
            found = _stage(reader, item, node.line_of("stages"), f"stages[{index}]")
            if found is not None:
                stages.append(found)
    declared = tuple(str(key) for key in spec) if isinstance(spec, LineDict) else ()
    weights = _weights(reader, node, declared) if "weights" in node else {}
    sample = _work_sample(reader, node) if "work_sample" in node else None
    references = reader.questions(node, "references", "references") if "references" in node else ()
    if len(problems) == before:
        _check_stages(reader, node, stages, competencies)
    if len(problems) > before or sample is None:
        return None
    return InterviewKit(
        stages=tuple(stages),
        competencies=competencies,
        weights=weights,
        weights_source=" ".join(str(node["weights"]["source"]).split()),
        hire_at=float(values["hire_at"]),
        work_sample=sample,
        references=references,
        source=" ".join(str(values["source"]).split()),
        anchors_source=" ".join(str(values["anchors_source"]).split()),
    )
