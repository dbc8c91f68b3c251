"""Nothing lost: a locked report, a failed write or an unexpected error leave every file as
it was, and the user sees a short Swedish message, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_bad_input import (
    EARLIER,
    PERIOD,
    REPORT,
    assert_nothing_lost,
    prepare,
    snapshot,
)


def test_report_open_in_word_is_left_alone(run_cli, workdir: Path) -> None:
    report = workdir / REPORT
    inputs, _ = prepare(workdir)
    lock = report.with_name("~$" + report.name[2:])
    lock.write_bytes(b"Word's owner file")
    outputs = snapshot(workdir / "outputs")
    result = run_cli("--period", PERIOD)
    assert result.exit_code == 2, result.output
    assert f"Fel: {report} verkar vara öppen i Word ({lock.name} finns)" in result.output
    assert "Stäng dokumentet och kör igen; ingenting skrevs." in result.output
    assert "Traceback" not in result.output
    assert not (report.parent / "tidigare").exists()
    assert_nothing_lost(workdir, inputs, outputs)


def test_locked_file_on_rename_keeps_the_earlier_report(run_cli, workdir: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a report open in Word cannot be replaced: os.replace raises."""
    import generator.output

    replace = os.replace

    def locked(src: str | Path, dst: str | Path) -> None:
        # Only the report is open in Word: a chart drawn into the cache on the way (when
        # this test runs before any other has drawn them) is saved as usual.
        if Path(dst).suffix != ".docx":
            replace(src, dst)
            return
        raise PermissionError(13, "Permission denied")

    inputs, _ = prepare(workdir)
    monkeypatch.setattr(generator.output.os, "replace", locked)
    result = run_cli("--period", PERIOD)
    assert result.exit_code == 2, result.output
    assert "filen är låst, troligen öppen i Word" in result.output
    assert "den tidigare rapporten är orörd" in result.output
    assert (workdir / REPORT).read_bytes() == EARLIER
    assert not list((workdir / REPORT).parent.glob(".~*")), "temporary file left behind"
    assert snapshot(workdir / "inputs") == inputs


def test_unexpected_exception_is_logged_not_shown(run_cli, workdir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.pipeline

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom: internal detail")

    inputs, outputs = prepare(workdir)
    monkeypatch.setattr(generator.pipeline, "economy_figures", broken)
    result = run_cli("--period", PERIOD)
    out = result.output
    assert result.exit_code == 1, out
    assert "Ett oväntat fel inträffade (RuntimeError)." in out
    assert "Indata har inte ändrats och ingen tidigare rapport har skrivits över." in out
    assert "Traceback" not in out and "internal detail" not in out
    logs = list((workdir / "outputs" / "logg").glob("fel-*.log"))
    assert len(logs) == 1
    assert f"Detaljer finns i {logs[0]}" in out
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: boom: internal detail" in text
    # Nothing else in outputs/ changed: only the log was added.
    outputs[logs[0]] = logs[0].read_bytes()
    assert_nothing_lost(workdir, inputs, outputs)


def test_failure_while_rendering_leaves_no_half_written_report(
        run_cli, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.render

    def half_written(_tpl: object, out: object) -> None:
        out.write(b"PK half a docx")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    inputs, _ = prepare(workdir)
    monkeypatch.setattr(generator.render, "save", half_written)
    result = run_cli("--period", PERIOD)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (workdir / REPORT).read_bytes() == EARLIER
    assert not list((workdir / REPORT).parent.glob(".~*")), "temporary file left behind"
    assert not (workdir / REPORT).with_name("tidigare").exists()
    assert snapshot(workdir / "inputs") == inputs


def _edit_in_word(report: Path) -> bytes:
    """A sentence added to the written report, as an economist does; its new bytes."""
    import docx

    document = docx.Document(str(report))
    document.add_paragraph("En mening som ekonomen skrev till.")
    document.save(str(report))
    return report.read_bytes()


def test_every_earlier_version_is_kept(run_cli, workdir: Path) -> None:
    """Three runs in the same second: two earlier versions kept, none overwritten."""
    report = workdir / REPORT
    inputs, _ = prepare(workdir)
    first = run_cli("--period", PERIOD)
    assert first.exit_code == 0, first.output
    edited = _edit_in_word(report)
    assert run_cli("--period", PERIOD).exit_code == 0
    # Same second: the later copy gets "-1" before the suffix.
    kept = sorted((report.parent / "tidigare").glob("*.docx"), key=lambda p: (len(p.name), p))
    assert [k.read_bytes() for k in kept] == [EARLIER, edited]
    assert all(k.name.startswith(report.stem + "-") for k in kept)
    assert snapshot(workdir / "inputs") == inputs


def test_an_unchanged_report_is_not_copied_again(run_cli, workdir: Path) -> None:
    """Re-running on the same inputs gives the same bytes: tidigare/ gets no duplicate, and
    the report is left as it was. An edit in between is kept, as always."""
    report = workdir / REPORT
    first = run_cli("--period", PERIOD)
    assert first.exit_code == 0, first.output
    written, stat = report.read_bytes(), report.stat()
    again = run_cli("--period", PERIOD)
    assert again.exit_code == 0, again.output
    assert "Den tidigare rapporten sparades" not in again.output
    assert not (report.parent / "tidigare").exists()
    assert report.read_bytes() == written
    assert (report.stat().st_ino, report.stat().st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)
    assert not list(report.parent.glob(".~*")), "temporary file left behind"

    edited = _edit_in_word(report)
    third = run_cli("--period", PERIOD)
    assert third.exit_code == 0, third.output
    (kept,) = (report.parent / "tidigare").glob("*.docx")
    assert kept.read_bytes() == edited and report.read_bytes() == written
    assert f"Den tidigare rapporten sparades som {kept}" in third.output


def test_write_atomically_keeps_a_copy_only_of_other_bytes(tmp_path: Path) -> None:
    from generator.output import same_bytes, write_atomically

    target = tmp_path / "rapport.docx"
    target.write_bytes(b"one")
    assert write_atomically(target, lambda tmp: tmp.write_bytes(b"one")) is None
    assert not (tmp_path / "tidigare").exists() and target.read_bytes() == b"one"
    kept = write_atomically(target, lambda tmp: tmp.write_bytes(b"two"))
    assert kept is not None and kept.read_bytes() == b"one" and target.read_bytes() == b"two"
    assert write_atomically(tmp_path / "ny.docx", lambda tmp: tmp.write_bytes(b"")) is None
    assert (tmp_path / "ny.docx").read_bytes() == b""  # a new file is written, even empty
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ny.docx", "rapport.docx", "tidigare"]
    assert not same_bytes(target, tmp_path / "finns-inte.docx")
    (tmp_path / "lika-lång.docx").write_bytes(b"twx")
    assert not same_bytes(target, tmp_path / "lika-lång.docx")


def _workbook(path: Path, *, title: str, saved: str, value: int) -> Path:
    """A real .xlsx saved by openpyxl, with the given title, save time and cell A1."""
    from datetime import datetime

    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = value
    book.properties.title = title
    book.properties.created = book.properties.modified = datetime.fromisoformat(saved)
    book.save(path)
    return path


def test_office_files_that_differ_only_in_their_save_time_are_the_same(tmp_path: Path
                                                                      ) -> None:
    from generator.output import same_bytes

    one = _workbook(tmp_path / "a.xlsx", title="Utfall", saved="2024-09-01T08:00:00", value=1)
    later = _workbook(tmp_path / "b.xlsx", title="Utfall", saved="2024-09-02T09:30:00",
                      value=1)
    assert one.read_bytes() != later.read_bytes()
    assert same_bytes(one, later)
    # a figure, or a title typed into the file's properties, is a change
    assert not same_bytes(one, _workbook(tmp_path / "c.xlsx", title="Utfall",
                                         saved="2024-09-01T08:00:00", value=2))
    assert not same_bytes(one, _workbook(tmp_path / "d.xlsx", title="Utfall augusti",
                                         saved="2024-09-01T08:00:00", value=1))
    # not an Office file: bytes only
    (tmp_path / "a.bin").write_bytes(one.read_bytes())
    (tmp_path / "b.bin").write_bytes(later.read_bytes())
    assert not same_bytes(tmp_path / "a.bin", tmp_path / "b.bin")


def test_file_system_errors_are_explained_in_swedish() -> None:
    import errno

    from generator.errors import os_reason

    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "saknar behörighet"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "disken är full"
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file")) == "finns inte"
    assert os_reason(OSError("odd")) == "okänt fel"


def test_an_old_pdf_does_not_stay_beside_a_newer_report(run_cli, workdir: Path) -> None:
    first = run_cli("--period", PERIOD)
    assert first.exit_code == 0
    pdf = (workdir / REPORT).with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7 old")  # as if written by an earlier --pdf run
    second = run_cli("--period", PERIOD)
    assert second.exit_code == 0
    assert not pdf.exists()
    kept = list((pdf.parent / "tidigare").glob("*.pdf"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"%PDF-1.7 old"
    assert "stämmer inte längre med Word-filen" in second.output


# A run killed while it writes (the window closed, the machine turned off): its temporary
# file stays; the lock it held is released by the system.
_KILLED = """
import os, signal, sys
from pathlib import Path
from generator.output import temporary_sibling
with temporary_sibling(Path(sys.argv[1])) as tmp:
    tmp.write_bytes(b"half a report")
    os.kill(os.getpid(), signal.SIGKILL)
"""
# A run still writing in the same folder: holds its temporary file until told to stop.
_WRITING = """
import sys
from pathlib import Path
from generator.output import temporary_sibling
with temporary_sibling(Path(sys.argv[1])) as tmp:
    tmp.write_bytes(b"being written")
    print(tmp.name, flush=True)
    sys.stdin.readline()
"""


@pytest.mark.skipif(os.name == "nt", reason="the lock that tells is POSIX; Windows uses age")
def test_temporary_files_of_killed_runs_are_removed_by_the_next(run_cli, workdir: Path
                                                                 ) -> None:
    inputs, _ = prepare(workdir)
    report = workdir / REPORT
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run([sys.executable, "-c", _KILLED, str(report)], env=env)
    assert killed.returncode == -signal.SIGKILL
    left = [p for p in report.parent.glob(".~*.docx")]
    assert len(left) == 1 and left[0].read_bytes() == b"half a report"
    writing = subprocess.Popen([sys.executable, "-c", _WRITING, str(report)], env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writing.stdout is not None and writing.stdin is not None
        busy = report.parent / writing.stdout.readline().strip()
        others = [report.parent / n for n in (
            ".~lock.delarsrapport-linkoping-son-aug-2024.docx#",  # LibreOffice's lock file
            "~$rapport.docx", ".~anteckningar.txt")]
        for other in others:
            other.write_bytes(b"not ours")
        result = run_cli("--period", PERIOD)
        assert result.exit_code == 0, result.output
        assert not left[0].exists(), "the killed run's file is removed"
        assert busy.read_bytes() == b"being written", "the running one's is not"
        assert all(o.read_bytes() == b"not ours" for o in others)
        writing.stdin.write("klar\n")
        writing.stdin.flush()
        assert writing.wait(timeout=30) == 0
    finally:
        writing.kill()
    assert not busy.exists(), "the running one removes its own"
    assert snapshot(workdir / "inputs") == inputs


def test_a_temporary_file_is_left_over_after_an_hour_where_no_lock_tells(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows: no lock LibreOffice tolerates, so age decides."""
    import generator.output as output

    monkeypatch.setattr(output, "fcntl", None)
    old, new = tmp_path / ".~abcd1234.pdf", tmp_path / ".~efgh5678.pdf"
    for path in (old, new):
        path.write_bytes(b"x")
    hour_ago = time.time() - output.STALE_AFTER - 60
    os.utime(old, (hour_ago, hour_ago))
    assert output.remove_left_over(tmp_path) == [old]
    assert new.exists()


@pytest.mark.parametrize("where", ["after", "before"])
def test_the_log_goes_under_utdata_given_before_or_after_the_subcommand(
        workdir: Path, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`generate uppdatera --utdata MAPP …`: the log beside the reports, not ./outputs."""
    from click.testing import CliRunner

    import generator.update
    from generator.cli import cli

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom: internal detail")

    here = workdir / "arbetsmapp"  # the folder the user runs the program in
    here.mkdir()
    monkeypatch.chdir(here)
    assert CliRunner().invoke(cli, ["--indata", str(workdir / "inputs"), "--utdata",
                                    str(workdir / "rapporter"), "--period", PERIOD]
                              ).exit_code == 0
    monkeypatch.setattr(generator.update, "apply_update", broken)
    folders = ["--indata", str(workdir / "inputs"), "--utdata", str(workdir / "rapporter")]
    args = (["uppdatera", *folders, "--period", PERIOD] if where == "after"
            else [*folders, "uppdatera", "--period", PERIOD])
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "Ett oväntat fel inträffade (RuntimeError)." in result.output
    logs = list((workdir / "rapporter" / "logg").glob("fel-*.log"))
    assert len(logs) == 1, result.output
    assert f"Detaljer finns i {logs[0]}" in result.output
    assert "RuntimeError: boom: internal detail" in logs[0].read_text(encoding="utf-8")
    assert not (here / "outputs").exists()
