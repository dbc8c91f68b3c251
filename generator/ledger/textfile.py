"""Which encoding a text export is in: UTF-8 (with or without BOM), Windows-1252 or CP437.

Excel on Windows saves CSV as Windows-1252 unless told otherwise; SIE 4 declares
`#FORMAT PC8` (CP437), yet some programs write UTF-8 or Windows-1252 under that
declaration. The file is scanned in chunks: valid UTF-8 with non-ASCII bytes is UTF-8
(CP437 and Windows-1252 text with å, ä, ö is practically never valid UTF-8); otherwise the
bytes of å ä ö Å Ä Ö in each single-byte encoding are counted (in the first few megabytes
that tell them apart) and the likelier one wins.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20
ENOUGH_CHUNKS = 4
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
    counted = 0
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
                counted += 1
                if counted >= ENOUGH_CHUNKS and counts["cp437"] != counts["cp1252"]:
                    break  # not UTF-8, and a few megabytes tell which of the two
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


def lines(path: Path, codec: str, start: int | None, end: int | None, first_line: int,
          newline: str | None, unreadable: Callable[[int | None], Exception]
          ) -> Iterator[str]:
    """The text lines from byte `start` to `end` (None: the end of the file), as a file
    opened with `newline` gives them. `start` None means after line 1 (a header whose end
    cannot be found in the bytes: UTF-16, a bare carriage return).

    A byte the encoding cannot read is named by its line: `unreadable(line)` is raised
    (line None when it is not known), after the lines before it.
    """
    if start is None:
        try:
            with path.open(encoding=codec, newline=newline) as f:
                f.readline()
                yield from f
        except UnicodeDecodeError as exc:
            raise unreadable(None) from exc
        return
    for _, text in chunks(path, codec, start, end, first_line, unreadable):
        yield from io.StringIO(text, newline=newline)


def chunks(path: Path, codec: str, start: int, end: int | None, first_line: int,
           unreadable: Callable[[int | None], Exception]) -> Iterator[tuple[int, str]]:
    """The text from byte `start` to `end` in blocks of whole lines, each with the number of
    its first line (the first is `first_line`): what a reader that works a block at a time
    needs. Only the last block may lack its closing line break.

    A block with a byte the encoding cannot read is given up to the line before that byte,
    then `unreadable(its line)` is raised.
    """
    codec = "utf-8" if codec == "utf-8-sig" and start > 0 else codec
    line = first_line
    with path.open("rb") as f:
        f.seek(start)
        position = start
        carry = b""
        while True:
            size = CHUNK * 4 if end is None else min(CHUNK * 4, end - position)
            block = f.read(size) if size > 0 else b""
            position += len(block)
            data = carry + block
            if not data:
                return
            cut = data.rfind(b"\n") + 1 if block else len(data)
            if cut == 0:
                carry = data
                continue
            chunk, carry = data[:cut], data[cut:]
            try:
                text = chunk.decode(codec)
            except UnicodeDecodeError as exc:
                # the lines before the unreadable one first, as reading line by line would
                good = chunk.rfind(b"\n", 0, exc.start) + 1
                if good:
                    yield line, chunk[:good].decode(codec)
                raise unreadable(line + chunk.count(b"\n", 0, exc.start)) from exc
            yield line, text
            line += chunk.count(b"\n")
