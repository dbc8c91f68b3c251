"""Charts into the PDF as the report holds them: stand-ins for LibreOffice, restored after.

Real PNGs (Pillow) in real zip parts, real PDFs (pikepdf) with the stand-in drawn on a
page; the end-to-end check with LibreOffice is in test_pdf.py.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from generator import pdf as pdf_module
from generator import pdf_ua
from generator.libreoffice import Conversion, prepare_copy
from generator.pdf_images import (
    STAND_IN_HEIGHT,
    STAND_IN_RGB,
    NotRestored,
    Original,
    parse_png,
    restore,
    restore_file,
    stand_in,
)
from tests.fake_soffice import pdf_of_pngs


def _chart(width: int = 40, height: int = 30, mode: str = "RGB", **save: object) -> bytes:
    """A small 'chart': white with a coloured bar and a grey line, as PNG."""
    image = Image.new(mode, (width, height), "white")
    for x in range(5, 15):
        for y in range(10, height):
            image.putpixel((x, y), (31, 119, 180) if mode == "RGB" else 90)
    for x in range(width):
        image.putpixel((x, height - 3), (128, 128, 128) if mode == "RGB" else 128)
    buffer = io.BytesIO()
    image.save(buffer, format="png", **save)
    return buffer.getvalue()


def _entries(parts: dict[str, bytes]) -> list[tuple[zipfile.ZipInfo, bytes]]:
    return [(zipfile.ZipInfo(name), data) for name, data in parts.items()]


def _with_chunk(png: bytes, kind: bytes, body: bytes) -> bytes:
    """The PNG with one more chunk right after IHDR."""
    chunk = struct.pack(">I", len(body)) + kind + body + struct.pack(
        ">I", zlib.crc32(kind + body))
    return png[:33] + chunk + png[33:]


def _interlaced(png: bytes) -> bytes:
    """The PNG with its header's interlace flag set (Adam7), CRC and all."""
    header = bytearray(png[16:29])
    header[12] = 1
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + bytes(header)))
    return png[:16] + bytes(header) + crc + png[33:]


def test_only_our_plain_charts_get_stand_ins() -> None:
    chart = _chart()
    parts = {
        "word/document.xml": b"<w:document/>",
        "word/media/diagram1.png": chart,
        "word/media/diagram2.png": _chart(mode="L"),
        "word/media/image1.png": chart,  # a logo, or a chart Word has renamed
        "word/media/diagram3.png": _chart(mode="RGBA"),  # transparency
        "word/media/diagram4.png": _interlaced(chart),
        "word/media/diagram5.png": _with_chunk(chart, b"gAMA", struct.pack(">I", 45455)),
        "word/media/diagram6.png": _chart(mode="P"),  # palette
        "word/media/diagram7.jpeg": b"\xff\xd8\xff",
    }
    out, originals = stand_in(_entries(parts))
    changed = {info.filename for (info, new), (_, old) in zip(out, _entries(parts),
                                                              strict=True) if new != old}
    assert changed == {"word/media/diagram1.png", "word/media/diagram2.png"}
    assert sorted(originals) == [7, 8]  # widths; every stand-in is STAND_IN_HEIGHT high
    rgb, grey = originals[7], originals[8]
    assert (rgb.name, rgb.width, rgb.height, rgb.colours) == ("word/media/diagram1.png", 40, 30,
                                                              3)
    assert (grey.name, grey.colours) == ("word/media/diagram2.png", 1)
    # the data is the PNG's own, and decodes to its rows (a filter byte, then the pixels)
    assert len(zlib.decompress(rgb.data)) == 30 * (1 + 40 * 3)
    for info, data in out:
        if info.filename in changed:
            image = Image.open(io.BytesIO(data))
            assert image.mode == "RGB" and image.size[1] == STAND_IN_HEIGHT
            assert image.getcolors() == [(image.size[0] * STAND_IN_HEIGHT, STAND_IN_RGB)]


def test_a_broken_png_is_left_to_libreoffice() -> None:
    chart = _chart()
    assert parse_png("x.png", chart) is not None
    assert parse_png("x.png", chart[:40]) is None  # cut off in its first chunk
    assert parse_png("x.png", chart[:-12]) is None  # cut off before IEND
    assert parse_png("x.png", b"GIF89a") is None


def test_a_document_whose_pictures_have_effects_gets_no_stand_ins() -> None:
    """LibreOffice would apply a picture's effect (grey scale here) to the stand-in."""
    parts = {"word/document.xml": b'<w:drawing><a:blip r:embed="rId5"><a:grayscl/></a:blip>'
                                  b"</w:drawing>",
             "word/media/diagram1.png": _chart()}
    out, originals = stand_in(_entries(parts))
    assert originals == {}
    assert [data for _, data in out] == list(parts.values())
    plain = {**parts, "word/document.xml": b'<w:drawing><a:blip r:embed="rId5"/></w:drawing>'}
    assert list(stand_in(_entries(plain))[1]) == [7]


def _split_idat(png: bytes, pieces: int) -> bytes:
    """The PNG with its image data in `pieces` IDAT chunks, as some encoders write it."""
    original = parse_png("x", png)
    assert original is not None
    size = -(-len(original.data) // pieces)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    idat = b"".join(chunk(b"IDAT", original.data[i:i + size])
                    for i in range(0, len(original.data), size))
    return png[:33] + idat + chunk(b"IEND", b"")


def test_prepare_copy_rewrites_the_copy_once_and_names_the_stand_ins(tmp_path: Path) -> None:
    docx = tmp_path / "kopia.docx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", b'<w:sdtPr><w:text/></w:sdtPr>')
        z.writestr("word/media/diagram1.png", _chart())
    originals = prepare_copy(docx, stand_ins=True)
    with zipfile.ZipFile(docx) as z:
        assert z.read("word/document.xml") == b"<w:sdtPr></w:sdtPr>"
        assert Image.open(io.BytesIO(z.read("word/media/diagram1.png"))).size == (7, 2)
    assert list(originals) == [7]
    plain = tmp_path / "plain.docx"
    with zipfile.ZipFile(plain, "w") as z:
        z.writestr("word/media/diagram1.png", _chart())
    assert prepare_copy(plain) == {}  # without stand_ins: nothing to change, nothing done
    with zipfile.ZipFile(plain) as z:
        assert z.read("word/media/diagram1.png") == _chart()


def _pdf_with_images(path: Path, *images: tuple[int, int, tuple[int, int, int]]) -> None:
    """A one-page PDF drawing solid RGB images of the given sizes and colours, as
    LibreOffice writes a stand-in (DeviceRGB, Flate)."""
    pngs = []
    for width, height, rgb in images:
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), rgb).save(buffer, format="png")
        pngs.append(buffer.getvalue())
    pdf_of_pngs(pngs, path)


def _images(path: Path) -> list[Image.Image]:
    with pikepdf.open(path) as pdf:
        return [pikepdf.PdfImage(o).as_pil_image().convert("RGB") for o in pdf.objects
                if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]


def _originals(*charts: bytes) -> dict[int, Original]:
    _, originals = stand_in(_entries(
        {f"word/media/diagram{n}.png": chart for n, chart in enumerate(charts, start=1)}))
    return originals


def test_restore_puts_each_charts_own_bytes_where_its_stand_in_is(tmp_path: Path) -> None:
    bar, wide = _chart(), _chart(width=60, height=20)
    pdf_path = tmp_path / "rapport.pdf"
    other = (5, 2, (255, 255, 255))  # two rows, but white: not a stand-in
    _pdf_with_images(pdf_path, (7, 2, STAND_IN_RGB), (8, 2, STAND_IN_RGB), other)
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        assert restore(pdf, _originals(bar, wide)) == 2
        raw = [o.read_raw_bytes() for o in pdf.objects
               if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        pdf.save(pdf_path)
    images = _images(pdf_path)
    assert [i.size for i in images] == [(40, 30), (60, 20), (5, 2)]
    for image, png in zip(images, (bar, wide), strict=False):
        assert image.tobytes() == Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    assert raw[0] == parse_png("a", bar).data  # not encoded again: the PNG's own bytes


def test_grey_charts_and_charts_in_several_chunks_are_restored(tmp_path: Path) -> None:
    grey, chunked = _chart(mode="L"), _split_idat(_chart(width=50), 3)
    pdf_path = tmp_path / "rapport.pdf"
    _pdf_with_images(pdf_path, (7, 2, STAND_IN_RGB), (8, 2, STAND_IN_RGB))
    restore_file(pdf_path, _originals(grey, chunked))
    with pikepdf.open(pdf_path) as pdf:
        grey_image, chunked_image = [
            pikepdf.PdfImage(o).as_pil_image() for o in pdf.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
    assert grey_image.mode == "L"
    assert grey_image.tobytes() == Image.open(io.BytesIO(grey)).tobytes()
    assert chunked_image.tobytes() == Image.open(io.BytesIO(chunked)).convert("RGB").tobytes()


def test_a_stand_in_no_chart_was_given_is_an_error(tmp_path: Path) -> None:
    pdf_path = tmp_path / "rapport.pdf"
    _pdf_with_images(pdf_path, (9, 2, STAND_IN_RGB))  # as if LibreOffice had changed it
    before = pdf_path.read_bytes()
    with pytest.raises(NotRestored, match="9×2 bildpunkter"):
        restore_file(pdf_path, _originals(_chart()))
    assert pdf_path.read_bytes() == before
    assert not list(tmp_path.glob(".~*"))


def test_a_stand_in_libreoffice_changed_is_an_error(tmp_path: Path) -> None:
    """A stand-in's size in another colour (an effect LibreOffice applied to it)."""
    pdf_path = tmp_path / "rapport.pdf"
    _pdf_with_images(pdf_path, (7, 2, (143, 143, 143)))
    with pytest.raises(NotRestored, match="i stället för diagram1.png"):
        restore_file(pdf_path, _originals(_chart()))
    _pdf_with_images(pdf_path, (9, 2, (143, 143, 143)))  # no stand-in's size: the document's
    restore_file(pdf_path, _originals(_chart()))


def _converted(tmp_path: Path, pdf: Path, images: dict[int, Original]
               ) -> Conversion:
    docx = tmp_path / "rapport.docx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("docProps/core.xml", (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:modified '
            'xsi:type="dcterms:W3CDTF">2024-09-20T08:00:00Z</dcterms:modified>'
            '</cp:coreProperties>'))
    return Conversion(docx, pdf, None, 1.0, images)


def test_when_the_other_repairs_fail_the_charts_still_go_in(tmp_path: Path,
                                                             monkeypatch) -> None:
    pdf_path = tmp_path / "0.pdf"
    _pdf_with_images(pdf_path, (7, 2, STAND_IN_RGB))

    def fails(*_: object) -> None:
        raise ValueError("odd structure")

    monkeypatch.setattr(pdf_ua, "_pin_dates", fails)
    issues, unusable = pdf_module._complete(
        _converted(tmp_path, pdf_path, _originals(_chart())), number_contents=False)
    assert unusable is None
    assert [i.message for i in issues][0].startswith(
        "PDF:en av rapport.docx skrevs, men det som LibreOffice utelämnar för PDF/UA-1")
    assert [i.size for i in _images(pdf_path)] == [(40, 30)]


def test_a_pdf_whose_charts_cannot_go_in_is_not_used(tmp_path: Path) -> None:
    pdf_path = tmp_path / "0.pdf"
    _pdf_with_images(pdf_path, (12, 2, STAND_IN_RGB))
    conversion = _converted(tmp_path, pdf_path, _originals(_chart()))
    issues, unusable = pdf_module._complete(conversion, number_contents=False)
    assert issues == []
    assert unusable == (
        "diagrammen kunde inte läggas in i PDF:en (en bild på 12×2 bildpunkter i diagrammens "
        "ställe hör inte till något diagram); Word-filen skrevs som vanligt, och PDF:en kan "
        "sparas från Word (Spara som › PDF)")
    assert conversion.images == {}  # the charts' data let go


def _report_with_a_chart(path: Path) -> bytes:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/media/diagram1.png", _chart())
    return path.read_bytes()


def test_a_published_pdf_has_the_chart_not_its_stand_in(tmp_path: Path,
                                                        fake_soffice: str) -> None:
    """The stand-in LibreOffice draws (here the fake one) is the chart in the PDF placed
    beside the report."""
    docx = tmp_path / "rapport.docx"
    before = _report_with_a_chart(docx)
    done = pdf_module.publish(docx, soffice=fake_soffice)
    assert done.pdf == docx.with_suffix(".pdf")
    (image,) = _images(done.pdf)
    assert image.tobytes() == Image.open(io.BytesIO(_chart())).convert("RGB").tobytes()
    assert docx.read_bytes() == before


def test_a_report_whose_charts_cannot_go_in_gets_no_pdf(tmp_path: Path,
                                                         fake_soffice: str) -> None:
    """LibreOffice writes something that is no PDF: the charts cannot be put back, so no
    PDF is placed (a report without charts would get it, with warnings: test_pdf.py)."""
    docx = tmp_path / "rapport-trasig-pdf.docx"
    before = _report_with_a_chart(docx)
    done = pdf_module.publish(docx, soffice=fake_soffice)  # writes "%PDF-1.7 fake …"
    assert done.pdf is None and not docx.with_suffix(".pdf").exists()
    (issue,) = done.issues
    assert issue.message.startswith(
        "Ingen PDF skrevs av rapport-trasig-pdf.docx: diagrammen kunde inte läggas in i "
        "PDF:en (")
    assert docx.read_bytes() == before
    assert not list(tmp_path.glob(".~*"))


def test_repair_without_stand_ins_changes_no_image(tmp_path: Path) -> None:
    pdf_path = tmp_path / "rapport.pdf"
    _pdf_with_images(pdf_path, (7, 2, STAND_IN_RGB))
    pdf_ua.repair(pdf_path, datetime(2024, 9, 20))
    assert [i.size for i in _images(pdf_path)] == [(7, 2)]
