"""Every check across cells, in one place. Each `check_*` returns every finding; none stops.

Reading already reports what is wrong in a single cell; these checks look across cells,
sheets and workbooks: stated totals against their rows, the ram against the budget rows,
placeholders and table references in the texts. A finding is a code with fields
(`issues.finding`); its Swedish sentence lives in `messages`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from generator.compute import ComputedOwnTable, EconomyFigures, own_table
from generator.formatting import format_number, round_half_away
from generator.issues import Issue, Severity, SourceRef, finding
from generator.markup import TableRef, parse
from generator.model import OwnTable, ReportInput, Settings, Text
from generator.tables import UNIT_FACTORS

Check = Callable[[ReportInput, EconomyFigures], list[Issue]]
WARNING, ERROR = Severity.WARNING, Severity.ERROR


def tolerance(decimals: int) -> Decimal:
    """A stated figure may differ from the computed one by one unit of the last shown digit."""
    return Decimal(1).scaleb(-decimals)


def _cells(refs: list[SourceRef]) -> SourceRef | None:
    """One reference for several cells of a sheet: "B2:B3" when adjacent, else "B2, B5"."""
    if not refs or len({(r.file, r.sheet) for r in refs}) != 1:
        return None
    cells = [r.cell for r in refs]
    rows = [int("".join(ch for ch in c if ch.isdigit())) for c in cells]
    cols = {"".join(ch for ch in c if ch.isalpha()) for c in cells}
    adjacent = len(cols) == 1 and rows == list(range(rows[0], rows[0] + len(rows)))
    text = f"{cells[0]}:{cells[-1]}" if adjacent and len(cells) > 1 else ", ".join(cells)
    return SourceRef(refs[0].file, refs[0].sheet, text)


def check_varav(report: ReportInput, figs: EconomyFigures) -> list[Issue]:
    """The varav rows (kostnader + intäkter) must add up to the total including egen regi."""
    varav = report.economy.varav
    if not varav:
        return []
    d = report.settings.decimals
    total = figs.year.net_incl
    issues = []
    names = " + ".join(v.label.lower() for v in varav)
    for i, (attr, column) in enumerate((("outcome", "Prognos helår"), ("budget", "Budget helår"),
                                        ("comparison", "Bokslut föregående år"))):
        stated = sum((getattr(v.figures, attr) for v in varav), Decimal(0))
        computed = getattr(total, attr)
        if abs(stated - computed) > tolerance(d):
            ref = _cells([v.figures.cells[i] for v in varav if len(v.figures.cells) > i]
                         ) or varav[0].figures.ref
            issues.append(finding(
                WARNING, ref, "varav_sum", column=column, names=names,
                stated=format_number(stated, d),
                total_label=report.settings.sum_incl_label.lower(),
                computed=format_number(computed, d), diff=format_number(stated - computed, d)))
    return issues


def _in_report_unit(table: OwnTable, value: Decimal, settings: Settings) -> Decimal:
    unit = table.input_unit or settings.input_unit
    return value * UNIT_FACTORS[unit] / UNIT_FACTORS[settings.report_unit]


def check_ram(report: ReportInput, figs: EconomyFigures) -> list[Issue]:
    """A decided ram (the setting, or a ram table's closing Summa) against the budget rows.

    Published documents have shown rows that add up to more than the printed ram; the
    report must not repeat that unnoticed.
    """
    s = report.settings
    budget = figs.year.net_incl.budget
    stated: list[tuple[Decimal, str, SourceRef | None]] = []
    if s.ram is not None:
        stated.append((s.ram, "Beslutad ram i installningar.xlsx", None))
    for table in report.content.own_tables:
        closing = own_table(table).last_sum() if table.ram else None
        if closing is not None:
            stated.append((_in_report_unit(table, closing, s), f"ramen i tabellen {table.id}",
                           table.ref))
    return [finding(WARNING, ref, "ram_budget", budget=format_number(budget, s.decimals),
                    unit=s.report_unit, source=source, ram=format_number(ram, s.decimals),
                    diff=format_number(budget - ram, s.decimals))
            for ram, source, ref in stated
            if format_number(ram, s.decimals) != format_number(budget, s.decimals)]


def own_table_decimals(table: OwnTable, settings: Settings) -> int:
    return table.decimals if table.decimals is not None else settings.decimals


def shown_factor(table: OwnTable, settings: Settings) -> Decimal:
    """Input unit → the unit the table shows."""
    return (UNIT_FACTORS[table.input_unit or settings.input_unit]
            / UNIT_FACTORS[table.unit or settings.report_unit])


def check_own_sums(report: ReportInput, figs: EconomyFigures) -> list[Issue]:
    """A sum typed into an own table that is not the sum of its rows, as shown."""
    issues = []
    s = report.settings
    for table in report.content.own_tables:
        computed: ComputedOwnTable = own_table(table)
        d = own_table_decimals(table, s)
        factor = shown_factor(table, s)
        for m in computed.mismatches:
            total = format_number(m.computed * factor, d)
            if isinstance(m.stated, str):
                issues.append(finding(WARNING, m.ref, "own_sum_text", table=table.id,
                                      row=m.row, column=m.column, stated=m.stated,
                                      computed=total))
                continue
            typed = format_number(m.stated * factor, d)
            if typed != total:
                issues.append(finding(WARNING, m.ref, "own_sum", table=table.id, row=m.row,
                                      column=m.column, stated=typed, computed=total,
                                      diff=format_number((m.stated - m.computed) * factor, d)))
    return issues


def _table_refs(texts: list[Text]) -> Iterator[tuple[Text, str]]:
    for text in texts:
        for block in parse(text.text):
            if isinstance(block, TableRef):
                yield text, block.table_id


def check_table_refs(report: ReportInput, figs: EconomyFigures) -> list[Issue]:
    """`[tabell T1]` names an own table; every own table is placed, once."""
    tables = {t.id.casefold(): t for t in report.content.own_tables}
    known = ", ".join(t.id for t in report.content.own_tables) or "inga"
    issues = []
    placed: set[str] = set()
    for text, table_id in _table_refs(report.content.free_texts()):
        key = table_id.casefold()
        if key not in tables:
            issues.append(finding(ERROR, text.ref, "table_unknown", id=table_id, known=known))
        elif key in placed:
            issues.append(finding(WARNING, text.ref, "table_twice", id=table_id))
        placed.add(key)
    for key, table in tables.items():
        if key not in placed:
            issues.append(finding(WARNING, table.ref, "table_unplaced", id=table.id))
    return issues


CHECKS: tuple[Check, ...] = (check_varav, check_ram, check_own_sums, check_table_refs)


def validate(report: ReportInput, figs: EconomyFigures) -> list[Issue]:
    issues: list[Issue] = []
    for check in CHECKS:
        issues.extend(check(report, figs))
    return issues


def check_placeholders(report: ReportInput, names: dict[str, Decimal]) -> list[Issue]:
    """Every `{name}` in a text must be a known figure; report each with its cell."""
    from difflib import get_close_matches

    from generator.markup import fill_placeholders, malformed_placeholders

    issues = []
    listing = f"generate talnamn --period {report.period.slug}"
    by_lower = {n.lower(): n for n in names}
    for text in report.content.free_texts():
        _, unknown = fill_placeholders(text.text, names, report.settings.decimals)
        for name in unknown:
            close = [by_lower[c] for c in get_close_matches(name.lower(), by_lower, n=3,
                                                            cutoff=0.75)]
            hint = f" Menade du {' eller '.join('{' + c + '}' for c in close)}?" if close else ""
            issues.append(finding(ERROR, text.ref, "placeholder_unknown", name=name,
                                  listing=listing, hint=hint))
        for snippet in malformed_placeholders(text.text):
            issues.append(finding(ERROR, text.ref, "placeholder_malformed", snippet=snippet,
                                  listing=listing))
    return issues


_UNIT_OF_WORD = {"mnkr": "mnkr", "mkr": "mnkr", "miljoner kronor": "mnkr", "miljoner": "mnkr",
                 "miljarder kronor": "mdkr", "miljarder": "mdkr", "tkr": "tkr",
                 "tusen kronor": "tkr", "kronor": "kr", "kr": "kr"}
_FACTORS = {**UNIT_FACTORS, "mdkr": Decimal(1_000_000_000)}


def _literal_value(number: str, unit: str | None, settings: Settings) -> tuple[Decimal, int]:
    """A literal amount in the report's unit (signed as written; without a sign, positive)
    and the decimals it was written with."""
    text = number.replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
    text = text.replace("\u2013", "-").replace(",", ".")
    value = Decimal(text)
    decimals = len(text.split(".")[1]) if "." in text else 0
    if unit:
        words = " ".join(unit.split()).casefold()
        factor = _FACTORS[_UNIT_OF_WORD.get(words, settings.report_unit)]
        value = value * factor / UNIT_FACTORS[settings.report_unit]
    return value, decimals


def check_literal_amounts(report: ReportInput, names: dict[str, Decimal]) -> list[Issue]:
    """An amount typed into a text that is no figure the report computes: most often a
    copy of a table figure that has gone stale. Names the nearest figure by name, and how
    to say that a typed amount is meant ({121,8})."""
    from generator.markup import LITERAL_AMOUNT, PLACEHOLDER, STATED

    s = report.settings
    figures = list(names.items())
    for table in report.content.own_tables:  # an own table's figures may be quoted too
        figures.extend((f"tabell {table.id}", _in_report_unit(table, cell, s))
                       for _, cells in own_table(table).rows for cell in cells
                       if isinstance(cell, Decimal))
    if not figures:
        return []
    issues = []
    for text in report.content.free_texts():
        plain = PLACEHOLDER.sub(" ", STATED.sub(" ", text.text))
        for match in LITERAL_AMOUNT.finditer(plain):
            number, unit = match.group("number"), match.group("unit")
            if "," not in number and not unit:
                continue  # a count or a year, not an amount
            value, decimals = _literal_value(number, unit, s)
            # "ett underskott på 53,2" names a figure without its sign: compare sizes
            if any(round_half_away(abs(f), decimals) == abs(value) for _, f in figures):
                continue
            signed = number.lstrip()[:1] in "+-\u2212\u2013"
            # "+18,6" is a deviation: the nearest deviation is the likely source
            pool = [(n, f) for n, f in figures if n.endswith(".avvikelse")] if signed else []
            name, nearest = min(pool or figures, key=lambda item: abs(
                (item[1] if signed else abs(item[1])) - (value if signed else abs(value))))
            shown_name = name if name.startswith("tabell ") else "{" + name + "}"
            issues.append(finding(WARNING, text.ref, "literal_amount",
                                  literal=" ".join(match.group(0).split()),
                                  name=shown_name,
                                  value=format_number(nearest, s.decimals),
                                  stated="{" + number.strip() + "}"))
    return issues
