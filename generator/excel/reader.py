"""Read one workbook against its `WorkbookSpec`, collecting problems instead of stopping.

Every value keeps the cell it came from, so that later checks can name file › sheet › cell.
Inputs are opened read-only and never saved.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple

from generator.excel.amounts import too_large
from generator.excel.cleaning import trim
from generator.excel.files import file_problem, load_failure, sheet_failure
from generator.excel.schema import (
    INSTRUCTIONS_SHEET,
    PERIOD_CELL,
    Kind,
    Setting,
    SheetSpec,
    WorkbookSpec,
    name_key,
)
from generator.excel.sheets import CellBook, SheetCells
from generator.formatting import (
    LARGEST,
    NumberOutOfRange,
    format_number,
    is_ambiguous_dot,
    parse_number,
)
from generator.issues import Issue, SourceRef, error, warning
from generator.period import Period

# What openpyxl returns (data_only) for a formula whose cached result is an Excel error.
_EMPTY = " saknas: hittade en tom cell, förväntade "  # message of an empty required cell
EXCEL_ERROR_HINT = "Excel visar ett fel i cellen; rätta formeln och spara igen"


# What a Swedish Excel shows for each error value the file stores in English.
SWEDISH_ERRORS = {"#N/A": "#SAKNAS!", "#VALUE!": "#VÄRDEFEL!", "#REF!": "#REFERENS!",
                  "#DIV/0!": "#DIVISION/0!", "#NAME?": "#NAMN?", "#NUM!": "#OGILTIGT!",
                  "#NULL!": "#SKÄRNING!"}


def error_value(stored: str) -> str:
    """An error value as a Swedish Excel shows it, the stored one after: "#SAKNAS! (#N/A)"."""
    return f"{SWEDISH_ERRORS[stored]} ({stored})" if stored in SWEDISH_ERRORS else stored


def unsaved_formula(formula: str | None) -> str:
    """What to say of a formula saved without its value (`formula` as Excel shows it)."""
    return ((f'formeln "{formula}"' if formula else "formeln i cellen")
            + " har inget sparat värde (filen har sparats av ett program som inte räknar ut "
            "formler); öppna filen i Excel och spara den igen så att värdet räknas ut")


EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!",
                "#SPILL!", "#CALC!", "#GETTING_DATA")


@dataclass
class Record:
    """One row of a table sheet (or one key-value sheet): parsed values and their cells.

    The typed accessors (`text`, `number`, …) say what a column holds; the schema's `Kind`
    decided it when the cell was read, so they only narrow the type for the checker.
    """

    row: int
    values: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, SourceRef] = field(default_factory=dict)
    ok: bool = True
    # The sheet's columns that the spec does not name, as (header, raw value, cell), for a
    # reader that decides later what they hold (a Kommentar, a Budget föregående år …).
    extras: list[tuple[str, Any, SourceRef]] = field(default_factory=list)

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)

    def ref(self, key: str) -> SourceRef:
        return self.refs[key]

    def text(self, key: str) -> str | None:
        """A text, choice or verbatim cell: None when empty."""
        value = self.values.get(key)
        return None if value is None else str(value)

    def required_text(self, key: str) -> str:
        """A required text cell of a record that read without errors."""
        value = self.values.get(key)
        if not isinstance(value, str):
            raise ValueError(f"{key} is empty in a record marked ok")  # a bug, not bad input
        return value

    def number(self, key: str) -> Decimal | None:
        value = self.values.get(key)
        return value if isinstance(value, Decimal) else None

    def amount(self, key: str) -> Decimal:
        """A required number cell of a record that read without errors."""
        value = self.values.get(key)
        if not isinstance(value, Decimal):
            raise ValueError(f"{key} is not a number in a record marked ok")
        return value


def describe(value: object) -> str:
    """A found value as it should appear in a message."""
    if value is None:
        return "en tom cell"
    return f'"{_plain(value)}"'


def out_of_range(raw: object) -> str:
    """The message for a number no report can hold (`formatting.LARGEST`)."""
    return (f"talet {describe(raw)} är orimligt stort; förväntade ett tal mellan "
            f"-{format_number(LARGEST, 0)} och {format_number(LARGEST, 0)}. Kontrollera "
            "cellen: talet kan ha skrivits in av misstag")


class WorkbookReader:
    """Opens a workbook and reads its sheets; problems go to `issues`."""

    def __init__(self, path: Path, spec: WorkbookSpec, issues: list[Issue]) -> None:
        self.path = path
        self.spec = spec
        self.issues = issues
        self.name = path.name
        # Sheets reported as missing or without their required columns: rows "missing" from
        # them are a consequence, not another problem, and are not reported again.
        self.unreadable: set[str] = set()
        self.read_sheets: set[str] = set()  # sheet names as in the file, for unused ones
        # Columns of a sheet that its spec does not name: sheet → [(header, column letter)].
        self.extra_headers: dict[str, list[tuple[str, str]]] = {}
        self._broken: set[str] = set()  # sheets reported as damaged
        # The unit of this workbook's number cells when they are amounts (utfall, prognos):
        # set once the settings are read, so that an amount beyond any budget is an error.
        self.amount_unit: str | None = None
        self.book = self._open()

    def readable(self, spec: SheetSpec) -> bool:
        """True if the sheet was read; False if the file or the sheet is already reported."""
        return self.book is not None and spec.name not in self.unreadable

    # -- opening ---------------------------------------------------------------------
    def _open(self) -> CellBook | None:
        """Open the workbook for reading, or explain in Swedish why it cannot be read."""
        ref = SourceRef(self.name)
        problem = file_problem(self.path)
        if problem is not None:
            self.issues.append(error(ref, problem))
            return None
        try:
            return CellBook(self.path)
        except Exception as exc:  # noqa: BLE001 - every failure becomes one Swedish line
            self.issues.append(error(ref, load_failure(exc)))
            return None

    def _formula(self, sheet: str, cell: str) -> str | None:
        """The formula in a cell that has no cached value, if it is one (see design.md §4)."""
        if self.book is None:
            return None
        row, col = coordinate_to_tuple(cell)
        try:
            return self.book.formula(sheet, row, col)
        except Exception:  # noqa: BLE001 - the sheet read once already; no formula to name
            return None

    def _sheet(self, name: str) -> SheetCells | None:
        """A sheet's cells; a sheet that cannot be parsed is reported once, at the sheet."""
        if self.book is None:
            return None
        try:
            return self.book.sheet(name)
        except Exception as exc:  # noqa: BLE001 - a damaged part: one Swedish line
            if name not in self._broken:
                self._broken.add(name)
                self.issues.append(error(SourceRef(self.name, name), sheet_failure(exc)))
            return None

    # -- period ---------------------------------------------------------------------
    def period_text(self) -> tuple[str | None, SourceRef]:
        ref = SourceRef(self.name, INSTRUCTIONS_SHEET, PERIOD_CELL)
        if self.book is None or INSTRUCTIONS_SHEET not in self.book.sheetnames:
            return None, ref
        ws = self._sheet(INSTRUCTIONS_SHEET)
        value = ws.value(*coordinate_to_tuple(PERIOD_CELL)) if ws is not None else None
        if isinstance(value, date):  # Excel makes a typed "aug-2024" the date 2024-08-01
            return Period(value.year, value.month).slug, ref
        return (str(value).strip() if value is not None else None), ref

    # -- sheets ---------------------------------------------------------------------
    def has_sheet(self, spec: SheetSpec) -> bool:
        return self.book is not None and any(
            name_key(name) == name_key(spec.name) for name in self.book.sheetnames)

    def _worksheet(self, spec: SheetSpec) -> SheetCells | None:
        if self.book is None:
            return None
        for name in self.book.sheetnames:
            if name_key(name) == name_key(spec.name):
                self.read_sheets.add(name)
                ws = self._sheet(name)
                if ws is None:
                    self.unreadable.add(spec.name)
                return ws
        self.unreadable.add(spec.name)
        if spec.optional:
            return None
        found = ", ".join(f'"{n}"' for n in self.book.sheetnames) or "inga"
        self.issues.append(error(SourceRef(self.name), (
            f'fliken "{spec.name}" saknas; förväntade en flik med det namnet '
            f"({spec.help.rstrip('.')}), hittade flikarna {found}")))
        return None

    def _parse(self, ws: SheetCells, row: int, col: int, kind: Kind, required: bool,
               choices: tuple[str, ...], label: str, record: Record, key: str,
               aliases: tuple[tuple[str, str], ...] = ()) -> None:
        cell = f"{get_column_letter(col)}{row}"
        ref = SourceRef(self.name, ws.title, cell)
        record.refs[key] = ref
        raw = ws.value(row, col)  # blank text is no value (sheets.py)
        if raw is None:
            if required:
                formula = self._formula(ws.title, cell)
                if formula is not None:
                    msg = unsaved_formula(formula)
                else:
                    msg = f"{label}{_EMPTY}{_expected(kind, choices)}"
                self.issues.append(error(ref, msg))
                record.ok = False
            record.values[key] = None
            return
        if kind is Kind.NUMBER or (kind is Kind.CELL and _is_number(raw)):
            number = self._number(raw, ref, amount=kind is Kind.NUMBER)
            record.ok = record.ok and number is not None
            record.values[key] = (number if kind is Kind.NUMBER or number is None
                                  else format_plain(raw))
            return
        if kind is Kind.CELL:
            record.values[key] = raw if isinstance(raw, str) else format_plain(raw)
            return
        text = raw if isinstance(raw, str) else _plain(raw)
        if kind is Kind.CHOICE:
            pairs = [(c, c) for c in choices] + list(aliases)
            match = next((m for a, m in pairs if name_key(a) == name_key(text)), None)
            if match is None:
                self.issues.append(error(ref, (
                    f"förväntade {_expected(kind, choices)}, hittade {describe(text)}")))
                record.ok = False
            record.values[key] = match
            return
        record.values[key] = trim(text)

    def _number(self, raw: object, ref: SourceRef, amount: bool) -> Decimal | None:
        """A number cell's value, or None once the reason it is none is reported."""
        try:
            number = parse_number(raw)
        except NumberOutOfRange:
            problem = out_of_range(raw)
        except ValueError:
            problem = f"förväntade ett tal, hittade {describe(raw)}"
            if isinstance(raw, str) and raw.strip().upper() in EXCEL_ERRORS:
                problem += f" ({EXCEL_ERROR_HINT})"
            elif is_ambiguous_dot(raw):
                problem += (" (punkten kan betyda tusental eller decimaler; skriv 61700 eller "
                            "61 700 för tusental, 61,7 för decimaler)")
        else:
            beyond = (too_large(number, self.amount_unit)
                      if number is not None and amount and self.amount_unit else None)
            if beyond is None:
                return number
            problem = beyond
        self.issues.append(error(ref, problem))
        return None

    def table(self, spec: SheetSpec) -> list[Record]:
        """Read a table sheet: header on row 1, a record per non-empty row."""
        ws = self._worksheet(spec)
        if ws is None:
            return []
        header_row = {col: str(value) for col, value in ws.row(1).items()}
        headers = {name_key(text): col for col, text in header_row.items()}
        positions: dict[str, int] = {}
        expected = ", ".join(f'"{c.header}"' + ("" if c.required else " (valfri)")
                             for c in spec.columns)
        found = ", ".join(f'"{trim(text)}"' for text in header_row.values()) or "inga"
        for column in spec.columns:
            col = headers.get(name_key(column.header))
            if col is None:
                if column.required:
                    self.issues.append(error(SourceRef(self.name, ws.title, "rad 1"), (
                        f'kolumnen "{column.header}" saknas; förväntade rubrikerna {expected} '
                        f"på rad 1, hittade {found}")))
                elif ws.last_row > 1:
                    # An optional column that is gone is usually one deleted by mistake:
                    # say so, since its cells silently become empty in the report.
                    self.issues.append(warning(SourceRef(self.name, ws.title, "rad 1"), (
                        f'kolumnen "{column.header}" saknas, så den behandlas som tom; lägg '
                        f"tillbaka den om den togs bort av misstag (hittade rubrikerna "
                        f"{found})")))
                continue
            positions[column.key] = col
        if any(c.required and c.key not in positions for c in spec.columns):
            self.unreadable.add(spec.name)
            return []
        known = {name_key(c.header) for c in spec.columns}
        extras = [(trim(text), col) for col, text in header_row.items()
                  if name_key(text) not in known]
        self.extra_headers[spec.name] = [(h, get_column_letter(c)) for h, c in extras]
        if not spec.extra_columns and not spec.raw_extras:
            for header, col in extras:  # nothing reads them: say so rather than drop them
                self.issues.append(warning(
                    SourceRef(self.name, ws.title, f"kolumn {get_column_letter(col)}"), (
                        f'kolumnen "{header}" används inte av programmet och kommer inte med i '
                        f"rapporten; förväntade bara kolumnerna {expected}. Ta bort kolumnen "
                        "eller byt namn på den om den var menad som en av dem")))
        self.issues.extend(self._headerless(ws))
        records = []
        first_issue = len(self.issues)
        row_labels: dict[int, str] = {}
        cols = {*positions.values(), *(c for _, c in extras)}
        for row, cells in ws.rows(2):
            if cols.isdisjoint(cells):
                continue  # only headerless cells, reported above
            record = Record(row)
            before = len(self.issues)
            for column in spec.columns:
                if column.key in positions:
                    self._parse(ws, row, positions[column.key], column.kind, column.required,
                                column.choices, f'"{column.header}"', record, column.key,
                                column.aliases)
                else:  # an optional column that is missing: empty, named by its row
                    record.values[column.key] = None
                    record.refs[column.key] = SourceRef(self.name, ws.title, f"rad {row}")
            if spec.extra_columns:
                values = []
                for header, col in extras:
                    self._parse(ws, row, col, Kind.CELL, False, (), header, record, header)
                    values.append((header, record.values.pop(header) or ""))
                record.values[spec.extra_columns] = values
            if spec.raw_extras:
                for header, col in extras:
                    raw = cells.get(col)
                    if isinstance(raw, str):
                        raw = trim(raw) or None
                    ref = SourceRef(self.name, ws.title, f"{get_column_letter(col)}{row}")
                    record.extras.append((header, raw, ref))
            records.append(record)
            label = _row_label(record)
            if label:
                row_labels.update((id(i), label) for i in self.issues[before:])
        self.fold_empty_columns(first_issue, len(records))
        self._name_rows(first_issue, row_labels)
        return records

    def _headerless(self, ws: SheetCells) -> list[Issue]:
        """Values below row 1 in a column without a header: nothing reads them, so each such
        column is a warning naming its cells, rather than data dropped in silence."""
        headed = set(ws.row(1))
        stray: dict[int, list[int]] = {}
        for row, cells in ws.rows(2):
            for col in cells:
                if col not in headed:
                    stray.setdefault(col, []).append(row)
        issues = []
        for col, rows in sorted(stray.items()):
            letter = get_column_letter(col)
            shown = ", ".join(f"{letter}{r}" for r in rows[:5])
            if len(rows) > 5:
                shown += f" och {len(rows) - 5} till"
            issues.append(warning(SourceRef(self.name, ws.title, f"kolumn {letter}"), (
                f"kolumnen har ingen rubrik i {letter}1, så värdena i den ({shown}) används "
                "inte och kommer inte med i rapporten; skriv en rubrik i "
                f"{letter}1 om de ska med, eller ta bort dem")))
        return issues

    def _name_rows(self, first_issue: int, labels: dict[int, str]) -> None:
        """Say which row a cell belongs to ("513 - Insatser …"): the economist thinks in
        verksamheter and objekt, not in cell addresses."""
        self.issues[first_issue:] = [
            Issue(i.severity, i.ref, f'{i.message} (raden "{labels[id(i)]}")')
            if id(i) in labels else i for i in self.issues[first_issue:]]

    def fold_empty_columns(self, first_issue: int, n_rows: int) -> None:
        """One message for a column left empty on every row, not one per cell.

        A new period's workbooks have whole columns to fill; 13 lines saying the same thing
        about C2 … C14 hide the other problems.
        """
        if n_rows < 3:
            return
        added = self.issues[first_issue:]
        by_column: dict[str, list[tuple[Issue, SourceRef]]] = {}
        for issue in added:
            if issue.ref is not None and _EMPTY in issue.message:
                column = issue.ref.cell.rstrip("0123456789")
                by_column.setdefault(column, []).append((issue, issue.ref))
        folded: dict[int, Issue] = {}
        dropped: set[int] = set()
        for cells in by_column.values():
            if len(cells) != n_rows:
                continue
            (first, start), (_, end) = cells[0], cells[-1]
            label, expected = first.message.split(_EMPTY)
            ref = SourceRef(start.file, start.sheet, f"{start.cell}:{end.cell}")
            folded[id(first)] = error(ref, (
                f"{label} saknas på alla {n_rows} rader: förväntade {expected} i varje cell"))
            dropped.update(id(i) for i, _ in cells[1:])
        if folded:
            self.issues[first_issue:] = [folded.get(id(i), i) for i in added
                                         if id(i) not in dropped]

    def settings(self, spec: SheetSpec) -> Record:
        """Read a key-value sheet (`Inställning | Värde`) into one record."""
        record = Record(0)
        ws = self._worksheet(spec)
        if ws is None:
            record.ok = False
            return record
        labels = {row: cells.get(1) for row, cells in ws.rows()}
        rows = {name_key(label): row for row, label in labels.items()}
        for setting in spec.settings:
            row = rows.get(name_key(setting.label))
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
        known = {name_key(s.label) for s in spec.settings} | {"", name_key("Inställning")}
        for label, row in rows.items():
            if label not in known and ws.value(row, 2) is not None:
                shown = trim(str(labels[row]))
                self.issues.append(warning(SourceRef(self.name, ws.title, f"A{row}"), (
                    f'inställningen "{shown}" finns inte och används inte; kontrollera '
                    "stavningen (fliken Instruktioner listar inställningarna) eller ta bort "
                    "raden")))
        self.issues.extend(self._headerless(ws))
        return record

    def unused_sheets(self) -> list[Issue]:
        """Sheets that no reader asked for: a warning each, so nothing is dropped quietly."""
        if self.book is None:
            return []
        known = {name_key(s.name) for s in self.spec.sheets} | {name_key(INSTRUCTIONS_SHEET)}
        return [warning(SourceRef(self.name, name), (
            f'fliken "{name}" används inte av programmet och kommer inte med i rapporten; '
            f"förväntade bara flikarna {', '.join(s.name for s in self.spec.sheets)}"))
            for name in self.book.sheetnames if name_key(name) not in known]


def _row_label(record: Record) -> str:
    """The row's own name, from its key columns (Kod and name), for messages."""
    code, name = record.values.get("code"), record.values.get("name")
    parts = [str(p) for p in (code, name) if p]
    return " - ".join(parts)


def _default(setting: Setting) -> Any:
    if setting.default is None:
        return None
    return Decimal(setting.default) if setting.kind is Kind.NUMBER else setting.default


def format_plain(value: object) -> str:
    """A number typed into a verbatim cell, in Swedish style: 1 473, 7,2 (no forced decimals).

    Never fails: a number no report can hold (1E+300) is shown as Python writes it; where it
    must be a figure, the reader has already called it an error.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return _plain(value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or abs(number) > LARGEST:
        return str(value)
    exponent = number.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(number, decimals)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _plain(value: object) -> str:
    if isinstance(value, bool):  # as Excel shows a logical value in Swedish
        return "SANT" if value else "FALSKT"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime.datetime):  # a date cell, as Excel shows it: no 00:00:00
        return value.strftime("%Y-%m-%d" if value.time() == datetime.time() else
                              "%Y-%m-%d %H:%M")
    return str(value)


def _expected(kind: Kind, choices: tuple[str, ...]) -> str:
    if kind is Kind.NUMBER:
        return "ett tal"
    if kind is Kind.CHOICE:
        return "ett av värdena " + ", ".join(f'"{c}"' for c in choices)
    return "en text"
