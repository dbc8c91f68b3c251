"""One PNG to draw, in its own light module: the stage builds jobs without matplotlib."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.charts.model import ChartData
from generator.charts.style import DPI


@dataclass(frozen=True)
class Job:
    """What a (possibly forked) worker needs to draw one chart; picklable."""

    data: ChartData
    fonts: tuple[str, ...]
    path: Path
    dpi: int = DPI
