"""A ledger with unmapped codes, another nämnd's rows and last year's rows reconciles to the
öre, with the unmapped amounts listed; formats and encodings of real exports."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.ledger_helpers import (
    HEADER,
    NAMND,
    PERIOD,
    avstamning,
    drift,
    folder_of,
    tkr,
    write_csv,
)

ROWS = [
    # the nämnd: rows 569 and 520, egen regi (ansvar 35xx), last year, budget
    "202401;5010;3310;569;;;;;1000,10;900,00",
    "202408;3410;3320;569;;;;;-200,05;",
    "202402;4510;3130;520;;;;;300,00;350,00",
    "202312;5010;3310;569;;;;;777,77;",      # last year, after august: bokslut only
    "202303;5010;3310;569;;;;;123,45;",      # last year, within jan-aug
    "202405;5010;3510;513;;;;;50,50;40,00",  # egen regi: ansvar 35* before verksamhet 513
    # another nämnd (ansvar 4…), same verksamhet code: not the nämnd's
    "202401;5010;4100;569;;;;;99999,99;",
    # unmapped: verksamhet 999 has no rule; account 9999 is not on Konton
    "202403;5010;3310;999;;;;;12,34;",
    "202404;9999;3310;569;;;;;-5,00;",
    # excluded: internal (Motpart 3), and outside the drift (8*)
    "202406;7010;3310;569;;;;3;80,00;",
    "202406;8410;3900;922;;;;;1,11;",
    # after the period: not in Redovisat jan-aug; another year: not used
    "202409;5010;3310;569;;;;;5,00;7,00",
    "202201;5010;3310;569;;;;;1,00;",
]


@pytest.fixture
def imported(run_cli, workdir: Path) -> tuple[Path, str]:
    path = write_csv(workdir / "export.csv", ROWS)
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND, str(path))
    assert result.exit_code == 0, result.output
    return folder_of(workdir) / "utfall.xlsx", result.output


def test_rows_get_their_sums_in_tkr(imported: tuple[Path, str]) -> None:
    path, _ = imported
    rows = drift(path)
    assert rows["569"] == (tkr("800,05"), tkr("900,00"), tkr("123,45"))
    assert rows["520"] == (tkr("300,00"), tkr("350,00"), 0)
    assert rows["LSS Funktionsstöd"] == (tkr("50,50"), tkr("40,00"), 0)
    assert "Resultat nämndens enheter" not in rows  # the sum of its two units
    assert rows["100"] == (0, 0, 0)
    # exact decimals, never a float's approximation: 800,05 kr is 0,80005 tkr
    assert Decimal(str(rows["569"][0])) == Decimal("0.80005")


def test_unmapped_codes_are_listed_with_their_amounts(imported: tuple[Path, str]) -> None:
    _, output = imported
    assert ("Varning: export.csv › rad 9: kodsträngen Konto 5010, Ansvar 3310, "
            "Verksamhet 999 är nämndens men ingen regel på fliken Rader passar "
            "(redovisat jan-aug 2024 12,34 kr)") in output
    assert ("Varning: export.csv › rad 10: kodsträngen Konto 9999, Ansvar 3310, "
            "Verksamhet 569 är nämndens men kontot finns inte på fliken Konton "
            "(redovisat jan-aug 2024 -5,00 kr)") in output
    assert "filerna har utfall efter perioden (2024-09)" in output
    assert "Obs: belopp för 2022 används inte" in output


def test_everything_reconciles_to_the_ore(imported: tuple[Path, str]) -> None:
    path, output = imported
    check = avstamning(path)
    namnd = check[("Nämnden", "Alla nämndens kodsträngar enligt Urval")]
    # every nämnd row within jan-aug 2024, by hand: 1000,10 - 200,05 + 300 + 50,50 + 12,34
    # - 5,00 + 80 + 1,11 (not the other nämnd's 99 999,99, not 2022, not september)
    assert namnd[0] == Decimal("1239.00")
    assert check[("Rapportrad", "Alla rapportrader")][0] == Decimal("1150.55")
    assert check[("Undantaget", "Undanta Motpart 3")][0] == Decimal("80")
    assert check[("Utanför driften", "Konto 8* utanför driften")][0] == Decimal("1.11")
    unmapped = [v for k, v in check.items() if k[0] == "Omappat"]
    assert sorted(v[0] for v in unmapped) == [Decimal("-5"), Decimal("12.34")]
    control = next(v for k, v in check.items() if k[0] == "Kontroll")
    assert control == (0, 0, 0, 0, 0)
    assert ("Redovisat jan-aug 2024: nämnden 1\u00a0239,00 kr = rapportraderna "
            "1\u00a0150,55 kr + undantaget 80,00 kr + utanför driften 1,11 kr + omappat "
            "7,34 kr") in output
    assert check[("Nämnden", "Alla nämndens kodsträngar enligt Urval")][4] == Decimal(
        "901.22")  # redovisat helår 2023: 777,77 + 123,45
    whole = next(k[1] for k in check if k[0] == "Fil" and "hela filen" in k[1])
    assert "utfall 102\u00a0146,21 kr" in whole  # the file's own total, other nämnd too
    months = {k[1][:7]: v for k, v in check.items() if k[0] == "Månad"}
    assert months["2024-01"][:2] == (Decimal("1000.10"), Decimal("900"))
    assert "2022-01" in months and "2024-09" in months


def test_strict_turns_the_unmapped_into_errors_and_writes_nothing(run_cli,
                                                                  workdir: Path) -> None:
    path = write_csv(workdir / "export.csv", ROWS)
    before = (folder_of(workdir) / "utfall.xlsx").read_bytes()
    result = run_cli("importera", "--period", PERIOD, "--strict", str(path))
    assert result.exit_code == 2
    assert "Fel (varning, --strict): export.csv › rad 9: kodsträngen" in result.output
    assert "ingenting skrevs. Varningar räknas som fel eftersom --strict angavs." in (
        result.output)
    assert (folder_of(workdir) / "utfall.xlsx").read_bytes() == before


@pytest.mark.parametrize(("encoding", "separator", "mark", "bom"), [
    ("cp1252", ";", ",", b""),
    ("utf-8", ";", ",", b"\xef\xbb\xbf"),
    ("utf-8", ",", ".", b""),
    ("utf-8", "\t", ".", b""),
])
def test_csv_dialects(run_cli, workdir: Path, encoding: str, separator: str, mark: str,
                      bom: bytes) -> None:
    header = "Period;Konto;Ansvar;Verksamhet;Motpart;Belopp;Kommentar"
    rows = ["202401;5010;3310;569;;1 234,50;Lön för Åsa", "202402;5010;3310;569;;-34,5;ö",
            '2023-03;5010;3310;569;;"1000";"citat; med semikolon"']
    text = "\n".join([header, *rows]).replace(";", "\u0001")
    if mark == ".":
        text = text.replace("1 234,50", "1234.50").replace("-34,5", "-34.5")
    text = text.replace("\u0001", separator)
    path = workdir / "export.csv"
    path.write_bytes(bom + text.encode(encoding))
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 0, result.output
    assert drift(folder_of(workdir) / "utfall.xlsx")["569"][0] == tkr("1200,00")
    assert drift(folder_of(workdir) / "utfall.xlsx")["569"][2] == 1
    assert 'rad 1: kolumnen "Kommentar" används inte av importen' in result.output
    label = {"cp1252": "Windows-1252", "utf-8": "UTF-8"}[encoding] + (" med BOM" if bom else "")
    assert label in result.output


def test_column_names_are_a_setting(run_cli, workdir: Path) -> None:
    mapping = folder_of(workdir) / "mappning.xlsx"
    book = openpyxl.load_workbook(mapping)
    ws = book["Kolumner"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "Ansvar":
            row[1].value = "Kostnadsställe"
        if row[0].value == "Belopp":
            row[1].value = "Utfall"
    book.save(mapping)
    path = write_csv(workdir / "export.csv", ["202401;5010;3310;569;7,00"],
                     header="Period;Konto;Kostnadsställe;Verksamhet;Utfall")
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 0, result.output
    assert drift(folder_of(workdir) / "utfall.xlsx")["569"][0] == tkr("7,00")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_columns_the_mapping_says_are_not_used_give_no_warning(run_cli, workdir: Path,
                                                               suffix: str) -> None:
    """Exports carry description columns (Benämning, Text): one row per such column on
    Kolumner with Fält "Används inte" silences its warning (which --strict makes an error)."""
    header = "Period;Konto;Ansvar;Verksamhet;Benämning;Belopp;Text"
    path = write_csv(workdir / "export.csv", ["202401;5010;3310;569;Lön;7,00;x"], header)
    if suffix == ".xlsx":
        book = openpyxl.Workbook()
        book.active.append(header.split(";"))
        book.active.append([202401, 5010, 3310, 569, "Lön", 7, "x"])
        path = workdir / "export.xlsx"
        book.save(path)
    warned = run_cli("importera", "--period", PERIOD, str(path))
    assert warned.exit_code == 0, warned.output
    assert 'kolumnerna "Benämning", "Text" används inte av importen' in warned.output
    mapping = folder_of(workdir) / "mappning.xlsx"
    book = openpyxl.load_workbook(mapping)
    book["Kolumner"].append(["Används inte", "benämning"])
    book["Kolumner"].append(["används inte", "Text"])
    book.save(mapping)
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 0, result.output
    assert "används inte av importen" not in result.output
    assert drift(folder_of(workdir) / "utfall.xlsx")["569"][0] == tkr("7,00")


def test_an_excel_export(run_cli, workdir: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Huvudbok"
    ws.append(HEADER.split(";"))
    ws.append([202401, 5010, "3310", 569, None, None, None, None, 1234.56, 1000])
    ws.append(["202402", "5010", "3310", "569", None, None, None, None, "-34,56", None])
    ws.append([None] * 10)
    ws.append(["2023-05", 5010, 3310, 569, None, None, None, None, 0.1, None])
    ws.append(["2023-06", 5010, 3310, 569, None, None, None, None, "1.05", None])
    path = workdir / "export.xlsx"
    book.save(path)
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 0, result.output
    assert drift(folder_of(workdir) / "utfall.xlsx")["569"] == (
        tkr("1200,00"), 1, tkr("1,15"))  # 0.1 (a number) + "1.05" (text) in 2023
    assert "(Excel, 4 rader" in result.output


def test_an_existing_workbook_is_kept_in_tidigare(run_cli, workdir: Path) -> None:
    before = (folder_of(workdir) / "utfall.xlsx").read_bytes()
    path = write_csv(workdir / "export.csv", ["202401;5010;3310;569;;;;;7,00;"])
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 0, result.output
    kept = list((folder_of(workdir) / "tidigare").glob("utfall-*.xlsx"))
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert f"Den tidigare arbetsboken sparades som {kept[0]}" in result.output
    # budget and last year are not in the file: the hand-typed figures stay
    assert drift(folder_of(workdir) / "utfall.xlsx")["569"] == (tkr("7,00"), 324651, 319257)
    assert "Filerna täcker inte Budget perioden, Redovisat samma period föregående år" in (
        result.output)
    # The same export again, a while later: nothing new, so no second copy. (The dates
    # openpyxl writes into the workbook are not what it holds.)
    written = folder_of(workdir) / "utfall.xlsx"
    with zipfile.ZipFile(written) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(written, "w") as z:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT[\d:]{8}Z", b"2024-09-01T08:00:00Z", data)
            z.writestr(zipfile.ZipInfo(name, (2024, 9, 1, 8, 0, 0)), data)
    earlier = written.read_bytes()
    again = run_cli("importera", "--period", PERIOD, str(path))
    assert again.exit_code == 0, again.output
    assert list((folder_of(workdir) / "tidigare").glob("utfall-*.xlsx")) == kept
    assert written.read_bytes() == earlier
    assert f"Oförändrad, samma innehåll som förut: {written}" in again.output
    assert f"Skrev {written}" not in again.output
    assert f"Skrev {written}" in result.output


def test_varav_and_heading_rows(run_cli, workdir: Path) -> None:
    """A Varav row is a part of the row above: its amounts count there too. A heading row
    (Rubrik) has no line in utfall.xlsx and cannot be a rule's row."""
    settings = folder_of(workdir) / "installningar.xlsx"
    book = openpyxl.load_workbook(settings)
    ws = book["Verksamheter"]
    head = [c.value for c in ws[1]]
    at = next(r for r in range(2, ws.max_row + 1)
              if ws.cell(r, head.index("Kod") + 1).value == "569")
    ws.insert_rows(at + 1)
    ws.insert_rows(2)
    for row, (code, name, kind) in ((at + 2, ("569p", "varav placeringar", "Varav")),
                                    (2, (None, "Individ- och familjeomsorg", "Rubrik"))):
        ws.cell(row, head.index("Kod") + 1).value = code
        ws.cell(row, head.index("Namn") + 1).value = name
        ws.cell(row, head.index("Radtyp") + 1).value = kind
    book.save(settings)
    mapping = folder_of(workdir) / "mappning.xlsx"
    book = openpyxl.load_workbook(mapping)
    book["Rader"].insert_rows(2)
    book["Rader"]["A2"] = "569p"
    book["Rader"]["C2"] = "3320"
    book.save(mapping)
    path = write_csv(workdir / "export.csv", ["202401;5010;3310;569;;;;;100,00;",
                                              "202401;5010;3320;569;;;;;40,00;"])
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 0, result.output
    rows = drift(folder_of(workdir) / "utfall.xlsx")
    assert rows["569"][0] == tkr("140,00") and rows["569p"][0] == tkr("40,00")
    assert "Individ- och familjeomsorg" not in rows
    check = avstamning(folder_of(workdir) / "utfall.xlsx")
    assert check[("Rapportrad", "Alla rapportrader")][0] == Decimal("140")  # counted once
    book = openpyxl.load_workbook(mapping)
    book["Rader"]["A2"] = "Individ- och familjeomsorg"
    book.save(mapping)
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 2
    assert ('mappning.xlsx › Rader › A2: "Individ- och familjeomsorg" är en rubrik utan '
            "belopp") in result.output


def test_a_csv_with_every_field_quoted(run_cli, workdir: Path) -> None:
    """Some systems quote every field; a text may then hold the separator or a newline."""
    lines = ['"Period";"Konto";"Ansvar";"Verksamhet";"Belopp";"Text"',
             '"202401";"5010";"3310";"569";"100,25";"Lön; januari"',
             '"202402";"5010";"3310";"569";"-0,25";"två\nrader"',
             '"202403";"5010";"3310";"569";"n/a";""']
    path = workdir / "export.csv"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 2
    assert 'export.csv › rad 5: förväntade ett belopp i kronor med högst två decimaler, ' \
           'hittade "n/a"' in result.output
    path.write_bytes("\r\n".join(lines[:3]).encode("utf-8"))
    result = run_cli("importera", "--period", PERIOD, str(path))
    assert result.exit_code == 0, result.output
    assert drift(folder_of(workdir) / "utfall.xlsx")["569"][0] == tkr("100,00")


def test_own_columns_and_investments_in_utfall_stay(run_cli, workdir: Path) -> None:
    """A column the economist added (Kommentar) and the Investeringar sheet are kept."""
    path = folder_of(workdir) / "utfall.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Drift"]
    col = ws.max_column + 1
    ws.cell(1, col).value = "Kommentar"
    ws.cell(8, col).value = "Fler placeringar"
    book.save(path)
    investments = [r for r in openpyxl.load_workbook(path)["Investeringar"].iter_rows(
        values_only=True)]
    export = write_csv(workdir / "export.csv", ["202401;5010;3310;569;;;;;7,00;"])
    result = run_cli("importera", "--period", PERIOD, str(export))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    rows = list(book["Drift"].iter_rows(values_only=True))
    at = rows[0].index("Kommentar")
    assert [r[at] for r in rows[1:] if r[at]] == ["Fler placeringar"]
    assert next(r for r in rows[1:] if r[at])[0] == "569"
    assert list(book["Investeringar"].iter_rows(values_only=True)) == investments


def test_rows_without_codes_and_revenue_positive(run_cli_at, workdir_all: Path) -> None:
    """Exempelby: rows keyed by name, intäkter positive in its workbooks (the ledger's signs
    are flipped when written), a Delrad summed like any row."""
    from generator.excel.schema import MAPPNING
    from generator.excel.writer import write_workbook

    folder = workdir_all / "inputs" / "exempelby-kfn" / PERIOD
    write_workbook(folder / "mappning.xlsx", MAPPNING, PERIOD, {
        "Konton": [{"codes": "3*", "kind": "Intäkt"}, {"codes": "4000-7999", "kind": "Kostnad"}],
        "Rader": [{"row": "Åtgärdsplan", "aktivitet": "ÅTG"},
                  {"row": "bibliotek", "verksamhet": "31*"}],
    })
    path = write_csv(workdir_all / "export.csv", [
        "202401;5010;100;310;;;;;1000,00;", "202402;3110;100;311;;;;;-250,50;",
        "202403;5010;100;310;ÅTG;;;;-40,00;"])
    result = run_cli_at(workdir_all, "importera", "--period", PERIOD, "--namnd",
                        "exempelby-kfn", str(path))
    assert result.exit_code == 0, result.output
    assert "fliken Urval har inga Ta med-regler" in result.output
    assert 'rapportraden "Kulturskola" har ingen regel och får 0' in result.output
    rows = drift(folder / "utfall.xlsx")
    assert rows["Bibliotek"][0] == tkr("-749,50")  # costs negative in Exempelby's workbooks
    assert rows["Åtgärdsplan"][0] == tkr("40,00")
    assert rows["Kulturskola"][0] == 0


def test_another_namnds_later_months_are_no_warning(run_cli, workdir: Path) -> None:
    rows = [r for r in ROWS if not r.startswith("202409")]
    path = write_csv(workdir / "export.csv", [*rows, "202410;5010;4100;569;;;;;10,00;"])
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND, str(path))
    assert result.exit_code == 0, result.output
    assert "efter perioden" not in result.output
    path = write_csv(workdir / "export.csv", [*rows, "202410;5010;3310;569;;;;;10,00;"])
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND, str(path))
    assert "filerna har utfall efter perioden (2024-10)" in result.output


def test_year_end_period_13_counts_in_december(run_cli, workdir: Path) -> None:
    """Period 13 (bokslutsperiod, as Unit4 and others keep year-end entries) belongs to the
    year: in a December report's Redovisat, after the period in an August report."""
    import shutil

    path = write_csv(workdir / "export.csv", [*ROWS, "202413;5010;3310;569;;;;;1000,00;"])
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND, str(path))
    assert result.exit_code == 0, result.output
    assert "utfall efter perioden (2024-09–2024-13 (bokslutsperiod))" in result.output
    assert drift(folder_of(workdir) / "utfall.xlsx")["569"][0] == tkr("800,05")

    december = folder_of(workdir).parent / "dec-2024"
    shutil.copy(folder_of(workdir) / "mappning.xlsx", december / "mappning.xlsx")
    result = run_cli("importera", "--period", "dec-2024", "--namnd", NAMND, str(path))
    assert result.exit_code == 0, result.output
    assert "efter perioden" not in result.output
    # 1 000,10 − 200,05 + 5,00 (September) + 1 000,00 (period 13)
    assert drift(december / "utfall.xlsx")["569"][0] == tkr("1805,05")


@pytest.mark.parametrize(("header", "named"), [
    ("Period;Konto;Ansvar;Verksamhet;Utfall;Budget", ('"Belopp" (utfall)', '"Utfall"')),
    ("Period;Konto;Ansvar;Verksamhet;Belopp;Budget 2024", ('"Budget" (budget)',
                                                           '"Budget 2024"')),
])
def test_a_renamed_amount_column_is_an_error(run_cli, workdir: Path, header: str,
                                             named: tuple[str, str]) -> None:
    """Without its utfall or budget column, an export would leave those figures as they
    were; an unused column named like an amount is most likely that column, renamed."""
    before = (folder_of(workdir) / "utfall.xlsx").read_bytes()
    path = write_csv(workdir / "export.csv", ["202401;5010;3310;569;1000,00;900,00"], header)
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND, str(path))
    assert result.exit_code == 2, result.output
    missing, unused = named
    assert f"kolumnen {missing} saknas, men {unused} på rad 1 används inte" in result.output
    assert (folder_of(workdir) / "utfall.xlsx").read_bytes() == before


def test_an_export_of_budget_alone_is_read(run_cli, workdir: Path) -> None:
    path = write_csv(workdir / "budget.csv", ["202401;5010;3310;569;900,00;Lön"],
                     "Period;Konto;Ansvar;Verksamhet;Budget;Text")
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND, str(path))
    assert result.exit_code == 0, result.output
    assert 'kolumnen "Text" används inte av importen' in result.output
    assert drift(folder_of(workdir) / "utfall.xlsx")["569"][1] == tkr("900,00")


def test_missing_months_are_named(run_cli, workdir: Path) -> None:
    path = write_csv(workdir / "export.csv", ["202401;5010;3310;569;;;;;10,00;20,00"])
    result = run_cli("importera", "--period", PERIOD, "--namnd", NAMND, str(path))
    assert result.exit_code == 0, result.output
    months = ", ".join(f"2024-{m:02d}" for m in range(2, 9))
    assert f"filerna har inget utfall för {months}, så redovisat jan-aug 2024" in result.output
    assert f"filerna har ingen budget för {months}, så budget jan-aug 2024" in result.output
