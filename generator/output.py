"""Writing reports safely: temporary file, then rename; an earlier report is kept.

Economists edit the Word file after it is written, so regenerating must never destroy it:
the previous file is copied to `tidigare/` with a timestamp before the new one takes its
place. A new file byte for byte the same as the one there (a re-run on unchanged inputs)
leaves that one as it is and keeps no copy, or `tidigare/` would fill with duplicates.
An unexpected error's traceback goes to a log file in `logg/`, never to the screen.

A run that is killed (the window closed, the machine turned off) cannot remove its
temporary file; the next run that writes in the folder does. On Linux and macOS each run
holds a lock on its own temporary file, which the system releases when the run ends in any
way, so a file nobody holds is left over and one another run is still writing is never
touched. Windows has no such lock that LibreOffice tolerates while it writes the PDF, so
there a temporary file is left over once it is `STALE_AFTER` old.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import tempfile
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from generator.errors import OutputError, os_reason

ARCHIVE = "tidigare"
LOG_FOLDER = "logg"  # under --utdata, beside the reports
TEMP_PREFIX = ".~"
# What `temporary_sibling` names its files (mkstemp adds 8 of [a-z0-9_]). Word's owner files
# (~$…) and LibreOffice's lock files (.~lock.….docx#) never match.
_TEMPORARY = re.compile(r"\.~[a-z0-9_]{8}\.(?:docx|pdf|png)")
STALE_AFTER = 3600.0  # seconds; only where no lock can tell (Windows)


def write_log(exc: BaseException, outputs: Path, label: str | None = None) -> Path | None:
    """Write the traceback to <utdata>/logg/fel-[<label>-]<time>.log (or the temp folder)."""
    text = "".join(traceback.format_exception(exc))
    stem = f"fel-{label + '-' if label else ''}{datetime.now():%Y%m%d-%H%M%S}"
    for folder in (outputs / LOG_FOLDER, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{stem}.log"
            n = 1
            while path.exists():
                path = folder / f"{stem}-{n}.log"
                n += 1
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def unexpected_error(exc: BaseException, outputs: Path, label: str | None = None) -> str:
    """Log an unexpected exception; the short Swedish message that says where the log is."""
    log = write_log(exc, outputs, label)
    where = (f" Detaljer finns i {log}; skicka filen till den som förvaltar programmet."
             if log else "")
    return (f"Ett oväntat fel inträffade ({type(exc).__name__}). Indata har inte ändrats och "
            f"ingen tidigare rapport har skrivits över.{where}")


@contextmanager
def temporary_sibling(target: Path) -> Iterator[Path]:
    """A temporary file in the target's folder (so the rename is atomic); removed on failure.

    Temporary files that killed runs left in the folder are removed first.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_left_over(target.parent)
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix,
                                    dir=target.parent)
    except OSError as exc:
        raise OutputError(
            f"Kunde inte skriva i mappen {target.parent} ({os_reason(exc)}). "
            "Kontrollera att mappen går att skriva i, eller välj en annan med --utdata; "
            "ingenting skrevs."
        ) from exc
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)  # held until this run is done with the file
    else:
        os.close(fd)
    tmp = Path(name)
    make_usual(tmp)
    try:
        yield tmp
    finally:
        if fcntl is not None:
            os.close(fd)
        if tmp.exists():
            tmp.unlink()


def remove_left_over(folder: Path) -> list[Path]:
    """Delete the temporary files killed runs left in `folder`; return what was deleted."""
    removed = []
    with suppress(OSError):
        for path in folder.iterdir():
            if _TEMPORARY.fullmatch(path.name) and _left_over(path):
                with suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def _left_over(path: Path) -> bool:
    """True if no running program writes `path` (see the module's docstring)."""
    if fcntl is None:
        return time.time() - path.stat().st_mtime > STALE_AFTER
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # held: another run is writing it
    finally:
        os.close(fd)  # also lets go of our own lock
    return True


def make_usual(path: Path) -> None:
    """Give a file from mkstemp (private, 0600) the user's usual permissions.

    A report on a shared drive, or a PDF copied to a web server, must be readable by others.
    """
    umask = os.umask(0o022)
    os.umask(umask)
    path.chmod(0o666 & ~umask)


def _lock_file(target: Path) -> Path:
    # Word writes "~$" + the name (minus its first two characters for long names).
    return target.with_name("~$" + target.name[2:])


def keep_earlier(target: Path, now: datetime | None = None) -> Path | None:
    """Copy an existing report to tidigare/<name>-<timestamp>; return the copy's path."""
    if not target.exists():
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    archive = target.parent / ARCHIVE
    archive.mkdir(exist_ok=True)
    copy = archive / f"{target.stem}-{stamp}{target.suffix}"
    n = 1
    while copy.exists():
        copy = archive / f"{target.stem}-{stamp}-{n}{target.suffix}"
        n += 1
    shutil.copy2(target, copy)
    return copy


def _program(target: Path) -> str:
    """Which program a user has the file open in, for the message."""
    suffix = target.suffix.casefold()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return "Excel eller LibreOffice"
    return "Word" if suffix == ".docx" else "ett annat program"


def ensure_not_open(target: Path) -> None:
    """OutputError if Word, Excel or LibreOffice has `target` open (its lock file is
    there): checked before anything is written, so a run that stops here wrote nothing."""
    lock = lock_beside(target)
    if lock is not None:
        program = _program(target)
        raise OutputError(
            f"{target} verkar vara öppen i {program} ({lock.name} finns). Stäng "
            f"{_noun(target)} och kör igen; ingenting skrevs. Är {program} redan stängt "
            f"har filen blivit kvar efter en krasch: ta då bort {lock}."
        )


def lock_beside(target: Path) -> Path | None:
    """The lock file Word, Excel or LibreOffice keeps beside `target` while it is open.

    LibreOffice's lock (.~lock.<name>#) counts for workbooks only: beside a report it is
    left by a killed conversion of an earlier version and removed by the next run."""
    locks = [_lock_file(target), target.with_name("~$" + target.name)]
    if target.suffix.casefold() != ".docx":
        locks.append(target.with_name(f".~lock.{target.name}#"))
    return next((lock for lock in locks if lock.exists()), None)


def _noun(target: Path) -> str:
    return "dokumentet" if target.suffix.casefold() == ".docx" else "filen"


# Office files (zip packages): the time they were written is in their zip entries and in
# docProps/core.xml's dates, not in what they hold.
PACKAGES = (".docx", ".xlsx", ".xlsm")
CORE_PROPERTIES = "docProps/core.xml"
# A zip whose central directory or members are damaged fails in any of these ways.
ZIP_DAMAGE = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError,
              NotImplementedError, ValueError)
_SAVE_DATES = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def same_bytes(a: Path, b: Path) -> bool:
    """Whether two files hold the same; False when either cannot be read.

    Two Office files are the same when every part is, but for the dates in their core
    properties (a title or author changed there is a change): openpyxl stamps each workbook
    with the time it is saved, so an import or a collection run again on the same figures
    would otherwise always differ from the file it replaces.
    """
    try:
        if filecmp.cmp(a, b, shallow=False):
            return True
    except OSError:
        return False
    if a.suffix.casefold() not in PACKAGES or b.suffix.casefold() not in PACKAGES:
        return False
    try:
        with zipfile.ZipFile(a) as one, zipfile.ZipFile(b) as other:
            if one.namelist() != other.namelist():
                return False
            return all(_undated(n, one.read(n)) == _undated(n, other.read(n))
                       for n in one.namelist())
    except (OSError, *ZIP_DAMAGE):
        return False


def _undated(name: str, part: bytes) -> bytes:
    return _SAVE_DATES.sub(b"", part) if name == CORE_PROPERTIES else part


def write_atomically(target: Path, produce: Callable[[Path], None], keep: bool = True
                     ) -> Path | None:
    """Call `produce(tmp)`, then replace `target` with tmp; returns where the old one went.

    When tmp is byte for byte `target`, `target` stays as it is and no copy is kept (None):
    it would be a duplicate of the file beside it. `keep=False` is for finishing a file
    this run just wrote (the PDF's page numbers in the .docx): there is no earlier version
    of it worth keeping."""
    ensure_not_open(target)
    with temporary_sibling(target) as tmp:
        produce(tmp)
        if same_bytes(tmp, target):
            return None  # nothing new; the temporary file is removed on the way out
        try:
            kept = keep_earlier(target) if keep else None
            os.replace(tmp, target)
        except PermissionError as exc:
            raise OutputError(
                f"Kunde inte skriva {target}: filen är låst, troligen öppen i "
                f"{_program(target)}. Stäng den och kör igen; den tidigare "
                f"{'rapporten' if _noun(target) == 'dokumentet' else 'filen'} är orörd."
            ) from exc
    return kept
