"""Where a font family's files are on this system: asked of fontconfig, else the font folders.

matplotlib keeps its own list of the system's fonts, built on its first run and cached
(`fontlist-v*.json` in its cache folder); it never notices fonts installed later. Carlito
installed after that first run was never used, and every chart fell back to DejaVu Sans
while the report around it was set in Carlito. `draw.resolve_font` asks here for a template
font that matplotlib's list lacks and adds the files it gets to matplotlib's font manager.

No matplotlib here: the files are only found, `draw` checks and adds them. Only fonts
matplotlib lacks are looked up, so a run whose fonts matplotlib knows never gets here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

SUFFIXES = (".ttf", ".otf", ".ttc")
TIMEOUT = 10  # seconds for fc-list; a hung fontconfig must not hold up a report


def _pattern(family: str) -> str:
    """A fontconfig pattern naming just `family` (its special characters escaped)."""
    return re.sub(r"([\\:,\-])", r"\\\1", family)


def _fontconfig(family: str) -> list[Path] | None:
    """The files fontconfig lists under `family`; None when there is no fontconfig.

    fc-list may answer a family with a substitute (Calibri with Carlito), so only files
    whose own family names include `family` are kept.
    """
    exe = shutil.which("fc-list")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--format=%{family}\t%{file}\n", _pattern(family)],
                             capture_output=True, timeout=TIMEOUT, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    wanted = family.casefold()
    files = []
    for line in os.fsdecode(out).splitlines():
        names, _, path = line.partition("\t")
        if path.lower().endswith(SUFFIXES) and \
                wanted in (name.strip().casefold() for name in names.split(",")):
            files.append(Path(path))
    return files


def font_folders() -> list[Path]:
    """The folders fonts are installed in, for systems without fontconfig."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"),
                Path("/Network/Library/Fonts"), home / "Library" / "Fonts"]
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data / "fonts",
            home / ".fonts"]


def _squash(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _in_folders(family: str, folders: list[Path]) -> list[Path]:
    """Files in `folders` whose name starts like `family` (Carlito-Regular.ttf, calibrib.ttf,
    LiberationSans-Bold.ttf); the caller checks the family inside each file."""
    stem = _squash(family)
    found = []
    for folder in folders:
        for root, _, names in os.walk(folder):
            found += [Path(root, n) for n in names
                      if n.lower().endswith(SUFFIXES) and _squash(n).startswith(stem)]
    return sorted(found)


@cache
def installed_files(family: str) -> tuple[Path, ...]:
    """Font files that may hold `family`, per fontconfig or, without it, the font folders."""
    files = _fontconfig(family)
    if files is None:
        files = _in_folders(family, font_folders())
    return tuple(files)
