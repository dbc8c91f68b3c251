"""The input workbooks' layout: the single source of truth for reader and writer.

Each sheet has one header row (row 1) and one record per row below it. Columns are found by
their Swedish header, so their order in the sheet does not matter. Key-value sheets hold
settings as rows of `Inställning | Värde`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


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
    # Written by a command for people to read (generate importera's Avstämning): never read,
    # not carried by `generate init`, and left out of a workbook written without its rows.
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
    # A workbook only some nämnder have (mappning.xlsx): `generate init` carries it when the
    # old period has it and does not write an empty one otherwise.
    optional: bool = False

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
                Setting("revenue_negative", "Intäkter med minustecken i indata", Kind.CHOICE,
                        required=False, choices=YES_NO, default="Ja",
                        help=("Ja: kostnader positiva och intäkter negativa, som i rapporten. "
                              "Nej: intäkter positiva och kostnader negativa, som många "
                              "ekonomisystem exporterar; programmet vänder då tecknet på "
                              "driftbeloppen (Drift och Varav) när det läser. Rapporten visar "
                              "alltid kostnader positiva och intäkter negativa.")),
                Setting("sum_label", "Namn på summaraden", default="Summa nettokostnader"),
                Setting("sum_incl_label", "Namn på summaraden inklusive egen regi",
                        required=False, default="Summa nettokostnader inkl kommunal verks"),
                Setting("previous_report", "Namn på föregående rapport", required=False,
                        default="delårsrapport mars {år}",
                        help="Används i rubriken för föregående prognosavvikelse. Skriv {år} "
                             "där rapportens år ska stå, eller ett årtal (bokslut 2024); "
                             "utan årtal läggs rapportens år till."),
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

_KR = "i kronor med öre, med ekonomisystemets tecken (kostnader positiva, intäkter negativa)"

AVSTAMNING = SheetSpec(
    name="Avstämning",
    help=("Skrivs av generate importera och läses inte av generate: huvudbokens belopp för "
          f"nämnden {_KR}, per rapportrad, undantaget, omappat, per fil och per månad. "
          "Kontrollraden ska vara 0."),
    columns=(
        Column("section", "Avsnitt", width=18),
        Column("item", "Post", width=48),
        Column("actual", "Redovisat perioden", Kind.NUMBER, required=False, width=18),
        Column("budget", "Budget perioden", Kind.NUMBER, required=False, width=18),
        Column("previous", "Redovisat samma period föregående år", Kind.NUMBER,
               required=False, width=22),
        Column("budget_year", "Budget helår", Kind.NUMBER, required=False, width=18),
        Column("previous_year", "Redovisat helår föregående år", Kind.NUMBER,
               required=False, width=20),
        Column("rows", "Rader", Kind.NUMBER, required=False, width=10),
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
            help="En rad per verksamhetsrad (även Egen regi).",
            columns=(
                *_DRIFT_KEYS,
                Column("actual", "Redovisat perioden", Kind.NUMBER, carry=Carry.CLEAR),
                Column("budget", "Budget perioden", Kind.NUMBER, carry=Carry.CLEAR),
                Column("previous", "Redovisat samma period föregående år", Kind.NUMBER,
                       width=22, carry=Carry.CLEAR),
            ),
        ),
        SheetSpec(
            name="Investeringar",
            help="En rad per investeringsobjekt, samma objekt som i prognos.xlsx.",
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
            help="En rad per verksamhetsrad (även Egen regi).",
            columns=(
                *_DRIFT_KEYS,
                Column("forecast", "Prognos helår", Kind.NUMBER, carry=Carry.CLEAR),
                Column("budget", "Budget helår", Kind.NUMBER, carry=Carry.CLEAR),
                Column("previous", "Bokslut föregående år", Kind.NUMBER, carry=Carry.CLEAR),
            ),
        ),
        SheetSpec(
            name="Varav",
            help="Valfri uppdelning av totalen i kostnader och intäkter (intäkter negativa).",
            columns=(
                Column("name", "Rad", width=20),
                Column("forecast", "Prognos helår", Kind.NUMBER, carry=Carry.CLEAR),
                Column("budget", "Budget helår", Kind.NUMBER, carry=Carry.CLEAR),
                Column("previous", "Bokslut föregående år", Kind.NUMBER, carry=Carry.CLEAR),
            ),
        ),
        SheetSpec(
            name="Investeringar",
            help="En rad per investeringsobjekt.",
            columns=(
                Column("name", "Objekt", width=36),
                Column("spend", "Prognos utgifter", Kind.NUMBER, carry=Carry.CLEAR),
                Column("income", "Prognos inkomster", Kind.NUMBER, carry=Carry.CLEAR,
                       help="Inkomster som positivt tal."),
                Column("frame", "Investeringsram", Kind.NUMBER, carry=Carry.CLEAR),
            ),
        ),
        SheetSpec(
            name="Föregående prognos",
            help="Prognosavvikelsen i föregående rapport, till tabellen Ekonomi i korthet.",
            settings=(
                Setting("drift_deviation", "Avvikelse verksamhetens nettokostnader",
                        Kind.NUMBER, carry=Carry.CLEAR,
                        help="Positiv när prognosen var bättre än budget, oavsett teckenregel."),
                Setting("investment_deviation", "Avvikelse investeringar, netto", Kind.NUMBER,
                        carry=Carry.CLEAR),
            ),
        ),
    ),
)

ASSESSMENTS = ("Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ej bedömt")
STATUSES = ("Pågår", "Klar", "Ej klar", "Ej påbörjad", "N/A")
STATUS_ALIASES = (("Klart", "Klar"), ("Ej klart", "Ej klar"), ("Ej påbörjat", "Ej påbörjad"))
MARKUP_HELP = (
    "Fri text: en tom rad mellan stycken. En rad som börjar med \"- \" blir en punkt i en "
    "punktlista. **fet text** blir fet, *kursiv text* kursiv. En fotnot skrivs direkt efter "
    "ordet: LVM^[Lagen om vård av missbrukare i vissa fall]. Ett diagram placeras med en egen "
    "rad [diagram C1].",
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
    help=(
        "En rad per nämndmål, i den ordning de ska stå. Målområdet upprepas på varje rad; "
        "rader med samma målområde hamnar under samma rubrik.",
        "Bedömning väljs i listan: Uppfyllt, Delvis uppfyllt, Ej uppfyllt eller Ej bedömt.",
        *MARKUP_HELP,
        DRAFT_HELP,
    ),
    sheets=(
        SheetSpec(
            name="Mål",
            help="En rad per nämndmål.",
            columns=(
                Column("area", "Målområde", width=18),
                Column("name", "Nämndmål", width=40),
                Column("intro", "Inledning", required=False, width=50, carry=Carry.DRAFT,
                       help="Valfri inledande mening före punkterna."),
                Column("text", "Redovisning", required=False, width=90, carry=Carry.DRAFT,
                       help="Punkterna, en per rad som börjar med \"- \"."),
                Column("assessment", "Bedömning", Kind.CHOICE, choices=ASSESSMENTS, width=16,
                       carry=Carry.CLEAR),
            ),
        ),
    ),
)

UPPDRAG = WorkbookSpec(
    filename="uppdrag.xlsx",
    title="Strategiska utvecklingsuppdrag",
    help=(
        "En rad per uppdrag. Grupp är tabellens rubrik (till exempel Kommungemensamma eller "
        "Nämndspecifika); uppdragen numreras 1, 2, 3 … inom varje grupp av programmet.",
        "Status väljs i listan: Pågår, Klar, Ej klar, Ej påbörjad eller N/A.",
    ),
    sheets=(
        SheetSpec(
            name="Uppdrag",
            help="En rad per uppdrag.",
            columns=(
                Column("group", "Grupp", width=18),
                Column("text", "Uppdrag", width=90),
                Column("note", "Notering", required=False, width=40,
                       help="Visas kursivt under uppdraget."),
                Column("status", "Status", Kind.CHOICE, choices=STATUSES, width=12,
                       aliases=STATUS_ALIASES, carry=Carry.CLEAR),
            ),
        ),
    ),
)

# Suggested, not enforced: the reference also has "Samma eller lägre än R9-snitt", "4", "100%".
DIRECTIONS = ("Öka", "Minska", "Bibehålla")

_CELL_HELP = ("Cellerna visas precis som de är skrivna, till exempel 3926 (45 % flickor). "
              "Skrivs ett tal visas det i svensk form (1 473, 7,2).")

VOLYMER = WorkbookSpec(
    filename="volymer.xlsx",
    title="Volymtal och personal",
    help=(_CELL_HELP,
          "Fotnot: källa eller definition, visas som fotnot till raden."),
    sheets=(
        SheetSpec(
            name="Volymer",
            help="En rad per volymmått.",
            columns=(
                Column("name", "Basuppdrag", width=50),
                Column("footnote", "Fotnot", required=False, width=40),
                Column("previous", "Föregående år", Kind.CELL, required=False, width=24,
                       carry=Carry.CLEAR),
                Column("current", "Perioden", Kind.CELL, required=False, width=24,
                       carry=Carry.CLEAR),
                Column("forecast", "Prognos", Kind.CELL, required=False, width=18,
                       carry=Carry.CLEAR),
            ),
        ),
        SheetSpec(
            name="Personal",
            help="En rad per personalmått.",
            columns=(
                Column("name", "Personal", width=36),
                Column("previous", "Föregående år", Kind.CELL, required=False,
                       carry=Carry.CLEAR),
                Column("current", "Perioden", Kind.CELL, required=False, carry=Carry.CLEAR),
                Column("target", "Målvärde", Kind.CELL, required=False,
                       suggestions=DIRECTIONS),
            ),
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
        "kolumner efter behov.",
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
                Column("goal", "Nämndmål", width=30),
                Column("name", "Nämndindikator", width=40),
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

ECONOMY_WORKBOOKS = (SETTINGS, UTFALL, PROGNOS)
CONTENT_WORKBOOKS = (TEXTER, MAL, UPPDRAG, VOLYMER, INDIKATORER)

# Charts: monthly series typed by people (wide: a row per series and year, a column per
# month) and the list of charts that draw them. Read by generator.charts.load.
MONTH_HEADERS = ("Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov",
                 "Dec")
CHART_KINDS = ("linje per år", "linjer", "rullande tolv månader", "staplar staplade",
               "staplar avvikelse", "staplar prognos mot budget")

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
                            "Tom för staplar avvikelse och staplar prognos mot budget."),
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
            help="En rad per fält som exporten har med ett annat namn.",
            columns=(
                Column("field", "Fält", Kind.CHOICE, choices=LEDGER_FIELDS, width=14),
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
                                           MAPPNING)
