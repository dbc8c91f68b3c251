"""Charts in the written report: seven images with alt text, captions and sources, in place."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from docx.oxml.ns import qn
from PIL import Image

from tests.docx_helpers import open_report

OUT = Path("outputs") / "aug-2024" / "delarsrapport-linkoping-son-aug-2024.docx"
FOLDER = Path("inputs") / "linkoping-son" / "aug-2024"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"

# (title, the start of the paragraph the chart follows, a phrase its alt text must hold)
EXPECTED = [
    ("Avvikelse mot budget per verksamhet", "I KS 2024-04-06 §106",
     "Störst underskott: Barn och ungdomsvård \u221233,3 mnkr"),
    ("Prognos och budget per verksamhet, helår", "Källa: Driftsammandrag för resultat",
     "Prognosen är högre än budget för 7 av 13 verksamheter"),
    ("Rullande årskostnad för dygnsplaceringar, barn och unga",
     "Den rullande årskostnaden för dygnsplaceringar",
     "från 146,5 mnkr i augusti 2023 till 200,0 mnkr i augusti 2024"),
    ("Antal aktualiseringar 0–20 år per månad", "Diagrammet nedan visar",
     "2024 ligger över 2023 varje månad januari–augusti. Totalt januari–augusti: "
     "4\u00a0413 år 2024 mot 3\u00a0926 år 2023"),
    ("Vårddygn i familjehem, barn och unga", "Det ökade antalet ärenden",
     "konsulentstödda familjehem 25,8\u00a0%"),
    ("Vårddygn i HVB, barn och unga", "Antal vårddyg i HVB har ökat med 16 %",
     "(+16\u00a0%)"),
    ("Vårddygn i dygnsvård, vuxna", "Inom avdelning vuxna",
     "2024 ligger över 2023 i 7 av 8 månader januari–augusti"),
]


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


@pytest.fixture(scope="module")
def written(example_run: tuple[Path, str]):
    """The example generated once for the session (read-only here)."""
    work, output = example_run
    assert "0 varningar" in output
    return open_report(work / OUT)


def _drawings(doc) -> list:
    return [p for p in doc.element.body.iter(qn("w:p")) if p.find(f".//{WP}docPr") is not None]


def test_seven_images_with_alt_text_in_place(written) -> None:
    paragraphs = _drawings(written)
    assert len(paragraphs) == len(EXPECTED)
    ids = set()
    for p, (title, before, phrase) in zip(paragraphs, EXPECTED, strict=True):
        doc_pr = p.find(f".//{WP}docPr")
        ids.add(doc_pr.get("id"))
        assert doc_pr.get("title") == title
        descr = doc_pr.get("descr")
        assert descr.startswith(title + ". ")
        assert phrase in descr, descr
        previous = p.getprevious()
        assert _text(previous).startswith(before), _text(previous)[:80]
    assert len(ids) == len(EXPECTED)  # unique docPr ids: Word refuses duplicates


def test_captions_are_numbered_and_sources_follow(written) -> None:
    captions = []
    for p in _drawings(written):
        caption = p.getnext()
        style = caption.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        assert style is not None and style.get(qn("w:val")) == "Caption"
        assert caption.find(f".//{qn('w:instrText')}").text.strip() == "SEQ Diagram \\* ARABIC"
        captions.append(_text(caption))
        assert _text(caption.getnext()).startswith("Källa: ")
    assert [re.match(r"Diagram (\d+)\. ", c).group(1) for c in captions] == \
        [str(n) for n in range(1, 8)]
    assert captions[3] == ("Diagram 4. Aktualiseringar, det vill säga orosanmälningar och "
                           "ansökningar, för barn och unga 0–20 år per månad.")


def test_images_are_16_cm_wide_and_sharp_in_print(written) -> None:
    for p in _drawings(written):
        extent = p.find(f".//{WP}extent")
        assert int(extent.get("cx")) == 16 * 360_000
        rid = p.find(f".//{A}blip").get(R_EMBED)
        blob = written.part.related_parts[rid].blob
        image = Image.open(io.BytesIO(blob))
        dpi = image.width / (16 / 2.54)
        assert dpi >= 200
        assert abs(int(extent.get("cy")) / int(extent.get("cx"))
                   - image.height / image.width) < 0.01


def _copy(tmp_path: Path) -> Path:
    from tests.conftest import EXAMPLE

    shutil.copytree(EXAMPLE, tmp_path / "inputs")
    return tmp_path / FOLDER


def test_blank_series_warns_and_the_report_is_written(tmp_path: Path, run_cli_at) -> None:
    folder = _copy(tmp_path)
    book = openpyxl.load_workbook(folder / "diagram.xlsx")
    ws = book["Serier"]
    for r in ws.iter_rows(min_row=2):
        if r[0].value == "Vårddygn HVB barn och unga":
            for cell in r[2:]:
                cell.value = None
    book.save(folder / "diagram.xlsx")
    result = run_cli_at(tmp_path, "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    assert ('serien "Vårddygn HVB barn och unga" har inga värden till och med augusti 2024'
            in result.output)
    assert (tmp_path / OUT).is_file()
    assert len(_drawings(open_report(tmp_path / OUT))) == 7


def test_unknown_chart_in_a_text_is_an_error_naming_the_cell(tmp_path: Path,
                                                             run_cli_at) -> None:
    folder = _copy(tmp_path)
    book = openpyxl.load_workbook(folder / "texter.xlsx")
    for r in book["Texter"].iter_rows(min_row=2):
        if r[0].value == "handelser":
            r[2].value = "Text.\n\n[diagram C99]"
            cell = r[2].coordinate
    book.save(folder / "texter.xlsx")
    result = run_cli_at(tmp_path, "--period", "aug-2024")
    assert result.exit_code == 2
    assert f"texter.xlsx › Texter › {cell}: okänt diagram [diagram C99]" in result.output
    assert not (tmp_path / OUT).exists()


def test_unknown_type_and_series_are_errors(tmp_path: Path, run_cli_at) -> None:
    folder = _copy(tmp_path)
    book = openpyxl.load_workbook(folder / "diagram.xlsx")
    ws = book["Diagram"]
    ws["B2"] = "cirkeldiagram"
    ws["D3"] = "Arvoderade familjehem, Finns inte"
    book.save(folder / "diagram.xlsx")
    result = run_cli_at(tmp_path, "--period", "aug-2024")
    assert result.exit_code == 2
    assert 'diagram.xlsx › Diagram › B2: förväntade ett av värdena "linje per år"' in \
        result.output
    assert result.output.count("hittade \"cirkeldiagram\"") == 1
    # The type error stops the run at reading; fix it and the unknown series is named.
    ws["B2"] = "linje per år"
    book.save(folder / "diagram.xlsx")
    result = run_cli_at(tmp_path, "--period", "aug-2024")
    assert result.exit_code == 2
    assert 'diagram.xlsx › Diagram › D3: okänd serie "Finns inte"' in result.output


def test_moving_a_chart_by_its_section(tmp_path: Path, run_cli_at) -> None:
    """Remove the [diagram C3] line: the chart goes after its Avsnitt's text instead."""
    folder = _copy(tmp_path)
    book = openpyxl.load_workbook(folder / "texter.xlsx")
    for r in book["Texter"].iter_rows(min_row=2):
        if r[0].value == "analys_ekonomi":
            r[2].value = r[2].value.replace("[diagram C3]", "")
    book.save(folder / "texter.xlsx")
    result = run_cli_at(tmp_path, "--period", "aug-2024")
    assert result.exit_code == 0, result.output
    titles = [p.find(f".//{WP}docPr").get("title")
              for p in _drawings(open_report(tmp_path / OUT))]
    assert titles[-1] == "Vårddygn i HVB, barn och unga"
