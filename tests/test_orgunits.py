"""Forecasts from the enheter: send out, fill as a manager would, collect, generate."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from generator.cli import cli
from tests import reference_tables as ref
from tests.conftest import EXAMPLE, TEMPLATE
from tests.docx_helpers import grid, open_report, table_after_caption
from tests.orgunit_helpers import (
    NAMND,
    PERIOD,
    UNIT_IDS,
    answer,
    answers_folder,
    drift_forecasts,
    fill,
    fill_all,
    period_folder,
    sent_file,
    sent_folder,
)

REPORT = Path("outputs") / PERIOD / f"delarsrapport-{NAMND}-{PERIOD}.docx"


class _Run:
    """A CLI run; `output` with no-break spaces (1\u00a0234) as plain ones."""

    def __init__(self, result: Result) -> None:
        self.exit_code = result.exit_code
        self.output = result.output.replace("\u00a0", " ")


def _cli(base: Path, *args: str) -> _Run:
    return _Run(CliRunner().invoke(cli, [
        "--indata", str(base / "inputs"), "--utdata", str(base / "outputs"),
        "--mall", str(TEMPLATE), *args], catch_exceptions=False))


@pytest.fixture(scope="module")
def sent_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with every enhet's workbook sent out once (copied by each test)."""
    base = tmp_path_factory.mktemp("sent")
    shutil.copytree(EXAMPLE / NAMND, base / "inputs" / NAMND)
    result = _cli(base, "utskick", "--period", PERIOD)
    assert result.exit_code == 0, result.output
    # the command suggested next reads the same folders
    assert (f"samla in svaren med generate samla --period {PERIOD} --indata "
            f"{base / 'inputs'} --utdata {base / 'outputs'}.") in result.output
    return base


@pytest.fixture
def base(sent_once: Path, tmp_path: Path) -> Path:
    shutil.copytree(sent_once, tmp_path, dirs_exist_ok=True)
    return tmp_path


@pytest.fixture
def samla(base: Path) -> Callable[..., _Run]:
    return lambda *args: _cli(base, "samla", "--period", PERIOD, *args)


def _original_forecasts() -> dict[str, object]:
    return drift_forecasts(EXAMPLE / NAMND / PERIOD / "prognos.xlsx")


def _errors(result: _Run) -> list[str]:
    return [line.strip() for line in result.output.splitlines()
            if line.strip().startswith("Fel:")]


# -- the round trip ------------------------------------------------------------------------
def test_round_trip_gives_the_reference_prognos(base: Path, samla) -> None:
    fill_all(base)
    result = samla()
    assert result.exit_code == 0, result.output
    assert f"{NAMND}: 20 av 20 enheter har svarat" in result.output
    assert "10 rader från enheterna" in result.output
    prognos = period_folder(base) / "prognos.xlsx"
    assert drift_forecasts(prognos) == _original_forecasts()
    kept = list((period_folder(base) / "tidigare").glob("prognos-*.xlsx"))
    assert len(kept) == 1 and kept[0].read_bytes() == (
        EXAMPLE / NAMND / PERIOD / "prognos.xlsx").read_bytes()
    assert "Klart: 20 av 20 enheter har svarat, 0 saknas, 0 överförda" in result.output
    assert "fliken Drift, men kostnader" not in result.output  # nothing moved: Varav holds

    report = _cli(base, "--period", PERIOD)
    assert report.exit_code == 0, report.output
    doc = open_report(base / REPORT)
    assert grid(table_after_caption(doc, ref.CAPTIONS[2])) == ref.PROGNOS
    check = _cli(base, "check", "--period", PERIOD)
    assert check.exit_code == 0 and "0 fel, 0 varningar" in check.output, check.output


def test_comments_and_texts_are_collected_to_quote(base: Path, samla) -> None:
    fill_all(base)
    assert samla().exit_code == 0
    ws = openpyxl.load_workbook(period_folder(base) / "prognos.xlsx")["Enheternas svar"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Id", "Enhet", "Ansvarig", "Kod", "Avser", "Prognos helår",
                       "Budget helår", "Bedömning", "Kommentar", "Källa")
    by = {(r[0], r[4]): r for r in rows[1:]}
    hvb = by[("4404", "569 - Barn och ungdomsvård")]
    assert hvb[2] == "Fredrik Dahl" and hvb[3] == "569"
    assert hvb[8].startswith("Fler och dyrare placeringar")
    assert hvb[9].startswith("Prognos 4404.xlsx, sparad ")
    goal = by[("4404", "Nämndmål: En socialtjänst som tidigt upptäcker och förebygger våld")]
    assert goal[7] == "Uppfyllt" and goal[8].startswith("Samverkan med skola")
    assert by[("4102", "Analys")][8] == "Underskottet beror på fler beviljade timmar."
    # one row per enhet and report row, with its forecast: 23 of them, summing to the rows
    lines = [r for r in rows[1:] if r[5] is not None]
    assert len(lines) == 23
    assert sum(r[5] for r in lines if r[3] == "569") == 532386


def test_rows_without_units_are_left_as_the_economist_wrote_them(base: Path, samla) -> None:
    prognos = period_folder(base) / "prognos.xlsx"
    book = openpyxl.load_workbook(prognos)
    book["Drift"]["C2"] = 3333  # 100 - Nämnd och styrelseverksamhet: no enheter
    book["Drift"]["E3"] = 1712  # Bokslut of 130
    book.save(prognos)
    fill_all(base)
    assert samla().exit_code == 0
    after = openpyxl.load_workbook(prognos)["Drift"]
    assert after["C2"].value == 3333 and after["E3"].value == 1712
    assert drift_forecasts(prognos)["600"] == 23392


def test_plausibility_is_a_warning_with_the_cell(base: Path, samla) -> None:
    fill_all(base)
    fill(base, "4201", forecasts={"520": 120000})  # redovisat 61 061 + 4/12 of 89 884
    result = samla()
    assert result.exit_code == 0, result.output
    lines = [x for x in result.output.splitlines() if "skiljer sig mer än 10 %" in x]
    assert any("Prognos 4201.xlsx › Prognos › F2: prognosen 120 000" in x
               and "(61 061 + 89 884 × 4/12 = 91 022)" in x for x in lines), lines
    # The example's own egen regi units are far from their run rate too (as in the
    # reference: Resultat nämndens enheter −14,0); the other 17 enheter are not.
    flagged = sorted(x.split(".xlsx")[0].split()[-1] for x in lines)
    assert flagged == ["4103", "4104", "4201", "4901"]


# -- missing, late, duplicated --------------------------------------------------------------
def test_a_missing_enhet_is_an_error_naming_its_manager(base: Path, samla) -> None:
    fill_all(base, skip=("4403",))
    prognos = period_folder(base) / "prognos.xlsx"
    before = prognos.read_bytes()
    result = samla()
    assert result.exit_code == 2
    assert _errors(result) == [
        "Fel: enheter.xlsx › Enheter › A12: enheten 4403 Familjehemsenheten har inte svarat; "
        "ansvarig: Karin Berg, karin.berg@example.se. Vänta på svaret, eller för över "
        "enhetens föregående prognos med --overfor-saknade",
        "Fel: 1 fel; prognos.xlsx skrevs inte."]
    assert prognos.read_bytes() == before
    assert not (period_folder(base) / "tidigare").exists()


def test_a_missing_enhet_is_carried_with_the_flag_and_a_late_one_replaces_it(
        base: Path, samla) -> None:
    fill_all(base, skip=("4403",))
    result = samla("--overfor-saknade")
    assert result.exit_code == 0, result.output
    assert ("Överförd föregående prognos: 4403 Familjehemsenheten (ansvarig: Karin Berg, "
            "karin.berg@example.se)") in result.output
    assert "19 av 20 enheter har svarat, 0 saknas, 1 överförd" in result.output
    prognos = period_folder(base) / "prognos.xlsx"
    previous = next(line for line in _lines() if line["unit"] == "4403")
    carried = 532386 - previous["forecast"] + previous["previous"]
    assert drift_forecasts(prognos)["569"] == carried
    sources = {r[0]: r[9] for r in openpyxl.load_workbook(prognos)["Enheternas svar"]
               .iter_rows(min_row=2, values_only=True)}
    assert sources["4403"] == "Föregående prognos (enheten svarade inte)"

    fill(base, "4403", name="Familjehem svar SENT.xlsx")  # arrives after the first run
    late = samla()
    assert late.exit_code == 0, late.output
    assert "20 av 20 enheter har svarat" in late.output
    assert drift_forecasts(prognos) == _original_forecasts()
    assert len(list((period_folder(base) / "tidigare").iterdir())) == 2  # both runs kept


def test_collecting_the_same_answers_again_keeps_no_copy(base: Path, samla) -> None:
    """openpyxl stamps a workbook with the time it is saved: a second run on the same
    answers kept an identical prognos.xlsx in tidigare/ each time."""
    fill_all(base)
    assert samla().exit_code == 0
    prognos = period_folder(base) / "prognos.xlsx"
    _saved_earlier(prognos)  # as if written a while ago, not in this same second
    first = prognos.read_bytes()
    kept = sorted((period_folder(base) / "tidigare").iterdir())
    again = samla()
    assert again.exit_code == 0, again.output
    assert sorted((period_folder(base) / "tidigare").iterdir()) == kept  # one, as before
    assert prognos.read_bytes() == first  # left as it was
    assert "tidigare" not in again.output.split("Klart")[-1]
    assert f"Oförändrad, samma innehåll som förut: {prognos}" in again.output


def _saved_earlier(path: Path) -> None:
    """Give a workbook an earlier save time in its core properties and zip entries."""
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-09-01T08:00:00Z", data)
            z.writestr(zipfile.ZipInfo(name, (2024, 9, 1, 8, 0, 0)), data)


def _lines() -> list[dict]:
    from tests.orgunit_helpers import LINES

    return LINES


def test_a_second_version_replaces_the_first(base: Path, samla) -> None:
    fill_all(base, skip=("4701",))
    # The later version has the lower name: the time it was saved decides, not the name.
    fill(base, "4701", name="b familjeratten.xlsx", forecasts={"585": 11000},
         saved=datetime(2024, 9, 2, 8, 0))
    fill(base, "4701", name="a familjeratten v2.xlsx", saved=datetime(2024, 9, 4, 15, 30))
    result = samla()
    assert result.exit_code == 0, result.output
    assert drift_forecasts(period_folder(base) / "prognos.xlsx")["585"] == 11320
    assert ("Varning: b familjeratten.xlsx: ersatt av ett senare svar från samma enhet "
            "(a familjeratten v2.xlsx, sparad 2024-09-04") in result.output


def test_two_versions_saved_at_once_are_an_error(base: Path, samla) -> None:
    fill_all(base, skip=("4701",))
    when = datetime(2024, 9, 4, 15, 30)
    first = fill(base, "4701", name="x.xlsx", forecasts={"585": 11000}, saved=when)
    second = fill(base, "4701", name="y.xlsx", saved=when)
    stamp = first.stat().st_mtime
    os.utime(second, (stamp, stamp))
    result = samla()
    assert result.exit_code == 2
    assert ("enheten 4701 har två olika svar, y.xlsx och x.xlsx, sparade samtidigt"
            in result.output)


def test_an_unfilled_workbook_is_no_answer(base: Path, samla) -> None:
    fill_all(base, skip=("4502",))
    shutil.copy(sent_file(base, "4502"), answers_folder(base) / "socialjouren.xlsx")
    result = samla()
    assert result.exit_code == 2
    assert ("enheten 4502 Socialjouren har inte svarat (socialjouren.xlsx finns men är inte "
            "ifylld); ansvarig: Nils Forsberg") in result.output


def test_a_half_filled_workbook_names_each_empty_cell(base: Path, samla) -> None:
    fill_all(base, skip=("4302",))
    fill(base, "4302", forecasts={"571": None})
    result = samla()
    assert result.exit_code == 2
    assert ('Fel: Prognos 4302.xlsx › Prognos › F3: Prognos helår saknas för "571": hittade en '
            "tom cell, förväntade ett tal") in result.output


# -- tampered, wrong, odd -------------------------------------------------------------------
def _edit(path: Path, sheet: str, cell: str, value: object) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def test_a_changed_locked_cell_is_an_error(base: Path, samla) -> None:
    fill_all(base)
    path = answers_folder(base) / "Prognos 4101.xlsx"
    _edit(path, "Prognos", "C2", 300000)  # Budget helår, sent as 260 046
    result = samla()
    assert result.exit_code == 2
    assert ("Fel: Prognos 4101.xlsx › Prognos › C2: cellen är låst och ändrades: förväntade "
            "260 046 som arbetsboken skickades ut, hittade 300 000") in result.output
    assert drift_forecasts(period_folder(base) / "prognos.xlsx") == _original_forecasts()


def test_text_in_an_amount_is_an_error_with_its_cell(base: Path, samla) -> None:
    fill_all(base, skip=("4601",))
    fill(base, "4601", forecasts={"575": "ca 2 700"})
    result = samla()
    assert result.exit_code == 2
    assert ('Fel: Prognos 4601.xlsx › Prognos › F2: Prognos helår: förväntade ett tal, hittade '
            '"ca 2 700"') in result.output
    fill(base, "4601", forecasts={"575": "2 711,0"})  # Swedish number text is a number
    assert samla().exit_code == 0


def test_wrong_period_enhet_or_nämnd_is_an_error(base: Path, samla) -> None:
    fill_all(base)
    old = answers_folder(base) / "Prognos 4801.xlsx"
    _edit(old, "Kontroll", "B3", "apr-2024")  # last round's workbook
    _edit(old, "Instruktioner", "B1", "apr-2024")
    stranger = answers_folder(base) / "Prognos 4802.xlsx"
    _edit(stranger, "Kontroll", "B2", "9999")
    _edit(stranger, "Instruktioner", "B2", "9999")
    other = answers_folder(base) / "Prognos 4803.xlsx"
    _edit(other, "Kontroll", "B1", "exempelby-kfn")
    result = samla()
    assert result.exit_code == 2
    text = result.output
    assert ("Prognos 4801.xlsx: arbetsboken gäller perioden apr-2024, men svaren samlas in för "
            "aug-2024") in text
    assert 'Prognos 4802.xlsx: arbetsboken gäller enheten "9999", som inte finns' in text
    assert 'Prognos 4803.xlsx: arbetsboken gäller nämnden "exempelby-kfn"' in text


def test_a_changed_period_cell_is_named(base: Path, samla) -> None:
    fill_all(base)
    _edit(answers_folder(base) / "Prognos 4101.xlsx", "Instruktioner", "B1", "sep-2024")
    result = samla()
    assert result.exit_code == 2
    assert ('Prognos 4101.xlsx › Instruktioner › B1: cellen är låst och ändrades: förväntade '
            '"aug-2024"') in result.output


def test_what_managers_really_send_back(base: Path, samla, tmp_path: Path) -> None:
    """Renamed, saved as .xlsm, an extra sheet, a copy saved by LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None or not _has_calc():
        reason = "LibreOffice Calc not found; install libreoffice-calc-nogui (see README)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    fill_all(base, skip=("4101", "4102", "4103"))
    fill(base, "4101", name="Min prognos (2).XLSM")
    extra = fill(base, "4102", name="pa.xlsx")
    book = openpyxl.load_workbook(extra)
    book.create_sheet("Mina beräkningar")["A1"] = "timmar * 312 kr"
    book.save(extra)
    original = fill(base, "4103", name="lss boenden.xlsx")
    converted = tmp_path / "lo"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "xlsx", "--outdir", str(converted), str(original)],
                   check=True, capture_output=True, timeout=180)
    original.unlink()
    shutil.move(converted / "lss boenden.xlsx", original)
    (answers_folder(base) / "~$pa.xlsx").write_bytes(b"lock")  # Excel has pa.xlsx open
    result = samla()
    assert result.exit_code == 0, result.output
    assert drift_forecasts(period_folder(base) / "prognos.xlsx") == _original_forecasts()
    assert ('Varning: pa.xlsx › Mina beräkningar: fliken är enhetens egen och lästes '
            "inte") in result.output
    ws = openpyxl.load_workbook(period_folder(base) / "prognos.xlsx")["Enheternas svar"]
    texts = {(r[0], r[4]): r[7] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert texts[("4103", "Nämndmål: Vård, stöd och omsorgstjänster med hög kvalitet")] == (
        "Delvis uppfyllt")


def _has_calc() -> bool:
    """Calc's library beside soffice (Debian: libreoffice-calc-nogui)."""
    program = Path(os.path.realpath(shutil.which("soffice") or "")).parent
    return any(program.glob("libsclo.*")) or any(program.glob("*calc*"))


def test_other_files_in_the_folder_are_named(base: Path, samla) -> None:
    fill_all(base)
    folder = answers_folder(base)
    (folder / "läs mig.pdf").write_bytes(b"%PDF-1.7")
    (folder / "svar från Boendestöd.ods").write_bytes(b"PK\x03\x04")
    notes = openpyxl.Workbook()
    notes.active["A1"] = "vem har svarat?"
    notes.save(folder / "anteckningar.xlsx")
    (folder / "export.xlsx").write_text("Kod;Prognos\n513;882793\n", encoding="utf-8")
    result = samla()
    assert result.exit_code == 2
    assert ("Fel: export.xlsx: filen är en textfil (troligen CSV) som fått namnet .xlsx"
            in result.output)
    assert ("Fel: svar från Boendestöd.ods: filen är i formatet .ods och kan inte läsas"
            in result.output)
    assert "Varning: läs mig.pdf: filen är ingen Excel-arbetsbok" in result.output
    assert "Varning: anteckningar.xlsx: arbetsboken är inget svar från en enhet" in result.output


def test_amounts_changed_after_sending_are_a_warning(base: Path, samla) -> None:
    fill_all(base)
    units = period_folder(base) / "enheter.xlsx"
    book = openpyxl.load_workbook(units)
    ws = book["Belopp"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "4701")
    ws.cell(row, 5).value = 7100  # Redovisat perioden after a new ledger import
    book.save(units)
    result = samla()
    assert result.exit_code == 0, result.output
    assert (f"Varning: enheter.xlsx › Belopp › rad {row}: Redovisat för enheten 4701 på raden "
            '"585 - Familjerätt och rådgivning" var 7 082 när arbetsboken skickades ut och är '
            "nu 7 100") in result.output


def test_a_unit_row_added_after_sending_needs_a_new_workbook(base: Path, samla) -> None:
    fill_all(base)
    units = period_folder(base) / "enheter.xlsx"
    book = openpyxl.load_workbook(units)
    book["Belopp"].append(["4701", "575", "Ekonomiskt bistånd", 0, 0, 0])
    book.save(units)
    result = samla()
    assert result.exit_code == 2
    assert ('Prognos 4701.xlsx: raden "575 - Ekonomiskt bistånd" har lagts till för enheten i '
            "enheter.xlsx efter utskicket; skicka ut en ny arbetsbok") in result.output


# -- the sent workbooks ---------------------------------------------------------------------
def test_sent_workbook_is_locked_except_what_to_fill(base: Path) -> None:
    book = openpyxl.load_workbook(sent_file(base, "4103"))
    assert book.sheetnames == ["Instruktioner", "Prognos", "Texter", "Kontroll"]
    assert book["Kontroll"].sheet_state == "hidden"
    info = book["Instruktioner"]
    assert (info["B1"].value, info["B2"].value, info["B3"].value) == (
        "aug-2024", "4103", "LSS Funktionsstöd boenden")
    assert "Eva Ekonom" in info["B7"].value and info["B6"].value == "2024-09-06"
    instructions = [c.value for c in info["A"] if isinstance(c.value, str)]
    assert "På fliken Texter skriver du enhetens analys av resultatet och bedömer målen (välj " \
        "bedömning i listan och motivera i Text)." in instructions
    assert any(t.endswith("Kommentarerna samlas in till ekonomen, som använder dem i nämndens "
                          "rapport.") for t in instructions)
    for ws in book.worksheets:
        assert ws.protection.sheet and not ws.protection.password, ws.title
    ws = book["Prognos"]
    assert [c.value for c in ws[1]] == ["Kod", "Verksamhet", "Budget helår",
                                        "Redovisat jan-aug 2024", "Föregående prognos",
                                        "Prognos helår", "Avvikelse mot budget", "Kommentar"]
    assert [ws.cell(r, 2).value for r in range(2, 5)] == [
        "Insatser enl LSS, SFB och HSL", "LSS Funktionsstöd", "Summa"]
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked}
    assert unlocked == {"F2", "H2", "F3", "H3"}
    assert ws["C2"].value == 216706 and ws["D2"].value == 146825
    assert ws["C4"].value == "=SUM(C2:C3)"
    (amounts,) = ws.data_validations.dataValidation
    assert amounts.type == "decimal" and str(amounts.sqref) == "F2:F3"
    texts = book["Texter"]
    (scale,) = texts.data_validations.dataValidation
    assert scale.type == "list" and "Delvis uppfyllt" in scale.formula1
    assert str(scale.sqref) == "B3"  # the goal's row; Analys has no bedömning
    assert not texts["C2"].protection.locked and texts["B2"].protection.locked


def test_sending_again_keeps_the_earlier_files(base: Path) -> None:
    before = sent_file(base, "4101").read_bytes()
    result = _cli(base, "utskick", "--period", PERIOD)
    assert result.exit_code == 0, result.output
    assert "20 tidigare filer sparades i" in result.output
    kept = list((sent_folder(base) / "tidigare").glob("prognos-aug-2024-4101-*.xlsx"))
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert "Karin Berg <karin.berg@example.se> (4403 Familjehemsenheten)" in result.output


def test_an_error_in_the_unit_list_stops_sending(base: Path, tmp_path: Path) -> None:
    units = period_folder(base) / "enheter.xlsx"
    book = openpyxl.load_workbook(units)
    book["Belopp"].append(["4999", "513", "Insatser enl LSS, SFB och HSL", 100])
    book["Belopp"].append(["4101", "777", "Okänd verksamhet", 100])
    book.save(units)
    out = tmp_path / "nytt"
    result = _cli(base, "utskick", "--period", PERIOD, "--till", str(out))
    assert result.exit_code == 2
    assert 'enheter.xlsx › Belopp › A25: okänd enhet "4999"' in result.output
    assert ('enheter.xlsx › Belopp › B26: verksamhetsraden "777" finns inte på fliken '
            "Verksamheter") in result.output
    assert "Fel: 2 fel; inga arbetsböcker skrevs." in result.output
    assert not out.exists()


def test_a_nämnd_without_units_is_told_what_is_needed(base: Path) -> None:
    (period_folder(base) / "enheter.xlsx").unlink()
    result = _cli(base, "utskick", "--period", PERIOD)
    assert result.exit_code == 2
    assert "enheter.xlsx finns inte för någon nämnd i perioden aug-2024" in result.output


def test_answers_folder_must_exist(base: Path, samla) -> None:
    result = samla()
    assert result.exit_code == 2
    assert "svar finns inte. Lägg enheternas ifyllda arbetsböcker där" in result.output


def test_a_folder_given_on_the_command_line(base: Path, samla, tmp_path: Path) -> None:
    fill_all(base)
    elsewhere = tmp_path / "inkorg"
    shutil.move(answers_folder(base), elsewhere)
    result = samla(str(elsewhere))
    assert result.exit_code == 0, result.output
    assert f"(20 arbetsböcker i {elsewhere})" in result.output


def test_amounts_are_decimal_to_the_krona(base: Path, samla) -> None:
    fill_all(base, skip=("4801", "4802"))
    fill(base, "4801", forecasts={"922": "23 522,4"})
    fill(base, "4802", forecasts={"922": 14113.6})
    assert samla().exit_code == 0
    total = drift_forecasts(period_folder(base) / "prognos.xlsx")["922"]
    assert Decimal(str(total)) == Decimal("23522.4") + Decimal("14113.6") + 9409


def test_a_goal_the_enhet_assesses_must_be_in_mal(base: Path) -> None:
    units = period_folder(base) / "enheter.xlsx"
    book = openpyxl.load_workbook(units)
    ws = book["Enheter"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "4404")
    ws.cell(row, 6).value = "Ett mål som inte finns"
    book.save(units)
    result = _cli(base, "utskick", "--period", PERIOD)
    assert result.exit_code == 2
    assert (f'enheter.xlsx › Enheter › F{row}: enheten 4404 Placeringar HVB och SiS ska bedöma '
            'målet "Ett mål som inte finns", som inte finns i mal.xlsx') in result.output


def test_an_assessment_off_the_scale_is_an_error(base: Path, samla) -> None:
    fill_all(base)
    _edit(answers_folder(base) / "Prognos 4404.xlsx", "Texter", "B3", "Helt uppfyllt")
    result = samla()
    assert result.exit_code == 2
    assert ('Prognos 4404.xlsx › Texter: bedömningen "Helt uppfyllt" för "Nämndmål: En '
            'socialtjänst som tidigt upptäcker och förebygger våld" finns inte på skalan'
            in result.output)


def test_a_formula_in_a_row_with_enheter_is_replaced_with_a_warning(base: Path, samla) -> None:
    prognos = period_folder(base) / "prognos.xlsx"
    book = openpyxl.load_workbook(prognos)
    assert book["Drift"]["B14"].value == "LSS Funktionsstöd"
    book["Drift"]["C14"] = "=33000+500"
    book.save(prognos)
    fill_all(base)
    result = samla()
    assert result.exit_code == 0, result.output
    assert ('Varning: prognos.xlsx › Drift › C14: formeln "=33000+500" ersattes av summan av '
            'enheternas prognoser för "LSS Funktionsstöd"') in result.output
    assert drift_forecasts(prognos)["LSS Funktionsstöd"] == 33500


def test_help_is_swedish(base: Path) -> None:
    samla = _cli(base, "samla", "--help")
    assert samla.exit_code == 0
    assert samla.output.startswith("Användning: cli samla [FLAGGOR] [MAPP]\n")
    assert "--overfor-saknade  För över föregående prognos" in samla.output
    # the argument is not listed as a flag; the folders come first, as on the main command
    assert "Flaggor:\n  --indata MAPP" in samla.output and "\n  --period" in samla.output
    utskick = _cli(base, "utskick", "--help")
    assert "Skriver en arbetsbok per enhet" in utskick.output and "--till MAPP" in utskick.output
    overview = _cli(base, "--help").output
    assert "samla " in overview and "utskick " in overview


def test_two_nämnder_answering_into_one_folder(base: Path, tmp_path: Path) -> None:
    """Each answer goes to the nämnd it was sent for (its hidden sheet Kontroll says)."""
    other = "linkoping-son-2"
    shutil.copytree(base / "inputs" / NAMND, base / "inputs" / other)
    result = _cli(base, "utskick", "--period", PERIOD, "--namnd", other)
    assert result.exit_code == 0, result.output
    inbox = tmp_path / "inkorg"
    inbox.mkdir()
    for unit_id in UNIT_IDS:
        fill(base, unit_id, folder=inbox, name=f"a {unit_id}.xlsx")
        fill(base, unit_id, folder=inbox, name=f"b {unit_id}.xlsx", namnd=other,
             forecasts={"585": 11000} if unit_id == "4701" else None)
    result = _cli(base, "samla", "--period", PERIOD, str(inbox))
    assert result.exit_code == 0, result.output
    assert f"{NAMND}: 20 av 20 enheter har svarat (20 arbetsböcker" in result.output
    assert f"{other}: 20 av 20 enheter har svarat (20 arbetsböcker" in result.output
    assert drift_forecasts(period_folder(base) / "prognos.xlsx") == _original_forecasts()
    second = drift_forecasts(base / "inputs" / other / PERIOD / "prognos.xlsx")
    assert second["585"] == 11000 and second["513"] == 882793


def test_unit_budgets_that_do_not_add_up_to_the_row_are_a_warning(base: Path, samla) -> None:
    fill_all(base)
    units = period_folder(base) / "enheter.xlsx"
    book = openpyxl.load_workbook(units)
    ws = book["Belopp"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "4701")
    ws.cell(row, 4).value = 11400
    book.save(units)
    result = samla()
    assert result.exit_code == 0, result.output
    assert ('Varning: prognos.xlsx › Drift › D11: Budget helår för "585 - Familjerätt och '
            "rådgivning\" är 11 469, men enheternas budget på fliken Belopp i enheter.xlsx blir "
            "11 400") in result.output


def test_an_empty_budget_is_named_by_its_cell_and_not_as_an_enhet_without_rows(
        base: Path) -> None:
    units = period_folder(base) / "enheter.xlsx"
    book = openpyxl.load_workbook(units)
    ws = book["Belopp"]
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "4101"]
    for r in rows:
        ws.cell(r, 4).value = None
    book.save(units)
    result = _cli(base, "utskick", "--period", PERIOD, "--till", str(base / "nytt"))
    assert result.exit_code == 2
    errors = _errors(result)
    assert [e for e in errors if "D" + str(rows[0]) in e], errors
    assert "har inga rader på fliken Belopp" not in result.output
    assert len(errors) == len(rows) + 1  # one per empty cell, and the count


def test_a_manadsrapport_asks_for_no_goals_and_needs_no_mal(base: Path) -> None:
    folder = period_folder(base)
    settings = folder / "installningar.xlsx"
    book = openpyxl.load_workbook(settings)
    ws = book["Rapporter"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "augusti":
            row[1].value = "Månadsrapport"
    book.save(settings)
    (folder / "mal.xlsx").unlink()  # as init leaves it out for a månadsrapport
    out = base / "manad"
    result = _cli(base, "utskick", "--period", PERIOD, "--till", str(out))
    assert result.exit_code == 0, result.output
    with_goals = openpyxl.load_workbook(sent_file(base, "4404"))
    sent = next(out.glob("*4404*.xlsx"))
    texts = [c.value for ws in openpyxl.load_workbook(sent).worksheets
             for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("bedömer målen" in t for t in texts)
    assert any("bedömer målen" in str(c.value) for ws in with_goals.worksheets
               for row in ws.iter_rows() for c in row)


def test_a_moved_forecast_reminds_of_the_varav_sheet(base: Path, samla) -> None:
    unit = UNIT_IDS[0]
    key, (value, _) = next(iter(answer(unit).items()))
    fill_all(base, skip=(unit,))
    fill(base, unit, forecasts={key: value + 1000})
    result = samla()
    assert result.exit_code == 0, result.output
    assert ("Varning: prognos.xlsx › Varav: enheternas prognoser ändrade Prognos helår på "
            "fliken Drift, men kostnader och intäkter på den här fliken fyller enheterna inte "
            "i: justera dem så att de blir den nya prognosen (generate check säger "
            "skillnaden)") in " ".join(result.output.split())


def test_prognos_open_in_excel_stops_samla_before_writing(base: Path, samla) -> None:
    fill_all(base)
    prognos = period_folder(base) / "prognos.xlsx"
    before = prognos.read_bytes()
    (period_folder(base) / "~$prognos.xlsx").write_bytes(b"lock")
    result = samla()
    assert result.exit_code == 2, result.output
    assert (f"{prognos} verkar vara öppen i Excel eller LibreOffice (~$prognos.xlsx finns). "
            "Stäng filen och kör igen; ingenting skrevs.") in " ".join(result.output.split())
    assert prognos.read_bytes() == before
    assert not (period_folder(base) / "tidigare").exists()


def test_an_error_in_an_answer_a_later_one_replaced_does_not_stop_collecting(
        base: Path, samla) -> None:
    """"Please send a corrected version": the first file's error no longer matters."""
    fill_all(base, skip=("4701",))
    fill(base, "4701", name="familjeratten.xlsx", forecasts={"585": "ca 11 000"},
         saved=datetime(2024, 9, 2, 8, 0))
    fill(base, "4701", name="familjeratten rättad.xlsx", saved=datetime(2024, 9, 4, 15, 30))
    result = samla()
    assert result.exit_code == 0, result.output
    assert "ca 11 000" not in result.output
    assert ("Varning: familjeratten.xlsx: ersatt av ett senare svar från samma enhet "
            "(familjeratten rättad.xlsx, sparad 2024-09-04") in result.output
    assert drift_forecasts(period_folder(base) / "prognos.xlsx")["585"] == 11320
    # the other way round, the newer file's error stops it
    fill(base, "4701", name="familjeratten.xlsx", forecasts={"585": "ca 11 000"},
         saved=datetime(2024, 9, 5, 8, 0))
    again = samla()
    assert again.exit_code == 2
    assert 'hittade "ca 11 000"' in again.output


@pytest.mark.parametrize(("value", "expected"), [
    ("=E2+5000", 'formeln "=E2+5000" har inget sparat värde'),
    ("#N/A", "förväntade ett tal, hittade felvärdet #SAKNAS! (#N/A) (Excel visar ett fel"),
])
def test_a_forecast_excel_shows_but_calamine_reads_as_empty_is_an_error(
        base: Path, samla, value: str, expected: str) -> None:
    """A formula saved without its value (not by Excel) or an error value is no answer
    missing: with --overfor-saknade it would silently be the old forecast."""
    fill_all(base, skip=("4201",))
    fill(base, "4201", forecasts={"520": value})
    result = samla("--overfor-saknade")
    assert result.exit_code == 2, result.output
    assert f"Prognos 4201.xlsx › Prognos › F2: Prognos helår: {expected}" in " ".join(
        result.output.split())
    assert "Överförd" not in result.output and "hittade en tom cell" not in result.output


def test_an_answer_saved_after_collecting_is_named_until_it_is_collected(
        base: Path, samla) -> None:
    """Forgetting `samla` after a late answer would publish the old figures: check and
    generate say so until it is collected (also when it changes nothing)."""
    fill_all(base)
    assert samla().exit_code == 0
    check = _cli(base, "check", "--period", PERIOD)
    assert "sparats efter att svaren senast samlades in" not in check.output
    import time

    prognos = period_folder(base) / "prognos.xlsx"
    late = fill(base, "4701", name="familjeratten ny.xlsx", forecasts={"585": 11500})
    now = time.time()
    for path in answers_folder(base).iterdir():  # answered, then collected, then a late one
        os.utime(path, (now - 150, now - 150))
    os.utime(prognos, (now - 100, now - 100))
    os.utime(late, (now - 50, now - 50))
    check = _cli(base, "check", "--period", PERIOD)
    assert check.exit_code == 0, check.output
    assert ("Varning: svar/: familjeratten ny.xlsx har sparats efter att svaren senast "
            "samlades in till prognos.xlsx; kör generate samla --period aug-2024, annars "
            "kommer de inte med i rapporten") in " ".join(check.output.split())
    report = _cli(base, "--period", PERIOD)
    assert "familjeratten ny.xlsx har sparats efter" in " ".join(report.output.split())
    assert samla().exit_code == 0
    assert drift_forecasts(period_folder(base) / "prognos.xlsx")["585"] == 11500
    assert "sparats efter" not in _cli(base, "check", "--period", PERIOD).output
    # the same answer saved again: samla changes nothing, yet it is collected now
    os.utime(prognos, (now - 100, now - 100))
    assert "sparats efter" in _cli(base, "check", "--period", PERIOD).output
    again = samla()
    assert again.exit_code == 0, again.output
    assert "sparats efter" not in _cli(base, "check", "--period", PERIOD).output


def test_a_missing_enhet_points_at_an_answer_that_could_not_be_read(base: Path, samla) -> None:
    """An .xls answer names no enhet, so its enhet is missing too: say that the unreadable
    file may be its answer, rather than send the economist chasing a manager who did."""
    fill_all(base, skip=("4101",))
    old_format = answers_folder(base) / "Prognos 4101.xls"
    old_format.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"W\0o\0r\0k\0")
    result = samla()
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert "Prognos 4101.xls" in output
    assert ("har inte svarat (Prognos 4101.xls kunde inte läsas, se ovan; är det enhetens "
            "svar?)") in output


def test_samla_lists_each_forecast_it_changes_also_one_typed_by_hand(
        base: Path, samla) -> None:
    """The enheter's sums replace Prognos helår on their rows: what stood there, also a
    figure the economist typed, is named with what replaced it."""
    fill_all(base)
    first = samla()
    assert first.exit_code == 0, first.output
    assert "Prognos helår för" not in first.output  # the example's answers add up to it
    path = period_folder(base) / "prognos.xlsx"
    before = drift_forecasts(path)["513"]
    book = openpyxl.load_workbook(path)
    row = next(r for r in book["Drift"].iter_rows(min_row=2) if r[0].value == "513")
    row[2].value = 900000
    book.save(path)
    again = samla()
    assert again.exit_code == 0, again.output
    now = f"{before:,}".replace(",", " ")
    assert f"Prognos helår för 513 - Insatser enl LSS, SFB och HSL: 900 000 → {now}" \
        in again.output
    assert drift_forecasts(path)["513"] == before


def test_a_value_beside_the_table_and_an_absurd_number_are_named(base: Path, samla) -> None:
    """A forecast typed in a column without a header is not read: a warning with its cell
    rather than silence. 1E+300 is a number, but no forecast: said so."""
    fill_all(base, skip=("4601",))
    path = fill(base, "4601")
    _edit(path, "Prognos", "J2", 2800)
    result = samla()
    assert result.exit_code == 0, result.output
    assert ('Varning: Prognos 4601.xlsx › Prognos › J2: värdet "2800" står utanför tabellen '
            "(kolumnen har ingen rubrik) och lästes inte") in " ".join(result.output.split())
    fill(base, "4601", forecasts={"575": 1e300})
    absurd = samla()
    assert absurd.exit_code == 2
    assert "Prognos 4601.xlsx › Prognos › F2: Prognos helår: talet" in absurd.output
    assert "är orimligt stort" in absurd.output
