"""The year's earlier reports, read from their period folders: what each one forecast.

The previous report's deviation in Ekonomi i korthet and the forecast's history come from
the nämnd's period folders of the same year that hold a prognos.xlsx (and whose month the
calendar gives a kind with a forecast), so nothing is typed twice. Only when the previous
report has no folder is prognos.xlsx › Föregående prognos used, as typed. An earlier folder
that cannot be read is one warning, and that report is left out of the history.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from generator.excel.load import (
    check_period,
    drift_rows,
    load_report_input,
    load_settings,
    load_verksamheter,
)
from generator.excel.reader import WorkbookReader
from generator.excel.schema import PROGNOS, SETTINGS
from generator.formatting import format_number
from generator.history import row_pairs
from generator.issues import Issue, SourceRef, error, warning
from generator.kinds import DEFAULT, ReportKind, report_name
from generator.locate import periods_in
from generator.model import EarlierForecast, PreviousForecast, ReportInput, Settings
from generator.period import Period
from generator.tables import UNIT_FACTORS, TableSpec, names_in


def load_report(folder: Path, period: Period, requested: ReportKind | None = None,
                kind_found: list[ReportKind] | None = None
                ) -> tuple[ReportInput | None, list[Issue]]:
    """`load_report_input` with the year's earlier forecasts read from their folders and
    the previous report's deviation taken from the last of them."""
    report, issues = load_report_input(folder, period, requested, kind_found)
    if report is None:
        return None, issues
    earlier = earlier_forecasts(folder, report, issues)
    report = with_history(report, earlier, issues)
    if any(i.is_error for i in issues):
        return None, issues
    return report, issues


def kind_of(settings: Settings, period: Period) -> ReportKind | None:
    """An earlier month's kind by the current calendar (None: no report that month)."""
    if not settings.calendar:
        return DEFAULT
    return settings.calendar.get(period.month)


def earlier_forecasts(folder: Path, report: ReportInput, issues: list[Issue]
                      ) -> tuple[EarlierForecast, ...]:
    """The forecasts of the same year's reports before this one, oldest first."""
    found = []
    for period in periods_in(folder.parent):
        if period.year != report.period.year or period >= report.period:
            continue
        path = folder.parent / period.slug
        if not (path / PROGNOS.filename).is_file():
            continue
        kind = kind_of(report.settings, period)
        if kind is None:
            issues.append(warning(SourceRef(SETTINGS.filename, "Rapporter"), (
                f"{path} har en prognos, men kalendern har ingen rapport för "
                f"{period.month_name}; den kommer inte med i prognosens historik. Lägg till "
                f"{period.month_name} på fliken Rapporter")))
            continue
        if not kind.forecast:
            continue
        forecast, problems = read_forecast(path, period, kind, report.settings)
        if forecast is None:
            first = next((i for i in problems if i.is_error), None)
            why = f" ({first.ref}: {first.text})" if first is not None and first.ref else ""
            issues.append(warning(None, (
                f"prognosen i {path} kunde inte läsas{why}; {report_name(kind, period)} "
                "kommer inte med i prognosens historik. Rätta filen där (generate check "
                f"--period {period.slug})")))
            continue
        found.append(forecast)
    return tuple(found)


def read_forecast(path: Path, period: Period, kind: ReportKind, current: Settings
                  ) -> tuple[EarlierForecast | None, list[Issue]]:
    """One earlier folder's forecast by row, in the current report's unit."""
    issues: list[Issue] = []
    settings_reader = WorkbookReader(path / SETTINGS.filename, SETTINGS, issues)
    prognos = WorkbookReader(path / PROGNOS.filename, PROGNOS, issues)
    for reader in (settings_reader, prognos):
        check_period(reader, period, issues)
    settings = load_settings(settings_reader, issues)[0] if settings_reader.book else None
    if settings is None or prognos.book is None:
        return None, issues
    verksamheter = load_verksamheter(settings_reader, issues)
    factor = UNIT_FACTORS[settings.input_unit] / UNIT_FACTORS[settings.report_unit]
    drift = factor if settings.revenue_negative else -factor
    rows = drift_rows(prognos, "Drift", ("forecast", "budget", "previous"), verksamheter,
                       drift, issues, settings.table("prognos"))
    spend = income = frame = Decimal(0)
    for rec in prognos.table(PROGNOS.sheet("Investeringar")):
        if rec.ok:
            spend += rec.amount("spend")
            income += rec.amount("income")
            frame += rec.amount("frame")
    if any(i.is_error for i in issues) or not rows:
        return None, issues
    to_current = UNIT_FACTORS[settings.report_unit] / UNIT_FACTORS[current.report_unit]
    pairs = {key: (f * to_current, b * to_current)
             for key, (f, b) in row_pairs(rows, settings, verksamheter).items()}
    net = (spend - income) * factor * to_current
    return EarlierForecast(period, kind, pairs, (net, frame * factor * to_current), path), issues


def _uses(spec: TableSpec, name: str) -> bool:
    return any(name in names_in(c.expression) for c in spec.columns)


def with_history(report: ReportInput, earlier: tuple[EarlierForecast, ...],
                 issues: list[Issue]) -> ReportInput:
    """The report with its year's history; the previous report's deviation from the last
    earlier folder, else as typed (an error when neither is there and a table shows it)."""
    typed = report.economy.previous
    spec = report.settings.table(report.kind.tables["oversikt"])
    if not earlier:
        if _uses(spec, "foregaende_rapport") and typed.drift_deviation is None:
            issues.append(_missing_previous(report, typed))
        return replace(report, history=earlier)
    last = earlier[-1]
    previous = PreviousForecast(last.deviation, last.investment_deviation,
                                report_name(last.kind, last.period))
    d = report.settings.decimals
    for stated, found, ref in ((typed.drift_deviation, previous.drift_deviation, typed.refs[0]),
                               (typed.investment_deviation, previous.investment_deviation,
                                typed.refs[1])):
        if stated is None or found is None:
            continue
        if format_number(stated, d) != format_number(found, d):
            unit = report.settings.report_unit
            issues.append(warning(ref, (
                f"föregående rapports avvikelse läses från {last.folder} "
                f"({previous.label}): {format_number(found, d)} {unit}; värdet här "
                f"({format_number(stated, d)} {unit}) används inte. Töm cellen eller rätta "
                "den")))
    economy = replace(report.economy, previous=previous)
    return replace(report, economy=economy, history=earlier)


def _missing_previous(report: ReportInput, typed: PreviousForecast) -> Issue:
    """No earlier folder of the year and nothing typed: say where either may come from."""
    year, slug = report.period.year, report.period.slug
    if not report.kind.forecast:
        where = report.settings.table(report.kind.tables["oversikt"]).id
        return warning(None, (
            f"ingen rapport med prognos för {year} finns bredvid mappen {slug}, så kolumnen "
            f"för föregående rapports prognos i tabellen {where} blir tom"))
    return error(typed.refs[0] or SourceRef(PROGNOS.filename, "Föregående prognos"), (
        '"Avvikelse verksamhetens nettokostnader" saknas: hittade en tom cell, förväntade '
        "föregående rapports prognosavvikelse som ett tal, eller föregående rapports mapp "
        f"för {year} med prognos.xlsx bredvid mappen {slug}"))
