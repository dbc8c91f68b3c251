"""What diagram.xlsx says (`ChartBook`) and what a chart draws (`ChartData`).

`ChartData` holds plain floats and strings only: it is pickled to worker processes and
serialised to JSON for the cache key, so two charts with the same data share one PNG.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.issues import SourceRef

MONTHS = 12


def series_key(name: str) -> str:
    """Series names match case-insensitively and ignoring extra spaces."""
    return " ".join(name.replace("\u00a0", " ").split()).casefold()


@dataclass(frozen=True)
class SeriesYear:
    """One row of the Serier sheet: a series' twelve monthly values for one year."""

    name: str
    year: int
    values: tuple[Decimal | None, ...]
    ref: SourceRef                    # the Serie cell, for messages about the whole row
    cells: tuple[SourceRef | None, ...] = ()  # one per month, for messages about a value


@dataclass(frozen=True)
class ChartDef:
    """One row of the Diagram sheet."""

    id: str
    kind: str
    title: str
    series: tuple[str, ...] = ()
    section: str | None = None
    caption: str | None = None
    source: str | None = None
    unit: str | None = None
    ref: SourceRef | None = None          # the Id cell
    series_ref: SourceRef | None = None   # the Serier cell
    section_ref: SourceRef | None = None  # the Avsnitt cell


@dataclass(frozen=True)
class ChartBook:
    """diagram.xlsx as read; `present` is False when the period folder has no such file."""

    charts: tuple[ChartDef, ...] = ()
    series: dict[str, dict[int, SeriesYear]] = field(default_factory=dict)
    present: bool = False

    def chart(self, chart_id: str) -> ChartDef | None:
        wanted = chart_id.casefold()
        return next((c for c in self.charts if c.id.casefold() == wanted), None)


# Drawing kinds, independent of the Swedish names in the workbook.
MONTH_LINES = "month_lines"    # x: jan–dec, one line per year
TIME_LINES = "time_lines"      # x: consecutive months, one line per series
TIME_STACKED = "time_stacked"  # x: consecutive months, series stacked as bars
HBARS = "hbars"                # horizontal bars, one value per row, sign-coloured
HBAR_PAIRS = "hbar_pairs"      # horizontal bar pairs per row (budget, prognos)
POINTS = "points"              # x: jan–dec, each series a line through its months' points


@dataclass(frozen=True)
class Line:
    """One drawn series: a label for the legend and a value per category (None: no value)."""

    label: str
    values: tuple[float | None, ...]
    emphasis: bool = False


@dataclass(frozen=True)
class ChartData:
    """Everything `draw` needs, and nothing else."""

    kind: str
    title: str
    subtitle: str
    categories: tuple[str, ...]     # x labels (months) or row labels (verksamheter)
    lines: tuple[Line, ...]
    decimals: int = 0
    years: tuple[int | None, ...] = ()  # time axes: the year under each January
    empty_note: str | None = None        # shown in the plot when there is nothing to draw


@dataclass(frozen=True)
class PreparedChart:
    """A chart ready to draw: its definition, its data and the alt text's key message."""

    definition: ChartDef
    data: ChartData
    message: str

    @property
    def alt_text(self) -> str:
        title = self.definition.title.rstrip()
        sep = " " if title.endswith((".", "!", "?", ":")) else ". "
        return f"{title}{sep}{self.message}" if self.message else title
