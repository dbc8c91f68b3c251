"""Reading is bounded by the cells that hold a value, and every value keeps its cell.

A workbook formatted to row 1 048 576 (tests/formatted.py writes the two forms Excel writes)
is checked and rendered like the unmodified one, in the same memory; the values read equal
openpyxl's own, cell for cell; forms of sheet XML that openpyxl never writes but other
programs do (no cell addresses, a namespace prefix, CDATA) read right too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Border, Side

from generator.excel.cleaning import clean
from generator.excel.sheets import CHUNK, CellBook
from tests.conftest import EXAMPLE, ROOT
from tests.formatted import format_dense, format_folder_sparse, replace_sheet_xml

PERIOD = "aug-2024"
NAMND = "linkoping-son"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# Run the CLI in a child with an address-space limit, so that a regression fails the test
# instead of taking the machine's memory (the reader before this took 20 GB and more on a
# folder formatted like `sparse`), and report the child's own peak memory: VmHWM, since
# ru_maxrss keeps the forking test process's peak across exec.
_CHILD = """
import re, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from generator.cli import main
sys.argv = ["generate", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
with open("/proc/self/status") as status:
    peak = int(re.search(r"VmHWM:\\s*(\\d+)", status.read()).group(1)) // 1024
print(f"PEAK {peak}", file=sys.stderr)
sys.exit(code)
"""


def check_in_child(work: Path) -> tuple[int, str, int]:
    """(exit code, output, peak MB) of `generate check` on work/inputs."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, "--indata", str(work / "inputs"), "check",
         "--period", PERIOD, "--namnd", NAMND], capture_output=True, text=True, timeout=300,
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines()
                if line.startswith("PEAK "))
    return done.returncode, done.stdout + done.stderr, peak


@pytest.fixture(scope="module")
def normal_peak() -> int:
    """Peak memory (MB) of checking the unmodified example, the yardstick below."""
    code, out, peak = check_in_child(EXAMPLE.parent)
    assert code == 0, out
    return peak


@pytest.fixture(scope="module")
def sparse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every workbook of the example: a stray border at row 1 048 576, a fill at XFD1 and
    columns A:F formatted, in every sheet."""
    work = tmp_path_factory.mktemp("sparse")
    format_folder_sparse(EXAMPLE / NAMND / PERIOD, work / "inputs" / NAMND / PERIOD)
    return work


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """utfall.xlsx › Drift with column C formatted cell by cell down to row 1 048 576, an
    error in C5 and a stray value in G70000, among the formatted rows."""
    work = tmp_path_factory.mktemp("dense")
    folder = work / "inputs" / NAMND / PERIOD
    shutil.copytree(EXAMPLE / NAMND / PERIOD, folder)
    book = load_workbook(folder / "utfall.xlsx")
    book["Drift"]["C5"] = "n/a"
    book.save(folder / "utfall.xlsx")
    format_dense(folder / "utfall.xlsx", "Drift", texts={"G70000": "x"})
    return work


def test_the_formatted_workbooks_are_what_excel_writes(sparse: Path, dense: Path) -> None:
    """The fixtures really reach the last row and column (so the tests below mean something)."""
    book = load_workbook(sparse / "inputs" / NAMND / PERIOD / "prognos.xlsx", read_only=True)
    assert book["Drift"].max_row == 1_048_576 and book["Drift"].max_column == 16_384
    with zipfile.ZipFile(dense / "inputs" / NAMND / PERIOD / "utfall.xlsx") as archive:
        sizes = [i.file_size for i in archive.infolist() if "worksheets" in i.filename]
    assert max(sizes) > 50_000_000, "a million <row> elements"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM (Linux)")
def test_check_of_sparse_formatting_reads_only_the_data(sparse: Path, normal_peak: int
                                                       ) -> None:
    code, out, peak = check_in_child(sparse)
    assert code == 0, out
    assert "0 fel, 0 varningar." in out
    assert peak <= 1.5 * normal_peak, f"{peak} MB, unmodified {normal_peak} MB"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM (Linux)")
def test_check_of_dense_formatting_keeps_every_cell(dense: Path, normal_peak: int) -> None:
    code, out, peak = check_in_child(dense)
    assert code == 2, out
    assert 'Fel: utfall.xlsx › Drift › C5: förväntade ett tal, hittade "n/a"' in out
    assert ("Varning: utfall.xlsx › Drift › kolumn G: kolumnen har ingen rubrik i G1, så "
            "värdena i den (G70000) används inte") in out
    assert "1 fel, 1 varning." in out
    assert peak <= 1.5 * normal_peak, f"{peak} MB, unmodified {normal_peak} MB"


def test_a_report_from_formatted_workbooks_is_the_same(run_cli_at, sparse: Path,
                                                       example_run: tuple[Path, str]) -> None:
    result = run_cli_at(sparse, "--period", PERIOD)
    assert result.exit_code == 0, result.output
    name = f"delarsrapport-{NAMND}-{PERIOD}.docx"
    formatted = sparse / "outputs" / PERIOD / name
    normal = example_run[0] / "outputs" / PERIOD / name
    with zipfile.ZipFile(formatted) as a, zipfile.ZipFile(normal) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")


# -- the values read, cell by cell ----------------------------------------------------------

def _openpyxl_cells(path: Path) -> dict[str, dict[tuple[int, int], object]]:
    """Every non-empty value as openpyxl's normal mode reads it, cleaned as we clean."""
    book = load_workbook(path, data_only=True)
    out: dict[str, dict[tuple[int, int], object]] = {}
    for ws in book.worksheets:
        cells = out.setdefault(clean(ws.title), {})
        for row in ws.iter_rows():
            for cell in row:
                value = clean(cell.value) if isinstance(cell.value, str) else cell.value
                if value is not None and not (isinstance(value, str) and not value.strip()):
                    cells[cell.row, cell.column] = value
    return out


def _our_cells(path: Path) -> dict[str, dict[tuple[int, int], object]]:
    book = CellBook(path)
    return {name: {(r, c): v for r, cells in book.sheet(name).rows() for c, v in cells.items()}
            for name in book.sheetnames}


@pytest.mark.parametrize("path", sorted(EXAMPLE.glob(f"*/{PERIOD}/*.xlsx")),
                         ids=lambda p: f"{p.parents[1].name}/{p.name}")
def test_every_value_and_cell_as_openpyxl_reads_them(path: Path) -> None:
    assert _our_cells(path) == _openpyxl_cells(path)


def test_a_long_sheet_across_many_chunks(tmp_path: Path) -> None:
    """Values among empty formatted rows and cells, over many of the filter's chunks (so
    that rows and cells are cut at chunk boundaries too)."""
    rows = []
    for r in range(1, 12_000):
        empty = f'<c r="C{r}" s="1"/><c r="D{r}" s="1"/>'
        if r % 7 == 0:
            rows.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>rad {r}</t></is></c>'
                        f'<c r="B{r}"><v>{r * 1.5}</v></c>{empty}</row>')
        elif r % 5 == 0:
            rows.append(f'<row r="{r}" s="1" customFormat="1"/>')
        else:
            rows.append(f'<row r="{r}" spans="3:4">{empty}</row>')
    path = _book_with_sheet_xml(tmp_path, "".join(rows))
    with zipfile.ZipFile(path) as archive:
        assert max(i.file_size for i in archive.infolist()) > 10 * CHUNK
    ours = _our_cells(path)
    assert len(ours["Blad"]) == 2 * (11_999 // 7)
    assert ours == _openpyxl_cells(path)


def _book_with_sheet_xml(tmp_path: Path, sheet_data: str, root: str = "worksheet",
                         prefix: str = "") -> Path:
    path = tmp_path / "rå.xlsx"
    book = Workbook()
    book.active.title = "Blad"
    book.active["A1"].border = Border(bottom=Side(style="thin"))  # so that s="1" exists
    book.save(path)
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    replace_sheet_xml(path, "Blad", (
        f'<?xml version="1.0" encoding="UTF-8"?><{p}{root} {xmlns}><{p}sheetData>'
        f"{sheet_data}</{p}sheetData></{p}{root}>"))
    return path


def test_rows_and_cells_without_an_address_keep_their_place(tmp_path: Path) -> None:
    """Some exporters leave r out: rows and cells are then counted. An empty row with an
    address before one without must not shift it."""
    path = _book_with_sheet_xml(tmp_path, (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Kod</t></is></c></row>'
        '<row r="2" s="1" customFormat="1"/>'
        '<row><c><v>3</v></c><c r="C3" s="1"/><c><v>4</v></c></row>'
        '<row r="5"><c r="B5" s="1"/></row>'
        '<row><c r="A6" s="1"/><c><v>7</v></c></row>'))
    sheet = CellBook(path).sheet("Blad")
    # C3 has an address and D3 is the cell after it; G… the row after 5 is 6.
    assert list(sheet.rows()) == [(1, {1: "Kod"}), (3, {1: 3, 4: 4}), (6, {2: 7})]
    assert _our_cells(path) == _openpyxl_cells(path)


def test_a_namespace_prefix(tmp_path: Path) -> None:
    empty = "".join(f'<x:row r="{r}"><x:c r="A{r}" s="1"/></x:row>' for r in range(2, 5000))
    path = _book_with_sheet_xml(tmp_path, (
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Kod</x:t></x:is></x:c></x:row>'
        + empty + '<x:row r="5000"><x:c r="B5000"><x:v>12.5</x:v></x:c></x:row>'),
        prefix="x")
    assert list(CellBook(path).sheet("Blad").rows()) == [(1, {1: "Kod"}), (5000, {2: 12.5})]
    assert _our_cells(path) == _openpyxl_cells(path)


def test_cdata_is_text_not_markup(tmp_path: Path) -> None:
    path = _book_with_sheet_xml(tmp_path, (
        '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<row r="9"/> & <c r="B1" s="1"/>]]>'
        '</t></is></c></row><row r="2" s="1" customFormat="1"/>'))
    assert list(CellBook(path).sheet("Blad").rows()) == [
        (1, {1: '<row r="9"/> & <c r="B1" s="1"/>'})]


def test_a_formula_without_value_is_found_among_formatted_rows(tmp_path: Path) -> None:
    empty = "".join(f'<row r="{r}"><c r="A{r}" s="1"/></row>' for r in range(3, 3000))
    path = _book_with_sheet_xml(tmp_path, (
        '<row r="2"><c r="B2"><f>SUM(A1:A3)</f></c></row>' + empty
        + '<row r="3000"><c r="C3000"><f t="shared" ref="C3000:C3001" si="0">1+1</f></c>'
          '</row>'))
    book = CellBook(path)
    assert list(book.sheet("Blad").rows()) == []
    assert book.formula("Blad", 2, 2) == "=SUM(A1:A3)"
    assert book.formula("Blad", 3000, 3) == "=1+1"
    assert book.formula("Blad", 5, 1) is None


def test_memory_of_reading_a_million_formatted_rows(dense: Path) -> None:
    """The 58 MB of formatted rows are streamed: never held whole, never parsed."""
    tracemalloc.start()
    try:
        book = CellBook(dense / "inputs" / NAMND / PERIOD / "utfall.xlsx")
        drift = book.sheet("Drift")
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert drift.last_row == 70_000 and drift.value(70_000, 7) == "x"
    assert len(list(drift.rows())) == 16  # the header, 14 rows and the stray value
    assert peak < 20, f"{peak:.0f} MB at the peak"



def _init_in_child(work: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CHILD, "--indata", str(work / "inputs"), "init",
         "--period", "sep-2024", "--namnd", NAMND], capture_output=True, text=True,
        timeout=60, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_init_from_formatted_workbooks_carries_the_same_in_bounded_time(
        sparse: Path, tmp_path: Path) -> None:
    """`generate init` reads the old period like check does: a workbook formatted to the
    last row (before: 6 s and more per workbook, a minute for the folder) carries the
    same rows as the unmodified one, within the timeout and the child's memory limit."""
    normal = tmp_path / "normal"
    shutil.copytree(EXAMPLE / NAMND / PERIOD, normal / "inputs" / NAMND / PERIOD)
    formatted = tmp_path / "formatted"
    shutil.copytree(sparse / "inputs", formatted / "inputs")
    for work in (normal, formatted):
        done = _init_in_child(work)
        assert done.returncode == 0, done.stdout + done.stderr
    new = Path("inputs") / NAMND / "sep-2024"
    names = sorted(p.name for p in (normal / new).glob("*.xlsx"))
    assert names == sorted(p.name for p in (formatted / new).glob("*.xlsx"))
    assert "utfall.xlsx" in names and "prognos.xlsx" in names
    for name in names:
        assert _our_cells(formatted / new / name) == _our_cells(normal / new / name), name
