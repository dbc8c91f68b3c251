"""A code-string export saved as Excel (.xlsx) → `Ledger`, read with python-calamine.

openpyxl needs about 45 s for a million rows even read-only; calamine (Rust) reads the
same sheet in a few seconds. Number cells arrive as binary floats, as Excel stores them,
and each is turned into integer öre at once (an amount with more than two decimals is an
error); no sum is ever a float. Text cells are read as Swedish number text. A big one-sheet
export is cut into two workbooks (`xlsx_halves`) that two processes read at once: a child
writes and reads the first half while this process writes and reads the second.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter
from python_calamine import CalamineWorkbook

from generator.excel import xlsx_cells
from generator.excel.files import file_problem
from generator.excel.reader import EXCEL_ERROR_HINT, error_value, unsaved_formula
from generator.excel.schema import name_key
from generator.excel.xlsx_cells import Hidden
from generator.formatting import is_ambiguous_dot
from generator.issues import Issue, SourceRef, error, warning
from generator.ledger import halves, rawsums, xlsx_halves
from generator.ledger.amounts import ore_from_float, ore_parser, text_ore
from generator.ledger.columns import Layout, find_layout
from generator.ledger.model import (
    EXPECTED_AMOUNT,
    EXPECTED_PERIOD,
    FIELDS,
    MAX_ERRORS_PER_FILE,
    Ledger,
    LedgerInputError,
    Measure,
)
from generator.ledger.rawsums import Part


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
    text = str(value).strip()
    try:
        return text_ore(text)
    except ValueError:
        if "." in text and "," in text:  # 12.345,00 or 12,345.00: the last mark is decimal
            return ore_parser("," if text.rfind(",") > text.rfind(".") else ".")(text)
        raise


@dataclass(frozen=True)
class _Spec:
    """How to read the rows of the chosen sheet: all a child process needs (picklable)."""

    file: str         # the file's name, for messages
    sheet: str        # the sheet's name, for messages
    layout: Layout
    header_row: int   # the header's row in the sheet (1-based); data rows come after it
    header_col: int   # the header's first column (0-based): the layout counts from it


def _open(path: Path) -> Any:
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - every failure becomes one Swedish line
        raise LedgerInputError([error(SourceRef(path.name), (
            f"filen kunde inte läsas som Excel-arbetsbok ({type(exc).__name__}); öppna den "
            "i Excel och spara den som Excel-arbetsbok (.xlsx)"))]) from exc


def _open_part(path: Path) -> Any:
    """A half's workbook: a failure is a fault in the halves (RuntimeError), not the file's."""
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise RuntimeError(f"{path.name}: {exc}") from exc


def read_xlsx(path: Path, names: dict[str, str], needed: set[str],
              ignored: Collection[str] = ()) -> Ledger:
    """Read and aggregate one Excel export; LedgerInputError (nothing read) on errors.
    `ignored`: columns not to warn about."""
    problem = file_problem(path)
    if problem is not None:
        raise LedgerInputError([error(SourceRef(path.name), problem)])
    book = _open(path)
    parts = xlsx_halves.split(path) if len(book.sheet_names) == 1 else None
    if parts is not None:
        try:
            return _read(path, names, needed, book, parts, ignored)
        except LedgerInputError:
            raise  # what is wrong with the file: the same read whole
        except Exception:  # noqa: BLE001, S110 - a fault in the halves: read it whole
            pass
        finally:
            parts.remove()
    return _read(path, names, needed, book, None, ignored)


def _read(path: Path, names: dict[str, str], needed: set[str], book: Any,
          parts: xlsx_halves.Halves | None, ignored: Collection[str]) -> Ledger:
    """The whole sheet here, or its two halves here and in a child process."""
    if parts is None:
        sheet, headers, others = _choose(book, names, path.name)
    else:
        header_book = _open_part(parts.header)
        try:
            sheet, headers, others = _choose(header_book, names, path.name)
        finally:
            header_book.close()  # an error's traceback would keep it open (Windows: in use)
    ledger = Ledger(path.name, "Excel")
    issues: list[Issue] = []
    if others:
        shown = ", ".join(f'"{n}"' for n in others)
        which = "fliken" if len(others) == 1 else "flikarna"
        issues.append(warning(SourceRef(path.name), (
            f'{which} {shown} används inte; bara fliken "{sheet.name}" läses')))
    # The header is row 1 (iter_rows starts there); columns count from the first used one.
    start_col = (sheet.start or (0, 0))[1]
    where = _locator(path.name, sheet.name)
    layout = find_layout(headers, names, needed, path.name,
                         SourceRef(path.name, sheet.name, "rad 1"), issues, ignored=ignored)
    if layout is None:
        raise LedgerInputError(issues)
    spec = _Spec(path.name, sheet.name, layout, 1, start_col)
    if parts is None:
        rows = sheet.iter_rows()
        next(rows, None)  # the header
        part = _aggregate(rows, 2, 0, spec)
        hidden = xlsx_cells.scan_sheet(path, sheet.name)
    else:
        # Each process writes its own half and reads it; both must have cut in one place.
        (seam, hidden_2, second), (their_seam, hidden, first) = halves.in_two(
            lambda: _write_and_read(parts, 1, spec), _write_and_read, (parts, 0, spec))
        if seam != their_seam:
            raise xlsx_halves.NotSplit(f"the halves do not meet: {seam} and {their_seam}")
        part = first.merge(second)
        hidden += hidden_2
    errors = _hidden_errors(hidden, spec)
    if errors or part.errors:
        named = {i.ref for i in errors}
        errors += [i for i in part.errors if i.ref not in named]
        raise LedgerInputError(errors[:MAX_ERRORS_PER_FILE])
    columns = _columns(layout)
    ledger.rows = part.count
    ledger.totals = {m: part.totals[slot] for slot, (m, _) in enumerate(columns)}
    part.periods.check(lambda row: where(row, layout.period, start_col), headers[layout.period])
    ledger.amounts = {m: part.sums[slot] for slot, (m, _) in enumerate(columns)}
    ledger.first_lines = part.first
    ledger.locate = where
    ledger.fields = tuple(f for f in FIELDS if f in layout.codes)
    ledger.issues.extend(issues)
    ledger.notes.append(f'fliken "{sheet.name}"' + (", läst i två halvor" if parts else ""))
    return ledger


def _choose(book: Any, names: dict[str, str], file: str) -> tuple[Any, list[str], list[str]]:
    """The sheet with the Period column on its first row, its headers, the other sheets."""
    period_name = name_key(names.get("Period") or "Period")
    chosen = None
    others = []
    for sheet_name in book.sheet_names:
        sheet = book.get_sheet_by_name(sheet_name)
        header = next(sheet.iter_rows(), None)
        if chosen is None and header and any(name_key(h) == period_name for h in header):
            chosen = (sheet, [str(h).strip() if h is not None else "" for h in header])
        elif header and any(h not in (None, "") for h in header):
            others.append(sheet_name)
    if chosen is None:
        found = ", ".join(f'"{n}"' for n in book.sheet_names)
        raise LedgerInputError([error(SourceRef(file), (
            f'hittade ingen flik med kolumnen "{names.get("Period") or "Period"}" på rad 1 '
            f"(flikarna {found}); förväntade exporten med en rubrik per kolumn på rad 1"))])
    return chosen[0], chosen[1], others


def _locator(file: str, sheet: str) -> Any:
    def where(row: int, col: int | None = None, start_col: int = 0) -> SourceRef:
        """Row `row` (1-based, as in Excel) and column (0-based from the header's first)."""
        if col is None:
            return SourceRef(file, sheet, f"rad {row}")
        return SourceRef(file, sheet, f"{get_column_letter(start_col + col + 1)}{row}")
    return where


def _write_and_read(parts: xlsx_halves.Halves, which: int, spec: _Spec
                    ) -> tuple[int, list[Hidden], Part]:
    """Half `which` (0 or 1) of the sheet: where it was cut, its cells read as empty that
    are not, and its rows' sums."""
    seam, hidden = xlsx_halves.write_half(parts, which)
    return seam, hidden, _read_file(parts.second if which else parts.first, spec)


def _hidden_errors(hidden: list[Hidden], spec: _Spec) -> list[Issue]:
    """An error for each error value or unsaved formula in a column the import reads
    (calamine gives them as empty cells: an amount or a code would silently go missing)."""
    layout = spec.layout
    meaning: dict[int, str] = {
        layout.period: EXPECTED_PERIOD,
        **{i: f"en kod ({name})" for name, i in layout.codes.items()},
        **{i: EXPECTED_AMOUNT for i in (layout.amount, layout.budget) if i is not None}}
    issues = []
    for cell in sorted(hidden, key=lambda h: _row_col(h.cell)):
        row, col = _row_col(cell.cell)
        expected = meaning.get(col - spec.header_col)
        if row <= spec.header_row or expected is None:
            continue
        if cell.error is not None:
            message = (f"förväntade {expected}, hittade felvärdet {error_value(cell.error)} "
                       f"({EXCEL_ERROR_HINT})")
        else:
            message = unsaved_formula(f"={cell.formula}" if cell.formula else None)
        issues.append(error(SourceRef(spec.file, spec.sheet, cell.cell), message))
    return issues


def _row_col(cell: str) -> tuple[int, int]:
    """"F12" → (12, 5): the row (1-based) and the column (0-based)."""
    letters = cell.rstrip("0123456789")
    return int(cell[len(letters):]), column_index_from_string(letters) - 1


def _read_file(path: Path, spec: _Spec) -> Part:
    """One half's workbook: its rows, placed by their own addresses."""
    book = _open_part(path)
    try:
        sheet = book.get_sheet_by_index(0)
    finally:
        book.close()
    row0, col0 = sheet.start or (0, 0)
    # iter_rows starts at row 1 (the empty rows above a half too), its columns at col0
    skip = max(row0, spec.header_row)  # the rows before the half's first, or the header
    rows = itertools.islice(sheet.iter_rows(), skip, None)
    return _aggregate(rows, skip + 1, col0 - spec.header_col, spec)


def _shifted(rows: Iterator[list[Any]], shift: int) -> Iterator[list[Any]]:
    """The rows with the header's columns at the header's places: `shift` empty cells
    before them, or as many dropped."""
    for row in rows:
        yield [*([""] * shift), *row] if shift > 0 else row[-shift:]


def _bad_amount(where: SourceRef, value: object) -> Issue:
    hint = (" (punkten kan betyda tusental eller decimaler; skriv 61700 eller 61 700 för "
            "tusental, 61,7 för decimaler)" if is_ambiguous_dot(value) else "")
    return error(where, f'förväntade {EXPECTED_AMOUNT}, hittade "{value}"{hint}')


def _columns(layout: Layout) -> list[tuple[Measure, int]]:
    return [(m, i) for m, i in ((Measure.ACTUAL, layout.amount),
                                (Measure.BUDGET, layout.budget)) if i is not None]


def _aggregate(rows: Iterator[list[Any]], first_row: int, shift: int, spec: _Spec) -> Part:
    """Sum the rows (the first is row `first_row` of the sheet) per raw code string and
    period. `shift`: how many columns right of the header's first these rows begin."""
    layout = spec.layout
    where = _locator(spec.file, spec.sheet)
    present = [f for f in FIELDS if f in layout.codes]
    code_at = [layout.codes[f] for f in present]
    pi = layout.period
    columns = _columns(layout)
    part = Part([{} for _ in columns], [0] * len(columns))
    plan = [(i, part.sums[slot], slot) for slot, (_, i) in enumerate(columns)]
    totals = part.totals  # a list: an IntEnum key hashes in Python code
    first = part.first
    periods = part.periods
    known = periods.known
    issues = part.errors
    errors = 0
    count = 0
    width = layout.width
    key_of = itemgetter(*code_at) if len(code_at) > 1 else (lambda r, _i=code_at[0]: (r[_i],))
    if shift:
        rows = _shifted(rows, shift)
    for row_number, row in enumerate(rows, start=first_row):
        if len(row) < width:
            row = [*row, *([""] * (width - len(row)))]
        key = key_of(row)
        raw_period = row[pi]
        if raw_period == "" and all(v in ("", None) for v in row):
            continue  # an empty row
        period = known.get(raw_period)
        if period is None:
            period = periods.parse(raw_period, row_number)
        counted = False
        for i, bucket, slot in plan:
            value = row[i]
            ore: int | None
            if type(value) is float:  # the common case, inline
                hundred = value * 100
                try:
                    ore = round(hundred)
                except (ValueError, OverflowError):  # not a number, infinite
                    ore = None
                else:
                    if not -1e-4 <= hundred - ore <= 1e-4:
                        ore = ore_from_float(value)  # a huge amount's wider tolerance, or None
                if ore is None:
                    issues.append(_bad_amount(where(row_number, i, spec.header_col), value))
                    errors += 1
                    continue
            elif value == "" or value is None:
                continue
            else:
                try:
                    ore = _ore(value)
                except ValueError:
                    issues.append(_bad_amount(where(row_number, i, spec.header_col), value))
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
                    first[key] = row_number
            else:
                months[period] = months.get(period, 0) + ore
        count += counted
        if errors >= MAX_ERRORS_PER_FILE:
            break
    part.count = count
    part.sums, part.first = rawsums.clean(part.sums, present, part.first)
    return part
