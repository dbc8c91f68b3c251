"""`generate init`: a new period's workbooks from the last period's."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from generator.excel import schema
from generator.excel.schema import (
    ALL_WORKBOOKS,
    Carry,
    Column,
    Kind,
    Setting,
    SheetSpec,
    WorkbookSpec,
)
from generator.newperiod import init_period, shift_text
from generator.period import parse_period
from tests.conftest import as_one_delarsrapport

NAMND = "linkoping-son"


# Carrying a period forward, generic over workbooks: on the example as one delårsrapport
# (aug-2024, no calendar). Carrying a kit from one kind to the next: tests/test_kit.py.
@pytest.fixture
def workdir(workdir: Path) -> Path:
    as_one_delarsrapport(workdir)
    return workdir


@pytest.fixture
def workdir_all(workdir_all: Path) -> Path:
    as_one_delarsrapport(workdir_all)
    return workdir_all


def _values(path: Path, sheet: str) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    return [tuple(r) for r in book[sheet].iter_rows(values_only=True)]


def _column(rows: list[tuple], header: str) -> list:
    i = rows[0].index(header)
    return [r[i] for r in rows[1:]]


@pytest.fixture
def started(workdir: Path, run_cli) -> Path:
    """inputs/linkoping-son/apr-2025, made by `generate init` from aug-2024."""
    result = run_cli("init", "--period", "apr-2025", "--namnd", NAMND)
    assert result.exit_code == 0, result.output
    assert "från aug-2024" in result.output
    return workdir / "inputs" / NAMND / "apr-2025"


def test_every_workbook_is_written_for_the_new_period(workdir: Path, started: Path) -> None:
    old = workdir / "inputs" / NAMND / "aug-2024"
    for spec in ALL_WORKBOOKS:
        path = started / spec.filename
        if spec.optional and not (old / spec.filename).exists():  # only where the old has it
            assert not path.exists(), spec.filename
            continue
        assert path.is_file(), spec.filename
        book = openpyxl.load_workbook(path)
        assert book["Instruktioner"]["B1"].value == "apr-2025"
        # a sheet the program writes for people (Enheternas svar) is not carried
        assert book.sheetnames == ["Instruktioner",
                                   *(s.name for s in spec.sheets if not s.output_only)]


def test_only_written_workbooks_are_listed(run_cli) -> None:
    result = run_cli("init", "--period", "apr-2025", "--namnd", NAMND)
    assert "  enheter.xlsx: Enheter 20 rader, Belopp 23 rader" in result.output
    assert "tabeller.xlsx" not in result.output  # Linköping has none


def test_units_are_carried_and_their_amounts_cleared(workdir: Path, started: Path) -> None:
    old = workdir / "inputs" / NAMND / "aug-2024"
    assert _values(started / "enheter.xlsx", "Enheter") == _values(old / "enheter.xlsx",
                                                                    "Enheter")
    before, after = (_values(old / "enheter.xlsx", "Belopp"),
                     _values(started / "enheter.xlsx", "Belopp"))
    for header in ("Enhet", "Kod", "Verksamhet"):
        assert _column(after, header) == _column(before, header)
    for header in ("Budget helår", "Redovisat perioden", "Föregående prognos"):
        assert set(_column(before, header)) != {None}
        assert set(_column(after, header)) == {None}, header
    options = dict(r[:2] for r in _values(started / "enheter.xlsx", "Inställningar"))
    assert options["Svara senast"] is None  # last round's date
    assert options["Kontaktperson"] == "Eva Ekonom, eva.ekonom@example.se"


def test_collected_answers_stay_with_their_period(workdir: Path, run_cli) -> None:
    """prognos.xlsx › Enheternas svar is last round's: init does not carry it."""
    old = workdir / "inputs" / NAMND / "aug-2024" / "prognos.xlsx"
    book = openpyxl.load_workbook(old)
    book.create_sheet("Enheternas svar").append(["Id", "Enhet", "Avser", "Kommentar"])
    book["Enheternas svar"].append(["4101", "Myndighetsenhet LSS", "513", "Förra omgången"])
    book.save(old)
    result = run_cli("init", "--period", "apr-2025", "--namnd", NAMND)
    assert result.exit_code == 0, result.output
    new = openpyxl.load_workbook(old.parent.parent / "apr-2025" / "prognos.xlsx")
    assert "Enheternas svar" not in new.sheetnames
    assert "Enheternas svar" not in result.output  # no "did not follow" note either


def test_structure_is_carried_and_figures_cleared(workdir: Path, started: Path) -> None:
    old = workdir / "inputs" / NAMND / "aug-2024"
    for name in ("utfall.xlsx", "prognos.xlsx"):
        before, after = _values(old / name, "Drift"), _values(started / name, "Drift")
        assert _column(after, "Verksamhet") == _column(before, "Verksamhet")
        assert _column(after, "Kod") == _column(before, "Kod")
        for header in after[0][2:]:
            assert set(_column(after, header)) == {None}, (name, header)
    varav = _values(started / "prognos.xlsx", "Varav")
    assert varav[1:] == [("Kostnader", None, None, None), ("Intäkter", None, None, None)]
    assert _column(_values(started / "utfall.xlsx", "Investeringar"), "Objekt") == [
        "Drottninggatan 45", "Övriga investeringar"]
    assert _values(started / "prognos.xlsx", "Föregående prognos")[1][1] is None
    # settings are not per period: copied as they are
    assert _values(started / "installningar.xlsx", "Verksamheter") == _values(
        old / "installningar.xlsx", "Verksamheter")
    settings = dict(r[:2] for r in _values(started / "installningar.xlsx", "Nämnd"))
    assert settings["Kommun"] == "Linköpings kommun" and settings["Decimaler i rapport"] == 1
    assert settings["Intäkter med minustecken i indata"] == "Ja"


def test_goals_assignments_and_indicators_keep_their_structure(workdir: Path,
                                                               started: Path) -> None:
    old = workdir / "inputs" / NAMND / "aug-2024"
    mal = _values(started / "mal.xlsx", "Mål")
    assert _column(mal, "Nämndmål") == _column(_values(old / "mal.xlsx", "Mål"), "Nämndmål")
    assert set(_column(mal, "Bedömning")) == {None}
    uppdrag = _values(started / "uppdrag.xlsx", "Uppdrag")
    before = _values(old / "uppdrag.xlsx", "Uppdrag")
    for header in ("Grupp", "Uppdrag", "Notering"):
        assert _column(uppdrag, header) == _column(before, header)
    assert set(_column(uppdrag, "Status")) == {None}
    volymer = _values(started / "volymer.xlsx", "Volymer")
    # the value columns' headers move to the new period; their figures are cleared
    assert volymer[0][3:] == ("April 2024", "April 2025", "Prognos 2025")
    assert len(volymer) == 11 and set(_column(volymer, "April 2025")) == {None}
    assert _column(volymer, "Fotnot") == _column(_values(old / "volymer.xlsx", "Volymer"),
                                                 "Fotnot")
    personal = _values(started / "volymer.xlsx", "Personal")
    assert set(_column(personal, "Målvärde 2025")) == {None}


def test_indicator_years_move_and_only_completed_years_keep_values(workdir: Path,
                                                                   started: Path) -> None:
    old = _values(workdir / "inputs" / NAMND / "aug-2024" / "indikatorer.xlsx", "Indikatorer")
    new = _values(started / "indikatorer.xlsx", "Indikatorer")
    assert new[0][6:9] == ("2023", "2024", "2025")
    assert _column(new, "Nämndindikator") == _column(old, "Nämndindikator")
    assert _column(new, "Önskad riktning") == _column(old, "Önskad riktning")
    assert _column(new, "2023") == _column(old, "2023")  # 2023 was complete in aug-2024
    assert set(_column(new, "2024")) == {None}             # 2024 was "tom augusti"
    assert set(_column(new, "2025")) == {None}
    overrides = _values(started / "indikatorer.xlsx", "Kolumnrubriker")
    assert overrides[1] == ("Lättillgänglig, god och jämlik vård", "2025", "2025 tom april")


def test_texts_are_kept_as_drafts(workdir: Path, started: Path) -> None:
    old = _values(workdir / "inputs" / NAMND / "aug-2024" / "texter.xlsx", "Texter")
    new = _values(started / "texter.xlsx", "Texter")
    assert _column(new, "Avsnitt") == _column(old, "Avsnitt")
    for before, after in zip(_column(old, "Text"), _column(new, "Text"), strict=True):
        assert after == f"UTKAST: {before}"
    redovisning = _column(_values(started / "mal.xlsx", "Mål"), "Redovisning")
    assert all(t.startswith("UTKAST: - ") for t in redovisning)


def test_empty_texts_by_option(workdir: Path, run_cli) -> None:
    result = run_cli("init", "--period", "apr-2025", "--tomma-texter")
    assert result.exit_code == 0, result.output
    new = workdir / "inputs" / NAMND / "apr-2025"
    texts = _values(new / "texter.xlsx", "Texter")
    assert len(texts) == 19 and set(_column(texts, "Text")) == {None}
    assert set(_column(_values(new / "mal.xlsx", "Mål"), "Redovisning")) == {None}


def test_validations_formats_and_frozen_headers(started: Path) -> None:
    def validations(name: str, sheet: str) -> dict[str, object]:
        ws = openpyxl.load_workbook(started / name)[sheet]
        return {str(dv.sqref).split(":")[0][0]: dv for dv in ws.data_validations.dataValidation}

    bedomning = validations("mal.xlsx", "Mål")["G"]
    # a suggestion: the nämnd's own scale (installningar.xlsx › Bedömningar) is checked later
    assert bedomning.type == "list" and not bedomning.showErrorMessage
    assert "Delvis uppfyllt" in bedomning.formula1
    status = validations("uppdrag.xlsx", "Uppdrag")["E"]
    assert status.type == "list" and status.showErrorMessage and "Pågår" in status.formula1
    riktning = validations("indikatorer.xlsx", "Indikatorer")["J"]
    assert riktning.type == "list" and "Öka" in riktning.formula1
    assert not riktning.showErrorMessage  # a suggestion: "100%" must stay possible
    assert riktning.showInputMessage and riktning.prompt
    for spec in (s for s in ALL_WORKBOOKS if not s.optional):
        book = openpyxl.load_workbook(started / spec.filename)
        for sheet in (s for s in spec.sheets if not s.output_only):
            ws = book[sheet.name]
            assert ws.freeze_panes == "A2", (spec.filename, sheet.name)
            assert all(c.font.bold for c in ws[1] if c.value), (spec.filename, sheet.name)
            assert ws.protection.sheet is False
    drift = openpyxl.load_workbook(started / "utfall.xlsx")["Drift"]
    assert drift["C2"].number_format.startswith("#,##0")
    assert drift.column_dimensions["C"].number_format.startswith("#,##0")  # new rows too


def test_no_computed_column_to_fill() -> None:
    """Avvikelse and sums are computed: no workbook asks for them."""
    for spec in ALL_WORKBOOKS:
        for sheet in spec.sheets:
            for col in sheet.columns:
                assert "avvikelse" not in col.header.lower(), col.header
                assert not col.header.lower().startswith("summa"), col.header
                assert col.header.lower() != "netto", col.header


def test_refuses_to_overwrite(workdir: Path, started: Path, run_cli) -> None:
    before = {p: p.read_bytes() for p in started.iterdir()}
    result = run_cli("init", "--period", "apr-2025")
    assert result.exit_code == 2
    assert "finns redan" in result.output and "skriver aldrig över" in result.output
    assert {p: p.read_bytes() for p in started.iterdir()} == before


def test_refuses_when_one_workbook_exists(workdir: Path, run_cli) -> None:
    target = workdir / "inputs" / NAMND / "apr-2025"
    target.mkdir()
    (target / "utfall.xlsx").write_bytes(b"mitt eget")
    result = run_cli("init", "--period", "apr-2025")
    assert result.exit_code == 2 and "utfall.xlsx" in result.output
    assert [p.name for p in target.iterdir()] == ["utfall.xlsx"]
    assert (target / "utfall.xlsx").read_bytes() == b"mitt eget"


def test_an_empty_folder_made_by_hand_is_filled(workdir: Path, run_cli) -> None:
    (workdir / "inputs" / NAMND / "apr-2025").mkdir()
    result = run_cli("init", "--period", "apr-2025", "--namnd", NAMND)
    assert result.exit_code == 0, result.output
    assert (workdir / "inputs" / NAMND / "apr-2025" / "utfall.xlsx").is_file()


def test_source_is_never_modified(workdir: Path, run_cli) -> None:
    old = workdir / "inputs" / NAMND / "aug-2024"
    before = {p: p.read_bytes() for p in old.iterdir()}
    assert run_cli("init", "--period", "apr-2025").exit_code == 0
    assert {p: p.read_bytes() for p in old.iterdir()} == before


def test_from_must_exist_and_a_source_is_needed(run_cli) -> None:
    result = run_cli("init", "--period", "apr-2025", "--from", "mar-2024", "--namnd", NAMND)
    assert result.exit_code == 2 and "mar-2024 finns inte" in result.output
    assert "aug-2024" in result.output
    result = run_cli("init", "--period", "jan-2024", "--namnd", NAMND)
    assert result.exit_code == 2 and "ingen period före jan-2024" in result.output
    assert "--from" in result.output


def test_default_source_is_the_newest_earlier_period(workdir: Path, run_cli) -> None:
    assert run_cli("init", "--period", "apr-2025", "--namnd", NAMND).exit_code == 0
    result = run_cli("init", "--period", "aug-2025", "--namnd", NAMND)
    assert result.exit_code == 0, result.output
    assert "från apr-2025" in result.output
    indikatorer = _values(workdir / "inputs" / NAMND / "aug-2025" / "indikatorer.xlsx",
                          "Indikatorer")
    assert indikatorer[0][6:9] == ("2023", "2024", "2025")  # same year: no shift
    texts = _column(_values(workdir / "inputs" / NAMND / "aug-2025" / "texter.xlsx", "Texter"),
                    "Text")
    assert not any(t.startswith("UTKAST: UTKAST:") for t in texts)  # marked once


def test_registry_holds_every_workbook_spec() -> None:
    """A workbook added to schema.py must be in ALL_WORKBOOKS, or init would skip it. (A
    kind's own layout of a registered file, the verksamhetsberättelse's utfall.xlsx, is
    the same workbook.)"""
    defined = {v.filename for v in vars(schema).values() if isinstance(v, WorkbookSpec)}
    assert defined == {s.filename for s in ALL_WORKBOOKS}
    assert len({s.filename for s in ALL_WORKBOOKS}) == len(ALL_WORKBOOKS)


def test_a_workbook_added_later_is_carried_with_no_change_to_init(workdir: Path) -> None:
    """Generic over specs: a chart list (structure) and its monthly data (cleared)."""
    charts = WorkbookSpec("diagram.xlsx", "Diagram", ("Hjälp.",), sheets=(
        SheetSpec("Diagram", "En rad per diagram.", columns=(
            Column("id", "Id"), Column("title", "Rubrik")), per_period=False),
        SheetSpec("Data", "En rad per serie och månad.", columns=(
            Column("id", "Id"), Column("series", "Serie"),
            Column("value", "Värde", Kind.NUMBER, carry=Carry.CLEAR)), extra_columns="months"),
        SheetSpec("Källa", "Inställningar.", settings=(
            Setting("source", "Källa"), Setting("extract", "Uttag", carry=Carry.CLEAR))),
    ))
    from generator.excel.writer import write_workbook

    old = workdir / "inputs" / NAMND / "aug-2024"
    write_workbook(old / "diagram.xlsx", charts, "aug-2024", {
        "Diagram": [{"id": "C1", "title": "Aktualiseringar"}],
        "Data": [{"id": "C1", "series": "2023", "value": 5, "months": [("2023", 1)]}],
        "Källa": {"source": "Qliksense", "extract": "2024-09-02"},
    })
    results = init_period(workdir / "inputs", parse_period("apr-2025"), namnd=NAMND,
                          workbooks=(*ALL_WORKBOOKS, charts))
    assert results[0].counts["diagram.xlsx"] == {"Diagram": 1, "Data": 1}
    new = workdir / "inputs" / NAMND / "apr-2025" / "diagram.xlsx"
    assert _values(new, "Diagram")[1] == ("C1", "Aktualiseringar")
    assert _values(new, "Data")[0] == ("Id", "Serie", "Värde", "2024")
    assert _values(new, "Data")[1] == ("C1", "2023", None, None)
    assert dict(r[:2] for r in _values(new, "Källa")[1:]) == {"Källa": "Qliksense",
                                                               "Uttag": None}


def test_a_workbook_missing_in_the_old_period_is_written_empty(workdir: Path,
                                                               run_cli) -> None:
    (workdir / "inputs" / NAMND / "aug-2024" / "volymer.xlsx").unlink()
    result = run_cli("init", "--period", "apr-2025", "--namnd", NAMND)
    assert result.exit_code == 0, result.output
    assert "volymer.xlsx fanns inte för aug-2024" in result.output
    rows = _values(workdir / "inputs" / NAMND / "apr-2025" / "volymer.xlsx", "Volymer")
    assert rows == [("Basuppdrag", "Radtyp", "Fotnot")]  # value columns are the nämnd's own


def test_columns_outside_the_layout_are_named(workdir: Path, run_cli) -> None:
    path = workdir / "inputs" / NAMND / "aug-2024" / "uppdrag.xlsx"
    book = openpyxl.load_workbook(path)
    book["Uppdrag"]["F1"] = "Mina anteckningar"
    book.save(path)
    result = run_cli("init", "--period", "apr-2025", "--namnd", NAMND)
    assert result.exit_code == 0
    assert 'uppdrag.xlsx › Uppdrag: kolumnerna "Mina anteckningar"' in result.output


@pytest.mark.parametrize(("text", "old", "new", "expected"), [
    ("2024", "aug-2024", "apr-2025", "2025"),
    ("2024 tom augusti", "aug-2024", "apr-2025", "2025 tom april"),
    ("Utfall aug 2024", "aug-2024", "apr-2025", "Utfall apr 2025"),
    ("Mål 2024", "aug-2024", "dec-2024", "Mål 2024"),
    ("Augusti 2023", "aug-2024", "apr-2025", "April 2024"),
    ("augustinus 20245", "aug-2024", "apr-2025", "augustinus 20245"),
    (2024, "aug-2024", "apr-2025", 2025),
    (None, "aug-2024", "apr-2025", None),
])
def test_shift_text(text, old, new, expected) -> None:
    assert shift_text(text, parse_period(old), parse_period(new)) == expected


def test_an_unreadable_old_workbook_stops_init_and_nothing_is_written(workdir_all: Path,
                                                                      run_cli_at) -> None:
    """All or nothing: exempelby-kfn is read fine, but no nämnd gets the new period."""
    workdir = workdir_all
    (workdir / "inputs" / NAMND / "aug-2024" / "mal.xlsx").write_bytes(b"inte excel")
    before = {n: sorted(p.name for p in (workdir / "inputs" / n).iterdir())
              for n in ("exempelby-kfn", NAMND)}
    result = run_cli_at(workdir, "init", "--period", "apr-2025")
    assert result.exit_code == 2
    assert "mal.xlsx kunde inte läsas som Excel-arbetsbok" in result.output
    assert "Traceback" not in result.output
    for namnd in ("exempelby-kfn", NAMND):
        assert sorted(p.name for p in (workdir / "inputs" / namnd).iterdir()) == before[namnd]
        assert "apr-2025" not in before[namnd]


def test_an_optional_workbook_is_carried_only_where_it_exists(workdir_all: Path,
                                                             run_cli_at) -> None:
    """mappning.xlsx: Linköping has one and keeps it; Exempelby gets none, and no note."""
    result = run_cli_at(workdir_all, "init", "--period", "apr-2025")
    assert result.exit_code == 0, result.output
    inputs = workdir_all / "inputs"
    assert (inputs / NAMND / "apr-2025" / "mappning.xlsx").is_file()
    assert not (inputs / "exempelby-kfn" / "aug-2024" / "mappning.xlsx").exists()
    assert not (inputs / "exempelby-kfn" / "apr-2025" / "mappning.xlsx").exists()
    assert "mappning.xlsx" not in result.output.split("exempelby-kfn/apr-2025")[1].split(
        "Skapade")[0]
    old = openpyxl.load_workbook(inputs / NAMND / "aug-2024" / "mappning.xlsx")
    new = openpyxl.load_workbook(inputs / NAMND / "apr-2025" / "mappning.xlsx")
    for sheet in ("Urval", "Konton", "Rader", "Kolumner"):
        assert _values_of(new[sheet]) == _values_of(old[sheet]), sheet


def _values_of(ws) -> list[tuple]:
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def test_the_years_own_figures_are_kept_within_the_year(workdir: Path, run_cli,
                                                        started: Path) -> None:
    """Budget helår, Bokslut föregående år and the investment ram do not change from one
    report of the year to the next: kept from aug-2024 to sep-2024, cleared into 2025
    (`started`), while the forecast is cleared in both."""
    result = run_cli("init", "--period", "sep-2024", "--namnd", NAMND, "--from", "aug-2024")
    assert result.exit_code == 0, result.output
    old = workdir / "inputs" / NAMND / "aug-2024"
    sep = workdir / "inputs" / NAMND / "sep-2024"
    for sheet in ("Drift", "Varav"):
        before, after = _values(old / "prognos.xlsx", sheet), _values(sep / "prognos.xlsx", sheet)
        for header in ("Budget helår", "Bokslut föregående år"):
            assert _column(after, header) == _column(before, header), (sheet, header)
            assert set(_column(before, header)) != {None}
            assert set(_column(_values(started / "prognos.xlsx", sheet), header)) == {None}
        assert set(_column(after, "Prognos helår")) == {None}
    ram = _column(_values(sep / "prognos.xlsx", "Investeringar"), "Investeringsram")
    assert ram == _column(_values(old / "prognos.xlsx", "Investeringar"), "Investeringsram")
    budgets = _column(_values(sep / "enheter.xlsx", "Belopp"), "Budget helår")
    assert budgets == _column(_values(old / "enheter.xlsx", "Belopp"), "Budget helår")
    assert set(_column(_values(sep / "enheter.xlsx", "Belopp"), "Föregående prognos")) == {None}


def test_the_closing_lines_say_what_was_kept_within_the_year(run_cli) -> None:
    within = run_cli("init", "--period", "sep-2024", "--namnd", NAMND, "--from", "aug-2024")
    assert within.exit_code == 0, within.output
    assert ("Periodens belopp, bedömningar och status är tömda. Årets budget, bokslut och "
            "investeringsramar följde med, eftersom perioden är i samma år.") in within.output
    into_next = run_cli("init", "--period", "apr-2025", "--namnd", NAMND)
    assert into_next.exit_code == 0, into_next.output
    assert "Periodens belopp, bedömningar och status är tömda. Texterna" in into_next.output


def test_starting_from_a_later_period_is_noted(run_cli) -> None:
    result = run_cli("init", "--period", "feb-2024", "--from", "aug-2024", "--namnd", NAMND)
    assert result.exit_code == 0, result.output
    assert "Obs: aug-2024 ligger efter feb-2024" in result.output
    forward = run_cli("init", "--period", "sep-2024", "--from", "aug-2024", "--namnd", NAMND)
    assert forward.exit_code == 0, forward.output
    assert "ligger efter" not in forward.output


def test_a_workbook_the_last_period_lacks_comes_from_the_newest_that_has_it(
        workdir: Path, run_cli) -> None:
    """A period set up without mappning.xlsx (by hand, or by an older version): the next
    gets it from the newest that has it, so that `importera` works there as before."""
    base = workdir / "inputs" / NAMND
    assert run_cli("init", "--period", "okt-2024", "--namnd", NAMND).exit_code == 0
    (base / "okt-2024" / "mappning.xlsx").unlink()
    result = run_cli("init", "--period", "aug-2025", "--namnd", NAMND)
    assert result.exit_code == 0, result.output
    assert "(delårsrapport) från okt-2024" in result.output
    assert "  mappning.xlsx (från aug-2024): Kolumner 7 rader" in result.output
    new = base / "aug-2025"
    assert _values(new / "mappning.xlsx", "Rader") == _values(
        base / "aug-2024" / "mappning.xlsx", "Rader")
    imported = run_cli("importera", "--period", "aug-2025", "--namnd", NAMND,
                       str(base / "huvudbok" / "huvudbok-2023-2024.csv"))
    assert "mappning.xlsx: filen saknas" not in imported.output
    assert "Redovisat jan-aug 2024" in imported.output, imported.output  # last year's column
