"""SIE 4 (and 4i) files → `Ledger`: period balances and budgets per object, or vouchers.

Written from the format description (SIE-gruppen, "SIE filformat", utgåva 4B). What is read:

- `#FORMAT PC8` declares CP437; a file that is valid UTF-8 (or Windows-1252) all the same is
  read as what it is (textfile.detect), with a note.
- `#FNAMN`, `#ORGNR`: whose file it is (checked against mappning.xlsx by the import).
- `#RAR årsnr start slut`: the years; a period balance must lie in its year.
- `#DIM nr namn`, `#UNDERDIM nr namn överdim`: dimension numbers and names; a field of the
  mapping (Ansvar, Verksamhet …) is the dimension of that name, or the number or name given
  on mappning.xlsx › Kolumner.
- `#PSALDO årsnr period konto {dim "obj" …} saldo [kvantitet]` and `#PBUDGET` (same fields):
  utfall and budget per month. "Posten anger periodens förändring på kontot" (4B, #PSALDO
  and #PBUDGET): the change during the month, not the balance so far this year. Some
  programs write the year-to-date balance instead: when the file has `#RES` (the year's
  result per account) and the months add up to it only as a running total, the amounts are
  turned into monthly changes and a warning says so. Without `#RES` the format's meaning is
  assumed.
- The same account and month usually appears several times: without objects (`{}`), per
  Ansvar, per Ansvar and Verksamhet … These are cuts of one total, never to be added. The
  cut used is the smallest whose dimensions cover every field the mapping needs; the
  total without objects, when present, is checked against it per account and month.
- `#VER serie nr datum …` with `{ #TRANS konto {objekt} belopp [transdat] … }`: vouchers,
  summed per month of the transaction date (the voucher's date when the row has none) when
  the file has no period balances; with both, the vouchers are checked against the balances.
  `#RTRANS` (an added row, always followed by the same row as `#TRANS`) and `#BTRANS` (a
  removed row) are not counted.
- `#KONTO` and `#OBJEKT` give names, shown beside the codes of unmapped code strings.
- Other labels (`#IB`, `#UB`, `#SRU` …) are not needed and are counted in a note.

Fields are separated by blanks; a field with blanks is quoted with `"`, and `\\"` is a quote
inside it. Object lists are `{dim "obj" dim "obj"}`. Amounts have a decimal point.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.excel.schema import name_key
from generator.issues import Issue, SourceRef, error, warning
from generator.ledger import halves, textfile
from generator.ledger.amounts import kr, ore_parser
from generator.ledger.model import (
    FIELDS,
    MAX_ERRORS_PER_FILE,
    ByCodes,
    Ledger,
    LedgerInputError,
    Measure,
    period_label,
)
from generator.ledger.rawsums import add_sums

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\{)|(\})|([^\s{}"]+)')
# The hot lines: label, year, period, account, object list, amount (the rest is not needed).
_BALANCE = re.compile(r'#P(SALDO|BUDGET)[ \t]+(-?\d+)[ \t]+(\d{6})[ \t]+(\S+)[ \t]+'
                      r'\{([^}"]*(?:"[^"]*"[^}"]*)*)\}[ \t]+(\S+)')
_TRANS = re.compile(r'#TRANS[ \t]+(\S+)[ \t]+\{([^}"]*(?:"[^"]*"[^}"]*)*)\}[ \t]+(\S+)'
                    r'(?:[ \t]+"?(\d{8})?"?)?')
_PARSE = ore_parser(".")
ObjectList = tuple[tuple[str, str], ...]  # ((dim, object), …) sorted by dim


class _Malformed(ValueError):
    """A line that does not follow the format; the message says what was expected."""


def tokens(line: str) -> list[str | None]:
    """A line's fields: quoted texts unescaped, "{" and "}" as themselves.

    Raises _Malformed for an unclosed quote.
    """
    out: list[str | None] = []
    pos = 0
    n = len(line)
    while pos < n:
        while pos < n and line[pos] in " \t":
            pos += 1
        if pos >= n:
            break
        m = _TOKEN.match(line, pos)
        if m is None:
            raise _Malformed("ett citattecken som inte stängs")
        quoted, opening, closing, bare = m.groups()
        if quoted is not None:
            out.append(quoted.replace('\\"', '"').replace("\\\\", "\\"))
        else:
            out.append(opening or closing or bare)
        pos = m.end()
    return out


def object_list(text: str) -> ObjectList:
    """The inside of `{…}`: dimension and object pairs."""
    simple = _simple_object_list(text)
    if simple is not None:
        return simple
    parts = [t for t in tokens(text)]
    if len(parts) % 2 or any(p in ("{", "}") for p in parts):
        raise _Malformed(f'objektlistan "{{{text}}}" ska ha par av dimension och objekt')
    pairs = tuple(sorted((str(parts[i]), str(parts[i + 1])) for i in range(0, len(parts), 2)))
    return pairs


def _simple_object_list(text: str) -> ObjectList | None:
    """`1 "3100" 20 "569"` (every object quoted, no escapes) without the tokenizer: a big
    file has tens of thousands of distinct lists. None for any other form."""
    if "\\" in text or "{" in text or "}" in text:
        return None
    parts = text.split('"')
    if len(parts) % 2 == 0 or parts[-1].strip():
        return None
    dims = [d.strip() for d in parts[0:-1:2]]
    if not all(dims) or any(" " in d or "\t" in d for d in dims):
        return None
    pairs = list(zip(dims, parts[1::2], strict=True))
    if len(pairs) > 1:
        pairs.sort()
    return tuple(pairs)


@dataclass
class _State:
    """What one pass over the file collects."""

    # (account, raw object list) → period → öre, per measure, for #PSALDO/#PBUDGET
    balances: dict[Measure, dict[tuple[str, str], dict[int, int]]] = field(
        default_factory=lambda: {Measure.ACTUAL: {}, Measure.BUDGET: {}})
    trans: dict[tuple[str, str], dict[int, int]] = field(default_factory=dict)
    first: dict[tuple[str, str], int] = field(default_factory=dict)
    totals: Counter[Measure] = field(default_factory=Counter)
    trans_total: int = 0
    balance_rows: Counter[Measure] = field(default_factory=Counter)
    trans_rows: int = 0
    dims: dict[str, str] = field(default_factory=dict)  # number → name
    years: dict[int, tuple[int, int]] = field(default_factory=dict)  # årsnr → (from, to) ÅÅÅÅMM
    results: dict[tuple[int, str], int] = field(default_factory=dict)  # (årsnr, konto) → öre
    other: Counter[str] = field(default_factory=Counter)
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (dim or "", code) → name
    format_pc8: bool | None = None  # None: no #FORMAT line
    # How the scanned text ended: a voucher left open (the line of its "{") or a last line
    # without a line break (its number) means a file cut off in copying or exporting.
    open_voucher: int | None = None
    unended: int | None = None
    lines: int = 0  # non-blank lines
    orgnr: str | None = None
    company: str | None = None
    errors: list[Issue] = field(default_factory=list)

    def merge(self, later: _State) -> _State:
        """Add what a pass over the rest of the file found: as one pass over the whole."""
        for measure, bucket in later.balances.items():
            add_sums(self.balances[measure], bucket)
        add_sums(self.trans, later.trans)
        for key, line in later.first.items():
            self.first.setdefault(key, line)
        self.totals.update(later.totals)
        self.trans_total += later.trans_total
        self.balance_rows.update(later.balance_rows)
        self.trans_rows += later.trans_rows
        self.dims.update(later.dims)
        self.years.update(later.years)
        self.results.update(later.results)
        self.other.update(later.other)
        self.names.update(later.names)
        if later.format_pc8 is not None:
            self.format_pc8 = later.format_pc8
        self.open_voucher, self.unended = later.open_voucher, later.unended  # the file's end
        self.lines += later.lines
        self.orgnr = later.orgnr or self.orgnr
        self.company = later.company or self.company
        room = MAX_ERRORS_PER_FILE - len(self.errors)
        if room > 0:
            self.errors += later.errors[:room]
        return self



def read_sie(path: Path, dims: dict[str, str], needed: set[str],
             optional: set[str] | frozenset[str] = frozenset()) -> Ledger:
    """Read one SIE file; LedgerInputError (nothing read) on a malformed line.

    `dims`: per field (Ansvar …) the dimension's name or number from mappning.xlsx; `needed`:
    the fields the mapping's rules use.
    """
    encoding = textfile.detect(path, "cp437")
    state = _read(path, encoding)
    state.errors += _cut_off(state, path.name)
    if state.errors:
        raise LedgerInputError(state.errors[:MAX_ERRORS_PER_FILE])
    ledger = Ledger(path.name, "SIE", orgnr=state.orgnr, company=state.company)
    ledger.notes.append(_encoding_note(encoding, bool(state.format_pc8)))
    fields = _fields(state, dims, needed, path.name, ledger)
    field_of = {nr: f for f, nr in fields.items()} | {"": "Konto"}
    ledger.names = {(field_of[dim], code): name for (dim, code), name in state.names.items()
                    if dim in field_of}
    _choose(state, fields, needed, optional, path.name, ledger)
    if state.other:
        shown = ", ".join(f"{label} ({n})" for label, n in sorted(state.other.items()))
        ledger.notes.append(f"behövs inte för utfallet och lästes inte: {shown}")
    return ledger


def _cut_off(st: _State, name: str) -> list[Issue]:
    """An empty file, or one whose end shows it was cut off: a voucher without its closing
    brace, a last line without a line break (every SIE line ends with one). A cut-off file
    reads without a malformed line, so without this its missing months would pass as
    missing bookings."""
    again = "; exportera SIE-filen igen och kopiera hela filen"
    if not st.lines:
        return [error(SourceRef(name), "filen är tom; förväntade en SIE-fil med #FLAGGA, "
                                       "#RAR och #PSALDO eller #VER")]
    if st.open_voucher is not None:
        return [error(SourceRef(name, "", f"rad {st.open_voucher}"), (
            "verifikationen som börjar här stängs aldrig (ingen } före filens slut): filen "
            f"verkar avkortad{again}"))]
    if st.unended is not None:
        return [error(SourceRef(name, "", f"rad {st.unended}"), (
            "filen slutar mitt på raden (den sista raden har inget radslut): filen verkar "
            f"avkortad{again}"))]
    return []


def _read(path: Path, encoding: textfile.Encoding) -> _State:
    """One pass over the file, or two halves on two cores for a big one (`halves`): the
    second half starts at a #VER, #PSALDO or #PBUDGET line, outside any voucher."""
    cut = None if encoding.codec == "utf-16" else halves.find_cut(path, 0, 1, _starts_block)
    if cut is None:
        return _scan_part(path, encoding, 0, None, 1, {})
    # The second half checks its period balances against the years of #RAR lines before it.
    years = _years_before(path, encoding.codec, cut.offset)
    first, second = halves.in_two(
        lambda: _scan_part(path, encoding, 0, cut.offset, 1, {}), _scan_part,
        (path, encoding, cut.offset, None, cut.line, years))
    return first.merge(second)


def _starts_block(head: bytes) -> bool:
    return head.lstrip(b" \t").startswith((b"#VER", b"#PSALDO", b"#PBUDGET"))


def _scan_part(path: Path, encoding: textfile.Encoding, start: int, end: int | None,
               first_line: int, years: dict[int, tuple[int, int]]) -> _State:
    """Scan bytes `start` to `end` (line `first_line` onwards) into a new state."""
    state = _State(years=dict(years))

    def unreadable(line: int | None) -> LedgerInputError:
        return LedgerInputError([error(SourceRef(path.name, "", f"rad {line}" if line else ""), (
            f"{'raden' if line else 'filen'} har ett tecken som inte går att läsa som "
            f"{encoding.label}; exportera SIE-filen igen (PC8 eller UTF-8)"))])

    if encoding.codec == "utf-16":
        with path.open(encoding=encoding.codec, errors="strict", newline=None) as f:
            _scan(f, path.name, state, first_line)
    else:
        try:
            _scan(textfile.lines(path, encoding.codec, start, end, first_line, None,
                                 unreadable), path.name, state, first_line)
        except LedgerInputError as exc:  # an unreadable byte: an error at its line, in order
            state.errors.extend(exc.issues[:MAX_ERRORS_PER_FILE - len(state.errors)])
    return state



def _years_before(path: Path, codec: str, end: int) -> dict[int, tuple[int, int]]:
    """The years of the well-formed #RAR lines among the first `end` bytes, read in blocks
    (a block's last, unfinished line is carried into the next). Found by a plain search
    for "#rar" in the lower-cased block: a regular expression took a quarter of a second
    for a big file's first half."""
    state = _State()
    with path.open("rb") as f:
        carry = b""
        position = 0
        while position < end:
            block = f.read(min(halves.BLOCK * 4, end - position))
            if not block:
                break
            position += len(block)
            data = carry + block
            cut = data.rfind(b"\n") + 1 if position < end else len(data)
            for line in _rar_lines(data, cut):
                with contextlib.suppress(_Malformed, ValueError):  # the first half names it
                    _general(line.decode(codec, errors="replace").strip(), 0, state)
            carry = data[cut:]
    return state.years


def _rar_lines(data: bytes, end: int) -> Iterator[bytes]:
    """The lines of `data[:end]` that are a #RAR line (any case, blanks before it)."""
    lowered = data.lower()
    at = lowered.find(b"#rar", 0, end)
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        after = data[at + 4:at + 5]
        stop = data.find(b"\n", at)
        stop = len(data) if stop < 0 else stop
        carriage = data.find(b"\r", at, stop)
        stop = stop if carriage < 0 else carriage
        if not data[start:at].strip(b" \t") and not (after.isalnum() or after == b"_"):
            yield data[start:stop]
        at = lowered.find(b"#rar", at + 4, end)


def _encoding_note(encoding: textfile.Encoding, pc8: bool) -> str:
    if pc8 and encoding.codec != "cp437":
        return (f"filen anger #FORMAT PC8 men är skriven i {encoding.label} och lästes så")
    return f"teckenkodning {encoding.label}"


def _month(date: str, cache: dict[str, int]) -> int:
    """ÅÅÅÅMMDD → ÅÅÅÅMM, checked once per distinct date."""
    month = cache.get(date)
    if month is None:
        if len(date) != 8 or not date.isdigit() or not 1 <= int(date[4:6]) <= 12:
            raise _Malformed(f'förväntade ett datum som 20240131, hittade "{date}"')
        month = cache[date] = int(date[:6])
    return month


def _scan(f: Iterator[str], name: str, st: _State, first_line: int = 1) -> None:
    """One pass: the hot lines split directly, the rest by the general tokenizer. Errors
    go to `st.errors` (at most MAX_ERRORS_PER_FILE)."""
    balances = st.balances
    trans = st.trans
    first = st.first
    ver_date = ""
    in_ver = False
    errors = st.errors
    months_of: dict[str, int] = {}
    trans_total = trans_rows = 0
    ver_line = 0
    number, raw, seen = first_line - 1, "\n", 0
    for number, raw in enumerate(f, start=first_line):
        line = raw.strip()
        if not line:
            continue
        seen += 1
        try:
            if line.startswith("#TRANS"):
                # Split at the closing brace: half the cost of a regular expression. A line
                # that is not plain (a brace inside quotes …) takes the expression.
                head, brace, tail = line.partition("}")
                parts = head.split(None, 2)
                rest = tail.split(None, 2)
                if (brace and len(parts) == 3 and parts[2][:1] == "{" and rest
                        and not head.count('"') % 2):
                    account, objects, amount = parts[1], parts[2][1:], rest[0]
                    date = rest[1].strip('"') if len(rest) > 1 else ""
                else:
                    m = _TRANS.match(line)
                    if m is None:
                        _general(line, number, st)  # raises with the reason
                        continue
                    account, objects, amount, date = m[1], m[2], m[3], m[4] or ""
                if not in_ver:
                    raise _Malformed("#TRANS utanför en verifikation (#VER … { … })")
                if len(amount) > 3 and amount[-3] == "." and "_" not in amount:
                    ore = int(amount.replace(".", "", 1))
                else:
                    ore = _PARSE(amount)
                month = months_of.get(date or ver_date)
                if month is None:
                    month = _month(date or ver_date, months_of)
                key = (account.strip('"'), objects)
                months = trans.get(key)
                if months is None:
                    trans[key] = {month: ore}
                    first.setdefault(key, number)
                else:
                    months[month] = months.get(month, 0) + ore
                trans_total += ore
                trans_rows += 1
                continue
            if line.startswith(("#PSALDO", "#PBUDGET")):
                m = _BALANCE.match(line)
                if m is None:
                    _general(line, number, st)
                    continue
                label, year, period, account, objects, amount = m.groups()
                measure = Measure.ACTUAL if label == "SALDO" else Measure.BUDGET
                month = int(period)
                _check_year(st, int(year), month)
                ore = _PARSE(amount)
                key = (account, objects)
                bucket = balances[measure]
                months = bucket.get(key)
                if months is None:
                    bucket[key] = {month: ore}
                    first.setdefault(key, number)
                else:
                    months[month] = months.get(month, 0) + ore
                st.totals[measure] += ore
                st.balance_rows[measure] += 1
                continue
            if line.startswith("#VER"):
                fields = tokens(line)
                if len(fields) < 4 or not (fields[3] or "").isdigit() or len(fields[3] or "") != 8:
                    raise _Malformed("förväntade #VER serie nummer datum (ÅÅÅÅMMDD)")
                ver_date = str(fields[3])
                _month(ver_date, months_of)
                continue
            if line == "{":
                in_ver, ver_line = True, number
                continue
            if line == "}":
                in_ver = False
                continue
            _general(line, number, st)
        except _Malformed as exc:
            errors.append(error(SourceRef(name, "", f"rad {number}"), (
                f"raden följer inte SIE-formatet: {exc}")))
        except ValueError:
            errors.append(error(SourceRef(name, "", f"rad {number}"), (
                f'raden följer inte SIE-formatet: förväntade ett belopp som -1234.50 på "{line}"'
            )))
        if len(errors) >= MAX_ERRORS_PER_FILE:
            break
    st.trans_total, st.trans_rows = trans_total, trans_rows
    st.lines = seen
    st.open_voucher = ver_line if in_ver else None
    st.unended = number if raw.strip() and not raw.endswith(("\n", "\r")) else None


def _check_year(st: _State, year: int, period: int) -> None:
    if not 1 <= period % 100 <= 12:
        raise _Malformed(f"förväntade en period som 202408, hittade {period}")
    span = st.years.get(year)
    if span is not None and not span[0] <= period <= span[1]:
        raise _Malformed(
            f"perioden {period_label(period)} ligger inte i räkenskapsår {year} "
            f"({period_label(span[0])}–{period_label(span[1])} enligt #RAR)")


def _general(line: str, number: int, st: _State) -> None:
    """Every other line: tokenized in full."""
    if not line.startswith("#"):
        raise _Malformed(f'förväntade en rad som börjar med #, hittade "{line[:40]}"')
    fields = tokens(line)
    label = str(fields[0]).upper()
    args = fields[1:]
    if label == "#FORMAT":
        st.format_pc8 = bool(args) and str(args[0]).upper() == "PC8"
    elif label == "#FNAMN" and args:
        st.company = str(args[0])
    elif label == "#ORGNR" and args:
        st.orgnr = str(args[0])
    elif label == "#RAR":
        if len(args) < 3 or not all((a or "").isdigit() and len(a or "") == 8
                                    for a in args[1:3]):
            raise _Malformed("förväntade #RAR årsnr startdatum slutdatum (ÅÅÅÅMMDD)")
        try:
            year = int(str(args[0]))
        except ValueError as exc:
            raise _Malformed("förväntade #RAR med årsnummer 0, -1 …") from exc
        st.years[year] = (int(str(args[1])[:6]), int(str(args[2])[:6]))
    elif label in ("#DIM", "#UNDERDIM"):
        if len(args) < 2:
            raise _Malformed(f"förväntade {label} nummer namn")
        st.dims[str(args[0])] = str(args[1])
    elif label == "#RES":
        if len(args) < 3:
            raise _Malformed("förväntade #RES årsnr konto saldo")
        st.results[(int(str(args[0])), str(args[1]))] = _PARSE(str(args[2]))
    elif label in ("#PSALDO", "#PBUDGET"):
        raise _Malformed(f"förväntade {label} årsnr period konto {{objektlista}} saldo")
    elif label == "#TRANS":
        raise _Malformed("förväntade #TRANS konto {objektlista} belopp")
    elif label == "#OBJEKT":
        if len(args) < 3:
            raise _Malformed("förväntade #OBJEKT dimensionsnummer objektkod objektnamn")
        st.names[(str(args[0]), str(args[1]))] = str(args[2])
    elif label == "#KONTO":
        if len(args) < 2:
            raise _Malformed("förväntade #KONTO kontonummer kontonamn")
        st.names[("", str(args[0]))] = str(args[1])
    else:
        st.other[label] += 1


# -- after reading: which fields, which cut -----------------------------------------------
def _fields(st: _State, dims: dict[str, str], needed: set[str], name: str,
            ledger: Ledger) -> dict[str, str]:
    """Field (Ansvar …) → dimension number, for the fields the file has."""
    by_name = {name_key(n): nr for nr, n in st.dims.items()}
    found: dict[str, str] = {}
    problems = []
    for field_name in FIELDS[1:]:
        wanted = dims.get(field_name) or field_name
        nr = wanted if wanted in st.dims else by_name.get(name_key(wanted))
        if nr is not None:
            found[field_name] = nr
        elif field_name in needed:
            listed = ", ".join(f"{nr} {n}" for nr, n in sorted(st.dims.items(),
                                                                key=lambda d: int(d[0])
                                                                if d[0].isdigit() else 0))
            problems.append(error(SourceRef(name), (
                f'dimensionen "{wanted}" ({field_name}) finns inte i filen (#DIM: '
                f"{listed or 'inga'}); skriv dimensionens namn eller nummer i kolumnen "
                "Dimension i SIE på fliken Kolumner i mappning.xlsx")))
    if problems:
        raise LedgerInputError(problems)
    unused = sorted(set(st.dims) - set(found.values()))
    if unused:
        shown = ", ".join(f"{nr} {st.dims[nr]}" for nr in unused)
        ledger.notes.append(f"dimensioner som inte används: {shown}")
    return found


def _choose(st: _State, fields: dict[str, str], needed: set[str],
            optional: set[str] | frozenset[str],
name: str, ledger: Ledger) -> None:
    """Fill `ledger.amounts` from the cut of balances that covers the mapping, or vouchers."""
    need = {fields[f] for f in needed if f in fields}
    extra = {fields[f] for f in optional if f in fields}
    cache: dict[str, ObjectList] = {}

    def objects(raw: str, key: tuple[str, str]) -> ObjectList:
        pairs = cache.get(raw)
        if pairs is None:
            try:
                pairs = cache[raw] = object_list(raw)
            except _Malformed as exc:
                raise LedgerInputError([error(SourceRef(name, "", f"rad {st.first[key]}"), (
                    f"raden följer inte SIE-formatet: {exc}"))]) from exc
        return pairs

    dim_of = {nr: f for f, nr in fields.items()}
    order = {f: i for i, f in enumerate(FIELDS)}

    def codes(account: str, pairs: ObjectList) -> tuple[str, ...]:
        values = [""] * len(FIELDS)
        values[0] = account
        for dim, obj in pairs:
            f = dim_of.get(dim)
            if f is not None:
                values[order[f]] = obj
        return tuple(values)

    used_trans = False
    for measure in (Measure.ACTUAL, Measure.BUDGET):
        bucket = st.balances[measure]
        label = "#PSALDO" if measure is Measure.ACTUAL else "#PBUDGET"
        cuts: dict[tuple[str, ...], list[tuple[tuple[str, str], ObjectList]]] = {}
        for key in bucket:
            pairs = objects(key[1], key)
            cuts.setdefault(tuple(d for d, _ in pairs), []).append((key, pairs))
        covering = [c for c in cuts if need <= set(c)]
        if not covering:
            if measure is Measure.ACTUAL and st.trans:
                used_trans = True
                continue
            if bucket:
                shown = ", ".join("{" + " ".join(c) + "}" for c in cuts)
                wanted = ", ".join(sorted(f for f in needed if f in fields))
                raise LedgerInputError([error(SourceRef(name), (
                    f"filen har {label} per {shown} men inga med alla dimensioner som "
                    f"mappningen använder ({wanted}); exportera periodsaldon per dessa "
                    "dimensioner eller med verifikationer (#TRANS)"))])
            continue
        chosen = min(covering, key=lambda c: (-len(extra & set(c)), len(c), -len(cuts[c])))
        target: ByCodes = {}
        for key, pairs in cuts[chosen]:
            full = codes(key[0], pairs)
            _merge(target, full, bucket[key])
            if st.first[key] < ledger.first_lines.get(full, st.first[key] + 1):
                ledger.first_lines[full] = st.first[key]
        if measure is Measure.ACTUAL:
            _cumulative(st, target, ledger, name)
        ledger.amounts[measure] = target
        ledger.totals[measure] = sum(sum(m.values()) for m in target.values())
        ledger.rows += sum(len(bucket[key]) for key, _ in cuts[chosen])
        shown = ("{" + " ".join(f"{d} {st.dims.get(d, '')}".strip() for d in chosen) + "}"
                 if chosen else "konto utan objekt")
        ledger.notes.append(f"{label} per {shown} ({len(cuts[chosen])} kodsträngar)")
        others = [c for c in cuts if c != chosen]
        if others:
            listed = ", ".join("{" + " ".join(c) + "}" if c else "konto utan objekt"
                               for c in sorted(others))
            ledger.notes.append(f"{label} per {listed} är andra uppdelningar av samma belopp "
                                "och räknades inte en gång till")
        _check_against_total(cuts, chosen, bucket, label, name, ledger)
    if used_trans or (st.trans and not st.balances[Measure.ACTUAL]):
        target = {}
        for key, months in st.trans.items():
            full = codes(key[0], objects(key[1], key))
            _merge(target, full, months)
            if st.first[key] < ledger.first_lines.get(full, st.first[key] + 1):
                ledger.first_lines[full] = st.first[key]
        ledger.amounts[Measure.ACTUAL] = target
        ledger.totals[Measure.ACTUAL] = st.trans_total
        ledger.rows += st.trans_rows
        ledger.notes.append(f"utfallet summerat från {st.trans_rows} #TRANS")
    elif st.trans:
        _check_trans(st, ledger.amounts.get(Measure.ACTUAL, {}), name, ledger)
    ledger.fields = tuple(f for f in FIELDS if f == "Konto" or f in fields)
    ledger.locate = lambda line: SourceRef(name, "", f"rad {line}")


def _merge(target: ByCodes, codes: tuple[str, ...], months: dict[int, int]) -> None:
    """Add `months` under `codes`: taken as it is when new (nearly always; the month
    dictionaries are the ones read, so the cost is per code string, not per line)."""
    into = target.get(codes)
    if into is None:
        target[codes] = months
        return
    into = target[codes] = dict(into)  # a copy: the dictionary taken may be a line's own
    for month, ore in months.items():
        into[month] = into.get(month, 0) + ore


def _check_against_total(cuts: dict[tuple[str, ...], list[tuple[tuple[str, str], ObjectList]]],
                         chosen: tuple[str, ...], bucket: dict[tuple[str, str], dict[int, int]],
                         label: str, name: str, ledger: Ledger) -> None:
    """The cut used must add up to the file's total without objects, per account and month."""
    if () not in cuts or chosen == ():
        return
    total: dict[tuple[str, int], int] = {}
    for key, _ in cuts[()]:
        for month, ore in bucket[key].items():
            total[(key[0], month)] = total.get((key[0], month), 0) + ore
    for key, _ in cuts[chosen]:
        for month, ore in bucket[key].items():
            total[(key[0], month)] = total.get((key[0], month), 0) - ore
    off = _differences(total)
    if off:
        ledger.issues.append(warning(SourceRef(name), (
            f"{label} utan objekt skiljer sig från summan per objekt ({off}); "
            "skillnaden saknar objekt och kommer inte med i importen")))


def _differences(diff: dict[tuple[str, int], int]) -> str:
    """The accounts and months that differ, the first five shown: "" when none do."""
    off = sorted((k, v) for k, v in diff.items() if v)
    shown = "; ".join(f"konto {a} {period_label(m)}: {kr(v)}" for (a, m), v in off[:5])
    return shown + (f" och {len(off) - 5} till" if len(off) > 5 else "")


def _check_trans(st: _State, actual: ByCodes, name: str, ledger: Ledger) -> None:
    """Vouchers beside balances: both must give the same per account and month."""
    diff: dict[tuple[str, int], int] = {}
    months_with_trans = {m for months in st.trans.values() for m in months}
    # Balance accounts (bank, skulder) have vouchers but period balances only for result
    # accounts are read: compare the accounts that have both.
    accounts = {codes[0] for codes in actual}
    for codes, months in actual.items():
        for month, ore in months.items():
            if month in months_with_trans:
                diff[(codes[0], month)] = diff.get((codes[0], month), 0) + ore
    for (account, _), months in st.trans.items():
        if account not in accounts:
            continue
        for month, ore in months.items():
            diff[(account, month)] = diff.get((account, month), 0) - ore
    off = _differences(diff)
    if off:
        ledger.issues.append(warning(SourceRef(name), (
            f"verifikationerna (#TRANS) stämmer inte med #PSALDO ({off}); "
            "importen använder #PSALDO")))
    else:
        ledger.notes.append(f"{st.trans_rows} #TRANS stämmer med #PSALDO")


def _cumulative(st: _State, target: ByCodes, ledger: Ledger, name: str) -> None:
    """Turn year-to-date balances into monthly changes when #RES shows they are such."""
    if not st.results:
        return
    per_year: dict[int, dict[str, dict[int, int]]] = {}
    for codes, months in target.items():
        for month, ore in months.items():
            acc = per_year.setdefault(month // 100, {}).setdefault(codes[0], {})
            acc[month] = acc.get(month, 0) + ore
    year_of = {y: span[0] // 100 for y, span in st.years.items()}
    as_changes = as_running = 0
    for (year, account), result in st.results.items():
        found = per_year.get(year_of.get(year, -1), {}).get(account)
        if not found:
            continue
        as_changes += sum(found.values()) == result
        as_running += found[max(found)] == result
    if as_running > as_changes:
        for codes, values in list(target.items()):
            previous: dict[int, int] = {}
            changes = {}
            for month in sorted(values):  # new dictionaries: the read ones stay as read
                changes[month] = values[month] - previous.get(month // 100, 0)
                previous[month // 100] = values[month]
            target[codes] = changes
        ledger.issues.append(warning(SourceRef(name), (
            "#PSALDO i filen är saldon hittills i år, inte periodens förändring som "
            "SIE-formatet anger (det visar #RES); importen räknade om dem till förändringen "
            "per månad")))
