"""Scale of `generate --alla`, with and without --pdf: N synthetic nämnder (copies of the
Linköping example).

For each N, the wall time of one cold `generate --period aug-2024 --alla` process without
and with --pdf, side by side, their ratio, what the PDFs add per report, and the peak memory
of the parent and of the largest child (a report worker, or LibreOffice with --pdf). The
first row is a plain run of one nämnd (no --alla), the path of a single report. Each time is
the median of --repeat runs, the two modes alternating, because other programs on the
machine make single runs noisy. Not part of the test run.
Usage: python benchmarks/bench_batch.py [--sizes 5,10,25,50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "inputs" / "linkoping-son"

# Run in a child so that getrusage(RUSAGE_CHILDREN) covers only the batch's own workers
# (and LibreOffice).
_CHILD = """
import resource, sys, time
from generator.cli import main
sys.argv = ["generate", *sys.argv[1:]]
start = time.perf_counter()
try:
    main()
except SystemExit as exc:
    code = exc.code
wall = time.perf_counter() - start
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"BENCH {wall:.3f} {me:.0f} {kids:.0f} {code}", file=sys.stderr)
"""


def make_inputs(root: Path, n: int) -> None:
    """n nämnder named namnd-01 … namnd-NN, each a renamed copy of the example."""
    for i in range(1, n + 1):
        dst = root / f"namnd-{i:02d}"
        shutil.copytree(SOURCE, dst)
        path = dst / "aug-2024" / "installningar.xlsx"
        book = openpyxl.load_workbook(path)
        for row in book["Nämnd"].iter_rows(min_row=2):
            if row[0].value == "Nämnd":
                row[1].value = f"Nämnd {i:02d}"
        book.save(path)


def run(inputs: Path, n: int, pdf: bool, alla: bool) -> tuple[float, float, float]:
    """One cold process on fresh outputs (so the chart cache is cold, as in every run):
    wall seconds, parent MiB, largest child MiB."""
    with tempfile.TemporaryDirectory() as tmp:
        outputs = Path(tmp) / "outputs"
        args = ["--period", "aug-2024", "--indata", str(inputs), "--utdata", str(outputs),
                "--mall", str(ROOT / "templates" / "delarsrapport.docx")]
        args += ["--alla"] if alla else ["--namnd", "namnd-01"]
        args += ["--pdf"] if pdf else []
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True,
                              text=True, cwd=tmp)
        total = time.perf_counter() - start
        line = next((x for x in proc.stderr.splitlines() if x.startswith("BENCH")), None)
        folder = outputs / "aug-2024"
        docx = len(list(folder.glob("delarsrapport-*.docx")))
        pdfs = len(list(folder.glob("delarsrapport-*.pdf")))
        if line is None or line.split()[4] != "0" or docx != n or pdfs != (n if pdf else 0):
            raise SystemExit(f"run of {n} (pdf={pdf}) failed: {docx} reports, {pdfs} PDFs\n"
                             f"{proc.stdout}\n{proc.stderr}")
        _, _wall, parent, child, _code = line.split()
        return total, float(parent), float(child)


def measure(n: int, repeat: int, alla: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        make_inputs(inputs, n)
        plain: list[float] = []
        with_pdf: list[float] = []
        memory = (0.0, 0.0)
        for _ in range(repeat):
            plain.append(run(inputs, n, pdf=False, alla=alla)[0])
            total, parent, child = run(inputs, n, pdf=True, alla=alla)
            with_pdf.append(total)
            memory = max(memory, (parent, child))
    a, b = statistics.median(plain), statistics.median(with_pdf)
    label = f"{n}" if alla else "1 (no --alla)"
    return (f"{label:>14} {a:>11.2f} {b:>10.2f} {b / a:>6.2f} {(b - a) / n:>13.2f} "
            f"{memory[0]:>11.0f} {memory[1]:>10.0f}   {_spread(plain)} / {_spread(with_pdf)}")


def _spread(values: list[float]) -> str:
    return f"{min(values):.1f}–{max(values):.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="5,10,25,50")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-single", action="store_true",
                        help="skip the plain run of one nämnd")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    compileall.compile_dir(ROOT / "generator", quiet=1)  # as after a user's first run
    print(f"median of {args.repeat} cold runs per cell, seconds")
    print(f"{'nämnder':>14} {'without pdf':>11} {'with --pdf':>10} {'ratio':>6} "
          f"{'pdf s/report':>13} {'parent MiB':>11} {'child MiB':>10}   range without / with")
    if not args.no_single:
        print(measure(1, args.repeat, alla=False), flush=True)
    for n in sizes:
        print(measure(n, args.repeat, alla=True), flush=True)


if __name__ == "__main__":
    main()
