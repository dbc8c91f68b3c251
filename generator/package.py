"""Byte-for-byte reproducible Office packages: fixed timestamps, a stable part order.

A .docx or .xlsx is a zip; python-docx stamps each part with the time of saving, so the
same content saved twice differs. Rewriting the zip with one fixed time per part (and the
parts in their original order, [Content_Types].xml first as Office expects) makes a
package depend on its content only: the committed template can be checked against a
rebuild, and two runs on the same inputs can give the same file.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import IO

EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def write_normalised(source: bytes | IO[bytes], target: Path | IO[bytes],
                     date_time: tuple[int, ...] = EPOCH) -> None:
    """Write the package `source` to `target` with `date_time` on every part."""
    data = source if isinstance(source, bytes) else source.read()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [(info.filename, package.read(info.filename)) for info in package.infolist()]
    parts.sort(key=lambda p: p[0] != "[Content_Types].xml")  # stable: keeps the rest's order
    stamp = max(date_time, EPOCH)[:6]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts:
            info = zipfile.ZipInfo(name, stamp)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, content)


def normalise(path: Path, date_time: tuple[int, ...] = EPOCH) -> None:
    """Rewrite the package at `path` in place with `date_time` on every part."""
    data = path.read_bytes()
    tmp = path.with_name(f".{path.name}.normalised")
    try:
        write_normalised(data, tmp, date_time)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
