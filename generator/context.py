"""Model and computed figures → the template's context: the one place plain dicts appear.

Every variable the template may use is listed in templates/README.md.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from docxtpl import RichText

from generator.compute import EconomyFigures, Line
from generator.formatting import format_number
from generator.model import ReportInput
from generator.period import Period


def period_context(period: Period) -> dict[str, Any]:
    last = calendar.monthrange(period.year, period.month)[1]
    return {
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


def _rich(text: str, style: str) -> RichText:
    return RichText(text, bold=style == "sum", italic=style == "varav")


def table_rows(lines: tuple[Line, ...], decimals: int) -> list[dict[str, RichText]]:
    """Table lines as rows of RichText cells: `label`, `c0`, `c1`, …"""
    rows = []
    for line in lines:
        row = {"label": _rich(line.label, line.style)}
        for i, value in enumerate(line.cells):
            row[f"c{i}"] = _rich(format_number(value, decimals), line.style)
        rows.append(row)
    return rows


def build_context(report: ReportInput, figs: EconomyFigures) -> dict[str, Any]:
    s = report.settings
    d = s.decimals
    return {
        "title": report.period.title,
        "namnd": s.namnd,
        "kommun": s.kommun,
        "unit": s.report_unit,
        "period": period_context(report.period),
        "previous_report": previous_report_label(s.previous_report, report.period),
        "overview": table_rows(figs.overview, d),
        "utfall": table_rows(figs.utfall.lines, d),
        "prognos": table_rows(figs.prognos.lines, d),
        "investeringar": table_rows(figs.investments.lines, d),
    }
