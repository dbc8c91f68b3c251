"""Report tables described as data: one `TableSpec` per table, columns by name.

A spec says which columns a table has, in which order, what each column shows (a field read
from a workbook, or an expression over other columns such as `budget - redovisat`), how it
is formatted (kind, decimals) and its header and width. The same spec serves the computation
(`evaluate`), the template context (cells by name: `r.avvikelse`) and the table writer.

The defaults below reproduce the reference report. A kommun changes them with the sheets
Tabeller and Kolumner in installningar.xlsx (read by `excel/load.py`), never in Python.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, DivisionByZero, InvalidOperation
from enum import Enum

from generator.issues import SourceRef

Value = Decimal | str | None


class CellKind(Enum):
    """How a column's values are read, summed and shown."""

    AMOUNT = "belopp"        # money; in the table's unit; printed with the kommun's cost sign
    DEVIATION = "avvikelse"  # money where positive is better than budget; never sign-flipped
    PERCENT = "procent"      # a ratio × 100; not scaled by the unit
    COUNT = "antal"          # a plain number (goals per bedömning); not scaled
    TEXT = "text"            # shown verbatim; empty on sum rows

    @property
    def is_money(self) -> bool:
        return self in (CellKind.AMOUNT, CellKind.DEVIATION)

    @property
    def is_number(self) -> bool:
        return self is not CellKind.TEXT


KIND_NAMES = tuple(k.value for k in CellKind)


@dataclass(frozen=True)
class ColumnSpec:
    """One column: `value` is a field name or an expression over fields and earlier keys."""

    key: str
    header: str
    kind: CellKind = CellKind.AMOUNT
    value: str = ""
    width_cm: float | None = None
    group: str = ""  # shared header over consecutive columns ("Prognos 2024" over three)
    decimals: int | None = None
    ref: SourceRef | None = None  # the settings row that defined it, for messages

    @property
    def expression(self) -> str:
        return self.value or self.key


@dataclass(frozen=True)
class TableSpec:
    """A report table: its columns and how its figures are shown."""

    id: str
    columns: tuple[ColumnSpec, ...]
    label_header: str = ""
    label_width_cm: float | None = None
    unit: str | None = None      # None: the report's unit (Enhet i rapport)
    decimals: int | None = None  # None: the report's decimals
    cost_signed: bool = False    # amounts follow the setting Kostnader visas som
    labels: Mapping[str, str] = field(default_factory=dict)  # fixed row labels by role
    fields: tuple[str, ...] = ()  # the fields the workbooks give, for messages

    def column(self, key: str) -> ColumnSpec:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def keys(self) -> list[str]:
        return [c.key for c in self.columns]


def _col(key: str, header: str, kind: CellKind = CellKind.AMOUNT, value: str = "",
         width: float | None = None, group: str = "") -> ColumnSpec:
    return ColumnSpec(key, header, kind, value, width, group)


_A, _D, _T = CellKind.AMOUNT, CellKind.DEVIATION, CellKind.TEXT

# The fields each economy table's workbooks give (besides extra columns, by their headers).
UTFALL_FIELDS = ("redovisat", "budget", "foregaende")
PROGNOS_FIELDS = ("prognos", "budget", "bokslut")
INVESTMENT_FIELDS = ("utgifter", "inkomster", "prognos_utgifter", "prognos_inkomster", "ram")
OVERVIEW_FIELDS = ("prognos", "budget", "foregaende_rapport", "redovisat")
# A verksamhetsberättelse's tables: the year's outcome, no forecast.
YEAR_INVESTMENT_FIELDS = ("utgifter", "inkomster", "ram")
YEAR_OVERVIEW_FIELDS = ("redovisat", "budget", "foregaende_rapport")

DEFAULT_SPECS: dict[str, TableSpec] = {
    "oversikt": TableSpec(
        "oversikt",
        (_col("prognos", "Prognos helår", width=2.3),
         _col("budget", "Budget {period.year}", width=2.3),
         _col("avvikelse", "Avvikelse", _D, "budget - prognos", 2.0),
         _col("foregaende_rapport", "Avvikelse prognos helår, {previous_report}", _D, width=4.2)),
        label_width_cm=5.6, cost_signed=True, fields=OVERVIEW_FIELDS,
        labels={"drift": "Verksamhetens nettokostnader", "investeringar": "Investeringar, netto"},
    ),
    "utfall": TableSpec(
        "utfall",
        (_col("redovisat", "Redovisat {period.span}", width=2.4),
         _col("budget", "Budget {period.span}", width=2.4),
         _col("avvikelse", "Avvikelse", _D, "budget - redovisat", 2.2),
         _col("foregaende", "Redovisat samma period föregående år", width=2.8)),
        label_width_cm=6.6, cost_signed=True, fields=UTFALL_FIELDS,
    ),
    "prognos": TableSpec(
        "prognos",
        (_col("prognos", "Prognos helår", width=2.4),
         _col("budget", "Budget {period.year}", width=2.4),
         _col("avvikelse", "Avvikelse", _D, "budget - prognos", 2.2),
         _col("bokslut", "Bokslut {period.previous_year}", width=2.8)),
        label_width_cm=6.6, cost_signed=True, fields=PROGNOS_FIELDS,
    ),
    "investeringar": TableSpec(
        "investeringar",
        (_col("utgifter", "Utgifter", width=1.78, group="Redovisat {period.span}"),
         _col("inkomster", "Inkomster", width=1.78, group="Redovisat {period.span}"),
         _col("prognos_utgifter", "Utgifter", width=1.78, group="Prognos {period.year}"),
         _col("prognos_inkomster", "Inkomster", width=1.78, group="Prognos {period.year}"),
         _col("netto", "Netto", _A, "prognos_utgifter - prognos_inkomster", 1.78,
              group="Prognos {period.year}"),
         _col("ram", "Investeringsram {period.year}", width=2.55),
         _col("avvikelse", "Avvikelse", _D, "ram - netto", 1.65)),
        label_width_cm=3.3, fields=INVESTMENT_FIELDS,
        labels={"sum": "Summa investeringar"},
    ),
}

# The verksamhetsberättelse's economy tables: other tables than the forecast kinds', with
# the year's outcome where those have a forecast ("Utfall 2024, Budget 2024, Avvikelse,
# Utfall 2023"), so a kommun's columns for one never land in the other.
DEFAULT_SPECS.update({
    "arsoversikt": TableSpec(
        "arsoversikt",
        (_col("redovisat", "Utfall {period.year}", width=2.3),
         _col("budget", "Budget {period.year}", width=2.3),
         _col("avvikelse", "Avvikelse", _D, "budget - redovisat", 2.0),
         _col("foregaende_rapport", "Avvikelse enligt prognosen i {previous_report}", _D,
              width=4.2)),
        label_width_cm=5.6, cost_signed=True, fields=YEAR_OVERVIEW_FIELDS,
        labels={"drift": "Verksamhetens nettokostnader", "investeringar": "Investeringar, netto"},
    ),
    "arsutfall": TableSpec(
        "arsutfall",
        (_col("redovisat", "Utfall {period.year}", width=2.4),
         _col("budget", "Budget {period.year}", width=2.4),
         _col("avvikelse", "Avvikelse", _D, "budget - redovisat", 2.2),
         _col("foregaende", "Utfall {period.previous_year}", width=2.4)),
        label_width_cm=6.6, cost_signed=True, fields=UTFALL_FIELDS,
    ),
    "arsinvesteringar": TableSpec(
        "arsinvesteringar",
        (_col("utgifter", "Utgifter", width=2.0, group="Utfall {period.year}"),
         _col("inkomster", "Inkomster", width=2.0, group="Utfall {period.year}"),
         _col("netto", "Netto", _A, "utgifter - inkomster", 2.0, group="Utfall {period.year}"),
         _col("ram", "Investeringsram {period.year}", width=2.6),
         _col("avvikelse", "Avvikelse", _D, "ram - netto", 2.0)),
        label_width_cm=4.6, fields=YEAR_INVESTMENT_FIELDS,
        labels={"sum": "Summa investeringar"},
    ),
})

# Tables whose columns the settings may change (sheet Kolumner); the others' columns come
# from their own workbooks (volumes, indicators, own tables) or from the year's reports
# (the forecast's history).
CONFIGURABLE = tuple(DEFAULT_SPECS)

# Tables whose values the workbooks define; the settings may name their first column.
DEFAULT_SPECS.update({
    "volymer": TableSpec("volymer", (), label_header="Basuppdrag (volymmått)"),
    "personal": TableSpec("personal", (), label_header="Personal"),
    # One column per report of the year (generator/history.py); the settings may set their
    # unit, decimals and first column.
    "prognoshistorik": TableSpec("prognoshistorik", (), label_width_cm=5.6),
    "prognossakerhet": TableSpec("prognossakerhet", (), label_width_cm=5.6),
})
TABLE_IDS = tuple(DEFAULT_SPECS)

UNIT_FACTORS = {"kr": Decimal(1), "tkr": Decimal(1000), "mnkr": Decimal(1_000_000)}


def slug(text: str) -> str:
    """A name usable in expressions and placeholders: lower case, å/ä/ö as a/a/o, other
    signs as "_" ("Budget föregående år" → budget_foregaende_ar)."""
    table = str.maketrans("åäöÅÄÖéÉ", "aaoaaoee")
    out = "".join(ch if ch.isalnum() else "_" for ch in text.translate(table).lower())
    return "_".join(part for part in out.split("_") if part)


# -- expressions ----------------------------------------------------------------------------
class ExpressionError(ValueError):
    """A column's Värde is neither a known field nor a valid expression (Swedish message)."""


_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Load,
            ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd)


def names_in(expression: str) -> list[str]:
    """The field and column names an expression uses, checking that it is one we evaluate.

    Only + − × / , parentheses, numbers and names: a Värde cell is data, never code.
    """
    text = expression.replace("−", "-").replace("×", "*").strip()
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(
            f'"{expression}" är inget uttryck som programmet kan räkna ut; skriv ett namn '
            "eller till exempel budget - redovisat (tillåtet: + - * / och parenteser)") from exc
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ExpressionError(
                f'"{expression}" innehåller något annat än namn, tal och + - * /; skriv till '
                "exempel budget - redovisat eller avvikelse / budget * 100")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise ExpressionError(f'"{expression}": bara tal och namn får ingå')
    return [n.id for n in ast.walk(tree) if isinstance(n, ast.Name)]


def _eval(node: ast.AST, scope: Mapping[str, Value]) -> Decimal | None:
    if isinstance(node, ast.Expression):
        return _eval(node.body, scope)
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        value = scope.get(node.id)
        return value if isinstance(value, Decimal) else None
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, scope)
        if operand is None:
            return None
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, scope), _eval(node.right, scope)
        if left is None or right is None:
            return None
        try:
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            return left / right
        except (DivisionByZero, InvalidOperation, ZeroDivisionError):
            return None  # a percentage of a zero budget is shown as an empty cell
    raise ExpressionError(ast.dump(node))  # pragma: no cover - names_in refused it already


def is_field(column: ColumnSpec) -> bool:
    """True when the column shows a field as it is (no arithmetic)."""
    return re.fullmatch(r"[^\W\d]\w*", column.expression.strip()) is not None


def evaluate(spec: TableSpec, fields: Mapping[str, Value]) -> dict[str, Value]:
    """Every column's value for one row, from its fields; columns may use earlier columns.

    Unrounded and in the workbook's sign convention (costs positive); only the context
    scales, flips and rounds for display.
    """
    scope: dict[str, Value] = dict(fields)
    out: dict[str, Value] = {}
    for column in spec.columns:
        expression = column.expression.replace("−", "-").replace("×", "*").strip()
        if is_field(column):
            value = scope.get(expression)
        else:
            value = _eval(ast.parse(expression, mode="eval"), scope)
        if column.kind is CellKind.TEXT:
            value = None if value is None else str(value)
        elif value is not None and not isinstance(value, Decimal):
            value = None  # text in a number column: refused when the workbook was read
        out[column.key] = value
        scope[column.key] = value
    return out


def sum_fields(rows: Iterable[Mapping[str, Value]]) -> dict[str, Value]:
    """Field-wise sums of numbers (text fields are left out): what a sum row is made from."""
    total: dict[str, Value] = {}
    for row in rows:
        for name, value in row.items():
            if isinstance(value, Decimal):
                current = total.get(name)
                total[name] = (current if isinstance(current, Decimal) else Decimal(0)) + value
    return total


def check_spec(spec: TableSpec, available: Iterable[str]) -> list[tuple[ColumnSpec, str]]:
    """Problems in a spec's columns: unknown names, bad expressions. (column, message)."""
    known = set(available)
    problems: list[tuple[ColumnSpec, str]] = []
    for column in spec.columns:
        try:
            names = names_in(column.expression)
        except ExpressionError as exc:
            problems.append((column, str(exc)))
            known.add(column.key)
            continue
        unknown = [n for n in names if n not in known]
        if unknown:
            offered = ", ".join(sorted(known))
            problems.append((column, (
                f'okänt namn {", ".join(unknown)} i "{column.expression}"; förväntade ett av '
                f"{offered} (en kolumn kan bara använda kolumner till vänster om sig)")))
        known.add(column.key)
    return problems


_HEADER_NAME = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")


def fill_header(text: str, names: Mapping[str, str]) -> str:
    """`Budget {period.year}` → `Budget 2024`; an unknown name is left as written."""
    return _HEADER_NAME.sub(lambda m: names.get(m.group(1), m.group(0)), text)


def with_overrides(spec: TableSpec, *, columns: tuple[ColumnSpec, ...] | None = None,
                   unit: str | None = None, decimals: int | None = None,
                   label_header: str | None = None, label_width: float | None = None
                   ) -> TableSpec:
    """The spec with the settings' changes applied (None keeps the default)."""
    return replace(
        spec,
        columns=columns if columns else spec.columns,
        unit=unit if unit is not None else spec.unit,
        decimals=decimals if decimals is not None else spec.decimals,
        label_header=label_header if label_header is not None else spec.label_header,
        label_width_cm=label_width if label_width is not None else spec.label_width_cm,
    )
