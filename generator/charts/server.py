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

The server and its drawing workers die with their parent (Linux's parent-death signal), so
a killed report process leaves nothing running, and the report process watches the server,
so a killed server never leaves it waiting.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterable, Sequence
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


def stop(abort: bool = False) -> None:
    """End the server: at once when it has drawn nothing or on `abort` (an error or Ctrl-C:
    charts still drawing are not needed), else after its last chart."""
    global _server
    if _server is not None:
        if _server._owner == os.getpid():  # noqa: SLF001 - a fork leaves it to its owner
            _server.close(abort=abort)
        _server = None


def die_with_parent() -> None:
    """Ask Linux to kill this process when the process that forked it ends."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


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
        self._owner = os.getpid()  # a fork of this process must not use it
        self._jobs_in.close()
        self._results_out.close()
        self._pending: dict[Path, Future[float]] = {}
        self._lock = threading.Lock()
        self._gone: str | None = None  # why no more answers will come, once known
        self._reader = threading.Thread(target=self._read, name="diagramsvar", daemon=True)
        self._reader.start()
        self._used = False
        self._released = False
        self._expected: int | None = None
        self._submitted = 0
        self.import_seconds: float | None = None  # matplotlib, in the server (benchmarks)

    @property
    def usable(self) -> bool:
        return (os.getpid() == self._owner and not self._released and self._gone is None
                and self._process.is_alive())

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
                gone = self._gone
                if gone is None:
                    self._pending.update(futures)
            if gone is not None:
                _fail(futures.values(), gone)
            else:
                try:
                    self._jobs_out.send(list(jobs))
                    self._used = True
                except (OSError, ValueError):
                    self._give_up("diagramritaren tog inte emot diagrammen")
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

    def close(self, abort: bool = False) -> None:
        """Release, wait for the server to end and stop reading its answers; with `abort`,
        end it at once (its workers die with it)."""
        self.release()
        if abort and self._process.is_alive():
            self._process.terminate()
        # Polled, not one join(60): workers of a killed server may hold the pipe that join
        # waits on, while waitpid (is_alive) knows at once.
        deadline = time.monotonic() + 60
        while self._process.is_alive() and time.monotonic() < deadline:
            self._process.join(timeout=0.05)
        if self._process.is_alive():  # pragma: no cover - a hung drawing
            self._process.kill()
            self._process.join()
        self._give_up("diagramritaren avslutades")
        self._reader.join(timeout=5)
        if not self._reader.is_alive():
            self._results_in.close()

    def _read(self) -> None:
        """Turn the server's answers into future results; fail the rest when it is gone.

        The server's death is watched as well as its pipe: workers forked from it hold the
        pipe's other end, so a killed server does not always mean end of file here.
        """
        while self._gone is None:
            try:
                if not self._results_in.poll(0.2):
                    if not self._process.is_alive():
                        break
                    continue
                path, seconds, problem = self._results_in.recv()
            except (EOFError, OSError, ValueError):
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
        self._give_up("diagramritaren avslutades")

    def _give_up(self, why: str) -> None:
        """No answer will come any more: every chart still waited for fails (and is drawn
        by the report process)."""
        with self._lock:
            if self._gone is None:
                self._gone = why
            pending, self._pending = self._pending, {}
        _fail(pending.values(), why)


def _fail(futures: Iterable[Future[float]], why: str) -> None:
    for future in futures:
        if not future.done():
            future.set_exception(ServerGone(why))


def _worker_start(*inherited: Connection) -> None:
    """In each drawing worker: die with the server, and drop the server's pipe ends, so
    that only the server itself keeps them open."""
    die_with_parent()
    for end in inherited:
        end.close()


def _serve(jobs: Connection, results: Connection, parent_ends: Sequence[Connection],
           workers: int) -> None:
    """The server's main loop: import, then draw each batch in a pool forked from here.

    Never raises: anything unexpected ends the server quietly, and the report process,
    seeing it gone, draws what is left and reports any error itself.
    """
    import signal

    die_with_parent()
    # Ctrl-C reaches the whole process group: the report process handles it (and ends this
    # one), so the user sees one message instead of a traceback per process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in parent_ends:
        end.close()  # else the report process's death would never reach us as end of file
    with contextlib.suppress(BaseException):
        _serve_batches(jobs, results, workers)
    with contextlib.suppress(OSError):
        results.close()


def _serve_batches(jobs: Connection, results: Connection, workers: int) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    start = time.perf_counter()
    from generator.charts import draw, style  # what this process is for

    results.send((None, time.perf_counter() - start, None))  # ready: how long importing took
    # While the report process still reads: find the usual template font (a look-up on the
    # system when matplotlib's font list lacks it), so the workers inherit the answer.
    draw.resolve_font(style.font_candidates(style.DEFAULT_FONT))
    pool: ProcessPoolExecutor | None = None
    try:
        while True:
            try:
                batch: list[Job] | None = jobs.recv()
            except (EOFError, OSError):
                return
            if batch is None:
                return
            if pool is not None and pool._broken:  # noqa: SLF001 - a worker died earlier
                pool.shutdown(wait=False, cancel_futures=True)
                pool = None
            if pool is None:
                draw.resolve_font(batch[0].fonts)  # another template's font: before forking
                pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                           initializer=_worker_start, initargs=(jobs, results))
            try:
                futures = {pool.submit(draw.render, job): job for job in batch}
            except BrokenProcessPool:
                for job in batch:
                    results.send((job.path, None, "diagramritarens arbetare avslutades"))
                continue
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
