"""Files to a RulePack: read each YAML file, sort its sections, read each section.

Every problem in every file is reported, each as `FILE:LINE: CONTEXT › key.path: what is
wrong`, so a consultant editing a pack by hand can go straight to the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from advisor.i18n import ENGLISH, _, current, n_, resolve
from advisor.i18n import language as in_language
from advisor.i18n.formats import number
from advisor.pack.benchmarks import book_size_in_words, read_benchmarks
from advisor.pack.business_models import (
    DEFAULT_MODEL,
    DEFAULT_ROLE,
    BusinessModels,
    check_seed_claims,
    read_business_models,
)
from advisor.pack.cache import ResolvedFile, cached_parse, cached_resolved
from advisor.pack.interview import InterviewKit, read_interview
from advisor.pack.job import JobTexts, read_job
from advisor.pack.languages import (
    SourceTexts,
    Untranslated,
    has_words,
    resolve_texts,
    source_ids,
)
from advisor.pack.model import RulePack
from advisor.pack.pay import PayTable, read_pay
from advisor.pack.role_section import read_role_section
from advisor.pack.schema import line_of
from advisor.pack.sections import PACK, read_rules, read_scoring, read_texts, read_thresholds
from advisor.pack.sources import (
    Source,
    cite_every_source,
    read_sources,
    uncited,
    unknown_source,
)
from advisor.problems import AdvisorError, Problem, Problems, suggest
from advisor.resources import shipped
from advisor.wording import fill_template, role_words
from advisor.yamlio import (
    MAX_VALUES,
    DocumentError,
    LineDict,
    TooManyValuesError,
    count_values,
    decode_bytes,
    parse_yaml,
    read_limited,
)

if TYPE_CHECKING:
    from hashlib import sha256
else:
    # SHA-256 from the interpreter's own module when it has one, as `random` takes SHA-512:
    # importing hashlib loads OpenSSL, about 3 ms of every command's start.
    try:
        from _sha256 import sha256
    except ImportError:
        try:
            from _sha2 import sha256  # the module's name from Python 3.12
        except ImportError:
            from hashlib import sha256

DEFAULT_RULES_DIR = shipped("rules")
MAX_FILES = 50
MAX_RULES = 500
TOP_LEVEL = (
    "pack",
    "sources",
    "scoring",
    "thresholds",
    "benchmarks",
    "business_models",
    "rules",
    "texts",
    "role",
    "pay",
    "job",
    "interview",
)


class RulePackError(AdvisorError):
    """A rule pack was refused; `problems` lists every problem found."""


class _RawSections(msgspec.Struct):
    pack: list[tuple[str, LineDict]] = msgspec.field(default_factory=list)
    sources: list[tuple[str, Any, int]] = msgspec.field(default_factory=list)
    trees: list[tuple[str, Any]] = msgspec.field(default_factory=list)  # each file's whole YAML
    scoring: list[tuple[str, LineDict]] = msgspec.field(default_factory=list)
    thresholds: list[tuple[str, str, Any, int]] = msgspec.field(default_factory=list)
    benchmarks: list[tuple[str, LineDict]] = msgspec.field(default_factory=list)
    business_models: list[tuple[str, LineDict]] = msgspec.field(default_factory=list)
    rules: list[tuple[str, Any, int]] = msgspec.field(default_factory=list)
    texts: list[tuple[str, LineDict]] = msgspec.field(default_factory=list)
    role: list[tuple[str, Any]] = msgspec.field(default_factory=list)
    pay: list[tuple[str, LineDict]] = msgspec.field(default_factory=list)
    job: list[tuple[str, LineDict]] = msgspec.field(default_factory=list)
    interview: list[tuple[str, LineDict]] = msgspec.field(default_factory=list)


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"})
        if not files:
            raise RulePackError.single(_("no .yaml files in this folder"), file=str(path))
        if len(files) > MAX_FILES:
            raise RulePackError.single(
                n_("more than {count} file", "more than {count} files", MAX_FILES),
                file=str(path),
            )
        return files
    if not path.exists():
        raise RulePackError.single(_("no such file or folder"), file=str(path))
    return [path]


def load_pack(path: str | Path | None = None, *, language: str | None = None) -> RulePack:
    """Load a rule pack from a file or a folder of YAML files (default: the shipped pack), its
    texts in `language` (default: the current language), English where a text has none."""
    return pack_from_documents(read_pack_documents(path), cache=True, language=language)


def check_pack(path: str | Path) -> list[Problem]:
    """Every problem in a pack, or an empty list when it loads."""
    try:
        load_pack(path)
    except RulePackError as error:
        return list(error.problems)
    return []


def missing_translations(documents: list[tuple[str, bytes]], language: str) -> list[Untranslated]:
    """Each text of the pack's files with words to translate and no text in `language`."""
    found: list[Untranslated] = []
    trees = []
    for name, content in sorted(documents):
        try:
            trees.append((name, _parse(name, content, True, MAX_VALUES)))
        except DocumentError:
            continue  # the pack's own check names what is wrong with the file
    ids = source_ids(trees)
    for name, tree in trees:
        for text in resolve_texts(Problems(), name, tree, language).missing:
            if text.language == language and has_words(text.english, ids):
                found.append(text)
    return found


def _display_name(file: Path) -> str:
    try:
        return str(file.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(file)


def documents_digest(documents: list[tuple[str, bytes]]) -> str:
    """The pack's digest: its files' base names and bytes, in name order; 12 hex digits."""
    digest = sha256()
    for name, content in sorted(documents):
        digest.update(name.rsplit("/", 1)[-1].encode() + b"\0" + content + b"\0")
    return digest.hexdigest()[:12]


def read_pack_documents(path: str | Path | None = None) -> list[tuple[str, bytes]]:
    """A pack's files as (shown name, bytes), as `load_pack` reads them (default: shipped)."""
    root = Path(path) if path is not None else DEFAULT_RULES_DIR
    documents: list[tuple[str, bytes]] = []
    for file in _pack_files(root):
        shown = _display_name(file)
        try:
            documents.append((shown, read_limited(file)))
        except DocumentError as error:
            raise RulePackError([Problem(error.message, file=shown, line=error.line)]) from None
    return documents


def pack_from_documents(
    documents: list[tuple[str, bytes]], *, cache: bool = False, language: str | None = None
) -> RulePack:
    """Build a pack from (name, raw bytes) pairs: files on disk or uploads in the app.

    Its texts are in `language` (default: the current language), each falling back to English
    (`pack.languages`). With `cache`, each file's parse is reused from the on-disk cache
    (`pack.cache`): the parse holds every language's texts, so one entry serves them all;
    uploads are not kept on disk.
    """
    code = resolve(language) if language is not None else current()
    problems = Problems()
    texts = Problems()  # the maps of languages' problems, listed with the rest
    sourced: list[SourceTexts] = []
    raw = _RawSections()
    unreadable: list[str] = []
    values_left = MAX_VALUES  # one allowance for all the files, so many files cannot add up
    for name, content in sorted(documents):
        try:
            data, count, found = _read_file(name, content, cache, values_left, code, texts)
        except TooManyValuesError as error:
            # The allowance is spent: reading the files left would only repeat the refusal.
            problems.extend(error.problems)
            unreadable.extend(other for other, _ in sorted(documents) if other >= name)
            break
        except DocumentError as error:
            problems.extend(error.problems)
            unreadable.append(name)
            continue
        values_left -= count
        if values_left < 0:  # a file from the parse cache was not counted while it was read
            problems.add(
                _(
                    "more than {count} values (keys, list items and scalars); a document, "
                    "or a rule pack's files together, may hold no more",
                    count=number(MAX_VALUES),
                ),
                file=name,
            )
            unreadable.append(name)
            continue
        sourced += found
        raw.trees.append((name, data))
        _split_sections(problems, name, data, raw)
    if unreadable:
        _check_the_rest(problems, raw, unreadable)
    if problems:
        problems.extend(texts)
    problems.raise_if_any(RulePackError)
    with in_language(code):  # a citation's date in the pack's language
        sources = _cite_sources(problems, raw)
    _cite_every_language(problems, sourced, sources, code)
    files = tuple(name for name, _ in sorted(documents))
    pack = _build(problems, raw, documents_digest(documents), files)
    problems.extend(texts)
    problems.raise_if_any(RulePackError)
    if pack is None:
        raise RulePackError([])
    pack.sources = sources
    pack.language = code
    if "book_size" in pack.thresholds:
        with in_language(code):  # the words the pack itself adds, in its texts' language
            pack.thresholds["book_size"] = book_size_in_words(pack.thresholds["book_size"])
    return pack


def _read_file(
    name: str, content: bytes, cache: bool, values_left: int, code: str, texts: Problems
) -> tuple[Any, int, list[SourceTexts]]:
    """A pack file's tree with its texts in the language `code`, the number of values it held
    before they were resolved, and its source texts written in languages; a bad map of
    languages is added to `texts`, its English read on. With `cache`, reused from the cache
    (`cached_resolved`) when this file was read in this language before without a problem."""

    def read() -> tuple[ResolvedFile, bool]:
        data = _parse(name, content, cache, values_left)
        count = count_values(data)
        found = Problems()
        sources = resolve_texts(found, name, data, code).sources
        texts.extend(found)
        rows = [(text.file, text.line, text.path, text.texts) for text in sources]
        return ResolvedFile(data, count, rows), not found

    file = cached_resolved(name, content, code, read) if cache else read()[0]
    sources = [SourceTexts(*row) for row in file.sources]
    return file.tree, file.values, sources


def _parse(name: str, content: bytes, cache: bool, values_left: int) -> Any:
    def parse() -> Any:
        return parse_yaml(decode_bytes(content, name), name, max_values=max(values_left, 0))

    return cached_parse(content, parse) if cache else parse()


def _cite_sources(problems: Problems, raw: _RawSections) -> tuple[Source, ...]:
    """Read the `sources:` list, then check every source text and print titles in place of ids."""
    if not raw.sources:
        problems.add(
            _("the pack has no '{section}' section", section="sources"),
            file="rules",
            context="sources",
        )
        return ()
    if len(raw.sources) > 1:
        problems.add(
            # Translators: {section} is a YAML key; {file} the file that defined it first
            _(
                "'{section}' is defined twice (also in {file})",
                section="sources",
                file=raw.sources[0][0],
            ),
            file=raw.sources[1][0],
            line=raw.sources[1][2],
            context="sources",
        )
    sources = read_sources(problems, *raw.sources[0])
    if sources:
        by_id = {source.id: source for source in sources}
        for file, tree in raw.trees:
            cite_every_source(problems, file, tree, by_id)
    return sources


def _cite_every_language(
    problems: Problems, sourced: list[SourceTexts], sources: tuple[Source, ...], read: str
) -> None:
    """Check the sources each language's text of a source names (the text read was checked
    with the rest), so a pack is refused in every language or in none."""
    by_id = {source.id: source for source in sources}
    if not by_id:
        return
    for found in sourced:
        shown = found.texts.get(read) or found.texts.get(ENGLISH)
        for code, text in found.texts.items():
            if text == shown:
                continue
            for name in uncited(text, by_id):
                problem = Problem(
                    unknown_source(name, text, by_id),
                    file=found.file,
                    line=found.line,
                    path=f"{found.path}.{code}",
                )
                if problem not in problems:
                    problems.extend([problem])


def _check_the_rest(problems: Problems, raw: _RawSections, unreadable: list[str]) -> None:
    """Check the files that could be read, so one broken file does not hide the others' problems.

    What the unreadable files define is missing from this check, so only problems placed in a
    readable file are kept, with a note saying which names may be reported unknown because of it.
    """
    rest = Problems()
    _build(rest, raw, "", ())
    placed = {
        file
        for file, *_ in raw.pack
        + raw.scoring
        + raw.benchmarks
        + raw.texts
        + raw.business_models
        + raw.pay
        + raw.job
        + raw.interview
    }
    placed |= {file for file, *_ in raw.sources}
    placed |= {item[0] for item in raw.thresholds + raw.rules + raw.role}
    found = [problem for problem in rest if problem.file in placed]
    problems.extend(found)
    if found:
        problems.add(
            # Translators: {files} lists the pack files that could not be read
            _(
                "the other files were checked without {files}: a name defined there may be "
                "reported unknown above",
                files=", ".join(unreadable),
            ),
            file=unreadable[0],
        )


def _split_sections(problems: Problems, file: str, data: Any, raw: _RawSections) -> None:
    if data is None:
        return
    if not isinstance(data, LineDict):
        problems.add(
            _("expected a mapping with sections such as thresholds and rules"), file=file, line=1
        )
        return
    for key, value in data.items():
        line = data.line_of(key)
        if key not in TOP_LEVEL:
            problems.add(
                _(
                    "unknown section{suggestion}; expected one of {choices}",
                    suggestion=suggest(key, TOP_LEVEL),
                    choices=", ".join(TOP_LEVEL),
                ),
                file=file,
                line=line,
                path=key,
            )
        elif key == "rules":
            if not _add_rules(problems, file, value, line, raw):
                return
        elif key == "thresholds":
            if not isinstance(value, LineDict):
                problems.add(
                    _("expected a mapping of name: threshold"),
                    file=file,
                    line=line,
                    context="thresholds",
                )
                continue
            for name, spec in value.items():
                raw.thresholds.append((file, name, spec, value.line_of(name)))
        elif key == "role":
            raw.role.append((file, value))
        elif key == "sources":
            raw.sources.append((file, value, line))
        elif not isinstance(value, LineDict):
            problems.add(_("expected a mapping"), file=file, line=line, context=key)
        else:
            getattr(raw, key).append((file, value))


def _add_rules(problems: Problems, file: str, value: Any, line: int, raw: _RawSections) -> bool:
    """Add a file's rules; False once the pack holds too many to read on."""
    if not isinstance(value, list):
        problems.add(_("expected a list of rules"), file=file, line=line, context="rules")
        return True
    for item in value:
        raw.rules.append((file, item, line_of(item, fallback=line)))
        if len(raw.rules) > MAX_RULES:
            problems.add(
                n_("more than {count} rule", "more than {count} rules", MAX_RULES),
                file=file,
                line=line,
                context="rules",
            )
            return False
    return True


def _single(
    problems: Problems, items: list[tuple[str, LineDict]], section: str
) -> tuple[str, LineDict] | None:
    if not items:
        problems.add(
            _("the pack has no '{section}' section", section=section),
            file="rules",
            context=section,
        )
        return None
    if len(items) > 1:
        problems.add(
            _("'{section}' is defined twice (also in {file})", section=section, file=items[0][0]),
            file=items[1][0],
            line=items[1][1].line,
            context=section,
        )
    return items[0]


def _build(
    problems: Problems, raw: _RawSections, digest: str, files: tuple[str, ...]
) -> RulePack | None:
    meta = _single(problems, raw.pack, "pack")
    scoring_raw = _single(problems, raw.scoring, "scoring")
    bench_raw = _single(problems, raw.benchmarks, "benchmarks")
    texts_raw = _single(problems, raw.texts, "texts")
    # A missing section stops the build only at the end: the sections that are there are
    # still checked, so one run lists every problem.
    if meta:
        PACK.read(problems, *meta, "pack")
    scoring = read_scoring(problems, *scoring_raw) if scoring_raw else None
    thresholds = read_thresholds(problems, raw.thresholds)
    bench = read_benchmarks(problems, *bench_raw) if bench_raw else None
    if bench is not None:
        if "book_size" in thresholds:
            other = thresholds["book_size"]
            problems.add(
                _("the name is taken by benchmarks.book_size; choose another"),
                file=other.file,
                line=other.line,
                context="book_size",
            )
        thresholds["book_size"] = bench.book_size
    headlines, labels, variants = read_texts(problems, *texts_raw) if texts_raw else ({}, {}, {})
    refused = frozenset(name for _, name, _, _ in raw.thresholds) - set(thresholds)
    rules = read_rules(problems, raw.rules, thresholds, refused)
    targets = bench.metric_targets if bench is not None else None
    role = read_role_section(problems, raw.role, thresholds, targets)
    models = _business_models(problems, raw, thresholds, targets)
    pay = _pay(problems, raw.pay)
    job = _job(problems, raw.job)
    interview = _interview(problems, raw.interview)
    if problems or meta is None or scoring is None or bench is None or texts_raw is None:
        return None
    # Each part's problems were reported above.
    if bench.am_effect is None or bench.renewal_load is None or bench.hiring is None:
        return None
    node = meta[1]
    return RulePack(
        name=str(node.get("name", "")),
        version=str(node.get("version", "")),
        description=str(node.get("description", "")),
        digest=digest,
        files=files,
        scoring=scoring,
        thresholds=thresholds,
        rules=tuple(rules),
        am_cost=bench.am_cost,
        am_cost_source=bench.am_cost_source,
        book_sizes=bench.book_sizes,
        book_size_source=bench.book_size.source,
        book_sizes_by_band=bench.book_sizes_by_band,
        book_size_band_source=bench.book_size_band_source,
        metric_targets=bench.metric_targets,
        am_effect=bench.am_effect,
        renewal_load=bench.renewal_load,
        hiring=bench.hiring,
        headlines=headlines,
        headline_variants=variants,
        verdict_labels=_labels_for_default(labels, models),
        verdict_label_texts=labels,
        extra_sections={"role": raw.role} if raw.role else {},
        role=role,
        bands=bench.bands,
        business_models=models,
        pay=pay,
        job=job,
        interview=interview,
    )


def _labels_for_default(labels: dict[str, str], models: BusinessModels | None) -> dict[str, str]:
    """The verdict labels with the default business model's role in them."""
    spec = models.models.get(DEFAULT_MODEL) if models else None
    fill = role_words(spec.role_title if spec else DEFAULT_ROLE)
    return {verdict: fill_template(text, fill) for verdict, text in labels.items()}


def _business_models(
    problems: Problems,
    raw: _RawSections,
    thresholds: dict[str, Any],
    targets: dict[str, Any] | None,
) -> BusinessModels | None:
    """The optional `business_models:` section, read over the role section's pay and metrics."""
    if not raw.business_models:
        return None
    found = _single(problems, raw.business_models, "business_models")
    if found is None:
        return None
    role = raw.role[0][1] if raw.role else None
    models = read_business_models(problems, *found, role, thresholds, targets or {})
    if models is not None:
        check_seed_claims(problems, found[0], found[1], models, raw.trees)
    return models


def _pay(problems: Problems, items: list[tuple[str, LineDict]]) -> PayTable | None:
    """The optional `pay:` section: pay bands by country, once in the pack."""
    if not items:
        return None
    if len(items) > 1:
        problems.add(
            _("'{section}' is defined twice (also in {file})", section="pay", file=items[0][0]),
            file=items[1][0],
            line=items[1][1].line,
            context="pay",
        )
    return read_pay(problems, *items[0])


def _job(problems: Problems, items: list[tuple[str, LineDict]]) -> JobTexts | None:
    """The optional `job:` section: the job description's wording, once in the pack."""
    found = _single(problems, items, "job") if items else None
    return read_job(problems, *found) if found else None


def _interview(problems: Problems, items: list[tuple[str, LineDict]]) -> InterviewKit | None:
    """The optional `interview:` section: the interview kit's texts and weights, once."""
    found = _single(problems, items, "interview") if items else None
    return read_interview(problems, *found) if found else None
