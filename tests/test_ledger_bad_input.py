"""Bad ledger input: a Swedish message with file and line (or sheet and cell), exit 2, no
traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.ledger_helpers import HEADER, PERIOD, folder_of, write_csv


def _refused(run_cli, workdir: Path, path: Path, *expected: str) -> str:
    folder = folder_of(workdir)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 2, result.output
    for text in expected:
        assert text in result.output, result.output
    assert "Traceback" not in result.output
    assert "ingenting skrevs" in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert not (folder / "tidigare").exists()
    return result.output


@pytest.mark.parametrize(("row", "message"), [
    ("202401;5010;3310;569;;;;;12,345;", 'rad 3: förväntade ett belopp i kronor med högst två '
                                         'decimaler, hittade "12,345" i kolumnen Belopp'),
    ("202401;5010;3310;569;;;;;n/a;", 'hittade "n/a"'),
    ("202413x;5010;3310;569;;;;;1,00;", 'rad 3: förväntade en period som 202408 (år och '
                                        'månad), hittade "202413x"'),
    ("202400;5010;3310;569;;;;;1,00;", 'hittade "202400"'),
    ("202401;5010;3310;569;1,00", "rad 3: raden har 5 fält, förväntade 10"),
])
def test_bad_csv_lines_are_named(run_cli, workdir: Path, row: str, message: str) -> None:
    path = write_csv(workdir / "export.csv", ["202401;5010;3310;569;;;;;1,00;", row])
    _refused(run_cli, workdir, path, f"export.csv › {message}" if "rad" in message
             else message)


def test_commas_between_fields_and_in_amounts_are_explained(run_cli, workdir: Path) -> None:
    header = HEADER.replace(";", ",")
    path = write_csv(workdir / "export.csv", ["202401,5010,3310,569,,,,,-173878,29,"], header)
    _refused(run_cli, workdir, path, "export.csv › rad 2: raden har 11 fält, förväntade 10",
             "belopp med decimalkomma stå inom citattecken")
    path = write_csv(workdir / "export.csv", ["202401,5010,3310,569,,,,,12.50"], header)
    output = _refused(run_cli, workdir, path, "raden har 9 fält, förväntade 10")
    assert "decimalkomma" not in output  # a missing field, not a split amount


def test_missing_columns_are_named(run_cli, workdir: Path) -> None:
    path = write_csv(workdir / "export.csv", ["202401;5010;1,00"], header="Period;Konto;Summa")
    _refused(run_cli, workdir, path, 'export.csv › rad 1: kolumnerna "Ansvar", '
             '"Verksamhet", "Belopp" eller "Budget" (belopp) saknas; hittade "Period", '
             '"Konto", "Summa" på rad 1')


def test_a_file_of_another_year(run_cli, workdir: Path) -> None:
    path = write_csv(workdir / "export.csv", ["202101;5010;3310;569;;;;;1,00;"])
    _refused(run_cli, workdir, path, "export.csv: filen har bara belopp för 2021, men "
             "rapporten gäller 2024")


def test_a_missing_file_and_a_bad_excel_cell_are_all_named(run_cli, workdir: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Data"
    ws.append(HEADER.split(";"))
    ws.append([202401, 5010, 3310, 569, None, None, None, None, "tio", None])
    book.save(workdir / "export.xlsx")
    result = run_cli("importera", "--period", PERIOD, str(workdir / "export.xlsx"),
                     str(workdir / "saknas.csv"))
    assert result.exit_code == 2
    assert ('export.xlsx › Data › I2: förväntade ett belopp i kronor med högst två '
            'decimaler, hittade "tio"') in result.output
    assert "saknas.csv: filen finns inte" in result.output
    assert "2 fel i huvudboken eller mappningen; ingenting skrevs." in result.output


@pytest.mark.parametrize("token", ["NaN", "INF"])
def test_a_number_cell_that_is_no_number_is_named(run_cli, workdir: Path, token: str) -> None:
    # Excel never writes these, but a program's export can: calamine reads them as floats.
    import zipfile

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Data"
    ws.append(HEADER.split(";"))
    ws.append([202401, 5010, 3310, 569, None, None, None, None, 12345.75, None])
    source, path = workdir / "orig.xlsx", workdir / "export.xlsx"
    book.save(source)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b"<v>12345.75</v>", f"<v>{token}</v>".encode())
            zout.writestr(item, data)
    source.unlink()
    _refused(run_cli, workdir, path, "export.xlsx › Data › I2: förväntade ett belopp i kronor "
             f'med högst två decimaler, hittade "{float(token)}"')


def test_a_csv_renamed_to_xlsx_is_recognised(run_cli, workdir: Path) -> None:
    path = workdir / "export.xlsx"
    path.write_text(HEADER + "\n202401;5010;3310;569;;;;;1,00;\n", encoding="utf-8")
    _refused(run_cli, workdir, path, "export.xlsx: filen är en textfil (troligen CSV)")


def test_a_mapping_error_names_the_cell(run_cli, workdir: Path) -> None:
    mapping = folder_of(workdir) / "mappning.xlsx"
    book = openpyxl.load_workbook(mapping)
    book["Rader"]["A3"] = "568"
    book["Rader"]["D4"] = "51*,"
    book.save(mapping)
    path = write_csv(workdir / "export.csv", ["202401;5010;3310;569;;;;;1,00;"])
    _refused(run_cli, workdir, path,
             'mappning.xlsx › Rader › A3: okänd rapportrad "568"',
             'mappning.xlsx › Rader › D4: förväntade koder som 569, 51* eller 4000-7999')


def test_no_files_is_a_usage_error(run_cli) -> None:
    result = run_cli("importera", "--period", PERIOD)
    assert result.exit_code == 2
    assert "FIL..." in result.output


def test_files_without_the_namnds_rows(run_cli, workdir: Path) -> None:
    """Alone, such a file is an error (nothing would be imported but zeros); beside a file
    with the nämnd's rows, a warning."""
    other = write_csv(workdir / "annan.csv", ["202401;5010;4100;407;;;;;1,00;"])
    _refused(run_cli, workdir, other, "annan.csv: inga rader hör till nämnden enligt fliken "
             "Urval i mappning.xlsx, så det finns inget att importera")
    own = write_csv(workdir / "egen.csv", ["202402;5010;3310;569;;;;;1,00;"])
    result = run_cli("importera", "--period", PERIOD, str(other), str(own))
    assert result.exit_code == 0, result.output
    assert ("Varning: annan.csv: inga av filens rader hör till nämnden enligt fliken Urval "
            "i mappning.xlsx") in result.output


def test_excel_error_values_and_unsaved_formulas_are_named(run_cli, workdir: Path) -> None:
    """calamine reads #N/A and a formula saved without its value as an empty cell: an
    amount would go missing and a row lose its ansvar (another nämnd's, then) in silence."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Data"
    ws.append([*HEADER.split(";"), "Benämning"])
    ws.append([202401, 5010, 3310, 569, None, None, None, None, 1000.5, None, "Löner"])
    ws.append([202401, 5010, 3310, 569, None, None, None, None, "#N/A", None, "#REF!"])
    ws.append([202401, 5010, "#N/A", 569, None, None, None, None, 2.5, None, None])
    ws.append([202402, 5010, 3310, 569, None, None, None, None, 7, "=1400000+0", None])
    ws.append([202402, 5010, 3310, 569, None, None, None, None, "=SUM(I2:I3)", None, None])
    book.save(workdir / "export.xlsx")
    output = _refused(run_cli, workdir, workdir / "export.xlsx", (
        "export.xlsx › Data › I3: förväntade ett belopp i kronor med högst två decimaler, "
        "hittade felvärdet #SAKNAS! (#N/A) (Excel visar ett fel i cellen; rätta formeln och "
        "spara igen)"),
        ("export.xlsx › Data › C4: förväntade en kod (Ansvar), hittade felvärdet #SAKNAS! "
         "(#N/A)"),
        ('export.xlsx › Data › J5: formeln "=1400000+0" har inget sparat värde (filen har '
         "sparats av ett program som inte räknar ut formler); öppna filen i Excel och spara "
         "den igen så att värdet räknas ut"),
        'export.xlsx › Data › I6: formeln "=SUM(I2:I3)" har inget sparat värde')
    assert "K3" not in output  # Benämning is not read: its #REF! changes nothing
    assert "4 fel" in output


@pytest.mark.parametrize("name", ["export.xls", "export.csv", "export.ods", "export.xlsb"])
def test_other_workbook_formats_are_asked_for_as_xlsx(run_cli, workdir: Path,
                                                      name: str) -> None:
    """An old .xls export (an OLE file, whatever its name says) was read as CSV: its binary
    header came out as the columns found."""
    path = workdir / name
    if name.endswith((".xls", ".csv")):
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"W\0o\0r\0k\0")
    else:
        path.write_bytes(b"PK\x03\x04" + bytes(60))
    output = _refused(run_cli, workdir, path, f"{name}: filen är en arbetsbok i ",
                      "spara den som Excel-arbetsbok (.xlsx), eller exportera huvudboken "
                      "som CSV")
    assert "\0" not in output and "kolumnerna" not in output


def test_amounts_typed_as_text_with_both_marks_and_an_ambiguous_dot(run_cli,
                                                                   workdir: Path) -> None:
    """In an .xlsx text cell "12.345,00" (and "12,345.00") has one reading: the last mark
    is the decimal one. "12.345" alone could be either: refused, with what to type."""
    def export(*amounts: str) -> Path:
        book = openpyxl.Workbook()
        ws = book.active
        ws.title = "Data"
        ws.append(HEADER.split(";"))
        for amount in amounts:
            ws.append([202401, 5010, 3310, 569, None, None, None, None, amount, None])
        path = workdir / "export.xlsx"
        book.save(path)
        return path

    _refused(run_cli, workdir, export("1,00", "12.345"), (
        'export.xlsx › Data › I3: förväntade ett belopp i kronor med högst två decimaler, '
        'hittade "12.345" (punkten kan betyda tusental eller decimaler; skriv 61700 eller '
        "61 700 för tusental, 61,7 för decimaler)"))
    result = run_cli("importera", "--period", PERIOD, str(export("12.345,00", "12,345.50")))
    assert result.exit_code == 0, result.output
    assert "nämnden 24 690,50 kr" in " ".join(result.output.split())
