"""One source for the default template: the committed .docx is what build_template.py makes.

Edit the builder and run `python templates/build_template.py`; a template changed by hand
in Word without the builder (or the reverse) fails here. Parts are compared unzipped, so a
different zlib cannot make the test fail.
"""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

from lxml import etree

from generator.kinds import KINDS
from tests.conftest import ROOT

TEMPLATES = ROOT / "templates"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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


def test_the_templates_carry_only_the_table_styles_a_report_uses() -> None:
    """python-docx's base template brings about a hundred built-in table styles that no
    report uses; LibreOffice reads every one on each load (0,2 s a PDF), so the builder
    drops them, and the Word 2010 copy of the styles (stylesWithEffects.xml) with them."""
    for path in sorted(TEMPLATES.glob("*.docx")):
        parts = _parts(path)
        assert "word/stylesWithEffects.xml" not in parts, path.name
        assert b"stylesWithEffects" not in parts["word/_rels/document.xml.rels"], path.name
        assert b"stylesWithEffects" not in parts["[Content_Types].xml"], path.name
        styles = etree.fromstring(parts["word/styles.xml"])
        tables = {s.get(W + "styleId") for s in styles.iter(W + "style")
                  if s.get(W + "type") == "table"}
        assert tables == {"TableNormal", "TableGrid", "Rapporttabell"}, path.name
        assert len(parts["word/styles.xml"]) < 60_000, path.name
