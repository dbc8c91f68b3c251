"""Bad input through the CLI: one clear Swedish line per problem, exit code 2, nothing lost.

Every case copies the bundled example (fixture `workdir`), breaks one thing in the copy,
puts an "earlier report" in outputs/ as an economist would have it, and runs `generate`.
It then checks the exit code, the message (file › sheet › cell), that no report was written
and that neither the inputs nor the earlier report changed by a single byte.

Cell-level mistakes are made here with openpyxl; whole-file mistakes (an .xls, a CSV named
.xlsx, a password-protected or truncated workbook, an XML bomb) are real files in
tests/data/, written by tests/data/make_bad_inputs.py.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook

DATA = Path(__file__).resolve().parent / "data"
PERIOD = "aug-2024"
REPORT = Path("outputs") / PERIOD / f"delarsrapport-linkoping-son-{PERIOD}.docx"
EARLIER = b"an earlier report, edited in Word"
NBSP = "\u00a0"

Mutation = Callable[[Path], None]


def folder_of(workdir: Path) -> Path:
    return workdir / "inputs" / "linkoping-son" / PERIOD


def set_cells(file: str, sheet: str, **cells: object) -> Mutation:
    """Change cells of one sheet in the temporary copy (never in the repo's inputs/)."""
    def mutate(folder: Path) -> None:
        book = load_workbook(folder / file)
        for cell, value in cells.items():
            book[sheet][cell] = value
        book.save(folder / file)
    return mutate


def delete_sheet(file: str, sheet: str) -> Mutation:
    def mutate(folder: Path) -> None:
        book = load_workbook(folder / file)
        del book[sheet]
        book.save(folder / file)
    return mutate


def delete_row(file: str, sheet: str, row: int) -> Mutation:
    def mutate(folder: Path) -> None:
        book = load_workbook(folder / file)
        book[sheet].delete_rows(row)
        book.save(folder / file)
    return mutate


def replace_with(fixture: str, file: str = "utfall.xlsx") -> Mutation:
    def mutate(folder: Path) -> None:
        shutil.copyfile(DATA / fixture, folder / file)
    return mutate


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def prepare(workdir: Path, mutate: Mutation | None = None) -> tuple[dict, dict]:
    """Break the copy, place an earlier report; return snapshots of inputs and outputs."""
    if mutate is not None:
        mutate(folder_of(workdir))
    report = workdir / REPORT
    report.parent.mkdir(parents=True)
    report.write_bytes(EARLIER)
    return snapshot(workdir / "inputs"), snapshot(workdir / "outputs")


def assert_nothing_lost(workdir: Path, inputs: dict, outputs: dict) -> None:
    assert snapshot(workdir / "inputs") == inputs, "an input file changed"
    assert snapshot(workdir / "outputs") == outputs, "outputs changed (report written?)"
    assert (workdir / REPORT).read_bytes() == EARLIER


def assert_stopped(result: Result, *expected: str, count: str = "1 fel") -> None:
    out = result.output
    assert result.exit_code == 2, out
    for text in expected:
        assert text in out, f"{text!r} not in:\n{out}"
    assert f"Fel: {count} i indata, ingen rapport skrevs." in out, out
    assert "Traceback" not in out and "Skrev " not in out


# -- cell-level mistakes --------------------------------------------------------------------

def case(mutate: Mutation, expected: list[str], name: str, count: str = "1 fel"
         ) -> object:
    """A parametrized case: the mutation, the lines expected and the count line's start."""
    return pytest.param(mutate, expected, count, id=name)


CELL_CASES = [
    case(
        set_cells("utfall.xlsx", "Drift", C5="n/a"),
        ['utfall.xlsx › Drift › C5: förväntade ett tal, hittade "n/a"'],
        "text-in-number-cell"),
    case(
        set_cells("prognos.xlsx", "Drift", D7=None),
        ['prognos.xlsx › Drift › D7: "Budget helår" saknas: hittade en tom cell, '
         "förväntade ett tal"],
        "required-cell-empty"),
    case(
        set_cells("installningar.xlsx", "Nämnd", B2="  "),
        ['installningar.xlsx › Nämnd › B2: "Kommun" saknas: hittade en tom cell, '
         "förväntade en text"],
        "required-setting-blank"),
    case(
        set_cells("utfall.xlsx", "Drift", E3="=1+1"),
        ['utfall.xlsx › Drift › E3: formeln "=1+1" har inget sparat värde',
         "öppna filen i Excel och spara den igen"],
        "formula-without-cached-value"),
    case(
        set_cells("utfall.xlsx", "Drift", C5=True),
        ['utfall.xlsx › Drift › C5: förväntade ett tal, hittade "SANT"'],
        "logical-value-in-number-cell"),
    case(
        set_cells("utfall.xlsx", "Drift", C5=datetime(2024, 3, 5)),
        ['utfall.xlsx › Drift › C5: förväntade ett tal, hittade "2024-03-05"'],
        "date-in-number-cell"),
    case(
        set_cells("prognos.xlsx", "Drift", C4="#DIV/0!"),
        ['prognos.xlsx › Drift › C4: förväntade ett tal, hittade "#DIV/0!"',
         "Excel visar ett fel i cellen"],
        "excel-error-value"),
    case(
        delete_sheet("utfall.xlsx", "Investeringar"),
        ['utfall.xlsx: fliken "Investeringar" saknas; förväntade en flik med det namnet',
         'hittade flikarna "Instruktioner", "Drift"'],
        "missing-sheet"),
    case(
        set_cells("utfall.xlsx", "Drift", D1="Budgett"),
        ['utfall.xlsx › Drift › rad 1: kolumnen "Budget perioden" saknas; förväntade '
         'rubrikerna "Kod" (valfri), "Verksamhet", "Redovisat perioden", "Budget perioden", '
         '"Redovisat samma period föregående år" på rad 1, hittade "Kod", "Verksamhet", '
         '"Redovisat perioden", "Budgett"'],
        "missing-column"),
    case(
        set_cells("utfall.xlsx", "Drift", A3="100"),
        ['utfall.xlsx › Drift › A3: verksamhetsraden "100" finns redan på rad 2',
         'utfall.xlsx › Drift: verksamhetsraden "130 - Övrig politisk verksamhet" saknas'],
        "duplicated-code-in-drift", count="2 fel"),
    case(
        set_cells("installningar.xlsx", "Verksamheter", A3="100"),
        ['installningar.xlsx › Verksamheter › A3: "100" finns redan på A2; varje '
         "verksamhetsrad måste ha en unik kod"],
        "duplicated-code-in-settings", count="3 fel"),
    case(
        delete_sheet("installningar.xlsx", "Verksamheter"),
        ['installningar.xlsx: fliken "Verksamheter" saknas; förväntade en flik med det namnet',
         'hittade flikarna "Instruktioner", "Nämnd"'],
        "missing-settings-sheet-without-follow-on-errors"),
    case(
        set_cells("installningar.xlsx", "Verksamheter", C3="Verksamhett"),
        ['installningar.xlsx › Verksamheter › C3: förväntade ett av värdena "Verksamhet", '
         '"Egen regi", "Delrad", "Varav", "Rubrik", hittade "Verksamhett"'],
        "bad-row-in-settings-without-follow-on-errors"),
    case(
        set_cells("prognos.xlsx", "Drift", A4="999"),
        ['prognos.xlsx › Drift › A4: okänd verksamhetsrad "999"; förväntade en av raderna '
         "på fliken Verksamheter i installningar.xlsx: 100, 130, 267"],
        "unknown-code", count="2 fel"),
    case(
        delete_row("prognos.xlsx", "Drift", 8),
        ['prognos.xlsx › Drift: verksamhetsraden "569 - Barn och ungdomsvård" saknas; '
         "förväntade en rad för varje rad på fliken Verksamheter"],
        "missing-verksamhet-row"),
    case(
        set_cells("installningar.xlsx", "Nämnd", B4="kronor"),
        ['installningar.xlsx › Nämnd › B4: förväntade ett av värdena "kr", "tkr", "mnkr", '
         'hittade "kronor"'],
        "unknown-unit"),
    case(
        set_cells("prognos.xlsx", "Instruktioner", B1="apr-2024"),
        ["prognos.xlsx › Instruktioner › B1: arbetsboken gäller perioden apr-2024, men "
         "rapporten görs för aug-2024"],
        "period-disagrees"),
    case(
        set_cells("prognos.xlsx", "Instruktioner", B1=datetime(2024, 4, 1)),
        ["prognos.xlsx › Instruktioner › B1: arbetsboken gäller perioden apr-2024, men "
         "rapporten görs för aug-2024"],
        "period-typed-as-a-date-disagrees"),
    case(
        set_cells("utfall.xlsx", "Instruktioner", B1=None),
        ["utfall.xlsx › Instruktioner › B1: perioden saknas: hittade en tom cell, "
         "förväntade aug-2024"],
        "period-missing"),
    case(
        delete_sheet("utfall.xlsx", "Instruktioner"),
        ['utfall.xlsx: fliken "Instruktioner" saknas; förväntade den med perioden '
         "(aug-2024) i cell B1"],
        "instructions-sheet-missing"),
    # Numbers no report can hold: typed by mistake, never an unexpected error in rounding.
    case(
        set_cells("utfall.xlsx", "Drift", C5=1e300),
        ['utfall.xlsx › Drift › C5: talet "1e+300" är orimligt stort; förväntade ett tal '
         f"mellan -1{NBSP}000{NBSP}000{NBSP}000{NBSP}000{NBSP}000 och "
         f"1{NBSP}000{NBSP}000{NBSP}000{NBSP}000{NBSP}000"],
        "huge-number"),
    case(
        set_cells("prognos.xlsx", "Föregående prognos", B2="9" * 40),
        [f'prognos.xlsx › Föregående prognos › B2: talet "{"9" * 40}" är orimligt stort'],
        "huge-number-as-text"),
    case(
        set_cells("prognos.xlsx", "Drift", D7=5e12),
        [f"prognos.xlsx › Drift › D7: beloppet 5{NBSP}000{NBSP}000{NBSP}000{NBSP}000 tkr är "
         "större än någon kommuns budget (högst "
         f"10{NBSP}000{NBSP}000{NBSP}000 tkr, 10 000 miljarder kronor)"],
        "amount-beyond-any-budget-in-the-unit"),
    case(
        set_cells("indikatorer.xlsx", "Indikatorer", G2=-1e300),
        ['indikatorer.xlsx › Indikatorer › G2: talet "-1e+300" är orimligt stort'],
        "huge-number-in-a-verbatim-cell"),
    case(
        set_cells("diagram.xlsx", "Serier", C2=1e300),
        ['diagram.xlsx › Serier › C2: talet "1e+300" är orimligt stort'],
        "huge-number-in-a-chart-series"),
]


@pytest.mark.parametrize("mutate,expected,count", CELL_CASES)
def test_bad_cell_stops_the_run(run_cli, workdir: Path, mutate: Mutation,
                                expected: list[str], count: str) -> None:
    inputs, outputs = prepare(workdir, mutate)
    result = run_cli("--period", PERIOD)
    assert_stopped(result, *expected, count=count)
    assert_nothing_lost(workdir, inputs, outputs)


def test_every_problem_is_reported_before_stopping(run_cli, workdir: Path) -> None:
    def mutate(folder: Path) -> None:
        set_cells("utfall.xlsx", "Drift", C5="n/a", D9=None)(folder)
        set_cells("prognos.xlsx", "Drift", E14="x")(folder)
        set_cells("prognos.xlsx", "Instruktioner", B1="mar-2024")(folder)

    inputs, outputs = prepare(workdir, mutate)
    result = run_cli("--period", PERIOD)
    assert_stopped(result, "utfall.xlsx › Drift › C5", "utfall.xlsx › Drift › D9",
                   "prognos.xlsx › Drift › E14", "prognos.xlsx › Instruktioner › B1",
                   count="4 fel")
    lines = [line for line in result.output.splitlines() if line.strip().startswith("Fel: ")]
    assert len(lines) == 5, "one line per problem, then the count"
    assert_nothing_lost(workdir, inputs, outputs)


# -- files that are not a workbook ----------------------------------------------------------

FILE_CASES = [
    pytest.param("gammalt-format.xls",
                 "utfall.xlsx: filen är i det gamla Excel-formatet .xls (Excel 97–2003)",
                 id="xls"),
    pytest.param("losenordsskyddad.xlsx",
                 "utfall.xlsx: filen är lösenordsskyddad (krypterad) och kan inte läsas",
                 id="password-protected"),
    pytest.param("csv-med-fel-namn.xlsx",
                 "utfall.xlsx: filen är en textfil (troligen CSV) som fått namnet .xlsx",
                 id="csv-renamed"),
    pytest.param("html-export.xlsx",
                 "utfall.xlsx: filen är en webbsida eller XML-fil", id="html-renamed"),
    pytest.param("tom.xlsx", "utfall.xlsx: filen är tom (0 byte)", id="empty"),
    pytest.param("avkortad.xlsx", "utfall.xlsx: filen är skadad eller ofullständig",
                 id="truncated"),
    pytest.param("strict-open-xml.xlsx", "utfall.xlsx: filen är sparad som Strict Open "
                 "XML-kalkylblad, en variant av .xlsx som programmet inte kan läsa; öppna den i "
                 "Excel och välj Spara som › Excel-arbetsbok (.xlsx)", id="strict-open-xml"),
    pytest.param("xml-bomb.xlsx", "utfall.xlsx: filen innehåller XML med egna definitioner "
                 "(DOCTYPE i xl/worksheets/sheet2.xml), vilket en arbetsbok från Excel aldrig "
                 "har och som kan användas för en så kallad XML-bomb; filen lästes inte",
                 id="xml-bomb"),
]


@pytest.mark.parametrize("fixture,expected", FILE_CASES)
def test_file_that_is_not_a_workbook(run_cli, workdir: Path, fixture: str,
                                     expected: str) -> None:
    inputs, outputs = prepare(workdir, replace_with(fixture))
    result = run_cli("--period", PERIOD)
    assert_stopped(result, expected)
    assert "spara" in result.output.lower(), "says what to do"
    assert "verksamhetsraden" not in result.output, "no follow-on errors per row"
    assert_nothing_lost(workdir, inputs, outputs)


def test_xls_beside_a_missing_xlsx_is_pointed_out(run_cli, workdir: Path) -> None:
    def mutate(folder: Path) -> None:
        (folder / "utfall.xlsx").unlink()
        shutil.copyfile(DATA / "gammalt-format.xls", folder / "utfall.xls")

    inputs, outputs = prepare(workdir, mutate)
    result = run_cli("--period", PERIOD)
    assert_stopped(result, "utfall.xlsx: filen saknas i", "där finns utfall.xls",
                   "spara den som Excel-arbetsbok med namnet utfall.xlsx")
    assert_nothing_lost(workdir, inputs, outputs)


def test_several_broken_files_are_all_named(run_cli, workdir: Path) -> None:
    def mutate(folder: Path) -> None:
        replace_with("tom.xlsx", "utfall.xlsx")(folder)
        replace_with("csv-med-fel-namn.xlsx", "prognos.xlsx")(folder)

    inputs, outputs = prepare(workdir, mutate)
    result = run_cli("--period", PERIOD)
    assert_stopped(result, "utfall.xlsx: filen är tom", "prognos.xlsx: filen är en textfil",
                   count="2 fel")
    assert_nothing_lost(workdir, inputs, outputs)


def test_xml_bomb_is_refused_by_openpyxl_too() -> None:
    """Defence in depth: without our DOCTYPE check, defusedxml inside openpyxl refuses it."""
    from generator.excel.files import load_failure

    with pytest.raises(Exception) as info:  # noqa: B017 - openpyxl wraps the real error
        load_workbook(DATA / "xml-bomb.xlsx", data_only=True)
    assert "XML-bomb" in load_failure(info.value)


# -- no inputs for the period ---------------------------------------------------------------

def test_no_inputs_for_the_period_says_where_and_what_exists(run_cli, workdir: Path) -> None:
    inputs, outputs = prepare(workdir)
    result = run_cli("--period", "apr-2025")
    assert result.exit_code == 2
    out = result.output
    assert "Hittade inga indata för perioden apr-2025" in out
    assert f"Letade i {workdir / 'inputs' / 'linkoping-son' / 'apr-2025'}" in out
    assert "Perioder som finns: linkoping-son: mar-2024, aug-2024," in out
    assert "Traceback" not in out
    assert_nothing_lost(workdir, inputs, outputs)


def test_the_periods_that_exist_are_listed_in_date_order(run_cli, workdir: Path) -> None:
    """As `init` lists them: the bundled year reads mar, aug, okt, nov, dec, not by name."""
    (workdir / "inputs" / "linkoping-son" / "feb-2025").mkdir()
    (workdir / "inputs" / "linkoping-son" / "anteckningar").mkdir()  # not a period
    result = run_cli("--period", "apr-2025")
    assert result.exit_code == 2
    assert ("Perioder som finns: linkoping-son: mar-2024, aug-2024, okt-2024, nov-2024, "
            "dec-2024, feb-2025.") in result.output


def test_empty_inputs_folder(run_cli, workdir: Path) -> None:
    shutil.rmtree(workdir / "inputs" / "linkoping-son")
    result = run_cli("--period", PERIOD)
    assert result.exit_code == 2
    assert "Hittade inga indata under" in result.output
    assert f"<nämnd>/{PERIOD}/" in result.output


# -- several nämnder ------------------------------------------------------------------------

def test_one_broken_namnd_does_not_hold_back_the_others(run_cli, workdir: Path) -> None:
    other = workdir / "inputs" / "annan-namnd"
    shutil.copytree(workdir / "inputs" / "linkoping-son", other)
    set_cells("utfall.xlsx", "Drift", C5="n/a")(other / PERIOD)
    inputs, _ = prepare(workdir)
    result = run_cli("--period", PERIOD)
    out = result.output
    assert result.exit_code == 2, out
    assert f"annan-namnd ({other / PERIOD}):" in out
    assert '  Fel: utfall.xlsx › Drift › C5: förväntade ett tal, hittade "n/a"' in out
    assert "Fel: 1 fel i indata; ingen rapport skrevs för annan-namnd." in out
    assert "linkoping-son (" not in out  # it had no problems to list
    reports = workdir / "outputs" / PERIOD
    assert f"Skrev {reports / f'delarsrapport-linkoping-son-{PERIOD}.docx'}" in out
    assert (reports / f"delarsrapport-linkoping-son-{PERIOD}.docx").read_bytes() != EARLIER
    assert not (reports / f"delarsrapport-annan-namnd-{PERIOD}.docx").exists()
    assert snapshot(workdir / "inputs") == inputs, "an input file changed"


def test_other_workbooks_are_checked_even_without_settings(run_cli, workdir: Path) -> None:
    def mutate(folder: Path) -> None:
        replace_with("tom.xlsx", "installningar.xlsx")(folder)
        set_cells("utfall.xlsx", "Drift", C5="n/a")(folder)
        replace_with("losenordsskyddad.xlsx", "texter.xlsx")(folder)

    inputs, outputs = prepare(workdir, mutate)
    result = run_cli("--period", PERIOD)
    assert_stopped(result, "installningar.xlsx: filen är tom",
                   'utfall.xlsx › Drift › C5: förväntade ett tal, hittade "n/a"',
                   "texter.xlsx: filen är lösenordsskyddad", count="3 fel")
    assert_nothing_lost(workdir, inputs, outputs)


def test_strict_open_xml_is_what_openpyxl_reads_as_a_workbook_without_sheets() -> None:
    """Why files.py looks for Strict: read as an ordinary .xlsx it has no sheets at all, and
    every sheet would be reported missing."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert load_workbook(DATA / "strict-open-xml.xlsx").sheetnames == []


# -- files and cells as other programs write them --------------------------------------------

def patch_sheet_xml(file: str, part: str, old: str, new: str) -> Mutation:
    """Replace text in a sheet's XML: values openpyxl never writes but other programs do."""
    import zipfile

    def mutate(folder: Path) -> None:
        path = folder / file
        with zipfile.ZipFile(path) as archive:
            parts = {i.filename: archive.read(i) for i in archive.infolist()}
        xml = parts[part].decode()
        assert old in xml
        parts[part] = xml.replace(old, new, 1).encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
    return mutate


DRIFT_XML = "xl/worksheets/sheet2.xml"  # utfall.xlsx: Instruktioner, Drift, Investeringar


@pytest.mark.parametrize("mutate,expected", [
    pytest.param(patch_sheet_xml("utfall.xlsx", DRIFT_XML, "<v>2126</v>", "<v>NaN</v>"),
                 'utfall.xlsx › Drift › C2: förväntade ett tal, hittade "NaN"', id="nan"),
    pytest.param(patch_sheet_xml("utfall.xlsx", DRIFT_XML, "<v>2126</v>", "<v>1E400</v>"),
                 'utfall.xlsx › Drift › C2: talet "1E+400" är orimligt stort', id="infinity"),
    pytest.param(patch_sheet_xml("utfall.xlsx", DRIFT_XML, "</sheetData>", "<row>"),
                 "utfall.xlsx › Drift: fliken kunde inte läsas; filen kan vara skadad",
                 id="damaged-sheet"),
])
def test_values_only_other_programs_write(run_cli, workdir: Path, mutate: Mutation,
                                          expected: str) -> None:
    inputs, outputs = prepare(workdir, mutate)
    result = run_cli("--period", PERIOD)
    assert_stopped(result, expected)
    assert "verksamhetsraden" not in result.output, "no follow-on errors per row"
    assert_nothing_lost(workdir, inputs, outputs)


def test_a_file_name_in_other_letter_case_is_read_and_named_as_it_is(run_cli,
                                                                      workdir: Path) -> None:
    """On Windows and macOS Utfall.xlsx is utfall.xlsx; a folder copied to Linux reads alike."""
    def mutate(folder: Path) -> None:
        (folder / "utfall.xlsx").rename(folder / "Utfall.xlsx")
        set_cells("Utfall.xlsx", "Drift", C5="n/a")(folder)

    inputs, outputs = prepare(workdir, mutate)
    result = run_cli("--period", PERIOD)
    assert_stopped(result, 'Fel: Utfall.xlsx › Drift › C5: förväntade ett tal, hittade "n/a"')
    assert "används inte" not in result.output
    assert_nothing_lost(workdir, inputs, outputs)


def test_file_names_in_other_letter_case_make_the_report(run_cli, workdir: Path) -> None:
    folder = folder_of(workdir)
    for name, other in (("diagram.xlsx", "Diagram.xlsx"), ("texter.xlsx", "TEXTER.XLSX")):
        (folder / name).rename(folder / other)
    result = run_cli("--period", PERIOD)
    assert result.exit_code == 0, result.output
    assert "Varning" not in result.output
    with zipfile.ZipFile(workdir / REPORT) as docx:
        assert sum(n.startswith("word/media/") for n in docx.namelist()) == 7, "the charts"


def test_values_in_a_column_without_header_are_named(run_cli, workdir: Path) -> None:
    """Data right of the last header (or under an empty one) is reported, not dropped."""
    set_cells("utfall.xlsx", "Drift", G5="glömd", G9=3, H40="x")(folder_of(workdir))
    set_cells("installningar.xlsx", "Nämnd", E3="anteckning")(folder_of(workdir))
    result = run_cli("--period", PERIOD)
    out = result.output
    assert result.exit_code == 0, out
    assert ("Varning: utfall.xlsx › Drift › kolumn G: kolumnen har ingen rubrik i G1, så "
            "värdena i den (G5, G9) används inte och kommer inte med i rapporten; skriv en "
            "rubrik i G1 om de ska med, eller ta bort dem") in out
    assert "Varning: utfall.xlsx › Drift › kolumn H: kolumnen har ingen rubrik i H1, så " \
           "värdena i den (H40) används inte" in out
    assert "Varning: installningar.xlsx › Nämnd › kolumn E: kolumnen har ingen rubrik i E1, " \
           "så värdena i den (E3) används inte" in out


def test_own_table_amounts_beyond_any_budget(run_cli_at, workdir_all: Path) -> None:
    """tabeller.xlsx's numbers are amounts in the table's Enhet i indata, else the nämnd's."""
    folder = workdir_all / "inputs" / "exempelby-kfn" / PERIOD
    set_cells("tabeller.xlsx", "T2", E2=5e12, F3=1e300)(folder)
    result = run_cli_at(workdir_all, "--period", PERIOD, "--namnd", "exempelby-kfn")
    assert_stopped(
        result,
        f"tabeller.xlsx › T2 › E2: beloppet 5{NBSP}000{NBSP}000{NBSP}000{NBSP}000 tkr är "
        "större än någon kommuns budget",
        'tabeller.xlsx › T2 › F3: talet "1e+300" är orimligt stort', count="2 fel")
