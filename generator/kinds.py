"""Report kinds: what a follow-up report of the year is made of.

A nämnd writes månadsrapporter, prognosrapporter, delårsrapporter and, at the end of the
year, the verksamhetsberättelse. Each kind has its own default template, title and footer,
its own workbooks, and either a full-year forecast or (the verksamhetsberättelse) the
year's outcome. Which kind a period gets is data: the calendar on the sheet Rapporter in
installningar.xlsx (Månad | Rapport), overridden for one run by `--rapport`; the sheet
Rapporttyper changes a kind's title, footer or template. Without a calendar every period is
a delårsrapport, as before there were kinds.

Light on purpose (no workbook or Word libraries): `--help`, `check` and the model import it.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ReportError
from generator.period import Period

INSTALLNINGAR = "installningar.xlsx"
UTFALL = "utfall.xlsx"
PROGNOS = "prognos.xlsx"
TEXTER = "texter.xlsx"
MAL = "mal.xlsx"
UPPDRAG = "uppdrag.xlsx"
VOLYMER = "volymer.xlsx"
INDIKATORER = "indikatorer.xlsx"
# The workbooks a kind may or may not read; the others (diagram.xlsx, tabeller.xlsx,
# mappning.xlsx) are optional for every kind.
GOVERNED = (INSTALLNINGAR, UTFALL, PROGNOS, TEXTER, MAL, UPPDRAG, VOLYMER, INDIKATORER)


# The economy tables (ids in tables.DEFAULT_SPECS) of a report with a forecast, and of one
# with the year's outcome instead.
FORECAST_TABLES = {"oversikt": "oversikt", "utfall": "utfall", "investeringar": "investeringar"}
YEAR_TABLES = {"oversikt": "arsoversikt", "utfall": "arsutfall",
               "investeringar": "arsinvesteringar"}


@dataclass(frozen=True)
class ReportKind:
    """One kind of report. `title` and `footer` take {dag}, {månad} and {år}."""

    key: str         # file names and --rapport: "verksamhetsberattelse"
    name: str        # as the calendar and the titles write it: "Verksamhetsberättelse"
    title: str
    footer: str
    forecast: bool   # a full-year forecast (prognos.xlsx); False: the year's outcome
    workbooks: tuple[str, ...]
    needs: str       # what the kind asks of the economist beyond the carried structure

    @property
    def template(self) -> str:
        """The default template's file name under templates/."""
        return f"{self.key}.docx"

    @property
    def lower(self) -> str:
        """ "verksamhetsberättelse", as in the middle of a sentence."""
        return self.name.lower()

    @property
    def tables(self) -> Mapping[str, str]:
        """The ids of its economy tables by role: a verksamhetsberättelse has its own."""
        return FORECAST_TABLES if self.forecast else YEAR_TABLES

    def reads(self, filename: str) -> bool:
        """Whether a report of this kind reads the workbook (the ungoverned ones: always)."""
        return filename not in GOVERNED or filename in self.workbooks


_CONTENT = (TEXTER, MAL, UPPDRAG, VOLYMER, INDIKATORER)

MANADSRAPPORT = ReportKind(
    "manadsrapport", "Månadsrapport", "Månadsrapport per {dag} {månad} {år}",
    "Månadsrapport {dag} {månad} {år}", True, (INSTALLNINGAR, UTFALL, PROGNOS, TEXTER),
    "utfall till och med månaden i utfall.xlsx, prognos för helåret i prognos.xlsx och en "
    "kommentar till ekonomin i texter.xlsx")
PROGNOSRAPPORT = ReportKind(
    "prognosrapport", "Prognosrapport", "Prognosrapport per {dag} {månad} {år}",
    "Prognosrapport {dag} {månad} {år}", True,
    (INSTALLNINGAR, UTFALL, PROGNOS, TEXTER, VOLYMER),
    "utfall i utfall.xlsx, prognos för helåret och investeringar i prognos.xlsx, volymtal "
    "och personal i volymer.xlsx och texterna i texter.xlsx")
DELARSRAPPORT = ReportKind(
    "delarsrapport", "Delårsrapport",
    "Delårsrapport per den {dag} {månad} med prognos för helår {år}",
    "Delårsrapport {dag} {månad} {år}", True, (INSTALLNINGAR, UTFALL, PROGNOS, *_CONTENT),
    "utfall, prognos, texter, målens bedömningar, uppdragens status, volymtal och "
    "indikatorer")
VERKSAMHETSBERATTELSE = ReportKind(
    "verksamhetsberattelse", "Verksamhetsberättelse", "Verksamhetsberättelse {år}",
    "Verksamhetsberättelse {år}", False, (INSTALLNINGAR, UTFALL, *_CONTENT),
    "årets utfall i utfall.xlsx (Redovisat perioden för januari–december, Budget perioden "
    "för helåret, föregående års utfall och Investeringsram per objekt), målens bedömningar "
    "för året, uppdragens status, volymtal och indikatorer; ingen prognos.xlsx")

KINDS = (MANADSRAPPORT, PROGNOSRAPPORT, DELARSRAPPORT, VERKSAMHETSBERATTELSE)
DEFAULT = DELARSRAPPORT
NAMES = tuple(k.name for k in KINDS)
KEYS = tuple(k.key for k in KINDS)


def _plain(text: str) -> str:
    table = str.maketrans("åäöÅÄÖ", "aaoAAO")
    return "".join(text.translate(table).casefold().split())


def find_kind(text: str | None) -> ReportKind | None:
    """A kind by its name or key, as typed: "Verksamhetsberättelse", "verksamhetsberattelse"."""
    wanted = _plain(text or "")
    return next((k for k in KINDS if wanted in (_plain(k.name), k.key)), None)


class KindError(ReportError):
    """`--rapport` names no kind of report, or the calendar has no report for the month.

    The message lists the kinds, or says where the calendar is and how to choose one.
    """


def parse_kind(text: str) -> ReportKind:
    """`--rapport`: a kind, or a Swedish message listing the kinds."""
    kind = find_kind(text)
    if kind is None:
        raise KindError(f'Rapporttypen "{text}" känns inte igen. Välj en av '
                        + ", ".join(KEYS) + ".")
    return kind


@dataclass(frozen=True)
class KindSettings:
    """A kind's own title, footer and template (sheet Rapporttyper); None: the default."""

    title: str | None = None
    footer: str | None = None
    template: Path | None = None


def choose(calendar_: Mapping[int, ReportKind], period: Period,
           requested: ReportKind | None = None) -> ReportKind | None:
    """The kind of the period's report: `--rapport`, else the calendar's; without a
    calendar a delårsrapport. None: the calendar has no report for the month."""
    if requested is not None:
        return requested
    if not calendar_:
        return DEFAULT
    return calendar_.get(period.month)


def fill(text: str, period: Period) -> str:
    """{dag}, {månad} and {år} → the period's last day, month and year."""
    last = calendar.monthrange(period.year, period.month)[1]
    return (text.replace("{dag}", str(last)).replace("{månad}", period.month_name)
            .replace("{år}", str(period.year)))


def titles(kind: ReportKind, period: Period, own: KindSettings | None = None,
           delarsrapport_title: str | None = None) -> tuple[str, str]:
    """(title, footer) of a report: the kind's own on Rapporttyper, else the setting
    Rapportens titel for a delårsrapport, else the kind's default; filled in."""
    title = (own.title if own and own.title else
             delarsrapport_title if kind is DELARSRAPPORT and delarsrapport_title else
             kind.title)
    footer = own.footer if own and own.footer else kind.footer
    return fill(title, period), fill(footer, period)


def report_name(kind: ReportKind, period: Period) -> str:
    """ "delårsrapport mars 2024": how a column header names an earlier report."""
    if not kind.forecast:
        return f"{kind.lower} {period.year}"
    return f"{kind.lower} {period.month_name} {period.year}"


def column_label(kind: ReportKind, period: Period) -> str:
    """ "Delårsrapport mars": a report as one column of the year's history."""
    return f"{kind.name} {period.month_name}"


SOFT_HYPHEN = "\u00ad"


def narrow_label(kind: ReportKind, period: Period) -> str:
    """`column_label` for a narrow column header: the compound may break as Delårs-|rapport
    (a soft hyphen, invisible unless the line breaks there), never inside a syllable."""
    name = kind.name
    for tail in ("rapport", "berättelse"):
        if name.endswith(tail) and len(name) > len(tail):
            name = f"{name[:-len(tail)]}{SOFT_HYPHEN}{tail}"
    return f"{name} {period.month_name}"


def template_path(kind: ReportKind, own: KindSettings | None, given: Path | None) -> Path:
    """`--mall` when given, else the kind's template on Rapporttyper, else the default."""
    from generator.locate import default_template

    if given is not None:
        return given
    if own is not None and own.template is not None:
        return own.template
    return default_template(kind.template)
