"""A workbook's cells, read in time and memory bounded by the cells that hold a value.

A sheet's used range says nothing about its data: one border at row 1 048 576, or a whole
column formatted, makes it the whole sheet. openpyxl's normal mode builds a cell object for
every position asked for, and its read-only mode hands out an empty row for every row up
to the last one; either way a formatted workbook took 15 s and a gigabyte or more. Here
each worksheet's XML is streamed once through openpyxl's own worksheet parser (so numbers,
dates, shared strings and errors read exactly as openpyxl reads them), and only cells with
a value are kept, by row and column, so every value keeps its cell. Rows and cells that
hold nothing but formatting are cut out of the XML before it is parsed (`_WithoutEmpty`),
so a million formatted rows cost a pass of a regular expression, not a million parsed rows.

A workbook is read whole when it is opened, so that its sheets are one snapshot and the
file is open only meanwhile. Formulas are looked up in a second pass over a sheet only when
asked for (a required cell is empty: was it a formula nobody calculated?): the error path.

Every string, sheet names included, passes through `cleaning.clean`.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser

from generator.excel.cleaning import clean

# Read from the zip member per step; the filter holds at most this much (plus one element).
CHUNK = 64 * 1024
# Cutting formatting out of the XML is safe only for rows and cells with their own address
# (r="…") that are followed by one with an address too: the parser counts a row or cell
# without one from the one before it. Attribute values of rows and cells are numbers,
# addresses and flags, so "[^<>]" cannot cut through one. Some exporters write a prefix
# (x:row), which the regular expression allows.
_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_ADDRESSED = rb'\s[^<>]*?\br="[^"]*"[^<>]*'


def _empty_cell(prefix: bytes) -> bytes:
    return rb"<" + prefix + rb"c" + _ADDRESSED + rb"/>"


def _then_addressed(prefix: bytes, tag: bytes, end: bytes) -> bytes:
    return (rb"(?=\s*(?:<" + prefix + tag + rb'\s[^<>]*?\br="|</' + prefix + end + rb">))")


_EMPTY = re.compile(
    # a row without cells, or with empty cells only
    rb"<(?P<p>" + _PREFIX + rb")row" + _ADDRESSED + rb"?(?:/>|>(?:\s*"
    + _empty_cell(rb"(?P=p)") + rb")*\s*</(?P=p)row>)"
    + _then_addressed(rb"(?P=p)", rb"row", rb"sheetData")
    # an empty cell among others
    + rb"|" + _empty_cell(_PREFIX) + _then_addressed(_PREFIX, rb"c", rb"row"))
# What a cell with more than formatting holds: a value (</v>) or an inline string (</t>);
# when formulas are read, also a formula (<f>, <f t="shared" … />), which without a cached
# value is no value. Only unprefixed rows take the fast way (`_without_empty`), and a row's
# cells are written with the row's prefix, so no prefix is looked for here: an alternative
# that starts with one makes the search ten times slower.
_VALUE = re.compile(rb"</[vt]>")
_VALUE_OR_FORMULA = re.compile(rb"</[vt]>|<f[\s/>]")
_CDATA = b"<![CDATA["


def _without_empty(data: bytes, end: int, content: re.Pattern[bytes]) -> bytes:
    """`data[:end]` (whole tags) without its empty rows and cells.

    The common case of a formatted sheet, thousands of rows with nothing `content` finds,
    is cut with a few scans in C; a regular expression over 50 MB of them would take
    seconds.
    """
    # bytes.find (memchr) first: most chunks of a formatted sheet hold no value at all, and
    # a regular expression that finds nothing still reads every byte more slowly
    maybe = (data.find(b"</v>", 0, end) >= 0 or data.find(b"</t>", 0, end) >= 0
             or (content is _VALUE_OR_FORMULA and data.find(b"<f", 0, end) >= 0))
    if not maybe or content.search(data, 0, end) is None:
        first = data.find(b"<row ", 0, end)
        last = data.rfind(b"<row ", 0, end)
        # The last row is kept: it has its address, so a row without one after it (from
        # a writer that leaves them out) is still counted right.
        if 0 <= first < last and data.startswith(b'<row r="', last) \
                and data.find(b"<row>", last, end) < 0:
            return data[:first] + data[last:end]
    return _EMPTY.sub(b"", data[:end])


class _WithoutEmpty(io.RawIOBase):
    """A worksheet's XML with its empty rows and cells cut out, read in chunks.

    Each chunk is cut after its last complete tag; an element that straddles two chunks is
    passed through as it is. Text in a CDATA section could look like an empty cell, so the
    filter stops at the first one (Excel never writes CDATA).
    """

    def __init__(self, source: IO[bytes], formulas: bool) -> None:
        self._source = source
        self._content = _VALUE_OR_FORMULA if formulas else _VALUE
        self._pending = b""  # read, not yet filtered (an incomplete tag)
        self._ready = bytearray()
        self._filtering = True
        self._eof = False

    def readable(self) -> bool:
        return True

    def _fill(self, want: int) -> None:
        while len(self._ready) < want and not self._eof:
            chunk = self._source.read(CHUNK)
            if not chunk:
                self._eof = True
                self._ready += self._pending
                break
            data = self._pending + chunk if self._pending else chunk
            if self._filtering and _CDATA in data:
                self._filtering = False
            cut = data.rfind(b">") + 1
            self._pending = data[cut:]
            self._ready += (_without_empty(data, cut, self._content) if self._filtering
                            else data[:cut])

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        self._fill(len(view))
        n = min(len(view), len(self._ready))
        view[:n] = self._ready[:n]
        del self._ready[:n]
        return n


class _Parser(WorkSheetParser):  # type: ignore[misc]
    """openpyxl's parser, except that a value it cannot convert (a number "NaN", a shared
    string that is not there) is kept as the text in the file instead of failing the sheet,
    and a number too large for a float ("1E400", read as infinity) as a Decimal; the reader
    then says what it expected there."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        try:
            cell = dict(super().parse_cell(element))
        except (ValueError, TypeError, IndexError, OverflowError):
            return {"row": self.row_counter, "column": self.col_counter,
                    "value": element.findtext(VALUE_TAG), "data_type": "s", "style_id": 0}
        value = cell["value"]
        if isinstance(value, float) and not math.isfinite(value):
            text = element.findtext(VALUE_TAG) or ""
            try:
                cell["value"] = Decimal(text)
            except InvalidOperation:
                cell["value"] = text
        return cell


class SheetCells:
    """The values of one sheet: row → column → value, only cells that hold something."""

    def __init__(self, title: str, rows: dict[int, dict[int, Any]]) -> None:
        self.title = title
        self._rows = dict(sorted(rows.items()))

    def value(self, row: int, column: int) -> Any:
        return self._rows.get(row, {}).get(column)

    def row(self, row: int) -> dict[int, Any]:
        """{column: value} of one row; empty when the row holds nothing."""
        return self._rows.get(row, {})

    def rows(self, first: int = 1) -> Iterator[tuple[int, dict[int, Any]]]:
        """(row, {column: value}) of every row from `first` on that holds something."""
        return ((r, cells) for r, cells in self._rows.items() if r >= first)

    @property
    def last_row(self) -> int:
        """The last row that holds a value (0 for an empty sheet), whatever is formatted."""
        return max(self._rows, default=0)


class CellBook:
    """An .xlsx read in one go when opened, as one snapshot: the file is open only while it
    is read (not kept open or locked), and nothing of it is kept but the values."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sheets: dict[str, SheetCells] = {}
        self._damaged: dict[str, Exception] = {}  # sheets whose XML could not be read
        self._formulas: dict[str, dict[tuple[int, int], str]] = {}
        with _opened(path) as book:
            self._titles = {clean(name): name for name in book.sheetnames}
            self.sheetnames = list(self._titles)
            for name in self.sheetnames:
                try:
                    self._sheets[name] = SheetCells(name, _values(book, self._titles[name]))
                except Exception as exc:  # noqa: BLE001 - reported when the sheet is read
                    self._damaged[name] = exc

    def sheet(self, name: str) -> SheetCells:
        """The cells of the sheet called `name` (as in `sheetnames`).

        Raises what the XML parser raised for a damaged sheet; the reader reports it.
        """
        if name in self._damaged:
            raise self._damaged[name]
        return self._sheets[name]

    def formula(self, name: str, row: int, column: int) -> str | None:
        """The formula in a cell, if it holds one. Read on first use (the error path) from
        the file again, where a formula has no cached value for `sheet` to read."""
        if name not in self._formulas:
            found: dict[tuple[int, int], str] = {}
            with _opened(self.path, data_only=False) as book:
                for cell in _cells(book, self._titles[name]):
                    value = cell["value"]
                    text = getattr(value, "text", value)  # array formulas have .text
                    if isinstance(text, str) and text.startswith("="):
                        found[cell["row"], cell["column"]] = clean(text)
            self._formulas[name] = found
        return self._formulas[name].get((row, column))


@contextmanager
def _opened(path: Path, data_only: bool = True) -> Iterator[Any]:
    """The workbook in openpyxl's read-only mode, closed (with its file) afterwards."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(path, read_only=True, data_only=data_only, keep_links=False)
    try:
        yield book
    finally:
        book.close()


def _values(book: Any, title: str) -> dict[int, dict[int, Any]]:
    """row → column → value of the cells that hold one; strings cleaned, blanks left out."""
    rows: dict[int, dict[int, Any]] = {}
    for cell in _cells(book, title):
        value = cell["value"]
        if isinstance(value, str):
            value = clean(value)
            if not value.strip():
                continue
        elif value is None:
            continue
        rows.setdefault(cell["row"], {})[cell["column"]] = value
    return rows


def _cells(book: Any, title: str) -> Iterator[dict[str, Any]]:
    """Every <c> of a sheet that is more than formatting, as openpyxl's parser reads it."""
    ws = book[title]
    part = getattr(ws, "_worksheet_path", None)
    if part is None:  # a chart sheet: no cells
        return
    with book._archive.open(part) as source, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        filtered = _WithoutEmpty(source, formulas=not book.data_only)
        parser = _Parser(io.BufferedReader(filtered), ws._shared_strings,
                         data_only=book.data_only, epoch=book.epoch,
                         date_formats=book._date_formats,
                         timedelta_formats=book._timedelta_formats)
        for _, cells in parser.parse():
            parser.row_dimensions.clear()  # row heights and styles: not needed here
            yield from cells
