"""Which encoding a text export is in: UTF-8 (with or without BOM), Windows-1252 or CP437.

Excel on Windows saves CSV as Windows-1252 unless told otherwise; SIE 4 declares
`#FORMAT PC8` (CP437), yet some programs write UTF-8 or Windows-1252 under that
declaration. The file is scanned in chunks: valid UTF-8 with non-ASCII bytes is UTF-8
(CP437 and Windows-1252 text with å, ä, ö is practically never valid UTF-8); otherwise the
bytes of å ä ö Å Ä Ö in each single-byte encoding are counted and the likelier one wins.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20
_CP437 = bytes((0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99))   # å ä ö Å Ä Ö
_CP1252 = bytes((0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6))
NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 med BOM", "cp1252": "Windows-1252",
         "cp437": "PC8 (CP437)", "utf-16": "UTF-16"}


@dataclass(frozen=True)
class Encoding:
    codec: str  # for open(): "utf-8-sig", "utf-8", "cp1252", "cp437", "utf-16"

    @property
    def label(self) -> str:
        return NAMES.get(self.codec, self.codec)


def detect(path: Path, single_byte: str) -> Encoding:
    """The file's encoding; `single_byte` ("cp1252" or "cp437") is preferred on a tie."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8_ok = True
    non_ascii = False
    counts = {"cp437": 0, "cp1252": 0}
    with path.open("rb") as f:
        head = f.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return Encoding("utf-8-sig")
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return Encoding("utf-16")
        f.seek(0)
        while chunk := f.read(CHUNK):
            if not non_ascii and not chunk.isascii():
                non_ascii = True
            if utf8_ok:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            if not utf8_ok:
                counts["cp437"] += sum(chunk.count(b) for b in _CP437)
                counts["cp1252"] += sum(chunk.count(b) for b in _CP1252)
    if utf8_ok:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    if utf8_ok and non_ascii:
        return Encoding("utf-8")
    if utf8_ok:
        return Encoding(single_byte)  # plain ASCII reads the same in all of them
    other = "cp437" if single_byte == "cp1252" else "cp1252"
    if counts[other] > counts[single_byte]:
        return Encoding(other)
    return Encoding(single_byte)
