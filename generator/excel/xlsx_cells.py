"""Cells that python-calamine reads as empty although they are not: error values (#N/A,
#VALUE! …) and formulas saved without their value (by a program that does not calculate).

An amount or a code read as empty would go missing without a word: the row would count as
another nämnd's, or its amount as nothing. So the sheet's XML is looked through for such
cells, piece by piece as it is streamed (by `xlsx_halves` while it writes the halves, or
here for a sheet read whole). Only pieces that hold `t="e"` or a formula are searched cell
by cell, so an export without them costs a substring search per megabyte.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

BLOCK = 1 << 20
_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # a namespace prefix, if any
_CELL = re.compile(rb"<" + _P + rb"c\b([^>]*?)(?:/>|>(.*?)</" + _P + rb"c>)", re.S)
_ADDRESS = re.compile(rb'\br="([A-Z]{1,3}[0-9]+)"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_FORMULA = re.compile(rb"<" + _P + rb"f\b[^>]*?(?:/>|>(.*?)</" + _P + rb"f>)", re.S)
_VALUE = re.compile(rb"<" + _P + rb"v\b[^>]*?(?:/>|>(.*?)</" + _P + rb"v>)", re.S)
_ROOT = re.compile(rb"<(" + _P + rb")worksheet[\s>]")
_TAIL = 64  # bytes of a piece's start that may finish a trigger begun in the carry
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class Hidden:
    """A cell read as empty that shows something in Excel."""

    cell: str                   # "F2"
    error: str | None = None    # "#N/A"; None: a formula without its value
    formula: str | None = None  # the formula's text, when the cell has it


class Scanner:
    """Fed a sheet's XML in pieces, in order; what it found once `close` is called.
    `prefix`: the namespace prefix of the sheet's elements ("" or "x:")."""

    def __init__(self, prefix: bytes = b"") -> None:
        self.found: list[Hidden] = []
        self._carry = b""
        self._cell_start = b"<" + prefix + b"c "
        self._formula = b"<" + prefix + b"f"

    def feed(self, piece: bytes) -> None:
        """Search the cells complete so far; keep the last, which may go on."""
        cut = piece.rfind(self._cell_start)
        if cut < 0:  # no cell starts here: all of it may belong to the carried one
            self._carry += piece
            return
        if self._triggered(self._carry + piece[:_TAIL]) or self._triggered(piece, cut):
            self._search(self._carry + piece[:cut])
        self._carry = piece[cut:]

    def close(self) -> list[Hidden]:
        if self._triggered(self._carry):
            self._search(self._carry)
        self._carry = b""
        return self.found

    def _triggered(self, data: bytes, end: int | None = None) -> bool:
        """Whether `data[:end]` may hold such a cell: an error value starts with "#", a
        formula's tag holds an "f". Each is one memchr; the slower searches only where they
        hit (and no slice is copied)."""
        if data.find(b"#", 0, end) < 0 and data.find(b"f", 0, end) < 0:
            return False
        return data.find(b't="e"', 0, end) >= 0 or data.find(self._formula, 0, end) >= 0

    def _search(self, data: bytes) -> None:
        for cell in _CELL.finditer(data):
            attributes, inner = cell.group(1), cell.group(2) or b""
            address = _ADDRESS.search(attributes)
            if address is None:
                continue
            kind = _TYPE.search(attributes)
            value = _VALUE.search(inner)
            text = (value.group(1) or b"") if value else b""
            formula = _FORMULA.search(inner)
            formula_text = _text(formula.group(1)) if formula and formula.group(1) else None
            if kind is not None and kind.group(1) == b"e":
                self.found.append(Hidden(address.group(1).decode(), _text(text) or "#N/A",
                                         formula_text))
            elif formula is not None and not text and (kind is None
                                                      or kind.group(1) != b"str"):
                self.found.append(Hidden(address.group(1).decode(), None, formula_text))


def _text(raw: bytes) -> str:
    return unescape(raw.decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})


def scan_sheet(path: Path, sheet_name: str) -> list[Hidden]:
    """The hidden cells of the sheet named `sheet_name` in the workbook at `path`; none for
    a workbook that is not a zip of XML parts (calamine has read it: it is not broken)."""
    try:
        with zipfile.ZipFile(path) as z:
            part = _sheet_part(z, sheet_name)
            if part is None:
                return []
            with z.open(part) as source:
                block = source.read(BLOCK)
                root = _ROOT.search(block)
                scanner = Scanner(root.group(1) if root else b"")
                while block:
                    scanner.feed(block)
                    block = source.read(BLOCK)
            return scanner.close()
    except (OSError, zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError):
        return []


def _sheet_part(z: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member that holds the sheet: workbook.xml names it, its rels locate it."""
    workbook = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rid = next((s.get(f"{_REL}id") for s in workbook.iter(f"{_MAIN}sheet")
                if s.get("name") == sheet_name), None)
    if rid is None:
        return None
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels.iter(f"{_RELS}Relationship")
                   if r.get("Id") == rid), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
