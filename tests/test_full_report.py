"""The whole report from the bundled example: sections, texts, goals, tables, footnotes."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from docx.oxml.ns import qn

from tests.docx_helpers import grid, headings, open_report, table_after_caption

OUT = Path("outputs") / "aug-2024" / "delarsrapport-linkoping-son-aug-2024.docx"
FOLDER = Path("inputs") / "linkoping-son" / "aug-2024"

EXPECTED_HEADINGS = [
    (1, "Nämndens uppdrag"),
    (1, "Året i korthet utifrån nämndens uppdrag och inriktning"),
    (2, "Utvecklingsarbete"), (2, "Barn och unga"), (2, "Vuxna inkl LSS"),
    (1, "Händelser av väsentlig betydelse"), (1, "Förväntad utveckling"),
    (1, "Ekonomi"), (2, "Resultat och helårsprognos"), (3, "Analys och kommentar"),
    (2, "Investeringar"), (3, "Analys och kommentar"),
    (1, "Uppföljning av mål och inriktning"), (2, "Målredovisning med prognos"),
    (3, "Målområde Samhälle"),
    (4, "Nämndmål En socialtjänst som tidigt upptäcker och förebygger våld"),
    (4, "Nämndmål Ett Linköping med minskad segregation"),
    (3, "Målområde Medborgare"),
    (4, "Nämndmål Ett Linköping med nära socialtjänst"),
    (4, "Nämndmål Vård, stöd och omsorgstjänster med hög kvalitet"),
    (3, "Målområde Ekonomi"), (4, "Nämndmål Hållbar ekonomi"),
    (3, "Målområde Verksamhet"),
    (4, "Nämndmål En organisation med hög produktivitet och effektivitet"),
    (4, "Nämndmål En organisation som upptäcker och förhindrar välfärdsbrott"),
    (3, "Målområde Medarbetare"), (4, "Nämndmål Goda arbetsplatser"),
    (4, "Nämndmål Hållbart chef- och ledarskap"),
    (4, "Nämndmål Nya vägar för kompetensförsörjning"),
    (2, "Strategiska utvecklingsuppdrag"),
    (1, "Uppföljning av nämndens verksamhet"), (2, "Planer och program"),
    (3, "10-årig lokalförsörjningsplan"), (3, "Internkontroll"),
    (3, "Verksamhet som utförs av privat utförare"),
    (4, "Privata utförare - Barn och Unga"), (4, "Privata utförare - Vuxna"),
    (2, "Volymtal, personalstatistik och nämndindikatorer"),
    (3, "Volymutveckling"), (3, "Kommentar"), (3, "Personal"), (3, "Nämndindikatorer"),
    (4, "Målområde: Samhälle"), (4, "Målområde: Medborgare"), (4, "Målområde: Ekonomi"),
    (4, "Målområde: Verksamhet"), (4, "Målområde: Medarbetare"),
    (1, "Bilagor"),
]

ASSESSMENTS = ["Uppfyllt", "Delvis uppfyllt", "Uppfyllt", "Delvis uppfyllt", "Delvis uppfyllt",
               "Ej uppfyllt", "Delvis uppfyllt", "Delvis uppfyllt", "Delvis uppfyllt",
               "Delvis uppfyllt"]


@pytest.fixture(scope="module")
def report(example_run: tuple[Path, str]):
    """The example generated once for the session (read-only here)."""
    work, output = example_run
    assert "0 varningar" in output
    return open_report(work / OUT)


def paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_headings_in_order_without_gaps(report) -> None:
    heads = headings(report)
    assert heads == EXPECTED_HEADINGS
    levels = [level for level, _ in heads]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_goal_names_are_italic_and_every_goal_has_its_assessment(report) -> None:
    texts = paragraphs(report)
    judged = [t for t in texts if t.startswith("Nämndmålet bedöms:")]
    assert len(judged) == 10
    assert [t.split(" ", 3)[3] for t in judged] == ASSESSMENTS
    assert "Nämndmålet bedöms: \u25cf Uppfyllt" in texts          # symbol, not colour only
    assert "Nämndmålet bedöms: \u25d0 Delvis uppfyllt" in texts
    heading = next(p for p in report.paragraphs if p.text == "Nämndmål Hållbar ekonomi")
    italic = [r.text for r in heading.runs if r.italic]
    assert italic == ["Hållbar ekonomi"]


def test_goal_summary_counts_per_area(report) -> None:
    rows = grid(table_after_caption(report, "Måluppfyllelse i sammandrag, antal nämndmål"))
    assert rows[0] == ["Målområde", "\u25cf Uppfyllt", "\u25d0 Delvis uppfyllt",
                       "\u25cb Ej uppfyllt", "\u2013 Ej bedömt", "Totalt"]
    assert rows[1:] == [
        ["Samhälle", "1", "1", "0", "0", "2"], ["Medborgare", "1", "1", "0", "0", "2"],
        ["Ekonomi", "0", "1", "0", "0", "1"], ["Verksamhet", "0", "1", "1", "0", "2"],
        ["Medarbetare", "0", "3", "0", "0", "3"], ["Totalt", "2", "7", "1", "0", "10"],
    ]


def test_bullets_use_a_list_style_and_bold_lead_ins(report) -> None:
    bullets = [p for p in report.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) > 60
    lead = next(p for p in bullets if p.text.startswith("Barn och ungdomsvård (inkluderar"))
    assert lead.runs[0].bold and lead.runs[0].text == "Barn och ungdomsvård"
    assert not lead.runs[1].bold


def test_placeholders_show_computed_figures(report) -> None:
    texts = "\n".join(paragraphs(report))
    # the reference's prose said -2,7 for row 520; the table and now the prose say -2,9
    assert "mindre underskott på \u22122,9 miljoner kronor" in texts
    assert "\u22122,7 miljoner" not in texts
    assert "visar ett underskott på \u221253,2 miljoner kronor" in texts
    # the forecast is what it was in March (table Ekonomi i korthet): the prose says so
    assert ("Helårsprognosen är därför densamma som i delårsrapporten per mars, ett underskott "
            "på \u221275,0 miljoner kronor.") in texts
    assert "från 1\u00a0800,9 miljoner kronor till 1\u00a0805,9 miljoner kronor" in texts
    assert "{" not in texts


def test_footnotes_are_real_and_numbered_in_document_order(report) -> None:
    refs = [int(r.get(qn("w:id"))) for r in report.element.body.iter(qn("w:footnoteReference"))]
    assert refs == list(range(1, 22))  # the reference's footnotes 1–21
    part = next(rel.target_part for rel in report.part.rels.values()
                if rel.reltype.endswith("/footnotes"))
    xml = part.blob.decode()
    assert "LVM Lagen om vård av missbrukare i vissa fall" in xml
    assert "Kolada ID N35001" in xml
    assert xml.index("LVM Lagen") < xml.index("Qliksense aktualiseringar") < xml.index(
        "Förvaltningsdirektören fattade beslut")


def test_all_29_assignments_with_status(report) -> None:
    tables = [grid(t) for t in report.tables if t.rows[0].cells[-1].text == "Status"]
    kommun, namnd = tables
    assert kommun[0] == ["Kommungemensamma", "Status"] and len(kommun) == 14
    assert namnd[0] == ["Nämndspecifika", "Status"] and len(namnd) == 17
    rows = kommun[1:] + namnd[1:]
    assert [r[0].split(".")[0] for r in rows] == [str(i) for i in range(1, 14)] + [
        str(i) for i in range(1, 17)]
    assert {r[1] for r in rows} == {"Pågår", "Klar", "Ej klar", "N/A"}  # Klart → Klar
    assert kommun[13][0].endswith(
        "\nKvarstår för BMN, KOF, SBN och ÅN övriga nämnder genomförde uppdraget 2023.")


def test_volumes_personnel_and_indicators_verbatim(report) -> None:
    volymer = next(grid(t) for t in report.tables
                   if t.rows[0].cells[0].text == "Basuppdrag (volymmått)")
    assert volymer[0] == ["Basuppdrag (volymmått)", "Augusti 2023", "Augusti 2024",
                          "Prognos 2024"]
    assert len(volymer) == 11
    assert volymer[1] == ["Antal aktualiseringar 0-20 år ackumulerat", "3926 (45 % flickor)",
                          "4413 (45% flickor)", "7300"]
    assert volymer[10][3] == ""
    personal = next(grid(t) for t in report.tables if t.rows[0].cells[0].text == "Personal")
    assert personal == [["Personal", "Augusti 2023", "Augusti 2024", "Målvärde 2024"],
                        ["Antal tillsvidareanställda", "1508", "1473", "Minska"],
                        ["Total sjukfrånvaro", "6,7", "7,2", "Minska"],
                        ["Personalavgångar externt", "1,6", "1,9", "Minska"]]
    indicator_tables = [grid(t) for t in report.tables if t.rows[0].cells[0].text == "Nämndmål"]
    assert len(indicator_tables) == 6
    assert sum(len(t) - 1 for t in indicator_tables) == 28
    medborgare = indicator_tables[2]
    assert medborgare[0][4] == "2024 tom augusti"
    # a nämndmål is one cell merged down beside its indicators (python-docx repeats it)
    assert medborgare[1][0] == medborgare[2][0] == "Ett Linköping med en nära socialtjänst"
    assert medborgare[3][0].startswith("Vård, stöd")
    medarbetare = indicator_tables[5]
    assert [r[1] for r in medarbetare[1:4]] == ["* Total sjukfrånvaro, %", "Män", "Kvinnor"]
    assert medarbetare[1][2:] == ["9,0", "7,30", "7,7", "minska"]
    tables = [t for t in report.tables if t.rows[0].cells[0].text == "Nämndmål"]
    merges = [[_v_merge(row) for row in t._tbl.tr_lst[1:]] for t in tables]
    assert merges[2] == ["restart", "continue", None]
    # Goda arbetsplatser (two indicators with Män and Kvinnor), Hållbart chef- och
    # ledarskap (two), Nya vägar för kompetensförsörjning (three with Män and Kvinnor)
    assert merges[5] == ["restart", *["continue"] * 5, "restart", "continue",
                         "restart", *["continue"] * 8]
    assert all(_cell_text(row) == "" for t in tables for row in t._tbl.tr_lst[1:]
               if _v_merge(row) == "continue")
    # one alignment for all year columns: text ("Augusti 2023: 53 %") puts "44 %" left too
    assert _value_styles(tables[1]) == {"Tabelltext"}
    assert _value_styles(tables[5]) == {"Tabelltal"}


def _v_merge(tr) -> str | None:
    merge = tr.find(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:vMerge')}")
    return None if merge is None else merge.get(qn("w:val"), "continue")


def _cell_text(tr) -> str:
    return "".join(t.text or "" for t in tr.find(qn("w:tc")).iter(qn("w:t")))


def _value_styles(table) -> set[str]:
    """The paragraph styles of the year columns' body cells."""
    return {cell.paragraphs[0].style.name for row in table.rows[1:]
            for cell in row.cells[2:-1]}
    texts = paragraphs(report)
    assert "Kommunövergripande mål: Ett tryggt och säkert Linköping" in texts


def _copy_example(tmp_path: Path) -> Path:
    from tests.conftest import EXAMPLE

    shutil.copytree(EXAMPLE, tmp_path / "inputs")
    return tmp_path / "inputs" / "linkoping-son" / "aug-2024"


def _set_text(folder: Path, key: str, text: str) -> str:
    path = folder / "texter.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Texter"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == key:
            row[2].value = text
            book.save(path)
            return row[2].coordinate
    raise AssertionError(key)


def test_unknown_placeholder_is_an_error_naming_the_cell(tmp_path: Path, run_cli_at) -> None:
    folder = _copy_example(tmp_path)
    cell = _set_text(folder, "handelser", "Underskottet är {resultat.avvikelsen} mnkr.")
    result = run_cli_at(tmp_path, "--period", "aug-2024")
    assert result.exit_code == 2
    assert f"texter.xlsx › Texter › {cell}: okänt talnamn {{resultat.avvikelsen}}" in \
        result.output
    assert not (tmp_path / OUT).exists()


def test_free_text_arrives_verbatim(tmp_path: Path, run_cli_at) -> None:
    folder = _copy_example(tmp_path)
    text = 'Kultur & fritid <b>inte fet</b> "citat" \'enkla\' 🙂\nny rad\n\n- punkt & <x>'
    _set_text(folder, "handelser", text)
    result = run_cli_at(tmp_path, "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    doc = open_report(tmp_path / OUT)
    texts = paragraphs(doc)
    assert 'Kultur & fritid <b>inte fet</b> "citat" \'enkla\' 🙂\nny rad' in texts
    assert "punkt & <x>" in texts


def test_text_the_template_does_not_show_is_a_warning(tmp_path: Path, run_cli_at) -> None:
    folder = _copy_example(tmp_path)
    book = openpyxl.load_workbook(folder / "texter.xlsx")
    book["Texter"].append(["extra_avsnitt", "Inget ställe", "Text som inte syns."])
    book.save(folder / "texter.xlsx")
    result = run_cli_at(tmp_path, "--period", "aug-2024")
    assert result.exit_code == 0
    assert 'texten "extra_avsnitt" visas inte i rapporten' in result.output


def test_malformed_placeholders_and_close_names(tmp_path: Path, run_cli_at) -> None:
    folder = _copy_example(tmp_path)
    cell = _set_text(folder, "handelser",
                     "A {prognos.avvikelse:-} B {prognos.avvikelse miljoner. "
                     "C {utfall.596.avvikelse}")
    result = run_cli_at(tmp_path, "--period", "aug-2024")
    assert result.exit_code == 2
    out = result.output
    assert f'texter.xlsx › Texter › {cell}: "{{prognos.avvikelse:-}}" ser ut som ett talnamn' in out
    assert '"{prognos.avvikelse" ser ut som ett talnamn' in out
    assert "okänt talnamn {utfall.596.avvikelse}" in out
    assert "Menade du {utfall.569.avvikelse}" in out
    assert "`" not in out


def test_a_figure_without_its_sign(tmp_path: Path, run_cli_at) -> None:
    """{namn:abs} for "ett underskott på 53,2", where the sign is in the words."""
    folder = _copy_example(tmp_path)
    _set_text(folder, "handelser",
              "Resultatet visar ett underskott på {resultat.avvikelse:abs} miljoner kronor "
              "och helåret {prognos.avvikelse:abs0} miljoner ({prognos.avvikelse:+}).")
    result = run_cli_at(tmp_path, "--period", "aug-2024", "--namnd", "linkoping-son")
    assert result.exit_code == 0, result.output
    report = tmp_path / "outputs" / "aug-2024" / "delarsrapport-linkoping-son-aug-2024.docx"
    texts = [p.text for p in open_report(report).paragraphs]
    assert ("Resultatet visar ett underskott på 53,2 miljoner kronor och helåret 75 "
            "miljoner (\u221275,0).") in texts
