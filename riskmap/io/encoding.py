"""Which text encoding a shapefile's DBF or a CSV file uses, and why.

GDAL reads a GBK DBF without a ``.cpg`` as ISO-8859-1 and the Chinese comes out
as mojibake, silently. So riskmap decides the encoding itself and passes it to
the reader, in this order:

1. ``encoding`` declared in the project;
2. the ``.cpg`` file beside the ``.shp``;
3. the DBF language driver id (byte 29), when it names a code page;
4. the attribute bytes: valid UTF-8 with non-ASCII text means UTF-8; text that
   decodes as GBK (or GB18030) means that; anything else is read as latin-1
   with a warning.

A declared encoding (2 or 3) that the bytes contradict (the text does not
decode, or a Western code page holds what decodes as UTF-8 or GBK) gives way
to the bytes, with a warning. Only a header and a sample of records are read.
"""

from __future__ import annotations

import codecs
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from riskmap.errors import SettingsError

#: Bytes of records read from each end of a DBF (or a CSV) to detect encoding.
SAMPLE_BYTES = 1 << 20

# DBF language driver ids (ESRI's table) that name a code page. 0x00 and 0x57
# ("ANSI", the writer's system code page) say nothing usable.
_LDID = {
    0x01: "cp437", 0x02: "cp850", 0x03: "cp1252", 0x08: "cp865", 0x09: "cp437",
    0x0A: "cp850", 0x0B: "cp437", 0x0D: "cp437", 0x0E: "cp850", 0x0F: "cp437",
    0x10: "cp850", 0x11: "cp437", 0x12: "cp850", 0x13: "cp932", 0x14: "cp850",
    0x15: "cp437", 0x16: "cp850", 0x17: "cp865", 0x18: "cp437", 0x19: "cp437",
    0x1A: "cp850", 0x1B: "cp437", 0x1C: "cp863", 0x1D: "cp850", 0x1F: "cp852",
    0x22: "cp852", 0x23: "cp852", 0x24: "cp860", 0x25: "cp850", 0x26: "cp866",
    0x37: "cp850", 0x40: "cp852", 0x4D: "gbk", 0x4E: "cp949", 0x4F: "cp950",
    0x50: "cp874", 0x58: "cp1252", 0x59: "cp1252", 0x64: "cp852", 0x65: "cp866",
    0x66: "cp865", 0x67: "cp861", 0x6A: "cp737", 0x6B: "cp857", 0x78: "cp950",
    0x79: "cp949", 0x7A: "gbk", 0x7B: "cp932", 0x7C: "cp874", 0x86: "cp737",
    0x87: "cp852", 0x88: "cp857", 0xC8: "cp1250", 0xC9: "cp1251", 0xCA: "cp1254",
    0xCB: "cp1253", 0xCC: "cp1257",
}  # fmt: skip
_MULTIBYTE = {"gbk", "gb18030", "cp949", "cp950", "cp932", "big5", "utf-8"}


@dataclass(frozen=True)
class EncodingChoice:
    """The encoding to read text with, how it was found, and any warning."""

    encoding: str
    how: str
    warning: str | None = None
    #: True when the text bytes decided (nothing declared the encoding and
    #: the text is not plain ASCII): a guess the user should be told about.
    guessed: bool = False

    def describe(self) -> str:
        return f"{self.encoding} ({self.how})"

    def guess_note(self) -> str | None:
        """What to tell the user about a guessed encoding, or None.

        Only a guess that stands gets a note: a guess that already carries
        a warning (latin-1, a contradicted .cpg) says enough.
        """
        if not self.guessed or self.warning:
            return None
        return (
            f"text encoding not declared, guessed {self.encoding} "
            f"({self.how}); if names look garbled or to pin it, set "
            f'encoding = "{self.encoding}" for this layer in the project file '
            "(its [[layers]] table, or [districts])"
        )


@dataclass(frozen=True)
class DbfField:
    name: bytes
    type: str
    offset: int  # within a record, after the deletion flag
    length: int


@dataclass(frozen=True)
class DbfHeader:
    records: int
    header_length: int
    record_length: int
    language_id: int
    fields: tuple[DbfField, ...]

    def expected_size(self) -> int:
        return self.header_length + self.records * self.record_length


def codec_name(name: str) -> str | None:
    """Python's name for an encoding written as .cpg files and users write it.

    Accepts ``UTF-8``, ``utf8``, ``GBK``, ``CP936``, ``936``, ``ANSI 936``,
    ``65001``, ``88591`` (ESRI's ISO 8859-1), ``GB2312`` (read as its superset
    GBK). None when unknown.
    """
    text = name.strip().strip("\x00").strip()
    upper = text.upper().replace("ANSI", "").strip()
    if upper.isdigit():
        number = int(upper)
        upper = {65001: "UTF-8", 88591: "ISO-8859-1", 28591: "ISO-8859-1"}.get(
            number, f"CP{number}"
        )
    if upper in {"GB2312", "CP20936", "EUC-CN"}:
        upper = "GBK"
    try:
        found = codecs.lookup(upper).name
    except LookupError:
        return None
    return "utf-8" if found == "utf-8" else found


def checked_codec(name: str, where: str) -> str:
    """The codec for an ``encoding`` declared in the project, or SettingsError."""
    found = codec_name(name)
    if found is None:
        raise SettingsError(
            f"{where}: unknown encoding '{name}'",
            'use for example encoding = "gbk" or "utf-8"',
        )
    return found


def read_dbf_header(path: Path) -> DbfHeader | None:
    """The header of a dBASE file, or None when it is too short or not a DBF."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(32)
            if len(head) < 32:
                return None
            records, header_length, record_length = struct.unpack("<IHH", head[4:12])
            descriptors = fh.read(max(0, header_length - 32))
    except OSError:
        return None
    fields = []
    offset = 1  # the deletion flag
    for start in range(0, len(descriptors) - 31, 32):
        chunk = descriptors[start : start + 32]
        if chunk[0] == 0x0D:
            break
        name = chunk[:11].split(b"\x00", 1)[0]
        length = chunk[16]
        fields.append(DbfField(name, chr(chunk[11]), offset, length))
        offset += length
    return DbfHeader(records, header_length, record_length, head[29], tuple(fields))


def _dbf_text_sample(path: Path, header: DbfHeader) -> list[bytes]:
    """Field names and character values from both ends of the DBF."""
    values = [f.name for f in header.fields]
    text_fields = [f for f in header.fields if f.type == "C"]
    if not text_fields or header.record_length <= 0 or header.records == 0:
        return values
    per_chunk = max(1, SAMPLE_BYTES // header.record_length)
    starts = [0]
    if header.records > 2 * per_chunk:
        starts.append(header.records - per_chunk)
    with open(path, "rb") as fh:
        for first in starts:
            fh.seek(header.header_length + first * header.record_length)
            raw = fh.read(per_chunk * header.record_length)
            count = len(raw) // header.record_length
            if count == 0:
                continue
            table = np.frombuffer(raw[: count * header.record_length], np.uint8)
            table = table.reshape(count, header.record_length)
            for f in text_fields:
                column = table[:, f.offset : f.offset + f.length]
                # Only values with a byte >= 0x80 can tell encodings apart.
                rows = np.flatnonzero((column >= 0x80).any(axis=1))
                values.extend(column[r].tobytes().rstrip(b" \x00") for r in rows)
    return values


def _decodes(value: bytes, codec: str) -> bool:
    try:
        value.decode(codec)
    except UnicodeDecodeError:
        # A value cut at the field width may end in half a character.
        try:
            value[:-1].decode(codec)
        except UnicodeDecodeError:
            return False
    return True


def _failures(values: list[bytes], codec: str) -> int:
    return sum(1 for v in values if not _decodes(v, codec))


def detect_from_bytes(values: list[bytes]) -> EncodingChoice:
    """Choose between UTF-8, GBK/GB18030 and latin-1 from sample text values."""
    non_ascii = [v for v in values if not v.isascii()]
    if not non_ascii:
        return EncodingChoice("utf-8", "attribute text is plain ASCII")
    if _failures(non_ascii, "utf-8") == 0:
        return EncodingChoice(
            "utf-8", "detected from attribute bytes: valid UTF-8", guessed=True
        )
    for codec in ("gbk", "gb18030"):
        if _failures(non_ascii, codec) == 0:
            return EncodingChoice(
                codec,
                f"detected from attribute bytes: valid {codec.upper()}",
                guessed=True,
            )
    bad = _failures(non_ascii, "gb18030")
    return EncodingChoice(
        "latin-1",
        "detected from attribute bytes: neither UTF-8 nor GBK",
        f"{bad} text values are neither UTF-8 nor GBK; read as latin-1, so "
        "Chinese text may be garbled (set encoding in the project)",
        guessed=True,
    )


def _contradiction(values: list[bytes], codec: str) -> EncodingChoice | None:
    """The detected encoding when the bytes contradict a declared ``codec``.

    Valid UTF-8 beats any other label (legacy text is almost never valid
    UTF-8); a single-byte label gives way to text that decodes as GBK; a
    multi-byte label stands as long as the text decodes with it.
    """
    non_ascii = [v for v in values if not v.isascii()]
    if not non_ascii:
        return None
    detected = detect_from_bytes(values)
    if detected.encoding in (codec, "latin-1"):
        return None
    if detected.encoding == "utf-8" or codec not in _MULTIBYTE:
        return detected
    return None if _failures(non_ascii, codec) == 0 else detected


def dbf_encoding(dbf: Path | None, declared: str | None = None) -> EncodingChoice:
    """The encoding of a shapefile's attributes (see the module note).

    ``dbf`` is the ``.dbf`` path (None when the shapefile has none);
    ``declared`` the project's ``encoding`` (already checked).
    """
    if dbf is None:
        return EncodingChoice("utf-8", "no .dbf: the layer has no attributes")
    header = read_dbf_header(dbf)
    values = _dbf_text_sample(dbf, header) if header is not None else []
    if declared:
        codec = codec_name(declared) or declared
        bad = _failures([v for v in values if not v.isascii()], codec)
        warning = (
            f"{bad} text values in the sample are not valid {codec}: check the "
            "encoding declared in the project"
            if bad
            else None
        )
        return EncodingChoice(codec, "declared in the project", warning)
    claims: list[tuple[str, str]] = []
    cpg = sidecar(dbf, ".cpg")
    if cpg is not None:
        text = cpg.read_bytes()[:64].decode("ascii", "replace")
        codec = codec_name(text)
        if codec is not None:
            claims.append((codec, f"from .cpg: {text.strip()}"))
    if header is not None and header.language_id in _LDID:
        codec = _LDID[header.language_id]
        claims.append((codec, f"from the DBF language id 0x{header.language_id:02X}"))
    for codec, how in claims[:1]:
        detected = _contradiction(values, codec)
        if detected is None:
            return EncodingChoice(codec, how)
        return EncodingChoice(
            detected.encoding,
            f"{detected.how}, although the file says {codec} ({how})",
            f"the file says its text is {codec} ({how}) but the bytes are "
            f"{detected.encoding}; read as {detected.encoding} (set encoding in "
            "the project to override)",
        )
    found = detect_from_bytes(values)
    reason = "no .cpg" if cpg is None else "unreadable .cpg"
    return EncodingChoice(
        found.encoding, f"{found.how}; {reason}", found.warning, found.guessed
    )


def text_encoding(sample: bytes, declared: str | None = None) -> EncodingChoice:
    """The encoding of a text (CSV) file from its first bytes."""
    if declared:
        codec = codec_name(declared) or declared
        return EncodingChoice(codec, "declared in the project")
    if sample.startswith(codecs.BOM_UTF8):
        return EncodingChoice("utf-8-sig", "UTF-8 byte-order mark")
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return EncodingChoice("utf-16", "UTF-16 byte-order mark")
    lines = sample.splitlines()
    if len(sample) >= SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut mid-character
    found = detect_from_bytes(lines)
    how = found.how.replace("attribute", "text")
    return EncodingChoice(found.encoding, how, found.warning, found.guessed)


def sidecar(path: Path, suffix: str) -> Path | None:
    """A shapefile's companion file (``.dbf``, ``.shx``, ``.prj``, ``.cpg``),
    with the suffix in lower or upper case, if it exists."""
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.is_file():
            return candidate
    return None
