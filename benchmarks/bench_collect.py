"""Speed of `generate samla`: collecting N enheter's workbooks (target: 200 in at most 5 s).

Builds a copy of the Linköping example whose enheter.xlsx has N synthetic enheter (each
with one or two report rows), sends their workbooks out with `generate utskick`, fills
them as a manager would (openpyxl), then times:
- `generate samla` as a cold process, as a user runs it (median of --runs),
- reading the N returned workbooks alone with python-calamine (what samla uses), beside the
  baseline openpyxl in its default mode and with read_only=True.
Prints the figures; not part of the test run. Timings on a shared machine are noisy: read
the medians. Usage: python benchmarks/bench_collect.py [--units 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from example_units import CODES, ROWS  # noqa: E402

from generator.excel.schema import ENHETER  # noqa: E402
from generator.excel.writer import write_workbook  # noqa: E402
from generator.orgunits.answers import read_answer  # noqa: E402

NAMND = "linkoping-son"
PERIOD = "aug-2024"


def _split(total: int, n: int) -> list[int]:
    parts = [round(total / n)] * (n - 1)
    return [*parts, total - sum(parts)]


def make_units(folder: Path, n: int) -> dict[tuple[str, str], int]:
    """enheter.xlsx with n enheter spread over the example's rows; their forecasts."""
    keys = list(ROWS)
    members: dict[str, list[str]] = {k: [] for k in keys}
    units = []
    for i in range(n):
        unit_id = f"{5000 + i}"
        rows = [keys[i % len(keys)]]
        if i % 7 == 0:  # some enheter add to two rows
            rows.append(keys[(i + 3) % len(keys)])
        for key in rows:
            members[key].append(unit_id)
        units.append({"id": unit_id, "name": f"Enhet {i + 1}", "manager": f"Chef {i + 1}",
                      "email": f"chef{i + 1}@example.se", "analysis": "Ja" if i % 5 == 0
                      else None})
    lines, forecasts = [], {}
    for key, ids in members.items():
        actual, budget, forecast = (_split(t, len(ids)) for t in ROWS[key])
        for j, unit_id in enumerate(ids):
            lines.append({"unit": unit_id, "code": key if key in CODES else None,
                          "name": CODES.get(key, key), "budget": budget[j],
                          "actual": actual[j], "previous": forecast[j]})
            forecasts[(unit_id, key)] = forecast[j]
    write_workbook(folder / ENHETER.filename, ENHETER, PERIOD, {
        "Enheter": units, "Belopp": lines, "Inställningar": {"threshold": 50}})
    return forecasts


def fill(sent: Path, answers: Path, forecasts: dict[tuple[str, str], int]) -> None:
    answers.mkdir(parents=True, exist_ok=True)
    for path in sorted(sent.glob("*.xlsx")):
        book = openpyxl.load_workbook(path)
        unit_id = book["Instruktioner"]["B2"].value
        ws = book["Prognos"]
        for r in range(2, ws.max_row):
            key = ws.cell(r, 1).value or ws.cell(r, 2).value
            ws.cell(r, 6).value = forecasts[(unit_id, key)]
            ws.cell(r, 8).value = "Kommentar till raden."
        book.save(answers / f"svar {unit_id}.xlsx")


def generate(work: Path, *args: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "generator", "--indata", str(work / "inputs"),
                           "--utdata", str(work / "outputs"), *args],
                          capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stdout + proc.stderr)
    return elapsed


def read_all(files: list[Path], how: str) -> float:
    start = time.perf_counter()
    for path in files:
        if how == "calamine":
            read_answer(path)
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, data_only=True, read_only=how == "read_only")
        for ws in book.worksheets:
            list(ws.iter_rows(values_only=True))
        book.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "inputs" / NAMND / PERIOD
        shutil.copytree(ROOT / "inputs" / NAMND, work / "inputs" / NAMND)
        forecasts = make_units(folder, args.units)
        send = generate(work, "utskick", "--period", PERIOD)
        fill(work / "outputs" / PERIOD / "utskick" / NAMND, folder / "svar", forecasts)
        generate(work, "samla", "--period", PERIOD)  # compiles, warms the disk cache
        runs = [generate(work, "samla", "--period", PERIOD) for _ in range(args.runs)]
        files = sorted((folder / "svar").glob("*.xlsx"))
        reads = {how: statistics.median(read_all(files, how) for _ in range(3))
                 for how in ("calamine", "read_only", "default")}
    n = args.units
    print(f"{n} enheter, {len(files)} arbetsböcker (median of {args.runs} runs; a shared "
          "machine is noisy)")
    print(f"  generate utskick (one run):      {send:6.2f} s")
    print(f"  generate samla, cold process:    {statistics.median(runs):6.2f} s "
          f"(min {min(runs):.2f}, max {max(runs):.2f}; target <= 5 s)")
    print("  reading the workbooks alone (median of 3):")
    for how, label in (("calamine", "python-calamine (samla)"),
                       ("read_only", "openpyxl read_only=True"),
                       ("default", "openpyxl default (baseline)")):
        print(f"    {label:30} {reads[how]:6.2f} s  {reads[how] / n * 1000:6.1f} ms each  "
              f"x{reads['default'] / reads[how]:5.1f}")


if __name__ == "__main__":
    main()
