"""A code-string export as CSV → `Ledger`.

Semicolon, tab or comma between fields (the one the header line has most of), decimal comma
or point (a setting, or guessed from the first rows), UTF-8 with or without BOM or
Windows-1252. A million rows must take about a second, so the loop does as little as it
can: blocks of lines without quotes are split into rows by C calls only (the csv module
only for lines that have quotes), amounts with two decimals are read with one `int()`, and
rows are summed per raw code string and raw period. The code strings (tens of thousands,
not a million) are cleaned and checked once each afterwards. A big file is read in two
halves on two cores (`halves`), each into a `Part`, and the parts are merged.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

from generator.issues import Issue, SourceRef, error
from generator.ledger import halves, rawsums, textfile
from generator.ledger.amounts import guess_mark, ore_parser
from generator.ledger.columns import Layout, find_layout
from generator.ledger.model import (
    EXPECTED_AMOUNT,
    FIELDS,
    MAX_ERRORS_PER_FILE,
    Ledger,
    LedgerInputError,
    Measure,
)
from generator.ledger.rawsums import Part

SEPARATORS = (";", "\t", ",")
SAMPLE_LINES = 2000


def _separator(header: str) -> str | None:
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else None


@dataclass(frozen=True)
class _Spec:
    """How to read the rows of one file: everything a child process needs (picklable)."""

    path: Path
    codec: str
    label: str
    sep: str
    mark: str
    layout: Layout
    quoted: bool  # most lines have quotes: the csv module reads every line


def read_csv(path: Path, names: dict[str, str], needed: set[str], mark: str | None,
             ignored: Collection[str] = ()) -> Ledger:
    """Read and aggregate one CSV export; LedgerInputError (nothing read) on errors.

    `names`: the export's column name per field; `mark`: "," or ".", or None to guess;
    `ignored`: columns not to warn about. A big file is read on two cores (`halves`).
    """
    encoding = textfile.detect(path, "cp1252")
    ledger = Ledger(path.name, "CSV")
    issues: list[Issue] = []
    try:
        header_line, sample = _head(path, encoding.codec)
    except UnicodeDecodeError:
        start = None if encoding.codec == "utf-16" else 0  # (UTF-16: the line is not known)
        for _ in textfile.lines(path, encoding.codec, start, None, 1, "",
                                _unreadable(path.name, encoding.label)):
            pass  # raises, naming the line
        raise
    sep = _separator(header_line)
    if sep is None:
        raise LedgerInputError([error(SourceRef(path.name, "", "rad 1"), (
            "hittade ingen rubrikrad med semikolon, tabb eller kommatecken mellan "
            "kolumnerna; förväntade en CSV-export med en rubrik per kolumn på rad 1"))])
    headers = [h.strip() for h in next(csv.reader([header_line], delimiter=sep))]
    layout = find_layout(headers, names, needed, path.name,
                         SourceRef(path.name, "", "rad 1"), issues, ignored=ignored)
    if layout is None:
        raise LedgerInputError(issues)
    if mark is None:
        values = [r[i] for r in csv.reader(sample, delimiter=sep)
                  for i in (layout.amount, layout.budget) if i is not None and i < len(r)]
        mark = guess_mark(values) or ("." if sep == "," else ",")
    sep_name = {";": "semikolon", "\t": "tabb", ",": "kommatecken"}[sep]
    mark_name = "decimalkomma" if mark == "," else "decimalpunkt"
    ledger.notes.append(f"{encoding.label}, {sep_name} mellan fälten, {mark_name}")
    # Quotes on most lines (some systems quote every field): the csv module reads them
    # faster than one call per line, and keeps a newline inside quotes.
    quoted = sum('"' in line for line in sample) * 2 > len(sample)
    spec = _Spec(path, encoding.codec, encoding.label, sep, mark, layout, quoted)
    body = _body_start(path, encoding.codec)
    cut = None
    if body is not None and path.stat().st_size - body >= halves.PARALLEL_BYTES:
        with path.open("rb") as raw:
            # A quoted field may hold a line break, and a stray quote makes counting them
            # unreliable: a file with quotes is read in one piece.
            if not _has(raw, b'"'):
                cut = halves.find_cut(path, body, 2, _any_line)
    if cut is None:
        part = _read_part(spec, body, None, 2)  # body None: line 2's offset is unknown
    else:
        first_half, second_half = halves.in_two(
            lambda: _read_part(spec, body, cut.offset, 2), _read_part,
            (spec, cut.offset, None, cut.line))
        part = first_half.merge(second_half)
    if part.errors:
        raise LedgerInputError(part.errors[:MAX_ERRORS_PER_FILE])
    _finish(part, layout, ledger)
    ledger.issues.extend(i for i in issues if not i.is_error)
    return ledger


def _head(path: Path, codec: str) -> tuple[str, list[str]]:
    """Line 1 and the sample of lines after it that settle the format."""
    with path.open(encoding=codec, newline="") as f:
        return f.readline(), list(itertools.islice(f, SAMPLE_LINES))


def _any_line(_: bytes) -> bool:
    return True


def _has(f: BinaryIO, needle: bytes) -> bool:
    while block := f.read(halves.BLOCK):
        if needle in block:
            return True
    return False


def _body_start(path: Path, codec: str) -> int | None:
    """The byte offset of line 2, or None when it cannot be known from the bytes (UTF-16,
    a header line ending in a bare carriage return)."""
    if codec == "utf-16":
        return None
    with path.open("rb") as f:
        header = f.readline(1 << 20)
    if not header.endswith(b"\n") or b"\r" in header[:-2]:
        return None
    return len(header)


def _unreadable(name: str, label: str) -> Callable[[int | None], LedgerInputError]:
    def problem(line: int | None) -> LedgerInputError:
        return LedgerInputError([error(SourceRef(name, "", f"rad {line}" if line else ""), (
            f"{'raden' if line else 'filen'} har ett tecken som inte går att läsa som "
            f"{label}; spara exporten som UTF-8 eller Windows-1252 (CSV) och importera "
            "igen"))])
    return problem


def _read_part(spec: _Spec, start: int | None, end: int | None, first_line: int
               ) -> Part:
    """Read the lines from byte `start` to `end` (the first is line `first_line`)."""
    unreadable = _unreadable(spec.path.name, spec.label)
    sep = spec.sep
    rows: Iterator[list[str]]
    line_of: Callable[[int], int] = _same
    if spec.quoted:
        reader = csv.reader(textfile.lines(spec.path, spec.codec, start, end, first_line, "",
                                           unreadable), delimiter=sep)
        rows = reader
        # a record may span lines: name the file's line, not the record's number
        line_of = lambda _: first_line - 1 + reader.line_num  # noqa: E731
    elif start is None:
        rows = map(_split_line, textfile.lines(spec.path, spec.codec, start, end, first_line,
                                               "", unreadable), itertools.repeat(sep))
    else:
        rows = itertools.chain.from_iterable(
            _split_block(text, sep) for _, text in textfile.chunks(
                spec.path, spec.codec, start, end, first_line, unreadable))
    part = _aggregate(rows, first_line, line_of, spec)
    # Cleaned here, so that each half cleans its own code strings.
    present = [f for f in FIELDS if f in spec.layout.codes]
    part.sums, part.first = rawsums.clean(part.sums, present, part.first, text=True)
    return part


def _split_block(text: str, sep: str) -> Iterator[list[str]]:
    """The fields of a block of whole lines. A block without quotes or bare carriage
    returns (nearly every block) is split by C calls only: the row loop gets its rows
    without a Python step per line."""
    if '"' in text or ("\r" in text and text.count("\r") != text.count("\r\n")):
        return map(_split_line, io.StringIO(text, newline=""), itertools.repeat(sep))
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # after the block's last line break
    return map(str.split, lines, itertools.repeat(sep))


def _split_line(line: str, sep: str) -> list[str]:
    if '"' in line:
        return next(csv.reader([line], delimiter=sep), [])
    return line.rstrip("\r\n").split(sep)


def _comma_hint(row: list[str], sep: str) -> str:
    """Commas between fields and decimal commas unquoted (`-173878,29`) cannot be told
    apart: say so, since every line then has too many fields."""
    if sep != "," or not any(f.strip().isdigit() and len(f.strip()) == 2 for f in row):
        return ""
    return ('. Med kommatecken mellan fälten måste belopp med decimalkomma stå inom '
            'citattecken ("-1234,50"); exportera hellre med semikolon mellan fälten')


def _same(line: int) -> int:
    return line


def _aggregate(rows: Iterator[list[str]], first_line: int, line_of: Callable[[int], int],
               spec: _Spec) -> Part:
    """Stream the rows into sums per raw code string and raw period; the cleaning and
    checking of keys happens once per key afterwards."""
    columns = _columns(spec.layout)
    part = Part([{} for _ in columns], [0] * len(columns))
    try:
        _aggregate_rows(rows, first_line, line_of, spec, part)
    except LedgerInputError as exc:  # an unreadable byte: an error at its line, in order
        part.errors.extend(exc.issues)
    return part


def _aggregate_rows(rows: Iterator[list[str]], first_line: int,
                    line_of: Callable[[int], int], spec: _Spec, part: Part) -> None:
    """The loop of `_aggregate`, written for speed: one pass, locals only."""
    layout, mark, name = spec.layout, spec.mark, spec.path.name
    parse = ore_parser(mark)
    present = [f for f in FIELDS if f in layout.codes]
    key_of = itemgetter(*(layout.codes[f] for f in present)) if len(present) > 1 else (
        lambda row, _i=layout.codes[present[0]]: (row[_i],))
    pi = layout.period
    columns = _columns(layout)
    # (column, sums, slot in `totals`): a list, since an IntEnum key hashes in Python code
    plan = [(i, part.sums[slot], slot) for slot, (_, i) in enumerate(columns)]
    totals = part.totals
    first = part.first
    periods = part.periods
    known = periods.known
    issues = part.errors
    width = layout.width
    errors = 0
    count = 0
    for line, row in enumerate(rows, start=first_line):
        if len(row) != width:
            if len(row) <= 1 and not "".join(row).strip():
                continue
            issues.append(error(SourceRef(name, "", f"rad {line_of(line)}"), (
                f"raden har {len(row)} fält, förväntade {width} som rubrikraden (kontrollera "
                f"avgränsare och citattecken){_comma_hint(row, spec.sep)}")))
            errors += 1
            if errors >= MAX_ERRORS_PER_FILE:
                break
            continue
        count += 1
        key = key_of(row)
        period = known.get(row[pi])
        if period is None:
            period = periods.parse(row[pi], line_of(line))
        for i, bucket, slot in plan:
            text = row[i]
            if not text:
                continue
            # Fast path: "1234,56"; anything else goes through the full parser.
            ore = None
            if len(text) > 3 and text[-3] == mark and "_" not in text:
                try:  # noqa: SIM105 - suppress() costs a context manager per row
                    ore = int(text.replace(mark, "", 1))
                except ValueError:
                    pass
            if ore is None:
                try:
                    ore = parse(text)
                except ValueError:
                    column = "Belopp" if columns[slot][0] is Measure.ACTUAL else "Budget"
                    issues.append(error(SourceRef(name, "", f"rad {line_of(line)}"), (
                        f'förväntade {EXPECTED_AMOUNT}, hittade "{text}" i kolumnen {column}')))
                    errors += 1
                    continue
            totals[slot] += ore
            months = bucket.get(key)
            if months is None:
                bucket[key] = {period: ore}
                if key not in first:
                    first[key] = line_of(line)
            else:
                months[period] = months.get(period, 0) + ore
        if errors >= MAX_ERRORS_PER_FILE:
            break
    part.count = count


def _columns(layout: Layout) -> list[tuple[Measure, int]]:
    return [(m, i) for m, i in ((Measure.ACTUAL, layout.amount),
                                (Measure.BUDGET, layout.budget)) if i is not None]


def _finish(part: Part, layout: Layout, ledger: Ledger) -> None:
    """From the merged parts to the ledger, once the periods are checked."""
    columns = _columns(layout)
    name = ledger.name
    ledger.rows = part.count
    ledger.totals = {m: part.totals[slot] for slot, (m, _) in enumerate(columns)}

    def where(line: int) -> SourceRef:
        return SourceRef(name, "", f"rad {line}")

    part.periods.check(where, "Period")
    ledger.amounts = {m: part.sums[slot] for slot, (m, _) in enumerate(columns)}
    ledger.first_lines = part.first
    ledger.locate = where
    ledger.fields = tuple(f for f in FIELDS if f in layout.codes)
