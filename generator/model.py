"""The domain, as frozen dataclasses: what the workbooks say, in the report's unit.

Amounts are `Decimal` from reading to formatting; nothing here is rounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.issues import SourceRef
from generator.period import Period


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


@dataclass(frozen=True)
class Verksamhet:
    """A row of the driftsammandrag; `kind` is "Verksamhet" or "Egen regi"."""

    code: str | None
    name: str
    kind: str
    ref: SourceRef

    @property
    def key(self) -> str:
        return self.code or self.name

    @property
    def label(self) -> str:
        return f"{self.code} - {self.name}" if self.code else self.name

    @property
    def is_own_operations(self) -> bool:
        return self.kind == "Egen regi"


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


@dataclass(frozen=True)
class VaravRow:
    label: str
    figures: Figures


@dataclass(frozen=True)
class InvestmentRow:
    name: str
    actual_spend: Decimal
    actual_income: Decimal
    forecast_spend: Decimal
    forecast_income: Decimal
    frame: Decimal
    ref: SourceRef | None = None


@dataclass(frozen=True)
class PreviousForecast:
    drift_deviation: Decimal | None
    investment_deviation: Decimal | None


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
    area: str
    name: str
    intro: Text | None
    body: Text | None
    assessment: str
    ref: SourceRef


@dataclass(frozen=True)
class Assignment:
    group: str
    text: str
    note: str | None
    status: str


@dataclass(frozen=True)
class TableRow:
    """A row of a verbatim table (volymtal, personal): label, optional footnote, cells."""

    label: str
    footnote: str | None
    cells: tuple[str, ...]


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


@dataclass(frozen=True)
class Content:
    """The report's non-economy parts: texts, goals, assignments, volumes, indicators."""

    texts: dict[str, Text] = field(default_factory=dict)
    goals: tuple[Goal, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    volumes: tuple[TableRow, ...] = ()
    personnel: tuple[TableRow, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    header_overrides: dict[tuple[str, str], str] = field(default_factory=dict)

    def free_texts(self) -> list[Text]:
        """Every text written with markup: the sections, then goal intros and bodies.

        The texts that may hold `{figure}` placeholders, `[diagram Id]` lines and drafts.
        """
        return [*self.texts.values(),
                *(t for g in self.goals for t in (g.intro, g.body) if t is not None)]


@dataclass(frozen=True)
class ReportInput:
    """Everything one report is made from."""

    period: Period
    settings: Settings
    verksamheter: tuple[Verksamhet, ...]
    economy: Economy
    content: Content = field(default_factory=Content)
