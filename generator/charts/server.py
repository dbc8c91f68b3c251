"""A chart server: a process that imports matplotlib while the report process reads the
workbooks, then draws the charts in workers forked from it.

Why: importing matplotlib (about 0,3 s) is the largest single cost of a cold report. Here
it happens once, on the core the report process leaves idle while it reads Excel, and every
drawing worker inherits it through fork instead of importing it again.

The server is started on speculation, before the workbooks are read; when every chart
turns out to be in the cache it is stopped unused. Linux only (fork); elsewhere, with one
core, or when the server is gone, `stage` draws the charts itself as before. A chart the
server could not draw comes back as an exception on its future, and the caller draws it.

One server per process, held in this module: `start()`, `current()`, `stop()`.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from generator.charts.job import Job

_server: ChartServer | None = None


class ServerGone(RuntimeError):
    """The server ended before it drew this chart."""


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - Windows and macOS
        return os.cpu_count() or 1


def can_serve() -> bool:
    """Fork is safe on Linux only, and a second process helps only with a second core."""
    return sys.platform.startswith("linux") and cores() > 1


def start(workers: int | None = None) -> ChartServer | None:
    """Start this process's server (once), if it can help here."""
    global _server
    if _server is not None and not _server.usable:
        stop()  # an earlier run's, released: a new run gets a new server
    if _server is None and can_serve():
        try:
            _server = ChartServer(workers or cores())
        except OSError:  # no process to be had (a limit on processes, little memory)
            _server = None
    return _server


def current() -> ChartServer | None:
    return _server if _server is not None and _server.usable else None


def started() -> ChartServer | None:
    """This process's server, released or not (for its timings)."""
    return _server


def stop() -> None:
    """End the server: at once when it has drawn nothing, else after its last chart."""
    global _server
    if _server is not None:
        _server.close()
        _server = None


class ChartServer:
    """The report process's end: send jobs, get a future per PNG."""

    def __init__(self, workers: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._jobs_in, self._jobs_out = context.Pipe(duplex=False)
        self._results_in, self._results_out = context.Pipe(duplex=False)
        self._process: BaseProcess = context.Process(
            target=_serve, name="diagramritare",
            args=(self._jobs_in, self._results_out, (self._jobs_out, self._results_in),
                  workers))
        self._process.start()
        self._jobs_in.close()
        self._results_out.close()
        self._pending: dict[Path, Future[float]] = {}
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None
        self._used = False
        self._released = False
        self._expected: int | None = None
        self._submitted = 0
        self.import_seconds: float | None = None  # matplotlib, in the server (benchmarks)

    @property
    def usable(self) -> bool:
        return not self._released and self._process.is_alive()

    def expect(self, batches: int) -> None:
        """Say how many reports will submit; after the last one the server is released."""
        self._expected = batches
        if self._submitted >= batches:
            self.release()

    def submit(self, jobs: Sequence[Job]) -> dict[Path, Future[float]]:
        """Hand one report's charts to the server; an empty list counts as a report."""
        futures: dict[Path, Future[float]] = {job.path: Future() for job in jobs}
        if jobs:
            with self._lock:
                self._pending.update(futures)
            try:
                self._jobs_out.send(list(jobs))
                self._used = True
            except (OSError, ValueError):
                self._fail_pending("diagramritaren tog inte emot diagrammen")
            if self._reader is None:
                self._reader = threading.Thread(target=self._read, name="diagramsvar",
                                                daemon=True)
                self._reader.start()
        self._submitted += 1
        if self._expected is not None and self._submitted >= self._expected:
            self.release()
        return futures

    def release(self) -> None:
        """No more jobs: an unused server is ended at once (it may still be importing)."""
        if self._released:
            return
        self._released = True
        if not self._used:
            self._process.terminate()
        else:
            with contextlib.suppress(OSError, ValueError):
                self._jobs_out.send(None)
        self._jobs_out.close()

    def close(self) -> None:
        """Release, wait for the server to end and stop reading its answers."""
        self.release()
        self._process.join(timeout=60)
        if self._process.is_alive():  # pragma: no cover - a hung drawing
            self._process.kill()
            self._process.join()
        if self._reader is not None:
            self._reader.join(timeout=5)
        self._fail_pending("diagramritaren avslutades")
        self._results_in.close()

    def _read(self) -> None:
        """Turn the server's answers into future results, until it closes its end."""
        while True:
            try:
                path, seconds, problem = self._results_in.recv()
            except (EOFError, OSError):
                break
            if path is None:
                self.import_seconds = seconds
                continue
            with self._lock:
                future = self._pending.pop(path, None)
            if future is None:
                continue
            if problem is None:
                future.set_result(seconds)
            else:
                future.set_exception(ServerGone(problem))
        self._fail_pending("diagramritaren avslutades")

    def _fail_pending(self, why: str) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(ServerGone(why))


def _serve(jobs: Connection, results: Connection, parent_ends: Sequence[Connection],
           workers: int) -> None:
    """The server's main loop: import, then draw each batch in a pool forked from here."""
    import signal

    # Ctrl-C reaches the whole process group: the report process handles it (and ends this
    # one), so the user sees one message instead of a traceback per process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in parent_ends:
        end.close()  # else the report process's death would never reach us as end of file
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    start = time.perf_counter()
    try:
        from generator.charts import draw  # what this process is for
    except Exception:  # noqa: BLE001 - the report process meets the same error and says it
        results.close()
        return
    results.send((None, time.perf_counter() - start, None))  # ready: how long importing took
    pool: ProcessPoolExecutor | None = None
    try:
        while True:
            try:
                batch: list[Job] | None = jobs.recv()
            except (EOFError, OSError):
                return
            if batch is None:
                return
            if pool is None:
                pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            futures = {pool.submit(draw.render, job): job for job in batch}
            for future in as_completed(futures):
                path = futures[future].path
                answer: tuple[Path, Any, str | None]
                try:
                    answer = (path, future.result(), None)
                except Exception as exc:  # noqa: BLE001 - the report process draws it instead
                    answer = (path, None, f"{type(exc).__name__}: {exc}")
                results.send(answer)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        results.close()
