"""What every reader produces: one file's amounts in integer öre, per period and code string.

Money stays integer öre from the first character read to the workbook written: no float
ever holds a sum. Signs are the ledger's own: debit positive (costs positive, revenue
negative).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

from generator.errors import InvalidInputError
from generator.excel.schema import LEDGER_CODE_FIELDS
from generator.issues import Issue, SourceRef

# The code fields of a code string, in this order in every `Codes` tuple ("" when absent).
FIELDS: tuple[str, ...] = LEDGER_CODE_FIELDS
Codes = tuple[str, ...]
# The most errors one file reports: a file that is wrong on every line says so in a few.
MAX_ERRORS_PER_FILE = 20


class Measure(IntEnum):
    ACTUAL = 0  # utfall (Belopp, #PSALDO, #TRANS)
    BUDGET = 1  # budget (Budget, #PBUDGET)


# codes → {year * 100 + month: öre}, one per measure. A code-string export has a row per code
# string and month, so the code strings (tens of thousands) are the outer key and each is
# cleaned and classified once. Month 13 is a year-end period after December.
ByCodes = dict[Codes, dict[int, int]]


@dataclass
class Ledger:
    """One file, read: its amounts and what the import must say about it."""

    name: str
    kind: str  # "CSV", "Excel", "SIE"
    amounts: dict[Measure, ByCodes] = field(default_factory=dict)
    rows: int = 0  # amount lines read (rows, #PSALDO/#PBUDGET or #TRANS lines)
    # The file's own grand total per measure, summed line by line independently of
    # `amounts`: the first step of the reconciliation.
    totals: dict[Measure, int] = field(default_factory=dict)
    # Where each code string first appears: a line or row number, turned into a file ›
    # line reference by `locate` only when a message needs it (a big export has hundreds of
    # thousands of code strings, and a reference for each costs seconds).
    first_lines: dict[Codes, int] = field(default_factory=dict)
    locate: Callable[[int], SourceRef] | None = None
    fields: tuple[str, ...] = ()  # the code fields the file has
    issues: list[Issue] = field(default_factory=list)  # warnings (errors raise)
    notes: list[str] = field(default_factory=list)  # what was read and how, for the summary
    orgnr: str | None = None
    company: str | None = None
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (field, code) → name


    def first_seen(self, codes: Codes) -> SourceRef | None:
        """The line (or row) where `codes` first appears in the file."""
        line = self.first_lines.get(codes)
        return None if line is None or self.locate is None else self.locate(line)


class LedgerInputError(InvalidInputError):
    """A ledger file or the mapping workbook holds errors: nothing is written.

    Raised by the readers (file and line, or file › sheet › cell) and by the import after
    reading everything; `issues` holds every problem found.
    """

    def __init__(self, issues: list[Issue], *, strict: bool = False) -> None:
        super().__init__(issues, strict=strict)
        n = sum(1 for i in issues if i.is_error or strict)
        self.summary = f"{n} fel i huvudboken eller mappningen; ingenting skrevs."
        if strict and any(not i.is_error for i in issues):
            self.summary += " Varningar räknas som fel eftersom --strict angavs."

    def format_message(self) -> str:
        return self.summary


def codes_label(fields: tuple[str, ...], codes: Codes,
                names: dict[tuple[str, str], str] | None = None) -> str:
    """ "Konto 4010, Ansvar 3100 (Stab), Verksamhet 569" (the fields that have a value, with
    the names an SIE file gives its accounts and objects)."""
    known = names or {}
    return ", ".join(
        f"{name} {value}" + (f" ({known[(name, value)]})" if (name, value) in known else "")
        for name, value in zip(fields, codes, strict=True) if value)


# What an amount or a period cell should hold, in every reader's message.
EXPECTED_AMOUNT = "ett belopp i kronor med högst två decimaler"
EXPECTED_PERIOD = "en period som 202408 (år och månad)"


def period_label(period: int) -> str:
    """202408 → "2024-08"; 202413 → "2024-13 (bokslutsperiod)", as economists call it."""
    label = f"{period // 100}-{period % 100:02d}"
    return f"{label} (bokslutsperiod)" if period % 100 == 13 else label


def parse_period(value: object) -> int:
    """A ledger period as year * 100 + month: 202408, "202408", "2024-08", "2024-08-31",
    or a date. Month 13 (a year-end period) is accepted; ValueError for anything else."""
    if hasattr(value, "year") and hasattr(value, "month"):
        return int(value.year) * 100 + int(value.month)  # date, datetime
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise ValueError(value)
    if len(text) == 6 and text.isdigit():
        year, month = int(text[:4]), int(text[4:])
    elif len(text) >= 7 and text[:4].isdigit() and text[4] in "-/" and text[5:7].isdigit() \
            and (len(text) == 7 or (len(text) == 10 and text[7] == text[4]
                                    and text[8:].isdigit())):
        year, month = int(text[:4]), int(text[5:7])
    else:
        raise ValueError(value)
    if not (1900 <= year <= 2200 and 1 <= month <= 13):
        raise ValueError(value)
    return year * 100 + month
