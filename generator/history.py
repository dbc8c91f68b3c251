"""The forecast across the year's reports: its history table, prognossäkerhet, the figures
texts may quote and the points of its chart.

Pure functions. The earlier reports' forecasts arrive in `ReportInput.history`, read from
their period folders by `excel/earlier.py`; this module sets them beside the current
report's forecast (or, in a verksamhetsberättelse, the year's outcome). Deviations are
Budget − Prognos as each report had them, so a budget changed during the year shows as it
was reported; prognossäkerhet is Prognos − Utfall: positive when the outcome came out
better (a lower net cost) than the forecast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from generator.compute import (
    STYLE_HEADING,
    STYLE_VARAV,
    ComputedTable,
    EconomyFigures,
    Line,
    drift_table,
)
from generator.kinds import column_label, narrow_label
from generator.model import DriftRow, ReportInput, Settings, Verksamhet
from generator.tables import CellKind, ColumnSpec, TableSpec

Pairs = Mapping[str, tuple[Decimal, Decimal]]  # row key → (forecast or outcome, budget)

_RAW = TableSpec("rader", (ColumnSpec("utfall", "", value="a"), ColumnSpec("budget", "",
                                                                            value="b")))


def row_pairs(rows: Sequence[DriftRow], settings: Settings,
              verksamheter: Sequence[Verksamhet]) -> dict[str, tuple[Decimal, Decimal]]:
    """(forecast or outcome, budget) of every row a driftsammandrag has, its sums and its
    hidden parts included, by row key; unrounded, in the report's unit."""
    summary = drift_table(rows, settings, _RAW, ("a", "b", "c"), verksamheter=verksamheter)
    out: dict[str, tuple[Decimal, Decimal]] = {}
    lines = [*summary.lines, *summary.hidden,
             *([summary.own_line] if summary.own_line is not None else [])]
    for line in lines:
        a, b = line.values.get("utfall"), line.values.get("budget")
        if line.key and line.style not in (STYLE_HEADING, STYLE_VARAV) \
                and isinstance(a, Decimal) and isinstance(b, Decimal):
            out[line.key] = (a, b)
    return out


def total(pairs: Pairs) -> tuple[Decimal, Decimal]:
    """The sum including egen regi, or the sum when there is none."""
    return pairs.get("summa_inkl") or pairs["summa"]


@dataclass(frozen=True)
class Report:
    """One report of the year as a column: its month, header and row figures."""

    key: str     # "aug": figure names and column keys
    month: int
    label: str   # "Delårsrapport augusti"
    pairs: Pairs
    header: str = ""  # the label for a narrow column: "Delårs\u00adrapport augusti"

    @property
    def deviation(self) -> Decimal:
        forecast, budget = total(self.pairs)
        return budget - forecast


def current_pairs(report: ReportInput) -> dict[str, tuple[Decimal, Decimal]]:
    """This report's forecast by row, or the year's outcome in a verksamhetsberättelse."""
    rows = report.economy.prognos if report.kind.forecast else report.economy.utfall
    return row_pairs(rows, report.settings, report.verksamheter)


def reports(report: ReportInput) -> list[Report]:
    """The year's forecasts in order: the earlier reports', then this one's (if it has one)."""
    out = [Report(e.period.month_abbr, e.period.month, column_label(e.kind, e.period),
                  e.lines, narrow_label(e.kind, e.period)) for e in report.history]
    if report.kind.forecast:
        out.append(Report(report.period.month_abbr, report.period.month,
                          column_label(report.kind, report.period), current_pairs(report),
                          narrow_label(report.kind, report.period)))
    return out


def _table(report: ReportInput, figs: EconomyFigures, table_id: str,
           columns: Sequence[tuple[ColumnSpec, Mapping[str, Decimal]]]) -> ComputedTable:
    """A table with the driftsammandrag's rows and the given columns (values by row key)."""
    base = figs.year.table
    spec = replace(report.settings.table(table_id), columns=tuple(c for c, _ in columns),
                   label_width_cm=report.settings.table(table_id).label_width_cm
                   or base.spec.label_width_cm)
    lines = []
    for line in base.lines:
        if line.style == STYLE_VARAV:
            continue
        cells = {} if line.style == STYLE_HEADING else {
            column.key: by_row.get(line.key or "") for column, by_row in columns}
        lines.append(Line(line.label, cells, line.style, line.key))
    return ComputedTable(spec, tuple(lines))


FORECAST_GROUP = "Avvikelse mot budget enligt prognosen i"
ACCURACY_GROUP = "Prognos minus utfall"


def history_table(report: ReportInput, figs: EconomyFigures) -> ComputedTable | None:
    """Prognosens utveckling: each report's forecast deviation per row, one column per
    report of the year (and the outcome's deviation in a verksamhetsberättelse); None when
    no earlier report of the year has a forecast."""
    if not report.history:
        return None
    columns = [(ColumnSpec(r.key, r.header, CellKind.DEVIATION, group=FORECAST_GROUP),
                {k: b - f for k, (f, b) in r.pairs.items()}) for r in reports(report)]
    if not report.kind.forecast:
        columns.append((ColumnSpec("utfall", f"Utfall {report.period.year}",
                                   CellKind.DEVIATION),
                        {k: b - u for k, (u, b) in current_pairs(report).items()}))
    return _table(report, figs, "prognoshistorik", columns)


def accuracy_table(report: ReportInput, figs: EconomyFigures) -> ComputedTable | None:
    """Prognossäkerhet (a verksamhetsberättelse): each earlier report's forecast minus the
    year's outcome, per row and in total; None when there is nothing to compare."""
    if report.kind.forecast or not report.history:
        return None
    outcome = current_pairs(report)
    columns = []
    for r in reports(report):
        diffs = {k: f - outcome[k][0] for k, (f, _) in r.pairs.items() if k in outcome}
        columns.append((ColumnSpec(r.key, r.header, CellKind.DEVIATION, group=ACCURACY_GROUP),
                        diffs))
    return _table(report, figs, "prognossakerhet", columns)


def history_figures(report: ReportInput) -> dict[str, Decimal]:
    """Figures texts may quote: `{historik.aug.avvikelse}` (each report's forecast
    deviation, in total), and in a verksamhetsberättelse `{prognossakerhet.aug}` (that
    forecast minus the outcome) and `{prognossakerhet.aug.procent}` (of the outcome)."""
    names: dict[str, Decimal] = {}
    if not report.history:
        return names
    year = reports(report)
    for r in year:
        names[f"historik.{r.key}.avvikelse"] = r.deviation
    if not report.kind.forecast:
        outcome = total(current_pairs(report))[0]
        for r in year:
            diff = total(r.pairs)[0] - outcome
            names[f"prognossakerhet.{r.key}"] = diff
            if outcome:
                names[f"prognossakerhet.{r.key}.procent"] = diff / abs(outcome) * 100
    return names


def chart_points(report: ReportInput) -> tuple[list[tuple[int, str, Decimal]], Decimal | None]:
    """The chart of the forecast over the year: (month, report, deviation) per report, and
    the outcome's deviation once the year is over (else None)."""
    points = [(r.month, r.label, r.deviation) for r in reports(report)]
    if report.kind.forecast:
        return points, None
    outcome, budget = total(current_pairs(report))
    return points, budget - outcome

