"""Bytes to text: UTF-8 with or without BOM, UTF-16 (BOM or zero bytes) or Windows-1252."""

from __future__ import annotations

import codecs
import re

from advisor.crm_import.errors import ExportError
from advisor.i18n import N_, _

# The one encoding whose name holds words; shown with `encoding_word`.
UTF8_WITH_BOM = N_("UTF-8 with BOM")


def encoding_word(encoding: str) -> str:
    """The name of the encoding a file was read with, as a reader sees it."""
    return _(UTF8_WITH_BOM) if encoding == UTF8_WITH_BOM else encoding


def decode_bytes(data: bytes, encoding: str | None, source: str = "") -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-8 (BOM or not), UTF-16 or Windows-1252."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ExportError.at(
                _("unknown encoding '{encoding}'", encoding=encoding), source=source
            ) from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise ExportError.at(
                # Translators: {byte} is a byte in hexadecimal ("0xe9"); {position} counts bytes.
                _(
                    "the file is not valid {encoding}: byte {byte} at position {position} cannot "
                    "be read",
                    encoding=encoding,
                    byte=_byte(data, error.start),
                    position=error.start,
                ),
                source=source,
            ) from None
        return text.removeprefix("\ufeff"), encoding
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data[3:], "utf-8", UTF8_WITH_BOM, source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16", "UTF-16", source)
    sample = data[:4096]
    if b"\x00" in sample:
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        half = max(1, len(sample) // 2)
        if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
            return _decode_as(data, "utf-16-le", "UTF-16 LE", source)
        if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
            return _decode_as(data, "utf-16-be", "UTF-16 BE", source)
        raise ExportError.at(
            _(
                "the file holds binary data (zero bytes), not CSV text; export the accounts as "
                "CSV or XLSX"
            ),
            source=source,
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        if _has_utf8_sequences(data):
            # Mostly UTF-8 with a stray byte: reading it all as Windows-1252 would turn every
            # "École" into "Ã‰cole", so the byte is named instead.
            line = data.count(b"\n", 0, error.start) + 1
            raise ExportError.at(
                _(
                    "the file is UTF-8 text except byte {byte} at position {position} (line "
                    "{line}), which is not UTF-8; fix that character or save the file again as "
                    "UTF-8",
                    byte=_byte(data, error.start),
                    position=error.start,
                    line=line,
                ),
                source=source,
            ) from None
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        raise ExportError.at(
            _(
                "the file is neither UTF-8, UTF-16 nor Windows-1252 text: byte {byte} at "
                "position {position} cannot be read; save it as UTF-8 CSV",
                byte=_byte(data, error.start),
                position=error.start,
            ),
            source=source,
        ) from None


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _byte(data: bytes, position: int) -> str:
    """The byte at `position` in hexadecimal, as a message names it: '0xe9'."""
    return "0x" + format(data[position], "02x")


def _has_utf8_sequences(data: bytes) -> bool:
    """True when the bytes hold a multi-byte UTF-8 character: a Windows-1252 file almost never does."""
    return _UTF8_SEQUENCE.search(data) is not None


def _decode_as(data: bytes, codec: str, shown: str, source: str) -> tuple[str, str]:
    try:
        return data.decode(codec).removeprefix("\ufeff"), shown
    except UnicodeDecodeError as error:
        raise ExportError.at(
            _(
                "the file looks like {encoding} but byte {byte} at position {position} cannot be "
                "read",
                encoding=encoding_word(shown),
                byte=_byte(data, error.start),
                position=error.start,
            ),
            source=source,
        ) from None
