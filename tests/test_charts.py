"""Charts without Word: data preparation, alt-text messages, Swedish ticks, checks, cache."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from generator.charts import stage
from generator.charts.model import (
    HBARS,
    MONTH_LINES,
    TIME_LINES,
    ChartBook,
    ChartDef,
    SeriesYear,
    series_key,
)
from generator.charts.prepare import (
    compare_years,
    month_lines,
    percent_change,
    prepare,
    rolling,
    stacked_message,
    time_lines,
)
from generator.charts.stage import CACHE_ENV, ChartPlan, plan_charts
from generator.charts.style import font_candidates, template_font, tick_decimals, tick_labels
from generator.excel.load import load_report_input
from generator.issues import SourceRef
from generator.period import Period, parse_period
from tests.conftest import EXAMPLE, TEMPLATE

AUG = Period(2024, 8)
NB = "\u00a0"
M = "\u2212"  # the minus sign the report prints
D = Decimal


def row(name: str, year: int, values: list[float | int | None], line: int = 2) -> SeriesYear:
    cells = tuple(SourceRef("diagram.xlsx", "Serier", f"{chr(ord('C') + m)}{line}")
                  for m in range(12))
    padded = [*values, *([None] * (12 - len(values)))]
    return SeriesYear(name, year, tuple(None if v is None else D(str(v)) for v in padded),
                      SourceRef("diagram.xlsx", "Serier", f"A{line}"), cells)


def book(*rows: SeriesYear) -> ChartBook:
    series: dict[str, dict[int, SeriesYear]] = {}
    for r in rows:
        series.setdefault(series_key(r.name), {})[r.year] = r
    return ChartBook((), series, present=True)


def chart(kind: str = "linje per år", series: tuple[str, ...] = ("S",), **kw) -> ChartDef:
    return ChartDef("C1", kind, kw.pop("title", "Titel"), series,
                    ref=SourceRef("diagram.xlsx", "Diagram", "A2"), **kw)


# -- which months, what message ----------------------------------------------------
def test_current_year_only_up_to_the_period_month() -> None:
    b = book(row("S", 2023, [10] * 12), row("S", 2024, [12] * 12, line=3))
    data, message, issues = month_lines(chart(), b, AUG)
    assert data.kind == MONTH_LINES
    this_year = data.lines[-1]
    assert this_year.label == "2024 (jan–aug)" and this_year.emphasis
    assert this_year.values[:8] == (12.0,) * 8 and this_year.values[8:] == (None,) * 4
    assert message.startswith("2024 ligger över 2023 varje månad januari–augusti.")
    assert f"Totalt januari–augusti: 96 år 2024 mot 80 år 2023 (+20{NB}%)." in message
    # September typed for 2024 is after the period: a warning naming its cell.
    _, issues = prepare(chart(), b, AUG)
    assert [str(i.ref) for i in issues] == ["diagram.xlsx › Serier › K3"]
    assert "september–december" in issues[0].message and not issues[0].is_error


def test_reference_figures_in_the_message() -> None:
    cur = [590, 573, 641, 570, 618, 571, 359, 491]
    prev = [522, 521, 575, 496, 543, 519, 309, 441, 565, 589, 548, 419]
    message = compare_years((2024, [D(v) for v in cur] + [None] * 4),
                            (2023, [D(v) for v in prev]), 0)
    assert message == ("2024 ligger över 2023 varje månad januari–augusti. Totalt "
                       f"januari–augusti: 4{NB}413 år 2024 mot 3{NB}926 år 2023 (+12{NB}%).")


def test_mixed_months_and_missing_months() -> None:
    cur = [D(5), D(1), None, D(5), D(5), D(5), D(5), D(5)] + [None] * 4
    prev = [D(4)] * 12
    message = compare_years((2024, cur), (2023, prev), 0)
    assert message.startswith("2024 ligger över 2023 i 6 av 7 månader (januari–augusti, de "
                              "månader som har värden för båda åren).")
    cur = [D(5), None, D(5)] + [None] * 9
    assert compare_years((2024, cur), (2023, prev), 0).startswith(
        "2024 ligger över 2023 under alla de 2 månader januari–mars som har värden för båda")


def test_one_year_only() -> None:
    b = book(row("S", 2024, [3, 7, 2]))
    data, message, _ = month_lines(chart(), b, AUG)
    assert len(data.lines) == 1
    assert message == "Bara 2024 har värden: totalt 12 januari–mars, högst i februari (7)."


def test_zeros_and_negatives() -> None:
    # A zero base gives no percentage; negatives compare like any number.
    message = compare_years((2024, [D(1)] * 8 + [None] * 4), (2023, [D(0)] * 12), 0)
    assert message.endswith("Totalt januari–augusti: 8 år 2024 mot 0 år 2023.")
    message = compare_years((2024, [D("-1.5")] * 8 + [None] * 4),
                            (2023, [D("-2")] * 12), 1)
    assert message.startswith("2024 ligger över 2023 varje månad")
    assert f"{M}12,0 år 2024 mot {M}16,0 år 2023." in message
    assert percent_change(D(0), D(0)) is None
    assert percent_change(D(93), D(100)) == f"{M}7{NB}%"
    assert percent_change(D(100), D(100)) == f"0{NB}%"


def test_all_blank_series_is_a_warning_and_an_empty_chart() -> None:
    b = book(row("S", 2023, [None] * 12), row("S", 2024, [None] * 12, line=3))
    data, message, issues = month_lines(chart(), b, AUG)
    assert data.lines == () and data.empty_note
    assert message == "Inga värden att visa."
    assert len(issues) == 1 and not issues[0].is_error
    assert str(issues[0].ref) == "diagram.xlsx › Serier › A2"
    assert 'serien "S" har inga värden till och med augusti 2024' in issues[0].message


def test_a_blank_year_among_others_is_named() -> None:
    b = book(row("S", 2023, [None] * 12), row("S", 2024, [1] * 8, line=3))
    data, _, issues = month_lines(chart(), b, AUG)
    assert [line.label for line in data.lines] == ["2024 (jan–aug)"]
    assert [i.message for i in issues] == ['serien "S" har inga värden för 2023']


def test_rolling_sum_needs_twelve_months_in_a_row() -> None:
    values = {2023 * 12 + m: D(10) for m in range(12)} | {2024 * 12: D(22)}
    out = rolling(values)
    assert out == {2023 * 12 + 11: D(120), 2024 * 12: D(132)}
    assert rolling({i: D(1) for i in range(11)}) == {}


def test_rolling_chart_message_from_a_year_earlier() -> None:
    b = book(row("K", 2022, [10] * 12), row("K", 2023, [11] * 12, 3),
             row("K", 2024, [14] * 8, 4))
    data, message, _ = time_lines(chart("rullande tolv månader", ("K",), unit="mnkr"), b, AUG,
                                  roll=True)
    assert data.kind == TIME_LINES
    assert data.categories[0] == "dec" and data.years[0] == 2022
    assert data.categories[-1] == "aug" and data.lines[0].values[-1] == 156.0
    assert message == (f"Ökade från 128 mnkr i augusti 2023 till 156 mnkr i augusti 2024 "
                       f"(+22{NB}%).")


def test_stacked_shares_and_growth() -> None:
    names = ["Arvoderade", "Konsulentstödda"]
    year = 2024 * 12
    series = [{year - 12: D(70), year: D(742)}, {year - 12: D(30), year: D(258)}]
    text = stacked_message(names, series, [year - 12, year], Period(2024, 1), 0, None)
    assert text == (f"Totalt januari 2024: 1{NB}000, mot 100 samma månader 2023 (+900{NB}%). "
                    f"Andel januari 2024: Arvoderade 74,2{NB}%, konsulentstödda 25,8{NB}%.")


def test_deviation_bars_are_sorted_from_the_example() -> None:
    period = parse_period("aug-2024")
    report, _ = load_report_input(EXAMPLE / "linkoping-son" / "aug-2024", period)
    assert report is not None
    prepared, issues = prepare(chart("staplar avvikelse", ()), ChartBook(), period,
                               report.economy.utfall, report.economy.prognos)
    assert not issues and prepared.data.kind == HBARS
    values = prepared.data.lines[0].values
    assert list(values) == sorted(values)
    assert prepared.data.categories[0] == "569 - Barn och ungdomsvård"
    assert prepared.message.startswith(f"Störst underskott: Barn och ungdomsvård {M}33,3 mnkr. "
                                       "Störst överskott: Flyktingmottagande 7,1 mnkr.")
    assert prepared.message.endswith(f"summa {M}53,2 mnkr.")
    assert prepared.alt_text.startswith("Titel. Störst underskott")


# -- Swedish numbers and the template's font -------------------------------------------
def test_swedish_tick_labels() -> None:
    assert tick_labels([0, 2500, 5000, 7500, 10000]) == \
        ["0", f"2{NB}500", f"5{NB}000", f"7{NB}500", f"10{NB}000"]
    assert tick_labels([0.0, 0.5, 1.0]) == ["0,0", "0,5", "1,0"]
    assert tick_labels([-40.0, -20.0, 0.0, 20.0]) == [f"{M}40", f"{M}20", "0", "20"]
    assert tick_labels([0.1 * i for i in range(4)]) == ["0,0", "0,1", "0,2", "0,3"]
    assert tick_decimals(250) == 0 and tick_decimals(0.25) == 2


def test_font_follows_the_template() -> None:
    assert template_font(TEMPLATE) == "Calibri"
    assert font_candidates("Calibri") == ("Calibri", "Carlito", "DejaVu Sans")


# -- drawing: edge cases, cache, parallel ------------------------------------------------
def _plan(*charts_and_rows: object) -> ChartPlan:
    rows = [r for r in charts_and_rows if isinstance(r, SeriesYear)]
    b = book(*rows)
    plan = ChartPlan()
    for c in charts_and_rows:
        if isinstance(c, ChartDef):
            prepared, _ = prepare(c, b, AUG)
            plan.charts.append(prepared)
    return plan


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own cache folder, not the session's shared one."""
    monkeypatch.delenv(CACHE_ENV, raising=False)
    return tmp_path / "cache"


def test_edge_cases_draw_without_crashing(own_cache: Path) -> None:
    plan = _plan(
        replace_id(chart(series=("blank",)), "E1"), row("blank", 2024, []),
        replace_id(chart(series=("neg",)), "E2"), row("neg", 2023, [-3, 0, 2, None, 5], 3),
        row("neg", 2024, [0, 0, 0, 0], 4),
        replace_id(chart("linjer", ("neg", "blank")), "E3"),
        replace_id(chart("staplar staplade", ("neg", "one")), "E4"), row("one", 2024, [1], 5),
        replace_id(chart("rullande tolv månader", ("one",)), "E5"),
    )
    drawn = plan.draw(own_cache, workers=1, dpi=40)
    assert set(drawn.timings) == {"E1", "E2", "E3", "E4", "E5"}
    for path in drawn.paths.values():
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def replace_id(c: ChartDef, chart_id: str) -> ChartDef:
    from dataclasses import replace

    return replace(c, id=chart_id)


def test_cache_reuses_unchanged_charts(own_cache: Path) -> None:
    rows = (row("S", 2023, [1] * 12), row("S", 2024, [2] * 8, 3))
    first = _plan(chart(), *rows).draw(own_cache, workers=1, dpi=40)
    path = first.paths["c1"]
    inode = path.stat().st_ino  # a drawing is written beside and renamed: a new inode
    assert first.cached == set()
    second = _plan(chart(), *rows).draw(own_cache, workers=1, dpi=40)
    assert second.cached == {"C1"} and second.paths["c1"] == path
    assert path.stat().st_ino == inode  # not drawn again
    changed = _plan(chart(), rows[0], row("S", 2024, [3] * 8, 3)).draw(own_cache, workers=1,
                                                                        dpi=40)
    assert changed.cached == set() and changed.paths["c1"] != path
    assert len(list(own_cache.iterdir())) == 2


def test_parallel_drawing_gives_the_same_files(own_cache: Path) -> None:
    rows = (row("S", 2023, [1] * 12), row("S", 2024, [2] * 8, 3))
    charts = [replace_id(chart(), f"P{i}") for i in range(3)]
    plan = _plan(*charts, *rows)
    drawn = plan.draw(own_cache, workers=2, dpi=40)
    # Same data, same key: one file serves all three.
    assert len(set(drawn.paths.values())) == 1
    assert all(p.is_file() for p in drawn.paths.values())


def test_help_does_not_import_matplotlib() -> None:
    code = ("import sys\nfrom generator.cli import main\nsys.argv = ['generate', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env)
    assert result.returncode == 0, result.stderr


# -- checks against the workbooks ----------------------------------------------------------
def _example_report():
    period = parse_period("aug-2024")
    report, _ = load_report_input(EXAMPLE / "linkoping-son" / "aug-2024", period)
    assert report is not None
    return report


def test_unknown_series_section_and_placement_are_reported() -> None:
    report = _example_report()
    ref = SourceRef("diagram.xlsx", "Diagram", "D5")
    b = ChartBook((
        ChartDef("C1", "linje per år", "T", ("Finns inte",), "analys_ekonomi", series_ref=ref,
                 ref=SourceRef("diagram.xlsx", "Diagram", "A5")),
        ChartDef("C9", "staplar avvikelse", "T", (), "inget_avsnitt",
                 ref=SourceRef("diagram.xlsx", "Diagram", "A6"),
                 section_ref=SourceRef("diagram.xlsx", "Diagram", "E6")),
        ChartDef("C8", "staplar avvikelse", "T", (), None,
                 ref=SourceRef("diagram.xlsx", "Diagram", "A7")),
    ), {}, present=True)
    plan = plan_charts(b, report)
    rendered = [i.render() for i in plan.issues]
    assert ('Fel: diagram.xlsx › Diagram › D5: okänd serie "Finns inte"; förväntade en av '
            "serierna på fliken Serier: inga") in rendered
    assert any(r.startswith('Fel: diagram.xlsx › Diagram › E6: okänt avsnitt "inget_avsnitt"')
               for r in rendered)
    assert any(r.startswith("Varning: diagram.xlsx › Diagram › A7: diagrammet C8 visas inte")
               for r in rendered)
    # The example's texts place C2…C5, which this book lacks: each is an error on its cell.
    unknown = [r for r in rendered if "okänt diagram [diagram C" in r]
    assert len(unknown) == 4 and all("texter.xlsx › Texter › C" in r for r in unknown)


def test_markers_without_diagram_xlsx_are_errors() -> None:
    plan = plan_charts(ChartBook(), _example_report())
    assert len(plan.issues) == 5
    assert all(i.is_error and "diagram.xlsx saknas i mappen" in i.message
               for i in plan.issues)


def test_placement_by_section_appends_a_marker() -> None:
    report = _example_report()
    b = ChartBook((ChartDef("C6", "staplar avvikelse", "T", (), "budgetkommentar"),), {},
                  present=True)
    plan = plan_charts(b, report)
    assert plan.appended == {"budgetkommentar": ["C6"]}
    drawn = stage.DrawnCharts(plan)
    placed = drawn.place(report.content)
    assert placed.texts["budgetkommentar"].text.endswith("\n\n[diagram C6]")
    assert report.content.texts["budgetkommentar"].text != placed.texts["budgetkommentar"].text


def test_long_titles_legends_and_labels_wrap(own_cache: Path) -> None:
    """An economist's long title, many years and long names: drawn, not cut off or crashed."""
    from generator.charts import draw, style
    from generator.charts.job import Job
    from generator.charts.model import HBAR_PAIRS, ChartData, Line

    title = "Ett mycket långt diagramnamn som förklarar allt i rubriken på en gång " * 2
    long_name = "Ett väldigt långt verksamhetsnamn som fortsätter långt bortom kolumnen"
    data = ChartData(HBAR_PAIRS, title, "Helår 2024, mnkr", (long_name, "Kort"),
                     (Line("Budget", (1.0, 2.0)), Line("Prognos", (1.5, -0.1))), 1)
    assert style.bar_labels(data)[0].count("\n") == 1
    assert style.height_cm(data) > style.height_cm(ChartData(HBAR_PAIRS, "", "", ("a", "b"),
                                                             data.lines, 1))
    seconds = draw.render(Job(data, ("Calibri", "DejaVu Sans"), own_cache / "x.png", 40))
    assert seconds > 0 and (own_cache / "x.png").stat().st_size > 0


def test_cache_forgets_charts_unused_for_sixty_days(own_cache: Path) -> None:
    import time

    rows = (row("S", 2023, [1] * 12), row("S", 2024, [2] * 8, 3))
    used = _plan(chart(), *rows).draw(own_cache, workers=1, dpi=40).paths["c1"]
    old = own_cache / ("0" * 64 + ".png")
    recent = own_cache / ("1" * 64 + ".png")
    other = own_cache / "anteckningar.png"  # not the cache's own: never touched
    for path in (old, recent, other):
        path.write_bytes(b"png")
    now = time.time()
    os.utime(old, (now - 61 * 86_400, now - 61 * 86_400))
    os.utime(other, (now - 400 * 86_400, now - 400 * 86_400))
    os.utime(used, (now - 59 * 86_400, now - 59 * 86_400))
    again = _plan(chart(), *rows).draw(own_cache, workers=1, dpi=40)
    assert again.cached == {"C1"}
    assert not old.exists() and recent.exists() and other.exists()
    assert used.stat().st_mtime > now - 60  # a chart taken from the cache counts as used
    os.utime(used, (now - 61 * 86_400, now - 61 * 86_400))
    assert stage.prune_cache(own_cache) == 1 and not used.exists()
