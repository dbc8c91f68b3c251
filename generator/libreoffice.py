"""LibreOffice as a converter: .docx files in, tagged PDFs with an updated TOC out.

`soffice --convert-to pdf` does not update the table of contents, so the PDF would list the
headings without page numbers. Instead we run a small LibreOffice Basic macro: it loads each
document (hidden, which saves about a tenth of the time, except a document that holds
comments, as a report edited in Word may: LibreOffice 7.4 crashes exporting such a document
hidden; a document that fails hidden is tried once more shown), keeps a table with the
note after it, updates every index
(twice, in case the first update moved a page break), moves a heading that LibreOffice
would leave alone at a page's foot to the next page and refreshes the fields (both once,
between the two updates), and exports a tagged PDF (PDF/UA flag, language and title from
the document, bookmarks from the headings).

LibreOffice converts a copy of each document (`prepare_copy`): content controls that keep
their runs' formatting and, when the caller asks (`stand_ins`), a tiny stand-in for each
chart, which the caller replaces in the PDF by the chart's own image data
(`pdf_images.restore`): encoding the charts anew was a fifth of LibreOffice's time.

Starting LibreOffice costs more than converting one report, so one process converts every
report of a run. The macro takes its documents from a queue folder: each job is a file
(`N.job`, holding the .docx and the PDF URL), claimed by renaming it (`N.claimed`), so two
processes can share one queue, and the queue can be filled while the reports are still
being written. A file named `end` says that no more jobs come. Each step is appended to the
process's log at once (`START N`, `OK N`, `FEL N …`); the parent reads the logs, so a crash
or a hang loses nothing already converted and names the document it happened on. A
watchdog kills a process whose conversion takes longer than the timeout; the job fails, and a
new process (a fresh copy of the profile) takes the rest of the queue.

Basic ships with LibreOffice itself, unlike Python-UNO, so nothing beyond the Writer package
is needed. The macro lives in a throw-away user profile (`-env:UserInstallation`), which also
means a conversion never depends on HOME nor disturbs a LibreOffice the user has open.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from xml.sax.saxutils import escape

from generator.errors import PdfError, os_reason
from generator.pdf_images import STORY_PARTS, Originals, stand_in

TIMEOUT = 180.0  # seconds for one conversion (and for LibreOffice to start)
IDLE = 600.0  # seconds without a new job after which LibreOffice takes the parent for dead
POLL = 0.02  # seconds between looks at the logs

_KNOWN_SOFFICE = (
    Path("C:/Program Files/LibreOffice/program/soffice.exe"),
    Path("C:/Program Files (x86)/LibreOffice/program/soffice.exe"),
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)

_MODULE = "Delarsrapport"
_MACRO = f"macro:///Standard.{_MODULE}.ExportQueue"
_BASIC = """\
' Written by the delårsrapport generator into a temporary LibreOffice profile.
' Converts the jobs of a queue folder in order: N.job holds a .docx URL, a PDF URL and
' "hidden" or "shown" (how to load the document); it is claimed by renaming it to
' N.claimed, so several processes can share the queue. A file named "end" means no more
' jobs. Every step is appended to the log at once. Without a new
' job for DELARSRAPPORT_IDLE seconds, or once the queue folder is gone, the parent is taken
' to have died, and LibreOffice quits rather than wait for ever.
Sub ExportQueue
  Dim sQueue As String, sLog As String, sJob As String, sClaimed As String
  Dim k As Long, bEnd As Boolean, dLast As Date, iIdle As Long
  sQueue = Environ("DELARSRAPPORT_QUEUE")
  sLog = Environ("DELARSRAPPORT_LOG")
  iIdle = CLng(Environ("DELARSRAPPORT_IDLE"))
  Note(sLog, "READY")
  k = 0
  dLast = Now
  Do
    bEnd = FileExists(sQueue & "end")
    sJob = sQueue & k & ".job"
    sClaimed = sQueue & k & ".claimed"
    If FileExists(sJob) Then
      If Claim(sJob, sClaimed) Then ConvertJob(k, sClaimed, sLog)
      k = k + 1
      dLast = Now
    ElseIf FileExists(sClaimed) Then
      k = k + 1
    ElseIf bEnd Or Not FileExists(sQueue) Or DateDiff("s", dLast, Now) > iIdle Then
      Exit Do
    Else
      Wait 20
    End If
  Loop
  StarDesktop.terminate()
End Sub

Function Claim(sJob As String, sClaimed As String) As Boolean
  On Error GoTo Taken
  Name sJob As sClaimed
  Claim = True
  Exit Function
Taken:
  Claim = False
End Function

Sub ConvertJob(k As Long, sClaimed As String, sLog As String)
  Dim sIn As String, sOut As String, sMode As String, sError As String, t As Long
  t = GetSystemTicks()
  Note(sLog, "START " & k)
  On Error GoTo Unreadable
  iFile = FreeFile
  Open sClaimed For Input As #iFile
  Line Input #iFile, sIn
  Line Input #iFile, sOut
  Line Input #iFile, sMode
  Close #iFile
  On Error GoTo 0
  sError = ConvertOne(sIn, sOut, sMode = "hidden")
  If sError = "" Then
    Note(sLog, "OK " & k & " " & (GetSystemTicks() - t))
  Else
    Note(sLog, "FEL " & k & " " & (GetSystemTicks() - t) & " " & sError)
  End If
  Exit Sub
Unreadable:
  Note(sLog, "FEL " & k & " " & (GetSystemTicks() - t) & " job " & OneLine(Error$))
End Sub

Function ConvertOne(sIn As String, sOut As String, bHidden As Boolean) As String
  Dim oDoc As Object
  Dim sPhase As String, sResult As String
  On Error GoTo Fail
  sPhase = "open"
  Dim loadArgs(1) As New com.sun.star.beans.PropertyValue
  loadArgs(0).Name = "MacroExecutionMode"
  loadArgs(0).Value = 0
  loadArgs(1).Name = "Hidden"
  loadArgs(1).Value = bHidden
  oDoc = StarDesktop.loadComponentFromURL(sIn, "_blank", 0, loadArgs())
  If IsNull(oDoc) Then
    sResult = "open"
    GoTo Done
  End If
  sPhase = "update"
  If bHidden Then KeepNotesWithTables(oDoc)
  oIndexes = oDoc.getDocumentIndexes()
  ' The first update fills the contents list, which moves the pages after it; the second
  ' writes their final numbers. The fields are refreshed once, in between, when the pages
  ' have their final places (a second refresh costs 0,06 s and changes nothing).
  For pass = 1 To 2
    For i = 0 To oIndexes.getCount() - 1
      oIndexes.getByIndex(i).update()
    Next i
    If pass = 1 Then
      If bHidden Then KeepWithTables(oDoc)
      oDoc.getTextFields().refresh()
    End If
  Next pass
  sPhase = "export"
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
  oDoc.storeToURL(sOut, storeArgs())
  sResult = ""
  GoTo Done
Fail:
  sResult = sPhase & " " & OneLine(Error$)
  Resume Done
Done:
  On Error Resume Next
  If Not IsNull(oDoc) Then oDoc.close(True)
  ConvertOne = sResult
End Function

' LibreOffice 7.4 carries at most two keep-with-next paragraphs along when a table moves
' to the next page; Word carries them all. A longer run before a table (a heading, a
' subheading, a caption) would leave its first paragraphs alone at the foot of the page,
' so a run that does not end on the table's page gets a page break before it. Nothing
' here may fail a conversion: at worst the page stays as it was. Only for a document
' loaded hidden: moving the view cursor through a document with comments (loaded shown)
' crashes LibreOffice 7.4.
Sub KeepWithTables(oDoc As Object)
  Dim oEnum As Object, oEl As Object, oFirst As Object
  Dim n As Long
  On Error GoTo Skip
  ' Locked, the view does not follow the cursor about: a fifth of the time.
  oDoc.lockControllers()
  oEnum = oDoc.getText().createEnumeration()
  n = 0
  Do While oEnum.hasMoreElements()
    oEl = oEnum.nextElement()
    If oEl.supportsService("com.sun.star.text.TextTable") Then
      If n >= 3 Then KeepWithTable(oDoc, oFirst, oEl)
      n = 0
    ElseIf oEl.ParaKeepTogether Then
      If n = 0 Then oFirst = oEl
      n = n + 1
    Else
      n = 0
    End If
  Loop
  oDoc.unlockControllers()
  Exit Sub
Skip:
  Resume Done
Done:
  On Error Resume Next
  If oDoc.hasControllersLocked() Then oDoc.unlockControllers()
End Sub

' A table's note ("Beloppen är avrundade …", paragraph style Tabellnot) right after it
' goes with it: LibreOffice 7.4 does not read Word's keep-with-next of the last row, and
' left the note alone at the top of the next page. Nothing here may fail a conversion.
' Only for a document loaded hidden: in one with comments (loaded shown) the changed
' layout crashes LibreOffice 7.4 when it exports.
Sub KeepNotesWithTables(oDoc As Object)
  Dim oEnum As Object, oEl As Object, oPrevious As Object
  On Error GoTo Skip
  oEnum = oDoc.getText().createEnumeration()
  Do While oEnum.hasMoreElements()
    oEl = oEnum.nextElement()
    If oEl.supportsService("com.sun.star.text.Paragraph") Then
      If Not IsNull(oPrevious) And oEl.ParaStyleName = "Tabellnot" Then
        oPrevious.KeepTogether = True
      End If
      oPrevious = Nothing
    ElseIf oEl.supportsService("com.sun.star.text.TextTable") Then
      oPrevious = oEl
    End If
  Loop
  Exit Sub
Skip:
  Resume Done
Done:
End Sub

' One run of keep-with-next paragraphs (from oFirst) before oTable. An error here skips
' this table only; the others are still checked.
Sub KeepWithTable(oDoc As Object, oFirst As Object, oTable As Object)
  Dim oCursor As Object, iPage As Long
  On Error GoTo Skip
  If Not OneColumn(oDoc, oFirst) Then Exit Sub
  oCursor = oDoc.getCurrentController().getViewCursor()
  oCursor.gotoRange(oFirst.getStart(), False)
  iPage = oCursor.getPage()
  oCursor.gotoRange(oTable.getCellByName("A1").getText().getStart(), False)
  If oCursor.getPage() > iPage Then
    oFirst.BreakType = com.sun.star.style.BreakType.PAGE_BEFORE
    ' At the top of a page the space above a paragraph is dropped, but not after a break:
    ' without this the heading stood 10 pt lower than when LibreOffice had already moved
    ' it itself, which it does or not by timing (the same file gave two layouts).
    oFirst.ParaTopMargin = 0
  End If
  Exit Sub
Skip:
  Resume Done
Done:
End Sub

' Whether a paragraph is set in one column: in a section or on a page of several, the
' page a paragraph is on is not yet settled where this runs.
Function OneColumn(oDoc As Object, oPar As Object) As Boolean
  Dim vSection As Variant
  OneColumn = False
  vSection = oPar.TextSection  ' empty outside a section
  If Not (IsEmpty(vSection) Or IsNull(vSection)) Then
    If vSection.TextColumns.ColumnCount > 1 Then Exit Function
  End If
  If oDoc.getStyleFamilies().getByName("PageStyles").getByName(oPar.PageStyleName) _
      .TextColumns.ColumnCount > 1 Then Exit Function
  OneColumn = True
End Function

Sub Note(sLog As String, sLine As String)
  iFile = FreeFile
  Open sLog For Append As #iFile
  Print #iFile, sLine
  Close #iFile
End Sub

Function OneLine(s As String) As String
  OneLine = Join(Split(Join(Split(s, Chr(13)), " "), Chr(10)), " ")
End Function
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

# Why a job failed, by the phase the macro was in; LibreOffice's own words follow.
_PHASES = {
    "open": "LibreOffice kunde inte öppna filen; den kan vara skadad eller inte vara ett "
            "Word-dokument",
    "update": "LibreOffice kunde inte uppdatera innehållsförteckningen och fälten",
    "export": "LibreOffice kunde inte spara PDF:en",
    "job": "LibreOffice kunde inte läsa uppdraget",
}
NO_PDF = ("LibreOffice skrev ingen PDF. Kontrollera att LibreOffice Writer är installerat och "
          "att filen går att öppna")
NOT_DOCX = "filen är inte ett Word-dokument (.docx); den kan vara skadad"
CRASHED = "LibreOffice avslutades oväntat medan filen konverterades"


_PLAIN_TEXT = re.compile(rb"<w:text(?:\s[^>]*)?/>")


def prepare_copy(docx: Path, stand_ins: bool = False) -> Originals:
    """Rewrite the copy LibreOffice converts (once, whatever changes); what stands in for
    what.

    Its content controls become rich-text ones: LibreOffice 7.4 reads a plain-text control
    (`<w:text/>`, as every figure of a report is) as an input field and drops the
    formatting of the runs in it, so a bold sum or a figure quoted in a bold sentence came
    out regular in the PDF. As a rich-text control it keeps them, and the text is the same.
    With `stand_ins`, each of our charts becomes a tiny stand-in, whose place in the PDF
    `pdf_images.restore` then gives the chart's own image data (a fifth of LibreOffice's
    time). Only the throw-away copy changes: the report keeps plain-text controls, which
    LibreOffice keeps (by their alias) when it saves a report, as `generate uppdatera`
    needs. A copy that cannot be rewritten is converted as it is; LibreOffice then says
    what is wrong with it.
    """
    try:
        with zipfile.ZipFile(docx) as z:
            entries = [(info, z.read(info)) for info in z.infolist()]
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return {}
    changed = [(info, _PLAIN_TEXT.sub(b"", data)
                if STORY_PARTS.fullmatch(info.filename) else data) for info, data in entries]
    originals: Originals = {}
    if stand_ins:
        changed, originals = stand_in(changed)
    if all(new is old for (_, new), (_, old) in zip(changed, entries, strict=True)):
        return originals
    tmp = docx.with_name(docx.name + ".tmp")
    # Stored, not compressed: a local copy read once; a third of the time.
    with zipfile.ZipFile(tmp, "w") as out:
        for info, data in changed:
            out.writestr(info, data, compress_type=zipfile.ZIP_STORED)
    os.replace(tmp, docx)
    return originals


def _has_comments(docx: Path) -> bool:
    """Whether a .docx holds comments (word/comments.xml and its companions)."""
    try:
        with zipfile.ZipFile(docx) as z:
            return any("comments" in name.lower() for name in z.namelist())
    except (OSError, zipfile.BadZipFile):
        return True  # load it shown, the safe way; opening it will say what is wrong


def find_soffice() -> str | None:
    """LibreOffice on PATH (soffice or libreoffice), else where its installers put it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((str(p) for p in _KNOWN_SOFFICE if p.is_file()), None)


def timed_out(program: str, timeout: float) -> str:
    return f"{program} svarade inte inom {timeout:.0f} sekunder och avbröts"


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill a process and its children (soffice starts soffice.bin)."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(proc.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        proc.kill()
    proc.wait()


def _popen(cmd: list[str], env: dict[str, str] | None = None,
           stdout: int = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=stdout,
                            stderr=subprocess.STDOUT, start_new_session=os.name == "posix")


def run(cmd: list[str], timeout: float, env: dict[str, str] | None = None,
        name: str | None = None) -> None:
    """Run a command to its end; on timeout kill it and every child, raising PdfError."""
    proc = _popen(cmd, env, stdout=subprocess.PIPE)
    try:
        proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise PdfError(f"{timed_out(name or Path(cmd[0]).name, timeout)}.") from None


def _install_macro(profile: Path) -> None:
    basic = profile / "user" / "basic"
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    if not (basic / "script.xlc").is_file():
        (basic / "script.xlc").write_text(_LIBRARIES_XML, encoding="utf-8")
    (basic / "Standard" / "script.xlb").write_text(_LIBRARY_XML, encoding="utf-8")
    (basic / "Standard" / f"{_MODULE}.xba").write_text(_module_xml(), encoding="utf-8")


def make_profile(soffice: str, profile: Path, timeout: float = TIMEOUT) -> None:
    """A LibreOffice user profile holding our macro.

    A new profile is filled from LibreOffice's presets on first start, which would overwrite
    the macro: start once to create it, then add the macro. Copies of the result work too.
    """
    run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--terminate_after_init"], timeout, name="LibreOffice")
    _install_macro(profile)
    _mark_version(profile, product_version(soffice))


def product_version(soffice: str) -> str | None:
    """LibreOffice's "7.4", from the installation's registry beside the program, if found."""
    program = Path(soffice).resolve().parent
    for registry in (program.parent / "share" / "registry" / "main.xcd",  # Linux, Windows
                     program.parent / "Resources" / "registry" / "main.xcd"):  # macOS
        try:
            found = _VERSION.search(registry.read_bytes())
        except OSError:
            continue
        if found:
            return found[1].decode("ascii")
    return None


_VERSION = re.compile(rb'<prop oor:name="ooSetupVersion">\s*<value>(\d+\.\d+)</value>')
_LAST_VERSION = ('<item oor:path="/org.openoffice.Setup/Product"><prop '
                 'oor:name="ooSetupLastVersion" oor:op="fuse"><value>{}</value></prop></item>\n')


def _mark_version(profile: Path, version: str | None) -> None:
    """Record that this profile has met this LibreOffice version.

    A profile that has not is taken for the first start after an upgrade, and LibreOffice
    then runs its graphics self-tests (about 100 drawings, 1,3 s of CPU here) in every
    process, on every run. The tests only choose a screen backend, so the PDF is the same.
    """
    settings = profile / "user" / "registrymodifications.xcu"
    if version is None or not settings.is_file():
        return
    text = settings.read_text(encoding="utf-8")
    if "</oor:items>" in text and "ooSetupLastVersion" not in text:
        settings.write_text(text.replace("</oor:items>",
                                         _LAST_VERSION.format(version) + "</oor:items>"),
                            encoding="utf-8")


@dataclass(frozen=True)
class Conversion:
    """One document's outcome: the PDF written, or the Swedish reason why not."""

    docx: Path
    pdf: Path
    error: str | None = None
    seconds: float = 0.0  # LibreOffice's own time for the document
    # What the PDF's stand-ins stand in for: `pdf_images.restore` must run before the PDF is
    # used (pdf.Publisher does, and then empties it).
    images: Originals = field(default_factory=dict, compare=False)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class _Process:
    """One running LibreOffice and what its log has said so far."""

    popen: subprocess.Popen[bytes]
    log: Path
    launched: float  # time.time(), compared with the log's mtime
    ready: bool = False
    current: int | None = None  # the queue entry it is converting
    started: int = 0  # jobs it has begun
    read: int = 0  # bytes of the log already read
    pending: bytes = b""


class Converter:
    """LibreOffice processes converting a queue of .docx files to tagged PDFs.

    `start` launches them (they wait for jobs), `submit` queues a document as soon as it
    exists, `finish` waits for every job and returns one `Conversion` per submitted
    document, in order. A failing document fails alone; see the module docstring.
    """

    def __init__(self, soffice: str, processes: int = 1, timeout: float = TIMEOUT,
                 idle: float = IDLE, stand_ins: bool = False) -> None:
        self.soffice = soffice
        self.stand_ins = stand_ins  # charts as stand-ins (see prepare_copy): the caller restores
        self.processes = max(1, processes)
        self.timeout = timeout
        self.idle = idle  # seconds without a new job after which LibreOffice quits
        self._root: Path | None = None
        self._broken: str | None = None  # why no process can convert anything
        self._jobs: list[tuple[Path, Path]] = []
        self._queued: list[int] = []  # job number of each queue entry (the macro's N)
        self._hidden: set[int] = set()  # queue entries loaded hidden
        self._retried: set[int] = set()  # jobs queued again, shown, after failing hidden
        self._done: dict[int, Conversion] = {}
        self._images: dict[int, Originals] = {}  # per job: what its copy's stand-ins are
        self._live: list[_Process] = []
        self._launches = 0
        self._owner = os.getpid()

    def __enter__(self) -> Converter:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def _queue(self) -> Path:
        assert self._root is not None, "Converter.start() first"
        return self._root / "queue"

    def start(self) -> None:
        """Make the profile and launch the processes; they wait for the first job."""
        try:
            self._root = Path(tempfile.mkdtemp(prefix="delarsrapport-pdf-"))
            self._queue.mkdir()
            make_profile(self.soffice, self._root / "profil", self.timeout)
            for _ in range(self.processes):
                self._launch()
        except PdfError as exc:
            self._broken = exc.format_message().rstrip(".")
        except OSError as exc:  # soffice not executable, disk full
            self._broken = f"LibreOffice kunde inte startas ({exc.strerror or exc})"

    def _launch(self) -> None:
        assert self._root is not None
        n = self._launches
        self._launches += 1
        profile = self._root / f"profil-{n}"
        shutil.copytree(self._root / "profil", profile)
        log = self._root / f"logg-{n}.txt"
        env = {**os.environ, "DELARSRAPPORT_QUEUE": self._queue.as_uri() + "/",
               "DELARSRAPPORT_LOG": log.as_uri(), "DELARSRAPPORT_IDLE": str(int(self.idle))}
        popen = _popen([self.soffice, f"-env:UserInstallation={profile.as_uri()}",
                        "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                        "--nolockcheck", _MACRO], env)
        self._live.append(_Process(popen, log, time.time()))

    def submit(self, docx: Path, pdf: Path) -> None:
        """Queue `docx`, to be written as `pdf`. A copy is converted, so that LibreOffice's
        lock file never appears beside the report."""
        k = len(self._jobs)
        self._jobs.append((docx, pdf))
        if self._broken is not None:
            self._fail(k, self._broken)
            return
        try:
            source = self._queue.parent / "in" / str(k) / docx.name
            source.parent.mkdir(parents=True)
            shutil.copyfile(docx, source)
        except OSError as exc:
            self._fail(k, f"filen kunde inte läsas ({os_reason(exc)})")
            return
        if not zipfile.is_zipfile(source):  # LibreOffice would make a PDF of it as text
            self._fail(k, NOT_DOCX)
            return
        try:
            self._images[k] = prepare_copy(source, self.stand_ins)
        except OSError as exc:  # the disk is full
            self._fail(k, f"filen kunde inte lämnas till LibreOffice ({os_reason(exc)})")
            return
        self._enqueue(k, hidden=not _has_comments(source))
        self._pump()

    def _enqueue(self, k: int, hidden: bool) -> None:
        """Give job `k` (its copy already in place) to the processes as the next entry."""
        n = len(self._queued)
        tmp = self._queue / f"{n}.tmp"
        source = self._queue.parent / "in" / str(k) / self._jobs[k][0].name
        mode = "hidden" if hidden else "shown"
        try:
            tmp.write_text(f"{source.as_uri()}\n{self._jobs[k][1].resolve().as_uri()}\n{mode}\n",
                           encoding="utf-8")
            os.replace(tmp, self._queue / f"{n}.job")  # whole, or not at all
        except OSError as exc:
            self._fail(k, f"filen kunde inte lämnas till LibreOffice ({os_reason(exc)})")
            return
        self._queued.append(k)
        if hidden:
            self._hidden.add(n)

    def _retry_shown(self, n: int) -> bool:
        """Queue entry `n` failed: queue its job again, shown, if it was loaded hidden (once).
        Loading hidden is what makes LibreOffice 7.4 crash on a comment; whatever else might
        fail only hidden gets the same second chance."""
        k = self._queued[n]
        if n not in self._hidden or k in self._retried or k in self._done:
            return False
        self._retried.add(k)
        # A crashed LibreOffice leaves its lock file beside the copy, and the next one would
        # then refuse to open it.
        for lock in (self._queue.parent / "in" / str(k)).glob(".~lock.*#"):
            with contextlib.suppress(OSError):
                lock.unlink()
        self._enqueue(k, hidden=False)
        return k not in self._done  # (failed if it could not be queued)

    def finish(self, on_done: Callable[[Conversion], None] = lambda _: None
               ) -> list[Conversion]:
        """Wait for every submitted job; `on_done` hears of each as it ends."""
        if self._broken is None:
            (self._queue / "end").touch()
        reported: set[int] = set()
        while True:
            self._pump()
            for k in sorted(set(self._done) - reported):
                reported.add(k)
                on_done(self._done[k])
            if len(self._done) == len(self._jobs):
                break
            time.sleep(POLL)
        return [self._done[k] for k in range(len(self._jobs))]

    def close(self) -> None:
        """Kill the processes and remove the work folder.

        After `finish` every PDF is written and closed, and LibreOffice is only quitting:
        killing it saves the time it takes to tidy a profile that is deleted anyway. Before
        `finish` (an error, Ctrl-C) nothing is waited for either.
        """
        if os.getpid() != self._owner:
            return  # a forked child: the processes and the folder are its parent's
        for proc in self._live:
            _kill(proc.popen)
        self._live.clear()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

    # -- watching the processes ------------------------------------------------------------

    def _fail(self, k: int, reason: str, seconds: float = 0.0) -> None:
        self._images.pop(k, None)
        if k not in self._done:
            docx, pdf = self._jobs[k]
            self._done[k] = Conversion(docx, pdf, reason, seconds)

    def _succeed(self, k: int, seconds: float) -> None:
        docx, pdf = self._jobs[k]
        try:
            with pdf.open("rb") as f:
                written = f.read(5) == b"%PDF-"
        except OSError:
            written = False
        if not written:
            self._fail(k, NO_PDF, seconds)
        elif k not in self._done:
            self._done[k] = Conversion(docx, pdf, None, seconds, self._images.pop(k, {}))

    def _read(self, proc: _Process) -> None:
        """Act on the complete lines the process has added to its log."""
        try:
            with proc.log.open("rb") as f:
                f.seek(proc.read)
                chunk = f.read()
        except FileNotFoundError:
            return
        proc.read += len(chunk)
        proc.pending += chunk
        *lines, proc.pending = proc.pending.split(b"\n")
        for raw in lines:
            with contextlib.suppress(ValueError, IndexError):  # not a line the macro writes
                self._act(proc, *raw.decode("utf-8", "replace").strip().split(" ", 4))

    def _act(self, proc: _Process, word: str, *fields: str) -> None:
        """One log line: READY; START n; OK n ms; FEL n ms phase LibreOffice's message."""
        if word == "READY":
            proc.ready = True
        elif word == "START":
            proc.current = int(fields[0])
            proc.started += 1
        elif word in ("OK", "FEL"):
            n = int(fields[0])
            k, seconds = self._queued[n], max(0, int(fields[1])) / 1000
            proc.current = None
            if word == "OK":
                self._succeed(k, seconds)
                return
            if self._retry_shown(n):
                return
            reason = _PHASES.get(fields[2] if len(fields) > 2 else "", _PHASES["export"])
            said = f" (LibreOffice säger: {fields[3]})" if len(fields) > 3 else ""
            self._fail(k, reason + said, seconds)

    def _hung(self, proc: _Process) -> bool:
        """Silent for longer than the timeout while converting, starting, or (once the
        queue is complete) neither quitting nor taking a job."""
        try:
            since = max(proc.log.stat().st_mtime, proc.launched)
        except FileNotFoundError:
            since = proc.launched
        if proc.ready and proc.current is None:
            end = self._queue / "end"
            if not end.exists():
                return False  # waiting for jobs
            since = max(since, end.stat().st_mtime)
        return time.time() - since > self.timeout

    def _pump(self) -> None:
        """Read the logs; handle dead and hung processes; replace them while jobs remain."""
        for proc in list(self._live):
            self._read(proc)
            if proc.popen.poll() is not None:
                self._read(proc)  # the last lines before it quit
                reason = CRASHED if proc.ready else NO_PDF
            elif self._hung(proc):
                _kill(proc.popen)
                self._read(proc)
                reason = timed_out("LibreOffice", self.timeout)
            else:
                continue
            self._live.remove(proc)
            if proc.current is not None and not (
                    reason == CRASHED and self._retry_shown(proc.current)):
                self._fail(self._queued[proc.current], reason)
            waiting = any((self._queue / f"{n}.job").exists()
                          for n, k in enumerate(self._queued) if k not in self._done)
            if proc.started and (waiting or not (self._queue / "end").exists()):
                with contextlib.suppress(OSError):  # then the jobs fail below
                    self._launch()  # it got somewhere: a fresh process takes the rest
            if not self._live:
                # Nobody is left for the queue (or for a job a dead process had claimed);
                # jobs submitted from now on fail at once.
                self._broken = reason
                for k in range(len(self._jobs)):
                    self._fail(k, reason)


def convert_all(jobs: Sequence[tuple[Path, Path]], *, soffice: str, processes: int = 1,
                timeout: float = TIMEOUT,
                on_done: Callable[[Conversion], None] = lambda _: None) -> list[Conversion]:
    """Convert each (docx, pdf) pair; one `Conversion` per pair, in order."""
    with Converter(soffice, processes, timeout) as converter:
        for docx, pdf in jobs:
            converter.submit(docx, pdf)
        return converter.finish(on_done)
