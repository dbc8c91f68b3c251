"""Print how long `generate --period aug-2024` takes: cold end to end, per stage, per chart,
and for workbooks formatted to the last row beside the unmodified ones (time and memory).

Measures the Linköping example only (--namnd linkoping-son), so that figures stay comparable
now that inputs/ holds a second nämnd.

Not part of the test run. Usage: python benchmarks/bench_generate.py [--runs N] [--formatted]
(--formatted: only the formatted workbooks' comparison)
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE_ENV = "DELARSRAPPORT_DIAGRAMCACHE"


TIMINGS_ENV = "DELARSRAPPORT_TIDER"  # the run writes its stages' seconds there

# One run in a child that reports its own time and peak memory. The peak is VmHWM, the
# process's own high-water mark (ru_maxrss would keep the forking parent's across exec); it
# covers the report process, not the chart server's separate processes.
_MEASURED = """
import re, sys, time
start = time.perf_counter()
from generator.cli import main
sys.argv = ["generate", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
wall = time.perf_counter() - start
with open("/proc/self/status") as status:
    peak = int(re.search(r"VmHWM:\\s*(\\d+)", status.read()).group(1)) / 1024
print(f"BENCH {wall:.4f} {peak:.1f} {code}", file=sys.stderr)
"""


def cold_runs(runs: int, work: Path, keep_cache: bool,
              stages: list[dict] | None = None) -> list[float]:
    """Wall time of separate processes, as a user sees it; without or with the chart cache.
    Each run's own stage timings (written by the CLI) are appended to `stages`."""
    times = []
    timings = work / "tider.json"
    env = {k: v for k, v in os.environ.items() if k != CACHE_ENV}
    env[TIMINGS_ENV] = str(timings)
    for _ in range(runs):
        if not keep_cache:
            shutil.rmtree(work / "outputs" / ".cache", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "generator", "--period", "aug-2024", "--namnd", "linkoping-son",
             "--indata", str(work / "inputs"), "--utdata", str(work / "outputs"),
             "--mall", str(ROOT / "templates" / "delarsrapport.docx")],
            check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
        if stages is not None:
            stages.append(json.loads(timings.read_text(encoding="utf-8")))
    return times


def print_stages(title: str, runs: list[dict]) -> None:
    """Median seconds per stage over `runs`, as the CLI recorded them."""
    med = statistics.median
    print(f"{title} (median of {len(runs)}):")
    names = list(runs[0]["reports"][0]["stages"])
    for name in names:
        seconds = med(r["reports"][0]["stages"].get(name, 0.0) for r in runs)
        print(f"  {name:<30} {seconds * 1000:7.1f} ms")
    imports = [r["server_import"] for r in runs if r.get("server_import") is not None]
    if imports:  # the charts were drawn, not taken from the cache
        charts = [sum(r["reports"][0]["charts"].values()) for r in runs]
        print(f"  {'(chart server: matplotlib import':<30} {med(imports) * 1000:7.1f} ms"
              ", beside läsa, in its own process)")
        print(f"  {'(charts drawn, sum of workers':<30} {med(charts) * 1000:7.1f} ms"
              ", beside skriva rapport)")


def import_floor(runs: int, code: str) -> list[float]:
    """A bare Python importing the given libraries: the floor we cannot beat."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return times


def charts(work: Path) -> float:
    """Drawing time per chart in this process: serial, fork pool, and from the cache."""
    sys.path.insert(0, str(ROOT))
    from generator.charts import load_charts, plan_charts
    from generator.charts.server import cores
    from generator.excel.load import load_report_input
    from generator.period import parse_period

    period = parse_period("aug-2024")
    folder = work / "inputs" / "linkoping-son" / "aug-2024"
    report, _ = load_report_input(folder, period)
    book, _ = load_charts(folder, period)
    assert report is not None
    plan = plan_charts(book, report)
    start = time.perf_counter()
    import generator.charts.draw  # noqa: F401 - matplotlib, as the first drawing pays it

    imported = time.perf_counter() - start
    results = {}
    for label, workers, cache in (("serial", 1, "serial"), ("pool", None, "pool"),
                                  ("cached", None, "pool")):
        start = time.perf_counter()
        drawn = plan.draw(work / cache, workers=workers)
        results[label] = (time.perf_counter() - start, drawn.timings)
    print(f"charts ({len(plan.charts)}, {cores()} cores; importing matplotlib "
          f"{imported * 1000:.0f} ms, paid once per process):")
    print(f"  {'chart':<6} {'serial':>9} {'pool':>9} {'cached':>9}")
    for chart in plan.charts:
        cid = chart.definition.id
        cells = [f"{results[k][1][cid] * 1000:7.1f}ms" for k in ("serial", "pool", "cached")]
        print(f"  {cid:<6} " + " ".join(f"{c:>9}" for c in cells))
    sums = [f"{sum(results[k][1].values()) * 1000:7.1f}ms" for k in results]
    walls = [f"{results[k][0] * 1000:7.1f}ms" for k in results]
    print(f"  {'sum':<6} " + " ".join(f"{c:>9}" for c in sums))
    print(f"  {'wall':<6} " + " ".join(f"{c:>9}" for c in walls))
    return results["serial"][0]


def measured(args: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one `generate …` in a fresh process."""
    done = subprocess.run([sys.executable, "-c", _MEASURED, *args], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})
    line = next(x for x in done.stderr.splitlines() if x.startswith("BENCH "))
    wall, peak, code = line.split()[1:]
    if code not in ("0", "None"):
        raise SystemExit(f"generate {' '.join(args)} ended with {code}:\n{done.stderr}")
    return float(wall), float(peak)


def formatted(runs: int) -> None:
    """generate and check on workbooks formatted to the last row, beside the unmodified.

    sparse: every sheet of every workbook has a border at row 1 048 576, a fill at XFD1 and
    columns A:F formatted (what Excel writes for a stray border and whole-column formats).
    dense: utfall.xlsx › Drift and prognos.xlsx › Drift have column C formatted cell by cell
    down to row 1 048 576 (what Excel writes when a range is formatted: a million <row>
    elements, 58 MB of XML per sheet). Charts come from the cache in every run, so that the
    figures compare reading, not drawing.
    """
    sys.path.insert(0, str(ROOT))
    from tests.formatted import format_dense, format_folder_sparse

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        folder = Path("linkoping-son") / "aug-2024"
        works = {"unmodified": base / "normal", "sparse": base / "sparse",
                 "dense": base / "dense"}
        shutil.copytree(ROOT / "inputs" / folder, works["unmodified"] / "inputs" / folder)
        format_folder_sparse(ROOT / "inputs" / folder, works["sparse"] / "inputs" / folder)
        shutil.copytree(ROOT / "inputs" / folder, works["dense"] / "inputs" / folder)
        for name in ("utfall.xlsx", "prognos.xlsx"):
            format_dense(works["dense"] / "inputs" / folder / name, "Drift")
        cache = base / "cache"
        os.environ[CACHE_ENV] = str(cache)
        try:
            commands = {
                "generate": lambda w: ["--indata", str(w / "inputs"), "--utdata",
                                       str(w / "outputs"), "--mall",
                                       str(ROOT / "templates" / "delarsrapport.docx"),
                                       "--period", "aug-2024"],
                "check": lambda w: ["--indata", str(w / "inputs"), "check", "--period",
                                    "aug-2024"],
            }
            measured(commands["generate"](works["unmodified"]), base)  # fills the cache
            results: dict[tuple[str, str], list[tuple[float, float]]] = {}
            for _ in range(runs):  # interleaved, so that a slow spell hits every variant
                for label, work in works.items():
                    for command, make in commands.items():
                        results.setdefault((label, command), []).append(
                            measured(make(work), base))
        finally:
            os.environ.pop(CACHE_ENV, None)
    med = statistics.median
    print(f"formatted to the last row (median of {runs} interleaved runs; charts from the "
          "cache; peak = the report process's VmHWM):")
    print(f"  {'':<12} {'generate':>9} {'peak':>8} {'ratio':>12}   {'check':>7} {'peak':>8} "
          f"{'ratio':>12}")
    base_figures = {c: (med(t for t, _ in results["unmodified", c]),
                        med(m for _, m in results["unmodified", c])) for c in commands}
    for label in works:
        cells = []
        for command in commands:
            seconds = med(t for t, _ in results[label, command])
            peak = med(m for _, m in results[label, command])
            t0, m0 = base_figures[command]
            cells.append(f"{seconds:8.3f}s {peak:6.1f}MB  {seconds / t0:4.2f}× {peak / m0:4.2f}×")
        print(f"  {label:<12} {cells[0]}   {cells[1]}")
    print("  (ratio: time × and memory × of the unmodified run; target ≤ 1,5 each)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--formatted", action="store_true",
                        help="only workbooks formatted to the last row beside the unmodified")
    args = parser.parse_args()
    os.environ.pop(CACHE_ENV, None)
    # Compiled once, as a user's first run does: with PYTHONDONTWRITEBYTECODE set (as on
    # some CI machines) every run would otherwise compile the package anew.
    compileall.compile_dir(ROOT / "generator", quiet=1)
    if args.formatted:
        formatted(args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "inputs", work / "inputs")
        # Cold runs and floor runs alternate, so that a slow spell of this (shared) machine
        # affects both alike; the ratio is taken pair by pair.
        cold, floor = [], []
        cold_stages: list[dict] = []
        cached_stages: list[dict] = []
        for _ in range(args.runs):
            floor += import_floor(1, "import docxtpl, docx, openpyxl, click, jinja2, lxml, "
                                     "matplotlib.figure, matplotlib.backends.backend_agg")
            cold += cold_runs(1, work, keep_cache=False, stages=cold_stages)
        warm_cache = cold_runs(args.runs, work, keep_cache=True, stages=cached_stages)
        check = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "generator", "--indata", str(work / "inputs"),
                            "check", "--period", "aug-2024", "--namnd", "linkoping-son"],
                           check=True, capture_output=True, cwd=work)
            check.append(time.perf_counter() - start)
        helps = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "generator", "--help"], check=True,
                           capture_output=True)
            helps.append(time.perf_counter() - start)
        serial_charts = charts(work)  # measures importing matplotlib and drawing
    med = statistics.median
    med_cold, med_floor = med(cold), med(floor)
    chart_floor = med_floor + serial_charts
    print()
    print(f"cold end-to-end, every chart redrawn (median of {args.runs}): {med_cold:.3f} s  "
          f"(min {min(cold):.3f}, max {max(cold):.3f})")
    print(f"cold end-to-end, charts from the cache (median of {args.runs}): "
          f"{med(warm_cache):.3f} s")
    print(f"floor: bare Python importing the same libraries (median of {args.runs}): "
          f"{med_floor:.3f} s")
    print(f"floor: that plus the same charts drawn one after another in one process: "
          f"{chart_floor:.3f} s")
    pairs = sorted(c / f for c, f in zip(cold, floor, strict=True))
    print(f"ratio cold / import floor, run by run:      median {med(pairs):.2f}, best "
          f"{pairs[0]:.2f}, worst {pairs[-1]:.2f}  (target ≤ 2,0)")
    print(f"ratio cold / import + charts floor:         {med_cold / chart_floor:.2f}")
    print(f"generate check (median of {args.runs}):            {med(check):.3f} s  "
          "(target ≤ 0,4 s)")
    print(f"generate --help (median of {args.runs}):           {med(helps):.3f} s")
    print()
    print_stages("stages of the cold runs, every chart redrawn", cold_stages)
    print_stages("stages of the runs with charts from the cache", cached_stages)
    print()
    formatted(args.runs)


if __name__ == "__main__":
    main()
