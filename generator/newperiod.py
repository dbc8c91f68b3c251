"""`generate init`: start a new period's workbooks from the last period's.

Generic over `schema.ALL_WORKBOOKS`, so a workbook added to the registry is carried forward
with no change here. Per sheet: a sheet with `per_period=False` is copied as it is; a
per-period sheet keeps the columns marked `Carry.KEEP` (row keys, names, groups), clears
`Carry.CLEAR` (figures, judgements), keeps `Carry.DRAFT` text behind `DRAFT_MARKER` (or empties
it), moves years and month names in `Carry.SHIFT` cells to the new period, and keeps the
year's own figures (`Carry.YEAR`: Budget helår, ramar, bokslut) within the same year. Value columns
read as `extra_columns` (indicator years) get the same shift in their headers; a value follows
only into a column of a year that was already complete in the old period.

The workbooks are written anew by `writer`, so the new period always has the current
instructions, dropdowns and formats. Nothing existing is ever overwritten: the folder is built
under a temporary name and renamed into place.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import load_workbook

from generator.errors import ReportError
from generator.excel.files import file_problem, load_failure
from generator.excel.schema import (
    ALL_WORKBOOKS,
    DRAFT_MARKER,
    INSTRUCTIONS_SHEET,
    TEXTER,
    Carry,
    SheetSpec,
    WorkbookSpec,
    name_key,
)
from generator.excel.sheets import CellBook
from generator.excel.writer import write_workbook
from generator.kinds import ReportKind

if TYPE_CHECKING:
    from generator.kit import Kit
from generator.locate import chosen_namnd_folders, periods_in
from generator.period import ABBR_SV, MONTHS_SV, Period


class InitError(ReportError):
    """`generate init` cannot start the period: it exists already, or there is no source.

    Raised before anything is written; the message says what exists and what to do.
    """


@dataclass
class InitResult:
    """One nämnd's new period folder and what happened to each workbook."""

    namnd: str
    source: Path
    target: Path
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # file → sheet → rows
    notes: list[str] = field(default_factory=list)
    kind: ReportKind | None = None
    # Workbooks carried from another period than `source` (the newest that had them).
    sources: dict[str, Period] = field(default_factory=dict)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- moving a text to the new period -------------------------------------------------------
_YEAR = re.compile(r"(?<!\d)(19|20|21)(\d\d)(?!\d)")


def shift_text(text: object, old: Period, new: Period) -> object:
    """Years move by the number of years between the periods, the old month becomes the new.

    "2024 tom augusti" (aug-2024 → apr-2025) becomes "2025 tom april"; "Mål 2024" becomes
    "Mål 2025". A non-text value is returned unchanged.
    """
    if not isinstance(text, str):
        if isinstance(text, int) and not isinstance(text, bool) and 1900 <= text <= 2199:
            return text + new.year - old.year
        return text
    years = new.year - old.year
    out = _YEAR.sub(lambda m: str(int(m.group(0)) + years), text) if years else text
    if new.month != old.month:
        pairs = ((MONTHS_SV[old.month - 1], MONTHS_SV[new.month - 1]),
                 (ABBR_SV[old.month - 1], ABBR_SV[new.month - 1]))
        for before, after in pairs:
            out = _replace_word(out, before, after)
    return out


def _replace_word(text: str, before: str, after: str) -> str:
    """Every whole-word `before` (any case) becomes `after` in the same case."""
    return re.sub(rf"\b{before}\b", lambda m: _same_case(m.group(0), after), text,
                  flags=re.IGNORECASE)


def _same_case(found: str, word: str) -> str:
    if found.isupper() and len(found) > 1:
        return word.upper()
    return word.capitalize() if found[:1].isupper() else word


def mark_draft(text: object) -> object:
    """Last period's text, marked so that it cannot end up in a report unnoticed."""
    if _blank(text) or not isinstance(text, str):
        return text
    if text.lstrip().upper().startswith(DRAFT_MARKER):
        return text
    return f"{DRAFT_MARKER} {text}"


def _completed_year(header: str, old: Period) -> bool:
    return header.strip().isdigit() and len(header.strip()) == 4 and int(header) < old.year


def _keeps_value(header: str, old: Period) -> bool:
    """A value column's cells follow into the new period when they cannot have changed: a
    year already complete ("2023" in aug-2024) or a header with no time in it ("Målvärde")."""
    return _completed_year(header, old) or not (
        _YEAR.search(header) or any(re.search(rf"\b{m}\b", header, re.IGNORECASE)
                                    for m in (*MONTHS_SV, *ABBR_SV)))


# -- reading the old workbook as it is ------------------------------------------------------
def _sheet(book: CellBook, spec: SheetSpec) -> list[tuple[Any, ...]] | None:
    """The sheet's rows as tuples, up to its last value: a workbook formatted to row
    1 048 576 costs no more than its data."""
    for name in book.sheetnames:
        if name_key(name) == name_key(spec.name):
            cells = book.sheet(name)
            width = max((max(row) for _, row in cells.rows()), default=0)
            return [tuple(cells.row(n).get(c) for c in range(1, width + 1))
                    for n in range(1, cells.last_row + 1)]
    return None


def _cell(row: tuple[Any, ...], index: int | None) -> Any:
    return row[index] if index is not None and index < len(row) else None


def _read_table(rows: list[tuple[Any, ...]], spec: SheetSpec, where: str, notes: list[str]
                ) -> list[dict[str, Any]]:
    if not rows:
        return []
    header = rows[0]
    index = {name_key(v): i for i, v in enumerate(header) if not _blank(v)}
    known = {name_key(c.header) for c in spec.columns}
    positions = {c.key: index.get(name_key(c.header)) for c in spec.columns}
    extras = [(str(v).strip(), i) for i, v in enumerate(header)
              if not _blank(v) and name_key(v) not in known]
    if extras and not spec.extra_columns:
        names = ", ".join(f'"{h}"' for h, _ in extras)
        notes.append(f"{where}: kolumnerna {names} finns inte i mallen och följde inte med")
        extras = []
    records = []
    for row in rows[1:]:
        values: dict[str, Any] = {k: _cell(row, i) for k, i in positions.items()}
        if spec.extra_columns:
            values[spec.extra_columns] = [(h, _cell(row, i)) for h, i in extras]
        cells = [v for k, v in values.items() if k != spec.extra_columns]
        cells += [v for _, v in values.get(spec.extra_columns, [])] if spec.extra_columns else []
        if all(_blank(v) for v in cells):
            continue
        records.append(values)
    return records


def _read_settings(rows: list[tuple[Any, ...]], spec: SheetSpec, where: str, notes: list[str]
                   ) -> dict[str, Any]:
    by_label = {name_key(s.label): s.key for s in spec.settings}
    values: dict[str, Any] = {}
    unknown = []
    for row in rows[1:]:
        label = _cell(row, 0)
        if _blank(label):
            continue
        key = by_label.get(name_key(label))
        if key is None:
            unknown.append(f'"{label}"')
            continue
        values[key] = _cell(row, 1)
    if unknown:
        notes.append(f"{where}: inställningarna {', '.join(unknown)} finns inte i mallen och "
                     "följde inte med")
    return values


# -- carrying each sheet forward --------------------------------------------------------------
def _carry_value(value: Any, mode: Carry, old: Period, new: Period, empty_texts: bool) -> Any:
    if mode is Carry.CLEAR:
        return None
    if mode is Carry.YEAR:
        return value if new.year == old.year else None
    if mode is Carry.DRAFT:
        return None if empty_texts else mark_draft(value)
    if mode is Carry.SHIFT:
        return shift_text(value, old, new)
    return value


def _carry_table(spec: SheetSpec, records: list[dict[str, Any]], old: Period, new: Period,
                 empty_texts: bool) -> list[dict[str, Any]]:
    if not spec.per_period:
        return records
    carried = []
    for record in records:
        values = {c.key: _carry_value(record.get(c.key), c.carry, old, new, empty_texts)
                  for c in spec.columns}
        if spec.extra_columns and spec.extras_carry is not None:
            values[spec.extra_columns] = [
                (h, _carry_value(v, spec.extras_carry, old, new, empty_texts))
                for h, v in record.get(spec.extra_columns, [])]
        elif spec.extra_columns:
            old_values = {h: v for h, v in record.get(spec.extra_columns, [])}
            values[spec.extra_columns] = [
                (str(shift_text(h, old, new)),
                 old_values.get(str(shift_text(h, old, new)))
                 if _keeps_value(str(shift_text(h, old, new)), old) else None)
                for h in old_values
            ]
        kept = [v for k, v in values.items() if k != spec.extra_columns]
        if spec.extras_carry is not None:
            kept += [v for _, v in values.get(spec.extra_columns or "", [])]
        if any(not _blank(v) for v in kept):
            carried.append(values)
    return carried


def _carry_settings(spec: SheetSpec, values: dict[str, Any], old: Period, new: Period,
                    empty_texts: bool) -> dict[str, Any]:
    if not spec.per_period:
        return values
    return {s.key: _carry_value(values.get(s.key), s.carry, old, new, empty_texts)
            for s in spec.settings}


class UnreadableWorkbook(ReportError):
    """An existing workbook to carry forward or update cannot be opened as an .xlsx.

    Raised by `read_as_is`; the message names the file and what to do about it.
    """


def read_as_is(source: Path, spec: WorkbookSpec, notes: list[str]) -> dict[str, Any]:
    """`spec`'s sheets in an existing workbook, as `write_workbook` takes them, unchanged.

    Values are read as they stand (no checks: a new period's empty cells are fine). Sheets,
    columns and settings outside the layout are named in `notes`; output-only sheets are
    skipped. Also used by `generate importera` to keep what it does not write.
    """
    problem = file_problem(source)
    if problem is None:
        try:
            book = CellBook(source)
        except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same advice
            problem = load_failure(exc)
    if problem is not None:
        raise UnreadableWorkbook(
            f"{source} kunde inte läsas som Excel-arbetsbok (.xlsx): {problem}.")
    data: dict[str, Any] = {}
    known = {name_key(s.name) for s in spec.sheets} | {name_key(INSTRUCTIONS_SHEET)}
    extra_sheets = [f'"{n}"' for n in book.sheetnames if name_key(n) not in known]
    if extra_sheets:
        notes.append(f"{spec.filename}: flikarna {', '.join(extra_sheets)} finns inte i "
                     "mallen och följde inte med")
    for sheet in spec.sheets:
        if sheet.output_only:  # a command's output, not carried
            continue
        try:
            rows = _sheet(book, sheet)
        except Exception as exc:  # noqa: BLE001 - a damaged sheet: the same advice
            raise UnreadableWorkbook(
                f"{source} kunde inte läsas som Excel-arbetsbok (.xlsx): fliken {sheet.name}: "
                f"{load_failure(exc)}.") from exc
        if rows is None:
            continue
        where = f"{spec.filename} › {sheet.name}"
        if sheet.is_key_value:
            data[sheet.name] = _read_settings(rows, sheet, where, notes)
        else:
            data[sheet.name] = _read_table(rows, sheet, where, notes)
    return data


def carry_workbook(source: Path, target: Path, spec: WorkbookSpec, old: Period, new: Period,
                   empty_texts: bool, notes: list[str]) -> dict[str, int] | None:
    """Write `spec`'s workbook for `new` at `target` from the one at `source` (if any).

    Returns the rows carried per sheet, or None for an optional workbook the old period
    does not have (nothing is written then). A workbook whose sheets are the nämnd's own
    (`copied_by_init`: tabeller.xlsx) is copied as it is, with the new period."""
    data: dict[str, Any] = {}
    counts: dict[str, int] = {}
    if spec.optional and not source.exists():
        return None  # a workbook only some nämnder use: nothing to carry, nothing to add
    if spec.copied_by_init:
        _copy_with_period(source, target, new)
        return counts
    if not source.exists():
        notes.append(f"{spec.filename} fanns inte för {old.slug}; skrev en tom arbetsbok att "
                     "fylla i")
        write_workbook(target, spec, new.slug, data)
        return counts
    try:
        found = read_as_is(source, spec, notes)
    except UnreadableWorkbook as exc:
        raise InitError(f"{exc.message} Rätta filen och försök igen. Ingen ny period "
                        "skapades.") from exc
    for sheet in spec.sheets:
        if sheet.name not in found:
            continue
        if sheet.is_key_value:
            data[sheet.name] = _carry_settings(sheet, found[sheet.name], old, new, empty_texts)
        else:
            rows = _carry_table(sheet, found[sheet.name], old, new, empty_texts)
            data[sheet.name] = rows
            counts[sheet.name] = len(rows)
    write_workbook(target, spec, new.slug, data)
    return counts


def _copy_with_period(source: Path, target: Path, new: Period) -> None:
    """An optional workbook (tabeller.xlsx) as it is, its Instruktioner › B1 the new period.

    Its sheets are the nämnd's own tables, so it is copied rather than rewritten; a ram
    build-up or a list of åtgärder is updated in place by the economist.
    """
    problem = file_problem(source)
    if problem is None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                book = load_workbook(source)
        except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same advice
            problem = load_failure(exc)
    if problem is not None:
        raise InitError(
            f"{source} kunde inte läsas som Excel-arbetsbok (.xlsx): {problem}. Rätta filen "
            "och försök igen. Ingen ny period skapades.")
    ws = _sheet_named(book, INSTRUCTIONS_SHEET)
    if ws is not None:
        ws["B1"] = new.slug
    book.save(target)


def _sheet_named(book: Any, name: str) -> Any:
    return next((book[n] for n in book.sheetnames if name_key(n) == name_key(name)), None)


# -- choosing folders ---------------------------------------------------------------------------
def source_period(namnd_folder: Path, new: Period, given: Period | None) -> Period:
    """`--from` if given (it must exist), else the newest period before `new`."""
    existing = periods_in(namnd_folder)
    listed = ", ".join(p.slug for p in existing) or "inga"
    if given is not None:
        if given not in existing:
            raise InitError(
                f"Perioden {given.slug} finns inte för {namnd_folder.name} "
                f"(perioder som finns: {listed}).")
        return given
    earlier = [p for p in existing if p < new]
    if not earlier:
        raise InitError(
            f"Det finns ingen period före {new.slug} för {namnd_folder.name} att utgå från "
            f"(perioder som finns: {listed}). Ange en med --from, till exempel "
            f"--from {max(existing).slug if existing else 'aug-2024'}, eller välj en annan nämnd "
            "med --namnd.")
    return max(earlier)


def _refuse_existing(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        found = sorted(p.name for p in target.iterdir()) if target.is_dir() else []
        shown = ", ".join(found[:3]) + (f" med flera ({len(found)} filer)"
                                        if len(found) > 3 else "")
        raise InitError(
            f"{target} finns redan" + (f" och innehåller {shown}" if shown else "")
            + ". generate init skriver aldrig över arbetsböcker: fyll i dem som de är, eller "
            "flytta eller byt namn på mappen om du vill börja om.")


def _usual_permissions(folder: Path) -> None:
    """mkdtemp/mkstemp make private files; a shared drive needs the user's usual ones."""
    umask = os.umask(0o022)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
    for path in folder.iterdir():
        path.chmod(0o666 & ~umask)


def _write_kit(folder: Path, old: Period, new: Period, kit: Kit, specs: Iterable[WorkbookSpec],
               staging: Path, result: InitResult, empty_texts: bool) -> None:
    """Write the new period's workbooks into `staging`: those the kind reads, each from
    the period the kit names, texter.xlsx after the new kind's template."""
    from generator.kit import text_rows

    specs = list(specs)
    result.notes.extend(f"{name} följde inte med: en {kit.kind.lower} läser den inte (den "
                        f"finns kvar i {old.slug}, och nästa rapport som behöver den hämtar "
                        "den därifrån)"
                        for name in kit.left if name in {s.filename for s in specs})

    def draft(value: object) -> object:
        return _carry_value(value, Carry.DRAFT, old, new, empty_texts)

    for spec in specs:
        if not kit.kind.reads(spec.filename):
            continue
        source = kit.sources.get(spec.filename, old)
        if source != old:
            result.sources[spec.filename] = source
        if spec.filename == TEXTER.filename and kit.template is not None:
            rows = text_rows(folder, kit, [p for p in periods_in(folder) if p <= old], draft,
                             lambda path, s: read_as_is(path, s, result.notes), result.notes)
            write_workbook(staging / spec.filename, spec, new.slug, {"Texter": rows})
            result.counts[spec.filename] = {"Texter": len(rows)}
            continue
        counts = carry_workbook(folder / source.slug / spec.filename, staging / spec.filename,
                                kit.layout(spec), source, new, empty_texts, result.notes)
        if counts is not None:
            result.counts[spec.filename] = counts


def init_period(inputs_root: Path, new: Period, given: Period | None = None,
                namnd: str | None = None, empty_texts: bool = False,
                workbooks: Iterable[WorkbookSpec] = ALL_WORKBOOKS,
                kind: ReportKind | None = None) -> list[InitResult]:
    """Create `<nämnd>/<new>/` for every nämnd (or the one named), all or nothing.

    The new period's kind (`kind`, else the calendar's) decides which workbooks it gets
    and where each comes from (`kit.plan`).
    """
    from generator.kit import KitError, plan

    folders = chosen_namnd_folders(inputs_root, namnd)
    if not folders:
        raise InitError(f"Hittade inga nämnder under {inputs_root}. Förväntade mappar som "
                        f"{inputs_root}/<nämnd>/<period>/ med arbetsböckerna.")
    plans = []
    for folder in folders:
        old = source_period(folder, new, given)
        if old == new:
            raise InitError(f"Perioden {new.slug} kan inte startas från sig själv.")
        _refuse_existing(folder / new.slug)
        try:
            kit = plan(folder, periods_in(folder), old, new, kind,
                       lambda path, spec: read_as_is(path, spec, []))
        except (KitError, UnreadableWorkbook) as exc:
            raise InitError(f"{exc} Ingen ny period skapades.") from exc
        plans.append((folder, old, kit))
    specs = tuple(workbooks)
    results: list[tuple[InitResult, Path]] = []
    try:  # build every nämnd's folder first, then move them all into place: all or nothing
        for folder, old, kit in plans:
            result = InitResult(folder.name, folder / old.slug, folder / new.slug, kind=kit.kind)
            if (old.year, old.month) > (new.year, new.month):  # allowed, but rarely meant
                result.notes.append(
                    f"{old.slug} ligger efter {new.slug}: den nya perioden startades från en "
                    "senare period och fick dess arbetsböcker. Var det inte meningen, ta bort "
                    f"mappen {new.slug} och kör init med --from för perioden före.")
            staging = Path(tempfile.mkdtemp(prefix=f".{new.slug}-", dir=folder))
            results.append((result, staging))
            _write_kit(folder, old, new, kit, specs, staging, result, empty_texts)
            _usual_permissions(staging)
        for result, _ in results:
            _refuse_existing(result.target)  # nothing appeared meanwhile
        for result, staging in results:
            if result.target.exists():
                result.target.rmdir()  # an empty folder made by hand
            staging.rename(result.target)
    finally:
        for _, staging in results:
            if staging.exists():
                shutil.rmtree(staging)
    return [result for result, _ in results]
