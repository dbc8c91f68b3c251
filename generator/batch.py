"""Every nämnd of a period in one run, in parallel, one failure not stopping the others.

Workers are forked (the parent has already imported the libraries, so a worker starts in
milliseconds) through ProcessPoolExecutor, whose processes are not daemonic and may
themselves fork to draw charts. With --pdf the parent queues each written report for
LibreOffice as the worker reports back, so the PDFs are made while the other reports are
still being written (see pdf.Publisher).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InvalidInputError, ReportError
from generator.output import unexpected_error
from generator.pipeline import Config, ReportResult, build_report

if TYPE_CHECKING:
    from generator.pdf import Publisher


@dataclass
class Outcome:
    """How one nämnd went: its result, or the lines that say why it failed."""

    folder: Path
    result: ReportResult | None = None
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def namnd(self) -> str:
        return self.folder.parent.name

    @property
    def ok(self) -> bool:
        return self.result is not None


def build_one(folder: Path, config: Config) -> Outcome:
    """Build one report; expected and unexpected errors become lines, never exceptions."""
    start = time.perf_counter()
    outcome = Outcome(folder)
    try:
        outcome.result = build_report(folder, config)
    except InvalidInputError as exc:
        outcome.errors = exc.lines() or [exc.message]
    except ReportError as exc:
        outcome.errors = [exc.format_message()]
    except Exception as exc:  # noqa: BLE001 - one nämnd must not stop the others
        outcome.errors = [unexpected_error(exc, config.outputs, folder.parent.name)]
    outcome.seconds = time.perf_counter() - start
    return outcome


def default_workers(n_jobs: int) -> int:
    return max(1, min(n_jobs, os.cpu_count() or 1))


def run_batch(folders: list[Path], config: Config, workers: int | None = None,
              on_done: Callable[[Outcome], None] = lambda _: None,
              pdfs: Publisher | None = None) -> list[Outcome]:
    """Build every folder's report; results in the order of `folders`.

    Each written report is added to `pdfs` (when given) as soon as it is written.
    """
    workers = workers or default_workers(len(folders))
    outcomes: dict[Path, Outcome] = {}

    def done(outcome: Outcome) -> None:
        outcomes[outcome.folder] = outcome
        if pdfs is not None and outcome.result is not None and outcome.result.output:
            pdfs.add(outcome.result.output)
        on_done(outcome)

    if workers > 1 and len(folders) > 1 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(build_one, folder, config) for folder in folders]
            for future in as_completed(futures):
                done(future.result())
    else:
        for outcome in _serial(folders, config):
            done(outcome)
    return [outcomes[f] for f in folders]


def _serial(folders: list[Path], config: Config) -> Iterator[Outcome]:
    for folder in folders:
        yield build_one(folder, config)
