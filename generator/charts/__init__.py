"""Charts drawn from the workbooks: diagram.xlsx → prepared data → PNG → image in the report.

- `load`     diagram.xlsx → `ChartBook` (series and chart definitions, with their cells)
- `prepare`  pure functions: which months to show, what to draw, the alt text's key message
- `style`    palette, font, sizes and Swedish tick labels (no matplotlib at import)
"""

from generator.charts.load import load_charts

__all__ = ["load_charts"]
