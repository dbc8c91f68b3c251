"""Write the collected forecasts into the nämnd's prognos.xlsx, safely.

Only the Prognos helår cells of rows with enheter change, and the sheet Enheternas svar is
written anew; everything else in the workbook (rows the economist fills, formats, own
columns) stays as it is. The new file replaces the old one atomically and the old one is
kept in tidigare/ beside it, as reports are.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.errors import OutputError, os_reason
from generator.excel.files import file_problem, load_failure
from generator.excel.schema import PROGNOS, name_key
from generator.formatting import parse_number
from generator.issues import Issue, SourceRef, error, warning
from generator.orgunits.collect import Collected, Response, amount
from generator.output import write_atomically

RESPONSES = PROGNOS.sheet("Enheternas svar")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
AMOUNT_FORMAT = "#,##0.0##;-#,##0.0##;0"


@dataclass
class PrognosUpdate:
    """prognos.xlsx opened and changed in memory, to be saved once nothing is wrong."""

    path: Path
    book: Workbook
    changed: int  # rows whose Prognos helår came from the enheter
    # rows whose Prognos helår the enheter changed: (row, as it stood, as it is now)
    moves: list[tuple[str, str, str]] = field(default_factory=list)
    unchanged: bool = False  # set by `save`: the file already held exactly this


def prepare(collected: Collected, issues: list[Issue]) -> PrognosUpdate | None:
    """Open prognos.xlsx and put the sums and the answers in; problems go to `issues`."""
    path = collected.setup.folder / PROGNOS.filename
    ref = SourceRef(PROGNOS.filename)
    problem = file_problem(path)
    if problem is None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                book = load_workbook(path)
        except Exception as exc:  # noqa: BLE001 - every failure becomes one Swedish line
            problem = load_failure(exc)
    if problem is not None:
        issues.append(error(ref, problem))
        return None
    ws = next((book[n] for n in book.sheetnames if name_key(n) == name_key("Drift")), None)
    if ws is None:
        issues.append(error(ref, 'fliken "Drift" saknas; förväntade den med en rad per '
                                 "verksamhetsrad"))
        return None
    headers = {name_key(c.value): c.column for c in ws[1] if c.value is not None}
    cols = {k: headers.get(name_key(h)) for k, h in (
        ("code", "Kod"), ("name", "Verksamhet"), ("forecast", "Prognos helår"),
        ("budget", "Budget helår"))}
    if cols["name"] is None or cols["forecast"] is None:
        issues.append(error(SourceRef(PROGNOS.filename, ws.title, "rad 1"), (
            'kolumnerna "Verksamhet" och "Prognos helår" behövs för att skriva enheternas '
            "prognoser")))
        return None
    rows: dict[str, int] = {}
    for r in range(2, ws.max_row + 1):
        code = _text(ws.cell(row=r, column=cols["code"]).value) if cols["code"] else None
        key = code or _text(ws.cell(row=r, column=cols["name"]).value)
        if key is not None:
            rows.setdefault(name_key(key), r)
    changed = 0
    moves: list[tuple[str, str, str]] = []
    for row in collected.setup.rows_with_units:
        at = rows.get(name_key(row.key))
        if at is None:
            issues.append(error(SourceRef(PROGNOS.filename, ws.title), (
                f'verksamhetsraden "{row.label}" saknas; enheternas prognoser för den behöver '
                "en rad att stå på")))
            continue
        total = collected.totals.get(row.key)
        if total is None:
            continue  # no answer and nothing carried: already an error
        cell = ws.cell(row=at, column=cols["forecast"])
        if isinstance(cell.value, str) and cell.value.startswith("="):
            issues.append(warning(SourceRef(PROGNOS.filename, ws.title, cell.coordinate), (
                f'formeln "{cell.value}" ersattes av summan av enheternas prognoser för '
                f'"{row.label}"; den tidigare arbetsboken med formeln finns i tidigare/')))
        before = _decimal(cell.value) if cell.value is not None else None
        if before != total:
            moves.append((row.label, "tomt" if cell.value is None else amount(before)
                          if before is not None else str(cell.value), amount(total)))
        cell.value = _cell_amount(total)
        changed += 1
        if cols["budget"] is not None:
            _check_budget(collected, row.key, row.label,
                          ws.cell(row=at, column=cols["budget"]), issues)
    if moves:
        _remind_varav(book, issues)
    _responses(book, collected.responses)
    return PrognosUpdate(path, book, changed, moves)


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _remind_varav(book: Workbook, issues: list[Issue]) -> None:
    """The enheter forecast the rows, not the split into kostnader and intäkter: a Varav
    sheet with forecasts no longer adds up once the rows moved. Said now, not first at the
    next `generate check`."""
    ws = next((book[n] for n in book.sheetnames if name_key(n) == name_key("Varav")), None)
    if ws is None:
        return
    headers = {name_key(c.value): c.column for c in ws[1] if c.value is not None}
    column = headers.get(name_key("Prognos helår"))
    if column is None or all(ws.cell(row=r, column=column).value in (None, "")
                             for r in range(2, ws.max_row + 1)):
        return
    issues.append(warning(SourceRef(PROGNOS.filename, ws.title), (
        "enheternas prognoser ändrade Prognos helår på fliken Drift, men kostnader och "
        "intäkter på den här fliken fyller enheterna inte i: justera dem så att de blir den "
        "nya prognosen (generate check säger skillnaden)")))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _cell_amount(value: Decimal) -> int | float | Decimal:
    return int(value) if value == value.to_integral_value() else value


def _check_budget(collected: Collected, key: str, label: str, cell: Any,
                  issues: list[Issue]) -> None:
    """The enheter's budgets should add up to the row's Budget helår."""
    try:
        budget = parse_number(cell.value)
    except ValueError:
        return  # a formula or text: the report's own check names it
    units = sum((line.budget for line in collected.setup.lines if line.row.key == key),
                Decimal(0))
    if budget is not None and budget != units:
        issues.append(warning(SourceRef(PROGNOS.filename, cell.parent.title, cell.coordinate), (
            f'Budget helår för "{label}" är {amount(budget)}, men enheternas budget på fliken '
            f"Belopp i enheter.xlsx blir {amount(units)}; kontrollera att alla enheter och "
            "belopp är med")))


def _responses(book: Workbook, responses: list[Response]) -> None:
    """The sheet Enheternas svar, written anew (an earlier one is in the kept copy)."""
    for name in list(book.sheetnames):
        if name_key(name) == name_key(RESPONSES.name):
            del book[name]
    ws: Worksheet = book.create_sheet(RESPONSES.name)
    for i, col in enumerate(RESPONSES.columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(i)].width = col.width
    for r, resp in enumerate(responses, start=2):
        values = (resp.unit.id, resp.unit.name, resp.unit.manager, resp.code, resp.subject,
                  resp.forecast, resp.budget, resp.assessment, resp.comment, resp.source)
        for i, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=i,
                           value=_cell_amount(value) if isinstance(value, Decimal) else value)
            if isinstance(value, Decimal):
                cell.number_format = AMOUNT_FORMAT
            elif isinstance(value, str) and ("\n" in value or len(value) > 60):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(RESPONSES.columns))}{max(2, ws.max_row)}"


def save(update: PrognosUpdate) -> Path | None:
    """Replace prognos.xlsx atomically; returns where the earlier one was kept (None when
    the answers changed nothing: the file stays as it was, and no copy is kept)."""
    target = update.path
    try:
        existed = target.exists()
        kept = write_atomically(target, update.book.save)
        update.unchanged = existed and kept is None
        os.utime(target)  # also when unchanged: its time says when answers were collected
        return kept
    except OSError as exc:
        raise OutputError(
            f"Kunde inte skriva {target} ({os_reason(exc)}); den är troligen öppen i Excel. "
            "Stäng den och kör igen; den tidigare är orörd.") from exc
