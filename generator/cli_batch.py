"""`generate --period aug-2024 --alla`: every nämnd in parallel, a closing table, an overview.

Like a plain run, a nämnd with errors gets no report while the others do; the batch adds
parallel workers, a progress bar, a closing table and the kommun overview.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from generator.batch import Outcome, run_batch
from generator.cli import echo_result, seconds
from generator.errors import ReportError
from generator.locate import OVERVIEW_TEMPLATE, default_template, find_input_dirs
from generator.pipeline import Config, publish_written, publisher


def _table(outcomes: list[Outcome], pdf: bool) -> list[str]:
    """Nämnd, status, time and warnings; with --pdf also whether the PDF was written."""
    rows: list[tuple[str, ...]] = [("Nämnd", "Status", "Tid", "Varningar", "PDF")]
    for o in outcomes:
        warnings = len(o.result.warnings) if o.result else 0
        written = "-" if o.result is None else "klar" if o.result.pdf else "fel"
        rows.append((o.namnd, "klar" if o.ok else "fel", seconds(o.seconds), str(warnings),
                     written))
    if not pdf:
        rows = [r[:4] for r in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) if i in (2, 3) else c.ljust(w)
                       for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()
             for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _who(folder: Path) -> tuple[str | None, str | None]:
    """(kommun, nämnd) as a failed nämnd's installningar.xlsx › Nämnd states them, each None
    when it cannot be read: its inputs have errors, so nothing more is trusted."""
    import openpyxl

    from generator.excel.schema import name_key

    found: dict[str, str] = {}
    try:
        book = openpyxl.load_workbook(folder / "installningar.xlsx", read_only=True,
                                      data_only=True)
        try:
            for row in book["Nämnd"].iter_rows(max_col=2, values_only=True):
                if len(row) == 2 and isinstance(row[1], str) and row[1].strip():
                    found.setdefault(name_key(row[0]), " ".join(row[1].split()))
        finally:
            book.close()
    except Exception:  # noqa: BLE001 - any unreadable file: the folder's name is used
        return None, None
    return found.get("kommun"), found.get("nämnd")


def overview_path(config: Config, kommun: str) -> Path:
    from generator.compute import slug

    name = f"kommunoversikt-{slug(kommun).replace('_', '-') or 'kommun'}-{config.period.slug}.docx"
    return config.outputs / config.period.slug / name


def overview_template(config: Config) -> Path:
    """kommunoversikt.docx beside the report template (a `--mall` of one's own may have one
    beside it), else the bundled one."""
    beside = config.template.with_name(OVERVIEW_TEMPLATE) if config.template else None
    return beside if beside and beside.is_file() else default_template(OVERVIEW_TEMPLATE)


def run_all(config: Config, workers: int | None = None) -> int:
    """Build every nämnd's report; print the table; write the overview. Returns exit code."""
    folders = find_input_dirs(config.inputs, config.period)
    start = time.perf_counter()
    if len(folders) > 1:
        from generator.charts.stage import preload

        preload()  # imported once here, inherited by every nämnd's worker and its chart pool
    with publisher(config, len(folders)) as pdfs:
        with click.progressbar(length=len(folders), label="Nämnder", file=sys.stderr,
                               show_pos=True) as bar:
            outcomes = run_batch(folders, config, workers, on_done=lambda _o: bar.update(1),
                                 pdfs=pdfs)
        written = [o.result for o in outcomes if o.result is not None]
        if pdfs is not None and written:
            # LibreOffice has been converting since the first report was written.
            with click.progressbar(length=len(written), label="PDF", file=sys.stderr,
                                   show_pos=True) as bar:
                publish_written(written, pdfs, on_done=lambda _c: bar.update(1))
    for line in _table(outcomes, config.pdf):
        click.echo(line)
    for o in outcomes:
        if o.result:
            echo_result(o.result)
        for line in o.errors:
            click.echo(f"  {o.namnd}: {line}", err=True)
    summaries = [o.result.summary for o in outcomes if o.result and o.result.summary]
    failed_who = {o.namnd: _who(o.folder) for o in outcomes if not o.ok}
    overview_failed = False
    if summaries:
        from generator.overview import write_overview

        # One overview per kommun: nämnder of different kommuner are never added together.
        for kommun in dict.fromkeys(s.kommun for s in summaries):
            rows = [s for s in summaries if s.kommun == kommun]
            target = overview_path(config, kommun)
            try:
                # A failed nämnd of this kommun, or one whose kommun cannot be read: by its
                # name when its settings say it, else by its folder.
                missing = [name or namnd for namnd, (its_kommun, name) in failed_who.items()
                           if its_kommun in (kommun, None)]
                kept = write_overview(rows, config.period, overview_template(config), target,
                                      missing=missing)
            except ReportError as exc:
                click.echo(f"Fel: {exc.format_message()} Kommunöversikten skrevs inte.",
                           err=True)
                overview_failed = True
                continue
            click.echo(f"Skrev {target}")
            if kept is not None:
                click.echo(f"  Den tidigare kommunöversikten sparades som {kept}")
    failed = sum(not o.ok for o in outcomes)
    pdfs_written = (f"{sum(r.pdf is not None for r in written)} av {len(written)} PDF:er, "
                    if config.pdf else "")
    click.echo(f"Klart: {len(outcomes) - failed} av {len(outcomes)} nämnder, {pdfs_written}"
               f"{seconds(time.perf_counter() - start)}.")
    # As in a plain run: warnings after writing (PDF, accessibility) are errors with --strict.
    strict_failed = config.strict and any(o.result.warnings for o in outcomes if o.result)
    if strict_failed:
        click.echo("Fel: --strict: varningarna ovan räknas som fel. Rapporterna skrevs ändå.",
                   err=True)
    return 2 if failed or overview_failed or strict_failed else 0
