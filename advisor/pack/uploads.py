"""Packs a consultant uploads: YAML files or a .zip, laid over the default pack when they say so.

Files named like the default pack's (e.g. `10-thresholds.yaml`) replace those files and the
rest of the default pack stays; other files form a complete pack on their own.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from advisor.i18n import _, n_, p_
from advisor.i18n.formats import number
from advisor.pack.load import DEFAULT_RULES_DIR, MAX_FILES, RulePackError, pack_from_documents
from advisor.pack.model import RulePack
from advisor.problems import Problems
from advisor.yamlio import MAX_DOCUMENT_BYTES

PACK_SUFFIXES = (".yaml", ".yml")
Documents = list[tuple[str, bytes]]
# The most one upload may hand the pack reader: all files together, and the entries a zip may
# list (each is looked at, even the ones skipped), so one upload's work stays bounded.
MAX_UPLOAD_BYTES = 4_000_000
MAX_ZIP_ENTRIES = 1000


def default_documents() -> Documents:
    """The shipped pack's files as (file name, bytes), for download and for overlays."""
    return [
        (file.name, file.read_bytes())
        for file in sorted(DEFAULT_RULES_DIR.iterdir())
        if file.suffix in set(PACK_SUFFIXES)
    ]


def documents_from_uploads(files: Documents) -> Documents:
    """The YAML documents in uploaded files; a .zip contributes the YAML files inside it.

    Raises RulePackError for an archive that cannot be read or holds too much.
    """
    documents: dict[str, bytes] = {}
    where: dict[str, str] = {}
    problems = Problems()
    for name, content in files:
        found = (
            _zip_documents(name, content, problems)
            if name.lower().endswith(".zip")
            else {PurePosixPath(name).name: (name, content)}
        )
        for short, (full, data) in found.items():
            if short in documents:
                problems.add(
                    _two_files(short, where[short], full),
                    file="upload",
                )
                continue
            documents[short], where[short] = data, full
    total = sum(len(data) for data in documents.values())
    if total > MAX_UPLOAD_BYTES:
        problems.add(
            _(
                "the files hold {total} bytes together; the limit is {limit}",
                total=number(total),
                limit=number(MAX_UPLOAD_BYTES),
            ),
            file="upload",
        )
    if len(documents) > MAX_FILES:
        problems.add(
            n_("more than {count} YAML file", "more than {count} YAML files", MAX_FILES),
            file="upload",
        )
    if not documents and not problems:
        problems.add(_("no .yaml or .yml files in the upload"), file="upload")
    problems.raise_if_any(RulePackError)
    return sorted(documents.items())


def _two_files(name: str, first: str, second: str) -> str:
    # Translators: {name} is a file name; {first} and {second} where each file came from
    return _(
        "two files are named {name} ({first} and {second}); a pack is read by file name, "
        "so keep one of them",
        name=name,
        first=first,
        second=second,
    )


def _zip_documents(
    archive: str, content: bytes, problems: Problems
) -> dict[str, tuple[str, bytes]]:
    """The YAML files in a zip by file name, each with its path inside the archive."""
    found: dict[str, tuple[str, bytes]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as bundle:
            entries = bundle.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                problems.add(
                    n_(
                        "the archive lists more than {count} entry",
                        "the archive lists more than {count} entries",
                        MAX_ZIP_ENTRIES,
                    ),
                    file=archive,
                )
                return found
            for entry in entries:
                path = PurePosixPath(entry.filename)
                hidden = any(part.startswith((".", "__MACOSX")) for part in path.parts)
                if entry.is_dir() or hidden or path.suffix.lower() not in PACK_SUFFIXES:
                    continue
                if len(found) >= MAX_FILES:
                    problems.add(
                        n_("more than {count} file", "more than {count} files", MAX_FILES),
                        file=archive,
                    )
                    break
                with bundle.open(entry) as stream:  # read at most the limit, whatever it claims
                    data = stream.read(MAX_DOCUMENT_BYTES + 1)
                if len(data) > MAX_DOCUMENT_BYTES:
                    problems.add(
                        _("larger than {size} kB", size=MAX_DOCUMENT_BYTES // 1000),
                        file=f"{archive}/{path.name}",
                    )
                    continue
                if path.name in found:
                    problems.add(
                        _two_files(path.name, found[path.name][0], entry.filename),
                        file=archive,
                    )
                    continue
                found[path.name] = (f"{archive}/{entry.filename}", data)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        RuntimeError,
        EOFError,
        zlib.error,
        ValueError,
    ) as error:
        # Translators: {reason} is the zip reader's own words
        problems.add(_("not a readable zip archive ({reason})", reason=str(error)), file=archive)
    return found


def overlay_on_default(uploaded: Documents, default: Documents) -> tuple[Documents, list[str]]:
    """The documents of the pack to build, and the default files the upload replaces.

    When any uploaded file is named like a default file, the upload changes the default pack;
    otherwise it is a complete pack on its own.
    """
    default_names = {name for name, _ in default}
    replaced = sorted(name for name, _ in uploaded if name in default_names)
    if not replaced:
        return list(uploaded), []
    merged = dict(default)
    merged.update(dict(uploaded))
    return sorted(merged.items()), replaced


@dataclass(frozen=True)
class UploadedPack:
    pack: RulePack
    documents: Documents
    replaced: list[str]  # the default files the upload replaces; empty for a whole pack

    @property
    def origin(self) -> str:
        """How the pack was put together, in words."""
        if self.replaced:
            # Translators: {files} is a list of the uploaded file names, such as 10-thresholds.yaml.
            return p_(
                "pack origin", "the default pack with your {files}", files=", ".join(self.replaced)
            )
        files = ", ".join(name for name, _ in self.documents)
        return p_("pack origin", "your files {files}", files=files)


def pack_from_uploads(files: Documents, default: Documents) -> UploadedPack:
    """The pack the uploaded files make, alone or over `default`; RulePackError when refused."""
    documents, replaced = overlay_on_default(documents_from_uploads(files), default)
    return UploadedPack(pack_from_documents(documents), documents, replaced)


def refusal_title(names: str, error: RulePackError, kept: str) -> str:
    """What the page says when the uploaded `names` were refused and pack `kept` stays."""
    # Translators: {names} are the uploaded files' names, {kept} the name of the pack kept.
    return n_(
        "The pack in {names} was not used ({count} problem); this session keeps {kept}.",
        "The pack in {names} was not used ({count} problems); this session keeps {kept}.",
        len(error.problems),
        names=names,
        kept=kept,
    )


def pack_zip(documents: Documents) -> bytes:
    """The pack's YAML files in one .zip, ready to edit and upload again."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, content in documents:
            bundle.writestr(PurePosixPath(name).name, content)
    return buffer.getvalue()


def pack_zip_name(pack: RulePack) -> str:
    """The download's file name, from the pack's name and version."""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{pack.name} {pack.version}".lower()).strip("-")
    return f"{slug or 'rule-pack'}.zip"
