"""The sheets Tabeller and Kolumner of installningar.xlsx → the report's table specs.

Kolumner lists a table's columns in order; a table with rows there shows exactly those,
the others keep their default columns (`tables.DEFAULT_SPECS`). Tabeller sets a table's
unit, decimals and first-column header. Whether a column's Värde names something the
workbooks have is checked later (`check_columns`), once the workbooks' headers are known.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from generator.excel.reader import WorkbookReader
from generator.excel.schema import SETTINGS
from generator.issues import Issue, error
from generator.tables import (
    DEFAULT_SPECS,
    CellKind,
    ColumnSpec,
    ExpressionError,
    TableSpec,
    check_spec,
    names_in,
    slug,
    with_overrides,
)


def _small_int(value: Decimal | None, low: int, high: int) -> int | None:
    if value is None or value != value.to_integral_value() or not low <= value <= high:
        return None
    return int(value)


def load_table_specs(reader: WorkbookReader, issues: list[Issue]) -> dict[str, TableSpec]:
    """Every table's spec: the defaults with the settings' changes."""
    columns: dict[str, list[ColumnSpec]] = {}
    for rec in reader.table(SETTINGS.sheet("Kolumner")):
        if not rec.ok:
            continue
        table = rec.required_text("table")
        key = slug(rec.required_text("key"))
        if not key or key[0].isdigit():
            issues.append(error(rec.ref("key"), (
                f'"{rec["key"]}" kan inte vara en kolumns namn; förväntade ett ord som börjar '
                "med en bokstav, till exempel avvikelse eller kommentar")))
            continue
        if any(c.key == key for c in columns.get(table, [])):
            issues.append(error(rec.ref("key"), (
                f'kolumnen "{key}" finns redan i tabellen {table}; varje kolumn i en tabell '
                "måste ha ett eget namn")))
            continue
        decimals = _small_int(rec.number("decimals"), 0, 3)
        if rec.number("decimals") is not None and decimals is None:
            issues.append(error(rec.ref("decimals"), (
                f"förväntade ett heltal 0–3, hittade {rec['decimals']}")))
        width = rec.number("width")
        if width is not None and not Decimal("0.5") <= width <= Decimal(20):
            issues.append(error(rec.ref("width"), (
                f"förväntade en bredd i cm mellan 0,5 och 20, hittade {width}")))
            width = None
        value = rec.text("value") or key
        try:
            names_in(value)
        except ExpressionError as exc:
            issues.append(error(rec.ref("value"), str(exc)))
            continue
        columns.setdefault(table, []).append(ColumnSpec(
            key, rec.text("header") or "", CellKind(rec.required_text("kind")), value,
            float(width) if width is not None else None, rec.text("group") or "", decimals,
            rec.ref("value") if rec.text("value") else rec.ref("key")))
    specs = dict(DEFAULT_SPECS)
    for table, cols in columns.items():
        specs[table] = with_overrides(specs[table], columns=tuple(cols))
    for rec in reader.table(SETTINGS.sheet("Tabeller")):
        if not rec.ok:
            continue
        table = rec.required_text("table")
        decimals = _small_int(rec.number("decimals"), 0, 3)
        if rec.number("decimals") is not None and decimals is None:
            issues.append(error(rec.ref("decimals"), (
                f"förväntade ett heltal 0–3, hittade {rec['decimals']}")))
        width = rec.number("label_width")
        if width is not None and not Decimal("0.5") <= width <= Decimal(20):
            issues.append(error(rec.ref("label_width"), (
                f"förväntade en bredd i cm mellan 0,5 och 20, hittade {width}")))
            width = None
        specs[table] = with_overrides(specs[table], unit=rec.text("unit"), decimals=decimals,
                                      label_header=rec.text("label_header"),
                                      label_width=float(width) if width is not None else None)
    return specs


def field_use(spec: TableSpec) -> tuple[set[str], set[str], set[str]]:
    """The fields a spec reads: (shown as text, used as money, used as plain numbers).

    Money is read in the input unit and scaled like the other amounts; a plain number (a
    percentage, a count) is shown as it was typed.
    """
    keys = set(spec.keys())
    text: set[str] = set()
    money: set[str] = set()
    plain: set[str] = set()
    for column in spec.columns:
        try:
            names = set(names_in(column.expression)) - (keys - {column.key})
        except ExpressionError:
            continue
        if column.kind is CellKind.TEXT:
            text |= names
        elif column.kind.is_money:
            money |= names
        else:
            plain |= names
    return text, money, plain - money


def check_columns(spec: TableSpec, extra_fields: Iterable[str]) -> list[Issue]:
    """Columns whose Värde names nothing the table's workbooks give: errors at their cell."""
    available = [*spec.fields, *extra_fields]
    return [error(column.ref, f"tabellen {spec.id}, kolumnen {column.key}: {message}")
            for column, message in check_spec(spec, available)]


def spec_rows(spec: TableSpec) -> list[dict[str, object]]:
    """A spec as rows of the sheet Kolumner: what a new settings workbook is filled with, so
    that the economist edits the columns instead of typing them."""
    return [{"table": spec.id, "key": c.key, "header": c.header, "kind": c.kind.value,
             "value": c.value or None, "width": c.width_cm, "group": c.group or None,
             "decimals": c.decimals} for c in spec.columns]
