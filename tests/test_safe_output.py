"""Nothing lost: a locked report, a failed write or an unexpected error leave every file as
it was, and the user sees a short Swedish message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

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

    def locked(_src: object, _dst: object) -> None:
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


def test_every_earlier_version_is_kept(run_cli, workdir: Path) -> None:
    """Three runs in the same second: two earlier versions kept, none overwritten."""
    report = workdir / REPORT
    inputs, _ = prepare(workdir)
    first = run_cli("--period", PERIOD)
    assert first.exit_code == 0, first.output
    second_bytes = report.read_bytes()
    assert run_cli("--period", PERIOD).exit_code == 0
    # Same second: the later copy gets "-1" before the suffix.
    kept = sorted((report.parent / "tidigare").glob("*.docx"), key=lambda p: (len(p.name), p))
    assert [k.read_bytes() for k in kept] == [EARLIER, second_bytes]
    assert all(k.name.startswith(report.stem + "-") for k in kept)
    assert snapshot(workdir / "inputs") == inputs


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
