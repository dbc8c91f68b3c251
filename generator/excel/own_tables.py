"""tabeller.xlsx → the kommun's own tables (ram build-up, decided åtgärder …).

The sheet Tabeller lists them; each has a sheet of its own, named by its id, with Radtyp
and the table's columns. Numbers are amounts; text and dates are shown as typed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from generator.excel.amounts import too_large
from generator.excel.reader import Record, WorkbookReader, out_of_range
from generator.excel.schema import INSTRUCTIONS_SHEET, OWN_TABLE_SHEET, TABELLER, name_key
from generator.formatting import NumberOutOfRange, parse_number
from generator.issues import Issue, SourceRef, error, warning
from generator.locate import workbook_path
from generator.model import OwnCell, OwnRow, OwnTable
from generator.period import Period


def _cell(raw: object, ref: SourceRef, unit: str | None, issues: list[Issue]) -> OwnCell:
    """A cell of the table; a number that cannot be an amount is reported and left empty
    (the error stops the report; the table stays, so [tabell T1] is not reported too)."""
    try:
        value = _cell_value(raw)
    except NumberOutOfRange:
        issues.append(error(ref, out_of_range(raw)))
        return OwnCell(None, ref)
    problem = too_large(value, unit) if isinstance(value, Decimal) and unit else None
    if problem is not None:
        issues.append(error(ref, problem))
        return OwnCell(None, ref)
    return OwnCell(value, ref)


def _cell_value(raw: object) -> Decimal | str | None:
    """A number stays a number (an amount); a date is written 2024-03-28; text as typed."""
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, bool):
        return "Ja" if raw else "Nej"
    if isinstance(raw, (int, float, Decimal)):
        return parse_number(raw)
    text = str(raw)
    return text if text.strip() else None


def _small_int(value: Decimal | None) -> int | None:
    if value is None or value != value.to_integral_value() or not 0 <= value <= 3:
        return None
    return int(value)


def _table(reader: WorkbookReader, rec: Record, issues: list[Issue],
           input_unit: str | None) -> OwnTable | None:
    table_id = rec.required_text("id")
    sheet = replace(OWN_TABLE_SHEET, name=table_id)
    if not reader.has_sheet(sheet):
        found = ", ".join(f'"{n}"' for n in (reader.book.sheetnames if reader.book else []))
        issues.append(error(rec.ref("id"), (
            f'tabellen "{table_id}" har ingen flik; förväntade en flik som heter '
            f'"{table_id}" med Radtyp och tabellens kolumner, hittade flikarna {found}')))
        return None
    rows = []
    records = reader.table(sheet)
    headers = tuple(h for h, _ in reader.extra_headers.get(table_id, []))
    if not headers:
        issues.append(error(SourceRef(reader.name, table_id, "rad 1"), (
            "tabellen har inga kolumner; förväntade Radtyp och sedan tabellens "
            "kolumnrubriker på rad 1")))
        return None
    unit = rec.text("input_unit") or input_unit
    for r in records:
        if not r.ok:
            continue
        cells = tuple(_cell(raw, ref, unit, issues) for _, raw, ref in r.extras)
        rows.append(OwnRow(r.required_text("kind"), cells, r.ref("kind")))
    decimals = _small_int(rec.number("decimals"))
    if rec.number("decimals") is not None and decimals is None:
        issues.append(error(rec.ref("decimals"), (
            f"förväntade ett heltal 0–3, hittade {rec['decimals']}")))
    return OwnTable(table_id, rec.required_text("caption"), headers, tuple(rows),
                    rec.ref("id"), rec.text("unit"), rec.text("input_unit"), decimals,
                    rec.text("source"), rec.text("ram") == "Ja")


def load_own_tables(folder: Path, period: Period, issues: list[Issue],
                    input_unit: str | None = None) -> tuple[OwnTable, ...]:
    """Every own table of the period folder; none when there is no tabeller.xlsx.

    `input_unit` (Enhet i indata) bounds the amounts of a table without a unit of its own.
    """
    from generator.excel.load import check_period

    path = workbook_path(folder, TABELLER.filename)
    if not path.exists():
        return ()
    reader = WorkbookReader(path, TABELLER, issues)
    if reader.book is None:
        return ()
    check_period(reader, period, issues)
    tables: list[OwnTable] = []
    seen: dict[str, SourceRef] = {}
    for rec in reader.table(TABELLER.sheet("Tabeller")):
        if not rec.ok:
            continue
        key = name_key(rec["id"])
        if key in seen:
            issues.append(error(rec.ref("id"), (
                f'tabellen "{rec["id"]}" finns redan på {seen[key].cell}; varje tabell måste '
                "ha ett eget Id")))
            continue
        seen[key] = rec.ref("id")
        table = _table(reader, rec, issues, input_unit)
        if table is not None:
            tables.append(table)
    known = {name_key(INSTRUCTIONS_SHEET), name_key("Tabeller"), *seen}
    for name in reader.book.sheetnames:
        if name_key(name) not in known:
            issues.append(warning(SourceRef(reader.name, name), (
                f'fliken "{name}" används inte: ingen rad på fliken Tabeller har Id "{name}"; '
                "lägg till en rad med Id och Bildtext eller ta bort fliken")))
    return tuple(tables)

