"""Shared fixtures: the bundled example, a CLI runner working in a temporary folder."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P

from generator.charts.stage import CACHE_ENV
from generator.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "inputs"
TEMPLATE = ROOT / "templates" / "delarsrapport.docx"


@pytest.fixture(autouse=True, scope="session")
def shared_chart_cache(pytestconfig: pytest.Config,
                       tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One chart cache for all tests, kept in .pytest_cache between runs: every test that
    generates a report would otherwise draw the same seven charts again. The cache key holds
    the charts' data and a hash of the drawing code, so a change is always drawn anew. Tests
    of the cache itself unset the variable."""
    cache = getattr(pytestconfig, "cache", None)
    folder = cache.mkdir("diagramcache") if cache else tmp_path_factory.mktemp("diagramcache")
    os.environ[CACHE_ENV] = str(folder)
    yield
    os.environ.pop(CACHE_ENV, None)


def _text_as_word_shows_it(p: CT_P) -> str:
    """A paragraph's text including its content controls' text.

    python-docx reads only the runs and hyperlinks directly in a paragraph, so the figures
    the report puts in content controls (every table cell and quoted figure, for
    `generate uppdatera`) would read as empty. Tests read paragraphs as Word shows them.
    """
    out = []
    for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if el.getparent().tag != qn("w:r"):
            continue  # a tab stop in the paragraph's properties, not a tab character
        if el.tag == qn("w:t"):
            out.append(el.text or "")
        elif el.tag == qn("w:tab"):
            out.append("\t")
        elif el.get(qn("w:type")) in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


CT_P.text = property(_text_as_word_shows_it)  # type: ignore[assignment, method-assign]

REFERENCE_NAMND = "linkoping-son"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A copy of the reference example (one nämnd) in a temporary folder.

    Most tests are about one report; tests of several nämnder use `workdir_all` or add
    their own nämnd folders.
    """
    shutil.copytree(EXAMPLE / REFERENCE_NAMND, tmp_path / "inputs" / REFERENCE_NAMND)
    return tmp_path


@pytest.fixture
def workdir_all(tmp_path: Path) -> Path:
    """A copy of every bundled example (both nämnder)."""
    shutil.copytree(EXAMPLE, tmp_path / "inputs", ignore=shutil.ignore_patterns("*.md"))
    return tmp_path


@pytest.fixture(scope="session")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Every bundled example generated once for the session: (work folder, CLI output).

    Read-only for the tests that use it; tests that change inputs copy the example.
    """
    work = tmp_path_factory.mktemp("example")
    shutil.copytree(EXAMPLE, work / "inputs")
    result = CliRunner().invoke(cli, ["--indata", str(work / "inputs"), "--utdata",
                                      str(work / "outputs"), "--mall", str(TEMPLATE),
                                      "--period", "aug-2024"])
    assert result.exit_code == 0, result.output
    return work, result.output


def as_one_delarsrapport(base: Path) -> Path:
    """The Linköping example as it was before the year's other reports: only aug-2024 and
    no calendar, so that every period is a delårsrapport. For tests of carrying a period
    forward or of the launchers that are not about kinds of report. Returns the folder."""
    import openpyxl

    folder = base / "inputs" / REFERENCE_NAMND
    for child in folder.iterdir():
        if child.is_dir() and child.name != "aug-2024" and child.name[:3].isalpha() \
                and child.name[-4:].isdigit():
            shutil.rmtree(child)
    path = folder / "aug-2024" / "installningar.xlsx"
    book = openpyxl.load_workbook(path)
    book["Rapporter"].delete_rows(2, book["Rapporter"].max_row)
    book.save(path)
    return folder


# The bundled year of reports besides aug-2024: one of each kind (tools/make_periods.py).
YEAR = ("mar-2024", "okt-2024", "nov-2024", "dec-2024")


@pytest.fixture(scope="session")
def year_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every other bundled period generated once for the session, each with its own kind's
    template (no --mall): the work folder, with outputs/<period>/. Read-only."""
    work = tmp_path_factory.mktemp("year")
    shutil.copytree(EXAMPLE, work / "inputs")
    for period in YEAR:
        result = CliRunner().invoke(cli, ["--indata", str(work / "inputs"), "--utdata",
                                          str(work / "outputs"), "--period", period])
        assert result.exit_code == 0, result.output
        assert "0 varningar" in result.output, result.output
    return work


@pytest.fixture
def run_cli(workdir: Path) -> Callable[..., Result]:
    """Run the CLI on `workdir`; each report with its kind's default template (the
    project's templates/, as a user gets them), unless a test passes --mall."""
    def invoke(*args: str) -> Result:
        runner = CliRunner()
        return runner.invoke(cli, [
            "--indata", str(workdir / "inputs"), "--utdata", str(workdir / "outputs"), *args,
        ], catch_exceptions=False)
    return invoke


@pytest.fixture
def run_cli_at() -> Callable[..., Result]:
    """Run the CLI with inputs/ and outputs/ under a given folder."""
    def invoke(base: Path, *args: str) -> Result:
        return CliRunner().invoke(cli, [
            "--indata", str(base / "inputs"), "--utdata", str(base / "outputs"), *args,
        ], catch_exceptions=False)
    return invoke


@pytest.fixture
def fake_soffice(tmp_path: Path) -> str:
    """A stand-in for LibreOffice's soffice (tests/fake_soffice.py) that follows the
    converter's queue protocol; POSIX only (a shell script starts it)."""
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    fake = Path(__file__).with_name("fake_soffice.py")
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{fake}" "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return str(script)
