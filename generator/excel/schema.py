"""The input workbooks' layout: the single source of truth for reader and writer.

Each sheet has one header row (row 1) and one record per row below it. Columns are found by
their Swedish header, so their order in the sheet does not matter. Key-value sheets hold
settings as rows of `Inställning | Värde`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from generator.kinds import NAMES
from generator.model import (
    DEFAULT_ASSESSMENTS,
    OWN_ROW_KINDS,
    ROW_KINDS,
    VERBATIM_ROW_KINDS,
)
from generator.period import ABBR_SV, MONTHS_SV
from generator.tables import CONFIGURABLE, KIND_NAMES, TABLE_IDS, UNIT_FACTORS


def name_key(text: object) -> str:
    """How sheet names, headers, settings and choices are matched: case and runs of spaces
    (no-break spaces too) do not matter. Reading and `generate init` must agree on it."""
    return " ".join(str(text or "").replace("\u00a0", " ").split()).casefold()


class Kind(Enum):
    TEXT = "text"
    NUMBER = "tal"
    CHOICE = "val"
    CELL = "cell"  # shown verbatim: text as typed, a number in Swedish style


class Carry(Enum):
    """What `generate init` does with a column (or setting) of a per-period sheet.

    Sheets with `per_period=False` are copied whole; these flags only matter per period.
    """

    KEEP = "behåll"   # structure: row keys, names, groups, indicator names
    CLEAR = "töm"     # this period's figures, judgements and statuses
    DRAFT = "utkast"  # last period's free text, kept behind DRAFT_MARKER (or emptied)
    SHIFT = "flytta"  # kept, with years and month names moved to the new period
    YEAR = "året"     # the year's own figures (Budget helår, ram, bokslut): kept within the
                      # year, cleared when the new period is in another year


DRAFT_MARKER = "UTKAST:"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind = Kind.TEXT
    required: bool = True
    choices: tuple[str, ...] = ()
    width: int = 16
    help: str = ""
    aliases: tuple[tuple[str, str], ...] = ()  # (also accepted, meaning) for choices
    carry: Carry = Carry.KEEP
    suggestions: tuple[str, ...] = ()  # offered in a dropdown, but any value is accepted
    number_format: str | None = None  # a NUMBER column's own Excel format (a count, kronor)


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
    carry: Carry = Carry.KEEP


@dataclass(frozen=True)
class SheetSpec:
    name: str
    help: str
    columns: tuple[Column, ...] = ()
    settings: tuple[Setting, ...] = ()
    per_period: bool = True
    extra_columns: str | None = None  # key under which unlisted columns are read, in order
    raw_extras: bool = False  # unlisted columns kept raw in `Record.extras`, judged later
    optional: bool = False    # the sheet may be left out of the workbook
    extras_first: bool = False  # unlisted columns stand first (mal.xlsx's goal levels)
    # What `generate init` does with unlisted columns' values: None clears them except in a
    # column headed by a completed year (indicators); KEEP keeps them (goal names).
    extras_carry: Carry | None = None
    # Written by a command for people to read (utfall.xlsx › Avstämning from generate
    # importera, prognos.xlsx › Enheternas svar from generate samla): the report never reads
    # it, so it is no "unused sheet"; it is not written empty and `generate init` does not
    # carry it.
    output_only: bool = False

    @property
    def is_key_value(self) -> bool:
        return bool(self.settings)


@dataclass(frozen=True)
class WorkbookSpec:
    filename: str
    title: str
    help: tuple[str, ...]
    sheets: tuple[SheetSpec, ...] = field(default_factory=tuple)
    # A workbook only some nämnder have (tabeller.xlsx, mappning.xlsx, enheter.xlsx):
    # `generate init` carries it only when the old period has it, and writes none otherwise.
    optional: bool = False
    # `generate init` copies it as it is, with only the period changed (tabeller.xlsx, whose
    # sheets are the nämnd's own), instead of carrying it sheet by sheet.
    copied_by_init: bool = False
    # The title without the forecast `title` speaks of: mal.xlsx holds the delårsrapport's
    # "Målredovisning med prognos" but the verksamhetsberättelse's plain "Målredovisning".
    title_without_forecast: str | None = None

    def for_kind_without_forecast(self) -> WorkbookSpec:
        """As a report without a forecast has it: headed `title_without_forecast`."""
        if not self.title_without_forecast:
            return self
        return replace(self, title=self.title_without_forecast)

    def purpose(self, forecast: bool) -> str:
        """What the workbook holds, mid-sentence, in a report with or without a forecast:
        a message must not promise a verksamhetsberättelse a forecast."""
        title = self.title if forecast else self.title_without_forecast or self.title
        return title[:1].lower() + title[1:]

    def sheet(self, name: str) -> SheetSpec:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)


INSTRUCTIONS_SHEET = "Instruktioner"
PERIOD_CELL = "B1"
UNITS = tuple(UNIT_FACTORS)
YES_NO = ("Ja", "Nej")
COST_SIGNS = ("positiva", "negativa")

SETTINGS = WorkbookSpec(
    filename="installningar.xlsx",
    title="Inställningar för nämnden",
    help=(
        "Här anges det som gäller för nämnden hela året: namn, enheter och vilka "
        "verksamhetsrader driftsammandraget har.",
        "Fliken Nämnd: fyll i kolumnen Värde. Fliken Verksamheter: en rad per "
        "verksamhetsrad i den ordning raderna ska stå i rapporten.",
        "Radtyp Verksamhet summeras i Summa nettokostnader. Radtyp Egen regi visas efter "
        "summan och läggs till i Summa inklusive egen regi. Delrad visas indragen under raden "
        "ovanför och summeras som den. Varav visas indragen och kursiv under raden ovanför och "
        "summeras inte (den är en del av raden ovanför). Rubrik är en rubrikrad utan belopp.",
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
                Setting("revenue_negative", "Intäkter med minustecken i indata", Kind.CHOICE,
                        required=False, choices=YES_NO, default="Ja",
                        help=("Ja: kostnader positiva och intäkter negativa, som i rapporten. "
                              "Nej: intäkter positiva och kostnader negativa, som många "
                              "ekonomisystem exporterar; programmet vänder då tecknet på "
                              "driftbeloppen (Drift och Varav) när det läser. Rapporten visar "
                              "alltid kostnader positiva och intäkter negativa.")),
                Setting("costs_shown", "Kostnader visas som", Kind.CHOICE, required=False,
                        choices=COST_SIGNS, default="positiva",
                        help=("Hur rapportens tabeller visar nettokostnader: positiva (som "
                              "Linköping) eller negativa (intäkter visas då positiva). "
                              "Avvikelser är alltid positiva när utfallet är bättre än "
                              "budget. Påverkar bara visningen, inte hur indata skrivs.")),
                Setting("title", "Rapportens titel", required=False,
                        help=("Delårsrapportens titel, som står på titelsidan och i "
                              "dokumentets egenskaper. {dag}, {månad} och {år} blir "
                              "periodens sista dag, månad och år. Tomt: Delårsrapport per "
                              "den {dag} {månad} med prognos för helår {år}. Andra "
                              "rapporttypers titlar står på fliken Rapporttyper.")),
                Setting("logo", "Logotyp", required=False,
                        help=("Valfri: filnamnet på kommunens logotyp (PNG eller JPEG) som ska "
                              "stå på titelsidan, till exempel logotyp.png. Lägg filen i "
                              "nämndens mapp under inputs (eller i periodens mapp).")),
                Setting("decision_date", "Beslutsdatum", required=False, carry=Carry.CLEAR,
                        help=("Valfritt: dagen nämnden behandlar rapporten, till exempel "
                              "2024-09-26; står på titelsidan.")),
                Setting("diarienummer", "Diarienummer", required=False, carry=Carry.CLEAR,
                        help="Valfritt: ärendets diarienummer; står på titelsidan."),
                Setting("ram", "Beslutad ram", Kind.NUMBER, required=False,
                        help=("Valfri: nämndens budgetram för året enligt beslut, i Enhet i "
                              "indata. Programmet varnar om Budget helår för raderna "
                              "tillsammans inte blir ramen.")),
                Setting("sum_label", "Namn på summaraden", default="Summa nettokostnader"),
                Setting("sum_incl_label", "Namn på summaraden inklusive egen regi",
                        required=False, default="Summa nettokostnader inkl kommunal verks"),
                Setting("previous_report", "Namn på föregående rapport", required=False,
                        default="delårsrapport mars {år}",
                        help="Används i rubriken för föregående prognosavvikelse när "
                             "föregående rapport inte har någon mapp under inputs (finns "
                             "mappen heter rapporten som där). Skriv {år} där rapportens år "
                             "ska stå, eller ett årtal (bokslut 2024); utan årtal läggs "
                             "rapportens år till."),
                Setting("area_label", "Benämning målområde", required=False,
                        default="Målområde", help="Den översta nivån i målhierarkin."),
                Setting("goal_label", "Benämning mål", required=False, default="Nämndmål",
                        help="Nivån som bedöms, till exempel Nämndmål."),
                Setting("assessment_label", "Text före bedömning", required=False,
                        default="Nämndmålet bedöms",
                        help='Står före bedömningen: "Nämndmålet bedöms: Uppfyllt".'),
                Setting("top_goal_label", "Benämning kommunövergripande mål", required=False,
                        default="Kommunövergripande mål",
                        help="Står före målet ovanför varje indikatortabell."),
                Setting("goal_levels", "Målnivåer", required=False,
                        help=("Målhierarkins nivåer uppifrån, en till tre, åtskilda med "
                              "semikolon, till exempel Strategiskt område; Strategiskt mål; "
                              "Nämndmål. mal.xlsx har en kolumn per nivå med samma rubrik. "
                              "Tomt: Benämning målområde; Benämning mål.")),
                Setting("assess_goals", "Målen bedöms", Kind.CHOICE, required=False,
                        choices=YES_NO, default="Ja",
                        help=("Ja: varje mål på den lägsta nivån har en bedömning (fliken "
                              "Bedömningar anger skalan). Nej: inga bedömningar, till exempel "
                              "i en plan.")),
                Setting("number_assignments", "Numrera uppdrag", Kind.CHOICE, required=False,
                        choices=YES_NO, default="Ja",
                        help=("Ja: uppdragen numreras 1, 2, 3 … inom varje grupp när "
                              "uppdrag.xlsx inte har kolumnen Nummer. Nej: inga nummer.")),
            ),
            per_period=True,  # carried setting by setting: a decision date is cleared
        ),
        SheetSpec(
            name="Verksamheter",
            help="En rad per verksamhetsrad i driftsammandraget.",
            columns=(
                Column("code", "Kod", required=False, width=8),
                Column("name", "Namn", width=44),
                Column("kind", "Radtyp", Kind.CHOICE, choices=ROW_KINDS, width=14),
                Column("part_of", "Ingår i", required=False, width=30,
                       help=("Valfri: koden (eller namnet) på raden som den här raden är en "
                             "del av, till exempel en enhet i egen regi som ingår i Resultat "
                             "nämndens enheter. Den raden räknas då ut som summan av sina "
                             "delar och har inga egna belopp i utfall.xlsx och prognos.xlsx.")),
                Column("shown", "Visas", Kind.CHOICE, required=False, choices=YES_NO,
                       width=8, help=("Valfri, bara för en rad med Ingår i: Nej visar den inte "
                                      "i tabellen, men texterna kan citera dess belopp.")),
                Column("groups", "Grupper", required=False, width=24,
                       help=("Valfri: grupper som raden hör till, åtskilda med semikolon, till "
                             "exempel LSS. Texterna kan citera gruppens summa: "
                             "{utfall.grupp.lss.avvikelse}.")),
            ),
            per_period=False,
        ),
        SheetSpec(
            name="Bedömningar",
            help=("Valfri: skalan för målens bedömning, en rad per värde i den ordning de "
                  "ska stå. Utan fliken gäller Uppfyllt, Delvis uppfyllt, Ej uppfyllt och "
                  "Ej bedömt."),
            columns=(
                Column("name", "Bedömning", width=20),
                Column("symbol", "Symbol", required=False, width=10,
                       help=("Visas före bedömningen, så att den inte bara syns genom färg, "
                             "till exempel ● ◐ ○ –.")),
                Column("color", "Färg", required=False, width=12,
                       help="Valfri färg på symbolen som hexkod, till exempel 2E7D32."),
            ),
            per_period=False,
            optional=True,
        ),
        SheetSpec(
            name="Tabeller",
            help=("Valfri: enhet, decimaler och första kolumnens rubrik för en enskild tabell. "
                  "En tabell som inte står här följer fliken Nämnd."),
            columns=(
                Column("table", "Tabell", Kind.CHOICE, choices=TABLE_IDS, width=16,
                       help="Tabellens namn: " + ", ".join(TABLE_IDS) + "."),
                Column("unit", "Enhet", Kind.CHOICE, required=False, choices=UNITS, width=10),
                Column("decimals", "Decimaler", Kind.NUMBER, required=False, width=11),
                Column("label_header", "Första kolumnens rubrik", required=False, width=30),
                Column("label_width", "Första kolumnens bredd (cm)", Kind.NUMBER,
                       required=False, width=14),
            ),
            per_period=False,
            optional=True,
        ),
        SheetSpec(
            name="Kolumner",
            help=("Valfri: tabellernas kolumner, en rad per kolumn i den ordning de ska stå. "
                  "Har en tabell rader här visas precis de kolumnerna; annars standardkolumnerna."),
            columns=(
                Column("table", "Tabell", Kind.CHOICE, choices=CONFIGURABLE, width=14,
                       help="Tabellen kolumnen hör till: " + ", ".join(CONFIGURABLE) + "."),
                Column("key", "Kolumn", width=16,
                       help=("Kolumnens namn, som andra kolumners Värde och talnamnen i "
                             "texterna använder, till exempel avvikelse.")),
                Column("header", "Rubrik", required=False, width=34,
                       help=("Kolumnrubriken i rapporten. {period.span}, {period.year}, "
                             "{period.previous_year} och {previous_report} fylls i.")),
                Column("kind", "Typ", Kind.CHOICE, choices=KIND_NAMES, width=11,
                       help=("belopp: i tabellens enhet, med nämndens tecken för kostnader. "
                             "avvikelse: belopp där positivt är bättre än budget. procent, "
                             "antal: tal som inte räknas om. text: visas som det står.")),
                Column("value", "Värde", required=False, width=34,
                       help=("Vad kolumnen visar: ett namn (redovisat, budget, foregaende; "
                             "prognos, bokslut; en egen kolumn i arbetsboken, till exempel "
                             "kommentar) eller en uträkning som budget - redovisat. Tomt: "
                             "samma som Kolumn.")),
                Column("width", "Bredd (cm)", Kind.NUMBER, required=False, width=10),
                Column("group", "Grupprubrik", required=False, width=24,
                       help="Gemensam rubrik ovanför intilliggande kolumner med samma text."),
                Column("decimals", "Decimaler", Kind.NUMBER, required=False, width=10),
            ),
            per_period=False,
            optional=True,
        ),
        SheetSpec(
            name="Rapporter",
            help=("Valfri: årets kalender, en rad per månad som har en rapport, med "
                  "rapporttypen. Utan rader är varje period en delårsrapport. generate "
                  "--rapport väljer en annan typ för en körning."),
            columns=(
                Column("month", "Månad", Kind.CHOICE, choices=MONTHS_SV, width=14,
                       aliases=tuple(zip(ABBR_SV, MONTHS_SV, strict=True))),
                Column("kind", "Rapport", Kind.CHOICE, choices=NAMES, width=24,
                       help=("Månadsrapport (ekonomin och en kommentar), Prognosrapport, "
                             "Delårsrapport eller Verksamhetsberättelse (årets utfall, "
                             "ingen prognos).")),
            ),
            per_period=False,
            optional=True,
        ),
        SheetSpec(
            name="Rapporttyper",
            help=("Valfri: en rapporttyps egen titel, sidfot och Word-mall. Tomt: "
                  "programmets."),
            columns=(
                Column("kind", "Rapport", Kind.CHOICE, choices=NAMES, width=24),
                Column("title", "Titel", required=False, width=50,
                       help=("Titeln på titelsidan; {dag}, {månad} och {år} fylls i, till "
                             "exempel Månadsrapport per {dag} {månad} {år}.")),
                Column("footer", "Sidfot", required=False, width=36,
                       help="Rapportens namn i sidfoten, till exempel Månadsrapport {månad}."),
                Column("template", "Mall", required=False, width=30,
                       help=("Filnamnet på en egen Word-mall (.docx) för rapporttypen, i "
                             "nämndens mapp under inputs eller i periodens mapp.")),
            ),
            per_period=False,
            optional=True,
        ),
    ),
)

_DRIFT_KEYS = (
    Column("code", "Kod", required=False, width=8),
    Column("name", "Verksamhet", width=44,
           help="Samma namn som på fliken Verksamheter i installningar.xlsx."),
)

_KR = "i kronor med öre, med ekonomisystemets tecken (kostnader positiva, intäkter negativa)"

KRONOR_FORMAT = "#,##0.00"  # kronor and öre, as the ledger has them

AVSTAMNING = SheetSpec(
    name="Avstämning",
    help=("Skrivs av generate importera och läses inte av generate: huvudbokens belopp för "
          f"nämnden {_KR}, per rapportrad, undantaget, omappat, per fil och per månad. "
          "Kontrollraden ska vara 0."),
    columns=(
        Column("section", "Avsnitt", width=18),
        Column("item", "Post", width=48),
        Column("actual", "Redovisat perioden", Kind.NUMBER, required=False, width=18,
               number_format=KRONOR_FORMAT),
        Column("budget", "Budget perioden", Kind.NUMBER, required=False, width=18,
               number_format=KRONOR_FORMAT),
        Column("previous", "Redovisat samma period föregående år", Kind.NUMBER,
               required=False, width=22, number_format=KRONOR_FORMAT),
        Column("budget_year", "Budget helår", Kind.NUMBER, required=False, width=18,
               number_format=KRONOR_FORMAT),
        Column("previous_year", "Redovisat helår föregående år", Kind.NUMBER,
               required=False, width=20, number_format=KRONOR_FORMAT),
        Column("rows", "Rader", Kind.NUMBER, required=False, width=10,
               number_format="#,##0"),
    ),
    output_only=True,
)

UTFALL = WorkbookSpec(
    filename="utfall.xlsx",
    title="Utfall (redovisat) till och med perioden",
    help=(
        "Belopp från redovisningen till och med periodens sista dag, i den enhet som anges i "
        "installningar.xlsx (Enhet i indata). Kostnader positiva, intäkter negativa (eller "
        "tvärtom om Intäkter med minustecken i indata är Nej i installningar.xlsx).",
        "Avvikelser och summor räknas ut av programmet: skriv dem inte här.",
        "Tal kan skrivas som tal eller som text i svensk form, till exempel 1 220,4 eller −75. "
        "Text som 61.700 godtas inte, eftersom punkten kan betyda både tusental och decimaler.",
    ),
    sheets=(
        SheetSpec(
            name="Drift",
            help=("En rad per verksamhetsrad (även Egen regi, Delrad och Varav; inte Rubrik). "
                  "Egna kolumner, till exempel Kommentar, visas i driftsammandraget för "
                  "resultat när de står på fliken Kolumner i installningar.xlsx."),
            columns=(
                *_DRIFT_KEYS,
                Column("actual", "Redovisat perioden", Kind.NUMBER, carry=Carry.CLEAR),
                Column("budget", "Budget perioden", Kind.NUMBER, carry=Carry.CLEAR),
                Column("previous", "Redovisat samma period föregående år", Kind.NUMBER,
                       width=22, carry=Carry.CLEAR),
            ),
            raw_extras=True,
            extra_columns="extra",
            extras_carry=Carry.CLEAR,
        ),
        SheetSpec(
            name="Investeringar",
            help="En rad per investeringsobjekt, samma objekt som i prognos.xlsx.",
            raw_extras=True,
            extra_columns="extra",
            extras_carry=Carry.CLEAR,
            columns=(
                Column("name", "Objekt", width=36),
                Column("spend", "Utgifter", Kind.NUMBER, carry=Carry.CLEAR),
                Column("income", "Inkomster", Kind.NUMBER, carry=Carry.CLEAR,
                       help="Inkomster som positivt tal."),
            ),
        ),
        AVSTAMNING,
    ),
)

# A verksamhetsberättelse has no prognos.xlsx: its utfall.xlsx holds the whole year, and
# each investment's ram, which the forecast kinds read from prognos.xlsx.
UTFALL_HELAR = WorkbookSpec(
    filename=UTFALL.filename,
    title="Utfall för året (verksamhetsberättelse)",
    help=(
        "Årets utfall enligt bokslutet, i den enhet som anges i installningar.xlsx (Enhet i "
        "indata): Redovisat perioden är utfallet januari–december, Budget perioden årets "
        "budget och Redovisat samma period föregående år föregående års utfall. Kostnader "
        "positiva, intäkter negativa (eller tvärtom om Intäkter med minustecken i indata är "
        "Nej i installningar.xlsx).",
        *UTFALL.help[1:],
    ),
    sheets=(
        UTFALL.sheet("Drift"),
        SheetSpec(
            name="Investeringar",
            help="En rad per investeringsobjekt, med årets utfall och ram.",
            raw_extras=True,
            extra_columns="extra",
            extras_carry=Carry.CLEAR,
            columns=(
                *UTFALL.sheet("Investeringar").columns,
                Column("frame", "Investeringsram", Kind.NUMBER, carry=Carry.YEAR,
                       help="Objektets ram för året."),
            ),
        ),
        AVSTAMNING,
    ),
)

PROGNOS = WorkbookSpec(
    filename="prognos.xlsx",
    title="Prognos för helåret",
    help=(
        "Prognos för helåret, helårsbudget och föregående års bokslut, i den enhet som anges i "
        "installningar.xlsx (Enhet i indata). Kostnader positiva, intäkter negativa (eller "
        "tvärtom om Intäkter med minustecken i indata är Nej i installningar.xlsx).",
        "Avvikelser och summor räknas ut av programmet: skriv dem inte här.",
        "Fliken Varav delar upp summan inklusive egen regi i kostnader och intäkter; "
        "programmet varnar om de två inte blir summan.",
    ),
    sheets=(
        SheetSpec(
            name="Drift",
            help=("En rad per verksamhetsrad (även Egen regi, Delrad och Varav; inte Rubrik). "
                  "Egna kolumner, till exempel Kommentar, visas i driftsammandraget för "
                  "prognos när de står på fliken Kolumner i installningar.xlsx."),
            raw_extras=True,
            extra_columns="extra",
            extras_carry=Carry.CLEAR,
            columns=(
                *_DRIFT_KEYS,
                Column("forecast", "Prognos helår", Kind.NUMBER, carry=Carry.CLEAR),
                Column("budget", "Budget helår", Kind.NUMBER, carry=Carry.YEAR),
                Column("previous", "Bokslut föregående år", Kind.NUMBER, carry=Carry.YEAR),
            ),
        ),
        SheetSpec(
            name="Varav",
            help="Valfri uppdelning av totalen i kostnader och intäkter (intäkter negativa).",
            raw_extras=True,
            extra_columns="extra",
            extras_carry=Carry.CLEAR,
            columns=(
                Column("name", "Rad", width=20),
                Column("forecast", "Prognos helår", Kind.NUMBER, carry=Carry.CLEAR),
                Column("budget", "Budget helår", Kind.NUMBER, carry=Carry.YEAR),
                Column("previous", "Bokslut föregående år", Kind.NUMBER, carry=Carry.YEAR),
            ),
        ),
        SheetSpec(
            name="Investeringar",
            help="En rad per investeringsobjekt.",
            raw_extras=True,
            extra_columns="extra",
            extras_carry=Carry.CLEAR,
            columns=(
                Column("name", "Objekt", width=36),
                Column("spend", "Prognos utgifter", Kind.NUMBER, carry=Carry.CLEAR),
                Column("income", "Prognos inkomster", Kind.NUMBER, carry=Carry.CLEAR,
                       help="Inkomster som positivt tal."),
                Column("frame", "Investeringsram", Kind.NUMBER, carry=Carry.YEAR),
            ),
        ),
        SheetSpec(
            name="Föregående prognos",
            help=("Prognosavvikelsen i föregående rapport, till tabellen Ekonomi i korthet. "
                  "Fylls bara i när föregående rapport saknar mapp under inputs; finns "
                  "mappen läses avvikelsen därifrån."),
            settings=(
                Setting("drift_deviation", "Avvikelse verksamhetens nettokostnader",
                        Kind.NUMBER, required=False, carry=Carry.CLEAR,
                        help="Positiv när prognosen var bättre än budget, oavsett teckenregel."),
                Setting("investment_deviation", "Avvikelse investeringar, netto", Kind.NUMBER,
                        required=False, carry=Carry.CLEAR),
            ),
        ),
        SheetSpec(
            name="Enheternas svar",
            help=("Skrivs av generate samla: enheternas prognoser, kommentarer och texter, "
                  "en rad per enhet och rad, att citera i rapportens texter. Rapporten läser "
                  "inte fliken, och ändringar här skrivs över nästa gång svaren samlas in."),
            columns=(
                Column("unit_id", "Id", width=10),
                Column("unit", "Enhet", width=30),
                Column("manager", "Ansvarig", required=False, width=22),
                Column("code", "Kod", required=False, width=8),
                Column("subject", "Avser", width=40,
                       help="Verksamhetsraden, Analys eller nämndmålet som svaret gäller."),
                Column("forecast", "Prognos helår", Kind.NUMBER, required=False,
                       carry=Carry.CLEAR),
                Column("budget", "Budget helår", Kind.NUMBER, required=False,
                       carry=Carry.CLEAR),
                Column("assessment", "Bedömning", required=False, width=16, carry=Carry.CLEAR),
                Column("comment", "Kommentar", required=False, width=80, carry=Carry.CLEAR),
                Column("source", "Källa", required=False, width=40, carry=Carry.CLEAR,
                       help=("Filen svaret kom från, eller att enhetens föregående prognos "
                             "fördes över när den inte svarade.")),
            ),
            optional=True,
            output_only=True,
        ),
    ),
)

ASSESSMENTS = tuple(a.name for a in DEFAULT_ASSESSMENTS)
STATUSES = ("Pågår", "Klar", "Ej klar", "Ej påbörjad", "N/A")
STATUS_ALIASES = (("Klart", "Klar"), ("Ej klart", "Ej klar"), ("Ej påbörjat", "Ej påbörjad"))
MARKUP_HELP = (
    "Fri text: en tom rad mellan stycken. En rad som börjar med \"- \" blir en punkt i en "
    "punktlista. **fet text** blir fet, *kursiv text* kursiv. En fotnot skrivs direkt efter "
    "ordet: LVM^[Lagen om vård av missbrukare i vissa fall]. Ett diagram placeras med en egen "
    "rad [diagram C1].",
    "En rad som börjar med ✓ blir en punkt i en checklista, till exempel efter en inledning "
    "som Målet nås genom att:.",
    "Tal ur tabellerna skrivs med namn inom klammer, till exempel {resultat.avvikelse} eller "
    "{utfall.569.avvikelse}; rapporten visar då det uträknade talet (-53,2). {namn:0} visar "
    "utan decimaler, {namn:+} med plustecken. Kommandot generate talnamn --period aug-2024 "
    "listar alla namn med sina värden.",
)

DRAFT_HELP = (
    f"En text som börjar med {DRAFT_MARKER} är förra periodens text, kopierad av generate init "
    f"som utkast. Skriv om den och ta bort {DRAFT_MARKER} i början; så länge det står kvar "
    "varnar generate check och generate."
)

TEXTER = WorkbookSpec(
    filename="texter.xlsx",
    title="Texter till rapportens avsnitt",
    help=(
        "En rad per avsnitt. Kolumnen Avsnitt är nyckeln som mallen använder och ska inte "
        "ändras; Rubrik är bara en påminnelse om var texten hamnar.",
        *MARKUP_HELP,
        DRAFT_HELP,
    ),
    sheets=(
        SheetSpec(
            name="Texter",
            help="En rad per avsnitt i rapporten.",
            columns=(
                Column("key", "Avsnitt", width=26),
                Column("title", "Rubrik", required=False, width=34),
                Column("text", "Text", required=False, width=120, carry=Carry.DRAFT),
            ),
        ),
    ),
)

MAL = WorkbookSpec(
    filename="mal.xlsx",
    title="Målredovisning med prognos",
    title_without_forecast="Målredovisning",
    help=(
        "En rad per mål, i den ordning de ska stå. Kolumnerna längst till vänster är "
        "målhierarkins nivåer, med samma rubriker som Målnivåer i installningar.xlsx (till "
        "exempel Målområde och Nämndmål). En rad beskriver målet på den lägsta nivå som är "
        "ifylld; nivåerna ovanför upprepas på varje rad och rader med samma namn där hamnar "
        "under samma rubrik. Ett mål utan mål under sig visas ändå.",
        "Bedömning: ett av värdena på fliken Bedömningar i installningar.xlsx (utan den fliken "
        "Uppfyllt, Delvis uppfyllt, Ej uppfyllt eller Ej bedömt). Krävs för målen på den lägsta "
        "nivån när Målen bedöms är Ja.",
        "Nummer och Märkning är valfria: Strategiskt mål 3: Namn (GEH-mål).",
        *MARKUP_HELP,
        DRAFT_HELP,
    ),
    sheets=(
        SheetSpec(
            name="Mål",
            help="En rad per mål.",
            columns=(
                Column("number", "Nummer", required=False, width=8,
                       help="Valfritt: målets nummer, till exempel 3 eller 1.2."),
                Column("mark", "Märkning", required=False, width=12,
                       help="Valfri: en märkning som visas efter namnet, till exempel GEH-mål."),
                Column("intro", "Inledning", required=False, width=50, carry=Carry.DRAFT,
                       help="Valfri inledande mening, till exempel Målet nås för 2024 genom att:"),
                Column("text", "Redovisning", required=False, width=90, carry=Carry.DRAFT,
                       help=("Punkterna, en per rad som börjar med \"- \" (eller ✓ för en "
                             "checklista).")),
                Column("assessment", "Bedömning", required=False, width=16, carry=Carry.CLEAR,
                       suggestions=ASSESSMENTS),
            ),
            extra_columns="levels",
            extras_first=True,
            extras_carry=Carry.KEEP,
        ),
    ),
)

UPPDRAG = WorkbookSpec(
    filename="uppdrag.xlsx",
    title="Strategiska utvecklingsuppdrag",
    help=(
        "En rad per uppdrag. Grupp är tabellens rubrik (till exempel Kommungemensamma eller "
        "Nämndspecifika), precis som den skrivs. Uppdragen numreras 1, 2, 3 … inom varje grupp "
        "av programmet, om inte kolumnen Nummer används (eller Numrera uppdrag är Nej i "
        "installningar.xlsx).",
        "Status väljs i listan: Pågår, Klar, Ej klar, Ej påbörjad eller N/A. Kolumnen är "
        "valfri; utan den (eller om den är tom) får tabellen ingen statuskolumn.",
    ),
    sheets=(
        SheetSpec(
            name="Uppdrag",
            help="En rad per uppdrag.",
            columns=(
                Column("group", "Grupp", width=18),
                Column("number", "Nummer", required=False, width=8,
                       help="Valfritt: uppdragets nummer som det ska stå, till exempel 12."),
                Column("text", "Uppdrag", width=90),
                Column("note", "Notering", required=False, width=40,
                       help="Visas kursivt under uppdraget."),
                Column("status", "Status", Kind.CHOICE, required=False, choices=STATUSES,
                       width=12, aliases=STATUS_ALIASES, carry=Carry.CLEAR),
            ),
        ),
    ),
)

# Suggested, not enforced: the reference also has "Samma eller lägre än R9-snitt", "4", "100%".
DIRECTIONS = ("Öka", "Minska", "Bibehålla")

_CELL_HELP = ("Cellerna visas precis som de är skrivna, till exempel 3926 (45 % flickor). "
              "Skrivs ett tal visas det i svensk form (1 473, 7,2).")

_ROW_KIND_HELP = ("Valfri: Rad (standard), Delrad (indragen under raden ovanför, till exempel "
                  "kvinnor och män) eller Rubrik (en rubrikrad över hela tabellen).")

VOLYMER = WorkbookSpec(
    filename="volymer.xlsx",
    title="Volymtal och personal",
    help=(_CELL_HELP,
          "Kolumnerna efter Fotnot (på fliken Personal efter Radtyp) är tabellens "
          "värdekolumner: deras rubriker, till exempel Augusti 2023, Augusti 2024, Prognos 2024, "
          "blir tabellens rubriker, i samma ordning. Lägg till eller ta bort kolumner efter "
          "behov; generate init flyttar fram årtal och månader i rubrikerna.",
          "Fotnot: källa eller definition, visas som fotnot till raden."),
    sheets=(
        SheetSpec(
            name="Volymer",
            help="En rad per volymmått.",
            columns=(
                Column("name", "Basuppdrag", width=50),
                Column("kind", "Radtyp", Kind.CHOICE, required=False,
                       choices=VERBATIM_ROW_KINDS, width=10, help=_ROW_KIND_HELP),
                Column("footnote", "Fotnot", required=False, width=40),
            ),
            extra_columns="values",
        ),
        SheetSpec(
            name="Personal",
            help="En rad per personalmått.",
            columns=(
                Column("name", "Personal", width=36),
                Column("kind", "Radtyp", Kind.CHOICE, required=False,
                       choices=VERBATIM_ROW_KINDS, width=10, help=_ROW_KIND_HELP),
            ),
            extra_columns="values",
        ),
    ),
)

INDIKATORER = WorkbookSpec(
    filename="indikatorer.xlsx",
    title="Nämndindikatorer",
    help=(
        "En rad per indikator (och en rad för Män respektive Kvinnor under den). Rader med "
        "samma kommunövergripande mål blir en tabell; nämndmålet visas på gruppens första rad.",
        "Kolumnerna mellan Fotnot och Önskad riktning är värdekolumnerna: deras rubriker "
        "(till exempel 2022, 2023, 2024) blir tabellens rubriker. Lägg till eller ta bort "
        "kolumner efter behov. Varje tabell visar de värdekolumner som har något värde på "
        "tabellens rader, så tabeller för olika mål kan ha olika kolumner. Önskad riktning "
        "och Nämndmål visas bara när de är ifyllda.",
        "Fliken Kolumnrubriker ändrar en kolumns rubrik i en enskild tabell, till exempel "
        "2024 tom augusti.",
        _CELL_HELP,
    ),
    sheets=(
        SheetSpec(
            name="Indikatorer",
            help="En rad per indikator.",
            columns=(
                Column("area", "Målområde", width=14),
                Column("top_goal", "Kommunövergripande mål", width=30),
                Column("goal", "Nämndmål", required=False, width=30),
                Column("name", "Nämndindikator", width=40),
                Column("kind", "Radtyp", Kind.CHOICE, required=False,
                       choices=VERBATIM_ROW_KINDS, width=10, help=_ROW_KIND_HELP),
                Column("footnote", "Fotnot", required=False, width=30),
                Column("direction", "Önskad riktning", Kind.CELL, required=False, width=16,
                       suggestions=DIRECTIONS,
                       help=("Välj Öka, Minska eller Bibehålla i listan, eller skriv ett "
                             "målvärde (4, 100%) eller en egen formulering.")),
                Column("direction_footnote", "Fotnot riktning", required=False, width=30),
            ),
            extra_columns="values",
        ),
        SheetSpec(
            name="Kolumnrubriker",
            help="Valfria: ändrar en kolumnrubrik för ett kommunövergripande mål.",
            columns=(
                Column("top_goal", "Kommunövergripande mål", width=40),
                Column("column", "Kolumn", width=12, carry=Carry.SHIFT),
                Column("header", "Rubrik", width=24, carry=Carry.SHIFT),
            ),
        ),
    ),
)

TABELLER = WorkbookSpec(
    filename="tabeller.xlsx",
    title="Egna tabeller",
    help=(
        "Valfri arbetsbok för tabeller som nämnden har och rapporten annars saknar, till "
        "exempel hur ramen byggts upp eller beslutade åtgärder med datum, diarienummer och "
        "effekt.",
        "Fliken Tabeller: en rad per tabell med Id (till exempel T1), Bildtext och valfritt "
        "Enhet, Decimaler, Enhet i indata, Källa och Ram. Tabellen placeras där en text i "
        "texter.xlsx har en egen rad [tabell T1].",
        "Varje tabell har en egen flik med samma namn som dess Id. Rad 1: Radtyp och sedan "
        "tabellens kolumnrubriker. Radtyp är Rad, Rubrik (en rubrikrad, till exempel "
        "Tillskott:), Summa (summan av alla Rad ovanför), Delsumma (summan av raderna sedan "
        "förra Rubrik, Delsumma eller Summa) eller Not (en kommentar över hela bredden).",
        "Tal är belopp i Enhet i indata och visas i tabellens enhet. Lämna summaradernas "
        "belopp tomma så räknar programmet ut dem; står ett belopp där jämförs det med "
        "summan och programmet varnar om de skiljer sig. Ett tal som inte är ett belopp "
        "(ett årtal, ett diarienummer) skrivs som text, till exempel '2024.",
        "Ram Ja: tabellens sista Summa är nämndens beslutade ram; programmet varnar om Budget "
        "helår i prognos.xlsx inte blir samma belopp.",
    ),
    optional=True,
    copied_by_init=True,
    sheets=(
        SheetSpec(
            name="Tabeller",
            help="En rad per egen tabell.",
            columns=(
                Column("id", "Id", width=10, help="Tabellens namn i texterna: [tabell T1]."),
                Column("caption", "Bildtext", width=50, help="Står ovanför tabellen."),
                Column("unit", "Enhet", Kind.CHOICE, required=False, choices=UNITS, width=10,
                       help="Enheten tabellen visar beloppen i; tomt: Enhet i rapport."),
                Column("decimals", "Decimaler", Kind.NUMBER, required=False, width=10),
                Column("input_unit", "Enhet i indata", Kind.CHOICE, required=False,
                       choices=UNITS, width=14,
                       help="Enheten beloppen är skrivna i; tomt: Enhet i indata."),
                Column("source", "Källa", required=False, width=30),
                Column("ram", "Ram", Kind.CHOICE, required=False, choices=YES_NO, width=8),
            ),
            per_period=False,
        ),
    ),
)

ENHETER = WorkbookSpec(
    filename="enheter.xlsx",
    title="Enheternas prognoser: enheter, ansvariga och belopp",
    help=(
        "Valfri arbetsbok för nämnder där enheterna gör sina egna prognoser. generate utskick "
        "skriver en arbetsbok per enhet att skicka till den ansvarige, och generate samla läser "
        "de ifyllda arbetsböckerna och summerar prognoserna per rad i prognos.xlsx.",
        "Fliken Enheter: en rad per enhet med Id (till exempel ansvarskoden i "
        "ekonomisystemet), namn och ansvarig. Analys Ja ger enheten en ruta för en egen "
        "analys. Mål: nämndmål som enheten bedömer, med samma namn som i mal.xlsx, åtskilda "
        "med semikolon.",
        "Fliken Belopp: en rad per enhet och verksamhetsrad som enhetens belopp hör till, i "
        "Enhet i indata och med samma tecken som prognos.xlsx. En enhet kan ha flera rader och "
        "en verksamhetsrad flera enheter; radens prognos i prognos.xlsx blir summan av "
        "enheternas. Rader utan enheter fyller du själv i prognos.xlsx som vanligt. Budget "
        "helår krävs; Redovisat perioden och Föregående prognos visas för enheten när de är "
        "ifyllda. Beloppen kan skrivas för hand eller komma från ekonomisystemet (en rad per "
        "ansvar och verksamhet).",
        "Fliken Inställningar: sista svarsdag och kontaktperson visas i enheternas "
        "arbetsböcker. Varningsgräns: generate samla varnar när en prognos skiljer sig från "
        "redovisat hittills plus återstående budget med mer än så många procent av budgeten.",
    ),
    optional=True,
    sheets=(
        SheetSpec(
            name="Enheter",
            help="En rad per enhet som gör en egen prognos.",
            columns=(
                Column("id", "Id", width=10,
                       help="Enhetens id, till exempel ansvarskoden; unikt inom nämnden."),
                Column("name", "Enhet", width=34),
                Column("manager", "Ansvarig", width=24),
                Column("email", "E-post", required=False, width=30),
                Column("analysis", "Analys", Kind.CHOICE, required=False, choices=YES_NO,
                       width=9, help="Ja: enheten skriver också en kort analys av sitt resultat."),
                Column("goals", "Mål", required=False, width=40,
                       help=("Valfritt: nämndmål som enheten bedömer, med samma namn som i "
                             "mal.xlsx, åtskilda med semikolon.")),
            ),
            per_period=False,
        ),
        SheetSpec(
            name="Belopp",
            help="En rad per enhet och verksamhetsrad.",
            columns=(
                Column("unit", "Enhet", width=10, help="Enhetens Id från fliken Enheter."),
                Column("code", "Kod", required=False, width=8),
                Column("name", "Verksamhet", width=40,
                       help="Samma namn som på fliken Verksamheter i installningar.xlsx."),
                Column("budget", "Budget helår", Kind.NUMBER, carry=Carry.YEAR),
                Column("actual", "Redovisat perioden", Kind.NUMBER, required=False,
                       carry=Carry.CLEAR,
                       help="Valfritt: enhetens redovisade belopp till och med perioden."),
                Column("previous", "Föregående prognos", Kind.NUMBER, required=False,
                       carry=Carry.CLEAR,
                       help=("Valfritt: enhetens prognos i förra rapporten. Förs över med "
                             "generate samla --overfor-saknade när enheten inte svarar.")),
            ),
        ),
        SheetSpec(
            name="Inställningar",
            help="En inställning per rad.",
            settings=(
                Setting("deadline", "Svara senast", required=False, carry=Carry.CLEAR,
                        help="Visas i enheternas arbetsböcker, till exempel 2024-09-06."),
                Setting("contact", "Kontaktperson", required=False,
                        help="Vem enheterna skickar svaret till och frågar, med e-post."),
                Setting("threshold", "Varningsgräns (procent av budget)", Kind.NUMBER,
                        required=False, default="10",
                        help=("generate samla varnar när en prognos skiljer sig från redovisat "
                              "plus återstående budget med mer än så här många procent av "
                              "budget helår.")),
            ),
        ),
    ),
)

# One sheet per own table, named by its id; read with this layout (Radtyp, then the
# table's own columns, kept raw).
OWN_TABLE_SHEET = SheetSpec(
    name="",
    help="En egen tabell: Radtyp och tabellens kolumner.",
    columns=(Column("kind", "Radtyp", Kind.CHOICE, choices=OWN_ROW_KINDS, width=12),),
    raw_extras=True,
    extra_columns="cells",
)

ECONOMY_WORKBOOKS = (SETTINGS, UTFALL, PROGNOS)
CONTENT_WORKBOOKS = (TEXTER, MAL, UPPDRAG, VOLYMER, INDIKATORER)

# Charts: monthly series typed by people (wide: a row per series and year, a column per
# month) and the list of charts that draw them. Read by generator.charts.load.
MONTH_HEADERS = ("Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov",
                 "Dec")
CHART_KINDS = ("linje per år", "linjer", "rullande tolv månader", "staplar staplade",
               "staplar avvikelse", "staplar prognos mot budget", "prognosens utveckling")

DIAGRAM = WorkbookSpec(
    filename="diagram.xlsx",
    title="Diagram och deras månadsserier",
    help=(
        "Fliken Serier: en rad per serie och år, ett värde per månad. Serie är seriens namn; "
        "samma namn på flera rader (ett år per rad) är samma serie. Lämna en månad tom om "
        "värdet saknas. Månader efter perioden visas inte.",
        "Fliken Diagram: en rad per diagram. Ta bort en rad för att ta bort diagrammet. "
        "Typ väljs i listan:",
        "- linje per år: en serie, en linje per år med månaderna januari–december; innevarande "
        "år till och med periodens månad.",
        "- linjer: en linje per serie längs en tidsaxel, månad för månad.",
        "- rullande tolv månader: summan av de senaste tolv månaderna för varje serie, till "
        "exempel rullande årskostnad. Skriv varje månads värde; programmet summerar.",
        "- staplar staplade: serierna staplade på varandra per månad, som delar av en helhet.",
        "- staplar avvikelse: avvikelse mot budget per verksamhet, sorterad, ur utfall.xlsx.",
        "- staplar prognos mot budget: prognos och budget för helåret per verksamhet, ur "
        "prognos.xlsx.",
        "- prognosens utveckling: prognosens avvikelse mot budget i varje rapport under året, "
        "ur de tidigare periodernas mappar och denna (i verksamhetsberättelsen också "
        "utfallet).",
        "Diagrammet placeras där en text i texter.xlsx har en egen rad [diagram C1]. Har ingen "
        "text en sådan rad hamnar diagrammet efter texten i Avsnitt. Flytta ett diagram genom "
        "att flytta raden [diagram C1] eller ändra Avsnitt.",
    ),
    sheets=(
        SheetSpec(
            name="Serier",
            help="En rad per serie och år.",
            columns=(
                Column("series", "Serie", width=36,
                       help="Seriens namn, som det skrivs i kolumnen Serier på fliken Diagram "
                            "och i diagrammets förklaring. Inga kommatecken."),
                Column("year", "År", Kind.NUMBER, width=8),
                *(Column(f"m{i}", header, Kind.NUMBER, required=False, width=9)
                  for i, header in enumerate(MONTH_HEADERS, start=1)),
            ),
        ),
        SheetSpec(
            name="Diagram",
            help="En rad per diagram.",
            columns=(
                Column("id", "Id", width=6,
                       help="Diagrammets namn i texterna: [diagram C1]."),
                Column("kind", "Typ", Kind.CHOICE, choices=CHART_KINDS, width=26),
                Column("title", "Titel", width=44, help="Står överst i diagrammet."),
                Column("series", "Serier", required=False, width=44,
                       help="Seriernas namn från fliken Serier, åtskilda med kommatecken. "
                            "Tom för staplar avvikelse, staplar prognos mot budget och "
                            "prognosens utveckling."),
                Column("section", "Avsnitt", required=False, width=22,
                       help="Avsnittet i texter.xlsx som diagrammet följer när ingen text "
                            "har raden [diagram Id]."),
                Column("caption", "Bildtext", required=False, width=60,
                       help="Står under diagrammet: Diagram 1. Bildtext."),
                Column("source", "Källa", required=False, width=34,
                       help="Står under bildtexten: Källa: …"),
                Column("unit", "Enhet", required=False, width=18,
                       help="Vad talen är, till exempel antal per månad, vårddygn eller mnkr."),
            ),
        ),
    ),
)


# The mapping from a ledger export to the report rows, read by `generate importera`
# (generator/ledger/). Not read by `generate` or `check`.
LEDGER_CODE_FIELDS = ("Konto", "Ansvar", "Verksamhet", "Aktivitet", "Objekt", "Projekt",
                      "Motpart")
LEDGER_FIELDS = ("Period", *LEDGER_CODE_FIELDS, "Belopp", "Budget")
UNUSED_COLUMN = "Används inte"  # Kolumner: an export column the import skips without a word
RULE_KINDS = ("Ta med", "Undanta")
ACCOUNT_KINDS = ("Kostnad", "Intäkt", "Utanför driften")
DECIMAL_MARKS = ("Automatiskt", "Komma", "Punkt")
_CODES_HELP = ("Koder skrivs som 569, som mönster 51* (* är vilka tecken som helst, ? ett "
               "tecken) eller som intervall 4000-7999, flera åtskilda med kommatecken.")

MAPPNING = WorkbookSpec(
    filename="mappning.xlsx",
    title="Mappning från huvudboken till rapportens rader",
    help=(
        "Används av generate importera, som läser en export ur ekonomisystemet (CSV, Excel "
        "eller SIE 4) och skriver periodens belopp i utfall.xlsx. generate och generate check "
        "läser inte den här arbetsboken.",
        "Fliken Urval: vilka rader i exporten som hör till nämnden (till exempel Ansvar 3*) "
        "och vilka som undantas (till exempel interna transaktioner med Motpart 3*).",
        "Fliken Konton: vilka konton som är kostnader och intäkter (Kommun-Bas 13: klass 3 "
        "intäkter, klass 4–7 kostnader). Konton som är Utanför driften, till exempel klass 8 "
        "finansiella poster, räknas inte med i någon rad men visas på fliken Avstämning.",
        "Fliken Rader: vilken rapportrad varje kodsträng hamnar på. Reglerna prövas "
        "uppifrån och ned, och den första regel som passar avgör; lägg därför egen regi "
        "(till exempel Ansvar 35*, 36*) före verksamhetsraderna. En tom cell passar alla koder.",
        _CODES_HELP,
        "Fliken Kolumner: vad kolumnerna heter i ert ekonomisystems export, och vad "
        "dimensionerna heter (#DIM) eller har för nummer i en SIE-fil. Saknas ett fält här "
        "gäller fältets eget namn.",
        "Kodsträngar som ingen regel passar listas med belopp som varningar (fel med "
        "--strict) och står på fliken Avstämning i utfall.xlsx.",
    ),
    sheets=(
        SheetSpec(
            name="Inställningar",
            help="En inställning per rad.",
            settings=(
                Setting("orgnr", "Organisationsnummer", required=False,
                        help="Kommunens organisationsnummer. En SIE-fil med ett annat #ORGNR "
                             "stoppas, så att en annan kommuns fil inte läses av misstag."),
                Setting("decimal_mark", "Decimaltecken i CSV", Kind.CHOICE, required=False,
                        choices=DECIMAL_MARKS, default="Automatiskt",
                        help="Automatiskt känner igen 1 234,56 och 1234.56 i exporten."),
            ),
            per_period=False,
        ),
        SheetSpec(
            name="Kolumner",
            help=("En rad per fält som exporten har med ett annat namn, och en rad med Fält "
                  f"{UNUSED_COLUMN} per kolumn som importen ska hoppa över utan varning "
                  "(till exempel Benämning)."),
            columns=(
                Column("field", "Fält", Kind.CHOICE, choices=(*LEDGER_FIELDS, UNUSED_COLUMN),
                       width=14),
                Column("column", "Kolumn i export", required=False, width=28,
                       help="Kolumnrubriken i CSV- eller Excel-exporten, till exempel Ansvar "
                            "eller Kostnadsställe."),
                Column("dimension", "Dimension i SIE", required=False, width=22,
                       help="Dimensionens namn (#DIM) eller nummer i SIE-filen, till exempel "
                            "1 eller Ansvar."),
            ),
            per_period=False,
        ),
        SheetSpec(
            name="Urval",
            help="Vilka rader i exporten som hör till nämnden.",
            columns=(
                Column("rule", "Villkor", Kind.CHOICE, choices=RULE_KINDS, width=10,
                       help="Ta med: raden måste passa (flera rader för samma fält: någon av "
                            "dem). Undanta: rader som passar räknas inte med, till exempel "
                            "interna transaktioner."),
                Column("field", "Fält", Kind.CHOICE, choices=LEDGER_CODE_FIELDS, width=14),
                Column("codes", "Koder", width=30, help=_CODES_HELP),
                Column("note", "Kommentar", required=False, width=40),
            ),
            per_period=False,
        ),
        SheetSpec(
            name="Konton",
            help="Vilka konton som är kostnader och vilka som är intäkter.",
            columns=(
                Column("codes", "Konton", width=24, help=_CODES_HELP),
                Column("kind", "Typ", Kind.CHOICE, choices=ACCOUNT_KINDS, width=18),
                Column("note", "Kommentar", required=False, width=40),
            ),
            per_period=False,
        ),
        SheetSpec(
            name="Rader",
            help="En regel per rad: kodsträngar som passar hamnar på rapportraden i Rad.",
            columns=(
                Column("row", "Rad", width=30,
                       help="Rapportraden: koden (569) eller namnet (Resultat nämndens "
                            "enheter) från fliken Verksamheter i installningar.xlsx."),
                *(Column(name.casefold(), name, required=False, width=14)
                  for name in LEDGER_CODE_FIELDS),
                Column("note", "Kommentar", required=False, width=36),
            ),
            per_period=False,
        ),
    ),
    optional=True,
)


# Every workbook of a period folder; `generate init` carries each of them forward. A workbook
# added later belongs here too (tests/test_init.py checks that none is left out). The chart
# series are history, so diagram.xlsx is carried whole: new months are added to it.
ALL_WORKBOOKS: tuple[WorkbookSpec, ...] = (*ECONOMY_WORKBOOKS, *CONTENT_WORKBOOKS, DIAGRAM,
                                          TABELLER, MAPPNING, ENHETER)

