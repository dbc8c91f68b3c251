"""One run, as a straight line: load → validate → compute → render → write.

Stages are plain functions; the CLI only builds a `Config` and prints what `run` returns.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.charts import load_charts, plan_charts
from generator.charts.style import template_font
from generator.compute import economy_figures, named_figures
from generator.context import build_context
from generator.errors import InvalidInputError
from generator.excel.load import load_report_input
from generator.excel.schema import TEXTER
from generator.issues import Issue, Severity, SourceRef, warning
from generator.locate import find_input_dirs
from generator.output import write_atomically
from generator.period import Period
from generator.render import render_report
from generator.sections import TextBlocks, content_context
from generator.validate import check_placeholders, validate
from generator.word import Writer

Progress = Callable[[str], None]


def default_template() -> Path:
    """templates/delarsrapport.docx beside the working directory, else beside the package."""
    for root in (Path.cwd(), Path(__file__).resolve().parents[1]):
        candidate = root / "templates" / "delarsrapport.docx"
        if candidate.is_file():
            return candidate
    return Path("templates") / "delarsrapport.docx"


@dataclass(frozen=True)
class Config:
    period: Period
    inputs: Path = Path("inputs")
    outputs: Path = Path("outputs")
    namnd: str | None = None
    template: Path = field(default_factory=default_template)
    strict: bool = False
    draft: bool = False


@dataclass
class ReportResult:
    namnd: str
    source: Path
    output: Path | None = None
    kept: Path | None = None
    issues: list[Issue] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    chart_timings: dict[str, float] = field(default_factory=dict)  # chart id → seconds

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]


def output_path(config: Config, folder: Path) -> Path:
    namnd = folder.parent.name
    return config.outputs / config.period.slug / f"delarsrapport-{namnd}-{config.period.slug}.docx"


class _Timer:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self.t
        self.t = now


def build_report(folder: Path, config: Config, progress: Progress = lambda _: None
                 ) -> ReportResult:
    """Make one nämnd's report from one period folder."""
    result = ReportResult(folder.parent.name, folder)
    timer = _Timer(result.timings)
    progress(f"Läser arbetsböckerna i {folder}")
    report, issues = load_report_input(folder, config.period)
    book, chart_issues = load_charts(folder, config.period)
    timer.lap("läsa")
    result.issues.extend(issues + chart_issues)
    if report is None or any(i.is_error for i in chart_issues):
        raise InvalidInputError(result.issues)
    progress("Räknar och kontrollerar")
    figs = economy_figures(report.economy, report.settings)
    names = named_figures(report.economy, figs)
    result.issues.extend(validate(report, figs))
    result.issues.extend(check_placeholders(report, names))
    charts = plan_charts(book, report)
    result.issues.extend(charts.issues)
    timer.lap("räkna och kontrollera")
    if any(i.is_error for i in result.issues) or (config.strict and result.warnings):
        raise InvalidInputError(result.issues if not config.strict else [
            Issue(Severity.ERROR, i.ref, i.message) for i in result.issues])
    if config.draft:
        return result
    progress("Ritar diagrammen")
    drawn = charts.draw(config.outputs / ".cache" / "diagram", template_font(config.template))
    result.chart_timings.update(drawn.timings)
    timer.lap("diagram")
    used: list[TextBlocks] = []

    def make_context(writer: Writer) -> dict:
        drawn.attach(writer)
        context = build_context(report, figs)
        sections, texts = content_context(drawn.place(report.content), report.settings,
                                          writer, names)
        used.append(texts)
        return {**context, **sections}

    target = output_path(config, folder)
    progress(f"Skriver {target}")
    result.kept = write_atomically(target, lambda tmp: render_report(
        config.template, make_context, tmp, title=report.period.title,
        author=report.settings.namnd, finish=drawn.finish))
    timer.lap("skriva rapport")
    result.output = target
    result.issues.extend(drawn.unshown())
    for texts in used[-1:]:
        for key in texts:
            if key not in texts.used and report.content.texts[key].text.strip():
                result.issues.append(warning(SourceRef(TEXTER.filename, "Texter"), (
                    f'texten "{key}" visas inte i rapporten: mallen har inget ställe för den')))
    return result


def run(config: Config, progress: Progress = lambda _: None) -> list[ReportResult]:
    """Build every requested nämnd's report for the period."""
    return [build_report(folder, config, progress)
            for folder in find_input_dirs(config.inputs, config.period, config.namnd)]
