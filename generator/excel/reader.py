"""Read one workbook against its `WorkbookSpec`, collecting problems instead of stopping.

Every value keeps the cell it came from, so that later checks can name file › sheet › cell.
Inputs are opened read-only and never saved.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.excel.schema import (
    INSTRUCTIONS_SHEET,
    PERIOD_CELL,
    Column,
    Kind,
    Setting,
    SheetSpec,
    WorkbookSpec,
)
from generator.formatting import format_number, parse_number
from generator.issues import Issue, SourceRef, error

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Record:
    """One row of a table sheet (or one key-value sheet): parsed values and their cells."""

    row: int
    values: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, SourceRef] = field(default_factory=dict)
    ok: bool = True

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)

    def ref(self, key: str) -> SourceRef:
        return self.refs[key]


def _norm(text: object) -> str:
    return " ".join(str(text or "").replace("\u00a0", " ").split()).casefold()


def describe(value: object) -> str:
    """A found value as it should appear in a message."""
    if value is None:
        return "en tom cell"
    return f'"{value}"'


class WorkbookReader:
    """Opens a workbook and reads its sheets; problems go to `issues`."""

    def __init__(self, path: Path, spec: WorkbookSpec, issues: list[Issue]) -> None:
        self.path = path
        self.spec = spec
        self.issues = issues
        self.name = path.name
        self._formulas: Workbook | None = None
        self.book = self._open()

    # -- opening ---------------------------------------------------------------------
    def _open(self) -> Workbook | None:
        ref = SourceRef(self.name)
        if not self.path.exists():
            self.issues.append(error(ref, f"filen saknas; förväntade {self.path}"))
            return None
        head = self.path.read_bytes()[:8]
        if not head:
            self.issues.append(error(ref, "filen är tom; förväntade en Excel-arbetsbok (.xlsx)"))
            return None
        if head.startswith(_OLE_MAGIC):
            self.issues.append(error(ref, (
                "filen är lösenordsskyddad eller i det gamla .xls-formatet; spara den i Excel "
                "som Excel-arbetsbok (.xlsx) utan lösenord")))
            return None
        if not head.startswith(b"PK"):
            self.issues.append(error(ref, (
                "filen är inte en Excel-arbetsbok (.xlsx); den ser ut att vara text eller "
                "CSV. Öppna den i Excel och spara som Excel-arbetsbok (.xlsx)")))
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return load_workbook(self.path, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
            self.issues.append(error(ref, (
                "filen kunde inte läsas som Excel-arbetsbok (.xlsx); den kan vara skadad "
                f"eller avkortad ({type(exc).__name__}). Öppna och spara om den i Excel")))
            return None
        except Exception as exc:  # defusedxml refuses entity bombs with its own errors
            if type(exc).__module__.startswith("defusedxml"):
                self.issues.append(error(ref, (
                    "filen innehåller otillåten XML (till exempel en så kallad XML-bomb) och "
                    "lästes inte")))
                return None
            raise

    def _has_formula(self, sheet: str, cell: str) -> bool:
        if self._formulas is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._formulas = load_workbook(self.path, data_only=False)
        value = self._formulas[sheet][cell].value
        return isinstance(value, str) and value.startswith("=")

    # -- period ---------------------------------------------------------------------
    def period_text(self) -> tuple[str | None, SourceRef]:
        ref = SourceRef(self.name, INSTRUCTIONS_SHEET, PERIOD_CELL)
        if self.book is None or INSTRUCTIONS_SHEET not in self.book.sheetnames:
            return None, ref
        value = self.book[INSTRUCTIONS_SHEET][PERIOD_CELL].value
        return (str(value).strip() if value is not None else None), ref

    # -- sheets ---------------------------------------------------------------------
    def _worksheet(self, spec: SheetSpec) -> Worksheet | None:
        if self.book is None:
            return None
        for name in self.book.sheetnames:
            if _norm(name) == _norm(spec.name):
                return self.book[name]
        self.issues.append(error(SourceRef(self.name), (
            f'fliken "{spec.name}" saknas; förväntade en flik med det namnet '
            f"({spec.help.rstrip('.')})")))
        return None

    def _parse(self, ws: Worksheet, row: int, col: int, kind: Kind, required: bool,
               choices: tuple[str, ...], label: str, record: Record, key: str,
               aliases: tuple[tuple[str, str], ...] = ()) -> None:
        cell = f"{get_column_letter(col)}{row}"
        ref = SourceRef(self.name, ws.title, cell)
        record.refs[key] = ref
        raw = ws.cell(row=row, column=col).value
        if isinstance(raw, str) and not raw.strip():
            raw = None
        if raw is None:
            if required:
                if self._has_formula(ws.title, cell):
                    msg = ("formeln har inget sparat värde; öppna filen i Excel och spara den "
                           "igen så att värdet räknas ut")
                else:
                    msg = f"{label} saknas; förväntade {_expected(kind, choices)}"
                self.issues.append(error(ref, msg))
                record.ok = False
            record.values[key] = None
            return
        if kind is Kind.NUMBER:
            try:
                record.values[key] = parse_number(raw)
            except ValueError:
                self.issues.append(error(ref, f"förväntade ett tal, hittade {describe(raw)}"))
                record.ok = False
                record.values[key] = None
            return
        if kind is Kind.CELL:
            record.values[key] = (_newlines(raw) if isinstance(raw, str) else format_plain(raw))
            return
        text = raw if isinstance(raw, str) else _plain(raw)
        if kind is Kind.CHOICE:
            pairs = [(c, c) for c in choices] + list(aliases)
            match = next((m for a, m in pairs if _norm(a) == _norm(text)), None)
            if match is None:
                self.issues.append(error(ref, (
                    f"förväntade {_expected(kind, choices)}, hittade {describe(text)}")))
                record.ok = False
            record.values[key] = match
            return
        record.values[key] = _newlines(text).strip("\n ")

    def table(self, spec: SheetSpec) -> list[Record]:
        """Read a table sheet: header on row 1, a record per non-empty row."""
        ws = self._worksheet(spec)
        if ws is None:
            return []
        headers = {
            _norm(c.value): c.column for c in ws[1] if c.value is not None
        } if ws.max_row >= 1 else {}
        positions: dict[str, int] = {}
        for column in spec.columns:
            col = headers.get(_norm(column.header))
            if col is None:
                if column.required:
                    found = ", ".join(f'"{c.value}"' for c in ws[1] if c.value) or "ingen"
                    self.issues.append(error(SourceRef(self.name, ws.title, "rad 1"), (
                        f'kolumnen "{column.header}" saknas; hittade rubrikerna {found}')))
                continue
            positions[column.key] = col
        if any(c.required and c.key not in positions for c in spec.columns):
            return []
        known = {_norm(c.header) for c in spec.columns}
        extras = [(str(c.value).strip(), c.column) for c in ws[1]
                  if c.value is not None and _norm(c.value) not in known]
        records = []
        for row in range(2, ws.max_row + 1):
            cols = [*positions.values(), *(c for _, c in extras)]
            cells = [ws.cell(row=row, column=col).value for col in cols]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
                continue
            record = Record(row)
            for column in spec.columns:
                if column.key in positions:
                    self._parse(ws, row, positions[column.key], column.kind, column.required,
                                column.choices, f'"{column.header}"', record, column.key,
                                column.aliases)
                else:
                    record.values[column.key] = None
            if spec.extra_columns:
                values = []
                for header, col in extras:
                    self._parse(ws, row, col, Kind.CELL, False, (), header, record, header)
                    values.append((header, record.values.pop(header) or ""))
                record.values[spec.extra_columns] = values
            records.append(record)
        return records

    def settings(self, spec: SheetSpec) -> Record:
        """Read a key-value sheet (`Inställning | Värde`) into one record."""
        record = Record(0)
        ws = self._worksheet(spec)
        if ws is None:
            record.ok = False
            return record
        rows = {_norm(ws.cell(row=r, column=1).value): r for r in range(1, ws.max_row + 1)}
        for setting in spec.settings:
            row = rows.get(_norm(setting.label))
            if row is None:
                if setting.required and setting.default is None:
                    self.issues.append(error(SourceRef(self.name, ws.title, "kolumn A"), (
                        f'inställningen "{setting.label}" saknas; förväntade en rad med '
                        f'"{setting.label}" i kolumn A och värdet i kolumn B')))
                    record.ok = False
                record.values[setting.key] = _default(setting)
                continue
            self._parse(ws, row, 2, setting.kind, setting.required and setting.default is None,
                        setting.choices, f'"{setting.label}"', record, setting.key)
            if record.values[setting.key] is None:
                record.values[setting.key] = _default(setting)
        return record


def _default(setting: Setting) -> Any:
    if setting.default is None:
        return None
    return Decimal(setting.default) if setting.kind is Kind.NUMBER else setting.default


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")


def format_plain(value: object) -> str:
    """A number typed into a verbatim cell, in Swedish style: 1 473, 7,2 (no forced decimals)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    exponent = number.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(number, decimals)


def _plain(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _expected(kind: Kind, choices: tuple[str, ...]) -> str:
    if kind is Kind.NUMBER:
        return "ett tal"
    if kind is Kind.CHOICE:
        return "ett av värdena " + ", ".join(f'"{c}"' for c in choices)
    return "en text"


def column_by_key(spec: SheetSpec, key: str) -> Column:
    return next(c for c in spec.columns if c.key == key)
