"""The `generate` command: parse options, build a Config, call the pipeline, print.

Everything the user reads is Swedish. Expected problems exit with code 2 and no traceback;
an unexpected one gets a short message, and its traceback goes to a log file under outputs/.
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from generator import __version__
from generator.errors import ReportError
from generator.period import ACCEPTED_FORMS, Period, parse_period
from generator.pipeline import Config, ReportResult, default_template, run

LOG_FOLDER = "logg"  # under --utdata, beside the reports


def _period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Period | None:
    return None if value is None else parse_period(value)


def _progress(message: str) -> None:
    click.echo(f"… {message}", err=True)


def _write_log(exc: BaseException, outputs: Path) -> Path | None:
    """Write the traceback to <utdata>/logg/ (or the temp folder); never to the screen."""
    text = "".join(traceback.format_exception(exc))
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    for folder in (outputs / LOG_FOLDER, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"fel-{stamp}.log"
            n = 1
            while path.exists():
                path = folder / f"fel-{stamp}-{n}.log"
                n += 1
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


class _Group(click.Group):
    """Catches unexpected exceptions so that a user never sees a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            outputs = ctx.params.get("utdata") or Path("outputs")
            log = _write_log(exc, outputs)
            where = (f" Detaljer finns i {log}; skicka filen till den som förvaltar "
                     "programmet." if log else "")
            click.echo(
                f"Ett oväntat fel inträffade ({type(exc).__name__}). Indata har inte ändrats "
                f"och ingen tidigare rapport har skrivits över.{where}", err=True)
            ctx.exit(1)


PERIOD_HELP = f"Perioden rapporten gäller, som {ACCEPTED_FORMS}."


def _summary(results: list[ReportResult], elapsed: float) -> None:
    for r in results:
        if r.output is not None:
            click.echo(f"Skrev {r.output}")
        if r.kept is not None:
            click.echo(f"  Den tidigare rapporten sparades som {r.kept}")
        for w in r.warnings:
            click.echo(f"  {w.render()}")
    n_warn = sum(len(r.warnings) for r in results)
    click.echo(f"Klart: {len(results)} rapport(er), {n_warn} varning(ar), {elapsed:.1f} s.")


@click.group(cls=_Group, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--period", "period", callback=_period, metavar="MMM-ÅÅÅÅ", help=PERIOD_HELP)
@click.option("--namnd", metavar="NAMN", help="Bara denna nämnd (mappnamnet under indata).")
@click.option("--indata", type=click.Path(file_okay=False, path_type=Path),
              default=Path("inputs"), show_default=True, help="Mappen med indata.")
@click.option("--utdata", type=click.Path(file_okay=False, path_type=Path),
              default=Path("outputs"), show_default=True, help="Mappen där rapporten skrivs.")
@click.option("--mall", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Word-mall att använda i stället för standardmallen.")
@click.option("--strict", is_flag=True, help="Behandla varningar som fel.")
@click.version_option(__version__, "--version", message="delårsrapport %(version)s")
@click.pass_context
def cli(ctx: click.Context, period: Period | None, namnd: str | None, indata: Path,
        utdata: Path, mall: Path | None, strict: bool) -> None:
    """Skriver nämndens delårsrapport i Word från arbetsböckerna i Excel.

    Exempel: generate --period aug-2024
    """
    if ctx.invoked_subcommand is not None:
        return
    if period is None:
        raise click.UsageError(f"Ange perioden med --period, som {ACCEPTED_FORMS}.", ctx)
    config = Config(period=period, inputs=indata, outputs=utdata, namnd=namnd,
                    template=mall or default_template(), strict=strict)
    start = time.perf_counter()
    results = run(config, _progress)
    _summary(results, time.perf_counter() - start)


def main() -> None:
    try:
        cli.main(prog_name="generate")
    except ReportError as exc:  # pragma: no cover - click handles these in standalone mode
        exc.show()
        sys.exit(exc.exit_code)
