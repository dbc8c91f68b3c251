"""A code-string export saved as Excel (.xlsx) → `Ledger`, read with python-calamine.

openpyxl needs about 45 s for a million rows even read-only; calamine (Rust) reads the
same sheet in a few seconds. Number cells arrive as binary floats, as Excel stores them,
and each is turned into integer öre at once (an amount with more than two decimals is an
error); no sum is ever a float. Text cells are read as Swedish number text.
"""

from __future__ import annotations

from datetime import date
from operator import itemgetter
from pathlib import Path

from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from generator.excel.files import file_problem
from generator.excel.schema import name_key
from generator.issues import Issue, SourceRef, error, warning
from generator.ledger import rawsums
from generator.ledger.amounts import ore_from_float, text_ore
from generator.ledger.columns import find_layout
from generator.ledger.model import (
    FIELDS,
    MAX_ERRORS_PER_FILE,
    Ledger,
    LedgerInputError,
    Measure,
)
from generator.ledger.rawsums import RawKey, RawSums


def _ore(value: object) -> int | None:
    """A cell as öre; None for an empty cell; ValueError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, bool | date):
        raise ValueError(value)
    if isinstance(value, int):
        return value * 100
    if isinstance(value, float):
        ore = ore_from_float(value)
        if ore is None:
            raise ValueError(value)
        return ore
    return text_ore(str(value).strip())


def read_xlsx(path: Path, names: dict[str, str], needed: set[str]) -> Ledger:
    """Read and aggregate one Excel export; LedgerInputError (nothing read) on errors."""
    problem = file_problem(path)
    if problem is not None:
        raise LedgerInputError([error(SourceRef(path.name), problem)])
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - every failure becomes one Swedish line
        raise LedgerInputError([error(SourceRef(path.name), (
            f"filen kunde inte läsas som Excel-arbetsbok ({type(exc).__name__}); öppna den "
            "i Excel och spara den som Excel-arbetsbok (.xlsx)"))]) from exc
    ledger = Ledger(path.name, "Excel")
    issues: list[Issue] = []
    period_name = name_key(names.get("Period") or "Period")
    chosen = None
    others = []
    for sheet_name in book.sheet_names:
        sheet = book.get_sheet_by_name(sheet_name)
        rows = sheet.iter_rows()
        header = next(rows, None)
        if chosen is None and header and any(name_key(h) == period_name for h in header):
            chosen = (sheet, rows, [str(h).strip() if h is not None else "" for h in header])
        elif header and any(h not in (None, "") for h in header):
            others.append(sheet_name)
    if chosen is None:
        found = ", ".join(f'"{n}"' for n in book.sheet_names)
        raise LedgerInputError([error(SourceRef(path.name), (
            f'hittade ingen flik med kolumnen "{names.get("Period") or "Period"}" på rad 1 '
            f"(flikarna {found}); förväntade exporten med en rubrik per kolumn på rad 1"))])
    sheet, rows, headers = chosen
    if others:
        issues.append(warning(SourceRef(path.name), (
            f"flikarna {', '.join(repr(n) for n in others)} används inte; bara fliken "
            f'"{sheet.name}" läses')))
    start_row, start_col = sheet.start or (0, 0)

    def where(index: int, col: int | None = None) -> SourceRef:
        """Row `index` (0 = header) and column (0-based in the sheet's range) as a cell."""
        row = start_row + index + 1
        if col is None:
            return SourceRef(path.name, sheet.name, f"rad {row}")
        return SourceRef(path.name, sheet.name, f"{get_column_letter(start_col + col + 1)}{row}")

    layout = find_layout(headers, names, needed, path.name, where(0), issues)
    if layout is None:
        raise LedgerInputError(issues)
    present = [f for f in FIELDS if f in layout.codes]
    code_at = [layout.codes[f] for f in present]
    pi = layout.period
    columns = [(m, i) for m, i in ((Measure.ACTUAL, layout.amount),
                                   (Measure.BUDGET, layout.budget)) if i is not None]
    sums: dict[Measure, RawSums] = {m: {} for m, _ in columns}
    plan = [(i, sums[m], slot) for slot, (m, i) in enumerate(columns)]
    totals = [0] * len(columns)  # a list: an IntEnum key hashes in Python code
    first: dict[RawKey, int] = {}
    periods = rawsums.Periods()
    known = periods.known
    errors = 0
    count = 0
    width = len(headers)
    key_of = itemgetter(*code_at) if len(code_at) > 1 else (lambda r, _i=code_at[0]: (r[_i],))
    for index, row in enumerate(rows, start=1):
        if len(row) < width:
            row = [*row, *([""] * (width - len(row)))]
        key = key_of(row)
        raw_period = row[pi]
        if raw_period == "" and all(v in ("", None) for v in row):
            continue  # an empty row
        period = known.get(raw_period)
        if period is None:
            period = periods.parse(raw_period, index)
        counted = False
        for i, bucket, slot in plan:
            value = row[i]
            if value == "" or value is None:
                continue
            ore: int | None
            try:
                if type(value) is float:  # the common case, inline
                    ore = round(value * 100)
                    if abs(value * 100 - ore) > 1e-4 * max(1.0, abs(value) / 1e9):
                        raise ValueError(value)
                else:
                    ore = _ore(value)
            except ValueError:
                issues.append(error(where(index, i), (
                    "förväntade ett belopp i kronor med högst två decimaler, hittade "
                    f'"{value}"')))
                errors += 1
                continue
            if ore is None:
                continue
            counted = True
            totals[slot] += ore
            months = bucket.get(key)
            if months is None:
                bucket[key] = {period: ore}
                if key not in first:
                    first[key] = index
            else:
                months[period] = months.get(period, 0) + ore
        count += counted
        if errors >= MAX_ERRORS_PER_FILE:
            break
    if errors:
        raise LedgerInputError(issues)
    ledger.rows = count
    ledger.totals = {m: totals[slot] for slot, (m, _) in enumerate(columns)}
    periods.check(lambda index: where(index, pi), headers[pi])
    rawsums.finish(ledger, sums, present, first, where)
    ledger.issues.extend(issues)
    ledger.notes.append(f'fliken "{sheet.name}"')
    return ledger
