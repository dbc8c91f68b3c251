"""Click's own usage errors reach the user in Swedish, with exit code 2 (through `main`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import ROOT

README = str(ROOT / "README.md")


def _main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
          *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["generate", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    return int(exit_info.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize(("args", "expected"), [
    (("--bogus",), "Fel: okänd flagga --bogus"),
    (("check",), "Fel: flaggan --period saknas"),
    (("check", "--period"), "Fel: flaggan --period behöver ett värde"),
    (("--indata", README, "--period", "aug-2024"),
     f"Fel: ogiltigt värde för --indata: {README} är en fil, inte en mapp"),
])
def test_usage_errors_are_swedish(monkeypatch, capsys, args, expected) -> None:
    code, err = _main(monkeypatch, capsys, *args)
    assert code == 2
    assert expected in err
    assert "Invalid value" not in err and "No such option" not in err


def test_a_folder_given_as_template_is_named(monkeypatch, capsys, tmp_path: Path) -> None:
    code, err = _main(monkeypatch, capsys, "--mall", str(tmp_path), "--period", "aug-2024")
    assert code == 2
    assert f"Fel: ogiltigt värde för --mall: {tmp_path} är en mapp, inte en fil" in err


def test_a_template_that_is_not_a_docx_is_named(workdir: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    text = tmp_path / "mall.docx"
    text.write_text("inte ett Word-dokument", encoding="utf-8")
    result = CliRunner().invoke(cli, [
        "--indata", str(workdir / "inputs"), "--utdata", str(workdir / "outputs"),
        "--mall", str(text), "--period", "aug-2024"])
    assert result.exit_code == 2, result.output
    assert f"Mallen {text} kunde inte läsas som Word-dokument (.docx)" in result.output
    assert "oväntat fel" not in result.output


@pytest.mark.parametrize(("args", "code", "expected"), [
    (("--bogus",), 2, "Fel: okänd flagga --bogus"),
    (("--period", "aug-2024", "--namnd", "finns-inte"), 2, 'Nämnden "finns-inte" finns inte'),
    (("--version",), 0, "delårsrapport "),
])
def test_the_command_exits_with_its_code_and_all_its_output(tmp_path: Path, args: tuple[str],
                                                           code: int, expected: str) -> None:
    """`generate` (through `entry`) skips the interpreter's teardown: its exit code and
    every line it printed must still come through."""
    import os
    import shutil
    import subprocess

    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == code
    assert expected in result.stdout + result.stderr
