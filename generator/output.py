"""Writing reports safely: temporary file, then rename; an earlier report is kept.

Economists edit the Word file after it is written, so regenerating must never destroy it:
the previous file is moved to `tidigare/` with a timestamp before the new one takes its place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from generator.errors import OutputError

ARCHIVE = "tidigare"


@contextmanager
def temporary_sibling(target: Path) -> Iterator[Path]:
    """A temporary file in the target's folder (so the rename is atomic); removed on failure."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".~", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        reason = "saknar behörighet" if isinstance(exc, PermissionError) else exc.strerror
        raise OutputError(
            f"Kunde inte skriva i mappen {target.parent} ({reason or 'okänt fel'}). "
            "Kontrollera att mappen går att skriva i, eller välj en annan med --utdata; "
            "ingenting skrevs."
        ) from exc
    os.close(fd)
    tmp = Path(name)
    make_usual(tmp)
    try:
        yield tmp
    finally:
        if tmp.exists():
            tmp.unlink()


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


def write_atomically(target: Path, produce: Callable[[Path], None]) -> Path | None:
    """Call `produce(tmp)`, then replace `target` with tmp; returns where the old one went."""
    for lock in (_lock_file(target), target.with_name("~$" + target.name)):
        if lock.exists():
            raise OutputError(
                f"{target} verkar vara öppen i Word ({lock.name} finns). Stäng dokumentet och "
                "kör igen; ingenting skrevs. Är Word redan stängt har filen blivit kvar efter "
                f"en krasch: ta då bort {lock}."
            )
    with temporary_sibling(target) as tmp:
        produce(tmp)
        try:
            kept = keep_earlier(target)
            os.replace(tmp, target)
        except PermissionError as exc:
            raise OutputError(
                f"Kunde inte skriva {target}: filen är låst, troligen öppen i Word. Stäng den "
                "och kör igen; den tidigare rapporten är orörd."
            ) from exc
    return kept
