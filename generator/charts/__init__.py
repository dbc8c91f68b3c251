"""Charts drawn from the workbooks: diagram.xlsx → prepared data → PNG → image in the report.

The stage is split so that only drawing needs matplotlib (imported lazily, so `--help` and
validation stay fast):

- `load`     diagram.xlsx → `ChartBook` (series and chart definitions, with their cells)
- `prepare`  pure functions: which months to show, what to draw, the alt text's key message
- `style`    palette, font, sizes and Swedish tick labels (no matplotlib at import)
- `scale`    nice ticks and limits fitted to the data (pure)
- `fonts`    where a font family's files are on the system (fontconfig or font folders)
- `draw`     matplotlib (Agg) → PNG; the only module that imports matplotlib
- `job`      one PNG to draw, picklable for the worker processes
- `stage`    placement in the texts, a content-keyed cache, a fork pool, timings, and the
             hook that puts images, captions and source lines into the Word document
- `embed`    the WordprocessingML of image, caption and source line (python-docx, loaded
             only when a report is written)
- `server`   a process that imports matplotlib early and draws in workers forked from it

The names below are loaded on first use, so that importing `generator.charts.server` (the
first thing a report run does) does not pull in openpyxl through `load`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.charts.load import load_charts
    from generator.charts.stage import ChartPlan, plan_charts

__all__ = ["ChartPlan", "load_charts", "plan_charts"]
_HOMES = {"ChartPlan": "stage", "load_charts": "load", "plan_charts": "stage"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f"generator.charts.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
