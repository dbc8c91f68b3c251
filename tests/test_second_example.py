"""The second bundled example: a kommun unlike Linköping, from workbooks alone.

Exempelby kommun (invented), Kultur- och fritidsnämnden: tkr without decimals and net costs
printed negative, investments in mnkr with one decimal, a Kommentar column, rows without
codes and a Delrad, no egen regi row, a three-level goal hierarchy with numbered and marked
goals, checklists and its own bedömning scale, uppdrag numbered as written, a six-column
volume table with sub-rows, indicator tables with their own columns, a ram build-up and a
table of åtgärder, and a ledger with intäkter positive.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.docx_helpers import grid, headings, open_report, table_after_caption

N = "\u00a0"
M = "\u2212"  # the printed minus sign
NAMND = "exempelby-kfn"
OUT = Path("outputs") / "aug-2024" / f"delarsrapport-{NAMND}-aug-2024.docx"
ROWS = ["Nämnd och förvaltning", "Bibliotek", "Kulturskola", "Allmän kulturverksamhet",
        "Fritidsgårdar", "Idrottsanläggningar", "Föreningsbidrag", "Åtgärdsplan"]


@pytest.fixture(scope="module")
def generated(example_run: tuple[Path, str]) -> tuple[Path, str]:
    """Both examples, generated once for the session (read-only here)."""
    return example_run


@pytest.fixture(scope="module")
def report(generated):
    return open_report(generated[0] / OUT)


def test_both_reports_are_written_and_listed(generated) -> None:
    work, output = generated
    for namnd in (NAMND, "linkoping-son"):
        path = work / "outputs" / "aug-2024" / f"delarsrapport-{namnd}-aug-2024.docx"
        assert path.is_file()
        assert f"Skrev {path}" in output
    assert "Klart: 2 rapporter, 0 varningar" in output


def test_one_nämnd_by_option(tmp_path: Path, run_cli_at) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "inputs")
    result = run_cli_at(tmp_path, "--period", "aug-2024", "--namnd", NAMND)
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "outputs" / "aug-2024").iterdir()] == [OUT.name]


def test_cover_has_the_title_from_the_settings(report) -> None:
    cover = [p.text for p in report.paragraphs[:6] if p.text.strip()]
    assert cover[:3] == ["Delårsrapport 2 2024, per den 31 augusti",
                         "Kultur- och fritidsnämnden", "Exempelby kommun"]
    assert report.core_properties.title == "Delårsrapport 2 2024, per den 31 augusti"


def test_drift_table_prints_costs_negative_in_tkr_without_decimals(report) -> None:
    rows = grid(table_after_caption(
        report, "Driftsammandrag för resultat 31 augusti 2024, belopp tkr"))
    assert rows[0] == ["", "Redovisat jan-aug 2024", "Budget jan-aug 2024", "Avvikelse",
                       "Redovisat samma period föregående år"]
    assert [r[0] for r in rows[1:]] == [*ROWS, "Summa nettokostnader"]  # names, no codes
    # costs are printed negative; a deviation keeps its meaning (negative = worse)
    assert rows[2] == ["Bibliotek", f"{M}14{N}230", f"{M}14{N}155", f"{M}75", f"{M}13{N}620"]
    assert rows[4] == ["Allmän kulturverksamhet", f"{M}4{N}105", f"{M}4{N}105", "0", f"{M}3{N}990"]
    assert rows[-1] == ["Summa nettokostnader", f"{M}54{N}227", f"{M}53{N}377", f"{M}850",
                        f"{M}51{N}681"]
    assert not any("," in cell for row in rows[1:] for cell in row)
    assert not any("inkl" in r[0] for r in rows)


def test_delrad_is_indented_and_summed(report) -> None:
    table = table_after_caption(
        report, "Driftsammandrag för resultat 31 augusti 2024, belopp tkr")
    labels = [row.cells[0] for row in table.rows]
    delrad = next(c for c in labels if c.text == "Åtgärdsplan")
    assert delrad.paragraphs[0].style.name == "Tabelltext indrag"
    assert grid(table)[-2] == ["Åtgärdsplan", "50", "50", "0", "0"]


def test_forecast_has_the_kommentar_column_and_the_revenue_sign(report) -> None:
    rows = grid(table_after_caption(
        report, "Driftsammandrag för prognos för helår 2024, belopp tkr"))
    assert rows[0] == ["", "Prognos helår", "Budget 2024", "Avvikelse", "Bokslut 2023",
                       "Kommentar"]
    assert rows[5] == ["Fritidsgårdar", f"{M}13{N}180", f"{M}12{N}480", f"{M}700", f"{M}12{N}290",
                       "Sommaröppet för första gången"]
    labels = [r[0] for r in rows]
    assert labels[-3:] == ["Summa nettokostnader", "varav kostnader", "varav intäkter"]
    assert rows[-3] == ["Summa nettokostnader", f"{M}81{N}398", f"{M}80{N}063", f"{M}1{N}335",
                        f"{M}78{N}470", ""]
    assert rows[-2] == ["varav kostnader", f"{M}97{N}560", f"{M}95{N}900", f"{M}1{N}660",
                        f"{M}94{N}320", ""]
    assert rows[-1] == ["varav intäkter", f"16{N}162", f"15{N}837", "325", f"15{N}850", ""]


def test_every_table_fits_the_text_width(report) -> None:
    from docx.oxml.ns import qn

    for table in report.tables:
        widths = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert sum(widths) <= round(16.4 * 567) + 2, widths


def test_overview_in_tkr_and_investments_in_mnkr(report) -> None:
    overview = grid(table_after_caption(report, "Ekonomi, belopp tkr"))
    assert overview[0][4] == "Avvikelse prognos helår, delårsrapport april 2024"
    assert overview[1] == ["Verksamhetens nettokostnader", f"{M}81{N}398", f"{M}80{N}063",
                           f"{M}1{N}335", f"{M}1{N}000"]
    assert overview[2] == ["Investeringar, netto", f"{M}3{N}800", f"{M}4{N}100", "300", "0"]
    inv = grid(table_after_caption(
        report, "Resultat 31 aug 2024 och prognos för helår 2024, belopp mnkr"))
    assert inv[-1] == ["Summa investeringar", "2,1", "0,0", "4,8", "1,0", "3,8", "4,1", "0,3"]


def test_three_goal_levels_numbered_marked_and_with_checklists(report) -> None:
    heads = headings(report)
    assert [t for lvl, t in heads if lvl == 3 and t.startswith("Strategiskt område ")] == [
        "Strategiskt område Livskvalitet", "Strategiskt område Delaktighet",
        "Strategiskt område Hållbar ekonomi"]
    assert (4, "Strategiskt mål 1: Ett rikt kulturliv") in heads
    assert (4, "Strategiskt mål 2: En aktiv fritid (GEH-mål)") in heads
    assert (5, "Verksamhetsmål 1.1: Ett rikt kulturliv för alla åldrar") in heads
    # a strategiskt mål without verksamhetsmål is still shown, with its text
    assert (4, "Strategiskt mål 5: Hållbar energianvändning (GEH-mål)") in heads
    texts = [p.text for p in report.paragraphs]
    assert "Målet följs upp i årsredovisningen; det har inga verksamhetsmål i år." in texts
    checks = [p for p in report.paragraphs if p.style.name == "Checklista"]
    assert [p.text for p in checks] == ["biblioteken har längre öppettider",
                                        "kulturskolans kö kortas med gruppundervisning"]
    assert "Verksamhetsmålet bedöms: \u2714 Uppnått" in texts


def test_the_summary_follows_the_committees_scale(report) -> None:
    summary = grid(table_after_caption(report,
                                       "Måluppfyllelse i sammandrag, antal verksamhetsmål"))
    assert summary[0] == ["Strategiskt område", "\u2714 Uppnått", "\u25d0 Delvis uppnått",
                          "\u2718 Ej uppnått", "\u2013 Ej bedömt", "Totalt"]
    assert [r[0] for r in summary[1:]] == ["Livskvalitet", "Delaktighet", "Hållbar ekonomi",
                                           "Totalt"]
    assert summary[-1][1:] == ["1", "1", "1", "1", "4"]


def test_uppdrag_keep_their_numbers_and_group_names(report) -> None:
    table = grid(table_after_caption(report, "Strategiska utvecklingsuppdrag: Nämndspecifika"))
    assert table[0] == ["Nämndspecifika", "Status"]
    assert table[1][0].startswith("38. Utred en kulturskola i Söderby.")


def test_optional_sections_are_left_out_with_their_headings(report) -> None:
    titles = [text for _, text in headings(report)]
    for absent in ("Utvecklingsarbete", "Barn och unga", "Vuxna inkl LSS",
                   "10-årig lokalförsörjningsplan", "Verksamhet som utförs av privat utförare",
                   "Bilagor"):
        assert absent not in titles
    assert "Internkontroll" in titles and "Kommentar" in titles
    texts = [p.text for p in report.paragraphs]
    assert any(t.startswith("Året har präglats av fler besökare") for t in texts)


def test_six_column_volume_table_with_sections_and_sub_rows(report) -> None:
    table = table_after_caption_or_heading(report, "Volymutveckling")
    rows = grid(table)
    assert rows[0] == ["Volymmått", "Utfall 2021", "Utfall 2022", "Utfall 2023",
                       "Utfall jan–aug 2024", "Bedömning 2024", "Bedömning 2025"]
    assert rows[1] == ["Bibliotek"] * 7  # a section row across the table
    assert rows[3] == ["Aktiva låntagare", f"12{N}310", f"12{N}640", f"12{N}980",
                       f"13{N}105", "Ökar", "Oförändrat"]
    assert table.rows[4].cells[0].paragraphs[0].style.name == "Tabelltext indrag"
    # figures right-aligned, words left
    assert table.rows[3].cells[1].paragraphs[0].style.name == "Tabelltal"
    assert table.rows[3].cells[5].paragraphs[0].style.name == "Tabelltext"


def test_indicator_tables_show_their_own_columns(report) -> None:
    tables = [grid(t) for t in report.tables if t.rows[0].cells[0].text == "Verksamhetsmål"]
    assert len(tables) == 4
    assert tables[0][0] == ["Verksamhetsmål", "Nämndindikator", "Utfall 2023", "Mål 2024",
                            "Utfall aug 2024", "Önskad riktning"]
    assert tables[1][0] == ["Verksamhetsmål", "Nämndindikator", "Utfall 2022", "Utfall 2023",
                            "Mål 2024", "Önskad riktning"]
    assert tables[3][0] == ["Verksamhetsmål", "Nämndindikator", "Utfall 2022", "Utfall 2023",
                            "Mål 2024", "Utfall aug 2024"]  # no direction given: no column
    texts = [p.text for p in report.paragraphs]
    assert "Kommunmål: Ett rikt kulturliv" in texts


def test_own_tables_sit_where_the_texts_place_them(report) -> None:
    ram = grid(table_after_caption(report, "Ramens uppbyggnad 2024, belopp tkr"))
    assert ram[0] == ["Förändring", "2024"]
    assert ram[2] == ["Tillskott:", "Tillskott:"]  # a heading row across the table
    assert ram[-1] == ["Ram 2024", f"80{N}063"]    # the sum, computed
    actions = grid(table_after_caption(report, "Beslutade åtgärder och deras effekt, "
                                               "belopp tkr"))
    assert actions[0] == ["Beslutad", "Diarienummer", "Åtgärd", "Effekt 2024", "Effekt 2025"]
    assert actions[1][:2] == ["2024-03-12", "KFN 2024/15"]
    assert actions[-1] == ["", "", "Summa åtgärder", "470", "540"]
    texts = [p.text for p in report.paragraphs]
    assert ("Källa: Kommunfullmäktiges budgetbeslut och nämndens internbudget" in texts)
    assert not any("[tabell" in t for t in texts)


def test_placeholders_use_the_committees_decimals(report) -> None:
    texts = "\n".join(p.text for p in report.paragraphs)
    assert f"Resultatet per 31 augusti 2024 är {M}850 tusen kronor mot budget." in texts
    assert f"Bibliotekets avvikelse, {M}75 tusen kronor" in texts
    assert f"en ram på 4{N}100 tusen kronor" in texts


def table_after_caption_or_heading(doc, text: str):
    """The first table after the paragraph with this text (a heading, here)."""
    from docx.oxml.ns import qn
    from docx.table import Table

    for p in doc.element.body.iter(qn("w:p")):
        if "".join(t.text or "" for t in p.iter(qn("w:t"))) == text:
            node = p.getnext()
            while node is not None and node.tag != qn("w:tbl"):
                node = node.getnext()
            assert node is not None
            return Table(node, doc._body)
    raise AssertionError(text)
