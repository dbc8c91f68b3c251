"""Read the workbooks the enheter sent back, as they really come: renamed, saved as .xlsm or
by LibreOffice, with sheets of their own. python-calamine reads them (about 1 ms each, some
forty times faster than openpyxl), so collecting 200 stays well within a few seconds.

Only the layout is checked here (cells, numbers, changed pre-filled cells); whether the
enhet, nämnd and period are right is for collect.py, which knows the setup.
"""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook, SheetVisibleEnum

from generator.excel.cleaning import clean, trim
from generator.excel.files import file_problem
from generator.excel.reader import (
    EXCEL_ERROR_HINT,
    describe,
    error_value,
    out_of_range,
    unsaved_formula,
)
from generator.excel.schema import name_key
from generator.excel.xlsx_cells import Hidden, scan_sheet
from generator.formatting import (
    NumberOutOfRange,
    format_number,
    is_ambiguous_dot,
    parse_number,
)
from generator.issues import Issue, SourceRef, error, warning
from generator.orgunits import layout as L
from generator.orgunits.model import Answer, SentLine
from generator.period import Period

# Spreadsheets we do not read: an enhet that sent one has answered, so it is an error.
OTHER_SPREADSHEETS = (".xls", ".xlsb", ".ods", ".csv", ".numbers", ".xltx")


def _clean_text(text: str) -> str:
    """A string from an answer as every cell is cleaned (escapes, line breaks, trimmed)."""
    return trim(clean(text))


def answer_files(folder: Path) -> tuple[list[Path], list[Issue]]:
    """The workbooks in `folder` to read, and a word about everything else in it."""
    files: list[Path] = []
    issues: list[Issue] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name.casefold()):
        name = path.name
        if L.never_an_answer(name):
            continue
        suffix = path.suffix.casefold()
        if path.is_dir():
            issues.append(warning(SourceRef(name), (
                "undermappen lästes inte; lägg enheternas arbetsböcker direkt i mappen")))
        elif suffix in L.WORKBOOK_SUFFIXES:
            files.append(path)
        elif suffix in OTHER_SPREADSHEETS:
            issues.append(error(SourceRef(name), (
                f"filen är i formatet {suffix} och kan inte läsas; öppna den och spara den som "
                "Excel-arbetsbok (.xlsx) med samma flikar, eller be enheten göra det")))
        else:
            issues.append(warning(SourceRef(name), (
                "filen är ingen Excel-arbetsbok (.xlsx eller .xlsm) och lästes inte")))
    return files, issues


class _Sheet:
    """A sheet's cells by 1-based row and column; empty text is None."""

    def __init__(self, file: str, name: str, rows: list[list[Any]]) -> None:
        self.file = file
        self.name = name
        self.rows = rows

    def get(self, row: int, col: int) -> Any:
        if row - 1 < len(self.rows) and col - 1 < len(self.rows[row - 1]):
            value = self.rows[row - 1][col - 1]
            if isinstance(value, str):
                value = _clean_text(value)
            return None if value == "" else value
        return None

    def ref(self, row: int, col: int) -> SourceRef:
        return SourceRef(self.file, self.name, f"{_letter(col)}{row}")

    @property
    def height(self) -> int:
        return len(self.rows)


def _letter(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _text(value: Any) -> str | None:
    """A key cell as text: 513.0 (a code that became a number) is "513"."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None


def _number(value: Any) -> Decimal | None:
    """A pre-filled amount as written; what is no number is compared as text."""
    try:
        return parse_number(value)
    except ValueError:
        return None


def _shown(value: Decimal | None) -> str:
    if value is None:
        return "en tom cell"
    decimals = max(0, -int(value.normalize().as_tuple().exponent))
    return format_number(value, min(decimals, 6))


_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>([^<]+)</dcterms:modified>")
# Far above any enhet's workbook; an archive claiming more is garbage or a zip bomb.
MAX_UNPACKED = 256 * 1024**2


def _saved(core: bytes) -> datetime | None:
    """When the workbook was last saved, from docProps/core.xml (UTC)."""
    match = _MODIFIED.search(core)
    if not match:
        return None
    text = match.group(1).decode("ascii", "replace").strip().replace("Z", "+00:00")
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return None
    return stamp.astimezone(UTC) if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _open(path: Path) -> tuple[str | None, datetime | None]:
    """A cheap look at the archive (a problem, or when it was saved).

    A returned workbook is read by python-calamine, whose XML parser expands no entities,
    so the full scan of `files.file_problem` (every part's prolog, for openpyxl) is only
    run to explain a file that is no workbook; reading 200 answers stays about twice as
    fast.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            if ("xl/workbook.xml" not in names
                    or sum(i.file_size for i in infos) > MAX_UNPACKED):
                return file_problem(path) or "filen är ingen Excel-arbetsbok (.xlsx)", None
            core = (archive.read("docProps/core.xml") if "docProps/core.xml" in names
                    else b"")
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return file_problem(path) or "filen kunde inte läsas", None
    return None, _saved(core)


def read_answer(path: Path) -> tuple[Answer | None, list[Issue]]:
    """One returned workbook; None when it cannot be read or is no enhet's workbook."""
    ref = SourceRef(path.name)
    problem, saved = _open(path)
    if problem is not None:
        return None, [error(ref, problem)]
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception:  # noqa: BLE001 - every failure becomes one Swedish line
        return None, [error(ref, (
            "filen kunde inte läsas som Excel-arbetsbok; den kan vara skadad. Be enheten "
            "öppna den i Excel och spara den igen"))]
    try:
        return _read(path, book, saved)
    finally:
        book.close()


def _read(path: Path, book: CalamineWorkbook, saved: datetime | None
          ) -> tuple[Answer | None, list[Issue]]:
    issues: list[Issue] = []
    names = {name_key(m.name): m for m in book.sheets_metadata}

    def sheet(title: str) -> _Sheet | None:
        meta = names.get(name_key(title))
        if meta is None:
            return None
        rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        return _Sheet(path.name, meta.name, rows)

    check = sheet(L.CHECK)
    if check is None:
        return None, [warning(SourceRef(path.name), (
            f"arbetsboken är inget svar från en enhet (fliken {L.CHECK}, som generate utskick "
            "skriver, saknas) och lästes inte. Är det ett svar: be enheten föra in sin prognos i "
            "arbetsboken den fick"))]
    facts = {name_key(check.get(r, 1)): _text(check.get(r, 2))
             for r in range(1, L.CHECK_HEADER_ROW)}
    answer = Answer(path, facts.get(name_key(L.CHECK_NAMND)) or "",
                    facts.get(name_key(L.CHECK_UNIT)) or "",
                    facts.get(name_key(L.CHECK_PERIOD)) or "",
                    saved=saved, mtime=path.stat().st_mtime)
    for r in range(L.CHECK_HEADER_ROW + 1, check.height + 1):
        key = _text(check.get(r, 1)) or _text(check.get(r, 2))
        if key:
            answer.sent[key] = SentLine(key, *(_number(check.get(r, c)) for c in (3, 4, 5)))
    known = {name_key(n) for n in (L.INSTRUCTIONS, L.FORECAST, L.TEXTS, L.CHECK)}
    for meta in book.sheets_metadata:
        if name_key(meta.name) not in known and meta.visible == SheetVisibleEnum.Visible:
            issues.append(warning(SourceRef(path.name, meta.name), (
                "fliken är enhetens egen och lästes inte; bara fliken Prognos (och Texter) "
                "samlas in")))
    _identity(sheet(L.INSTRUCTIONS), answer, issues)
    forecast = sheet(L.FORECAST)
    empty: list[tuple[str, SourceRef]] = []
    if forecast is None:
        issues.append(error(SourceRef(path.name), (
            f'fliken "{L.FORECAST}" saknas; förväntade den med enhetens prognos (har fliken '
            "bytt namn?)")))
    else:
        # calamine reads a formula without its saved value, or #N/A, as an empty cell
        hidden = {h.cell: h for h in scan_sheet(path, forecast.name)}
        empty = _forecasts(forecast, answer, issues, hidden)
    texts = sheet(L.TEXTS)
    if texts is not None:
        _texts(texts, answer)
    answer.filled = answer.filled or bool(answer.forecasts or answer.comments or any(
        a or t for _, a, t in answer.texts))
    if answer.filled:  # something was filled in: then every forecast must be
        issues.extend(error(ref, (
            f'{L.FORECAST_HEADER} saknas för "{key}": hittade en tom cell, förväntade ett tal '
            "(skriv 0 om raden inte får några kostnader)")) for key, ref in empty)
    answer.ok = not any(i.is_error for i in issues)
    return answer, issues


def _identity(ws: _Sheet | None, answer: Answer, issues: list[Issue]) -> None:
    """Instruktioner › B1 (period) and B2 (enhet) are locked: they must be as sent."""
    if ws is None:
        issues.append(error(SourceRef(answer.path.name), (
            f'fliken "{L.INSTRUCTIONS}" saknas; förväntade den med perioden i B1')))
        return
    for (row, col), sent in ((L.PERIOD_CELL, answer.period), (L.UNIT_CELL, answer.unit_id)):
        value = ws.get(row, col)
        if isinstance(value, (date, datetime)):  # Excel made "aug-2024" a date
            value = Period(value.year, value.month).slug
        found = _text(value)
        if found != sent:
            issues.append(error(ws.ref(row, col), (
                f"cellen är låst och ändrades: förväntade {describe(sent)} som arbetsboken "
                f"skickades ut, hittade {describe(found)}")))


def _columns(ws: _Sheet, answer: Answer, issues: list[Issue]) -> dict[str, int] | None:
    headers = {name_key(ws.get(1, c)): c for c in range(1, len(ws.rows[0]) + 1)
               if ws.get(1, c) is not None} if ws.rows else {}
    wanted = {"code": L.KEY_HEADERS[0], "name": L.KEY_HEADERS[1], "budget": L.BUDGET,
              "previous": L.PREVIOUS, "forecast": L.FORECAST_HEADER, "comment": L.COMMENT}
    cols = {key: headers.get(name_key(h)) for key, h in wanted.items()}
    cols["actual"] = next((c for h, c in headers.items() if h.startswith("redovisat")), None)
    missing = [wanted.get(k, "Redovisat") for k, c in cols.items() if c is None]
    if missing:
        issues.append(error(ws.ref(1, 1), (
            f"kolumnerna {', '.join(missing)} saknas på rad 1; förväntade rubrikerna som "
            "arbetsboken skickades ut med")))
        return None
    used = {*(c for c in cols.values() if c is not None), headers.get(name_key(L.DEVIATION))}
    for col in headers.values():
        if col not in used:
            issues.append(warning(ws.ref(1, col), (
                f'kolumnen "{ws.get(1, col)}" lästes inte; bara {L.FORECAST_HEADER} och '
                f"{L.COMMENT} samlas in")))
    return {k: c for k, c in cols.items() if c is not None}


def _forecasts(ws: _Sheet, answer: Answer, issues: list[Issue],
               hidden: dict[str, Hidden]) -> list[tuple[str, SourceRef]]:
    """Read the rows into `answer`; the forecast cells left empty. `hidden`: the sheet's
    cells that are empty only to calamine (an error value, a formula without its value)."""
    cols = _columns(ws, answer, issues)
    if cols is None:
        return []
    seen: dict[str, int] = {}
    empty: list[tuple[str, SourceRef]] = []
    # the last column with a header: right of it nothing is read, so nothing should stand
    width = max(c for c in range(1, len(ws.rows[0]) + 1) if ws.get(1, c) is not None)
    for r in range(2, ws.height + 1):
        beside = next((c for c in range(width + 1, len(ws.rows[r - 1]) + 1)
                       if ws.get(r, c) is not None), None)
        if beside is not None:
            issues.append(warning(ws.ref(r, beside), (
                f"värdet {describe(ws.get(r, beside))} står utanför tabellen (kolumnen har ingen "
                f"rubrik) och lästes inte; skriv prognosen i {L.FORECAST_HEADER} och "
                f"kommentaren i {L.COMMENT}")))
        key = _text(ws.get(r, cols["code"])) or _text(ws.get(r, cols["name"]))
        if key is None:
            if any(ws.get(r, cols[k]) is not None for k in ("forecast", "comment")):
                issues.append(error(ws.ref(r, cols["forecast"]), (
                    "raden har ingen verksamhet; förväntade prognoser bara på de ifyllda "
                    "raderna")))
            continue
        if key == L.SUM_LABEL and _text(ws.get(r, cols["code"])) is None:
            continue  # the sum row; its formulas are Excel's business
        sent = answer.sent.get(key)
        if sent is None or key in seen:
            why = (f"finns redan på rad {seen[key]}" if key in seen else
                   "fanns inte när arbetsboken skickades ut")
            issues.append(error(ws.ref(r, cols["name"]), (
                f'raden "{key}" {why}; förväntade raderna som arbetsboken skickades ut med')))
            continue
        seen[key] = r
        for field, value in (("budget", sent.budget), ("actual", sent.actual),
                             ("previous", sent.previous)):
            found = ws.get(r, cols[field])
            number = _number(found)
            if number != value or (found is not None and value is None):
                shown = _shown(number) if number is not None else describe(found)
                issues.append(error(ws.ref(r, cols[field]), (
                    f"cellen är låst och ändrades: förväntade {_shown(value)} som arbetsboken "
                    f"skickades ut, hittade {shown}. Be enheten ändra tillbaka")))
        raw = ws.get(r, cols["forecast"])
        ref = ws.ref(r, cols["forecast"])
        number, problem = _forecast(raw, hidden.get(ref.cell) if raw is None else None)
        if problem is not None:
            issues.append(error(ref, f"{L.FORECAST_HEADER}: {problem}"))
            answer.filled = True
        elif number is not None:
            answer.forecasts[key] = (number, ref)
        elif raw is None:
            empty.append((key, ref))
        comment = ws.get(r, cols["comment"])
        if comment is not None:
            answer.comments[key] = _clean_text(str(comment))
    for key in answer.sent:
        if key not in seen:
            issues.append(error(SourceRef(ws.file, ws.name), (
                f'raden "{key}" saknas; förväntade raderna som arbetsboken skickades ut med')))
    return empty


def _forecast(raw: Any, shows: Hidden | None) -> tuple[Decimal | None, str | None]:
    """A forecast cell's number, or what is wrong with it. `shows`: what Excel shows in a
    cell calamine read as empty (an error value, a formula without its saved value)."""
    if shows is not None:
        if shows.error:
            return None, (f"förväntade ett tal, hittade felvärdet {error_value(shows.error)} "
                          f"({EXCEL_ERROR_HINT})")
        return None, unsaved_formula(f"={shows.formula}" if shows.formula else None)
    try:
        return parse_number(raw), None
    except NumberOutOfRange:
        return None, out_of_range(raw)
    except ValueError:
        hint = (" (punkten kan betyda tusental eller decimaler)" if is_ambiguous_dot(raw)
                else "")
        return None, f"förväntade ett tal, hittade {describe(raw)}{hint}"


def _texts(ws: _Sheet, answer: Answer) -> None:
    for r in range(2, ws.height + 1):
        subject = _text(ws.get(r, 1))
        if subject:
            assessment, text = ws.get(r, 2), ws.get(r, 3)
            answer.texts.append((subject, _text(assessment),
                                 _clean_text(str(text)) if text is not None else None))
