"""Derived figures: deviations, sums and the economy tables. Pure functions, no I/O.

Avvikelse = Budget − Redovisat (or − Prognos): positive is better than budget. Every sum and
every deviation is computed from unrounded values; only `formatting` rounds. Which columns a
table has, and what each computes, comes from its `TableSpec`; this module decides which rows
a table has and what its sum rows add up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from generator.issues import SourceRef
from generator.kinds import DEFAULT, ReportKind
from generator.model import (
    HEADING,
    OWN,
    OWN_HEADING,
    OWN_ROW,
    OWN_SUBTOTAL,
    OWN_SUM,
    ROW,
    SUB,
    VARAV,
    DriftRow,
    Economy,
    Figures,
    InvestmentRow,
    OwnTable,
    Settings,
    Verksamhet,
)
from generator.tables import (
    INVESTMENT_FIELDS,
    PROGNOS_FIELDS,
    UTFALL_FIELDS,
    CellKind,
    TableSpec,
    Value,
    evaluate,
    slug,
    sum_fields,
)

ZERO = Decimal(0)

# Row styles of a computed table; the table writer turns them into the template's look.
STYLE_ROW = "row"          # an ordinary row
STYLE_SUB = "sub"          # indented under the row above, summed like it
STYLE_PART = "part"        # a "varav" part of the row above: indented, italic, not summed
STYLE_SUM = "sum"          # a computed sum: bold
STYLE_VARAV = "varav"      # the total split into kostnader and intäkter: italic
STYLE_HEADING = "heading"  # a heading row across the table, no figures
STYLE_NOTE = "note"        # a note row across the table


@dataclass(frozen=True)
class Line:
    """One table row: a label, its cells by column key (unrounded), its style and its key.

    `key` names the row for figure names and later updates: a verksamhet's code, "summa" …
    """

    label: str
    values: Mapping[str, Value] = field(default_factory=dict)
    style: str = STYLE_ROW
    key: str | None = None


@dataclass(frozen=True)
class ComputedTable:
    spec: TableSpec
    lines: tuple[Line, ...]

    def line(self, key: str) -> Line | None:
        return next((line for line in self.lines if line.key == key), None)


def deviation(budget: Decimal, outcome: Decimal) -> Decimal:
    return budget - outcome


def total(figures: Iterable[Figures]) -> Figures:
    items = list(figures)
    return Figures(
        sum((f.outcome for f in items), ZERO),
        sum((f.budget for f in items), ZERO),
        sum((f.comparison for f in items), ZERO),
    )


def drift_fields(row: DriftRow, names: Sequence[str]) -> dict[str, Value]:
    """A drift row's fields by name: the three figures under the table's names, and the
    sheet's extra columns."""
    f = row.figures
    return {**row.extra, names[0]: f.outcome, names[1]: f.budget, names[2]: f.comparison}


def figures_fields(f: Figures, names: Sequence[str]) -> dict[str, Value]:
    return {names[0]: f.outcome, names[1]: f.budget, names[2]: f.comparison}


@dataclass(frozen=True)
class DriftSummary:
    table: ComputedTable
    net: Figures            # Summa nettokostnader
    net_incl: Figures       # Summa inklusive egen regi (= net when there is no such row)
    own: Figures | None     # the egen regi rows together; None when there are none
    own_line: Line | None = None  # their sum row (not shown), for `{utfall.egen_regi.*}`
    hidden: tuple[Line, ...] = ()  # parts not shown in the table, quotable by name
    groups: Mapping[str, Line] = field(default_factory=dict)  # Grupper: quotable totals

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.table.lines


_ROW_STYLES = {ROW: STYLE_ROW, OWN: STYLE_ROW, SUB: STYLE_SUB, VARAV: STYLE_PART}


def drift_table(rows: Sequence[DriftRow], settings: Settings, spec: TableSpec,
                names: Sequence[str],
                varav: Iterable[tuple[str, Figures, Mapping[str, Value]]] = (),
                verksamheter: Sequence[Verksamhet] | None = None) -> DriftSummary:
    """The driftsammandrag: rows in the settings' order, Summa nettokostnader, the egen regi
    rows and Summa inklusive egen regi, then the varav split of the total.

    Verksamhet and Delrad rows are summed; a Varav row is a part of the row above and never
    summed; an Egen regi row starts the egen regi section (its Delrad and Varav rows follow
    it), which comes after Summa nettokostnader wherever it stands in the list. A row that
    others are part of ("Ingår i") is their sum, its shown parts indented under it.
    """
    order = list(verksamheter) if verksamheter is not None else [r.verksamhet for r in rows]
    by_key = {r.verksamhet.key: r for r in rows}
    parts: dict[str, list[DriftRow]] = {}
    for r in rows:
        if r.verksamhet.part_of:
            parts.setdefault(r.verksamhet.part_of, []).append(r)
    for v in order:  # a whole is the sum of its parts, in figures and in every field
        if v.is_sum_of_parts:
            members = parts.get(v.key, [])
            fields = sum_fields(r.extra for r in members)
            by_key[v.key] = DriftRow(v, total(r.figures for r in members), fields)
    sections: dict[bool, tuple[list[Line], list[DriftRow]]] = {False: ([], []), True: ([], [])}
    hidden: list[Line] = []
    own_section = False
    for v in order:
        if v.part_of:
            continue  # placed under its whole
        if v.kind == OWN:
            own_section = True
        elif v.kind in (ROW, HEADING):
            own_section = False
        lines, summed = sections[own_section]
        if v.kind == HEADING:
            lines.append(Line(v.label, {}, STYLE_HEADING, v.figure_key))
            continue
        row = by_key.get(v.key)
        if row is None:
            continue
        lines.append(Line(v.label, evaluate(spec, drift_fields(row, names)),
                          _ROW_STYLES.get(v.kind, STYLE_ROW), v.figure_key))
        for part in parts.get(v.key, []):
            line = Line(part.verksamhet.label, evaluate(spec, drift_fields(part, names)),
                        STYLE_PART, part.verksamhet.figure_key)
            (lines if part.verksamhet.shown else hidden).append(line)
        if v.kind != VARAV:
            summed.append(row)
    main_lines, main_rows = sections[False]
    own_lines, own_rows = sections[True]
    net = total(r.figures for r in main_rows)
    out = [*main_lines, _sum_line(settings.sum_label, spec, names, main_rows, net, "summa")]
    own = own_line = None
    net_incl = net
    if own_rows or own_lines:
        own = total(r.figures for r in own_rows)
        own_line = _sum_line("", spec, names, own_rows, own, "egen_regi")
        net_incl = total([net, own])
        out.extend(own_lines)
        out.append(_sum_line(settings.sum_incl_label, spec, names, [*main_rows, *own_rows],
                             net_incl, "summa_inkl"))
    for label, f, extra in varav:
        out.append(Line(f"varav {label.lower()}",
                        evaluate(spec, {**extra, **figures_fields(f, names)}),
                        STYLE_VARAV, f"varav_{slug(label)}"))
    groups: dict[str, list[DriftRow]] = {}
    for v in order:
        row = by_key.get(v.key)
        for group in v.groups:
            if row is not None:
                groups.setdefault(slug(group), []).append(row)
    group_lines = {name: _sum_line(name, spec, names, members, total(r.figures for r in members),
                                   f"grupp_{name}")
                   for name, members in groups.items()}
    return DriftSummary(ComputedTable(spec, tuple(out)), net, net_incl, own, own_line,
                        tuple(hidden), group_lines)


def rows_as_shown(rows: Sequence[DriftRow], verksamheter: Sequence[Verksamhet]
                  ) -> tuple[DriftRow, ...]:
    """The rows a reader sees in the table, with figures: a row made of parts once (its
    parts' sum), its parts not again, and no Varav rows (they are parts too). For charts
    that draw one bar per row."""
    parts: dict[str, list[DriftRow]] = {}
    by_key = {r.verksamhet.key: r for r in rows}
    for r in rows:
        if r.verksamhet.part_of:
            parts.setdefault(r.verksamhet.part_of, []).append(r)
    out = []
    for v in verksamheter:
        if v.part_of or v.kind in (HEADING, VARAV):
            continue
        if v.is_sum_of_parts:
            members = parts.get(v.key, [])
            out.append(DriftRow(v, total(r.figures for r in members)))
        elif v.key in by_key:
            out.append(by_key[v.key])
    return tuple(out)


def _sum_line(label: str, spec: TableSpec, names: Sequence[str], rows: Sequence[DriftRow],
              figures: Figures, key: str) -> Line:
    """A sum row: every number field summed over the rows, then the columns evaluated on the
    sums (so a deviation of a sum is Budget − Redovisat of the sums, as in the reference)."""
    fields = sum_fields(drift_fields(r, names) for r in rows)
    fields.update(figures_fields(figures, names))
    return Line(label, evaluate(spec, fields), STYLE_SUM, key)


@dataclass(frozen=True)
class InvestmentSummary:
    table: ComputedTable
    forecast_net: Decimal
    frame: Decimal
    actual_net: Decimal

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.table.lines


def investment_fields(r: InvestmentRow) -> dict[str, Value]:
    values = (r.actual_spend, r.actual_income, r.forecast_spend, r.forecast_income, r.frame)
    return {**r.extra, **dict(zip(INVESTMENT_FIELDS, values, strict=True))}


def investment_table(rows: Iterable[InvestmentRow], spec: TableSpec,
                     sum_label: str | None = None) -> InvestmentSummary:
    rows = list(rows)
    label = sum_label or spec.labels.get("sum", "Summa")
    lines = [Line(r.name, evaluate(spec, investment_fields(r)), STYLE_ROW, slug(r.name))
             for r in rows]
    summed = sum_fields(investment_fields(r) for r in rows)
    lines.append(Line(label, evaluate(spec, summed), STYLE_SUM, "summa"))

    def field_sum(name: str) -> Decimal:
        value = summed.get(name)
        return value if isinstance(value, Decimal) else ZERO

    return InvestmentSummary(
        ComputedTable(spec, tuple(lines)),
        field_sum("prognos_utgifter") - field_sum("prognos_inkomster"),
        field_sum("ram"),
        field_sum("utgifter") - field_sum("inkomster"),
    )


@dataclass(frozen=True)
class EconomyFigures:
    """Every computed economy table of the report.

    A verksamhetsberättelse has no forecast (`prognos` is None): its `utfall` is the year.
    """

    utfall: DriftSummary
    prognos: DriftSummary | None
    investments: InvestmentSummary
    overview: ComputedTable

    @property
    def year(self) -> DriftSummary:
        """The full year: the forecast, or the outcome once the year is over."""
        return self.prognos if self.prognos is not None else self.utfall


def overview_table(spec: TableSpec, utfall: DriftSummary, prognos: DriftSummary | None,
                   investments: InvestmentSummary, economy: Economy) -> ComputedTable:
    """Ekonomi i korthet: the year's net costs and net investments against budget, as
    forecast (or, for a verksamhetsberättelse, as the outcome), and the outcome so far."""
    year = prognos if prognos is not None else utfall
    rows: tuple[tuple[str, dict[str, Value]], ...] = (
        ("drift", {"prognos": prognos.net_incl.outcome if prognos is not None else None,
                   "redovisat": utfall.net_incl.outcome, "budget": year.net_incl.budget,
                   "foregaende_rapport": economy.previous.drift_deviation}),
        ("investeringar", {
            "prognos": investments.forecast_net if prognos is not None else None,
            "redovisat": investments.actual_net, "budget": investments.frame,
            "foregaende_rapport": economy.previous.investment_deviation}),
    )
    lines = tuple(Line(spec.labels.get(key, key), evaluate(spec, fields), STYLE_ROW, key)
                  for key, fields in rows)
    return ComputedTable(spec, lines)


def economy_figures(economy: Economy, settings: Settings,
                    verksamheter: Sequence[Verksamhet] | None = None,
                    kind: ReportKind = DEFAULT) -> EconomyFigures:
    """The economy tables of the kind (a verksamhetsberättelse: the year's, no forecast)."""
    ids = kind.tables
    forecast = kind.forecast
    utfall = drift_table(economy.utfall, settings, settings.table(ids["utfall"]), UTFALL_FIELDS,
                         verksamheter=verksamheter)
    prognos = drift_table(
        economy.prognos, settings, settings.table("prognos"), PROGNOS_FIELDS,
        [(v.label, v.figures, v.extra) for v in economy.varav],
        verksamheter=verksamheter) if forecast else None
    investments = investment_table(economy.investments, settings.table(ids["investeringar"]))
    overview = overview_table(settings.table(ids["oversikt"]), utfall, prognos, investments,
                              economy)
    return EconomyFigures(utfall, prognos, investments, overview)


def shown_value(spec: TableSpec, column_key: str, value: Decimal, settings: Settings
                ) -> Decimal:
    """A money value with the sign the table prints: amounts of a cost-signed table are
    negated when the kommun prints costs negative; deviations never are."""
    column = spec.column(column_key)
    if column.kind is CellKind.AMOUNT and spec.cost_signed and settings.costs_negative:
        return -value
    return value


def named_figures(economy: Economy, figs: EconomyFigures,
                  settings: Settings | None = None) -> dict[str, Decimal]:
    """Every figure a text may quote by name, unrounded, signed as the tables print them.

    `{utfall.569.avvikelse}`: table, row (code, or the name as `slug`), column key; the sum
    rows as `{resultat.*}` / `{resultat.netto.*}` (utfall) and `{prognos.*}` /
    `{prognos.netto.*}` (forecast, where the forecast column is called `helar`).
    """
    settings = settings or Settings("", "", "mnkr", "mnkr", 1, "", "", "")
    names: dict[str, Decimal] = {}

    def put_line(prefix: str, table: ComputedTable, line: Line | None,
                 rename: Mapping[str, str] | None = None) -> None:
        if line is None:
            return
        for column in table.spec.columns:
            value = line.values.get(column.key)
            if column.kind.is_number and isinstance(value, Decimal):
                name = (rename or {}).get(column.key, column.key)
                names[f"{prefix}.{name}"] = shown_value(table.spec, column.key, value,
                                                         settings)

    u = figs.utfall.table
    put_line("resultat", u, u.line("summa_inkl") or u.line("summa"))
    put_line("resultat.netto", u, u.line("summa"))
    summaries = [("utfall", figs.utfall)]
    if figs.prognos is not None:
        p = figs.prognos.table
        put_line("prognos", p, p.line("summa_inkl") or p.line("summa"), {"prognos": "helar"})
        put_line("prognos.netto", p, p.line("summa"), {"prognos": "helar"})
        summaries.append(("prognos", figs.prognos))
    for prefix, summary in summaries:
        table = summary.table
        for line in table.lines:
            if line.key and line.style in (STYLE_ROW, STYLE_SUB, STYLE_PART):
                put_line(f"{prefix}.{line.key}", table, line)
        for line in summary.hidden:
            put_line(f"{prefix}.{line.key}", table, line)
        put_line(f"{prefix}.egen_regi", table, summary.own_line)
        for name, line in summary.groups.items():
            put_line(f"{prefix}.grupp.{name}", table, line)
    inv = figs.investments
    names["investeringar.redovisat"] = inv.actual_net
    if figs.prognos is not None:
        names["investeringar.prognos"] = inv.forecast_net
    names["investeringar.ram"] = inv.frame
    # Against the ram: the forecast, or the outcome once the year is over.
    year_net = inv.forecast_net if figs.prognos is not None else inv.actual_net
    names["investeringar.avvikelse"] = inv.frame - year_net
    if economy.previous.drift_deviation is not None:
        names["forra_prognosen.avvikelse"] = economy.previous.drift_deviation
    return names


# -- own tables ----------------------------------------------------------------------------
@dataclass(frozen=True)
class OwnMismatch:
    """A sum row's stated amount that is not the sum of its rows."""

    row: str
    column: str
    stated: Decimal | str
    computed: Decimal
    ref: SourceRef


@dataclass(frozen=True)
class ComputedOwnTable:
    table: OwnTable
    numeric: tuple[bool, ...]            # per column: its Rad cells are amounts
    rows: tuple[tuple[str, tuple[Value, ...]], ...]  # (kind, cells), sums computed
    mismatches: tuple[OwnMismatch, ...]

    def last_sum(self) -> Decimal | None:
        """The last Summa row's first amount: a ram table's closing ram (input unit)."""
        first = next((i for i, n in enumerate(self.numeric) if n), None)
        for kind, cells in reversed(self.rows):
            if kind == OWN_SUM and first is not None:
                value = cells[first]
                return value if isinstance(value, Decimal) else None
        return None


def own_table(table: OwnTable) -> ComputedOwnTable:
    """Sums of an own table: Summa adds every Rad above, Delsumma those since the last
    Rubrik, Delsumma or Summa. A stated sum is kept only to be compared; the computed one is
    shown."""
    width = len(table.headers)
    numeric = []
    for i in range(width):
        values = [r.cells[i].value for r in table.rows
                  if r.kind == OWN_ROW and i < len(r.cells) and r.cells[i].value is not None]
        numeric.append(bool(values) and all(isinstance(v, Decimal) for v in values))
    all_rows: list[list[Decimal]] = [[] for _ in range(width)]
    since: list[list[Decimal]] = [[] for _ in range(width)]
    out: list[tuple[str, tuple[Value, ...]]] = []
    mismatches: list[OwnMismatch] = []
    for row in table.rows:
        cells = [row.cells[i].value if i < len(row.cells) else None for i in range(width)]
        if row.kind == OWN_ROW:
            for i, value in enumerate(cells):
                if numeric[i] and isinstance(value, Decimal):
                    all_rows[i].append(value)
                    since[i].append(value)
        elif row.kind in (OWN_SUM, OWN_SUBTOTAL):
            source = all_rows if row.kind == OWN_SUM else since
            label = next((str(c) for c in cells if isinstance(c, str)), row.kind)
            for i in range(width):
                if not numeric[i]:
                    continue
                computed = sum(source[i], ZERO)
                stated = cells[i]
                if stated is not None and stated != computed:
                    mismatches.append(OwnMismatch(label, table.headers[i], stated, computed,
                                                  row.cells[i].ref))
                cells[i] = computed
            since = [[] for _ in range(width)]
        elif row.kind == OWN_HEADING:
            since = [[] for _ in range(width)]
        out.append((row.kind, tuple(cells)))
    return ComputedOwnTable(table, tuple(numeric), tuple(out), tuple(mismatches))
