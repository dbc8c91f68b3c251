"""The input workbooks' layout: the single source of truth for reader and writer.

Each sheet has one header row (row 1) and one record per row below it. Columns are found by
their Swedish header, so their order in the sheet does not matter. Key-value sheets hold
settings as rows of `Inställning | Värde`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(Enum):
    TEXT = "text"
    NUMBER = "tal"
    CHOICE = "val"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind = Kind.TEXT
    required: bool = True
    choices: tuple[str, ...] = ()
    width: int = 16
    help: str = ""


@dataclass(frozen=True)
class Setting:
    """One row of a key-value sheet."""

    key: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = True
    choices: tuple[str, ...] = ()
    default: str | None = None
    help: str = ""


@dataclass(frozen=True)
class SheetSpec:
    name: str
    help: str
    columns: tuple[Column, ...] = ()
    settings: tuple[Setting, ...] = ()
    per_period: bool = True

    @property
    def is_key_value(self) -> bool:
        return bool(self.settings)


@dataclass(frozen=True)
class WorkbookSpec:
    filename: str
    title: str
    help: tuple[str, ...]
    sheets: tuple[SheetSpec, ...] = field(default_factory=tuple)

    def sheet(self, name: str) -> SheetSpec:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)


INSTRUCTIONS_SHEET = "Instruktioner"
PERIOD_CELL = "B1"
UNITS = ("kr", "tkr", "mnkr")
ROW_KINDS = ("Verksamhet", "Egen regi")
YES_NO = ("Ja", "Nej")

SETTINGS = WorkbookSpec(
    filename="installningar.xlsx",
    title="Inställningar för nämnden",
    help=(
        "Här anges det som gäller för nämnden hela året: namn, enheter och vilka "
        "verksamhetsrader driftsammandraget har.",
        "Fliken Nämnd: fyll i kolumnen Värde. Fliken Verksamheter: en rad per "
        "verksamhetsrad i den ordning raderna ska stå i rapporten.",
        "Radtyp Verksamhet summeras i Summa nettokostnader. Radtyp Egen regi (högst en rad) "
        "visas efter summan och läggs till i Summa inklusive egen regi.",
        "Kod får lämnas tom om nämnden inte använder verksamhetskoder; då är namnet nyckel "
        "och måste vara unikt.",
    ),
    sheets=(
        SheetSpec(
            name="Nämnd",
            help="En inställning per rad.",
            settings=(
                Setting("kommun", "Kommun"),
                Setting("namnd", "Nämnd"),
                Setting("input_unit", "Enhet i indata", Kind.CHOICE, choices=UNITS,
                        help="Den enhet beloppen i utfall och prognos är skrivna i."),
                Setting("report_unit", "Enhet i rapport", Kind.CHOICE, choices=UNITS,
                        help="Den enhet tabellerna i rapporten visar."),
                Setting("decimals", "Decimaler i rapport", Kind.NUMBER,
                        help="Antal decimaler i rapportens tabeller, till exempel 1 för mnkr."),
                Setting("sum_label", "Namn på summaraden", default="Summa nettokostnader"),
                Setting("sum_incl_label", "Namn på summaraden inklusive egen regi",
                        required=False, default="Summa nettokostnader inkl kommunal verks"),
                Setting("previous_report", "Namn på föregående rapport", required=False,
                        default="delårsrapport mars",
                        help="Används i rubriken för föregående prognosavvikelse."),
            ),
            per_period=False,
        ),
        SheetSpec(
            name="Verksamheter",
            help="En rad per verksamhetsrad i driftsammandraget.",
            columns=(
                Column("code", "Kod", required=False, width=8),
                Column("name", "Namn", width=44),
                Column("kind", "Radtyp", Kind.CHOICE, choices=ROW_KINDS, width=14),
            ),
            per_period=False,
        ),
    ),
)

_DRIFT_KEYS = (
    Column("code", "Kod", required=False, width=8),
    Column("name", "Verksamhet", width=44,
           help="Samma namn som på fliken Verksamheter i installningar.xlsx."),
)

UTFALL = WorkbookSpec(
    filename="utfall.xlsx",
    title="Utfall (redovisat) till och med perioden",
    help=(
        "Belopp från redovisningen till och med periodens sista dag, i den enhet som anges i "
        "installningar.xlsx (Enhet i indata). Kostnader positiva, intäkter negativa.",
        "Avvikelser och summor räknas ut av programmet: skriv dem inte här.",
        "Tal kan skrivas som tal eller som text i svensk form, till exempel 1 220,4 eller −75.",
    ),
    sheets=(
        SheetSpec(
            name="Drift",
            help="En rad per verksamhetsrad (även Egen regi).",
            columns=(
                *_DRIFT_KEYS,
                Column("actual", "Redovisat perioden", Kind.NUMBER),
                Column("budget", "Budget perioden", Kind.NUMBER),
                Column("previous", "Redovisat samma period föregående år", Kind.NUMBER,
                       width=22),
            ),
        ),
        SheetSpec(
            name="Investeringar",
            help="En rad per investeringsobjekt, samma objekt som i prognos.xlsx.",
            columns=(
                Column("name", "Objekt", width=36),
                Column("spend", "Utgifter", Kind.NUMBER),
                Column("income", "Inkomster", Kind.NUMBER,
                       help="Inkomster som positivt tal."),
            ),
        ),
    ),
)

PROGNOS = WorkbookSpec(
    filename="prognos.xlsx",
    title="Prognos för helåret",
    help=(
        "Prognos för helåret, helårsbudget och föregående års bokslut, i den enhet som anges i "
        "installningar.xlsx (Enhet i indata). Kostnader positiva, intäkter negativa.",
        "Avvikelser och summor räknas ut av programmet: skriv dem inte här.",
        "Fliken Varav delar upp summan inklusive egen regi i kostnader och intäkter; "
        "programmet varnar om de två inte blir summan.",
    ),
    sheets=(
        SheetSpec(
            name="Drift",
            help="En rad per verksamhetsrad (även Egen regi).",
            columns=(
                *_DRIFT_KEYS,
                Column("forecast", "Prognos helår", Kind.NUMBER),
                Column("budget", "Budget helår", Kind.NUMBER),
                Column("previous", "Bokslut föregående år", Kind.NUMBER),
            ),
        ),
        SheetSpec(
            name="Varav",
            help="Valfri uppdelning av totalen i kostnader och intäkter (intäkter negativa).",
            columns=(
                Column("name", "Rad", width=20),
                Column("forecast", "Prognos helår", Kind.NUMBER),
                Column("budget", "Budget helår", Kind.NUMBER),
                Column("previous", "Bokslut föregående år", Kind.NUMBER),
            ),
        ),
        SheetSpec(
            name="Investeringar",
            help="En rad per investeringsobjekt.",
            columns=(
                Column("name", "Objekt", width=36),
                Column("spend", "Prognos utgifter", Kind.NUMBER),
                Column("income", "Prognos inkomster", Kind.NUMBER,
                       help="Inkomster som positivt tal."),
                Column("frame", "Investeringsram", Kind.NUMBER),
            ),
        ),
        SheetSpec(
            name="Föregående prognos",
            help="Prognosavvikelsen i föregående rapport, till tabellen Ekonomi i korthet.",
            settings=(
                Setting("drift_deviation", "Avvikelse verksamhetens nettokostnader",
                        Kind.NUMBER),
                Setting("investment_deviation", "Avvikelse investeringar, netto", Kind.NUMBER),
            ),
        ),
    ),
)

ECONOMY_WORKBOOKS = (SETTINGS, UTFALL, PROGNOS)
