"""The charts stage: check and plan, draw (cached, in parallel), then place in the report.

`plan_charts` runs with the other checks and never draws. `ChartPlan.draw` makes the PNGs:
a chart whose PNG is in the cache (keyed by a hash of its data, the drawing code and the
font) is not drawn again; the rest are drawn in a fork-based process pool when there are
several and more than one core. `DrawnCharts` then hands the Word writer a function that
turns `[diagram C1]` into an image, a caption and a source line.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.charts import server, style
from generator.charts.job import Job
from generator.charts.load import DRIFT_KINDS, FORECAST_CHART
from generator.charts.model import (
    ChartBook,
    ChartData,
    ChartDef,
    PreparedChart,
    series_key,
)
from generator.charts.prepare import prepare
from generator.compute import rows_as_shown
from generator.excel.schema import DIAGRAM, TEXTER
from generator.history import chart_points
from generator.issues import Issue, error, warning
from generator.markup import ChartRef, parse
from generator.model import Content, ReportInput, Text

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from docx.document import Document

    from generator.word import Writer

CACHE_ENV = "DELARSRAPPORT_DIAGRAMCACHE"  # overrides the cache folder (tests share one)
_SOURCE_PREFIX = re.compile(r"^\s*källa\s*:\s*", re.I)


def chart_markers(content: Content) -> list[tuple[str, Text]]:
    """(chart id, text) for each `[diagram Id]` line, in the order the texts are listed."""
    return [(block.chart_id, text) for text in content.free_texts()
            for block in parse(text.text) if isinstance(block, ChartRef)]


@dataclass
class ChartPlan:
    """Checked and prepared charts, with where each one goes; nothing drawn yet."""

    charts: list[PreparedChart] = field(default_factory=list)
    appended: dict[str, list[str]] = field(default_factory=dict)  # text key → chart ids
    issues: list[Issue] = field(default_factory=list)

    def draw(self, cache_dir: Path, template_font: str = style.DEFAULT_FONT, *,
             workers: int | None = None, dpi: int = style.DPI,
             background: bool = False) -> DrawnCharts:
        """Make every chart's PNG, reusing the cache; record the time per chart.

        With `background`, charts to draw are handed to forked workers and this returns at
        once, so that the caller can load the template and render the text meanwhile; a
        chart's image is awaited only when the document needs it, and `close()` ends it.
        """
        cache_dir = Path(os.environ.get(CACHE_ENV) or cache_dir)
        fonts = style.font_candidates(template_font)
        drawn = DrawnCharts(self, dpi=dpi)
        todo: list[tuple[PreparedChart, Job]] = []
        prune_cache(cache_dir)
        for chart in self.charts:
            start = time.perf_counter()
            job = Job(chart.data, fonts, cache_dir / f"{cache_key(chart.data, fonts, dpi)}.png",
                      dpi)
            if job.path.is_file() and job.path.stat().st_size > 0:
                with contextlib.suppress(OSError):
                    os.utime(job.path)  # used now: kept by prune_cache for another while
                drawn.cached.add(chart.definition.id)
                drawn.timings[chart.definition.id] = time.perf_counter() - start
            else:
                todo.append((chart, job))
            drawn.paths[chart.definition.id.casefold()] = job.path
        unique = list({job.path: job for _, job in todo}.values())  # same data, one PNG
        drawn.todo = todo
        chart_server = server.current() if background and workers is None else None
        if chart_server is not None:  # a report run: matplotlib is imported there already
            drawn.receive(chart_server.submit(unique), unique)
        elif unique and background and _pool_helps(len(unique), workers):
            drawn.start(unique, workers)
        elif unique:
            drawn.seconds = dict(zip([job.path for job in unique], draw_jobs(unique, workers),
                                     strict=True))
            drawn.close()
        return drawn


CACHE_DAYS = 60  # a cached chart not used for this long is deleted
_CACHED_PNG = re.compile(r"^[0-9a-f]{64}\.png$")


def prune_cache(cache_dir: Path, days: int = CACHE_DAYS) -> int:
    """Delete cached charts no run has used for `days` days; returns how many.

    Every change to a chart's data adds a PNG, so a season of reruns would otherwise fill
    the folder. Only files named like the cache's own are touched; a file that another
    process (a parallel nämnd) deletes first is skipped.
    """
    limit = time.time() - days * 86_400
    removed = 0
    try:
        entries = list(os.scandir(cache_dir))
    except OSError:
        return 0
    for entry in entries:
        if not _CACHED_PNG.match(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < limit:
                os.unlink(entry.path)
                removed += 1
    return removed


@cache
def code_version() -> str:
    """A hash of the code that decides how a chart looks, so a change redraws every chart.

    matplotlib's version is read from its `_version.py` (found without importing it):
    `importlib.metadata` scans every installed package and costs 15–30 ms per run.
    """
    from importlib.util import find_spec

    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("draw.py", "style.py", "model.py"):
        digest.update((here / name).read_bytes())
    spec = find_spec("matplotlib")
    if spec is not None and spec.origin:
        with contextlib.suppress(OSError):
            digest.update((Path(spec.origin).parent / "_version.py").read_bytes())
    return digest.hexdigest()[:16]


def cache_key(data: ChartData, fonts: tuple[str, ...], dpi: int) -> str:
    """sha256 of everything that decides the PNG: data, font, resolution, code version."""
    payload = json.dumps({"data": asdict(data), "fonts": fonts, "dpi": dpi,
                          "width_cm": style.WIDTH_CM, "code": code_version()},
                         sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def preload() -> None:
    """Import the drawing code now, so that later forks inherit it (several reports)."""
    from generator.charts import draw  # noqa: F401


def _render(job: Job) -> float:
    """Draw in a worker that imports matplotlib itself, while the parent goes on."""
    from generator.charts import draw

    return draw.render(job)


def _pool_helps(jobs: int, workers: int | None) -> bool:
    workers = server.cores() if workers is None else workers
    return jobs > 1 and workers > 1 and sys.platform.startswith("linux")


def draw_jobs(jobs: Sequence[Job], workers: int | None = None) -> list[float]:
    """Draw each job's PNG; several at once in forked workers when that helps.

    matplotlib is imported here, in the parent, before forking: the workers inherit it
    instead of importing it again (which is why `spawn` would gain nothing). `fork` is used
    on Linux only: Windows has none, and on macOS system libraries make it unsafe. With one
    core, one chart, or a pool that breaks, the charts are drawn one after the other.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from generator.charts import draw

    draw.resolve_font(jobs[0].fonts)  # load the font list once, before the workers exist
    if _pool_helps(len(jobs), workers):
        workers = server.cores() if workers is None else workers
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context) as pool:
                return list(pool.map(draw.render, jobs))
        except (BrokenProcessPool, OSError):
            pass  # a worker died (out of memory, killed): draw here instead
    return [draw.render(job) for job in jobs]


@dataclass
class DrawnCharts:
    """PNGs on disk and the hooks that put them into the document."""

    plan: ChartPlan
    dpi: int = style.DPI
    paths: dict[str, Path] = field(default_factory=dict)     # casefolded id → PNG
    timings: dict[str, float] = field(default_factory=dict)  # id → seconds
    cached: set[str] = field(default_factory=set)
    emitted: list[str] = field(default_factory=list)
    todo: list[tuple[PreparedChart, Job]] = field(default_factory=list)
    seconds: dict[Path, float] = field(default_factory=dict)  # PNG → drawing time
    _pool: ProcessPoolExecutor | None = None
    _futures: dict[Path, Future[float]] = field(default_factory=dict)
    _jobs: dict[Path, Job] = field(default_factory=dict)

    def start(self, jobs: Sequence[Job], workers: int | None = None) -> None:
        """Hand the jobs to forked workers and return at once.

        For a single report the workers import matplotlib themselves, in parallel with this
        process filling the template (a cold report is ~0,3 s faster). When many reports are
        made in one process, the caller imports it first (`preload`) so every fork inherits
        it instead of paying for it again.
        """
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        workers = server.cores() if workers is None else workers
        context = multiprocessing.get_context("fork")
        self._pool = ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context)
        for job in jobs:
            self._jobs[job.path] = job
            self._futures[job.path] = self._pool.submit(_render, job)

    def receive(self, futures: dict[Path, Future[float]], jobs: Sequence[Job]) -> None:
        """Wait on futures from the chart server instead of a pool of our own."""
        self._futures.update(futures)
        self._jobs.update((job.path, job) for job in jobs)

    def wait(self, path: Path) -> None:
        """Block until the PNG at `path` exists; draw it here if its worker died."""
        future = self._futures.pop(path, None)
        if future is None:
            return
        try:
            self.seconds[path] = future.result()
        except Exception:  # noqa: BLE001 - a broken pool or server: draw it here
            from generator.charts import draw

            self.seconds[path] = draw.render(self._jobs[path])

    def close(self) -> None:
        """Wait for every chart, record the timings and stop the workers."""
        for path in list(self._futures):
            self.wait(path)
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        for chart, job in self.todo:
            if job.path in self.seconds:
                self.timings[chart.definition.id] = self.seconds[job.path]

    def abandon(self) -> None:
        """Stop waiting: the report will not be written. Own workers are stopped without
        waiting; the chart server is ended by its owner (`server.stop(abort=True)`)."""
        self._futures.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    @property
    def by_id(self) -> dict[str, PreparedChart]:
        return {c.definition.id.casefold(): c for c in self.plan.charts}

    def place(self, content: Content) -> Content:
        """Content whose texts end with `[diagram Id]` for charts placed by Avsnitt."""
        if not self.plan.appended:
            return content
        texts = dict(content.texts)
        for key, ids in self.plan.appended.items():
            text = texts[key]
            lines = "\n\n".join(f"[diagram {i}]" for i in ids)
            texts[key] = replace(text, text=f"{text.text.rstrip()}\n\n{lines}".lstrip("\n"))
        return replace(content, texts=texts)

    def attach(self, writer: Writer) -> None:
        """Let the writer turn each `[diagram Id]` into image, caption and source line."""
        from generator.charts import embed  # python-docx: not needed to check inputs

        doc = writer.footnotes.doc
        caption_style = writer.styles.id("Caption")
        charts = self.by_id
        rids: dict[Path, str] = {}

        def png(path: Path) -> bytes:
            self.wait(path)
            return path.read_bytes()

        def chart_xml(chart_id: str) -> str:
            chart = charts.get(chart_id.casefold())
            path = self.paths.get(chart_id.casefold())
            if chart is None or path is None:
                return ""
            self.emitted.append(chart.definition.id)
            if path not in rids:  # the image is read at saving; it may still be drawn now
                rids[path] = embed.add_pending_png(doc, functools.partial(png, path))
            rid = rids[path]
            cx = int(style.WIDTH_CM * embed.EMU_PER_CM)
            cy = round(cx * style.aspect(chart.data, self.dpi))
            d = chart.definition
            source = source_line(chart)
            return (embed.image_paragraph(rid, cx, cy, len(self.emitted), f"Diagram {d.id}",
                                          d.title, chart.alt_text)
                    + embed.caption_paragraph(caption_style, d.caption or d.title,
                                              keep_next=bool(source))
                    + (embed.source_paragraph(source) if source else ""))

        writer.chart_xml = chart_xml

    def finish(self, doc: Document) -> None:
        """After rendering: number the captions in document order."""
        from generator.charts import embed

        embed.number_captions(doc)

    def unshown(self) -> list[Issue]:
        """Charts that never reached the document (their text is not in the template)."""
        shown = {i.casefold() for i in self.emitted}
        return [warning(c.definition.ref, (
            f"diagrammet {c.definition.id} visas inte i rapporten: texten som ska visa det "
            "finns inte i mallen"))
            for c in self.plan.charts if c.definition.id.casefold() not in shown]


def source_line(chart: PreparedChart) -> str:
    d = chart.definition
    text = _SOURCE_PREFIX.sub("", d.source or "").strip()
    return f"Källa: {text}" if text else ""


def _default_source(chart: ChartDef, report: ReportInput) -> str | None:
    if chart.source:
        return chart.source
    if chart.kind == "staplar avvikelse":
        return f"Driftsammandrag för resultat {report.period.end_date_label}"
    if chart.kind == "staplar prognos mot budget":
        return f"Driftsammandrag för prognos för helår {report.period.year}"
    if chart.kind == FORECAST_CHART:
        return f"Prognoserna i rapporterna {report.period.year}"
    return None


def _check(chart: ChartDef, book: ChartBook, content: Content,
           referenced: dict[str, list[Text]]) -> list[Issue]:
    issues: list[Issue] = []
    where = chart.series_ref or chart.ref
    if chart.kind in DRIFT_KINDS:
        if chart.series:
            issues.append(warning(where, (
                f"diagrammet {chart.id} ({chart.kind}) hämtar värdena ur driftsammandraget; "
                "kolumnen Serier används inte")))
    elif not chart.series:
        issues.append(error(where, (
            f"diagrammet {chart.id} saknar serier; förväntade namn från fliken Serier, "
            "åtskilda med kommatecken")))
    else:
        known = ", ".join(sorted({next(iter(r.values())).name for r in book.series.values()}))
        for name in chart.series:
            if series_key(name) not in book.series:
                issues.append(error(where, (
                    f'okänd serie "{name}"; förväntade en av serierna på fliken Serier: '
                    f"{known or 'inga'}")))
        if chart.kind == "linje per år" and len(chart.series) > 1:
            issues.append(error(where, (
                f"typen linje per år visar en serie, en linje per år; diagrammet {chart.id} "
                f"har {len(chart.series)}. Välj typen linjer eller ett diagram per serie")))
    if chart.section and chart.section not in content.texts:
        issues.append(error(chart.section_ref or chart.ref, (
            f'okänt avsnitt "{chart.section}"; förväntade ett avsnitt från kolumnen Avsnitt i '
            f"{TEXTER.filename}: {', '.join(content.texts)}")))
    refs = referenced.get(chart.id.casefold(), [])
    if not refs and not chart.section:
        issues.append(warning(chart.ref, (
            f"diagrammet {chart.id} visas inte: ingen text har raden [diagram {chart.id}] "
            "och Avsnitt är tomt")))
    if len(refs) > 1:
        issues.append(warning(chart.ref, (
            f"diagrammet {chart.id} placeras {len(refs)} gånger: "
            + ", ".join(str(t.ref) for t in refs))))
    return issues


def plan_charts(book: ChartBook, report: ReportInput) -> ChartPlan:
    """Check diagram.xlsx against the texts and economy, and prepare every chart's data."""
    plan = ChartPlan()
    referenced: dict[str, list[Text]] = {}
    for chart_id, text in chart_markers(report.content):
        if book.chart(chart_id) is None:
            if book.present:
                known = ", ".join(c.id for c in book.charts) or "inga"
                hint = (f"förväntade ett av diagrammen på fliken Diagram i {DIAGRAM.filename}: "
                        f"{known}")
            else:
                hint = f"{DIAGRAM.filename} saknas i mappen"
            plan.issues.append(error(text.ref, f"okänt diagram [diagram {chart_id}]; {hint}"))
            continue
        referenced.setdefault(chart_id.casefold(), []).append(text)
    economy = report.economy
    for chart in book.charts:
        problems = _check(chart, book, report.content, referenced)
        plan.issues.extend(problems)
        if any(i.is_error for i in problems):
            continue
        plan.issues.extend(_stale_series(chart, book, report))
        chart = replace(chart, source=_default_source(chart, report))
        prepared, issues = prepare(chart, book, report.period,
                                   rows_as_shown(economy.utfall, report.verksamheter),
                                   rows_as_shown(economy.prognos, report.verksamheter),
                                   report.settings.report_unit, report.settings.decimals,
                                   chart_points(report) if chart.kind == FORECAST_CHART
                                   else ((), None))
        plan.issues.extend(issues)
        plan.charts.append(prepared)
        if chart.id.casefold() not in referenced and chart.section:
            plan.appended.setdefault(chart.section, []).append(chart.id)
    plan.issues = _unique(plan.issues)
    return plan


def _stale_series(chart: ChartDef, book: ChartBook, report: ReportInput) -> list[Issue]:
    """A series with no value for the report's months: typically a new period whose
    diagram.xlsx still holds only last year's data, which would be drawn without a word."""
    if chart.kind in DRIFT_KINDS:
        return []
    period = report.period
    months = period.span_label.rsplit(" ", 1)[0].replace("-", "–")
    issues = []
    for name in chart.series:
        row = book.series.get(series_key(name), {}).get(period.year)
        if row is None or all(v is None for v in row.values[: period.month]):
            where = row.ref if row is not None else (chart.series_ref or chart.ref)
            issues.append(warning(where, (
                f'diagrammet {chart.id}: serien "{name}" saknar värden för {months} '
                f"{period.year}; fyll i dem på fliken Serier (en rad för år {period.year}) "
                "så att diagrammet visar perioden")))
    return issues


def _unique(issues: Iterable[Issue]) -> list[Issue]:
    return list(dict.fromkeys(issues))

