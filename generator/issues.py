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
    """One problem found in the input, with its source location.

    A check in `validate` gives a `code` and its `fields`; the Swedish sentence is made from
    them by `messages.text` only when the issue is shown. Reading a cell gives the sentence
    directly (`message`), since it is already about one cell.
    """

    severity: Severity
    ref: SourceRef | None
    message: str = ""
    code: str = ""
    fields: tuple[tuple[str, str], ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def text(self) -> str:
        if self.code:
            from generator.messages import text

            return text(self.code, dict(self.fields))
        return self.message

    def render(self) -> str:
        where = f"{self.ref}: " if self.ref else ""
        label = "Fel" if self.is_error else "Varning"
        return f"{label}: {where}{self.text}"


def error(ref: SourceRef | None, message: str) -> Issue:
    return Issue(Severity.ERROR, ref, message)


def warning(ref: SourceRef | None, message: str) -> Issue:
    return Issue(Severity.WARNING, ref, message)


def finding(severity: Severity, ref: SourceRef | None, code: str, **fields: object) -> Issue:
    """A check's finding: a code and its fields (formatted figures, names, cells)."""
    return Issue(severity, ref, code=code,
                 fields=tuple((k, str(v)) for k, v in fields.items()))
