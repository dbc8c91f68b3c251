"""From the sums a reader keeps while streaming (raw cell values as keys) to a `Ledger`.

Readers key their sums by the raw code values and the raw period, exactly as read, because
cleaning a million keys costs more than reading them. Here each distinct period is checked
once (an error names the first line or cell that has it) and each distinct code string is
cleaned once: surrounding blanks dropped, numbers as typed (4010.0 from a number cell is
"4010"), absent fields "".
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, datetime

from generator.issues import SourceRef, error
from generator.ledger.model import (
    FIELDS,
    MAX_ERRORS_PER_FILE,
    ByCodes,
    Ledger,
    LedgerInputError,
    Measure,
    parse_period,
)

RawKey = tuple[Hashable, ...]
RawSums = dict[RawKey, dict[Hashable, int]]  # raw codes → raw period → öre


def code_text(value: object) -> str:
    """A code cell as text: "3100", 3100 and 3100.0 are the same code."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def check_periods(first_at: dict[Hashable, int], where: Callable[[int], SourceRef],
                  column: str) -> None:
    """Every distinct period value must be a month; LedgerInputError naming each bad one."""
    bad = []
    for value, at in sorted(first_at.items(), key=lambda item: item[1]):
        try:
            parse_period(value)
        except ValueError:
            shown = "en tom cell" if value in (None, "") else f'"{code_text(value)}"'
            bad.append(error(where(at), (
                f"förväntade en period som 202408 (år och månad), hittade {shown} i "
                f"kolumnen {column}")))
    if bad:
        raise LedgerInputError(bad[:MAX_ERRORS_PER_FILE])


def finish(ledger: Ledger, sums: dict[Measure, RawSums], present: list[str],
           first: dict[RawKey, int], where: Callable[[int], SourceRef]) -> None:
    """Clean the raw keys into `ledger.amounts` and `ledger.first_seen`."""
    positions = [present.index(f) if f in present else -1 for f in FIELDS]
    periods: dict[Hashable, int] = {}
    first_seen: dict[tuple[str, ...], SourceRef] = {}
    for measure, bucket in sums.items():
        clean: ByCodes = {}
        for raw, months in bucket.items():
            codes = tuple(code_text(raw[p]) if p >= 0 else "" for p in positions)
            target = clean.get(codes)
            if target is None:
                target = clean[codes] = {}
            for value, ore in months.items():
                period = periods.get(value)
                if period is None:
                    period = periods[value] = parse_period(value)  # checked while reading
                target[period] = target.get(period, 0) + ore
            if codes not in first_seen:
                first_seen[codes] = where(first[raw])
        ledger.amounts[measure] = clean
    ledger.first_seen = first_seen
    ledger.fields = tuple(present)
