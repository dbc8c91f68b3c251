"""Answers from the enheter that arrived after the last `generate samla`.

A report written from prognos.xlsx while newer answers wait in `svar/` goes out with the old
figures, and nothing else would say so. `samla` leaves prognos.xlsx's time at the moment it
collected (also when the answers changed nothing), so an answer saved in `svar/` after that
has not been collected. Cheap: a directory listing and a stat per file.
"""

from __future__ import annotations

from pathlib import Path

from generator.excel.schema import PROGNOS
from generator.issues import Issue, SourceRef, warning
from generator.orgunits.layout import ANSWERS_FOLDER, WORKBOOK_SUFFIXES, never_an_answer

SHOWN = 3  # files named in the warning; the rest are counted


def uncollected(folder: Path) -> list[Issue]:
    """A warning naming the answers in `folder`/svar newer than its prognos.xlsx."""
    answers, prognos = folder / ANSWERS_FOLDER, folder / PROGNOS.filename
    if not answers.is_dir() or not prognos.is_file():
        return []
    since = prognos.stat().st_mtime
    newer = sorted(p.name for p in answers.iterdir()
                   if not never_an_answer(p.name) and p.suffix.casefold() in WORKBOOK_SUFFIXES
                   and p.is_file() and p.stat().st_mtime > since)
    if not newer:
        return []
    shown = ", ".join(newer[:SHOWN]) + (f" och {len(newer) - SHOWN} till"
                                        if len(newer) > SHOWN else "")
    return [warning(SourceRef(f"{ANSWERS_FOLDER}/"), (
        f"{shown} har sparats efter att svaren senast samlades in till {PROGNOS.filename}; "
        f"kör generate samla --period {folder.name}, annars kommer de inte med i rapporten"))]
