"""The PDF for the website, and PNG pages to look at, from the written .docx.

LibreOffice (headless) is the converter. `soffice --convert-to pdf` does not update the
table of contents, so the PDF would list the headings without page numbers. Instead we run a
small LibreOffice Basic macro: it loads the document hidden, updates every index (twice, in
case the first update moved a page break), refreshes the fields and exports a tagged PDF
(PDF/UA flag, language and title from the document, bookmarks from the headings).

Basic ships with LibreOffice itself, unlike Python-UNO, so nothing beyond the Writer package
is needed. The macro lives in a throw-away user profile (`-env:UserInstallation`), which also
means a conversion never depends on HOME nor disturbs a LibreOffice the user has open.
Paths reach the macro through environment variables, so no quoting of file names is needed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from generator.errors import PdfError, os_reason
from generator.formatting import format_number
from generator.issues import Issue, warning
from generator.output import write_atomically

TIMEOUT = 180.0  # seconds for one conversion; a cold start of LibreOffice takes 1–3 s
PNG_DPI = 100
PAGES_DIR = "sidor"

MISSING_SOFFICE = (
    "Ingen PDF skrevs: LibreOffice (programmet soffice) hittades inte. Installera "
    "LibreOffice (https://sv.libreoffice.org/) och kör igen med --pdf; Word-filen skrevs "
    "som vanligt."
)
MISSING_PDFTOPPM = (
    "Inga PNG-sidor skrevs: programmet pdftoppm (Poppler) hittades inte. På Debian/Ubuntu: "
    "apt-get install poppler-utils. PDF:en skrevs som vanligt."
)

_KNOWN_SOFFICE = (
    Path("C:/Program Files/LibreOffice/program/soffice.exe"),
    Path("C:/Program Files (x86)/LibreOffice/program/soffice.exe"),
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)

_MODULE = "Delarsrapport"
_MACRO = f"macro:///Standard.{_MODULE}.ExportPdf"
_BASIC = """\
' Written by the delårsrapport generator into a temporary LibreOffice profile.
Sub ExportPdf
  On Error GoTo Fail
  Dim loadArgs(1) As New com.sun.star.beans.PropertyValue
  loadArgs(0).Name = "Hidden"
  loadArgs(0).Value = True
  loadArgs(1).Name = "MacroExecutionMode"
  loadArgs(1).Value = 0
  oDoc = StarDesktop.loadComponentFromURL(Environ("DELARSRAPPORT_IN"), "_blank", 0, loadArgs())
  oIndexes = oDoc.getDocumentIndexes()
  For pass = 1 To 2
    For i = 0 To oIndexes.getCount() - 1
      oIndexes.getByIndex(i).update()
    Next i
    oDoc.getTextFields().refresh()
  Next pass
  Dim fd(5) As New com.sun.star.beans.PropertyValue
  fd(0).Name = "UseTaggedPDF"
  fd(0).Value = True
  fd(1).Name = "PDFUACompliance"
  fd(1).Value = True
  fd(2).Name = "ExportBookmarks"
  fd(2).Value = True
  fd(3).Name = "DisplayPDFDocumentTitle"
  fd(3).Value = True
  fd(4).Name = "UseLosslessCompression"
  fd(4).Value = True
  fd(5).Name = "ExportNotes"
  fd(5).Value = False
  Dim storeArgs(1) As New com.sun.star.beans.PropertyValue
  storeArgs(0).Name = "FilterName"
  storeArgs(0).Value = "writer_pdf_Export"
  storeArgs(1).Name = "FilterData"
  storeArgs(1).Value = fd()
  oDoc.storeToURL(Environ("DELARSRAPPORT_OUT"), storeArgs())
  oDoc.close(True)
  StarDesktop.terminate()
  Exit Sub
Fail:
  iFile = FreeFile
  Open Environ("DELARSRAPPORT_ERR") For Output As #iFile
  Print #iFile, "Fel " & Err & " på rad " & Erl & ": " & Error$
  Close #iFile
  StarDesktop.terminate()
End Sub
"""


def _module_xml() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" '
        '"module.dtd">\n'
        '<script:module xmlns:script="http://openoffice.org/2000/script" '
        f'script:name="{_MODULE}" script:language="StarBasic">'
        f'{escape(_BASIC, {chr(34): "&quot;"})}</script:module>\n'
    )


_LIBRARY_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" \
library:readonly="false" library:passwordprotected="false">
 <library:element library:name="{escape(_MODULE)}"/>
</library:library>
"""

_LIBRARIES_XML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" \
"libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" \
xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""


def find_soffice() -> str | None:
    """LibreOffice on PATH (soffice or libreoffice), else where its installers put it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((str(p) for p in _KNOWN_SOFFICE if p.is_file()), None)


def find_pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


def _run(cmd: list[str], timeout: float, env: dict[str, str] | None = None) -> None:
    """Run a command; on timeout kill it and every child (soffice starts soffice.bin)."""
    posix = os.name == "posix"
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=posix)
    try:
        proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
        proc.communicate()
        raise PdfError(f"{Path(cmd[0]).name} svarade inte inom {timeout:.0f} sekunder och "
                       "avbröts.") from None


def _install_macro(profile: Path) -> None:
    basic = profile / "user" / "basic"
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    if not (basic / "script.xlc").is_file():
        (basic / "script.xlc").write_text(_LIBRARIES_XML, encoding="utf-8")
    (basic / "Standard" / "script.xlb").write_text(_LIBRARY_XML, encoding="utf-8")
    (basic / "Standard" / f"{_MODULE}.xba").write_text(_module_xml(), encoding="utf-8")


def convert(docx: Path, pdf: Path, *, soffice: str, timeout: float = TIMEOUT) -> None:
    """Write `pdf` from `docx` with updated indexes; raises PdfError with a Swedish message."""
    with tempfile.TemporaryDirectory(prefix="delarsrapport-pdf-") as tmp_name:
        tmp = Path(tmp_name)
        profile = tmp / "profil"
        user = f"-env:UserInstallation={profile.as_uri()}"
        # A new profile is filled from LibreOffice's presets on first start, which would
        # overwrite our macro: start once to create it, then add the macro.
        _run([soffice, user, "--headless", "--terminate_after_init"], timeout)
        _install_macro(profile)
        # Convert a copy, so that LibreOffice's lock file never appears beside the report.
        source = tmp / docx.name
        shutil.copyfile(docx, source)
        out, err = tmp / "rapport.pdf", tmp / "fel.txt"
        env = {**os.environ, "DELARSRAPPORT_IN": source.as_uri(),
               "DELARSRAPPORT_OUT": out.as_uri(), "DELARSRAPPORT_ERR": str(err)}
        _run([soffice, user, "--headless", "--invisible", "--norestore", "--nologo",
              "--nodefault", "--nolockcheck", _MACRO], timeout, env)
        if err.is_file():
            detail = err.read_text(encoding="utf-8", errors="replace").strip()
            raise PdfError(f"LibreOffice kunde inte göra en PDF av {docx.name} ({detail}).")
        if not out.is_file() or out.read_bytes()[:5] != b"%PDF-":
            raise PdfError(f"LibreOffice skrev ingen PDF av {docx.name}. Kontrollera att "
                           "LibreOffice Writer är installerat och att filen går att öppna.")
        shutil.copyfile(out, pdf)


def page_images(report: Path) -> tuple[Path, str]:
    """Where a report's PNG pages go: `sidor/` beside it, named `<report>-sida-NN.png`."""
    return report.parent / PAGES_DIR, f"{report.stem}-sida-"


def render_pages(pdf: Path, report: Path, *, pdftoppm: str, dpi: int = PNG_DPI,
                 timeout: float = TIMEOUT) -> list[Path]:
    """Write each page of `pdf` as PNG; pages left over from a longer earlier run are removed."""
    folder, prefix = page_images(report)
    with tempfile.TemporaryDirectory(prefix="delarsrapport-png-") as tmp_name:
        tmp = Path(tmp_name)
        _run([pdftoppm, "-r", str(dpi), "-png", str(pdf), str(tmp / "p")], timeout)
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
    """What `publish` wrote, and why it wrote less than asked (as warnings)."""

    pdf: Path | None = None
    kept: Path | None = None
    pages: list[Path] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    seconds: float = 0.0


def publish(report: Path, *, png: bool = False,
            progress: Callable[[str], None] = lambda _: None,
            soffice: str | None = None) -> Published:
    """The PDF beside the written report (and its PNG pages); problems become warnings.

    The .docx is already written when this runs, so nothing here stops the run: a missing
    LibreOffice or a failed conversion is reported in the summary instead.
    """
    done = Published()
    start = time.perf_counter()
    soffice = soffice or find_soffice()
    if soffice is None:
        done.issues.append(warning(None, MISSING_SOFFICE))
        return done
    target = report.with_suffix(".pdf")
    progress(f"Skriver {target} med LibreOffice")
    try:
        done.kept = write_atomically(target, lambda tmp: convert(report, tmp, soffice=soffice))
        done.pdf = target
    except PdfError as exc:
        done.issues.append(warning(None, f"Ingen PDF skrevs: {exc.format_message()}"))
    except OSError as exc:
        done.issues.append(warning(None, f"Ingen PDF skrevs: {_os_problem(exc)}"))
    if png and done.pdf is not None:
        pdftoppm = find_pdftoppm()
        if pdftoppm is None:
            done.issues.append(warning(None, MISSING_PDFTOPPM))
        else:
            progress(f"Skriver sidorna som PNG i {page_images(report)[0]}")
            try:
                done.pages = render_pages(done.pdf, report, pdftoppm=pdftoppm)
            except (PdfError, OSError) as exc:
                msg = exc.format_message() if isinstance(exc, PdfError) else _os_problem(exc)
                done.issues.append(warning(None, f"Inga PNG-sidor skrevs: {msg}"))
    done.seconds = time.perf_counter() - start
    return done


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.pdf RAPPORT.docx`: the PDF for an edited report, no regeneration."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not args[0].endswith(".docx"):
        print("Användning: python -m generator.pdf RAPPORT.docx", file=sys.stderr)
        return 2
    done = publish(Path(args[0]), progress=lambda m: print(f"… {m}", file=sys.stderr))
    for issue in done.issues:
        print(issue.render(), file=sys.stderr)
    if done.pdf:
        print(f"Skrev {done.pdf} ({format_number(done.seconds, 1)} s)")
    return 0 if done.pdf else 1


if __name__ == "__main__":
    sys.exit(main())
