"""The layout of an enhet's workbook, shared by the writer (send.py) and reader (answers.py).

Sheets: Instruktioner (the period in B1 as in every workbook, the enhet's identity below),
Prognos (a row per report row: pre-filled amounts, Prognos helår and Kommentar to fill, a
sum row), Texter (optional: analysis and goal assessments) and the hidden Kontroll (what
was sent: nämnd, enhet, period and the pre-filled amounts, to tell a changed cell from
figures updated after sending).
"""

from __future__ import annotations

from generator.period import Period

ANSWERS_FOLDER = "svar"  # inputs/<nämnd>/<period>/svar/: the returned workbooks
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
ARCHIVE = "tidigare"  # our own folder of earlier copies, never answers


def never_an_answer(name: str) -> bool:
    """Excel's and LibreOffice's lock files, hidden files and our archive."""
    return name.startswith(("~$", ".~lock.", ".")) or name == ARCHIVE


INSTRUCTIONS = "Instruktioner"
FORECAST = "Prognos"
TEXTS = "Texter"
CHECK = "Kontroll"

PERIOD_CELL = (1, 2)  # B1
UNIT_CELL = (2, 2)    # B2

# Kontroll: settings in A/B from row 1, then the sent rows under a header.
CHECK_NAMND = "Nämnd"
CHECK_UNIT = "Enhet"
CHECK_PERIOD = "Period"
CHECK_SENT = "Skickad"
CHECK_FORMAT = "Format"
FORMAT_VERSION = "1"
CHECK_HEADER_ROW = 7

KEY_HEADERS = ("Kod", "Verksamhet")
BUDGET = "Budget helår"
PREVIOUS = "Föregående prognos"
FORECAST_HEADER = "Prognos helår"
DEVIATION = "Avvikelse mot budget"
COMMENT = "Kommentar"
SUM_LABEL = "Summa"

TEXT_HEADERS = ("Avser", "Bedömning", "Text")
ANALYSIS = "Analys"
GOAL_PREFIX = "Nämndmål: "


def actual_header(period: Period) -> str:
    """ "Redovisat jan-aug 2024" """
    return f"Redovisat {period.span_label}"


def forecast_headers(period: Period) -> tuple[str, ...]:
    """Prognos's columns A…H."""
    return (*KEY_HEADERS, BUDGET, actual_header(period), PREVIOUS, FORECAST_HEADER,
            DEVIATION, COMMENT)


def row_key_label(code: str | None, name: str) -> str:
    return f"{code} - {name}" if code else name
