"""Structure as data: what a kommun changes in its workbooks, and what it then sees.

Each test edits a copy of the Linköping example with openpyxl, as an economist would in
Excel, and runs `check` or `generate` through the CLI.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from docx.oxml.ns import qn

from tests import reference_tables as ref
from tests.docx_helpers import grid, headings, open_report, table_after_caption

FOLDER = Path("inputs") / "linkoping-son" / "aug-2024"
REPORT = Path("outputs") / "aug-2024" / "delarsrapport-linkoping-son-aug-2024.docx"


def _book(workdir: Path, name: str) -> tuple[Path, openpyxl.Workbook]:
    path = workdir / FOLDER / name
    return path, openpyxl.load_workbook(path)


def _add_column(workdir: Path, name: str, sheet: str, header: str,
                values: dict[int, object]) -> str:
    """A new column right of the last one; returns its letter."""
    path, book = _book(workdir, name)
    ws = book[sheet]
    col = ws.max_column + 1
    ws.cell(row=1, column=col, value=header)
    for row, value in values.items():
        ws.cell(row=row, column=col, value=value)
    book.save(path)
    return openpyxl.utils.get_column_letter(col)


def _kolumner(workdir: Path, rows: list[list[object]]) -> None:
    path, book = _book(workdir, "installningar.xlsx")
    ws = book["Kolumner"]
    ws.delete_rows(2, ws.max_row)
    for row in rows:
        ws.append(row)
    book.save(path)


def _set_setting(workdir: Path, label: str, value: object) -> None:
    path, book = _book(workdir, "installningar.xlsx")
    ws = book["Nämnd"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == label:
            row[1].value = value
            break
    else:
        ws.append([label, value])
    book.save(path)


UTFALL_DEFAULT = [["utfall", "redovisat", "Redovisat {period.span}", "belopp", None, 2.2],
                  ["utfall", "budget", "Budget {period.span}", "belopp", None, 2.2],
                  ["utfall", "avvikelse", "Avvikelse", "avvikelse", "budget - redovisat", 1.8],
                  ["utfall", "foregaende", "Redovisat samma period föregående år", "belopp",
                   None, 2.4]]


def test_a_kommentar_column_is_a_workbook_and_settings_change(workdir: Path, run_cli) -> None:
    """The README's worked example: Kommentar beside the driftsammandrag for resultat."""
    letter = _add_column(workdir, "utfall.xlsx", "Drift", "Kommentar",
                         {8: "Fler placeringar & <högre> kostnader", 9: "Enligt plan"})
    first = run_cli("check", "--period", "aug-2024")
    assert first.exit_code == 0
    assert (f'Varning: utfall.xlsx › Drift › kolumn {letter}: kolumnen "Kommentar" används '
            "inte i rapporten") in first.output  # never dropped silently

    _kolumner(workdir, [*UTFALL_DEFAULT,
                        ["utfall", "kommentar", "Kommentar", "text", "kommentar", 4.0]])
    second = run_cli("check", "--period", "aug-2024")
    assert second.exit_code == 0 and "0 fel, 0 varningar." in second.output, second.output
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0, result.output
    rows = grid(table_after_caption(open_report(workdir / REPORT), ref.CAPTIONS[1]))
    assert rows[0] == [*ref.UTFALL[0], "Kommentar"]
    assert rows[7] == [*ref.UTFALL[7], "Fler placeringar & <högre> kostnader"]
    assert rows[8][-1] == "Enligt plan" and rows[-1][-1] == ""  # sum rows: no text
    assert [r[:5] for r in rows[1:]] == ref.UTFALL[1:]  # every figure as before


def test_a_computed_column_in_percent_and_a_column_left_out(workdir: Path, run_cli) -> None:
    _kolumner(workdir, [
        ["prognos", "prognos", "Prognos helår", "belopp", None, None],
        ["prognos", "budget", "Budget {period.year}", "belopp", None, None],
        ["prognos", "avvikelse", "Avvikelse", "avvikelse", "budget - prognos", None],
        ["prognos", "andel", "Avvikelse, %", "procent", "avvikelse / budget * 100", None],
    ])
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0, result.output
    rows = grid(table_after_caption(open_report(workdir / REPORT), ref.CAPTIONS[2]))
    assert rows[0] == ["", "Prognos helår", "Budget 2024", "Avvikelse", "Avvikelse, %"]
    summa = next(r for r in rows if r[0] == "Summa nettokostnader inkl kommunal verks")
    # −75,0 / 1 805,9 × 100, with the printed minus sign
    assert summa[1:] == ["1\u00a0880,9", "1\u00a0805,9", "\u221275,0", "\u22124,2"]


def test_a_bad_expression_and_an_unknown_name_are_errors_at_their_cell(
        workdir: Path, run_cli) -> None:
    _kolumner(workdir, [["utfall", "redovisat", "Redovisat", "belopp", None, None],
                        ["utfall", "x", "X", "belopp", "budget - import os", None],
                        ["utfall", "y", "Y", "belopp", "budgett - redovisat", None]])
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 2
    assert "Fel: installningar.xlsx › Kolumner › E3:" in result.output
    assert ("Fel: installningar.xlsx › Kolumner › E4: tabellen utfall, kolumnen y: okänt namn "
            "budgett") in result.output


def test_unused_sheets_files_and_settings_are_named(workdir: Path, run_cli) -> None:
    path, book = _book(workdir, "prognos.xlsx")
    book.create_sheet("Anteckningar")["A1"] = "prognosmöte 12/9"
    book.save(path)
    openpyxl.Workbook().save(workdir / FOLDER / "utfall-gammal.xlsx")
    _set_setting(workdir, "Kostnadsställe", "3100")
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 0
    out = result.output
    assert 'Varning: prognos.xlsx › Anteckningar: fliken "Anteckningar" används inte' in out
    assert "Varning: utfall-gammal.xlsx: filen används inte av programmet" in out
    assert 'Varning: installningar.xlsx › Nämnd › A' in out and '"Kostnadsställe"' in out


def test_a_ram_unlike_the_budget_rows_is_a_warning_with_both_figures(
        workdir: Path, run_cli) -> None:
    _set_setting(workdir, "Beslutad ram", 1_800_900)  # tkr: the ram before KS added 5 mnkr
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 0
    assert ("Varning: Budget helår för nämndens rader blir 1\u00a0805,9 mnkr men Beslutad ram i "
            "installningar.xlsx är 1\u00a0800,9 mnkr (skillnad 5,0)") in result.output
    _set_setting(workdir, "Beslutad ram", 1_805_892)
    assert "Budget helår" not in run_cli("check", "--period", "aug-2024").output


def _own_tables(workdir: Path, stated: object, text: str) -> None:
    path = workdir / FOLDER / "tabeller.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Instruktioner"
    book.active["B1"] = "aug-2024"
    meta = book.create_sheet("Tabeller")
    meta.append(["Id", "Bildtext", "Enhet", "Decimaler", "Enhet i indata", "Källa", "Ram"])
    meta.append(["R1", "Ramförändring 2024", "mnkr", 1, "tkr", None, "Ja"])
    ws = book.create_sheet("R1")
    ws.append(["Radtyp", "Förändring", "Belopp"])
    ws.append(["Rad", "Ram 2024 enligt KF", 1_800_892])
    ws.append(["Rubrik", "Beslut under året:", None])
    ws.append(["Rad", "KS 2024-04-06 §106", 5_000])
    ws.append(["Summa", "Ram efter beslut", stated])
    book.save(path)
    tpath, texter = _book(workdir, "texter.xlsx")
    for row in texter["Texter"].iter_rows(min_row=2):
        if row[0].value == "analys_ekonomi":
            row[2].value = f"{row[2].value}\n\n{text}"
    texter.save(tpath)


def test_an_own_table_is_placed_summed_and_its_stated_sum_checked(workdir: Path,
                                                                   run_cli) -> None:
    _own_tables(workdir, 1_800_000, "Ramen har förändrats så här:\n\n[tabell R1]")
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0, result.output
    assert ('Varning: tabeller.xlsx › R1 › C5: tabellen R1, raden "Ram efter beslut", kolumnen '
            '"Belopp": summan av raderna ovanför är 1\u00a0805,9 men cellen säger 1\u00a0800,0'
            ) in result.output
    doc = open_report(workdir / REPORT)
    rows = grid(table_after_caption(doc, "Ramförändring 2024, belopp mnkr"))
    assert rows == [["Förändring", "Belopp"], ["Ram 2024 enligt KF", "1\u00a0800,9"],
                    ["Beslut under året:", "Beslut under året:"],
                    ["KS 2024-04-06 §106", "5,0"], ["Ram efter beslut", "1\u00a0805,9"]]
    # the closing ram equals the budget rows (1 805,9): no ram warning
    assert "Budget helår för nämndens rader" not in result.output


def test_an_unknown_or_unplaced_own_table_is_reported(workdir: Path, run_cli) -> None:
    _own_tables(workdir, None, "[tabell R9]")
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 2
    assert ("okänd tabell [tabell R9]; förväntade en av tabellerna på fliken Tabeller i "
            "tabeller.xlsx: R1") in result.output
    assert ("Varning: tabeller.xlsx › Tabeller › A2: tabellen R1 visas inte i rapporten"
            in result.output)


def test_one_goal_level_without_bedomning(workdir: Path, run_cli) -> None:
    _set_setting(workdir, "Målnivåer", "Nämndmål")
    _set_setting(workdir, "Målen bedöms", "Nej")
    path, book = _book(workdir, "mal.xlsx")
    ws = book["Mål"]
    ws.delete_cols(1)   # Målområde
    ws.delete_cols(6)   # Bedömning (after the shift: A Nämndmål … F Bedömning)
    book.save(path)
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0, result.output
    doc = open_report(workdir / REPORT)
    heads = headings(doc)
    assert (3, "Nämndmål En socialtjänst som tidigt upptäcker och förebygger våld") in heads
    assert not any(t.startswith("Målområde ") for _, t in heads)
    texts = [p.text for p in doc.paragraphs]
    assert not any(t.startswith("Måluppfyllelse i sammandrag") for t in texts)
    assert not any("bedöms:" in t for t in texts)


def test_a_bedomning_outside_the_scale_names_the_scale(workdir: Path, run_cli) -> None:
    path, book = _book(workdir, "installningar.xlsx")
    ws = book["Bedömningar"]
    ws.delete_rows(2, ws.max_row)
    for name, symbol in (("Grön", "●"), ("Gul", "◐"), ("Röd", "○")):
        ws.append([name, symbol])
    book.save(path)
    result = run_cli("check", "--period", "aug-2024")
    assert result.exit_code == 2
    assert ('Fel: mal.xlsx › Mål › G2: förväntade ett av värdena "Grön", "Gul", "Röd" '
            '(fliken Bedömningar i installningar.xlsx), hittade "Uppfyllt"') in result.output


def test_uppdrag_without_status_get_no_status_column(workdir: Path, run_cli) -> None:
    path, book = _book(workdir, "uppdrag.xlsx")
    book["Uppdrag"].delete_cols(5)
    book.save(path)
    _set_setting(workdir, "Numrera uppdrag", "Nej")
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0, result.output
    assert 'kolumnen "Status" saknas, så den behandlas som tom' in result.output
    table = grid(table_after_caption(open_report(workdir / REPORT),
                                     "Strategiska utvecklingsuppdrag: Kommungemensamma"))
    assert table[0] == ["Kommungemensamma"]
    assert not table[1][0][0].isdigit()  # not numbered


def test_a_table_wider_than_the_page_is_fitted(workdir: Path, run_cli) -> None:
    _kolumner(workdir, [*UTFALL_DEFAULT,
                        *(["utfall", f"k{i}", f"Kolumn {i}", "belopp", "budget", 4.0]
                          for i in range(4))])
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0, result.output
    table = table_after_caption(open_report(workdir / REPORT), ref.CAPTIONS[1])
    widths = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert len(widths) == 9 and sum(widths) <= round(16.4 * 567) + 2
