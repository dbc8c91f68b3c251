"""A big one-sheet .xlsx cut into two workbooks, so that two processes can read it at once.

python-calamine reads a sheet in one go, on one core: a million rows take it four to nine
seconds. Each process streams the sheet's XML itself and writes, uncompressed, a workbook
that holds every other part (shared strings, styles, the workbook) and its own half of the
rows: the child the rows before the middle, this process the rest. A deflated stream can
only be entered at its start, so both inflate the first half, but neither waits for the
other's writing. Both find the same seam, because it is a function of the file's bytes
alone (the first row that starts a little after the middle of the XML); each checks
that the workbook is still the one that was split (its parts' CRC-32s), and the caller
compares the seams the two processes report and reads the file whole if they differ.

Rows keep their own addresses (`r="…"`), so every cell is named by its row in the original
file. A third, tiny workbook holds the first rows only, for the header. Anything unexpected
(more than one sheet, rows without addresses, no `<sheetData>`) means the file is read
whole as before: this is only ever a faster way to the same values.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from generator.excel.xlsx_cells import Hidden, Scanner

PARALLEL_XML = 64 << 20  # sheet XML of this size (about 250 000 rows) is read in halves
BLOCK = 1 << 20
HEADER_BYTES = 64 << 10  # the first rows, for the header workbook
# The child's half ends a little after the middle: this process also inflates that half
# before it reaches its own, so an even cut leaves the child idle at the end.
SEAM = 0.53
OVERLAP = 64  # bytes kept from the block before: a row tag may straddle two blocks
_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\s*>")
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?worksheet)[\s>]")
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*/>")


class NotSplit(RuntimeError):
    """The sheet cannot be cut as this module expects: read the file whole."""


@dataclass(frozen=True)
class Halves:
    """Where the halves of `source`'s worksheet part `sheet` are written, in a folder that
    `remove` deletes. The header workbook exists once `split` has returned; each half once
    `write_half` has returned for it."""

    source: Path
    sheet: str
    folder: Path
    header: Path
    first: Path
    second: Path
    parts: tuple[tuple[str, int, int], ...]  # each part's name, CRC-32 and size at the split

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def split(path: Path) -> Halves | None:
    """The workbook's one worksheet, to be read in halves, with its header workbook
    written; None to read it whole."""
    try:
        with zipfile.ZipFile(path) as z:
            sheets = [i for i in z.infolist()
                      if re.fullmatch(r"xl/worksheets/[^/]+\.xml", i.filename)]
            if len(sheets) != 1 or sheets[0].file_size < PARALLEL_XML:
                return None
            folder = Path(tempfile.mkdtemp(prefix="delarsrapport-xlsx-"))
            halves = Halves(path, sheets[0].filename, folder, folder / "rubrik.xlsx",
                            folder / "del1.xlsx", folder / "del2.xlsx", _directory(z))
            try:
                _write_header(z, sheets[0], halves.header)
            except BaseException:
                halves.remove()
                raise
            return halves
    except Exception:  # noqa: BLE001 - read whole: the reader says what is wrong with the file
        return None


def write_half(halves: Halves, which: int) -> tuple[int, list[Hidden]]:
    """Write half `which` (0: the rows before the seam, 1: the rest) as its own workbook;
    the seam's offset in the sheet's XML, and the half's cells that calamine reads as empty
    but are not (`xlsx_cells`). NotSplit, OSError, BadZipFile …: read the file whole."""
    with zipfile.ZipFile(halves.source) as z:
        if _directory(z) != halves.parts:
            raise NotSplit("the workbook changed while it was read")
        info = z.getinfo(halves.sheet)
        with z.open(info) as source:
            start = _Start.read(source)
            rows = _rows_to_seam(source, start, int(info.file_size * SEAM))
            scanner = Scanner(start.prefix)
            if which == 0:
                with _sheet_writer(z, info, halves.first) as out:
                    out.write(start.head)

                    def write(piece: bytes) -> None:
                        out.write(piece)
                        scanner.feed(piece)

                    offset, _ = _drain(rows, write)
                    out.write(start.closing)
            else:
                offset, rest = _drain(rows, lambda _: None)
                with _sheet_writer(z, info, halves.second) as out:
                    out.write(start.head)
                    block = rest
                    while block:
                        out.write(block)
                        scanner.feed(block)
                        block = source.read(BLOCK)
    return offset, scanner.close()


def _directory(z: zipfile.ZipFile) -> tuple[tuple[str, int, int], ...]:
    """What tells that two reads of a workbook read the same file: its parts' CRC-32s."""
    return tuple((i.filename, i.CRC, i.file_size) for i in z.infolist())


@dataclass(frozen=True)
class _Start:
    """The sheet's XML up to its first rows, and what is needed to write a part of it."""

    head: bytes       # up to and including <sheetData>, without <dimension> (the whole's)
    closing: bytes    # </sheetData></worksheet>, with the file's namespace prefixes
    prefix: bytes     # the namespace prefix of the sheet's elements ("" or "x:" …)
    row_start: re.Pattern[bytes]
    body: bytes       # what was read after <sheetData>
    position: int     # bytes of the XML read so far

    @staticmethod
    def read(source: IO[bytes]) -> _Start:
        buffer = b""
        while (found := _SHEET_DATA.search(buffer)) is None:
            block = source.read(BLOCK)
            if not block or len(buffer) > 16 * BLOCK:
                raise NotSplit("no <sheetData> near the sheet's start")
            buffer += block
        root = _ROOT.search(buffer, 0, found.start())
        if root is None:
            raise NotSplit("no <worksheet> before <sheetData>")
        prefix = found.group(1)
        return _Start(_DIMENSION.sub(b"", buffer[:found.end()]),
                      b"</" + prefix + b"sheetData></" + root.group(1) + b">", prefix,
                      re.compile(rb"<" + re.escape(prefix) + rb"row[\s>]"),
                      buffer[found.end():], len(buffer))


def _write_header(z: zipfile.ZipFile, sheet: zipfile.ZipInfo, target: Path) -> None:
    """A workbook of the sheet's first rows (at most HEADER_BYTES of them). NotSplit when
    they lack their addresses: the halves' rows could not be placed."""
    with z.open(sheet) as source:
        start = _Start.read(source)
        body = start.body
        while len(body) < HEADER_BYTES and (block := source.read(BLOCK)):
            body += block
    end_tag = b"</" + start.prefix + b"row>"
    rows_end = body.rfind(end_tag, 0, HEADER_BYTES)
    if rows_end < 0:
        raise NotSplit("no whole row near the sheet's start")
    rows = body[:rows_end + len(end_tag)]
    for found in start.row_start.finditer(rows):
        if b' r="' not in rows[found.start():rows.find(b">", found.start())]:
            raise NotSplit("rows without their addresses")
    with _sheet_writer(z, sheet, target) as out:
        for piece in (start.head, rows, start.closing):
            out.write(piece)


def _rows_to_seam(source: IO[bytes], start: _Start, middle: int
                  ) -> Generator[bytes, None, tuple[int, bytes]]:
    """The XML of the rows before the seam, piece by piece; returns the seam's offset and
    the bytes read after it. The seam is where the first row at or after `middle` begins."""
    body, position = start.body, start.position
    while True:
        if position >= middle:
            at = _row_after(body, start.row_start, max(0, len(body) - (position - middle)))
            if at is not None:
                yield body[:at]
                return position - len(body) + at, body[at:]
        block = source.read(BLOCK)
        if not block:
            raise NotSplit("no row starts after the middle")
        yield body[:-OVERLAP]
        body = body[-OVERLAP:] + block
        position += len(block)


def _drain(pieces: Generator[bytes, None, tuple[int, bytes]], write: Callable[[bytes], object]
           ) -> tuple[int, bytes]:
    """Write each piece; what the generator returns."""
    while True:
        try:
            write(next(pieces))
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


def _row_after(body: bytes, row_start: re.Pattern[bytes], start: int) -> int | None:
    """Where the first row at or after `start` begins, if it has its address (r="…")."""
    found = row_start.search(body, start)
    if found is None:
        return None
    end = body.find(b">", found.start())
    if end < 0:
        return None
    return found.start() if b' r="' in body[found.start():end] else None


class _sheet_writer:  # noqa: N801 - used like open()
    """A workbook like `z` whose `sheet` part is written through the returned stream."""

    def __init__(self, z: zipfile.ZipFile, sheet: zipfile.ZipInfo, target: Path) -> None:
        self.z, self.sheet, self.target = z, sheet, target

    def __enter__(self) -> IO[bytes]:
        self.out = zipfile.ZipFile(self.target, "w", zipfile.ZIP_STORED, allowZip64=True)
        _copy_others(self.z, self.sheet, self.out)
        self.stream = self.out.open(self.sheet.filename, "w", force_zip64=True)
        return self.stream

    def __exit__(self, *exc: object) -> None:
        self.stream.close()
        self.out.close()


def _copy_others(z: zipfile.ZipFile, sheet: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
    for info in z.infolist():
        if info.filename != sheet.filename:
            out.writestr(info.filename, z.read(info))
