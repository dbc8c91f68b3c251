"""`generate utskick` and `generate samla` for every chosen nämnd: the CLI's one call each.

All or nothing: every nämnd's setup and answers are read and checked before anything is
written, so one run names every problem and an error leaves every file as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import click

from generator.errors import InputNotFoundError, ReportError
from generator.excel.schema import ENHETER, PROGNOS
from generator.issues import Issue
from generator.locate import find_input_dirs
from generator.orgunits import prognos
from generator.orgunits.answers import answer_files, read_answer
from generator.orgunits.collect import Collected, collect
from generator.orgunits.layout import ANSWERS_FOLDER
from generator.orgunits.model import Answer, UnitSetup
from generator.orgunits.send import Sent, send_units
from generator.orgunits.setup import has_units, load_setup
from generator.period import Period


class UnitInputError(ReportError):
    """The unit setup or the returned workbooks hold errors; nothing was written.

    Raised by `utskick` and `samla` after every nämnd was checked; `groups` holds each
    nämnd's issues (warnings too), printed one line each before the count.
    """

    def __init__(self, groups: list[tuple[str, list[Issue]]], nothing: str) -> None:
        self.groups = groups
        n_errors = sum(1 for _, issues in groups for i in issues if i.is_error)
        super().__init__(f"{n_errors} fel; {nothing}.")

    def show(self, file: IO[str] | None = None) -> None:
        for heading, issues in self.groups:
            if issues:
                click.echo(f"{heading}:", err=True, file=file)
            for issue in issues:
                click.echo(f"  {issue.render()}", err=True, file=file)
        click.echo(f"Fel: {self.format_message()}", err=True, file=file)


def unit_folders(inputs: Path, period: Period, namnd: str | None) -> list[Path]:
    """The period folders of the nämnder that have enheter.xlsx."""
    folders = [f for f in find_input_dirs(inputs, period, namnd) if has_units(f)]
    if not folders:
        where = f"nämnden {namnd}" if namnd else "någon nämnd"
        raise InputNotFoundError(
            f"{ENHETER.filename} finns inte för {where} i perioden {period.slug}. Enheternas "
            f"prognoser kräver arbetsboken {ENHETER.filename} i periodens mapp, med enheterna, "
            "deras ansvariga och vilka verksamhetsrader de hör till (se README).")
    return folders


def _setups(folders: list[Path], period: Period, nothing: str
            ) -> list[tuple[UnitSetup, list[Issue]]]:
    loaded = [(folder, *load_setup(folder, period)) for folder in folders]
    if any(setup is None for _, setup, _ in loaded):
        raise UnitInputError([(f"{f.parent.name}, {period.slug}", issues)
                              for f, _, issues in loaded], nothing)
    return [(setup, issues) for _, setup, issues in loaded if setup is not None]


@dataclass
class SendResult:
    setup: UnitSetup
    folder: Path
    sent: list[Sent]
    warnings: list[Issue]


def utskick(inputs: Path, outputs: Path, period: Period, namnd: str | None,
            target: Path | None, progress: Callable[[str], None]) -> list[SendResult]:
    """Write every enhet's workbook; `target` (or outputs/<period>/utskick/) per nämnd."""
    folders = unit_folders(inputs, period, namnd)
    for folder in folders:
        progress(f"Läser {folder / ENHETER.filename}")
    setups = _setups(folders, period, "inga arbetsböcker skrevs")
    results = []
    for setup, issues in setups:
        if target is None:
            out = outputs / period.slug / "utskick" / setup.namnd_key
        else:
            out = target / setup.namnd_key if len(setups) > 1 else target
        results.append(SendResult(setup, out, send_units(setup, out, progress), issues))
    return results


@dataclass
class CollectResult:
    collected: Collected
    folder: Path         # where the answers were read
    files: int           # workbooks read there for this nämnd
    written: Path | None = None
    kept: Path | None = None
    changed: int = 0
    moves: list[tuple[str, str, str]] = field(default_factory=list)  # row, before, now
    unchanged: bool = False  # prognos.xlsx already held exactly this
    warnings: list[Issue] = field(default_factory=list)


def samla(inputs: Path, period: Period, namnd: str | None, folder: Path | None,
          carry_missing: bool, progress: Callable[[str], None]) -> list[CollectResult]:
    """Read, check and sum the answers, then write each nämnd's prognos.xlsx."""
    nothing = f"{PROGNOS.filename} skrevs inte"
    folders = unit_folders(inputs, period, namnd)
    setups = _setups(folders, period, nothing)
    read: dict[Path, tuple[list[Answer], list[Issue]]] = {}
    groups: list[tuple[str, list[Issue]]] = []
    results: list[tuple[CollectResult, prognos.PrognosUpdate | None]] = []
    sharing: dict[Path, set[str]] = {}
    for setup, _ in setups:
        where = folder if folder is not None else setup.folder / ANSWERS_FOLDER
        sharing.setdefault(where, set()).add(setup.namnd_key)
    for setup, issues in setups:
        where = folder if folder is not None else setup.folder / ANSWERS_FOLDER
        if where not in read:
            read[where] = _read_folder(where, progress)
        answers, file_issues = read[where]
        others = sharing[where] - {setup.namnd_key}
        mine = [a for a in answers if a.namnd_key not in others]
        names = {a.path.name for a in mine}
        own_issues = [i for i in file_issues if i.ref is None or i.ref.file in names
                      or not any(i.ref.file == a.path.name for a in answers)]
        unreadable = sorted({i.ref.file for i in own_issues if i.is_error and i.ref is not None
                             and i.ref.file not in names})
        collected = collect(setup, mine, carry_missing, unreadable)
        # What is wrong with an answer a later one replaced does not matter: it is not used.
        replaced = {a.path.name for a in collected.replaced}
        own_issues = [i for i in own_issues if i.ref is None or i.ref.file not in replaced]
        all_issues = [*issues, *own_issues, *collected.issues]
        update = None
        if not any(i.is_error for i in all_issues):
            update = prognos.prepare(collected, all_issues)
        groups.append((f"{setup.namnd_key}, {period.slug}", all_issues))
        results.append((CollectResult(collected, where, len(mine)), update))
    if any(i.is_error for _, issues in groups for i in issues):
        raise UnitInputError(groups, nothing)
    out = []
    for (result, update), (_, issues) in zip(results, groups, strict=True):
        assert update is not None
        progress(f"Skriver {update.path}")
        result.kept = prognos.save(update)
        result.written, result.changed, result.moves = update.path, update.changed, update.moves
        result.unchanged = update.unchanged
        result.warnings = issues
        out.append(result)
    return out


def _read_folder(folder: Path, progress: Callable[[str], None]
                 ) -> tuple[list[Answer], list[Issue]]:
    if not folder.is_dir():
        raise InputNotFoundError(
            f"Mappen {folder} finns inte. Lägg enheternas ifyllda arbetsböcker där (filerna får "
            "heta vad som helst), eller ange mappen: generate samla --period … MAPP.")
    files, issues = answer_files(folder)
    progress(f"Läser {len(files)} {'arbetsbok' if len(files) == 1 else 'arbetsböcker'} i {folder}")
    answers = []
    for path in files:
        answer, found = read_answer(path)
        issues.extend(found)
        if answer is not None:
            answers.append(answer)
    return answers, issues
