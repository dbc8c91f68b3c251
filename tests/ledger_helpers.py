"""Small real ledger files for the import tests, and reading back what was written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

NAMND = "linkoping-son"
PERIOD = "aug-2024"
HEADER = "Period;Konto;Ansvar;Verksamhet;Aktivitet;Objekt;Projekt;Motpart;Belopp;Budget"


def folder_of(workdir: Path) -> Path:
    return workdir / "inputs" / NAMND / PERIOD


def ledger_dir(workdir: Path) -> Path:
    return workdir / "inputs" / NAMND / "huvudbok"


def write_csv(path: Path, rows: list[str], header: str = HEADER, encoding: str = "cp1252",
              newline: str = "\r\n") -> Path:
    path.write_bytes((newline.join([header, *rows]) + newline).encode(encoding))
    return path


def drift(path: Path) -> dict[str, tuple]:
    """utfall.xlsx › Drift: key (code or name) → (Redovisat, Budget, Föregående år)."""
    ws = openpyxl.load_workbook(path)["Drift"]
    rows = list(ws.iter_rows(values_only=True))
    head = rows[0]
    at = [head.index(h) for h in ("Redovisat perioden", "Budget perioden",
                                  "Redovisat samma period föregående år")]
    return {r[0] or r[1]: tuple(_exact(r[i]) for i in at) for r in rows[1:]}


def _exact(value: object) -> object:
    """A float cell as the exact decimal it was written as (0.80005, not 0.8000499…)."""
    return Decimal(repr(value)) if isinstance(value, float) else value


def sheet_rows(path: Path, sheet: str) -> list[tuple]:
    return [tuple(r) for r in openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)]


def avstamning(path: Path) -> dict[tuple[str, str], tuple]:
    """(Avsnitt, Post) → the five amounts, as exact Decimals of kronor."""
    rows = sheet_rows(path, "Avstämning")
    return {(r[0], r[1]): tuple(None if v is None else Decimal(str(v)) for v in r[2:7])
            for r in rows[1:]}


def tkr(kronor: str) -> Decimal:
    """ "1234,56" kr → tkr as written in utfall.xlsx (input unit tkr)."""
    return Decimal(kronor.replace(",", ".")) / 1000
