"""The LibreOffice queue (generator/libreoffice.py) against a stand-in that hangs and crashes.

`fake_soffice.py` follows the macro's protocol (claim a job by renaming it, log START, OK),
so these tests run the real watchdog, the restarts and the bookkeeping on real processes
and files, in a second or two, with or without LibreOffice installed.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from docx import Document

from generator import libreoffice
from generator.libreoffice import Converter, convert_all
from tests.conftest import TEMPLATE

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the stand-in is a shell script")


@pytest.fixture
def soffice(fake_soffice: str) -> str:
    return fake_soffice


def _docs(tmp_path: Path, *names: str) -> list[tuple[Path, Path]]:
    """Real .docx files (copies of the template) under the given names, and PDF targets."""
    (tmp_path / "in").mkdir(exist_ok=True)
    (tmp_path / "ut").mkdir(exist_ok=True)
    jobs = []
    for name in names:
        docx = tmp_path / "in" / f"{name}.docx"
        shutil.copyfile(TEMPLATE, docx)
        jobs.append((docx, tmp_path / "ut" / f"{name}.pdf"))
    return jobs


def _written(pdf: Path) -> bool:
    return pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-")


def test_a_hung_conversion_is_ended_and_the_rest_still_converted(tmp_path, soffice) -> None:
    jobs = _docs(tmp_path, "a", "b-haenger", "c", "d")
    start = time.monotonic()
    done = convert_all(jobs, soffice=soffice, timeout=1)
    assert time.monotonic() - start < 20
    assert [d.docx.name for d in done] == ["a.docx", "b-haenger.docx", "c.docx", "d.docx"]
    assert [d.ok for d in done] == [True, False, True, True]
    assert done[1].error == "LibreOffice svarade inte inom 1 sekunder och avbröts"
    assert all(_written(pdf) for (_docx, pdf), d in zip(jobs, done, strict=True) if d.ok)
    assert not jobs[1][1].exists()


def test_a_crash_fails_only_the_document_it_happened_on(tmp_path, soffice) -> None:
    jobs = _docs(tmp_path, "a", "b-kraschar", "c")
    done = convert_all(jobs, soffice=soffice, timeout=30)
    assert [d.ok for d in done] == [True, False, True]
    assert done[1].error == libreoffice.CRASHED
    assert _written(jobs[2][1])


def test_an_error_libreoffice_reports_is_told_in_swedish_with_its_words(tmp_path,
                                                                          soffice) -> None:
    jobs = _docs(tmp_path, "a", "b-felar", "c")
    done = convert_all(jobs, soffice=soffice, timeout=30)
    assert [d.ok for d in done] == [True, False, True]
    assert done[1].error == (
        "LibreOffice kunde inte uppdatera innehållsförteckningen och fälten (LibreOffice "
        "säger: Type: com.sun.star.uno.RuntimeException Message: nej)")
    assert done[1].seconds == 0.012


def test_two_processes_share_the_queue_and_convert_each_job_once(tmp_path, soffice,
                                                                 monkeypatch) -> None:
    record = tmp_path / "konverterade.txt"
    monkeypatch.setenv("FAKE_SOFFICE_RECORD", str(record))
    names = [f"rapport-{i:02d}" for i in range(12)]
    reported = []
    done = convert_all(_docs(tmp_path, *names), soffice=soffice, processes=2, timeout=30,
                       on_done=lambda d: reported.append(d.docx.stem))
    assert all(d.ok for d in done)
    converted = [line.split()[0] for line in record.read_text(encoding="utf-8").splitlines()]
    assert sorted(converted) == [f"{n}.docx" for n in names]
    assert sorted(reported) == names  # each announced once


def _with_comment(docx: Path) -> None:
    doc = Document(str(docx))
    doc.add_comment(doc.add_paragraph("Stämmer detta?").runs[0], text="Kolla", author="C")
    doc.save(str(docx))


def test_a_document_with_comments_is_loaded_shown_the_rest_hidden(tmp_path, soffice,
                                                                  monkeypatch) -> None:
    """LibreOffice 7.4 crashes exporting a hidden document that holds a comment."""
    record = tmp_path / "konverterade.txt"
    monkeypatch.setenv("FAKE_SOFFICE_RECORD", str(record))
    jobs = _docs(tmp_path, "a", "b-redigerad")
    _with_comment(jobs[1][0])
    assert all(d.ok for d in convert_all(jobs, soffice=soffice, timeout=30))
    assert record.read_text(encoding="utf-8").splitlines() == [
        "a.docx hidden", "b-redigerad.docx shown"]


def test_a_document_that_fails_hidden_is_converted_shown(tmp_path, soffice,
                                                         monkeypatch) -> None:
    """A crash or an error when loaded hidden gets one more try, shown, by a fresh process;
    the documents after it are converted once each."""
    record = tmp_path / "konverterade.txt"
    monkeypatch.setenv("FAKE_SOFFICE_RECORD", str(record))
    jobs = _docs(tmp_path, "a", "b-dolt-kraschar", "c", "d-felar", "e")
    done = convert_all(jobs, soffice=soffice, timeout=30)
    assert [d.ok for d in done] == [True, True, True, False, True]
    assert all(_written(pdf) for (_docx, pdf), d in zip(jobs, done, strict=True) if d.ok)
    assert sorted(record.read_text(encoding="utf-8").splitlines()) == [
        "a.docx hidden", "b-dolt-kraschar.docx shown", "c.docx hidden", "e.docx hidden"]
    assert done[3].error is not None and done[3].error.startswith(
        "LibreOffice kunde inte uppdatera")  # failed hidden and shown: told once


def test_documents_can_be_queued_while_libreoffice_runs(tmp_path, soffice) -> None:
    """The batch adds each report as it is written; the first is converted meanwhile."""
    (first, first_pdf), (second, second_pdf) = _docs(tmp_path, "a", "b")
    with Converter(soffice, 1, timeout=30) as converter:
        converter.submit(first, first_pdf)
        deadline = time.monotonic() + 20
        while not _written(first_pdf) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _written(first_pdf), "the first document waited for the last"
        converter.submit(second, second_pdf)
        assert [d.ok for d in converter.finish()] == [True, True]


def test_a_file_that_is_no_docx_fails_without_reaching_libreoffice(tmp_path, soffice) -> None:
    jobs = _docs(tmp_path, "a", "trasig", "c")
    broken = jobs[1][0]
    broken.write_bytes(broken.read_bytes()[:3000])  # a truncated download
    missing = (tmp_path / "in" / "finns-inte.docx", tmp_path / "ut" / "finns-inte.pdf")
    done = convert_all([*jobs, missing], soffice=soffice, timeout=30)
    assert [d.ok for d in done] == [True, False, True, False]
    assert done[1].error == libreoffice.NOT_DOCX
    assert done[3].error == "filen kunde inte läsas (finns inte)"


def test_libreoffice_that_never_starts_fails_every_document(tmp_path) -> None:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    script.chmod(0o755)
    done = convert_all(_docs(tmp_path, "a", "b"), soffice=str(script), timeout=30)
    assert [d.error for d in done] == [libreoffice.NO_PDF] * 2


def test_libreoffice_hanging_at_its_first_start_is_stopped(tmp_path) -> None:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    script.chmod(0o755)
    start = time.monotonic()
    done = convert_all(_docs(tmp_path, "a", "b"), soffice=str(script), timeout=1)
    assert time.monotonic() - start < 10
    assert [d.error for d in done] == ["LibreOffice svarade inte inom 1 sekunder och avbröts"] * 2


def test_closing_early_kills_libreoffice_and_removes_the_work_folder(tmp_path, soffice) -> None:
    (docx, pdf), = _docs(tmp_path, "a-haenger")
    converter = Converter(soffice, 1, timeout=60)
    converter.start()
    converter.submit(docx, pdf)
    work = converter._root
    processes = [p.popen for p in converter._live]
    assert work is not None and work.is_dir() and processes
    converter.close()  # as on an error or Ctrl-C: nothing is waited for
    assert all(p.poll() is not None for p in processes)
    assert not work.exists()
