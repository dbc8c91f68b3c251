"""Every exception the user can see, in one place.

All are rooted in `ReportError`, a `click.ClickException`, so the CLI prints the Swedish
message without a traceback and exits with code 2 (bad input or bad options).
"""

from __future__ import annotations

import errno
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from generator.issues import Issue


class ReportError(click.ClickException):
    """Base of all expected errors.

    Raised for anything the user can fix; the message is Swedish and names what to change.
    """

    exit_code = 2

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(f"Fel: {self.format_message()}", err=True, file=file)


class PeriodError(ReportError):
    """The --period value is not a month and a year.

    Raised by `period.parse_period`; the message lists the accepted forms.
    """


class InputNotFoundError(ReportError):
    """No input folder or workbook for the requested period or nämnd.

    Raised while locating inputs; the message says where we looked and what exists.
    """


class InvalidInputError(ReportError):
    """The workbooks hold errors that stop the run.

    Raised after validation has collected every problem; `issues` holds them all so that
    the CLI can print one line each followed by a count. With `strict`, warnings count as
    errors. `groups` (heading, issues) splits the lines by nämnd when several were checked.
    """

    def __init__(self, issues: list[Issue], *, strict: bool = False,
                 groups: list[tuple[str, list[Issue]]] | None = None,
                 written: list[Any] | None = None, failed: list[str] | None = None) -> None:
        self.issues = issues
        self.strict = strict
        # Reports of the other nämnder, written before this was raised (ReportResult).
        self.written = written or []
        self.headed = groups is not None
        self.groups = groups if groups is not None else [("", issues)]
        n_errors = sum(1 for i in issues if i.is_error)
        n_warnings = len(issues) - n_errors
        if strict:
            n_errors, n_warnings = len(issues), 0
        text = f"{n_errors} fel"
        if n_warnings:
            text += f" och {n_warnings} {'varning' if n_warnings == 1 else 'varningar'}"
        if self.written and failed:
            text += f" i indata; ingen rapport skrevs för {', '.join(failed)}."
        else:
            text += " i indata, ingen rapport skrevs."
        if strict and any(not i.is_error for i in issues):
            text += " Varningar räknas som fel eftersom --strict angavs."
        super().__init__(text)

    def _line(self, issue: Issue) -> str:
        if self.strict and not issue.is_error:
            return "Fel (varning, --strict): " + issue.render().split(": ", 1)[1]
        return issue.render()

    def lines(self) -> list[str]:
        """The problems that stopped the run, one rendered line each (warnings with strict)."""
        return [self._line(i) for i in self.issues if i.is_error or self.strict]

    def show(self, file: IO[str] | None = None) -> None:
        for heading, issues in self.groups:
            if self.headed and issues:
                click.echo(f"{heading}:", err=True, file=file)
            for issue in issues:
                prefix = "  " if self.headed else ""
                click.echo(prefix + self._line(issue), err=True, file=file)
        click.echo(f"Fel: {self.format_message()}", err=True, file=file)


class TemplateError(ReportError):
    """The Word template is missing or uses a variable the program does not provide.

    Raised by rendering; names the template file and the variable.
    """


class OutputError(ReportError):
    """The report could not be written, for example because Word has it open.

    Raised by the writer; the earlier report is left untouched.
    """


class PdfError(ReportError):
    """LibreOffice or pdftoppm could not make the PDF or its PNG pages.

    Raised by `pdf.convert`, `libreoffice.run` and `pdf.render_pages`; `pdf.Publisher` turns
    every failure into a warning, because the .docx has been written by then.
    """


_OS_REASONS = {
    errno.ENOENT: "finns inte",
    errno.EACCES: "saknar behörighet",
    errno.EPERM: "saknar behörighet",
    errno.EROFS: "enheten är skrivskyddad",
    errno.ENOSPC: "disken är full",
    errno.ENOTDIR: "en del av sökvägen är inte en mapp",
    errno.EISDIR: "är en mapp",
    errno.EBUSY: "används av ett annat program",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.EIO: "läsfel eller skrivfel på enheten",
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Swedish; the system's own text is usually English."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or "okänt fel"
