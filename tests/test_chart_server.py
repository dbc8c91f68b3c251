"""The chart server: draws a report's charts in forked workers, ends when unused, and never
leaves a chart undrawn when it fails (the report process draws it instead)."""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from generator.charts import server
from generator.charts.job import Job
from generator.charts.stage import CACHE_ENV
from tests.conftest import EXAMPLE, REFERENCE_NAMND, ROOT, TEMPLATE
from tests.test_charts import _plan, chart, replace_id, row

pytestmark = pytest.mark.skipif(not server.can_serve(), reason="needs fork and two cores")


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    yield tmp_path / "cache"
    server.stop()


def _plan_of(n: int):
    rows = (row("S", 2023, [1] * 12), row("S", 2024, [2] * 8, 3))
    # Different titles: different data, so n separate PNGs to draw.
    return _plan(*[replace_id(chart(title=f"Diagram {i}"), f"S{i}") for i in range(n)], *rows)


def test_server_draws_every_job_and_answers_each(own_cache: Path) -> None:
    plan = _plan_of(3)
    srv = server.start(workers=2)
    assert srv is not None and server.current() is srv
    drawn = plan.draw(own_cache, background=True, dpi=40)
    assert not drawn._pool  # the server draws, not a pool of the report process
    drawn.close()
    assert len({p for p in drawn.paths.values()}) == 3
    for path in drawn.paths.values():
        assert Image.open(path).size[0] == 252  # 16 cm at 40 dpi: 251,97 px, rounded up
    assert set(drawn.timings) == {"S0", "S1", "S2"}
    assert all(seconds > 0 for seconds in drawn.timings.values())


def test_server_draws_the_same_png_as_this_process(own_cache: Path) -> None:
    """Same font, same axes, same bytes whichever process draws: the server looks up the
    template's font before forking, this process when it first draws."""
    from generator.charts.stage import draw_jobs
    from tests.test_charts import _example_report
    from tests.test_charts_drawing import PAIRS_KIND, _example

    _example_report()  # the example loads (a clearer failure than inside the server)
    data = _example(PAIRS_KIND)
    fonts = ("Calibri", "Carlito", "DejaVu Sans")
    here = Job(data, fonts, own_cache / "here.png", 60)
    there = Job(data, fonts, own_cache / "there.png", 60)
    draw_jobs([here], workers=1)
    srv = server.start(workers=2)
    assert srv is not None
    srv.submit([there])[there.path].result(timeout=120)
    assert there.path.read_bytes() == here.path.read_bytes()


def test_server_is_released_after_the_expected_reports(own_cache: Path) -> None:
    srv = server.start(workers=2)
    assert srv is not None
    srv.expect(1)
    drawn = _plan_of(2).draw(own_cache, background=True, dpi=40)
    assert server.current() is None  # released: a second report would draw on its own
    drawn.close()
    srv._process.join(timeout=30)
    assert srv._process.exitcode == 0  # ended by itself after its last chart
    again = server.start(workers=2)
    assert again is not None and again is not srv and server.current() is again


def test_unused_server_is_ended_at_once(own_cache: Path) -> None:
    srv = server.start(workers=2)
    assert srv is not None
    srv.expect(0)
    srv._process.join(timeout=10)
    assert srv._process.exitcode is not None and srv._process.exitcode < 0  # terminated


def _dies_at_once(jobs, results, parent_ends, workers) -> None:  # type: ignore[no-untyped-def]
    """A server that ends without drawing anything (as if killed)."""
    for end in (*parent_ends, jobs, results):
        end.close()


def test_charts_are_drawn_here_when_the_server_dies(own_cache: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "_serve", _dies_at_once)  # inherited by the fork
    srv = server.start(workers=2)
    assert srv is not None
    srv._process.join(timeout=10)
    # A dead server is not used; one that dies after taking the jobs fails their futures.
    assert server.current() is None
    futures = srv.submit([Job(_plan_of(1).charts[0].data, ("DejaVu Sans",),
                              own_cache / "x.png", 40)])
    with pytest.raises(server.ServerGone):
        next(iter(futures.values())).result(timeout=10)
    server.stop()

    monkeypatch.setattr(server, "_serve", _dies_at_once)
    srv = server.start(workers=2)
    assert srv is not None
    plan = _plan_of(2)
    drawn = plan.draw(own_cache, background=True, dpi=40)
    drawn.close()
    assert all(path.is_file() for path in drawn.paths.values())
    assert set(drawn.timings) == {"S0", "S1"}


def test_cli_run_leaves_no_process_behind(run_cli, own_cache: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0, result.output
    assert server.current() is None
    assert multiprocessing.active_children() == []


def test_cold_report_from_the_command_line(tmp_path: Path) -> None:
    """A real cold run (no cache): the seven charts drawn by the server end up in the .docx,
    each PNG whole and placed with its own height."""
    shutil.copytree(EXAMPLE / REFERENCE_NAMND, tmp_path / "inputs" / REFERENCE_NAMND)
    env = {k: v for k, v in os.environ.items() if k != CACHE_ENV}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--period", "aug-2024", "--mall", str(TEMPLATE)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Klart: 1 rapport" in result.stdout  # printed before the fast exit
    docx = tmp_path / "outputs" / "aug-2024" / f"delarsrapport-{REFERENCE_NAMND}-aug-2024.docx"
    drawn = sorted((tmp_path / "outputs" / ".cache" / "diagram").glob("*.png"))
    assert len(drawn) == 7
    with zipfile.ZipFile(docx) as z:
        media = sorted(n for n in z.namelist() if n.startswith("word/media/"))
        blobs = {z.read(n) for n in media}
    assert len(media) == 7
    assert blobs == {p.read_bytes() for p in drawn}
    for blob in blobs:
        image = Image.open(io.BytesIO(blob))
        image.load()  # the whole PNG decodes: not cut short by a half-finished drawing
        assert image.width == 1260


def _slow_render(job: Job) -> float:
    import time

    time.sleep(60)
    return 0.0


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(c) for c in task.read_text().split()}
    return found


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")  # a zombie is dead, whoever reaps it


def test_a_killed_server_neither_hangs_the_report_nor_leaves_workers(
        own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal
    import time

    from generator.charts import draw

    monkeypatch.setattr(draw, "render", _slow_render)  # inherited by the server's workers
    srv = server.start(workers=2)
    assert srv is not None
    data = _plan_of(2).charts
    futures = srv.submit([Job(c.data, ("DejaVu Sans",), own_cache / f"{i}.png", 40)
                          for i, c in enumerate(data)])
    deadline = time.monotonic() + 30
    while len(workers := _children(srv._process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) == 2  # both drawing, holding the server's pipes
    os.kill(srv._process.pid, signal.SIGKILL)
    for future in futures.values():
        with pytest.raises(server.ServerGone):
            future.result(timeout=10)  # answered, not waited for forever
    start = time.monotonic()
    server.stop()
    assert time.monotonic() - start < 5
    deadline = time.monotonic() + 10
    while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_gone(pid) for pid in workers)  # they died with the server


def test_a_failing_accessibility_check_costs_a_warning_not_the_report(
        run_cli, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from generator import accessibility

    def broken(doc):  # type: ignore[no-untyped-def]
        raise ValueError("w:sz är inte ett tal")

    monkeypatch.setattr(accessibility, "check_document", broken)
    result = run_cli("--period", "aug-2024")
    assert result.exit_code == 0, result.output
    assert "Tillgänglighetskontrollen kunde inte göras (ValueError: w:sz är inte ett tal)" \
        in result.output
    assert (workdir / "outputs" / "aug-2024" /
            f"delarsrapport-{REFERENCE_NAMND}-aug-2024.docx").is_file()


def _render_or_die(job: Job) -> float:
    if job.path.name.startswith("dies"):
        os._exit(3)  # a worker killed mid-drawing (out of memory, say)
    return 0.25


def test_a_dead_worker_costs_its_chart_not_the_next_report(
        own_cache: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    from generator.charts import draw

    monkeypatch.setattr(draw, "render", _render_or_die)
    srv = server.start(workers=2)
    assert srv is not None
    data = _plan_of(1).charts[0].data
    first = srv.submit([Job(data, ("DejaVu Sans",), own_cache / "dies.png", 40)])
    with pytest.raises(server.ServerGone):
        first[own_cache / "dies.png"].result(timeout=30)
    second = srv.submit([Job(data, ("DejaVu Sans",), own_cache / "lives.png", 40)])
    assert second[own_cache / "lives.png"].result(timeout=30) == 0.25  # a new pool drew it
    server.stop()
    assert "Traceback" not in capfd.readouterr().err
