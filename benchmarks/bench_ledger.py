"""How fast `generate importera` reads a big ledger: CSV, Excel (.xlsx) and SIE 4.

Writes a synthetic kommun-wide ledger (2023–2024, about 42 000 code strings, one row per code
string and month, amounts in kronor and öre) to a temporary folder, in each format, and for
each measures in a fresh process: reading it and classifying and reconciling every code string
against a mapping like the bundled one (Ansvar 3*, rows by verksamhet), as the import does
before writing. Beside them, a plain openpyxl read-only pass over the same .xlsx, which is
what reading it without python-calamine would cost. Prints wall time, CPU time (with the
child process that reads the second half of a big CSV or SIE file) and peak memory (max RSS
of the importing process; the child's is in the details).

Run: .venv/bin/python benchmarks/bench_ledger.py [--rader 1000000]
Targets (issue 15): CSV ≤ 2 s, .xlsx ≤ 5 s, SIE with 1 000 000 #TRANS ≤ 3 s, memory ≤ 1 GiB.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

MONTHS = [y * 100 + m for y in (2023, 2024) for m in range(1, 13)]
HEADER = ["Period", "Konto", "Ansvar", "Verksamhet", "Aktivitet", "Objekt", "Projekt",
          "Motpart", "Belopp", "Budget"]


def code_strings(n_rows: int, rng: random.Random) -> list[tuple[str, str, str, str]]:
    accounts = [str(a) for a in range(3010, 8000, 13)]
    ansvar = [str(a) for a in range(1000, 7000, 4)]
    verksamhet = [str(v) for v in range(100, 923, 7)]
    n = n_rows // len(MONTHS) + 1
    return [(rng.choice(accounts), rng.choice(ansvar), rng.choice(verksamhet),
             rng.choice(["", "", "", "3"])) for _ in range(n)]


def rows(n_rows: int) -> list[tuple[int, str, str, str, str, int]]:
    rng = random.Random(15)
    out = []
    for konto, ansvar, verksamhet, motpart in code_strings(n_rows, rng):
        for period in MONTHS:
            if len(out) == n_rows:
                return out
            out.append((period, konto, ansvar, verksamhet, motpart,
                        rng.randint(-5_000_000, 5_000_000)))
    return out


def kr(ore: int, mark: str = ",") -> str:
    return f"{'-' if ore < 0 else ''}{abs(ore) // 100}{mark}{abs(ore) % 100:02d}"


def write_csv(path: Path, data: list[tuple[int, str, str, str, str, int]]) -> None:
    with path.open("w", encoding="cp1252", newline="") as f:
        f.write(";".join(HEADER) + "\r\n")
        for period, konto, ansvar, verksamhet, motpart, ore in data:
            f.write(f"{period};{konto};{ansvar};{verksamhet};;;;{motpart};{kr(ore)};\r\n")


def write_xlsx(path: Path, data: list[tuple[int, str, str, str, str, int]]) -> None:
    """A minimal valid .xlsx written directly (openpyxl needs minutes for a million rows):
    numbers as numbers, codes as inline strings, as ledgers' Excel exports have them."""
    def cell(ref: str, value: object) -> str:
        if isinstance(value, int | float):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'

    cols = "ABCDEFGHIJ"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="applicat'
            'ion/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" Cont'
            'entType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="ap'
            'plication/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Over'
            'ride PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlfo'
            'rmats-officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openx'
            'mlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://s'
            'chemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Targ'
            'et="xl/workbook.xml"/></Relationships>'))
        z.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlfor'
            'mats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/off'
            'iceDocument/2006/relationships"><sheets><sheet name="Huvudbok" sheetId="1" r:id='
            '"rId1"/></sheets></workbook>'))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openx'
            'mlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://s'
            'chemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="w'
            'orksheets/sheet1.xml"/></Relationships>'))
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            head = "".join(cell(f"{c}1", h) for c, h in zip(cols, HEADER, strict=True))
            f.write(f'<row r="1">{head}</row>'.encode())
            for r, (period, konto, ansvar, verksamhet, motpart, ore) in enumerate(data, 2):
                values = [period, konto, ansvar, verksamhet, None, None, None, motpart or None,
                          ore / 100, None]
                body = "".join(cell(f"{c}{r}", v) for c, v in zip(cols, values, strict=True)
                               if v is not None)
                f.write(f'<row r="{r}">{body}</row>'.encode())
            f.write(b"</sheetData></worksheet>")


def write_sie(path: Path, data: list[tuple[int, str, str, str, str, int]]) -> None:
    """SIE 4i-like: only vouchers (#TRANS), 50 rows each, so every row is summed."""
    lines = ["#FLAGGA 0", "#FORMAT PC8", "#SIETYP 4", '#FNAMN "Exempelby kommun"',
             "#RAR 0 20240101 20241231", "#RAR -1 20230101 20231231", '#DIM 1 "Ansvar"',
             '#DIM 20 "Verksamhet"', '#DIM 21 "Motpart"']
    with path.open("w", encoding="cp437", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")
        for start in range(0, len(data), 50):
            chunk = data[start:start + 50]
            f.write(f'#VER A {start // 50 + 1} {chunk[0][0]}15 "Bokföring"\r\n{{\r\n')
            for period, konto, ansvar, verksamhet, motpart, ore in chunk:
                objects = f'1 "{ansvar}" 20 "{verksamhet}"' + (f' 21 "{motpart}"' if motpart
                                                                else "")
                f.write(f"#TRANS {konto} {{{objects}}} {kr(ore, '.')} {period}15\r\n")
            f.write("}\r\n")


def _mapping() -> object:
    from generator.issues import SourceRef
    from generator.ledger.mapping import AccountRule, Condition, Mapping, RowRule
    from generator.ledger.patterns import Pattern
    from generator.model import Verksamhet

    ref = SourceRef("mappning.xlsx")
    mapping = Mapping(Path("mappning.xlsx"))
    mapping.include = [Condition("Ansvar", Pattern.parse("3*"), ref)]
    mapping.exclude = [Condition("Motpart", Pattern.parse("3"), ref)]
    mapping.accounts = [AccountRule(Pattern.parse("3*"), "Intäkt", ref),
                        AccountRule(Pattern.parse("4000-7999"), "Kostnad", ref)]
    mapping.rows = [RowRule(Verksamhet(str(v), f"Verksamhet {v}", "Verksamhet", ref),
                            ((2, Pattern.parse(f"{v}-{v + 99}")),), ref)
                    for v in range(100, 1000, 100)]
    return mapping


def _measure(kind: str, path: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from generator.ledger.classify import Classifier
    from generator.ledger.reconcile import summarize
    from generator.ledger.run import read_file
    from generator.period import parse_period

    mapping = _mapping()
    wall, cpu = time.perf_counter(), time.process_time()
    if kind == "openpyxl":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        n = sum(1 for _ in book.active.iter_rows(values_only=True))
        book.close()
        detail = f"{n - 1} rader lästa"
    else:
        ledger = read_file(Path(path), mapping)  # type: ignore[arg-type]
        summary = summarize([ledger], Classifier(mapping), parse_period("aug-2024"))  # type: ignore[arg-type]
        detail = (f"{ledger.rows} rader, {len(ledger.amounts[next(iter(ledger.amounts))])} "
                  f"kodsträngar, nämnden {summary.namnd['actual']} öre")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu + children.ru_utime + children.ru_stime
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if children.ru_maxrss:  # the process that read the second half of a big file
        detail += f"; andra halvan i en egen process, högst {children.ru_maxrss / 1024:.0f} MB"
    queue.put((wall, cpu, peak, detail))


def measure(kind: str, path: Path) -> tuple[float, float, float, str]:
    """In a fresh process, so each figure's peak memory is its own."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=_measure, args=(kind, str(path), queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def _reference() -> float:
    """A yardstick printed beside the figures: the same script on another computer scales
    roughly with this number."""
    start = time.process_time()
    for _ in range(10_000_000):
        pass
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rader", type=int, default=1_000_000)
    parser.add_argument("--utan-openpyxl", action="store_true",
                        help="hoppa över jämförelsen med openpyxl (tar en minut)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = rows(args.rader)
        files: list[tuple[str, Path, Callable[[Path, list], None]]] = [
            ("CSV", folder / "huvudbok.csv", write_csv),
            ("Excel (calamine)", folder / "huvudbok.xlsx", write_xlsx),
            ("SIE 4 (#TRANS)", folder / "huvudbok.si", write_sie),
        ]
        for _, path, write in files:
            start = time.perf_counter()
            write(path, data)
            print(f"Skrev {path.name}: {path.stat().st_size / 1e6:.0f} MB på "
                  f"{time.perf_counter() - start:.1f} s")
        del data
        print(f"\nReferens för datorns fart: 10 miljoner tomma varv i Python tar "
              f"{_reference():.2f} s CPU här")
        print(f"{args.rader} rader per format; import = läsa, klassificera och stämma av")
        print(f"{'format':<26}{'tid':>9}{'cpu':>9}{'minne':>10}  detaljer")
        runs = [(label, "import", path) for label, path, _ in files]
        if not args.utan_openpyxl:
            runs.append(("openpyxl read-only (bas)", "openpyxl", folder / "huvudbok.xlsx"))
        for label, kind, path in runs:
            wall, cpu, peak, detail = measure(kind, path)
            print(f"{label:<26}{wall:>8.2f}s{cpu:>8.2f}s{peak:>7.0f} MB  {detail}")


if __name__ == "__main__":
    main()
