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
class ReportInput:
    """Everything one report is made from."""

    period: Period
    settings: Settings
    verksamheter: tuple[Verksamhet, ...]
    economy: Economy
    sources: tuple[str, ...] = field(default=())
