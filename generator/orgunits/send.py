"""`generate utskick`: one workbook per enhet, to fill in Excel and send back.

Pre-filled cells are locked by sheet protection without a password (nobody is locked out;
`samla` notices a changed cell by comparing with the hidden sheet Kontroll). Cells to fill
are yellow, amounts accept only numbers in Excel, bedömningar are chosen from a list.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.errors import OutputError, os_reason
from generator.formatting import format_number
from generator.orgunits import layout as L
from generator.orgunits.model import Unit, UnitLine, UnitSetup
from generator.output import ensure_not_open, keep_earlier, temporary_sibling
from generator.tables import slug

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill: yellow
AMOUNT_FORMAT = "#,##0;-#,##0;0"
UNLOCKED = Protection(locked=False)


@dataclass(frozen=True)
class Sent:
    """One written workbook: for whom, where, and where an earlier one was kept."""

    unit: Unit
    path: Path
    kept: Path | None


def file_name(setup: UnitSetup, unit: Unit) -> str:
    """prognos-aug-2024-1101-lss-funktionsstod.xlsx: plain letters survive any e-mail."""
    parts = [slug(unit.id), slug(unit.name)]
    return "-".join(["prognos", setup.period.slug,
                     *(p.replace("_", "-") for p in parts if p)]) + ".xlsx"


def send_units(setup: UnitSetup, folder: Path, progress: Callable[[str], None],
               now: datetime | None = None) -> list[Sent]:
    """Write every enhet's workbook into `folder`; an earlier file is kept in tidigare/."""
    sent_at = (now or datetime.now()).replace(microsecond=0)
    targets = [(unit, folder / file_name(setup, unit)) for unit in setup.units]
    for _, target in targets:
        ensure_not_open(target)
    result = []
    for i, (unit, target) in enumerate(targets, start=1):
        if i == 1 or i % 25 == 0:
            progress(f"Skriver arbetsbok {i} av {len(targets)} i {folder}")
        book = unit_workbook(setup, unit, sent_at)
        try:
            with temporary_sibling(target) as tmp:
                book.save(tmp)
                kept = keep_earlier(target)
                os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(
                f"Kunde inte skriva {target} ({os_reason(exc)}); {i - 1} av {len(targets)} "
                "arbetsböcker skrevs.") from exc
        result.append(Sent(unit, target, kept))
    return result


def unit_workbook(setup: UnitSetup, unit: Unit, sent_at: datetime) -> Workbook:
    """The enhet's workbook, in memory."""
    lines = setup.lines_of(unit.id)
    book = Workbook()
    ws = book.active
    ws.title = L.INSTRUCTIONS
    _instructions(ws, setup, unit, lines)
    _forecast_sheet(book.create_sheet(L.FORECAST), setup, lines)
    if unit.analysis or unit.goals:
        _texts_sheet(book.create_sheet(L.TEXTS), setup, unit)
    _check_sheet(book.create_sheet(L.CHECK), setup, unit, lines, sent_at)
    book.properties.title = f"Prognos {setup.period.slug} {unit.name}"
    book.properties.creator = setup.namnd
    return book


def _amount(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _protect(ws: Worksheet) -> None:
    """Locked cells stay locked, without a password; columns may still be widened."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _instructions(ws: Worksheet, setup: UnitSetup, unit: Unit, lines: list[UnitLine]) -> None:
    p = setup.period
    facts = (("Period", p.slug), ("Enhet", unit.id), ("Enhetens namn", unit.name),
             ("Nämnd", setup.namnd), ("Ansvarig", unit.manager),
             ("Svara senast", setup.deadline or ""), ("Skicka svaret till", setup.contact or ""))
    for row, (label, value) in enumerate(facts, start=1):
        ws.cell(row=row, column=1, value=label).font = Font(bold=True)
        ws.cell(row=row, column=2, value=value).alignment = Alignment(horizontal="left")
    row = len(facts) + 2
    title = ws.cell(row=row, column=1, value=f"Prognos för helåret {p.year}: {unit.name}")
    title.font = Font(bold=True, size=14)
    has_actual = any(line.actual is not None for line in lines)
    text = [
        f"Fyll i de gula cellerna på fliken {L.FORECAST}. {L.FORECAST_HEADER}: det belopp du "
        f"bedömer att enhetens nettokostnad blir för hela {p.year} på varje rad, i "
        f"{setup.input_unit} och med samma tecken som {L.BUDGET}. Skriv ett tal, till exempel "
        "15300 eller -250.",
        f"{L.COMMENT}: skriv på raden vad en avvikelse mot budget beror på och vad enheten gör "
        "åt den. Kommentarerna samlas in till ekonomen, som använder dem i nämndens rapport.",
        f"{L.BUDGET}, {L.actual_header(p)} och {L.PREVIOUS} (enhetens prognos i förra "
        f"rapporten) är ifyllda och låsta. {L.DEVIATION} (budget minus prognos, positiv när "
        "prognosen är bättre än budget) och summaraden räknas ut.",
    ]
    if has_actual:
        text.append(
            f"Riktmärke: redovisat hittills plus återstående budget för resten av året. En "
            f"prognos som skiljer sig från det med mer än {format_number(setup.threshold, 0)} "
            "procent av budgeten behöver en kommentar.")
    if unit.analysis or unit.goals:
        what = []
        if unit.analysis:
            what.append("skriver du enhetens analys av resultatet")
        if unit.goals:
            what.append(("bedömer målen" if what else "bedömer du målen")
                        + " (välj bedömning i listan och motivera i Text)")
        text.append(f"På fliken {L.TEXTS} " + " och ".join(what) + ".")
    text += [
        "Ändra inte de låsta cellerna eller flikarnas namn. Du får byta namn på filen och spara "
        "den i Excel eller LibreOffice, som .xlsx eller .xlsm. Egna flikar för uträkningar går "
        "bra; de läses inte.",
        "Skicka tillbaka filen" + (f" till {setup.contact}" if setup.contact else "")
        + (f" senast {setup.deadline}" if setup.deadline else "") + ". Skickar du en ny "
        "version senare ersätter den den första.",
    ]
    for line in text:
        row += 1
        ws.cell(row=row, column=1, value=line).alignment = Alignment(wrap_text=True,
                                                                     vertical="top")
        # LibreOffice does not grow a wrapped row by itself: about 95 characters a line
        ws.row_dimensions[row].height = 15 * (len(line) // 95 + 1)
    ws.column_dimensions["A"].width = 100  # as in every workbook: text in A, the period in B1
    ws.column_dimensions["B"].width = 40
    _print_wide(ws)
    _protect(ws)


def _print_wide(ws: Worksheet) -> None:
    """Printed on A4 landscape, as wide as the page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _header(ws: Worksheet, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[1].height = 30  # two lines: "Redovisat jan-aug 2024"
    ws.freeze_panes = "A2"


def _forecast_sheet(ws: Worksheet, setup: UnitSetup, lines: list[UnitLine]) -> None:
    _header(ws, L.forecast_headers(setup.period), (8, 40, 14, 14, 14, 14, 14, 60))
    last = len(lines) + 1
    for r, line in enumerate(lines, start=2):
        values = (line.row.code, line.row.name, _amount(line.budget), _amount(line.actual),
                  _amount(line.previous))
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col, value=value)
            if col >= 3:
                cell.number_format = AMOUNT_FORMAT
        ws.cell(row=r, column=1).number_format = "@"
        forecast = ws.cell(row=r, column=6)
        forecast.number_format = AMOUNT_FORMAT
        ws.cell(row=r, column=7, value=f'=IF(ISNUMBER(F{r}),C{r}-F{r},"")').number_format = (
            AMOUNT_FORMAT)
        comment = ws.cell(row=r, column=8)
        comment.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in (forecast, comment):
            cell.fill = INPUT_FILL
            cell.protection = UNLOCKED
    total = last + 1
    ws.cell(row=total, column=2, value=L.SUM_LABEL).font = Font(bold=True)
    for col in range(3, 8):
        letter = get_column_letter(col)
        cell = ws.cell(row=total, column=col, value=f"=SUM({letter}2:{letter}{last})")
        cell.font = Font(bold=True)
        cell.number_format = AMOUNT_FORMAT
    amounts = DataValidation(type="decimal", operator="between", formula1="-1000000000000",
                             formula2="1000000000000", allow_blank=True, showErrorMessage=True,
                             errorTitle="Skriv ett belopp",
                             error=f"Skriv ett belopp i {setup.input_unit}, till exempel 15300 "
                                   "eller -250.")
    amounts.showInputMessage = True
    amounts.promptTitle = L.FORECAST_HEADER
    amounts.prompt = (f"Enhetens nettokostnad för hela {setup.period.year} på raden, i "
                      f"{setup.input_unit}, med samma tecken som budgeten.")
    amounts.add(f"F2:F{last}")
    ws.add_data_validation(amounts)
    _print_wide(ws)
    _protect(ws)


def _texts_sheet(ws: Worksheet, setup: UnitSetup, unit: Unit) -> None:
    _header(ws, L.TEXT_HEADERS, (40, 18, 90))
    subjects = ([L.ANALYSIS] if unit.analysis else []) + [L.GOAL_PREFIX + g for g in unit.goals]
    for r, subject in enumerate(subjects, start=2):
        ws.cell(row=r, column=1, value=subject).alignment = Alignment(wrap_text=True,
                                                                      vertical="top")
        text = ws.cell(row=r, column=3)
        text.alignment = Alignment(wrap_text=True, vertical="top")
        text.fill = INPUT_FILL
        text.protection = UNLOCKED
        ws.row_dimensions[r].height = 90
        if subject.startswith(L.GOAL_PREFIX):
            assessment = ws.cell(row=r, column=2)
            assessment.fill = INPUT_FILL
            assessment.protection = UNLOCKED
    goal_rows = [r for r, s in enumerate(subjects, start=2) if s.startswith(L.GOAL_PREFIX)]
    if goal_rows and setup.assessments:
        choices = DataValidation(type="list", formula1='"' + ",".join(setup.assessments) + '"',
                                 allow_blank=True, showErrorMessage=True,
                                 errorTitle="Ogiltigt värde", error="Välj ett av värdena i listan.")
        for r in goal_rows:
            choices.add(f"B{r}")
        ws.add_data_validation(choices)
    _print_wide(ws)
    _protect(ws)


def _check_sheet(ws: Worksheet, setup: UnitSetup, unit: Unit, lines: list[UnitLine],
                 sent_at: datetime) -> None:
    """What was sent, for `samla`: hidden, and like the rest locked."""
    facts = ((L.CHECK_NAMND, setup.namnd_key), (L.CHECK_UNIT, unit.id),
             (L.CHECK_PERIOD, setup.period.slug), (L.CHECK_SENT, sent_at.isoformat()),
             (L.CHECK_FORMAT, L.FORMAT_VERSION))
    for row, (label, value) in enumerate(facts, start=1):
        ws.cell(row=row, column=1, value=label)
        ws.cell(row=row, column=2, value=value).number_format = "@"
    headers = (*L.KEY_HEADERS, L.BUDGET, "Redovisat", L.PREVIOUS)
    for col, header in enumerate(headers, start=1):
        ws.cell(row=L.CHECK_HEADER_ROW, column=col, value=header)
    for r, line in enumerate(lines, start=L.CHECK_HEADER_ROW + 1):
        sent = (line.row.code, line.row.name, _amount(line.budget), _amount(line.actual),
                _amount(line.previous))
        for col, amount in enumerate(sent, start=1):
            ws.cell(row=r, column=col, value=amount)
    ws.sheet_state = "hidden"
    _protect(ws)
