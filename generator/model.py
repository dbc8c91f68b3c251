"""The domain, as frozen dataclasses: what the workbooks say, in the report's unit.

Amounts are `Decimal` from reading to formatting; nothing here is rounded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.issues import SourceRef
from generator.kinds import DEFAULT, KindSettings, ReportKind
from generator.period import Period
from generator.tables import DEFAULT_SPECS, TableSpec, Value, slug

# Row kinds of the driftsammandrag (sheet Verksamheter, column Radtyp).
ROW = "Verksamhet"        # summed into Summa nettokostnader
OWN = "Egen regi"         # after that sum, summed into Summa inklusive egen regi
SUB = "Delrad"            # indented under the row above and summed like it
VARAV = "Varav"           # indented and italic under the row above; a part, never summed
HEADING = "Rubrik"        # a heading row without figures
ROW_KINDS = (ROW, OWN, SUB, VARAV, HEADING)


@dataclass(frozen=True)
class Assessment:
    """One value of the bedömning scale, with a symbol so colour is never the only signal."""

    name: str
    symbol: str = ""
    color: str | None = None  # hex, e.g. "2E7D32"; None: the text colour


DEFAULT_ASSESSMENTS = (
    Assessment("Uppfyllt", "\u25cf"),         # ● filled circle
    Assessment("Delvis uppfyllt", "\u25d0"),  # ◐ half-filled circle
    Assessment("Ej uppfyllt", "\u25cb"),      # ○ empty circle
    Assessment("Ej bedömt", "\u2013"),        # – dash
)


@dataclass(frozen=True)
class Settings:
    kommun: str
    namnd: str
    input_unit: str
    report_unit: str
    decimals: int
    sum_label: str
    sum_incl_label: str
    previous_report: str
    area_label: str = "Målområde"
    goal_label: str = "Nämndmål"
    assessment_label: str = "Nämndmålet bedöms"
    top_goal_label: str = "Kommunövergripande mål"
    revenue_negative: bool = True  # False: the input has intäkter positive (flipped on load)
    costs_negative: bool = False   # True: tables print net costs negative (shown, not stored)
    title: str | None = None       # Rapportens titel (a delårsrapport's); None: the kind's
    ram: Decimal | None = None     # the decided ram, in the report's unit
    tables: Mapping[str, TableSpec] = field(default_factory=lambda: dict(DEFAULT_SPECS))
    # The goal hierarchy's levels from the top (1–3), as mal.xlsx's level columns are headed.
    goal_levels: tuple[str, ...] = ("Målområde", "Nämndmål")
    assessments: tuple[Assessment, ...] = DEFAULT_ASSESSMENTS  # () : goals are not assessed
    number_assignments: bool = True  # uppdrag numbered 1, 2, 3 … per group when not given
    logo: Path | None = None          # the cover's logo, found in the nämnd's folders
    decision_date: str | None = None  # shown on the cover
    diarienummer: str | None = None
    # The year's calendar (sheet Rapporter): month → kind; empty: every period a delårsrapport.
    calendar: Mapping[int, ReportKind] = field(default_factory=dict)
    kind_settings: Mapping[str, KindSettings] = field(default_factory=dict)  # by kind key

    def table(self, table_id: str) -> TableSpec:
        return self.tables.get(table_id) or DEFAULT_SPECS[table_id]


@dataclass(frozen=True)
class Verksamhet:
    """A row of the driftsammandrag; `kind` is one of `ROW_KINDS`."""

    code: str | None
    name: str
    kind: str
    ref: SourceRef
    part_of: str | None = None  # key of the row whose figures this row's are part of
    shown: bool = True          # False: a part read and quotable, but not in the table
    groups: tuple[str, ...] = ()  # named groups whose totals texts may quote
    is_sum_of_parts: bool = False  # other rows are part of it: its figures are their sum

    @property
    def key(self) -> str:
        return self.code or self.name

    @property
    def figure_key(self) -> str:
        """The row's part of a figure name: `{utfall.569.avvikelse}`, `{utfall.bibliotek.…}`."""
        return self.code or slug(self.name)

    @property
    def label(self) -> str:
        return f"{self.code} - {self.name}" if self.code else self.name

    @property
    def is_own_operations(self) -> bool:
        return self.kind == OWN

    @property
    def has_figures(self) -> bool:
        """Whether the workbooks must have its figures: not a heading, and not a row made of
        its parts (LSS Funktionsstöd + Råd och stöd = Resultat nämndens enheter)."""
        return self.kind != HEADING and not self.is_sum_of_parts


@dataclass(frozen=True)
class Figures:
    """Outcome (Redovisat or Prognos), budget and the comparison figure of one row."""

    outcome: Decimal
    budget: Decimal
    comparison: Decimal
    ref: SourceRef | None = None
    # The three cells (outcome, budget, comparison), so a check can name the exact cell.
    cells: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class DriftRow:
    verksamhet: Verksamhet
    figures: Figures
    # The sheet's other columns (Kommentar, Budget föregående år …), by their name in
    # expressions (`tables.slug` of the header); numbers as Decimal, text as str.
    extra: Mapping[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class VaravRow:
    label: str
    figures: Figures
    extra: Mapping[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class InvestmentRow:
    name: str
    actual_spend: Decimal
    actual_income: Decimal
    forecast_spend: Decimal | None  # None in a verksamhetsberättelse: the year is over
    forecast_income: Decimal | None
    frame: Decimal
    ref: SourceRef | None = None
    extra: Mapping[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class PreviousForecast:
    """The previous report's forecast deviation: from its period folder (`label` is then
    its name, "delårsrapport mars 2024"), else as typed on prognos.xlsx › Föregående
    prognos (`refs`: those two cells)."""

    drift_deviation: Decimal | None
    investment_deviation: Decimal | None
    label: str | None = None
    refs: tuple[SourceRef | None, SourceRef | None] = (None, None)


@dataclass(frozen=True)
class Economy:
    utfall: tuple[DriftRow, ...]
    prognos: tuple[DriftRow, ...]
    varav: tuple[VaravRow, ...]
    investments: tuple[InvestmentRow, ...]
    previous: PreviousForecast


@dataclass(frozen=True)
class Text:
    """Free text written by people, with markup and placeholders still unresolved."""

    key: str
    text: str
    ref: SourceRef


@dataclass(frozen=True)
class Goal:
    """A goal at one level of the hierarchy (målområde, strategiskt mål, nämndmål …)."""

    level: int  # 1 at the top
    name: str
    intro: Text | None
    body: Text | None
    assessment: str | None
    ref: SourceRef
    number: str | None = None
    mark: str | None = None  # e.g. "GEH-mål"
    children: tuple[Goal, ...] = ()

    def walk(self) -> Iterator[Goal]:
        """This goal and every goal below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Assignment:
    group: str
    text: str
    note: str | None
    status: str | None
    number: str | None = None  # as written; None: numbered by the program when it numbers


# Row kinds of the verbatim tables (volymtal, personal, indikatorer): column Radtyp.
LINE = "Rad"
SUBLINE = "Delrad"   # indented under the row above (- kvinnor, - män)
SECTION = "Rubrik"   # a heading row across the table
VERBATIM_ROW_KINDS = (LINE, SUBLINE, SECTION)


@dataclass(frozen=True)
class TableRow:
    """A row of a verbatim table (volymtal, personal): label, optional footnote, cells."""

    label: str
    footnote: str | None
    cells: tuple[str, ...]
    kind: str = LINE


@dataclass(frozen=True)
class VerbatimTable:
    """A table shown as typed: its value columns' headers come from the workbook."""

    headers: tuple[str, ...] = ()
    rows: tuple[TableRow, ...] = ()


@dataclass(frozen=True)
class Indicator:
    area: str
    top_goal: str
    goal: str
    name: str
    footnote: str | None
    values: tuple[tuple[str, str], ...]  # (column header, cell text)
    direction: str
    direction_footnote: str | None
    kind: str = LINE


# Row kinds of an own table (tabeller.xlsx, column Radtyp).
OWN_ROW = "Rad"
OWN_HEADING = "Rubrik"      # a heading across the table, e.g. "Tillskott:"
OWN_SUM = "Summa"           # every Rad above it, summed
OWN_SUBTOTAL = "Delsumma"   # the Rad rows since the last Rubrik, Delsumma or Summa
OWN_NOTE = "Not"            # a note across the table
OWN_ROW_KINDS = (OWN_ROW, OWN_HEADING, OWN_SUM, OWN_SUBTOTAL, OWN_NOTE)


@dataclass(frozen=True)
class OwnCell:
    """A cell of an own table: a number (an amount, in the table's input unit) or text."""

    value: Decimal | str | None
    ref: SourceRef


@dataclass(frozen=True)
class OwnRow:
    kind: str
    cells: tuple[OwnCell, ...]
    ref: SourceRef


@dataclass(frozen=True)
class OwnTable:
    """A table the kommun has and the report does not: a ram build-up, decided åtgärder …

    Placed by a line `[tabell T1]` in a text; sums computed, stated sums checked.
    """

    id: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[OwnRow, ...]
    ref: SourceRef
    unit: str | None = None        # shown in; None: Enhet i rapport
    input_unit: str | None = None  # typed in; None: Enhet i indata
    decimals: int | None = None    # None: Decimaler i rapport
    source: str | None = None      # "Källa: …" under the table
    ram: bool = False              # its last Summa row is the decided ram


@dataclass(frozen=True)
class Content:
    """The report's non-economy parts: texts, goals, assignments, volumes, indicators."""

    texts: dict[str, Text] = field(default_factory=dict)
    goals: tuple[Goal, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    volumes: VerbatimTable = field(default_factory=VerbatimTable)
    personnel: VerbatimTable = field(default_factory=VerbatimTable)
    indicators: tuple[Indicator, ...] = ()
    header_overrides: dict[tuple[str, str], str] = field(default_factory=dict)
    # The indicator sheet's headers as typed: name column, direction, value columns.
    indicator_headers: Mapping[str, str] = field(default_factory=dict)
    own_tables: tuple[OwnTable, ...] = ()

    def free_texts(self) -> list[Text]:
        """Every text written with markup: the sections, then goal intros and bodies.

        The texts that may hold `{figure}` placeholders, `[diagram Id]` lines and drafts.
        """
        return [*self.texts.values(),
                *(t for g in self.all_goals() for t in (g.intro, g.body) if t is not None)]

    def all_goals(self) -> list[Goal]:
        return [g for root in self.goals for g in root.walk()]


@dataclass(frozen=True)
class EarlierForecast:
    """The full-year forecast of an earlier report of the year, read from its period folder,
    in the current report's unit.

    `lines` holds (forecast, budget) by row key as that report's driftsammandrag had them:
    a verksamhet's figure key, "summa", "summa_inkl", "egen_regi".
    """

    period: Period
    kind: ReportKind
    lines: Mapping[str, tuple[Decimal, Decimal]]
    investments: tuple[Decimal, Decimal]  # (forecast net, frame)
    folder: Path

    @property
    def total(self) -> tuple[Decimal, Decimal]:
        """(forecast, budget) of the sum including egen regi (or the sum without one)."""
        return self.lines.get("summa_inkl") or self.lines["summa"]

    @property
    def deviation(self) -> Decimal:
        forecast, budget = self.total
        return budget - forecast

    @property
    def investment_deviation(self) -> Decimal:
        forecast, frame = self.investments
        return frame - forecast


@dataclass(frozen=True)
class ReportInput:
    """Everything one report is made from."""

    period: Period
    settings: Settings
    verksamheter: tuple[Verksamhet, ...]
    economy: Economy
    content: Content = field(default_factory=Content)
    kind: ReportKind = DEFAULT
    history: tuple[EarlierForecast, ...] = ()  # the year's earlier forecasts, oldest first
