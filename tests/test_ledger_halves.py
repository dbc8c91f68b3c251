"""A big ledger file is read on two cores: the result must be the one a single pass gives.

`halves.PARALLEL_BYTES` is lowered so that files of a few hundred kilobytes are split; each
test reads the same file with and without the split and compares everything the import
uses: amounts, totals, first lines, notes and the errors with their line numbers.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from generator.excel.xlsx_cells import Hidden
from generator.ledger import halves
from generator.ledger.model import FIELDS, Ledger, LedgerInputError
from generator.ledger.read_csv import read_csv
from generator.ledger.sie import read_sie
from tests.ledger_helpers import HEADER, write_csv

NAMES: dict[str, str] = {}
NEEDED = {"Ansvar", "Verksamhet"}
ROWS = 12_000


def _csv_rows(rng: random.Random, quoted: bool = False) -> list[str]:
    rows = []
    for n in range(ROWS):
        konto = rng.choice(["3010", "4010", "5010", "6010", "8410"])
        ansvar = rng.choice(["3100", "3510", "3610", "4100", " 3200"])
        verksamhet = str(rng.randrange(100, 923, 7))
        ore = rng.randint(-5_000_000, 5_000_000)
        amount = f"{'-' if ore < 0 else ''}{abs(ore) // 100},{abs(ore) % 100:02d}"
        period = f"202{3 + n % 2}{1 + n % 12:02d}"
        if quoted:
            text = '"rad\r\nmed radbrytning"' if n % 97 == 0 else '"text"'
            rows.append(f'"{period}";"{konto}";"{ansvar}";"{verksamhet}";{text};"";"";"";'
                        f'"{amount}";""')
        else:
            rows.append(f"{period};{konto};{ansvar};{verksamhet};;;;;{amount};")
    return rows


def _read_both(monkeypatch: pytest.MonkeyPatch, read: object, limit_of: object = halves,
               limit: str = "PARALLEL_BYTES") -> tuple[object, object]:
    """What `read()` gives in one pass, and split in two (`limit_of.limit` lowered)."""
    outcomes = []
    for size in (1 << 40, 1 << 16):
        monkeypatch.setattr(limit_of, limit, size)
        try:
            outcomes.append(read())  # type: ignore[operator]
        except LedgerInputError as exc:
            outcomes.append([(str(i.ref), i.message) for i in exc.issues])
    return outcomes[0], outcomes[1]


def _same_ledger(one: Ledger, two: Ledger) -> None:
    assert one.amounts == two.amounts
    assert one.totals == two.totals and one.rows == two.rows
    assert one.first_lines == two.first_lines
    assert {c: one.first_seen(c) for c in one.first_lines} == \
        {c: two.first_seen(c) for c in two.first_lines}
    assert one.notes == two.notes and one.fields == two.fields
    assert [(i.ref, i.message) for i in one.issues] == [(i.ref, i.message) for i in two.issues]


@pytest.mark.parametrize("quoted", [False, True], ids=["plain", "every-field-quoted"])
def test_a_split_csv_reads_as_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       quoted: bool) -> None:
    path = write_csv(tmp_path / "hb.csv", _csv_rows(random.Random(3), quoted))
    assert path.stat().st_size > 2 * (1 << 16)
    cuts: list[halves.Cut | None] = []
    find_cut = halves.find_cut
    monkeypatch.setattr(halves, "find_cut",
                        lambda *a, **k: cuts.append(find_cut(*a, **k)) or cuts[-1])
    one, two = _read_both(monkeypatch, lambda: read_csv(path, NAMES, NEEDED, None))
    if quoted:  # read whole: a quoted field may hold a line break, and a stray quote
        assert cuts == []  # would make counting them wrong
    else:  # read whole (too small to look for a cut), then really split
        assert len(cuts) == 1 and cuts[0] is not None
    assert isinstance(one, Ledger) and isinstance(two, Ledger)
    _same_ledger(one, two)
    assert one.rows == ROWS


def test_errors_in_the_second_half_name_their_lines(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _csv_rows(random.Random(4))
    rows[ROWS - 100] = "202405;4010;3100;510;;;;;12,345;"  # three decimals, line ROWS - 98
    rows[ROWS - 10] = "202405;4010;3100;510;;;;;1,00"     # a field short
    path = write_csv(tmp_path / "hb.csv", rows)
    one, two = _read_both(monkeypatch, lambda: read_csv(path, NAMES, NEEDED, None))
    assert one == two
    assert [ref for ref, _ in one] == [f"hb.csv › rad {ROWS - 98}", f"hb.csv › rad {ROWS - 8}"]


def test_a_bad_period_in_the_second_half_is_named_at_its_first_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _csv_rows(random.Random(10))
    rows[ROWS - 50] = rows[ROWS - 40] = "2024-14;4010;3100;510;;;;;1,00;"
    path = write_csv(tmp_path / "hb.csv", rows)
    one, two = _read_both(monkeypatch, lambda: read_csv(path, NAMES, NEEDED, None))
    assert one == two == [(f"hb.csv › rad {ROWS - 48}", (
        'förväntade en period som 202408 (år och månad), hittade "2024-14" i kolumnen '
        "Period"))]


def test_an_unreadable_byte_is_named_by_its_line(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "hb.csv", _csv_rows(random.Random(5)))
    data = path.read_bytes()
    ends = [i for i, b in enumerate(data) if b == 0x0A]
    start = ends[ROWS - 20] + 1  # the start of line ROWS - 18
    path.write_bytes(data[:start + 7] + b"\x81" + data[start + 8:])  # in Konto
    one, two = _read_both(monkeypatch, lambda: read_csv(path, NAMES, NEEDED, None))
    assert one == two == [(f"hb.csv › rad {ROWS - 18}", (
        "raden har ett tecken som inte går att läsa som Windows-1252; spara exporten som "
        "UTF-8 eller Windows-1252 (CSV) och importera igen"))]


def test_the_errors_are_those_of_one_pass(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """At most 20, in file order, whatever half they are in: an unreadable byte after the
    twentieth error is never reached, as in one pass; a row with two bad amounts after the
    nineteenth gives the twentieth."""
    rows = _csv_rows(random.Random(13))
    for n in range(100, 130):
        rows[n] = "202405;4010;3100;510;;;;;1,00"  # a field short
    path = write_csv(tmp_path / "hb.csv", rows)
    data = path.read_bytes()
    at = data.rfind(b"4010")
    path.write_bytes(data[:at] + b"\x81" + data[at + 1:])  # near the end
    one, two = _read_both(monkeypatch, lambda: read_csv(path, NAMES, NEEDED, None))
    assert one == two and len(one) == 20
    assert all("fält" in message for _, message in one)
    rows = _csv_rows(random.Random(14))
    for n in range(100, 119):
        rows[n] = "202405;4010;3100;510;;;;;1,00"
    rows[ROWS - 100] = "202405;4010;3100;510;;;;;1,234;5,678"
    path = write_csv(tmp_path / "hb.csv", rows)
    one, two = _read_both(monkeypatch, lambda: read_csv(path, NAMES, NEEDED, None))
    assert one == two and len(one) == 20
    assert one[-1][0] == f"hb.csv › rad {ROWS - 98}"


def test_a_code_string_is_first_seen_on_its_lowest_line(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    rows = _csv_rows(random.Random(15))
    rows[5] = "202405;3999 ;3100;510;;;;;;1,00"  # a budget only, the account with a blank
    rows[ROWS - 20] = "202405;3999;3100;510;;;;;2,00;"
    path = write_csv(tmp_path / "hb.csv", rows)
    one, two = _read_both(monkeypatch, lambda: read_csv(path, NAMES, NEEDED, None))
    assert isinstance(one, Ledger) and isinstance(two, Ledger)
    codes = ("3999", "3100", "510", "", "", "", "", "")[:len(FIELDS)]
    assert one.first_lines[codes] == two.first_lines[codes] == 7


def test_an_unreadable_byte_near_the_top_is_named_too(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "hb.csv", _csv_rows(random.Random(16))[:50])
    data = path.read_bytes()
    ends = [i for i, b in enumerate(data) if b == 0x0A]
    path.write_bytes(data[:ends[3] + 8] + b"\x81" + data[ends[3] + 9:])  # line 5
    with pytest.raises(LedgerInputError) as caught:
        read_csv(path, NAMES, NEEDED, None)
    assert [str(i.ref) for i in caught.value.issues] == ["hb.csv › rad 5"]


def test_lines_ending_in_a_bare_carriage_return_are_read_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "hb.csv", _csv_rows(random.Random(6)), newline="\r")
    monkeypatch.setattr(halves, "PARALLEL_BYTES", 1 << 16)
    assert halves.find_cut(path, len(HEADER) + 1, 2, lambda _: True) is None
    assert read_csv(path, NAMES, NEEDED, None).rows == ROWS


def _sie_lines(rng: random.Random) -> list[str]:
    lines = ["#FLAGGA 0", "#FORMAT PC8", "#SIETYP 4", '#FNAMN "Exempelby kommun"',
             "#RAR 0 20240101 20241231", "#RAR -1 20230101 20231231", '#DIM 1 "Ansvar"',
             '#DIM 20 "Verksamhet"', '#KONTO 4010 "Köpta tjänster"']
    for n in range(ROWS // 40):
        day = f"2024{1 + n % 12:02d}15"
        lines += [f'#VER A {n + 1} {day} "Bokföring"', "{"]
        for _ in range(40):
            ore = rng.randint(-5_000_000, 5_000_000)
            amount = f"{'-' if ore < 0 else ''}{abs(ore) // 100}.{abs(ore) % 100:02d}"
            ansvar, verksamhet = rng.choice(["3100", "3510"]), rng.randrange(100, 923, 7)
            lines.append(f'#TRANS {rng.choice(["4010", "5010"])} {{1 "{ansvar}" 20 '
                         f'"{verksamhet}"}} {amount}')
        lines.append("}")
    return lines


def _write_sie(path: Path, lines: list[str]) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp437"))
    return path


def test_a_split_sie_file_reads_as_one_pass(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _sie_lines(random.Random(7))
    # a name and a dimension declared late are still used (the later one wins, as in one pass)
    lines.insert(len(lines) - 200, '#OBJEKT 1 "3510" "LSS Funktionsstöd"')
    path = _write_sie(tmp_path / "hb.si", lines)
    one, two = _read_both(monkeypatch, lambda: read_sie(path, {}, NEEDED))
    assert isinstance(one, Ledger) and isinstance(two, Ledger)
    _same_ledger(one, two)
    assert one.names[("Ansvar", "3510")] == "LSS Funktionsstöd"
    assert one.rows == ROWS


def test_sie_errors_in_the_second_half(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _sie_lines(random.Random(8))
    at = len(lines) - 30
    assert lines[at].startswith("#TRANS")
    lines[at] = '#TRANS 4010 {1 "3100"} 12,50'
    # a period balance after the vouchers, outside its #RAR year: checked in the second half
    lines.append('#PSALDO 0 202501 4010 {1 "3100"} 10.00')
    path = _write_sie(tmp_path / "hb.si", lines)
    one, two = _read_both(monkeypatch, lambda: read_sie(path, {}, NEEDED))
    assert one == two
    assert [ref for ref, _ in one] == [f"hb.si › rad {at + 1}", f"hb.si › rad {len(lines)}"]
    assert "ligger inte i räkenskapsår 0" in one[1][1]


def _fails_in_a_child(parent: int) -> str:
    if os.getpid() != parent:
        raise RuntimeError("the child fails")
    return "read here"


def test_the_second_half_runs_in_a_child() -> None:
    mine, theirs = halves.in_two(os.getpid, os.getpid, ())
    assert mine == os.getpid() and theirs != mine


def test_a_failing_child_is_replaced_by_reading_here() -> None:
    mine, theirs = halves.in_two(lambda: "first", _fails_in_a_child, (os.getpid(),))
    assert (mine, theirs) == ("first", "read here")


def test_a_spawned_child_as_on_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    path = write_csv(tmp_path / "hb.csv", _csv_rows(random.Random(9)))
    one, _ = _read_both(monkeypatch, lambda: read_csv(path, NAMES, NEEDED, None))
    monkeypatch.setattr(halves, "context", lambda: multiprocessing.get_context("spawn"))
    mine, theirs = halves.in_two(os.getpid, os.getpid, ())
    assert theirs != mine
    monkeypatch.setattr(halves, "PARALLEL_BYTES", 1 << 16)
    two = read_csv(path, NAMES, NEEDED, None)
    assert isinstance(one, Ledger)
    _same_ledger(one, two)


def _write_xlsx(path: Path, rows: int, comment_until: int = 0) -> Path:
    """A one-sheet export as openpyxl writes it (inline strings, numbers as numbers, every
    third period a date cell), with a Kommentar column first that only the first
    `comment_until` rows fill in."""
    from datetime import date

    import openpyxl

    rng = random.Random(11)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Huvudbok"
    ws.append(["Kommentar", "Period", "Konto", "Ansvar", "Verksamhet", "Belopp"])
    for n in range(rows):
        period = date(2024, 1 + n % 12, 1) if n % 3 == 0 else 202401 + n % 12
        ws.append([f"rad {n}" if n < comment_until else None, period,
                   rng.choice(["4010", "5010", "3010"]), rng.choice(["3100", "3510", "4100"]),
                   str(rng.randrange(100, 923, 7)), rng.randint(-500_000, 500_000) / 100])
    book.save(path)
    return path


def _read_xlsx_both(monkeypatch: pytest.MonkeyPatch, path: Path) -> tuple[object, object]:
    from generator.ledger import xlsx_halves
    from generator.ledger.read_xlsx import read_xlsx

    return _read_both(monkeypatch, lambda: read_xlsx(path, NAMES, NEEDED), xlsx_halves,
                      "PARALLEL_XML")


def test_a_big_excel_sheet_read_in_two_halves_as_one(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # Kommentar is empty in the second half: there its rows begin one column further right
    path = _write_xlsx(tmp_path / "hb.xlsx", 6000, comment_until=100)
    one, two = _read_xlsx_both(monkeypatch, path)
    assert isinstance(one, Ledger) and isinstance(two, Ledger)
    assert one.notes == ['fliken "Huvudbok"']
    assert two.notes == ['fliken "Huvudbok", läst i två halvor']
    assert one.amounts == two.amounts and one.totals == two.totals and one.rows == two.rows
    assert one.first_lines == two.first_lines
    assert max(one.first_lines.values()) > 3000  # code strings first met in the second half
    assert [i.message for i in one.issues] == [i.message for i in two.issues]


def test_errors_in_the_second_excel_half_name_their_cells(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    import openpyxl

    path = _write_xlsx(tmp_path / "hb.xlsx", 6000)
    book = openpyxl.load_workbook(path)
    book["Huvudbok"]["F5900"] = 12.345
    book["Huvudbok"]["B5950"] = "2024-14"
    book.save(path)
    one, two = _read_xlsx_both(monkeypatch, path)
    assert one == two == [("hb.xlsx › Huvudbok › F5900", (
        'förväntade ett belopp i kronor med högst två decimaler, hittade "12.345"'))]
    book["Huvudbok"]["F5900"] = 12.34
    book.save(path)
    one, two = _read_xlsx_both(monkeypatch, path)
    assert one == two == [("hb.xlsx › Huvudbok › B5950", (
        'förväntade en period som 202408 (år och månad), hittade "2024-14" i kolumnen '
        "Period"))]


def test_error_values_in_either_half_are_named_as_in_one_pass(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each process looks for error values and unsaved formulas in the XML it writes."""
    import openpyxl

    path = _write_xlsx(tmp_path / "hb.xlsx", 6000, comment_until=100)
    book = openpyxl.load_workbook(path)
    sheet = book["Huvudbok"]
    sheet["F40"] = "#N/A"
    sheet["D5900"] = "#REF!"
    sheet["F5950"] = "=F2+F3"
    sheet["A5990"] = "#N/A"  # Kommentar: not read
    book.save(path)
    one, two = _read_xlsx_both(monkeypatch, path)
    assert one == two
    assert [ref for ref, _ in one] == [  # type: ignore[union-attr]
        "hb.xlsx › Huvudbok › F40", "hb.xlsx › Huvudbok › D5900", "hb.xlsx › Huvudbok › F5950"]


def test_a_failing_split_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.ledger import xlsx_halves
    from generator.ledger.read_xlsx import read_xlsx

    path = _write_xlsx(tmp_path / "hb.xlsx", 6000)
    whole = read_xlsx(path, NAMES, NEEDED)
    monkeypatch.setattr(xlsx_halves, "PARALLEL_XML", 1 << 16)

    def broken(*_: object) -> None:
        raise RuntimeError("a fault in the split")

    monkeypatch.setattr(halves, "in_two", broken)
    again = read_xlsx(path, NAMES, NEEDED)
    assert again.notes == ['fliken "Huvudbok"'] and again.amounts == whole.amounts
    assert not _halves_folders(path)  # the halves' folder is removed


def test_a_second_half_that_cannot_be_written_is_read_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The child writes and reads the first half while this process writes the second: a
    # full disk here ends the child and the file is read whole, with nothing left behind.
    from generator.ledger import xlsx_halves
    from generator.ledger.read_xlsx import read_xlsx

    path = _write_xlsx(tmp_path / "hb.xlsx", 6000)
    whole = read_xlsx(path, NAMES, NEEDED)
    monkeypatch.setattr(xlsx_halves, "PARALLEL_XML", 1 << 16)
    folders: list[Path] = []
    real_split, real_write = xlsx_halves.split, xlsx_halves.write_half

    def split(workbook: Path) -> xlsx_halves.Halves | None:
        parts = real_split(workbook)
        assert parts is not None and parts.header.is_file() and not parts.first.exists()
        folders.append(parts.folder)
        return parts

    def write_half(parts: xlsx_halves.Halves, which: int) -> tuple[int, list[Hidden]]:
        if which == 1:
            raise OSError(28, "No space left on device")
        return real_write(parts, which)

    monkeypatch.setattr(xlsx_halves, "split", split)
    monkeypatch.setattr(xlsx_halves, "write_half", write_half)
    again = read_xlsx(path, NAMES, NEEDED)
    assert again.notes == ['fliken "Huvudbok"']
    assert again.amounts == whole.amounts and again.first_lines == whole.first_lines
    assert folders and not folders[0].exists()


def test_halves_that_do_not_meet_are_read_whole(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Each process finds the seam itself: if one's were not the other's, rows would be
    counted twice or not at all."""
    from generator.ledger import xlsx_halves
    from generator.ledger.read_xlsx import read_xlsx

    path = _write_xlsx(tmp_path / "hb.xlsx", 6000)
    whole = read_xlsx(path, NAMES, NEEDED)
    monkeypatch.setattr(xlsx_halves, "PARALLEL_XML", 1 << 16)
    real_write = xlsx_halves.write_half
    writes: list[int] = []

    def write_half(parts: xlsx_halves.Halves, which: int) -> tuple[int, list[Hidden]]:
        offset, hidden = real_write(parts, which)
        writes.append(which)
        return offset - (which == 1), hidden  # this process's half: fork or spawn

    monkeypatch.setattr(xlsx_halves, "write_half", write_half)
    again = read_xlsx(path, NAMES, NEEDED)
    assert writes == [1]  # the halves were written, the other by the child
    assert again.notes == ['fliken "Huvudbok"']
    assert again.amounts == whole.amounts and again.first_lines == whole.first_lines
    assert not _halves_folders(path)


def test_a_workbook_replaced_after_the_split_is_not_read_in_halves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same sheet with other styles (a date format, say) or shared strings would give
    the same seams: each half checks that every part is the one that was split."""
    import zipfile

    from generator.ledger import xlsx_halves

    path = _write_xlsx(tmp_path / "hb.xlsx", 6000)
    monkeypatch.setattr(xlsx_halves, "PARALLEL_XML", 1 << 16)
    parts = xlsx_halves.split(path)
    assert parts is not None
    try:
        with zipfile.ZipFile(path) as z:
            contents = {i.filename: z.read(i) for i in z.infolist()}
        contents["xl/styles.xml"] += b"\n"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in contents.items():
                z.writestr(name, data)
        for which in (0, 1):
            with pytest.raises(xlsx_halves.NotSplit, match="changed"):
                xlsx_halves.write_half(parts, which)
    finally:
        parts.remove()


def _halves_folders(since: Path) -> list[Path]:
    """The halves' temporary folders made since `since` was written."""
    import tempfile

    return [p for p in Path(tempfile.gettempdir()).glob("delarsrapport-xlsx-*")
            if p.stat().st_mtime >= since.stat().st_mtime]


def _sheet_xml(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def _replace_sheet(path: Path, xml: bytes) -> None:
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["xl/worksheets/sheet1.xml"] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _cells(path: Path) -> dict[tuple[int, int], object]:
    """Every filled cell of the workbook's one sheet by its (row, column), 0-based."""
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return {(r, c): v for r, row in enumerate(sheet.iter_rows())
            for c, v in enumerate(row, start=(sheet.start or (0, 0))[1]) if v != ""}


def test_the_halves_hold_every_row_once_and_meet_at_a_row_past_the_middle(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from generator.ledger import xlsx_halves

    path = _write_xlsx(tmp_path / "hb.xlsx", 6000, comment_until=4000)
    monkeypatch.setattr(xlsx_halves, "PARALLEL_XML", 1 << 16)
    parts = xlsx_halves.split(path)
    assert parts is not None
    try:
        seams = [xlsx_halves.write_half(parts, which)[0] for which in (1, 0)]
        assert seams[0] == seams[1]  # found alone by each, as by two processes
        xml = _sheet_xml(path)
        offset = seams[0]
        assert offset >= len(xml) * xlsx_halves.SEAM
        assert re.match(rb'<row r="\d+"', xml[offset:])
        assert not re.search(rb"<row[ >]", xml[int(len(xml) * xlsx_halves.SEAM):offset])
        first, second = _cells(parts.first), _cells(parts.second)
        assert not first.keys() & second.keys()
        assert first | second == _cells(path)
        assert max(r for r, _ in first) + 1 == min(r for r, _ in second)
        assert list(_cells(parts.header))[:6] == [(0, c) for c in range(6)]
    finally:
        parts.remove()
    assert not parts.folder.exists()


def test_a_sheet_with_a_namespace_prefix_is_read_in_halves(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """Some programs write <x:row …> with the namespace bound to a prefix."""
    import re

    path = _write_xlsx(tmp_path / "hb.xlsx", 6000)
    xml = _sheet_xml(path)
    xml = re.sub(rb"<(/?)(?=[A-Za-z])", rb"<\1x:", xml).replace(b" xmlns=", b" xmlns:x=", 1)
    _replace_sheet(path, xml)
    assert b"<x:row " in xml and b"<row " not in xml
    one, two = _read_xlsx_both(monkeypatch, path)
    assert isinstance(one, Ledger) and isinstance(two, Ledger)
    assert two.notes == ['fliken "Huvudbok", läst i två halvor']
    assert one.amounts == two.amounts and one.first_lines == two.first_lines
    assert one.rows == two.rows == 6000


def _with_shared_strings(path: Path) -> None:
    """The workbook's text cells moved to a shared-strings part, as Excel saves them."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    strings: dict[bytes, int] = {}

    def shared(found: re.Match[bytes]) -> bytes:
        index = strings.setdefault(found.group(2), len(strings))
        return b'<c r="' + found.group(1) + b'" t="s"><v>' + str(index).encode() + b"</v></c>"

    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'<c r="(\w+)" t="inlineStr"><is><t>([^<]*)</t></is></c>', shared,
                          parts[sheet])
    assert b"inlineStr" not in parts[sheet]
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="'
        + str(len(strings)).encode() + b'">'
        + b"".join(b"<si><t>" + text + b"</t></si>" for text in strings) + b"</sst>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
        b'formats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", (
            b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId9"/>'
            b"</Relationships>"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_sheet_of_shared_strings_is_read_in_halves(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel keeps text in one shared part that each half needs whole."""
    path = _write_xlsx(tmp_path / "hb.xlsx", 6000, comment_until=100)
    inline = _read_xlsx_both(monkeypatch, path)[0]
    _with_shared_strings(path)
    one, two = _read_xlsx_both(monkeypatch, path)
    assert isinstance(one, Ledger) and isinstance(two, Ledger) and isinstance(inline, Ledger)
    assert two.notes == ['fliken "Huvudbok", läst i två halvor']
    assert one.amounts == two.amounts == inline.amounts
    assert one.first_lines == two.first_lines == inline.first_lines


def test_rows_without_their_addresses_are_read_whole(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """r="…" is optional on a row; without it a half's rows could not be placed."""
    import re

    from generator.ledger import xlsx_halves

    path = _write_xlsx(tmp_path / "hb.xlsx", 6000)
    with_addresses = _read_xlsx_both(monkeypatch, path)[0]
    _replace_sheet(path, re.sub(rb'<row r="\d+"', b"<row", _sheet_xml(path)))
    monkeypatch.setattr(xlsx_halves, "PARALLEL_XML", 1 << 16)
    assert xlsx_halves.split(path) is None
    assert not _halves_folders(path)
    one, two = _read_xlsx_both(monkeypatch, path)
    assert isinstance(one, Ledger) and isinstance(two, Ledger)
    assert two.notes == one.notes == ['fliken "Huvudbok"']
    assert one.amounts == two.amounts == with_addresses.amounts  # type: ignore[attr-defined]


def test_a_part_python_cannot_unpack_leaves_the_sheet_to_be_read_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A printer-settings part packed with Deflate64 (which zipfile cannot unpack, and
    calamine never opens): the halves would need to copy it, so the file is read whole."""
    import struct
    import zipfile

    from generator.ledger import xlsx_halves

    path = _write_xlsx(tmp_path / "hb.xlsx", 6000)
    name = b"xl/printerSettings/printerSettings1.bin"
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as z:
        z.writestr(name.decode(), b"\0" * 64)
    data = bytearray(path.read_bytes())
    local = data.rindex(b"PK\x03\x04", 0, data.rindex(name))
    central = data.rindex(b"PK\x01\x02", 0, data.rindex(name))
    struct.pack_into("<H", data, local + 8, 9)  # compression method 9: Deflate64
    struct.pack_into("<H", data, central + 10, 9)
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as z, pytest.raises(NotImplementedError):
        z.read(name.decode())
    monkeypatch.setattr(xlsx_halves, "PARALLEL_XML", 1 << 16)
    assert xlsx_halves.split(path) is None
    assert not _halves_folders(path)
    one, two = _read_xlsx_both(monkeypatch, path)
    assert isinstance(one, Ledger) and isinstance(two, Ledger)
    assert two.notes == ['fliken "Huvudbok"'] and one.amounts == two.amounts


def test_a_split_sie_file_of_period_balances_reads_as_one_pass(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(12)
    lines = _sie_lines(rng)[:9]  # the head: #RAR, #DIM, #KONTO
    for account in range(4000, 4600):
        for month in range(1, 13):
            total = 0
            for ansvar in ("3100", "3510"):
                ore = rng.randint(-500_000, 500_000)
                total += ore
                lines.append(f'#PSALDO 0 2024{month:02d} {account} {{1 "{ansvar}" 20 "510"}} '
                             f"{ore / 100:.2f}")
            lines.append(f"#PSALDO 0 2024{month:02d} {account} {{}} {total / 100:.2f}")
            lines.append(f'#PBUDGET 0 2024{month:02d} {account} {{1 "3100" 20 "510"}} 1.00')
    path = _write_sie(tmp_path / "saldon.se", lines)
    cuts: list[halves.Cut | None] = []
    find_cut = halves.find_cut
    monkeypatch.setattr(halves, "find_cut",
                        lambda *a, **k: cuts.append(find_cut(*a, **k)) or cuts[-1])
    one, two = _read_both(monkeypatch, lambda: read_sie(path, {}, NEEDED))
    assert cuts[0] is None and cuts[1] is not None
    assert isinstance(one, Ledger) and isinstance(two, Ledger)
    _same_ledger(one, two)
    assert not one.issues  # the per-object balances add up to those without objects
    assert one.rows == 600 * 12 * 3


@pytest.mark.parametrize("cut", ["in-a-voucher", "mid-line"])
def test_a_cut_off_sie_file_is_an_error_split_or_not(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      cut: str) -> None:
    """Only the file's end shows that it was cut off; the second half must see it too."""
    lines = _sie_lines(random.Random(9))
    data = ("\r\n".join(lines) + "\r\n").encode("cp437")
    end = data.rindex(b"}\r\n") if cut == "in-a-voucher" else len(data) - 4
    path = tmp_path / "hb.si"
    path.write_bytes(data[:end])
    one, two = _read_both(monkeypatch, lambda: read_sie(path, {}, NEEDED))
    assert one == two
    assert len(one) == 1 and "filen verkar avkortad" in one[0][1]
