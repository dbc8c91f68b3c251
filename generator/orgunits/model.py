"""The unit round trip's data: who forecasts which report rows, and what came back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from generator.issues import SourceRef
from generator.model import Verksamhet
from generator.period import Period


@dataclass(frozen=True)
class Unit:
    """An enhet that forecasts its own part of the nämnd's rows (enheter.xlsx › Enheter)."""

    id: str
    name: str
    manager: str
    email: str | None
    analysis: bool
    goals: tuple[str, ...]
    ref: SourceRef  # its Id cell
    goals_ref: SourceRef | None = None

    @property
    def label(self) -> str:
        return f"{self.id} {self.name}"

    @property
    def contact(self) -> str:
        """ "Karin Berg, karin.berg@kommun.se" for the list of missing units."""
        return f"{self.manager}, {self.email}" if self.email else self.manager


@dataclass(frozen=True)
class UnitLine:
    """One report row an enhet's forecast adds to, with the amounts shown to the enhet."""

    unit_id: str
    row: Verksamhet
    budget: Decimal
    actual: Decimal | None
    previous: Decimal | None
    ref: SourceRef  # the row on enheter.xlsx › Belopp


@dataclass(frozen=True)
class UnitSetup:
    """Everything `utskick` and `samla` need about one nämnd's units for one period."""

    namnd_key: str  # the nämnd's folder name under inputs/
    namnd: str
    kommun: str
    period: Period
    folder: Path
    input_unit: str
    units: tuple[Unit, ...]
    lines: tuple[UnitLine, ...]
    assessments: tuple[str, ...]  # the bedömning scale, for the goals' dropdown
    deadline: str | None = None
    contact: str | None = None
    threshold: Decimal = Decimal(10)  # percent of budget helår, see collect.plausibility

    def lines_of(self, unit_id: str) -> list[UnitLine]:
        return [line for line in self.lines if line.unit_id == unit_id]

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    @property
    def rows_with_units(self) -> list[Verksamhet]:
        """The report rows whose forecast is the sum of their units', in report order."""
        seen: dict[str, Verksamhet] = {}
        for line in self.lines:
            seen.setdefault(line.row.key, line.row)
        return list(seen.values())


@dataclass(frozen=True)
class SentLine:
    """A pre-filled row as the workbook was sent out (its hidden sheet Kontroll)."""

    key: str
    budget: Decimal | None
    actual: Decimal | None
    previous: Decimal | None


@dataclass
class Answer:
    """One returned workbook, read: the enhet's forecasts, comments and texts."""

    path: Path
    namnd_key: str
    unit_id: str
    period: str
    sent: dict[str, SentLine] = field(default_factory=dict)
    forecasts: dict[str, tuple[Decimal, SourceRef]] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    # (subject: "Analys" or "Nämndmål: …", bedömning, text)
    texts: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    saved: datetime | None = None  # when Excel (or LibreOffice) last saved it
    mtime: float = 0.0
    filled: bool = False  # nothing filled in (yet): the enhet has not answered
    ok: bool = True      # False: an error was found; the answer is not used

    @property
    def order(self) -> tuple[float, float]:
        """Which of two answers from one enhet is the later one."""
        return (self.saved.timestamp() if self.saved else 0.0, self.mtime)
