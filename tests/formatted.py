"""Workbooks formatted to the last row and column, as Excel writes them (tests, benchmarks).

Two forms, both of which Excel produces from an ordinary workbook:

- `format_sparse`: a border on one cell of row 1 048 576 and a fill on one cell of column
  XFD in every sheet, and whole columns A:F formatted. Excel stores a whole-column format
  on <col> and writes only the two stray cells, but the sheet's used range (and openpyxl's
  max_row and max_column) becomes the whole sheet. Written with openpyxl.
- `format_dense`: a border on every cell of one column from below the data down to row
  1 048 576, as when a range rather than whole columns is formatted: Excel then writes one
  <row> with one empty styled <c> per row, some 80 MB of XML that zips to a few MB. openpyxl
  would take minutes to write a million cells, so the rows are added to the sheet's XML
  directly, in Excel's own form (r and spans on the row, r and s on the cell).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Border, PatternFill, Side
from openpyxl.utils import get_column_letter

LAST_ROW = 1_048_576
LAST_COLUMN = 16_384
_THIN = Side(style="thin")


def format_sparse(path: Path) -> None:
    """Format `path` to its last row and column in every sheet (changes the file)."""
    book = load_workbook(path)
    for ws in book.worksheets:
        ws.cell(row=LAST_ROW, column=1).border = Border(bottom=_THIN)
        ws.cell(row=1, column=LAST_COLUMN).fill = PatternFill("solid", fgColor="FFFF00")
        for letter in "ABCDEF":
            ws.column_dimensions[letter].fill = PatternFill("solid", fgColor="EEEEEE")
    book.save(path)


def format_folder_sparse(source: Path, target: Path) -> None:
    """A copy of a period folder with every workbook formatted by `format_sparse`."""
    shutil.copytree(source, target)
    for path in sorted(target.glob("*.xlsx")):
        format_sparse(path)


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str:
    """The zip member of a sheet, by its name (workbook.xml and its relationships)."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    for match in re.finditer(r"<sheet\b[^>]*>", workbook):
        tag = match.group()
        name = re.search(r'name="([^"]*)"', tag)
        rid = re.search(r'r:id="([^"]*)"', tag)
        if name and rid and name.group(1) == sheet:
            rel = re.search(rf'<Relationship\b[^>]*Id="{rid.group(1)}"[^>]*>', rels)
            assert rel is not None
            target = re.search(r'Target="([^"]*)"', rel.group())
            assert target is not None
            return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
    raise KeyError(sheet)


def format_dense(path: Path, sheet: str, column: int = 3,
                 texts: dict[str, str] | None = None) -> None:
    """Format one column of `sheet` from below its data down to the last row, in place.

    `texts` ({"G70000": "x"}) puts text in cells of the formatted rows, to the right of the
    formatted column: a value among a million formatted rows.
    """
    book = load_workbook(path)
    ws = book[sheet]
    first = ws.max_row + 1
    ws.cell(row=first, column=column).border = Border(bottom=_THIN)
    book.save(path)
    letter = get_column_letter(column)
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet)
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts[part].decode("utf-8")
    styled = re.search(rf'<c r="{letter}{first}" s="(\d+)"', xml)
    assert styled is not None, "the bordered cell was written"
    style = styled.group(1)
    extra: dict[int, str] = {}
    for cell, text in (texts or {}).items():
        row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        extra[row] = f'<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>'
    rows = "".join(
        f'<row r="{r}" spans="{column}:{column}"><c r="{letter}{r}" s="{style}"/>'
        f'{extra.get(r, "")}</row>' for r in range(first + 1, LAST_ROW + 1))
    end = xml.index("</sheetData>")
    xml = xml[:end] + rows + xml[end:]
    xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{letter}{LAST_ROW}"/>', xml)
    parts[part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def replace_sheet_xml(path: Path, sheet: str, xml: str) -> None:
    """Put `xml` in place of a sheet's XML: for forms openpyxl never writes (cells without
    an address, a prefix, CDATA, a value it cannot convert)."""
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet)
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
