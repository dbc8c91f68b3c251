"""The kommun-level overview of a batch run: one row per nämnd, and a chart.

Amounts are converted to mnkr so that nämnder reporting in tkr and in mnkr sit in one table.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from docx.shared import Cm
from docxtpl import InlineImage, RichText

from generator import docx_post
from generator.formatting import MINUS, format_number
from generator.kinds import fill
from generator.output import write_atomically
from generator.package import write_normalised
from generator.period import Period
from generator.pipeline import KeyFigures
from generator.render import open_template

MNKR = Decimal(1_000_000)


def overview_rows(figures: Sequence[KeyFigures]) -> list[dict[str, Any]]:
    """Rows (mnkr, one decimal) sorted as given, then a bold total computed unrounded."""
    rows = []

    def cell(value: Decimal, bold: bool = False) -> RichText:
        return RichText(format_number(value / MNKR, 1, MINUS), bold=bold)

    for f in figures:
        rows.append({"label": RichText(f.namnd), "c0": cell(f.forecast), "c1": cell(f.budget),
                     "c2": cell(f.deviation)})
    forecast = sum((f.forecast for f in figures), Decimal(0))
    budget = sum((f.budget for f in figures), Decimal(0))
    rows.append({"label": RichText("Totalt", bold=True), "c0": cell(forecast, True),
                 "c1": cell(budget, True), "c2": cell(budget - forecast, True)})
    return rows


def key_message(figures: Sequence[KeyFigures]) -> str:
    """The chart's alt text message, computed from the data."""
    deficits = [f for f in figures if f.deviation < 0]
    if not figures:
        return "Inga nämnder."
    worst = min(figures, key=lambda f: f.deviation)
    total = sum((f.deviation for f in figures), Decimal(0))
    verb = "prognostiserar" if any(f.kind.forecast for f in figures) else "redovisar"
    text = (f"{len(deficits)} av {len(figures)} nämnder {verb} underskott; "
            f"sammanlagd avvikelse {format_number(total / MNKR)} mnkr.")
    if worst.deviation < 0:
        text += f" Störst underskott: {worst.namnd}, {format_number(worst.deviation / MNKR)} mnkr."
    return text


def draw_chart(figures: Sequence[KeyFigures], path: Path) -> None:
    """Horizontal bars of each nämnd's deviation, deficits in one colour, surpluses in another."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    ordered = sorted(figures, key=lambda f: f.deviation)
    values = [float(f.deviation / MNKR) for f in ordered]
    height_cm = min(22.0, 0.9 * len(ordered) + 3.0)
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    family = next((f for f in ("Calibri", "Carlito") if f in installed), "DejaVu Sans")
    plt.rcParams.update({"font.size": 8, "font.family": family})
    fig, ax = plt.subplots(figsize=(16 / 2.54, height_cm / 2.54), dpi=200)
    colors = ["#D55E00" if v < 0 else "#0072B2" for v in values]
    ax.barh([f.namnd for f in ordered], values, color=colors)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda x, _pos: format_number(Decimal(str(round(x, 6))), 0)))
    ax.set_xlabel("Avvikelse mot budget, mnkr (negativ = underskott)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def labels(figures: Sequence[KeyFigures], period: Period) -> dict[str, Any]:
    """Title, heading, caption and column headers after the nämnder's kinds of report: a
    forecast, or (verksamhetsberättelser) the year's outcome; one kind's title when all
    share it."""
    kinds = {f.kind.key: f.kind for f in figures}
    outcome = bool(figures) and all(not f.kind.forecast for f in figures)
    mixed = not outcome and any(not f.kind.forecast for f in figures)
    if len(kinds) == 1:
        (kind,) = kinds.values()
        name = fill(kind.title, period)
    else:
        name = f"per den {period.end_date_label}"
    what = "utfall" if outcome else "prognos"
    return {
        "title": f"Kommunöversikt {name[0].lower()}{name[1:]}",
        "heading": ("Nämndernas utfall för året" if outcome else
                    "Nämndernas prognos för helåret"),
        "caption": (f"{what.capitalize()}, budget och avvikelse per nämnd {period.year}, "
                    "belopp mnkr"),
        "headers": {"c0": f"Utfall {period.year}" if outcome else
                    "Prognos helår eller utfall" if mixed else "Prognos helår",
                    "c1": f"Budget {period.year}", "c2": "Avvikelse"},
        "chart_caption": f"Avvikelse mot budget per nämnd, {what} "
                         + (str(period.year) if outcome else "helår"),
    }


def write_overview(figures: Sequence[KeyFigures], period: Period, template: Path,
                   target: Path, missing: Sequence[str] = ()) -> Path | None:
    """Render the overview document atomically at `target`; returns where an earlier one
    was kept (tidigare/), if there was one.

    `missing` names the nämnder of the run that failed, so that the totals are never read
    as complete when they are not.
    """
    tpl = open_template(template)
    kommun = figures[0].kommun if figures else ""
    names = labels(figures, period)
    title = names["title"]
    alt_title = names["chart_caption"]
    alt = f"{alt_title}. {key_message(figures)}"

    def produce(tmp: Path) -> None:
        # A fixed name for the chart: the image's name goes into the document, which is
        # then the same for the same figures (and not kept again in tidigare/).
        with tempfile.TemporaryDirectory(prefix="delarsrapport-oversikt-") as folder:
            png = Path(folder) / "kommunoversikt.png"
            draw_chart(figures, png)
            context = {
                **names, "kommun": kommun, "period": {"year": period.year,
                                                      "end": period.end_date_label},
                "rows": overview_rows(figures),
                "chart": InlineImage(tpl, str(png), width=Cm(16)),
                "missing": ", ".join(missing),
            }
            tpl.render(context, autoescape=True)
            doc = tpl.docx
            docx_post.set_language(doc)
            docx_post.mark_header_rows(doc)
            docx_post.set_alt_texts_in_order(doc, [(alt_title, alt)])
            docx_post.set_properties(doc, title=title, subject=title, author=kommun)
            buffer = io.BytesIO()
            tpl.save(buffer)
            buffer.seek(0)
            write_normalised(buffer, tmp)  # same figures, same bytes

    return write_atomically(target, produce)
