"""Filling the sent-out workbooks as managers do in Excel, for the unit round-trip tests."""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from example_units import TEXTS, unit_lines  # noqa: E402

NAMND = "linkoping-son"
PERIOD = "aug-2024"
LINES = unit_lines()
UNIT_IDS = sorted({str(line["unit"]) for line in LINES})


def period_folder(base: Path) -> Path:
    return base / "inputs" / NAMND / PERIOD


def sent_folder(base: Path, namnd: str = NAMND) -> Path:
    return base / "outputs" / PERIOD / "utskick" / namnd


def answers_folder(base: Path) -> Path:
    folder = period_folder(base) / "svar"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sent_file(base: Path, unit_id: str, namnd: str = NAMND) -> Path:
    (path,) = sent_folder(base, namnd).glob(f"prognos-{PERIOD}-{unit_id}-*.xlsx")
    return path


def answer(unit_id: str) -> dict[str, tuple[Any, Any]]:
    """The example's answer of one enhet: row key → (Prognos helår, Kommentar)."""
    return {str(line["key"]): (line["forecast"], line["comment"]) for line in LINES
            if line["unit"] == unit_id}


def fill(base: Path, unit_id: str, name: str | None = None,
         forecasts: Mapping[str, Any] | None = None, texts: bool = True,
         saved: datetime | None = None, namnd: str = NAMND,
         folder: Path | None = None) -> Path:
    """Fill the enhet's sent workbook and save it in the answers folder as `name`.

    `forecasts` overrides the example's values per row key (None leaves the cell empty).
    """
    values = {key: value for key, (value, _) in answer(unit_id).items()}
    values.update(forecasts or {})
    comments = {key: comment for key, (_, comment) in answer(unit_id).items()}
    book = openpyxl.load_workbook(sent_file(base, unit_id, namnd))
    ws = book["Prognos"]
    for row in range(2, ws.max_row + 1):
        key = ws.cell(row, 1).value or ws.cell(row, 2).value
        if key in values:
            ws.cell(row, 6).value = values[key]
            ws.cell(row, 8).value = comments.get(key)
    if texts and unit_id in TEXTS:
        sheet = book["Texter"]
        for row in range(2, sheet.max_row + 1):
            for subject, assessment, text in TEXTS[unit_id]:
                if sheet.cell(row, 1).value == subject:
                    sheet.cell(row, 2).value = assessment
                    sheet.cell(row, 3).value = text
    target = (folder or answers_folder(base)) / (name or f"Prognos {unit_id}.xlsx")
    book.save(target)
    if saved is not None:
        set_saved(target, saved)
    return target


def fill_all(base: Path, skip: tuple[str, ...] = ()) -> None:
    for unit_id in UNIT_IDS:
        if unit_id not in skip:
            fill(base, unit_id)


def set_saved(path: Path, when: datetime) -> None:
    """Set the workbook's last-saved time, as Excel writes it into docProps/core.xml."""
    tmp = path.with_suffix(".tmp")
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp + rb"\g<2>", data)
            dst.writestr(item, data)
    shutil.move(tmp, path)


def drift_forecasts(path: Path) -> dict[str, Any]:
    """prognos.xlsx › Drift: row key → Prognos helår."""
    ws = openpyxl.load_workbook(path)["Drift"]
    header = [c.value for c in ws[1]]
    code, name, forecast = (header.index(h) for h in ("Kod", "Verksamhet", "Prognos helår"))
    return {str(r[code] or r[name]): r[forecast] for r in ws.iter_rows(min_row=2,
                                                                        values_only=True)}
