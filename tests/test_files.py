"""Recognising files that are not an .xlsx, without the CLI (see test_bad_input for that)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.excel import files
from generator.excel.files import file_problem
from generator.excel.schema import CONTENT_WORKBOOKS, ECONOMY_WORKBOOKS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "inputs" / "linkoping-son" / "aug-2024" / "utfall.xlsx"


def _zip(path: Path, names: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return path


def test_the_example_is_fine() -> None:
    assert file_problem(EXAMPLE) is None


def test_word_document_renamed(tmp_path: Path) -> None:
    path = tmp_path / "utfall.xlsx"
    path.write_bytes((ROOT / "templates" / "delarsrapport.docx").read_bytes())
    assert file_problem(path) == "filen är ett Word-dokument, inte en Excel-arbetsbok (.xlsx)"


@pytest.mark.parametrize("names,expected", [
    (["xl/workbook.bin"], "Excels binära format (.xlsb)"),
    (["mimetype", "content.xml"], "OpenDocument-kalkylark (.ods)"),
    (["readme.txt"], "en zip-fil men inte en Excel-arbetsbok"),
])
def test_other_zip_files(tmp_path: Path, names: list[str], expected: str) -> None:
    assert expected in file_problem(_zip(tmp_path / "utfall.xlsx", names))


def test_zip_bomb_is_refused_by_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_UNCOMPRESSED", 100)
    path = tmp_path / "utfall.xlsx"
    path.write_bytes(EXAMPLE.read_bytes())
    assert "zip-bomb" in file_problem(path)


def test_missing_file_says_where(tmp_path: Path) -> None:
    assert file_problem(tmp_path / "utfall.xlsx") == (
        f"filen saknas; förväntade {tmp_path / 'utfall.xlsx'}")


def test_missing_file_points_at_the_csv_beside_it(tmp_path: Path) -> None:
    (tmp_path / "utfall.csv").write_text("a;b\n")
    message = file_problem(tmp_path / "utfall.xlsx")
    assert message.startswith(f"filen saknas i {tmp_path}; där finns utfall.csv")


def test_unknown_binary(tmp_path: Path) -> None:
    path = tmp_path / "utfall.xlsx"
    path.write_bytes(bytes(range(256)))
    assert "formatet känns inte igen" in file_problem(path)


def test_empty_period_folder_names_every_file(run_cli, workdir: Path) -> None:
    folder = workdir / "inputs" / "linkoping-son" / "aug-2024"
    for f in folder.iterdir():
        f.unlink()
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 2
    specs = (*ECONOMY_WORKBOOKS, *CONTENT_WORKBOOKS)
    for spec in specs:
        assert f"Fel: {spec.filename}: filen saknas; förväntade {folder / spec.filename}" \
            in result.output
    assert f"Fel: {len(specs)} fel i indata, ingen rapport skrevs." in result.output


def test_a_folder_that_cannot_be_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Letter case and unused files need the folder's listing; without it (no permission to
    list, as on some shared drives) each workbook is looked for by its own name."""
    from generator.excel.load import unused_files
    from generator.locate import workbook_path

    (tmp_path / "Utfall.xlsx").write_bytes(b"")

    def refused(_self: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refused)
    assert workbook_path(tmp_path, "utfall.xlsx") == tmp_path / "utfall.xlsx"
    assert unused_files(tmp_path) == []


def test_letter_case_of_a_file_name(tmp_path: Path) -> None:
    from generator.locate import workbook_path

    (tmp_path / "UTFALL.XLSX").write_bytes(b"")
    assert workbook_path(tmp_path, "utfall.xlsx").name == "UTFALL.XLSX"
    assert workbook_path(tmp_path, "prognos.xlsx") == tmp_path / "prognos.xlsx"


def test_strict_open_xml_and_a_folder_are_named(tmp_path: Path) -> None:
    assert file_problem(Path(__file__).parent / "data" / "strict-open-xml.xlsx") == files.STRICT
    (tmp_path / "utfall.xlsx").mkdir()
    assert file_problem(tmp_path / "utfall.xlsx") == (
        "utfall.xlsx är en mapp, inte en fil; förväntade en Excel-arbetsbok (.xlsx) med det "
        "namnet")
