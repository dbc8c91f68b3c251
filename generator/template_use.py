"""What a Word template shows: the economy tables it places (`{{p tables.X.table }}`).

A report's template decides its content, so the input a kind never shows need not be
filled in: a månadsrapport template without the investment table does not make the
economist type investment figures every month. Read from the template's XML parts with
the markup between runs removed, since Word splits a placeholder over several runs.
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from pathlib import Path

_TAG = re.compile(rb"<[^>]+>")
_TABLE = re.compile(rb"tables\.(\w+)\.table\b")


def shown_tables(template: Path) -> frozenset[str] | None:
    """The ids of the tables the template places, or None when it cannot be read (then
    everything counts as shown)."""
    try:
        stat = template.stat()
    except OSError:
        return None
    return _shown(template, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _shown(template: Path, _mtime: int, _size: int) -> frozenset[str] | None:
    try:
        with zipfile.ZipFile(template) as z:
            parts = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
            text = b"".join(_TAG.sub(b"", z.read(n)) for n in parts)
    except (OSError, zipfile.BadZipFile, KeyError):
        return None
    return frozenset(m.decode() for m in _TABLE.findall(text))
