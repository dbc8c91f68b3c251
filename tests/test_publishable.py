"""Publishable as it comes out: cover, footer with page numbers, dates, no stray parts.

Read from the bundled examples' .docx files (one generation shared by the session).
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx.oxml.ns import qn

from tests.docx_helpers import open_report

OUT = Path("outputs") / "aug-2024"
LINKOPING = OUT / "delarsrapport-linkoping-son-aug-2024.docx"
EXEMPELBY = OUT / "delarsrapport-exempelby-kfn-aug-2024.docx"


def test_every_page_but_the_cover_has_a_footer_with_page_numbers(example_run) -> None:
    work, _ = example_run
    doc = open_report(work / LINKOPING)
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_footer.paragraphs).strip()
    footer = section.footer._element
    fields = [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    text = "".join(t.text or "" for t in footer.iter(qn("w:t")))
    assert text.startswith("Social- och omsorgsnämnden · Delårsrapport 31 augusti 2024")
    assert "Sida" in text and "av" in text


def test_the_cover_names_kommun_nämnd_period_and_decision(example_run) -> None:
    work, _ = example_run
    doc = open_report(work / EXEMPELBY)
    cover = [p for p in doc.paragraphs[:9] if p.text.strip()]
    assert [p.style.name for p in cover[:3]] == ["Title", "Subtitle", "Omslag kommun"]
    texts = [p.text for p in cover]
    assert texts[:3] == ["Delårsrapport 2 2024, per den 31 augusti",
                         "Kultur- och fritidsnämnden", "Exempelby kommun"]
    assert "Perioden 1 januari–31 augusti 2024" in texts
    assert "Behandlad av kultur- och fritidsnämnden 2024-09-19" in texts
    assert "Diarienummer KFN 2024/88" in texts
    # the logo comes first, as an image with alt text
    first = doc.paragraphs[0]._p
    doc_pr = next(first.iter(qn("wp:docPr")))
    assert doc_pr.get("descr") == "Logotyp: Exempelby kommun"


def test_without_a_logo_or_decision_the_cover_has_no_gaps(example_run) -> None:
    work, _ = example_run
    doc = open_report(work / LINKOPING)
    assert doc.paragraphs[0].style.name == "Title"
    texts = [p.text for p in doc.paragraphs[:6]]
    assert not any(t.startswith(("Behandlad av", "Diarienummer")) for t in texts)
    assert not any(p.text == "" and p.style.name == "Normal" for p in doc.paragraphs[:4])


def test_dates_are_the_inputs_and_there_is_no_blank_thumbnail(example_run) -> None:
    work, _ = example_run
    folder = work / "inputs" / "linkoping-son" / "aug-2024"
    newest = max(p.stat().st_mtime for p in folder.iterdir() if p.is_file())
    expected = datetime.fromtimestamp(int(newest), tz=UTC)
    props = open_report(work / LINKOPING).core_properties
    assert props.created.replace(tzinfo=UTC) == props.modified == expected
    assert props.created.year >= 2024  # not the base template's 2013
    with zipfile.ZipFile(work / LINKOPING) as z:
        assert not any("thumbnail" in name for name in z.namelist())


def test_text_after_a_table_does_not_touch_it(example_run) -> None:
    work, _ = example_run
    doc = open_report(work / LINKOPING)
    body = doc.element.body
    table = next(t for t in body.iterchildren(qn("w:tbl"))
                 if "Verksamhetens nettokostnader" in "".join(
                     x.text or "" for x in t.iter(qn("w:t"))))
    after = table.getnext()
    spacing = after.find(qn("w:pPr")).find(qn("w:spacing"))
    assert spacing is not None and int(spacing.get(qn("w:before"))) >= 120


def test_figures_keep_their_minus_sign_together(example_run) -> None:
    work, _ = example_run
    doc = open_report(work / EXEMPELBY)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    negative = [c for c in cells if c[:1] in "-\u2212"]
    assert negative and all(c.startswith("\u2212") for c in negative if c[1:2].isdigit())


def test_an_indicator_goal_and_its_description_are_apart(example_run) -> None:
    work, _ = example_run
    doc = open_report(work / LINKOPING)
    cell = next(c for t in doc.tables for r in t.rows for c in r.cells
                if c.text.startswith("Goda arbetsplatser"))
    runs = cell.paragraphs[0].runs
    assert runs[0].text == "Goda arbetsplatser" and runs[0].bold
    assert cell.text.startswith("Goda arbetsplatser\nVarje medarbetare")
    assert not runs[-1].bold
