"""How every chart looks: palette, font, sizes, and Swedish numbers on the axes.

No matplotlib here, so the cache key can be computed (and a warm run finished) without
importing it. Sizes are print sizes: the PNG is placed 16 cm wide, so 9 pt here is 9 pt
on paper.
"""

from __future__ import annotations

import math
import textwrap
import zipfile
from decimal import Decimal
from pathlib import Path

from lxml import etree

from generator.charts.model import HBAR_PAIRS, HBARS, ChartData
from generator.formatting import MINUS, format_number

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency. Yellow is
# left out: too light on white for lines. The latest year is always blue.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
VERMILLION = "#D55E00"
PALETTE = (BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION)
MARKERS = ("o", "s", "^", "D", "v", "P")  # a second cue besides colour, also in grey print
GREY_TEXT = "#404040"   # 10:1 on white
GRID = "#D9D9D9"
BUDGET_GREY = "#A6A6A6"

WIDTH_CM = 16.0
DPI = 200            # ≥ 200 dpi: sharp in print
LINE_HEIGHT_CM = 8.5
TEXT_PT = 9
SMALL_PT = 8

DEFAULT_FONT = "Calibri"  # the bundled template's, and a template's when none is found
FALLBACK_FONT = "DejaVu Sans"
# Fonts Word templates use, and the metric clones LibreOffice and Linux ship instead.
METRIC_CLONES = {
    "calibri": "Carlito",
    "cambria": "Caladea",
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "times new roman": "Liberation Serif",
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def font_candidates(template_font: str) -> tuple[str, ...]:
    """The template's font, its metric clone, then a font matplotlib always has."""
    names = [template_font]
    clone = METRIC_CLONES.get(template_font.casefold())
    if clone:
        names.append(clone)
    names.append(FALLBACK_FONT)
    return tuple(dict.fromkeys(names))


def template_font(template: Path) -> str:
    """The body font of a Word template (style Normal, else the document default or theme).

    Read straight from the .docx zip: cheap, and it keeps the charts in the report's font.
    """
    try:
        with zipfile.ZipFile(template) as z:
            styles = etree.fromstring(z.read("word/styles.xml"))
            theme = next((n for n in z.namelist() if n.startswith("word/theme/")), None)
            minor = None
            if theme:
                latin = etree.fromstring(z.read(theme)).find(f".//{_A}minorFont/{_A}latin")
                minor = latin.get("typeface") if latin is not None else None
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return DEFAULT_FONT
    places = [s for s in styles.iter(f"{_W}style")
              if s.get(f"{_W}styleId") == "Normal"] + list(styles.iter(f"{_W}rPrDefault"))
    for place in places:
        fonts = place.find(f".//{_W}rFonts")
        if fonts is not None:
            if fonts.get(f"{_W}ascii"):
                return fonts.get(f"{_W}ascii")
            if fonts.get(f"{_W}asciiTheme") and minor:
                return minor
    return minor or DEFAULT_FONT


def tick_decimals(step: float) -> int:
    """Decimals a tick step needs: 0 for 1, 50, 1000; 1 for 0,5; 2 for 0,25."""
    if step <= 0 or not math.isfinite(step):
        return 0
    for decimals in range(0, 4):
        scaled = step * 10 ** decimals
        if abs(scaled - round(scaled)) < 1e-6:
            return decimals
    return 3


def tick_label(value: float, decimals: int) -> str:
    """A Swedish axis number: no-break space between thousands, decimal comma, and the
    minus sign (−) the report's tables print."""
    return format_number(Decimal(repr(value)), decimals, MINUS)


def tick_labels(values: list[float]) -> list[str]:
    """Labels for evenly spaced ticks, all with the decimals their step needs."""
    step = min((abs(b - a) for a, b in zip(values, values[1:], strict=False) if b != a),
               default=1.0)
    decimals = tick_decimals(step)
    return [tick_label(v, decimals) for v in values]


# -- sizes: known before drawing, so the report can place a chart still being drawn ------

LABEL_CHARS = 44  # a bar label longer than this wraps, so the bars keep half the width


def bar_labels(data: ChartData) -> list[str]:
    return [textwrap.fill(label, LABEL_CHARS) for label in data.categories]


# A bar pair's row: two value labels (about 1,15 × 8 pt each) stand one above the other.
PAIR_ROW_CM = 0.7


def height_cm(data: ChartData) -> float:
    """Line and column charts are 8,5 cm high; bar charts grow with their rows (and with
    labels that wrap onto a second line). The fixed part is the subtitle, legend and value
    axis."""
    n = len(data.categories)
    extra = 0.32 * (max((label.count("\n") for label in bar_labels(data)), default=0))
    if data.kind == HBARS:
        return 2.1 + (0.5 + extra) * max(n, 2)
    if data.kind == HBAR_PAIRS:
        return 2.5 + (PAIR_ROW_CM + extra) * max(n, 2)
    return LINE_HEIGHT_CM


def width_in(dpi: int) -> float:
    """The figure's width in inches, in whole pixels rounded up: 16 cm at 200 dpi is
    1 259,8 px, and 1 260 keeps the image at 200 dpi or more."""
    return math.ceil(WIDTH_CM / 2.54 * dpi) / dpi


def aspect(data: ChartData, dpi: int) -> float:
    """Height over width of the PNG that `draw` makes for `data`."""
    return (height_cm(data) / 2.54) / width_in(dpi)
