"""Validation findings with the place in the workbooks they come from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True, order=True)
class SourceRef:
    """Where a value came from: file name, sheet and cell (A1 notation)."""

    file: str
    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.cell:
            parts.append(self.cell)
        return " › ".join(parts)


class Severity(Enum):
    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True)
class Issue:
    """One problem found in the input, in Swedish, with its source location."""

    severity: Severity
    ref: SourceRef | None
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def render(self) -> str:
        where = f"{self.ref}: " if self.ref else ""
        label = "Fel" if self.is_error else "Varning"
        return f"{label}: {where}{self.message}"


def error(ref: SourceRef | None, message: str) -> Issue:
    return Issue(Severity.ERROR, ref, message)


def warning(ref: SourceRef | None, message: str) -> Issue:
    return Issue(Severity.WARNING, ref, message)
