"""Derived figures: deviations, sums and the summary tables. Pure functions, no I/O.

Avvikelse = Budget − Redovisat (or − Prognos): positive is better than budget. Every sum and
every deviation is computed from unrounded values; only `formatting` rounds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from generator.model import DriftRow, Economy, Figures, InvestmentRow, Settings

ZERO = Decimal(0)


@dataclass(frozen=True)
class Line:
    """One table row: a label, its cells and how it is styled ("row", "sum" or "varav")."""

    label: str
    cells: tuple[Decimal | None, ...]
    style: str = "row"


def deviation(budget: Decimal, outcome: Decimal) -> Decimal:
    return budget - outcome


def total(figures: Iterable[Figures]) -> Figures:
    items = list(figures)
    return Figures(
        sum((f.outcome for f in items), ZERO),
        sum((f.budget for f in items), ZERO),
        sum((f.comparison for f in items), ZERO),
    )


def drift_line(label: str, f: Figures, style: str = "row") -> Line:
    """Columns: outcome, budget, avvikelse, comparison (the reference's order)."""
    return Line(label, (f.outcome, f.budget, deviation(f.budget, f.outcome), f.comparison), style)


@dataclass(frozen=True)
class DriftSummary:
    lines: tuple[Line, ...]
    net: Figures          # Summa nettokostnader
    net_incl: Figures     # Summa inklusive egen regi (= net when there is no such row)


def drift_table(rows: Iterable[DriftRow], settings: Settings,
                varav: Iterable[tuple[str, Figures]] = ()) -> DriftSummary:
    rows = list(rows)
    regular = [r for r in rows if not r.verksamhet.is_own_operations]
    own = [r for r in rows if r.verksamhet.is_own_operations]
    lines = [drift_line(r.verksamhet.label, r.figures) for r in regular]
    net = total(r.figures for r in regular)
    lines.append(drift_line(settings.sum_label, net, "sum"))
    net_incl = net
    if own:
        lines.extend(drift_line(r.verksamhet.label, r.figures) for r in own)
        net_incl = total([net, *(r.figures for r in own)])
        lines.append(drift_line(settings.sum_incl_label, net_incl, "sum"))
    lines.extend(drift_line(label, f, "varav") for label, f in varav)
    return DriftSummary(tuple(lines), net, net_incl)


@dataclass(frozen=True)
class InvestmentSummary:
    lines: tuple[Line, ...]
    forecast_net: Decimal
    frame: Decimal


def investment_line(label: str, r: InvestmentRow, style: str = "row") -> Line:
    net = r.forecast_spend - r.forecast_income
    return Line(label, (r.actual_spend, r.actual_income, r.forecast_spend, r.forecast_income,
                        net, r.frame, r.frame - net), style)


def investment_table(rows: Iterable[InvestmentRow], sum_label: str) -> InvestmentSummary:
    rows = list(rows)
    summed = InvestmentRow(
        sum_label,
        sum((r.actual_spend for r in rows), ZERO),
        sum((r.actual_income for r in rows), ZERO),
        sum((r.forecast_spend for r in rows), ZERO),
        sum((r.forecast_income for r in rows), ZERO),
        sum((r.frame for r in rows), ZERO),
    )
    lines = [investment_line(r.name, r) for r in rows]
    lines.append(investment_line(sum_label, summed, "sum"))
    return InvestmentSummary(
        tuple(lines), summed.forecast_spend - summed.forecast_income, summed.frame
    )


@dataclass(frozen=True)
class EconomyFigures:
    """Every computed economy table of the report."""

    utfall: DriftSummary
    prognos: DriftSummary
    investments: InvestmentSummary
    overview: tuple[Line, ...]


def economy_figures(economy: Economy, settings: Settings,
                    investment_sum_label: str = "Summa investeringar") -> EconomyFigures:
    utfall = drift_table(economy.utfall, settings)
    prognos = drift_table(
        economy.prognos, settings, [(f"varav {v.label.lower()}", v.figures)
                                    for v in economy.varav]
    )
    investments = investment_table(economy.investments, investment_sum_label)
    overview = (
        Line("Verksamhetens nettokostnader", (
            prognos.net_incl.outcome, prognos.net_incl.budget,
            deviation(prognos.net_incl.budget, prognos.net_incl.outcome),
            economy.previous.drift_deviation)),
        Line("Investeringar, netto", (
            investments.forecast_net, investments.frame,
            deviation(investments.frame, investments.forecast_net),
            economy.previous.investment_deviation)),
    )
    return EconomyFigures(utfall, prognos, investments, overview)


def slug(text: str) -> str:
    """A placeholder-friendly key: lower case, å/ä/ö kept as a/a/o, other signs as "_"."""
    table = str.maketrans("åäöÅÄÖéÉ", "aaoaaoee")
    out = "".join(ch if ch.isalnum() else "_" for ch in text.translate(table).lower())
    return "_".join(part for part in out.split("_") if part)


def named_figures(economy: Economy, figs: EconomyFigures) -> dict[str, Decimal]:
    """Every figure a text may quote by name, unrounded: `{utfall.569.avvikelse}` etc."""
    names: dict[str, Decimal] = {}

    def put(prefix: str, f: Figures, outcome: str, comparison: str) -> None:
        names[f"{prefix}.{outcome}"] = f.outcome
        names[f"{prefix}.budget"] = f.budget
        names[f"{prefix}.avvikelse"] = deviation(f.budget, f.outcome)
        names[f"{prefix}.{comparison}"] = f.comparison

    put("resultat", figs.utfall.net_incl, "redovisat", "foregaende")
    put("resultat.netto", figs.utfall.net, "redovisat", "foregaende")
    put("prognos", figs.prognos.net_incl, "helar", "bokslut")
    put("prognos.netto", figs.prognos.net, "helar", "bokslut")
    for table, rows, outcome, comparison in (
        ("utfall", economy.utfall, "redovisat", "foregaende"),
        ("prognos", economy.prognos, "prognos", "bokslut"),
    ):
        for row in rows:
            v = row.verksamhet
            keys = [v.code or slug(v.name)] + (["egen_regi"] if v.is_own_operations else [])
            for key in keys:
                put(f"{table}.{key}", row.figures, outcome, comparison)
    inv = figs.investments.lines[-1].cells
    names["investeringar.redovisat"] = (inv[0] or ZERO) - (inv[1] or ZERO)
    names["investeringar.prognos"] = figs.investments.forecast_net
    names["investeringar.ram"] = figs.investments.frame
    names["investeringar.avvikelse"] = figs.investments.frame - figs.investments.forecast_net
    if economy.previous.drift_deviation is not None:
        names["forra_prognosen.avvikelse"] = economy.previous.drift_deviation
    return names
