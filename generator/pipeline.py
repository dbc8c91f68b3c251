"""One run, as a straight line: load → validate → compute → render → write.

Stages are plain functions; the CLI only builds a `Config` and prints what `run` returns.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from generator.charts import ChartPlan, load_charts, plan_charts, server
from generator.compute import EconomyFigures, economy_figures, named_figures
from generator.errors import InvalidInputError
from generator.excel.earlier import load_report
from generator.excel.load import UNIT_FACTORS
from generator.history import history_figures
from generator.issues import Issue, Severity, warning
from generator.kinds import DEFAULT, ReportKind, template_path
from generator.locate import find_input_dirs
from generator.model import ReportInput
from generator.orgunits.pending import uncollected
from generator.period import Period
from generator.validate import check_literal_amounts, check_placeholders, validate

if TYPE_CHECKING:
    from generator.charts.stage import DrawnCharts
    from generator.libreoffice import Conversion
    from generator.pdf import Publisher
    from generator.update import UpdateResult

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Config:
    period: Period
    inputs: Path = Path("inputs")
    outputs: Path = Path("outputs")
    namnd: str | None = None
    template: Path | None = None  # --mall, for every report; None: each kind's own
    kind: ReportKind | None = None  # --rapport; None: each nämnd's calendar
    strict: bool = False
    pdf: bool = False
    png: bool = False
    cache: Path | None = None  # drawn charts; None: outputs/.cache/diagram

    @property
    def chart_cache(self) -> Path:
        return self.cache or self.outputs / ".cache" / "diagram"


@dataclass
class ReportResult:
    namnd: str
    source: Path
    output: Path | None = None
    kept: Path | None = None
    issues: list[Issue] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    summary: KeyFigures | None = None
    pdf: Path | None = None
    pdf_kept: Path | None = None  # the earlier PDF, moved to tidigare/
    pdf_stale: Path | None = None  # a PDF of an older version, moved away (no --pdf this run)
    pages: list[Path] = field(default_factory=list)
    fingerprint: str | None = None  # the inputs' short hash, printed and in the .docx
    chart_timings: dict[str, float] = field(default_factory=dict)  # chart id → seconds
    kind: ReportKind | None = None  # the report's kind, once its settings could be read

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]


@dataclass(frozen=True)
class KeyFigures:
    """A nämnd's full-year totals, in kr, for the kommun-level overview."""

    kommun: str
    namnd: str
    forecast: Decimal  # the year: the forecast, or the outcome once the year is over
    budget: Decimal
    kind: ReportKind = DEFAULT

    @property
    def deviation(self) -> Decimal:
        return self.budget - self.forecast


def report_figures(report: ReportInput, figs: EconomyFigures) -> dict[str, Decimal]:
    """Every figure a text may quote: the tables' and the forecast's history."""
    return {**named_figures(report.economy, figs, report.settings), **history_figures(report)}


def output_path(config: Config, folder: Path, kind: ReportKind = DEFAULT) -> Path:
    namnd = folder.parent.name
    slug = config.period.slug
    return config.outputs / slug / f"{kind.key}-{namnd}-{slug}.docx"


class _Timer:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self.t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self.t
        self.t = now


def blocks(result: ReportResult, strict: bool) -> bool:
    """Whether this result's issues stop the run: any error, or with --strict any warning."""
    return bool(result.errors) or (strict and bool(result.warnings))


@dataclass
class Checked:
    """One nämnd after checking: the result so far and, when readable, what to render."""

    result: ReportResult
    report: ReportInput | None = None
    figs: EconomyFigures | None = None
    charts: ChartPlan | None = None
    template: Path | None = None  # --mall, else the report's kind's template

    @property
    def ready(self) -> bool:
        return self.report is not None and self.figs is not None and self.charts is not None


def check_report(folder: Path, config: Config, progress: Progress = lambda _: None
                 ) -> Checked:
    """Load, compute and validate one nämnd's inputs; every problem ends up in the result.

    Everything before rendering, and all that `generate check` runs (it adds only a look at
    the template's texts), so a check added here is made by both commands.
    """
    result = ReportResult(folder.parent.name, folder)
    timer = _Timer(result.timings)
    progress(f"Läser arbetsböckerna i {folder}")
    found: list[ReportKind] = []
    report, issues = load_report(folder, config.period, config.kind, found)
    book, chart_issues = load_charts(folder, config.period)
    timer.lap("läsa")
    result.issues.extend(issues + chart_issues + uncollected(folder))
    if report is None:
        result.kind = found[0] if found else config.kind  # named in the summary all the same
        return Checked(result)
    result.kind = report.kind
    progress("Räknar och kontrollerar")
    figs = economy_figures(report.economy, report.settings, report.verksamheter, report.kind)
    names = report_figures(report, figs)
    scale = UNIT_FACTORS[report.settings.report_unit]
    result.summary = KeyFigures(report.settings.kommun, report.settings.namnd,
                                figs.year.net_incl.outcome * scale,
                                figs.year.net_incl.budget * scale, report.kind)
    template = template_path(report.kind, report.settings.kind_settings.get(report.kind.key),
                             config.template)
    result.issues.extend(validate(report, figs))
    result.issues.extend(check_placeholders(report, names))
    result.issues.extend(check_literal_amounts(report, names))
    if any(i.is_error for i in chart_issues):  # charts cannot be planned from a broken book
        return Checked(result, report, figs, template=template)
    charts = plan_charts(book, report)
    result.issues.extend(charts.issues)
    timer.lap("räkna och kontrollera")
    return Checked(result, report, figs, charts, template)


def write_report(checked: Checked, config: Config, progress: Progress = lambda _: None
                 ) -> ReportResult:
    """Draw the charts, render the report to a temporary file and put it in place."""
    # Imported here: checking inputs must not pay for matplotlib, docxtpl, python-docx and
    # the PDF tools. The charts go first: they draw in forked workers while this process
    # imports the rendering stack and fills the template.
    from generator.charts.style import template_font

    result, report, figs, charts = checked.result, checked.report, checked.figs, checked.charts
    assert report is not None and figs is not None and charts is not None
    assert checked.template is not None
    timer = _Timer(result.timings)
    names = report_figures(report, figs)
    progress("Ritar diagrammen")
    drawn = charts.draw(config.chart_cache, template_font(checked.template),
                        background=True)
    timer.lap("diagram (start)")
    try:
        written = _render_and_publish(result, report, figs, names, drawn, config, progress,
                                      timer, checked.template)
    except BaseException:
        drawn.abandon()  # an error or Ctrl-C: do not wait for charts nobody will see
        raise
    drawn.close()
    result.chart_timings.update(drawn.timings)
    return written


def _render_and_publish(result: ReportResult, report: ReportInput, figs: EconomyFigures,
                        names: dict[str, Decimal], drawn: DrawnCharts, config: Config,
                        progress: Progress, timer: _Timer, template: Path) -> ReportResult:
    from generator import render
    from generator.accessibility import Finding, check_document
    from generator.context import build_context
    from generator.output import write_atomically
    from generator.package import write_normalised
    from generator.provenance import (
        attach,
        fingerprint,
        input_hashes,
        properties,
        saved_elsewhere,
    )
    from generator.sections import content_context
    from generator.word import Writer

    tpl = render.open_template(template)
    writer = Writer(tpl.docx)
    drawn.attach(writer)
    context = build_context(report, figs, writer)
    sections, texts = content_context(drawn.place(report.content), report.settings, writer,
                                      names)
    context = {**context, **sections,
               "tables": {**context["tables"], **sections.pop("tables", {})}}
    title = context["title"]
    doc = render.fill(tpl, context, template)
    writer.footnotes.write()
    drawn.finish(doc)
    when = inputs_changed(result.source)
    render.post_process(doc, title=title, author=report.settings.namnd, when=when)
    hashes = input_hashes(result.source, tuple(p for p in (report.settings.logo,) if p))
    result.fingerprint = fingerprint(hashes)
    attach(doc, writer.controls.values,
           properties(config.period.slug, result.source.parent.name, hashes))
    timer.lap("skriva rapport")
    findings: list[Finding | str]
    try:
        findings = list(check_document(doc))  # the document as it will be saved
    except Exception as exc:  # noqa: BLE001 - a check must never cost the report
        findings = [f"Tillgänglighetskontrollen kunde inte göras ({type(exc).__name__}: "
                    f"{exc}); rapporten skrevs ändå. Kontrollera den i Word med "
                    "Granska › Kontrollera tillgänglighet."]
    timer.lap("tillgänglighet")

    target = output_path(config, result.source, report.kind)
    edited = saved_elsewhere(target) if target.is_file() else None
    progress(f"Skriver {target}")
    def save(tmp: Path) -> None:
        buffer = io.BytesIO()
        render.save(tpl, buffer)
        buffer.seek(0)
        write_normalised(buffer, tmp, when.timetuple()[:6])  # same inputs, same bytes

    result.kept = write_atomically(target, save)
    if edited is not None and result.kept is not None:
        result.issues.append(warning(None, (
            f"Den tidigare rapporten hade sparats i Word eller LibreOffice ({edited}) efter "
            f"att den skrevs, och ändringar gjorda där finns inte i den nya. Den sparades som "
            f"{result.kept}. Vill du behålla ändringarna: kopiera tillbaka den till "
            f"{target.name} och för in de nya talen med generate uppdatera --period "
            f"{config.period.slug} --namnd {result.source.parent.name} i stället.")))
    timer.lap("spara (väntar på diagrammen)")
    result.output = target
    result.issues.extend(drawn.unshown())
    for key in texts:
        text = report.content.texts[key]
        if key not in texts.used and text.text.strip():
            result.issues.append(warning(text.ref, (
                f'texten "{key}" visas inte i rapporten: mallen har inget ställe för den')))
    # Accessibility problems are warnings: they do not stop the report from being written.
    result.issues.extend(warning(None, str(f)) for f in findings)
    if not config.pdf:  # with --pdf, the run converts every written report at the end
        result.pdf_stale = retire_stale_pdf(target)
    return result


def publisher(config: Config, reports: int) -> AbstractContextManager[Publisher | None]:
    """The run's PDF converter with --pdf (LibreOffice starts with the first report added),
    else nothing."""
    if not config.pdf:
        return nullcontext()
    from generator.pdf import Publisher

    return Publisher(png=config.png, reports=reports)


def publish_written(results: list[ReportResult], pdfs: Publisher,
                    progress: Progress = lambda _: None,
                    on_done: Callable[[Conversion], None] = lambda _: None) -> None:
    """Wait for the PDFs of the written reports (added to `pdfs` as each was written) and
    record them, and why any is missing, in the results."""
    written = [(r, r.output) for r in results if r.output is not None]
    if not written:
        return
    first = written[0][1].with_suffix(".pdf")
    progress(f"Skriver {first if len(written) == 1 else f'{len(written)} PDF:er'} med "
             "LibreOffice")
    published = pdfs.finish(on_done)
    for result, report in written:
        done = published[report]
        result.pdf, result.pdf_kept, result.pages = done.pdf, done.kept, done.pages
        _forget_unchanged_copy(result)
        result.issues.extend(done.issues)
        result.timings["pdf"] = done.seconds
        if done.pdf is None:
            result.issues.extend(_retire_unmatched_pdf(report))


def _forget_unchanged_copy(result: ReportResult) -> None:
    """With --pdf the .docx is written before its contents list gets the PDF's page
    numbers, so it differs from the earlier (numbered) report even when nothing changed.
    Once numbered, a report identical to the copy kept in tidigare/ needs no copy."""
    from generator.output import same_bytes

    kept, report = result.kept, result.output
    if kept is None or report is None:
        return
    try:
        if same_bytes(report, kept):
            kept.unlink()
            result.kept = None
            kept.parent.rmdir()  # tidigare/ made for this copy alone (else: not empty)
    except OSError:
        pass  # the copy stays: one too many, never one too few


def _retire_unmatched_pdf(report: Path) -> list[Issue]:
    """No new PDF: one from an earlier run no longer matches the new .docx, so it goes to
    tidigare/ as in a run without --pdf, lest it be published by mistake."""
    try:
        kept = retire_stale_pdf(report)
    except OSError:
        return []  # a locked file stays; the warning above already says no PDF was written
    if kept is None:
        return []
    return [warning(None, f"PDF:en från förra körningen stämmer inte längre med Word-filen och "
                          f"flyttades till {kept}, så att den inte publiceras av misstag.")]


def inputs_changed(folder: Path) -> datetime:
    """When the newest file of the period folder was last changed (UTC): the report's date,
    and the same for the same inputs, so two runs give the same document."""
    times = [p.stat().st_mtime for p in folder.iterdir() if p.is_file()]
    return datetime.fromtimestamp(max(times, default=0), tz=UTC).replace(tzinfo=None)


def retire_stale_pdf(report: Path) -> Path | None:
    """Move a PDF of an earlier version of `report` to tidigare/: next to a new .docx it
    would be out of date, and could be published by mistake. Returns where it went."""
    from generator.output import keep_earlier

    pdf = report.with_suffix(".pdf")
    if not pdf.is_file():
        return None
    kept = keep_earlier(pdf)
    pdf.unlink()
    return kept


def build_report(folder: Path, config: Config, progress: Progress = lambda _: None
                 ) -> ReportResult:
    """Make one nämnd's report from one period folder.

    `--alla` (batch.py) calls this per nämnd in parallel workers; a plain run goes through
    `run`, which checks every nämnd first and then writes the reports of those without
    errors.
    """
    checked = check_report(folder, config, progress)
    if not checked.ready or blocks(checked.result, config.strict):
        raise InvalidInputError(checked.result.issues, strict=config.strict)
    return write_report(checked, config, progress)


def run(config: Config, progress: Progress = lambda _: None) -> list[ReportResult]:
    """Build every requested nämnd's report for the period.

    Every nämnd is checked before any report is written, so that one run reports every
    problem at once. A nämnd with errors gets no report; the others do, so that one
    unfinished nämnd does not hold back the rest. Errors are raised after writing, carrying
    the reports that were written.
    """
    checked = [check_report(folder, config, progress)
               for folder in find_input_dirs(config.inputs, config.period, config.namnd)]
    usable = [c for c in checked if c.ready and not blocks(c.result, config.strict)]
    chart_server = server.current()
    if chart_server is not None:
        chart_server.expect(len(usable))  # released, or ended unused, after the last report
    elif sum(bool(c.charts and c.charts.charts) for c in usable) > 1:
        from generator.charts.stage import preload

        preload()  # one matplotlib import shared by every report's chart workers
    failed = [c.result for c in checked if all(c is not u for u in usable)]
    written: list[ReportResult] = []
    with publisher(config, len(usable)) as pdfs:
        for c in usable:
            written.append(write_report(c, config, progress))
            if pdfs is not None and written[-1].output is not None:
                pdfs.add(written[-1].output)  # converted while the next report is written
        if pdfs is not None:
            publish_written(written, pdfs, progress)
    if failed:
        issues = [i for r in failed for i in r.issues]
        groups = [(f"{r.namnd} ({r.source})", r.issues) for r in failed]
        raise InvalidInputError(issues, strict=config.strict,
                                groups=groups if len(checked) > 1 else None,
                                written=written, failed=[r.namnd for r in failed])
    return written


@dataclass
class Updated:
    """A report brought up to date: where, what changed, the earlier version's copy."""

    target: Path
    fresh: ReportResult
    changes: UpdateResult
    kept: Path | None = None


def update_report(folder: Path, config: Config, report: Path | None, overwrite: bool,
                  progress: Progress = lambda _: None) -> Updated:
    """Recompute one nämnd's report and carry the new figures into the edited `report`.

    The fresh report is written to a temporary folder and thrown away; only the edited
    document is replaced, atomically, its previous version kept in tidigare/.
    """
    import shutil
    import tempfile

    from generator.errors import InputNotFoundError
    from generator.output import write_atomically
    from generator.update import apply_update, updatable

    checked = check_report(folder, config, progress)
    if not checked.ready or blocks(checked.result, config.strict):
        raise InvalidInputError(checked.result.issues, strict=config.strict)
    assert checked.report is not None
    target = report or output_path(config, folder, checked.report.kind)
    if not target.is_file():
        raise InputNotFoundError(
            f"Rapporten {target} finns inte. Skriv den först med generate --period "
            f"{config.period.slug}, eller ange den rapport som ska uppdateras.")
    updatable(target, f"generate --period {config.period.slug} --namnd {folder.parent.name}")
    with tempfile.TemporaryDirectory(prefix="uppdatera-") as tmp:
        fresh_config = replace(config, outputs=Path(tmp), cache=config.chart_cache,
                               pdf=False, png=False)
        def quiet(message: str) -> None:  # the throw-away report's path is no news
            if tmp not in message:
                progress(message)

        fresh = write_report(checked, fresh_config, quiet)
        assert fresh.output is not None
        fresh_docx = fresh.output
        progress(f"Uppdaterar {target}")
        updated = Path(tmp) / "uppdaterad.docx"
        changes = apply_update(target, fresh_docx, updated, overwrite)

        def copy(out: Path) -> None:
            shutil.copyfile(updated, out)

        # nothing new: the report stays as it is, and no copy of it is kept
        kept = write_atomically(target, copy) if changes.anything else None
    fresh.output = target
    return Updated(target, fresh, changes, kept)
