"""Draw a `ChartData` with matplotlib (Agg) into a PNG: the only module importing matplotlib.

Imported only when a chart must be drawn. The layout is computed by hand from measured text
sizes instead of constrained layout (which costs about 30 % of a chart), so every chart has
the same margins, header and legend position. Value labels are placed last, once the layout
is fixed, where they touch nothing (`_settle_labels`).
"""

from __future__ import annotations

import math
import os
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import matplotlib
from matplotlib import font_manager, ft2font
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.markers import TICKDOWN
from matplotlib.patches import Patch
from matplotlib.text import Annotation
from matplotlib.ticker import FixedLocator, FuncFormatter
from matplotlib.transforms import Bbox
from PIL import Image

from generator.charts import fonts, scale, style
from generator.charts.job import Job
from generator.charts.model import (
    HBAR_PAIRS,
    HBARS,
    MONTH_LINES,
    POINTS,
    TIME_LINES,
    TIME_STACKED,
    ChartData,
)

CM = 1 / 2.54
# A label's place: (dx, dy) in points from its anchor, horizontal and vertical alignment.
Place = tuple[float, float, Literal["left", "center", "right"],
              Literal["bottom", "center", "top"]]


@cache
def resolve_font(candidates: tuple[str, ...]) -> str:
    """The first candidate matplotlib can draw with; DejaVu Sans, bundled with it, at last.

    matplotlib's font list is built once and never refreshed. When it has none of the
    candidates (the template's font or its metric clone), they are looked up on the system
    (`fonts`) and the first one found is added to the font manager. A known metric clone
    is taken without a look-up (Carlito on Linux, where Calibri is rarely installed): its
    letters have Calibri's widths, and a run pays nothing. Once per process: workers forked
    afterwards inherit both the answer and the added fonts.
    """
    known = {entry.name.casefold() for entry in font_manager.fontManager.ttflist}
    wanted = [name for name in candidates if name != style.FALLBACK_FONT]
    for name in wanted:
        if name.casefold() in known:
            return name
    for name in wanted:
        if _add_installed(name):
            return name
    return style.FALLBACK_FONT


def _add_installed(family: str) -> bool:
    """Add the system's files of `family` to matplotlib's font manager; True if any."""
    added = False
    for path in fonts.installed_files(family):
        try:
            if ft2font.FT2Font(str(path)).family_name.casefold() != family.casefold():
                continue  # LiberationSansNarrow-Regular.ttf is not Liberation Sans
            font_manager.fontManager.addfont(str(path))
        except (OSError, RuntimeError, ValueError):
            continue  # unreadable or not a font after all
        added = True
    return added


def _rc(font: str) -> dict[str, object]:
    return {
        "font.family": [font, style.FALLBACK_FONT],
        "font.size": style.TEXT_PT,
        "axes.unicode_minus": False,   # our labels carry their own minus sign (style)
        "axes.edgecolor": style.GREY_TEXT,
        "axes.labelcolor": style.GREY_TEXT,
        "xtick.color": style.GREY_TEXT,
        "ytick.color": style.GREY_TEXT,
        "text.color": "black",
        "svg.fonttype": "none",
        "path.simplify": True,
        # Hinting snaps glyphs to the pixel grid, which matters on screens at small sizes,
        # not at 200 dpi in print; without it text renders about a fifth faster.
        "text.hinting": "none",
    }


@dataclass
class _Label:
    """A value label and the places it may go, best first; `_settle_labels` picks the
    first where it touches nothing, or drops it."""

    text: Annotation
    options: tuple[Place, ...]


class _Canvas:
    """A figure of fixed width with a header on top and a hand-placed axes.

    The header holds the subtitle (what is counted, in which unit, over which months) and
    the legend. The title is not drawn: it is the caption under the image in the report,
    text that screen readers, search and a PDF's structure can use (see `embed`).
    """

    def __init__(self, data: ChartData, height_cm: float, dpi: int) -> None:
        self.data = data
        self.w = style.width_in(dpi)
        self.h = height_cm * CM
        self.fig = Figure(figsize=(self.w, self.h), dpi=dpi, facecolor="white")
        self.canvas = FigureCanvasAgg(self.fig)
        self.renderer = self.canvas.get_renderer()
        self.ax: Axes = self.fig.add_axes((0.1, 0.1, 0.8, 0.8))
        self.pad = 0.04  # inches at the figure's left edge
        self.labels: list[_Label] = []
        self.dropped: list[str] = []  # labels that had no free place (for tests)
        self.top = self._header()

    def text_width(self, text: str, size: float = style.TEXT_PT) -> float:
        """Width in inches of `text` as it will be drawn (the longest line)."""
        props = FontProperties(family=matplotlib.rcParams["font.family"], size=size)
        widths = [self.renderer.get_text_width_height_descent(line, props, ismath=False)[0]
                  for line in text.split("\n")]
        return max(widths, default=0) / self.fig.dpi

    def widest(self, texts: Sequence[str], size: float = style.TEXT_PT) -> float:
        """Width in inches of the widest of `texts`, measuring only the three longest: text
        layout is most of a chart's drawing time, and widths follow length closely enough."""
        longest = sorted(set(texts), key=lambda t: max(map(len, t.split("\n"))),
                         reverse=True)[:3]
        return max((self.text_width(t, size) for t in longest), default=0.0)

    def wrap(self, text: str, size: float) -> list[str]:
        """`text` in lines that fit the figure's width (a long subtitle is never cut off)."""
        avail = self.w - 2 * self.pad
        width = self.text_width(text, size)
        if width <= avail or len(text) < 2:
            return [text]
        return textwrap.wrap(text, max(10, int(len(text) * avail / width) - 1)) or [text]

    def _header(self) -> float:
        """The subtitle, left-aligned, wrapped if long; returns the inches used."""
        y = 0.05
        if self.data.subtitle:
            subtitle = self.wrap(self.data.subtitle, style.TEXT_PT)
            self.fig.text(self.pad / self.w, 1 - y / self.h, "\n".join(subtitle),
                          fontsize=style.TEXT_PT, color=style.GREY_TEXT, va="top", ha="left")
            y += 0.2 * len(subtitle)
        return y

    def label(self, text: str, xy: tuple[float, float],
              options: Sequence[Place], size: float) -> None:
        """A value label at data point `xy`, placed later by `_settle_labels`."""
        dx, dy, ha, va = options[0]
        annotation = self.ax.annotate(text, xy, xytext=(dx, dy), textcoords="offset points",
                                      ha=ha, va=va, fontsize=size, color="black", zorder=6,
                                      annotation_clip=False)
        self.labels.append(_Label(annotation, tuple(options)))

    def legend(self, handles: Sequence[Artist], labels: Sequence[str]) -> None:
        """Under the title, left-aligned with it: one row, or as many as the labels need."""
        handle = 2.0 * style.TEXT_PT / 72 + 0.5 * style.TEXT_PT / 72  # line + gap, inches
        spacing = 1.4 * style.TEXT_PT / 72
        widths = [handle + self.text_width(label) + spacing for label in labels]
        columns = len(labels)
        while columns > 1 and max(widths) * columns > self.w - 2 * self.pad and \
                sum(widths[:columns]) > self.w - 2 * self.pad:
            columns -= 1
        rows = math.ceil(len(labels) / columns)
        self.fig.legend(handles, labels, loc="upper left", frameon=False, ncols=columns,
                        bbox_to_anchor=(self.pad / self.w, 1 - (self.top + 0.02) / self.h),
                        fontsize=style.TEXT_PT, handlelength=2.0, columnspacing=1.4,
                        handletextpad=0.5, borderaxespad=0, borderpad=0)
        self.top += 0.26 + 0.2 * (rows - 1)

    def place(self, left: float, bottom: float, right: float = 0.12) -> None:
        """Put the axes between margins given in inches."""
        top = self.top + 0.1
        self.ax.set_position((left / self.w, bottom / self.h, 1 - (left + right) / self.w,
                              1 - (top + bottom) / self.h))

    def save(self, path: Path, dpi: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".png", dir=path.parent)
        os.close(fd)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; others sharing outputs/ read it too
        try:
            # Encoded here rather than by savefig: RGB, as the figure is opaque white, is a
            # quarter less to compress than RGBA (about 6 % of a chart's time), and zlib
            # level 1 is a third faster than the default 6 for ~15 % larger files.
            self.canvas.draw()
            width, height = self.canvas.get_width_height()
            image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(),
                                     "raw", "RGBA", 0, 1).convert("RGB")
            image.save(tmp, format="png", compress_level=1, dpi=(dpi, dpi))
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _clean_axes(ax: Axes, grid_axis: str) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(style.GREY_TEXT)
    ax.spines["bottom"].set_linewidth(0.8)
    getattr(ax, f"{grid_axis}axis").grid(True, color=style.GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="both", labelsize=style.TEXT_PT, length=0, pad=4)


def _number_axis(c: _Canvas, axis: str, ticks: list[float],
                 limits: tuple[float, float] | None = None) -> float:
    """Fix the ticks of a value axis with Swedish labels and set its limits (the ends of
    the ticks unless given); returns the widest label (in)."""
    labels = style.tick_labels(ticks)
    ax_obj = c.ax.yaxis if axis == "y" else c.ax.xaxis
    ax_obj.set_major_locator(FixedLocator(ticks))
    ax_obj.set_major_formatter(FuncFormatter(
        lambda v, _pos: labels[min(range(len(ticks)), key=lambda i: abs(ticks[i] - v))]))
    (c.ax.set_ylim if axis == "y" else c.ax.set_xlim)(*(limits or (ticks[0], ticks[-1])))
    return c.widest(labels)


def _values(data: ChartData) -> list[float]:
    return [v for line in data.lines for v in line.values if v is not None]


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else v for v in values]


def _empty(c: _Canvas) -> None:
    c.ax.set_xticks([])
    c.ax.set_yticks([])
    for spine in c.ax.spines.values():
        spine.set_visible(False)
    c.ax.text(0.5, 0.5, c.data.empty_note or "", transform=c.ax.transAxes, ha="center",
              va="center", color=style.GREY_TEXT, fontsize=style.TEXT_PT + 1)
    c.place(0.4, 0.3)


DECOR = "decor"  # gid of lines that are part of the axis, not data labels must avoid


def _month_axis(c: _Canvas, n: int) -> float:
    """Category ticks for months; a year under each January on time axes. Returns the
    height (in) the labels need."""
    data = c.data
    positions = list(range(n))
    if data.kind == MONTH_LINES or n <= 13:
        ticks = positions
    else:
        ticks = [i for i in positions if data.categories[i] in ("jan", "apr", "jul", "okt")]
    labels = []
    for i in ticks:
        year = data.years[i] if i < len(data.years) else None
        labels.append(data.categories[i] + (f"\n{year}" if year is not None else ""))
    c.ax.tick_params(axis="x", which="major", length=3, color=style.GREY_TEXT)
    c.ax.set_xticks(ticks, labels)
    if len(ticks) < n:
        # A short mark under every month between the labelled ones: one line of markers,
        # not a minor tick per month (a tick is three artists and most of a chart's time).
        c.ax.plot(positions, [0.0] * n, transform=c.ax.get_xaxis_transform(), linestyle="",
                  marker=TICKDOWN, markersize=2, markeredgewidth=0.8, color=style.GREY_TEXT,
                  clip_on=False, zorder=2, gid=DECOR)
    c.ax.set_xlim(-0.6, n - 0.4)
    two_rows = any("\n" in label for label in labels)
    return 0.48 if two_rows else 0.3


LABEL_ROOM = (style.TEXT_PT * 1.2 + 7) / 72  # inches above the highest point for its label


MARKER_ROOM = 6 / 72  # inches between a point and the plot's end: its marker, and air


def _month_frame(c: _Canvas, n: int, values: list[float], headroom: bool = False,
                 points: bool = False) -> None:
    """Months along x, Swedish numbers up y, the axes placed beside the widest number.

    The value axis runs from zero (or the lowest value) to the first nice tick at or above
    the highest; with `headroom`, a little further, so that a label above the highest
    point stays inside the plot. With `points` (markers on a line), a point that would sit
    on the axis's end (−79,6 on an axis ending at −80) moves the end a tick further out,
    so that its marker is not cut by the frame. An end at zero stays: it is the baseline
    the values are read against.
    """
    _clean_axes(c.ax, "y")
    bottom = _month_axis(c, n)
    lo, hi = scale.value_range(values)
    integer = c.data.decimals == 0
    ticks = scale.nice_ticks(lo, hi, integer=integer)
    width = _number_axis(c, "y", ticks)
    c.place(c.pad + width + 0.1, bottom)
    if points:
        height = c.ax.get_position().height * c.h
        air = MARKER_ROOM / max(height, 0.5) * (ticks[-1] - ticks[0])
        low = lo - air if ticks[0] < 0 and lo - ticks[0] < air else lo
        high = hi + air if not headroom and ticks[-1] > 0 and ticks[-1] - hi < air else hi
        if (low, high) != (lo, hi):
            ticks = scale.nice_ticks(low, high, integer=integer)
            width = _number_axis(c, "y", ticks)
            c.place(c.pad + width + 0.1, bottom)
    if headroom:
        height = c.ax.get_position().height * c.h
        span = ticks[-1] - ticks[0]
        top = max(ticks[-1], hi + LABEL_ROOM / max(height - LABEL_ROOM, 0.5) * span)
        c.ax.set_ylim(ticks[0], top)


def _lines(c: _Canvas) -> None:
    data = c.data
    n = len(data.categories)
    lines = data.lines
    # Latest year (or first series) blue; on year charts colours count back from the latest.
    order = list(range(len(lines)))[::-1] if data.kind == MONTH_LINES else list(range(len(lines)))
    handles = []
    end_labels = data.kind == TIME_LINES and len(lines) == 1
    for rank, i in enumerate(order):
        line = lines[i]
        color = style.PALETTE[rank % len(style.PALETTE)]
        marker = style.MARKERS[rank % len(style.MARKERS)]
        few_points = n <= 13
        (h,) = c.ax.plot(range(n), _nan(line.values), color=color,
                         linewidth=2.4 if line.emphasis or len(lines) == 1 else 1.5,
                         marker=marker if few_points else None, markersize=3.8,
                         markeredgewidth=0, zorder=3 + (1 if line.emphasis else 0),
                         solid_capstyle="round")
        handles.append((i, h))
        if end_labels:
            _end_label(c, line.values, color)
    handles.sort()
    if len(lines) > 1:
        c.legend([h for _, h in handles], [lines[i].label for i, _ in handles])
    _month_frame(c, n, _values(data), headroom=end_labels, points=n <= 13)


# Where a label beside a point may go, best first: above left (the line arrives from the
# left), then the other corners and sides.
POINT_LABEL: tuple[Place, ...] = (
    (-5, 5, "right", "bottom"), (5, 5, "left", "bottom"), (0, 7, "center", "bottom"),
    (-7, 0, "right", "center"), (5, -5, "left", "top"), (-5, -5, "right", "top"),
    (0, -7, "center", "top"), (7, 0, "left", "center"),
)


def _end_label(c: _Canvas, values: Sequence[float | None], color: str) -> None:
    """The latest value and the one a year before, printed on the line: the numbers the
    text talks about ("från under 150 till 200 miljoner kronor")."""
    last = max((i for i, v in enumerate(values) if v is not None), default=None)
    if last is None:
        return
    points = [i for i in (last, last - 12) if i >= 0 and values[i] is not None]
    for i in points:  # the latest first: it keeps its place when space is short
        value = values[i]
        assert value is not None
        c.ax.plot([i], [value], marker="o", markersize=4.5, color=color, zorder=5)
        c.label(style.tick_label(value, c.data.decimals), (i, value), POINT_LABEL,
                style.TEXT_PT)


def _points(c: _Canvas) -> None:
    """Each series as a line through the months that have a value (a report's month), the
    months between joined rather than left as gaps; every point labelled, and a line at
    zero, where the budget is."""
    data = c.data
    handles = []
    for rank, line in enumerate(data.lines):
        xs = [i for i, v in enumerate(line.values) if v is not None]
        ys = [v for v in line.values if v is not None]
        color = style.PALETTE[rank % len(style.PALETTE)]
        (h,) = c.ax.plot(xs, ys, color=color, linewidth=2.4 if line.emphasis else 1.5,
                         marker=style.MARKERS[rank % len(style.MARKERS)], markersize=5,
                         markeredgewidth=0, zorder=3 + rank, solid_capstyle="round")
        handles.append(h)
        for x, y in zip(xs, ys, strict=True):
            c.label(style.tick_label(y, data.decimals), (x, y), POINT_LABEL, style.TEXT_PT)
    if len(data.lines) > 1:
        c.legend(handles, [line.label for line in data.lines])
    c.ax.axhline(0, color=style.GREY_TEXT, linewidth=0.8, zorder=2)
    _month_frame(c, len(data.categories), _values(data), headroom=True, points=True)


def _stacked(c: _Canvas) -> None:
    data = c.data
    n = len(data.categories)
    values = _values(data)
    base = [0.0] * n
    handles, labels = [], []
    for rank, line in enumerate(data.lines):
        heights = [0.0 if v is None else v for v in line.values]
        color = style.PALETTE[rank % len(style.PALETTE)]
        c.ax.bar(range(n), heights, bottom=base, width=0.72, color=color, edgecolor="white",
                 linewidth=0.4, zorder=3)
        base = [b + h for b, h in zip(base, heights, strict=True)]
        handles.append(Patch(facecolor=color))
        labels.append(line.label)
    c.legend(handles, labels)
    _month_frame(c, n, [min(0.0, *values), max(base)])


def _labels_left_of(values: list[float]) -> bool:
    """Labels of negative bars go on the left only when the negative side is more than a
    sliver of the axis; otherwise a -0,3 beside 882,8 would push the axis far left."""
    lo, hi = scale.value_range(values)
    return lo < 0 and -lo >= 0.05 * ((hi - lo) or 1.0)


def _hbars(c: _Canvas) -> None:
    data = c.data
    pairs = data.kind == HBAR_PAIRS
    n = len(data.categories)
    label_texts = [[style.tick_label(v, data.decimals) if v is not None else ""
                    for v in line.values] for line in data.lines]
    rows = [[0.0 if v is None else v for v in line.values] for line in data.lines]
    names = style.bar_labels(data)
    names_width = c.widest(names)
    values = _values(data) or [0.0]
    labels_left = _labels_left_of(values)
    sides: dict[bool, list[str]] = {True: [], False: []}  # on the left? → label texts
    for i in range(n):
        texts = [t[i] for t in label_texts if t[i]]
        sides[_labels_go_left([r[i] for r in rows], labels_left)] += texts
    # Each side's widest label, its 3 pt gap and a little air: the axis ends there.
    room = {side: c.widest(texts, style.SMALL_PT) + 4 / 72 + 0.03 if texts else 0.0
            for side, texts in sides.items()}
    left = c.pad + names_width + 0.12
    lo, hi = scale.value_range(values)
    nice = scale.nice_ticks(lo, hi)
    # The axis may end on the last tick, whose label is centred there: room for its half.
    right = max(0.12, c.text_width(style.tick_labels(nice)[-1]) / 2 + 0.04)
    limits = scale.snap(scale.bar_limits(lo, hi, room[True], room[False], c.w - left - right),
                        nice)
    ticks = scale.ticks_within(nice, *limits)
    if pairs:
        colors = (style.BUDGET_GREY, style.BLUE)
        height = 0.4
        offsets = (-0.2, 0.2)  # budget above prognos, touching: a pair reads as one
        for vals, color, offset in zip(rows, colors, offsets, strict=True):
            c.ax.barh([i + offset for i in range(n)], vals, height=height, color=color,
                      zorder=3)
        c.legend([Patch(facecolor=color) for color in colors],
                 [line.label for line in data.lines])
    else:
        bar_colors = [style.VERMILLION if v < 0 else style.BLUE for v in rows[0]]
        c.ax.barh(range(n), rows[0], height=0.66, color=bar_colors, zorder=3)
        kinds = [(style.VERMILLION, "Underskott"), (style.BLUE, "Överskott")]
        shown = [(color, label) for color, label in kinds if color in bar_colors]
        if len(shown) > 1:
            c.legend([Patch(facecolor=color) for color, _ in shown], [lb for _, lb in shown])
    _bar_labels(c, rows, label_texts, labels_left)
    c.ax.set_yticks(range(n), names)
    c.ax.set_ylim(n - 0.5, -0.5)  # first category at the top
    _clean_axes(c.ax, "x")
    c.ax.spines["bottom"].set_visible(False)
    c.ax.axvline(0, color=style.GREY_TEXT, linewidth=0.8, zorder=4)
    _number_axis(c, "x", ticks or [0.0], limits)
    c.place(left, 0.32, right=right)


def _labels_go_left(ends: list[float], labels_left: bool) -> bool:
    """A row's labels go left of its bars when the chart puts negative labels there and the
    row reaches further left of zero than right."""
    return labels_left and min(ends) < 0 and -min(ends) >= max(max(ends), 0.0)


def _bar_labels(c: _Canvas, rows: list[list[float]], texts: list[list[str]],
                labels_left: bool) -> None:
    """Each bar's value beyond the end of its row's bars, outside them.

    A pair's two labels stand one above the other at the end of the longer bar, the upper
    one's foot and the lower one's head at the pair's middle: at a bar's own end, the label
    of the shorter bar would run over the longer one.
    """
    pairs = len(rows) == 2
    for i in range(len(rows[0])):
        ends = [row[i] for row in rows]
        left = _labels_go_left(ends, labels_left)
        x = min(ends) if left else max(max(ends), 0.0)
        for line, text in enumerate(t[i] for t in texts):
            if not text:
                continue
            place: Place
            if pairs:
                place = (-3 if left else 3, 0.5 if line == 0 else -0.5,
                         "right" if left else "left", "bottom" if line == 0 else "top")
            else:
                place = (-3 if left else 3, 0.0, "right" if left else "left", "center")
            c.label(text, (x, i), [place], style.SMALL_PT)


def _overlaps(a: Bbox, b: Bbox, pad: float = 0.0) -> bool:
    """Whether two boxes share area (touching is not overlapping); `pad` pixels of air."""
    return (a.x0 - pad < b.x1 and b.x0 < a.x1 + pad and a.y0 - pad < b.y1
            and b.y0 < a.y1 + pad)


def _segment_crosses(box: Bbox, p: Sequence[float], q: Sequence[float]) -> bool:
    """Whether the segment p–q passes through `box` (Liang–Barsky clipping)."""
    x0, y0 = p
    dx, dy = q[0] - x0, q[1] - y0
    t0, t1 = 0.0, 1.0
    for pk, qk in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0),
                   (dy, box.y1 - y0)):
        if pk == 0:
            if qk < 0:
                return False
            continue
        t = qk / pk
        if pk < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def line_hits(line: Line2D, box: Bbox, dpi: float) -> bool:
    """Whether a drawn line (its segments, widened by half its width, or its markers)
    touches `box` (display pixels)."""
    xy = line.get_transform().transform(line.get_xydata())
    half = line.get_linewidth() * dpi / 72 / 2
    wide = Bbox.from_extents(box.x0 - half, box.y0 - half, box.x1 + half, box.y1 + half)
    finite = [bool(math.isfinite(x) and math.isfinite(y)) for x, y in xy]
    if line.get_linestyle() not in ("None", "", " ", "none"):
        for k in range(len(xy) - 1):
            if finite[k] and finite[k + 1] and _segment_crosses(wide, xy[k], xy[k + 1]):
                return True
    if line.get_marker() not in (None, "None", "", " ", "none"):
        r = line.get_markersize() * dpi / 72 / 2
        for (x, y), ok in zip(xy, finite, strict=True):
            if ok and _overlaps(box, Bbox.from_extents(x - r, y - r, x + r, y + r)):
                return True
    return False


def _settle_labels(c: _Canvas) -> None:
    """Give each value label the first of its places where it stays in the plot and
    touches no bar, data line, marker or label already placed; a label with no such place
    is left out (a number that cannot be read is worse than none)."""
    if not c.labels:
        return
    renderer = c.renderer
    dpi = c.fig.dpi
    air = 0.5 * dpi / 72
    area = c.ax.get_window_extent(renderer)
    bars = [p.get_window_extent(renderer) for p in c.ax.patches]
    lines = [line for line in c.ax.lines if line.get_gid() != DECOR]
    placed: list[Bbox] = []
    for label in c.labels:
        for dx, dy, ha, va in label.options:
            label.text.xyann = (dx, dy)
            label.text.set_horizontalalignment(ha)
            label.text.set_verticalalignment(va)
            box = label.text.get_window_extent(renderer)
            inside = (box.x0 >= area.x0 - 0.5 and box.x1 <= area.x1 + 0.5
                      and box.y0 >= area.y0 - 0.5 and box.y1 <= area.y1 + 0.5)
            if inside and not any(_overlaps(box, other, air) for other in (*bars, *placed)) \
                    and not any(line_hits(line, box, dpi) for line in lines):
                placed.append(box)
                break
        else:
            c.dropped.append(label.text.get_text())
            label.text.remove()


def _draw(data: ChartData, dpi: int) -> _Canvas:
    """Draw `data` on a new canvas, laid out; inside `_rc`'s context."""
    c = _Canvas(data, style.height_cm(data), dpi)
    kind = data.kind
    if not _values(data):
        _empty(c)  # an all-blank series: the chart says so instead of failing
    elif kind in (MONTH_LINES, TIME_LINES):
        _lines(c)
    elif kind == TIME_STACKED:
        _stacked(c)
    elif kind == POINTS:
        _points(c)
    elif kind in (HBARS, HBAR_PAIRS):
        _hbars(c)
    else:  # pragma: no cover - prepare only makes the kinds above
        raise ValueError(kind)
    _settle_labels(c)
    return c


def figure(data: ChartData, fonts: tuple[str, ...], dpi: int = style.DPI) -> _Canvas:
    """The chart `render` would save, drawn and kept for inspection (tests)."""
    with matplotlib.rc_context(_rc(resolve_font(fonts))):  # type: ignore[arg-type]
        c = _draw(data, dpi)
        c.canvas.draw()
    return c


def render(job: Job) -> float:
    """Draw one chart to `job.path`; returns the seconds it took (for the timings)."""
    start = time.perf_counter()
    with matplotlib.rc_context(_rc(resolve_font(job.fonts))):  # type: ignore[arg-type]
        _draw(job.data, job.dpi).save(job.path, job.dpi)
    return time.perf_counter() - start
