"""The `generate` command: parse options, build a Config, call the pipeline, print.

Everything the user reads is Swedish. Expected problems exit with code 2 and no traceback;
an unexpected one gets a short message, and its traceback goes to a log file under outputs/.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator import __version__
from generator.errors import ReportError
from generator.formatting import format_number
from generator.kinds import KEYS, ReportKind, parse_kind
from generator.period import ACCEPTED_FORMS, Period, parse_period

if TYPE_CHECKING:
    from generator.issues import Issue
    from generator.pipeline import ReportResult, Updated


def _period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Period | None:
    return None if value is None else parse_period(value)


def _kind(_ctx: click.Context, _param: click.Parameter, value: str | None
          ) -> ReportKind | None:
    return None if value is None else parse_kind(value)


def _progress(message: str) -> None:
    click.echo(f"… {message}", err=True)


_CLICK_SV = (
    (re.compile(r"^No such option:? '?([^' ]+?)'?\.?\s*\(?(?:Did you mean|Possible options)"
                r"(?: one of)?:? ([^)?]+)\??\)?$"), "okänd flagga {0} (menade du {1}?)"),
    (re.compile(r"^No such option:? '?([^' ]+?)'?\.?$"), "okänd flagga {0}"),
    (re.compile(r"^No such command:? '?([^' ]+)'?\.?$"), "okänt kommando {0}"),
    (re.compile(r"^Missing option:? '?([^' ]+)'?\.?$"), "flaggan {0} saknas"),
    (re.compile(r"^Missing argument:? '?([^' ]+)'?\.?$"), "argumentet {0} saknas"),
    (re.compile(r"^Option '?([^' ]+)'? requires an argument\.?$"), "flaggan {0} behöver ett värde"),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), "oväntat argument: {0}"),
    (re.compile(r"^Directory '(.+)' is a file\.$"), "{0} är en fil, inte en mapp"),
    (re.compile(r"^File '(.+)' is a directory\.$"), "{0} är en mapp, inte en fil"),
)
_INVALID_VALUE = re.compile(r"^Invalid value for '?([^':]+)'?: (.+)$", re.S)


@contextmanager
def _without_numpy() -> Iterator[None]:
    """Import openpyxl without numpy, which it loads only to write numpy values.

    Checking never draws, and a report's charts are drawn in worker processes that import
    numpy themselves; importing it here is a quarter of `check`'s time. The block is lifted
    afterwards, so a later import (matplotlib, a test session) is unaffected.
    """
    blocked = "numpy" not in sys.modules
    if blocked:
        sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if blocked and sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]


def count(n: int, one: str, many: str) -> str:
    """ "1 rapport", "2 rapporter" """
    return f"{n} {one if n == 1 else many}"


def seconds(value: float) -> str:
    """ "1,6 s": Swedish decimal comma in the run's messages too."""
    return f"{format_number(value, 1)} s"


def _swedish_usage(message: str) -> str:
    """Click's own usage messages, in Swedish (the common ones)."""
    invalid = _INVALID_VALUE.match(message)
    if invalid:  # "Invalid value for '--mall': File 'x' is a directory."
        return f"ogiltigt värde för {invalid[1]}: {_swedish_usage(invalid[2])}"
    for pattern, text in _CLICK_SV:
        match = pattern.match(message)
        if match:
            return text.format(*match.groups())
    return message


class _SvFormatting:
    """Swedish headings in --help output."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), "Användning: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(r[0], r[1].replace("[required]", "[krävs]"))
                for p in self.get_params(ctx)  # type: ignore[attr-defined]
                if isinstance(p, click.Option) and (r := p.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section("Flaggor"):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            commands = [(n, self.get_command(ctx, n)) for n in self.list_commands(ctx)]
            rows = [(n, c.get_short_help_str(70)) for n, c in commands if c and not c.hidden]
            if rows:
                with formatter.section("Kommandon"):
                    formatter.write_dl(rows)


class _Command(_SvFormatting, click.Command):
    pass


class _Group(_SvFormatting, click.Group):
    """Catches unexpected exceptions so that a user never sees a traceback."""

    command_class = _Command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pass  # listed by format_options under "Kommandon"

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # output piped into `head`: not an error
            ctx.exit(0)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            from generator.output import unexpected_error

            # beside the reports: --utdata given after the subcommand (recorded in the meta
            # all contexts share, see `_remember`) wins over the group's, as in `_parent`
            outputs = (ctx.meta.get("delarsrapport.utdata") or ctx.params.get("utdata")
                       or Path("outputs"))
            click.echo(unexpected_error(exc, outputs), err=True)
            ctx.exit(1)


PERIOD_HELP = f"Perioden rapporten gäller, som {ACCEPTED_FORMS}."
NAMND_HELP = "Bara denna nämnd (mappnamnet under indata)."
KIND_HELP = ("Rapporttyp: " + ", ".join(KEYS) + ". Standard: den som kalendern (fliken "
             "Rapporter i installningar.xlsx) anger för perioden, annars delårsrapport.")


def _parent(ctx: click.Context, name: str) -> Any:
    """A group option (`generate --indata X check …`) as seen from a subcommand; the same
    folder option given after the subcommand (`generate check --indata X`) wins."""
    given = ctx.meta.get(f"delarsrapport.{name}")
    if given is not None:
        return given
    return ctx.parent.params.get(name) if ctx.parent else None


def _folder_flags(ctx: click.Context, names: tuple[str, ...] = ("indata", "utdata")) -> str:
    """This run's folder options (or `--mall`) when not the defaults, for the command a
    summary suggests next: without them it would read other files."""
    out = ""
    defaults = {"indata": Path("inputs"), "utdata": Path("outputs"), "mall": None}
    for name in names:
        value = _parent(ctx, name)
        if value is not None and Path(value) != defaults[name]:
            out += _flag(name, str(value))
    return out


def _flag(name: str, text: str) -> str:
    """` --name text`, quoted when the shell would split or change it."""
    safe = all(c.isalnum() or c in "_-./\\:" for c in text)
    return f" --{name} {text}" if safe else f' --{name} "{text}"'


def _remember(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is not None and param.name:
        ctx.meta[f"delarsrapport.{param.name}"] = value


def _folders(command: Any) -> Any:
    """--indata and --utdata on a subcommand too: users write them after it as often as
    before it, and the subcommands' help should show them."""
    command = click.option("--utdata", type=click.Path(file_okay=False, path_type=Path),
                           callback=_remember, expose_value=False, metavar="MAPP",
                           help="Mappen där det som skrivs hamnar (standard: outputs).")(command)
    return click.option("--indata", type=click.Path(file_okay=False, path_type=Path),
                        callback=_remember, expose_value=False, metavar="MAPP",
                        help="Mappen med indata (standard: inputs).")(command)


def echo_result(r: ReportResult) -> None:
    """What one written report left behind: files, the kept earlier copy, warnings."""
    if r.output is not None:
        click.echo(f"Skrev {r.output}"
                   + (f" (indata {r.fingerprint})" if r.fingerprint else ""))
    if r.kept is not None:
        click.echo(f"  Den tidigare rapporten sparades som {r.kept}")
    if r.pdf is not None:
        click.echo(f"Skrev {r.pdf}")
    if r.pdf_kept is not None:
        click.echo(f"  Den tidigare PDF:en sparades som {r.pdf_kept}")
    if r.pdf_stale is not None:
        click.echo(f"  PDF:en från förra körningen stämmer inte längre med Word-filen och "
                   f"flyttades till {r.pdf_stale}; skriv en ny med --pdf")
    if r.pages:
        click.echo(f"Skrev {len(r.pages)} sidor som PNG i {r.pages[0].parent}")
    for w in r.warnings:
        click.echo(f"  {w.render()}")


def _summary(results: list[ReportResult], elapsed: float, pdf: bool = False) -> None:
    for r in results:
        echo_result(r)
    n_warn = sum(len(r.warnings) for r in results)
    n_pdf = sum(r.pdf is not None for r in results)
    pdfs = f"{count(n_pdf, 'PDF', 'PDF:er')}, " if pdf else ""
    click.echo(f"Klart: {count(len(results), 'rapport', 'rapporter')}, {pdfs}"
               f"{count(n_warn, 'varning', 'varningar')}, {seconds(elapsed)}.")


@click.group(cls=_Group, invoke_without_command=True, options_metavar="[FLAGGOR]",
             subcommand_metavar="[KOMMANDO] [ARGUMENT]...")
@click.help_option("-h", "--help", help="Visa denna hjälp och avsluta.")
@click.option("--period", "period", callback=_period, metavar="MMM-ÅÅÅÅ", help=PERIOD_HELP)
@click.option("--namnd", metavar="NAMN", help=NAMND_HELP)
@click.option("--rapport", "kind", callback=_kind, metavar="TYP", help=KIND_HELP)
@click.option("--indata", type=click.Path(file_okay=False, path_type=Path),
              default=Path("inputs"), metavar="MAPP",
              help="Mappen med indata (standard: inputs).")
@click.option("--utdata", type=click.Path(file_okay=False, path_type=Path),
              default=Path("outputs"), metavar="MAPP",
              help="Mappen där rapporten skrivs (standard: outputs).")
@click.option("--mall", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FIL", help="Word-mall att använda i stället för rapporttypens mall, "
                                  "för varje rapport i körningen.")
@click.option("--strict", is_flag=True, help="Behandla varningar som fel.")
@click.option("--pdf", "pdf", is_flag=True,
              help="Skriv också en PDF bredvid Word-filen, med sidnummer i "
                   "innehållsförteckningen (kräver LibreOffice).")
@click.option("--png", "png", is_flag=True,
              help="Skriv också PDF:ens sidor som PNG-bilder i mappen sidor/, för granskning "
                   "(kräver LibreOffice och pdftoppm; innebär --pdf).")
@click.option("--alla", is_flag=True,
              help="Alla nämnder under indata, parallellt, med en tabell över hur det gick och "
                   "en kommunöversikt. En nämnd med fel stoppar inte de andra.")
@click.version_option(__version__, "--version", message="delårsrapport %(version)s",
                      help="Visa versionen och avsluta.")
@click.pass_context
def cli(ctx: click.Context, period: Period | None, namnd: str | None, kind: ReportKind | None,
        indata: Path, utdata: Path, mall: Path | None, strict: bool, pdf: bool, png: bool,
        alla: bool) -> None:
    """Skriver nämndens rapport (månadsrapport, prognosrapport, delårsrapport eller
    verksamhetsberättelse) i Word från arbetsböckerna i Excel.

    Exempel: generate --period aug-2024
    """
    if ctx.invoked_subcommand is not None:
        return
    if period is None:
        raise click.UsageError(f"Ange perioden med --period, som {ACCEPTED_FORMS}.", ctx)

    if not alla:
        _start_chart_server(indata, period, namnd)
    from generator.charts import server

    try:
        _generate(ctx, period, namnd, kind, indata, utdata, mall, strict, pdf, png, alla)
    except BaseException:
        server.stop(abort=True)  # an error or Ctrl-C: charts still drawing are not needed
        raise
    server.stop()


def _start_chart_server(indata: Path, period: Period, namnd: str | None) -> None:
    """Start importing matplotlib in a second process now, while this one reads Excel,
    when a nämnd of the run has charts (see charts/server.py)."""
    from generator.charts import server
    from generator.errors import InputNotFoundError
    from generator.excel.schema import DIAGRAM
    from generator.locate import find_input_dirs

    try:
        folders = find_input_dirs(indata, period, namnd)
    except InputNotFoundError:
        return  # reported by the run itself
    if any((folder / DIAGRAM.filename).is_file() for folder in folders):
        server.start()


def _generate(ctx: click.Context, period: Period, namnd: str | None, kind: ReportKind | None,
              indata: Path, utdata: Path, mall: Path | None, strict: bool, pdf: bool,
              png: bool, alla: bool) -> None:
    with _without_numpy():  # this process never needs it; chart workers import their own
        from generator.pipeline import Config, run

    config = Config(period=period, inputs=indata, outputs=utdata, namnd=namnd,
                    template=mall, kind=kind, strict=strict, pdf=pdf or png, png=png)
    if alla:
        if namnd:
            raise click.UsageError("Välj antingen --alla eller --namnd, inte båda.", ctx)
        from generator.cli_batch import run_all

        ctx.exit(run_all(config))
    from generator.errors import InvalidInputError

    start = time.perf_counter()
    try:
        results = run(config, _progress)
    except InvalidInputError as exc:
        if exc.written:  # the other nämnder' reports were written: say so before the errors
            _summary(exc.written, time.perf_counter() - start, config.pdf)
        raise
    _summary(results, time.perf_counter() - start, config.pdf)
    _record_timings(results)
    if strict and any(r.warnings for r in results):
        # Warnings left at this point came after the .docx was written (PDF, accessibility).
        raise ReportError("--strict: varningarna ovan räknas som fel. Rapporten skrevs ändå.")


TIMINGS_ENV = "DELARSRAPPORT_TIDER"  # a JSON file to write each stage's seconds to


def _record_timings(results: list[ReportResult]) -> None:
    """For benchmarks/bench_generate.py: the stages of a real run, as a user starts it."""
    target = os.environ.get(TIMINGS_ENV)
    if target:
        import json

        from generator.charts import server

        chart_server = server.started()
        Path(target).write_text(json.dumps({
            "reports": [{"namnd": r.namnd, "stages": r.timings, "charts": r.chart_timings}
                        for r in results],
            "server_import": chart_server.import_seconds if chart_server else None,
        }, ensure_ascii=False, indent=1), encoding="utf-8")


@cli.command("talnamn", options_metavar="[FLAGGOR]")
@_folders
@click.option("--period", "period", callback=_period, required=True, metavar="MMM-ÅÅÅÅ",
              help=PERIOD_HELP)
@click.option("--namnd", metavar="NAMN", help=NAMND_HELP)
@click.option("--rapport", "kind", callback=_kind, metavar="TYP", help=KIND_HELP)
@click.help_option("-h", "--help", help="Visa denna hjälp och avsluta.")
@click.pass_context
def talnamn(ctx: click.Context, period: Period, namnd: str | None = None,
            kind: ReportKind | None = None) -> None:
    """Listar talnamnen som texterna kan använda.

    Till exempel {resultat.avvikelse}; rapporten visar då det uträknade talet.
    """
    from generator.compute import economy_figures
    from generator.errors import InvalidInputError
    from generator.excel.earlier import load_report
    from generator.formatting import format_number
    from generator.locate import find_input_dirs
    from generator.pipeline import report_figures

    for folder in find_input_dirs(_parent(ctx, "indata") or Path("inputs"), period,
                                  namnd or _parent(ctx, "namnd")):
        report, issues = load_report(folder, period, kind or _parent(ctx, "kind"))
        if report is None:
            raise InvalidInputError(issues)
        figs = economy_figures(report.economy, report.settings, report.verksamheter,
                               report.kind)
        names = report_figures(report, figs)
        click.echo(f"{folder.parent.name} ({report.settings.report_unit}):")
        width = max(len(n) for n in names) + 2
        for name, value in names.items():
            shown = format_number(value, report.settings.decimals)
            click.echo(f"  {{{name}}}".ljust(width + 4) + shown)


@cli.command("check", options_metavar="[FLAGGOR]")
@_folders
@click.option("--period", "period", callback=_period, required=True, metavar="MMM-ÅÅÅÅ",
              help=PERIOD_HELP)
@click.option("--namnd", metavar="NAMN", help=NAMND_HELP)
@click.option("--rapport", "kind", callback=_kind, metavar="TYP", help=KIND_HELP)
@click.option("--strict", is_flag=True, help="Behandla varningar som fel (slutkod 2).")
@click.help_option("-h", "--help", help="Visa denna hjälp och avsluta.")
@click.pass_context
def check(ctx: click.Context, period: Period, namnd: str | None, kind: ReportKind | None,
          strict: bool) -> None:
    """Kontrollerar arbetsböckerna utan att skriva någon rapport.

    Listar alla fel och varningar med fil, flik och cell. Slutkod 0 om inga fel finns
    (varningar är tillåtna utom med --strict), annars 2.

    Exempel: generate check --period aug-2024
    """
    with _without_numpy():
        from generator.checking import check_folder
    from generator.locate import find_input_dirs
    from generator.pipeline import Config

    config = Config(period=period, inputs=_parent(ctx, "indata") or Path("inputs"),
                    namnd=namnd or _parent(ctx, "namnd"), template=_parent(ctx, "mall"),
                    kind=kind or _parent(ctx, "kind"),
                    strict=strict or bool(_parent(ctx, "strict")))
    folders = find_input_dirs(config.inputs, period, config.namnd)
    n_err = n_warn = 0
    for folder in folders:
        _progress(f"Kontrollerar {folder}")
        result = check_folder(folder, config)
        what = f" ({result.kind.lower})" if result.kind else ""
        click.echo(f"{result.namnd}, {period.slug}{what}:")
        for issue in result.issues:
            click.echo(f"  {issue.render()}")
        click.echo(f"  {count(len(result.errors), 'fel', 'fel')}, "
                   f"{count(len(result.warnings), 'varning', 'varningar')}.")
        n_err += len(result.errors)
        n_warn += len(result.warnings)
    failed = n_err > 0 or (config.strict and n_warn > 0)
    summary = (f"Totalt {count(n_err, 'fel', 'fel')} och "
               f"{count(n_warn, 'varning', 'varningar')} i "
               f"{count(len(folders), 'nämnd', 'nämnder')}.")
    # the suggested commands are about the same nämnd and kind as this check
    chosen = (_flag("namnd", folders[0].parent.name) if config.namnd else "") + (
        _flag("rapport", config.kind.key) if config.kind else "")
    if failed:
        what = "felen" if n_err else "varningarna (--strict)"
        # --mall belongs before the subcommand, the folders may come after it
        click.echo(f"{summary} Rätta {what} och kör generate{_folder_flags(ctx, ('mall',))} "
                   f"check --period {period.slug}{chosen}{' --strict' if config.strict else ''}"
                   f"{_folder_flags(ctx)} igen. Ingen rapport skrevs.")
        ctx.exit(2)
    click.echo(f"{summary} Inga fel: skriv rapporten med generate --period {period.slug}"
               f"{chosen}{_folder_flags(ctx, ('indata', 'utdata', 'mall'))}.")


@cli.command("init", options_metavar="[FLAGGOR]")
@_folders
@click.option("--period", "period", callback=_period, required=True, metavar="MMM-ÅÅÅÅ",
              help=f"Den nya perioden, som {ACCEPTED_FORMS}.")
@click.option("--from", "source", callback=_period, metavar="MMM-ÅÅÅÅ",
              help="Perioden att utgå från (standard: nämndens senaste period före den nya).")
@click.option("--namnd", metavar="NAMN", help=NAMND_HELP)
@click.option("--rapport", "kind", callback=_kind, metavar="TYP",
              help="Den nya periodens rapporttyp: " + ", ".join(KEYS) + ". Standard: den "
                   "som kalendern i förra periodens installningar.xlsx anger.")
@click.option("--tomma-texter", "empty_texts", is_flag=True,
              help="Lämna texterna tomma i stället för att behålla förra periodens som utkast.")
@click.help_option("-h", "--help", help="Visa denna hjälp och avsluta.")
@click.pass_context
def init(ctx: click.Context, period: Period, source: Period | None, namnd: str | None,
         kind: ReportKind | None, empty_texts: bool) -> None:
    """Skapar arbetsböckerna för en ny period utifrån förra periodens.

    Rapporttypen (månadsrapport, prognosrapport, delårsrapport, verksamhetsberättelse)
    kommer från kalendern eller --rapport och avgör vilka arbetsböcker som skapas; varje
    arbetsbok hämtas från den senaste period som har den. Strukturen följer med
    (verksamhetsrader, mål, uppdrag, indikatorer); belopp, bedömningar och status töms;
    texterna behålls som utkast som börjar med UTKAST:. Befintliga arbetsböcker skrivs
    aldrig över.

    Exempel: generate init --period okt-2024
    """
    from generator.newperiod import init_period

    results = init_period(_parent(ctx, "indata") or Path("inputs"), period, source,
                          namnd or _parent(ctx, "namnd"), empty_texts,
                          kind=kind or _parent(ctx, "kind"))
    for r in results:
        what = f" ({r.kind.lower})" if r.kind else ""
        click.echo(f"Skapade {r.target}{what} från {r.source.name}:")
        for filename, sheets in r.counts.items():
            rows = ", ".join(f"{sheet} {count(n, 'rad', 'rader')}"
                             for sheet, n in sheets.items())
            origin = f" (från {r.sources[filename].slug})" if filename in r.sources else ""
            click.echo(f"  {filename}{origin}" + (f": {rows}" if rows else ""))
        for note in r.notes:
            click.echo(f"  Obs: {note}")
        if r.kind:
            click.echo(f"  En {r.kind.lower} behöver {r.kind.needs}.")
    texts = ("Texterna är tomma." if empty_texts else
             "Texterna är förra periodens och börjar med UTKAST: tills du skrivit om dem.")
    same_year = any(r.source.name.endswith(str(period.year)) for r in results)
    kept = (" Årets budget, bokslut och investeringsramar följde med, eftersom perioden är "
            "i samma år." if same_year else "")
    click.echo(f"Periodens belopp, bedömningar och status är tömda.{kept} {texts}")
    click.echo("Föregående rapports prognos läses från dess mapp under indata; fyll bara i "
               "fliken Föregående prognos i prognos.xlsx (och Namn på föregående rapport i "
               "installningar.xlsx) om den mappen saknas.")
    click.echo(f"Nästa steg: fyll i arbetsböckerna och kör generate check --period "
               f"{period.slug}{_folder_flags(ctx)}.")


@cli.command("importera", options_metavar="[FLAGGOR]")
@_folders
@click.argument("files", nargs=-1, required=True, metavar="FIL...",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--period", "period", callback=_period, required=True, metavar="MMM-ÅÅÅÅ",
              help=PERIOD_HELP)
@click.option("--namnd", metavar="NAMN",
              help="Nämnden att skriva utfallet för (mappnamnet under indata); behövs inte "
                   "om bara en nämnd har mappning.xlsx.")
@click.option("--mappning", type=click.Path(dir_okay=False, path_type=Path), metavar="FIL",
              help="Mappningen att använda (standard: mappning.xlsx i periodens mapp).")
@click.option("--prognos", "prognos", is_flag=True,
              help="Fyll också i Budget helår och Bokslut föregående år i prognos.xlsx "
                   "(Prognos helår lämnas som den är).")
@click.option("--strict", is_flag=True,
              help="Behandla varningar, till exempel omappade kodsträngar, som fel: då "
                   "skrivs ingenting.")
@click.help_option("-h", "--help", help="Visa denna hjälp och avsluta.")
@click.pass_context
def importera(ctx: click.Context, files: tuple[Path, ...], period: Period, namnd: str | None,
              mappning: Path | None, prognos: bool, strict: bool) -> None:
    """Läser huvudbokens export och skriver utfallet i utfall.xlsx.

    FIL är en eller flera exporter ur ekonomisystemet: CSV eller Excel med en rad per
    kodsträng och period, eller SIE 4. mappning.xlsx i periodens mapp säger vilka rader som
    är nämndens och vilken rapportrad varje kodsträng hör till. Beloppen stäms av till öret,
    och fliken Avstämning i utfall.xlsx visar hur. En tidigare utfall.xlsx sparas först i
    tidigare/.

    Exempel: generate importera --period aug-2024 --namnd linkoping-son
    inputs/linkoping-son/huvudbok/huvudbok-2023-2024.csv
    """
    from generator.ledger.run import run_import

    start = time.perf_counter()
    result = run_import(_parent(ctx, "indata") or Path("inputs"), period,
                        namnd or _parent(ctx, "namnd"), list(files), mappning,
                        strict or bool(_parent(ctx, "strict")), prognos, _progress)
    _import_summary(result, period, time.perf_counter() - start, _folder_flags(ctx))


def _import_summary(result: Any, period: Period, elapsed: float, again: str) -> None:
    """What the import read, how it reconciled, what it wrote; warnings and notes."""
    from generator.ledger.amounts import kr
    from generator.ledger.model import Measure
    from generator.ledger.reconcile import COLUMNS, labels_for

    s = result.summary
    labels = labels_for(period)
    click.echo(f"{result.namnd}, {period.slug}:")
    for f in s.files:
        # An SIE file's count is of the lines whose amounts are used (one cut of the
        # balances, or the #TRANS), not of the file's lines.
        what = (("post", "poster") if f.kind == "SIE" else ("rad", "rader"))[f.rows != 1]
        used = " med belopp som används" if f.kind == "SIE" else ""
        click.echo(f"  Läste {f.name} ({f.kind}, {format_number(f.rows, 0)} {what}{used})")
        for note in f.notes:
            click.echo(f"    {note}")
    shown = [c for c in COLUMNS if s.namnd_rows[c]]
    # A full year's column from files that lack months is no full year: say so.
    years = {"budget_year": (Measure.BUDGET, period.year),
             "previous_year": (Measure.ACTUAL, period.year - 1)}
    for c in shown:
        rows = sum(v[c] for v in s.rows.values())
        parts = [sum(g[c] for g in group.values()) for group in (s.excluded, s.outside)]
        unmapped = sum(u.amounts[c] for u in s.unmapped.values())
        label = labels[c].capitalize()
        if c in years:
            measure, year = years[c]
            months = {p % 100 for m, p in s.months if m is measure and p // 100 == year} & set(
                range(1, 13))
            if len(months) < 12:
                label += f" (bara {len(months)} av 12 månader)"
        click.echo(f"  {label}: nämnden {kr(s.namnd[c])} = rapportraderna "
                   f"{kr(rows)} + undantaget {kr(parts[0])} + utanför driften {kr(parts[1])} "
                   f"+ omappat {kr(unmapped)}")
    for issue in result.warnings:
        click.echo(f"  {issue.render()}")
    for note in result.notes:
        click.echo(f"  Obs: {note}")
    names = {"actual": "Redovisat perioden", "budget": "Budget perioden",
             "previous": "Redovisat samma period föregående år", "budget_year": "Budget helår",
             "previous_year": "Bokslut föregående år"}
    for w in result.written:
        done = "Oförändrad, samma innehåll som förut:" if w.unchanged else "Skrev"
        click.echo(f"{done} {w.path} ({', '.join(names[c] for c in w.columns)}"
                   + ("; fliken Avstämning)" if w.path.name == "utfall.xlsx" else ")"))
        if w.kept is not None:
            click.echo(f"  Den tidigare arbetsboken sparades som {w.kept}")
    if result.kept_columns:
        click.echo("  Filerna täcker inte " + ", ".join(names[c] for c in result.kept_columns)
                   + "; de kolumnerna är som de var")
    click.echo(f"Klart: {count(len(result.written), 'arbetsbok', 'arbetsböcker')}, "
               f"{count(len(result.warnings), 'varning', 'varningar')}, {seconds(elapsed)}. "
               f"Kontrollera siffrorna i Excel och kör sedan generate check --period "
               f"{period.slug} --namnd {result.namnd}{again}.")


@cli.command("uppdatera", options_metavar="[FLAGGOR]")
@_folders
@click.argument("rapport", required=False, metavar="[RAPPORT.docx]",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--period", "period", callback=_period, required=True, metavar="MMM-ÅÅÅÅ",
              help=PERIOD_HELP)
@click.option("--namnd", metavar="NAMN", help=NAMND_HELP)
@click.option("--skriv-over", "overwrite", is_flag=True,
              help="Skriv över också tal som ändrats för hand i Word.")
@click.option("--pdf", "pdf", is_flag=True, help="Skriv också en ny PDF (kräver LibreOffice).")
@click.help_option("-h", "--help", help="Visa denna hjälp och avsluta.")
@click.pass_context
def uppdatera(ctx: click.Context, rapport: Path | None, period: Period, namnd: str | None,
              overwrite: bool, pdf: bool) -> None:
    """För in nya tal i en rapport som redan redigerats i Word.

    Räknar om från arbetsböckerna och byter bara ut talen, de uträknade tabellerna och
    diagrammen; text, kommentarer och spårade ändringar i Word står kvar. Den tidigare
    versionen sparas i tidigare/.

    Exempel: generate uppdatera --period aug-2024
    """
    from generator.errors import ReportError
    from generator.locate import find_input_dirs
    from generator.pipeline import Config, update_report
    from generator.update import updatable

    inputs = _parent(ctx, "indata") or Path("inputs")
    namnd = namnd or _parent(ctx, "namnd")
    if rapport is not None:
        if not rapport.is_file():
            raise ReportError(f"Rapporten {rapport} finns inte.")
        write_instead = (f"generate --period {period.slug}"
                         + (_flag("namnd", namnd) if namnd else "") + _folder_flags(ctx))
        props = updatable(rapport, write_instead)
        owner = props.get("Delårsrapport: nämnd")
        if namnd is None:
            namnd = owner
        elif owner and owner.casefold() != namnd.casefold():
            # another nämnd's figures must never be written into this report
            raise ReportError(
                f"{rapport.name} är rapporten för nämnden {owner}, inte {namnd}; ange "
                f"--namnd {owner} eller en annan rapport. Ingenting skrevs.")
        stated = props.get("Delårsrapport: period")
        if stated and stated != period.slug:
            raise ReportError(
                f"{rapport.name} gäller perioden {stated}, inte {period.slug}; ange "
                f"--period {stated} eller en annan rapport.")
    config = Config(period=period, inputs=inputs, outputs=_parent(ctx, "utdata") or
                    Path("outputs"), namnd=namnd,
                    template=_parent(ctx, "mall"), strict=bool(_parent(ctx, "strict")))
    folders = find_input_dirs(inputs, period, namnd)
    if len(folders) > 1:
        names = ", ".join(f.parent.name for f in folders)
        raise click.UsageError(
            f"Ange vilken nämnds rapport som ska uppdateras med --namnd, till exempel --namnd "
            f"{folders[0].parent.name}. Nämnderna med perioden {period.slug}: {names}.", ctx)
    start = time.perf_counter()
    done = update_report(folders[0], config, rapport, overwrite, _progress)
    echo_update(done)
    pdf_issues: list[Issue] = []
    if pdf:
        from generator.pdf import publish

        before = done.target.read_bytes()
        published = publish(done.target, progress=_progress)
        if published.pdf is not None:
            click.echo(f"Skrev {published.pdf}")
        if done.target.read_bytes() != before:  # the pages moved since the report was made
            click.echo(f"  Sidnumren i innehållsförteckningen i {done.target.name} "
                       "uppdaterades efter PDF:en.")
        for issue in published.issues:
            click.echo(f"  {issue.render()}")
        pdf_issues = published.issues
    c = done.changes
    changed = len(c.changes) + len(c.overwritten)
    warnings = (len(c.edited) + len(c.refused) + len(c.deleted)
                + len(done.fresh.warnings) + len(pdf_issues))
    left = len(c.edited)
    click.echo(f"Klart: {count(changed, 'ändrat tal', 'ändrade tal')}, "
               + (f"{left} tal som ändrats i Word lämnades "
                  f"{'orört' if left == 1 else 'orörda'}, " if left else "")
               + f"{count(warnings, 'varning', 'varningar')}, "
               f"{seconds(time.perf_counter() - start)}.")


def echo_update(done: Updated) -> None:
    """The change list: what was rewritten, what was left alone and why."""
    c = done.changes
    inputs = f" (indata {done.fresh.fingerprint})" if done.fresh.fingerprint else ""
    if c.anything:
        click.echo(f"Uppdaterade {done.target}{inputs}")
    else:
        click.echo(f"{done.target} är redan aktuell{inputs}")
    if done.kept is not None:
        click.echo(f"  Den tidigare versionen sparades som {done.kept}")
    if not c.anything:
        click.echo("  Inga tal har ändrats sedan rapporten skrevs; den skrevs inte om.")
    for change in c.changes:
        click.echo(f"  Ändrat: {change.show()}")
    for change in c.overwritten:
        click.echo(f"  Ändrat, skrev över en ändring i Word: {change.show()}")
    for table in c.rebuilt:
        click.echo(f"  Tabellen {table} har fått andra rader och skrevs om.")
    for chart in c.charts:
        click.echo(f"  Ritade om: {chart}")
    for change in c.edited:
        click.echo(f"  Varning: {change.named} är ändrat i Word och lämnades orört: står "
                   f'"{change.old}", uträknat "{change.new}". Kör med --skriv-over för att '
                   "skriva över.")
    for table in c.refused:
        click.echo(f"  Varning: tabellen {table} har fått andra rader, men celler i den är "
                   "ändrade i Word, så ingenting i den ändrades (inte heller summorna). Kör "
                   "med --skriv-over, eller skriv rapporten på nytt med generate.")
    for change in c.deleted:
        click.echo(f"  Varning: {change.named} är borttaget i Word och återskapas inte; "
                   f'uträknat nu "{change.new}" (var "{change.old}"). Läs meningen där.')
    for issue in done.fresh.warnings:
        click.echo(f"  {issue.render()}")


@cli.command("utskick", options_metavar="[FLAGGOR]")
@_folders
@click.option("--period", "period", callback=_period, required=True, metavar="MMM-ÅÅÅÅ",
              help=PERIOD_HELP)
@click.option("--namnd", metavar="NAMN", help=NAMND_HELP)
@click.option("--till", "target", type=click.Path(file_okay=False, path_type=Path),
              metavar="MAPP", help="Mappen arbetsböckerna skrivs i (standard: "
                                   "utdata/<period>/utskick/<nämnd>).")
@click.help_option("-h", "--help", help="Visa denna hjälp och avsluta.")
@click.pass_context
def utskick(ctx: click.Context, period: Period, namnd: str | None,
            target: Path | None) -> None:
    """Skriver en arbetsbok per enhet att skicka till enheternas ansvariga.

    Enheterna, deras ansvariga och belopp står i enheter.xlsx. Varje arbetsbok har
    enhetens rader med budget, redovisat och föregående prognos ifyllda och låsta; enheten
    fyller i prognos och kommentar. En tidigare utskickad fil sparas i tidigare/.

    Exempel: generate utskick --period aug-2024
    """
    from generator.orgunits.commands import utskick as send

    start = time.perf_counter()
    results = send(_parent(ctx, "indata") or Path("inputs"),
                   _parent(ctx, "utdata") or Path("outputs"), period,
                   namnd or _parent(ctx, "namnd"), target, _progress)
    n_warn = 0
    for r in results:
        click.echo(f"{r.setup.namnd_key}: skrev {count(len(r.sent), 'arbetsbok', 'arbetsböcker')}"
                   f" i {r.folder}")
        for s in r.sent:
            email = f" <{s.unit.email}>" if s.unit.email else ""
            click.echo(f"  {s.path.name} till {s.unit.manager}{email} ({s.unit.label})")
        kept = [s.kept for s in r.sent if s.kept is not None]
        if kept:
            click.echo(f"  {count(len(kept), 'tidigare fil', 'tidigare filer')} sparades i "
                       f"{kept[0].parent}")
        for w in r.warnings:
            click.echo(f"  {w.render()}")
        n_warn += len(r.warnings)
    total = sum(len(r.sent) for r in results)
    click.echo(f"Klart: {count(total, 'arbetsbok', 'arbetsböcker')}, "
               f"{count(n_warn, 'varning', 'varningar')}, {seconds(time.perf_counter() - start)}."
               f" Skicka filerna till de ansvariga; samla in svaren med generate samla "
               f"--period {period.slug}{_folder_flags(ctx)}.")


@cli.command("samla", options_metavar="[FLAGGOR]")
@_folders
@click.argument("folder", required=False, metavar="[MAPP]",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--period", "period", callback=_period, required=True, metavar="MMM-ÅÅÅÅ",
              help=PERIOD_HELP)
@click.option("--namnd", metavar="NAMN", help=NAMND_HELP)
@click.option("--overfor-saknade", "carry", is_flag=True,
              help="För över föregående prognos för enheter som inte har svarat, i stället "
                   "för att stoppa.")
@click.help_option("-h", "--help", help="Visa denna hjälp och avsluta.")
@click.pass_context
def samla(ctx: click.Context, folder: Path | None, period: Period, namnd: str | None,
          carry: bool) -> None:
    """Samlar in enheternas ifyllda arbetsböcker till nämndens prognos.xlsx.

    Läser arbetsböckerna i MAPP (standard: indata/<nämnd>/<period>/svar), kontrollerar dem
    och summerar enheternas prognoser per verksamhetsrad. Kommentarer och texter hamnar på
    fliken Enheternas svar. Den tidigare prognos.xlsx sparas i tidigare/. En enhet som inte
    svarat stoppar körningen, om inte --overfor-saknade anges.

    Exempel: generate samla --period aug-2024
    """
    from generator.orgunits.commands import samla as collect

    start = time.perf_counter()
    results = collect(_parent(ctx, "indata") or Path("inputs"), period,
                      namnd or _parent(ctx, "namnd"), folder, carry, _progress)
    n_warn = n_answered = n_units = n_carried = 0
    for r in results:
        c = r.collected
        units = len(c.setup.units)
        click.echo(f"{c.setup.namnd_key}: {len(c.used)} av {units} enheter har svarat "
                   f"({count(r.files, 'arbetsbok', 'arbetsböcker')} i {r.folder}).")
        for unit in c.carried:
            click.echo(f"  Överförd föregående prognos: {unit.label} (ansvarig: "
                       f"{unit.contact})")
        done = "Oförändrad, samma innehåll som förut:" if r.unchanged else "Skrev"
        click.echo(f"{done} {r.written} ({count(r.changed, 'rad', 'rader')} från enheterna, "
                   "fliken Enheternas svar)")
        if r.kept is not None:
            click.echo(f"  Den tidigare sparades som {r.kept}")
        for label, before, now in r.moves:  # also what the economist had typed there
            click.echo(f"  Prognos helår för {label}: {before} → {now}")
        for w in r.warnings:
            click.echo(f"  {w.render()}")
        n_warn += len(r.warnings)
        n_answered += len(c.used)
        n_units += units
        n_carried += len(c.carried)
    click.echo(f"Klart: {n_answered} av {count(n_units, 'enhet', 'enheter')} har svarat, "
               f"{n_units - n_answered - n_carried} saknas, {n_carried} "
               f"{'överförd' if n_carried == 1 else 'överförda'}, "
               f"{count(n_warn, 'varning', 'varningar')}, {seconds(time.perf_counter() - start)}.")


@cli.command("senaste-period", options_metavar="[FLAGGOR]")
@_folders
@click.option("--namnd", metavar="NAMN", help=NAMND_HELP)
@click.help_option("-h", "--help", help="Visa denna hjälp och avsluta.")
@click.pass_context
def senaste_period(ctx: click.Context, namnd: str | None) -> None:
    """Skriver ut den senaste perioden under indata.

    Startfilerna generate.bat och generate.sh använder den när ingen period anges.
    """
    from generator.errors import InputNotFoundError
    from generator.locate import newest_period

    inputs = _parent(ctx, "indata") or Path("inputs")
    newest = newest_period(inputs, namnd or _parent(ctx, "namnd"))
    if newest is None:
        raise InputNotFoundError(
            f"Hittade ingen period under {inputs}. Förväntade mappar som "
            f"{inputs}/<nämnd>/aug-2024/ med arbetsböckerna.")
    click.echo(newest.slug)


def main() -> None:
    """Entry point: click in non-standalone mode so that every message can be Swedish."""
    try:
        code = cli.main(prog_name="generate", standalone_mode=False)
    except click.UsageError as exc:
        hint = f"Skriv '{exc.ctx.command_path} --help' för hjälp.\n" if exc.ctx else ""
        usage = exc.ctx.get_usage() + "\n" if exc.ctx else ""
        click.echo(f"{usage}{hint}Fel: {_swedish_usage(exc.format_message())}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Avbrutet.", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def entry() -> None:
    """The `generate` command: `main`, then an exit that skips the interpreter's teardown.

    Freeing the document trees and workbooks one object at a time takes about 0,1 s after
    the report is already written, and nobody waits for it. Every file the run writes is
    closed by then; output is flushed here. Tests call `main`, which exits normally.
    """
    try:
        main()
        code: int = 0
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
            code = 1
        else:
            code = exc.code or 0
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
