"""Every kind of report from the bundled year: title, footer, sections and tables, read back
from the .docx; the calendar, --rapport, and what a kind requires."""

from __future__ import annotations

import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from generator.formatting import MINUS, format_number
from tests.conftest import EXAMPLE, REFERENCE_NAMND
from tests.docx_helpers import grid, headings, open_report, table_after_caption

NAMND = REFERENCE_NAMND
FOLDER = EXAMPLE / NAMND

# period → (file, title, footer, headings it has, headings it must not have)
KINDS = {
    "mar-2024": ("delarsrapport", "Delårsrapport per den 31 mars med prognos för helår 2024",
                 "Delårsrapport 31 mars 2024",
                 ["Ekonomi", "Målredovisning med prognos", "Investeringar"],
                 ["Prognosens utveckling"]),
    "okt-2024": ("prognosrapport", "Prognosrapport per 31 oktober 2024",
                 "Prognosrapport 31 oktober 2024",
                 ["Sammanfattning", "Prognosens utveckling", "Investeringar",
                  "Förväntad utveckling", "Volymutveckling"],
                 ["Uppföljning av mål och inriktning", "Nämndindikatorer"]),
    "nov-2024": ("manadsrapport", "Månadsrapport per 30 november 2024",
                 "Månadsrapport 30 november 2024",
                 ["Ekonomi i korthet", "Resultat och helårsprognos", "Prognosens utveckling"],
                 ["Investeringar", "Uppföljning av mål och inriktning", "Volymutveckling"]),
    "dec-2024": ("verksamhetsberattelse", "Verksamhetsberättelse 2024",
                 "Verksamhetsberättelse 2024",
                 ["Resultat 2024", "Prognossäkerhet", "Målredovisning", "Nämndindikatorer"],
                 ["Resultat och helårsprognos", "Målredovisning med prognos"]),
}


def report(work: Path, period: str) -> Path:
    return work / "outputs" / period / f"{KINDS[period][0]}-{NAMND}-{period}.docx"


def text(cell: str) -> str:
    return cell.replace("\u00ad", "")  # a narrow header's soft hyphen is not seen


def shown(tkr: Decimal) -> str:
    """A tkr amount as the report prints it: mnkr, one decimal, minus sign."""
    return format_number(tkr / 1000, 1, MINUS)


def column(path: Path, sheet: str, letter: str) -> list[Decimal]:
    """A figure column of a bundled workbook, read here without the program."""
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    return [Decimal(str(c.value)) for c in ws[letter][1:] if c.value is not None]


@pytest.mark.parametrize("period", list(KINDS))
def test_each_kind_has_its_own_title_footer_and_sections(year_run: Path, period: str) -> None:
    name, title, footer, present, absent = KINDS[period]
    doc = open_report(report(year_run, period))
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[0].text == title
    assert doc.core_properties.title == title
    foot = doc.sections[0].footer.paragraphs[0].text
    assert foot.startswith(f"Social- och omsorgsnämnden · {footer}")
    found = [h for _, h in headings(doc)]
    assert all(h in found for h in present), found
    assert not any(h in found for h in absent), found
    assert not [h for h in found if "{" in h]


def test_the_verksamhetsberattelse_shows_the_year_against_budget(year_run: Path) -> None:
    doc = open_report(report(year_run, "dec-2024"))
    table = grid(table_after_caption(doc, "Driftsammandrag 2024, belopp mnkr"))
    assert table[0] == ["", "Utfall 2024", "Budget 2024", "Avvikelse", "Utfall 2023"]
    utfall = FOLDER / "dec-2024" / "utfall.xlsx"
    actual, budget, before = (sum(column(utfall, "Drift", c), Decimal(0)) for c in "CDE")
    last = table[-1]
    assert last == ["Summa nettokostnader inkl kommunal verks", shown(actual), shown(budget),
                    shown(budget - actual), shown(before)]
    overview = grid(table_after_caption(doc, "Ekonomi, belopp mnkr"))
    assert overview[0][1:4] == ["Utfall 2024", "Budget 2024", "Avvikelse"]
    assert overview[1][1:4] == [shown(actual), shown(budget), shown(budget - actual)]
    # no forecast anywhere: neither the table nor a prognos.xlsx in the folder
    assert not (FOLDER / "dec-2024" / "prognos.xlsx").exists()
    assert "Prognos helår" not in [c for row in overview for c in row]


def forecasts() -> dict[str, tuple[Decimal, Decimal]]:
    """(forecast, budget) in total of each earlier folder of 2024, read here from prognos.xlsx."""
    out = {}
    for period in ("mar-2024", "aug-2024", "okt-2024", "nov-2024"):
        path = FOLDER / period / "prognos.xlsx"
        out[period] = (sum(column(path, "Drift", "C"), Decimal(0)),
                       sum(column(path, "Drift", "D"), Decimal(0)))
    return out


def test_prognossakerhet_is_each_report_against_the_outcome(year_run: Path) -> None:
    doc = open_report(report(year_run, "dec-2024"))
    table = [[text(c) for c in row] for row in grid(table_after_caption(
        doc, "Prognossäkerhet: prognos minus utfall, belopp mnkr"))]
    assert table[0][1:] == ["Prognos minus utfall"] * 4
    assert table[1][1:] == ["Delårsrapport mars", "Delårsrapport augusti",
                            "Prognosrapport oktober", "Månadsrapport november"]
    outcome = sum(column(FOLDER / "dec-2024" / "utfall.xlsx", "Drift", "C"), Decimal(0))
    expected = [shown(f - outcome) for f, _ in forecasts().values()]
    assert table[-1] == ["Summa nettokostnader inkl kommunal verks", *expected]
    # per row: 569 Barn och ungdomsvård, the forecast of each folder minus the year's outcome
    row = next(r for r in table if r[0].startswith("569"))
    u569 = column(FOLDER / "dec-2024" / "utfall.xlsx", "Drift", "C")[6]
    assert row[1:] == [shown(column(FOLDER / p / "prognos.xlsx", "Drift", "C")[6] - u569)
                       for p in ("mar-2024", "aug-2024", "okt-2024", "nov-2024")]
    # the forecast's history beside it: each folder's deviation, and the outcome's
    history = [[text(c) for c in row] for row in grid(table_after_caption(
        doc, "Prognosens avvikelse mot budget i årets rapporter och utfallets, belopp mnkr"))]
    budget = sum(column(FOLDER / "dec-2024" / "utfall.xlsx", "Drift", "D"), Decimal(0))
    assert history[-1] == ["Summa nettokostnader inkl kommunal verks",
                           *[shown(b - f) for f, b in forecasts().values()],
                           shown(budget - outcome)]
    assert history[-1][1:3] == [f"{MINUS}75,0", f"{MINUS}75,0"]  # March as the reference says


def test_the_prognossakerhet_text_quotes_the_computed_figures(year_run: Path) -> None:
    doc = open_report(report(year_run, "dec-2024"))
    f_aug = forecasts()["aug-2024"][0]
    outcome = sum(column(FOLDER / "dec-2024" / "utfall.xlsx", "Drift", "C"), Decimal(0))
    said = next(p.text for p in doc.paragraphs if p.text.startswith("Prognosen i delårs"))
    assert f"avvek {shown(f_aug - outcome)} miljoner kronor från utfallet" in said
    percent = format_number((f_aug - outcome) / outcome * 100, 1, MINUS)
    assert f"{percent} procent av nettokostnaderna" in said


def test_the_chart_of_the_forecast_over_the_year(year_run: Path) -> None:
    from docx.oxml.ns import qn

    doc = open_report(report(year_run, "dec-2024"))
    alts = [d.get("descr") for d in doc.element.body.iter(qn("wp:docPr"))]
    alt = next(a for a in alts if a and a.startswith("Prognosens avvikelse mot budget"))
    assert f"{MINUS}75,0 mnkr i delårsrapport mars" in alt
    assert f"{MINUS}77,1 mnkr i månadsrapport november" in alt
    assert f"Utfallets avvikelse: {MINUS}72,3 mnkr" in alt


def test_a_report_with_a_forecast_shows_the_years_history(year_run: Path) -> None:
    doc = open_report(report(year_run, "okt-2024"))
    table = [[text(c) for c in row] for row in grid(table_after_caption(
        doc, "Prognosens avvikelse mot budget i årets rapporter, belopp mnkr"))]
    assert table[1][1:] == ["Delårsrapport mars", "Delårsrapport augusti",
                            "Prognosrapport oktober"]
    assert table[-1] == ["Summa nettokostnader inkl kommunal verks", f"{MINUS}75,0",
                         f"{MINUS}75,0", f"{MINUS}79,6"]
    overview = grid(table_after_caption(doc, "Ekonomi, belopp mnkr"))
    assert overview[0][4] == "Avvikelse prognos helår, delårsrapport augusti 2024"
    assert overview[1][4] == f"{MINUS}75,0"


def test_each_report_of_the_year_is_checked_clean(workdir: Path, run_cli) -> None:
    for period in ("mar-2024", "aug-2024", "okt-2024", "nov-2024", "dec-2024"):
        result = run_cli("check", "--period", period)
        assert result.exit_code == 0, result.output
        assert "0 fel, 0 varningar." in result.output, result.output


# -- the previous report's column comes from its folder --------------------------------
def _overview(run_cli, workdir: Path) -> list[list[str]]:
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0, result.output
    path = workdir / "outputs" / "aug-2024" / f"delarsrapport-{NAMND}-aug-2024.docx"
    return grid(table_after_caption(open_report(path), "Ekonomi, belopp mnkr"))


def _set(path: Path, sheet: str, cell: str, value: object) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def test_augusts_previous_column_is_the_march_folders_forecast(workdir: Path, run_cli) -> None:
    march = workdir / "inputs" / NAMND / "mar-2024"
    # March's forecast for 569 (row 8 of Drift) 10 mnkr higher: March's deviation −85,0
    book = openpyxl.load_workbook(march / "prognos.xlsx")
    ws = book["Drift"]
    assert ws["A8"].value == "569"
    ws["C8"] = ws["C8"].value + 10000
    book.save(march / "prognos.xlsx")
    # and August's typed value emptied, as a new period's is
    _set(workdir / "inputs" / NAMND / "aug-2024" / "prognos.xlsx", "Föregående prognos", "B2",
         None)
    overview = _overview(run_cli, workdir)
    assert overview[0][4] == "Avvikelse prognos helår, delårsrapport mars 2024"
    assert overview[1][4] == f"{MINUS}85,0"


def test_a_typed_previous_value_that_differs_from_the_folder_is_named(workdir: Path,
                                                                       run_cli) -> None:
    _set(workdir / "inputs" / NAMND / "aug-2024" / "prognos.xlsx", "Föregående prognos", "B2",
         -70000)
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 0
    assert ("Varning: prognos.xlsx › Föregående prognos › B2: föregående rapports avvikelse "
            "läses från") in result.output
    assert f"{MINUS}75,0 mnkr" not in result.output  # numbers in messages are plain
    assert "-75,0 mnkr; värdet här (-70,0 mnkr) används inte" in result.output


def test_without_the_march_folder_the_typed_value_is_used(workdir: Path, run_cli) -> None:
    shutil.rmtree(workdir / "inputs" / NAMND / "mar-2024")
    _set(workdir / "inputs" / NAMND / "aug-2024" / "prognos.xlsx", "Föregående prognos", "B2",
         -70000)
    overview = _overview(run_cli, workdir)
    assert overview[0][4] == "Avvikelse prognos helår, delårsrapport mars 2024"
    assert overview[1][4] == f"{MINUS}70,0"


def test_neither_folder_nor_typed_value_is_an_error(workdir: Path, run_cli) -> None:
    shutil.rmtree(workdir / "inputs" / NAMND / "mar-2024")
    _set(workdir / "inputs" / NAMND / "aug-2024" / "prognos.xlsx", "Föregående prognos", "B2",
         None)
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 2
    assert ('Fel: prognos.xlsx › Föregående prognos › B2: "Avvikelse verksamhetens '
            'nettokostnader" saknas') in result.output
    assert "föregående rapports mapp för 2024 med prognos.xlsx" in result.output
    assert "Traceback" not in result.output


# -- the calendar and --rapport --------------------------------------------------------
def test_rapport_overrides_the_calendar(workdir: Path, run_cli) -> None:
    result = run_cli("check", "--period", "nov-2024", "--rapport", "prognosrapport")
    assert result.exit_code == 2  # a prognosrapport has volymtal, which November lacks
    assert ("Fel: volymer.xlsx: filen saknas; förväntade" in result.output
            and "en prognosrapport behöver den (volymtal och personal)" in result.output)
    result = run_cli("--period", "okt-2024", "--rapport", "Månadsrapport")
    assert result.exit_code == 0, result.output
    path = workdir / "outputs" / "okt-2024" / f"manadsrapport-{NAMND}-okt-2024.docx"
    doc = open_report(path)
    assert doc.paragraphs[0].text == "Månadsrapport per 31 oktober 2024"
    # a workbook the kind does not read is named, not silently dropped
    assert "Varning: volymer.xlsx: filen används inte i en månadsrapport" in result.output


def test_an_unknown_kind_is_named(run_cli) -> None:
    result = run_cli("--period", "aug-2024", "--rapport", "kvartalsrapport")
    assert result.exit_code == 2
    assert 'Rapporttypen "kvartalsrapport" känns inte igen' in result.output
    assert "verksamhetsberattelse" in result.output and "Traceback" not in result.output


def test_a_month_the_calendar_has_no_report_for(workdir: Path, run_cli) -> None:
    shutil.copytree(workdir / "inputs" / NAMND / "aug-2024",
                    workdir / "inputs" / NAMND / "jul-2024")
    result = run_cli("check", "--period", "jul-2024")
    assert result.exit_code == 2
    assert ("Fel: installningar.xlsx › Rapporter: kalendern har ingen rapport för juli"
            in result.output)
    assert "--rapport" in result.output


def test_a_verksamhetsberattelse_names_the_workbooks_it_needs(workdir: Path, run_cli) -> None:
    dec = workdir / "inputs" / NAMND / "dec-2024"
    (dec / "mal.xlsx").unlink()
    book = openpyxl.load_workbook(dec / "utfall.xlsx")
    book["Investeringar"].delete_cols(4)  # Investeringsram
    book.save(dec / "utfall.xlsx")
    result = run_cli("check", "--period", "dec-2024")
    assert result.exit_code == 2
    # a verksamhetsberättelse has no forecast: its målredovisning is the year's outcome
    assert ("Fel: mal.xlsx: filen saknas; förväntade" in result.output
            and "en verksamhetsberättelse behöver den (målredovisning)\n" in result.output)
    assert ('Fel: utfall.xlsx › Investeringar › rad 1: kolumnen "Investeringsram" saknas'
            in result.output)


def test_the_goals_workbook_is_named_as_each_kind_has_it(workdir: Path, run_cli) -> None:
    """A delårsrapport's målredovisning is "med prognos", as its heading says; a
    månadsrapport has none, so a mal.xlsx in its folder is named plainly."""
    folder = workdir / "inputs" / NAMND
    (folder / "aug-2024" / "mal.xlsx").unlink()
    shutil.copy2(folder / "dec-2024" / "mal.xlsx", folder / "nov-2024" / "mal.xlsx")
    aug = run_cli("check", "--period", "aug-2024")
    assert aug.exit_code == 2
    assert "en delårsrapport behöver den (målredovisning med prognos)\n" in aug.output
    nov = run_cli("check", "--period", "nov-2024")
    assert ("Varning: mal.xlsx: filen används inte i en månadsrapport, som inte har "
            "målredovisning; flytta den ur mappen om den inte behövs") in nov.output


def test_init_heads_a_verksamhetsberattelses_goals_workbook_without_forecast(
        workdir: Path, run_cli) -> None:
    """mal.xlsx's instructions are headed as the report it feeds has the målredovisning."""
    folder = workdir / "inputs" / NAMND
    result = run_cli("init", "--period", "dec-2025", "--from", "aug-2024", "--namnd", NAMND)
    assert result.exit_code == 0, result.output
    result = run_cli("init", "--period", "aug-2025", "--from", "aug-2024", "--namnd", NAMND)
    assert result.exit_code == 0, result.output
    headings = {period: openpyxl.load_workbook(folder / period / "mal.xlsx")[
        "Instruktioner"]["A3"].value for period in ("dec-2025", "aug-2025")}
    assert headings == {"dec-2025": "Målredovisning", "aug-2025": "Målredovisning med prognos"}


def test_titles_footers_and_templates_per_kind_from_the_settings(workdir: Path,
                                                                 run_cli) -> None:
    from tests.conftest import ROOT

    folder = workdir / "inputs" / NAMND
    # the kommun's own template: the default with another heading
    with zipfile.ZipFile(ROOT / "templates" / "manadsrapport.docx") as src, \
            zipfile.ZipFile(folder / "var-manadsrapport.docx", "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"Ekonomi i korthet", b"Ekonomin i sammandrag")
            dst.writestr(item, data)
    book = openpyxl.load_workbook(folder / "nov-2024" / "installningar.xlsx")
    ws = book["Rapporttyper"]
    ws.append(["Månadsrapport", "Ekonomisk uppföljning {månad} {år}", "Uppföljning {månad}",
               "var-manadsrapport.docx"])
    book.save(folder / "nov-2024" / "installningar.xlsx")
    result = run_cli("check", "--period", "nov-2024")
    assert result.exit_code == 0, result.output
    out = run_cli("--period", "nov-2024")  # no --mall: the template on Rapporttyper
    assert out.exit_code == 0, out.output
    doc = open_report(workdir / "outputs" / "nov-2024" / f"manadsrapport-{NAMND}-nov-2024.docx")
    assert doc.paragraphs[0].text == "Ekonomisk uppföljning november 2024"
    assert (1, "Ekonomin i sammandrag") in headings(doc)
    assert "Uppföljning november" in doc.sections[0].footer.paragraphs[0].text
    ws.cell(row=2, column=4, value="finns-inte.docx")
    book.save(folder / "nov-2024" / "installningar.xlsx")
    result = run_cli("check", "--period", "nov-2024")
    assert result.exit_code == 2
    assert 'Fel: installningar.xlsx › Rapporttyper › D2: mallen "finns-inte.docx" finns varken' \
        in result.output


def test_the_year_is_what_the_example_script_writes(tmp_path: Path) -> None:
    """tools/make_periods.py writes the committed workbooks of mar, okt, nov and dec-2024
    (compared cell by cell: an .xlsx holds the time it was saved)."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT, YEAR

    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "tools", copy / "tools")
    subprocess.run([sys.executable, str(copy / "tools" / "make_periods.py")], check=True,
                   capture_output=True, cwd=copy, env={**os.environ, "PYTHONPATH": str(ROOT)})
    for period in YEAR:
        written = sorted(p.name for p in (copy / "inputs" / NAMND / period).iterdir())
        assert written == sorted(p.name for p in (FOLDER / period).iterdir()), period
        for name in written:
            ours = openpyxl.load_workbook(copy / "inputs" / NAMND / period / name)
            committed = openpyxl.load_workbook(FOLDER / period / name)
            assert ours.sheetnames == committed.sheetnames, (period, name)
            for ws in committed.worksheets:
                assert list(ours[ws.title].iter_rows(values_only=True)) == list(
                    ws.iter_rows(values_only=True)), (period, name, ws.title)


def test_talnamn_lists_the_histories_figures(workdir: Path, run_cli) -> None:
    result = run_cli("talnamn", "--period", "dec-2024")
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line.split()[-1] for line in result.output.splitlines()
             if line.strip().startswith("{")}
    assert lines["{historik.mar.avvikelse}"] == "-75,0"
    assert lines["{historik.nov.avvikelse}"] == "-77,1"
    assert lines["{resultat.avvikelse}"] == "-72,3"
    outcome = sum(column(FOLDER / "dec-2024" / "utfall.xlsx", "Drift", "C"), Decimal(0))
    assert lines["{prognossakerhet.aug}"] == format_number(
        (forecasts()["aug-2024"][0] - outcome) / 1000, 1)
    assert "{prognos.avvikelse}" not in lines  # the year is over: no forecast


def test_a_manadsrapport_needs_its_investments_for_ekonomi_i_korthet(workdir: Path,
                                                                     run_cli) -> None:
    """No investment table, but Ekonomi i korthet has the row Investeringar, netto: empty
    investment cells are errors, never a silent 0,0 in the report."""
    folder = workdir / "inputs" / NAMND / "nov-2024"
    book = openpyxl.load_workbook(folder / "utfall.xlsx")
    book["Investeringar"]["B2"] = None
    book.save(folder / "utfall.xlsx")
    result = run_cli("check", "--period", "nov-2024")
    assert result.exit_code == 2
    assert 'Fel: utfall.xlsx › Investeringar › B2: "Utgifter" saknas' in result.output
    assert run_cli("check", "--period", "aug-2024").exit_code == 0
