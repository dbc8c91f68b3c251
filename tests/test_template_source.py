"""One source for the default template: the committed .docx is what build_template.py makes.

Edit the builder and run `python templates/build_template.py`; a template changed by hand
in Word without the builder (or the reverse) fails here. Parts are compared unzipped, so a
different zlib cannot make the test fail.
"""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

from generator.kinds import KINDS
from tests.conftest import ROOT

TEMPLATES = ROOT / "templates"


def _builder():
    spec = importlib.util.spec_from_file_location("build_template",
                                                  TEMPLATES / "build_template.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def test_the_committed_templates_are_what_the_builder_makes(tmp_path: Path) -> None:
    builder = _builder()
    for kind in builder.KINDS:
        builder.build(tmp_path / f"{kind}.docx", kind)
    builder.build_overview(tmp_path / "kommunoversikt.docx")
    names = [f"{kind}.docx" for kind in builder.KINDS]
    assert names == [f"{k.key}.docx" for k in KINDS]  # one template per kind of report
    for name in (*names, "kommunoversikt.docx"):
        built, committed = _parts(tmp_path / name), _parts(TEMPLATES / name)
        assert list(built) == list(committed), name
        changed = [part for part in built if built[part] != committed[part]]
        assert not changed, (f"{name}: {changed} differ; run python templates/build_template.py "
                             "and commit the result")


def test_a_rebuild_is_byte_identical(tmp_path: Path) -> None:
    builder = _builder()
    builder.build(tmp_path / "a.docx")
    builder.build(tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
