"""Drawn charts inspected: the report's font (even with a stale matplotlib font list), no
title in the image, value labels that touch nothing, and value axes fitted to the data."""

from __future__ import annotations

import functools
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib import font_manager
from matplotlib.text import Text

from generator.charts import draw, fonts, scale, style
from generator.charts.load import load_charts
from generator.charts.model import HBAR_PAIRS, HBARS, POINTS, TIME_LINES, ChartData, Line
from generator.charts.stage import plan_charts
from tests.conftest import EXAMPLE, ROOT
from tests.test_charts import AUG, _example_report

FONTS = style.font_candidates("Calibri")  # Calibri, Carlito, DejaVu Sans
DPI = 100  # enough to measure; quicker than print resolution
HBARS_KIND = "staplar avvikelse"
PAIRS_KIND = "staplar prognos mot budget"


@functools.cache
def _example_charts() -> dict[str, ChartData]:
    """The bundled example's charts, planned as a report run plans them, by type."""
    report = _example_report()
    book, _ = load_charts(EXAMPLE / "linkoping-son" / "aug-2024", AUG)
    plan = plan_charts(book, report)
    return {c.definition.kind: c.data for c in plan.charts}


def _example(kind: str) -> ChartData:
    return _example_charts()[kind]


def _texts(c: draw._Canvas) -> list[Text]:
    return [t for t in c.fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _font_files(c: draw._Canvas) -> set[str]:
    return {Path(font_manager.findfont(t.get_fontproperties())).name for t in _texts(c)}


def _require_carlito() -> None:
    if fonts.installed_files("Carlito"):
        return
    reason = "Carlito is not installed (Debian: fonts-crosextra-carlito)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


# -- the report's font -----------------------------------------------------------------
def test_a_chart_is_drawn_in_carlito() -> None:
    _require_carlito()
    c = draw.figure(_example(HBARS_KIND), FONTS, DPI)
    assert draw.resolve_font(FONTS) in ("Calibri", "Carlito")
    files = _font_files(c)
    assert files and all(f.startswith(("Carlito", "calibri", "Calibri")) for f in files), files


_STALE_RUN = """
import json, sys
from pathlib import Path
from matplotlib import font_manager
from matplotlib.text import Text
stale = not any(e.name == "Carlito" for e in font_manager.fontManager.ttflist)
from generator.charts import draw
from generator.charts.model import HBARS, ChartData, Line
data = ChartData(HBARS, "Titel", "Avvikelse, mnkr", ("Barn och unga", "Vuxna"),
                 (Line("Avvikelse", (-33.3, 7.1)),), 1)
c = draw.figure(data, ("Calibri", "Carlito", "DejaVu Sans"), 100)
texts = [t for t in c.fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
files = sorted({Path(font_manager.findfont(t.get_fontproperties())).name for t in texts})
print(json.dumps({"stale": stale, "files": files, "xlim": list(c.ax.get_xlim())}))
"""


def test_carlito_is_used_even_when_matplotlibs_font_list_predates_it(tmp_path: Path) -> None:
    """matplotlib builds its font list once; a font installed later is not in it. Here the
    list is one without Carlito (as on a machine where Carlito came after matplotlib's first
    run), and the chart is still drawn in Carlito, with the same axis as in this process."""
    _require_carlito()
    current = font_manager.fontManager
    stale = font_manager.FontManager.__new__(font_manager.FontManager)
    vars(stale).update(vars(current))
    stale.ttflist = [e for e in current.ttflist
                     if "carlito" not in e.name.casefold() and "carlito" not in e.fname.lower()]
    config = tmp_path / "mplconfig"
    config.mkdir()
    font_manager.json_dump(stale, config / f"fontlist-v{font_manager.FontManager.__version__}.json")
    env = {**os.environ, "MPLCONFIGDIR": str(config), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", _STALE_RUN], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["stale"], "the font list given to matplotlib should lack Carlito"
    assert seen["files"] and all(f.startswith("Carlito") for f in seen["files"]), seen["files"]
    here = draw.figure(ChartData(HBARS, "Titel", "Avvikelse, mnkr", ("Barn och unga", "Vuxna"),
                                 (Line("Avvikelse", (-33.3, 7.1)),), 1), FONTS, 100)
    assert seen["xlim"] == pytest.approx(list(here.ax.get_xlim()))


def test_system_lookup_keeps_only_the_family_asked_for(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """fontconfig answers Calibri with Carlito; the folders hold files named like a font but
    of another family. Neither is taken for the family asked for."""
    for path in fonts.installed_files("Calibri"):  # Carlito where Calibri is missing
        assert "carlito" not in path.name.lower()
    dejavu = Path(font_manager.findfont("DejaVu Sans"))
    shutil.copy(dejavu, tmp_path / "Fakefont-Regular.ttf")  # named Fakefont, really DejaVu
    (tmp_path / "fakefont.txt").write_text("not a font")
    found = fonts._in_folders("Fake Font", [tmp_path])
    assert [p.name for p in found] == ["Fakefont-Regular.ttf"]
    monkeypatch.setattr(fonts, "installed_files", lambda family: tuple(found))
    before = len(font_manager.fontManager.ttflist)
    assert not draw._add_installed("Fake Font")  # its family is DejaVu Sans: not added
    assert len(font_manager.fontManager.ttflist) == before


def test_the_system_is_asked_only_when_matplotlib_knows_no_candidate(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A normal run costs no look-up: matplotlib knows Calibri or its clone Carlito. A font
    nowhere to be found is looked for once, then DejaVu Sans is used."""
    _require_carlito()
    draw.resolve_font(FONTS)  # Carlito known from here on, added if it had to be
    asked: list[str] = []
    monkeypatch.setattr(fonts, "installed_files", lambda family: asked.append(family) or ())
    assert draw.resolve_font.__wrapped__(FONTS) in ("Calibri", "Carlito")
    assert asked == []
    assert draw.resolve_font.__wrapped__(("Ingen Sådan Font", "DejaVu Sans")) == "DejaVu Sans"
    assert asked == ["Ingen Sådan Font"]


# -- the title is the caption, not part of the image -------------------------------------
@pytest.mark.parametrize("kind", [HBARS_KIND, PAIRS_KIND, "linje per år",
                                  "rullande tolv månader", "staplar staplade"])
def test_the_title_is_not_drawn_but_the_subtitle_is(kind: str) -> None:
    """The title is the caption under the image (text for screen readers and search); the
    image starts with what is counted, in which unit."""
    data = _example(kind)
    c = draw.figure(data, FONTS, DPI)
    texts = _texts(c)
    assert data.title and not any(data.title in t.get_text() for t in texts)
    top = max(texts, key=lambda t: t.get_window_extent(c.renderer).y1)
    assert top.get_text() == data.subtitle  # "Helår 2024, mnkr"


# -- value labels touch nothing ----------------------------------------------------------
def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _collisions(c: draw._Canvas) -> list[str]:
    """Every value label that overlaps another label, a bar, a data line or a marker, or
    reaches outside the plot."""
    r = c.renderer
    labels = [(t.get_text(), t.get_window_extent(r)) for t in c.ax.texts if t.get_visible()]
    bars = [p.get_window_extent(r) for p in c.ax.patches]
    lines = [line for line in c.ax.lines if line.get_gid() != draw.DECOR]
    area = c.ax.get_window_extent(r)
    found = []
    for k, (text, box) in enumerate(labels):
        found += [f"{text} / {other}" for other, b in labels[k + 1:] if _overlap(box, b)]
        found += [f"{text} / bar" for b in bars if _overlap(box, b)]
        found += [f"{text} / line" for line in lines if draw.line_hits(line, box, c.fig.dpi)]
        if not (area.x0 - 1 <= box.x0 and box.x1 <= area.x1 + 1 and area.y0 - 1 <= box.y0
                and box.y1 <= area.y1 + 1):
            found.append(f"{text} outside the plot")
    return found


def test_the_collision_check_sees_a_collision() -> None:
    """The check used below is not blind: two labels on one spot, a label on a bar and a
    label on a line are all found."""
    c = draw.figure(ChartData(HBARS, "T", "", ("a", "b"), (Line("A", (5.0, 6.0)),), 1), FONTS,
                    DPI)
    assert _collisions(c) == []
    c.ax.annotate("12,3", (2.5, 0))  # on the first bar
    c.ax.annotate("45,6", (2.5, 0))
    c.ax.plot([2.7, 2.7], [-0.5, 1.5], color="black")  # a line through the labels
    found = _collisions(c)
    assert "12,3 / 45,6" in found and "12,3 / bar" in found and "12,3 / line" in found


def test_budget_and_forecast_labels_never_collide_in_the_example() -> None:
    """Diagram 2 of the example: a label for each verksamhet's budget and prognos."""
    data = _example(PAIRS_KIND)
    c = draw.figure(data, FONTS, style.DPI)
    assert _collisions(c) == []
    assert c.dropped == [] and len(c.ax.texts) == 2 * len(data.categories) >= 26
    # The pair 866,8 / 882,8: both readable, one above the other past the longer bar.
    boxes = {t.get_text(): t.get_window_extent(c.renderer) for t in c.ax.texts}
    longest = max(p.get_window_extent(c.renderer).x1 for p in c.ax.patches)
    assert boxes["866,8"].x0 > longest and boxes["882,8"].x0 > longest
    assert boxes["866,8"].y0 >= boxes["882,8"].y1  # budget above prognos


@pytest.mark.parametrize("seed", range(6))
def test_labels_never_collide_whatever_the_values(seed: int) -> None:
    """Random budgets and forecasts, large and tiny, negative and close together; a label
    may be left out, but none that is drawn touches anything."""
    rng = random.Random(seed)
    n = rng.randint(2, 16)
    scale_ = rng.choice([1.0, 50.0, 2000.0])
    budget = [round(rng.uniform(-0.3, 1) * scale_, 1) for _ in range(n)]
    forecast = [round(b + rng.uniform(-0.2, 0.2) * scale_, 1) for b in budget]
    names = tuple(f"{100 + i} - Verksamhet nummer {i}" for i in range(n))
    for data in (ChartData(HBAR_PAIRS, "T", "Helår 2024, mnkr", names,
                           (Line("Budget", tuple(budget)), Line("Prognos", tuple(forecast))), 1),
                 ChartData(HBARS, "T", "Avvikelse, mnkr", names,
                           (Line("Avvikelse", tuple(sorted(forecast))),), 1)):
        c = draw.figure(data, FONTS, DPI)
        assert _collisions(c) == []
        assert len(c.ax.texts) + len(c.dropped) == n * len(data.lines)


def test_a_line_label_moves_off_a_line_that_falls_into_its_point() -> None:
    """A steep fall into the latest month: the usual place, above left, would sit on the
    line, so the label goes where the line is not."""
    values = tuple([100.0] * 12 + [100.0 + 8 * i for i in range(1, 8)] + [20.0])
    data = ChartData(TIME_LINES, "T", "mnkr", tuple("x" * 20), (Line("K", values),), 1)
    c = draw.figure(data, FONTS, DPI)
    assert _collisions(c) == []
    assert {t.get_text() for t in c.ax.texts} == {"20,0", "100,0"}


# -- axes fitted to the data ---------------------------------------------------------------
@pytest.mark.parametrize(("lo", "hi", "integer", "ticks"), [
    (-33.3, 7.1, False, [-40, -30, -20, -10, 0, 10]),
    (0, 641, True, [0, 100, 200, 300, 400, 500, 600, 700]),   # was 0…800
    (0, 3068, True, [0, 500, 1000, 1500, 2000, 2500, 3000, 3500]),  # was 0…4 000
    (0, 200, False, [0, 50, 100, 150, 200]),
    (0, 882.8, False, [0, 200, 400, 600, 800, 1000]),
    (0, 2, True, [0, 1, 2]),          # no tick at 0,5 for counts
    (0, 0.45, False, [0, 0.1, 0.2, 0.3, 0.4, 0.5]),
    (0, 0, False, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
])
def test_nice_ticks(lo: float, hi: float, integer: bool, ticks: list[float]) -> None:
    assert scale.nice_ticks(lo, hi, integer=integer) == pytest.approx(ticks)


def test_bar_limits_leave_exactly_the_label_room() -> None:
    left, right = scale.bar_limits(-33.3, 7.1, 0.4, 0.3, 5.0)
    per_inch = (right - left) / 5.0
    assert (-33.3 - left) / per_inch == pytest.approx(0.4)
    assert (right - 7.1) / per_inch == pytest.approx(0.3)
    assert scale.bar_limits(0, 10, 0, 0, 5.0) == (0, 10)


def test_the_deviation_axis_ends_where_the_outermost_labels_end() -> None:
    """Diagram 1 of the example, -33,3 … 7,1: the axis ran to -40 … 20. Now it ends just
    past the labels of the longest bars, and its ticks stay inside."""
    c = draw.figure(_example(HBARS_KIND), FONTS, style.DPI)
    assert _collisions(c) == [] and c.dropped == []
    left, right = c.ax.get_xlim()
    assert -40 < left < -33.3 and 7.1 < right < 20
    area = c.ax.get_window_extent(c.renderer)
    boxes = [t.get_window_extent(c.renderer) for t in c.ax.texts]
    air = 0.1 * c.fig.dpi  # a tenth of an inch
    assert min(b.x0 for b in boxes) - area.x0 < air
    assert area.x1 - max(b.x1 for b in boxes) < air
    assert list(c.ax.get_xticks()) == [-30, -20, -10, 0, 10]


def test_line_axes_end_at_the_first_nice_tick_above_the_data() -> None:
    data = ChartData("month_lines", "T", "Antal", tuple("abcdefghijkl"),
                     (Line("2024", (590.0, 641.0, 359.0, *[None] * 9)),), 0)
    c = draw.figure(data, FONTS, DPI)
    assert c.ax.get_ylim() == (0.0, 700.0)


def test_a_limit_just_short_of_a_tick_moves_to_it() -> None:
    ticks = [-40.0, -30.0, -20.0, -10.0, 0.0, 10.0]
    assert scale.snap((-37.4, 9.6), ticks) == (-37.4, 10.0)  # -40 is 5,5 % away: not moved
    assert scale.snap((-39.0, 4.0), ticks) == (-40.0, 4.0)


# -- the forecast over the year ------------------------------------------------------------
def _forecast_chart() -> ChartData:
    """The bundled verksamhetsberättelse's chart of the year's forecasts, as a run plans it."""
    from generator.excel.earlier import load_report
    from generator.period import parse_period

    period = parse_period("dec-2024")
    folder = EXAMPLE / "linkoping-son" / period.slug
    report, issues = load_report(folder, period)
    assert report is not None, issues
    book, _ = load_charts(folder, period)
    (chart,) = plan_charts(book, report).charts
    return chart.data


def test_the_forecast_is_drawn_through_its_reports_with_every_value() -> None:
    data = _forecast_chart()
    assert data.kind == POINTS and data.categories[0] == "jan" and len(data.categories) == 12
    prognos, utfall = data.lines
    assert [i for i, v in enumerate(prognos.values) if v is not None] == [2, 7, 9, 10]
    assert [i for i, v in enumerate(utfall.values) if v is not None] == [11]
    c = draw.figure(data, FONTS, style.DPI)
    assert _collisions(c) == []
    assert c.dropped == []
    assert {t.get_text() for t in c.ax.texts} == {"\u221275,0", "\u221279,6", "\u221277,1",
                                                  "\u221272,3"} and len(c.ax.texts) == 5
    # one line through the four reports (not broken at the months between), a point for
    # the outcome, and the budget's zero line
    drawn = [line for line in c.ax.lines if line.get_gid() != draw.DECOR]
    assert sorted(len(line.get_xdata()) for line in drawn) == [1, 2, 4]
    assert 0.0 in c.ax.get_yticks()
    # −79,6 would sit on an axis ending at −80, its marker cut by the frame: one tick more
    assert c.ax.get_ylim()[0] == -100.0


@pytest.mark.parametrize(("values", "bottom"), [
    ((-75.0, -79.6, -77.1), -100.0),  # a point 0,4 above the end: the end moves
    ((-75.0, -72.0, -77.1), -80.0),   # 2,9 above it: room enough for the marker
])
def test_a_point_is_never_drawn_on_the_axis_end(values: tuple[float, ...],
                                                bottom: float) -> None:
    data = ChartData(POINTS, "T", "mnkr", tuple("abcdefghijkl"),
                     (Line("Prognos", (None, None, *values, *[None] * 7)),), 1)
    c = draw.figure(data, FONTS, DPI)
    assert c.ax.get_ylim()[0] == bottom
    marker = 5 / 72 / 2  # inches: half the marker
    height = c.ax.get_position().height * c.h
    lo, hi = c.ax.get_ylim()
    assert (min(values) - lo) / (hi - lo) * height > marker
