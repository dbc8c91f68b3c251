"""Write workbooks in the layout of a `WorkbookSpec`, made for people to fill in.

Used for the bundled example and for new periods: an instructions sheet, a bold frozen
header row, column widths, number formats, dropdowns for every choice column, suggestion lists
that accept any value (önskad riktning), and the column's help as an input message.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.excel.schema import INSTRUCTIONS_SHEET, Column, Kind, SheetSpec, WorkbookSpec
from generator.output import make_usual

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
NUMBER_FORMAT = "#,##0.0##;-#,##0.0##;0"
ROWS_WITH_DROPDOWNS = 500


def _instructions(ws: Worksheet, spec: WorkbookSpec, period: str, shown: set[str]) -> None:
    ws["A1"] = "Period"
    ws["B1"] = period
    ws["A1"].font = Font(bold=True)
    ws["A3"] = spec.title
    ws["A3"].font = Font(bold=True, size=14)
    row = 5
    for line in spec.help:
        ws.cell(row=row, column=1, value=line).alignment = Alignment(wrap_text=True)
        row += 1
    row += 1
    for sheet in spec.sheets:
        if sheet.name not in shown:
            continue
        ws.cell(row=row, column=1, value=f"Fliken {sheet.name}").font = Font(bold=True)
        ws.cell(row=row + 1, column=1, value=sheet.help)
        row += 2
        for col in sheet.columns:
            if col.help:
                ws.cell(row=row, column=1, value=f"{col.header}: {col.help}")
                row += 1
        for s in sheet.settings:
            if s.help:
                ws.cell(row=row, column=1, value=f"{s.label}: {s.help}")
                row += 1
        row += 1
    ws.cell(row=row, column=1, value="När du har fyllt i").font = Font(bold=True)
    for line in (
        f"Kör generate check --period {period} för att se alla fel och varningar med fil, "
        "flik och cell, utan att någon rapport skrivs.",
        "Dubbelklicka sedan på generate.bat (Windows) eller generate.command (Mac) i "
        "programmets mapp, eller kör generate --period " + period + ", så skrivs rapporten.",
    ):
        row += 1
        ws.cell(row=row, column=1, value=line).alignment = Alignment(wrap_text=True)
    ws.column_dimensions["A"].width = 110
    ws.column_dimensions["B"].width = 14


def _dropdown(ws: Worksheet, choices: Sequence[str], cells: str, strict: bool = True,
              title: str = "", prompt: str = "") -> None:
    """A list in the cell; `strict=False` only suggests, so any typed value is kept."""
    formula = '"' + ",".join(choices) + '"'
    dv = DataValidation(type="list", formula1=formula, allow_blank=True,
                        showErrorMessage=strict, errorTitle="Ogiltigt värde",
                        error="Välj ett av värdena i listan.")
    _prompt(dv, title, prompt)
    dv.add(cells)
    ws.add_data_validation(dv)


def _prompt(dv: DataValidation, title: str, prompt: str) -> None:
    """Excel's input message: shown beside the cell while it is selected."""
    if prompt:
        dv.showInputMessage = True
        dv.promptTitle = title[:32]  # Excel's limits
        dv.prompt = prompt[:255]


def _validation(ws: Worksheet, col: Column, letter: str) -> None:
    cells = f"{letter}2:{letter}{ROWS_WITH_DROPDOWNS}"
    if col.kind is Kind.CHOICE:
        _dropdown(ws, col.choices, cells, title=col.header, prompt=col.help)
    elif col.suggestions:
        _dropdown(ws, col.suggestions, cells, strict=False, title=col.header, prompt=col.help)
    elif col.help:
        dv = DataValidation(allow_blank=True)  # no type: any value, only the message
        _prompt(dv, col.header, col.help)
        dv.add(cells)
        ws.add_data_validation(dv)


def _columns(sheet: SheetSpec, rows: Sequence[Mapping[str, Any]]) -> list[Column]:
    """The sheet's columns, with value columns (extra_columns) after "Fotnot" if any."""
    columns = list(sheet.columns)
    if not sheet.extra_columns:
        return columns
    headers: list[str] = []
    for row in rows:
        for header, _ in row.get(sheet.extra_columns, []):
            if header not in headers:
                headers.append(header)
    extras = [Column(f"{sheet.extra_columns}:{h}", h, Kind.CELL, False, width=14)
              for h in headers]
    if sheet.extras_first:
        return [*(replace(c, kind=Kind.TEXT, width=30) for c in extras), *columns]
    at = next((i + 1 for i, c in enumerate(columns) if c.key == "footnote"), len(columns))
    return columns[:at] + extras + columns[at:]


def _value(row: Mapping[str, Any], key: str, extra: str | None) -> Any:
    if extra and key.startswith(extra + ":"):
        return dict(row.get(extra, [])).get(key.split(":", 1)[1])
    return row.get(key)


def _table_sheet(ws: Worksheet, sheet: SheetSpec, rows: Sequence[Mapping[str, Any]]) -> None:
    columns = _columns(sheet, rows)
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = col.width
        if col.kind is Kind.NUMBER:  # also for rows added later by hand
            ws.column_dimensions[letter].number_format = col.number_format or NUMBER_FORMAT
        _validation(ws, col, letter)
    for r, values in enumerate(rows, start=2):
        for i, col in enumerate(columns, start=1):
            value = _value(values, col.key, sheet.extra_columns)
            cell = ws.cell(row=r, column=i, value=value)
            if col.kind is Kind.NUMBER:
                cell.number_format = col.number_format or NUMBER_FORMAT
            elif isinstance(value, str) and ("\n" in value or len(value) > 60):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if col.kind is Kind.CELL:
                cell.number_format = "@"  # keep "3926 (45 % flickor)" and "7,30" as typed
    ws.freeze_panes = "A2"


def _settings_sheet(ws: Worksheet, sheet: SheetSpec, values: Mapping[str, Any]) -> None:
    for i, header in enumerate(("Inställning", "Värde", "Förklaring"), start=1):
        cell = ws.cell(row=1, column=i, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for r, setting in enumerate(sheet.settings, start=2):
        ws.cell(row=r, column=1, value=setting.label)
        value = values.get(setting.key, setting.default)
        cell = ws.cell(row=r, column=2, value=value)
        if setting.kind is Kind.NUMBER:
            cell.number_format = NUMBER_FORMAT
        if setting.kind is Kind.CHOICE:
            _dropdown(ws, setting.choices, f"B{r}", title=setting.label, prompt=setting.help)
        ws.cell(row=r, column=3, value=setting.help)
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 44
    ws.column_dimensions["C"].width = 70
    ws.freeze_panes = "A2"


def write_workbook(path: Path, spec: WorkbookSpec, period: str,
                   data: Mapping[str, Any]) -> None:
    """Write `data` ({sheet name: rows or settings}) atomically to `path`."""
    book = Workbook()
    # An output-only sheet (Avstämning) is written only with its rows, never empty.
    sheets = [s for s in spec.sheets if not s.output_only or data.get(s.name)]
    _instructions(book.active, spec, period, {s.name for s in sheets})
    book.active.title = INSTRUCTIONS_SHEET
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        if sheet.is_key_value:
            _settings_sheet(ws, sheet, data.get(sheet.name, {}))
        else:
            _table_sheet(ws, sheet, data.get(sheet.name, []))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(fd)
    make_usual(Path(tmp))
    try:
        book.save(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
