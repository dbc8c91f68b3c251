"""The PDF for the website, and PNG pages to look at, from the written .docx files.

LibreOffice converts (libreoffice.py: one process, or two, for every report of a run). This
module decides where each PDF goes (beside its report, written atomically, the earlier one
kept in tidigare/), renders the PNG pages, and turns every problem into a Swedish warning:
the .docx is already written when it runs, so nothing here stops a run.

The steps are separate on purpose: `Publisher` converts into its own work folder first and
only then puts the PDFs in place. Between the two, each PDF gets what LibreOffice's export
leaves out for PDF/UA-1 (pdf_ua.py), and its page numbers are written into the contents list
of the report's .docx (toc_pages.py), while LibreOffice converts the next report.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType

from generator.errors import PdfError, ReportError, os_reason
from generator.formatting import format_number
from generator.issues import Issue, warning
from generator.libreoffice import NOT_DOCX, TIMEOUT, Conversion, Converter, find_soffice, run
from generator.output import write_atomically

PNG_DPI = 100
PAGES_DIR = "sidor"
MAX_PROCESSES = 2  # LibreOffice processes for a run of several reports (measured: two cores)

MISSING_SOFFICE = (
    "Ingen PDF skrevs: LibreOffice (programmet soffice) hittades inte. Installera "
    "LibreOffice (https://sv.libreoffice.org/) och kör igen med --pdf; Word-filen skrevs "
    "som vanligt."
)
MISSING_PDFTOPPM = (
    "Inga PNG-sidor skrevs: programmet pdftoppm (Poppler) hittades inte. På Debian/Ubuntu: "
    "apt-get install poppler-utils. PDF:en skrevs som vanligt."
)


def find_pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


def convert(docx: Path, pdf: Path, *, soffice: str, timeout: float = TIMEOUT) -> None:
    """Write `pdf` from `docx` with updated indexes; raises PdfError with a Swedish message."""
    with Converter(soffice, 1, timeout) as converter:
        converter.submit(docx, pdf)
        (done,) = converter.finish()
    if done.error is not None:
        raise PdfError(_no_pdf(done))


def _no_pdf(done: Conversion) -> str:
    """ "Ingen PDF skrevs av rapport.docx: <why>." """
    return f"Ingen PDF skrevs av {done.docx.name}: {done.error}."


def page_images(report: Path) -> tuple[Path, str]:
    """Where a report's PNG pages go: `sidor/` beside it, named `<report>-sida-NN.png`."""
    return report.parent / PAGES_DIR, f"{report.stem}-sida-"


def render_pages(pdf: Path, report: Path, *, pdftoppm: str, dpi: int = PNG_DPI,
                 timeout: float = TIMEOUT) -> list[Path]:
    """Write each page of `pdf` as PNG; pages left over from a longer earlier run are removed."""
    folder, prefix = page_images(report)
    with tempfile.TemporaryDirectory(prefix="delarsrapport-png-") as tmp_name:
        tmp = Path(tmp_name)
        run([pdftoppm, "-r", str(dpi), "-png", str(pdf), str(tmp / "p")], timeout)
        made = sorted(tmp.glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if not made:
            raise PdfError(f"pdftoppm skrev inga sidor av {pdf.name}.")
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{prefix}*.png"):
            old.unlink()
        pages = []
        for n, png in enumerate(made, start=1):
            target = folder / f"{prefix}{n:02d}.png"
            shutil.move(str(png), target)
            pages.append(target)
    return pages


def _os_problem(exc: OSError) -> str:
    """ "outputs/…/rapport.pdf: saknar behörighet" """
    return f"{exc.filename}: {os_reason(exc)}" if exc.filename else os_reason(exc)


@dataclass
class Published:
    """What was written for one report, and why it is less than asked (as warnings)."""

    pdf: Path | None = None
    kept: Path | None = None
    pages: list[Path] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    seconds: float = 0.0  # converting (LibreOffice's time), placing and the PNG pages


class Publisher:
    """The PDFs (and PNG pages) of one run's reports.

    `add` each report as soon as it is written: LibreOffice starts with the first and
    converts while the next ones are being written. `finish` waits for the conversions,
    puts each PDF beside its report and returns one `Published` per report.
    """

    def __init__(self, *, png: bool = False, reports: int = 1, soffice: str | None = None,
                 processes: int | None = None, number_contents: bool = True) -> None:
        self.png = png
        self.number_contents = number_contents  # False: the .docx is the user's, not ours
        self._soffice = soffice
        self._processes = processes or max(1, min(MAX_PROCESSES, reports, _cores()))
        self._reports: list[Path] = []
        self._converter: Converter | None = None
        self._work: Path | None = None
        self._failure: str | None = None  # why no report gets a PDF

    def __enter__(self) -> Publisher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def add(self, report: Path) -> None:
        """Queue a written report for conversion."""
        if self._converter is None and self._failure is None:
            self._start()
        if self._converter is not None and self._work is not None:
            self._converter.submit(report, self._work / f"{len(self._reports)}.pdf")
        self._reports.append(report)

    def _start(self) -> None:
        self._soffice = self._soffice or find_soffice()
        if self._soffice is None:
            self._failure = MISSING_SOFFICE
            return
        try:
            self._work = Path(tempfile.mkdtemp(prefix="delarsrapport-pdfer-"))
        except OSError as exc:
            self._failure = f"Ingen PDF skrevs: {_os_problem(exc)}."
            return
        self._converter = Converter(self._soffice, self._processes, stand_ins=True)
        self._converter.start()

    def finish(self, on_done: Callable[[Conversion], None] = lambda _: None
               ) -> dict[Path, Published]:
        """Wait for the conversions; place the PDFs and their pages; warnings for the rest.

        One `Published` per added report, keyed by the report's path."""
        if self._converter is None:
            why = self._failure or MISSING_SOFFICE
            return {r: Published(issues=[warning(None, why)]) for r in self._reports}
        completing: dict[Path, Future[tuple[list[Issue], str | None]]] = {}
        with ThreadPoolExecutor(max_workers=1) as pool:
            def converted(conversion: Conversion) -> None:
                completing[conversion.pdf] = pool.submit(_complete, conversion,
                                                         self.number_contents)
                on_done(conversion)

            conversions = self._converter.finish(converted)
            self._converter.close()
        done = {}
        for conversion, report in zip(conversions, self._reports, strict=True):
            issues, unusable = completing[conversion.pdf].result()
            if unusable is not None:
                conversion = replace(conversion, error=unusable)
            done[report] = _place(conversion, report)
            done[report].issues[:0] = issues
        if self.png:
            _add_pages([(d, r) for r, d in done.items() if d.pdf])
        return done

    def close(self) -> None:
        """End LibreOffice (at once, before `finish`) and remove the work folder."""
        if self._converter is not None:
            self._converter.close()
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None


def _cores() -> int:
    return os.cpu_count() or 1


def _complete(done: Conversion, number_contents: bool) -> tuple[list[Issue], str | None]:
    """`_complete_pdf`; then the charts' data is let go (half a megabyte a report, which a
    batch would otherwise hold to its end)."""
    try:
        return _complete_pdf(done, number_contents)
    finally:
        done.images.clear()


def _complete_pdf(done: Conversion, number_contents: bool) -> tuple[list[Issue], str | None]:
    """What LibreOffice leaves out: the charts it was given stand-ins for and the PDF/UA-1
    repairs in the PDF and, unless the .docx is the user's own, the PDF's page numbers in
    the .docx's contents list. The warnings, and why the PDF cannot be used (a chart that
    could not be put back). Anything else is a warning: the PDF is still readable, and the
    .docx is already written."""
    if done.error is not None:
        return [], None
    from generator import pdf_images, pdf_ua, toc_pages
    from generator.provenance import last_saved

    issues = []
    try:
        pdf_ua.repair(done.pdf, last_saved(done.docx), done.images)
    except pdf_images.NotRestored as exc:
        return [], _no_charts(str(exc))
    except Exception as exc:  # noqa: BLE001 - pikepdf's errors have no common base we can name
        if done.images:
            try:  # the charts at least, without the repairs
                pdf_images.restore_file(done.pdf, done.images)
            except Exception as again:  # noqa: BLE001 - as above
                return [], _no_charts(str(again) if isinstance(again, pdf_images.NotRestored)
                                      else f"{type(again).__name__}: {again}")
        issues.append(warning(None, (
            f"PDF:en av {done.docx.name} skrevs, men det som LibreOffice utelämnar för "
            f"PDF/UA-1 kunde inte läggas till ({type(exc).__name__}: {exc}). Kontrollera "
            "PDF:ens tillgänglighet innan den publiceras.")))
    if number_contents:
        try:
            toc_pages.write_page_numbers(done.docx, done.pdf)
        except ReportError as exc:  # the .docx is open in Word and locked
            issues.append(warning(None, _unnumbered(done.docx, exc.format_message())))
        except Exception as exc:  # noqa: BLE001 - as above; the report itself is intact
            issues.append(warning(None, _unnumbered(done.docx, f"{type(exc).__name__}: {exc}")))
    return issues, None


def _no_charts(why: str) -> str:
    return (f"diagrammen kunde inte läggas in i PDF:en ({why}); Word-filen skrevs som vanligt, "
            "och PDF:en kan sparas från Word (Spara som › PDF)")


def _unnumbered(docx: Path, why: str) -> str:
    return (f"Sidnumren kunde inte skrivas in i innehållsförteckningen i {docx.name} ({why}); "
            "Word fyller i dem när du uppdaterar fälten (F9).")


def _place(done: Conversion, report: Path) -> Published:
    """Put a converted PDF beside its report; an earlier PDF goes to tidigare/."""
    published = Published(seconds=done.seconds)
    if done.error is not None:
        published.issues.append(warning(None, _no_pdf(done)))
        return published
    start = time.perf_counter()
    target = report.with_suffix(".pdf")

    def copy(tmp: Path) -> None:
        shutil.copyfile(done.pdf, tmp)

    try:
        published.kept = write_atomically(target, copy)
        published.pdf = target
    except ReportError as exc:  # the folder is read-only, the old PDF is open and locked
        published.issues.append(warning(None, f"Ingen PDF skrevs: {exc.format_message()}"))
    except OSError as exc:
        published.issues.append(warning(None, f"Ingen PDF skrevs: {_os_problem(exc)}"))
    published.seconds += time.perf_counter() - start
    return published


def _add_pages(done: Sequence[tuple[Published, Path]]) -> None:
    """PNG pages of every written PDF; pdftoppm runs in parallel, one per core."""
    pdftoppm = find_pdftoppm()
    if pdftoppm is None:
        for published, _report in done:
            published.issues.append(warning(None, MISSING_PDFTOPPM))
        return

    def pages(item: tuple[Published, Path]) -> None:
        published, report = item
        assert published.pdf is not None
        start = time.perf_counter()
        try:
            published.pages = render_pages(published.pdf, report, pdftoppm=pdftoppm)
        except (PdfError, OSError) as exc:
            msg = exc.format_message() if isinstance(exc, PdfError) else _os_problem(exc)
            published.issues.append(warning(None, f"Inga PNG-sidor skrevs: {msg}"))
        published.seconds += time.perf_counter() - start

    if len(done) == 1:
        pages(done[0])
        return
    with ThreadPoolExecutor(max_workers=_cores()) as pool:
        list(pool.map(pages, done))


def publish(report: Path, *, png: bool = False,
            progress: Callable[[str], None] = lambda _: None,
            soffice: str | None = None) -> Published:
    """The PDF beside one written report (and its PNG pages); problems become warnings."""
    start = time.perf_counter()
    progress(f"Skriver {report.with_suffix('.pdf')} med LibreOffice")
    with Publisher(png=png, soffice=soffice) as publisher:
        publisher.add(report)
        done = publisher.finish()[report]
    done.seconds = time.perf_counter() - start
    return done


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.pdf RAPPORT.docx …`: PDFs of edited reports, no regeneration."""
    args = sys.argv[1:] if argv is None else argv
    usage = ("Användning: python -m generator.pdf RAPPORT.docx [RAPPORT.docx …]\n"
             "Gör en PDF av varje Word-fil, bredvid den; Word-filerna ändras inte.")
    if args and args[0] in ("-h", "--help"):
        print(usage)
        return 0
    if not args or not all(a.casefold().endswith(".docx") for a in args):
        print(usage, file=sys.stderr)
        return 2
    missing = [a for a in args if not Path(a).is_file()]
    if missing:
        for name in missing:
            print(f"Fel: {name} finns inte; förväntade en Word-fil (.docx).", file=sys.stderr)
        return 2
    # bad input like a missing file, before any PDF is made (the converter would only warn)
    broken = [a for a in args if not zipfile.is_zipfile(a)]
    if broken:
        for name in broken:
            print(f"Fel: {name}: {NOT_DOCX}.", file=sys.stderr)
        return 2
    start = time.perf_counter()
    reports = [Path(a) for a in args]
    what = reports[0].with_suffix(".pdf") if len(reports) == 1 else f"{len(reports)} PDF:er"
    print(f"… Skriver {what} med LibreOffice", file=sys.stderr)
    with Publisher(reports=len(reports), number_contents=False) as publisher:
        for report in reports:
            publisher.add(report)
        done = list(publisher.finish().values())
    for published in done:
        for issue in published.issues:
            print(issue.render(), file=sys.stderr)
        if published.pdf:
            print(f"Skrev {published.pdf}")
    print(f"Klart: {sum(d.pdf is not None for d in done)} av {len(done)} PDF:er, "
          f"{format_number(time.perf_counter() - start, 1)} s.")
    return 0 if all(d.pdf for d in done) else 1


if __name__ == "__main__":
    sys.exit(main())
