"""Print how long `generate --period aug-2024` takes: cold end to end, and per stage.

Measures the Linköping example only (--namnd linkoping-son), so that figures stay comparable
now that inputs/ holds a second nämnd.

Not part of the test run. Usage: python benchmarks/bench_generate.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cold_runs(runs: int, work: Path) -> list[float]:
    """Wall time of separate processes, as a user sees it."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "generator", "--period", "aug-2024", "--namnd", "linkoping-son",
             "--indata", str(work / "inputs"), "--utdata", str(work / "outputs"),
             "--mall", str(ROOT / "templates" / "delarsrapport.docx")],
            check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def import_floor(runs: int) -> list[float]:
    """A bare Python importing the libraries a report needs: the floor we cannot beat."""
    code = "import docxtpl, docx, openpyxl, click, jinja2, lxml"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return times


def stages(work: Path) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from generator.period import parse_period
    from generator.pipeline import Config, run

    config = Config(period=parse_period("aug-2024"), inputs=work / "inputs", namnd="linkoping-son",
                    outputs=work / "outputs-stages",
                    template=ROOT / "templates" / "delarsrapport.docx")
    run(config)  # warm: imports and caches
    return run(config)[0].timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "inputs", work / "inputs")
        cold = cold_runs(args.runs, work)
        floor = import_floor(args.runs)
        per_stage = stages(work)
    med_cold, med_floor = statistics.median(cold), statistics.median(floor)
    print(f"cold end-to-end (median of {args.runs}): {med_cold:.3f} s  "
          f"(min {min(cold):.3f}, max {max(cold):.3f})")
    print(f"import floor (median of {args.runs}):    {med_floor:.3f} s")
    print(f"ratio cold / floor:                 {med_cold / med_floor:.2f}")
    print("warm stages:")
    for stage, seconds in per_stage.items():
        print(f"  {stage:<24} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
