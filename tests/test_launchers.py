"""The double-click launchers: generate.sh (run here), generate.command and generate.bat."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import EXAMPLE, ROOT

BASH = shutil.which("bash")
pytestmark = pytest.mark.skipif(BASH is None, reason="bash is needed for generate.sh")


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    """A copy of the kit as an economist has it, with a prepared .venv (no network)."""
    for name in ("generate.sh", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(EXAMPLE, tmp_path / "inputs")
    venv = tmp_path / ".venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (venv / "python").chmod(0o755)
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / ".venv" / "delarsrapport-pyproject.toml")
    return tmp_path


def _launch(kit: Path, *args: str, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ.get("PATH", ""), "DELARSRAPPORT_NO_OPEN": "1",
            "DELARSRAPPORT_NO_PAUSE": "1", "HOME": str(kit)}
    return subprocess.run([BASH, str(kit / "generate.sh"), *args], cwd="/",
                          env={**base, **(env or {})}, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def _copy_period(kit: Path, namnd: str, slug: str) -> None:
    """A later period, made by copying aug-2024 and restating the period in each B1."""
    target = kit / "inputs" / namnd / slug
    shutil.copytree(kit / "inputs" / namnd / "aug-2024", target)
    for path in target.glob("*.xlsx"):
        book = openpyxl.load_workbook(path)
        book["Instruktioner"]["B1"] = slug
        book.save(path)


def test_runs_the_newest_period_from_its_own_folder(kit: Path) -> None:
    _copy_period(kit, "exempelby-kfn", "feb-2025")  # the newest, and Exempelby's only
    (kit / "inputs" / "linkoping-son" / "jan-2024").mkdir()  # older: never chosen
    result = _launch(kit)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Skriver rapporterna för feb-2025" in result.stdout
    written = sorted(p.name for p in (kit / "outputs" / "feb-2025").glob("*.docx"))
    assert written == ["delarsrapport-exempelby-kfn-feb-2025.docx"]
    assert "Rapporterna finns i outputs/feb-2025." in result.stdout


def test_the_bundled_year_runs_its_last_report(kit: Path) -> None:
    """Unchanged, the example's newest period is Linköping's verksamhetsberättelse."""
    result = _launch(kit)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Skriver rapporterna för dec-2024" in result.stdout
    written = sorted(p.name for p in (kit / "outputs" / "dec-2024").glob("*.docx"))
    assert written == ["verksamhetsberattelse-linkoping-son-dec-2024.docx"]


def test_a_period_given_as_argument(kit: Path) -> None:
    result = _launch(kit, "aug-2024")
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list((kit / "outputs" / "aug-2024").glob("*.docx"))) == 2
    assert not (kit / "outputs" / "dec-2024").exists()


NOT_ALL = ("En eller flera rapporter kunde inte skrivas. Läs meddelandena ovan: där står vad "
           "som behöver rättas.")


def test_a_failure_is_explained_in_swedish(kit: Path) -> None:
    result = _launch(kit, "apr-2031")
    assert result.returncode == 2
    assert "Hittade inga indata för perioden apr-2031" in result.stderr
    assert NOT_ALL in result.stderr
    assert "Traceback" not in result.stderr


def test_one_nämnd_with_errors_does_not_deny_the_reports_written(kit: Path) -> None:
    """Exit 2 with the other nämnd's report written: the launcher must not say that no
    report was written."""
    path = kit / "inputs" / "exempelby-kfn" / "aug-2024" / "utfall.xlsx"
    book = openpyxl.load_workbook(path)
    book["Drift"]["C5"] = "n/a"
    book.save(path)
    result = _launch(kit, "aug-2024")
    assert result.returncode == 2
    written = sorted(p.name for p in (kit / "outputs" / "aug-2024").glob("*.docx"))
    assert written == ["delarsrapport-linkoping-son-aug-2024.docx"]
    assert "Skrev outputs/aug-2024/delarsrapport-linkoping-son-aug-2024.docx" in result.stdout
    assert "ingen rapport skrevs för exempelby-kfn" in result.stderr
    assert NOT_ALL in result.stderr
    assert "Ingen rapport skrevs." not in result.stdout + result.stderr


def test_without_python_it_says_what_to_install(kit: Path, tmp_path: Path) -> None:
    shutil.rmtree(kit / ".venv")
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("dirname", "cmp", "uname", "rm", "cp"):
        found = shutil.which(tool)
        if found:
            (tools / tool).symlink_to(found)
    result = _launch(kit, env={"PATH": str(tools)})
    assert result.returncode == 2
    assert "Python 3.11 eller senare behövs" in result.stderr
    assert "python.org" in result.stderr


def test_the_newest_period_command(run_cli_at, workdir_all: Path) -> None:
    result = run_cli_at(workdir_all, "senaste-period")
    assert result.exit_code == 0 and result.output.strip() == "dec-2024"
    (workdir_all / "inputs" / "linkoping-son" / "jan-2025").mkdir()
    (workdir_all / "inputs" / "exempelby-kfn" / "anteckningar").mkdir()  # not a period
    assert run_cli_at(workdir_all, "senaste-period").output.strip() == "jan-2025"
    assert run_cli_at(workdir_all, "senaste-period", "--namnd",
                      "exempelby-kfn").output.strip() == "aug-2024"


def test_the_newest_period_command_without_inputs(tmp_path: Path, run_cli_at) -> None:
    result = run_cli_at(tmp_path, "senaste-period")
    assert result.exit_code == 2 and "Hittade ingen period" in result.output


def test_the_newest_period_of_an_unknown_nämnd_names_the_ones_there(run_cli_at,
                                                                     workdir_all: Path) -> None:
    result = run_cli_at(workdir_all, "senaste-period", "--namnd", "finns-inte")
    assert result.exit_code == 2
    assert ('Nämnden "finns-inte" finns inte under' in result.output
            and "Nämnder som finns: exempelby-kfn, linkoping-son." in result.output)


def test_launchers_are_executable_and_the_bat_is_windows_text() -> None:
    for name in ("generate.sh", "generate.command"):
        assert os.access(ROOT / name, os.X_OK), name
    bat = (ROOT / "generate.bat").read_bytes()
    assert b"\r\n" in bat and b"\n" not in bat.replace(b"\r\n", b"")
    text = bat.decode("utf-8")
    assert text.startswith("@echo off\r\nchcp 65001")
    for needed in ("-m venv .venv", "pip install", "senaste-period", 'start "" "%FOLDER%"',
                   "pause", "Python 3.11 eller senare behövs", f"echo {NOT_ALL}\r\n",
                   "if errorlevel 1 goto :notall"):
        assert needed in text, needed
    assert text.isascii() is False  # Swedish messages, read as UTF-8 after chcp 65001
    assert all(line.isascii() for line in text.splitlines()[:2])
