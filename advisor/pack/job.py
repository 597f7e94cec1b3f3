"""The `job:` section: the job description's wording a consultant tunes for a market.

The company pitch per business model, the lines the profile's sector, buyer personas and
languages fill, the must-haves, nice-to-haves and knock-outs (for every role, per segment and
per business model) and the hiring process's stages. Every text is checked when the pack loads:
a list must hold texts, a placeholder must be one its line is filled with, and an unknown key
gets a did-you-mean, each problem at its file and line.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

from advisor.fields import BusinessModel, Segment
from advisor.i18n import _
from advisor.pack.schema import Key, Schema, check_keys, is_text, line_of
from advisor.problems import Problems
from advisor.yamlio import LineDict

CONTEXT = "job"
MODELS = tuple(model.value for model in BusinessModel)
SEGMENTS = tuple(segment.value for segment in Segment)
PLACEHOLDER = re.compile(r"\{([a-z_]*)\}")


class Stage(msgspec.Struct, frozen=True):
    """One stage of the hiring process: what it is, who runs it, what it looks at."""

    stage: str
    who: str
    what: str


class Requirements(msgspec.Struct, frozen=True):
    """Lines asked of every candidate, and those added per segment and per business model."""

    every: tuple[str, ...]
    by_segment: dict[str, tuple[str, ...]]
    by_business_model: dict[str, tuple[str, ...]]

    def lines(self, segment: str, model: str) -> tuple[str, ...]:
        return (
            *self.every,
            *self.by_segment.get(segment, ()),
            *self.by_business_model.get(model, ()),
        )


class JobTexts(msgspec.Struct, frozen=True):
    """The job description's wording, as the pack gives it."""

    pitch: dict[str, str]  # business model -> one sentence on what the company does
    sector_line: str  # {company}, {sector}
    personas_line: str  # {personas}
    sector_must_have: str  # {sector}
    languages_must_have: str  # {languages}
    languages_knock_out: str  # {languages}
    must_haves: Requirements
    nice_to_haves: Requirements
    knock_outs: Requirements
    process: tuple[Stage, ...]
    source: str


# The placeholders each templated line may use.
TEMPLATES = {
    "sector_line": ("company", "sector"),
    "personas_line": ("personas",),
    "sector_must_have": ("sector",),
    "languages_must_have": ("languages",),
    "languages_knock_out": ("languages",),
}
SECTION = Schema(
    (
        Key("pitch"),
        *(Key(name) for name in TEMPLATES),
        Key("must_haves"),
        Key("nice_to_haves"),
        Key("knock_outs"),
        Key("process"),
        Key("source", lambda v: None if is_text(v) else _("expected the source of this wording")),
    )
)
REQUIREMENTS = Schema(
    (
        Key("all"),
        Key("by_segment", required=False, default={}),
        Key("by_business_model", required=False, default={}),
    )
)
STAGE = Schema((Key("stage"), Key("who"), Key("what")))


class _Reader(msgspec.Struct):
    problems: Problems
    file: str

    def fail(self, line: int, path: str, message: str) -> None:
        self.problems.add(message, file=self.file, line=line, context=CONTEXT, path=path)

    def text(self, value: Any, line: int, path: str, allowed: tuple[str, ...] = ()) -> str:
        """A text whose placeholders are all in `allowed`; "" after reporting a bad one."""
        if not is_text(value):
            self.fail(line, path, _("expected text"))
            return ""
        text = " ".join(str(value).split())
        for name in PLACEHOLDER.findall(text):
            if name not in allowed:
                placeholder = "{" + name + "}"
                message = (
                    _(
                        "unknown placeholder {placeholder}; it may use {choices}",
                        placeholder=placeholder,
                        choices=", ".join("{" + a + "}" for a in allowed),
                    )
                    if allowed
                    else _("unknown placeholder {placeholder}", placeholder=placeholder)
                )
                self.fail(line, path, message)
                return ""
        return text

    def texts(self, value: Any, line: int, path: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(line, path, _("expected a list of texts"))
            return ()
        return tuple(self.text(item, line, f"{path}[{index}]") for index, item in enumerate(value))

    def by_key(
        self, node: Any, line: int, path: str, keys: tuple[str, ...]
    ) -> dict[str, tuple[str, ...]]:
        if not isinstance(node, LineDict):
            if node:
                # Translators: {first} and {second} are YAML keys
                self.fail(
                    line,
                    path,
                    _(
                        "expected a mapping of {first} or {second}…: texts",
                        first=keys[0],
                        second=keys[1],
                    ),
                )
            return {}
        check_keys(self.problems, self.file, node, keys, (), CONTEXT, f"{path}.")
        return {
            str(key): self.texts(value, node.line_of(key), f"{path}.{key}")
            for key, value in node.items()
            if key in keys
        }

    def requirements(self, node: LineDict, key: str) -> Requirements:
        value = node.get(key)
        if not isinstance(value, LineDict):
            if key in node:
                self.fail(
                    node.line_of(key), key, _("expected all, by_segment and by_business_model")
                )
            return Requirements((), {}, {})
        values = REQUIREMENTS.read(self.problems, self.file, value, CONTEXT, f"{key}.")
        return Requirements(
            self.texts(values["all"] or [], value.line_of("all"), f"{key}.all"),
            self.by_key(
                values["by_segment"], value.line_of("by_segment"), f"{key}.by_segment", SEGMENTS
            ),
            self.by_key(
                values["by_business_model"],
                value.line_of("by_business_model"),
                f"{key}.by_business_model",
                MODELS,
            ),
        )

    def pitch(self, node: LineDict) -> dict[str, str]:
        value = node.get("pitch")
        if not isinstance(value, LineDict):
            if "pitch" in node:
                self.fail(node.line_of("pitch"), "pitch", _("expected a mapping of business model"))
            return {}
        check_keys(self.problems, self.file, value, MODELS, MODELS, CONTEXT, "pitch.")
        return {
            str(key): self.text(text, value.line_of(key), f"pitch.{key}", ("company",))
            for key, text in value.items()
            if key in MODELS
        }

    def process(self, node: LineDict) -> tuple[Stage, ...]:
        value = node.get("process")
        if not isinstance(value, list) or not value:
            if "process" in node:
                self.fail(node.line_of("process"), "process", _("expected a list of stages"))
            return ()
        stages = []
        for index, item in enumerate(value):
            path = f"process[{index}]"
            if not isinstance(item, LineDict):
                self.fail(line_of(node, "process"), path, _("expected stage, who and what"))
                continue
            STAGE.read(self.problems, self.file, item, CONTEXT, f"{path}.")
            parts = [
                self.text(item.get(k), item.line_of(k), f"{path}.{k}") if k in item else ""
                for k in STAGE.names
            ]
            stages.append(Stage(*parts))
        return tuple(stages)


def read_job(problems: Problems, file: str, node: LineDict) -> JobTexts | None:
    """The `job:` section, or None after reporting every problem in it."""
    before = len(problems)
    values = SECTION.read(problems, file, node, CONTEXT)
    reader = _Reader(problems, file)
    templates = {
        name: reader.text(values[name], node.line_of(name), name, allowed) if name in node else ""
        for name, allowed in TEMPLATES.items()
    }
    texts = JobTexts(
        pitch=reader.pitch(node),
        must_haves=reader.requirements(node, "must_haves"),
        nice_to_haves=reader.requirements(node, "nice_to_haves"),
        knock_outs=reader.requirements(node, "knock_outs"),
        process=reader.process(node),
        source=str(values["source"] or ""),
        **templates,
    )
    return None if len(problems) > before else texts
