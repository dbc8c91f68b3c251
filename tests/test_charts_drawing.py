"""Drawn charts inspected: the report's font, even with a stale matplotlib font list."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib import font_manager
from matplotlib.text import Text

from generator.charts import draw, fonts, style
from generator.charts.model import HBARS, ChartData, Line
from generator.charts.prepare import prepare
from tests.conftest import ROOT
from tests.test_charts import AUG, _example_report, chart

FONTS = style.font_candidates("Calibri")  # Calibri, Carlito, DejaVu Sans
DPI = 100  # enough to measure; quicker than print resolution
HBARS_KIND = "staplar avvikelse"
PAIRS_KIND = "staplar prognos mot budget"


def _example(kind: str) -> ChartData:
    report = _example_report()
    from generator.charts.model import ChartBook

    prepared, _ = prepare(chart(kind, ()), ChartBook(), AUG, report.economy.utfall,
                          report.economy.prognos)
    return prepared.data


def _texts(c: draw._Canvas) -> list[Text]:
    return [t for t in c.fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _font_files(c: draw._Canvas) -> set[str]:
    return {Path(font_manager.findfont(t.get_fontproperties())).name for t in _texts(c)}


def _require_carlito() -> None:
    if fonts.installed_files("Carlito"):
        return
    reason = "Carlito is not installed (Debian: fonts-crosextra-carlito)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


# -- the report's font -----------------------------------------------------------------
def test_a_chart_is_drawn_in_carlito() -> None:
    _require_carlito()
    c = draw.figure(_example(HBARS_KIND), FONTS, DPI)
    assert draw.resolve_font(FONTS) in ("Calibri", "Carlito")
    files = _font_files(c)
    assert files and all(f.startswith(("Carlito", "calibri", "Calibri")) for f in files), files


_STALE_RUN = """
import json, sys
from pathlib import Path
from matplotlib import font_manager
from matplotlib.text import Text
stale = not any(e.name == "Carlito" for e in font_manager.fontManager.ttflist)
from generator.charts import draw
from generator.charts.model import HBARS, ChartData, Line
data = ChartData(HBARS, "Titel", "Avvikelse, mnkr", ("Barn och unga", "Vuxna"),
                 (Line("Avvikelse", (-33.3, 7.1)),), 1)
c = draw.figure(data, ("Calibri", "Carlito", "DejaVu Sans"), 100)
texts = [t for t in c.fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
files = sorted({Path(font_manager.findfont(t.get_fontproperties())).name for t in texts})
print(json.dumps({"stale": stale, "files": files, "xlim": list(c.ax.get_xlim())}))
"""


def test_carlito_is_used_even_when_matplotlibs_font_list_predates_it(tmp_path: Path) -> None:
    """matplotlib builds its font list once; a font installed later is not in it. Here the
    list is one without Carlito (as on a machine where Carlito came after matplotlib's first
    run), and the chart is still drawn in Carlito, with the same axis as in this process."""
    _require_carlito()
    current = font_manager.fontManager
    stale = font_manager.FontManager.__new__(font_manager.FontManager)
    vars(stale).update(vars(current))
    stale.ttflist = [e for e in current.ttflist
                     if "carlito" not in e.name.casefold() and "carlito" not in e.fname.lower()]
    config = tmp_path / "mplconfig"
    config.mkdir()
    font_manager.json_dump(stale, config / f"fontlist-v{font_manager.FontManager.__version__}.json")
    env = {**os.environ, "MPLCONFIGDIR": str(config), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", _STALE_RUN], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["stale"], "the font list given to matplotlib should lack Carlito"
    assert seen["files"] and all(f.startswith("Carlito") for f in seen["files"]), seen["files"]
    here = draw.figure(ChartData(HBARS, "Titel", "Avvikelse, mnkr", ("Barn och unga", "Vuxna"),
                                 (Line("Avvikelse", (-33.3, 7.1)),), 1), FONTS, 100)
    assert seen["xlim"] == pytest.approx(list(here.ax.get_xlim()))


def test_system_lookup_keeps_only_the_family_asked_for(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """fontconfig answers Calibri with Carlito; the folders hold files named like a font but
    of another family. Neither is taken for the family asked for."""
    for path in fonts.installed_files("Calibri"):  # Carlito where Calibri is missing
        assert "carlito" not in path.name.lower()
    dejavu = Path(font_manager.findfont("DejaVu Sans"))
    shutil.copy(dejavu, tmp_path / "Fakefont-Regular.ttf")  # named Fakefont, really DejaVu
    (tmp_path / "fakefont.txt").write_text("not a font")
    found = fonts._in_folders("Fake Font", [tmp_path])
    assert [p.name for p in found] == ["Fakefont-Regular.ttf"]
    monkeypatch.setattr(fonts, "installed_files", lambda family: tuple(found))
    before = len(font_manager.fontManager.ttflist)
    assert not draw._add_installed("Fake Font")  # its family is DejaVu Sans: not added
    assert len(font_manager.fontManager.ttflist) == before


def test_a_font_nowhere_to_be_found_falls_back_to_dejavu() -> None:
    assert draw.resolve_font(("Ingen Sådan Font", "Inte Heller Denna")) == "DejaVu Sans"
