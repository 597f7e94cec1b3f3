"""The parts of an XLSX package before its sheets, read with bounded work.

An XLSX file is a zip of XML parts. Before a sheet is streamed (`workbook.py`) the reader opens
the package's relationships (where the workbook part is), the workbook (sheet names, the 1904
date system) and its relationships (where each sheet, the shared strings and the styles are),
the shared strings and the styles (which cell formats are dates).

The zip's entries are checked before any is opened (an encrypted entry, a compression method
other than stored or deflate, more unpacked bytes than the limit), the XML is fed to expat in
small pieces, and every element, shared string and character counts against a limit as it is
parsed, so parsing stops at the first one exceeded. Like defusedxml, the parser refuses a
DOCTYPE, entity declarations and external references. Every failure ends in an `ExportError`
naming the file and what is wrong.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pyexpat import ExpatError, ParserCreate, XMLParserType, errors

from advisor.crm_import.errors import ExportError
from advisor.crm_import.options import ImportLimits
from advisor.i18n import N_, _
from advisor.i18n.formats import number

MAX_ENTRIES = 10_000  # zip entries a workbook may list (a large workbook holds a few hundred)
MAX_CELL_CHARS = 32_767  # Excel's own limit on the text of one cell
MAX_COLUMN = 16_384  # Excel's last column, XFD
MAX_ROW = 1_048_576  # Excel's last row
MAX_STYLES = 65_000  # Excel allows 64,000 cell formats
_ELEMENTS_PER_CELL = 4  # <c>, <v>, <f> or <is><t>: the most XML a plain cell needs
_PIECE = 1 << 16  # bytes of unpacked XML fed to the parser at a time
NAMES_KEPT = 1_000  # element names whose handling is remembered; a sheet uses about twenty
SPREADSHEET_NS = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # Strict Open XML
)
_RELATIONSHIP_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Shown with `_()`: the start of a refusal of a workbook that is not one, and its advice.
UNREADABLE = N_("this file is not a valid workbook: {reason}")
SAVE_AGAIN = N_("save it again as .xlsx or CSV")
STRING_TABLE = "workbook's shared string table"  # what `Budget` counts besides the sheet


class Refused(Exception):
    """Raised inside an XML handler; becomes an ExportError naming the file."""


def refused(message: str, source: str) -> ExportError:
    return ExportError.at(message, source=source)


# ---------------------------------------------------------------------------------------------
# The zip


# What a damaged zip makes zipfile and zlib raise while its directory or a part is read (a
# header's offsets or sizes can send zipfile to seek before the start: ValueError).
DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    struct.error,
)


def check_zip(data: bytes, source: str, limits: ImportLimits) -> zipfile.ZipFile:
    """The archive, once every entry is known to be readable and within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (*DAMAGED, zipfile.LargeZipFile) as error:
        raise refused(
            _(
                "the file looks like XLSX but is not a valid zip ({detail}); {advice}",
                detail=_detail(error),
                advice=_(SAVE_AGAIN),
            ),
            source,
        ) from None
    if len(entries) > MAX_ENTRIES:
        archive.close()
        raise refused(
            _(
                "the workbook's zip lists {count} entries; the limit is {limit}",
                count=number(len(entries)),
                limit=number(MAX_ENTRIES),
            ),
            source,
        )
    unzipped = 0
    for entry in entries:
        problem = _entry_problem(entry)
        if problem:
            archive.close()
            raise refused(problem, source)
        unzipped += entry.file_size
    if unzipped > limits.max_unzipped_bytes:
        archive.close()
        raise refused(
            _(
                "the workbook unpacks to {count} bytes; the limit is {limit}",
                count=number(unzipped),
                limit=number(limits.max_unzipped_bytes),
            ),
            source,
        )
    return archive


def _entry_problem(entry: zipfile.ZipInfo) -> str:
    if entry.flag_bits & 0x1:
        return _(
            "the workbook is password-protected (encrypted); save an unprotected copy (or "
            "export the sheet as CSV) and try again"
        )
    if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return _(
            "part {part} uses a compression method this reader does not support (method "
            "{method}); save the workbook again from Excel as .xlsx, or as CSV",
            part=entry.filename,
            method=entry.compress_type,
        )
    return ""


def is_encrypted_office_file(data: bytes) -> bool:
    """A password-protected Office file: an OLE container holding an "EncryptedPackage"."""
    return data.startswith(b"\xd0\xcf\x11\xe0") and "EncryptedPackage".encode("utf-16-le") in data


# ---------------------------------------------------------------------------------------------
# Streaming one XML part through expat


@dataclass
class Budget:
    """The elements, cells and shared strings one workbook may still hold."""

    limits: ImportLimits
    source: str
    elements: int = 0
    cells: int = 0
    max_elements: int = 0

    def __post_init__(self) -> None:
        self.max_elements = self.limits.max_cells * _ELEMENTS_PER_CELL + 100_000

    def too_many_elements(self) -> Refused:
        return Refused(
            _(
                "the workbook's XML holds more than {limit} elements, far more than its cells "
                "need; {advice}",
                limit=number(self.max_elements),
                advice=_(SAVE_AGAIN),
            )
        )

    def too_much_text(self, what: str = "sheet") -> ExportError:
        limit = number(self.limits.max_text)
        if what == STRING_TABLE:
            message = _(
                "the workbook's shared string table holds more than {limit} characters of text, "
                "the most a file may hold; split it, or leave out the columns the diagnostics do "
                "not need",
                limit=limit,
            )
        else:
            message = _(
                "the sheet holds more than {limit} characters of text, the most a file may "
                "hold; split it, or leave out the columns the diagnostics do not need",
                limit=limit,
            )
        return refused(message, self.source)

    def too_many_cells(self, what: str) -> ExportError:
        limit = number(self.limits.max_cells)
        if what == STRING_TABLE:
            message = _(
                "the workbook's shared string table holds more than {limit} cells, the most a "
                "file may hold; split it, or leave out the columns the diagnostics do not need",
                limit=limit,
            )
        else:
            message = _(
                "the sheet holds more than {limit} cells, the most a file may hold; split it, or "
                "leave out the columns the diagnostics do not need",
                limit=limit,
            )
        return refused(message, self.source)


def _refuse_dtd(*_args: object) -> None:
    raise Refused(_("its XML declares a DOCTYPE, which a workbook never needs"))


def _refuse_entity(*_args: object) -> None:
    raise Refused(_("its XML declares or refers to an external entity"))


def new_parser(
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    data: Callable[[str], None] | None,
) -> XMLParserType:
    parser = ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = _PIECE
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_entity  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    if data is not None:
        parser.CharacterDataHandler = data
    return parser


def local_names(namespaces: tuple[str, ...]) -> Callable[[str], str]:
    """Element name ("namespace local", as expat gives it) → local name; "" in another namespace."""
    known: dict[str, str] = {}

    def local(name: str) -> str:
        found = known.get(name)
        if found is None:
            space, _gap, tail = name.rpartition(" ")
            found = tail if space in namespaces or not space else ""
            if len(known) < NAMES_KEPT:
                known[name] = found
        return found

    return local


def _attribute(attrs: dict[str, str], local: str, namespaces: tuple[str, ...]) -> str | None:
    """An attribute by local name in one of `namespaces` (a relationship id: `r:id`)."""
    for space in namespaces:
        value = attrs.get(f"{space} {local}")
        if value is not None:
            return value
    return None


def feed(parser: XMLParserType, archive: zipfile.ZipFile, part: str) -> Iterator[None]:
    """Feed a part to the parser piece by piece, pausing after each piece."""
    with archive.open(part) as stream:
        while piece := stream.read(_PIECE):
            parser.Parse(piece, False)
            yield
    parser.Parse(b"", True)
    yield


def failure(error: BaseException, part: str, source: str) -> ExportError:
    """The ExportError for a failure while part `part` was read."""
    if isinstance(error, ExportError):
        return error
    if isinstance(error, Refused):
        # Translators: {part} is a file inside the workbook's zip; {problem} what is wrong in it.
        reason = _(
            "part {part}: {problem}; {advice}", part=part, problem=error, advice=_(SAVE_AGAIN)
        )
    elif isinstance(error, ExpatError):
        # Translators: {problem} is the XML parser's own English words; {line} and {column}
        # place it in the part.
        reason = _(
            "part {part} is not well-formed XML ({problem} at line {line}, column {column}); "
            "{advice}",
            part=part,
            problem=errors.messages.get(error.code, "malformed XML"),
            line=error.lineno,
            column=error.offset,
            advice=_(SAVE_AGAIN),
        )
    else:
        reason = _(
            "part {part} is damaged ({detail}); {advice}",
            part=part,
            detail=_detail(error),
            advice=_(SAVE_AGAIN),
        )
    return refused(_(UNREADABLE, reason=reason), source)


def _detail(error: BaseException) -> str:
    text = " ".join(str(error).split())[:120]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# ---------------------------------------------------------------------------------------------
# The parts before the sheet


@dataclass
class Package:
    archive: zipfile.ZipFile
    source: str
    budget: Budget
    names: set[str] = field(default_factory=set)

    def parse(self, part: str, handler: Handler) -> None:
        """Parse a whole part with `handler`; every failure becomes an ExportError."""
        parser = new_parser(handler.start, handler.end, handler.data)
        try:
            for _step in feed(parser, self.archive, part):
                pass
        except (Refused, ExpatError, ExportError, *DAMAGED) as error:
            raise failure(error, part, self.source) from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part) of `part`; {} when it has none."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels not in self.names:
            return {}
        handler = _Relationships(self.budget, folder)
        self.parse(rels, handler)
        return handler.found


class Handler:
    """The expat callbacks of one part; every element counts against the workbook's budget."""

    namespaces: tuple[str, ...] = SPREADSHEET_NS
    data: Callable[[str], None] | None = None

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.local = local_names(self.namespaces)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        budget = self.budget
        budget.elements += 1
        if budget.elements > budget.max_elements:
            raise budget.too_many_elements()
        self.element(self.local(name), attrs)

    def element(self, tag: str, attrs: dict[str, str]) -> None:
        """A start tag in the part's namespace."""

    def end(self, name: str) -> None:
        """An end tag (most parts need none)."""


def _part_path(folder: str, target: str) -> str:
    """A relationship's target as a path inside the zip."""
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path).lstrip("/")


class _Relationships(Handler):
    namespaces = (_PACKAGE_NS,)

    def __init__(self, budget: Budget, folder: str) -> None:
        super().__init__(budget)
        self.folder = folder
        self.found: dict[str, tuple[str, str]] = {}

    def element(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "Relationship" and attrs.get("TargetMode") != "External":
            kind = attrs.get("Type", "").rpartition("/")[2]
            self.found[attrs.get("Id", "")] = (
                kind,
                _part_path(self.folder, attrs.get("Target", "")),
            )
            if len(self.found) > MAX_ENTRIES:  # more than the zip's own entries could be
                raise Refused(_("more than {limit} relationships", limit=number(MAX_ENTRIES)))


class _WorkbookPart(Handler):
    def __init__(self, budget: Budget) -> None:
        super().__init__(budget)
        self.sheets: list[tuple[str, str]] = []  # (name, relationship id)
        self.date1904 = False

    def element(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "sheet":
            self.sheets.append(
                (attrs.get("name", ""), _attribute(attrs, "id", _RELATIONSHIP_NS) or "")
            )
            if len(self.sheets) > MAX_ENTRIES:  # each sheet is a zip entry of its own
                raise Refused(_("more than {limit} sheets", limit=number(MAX_ENTRIES)))
        elif tag == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")


class _SharedStrings(Handler):
    """`<si>` items: the text of their `<t>` and rich-text runs, phonetic guides left out."""

    def __init__(self, budget: Budget, limits: ImportLimits) -> None:
        super().__init__(budget)
        self.limits = limits
        self.strings: list[str] = []
        self.text: list[str] | None = None
        self.item: list[str] = []
        self.size = 0
        self.phonetic = 0
        self.text_left = limits.max_text

    def element(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "t" and not self.phonetic:
            self.text = self.item
        elif tag == "si":
            self.item, self.size = [], 0
        elif tag == "rPh":
            self.phonetic += 1

    def end(self, name: str) -> None:
        tag = self.local(name)
        if tag == "t":
            self.text = None
        elif tag == "si":
            self.strings.append(unescape("".join(self.item)))
            if len(self.strings) > self.limits.max_cells:
                raise self.budget.too_many_cells(STRING_TABLE)
        elif tag == "rPh":
            self.phonetic -= 1

    def data(self, text: str) -> None:
        if self.text is not None:
            self.size += len(text)
            if self.size > MAX_CELL_CHARS:
                raise Refused(
                    _(
                        "a shared string is longer than {limit} characters",
                        limit=number(MAX_CELL_CHARS),
                    )
                )
            self.text_left -= len(text)
            if self.text_left < 0:
                raise self.budget.too_much_text(STRING_TABLE)
            self.text.append(text)


class _Styles(Handler):
    """Which cell formats (`<cellXfs>` positions) show numbers as dates or durations."""

    def __init__(self, budget: Budget) -> None:
        super().__init__(budget)
        self.custom: dict[str, str] = {}
        self.formats: list[str] = []  # numFmtId of each cell format
        self.in_cell_formats = False

    def element(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "numFmt":  # Excel allows 255 characters in a format code
            self.custom[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")[:1000]
            if len(self.custom) > MAX_STYLES:
                raise Refused(_("more than {limit} number formats", limit=number(MAX_STYLES)))
        elif tag == "cellXfs":
            self.in_cell_formats = True
        elif tag == "xf" and self.in_cell_formats:
            self.formats.append(attrs.get("numFmtId", "0"))
            if len(self.formats) > MAX_STYLES:
                raise Refused(_("more than {limit} cell formats", limit=number(MAX_STYLES)))

    def end(self, name: str) -> None:
        if self.local(name) == "cellXfs":
            self.in_cell_formats = False

    def date_styles(self) -> tuple[set[int], set[int]]:
        """Positions of the date formats, and of the duration formats among them."""
        # openpyxl's own tests of a format code, so dates read as they always have.
        from openpyxl.styles.numbers import (
            BUILTIN_FORMATS,
            is_date_format,
            is_timedelta_format,
        )

        dates: set[int] = set()
        durations: set[int] = set()
        for position, number_format in enumerate(self.formats):
            code = self.custom.get(number_format)
            if code is None:
                code = BUILTIN_FORMATS.get(small_number(number_format))
            if is_date_format(code):
                dates.add(position)
            if is_timedelta_format(code):
                durations.add(position)
        return dates, durations


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Excel writes control characters as `_xHHHH_` (and a literal `_x` as `_x005F_x`)."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(_unescaped, text)


def _unescaped(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)  # a lone surrogate is no text


def small_number(text: str) -> int:
    """A count or index written in decimal digits; -1 for anything else (or absurdly long)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else -1


@dataclass(frozen=True)
class Parts:
    """What the sheets need from the rest of the workbook."""

    sheets: list[tuple[str, str, str]]  # (name, kind: worksheet | chartsheet | …, part)
    strings: list[str]
    dates: set[int]  # cell formats that show numbers as dates
    durations: set[int]  # … and as durations
    epoch: datetime


def read_parts(package: Package, limits: ImportLimits) -> Parts:
    """The sheet list, shared strings and date formats of an open package."""
    root = package.relationships("")
    part = next((t for kind, t in root.values() if kind == "officeDocument"), "xl/workbook.xml")
    if part not in package.names:
        raise refused(
            _(
                "this file is a zip but not an Excel workbook (no workbook part: a .xlsb, .ods "
                "or Word file?); {advice}",
                advice=_(SAVE_AGAIN),
            ),
            package.source,
        )
    book = _WorkbookPart(package.budget)
    package.parse(part, book)
    related = package.relationships(part)
    strings = _SharedStrings(package.budget, limits)
    styles = _Styles(package.budget)
    for kind, target in related.values():
        if kind == "sharedStrings" and target in package.names:
            package.parse(target, strings)
        elif kind == "styles" and target in package.names:
            package.parse(target, styles)
    dates, durations = styles.date_styles()
    sheets = [(name, *related.get(rid, ("", ""))) for name, rid in book.sheets]
    epoch = datetime(1904, 1, 1) if book.date1904 else datetime(1899, 12, 30)
    return Parts(sheets, strings.strings, dates, durations, epoch)
