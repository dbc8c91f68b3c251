"""Any value in any cell the program reads: a run ends in a report or in messages with exit
code 2, never in the unexpected-error path (outputs/logg/), and never leaves a temporary file.

Hypothesis writes values of every kind a workbook can hold (text with Excel's escapes and
control characters, numbers up to 1E+300, dates, times, durations, booleans, formulas
without a cached value, Excel errors, numbers as Swedish text, markup) into the bundled
examples with openpyxl, as a colleague's or an exporter's workbook would hold them: a few
cells of a sheet, or every cell of it. The cells are those of every sheet the program
reads, from the header row to one row and one column beyond the data, and the period cell
(Instruktioner › B1) of each workbook. `generate check` runs on each case; a few cases
are rendered with `generate`.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from generator.cli import cli
from tests.conftest import EXAMPLE, TEMPLATE

PERIOD = "aug-2024"
NAMNDER = ("linkoping-son", "exempelby-kfn")


@dataclass(frozen=True)
class Sheet:
    namnd: str
    file: str
    name: str
    cells: tuple[str, ...]  # every cell the program may read there


def _sheets() -> tuple[Sheet, ...]:
    found = []
    for namnd in NAMNDER:
        for path in sorted((EXAMPLE / namnd / PERIOD).glob("*.xlsx")):
            book = load_workbook(path, read_only=True)
            for ws in book.worksheets:
                if ws.title == "Instruktioner":
                    cells: tuple[str, ...] = ("B1",)
                else:
                    rows, cols = ws.max_row + 1, ws.max_column + 1
                    cells = tuple(f"{chr(64 + c)}{r}" for r in range(1, rows + 1)
                                  for c in range(1, cols + 1))
                found.append(Sheet(namnd, path.name, ws.title, cells))
            book.close()
    return tuple(found)


SHEETS = _sheets()

# Characters XML cannot hold reach a workbook as Excel writes them: _xHHHH_.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _as_excel(text: str) -> str:
    return _ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


SPECIAL = (
    "", " ", "\n", "n/a", "-", "–", "0", "1 220,4", "−75,0", "61.700", "1E+300", "1e-300",
    "9" * 40, "NaN", "inf", "#DIV/0!", "#N/A", "#VALUE!", "aug-2024", "apr-2025", "2024",
    "_x000D_", "_x005F_x000D_", "Utfall_x000D_", "_xD83D__xDE00_", "_xD800_", "_x0000_",
    "[diagram C9]", "[tabell T9]", "{okänd.siffra}", "{resultat.avvikelse:0}", "**", "^[",
    "- ", "✓", "UTKAST: text", "Ja", "Nej", "tkr", "mnkr", "kr", "Rubrik", "Delrad", "Varav",
    "Egen regi", "Verksamhet", "linje per år", "staplar avvikelse", "C1", "T1", "Summa",
    "Rad", "Not", "Uppfyllt", "Pågår", "ABCDEF", "#zzzzzz", "budget - redovisat",
    "avvikelse / 0", "__import__('os')", "a;b;c", "Målområde; Nämndmål", "x" * 3000,
    "<w:p>&amp;</w:p>", "Kultur & fritid <b>", "emoji 😀", "\u202e", "\u2028",
)

FORMULAS = ("=1+1", "=A1", "=SUM(B2:B9)", "=1/0", '="text"', "=NOPE(")

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.times(),
    st.timedeltas(min_value=timedelta(days=-1000), max_value=timedelta(days=10**6)),
    st.text(max_size=40).map(_as_excel),
    st.sampled_from(SPECIAL),
    st.sampled_from(FORMULAS),
)


@st.composite
def changes(draw: st.DrawFn) -> tuple[str, dict[tuple[str, str], dict[str, object]]]:
    """A nämnd and {(file, sheet): {cell: value}}: a few cells, or every cell of a sheet."""
    namnd = draw(st.sampled_from(NAMNDER))
    sheets = [s for s in SHEETS if s.namnd == namnd]
    out: dict[tuple[str, str], dict[str, object]] = {}
    for sheet in draw(st.lists(st.sampled_from(sheets), min_size=1, max_size=3)):
        if draw(st.booleans()):
            cells = sheet.cells
        else:
            cells = tuple(draw(st.lists(st.sampled_from(sheet.cells), min_size=1,
                                        max_size=4)))
        target = out.setdefault((sheet.file, sheet.name), {})
        for cell in cells:
            target[cell] = draw(values)
    return namnd, out


@contextmanager
def changed_copy(namnd: str, cells: dict[tuple[str, str], dict[str, object]]
                 ) -> Iterator[Path]:
    """A work folder with the nämnd's inputs, the cells changed; removed afterwards."""
    work = Path(tempfile.mkdtemp(prefix="any-cell-"))
    try:
        folder = work / "inputs" / namnd / PERIOD
        shutil.copytree(EXAMPLE / namnd, folder.parent)  # with the nämnd's logo
        by_file: dict[str, list[tuple[str, dict[str, object]]]] = {}
        for (file, sheet), values_ in cells.items():
            by_file.setdefault(file, []).append((sheet, values_))
        for file, changes_ in by_file.items():
            book = load_workbook(folder / file)
            for sheet, values_ in changes_:
                for cell, value in values_.items():
                    book[sheet][cell] = value
            book.save(folder / file)
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [
        "--indata", str(work / "inputs"), "--utdata", str(work / "outputs"),
        "--mall", str(TEMPLATE), *args], catch_exceptions=False)


def assert_handled(work: Path, result: Result) -> None:
    out = result.output
    assert result.exit_code in (0, 2), out
    assert "oväntat fel" not in out, out
    assert not (work / "outputs" / "logg").exists(), out
    assert "Traceback" not in out
    left = [p.name for p in (work / "outputs").rglob(".~*")] if (
        work / "outputs").exists() else []
    assert not left, f"temporary files left: {left}"


def _case(check: Callable[[Path], Result]) -> Callable[..., None]:
    def test(case: tuple[str, dict[tuple[str, str], dict[str, object]]]) -> None:
        namnd, cells = case
        with changed_copy(namnd, cells) as work:
            assert_handled(work, check(work))
    return test


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(changes())
def test_check_never_ends_in_an_unexpected_error(
        case: tuple[str, dict[tuple[str, str], dict[str, object]]]) -> None:
    _case(lambda work: run(work, "check", "--period", PERIOD))(case)


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(changes())
def test_generate_never_ends_in_an_unexpected_error(
        case: tuple[str, dict[tuple[str, str], dict[str, object]]]) -> None:
    _case(lambda work: run(work, "--period", PERIOD))(case)


def test_the_cells_cover_every_sheet_read() -> None:
    """The fuzzed cells reach each workbook and each data sheet of both examples."""
    names = {(s.namnd, s.file, s.name) for s in SHEETS}
    assert ("linkoping-son", "diagram.xlsx", "Serier") in names
    assert ("exempelby-kfn", "tabeller.xlsx", "T2") in names
    assert ("linkoping-son", "utfall.xlsx", "Instruktioner") in names
    drift = next(s for s in SHEETS if s.namnd == "linkoping-son" and s.file == "utfall.xlsx"
                 and s.name == "Drift")
    assert {"A1", "E14", "F15"} <= set(drift.cells), "header, data, one row and column beyond"




def test_a_share_of_a_budget_typed_as_1e_300_is_rendered() -> None:
    """Found by this test's audit: a column computed as a share of a tiny budget overflowed
    Decimal's 28 digits when rounded for display (InvalidOperation)."""
    share = {"A7": "prognos", "B7": "andel", "C7": "Andel", "D7": "procent",
             "E7": "avvikelse / budget * 100", "H7": 1}
    with changed_copy("exempelby-kfn", {("installningar.xlsx", "Kolumner"): share,
                                        ("prognos.xlsx", "Drift"): {"D3": 1e-300}}) as work:
        result = run(work, "--period", PERIOD)
        assert_handled(work, result)
        assert result.exit_code == 0, result.output


def _optional_header_cells() -> list[tuple[str, str, str, str]]:
    """(nämnd, file, sheet, cell) of every optional column's header in the examples (a
    missing required column makes the sheet unreadable, a message of its own)."""
    from generator.excel.schema import ALL_WORKBOOKS, name_key

    optional = {(spec.filename, sheet.name): {name_key(c.header) for c in sheet.columns
                                              if not c.required}
                for spec in ALL_WORKBOOKS for sheet in spec.sheets}
    found = []
    for sheet in SHEETS:
        headers = optional.get((sheet.file, sheet.name))
        if not headers:
            continue
        book = load_workbook(EXAMPLE / sheet.namnd / PERIOD / sheet.file, read_only=True)
        row = next(book[sheet.name].iter_rows(min_row=1, max_row=1), ())
        found += [(sheet.namnd, sheet.file, sheet.name, c.coordinate) for c in row
                  if name_key(c.value) in headers and getattr(c, "coordinate", None)]
        book.close()
    return found


def test_any_optional_column_removed_is_a_message_never_an_unexpected_error() -> None:
    """Found by the test above: an optional column's header emptied (Texter › C1, "Text")
    left its cells without a place to name, and reading them ended in a KeyError."""
    cases = _optional_header_cells()
    assert ("linkoping-son", "texter.xlsx", "Texter", "C1") in cases
    by_sheet: dict[tuple[str, str, str], dict[str, object]] = {}
    for namnd, file, sheet, cell in cases:  # a sheet's optional columns all gone at once
        by_sheet.setdefault((namnd, file, sheet), {})[cell] = None
    for (namnd, file, sheet), emptied in by_sheet.items():
        with changed_copy(namnd, {(file, sheet): emptied}) as work:
            assert_handled(work, run(work, "check", "--period", PERIOD))
