"""From a chart definition and the workbooks to what is drawn and what the alt text says.

Pure functions, no matplotlib. Values stay `Decimal` while messages are computed (so that
"4 413" is exact) and become floats only in `ChartData`. The current year is shown only up
to the period's month: a partial month never appears in a chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from generator.charts.model import (
    HBAR_PAIRS,
    HBARS,
    MONTH_LINES,
    MONTHS,
    POINTS,
    TIME_LINES,
    TIME_STACKED,
    ChartBook,
    ChartData,
    ChartDef,
    Line,
    PreparedChart,
    SeriesYear,
    series_key,
)
from generator.compute import deviation
from generator.formatting import MINUS, NBSP, format_number
from generator.issues import Issue, warning
from generator.model import DriftRow
from generator.period import ABBR_SV, MONTHS_SV, Period

KINDS = {
    "linje per år": MONTH_LINES,
    "linjer": TIME_LINES,
    "rullande tolv månader": TIME_LINES,
    "staplar staplade": TIME_STACKED,
    "staplar avvikelse": HBARS,
    "staplar prognos mot budget": HBAR_PAIRS,
    "prognosens utveckling": POINTS,
}
# The forecast's deviation in each report of the year: (month, report, deviation), and the
# outcome's deviation once the year is over (history.chart_points).
Forecasts = tuple[Sequence[tuple[int, str, Decimal]], Decimal | None]
MAX_YEARS = 6  # lines in one "linje per år" chart; more are not readable
NO_DATA = "Inga värden att visa"
Values = Sequence[Decimal | None]


def _fmt(value: Decimal | None, decimals: int) -> str:
    """A figure as the report prints it: with a minus sign (−), which screen readers read
    as minus, not as a dash."""
    return format_number(value, decimals, MINUS)


# -- small helpers -------------------------------------------------------------------
def _floats(values: Values) -> tuple[float | None, ...]:
    return tuple(None if v is None else float(v) for v in values)


def decimals_of(values: Iterable[Decimal | None]) -> int:
    """0 for whole numbers (counts, vårddygn), otherwise 1 (mnkr)."""
    return 0 if all(v is None or v == v.to_integral_value() for v in values) else 1


def percent_change(new: Decimal, old: Decimal) -> str | None:
    """ "+12 %" or "-3 %"; None when the old value is zero or negative (no meaningful base)."""
    if old <= 0:
        return None
    pct = (new - old) / old * 100
    text = _fmt(pct, 0)
    if text != "0" and not text.startswith(MINUS):
        text = "+" + text
    return f"{text}{NBSP}%"


def month_span(months: Sequence[int]) -> str:
    """1-based months → "januari–augusti" (first to last)."""
    first, last = MONTHS_SV[months[0] - 1], MONTHS_SV[months[-1] - 1]
    return first if first == last else f"{first}–{last}"


def short_span(period: Period) -> str:
    """ "jan–aug 2024" for the chart's subtitle."""
    if period.month == 1:
        return f"jan {period.year}"
    return f"jan–{period.month_abbr} {period.year}"


def _with_unit(text: str, unit: str | None) -> str:
    """ "200,2 mnkr": a one-word unit follows the number; longer ones stay in the subtitle."""
    return f"{text} {unit}" if unit and len(unit.split()) == 1 else text


def _subtitle(unit: str | None, rest: str) -> str:
    """ "Antal per månad, 2021–2024"; a one-word unit goes last: "Helår 2024, mnkr"."""
    unit = (unit or "").strip()
    rest = rest.strip(", ")
    if unit and len(unit.split()) == 1 and rest:
        parts = [rest, unit]
    else:
        parts = [p for p in (unit, rest) if p]
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


# -- months to show ------------------------------------------------------------------
def shown_values(row: SeriesYear, period: Period) -> tuple[Decimal | None, ...]:
    """A row's values with the months after the period blanked (and later years blank)."""
    if row.year > period.year:
        return (None,) * MONTHS
    if row.year < period.year:
        return row.values
    return row.values[:period.month] + (None,) * (MONTHS - period.month)


def late_value_issues(rows: Iterable[SeriesYear], period: Period) -> list[Issue]:
    """Values after the period are not shown; say so once per row."""
    issues = []
    for row in rows:
        if row.year > period.year and any(v is not None for v in row.values):
            issues.append(warning(row.ref, (
                f'serien "{row.name}" har värden för {row.year}, efter perioden '
                f"{period.slug}; de visas inte")))
        elif row.year == period.year:
            late = [m for m in range(period.month + 1, MONTHS + 1)
                    if row.values[m - 1] is not None]
            if late:
                ref = row.cells[late[0] - 1] if row.cells else row.ref
                issues.append(warning(ref, (
                    f'serien "{row.name}" har värden efter {period.month_name} '
                    f"{period.year} ({month_span(late)}); de visas inte eftersom perioden "
                    "slutar där")))
    return issues


# -- key messages --------------------------------------------------------------------
def compare_years(current: tuple[int, Values], previous: tuple[int, Values],
                  decimals: int) -> str:
    """ "2024 ligger över 2023 varje månad januari–augusti. Totalt januari–augusti: …" """
    (cy, cur), (py, prev) = current, previous
    pairs = [(m, c, p) for m, c, p in zip(range(1, MONTHS + 1), cur, prev, strict=False)
             if c is not None and p is not None]  # the months with a value for both years
    both = [m for m, _, _ in pairs]
    if not both:
        return f"{cy} och {py} har inga månader med värden för båda åren."
    n = len(both)
    above = sum(1 for _, c, p in pairs if c > p)
    below = sum(1 for _, c, p in pairs if c < p)
    span = month_span(both)
    gaps = both != list(range(both[0], both[-1] + 1))
    if n == 1:
        where = f"i {span}"
    elif gaps:
        where = f"{{}} de {n} månader {span} som har värden för båda åren"
    else:
        where = f"{{}} {span}"
    if n == 1:
        relation = "över" if above else "under" if below else "på samma nivå som"
        first = f"{cy} ligger {relation} {py} {where}."
    elif above == n or below == n:
        relation = "över" if above == n else "under"
        first = f"{cy} ligger {relation} {py} " + where.format(
            "under alla" if gaps else "varje månad") + "."
    else:
        first = (f"{cy} ligger över {py} i {above} av {n} månader"
                 + (f" ({span}, de månader som har värden för båda åren)." if gaps
                    else f" {span}."))
    cur_sum = sum((c for _, c, _ in pairs), Decimal(0))
    prev_sum = sum((p for _, _, p in pairs), Decimal(0))
    pct = percent_change(cur_sum, prev_sum)
    total = (f" Totalt {span}: {_fmt(cur_sum, decimals)} år {cy} mot "
             f"{_fmt(prev_sum, decimals)} år {py}")
    return first + total + (f" ({pct})." if pct else ".")


def single_year(year: int, values: Values, decimals: int) -> str:
    present = {m: v for m, v in enumerate(values[:MONTHS], start=1) if v is not None}
    months = list(present)
    if not months:
        return NO_DATA + "."
    total = sum(present.values(), Decimal(0))
    top = max(months, key=present.__getitem__)
    return (f"Bara {year} har värden: totalt {_fmt(total, decimals)} "
            f"{month_span(months)}, högst i {MONTHS_SV[top - 1]} "
            f"({_fmt(values[top - 1], decimals)}).")


def _month_label(index: int) -> str:
    year, month = divmod(index, 12)
    return f"{MONTHS_SV[month]} {year}"


def describe_line(label: str | None, axis: Sequence[int], values: Values, decimals: int,
                  unit: str | None) -> str:
    """The latest value against the same month a year earlier (or the first value)."""
    points = [(i, v) for i, v in zip(axis, values, strict=True) if v is not None]
    if not points:
        return f"{label}: inga värden." if label else NO_DATA + "."
    last_i, last_v = points[-1]
    earlier = next(((i, v) for i, v in points if i == last_i - 12), None) or points[0]
    lead = f"{label}: " if label else ""
    now = _with_unit(_fmt(last_v, decimals), unit)
    if earlier[0] == last_i:
        return f"{lead}{now} i {_month_label(last_i)}."
    then = _with_unit(_fmt(earlier[1], decimals), unit)
    verb = "ökade" if last_v > earlier[1] else "minskade" if last_v < earlier[1] else "var"
    pct = percent_change(last_v, earlier[1])
    if verb == "var":
        text = f"{lead}{now} i både {_month_label(earlier[0])} och {_month_label(last_i)}"
    else:
        text = (f"{lead}{verb} från {then} i {_month_label(earlier[0])} till {now} i "
                f"{_month_label(last_i)}")
    text = text[:1].upper() + text[1:] if not label else text
    return text + (f" ({pct})." if pct and verb != "var" else ".")


# -- the chart kinds -----------------------------------------------------------------
def _rows_for(chart: ChartDef, book: ChartBook) -> list[tuple[str, dict[int, SeriesYear]]]:
    out = []
    for name in chart.series:
        rows = book.series.get(series_key(name))
        if rows is not None:
            out.append((next(iter(rows.values())).name, rows))
    return out


def _blank_warnings(name: str, rows: dict[int, SeriesYear], period: Period,
                    chart: ChartDef) -> list[Issue]:
    shown = {y: shown_values(r, period) for y, r in rows.items() if y <= period.year}
    if all(v is None for values in shown.values() for v in values):
        first = rows[min(rows)]
        return [warning(first.ref, (
            f'serien "{name}" har inga värden till och med {period.month_name} '
            f"{period.year}; diagrammet {chart.id} visas utan den"))]
    return [warning(rows[y].ref, f'serien "{name}" har inga värden för {y}')
            for y, values in sorted(shown.items()) if all(v is None for v in values)]


def month_lines(chart: ChartDef, book: ChartBook, period: Period
                ) -> tuple[ChartData, str, list[Issue]]:
    issues: list[Issue] = []
    found = _rows_for(chart, book)
    name, rows = found[0] if found else (chart.title, {})
    if found:
        issues += _blank_warnings(name, rows, period, chart)
    years = [y for y in sorted(rows) if y <= period.year
             and any(v is not None for v in shown_values(rows[y], period))]
    if len(years) > MAX_YEARS:
        issues.append(warning(chart.ref, (
            f"diagrammet {chart.id} visar bara de {MAX_YEARS} senaste åren "
            f"({years[-MAX_YEARS]}–{years[-1]}); fler linjer går inte att läsa")))
        years = years[-MAX_YEARS:]
    values = {y: shown_values(rows[y], period) for y in years}
    decimals = decimals_of(v for vals in values.values() for v in vals)
    lines = []
    for y in years:
        label = str(y)
        if y == period.year and period.month < MONTHS:
            label += f" (jan–{period.month_abbr})" if period.month > 1 else " (jan)"
        lines.append(Line(label, _floats(values[y]), emphasis=y == years[-1]))
    if len(years) >= 2:
        message = compare_years((years[-1], values[years[-1]]), (years[-2], values[years[-2]]),
                                decimals)
    elif years:
        message = single_year(years[0], values[years[0]], decimals)
    else:
        message = NO_DATA + "."
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else ""
    data = ChartData(MONTH_LINES, chart.title, _subtitle(chart.unit, span),
                     tuple(ABBR_SV), tuple(lines), decimals,
                     empty_note=None if years else NO_DATA)
    return data, message, issues


def _series_by_month(found: list[tuple[str, dict[int, SeriesYear]]], period: Period
                     ) -> list[dict[int, Decimal]]:
    result = []
    for _, by_year in found:
        values: dict[int, Decimal] = {}
        for y, row in by_year.items():
            for m, v in enumerate(shown_values(row, period)):
                if v is not None:
                    values[y * 12 + m] = v
        result.append(values)
    return result


def rolling(values: dict[int, Decimal], window: int = 12) -> dict[int, Decimal]:
    """Sum of the last `window` months, only where every one of them has a value."""
    out = {}
    for i in values:
        months = range(i - window + 1, i + 1)
        if all(m in values for m in months):
            out[i] = sum((values[m] for m in months), Decimal(0))
    return out


def _axis(series: list[dict[int, Decimal]], period: Period) -> list[int]:
    starts = [min(s) for s in series if s]
    if not starts:
        return []
    end = period.year * 12 + period.month - 1
    return list(range(min(starts), end + 1))


def _time_categories(axis: Sequence[int]) -> tuple[tuple[str, ...], tuple[int | None, ...]]:
    labels = tuple(ABBR_SV[i % 12] for i in axis)
    years = tuple(i // 12 if i % 12 == 0 or n == 0 else None for n, i in enumerate(axis))
    return labels, years


def _axis_span(axis: Sequence[int]) -> str:
    def label(i: int) -> str:
        return f"{ABBR_SV[i % 12]} {i // 12}"

    return label(axis[0]) if len(axis) == 1 else f"{label(axis[0])}–{label(axis[-1])}"


def _monthly(chart: ChartDef, book: ChartBook, period: Period
             ) -> tuple[list[str], list[dict[int, Decimal]], int, list[Issue]]:
    """The chart's series month by month up to the period: names, values, decimals, and a
    warning for each blank one."""
    found = _rows_for(chart, book)
    issues = [i for name, rows in found for i in _blank_warnings(name, rows, period, chart)]
    series = _series_by_month(found, period)
    decimals = decimals_of(v for s in series for v in s.values())
    return [name for name, _ in found], series, decimals, issues


def time_lines(chart: ChartDef, book: ChartBook, period: Period, *, roll: bool
               ) -> tuple[ChartData, str, list[Issue]]:
    names, series, decimals, issues = _monthly(chart, book, period)
    if roll:
        series = [rolling(s) for s in series]
    axis = _axis(series, period)
    lines = tuple(Line(name, _floats([s.get(i) for i in axis]))
                  for name, s in zip(names, series, strict=True))
    single = len(names) == 1
    parts = [describe_line(None if single else name, axis, [s.get(i) for i in axis],
                           decimals, chart.unit)
             for name, s in zip(names, series, strict=True)]
    if roll and not axis:
        message = "Ingen månad har värden för tolv månader i följd."
    else:
        message = " ".join(parts) if axis else NO_DATA + "."
    labels, years = _time_categories(axis)
    rest = ("summa för de senaste tolv månaderna, " if roll else "") + (
        _axis_span(axis) if axis else "")
    data = ChartData(TIME_LINES, chart.title, _subtitle(chart.unit, rest),
                     labels, lines, decimals, years, empty_note=None if axis else NO_DATA)
    return data, message, issues


def time_stacked(chart: ChartDef, book: ChartBook, period: Period
                 ) -> tuple[ChartData, str, list[Issue]]:
    names, series, decimals, issues = _monthly(chart, book, period)
    axis = _axis(series, period)
    # A month is drawn only when every part has a value: half a stack would mislead.
    complete = [i for i in axis if all(i in s for s in series)]
    lines = tuple(Line(name, _floats([s[i] if i in complete else None for i in axis]))
                  for name, s in zip(names, series, strict=True))
    message = stacked_message(names, series, complete, period, decimals, chart.unit)
    labels, years = _time_categories(axis)
    data = ChartData(TIME_STACKED, chart.title,
                     _subtitle(chart.unit, _axis_span(axis) if axis else ""),
                     labels, lines, decimals, years, empty_note=None if complete else NO_DATA)
    return data, message, issues


def stacked_message(names: Sequence[str], series: Sequence[dict[int, Decimal]],
                    complete: Sequence[int], period: Period, decimals: int,
                    unit: str | None) -> str:
    """The year to date against the same months last year, and each part's share."""
    this_year = [i for i in complete if i // 12 == period.year]
    if not this_year:
        return NO_DATA + f" för {period.year}."
    months = [i % 12 + 1 for i in this_year]
    span = month_span(months)
    totals = [sum((s[i] for i in this_year), Decimal(0)) for s in series]
    total = sum(totals, Decimal(0))
    text = f"Totalt {span} {period.year}: {_with_unit(_fmt(total, decimals), unit)}"
    last_year = [i - 12 for i in this_year]
    if all(i in complete for i in last_year):
        before = sum((s[i] for s in series for i in last_year), Decimal(0))
        pct = percent_change(total, before)
        text += (f", mot {_fmt(before, decimals)} samma månader {period.year - 1}"
                 + (f" ({pct})" if pct else ""))
    text += "."
    if total > 0 and len(series) > 1:
        shares = [f"{name.lower() if i else name} {_fmt(t / total * 100, 1)}{NBSP}%"
                  for i, (name, t) in enumerate(zip(names, totals, strict=True))]
        text += f" Andel {span} {period.year}: " + ", ".join(shares) + "."
    return text


def hbars(chart: ChartDef, rows: Sequence[DriftRow], period: Period, unit: str,
          decimals: int) -> tuple[ChartData, str]:
    """Avvikelse (budget − utfall) per verksamhet, most negative first."""
    items = sorted(((r.verksamhet, deviation(r.figures.budget, r.figures.outcome))
                    for r in rows), key=lambda item: item[1])
    data = ChartData(HBARS, chart.title,
                     _subtitle(chart.unit or unit, f"avvikelse mot budget {short_span(period)}"),
                     tuple(v.label for v, _ in items),
                     (Line("Avvikelse", _floats([d for _, d in items])),), decimals,
                     empty_note=None if items else NO_DATA)
    if not items:
        return data, NO_DATA + "."
    parts = []
    worst, best = items[0], items[-1]
    if worst[1] < 0:
        parts.append(f"Störst underskott: {worst[0].name} "
                     f"{_with_unit(_fmt(worst[1], decimals), unit)}.")
    if best[1] > 0:
        parts.append(f"Störst överskott: {best[0].name} "
                     f"{_with_unit(_fmt(best[1], decimals), unit)}.")
    negative = sum(1 for _, d in items if d < 0)
    parts.append(f"{negative} av {len(items)} verksamheter har underskott; summa "
                 f"{_with_unit(_fmt(sum((d for _, d in items), Decimal(0)), decimals), unit)}.")
    return data, " ".join(parts)


def hbar_pairs(chart: ChartDef, rows: Sequence[DriftRow], period: Period, unit: str,
               decimals: int) -> tuple[ChartData, str]:
    """Budget and prognos for the full year per verksamhet, largest budget first."""
    items = sorted(rows, key=lambda r: r.figures.budget, reverse=True)
    data = ChartData(HBAR_PAIRS, chart.title,
                     _subtitle(chart.unit or unit, f"helår {period.year}"),
                     tuple(r.verksamhet.label for r in items),
                     (Line("Budget", _floats([r.figures.budget for r in items])),
                      Line("Prognos", _floats([r.figures.outcome for r in items]),
                           emphasis=True)),
                     decimals, empty_note=None if items else NO_DATA)
    if not items:
        return data, NO_DATA + "."
    over = [r for r in items if r.figures.outcome > r.figures.budget]
    text = f"Prognosen är högre än budget för {len(over)} av {len(items)} verksamheter"
    if over:
        worst = max(over, key=lambda r: r.figures.outcome - r.figures.budget)
        text += (f"; mest för {worst.verksamhet.name} "
                 f"({_fmt(worst.figures.outcome, decimals)} mot "
                 f"{_with_unit(_fmt(worst.figures.budget, decimals), unit)})")
    forecast = sum((r.figures.outcome for r in items), Decimal(0))
    budget = sum((r.figures.budget for r in items), Decimal(0))
    text += (f". Totalt {_fmt(forecast, decimals)} mot "
             f"{_with_unit(_fmt(budget, decimals), unit)}.")
    return data, text


def forecast_points(chart: ChartDef, forecasts: Forecasts, period: Period, unit: str,
                    decimals: int) -> tuple[ChartData, str]:
    """The forecast's deviation against budget in each report of the year, on a January to
    December axis, and the outcome's in December once the year is over."""
    points, outcome = forecasts
    by_month = {month: value for month, _, value in points}
    lines = [Line("Prognos", _floats([by_month.get(m) for m in range(1, MONTHS + 1)]),
                  emphasis=True)]
    if outcome is not None:
        lines.append(Line("Utfall", _floats([None] * (MONTHS - 1) + [outcome])))
    data = ChartData(POINTS, chart.title,
                     _subtitle(chart.unit or unit, f"avvikelse mot budget {period.year}"),
                     tuple(ABBR_SV), tuple(lines), decimals,
                     empty_note=None if points or outcome is not None else NO_DATA)
    if not points:
        return data, NO_DATA + "."
    said = ", ".join(f"{_with_unit(_fmt(value, decimals), unit)} i {label.lower()}"
                     for _, label, value in points)
    text = f"Prognosens avvikelse mot budget: {said}."
    if len(points) > 1:
        change = points[-1][2] - points[0][2]
        verb = "förbättrades" if change > 0 else "försämrades" if change < 0 else "var oförändrad"
        text += (f" Från första till senaste rapporten {verb} prognosen"
                 + (f" med {_with_unit(_fmt(abs(change), decimals), unit)}." if change
                    else "."))
    if outcome is not None:
        text += (f" Utfallets avvikelse: {_with_unit(_fmt(outcome, decimals), unit)}, "
                 f"{_with_unit(_fmt(outcome - points[-1][2], decimals), unit)} mot den "
                 "senaste prognosen.")
    return data, text


def prepare(chart: ChartDef, book: ChartBook, period: Period,
            utfall: Sequence[DriftRow] = (), prognos: Sequence[DriftRow] = (),
            unit: str = "mnkr", decimals: int = 1, forecasts: Forecasts = ((), None)
            ) -> tuple[PreparedChart, list[Issue]]:
    """One chart's data and key message; `utfall`/`prognos` feed the driftsammandrag kinds,
    `forecasts` the forecast's history."""
    issues: list[Issue] = []
    kind = KINDS[chart.kind]
    if kind == MONTH_LINES:
        data, message, issues = month_lines(chart, book, period)
    elif kind == TIME_LINES:
        data, message, issues = time_lines(chart, book, period,
                                           roll=chart.kind == "rullande tolv månader")
    elif kind == TIME_STACKED:
        data, message, issues = time_stacked(chart, book, period)
    elif kind == HBARS:
        data, message = hbars(chart, utfall, period, unit, decimals)
    elif kind == POINTS:
        data, message = forecast_points(chart, forecasts, period, unit, decimals)
    else:
        data, message = hbar_pairs(chart, prognos, period, unit, decimals)
    for _, rows in _rows_for(chart, book):
        issues += late_value_issues(rows.values(), period)
    return PreparedChart(chart, data, message), issues

