"""A big one-sheet .xlsx cut into two workbooks, so that two processes can read it at once.

python-calamine reads a sheet in one go, on one core: a million rows take it six to nine
seconds. The sheet's XML is streamed once and written, uncompressed, into two workbooks
that each hold every other part (shared strings, styles, the workbook) and one half of the
rows; a third, tiny one holds the first rows only, for the header. Rows keep their own
addresses (`r="…"`), so every cell is named by its row in the original file. Anything
unexpected (more than one sheet, rows without addresses, no `<sheetData>`) means the file
is read whole as before: this is only ever a faster way to the same values.

`split` returns once the first half is written, so that a child can start reading it
while this process writes the second half (`Halves.write_second`).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import zipfile
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

PARALLEL_XML = 64 << 20  # sheet XML of this size (about 250 000 rows) is read in halves
BLOCK = 1 << 20
HEADER_BYTES = 64 << 10  # the first rows, for the header workbook
_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\s*>")
_ROOT = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?worksheet)[\s>]")
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*/>")


@dataclass
class Halves:
    """The workbooks written, in a folder that `remove` deletes. The second exists once
    `write_second` has returned."""

    folder: Path
    header: Path
    first: Path
    second: Path
    _rest: Generator[object, None, None] | None = None  # the writer, paused after the first half

    def write_second(self) -> None:
        """Write the second half's workbook (an OSError if the disk is full …)."""
        if self._rest is not None:
            rest, self._rest = self._rest, None
            for _ in rest:
                pass

    def remove(self) -> None:
        try:
            if self._rest is not None:
                rest, self._rest = self._rest, None
                rest.close()  # closes the source workbook and the second half
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def split(path: Path) -> Halves | None:
    """The workbook's one worksheet cut in two, the first half written; None to read it
    whole."""
    try:
        with zipfile.ZipFile(path) as z:
            sheets = [i for i in z.infolist()
                      if re.fullmatch(r"xl/worksheets/[^/]+\.xml", i.filename)]
            if len(sheets) != 1 or sheets[0].file_size < PARALLEL_XML:
                return None
        folder = Path(tempfile.mkdtemp(prefix="delarsrapport-xlsx-"))
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return None  # read whole: the reader says what is wrong with the file
    writer = _write(path, sheets[0], folder)
    try:
        halves = next(writer)
        if halves is None:
            writer.close()
    except BaseException as exc:
        with contextlib.suppress(OSError):
            writer.close()
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, OSError | zipfile.BadZipFile | zipfile.LargeZipFile | EOFError
                      | ValueError):
            return None
        raise
    if halves is None:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    halves._rest = writer  # noqa: SLF001 - set once, by its maker
    return halves


def _write(path: Path, sheet: zipfile.ZipInfo, folder: Path
           ) -> Generator[Halves | None, None, None]:
    """Yield the halves once the header and the first half are written (None: read the
    file whole), then write the second half when resumed."""
    with zipfile.ZipFile(path) as z:
        halves = Halves(folder, folder / "rubrik.xlsx", folder / "del1.xlsx",
                        folder / "del2.xlsx")
        middle = sheet.file_size // 2
        with z.open(sheet) as source:
            buffer = b""
            while (found := _SHEET_DATA.search(buffer)) is None:
                block = source.read(BLOCK)
                if not block or len(buffer) > 16 * BLOCK:
                    yield None
                    return
                buffer += block
            root = _ROOT.search(buffer, 0, found.start())
            if root is None:
                yield None
                return
            prefix = found.group(1)
            head = _DIMENSION.sub(b"", buffer[:found.end()])  # the whole sheet's, not a half's
            closing = b"</" + prefix + b"sheetData></" + root.group(1) + b">"
            row_start = re.compile(rb"<" + re.escape(prefix) + rb"row[\s>]")
            position = len(buffer)  # bytes of the sheet read so far
            body = buffer[found.end():]
            while len(body) < HEADER_BYTES and (block := source.read(BLOCK)):
                body += block
                position += len(block)
            rows_end = body.rfind(b"</" + prefix + b"row>", 0, HEADER_BYTES)
            if rows_end < 0:
                yield None
                return
            _workbook(z, sheet, halves.header,
                      [head, body[:rows_end + len(prefix) + 6], closing])
            with _sheet_writer(z, sheet, halves.first) as first:
                first.write(head)
                while True:
                    if position >= middle:
                        at = _row_after(body, row_start,
                                        max(0, len(body) - (position - middle)))
                        if at is not None:
                            break
                    block = source.read(BLOCK)
                    if not block:
                        yield None  # no row starts after the middle: not worth it
                        return
                    first.write(body[:-64])  # keep the end: a row tag may straddle two blocks
                    body = body[-64:] + block
                    position += len(block)
                first.write(body[:at])
                first.write(closing)
            yield halves
            with _sheet_writer(z, sheet, halves.second) as second:
                second.write(head)
                second.write(body[at:])
                while block := source.read(BLOCK):
                    second.write(block)


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


def _workbook(z: zipfile.ZipFile, sheet: zipfile.ZipInfo, target: Path,
              pieces: list[bytes]) -> None:
    with _sheet_writer(z, sheet, target) as stream:
        for piece in pieces:
            stream.write(piece)


def _copy_others(z: zipfile.ZipFile, sheet: zipfile.ZipInfo, out: zipfile.ZipFile) -> None:
    for info in z.infolist():
        if info.filename != sheet.filename:
            out.writestr(info.filename, z.read(info))
