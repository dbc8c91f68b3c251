"""Model and computed figures → the template's context: the one place plain dicts appear.

Every variable the template may use is listed in templates/README.md.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from generator.compute import (
    STYLE_HEADING,
    STYLE_NOTE,
    STYLE_PART,
    STYLE_SUB,
    STYLE_SUM,
    STYLE_VARAV,
    ComputedTable,
    EconomyFigures,
)
from generator.formatting import MINUS, format_number
from generator.history import accuracy_table, history_table
from generator.kinds import report_name, titles
from generator.model import ReportInput, Settings
from generator.period import Period
from generator.table_writer import BodyCell, BodyRow, HeaderCell, TableLayout
from generator.tables import UNIT_FACTORS, CellKind, ColumnSpec, TableSpec, fill_header
from generator.word import Writer, Xml


def period_context(period: Period) -> dict[str, Any]:
    last = calendar.monthrange(period.year, period.month)[1]
    first = "1 januari" if period.month > 1 else "1"
    return {
        "cover_span": f"{first}–{last} {period.month_name} {period.year}",
        "slug": period.slug,
        "year": period.year,
        "previous_year": period.previous_year,
        "month": period.month_name,
        "end": period.end_date_label,
        "end_short": f"{last} {period.month_abbr} {period.year}",
        "span": period.span_label,
        "title": period.title,
    }


def previous_report_label(name: str, period: Period) -> str:
    """ "delårsrapport mars {år}" → "delårsrapport mars 2024"; a name without a year gets
    the report's year, a name with one ("bokslut 2024") is kept as written."""
    if "{år}" in name:
        return name.replace("{år}", str(period.year))
    if re.search(r"\b(19|20)\d\d\b", name):
        return name
    return f"{name} {period.year}"


def header_names(report: ReportInput) -> dict[str, str]:
    """The names a column header may use: `Budget {period.year}` → `Budget 2024`."""
    period = period_context(report.period)
    names = {f"period.{k}": str(v) for k, v in period.items()}
    # The previous report as its folder names it, else as the setting does.
    names["previous_report"] = (report.economy.previous.label or previous_report_label(
        report.settings.previous_report, report.period))
    return names


def decimals_of(column: ColumnSpec, spec: TableSpec, settings: Settings) -> int:
    if column.decimals is not None:
        return column.decimals
    if column.kind.is_money:
        return spec.decimals if spec.decimals is not None else settings.decimals
    return 1 if column.kind is CellKind.PERCENT else 0


def shown(column: ColumnSpec, spec: TableSpec, value: object, settings: Settings) -> str:
    """One cell as printed: scaled to the table's unit, signed as the kommun prints costs,
    rounded only here. Text is verbatim."""
    if value is None:
        return ""
    if column.kind is CellKind.TEXT or not isinstance(value, Decimal):
        return str(value)
    number = value
    if column.kind.is_money:
        unit = spec.unit or settings.report_unit
        number = number * UNIT_FACTORS[settings.report_unit] / UNIT_FACTORS[unit]
        if column.kind is CellKind.AMOUNT and spec.cost_signed and settings.costs_negative:
            number = -number
    return format_number(number, decimals_of(column, spec, settings), MINUS)


def table_unit(spec: TableSpec, settings: Settings) -> str:
    return spec.unit or settings.report_unit


def header_rows(spec: TableSpec, names: Mapping[str, str]) -> list[list[HeaderCell]]:
    """One header row, or two when columns share a group header (merged above them)."""
    label = fill_header(spec.label_header, names)
    if not any(c.group for c in spec.columns):
        return [[HeaderCell(label), *(HeaderCell(fill_header(c.header, names),
                                                 numeric=c.kind.is_number)
                                      for c in spec.columns)]]
    top: list[HeaderCell] = [HeaderCell(label)]
    bottom: list[HeaderCell] = [HeaderCell("")]
    i = 0
    while i < len(spec.columns):
        column = spec.columns[i]
        numeric = column.kind.is_number
        if column.group:
            j = i
            while j < len(spec.columns) and spec.columns[j].group == column.group:
                j += 1
            top.append(HeaderCell(fill_header(column.group, names), j - i, numeric))
            bottom.extend(HeaderCell(fill_header(c.header, names), numeric=c.kind.is_number)
                          for c in spec.columns[i:j])
            i = j
        else:
            top.append(HeaderCell(fill_header(column.header, names), numeric=numeric))
            bottom.append(HeaderCell("", numeric=numeric))
            i += 1
    return [top, bottom]


def cell_runs(writer: Writer, key: str | None, text: str, bold: bool, italic: bool) -> Xml:
    """A computed cell: a content control keyed `table.row.column` when the row has a key."""
    if key is None:
        return writer.runs(text, bold, italic)
    return writer.figure(key, text, bold, italic)


def table_context(table: ComputedTable, settings: Settings, names: Mapping[str, str],
                  writer: Writer) -> dict[str, Any]:
    """`tables.<id>` in the template: the whole table, its unit, and its rows by name.

    `{{p tables.utfall.table }}` places the table; a template that lays out its own rows
    loops `{%tr for r in tables.utfall.rows %}` and uses `{{r r.label }}`, `{{r r.avvikelse }}`.
    """
    spec = table.spec
    rows: list[dict[str, Xml]] = []
    body: list[BodyRow] = []
    for line in table.lines:
        bold = line.style in (STYLE_SUM, STYLE_HEADING)
        italic = line.style in (STYLE_VARAV, STYLE_PART, STYLE_NOTE)
        label = writer.runs(line.label, bold, italic)
        cells = {c.key: cell_runs(writer, f"{spec.id}.{line.key}.{c.key}" if line.key else None,
                                  shown(c, spec, line.values.get(c.key), settings), bold,
                                  italic) for c in spec.columns}
        rows.append({"label": label, "style": Xml(line.style), **cells})
        if line.style in (STYLE_HEADING, STYLE_NOTE):
            body.append(BodyRow([BodyCell(label)], line.style))
        else:
            indent = line.style in (STYLE_SUB, STYLE_PART)
            body.append(BodyRow([BodyCell(label, indent=indent),
                                 *(BodyCell(cells[c.key], c.kind.is_number)
                                   for c in spec.columns)], line.style))
    layout = TableLayout(header_rows(spec, names), body,
                         [spec.label_width_cm, *(c.width_cm for c in spec.columns)])
    return {
        "table": Xml(writer.tables.write(layout)),
        "unit": table_unit(spec, settings),
        "rows": rows,
        "headers": {c.key: fill_header(c.header, names) for c in spec.columns},
    }


def economy_tables(report: ReportInput, figs: EconomyFigures) -> dict[str, ComputedTable]:
    """The report's computed tables by id: the kind's economy tables, and the forecast's
    history when the year has earlier reports."""
    ids = report.kind.tables
    tables = {ids["oversikt"]: figs.overview, ids["utfall"]: figs.utfall.table,
              ids["investeringar"]: figs.investments.table}
    if figs.prognos is not None:
        tables["prognos"] = figs.prognos.table
    for key, table in (("prognoshistorik", history_table(report, figs)),
                       ("prognossakerhet", accuracy_table(report, figs))):
        if table is not None:
            tables[key] = table
    return tables


def history_context(report: ReportInput, names: Mapping[str, str]) -> dict[str, Any]:
    """`history` in the template: whether the year has earlier reports with a forecast,
    their names, and the previous one's."""
    return {
        "earlier": bool(report.history),
        "reports": [report_name(e.kind, e.period) for e in report.history],
        "previous": names["previous_report"],
    }


def build_context(report: ReportInput, figs: EconomyFigures, writer: Writer
                  ) -> dict[str, Any]:
    s = report.settings
    names = header_names(report)
    kind = report.kind
    title, footer = titles(kind, report.period, s.kind_settings.get(kind.key), s.title)
    tables = economy_tables(report, figs)
    logo = (writer.picture(s.logo, 2.2, f"Logotyp: {s.kommun}") if s.logo is not None
            else Xml(""))
    return {
        "title": title,
        "short_title": footer,
        "report_kind": kind.name,
        "history": history_context(report, names),
        "namnd": s.namnd,
        "kommun": s.kommun,
        "logo": logo,
        "decision_date": s.decision_date or "",
        "diarienummer": s.diarienummer or "",
        "unit": s.report_unit,
        "period": {**period_context(report.period), "title": title},
        "previous_report": names["previous_report"],
        "tables": {key: table_context(t, s, names, writer) for key, t in tables.items()},
    }
