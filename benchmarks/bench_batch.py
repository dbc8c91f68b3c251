"""Scale of `generate --alla`, with and without --pdf: N synthetic nämnder (copies of the
Linköping example).

For each N, the wall time of one cold `generate --period aug-2024 --alla` process without
and with --pdf, side by side, their ratio, what the PDFs add per report; the CPU time of the
whole process tree (LibreOffice included) and its ratio, which other programs on a shared
machine disturb less than the wall time; and the peak memory of the parent and of the
largest child (a report worker, or LibreOffice). The first row is a plain run of one nämnd
(no --alla), the path of a single report. Each figure is the median of --repeat runs, the
two modes alternating. Not part of the test run.
Usage: python benchmarks/bench_batch.py [--sizes 5,10,25,50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import compileall
import os
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
# (and LibreOffice). The child is a subreaper: LibreOffice, killed with its process group
# once the PDFs are written, is reaped here, so its CPU time is counted too.
_CHILD = """
import ctypes, os, resource, sys, time
try:
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER (Linux)
except (AttributeError, OSError):
    pass
from generator.cli import main
sys.argv = ["generate", *sys.argv[1:]]
start = time.perf_counter()
try:
    main()
except SystemExit as exc:
    code = exc.code
wall = time.perf_counter() - start
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(f"BENCH {wall:.3f} {me.ru_maxrss / 1024:.0f} {kids.ru_maxrss / 1024:.0f} {code} {cpu:.2f}",
      file=sys.stderr)
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


def run(inputs: Path, n: int, pdf: bool, alla: bool) -> tuple[float, float, float, float]:
    """One cold process on fresh outputs (so the chart cache is cold, as in every run):
    wall seconds, CPU seconds of the whole process tree, parent MiB, largest child MiB."""
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
        _, _wall, parent, child, _code, cpu = line.split()
        return total, float(cpu), float(parent), float(child)


def measure(n: int, repeat: int, alla: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        make_inputs(inputs, n)
        runs: dict[bool, list[tuple[float, float, float, float]]] = {False: [], True: []}
        for _ in range(repeat):
            for pdf in (False, True):
                runs[pdf].append(run(inputs, n, pdf=pdf, alla=alla))
    wall = {pdf: statistics.median(r[0] for r in runs[pdf]) for pdf in runs}
    cpu = {pdf: statistics.median(r[1] for r in runs[pdf]) for pdf in runs}
    parent, child = max(r[2] for r in runs[True]), max(r[3] for r in runs[True])
    label = f"{n}" if alla else "1 (no --alla)"
    spread = " / ".join(f"{min(r[0] for r in runs[p]):.1f}–{max(r[0] for r in runs[p]):.1f}"
                        for p in (False, True))
    return (f"{label:>14} {wall[False]:>8.2f} {wall[True]:>8.2f} {wall[True] / wall[False]:>6.2f}"
            f" {(wall[True] - wall[False]) / n:>8.2f} {cpu[False]:>8.1f} {cpu[True]:>8.1f}"
            f" {cpu[True] / cpu[False]:>6.2f} {parent:>7.0f} {child:>7.0f}   {spread}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="5,10,25,50")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-single", action="store_true",
                        help="skip the plain run of one nämnd")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    compileall.compile_dir(ROOT / "generator", quiet=1)  # as after a user's first run
    print(f"median of {args.repeat} cold runs per cell (the two modes alternate); seconds; "
          f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'':>14} {'wall':>8} {'wall':>8} {'wall':>6} {'pdf s':>8} {'cpu':>8} {'cpu':>8} "
          f"{'cpu':>6} {'parent':>7} {'child':>7}")
    print(f"{'nämnder':>14} {'no pdf':>8} {'--pdf':>8} {'ratio':>6} {'/report':>8} "
          f"{'no pdf':>8} {'--pdf':>8} {'ratio':>6} {'MiB':>7} {'MiB':>7}   wall range")
    if not args.no_single:
        print(measure(1, args.repeat, alla=False), flush=True)
    for n in sizes:
        print(measure(n, args.repeat, alla=True), flush=True)


if __name__ == "__main__":
    main()
