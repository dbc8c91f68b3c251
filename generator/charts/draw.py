"""Draw a `ChartData` with matplotlib (Agg) into a PNG: the only module importing matplotlib.

Imported only when a chart must be drawn. The layout is computed by hand from measured text
sizes instead of constrained layout (which costs about 30 % of a chart), so every chart has
the same margins, title block and legend position.
"""

from __future__ import annotations

import math
import os
import tempfile
import textwrap
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager, ft2font
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.markers import TICKDOWN
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator
from PIL import Image

from generator.charts import fonts, style
from generator.charts.job import Job
from generator.charts.model import (
    HBAR_PAIRS,
    HBARS,
    MONTH_LINES,
    TIME_LINES,
    TIME_STACKED,
    ChartData,
)

CM = 1 / 2.54


@cache
def resolve_font(candidates: tuple[str, ...]) -> str:
    """The first candidate matplotlib can draw with; DejaVu Sans, bundled with it, at last.

    matplotlib's font list is built once and never refreshed, so a candidate it lacks is
    looked up on the system (`fonts`) and its files added to the font manager. Once per
    process: workers forked afterwards inherit both the answer and the added fonts.
    """
    known = {entry.name.casefold() for entry in font_manager.fontManager.ttflist}
    for name in candidates:
        if name.casefold() in known or _add_installed(name):
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
        "axes.unicode_minus": False,   # "-12" as in the report's tables
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


class _Canvas:
    """A figure of fixed width with a title block on top and a hand-placed axes."""

    def __init__(self, data: ChartData, height_cm: float, dpi: int) -> None:
        self.data = data
        self.w = style.width_in(dpi)
        self.h = height_cm * CM
        self.fig = Figure(figsize=(self.w, self.h), dpi=dpi, facecolor="white")
        self.canvas = FigureCanvasAgg(self.fig)
        self.renderer = self.canvas.get_renderer()
        self.ax: Axes = self.fig.add_axes((0.1, 0.1, 0.8, 0.8))
        self.pad = 0.04  # inches at the figure's left edge
        self.top = self._title_block()

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

    def wrap(self, text: str, size: float, bold: bool = False) -> list[str]:
        """`text` in lines that fit the figure's width (a long title is never cut off)."""
        avail = self.w - 2 * self.pad
        width = self.text_width(text, size) * (1.07 if bold else 1.0)
        if width <= avail or len(text) < 2:
            return [text]
        return textwrap.wrap(text, max(10, int(len(text) * avail / width) - 1)) or [text]

    def _title_block(self) -> float:
        """Title and subtitle, left-aligned, wrapped if long; returns the inches used."""
        y = 0.05
        title = self.wrap(self.data.title, style.TITLE_PT, bold=True)
        self.fig.text(self.pad / self.w, 1 - y / self.h, "\n".join(title),
                      fontsize=style.TITLE_PT, fontweight="bold", va="top", ha="left",
                      linespacing=1.15)
        y += 0.22 * len(title)
        if self.data.subtitle:
            subtitle = self.wrap(self.data.subtitle, style.TEXT_PT)
            self.fig.text(self.pad / self.w, 1 - y / self.h, "\n".join(subtitle),
                          fontsize=style.TEXT_PT, color=style.GREY_TEXT, va="top", ha="left")
            y += 0.2 * len(subtitle)
        return y

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


def _value_ticks(lo: float, hi: float, integer: bool) -> list[float]:
    """Nice ticks covering lo…hi, starting at zero when nothing is negative."""
    if lo == hi:
        lo, hi = (0.0, 1.0) if hi == 0 else (min(0.0, lo), max(0.0, hi))
    if lo >= 0:
        lo = 0.0
    locator = MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], integer=integer)
    ticks = [float(t) for t in locator.tick_values(lo, hi)]
    # Keep the ticks that frame the data: the first at or below lo, the last at or above hi.
    first = max((t for t in ticks if t <= lo + 1e-9), default=ticks[0])
    last = min((t for t in ticks if t >= hi - 1e-9), default=ticks[-1])
    return [t for t in ticks if first - 1e-9 <= t <= last + 1e-9]


def _number_axis(c: _Canvas, axis: str, ticks: list[float]) -> float:
    """Fix the ticks of a value axis with Swedish labels; returns the widest label (in)."""
    labels = style.tick_labels(ticks)
    ax_obj = c.ax.yaxis if axis == "y" else c.ax.xaxis
    ax_obj.set_major_locator(FixedLocator(ticks))
    ax_obj.set_major_formatter(FuncFormatter(
        lambda v, _pos: labels[min(range(len(ticks)), key=lambda i: abs(ticks[i] - v))]))
    (c.ax.set_ylim if axis == "y" else c.ax.set_xlim)(ticks[0], ticks[-1])
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
                  clip_on=False, zorder=2)
    c.ax.set_xlim(-0.6, n - 0.4)
    two_rows = any("\n" in label for label in labels)
    return 0.48 if two_rows else 0.3


def _month_frame(c: _Canvas, n: int, lo: float, hi: float) -> None:
    """Months along x, Swedish numbers up y, the axes placed beside the widest number."""
    _clean_axes(c.ax, "y")
    bottom = _month_axis(c, n)
    ticks = _value_ticks(lo, hi, c.data.decimals == 0)
    width = _number_axis(c, "y", ticks)
    c.place(c.pad + width + 0.1, bottom)


def _lines(c: _Canvas) -> None:
    data = c.data
    n = len(data.categories)
    values = _values(data)
    lines = data.lines
    # Latest year (or first series) blue; on year charts colours count back from the latest.
    order = list(range(len(lines)))[::-1] if data.kind == MONTH_LINES else list(range(len(lines)))
    handles = []
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
        if data.kind == TIME_LINES and len(lines) == 1:
            _end_label(c, line.values, color)
    handles.sort()
    if len(lines) > 1:
        c.legend([h for _, h in handles], [lines[i].label for i, _ in handles])
    _month_frame(c, n, min(values), max(values))


def _end_label(c: _Canvas, values: Sequence[float | None], color: str) -> None:
    """The latest value and the one a year before, printed on the line: the numbers the
    text talks about ("från under 150 till 200 miljoner kronor")."""
    last = max((i for i, v in enumerate(values) if v is not None), default=None)
    if last is None:
        return
    points = [i for i in (last - 12, last) if i >= 0 and values[i] is not None]
    for i in points:
        value = values[i]
        assert value is not None
        c.ax.plot([i], [value], marker="o", markersize=4.5, color=color, zorder=5)
        c.ax.annotate(style.tick_label(value, c.data.decimals), (i, value), xytext=(-5, 5),
                      textcoords="offset points", ha="right", va="bottom",
                      fontsize=style.TEXT_PT, color="black", zorder=6)


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
    _month_frame(c, n, min(0.0, *values), max(base))


def _bar_limits(values: list[float], label_width: float, axes_width: float
                ) -> tuple[float, float, list[float], bool]:
    """(left, right, ticks, labels_left): room beyond the bars for their value labels.

    Negative values get their labels on the left only when the negative side is more than a
    sliver of the axis; otherwise a -0,3 beside 882,8 would push the axis to -250.
    """
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    labels_left = lo < 0 and -lo >= 0.05 * span
    room_left = label_width + 0.1 if labels_left else 0.0
    room_right = label_width + 0.1 if hi > 0 or not labels_left else 0.0
    usable = max(axes_width - room_left - room_right, 0.3 * axes_width)
    per_inch = span / usable
    ticks = _value_ticks(lo - room_left * per_inch if labels_left else 0.0,
                         hi + room_right * per_inch, False)
    left = min(ticks[0], lo - 0.01 * span)
    return left, max(ticks[-1], hi + room_right * per_inch), ticks, labels_left


def _hbars(c: _Canvas) -> None:
    data = c.data
    pairs = data.kind == HBAR_PAIRS
    n = len(data.categories)
    label_texts = [[style.tick_label(v, data.decimals) if v is not None else ""
                    for v in line.values] for line in data.lines]
    label_width = c.widest([t for texts in label_texts for t in texts], style.SMALL_PT)
    names = style.bar_labels(data)
    names_width = c.widest(names)
    left = c.pad + names_width + 0.12
    axes_width = c.w - left - 0.3
    values = _values(data) or [0.0]
    left_lim, right_lim, ticks, labels_left = _bar_limits(values, label_width, axes_width)
    if pairs:
        colors = (style.BUDGET_GREY, style.BLUE)
        height = 0.38
        offsets = (-0.2, 0.2)
        handles = []
        for line, color, offset, texts in zip(data.lines, colors, offsets, label_texts,
                                              strict=True):
            vals = [0.0 if v is None else v for v in line.values]
            c.ax.barh([i + offset for i in range(n)], vals, height=height, color=color,
                      zorder=3)
            _bar_labels(c, [i + offset for i in range(n)], vals, texts, labels_left)
            handles.append(Patch(facecolor=color))
        c.legend(handles, [line.label for line in data.lines])
    else:
        vals = [0.0 if v is None else v for v in data.lines[0].values]
        bar_colors = [style.VERMILLION if v < 0 else style.BLUE for v in vals]
        c.ax.barh(range(n), vals, height=0.66, color=bar_colors, zorder=3)
        _bar_labels(c, list(range(n)), vals, label_texts[0], labels_left)
        kinds = [(style.VERMILLION, "Underskott"), (style.BLUE, "Överskott")]
        shown = [(color, label) for color, label in kinds if color in bar_colors]
        if len(shown) > 1:
            c.legend([Patch(facecolor=color) for color, _ in shown], [lb for _, lb in shown])
    c.ax.set_yticks(range(n), names)
    c.ax.set_ylim(n - 0.5, -0.5)  # first category at the top
    _clean_axes(c.ax, "x")
    c.ax.spines["bottom"].set_visible(False)
    c.ax.axvline(0, color=style.GREY_TEXT, linewidth=0.8, zorder=4)
    _number_axis(c, "x", ticks)
    c.ax.set_xlim(left_lim, right_lim)
    # The last tick's label is centred on the axis' end: leave room for its right half.
    last_label = c.text_width(style.tick_labels(ticks)[-1]) / 2 + 0.04
    c.place(left, 0.32, right=max(0.12, last_label))


def _bar_labels(c: _Canvas, positions: list[float], values: list[float],
                texts: list[str], labels_left: bool) -> None:
    for y, v, text in zip(positions, values, texts, strict=True):
        if not text:
            continue
        left = v < 0 and labels_left
        c.ax.annotate(text, (v if left else max(v, 0.0), y), xytext=(-3 if left else 3, 0),
                      textcoords="offset points", ha="right" if left else "left",
                      va="center", fontsize=style.SMALL_PT, color="black", zorder=5,
                      annotation_clip=False)


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
    elif kind in (HBARS, HBAR_PAIRS):
        _hbars(c)
    else:  # pragma: no cover - prepare only makes the kinds above
        raise ValueError(kind)
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
