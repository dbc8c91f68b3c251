"""Read a big text export on two cores: this process reads the first half, a child the second.

A million-line ledger takes seconds in one Python process, and the machines the import runs
on have at least two cores. The file is cut at a line boundary the reader chooses (the
start of a record), each half is read by the same function into a partial result, and the
partial results are merged. Reading is the same function on both sides, so
a child that cannot start or fails in any way is simply replaced by reading its half here:
the result, and any error message, is the same either way.

On Linux the child is forked (cheap, nothing re-imported); elsewhere it is spawned, which
costs the child a fresh import of the reader (a few tenths of a second), so only files of
`PARALLEL_BYTES` or more are split.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

PARALLEL_BYTES = 8 << 20  # below this, one process is as fast (a child costs 20–300 ms)
BLOCK = 1 << 20

T = TypeVar("T")


@dataclass(frozen=True)
class Cut:
    """Where the second half starts: its byte offset and the number of its first line."""

    offset: int
    line: int


def context() -> Any:
    """Fork where it is safe and cheap (Linux), spawn elsewhere (Windows, macOS)."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def find_cut(path: Path, start: int, start_line: int,
             starts_record: Callable[[bytes], bool]) -> Cut | None:
    """A line boundary near the middle of `path` after byte `start`, or None to read it whole.

    `start_line` is the number of the line at `start`. The boundary is the first line start
    after the middle for which `starts_record(the line's first bytes)` holds. The caller
    makes sure that a line break is always the end of a record (a CSV file with quotes, where
    a quoted field may hold a line break, is read whole). Files whose lines end in a bare
    carriage return are read whole too: their lines cannot be counted by `\\n`.
    """
    size = path.stat().st_size
    if size - start < PARALLEL_BYTES:
        return None
    middle = start + (size - start) // 2
    newlines = 0
    with path.open("rb") as f:
        f.seek(start)
        position = start
        while position < middle:
            block = f.read(min(BLOCK, middle - position))
            if not block:
                return None
            # a "\r" at a block's end is the first half of a "\r\n" pair
            if block.count(b"\r") - block.count(b"\r\n") > block.endswith(b"\r"):
                return None
            newlines += block.count(b"\n")
            position += len(block)
        # From the middle: the rest of the line it falls in, then line by line.
        rest = f.read(BLOCK)
    at = 0
    while (end := rest.find(b"\n", at)) >= 0:
        newlines += 1
        at = end + 1
        if at < len(rest) and starts_record(rest[at:at + 16]):
            return Cut(middle + at, start_line + newlines)
    return None  # no boundary within a block of the middle: read it whole


def in_two(first: Callable[[], T], second: Callable[..., T], second_args: tuple[Any, ...]
           ) -> tuple[T, T]:
    """`first()` here while `second(*second_args)` runs in a child; both results.

    `second` must be a module-level function and its arguments picklable (spawn sends
    them). If the child cannot start, dies or raises, `second` runs here instead, so its
    result or its exception is the one the caller would have had without a child.
    """
    ctx = context()
    receiver, sender = ctx.Pipe(duplex=False)
    # The child's collector leaves the objects it inherits alone (no copy of every page).
    gc.freeze()
    try:
        child = ctx.Process(target=_child, args=(sender, second, second_args), daemon=True)
        child.start()
    except Exception:  # noqa: BLE001 - no process (or, spawned, arguments that do not pickle)
        child = None
    finally:
        gc.unfreeze()
    sender.close()
    try:
        mine = first()
    except BaseException:
        if child is not None:
            child.kill()
            child.join()
        receiver.close()
        raise
    theirs: T | None = None
    received = False
    try:
        if child is not None:
            ok, value = receiver.recv()
            if ok:
                theirs, received = value, True
    except Exception:  # noqa: BLE001 - the child died or its result did not arrive whole
        pass
    finally:
        if child is not None:
            if not received:
                child.kill()
            child.join()
        receiver.close()
    if not received:
        theirs = second(*second_args)
    return mine, theirs  # type: ignore[return-value]


def _child(sender: Connection, work: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        result = (True, work(*args))
    except BaseException:  # noqa: BLE001 - the parent reads the half again and reports
        result = (False, None)
    try:
        sender.send(result)
    except Exception:  # noqa: BLE001 - an unpicklable result: the parent reads it again
        sender.send((False, None))
    sender.close()
