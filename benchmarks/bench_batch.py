"""Scale of `generate --alla`: N synthetic nämnder (copies of the Linköping example).

Prints, for each N, the wall time of one cold `generate --period aug-2024 --alla` process,
the time per report, and the peak memory of the parent and of the largest worker, so that
linear growth (constant time per report) can be read off. Not part of the test run.
Usage: python benchmarks/bench_batch.py [--sizes 5,10,25,50]
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "inputs" / "linkoping-son"

# Run in a child so that getrusage(RUSAGE_CHILDREN) covers only the batch's own workers.
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


def run(n: int) -> tuple[float, float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_inputs(work / "inputs", n)
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, "--period", "aug-2024", "--alla",
             "--indata", str(work / "inputs"), "--utdata", str(work / "outputs"),
             "--mall", str(ROOT / "templates" / "delarsrapport.docx")],
            capture_output=True, text=True, cwd=work)
        total = time.perf_counter() - start
        line = next(x for x in proc.stderr.splitlines() if x.startswith("BENCH"))
        _, wall, parent, worker, code = line.split()
        written = len(list((work / "outputs" / "aug-2024").glob("delarsrapport-*.docx")))
        if code != "0" or written != n:
            raise SystemExit(f"batch of {n} failed (exit {code}, {written} reports)")
        return total, float(wall), float(parent), float(worker)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="5,10,25,50")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    compileall.compile_dir(ROOT / "generator", quiet=1)  # as after a user's first run
    print(f"{'nämnder':>8} {'process s':>10} {'s/rapport':>10} {'parent MiB':>11} "
          f"{'worker MiB':>11}")
    per_report = []
    for n in sizes:
        total, _wall, parent, worker = run(n)
        per_report.append(total / n)
        print(f"{n:>8} {total:>10.2f} {total / n:>10.3f} {parent:>11.0f} {worker:>11.0f}")
    print(f"time per report, largest / smallest batch: {per_report[-1] / per_report[0]:.2f} "
          "(≤ 1 means the cost grows linearly or better)")


if __name__ == "__main__":
    main()
