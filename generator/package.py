"""Byte-for-byte reproducible Office packages: fixed timestamps, a stable part order.

A .docx or .xlsx is a zip; python-docx stamps each part with the time of saving, so the
same content saved twice differs. Rewriting the zip with one fixed time per part (and the
parts in their original order, [Content_Types].xml first as Office expects) makes a
package depend on its content only: the committed template can be checked against a
rebuild, and two runs on the same inputs can give the same file.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def normalise(path: Path, date_time: tuple[int, int, int, int, int, int] = EPOCH) -> None:
    """Rewrite the package at `path` in place with `date_time` on every part."""
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    parts.sort(key=lambda p: p[0] != "[Content_Types].xml")  # stable: keeps the rest's order
    tmp = path.with_name(f".{path.name}.normalised")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts:
                info = zipfile.ZipInfo(name, date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                target.writestr(info, data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
