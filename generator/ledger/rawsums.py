"""From the sums a reader keeps while streaming (raw cell values as keys) to a `Ledger`.

Readers key their sums by the raw code values, exactly as read, because cleaning a
million keys costs more than reading them; each distinct period value is parsed once while
reading (`Periods`; an error names the first line or cell that has it). Here each distinct
code string is cleaned once: surrounding blanks dropped, numbers as typed (4010.0 from a
number cell is "4010"), absent fields "".
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from typing import Any, TypeVar

from generator.issues import Issue, SourceRef, error
from generator.ledger.model import (
    EXPECTED_PERIOD,
    FIELDS,
    MAX_ERRORS_PER_FILE,
    ByCodes,
    Codes,
    Ledger,
    LedgerInputError,
    Measure,
    parse_period,
)

K = TypeVar("K", bound=Hashable)
RawKey = tuple[Hashable, ...]
RawSums = dict[RawKey, dict[int, int]]  # raw codes → period → öre


def add_sums(into: dict[K, dict[int, int]], more: Mapping[K, dict[int, int]]) -> None:
    """Add `more`'s month sums into `into` (parts of one file read apart); a key that is
    new takes its month dictionary as it is."""
    for key, months in more.items():
        add_months(into, key, months)


def add_months(into: dict[K, dict[int, int]], key: K, months: dict[int, int]) -> None:
    """Add one key's month sums into `into`."""
    have = into.get(key)
    if have is None:
        into[key] = months
    else:
        for period, ore in months.items():
            have[period] = have.get(period, 0) + ore


def code_text(value: object) -> str:
    """A code cell as text: "3100", 3100 and 3100.0 are the same code."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


class Periods:
    """Raw period values → year * 100 + month, each distinct value parsed once.

    A bad value is remembered with the first line or cell that has it (`first_at`), and
    maps to 0 so that reading goes on and every bad value can be named.
    """

    def __init__(self) -> None:
        self.known: dict[Hashable, int] = {}
        self.bad: dict[Hashable, int] = {}

    def parse(self, value: Hashable, at: int) -> int:
        try:
            period = parse_period(value)
        except ValueError:
            self.bad.setdefault(value, at)
            period = 0
        self.known[value] = period
        return period

    def merge(self, later: Periods) -> None:
        """Add what reading a later part of the file found (an earlier line wins)."""
        self.known.update(later.known)
        for value, at in later.bad.items():
            self.bad.setdefault(value, at)

    def check(self, where: Callable[[int], SourceRef], column: str) -> None:
        """LedgerInputError naming each bad value at its first line or cell."""
        if not self.bad:
            return
        issues = []
        for value, at in sorted(self.bad.items(), key=lambda item: item[1]):
            shown = "en tom cell" if value in (None, "") else f'"{code_text(value)}"'
            issues.append(error(where(at), (
                f"förväntade {EXPECTED_PERIOD}, hittade {shown} i "
                f"kolumnen {column}")))
        raise LedgerInputError(issues[:MAX_ERRORS_PER_FILE])


def clean(sums: Sequence[Mapping[Any, dict[int, int]]], present: list[str],
          first: Mapping[Any, int], text: bool = False) -> tuple[list[ByCodes], dict[Codes, int]]:
    """The sums and first lines keyed by clean code strings (FIELDS order, "" when absent).

    Raw keys that are already clean (nearly all) keep their month dictionaries as they are:
    the cost is per code string, not per row. `text`: every raw value is a text file's
    field, so only blanks are to be dropped. A code string's first line is the lowest of its
    raw keys' (" 3999" and "3999" are one code string).
    """
    positions = [present.index(f) if f in present else -1 for f in FIELDS]
    # Every key padded with "" for the absent fields, in FIELDS order, by one C call.
    pick = itemgetter(*(p if p >= 0 else len(present) for p in positions))
    lines: dict[Codes, int] = {}
    out: list[ByCodes] = []
    for bucket in sums:
        target_sums: ByCodes = {}
        for raw, months in bucket.items():
            if text:
                codes = tuple(map(str.strip, pick((*raw, ""))))
            else:
                codes = tuple(code_text(raw[p]) if p >= 0 else "" for p in positions)
            add_months(target_sums, codes, months)
            line = first[raw]
            if line < lines.get(codes, line + 1):
                lines[codes] = line
        out.append(target_sums)
    return out, lines


def finish(ledger: Ledger, sums: dict[Measure, RawSums], present: list[str],
           first: dict[RawKey, int], where: Callable[[int], SourceRef]) -> None:
    """Clean the raw keys into `ledger.amounts` and `ledger.first_lines`."""
    measures = list(sums)
    cleaned, lines = clean([sums[m] for m in measures], present, first)
    ledger.amounts.update(zip(measures, cleaned, strict=True))
    ledger.first_lines = lines
    ledger.locate = where
    ledger.fields = tuple(present)


@dataclass
class Part:
    """What reading part of a file gives (a range of lines or rows): its sums and what to
    say about them. Readers fill it with raw keys and clean them (`clean`) before parts are
    merged."""

    sums: list[ByCodes]  # one per amount column (Belopp, Budget), by code string
    totals: list[int]
    first: dict[Codes, int] = field(default_factory=dict)
    periods: Periods = field(default_factory=Periods)
    count: int = 0
    errors: list[Issue] = field(default_factory=list)

    def merge(self, later: Part) -> Part:
        """Add the part that follows this one in the file (errors as one pass finds them)."""
        for mine, theirs in zip(self.sums, later.sums, strict=True):
            add_sums(mine, theirs)
        self.totals = [a + b for a, b in zip(self.totals, later.totals, strict=True)]
        for key, line in later.first.items():
            self.first.setdefault(key, line)
        self.periods.merge(later.periods)
        self.count += later.count
        room = MAX_ERRORS_PER_FILE - len(self.errors)
        if room > 0:
            self.errors += later.errors[:room]
        return self
