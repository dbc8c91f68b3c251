"""Read diagram.xlsx into a `ChartBook`, collecting problems with file › sheet › cell.

The workbook is optional: a period folder without it simply has no charts (a text that
places one with `[diagram C1]` is then an error, found when the charts are planned).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from generator.charts.model import MONTHS, ChartBook, ChartDef, SeriesYear, series_key
from generator.excel.load import check_period
from generator.excel.reader import WorkbookReader
from generator.excel.schema import DIAGRAM, MONTH_HEADERS
from generator.issues import Issue, SourceRef, error
from generator.locate import workbook_path
from generator.period import Period

# Kinds drawn from the report's own figures (the driftsammandrag, the year's forecasts),
# never from the sheet Serier.
FORECAST_CHART = "prognosens utveckling"
DRIFT_KINDS = ("staplar avvikelse", "staplar prognos mot budget", FORECAST_CHART)
_SPLIT = re.compile(r"[,\n;]")
_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def _series(reader: WorkbookReader, issues: list[Issue]) -> dict[str, dict[int, SeriesYear]]:
    found: dict[str, dict[int, SeriesYear]] = {}
    missing_months_reported = False
    for rec in reader.table(DIAGRAM.sheet("Serier")):
        if not rec.ok:
            continue
        name, year = rec["series"], rec["year"]
        if "," in name or ";" in name:
            issues.append(error(rec.ref("series"), (
                f'serienamnet "{name}" innehåller kommatecken eller semikolon; de skiljer '
                "serierna åt i kolumnen Serier på fliken Diagram. Byt namn på serien")))
            continue
        if year != year.to_integral_value() or not 1900 <= year <= 2200:
            issues.append(error(rec.ref("year"), f"förväntade ett årtal, hittade {year}"))
            continue
        if any(f"m{m}" not in rec.refs for m in range(1, MONTHS + 1)):
            if not missing_months_reported:
                absent = [h for m, h in enumerate(MONTH_HEADERS, start=1)
                          if f"m{m}" not in rec.refs]
                issues.append(error(SourceRef(reader.name, "Serier", "rad 1"), (
                    "kolumnerna " + ", ".join(absent) + " saknas; förväntade en kolumn per "
                    "månad, " + ", ".join(MONTH_HEADERS))))
                missing_months_reported = True
            continue
        by_year = found.setdefault(series_key(name), {})
        if int(year) in by_year:
            first = by_year[int(year)].ref
            issues.append(error(rec.ref("year"), (
                f'serien "{name}" har redan en rad för {int(year)} (rad '
                f"{first.cell.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}); varje serie får en rad "
                "per år")))
            continue
        values: tuple[Decimal | None, ...] = tuple(rec[f"m{m}"] for m in range(1, MONTHS + 1))
        cells = tuple(rec.refs.get(f"m{m}") for m in range(1, MONTHS + 1))
        by_year[int(year)] = SeriesYear(name, int(year), values, rec.ref("series"), cells)
    return found


def split_series(text: str | None) -> tuple[str, ...]:
    """ "A, B" → ("A", "B"); the Serier cell of the Diagram sheet."""
    if not text:
        return ()
    return tuple(part.strip() for part in _SPLIT.split(text) if part.strip())


def _charts(reader: WorkbookReader, issues: list[Issue]) -> tuple[ChartDef, ...]:
    charts: list[ChartDef] = []
    seen: dict[str, SourceRef] = {}
    for rec in reader.table(DIAGRAM.sheet("Diagram")):
        if not rec.ok:
            continue
        chart_id = rec["id"]
        if not _ID.match(chart_id):
            issues.append(error(rec.ref("id"), (
                f'Id "{chart_id}" kan inte användas i [diagram {chart_id}]; förväntade '
                "bokstäver, siffror, - eller _ utan mellanslag, till exempel C1")))
            continue
        if chart_id.casefold() in seen:
            issues.append(error(rec.ref("id"), (
                f'diagrammet "{chart_id}" finns redan på {seen[chart_id.casefold()].cell}; '
                "varje diagram måste ha ett unikt Id")))
            continue
        seen[chart_id.casefold()] = rec.ref("id")
        charts.append(ChartDef(
            id=chart_id, kind=rec["kind"], title=rec["title"],
            series=split_series(rec["series"]), section=rec["section"],
            caption=rec["caption"], source=rec["source"], unit=rec["unit"],
            ref=rec.ref("id"), series_ref=rec.refs.get("series"),
            section_ref=rec.refs.get("section"),
        ))
    return tuple(charts)


def load_charts(folder: Path, period: Period) -> tuple[ChartBook, list[Issue]]:
    """Read `folder/diagram.xlsx` if there is one; return the book and every problem."""
    issues: list[Issue] = []
    path = workbook_path(folder, DIAGRAM.filename)
    if not path.exists():
        return ChartBook(), issues
    reader = WorkbookReader(path, DIAGRAM, issues)
    if reader.book is None:
        return ChartBook(), issues
    check_period(reader, period, issues)
    series = _series(reader, issues)
    charts = _charts(reader, issues)
    issues.extend(reader.unused_sheets())
    return ChartBook(charts, series, present=True), issues
