"""The charts go into the PDF as the report holds them, not as LibreOffice encodes them again.

LibreOffice's PDF export decodes every bitmap and compresses it anew: for the seven charts
of a report (200 dpi) that is a fifth of its time per report (0,2 s of 0,9 s, measured).
A PNG's compressed image data is valid PDF image data as it is (FlateDecode with the PNG
predictors), so LibreOffice converts a copy in which each chart is a tiny stand-in
(`stand_in`), and in the PDF each stand-in then gets its chart's own bytes back (`restore`).
The pages look the same to the pixel.

Only our own charts are stood in for: `word/media/diagramN.png` (the name `charts.embed`
gives them; Word and LibreOffice rename the images of a document they save), 8-bit RGB or
grey, not interlaced, with no chunk that changes how the pixels look (palette,
transparency, gamma, colour profile). Every other image is converted as before.

Each stand-in is a solid image of one colour no chart has, `STAND_IN_HEIGHT` pixels high and
of a width no other stand-in of the document has, so it is found by its size or its colour.
A stand-in left in the PDF would be a green box where a published report has a chart:
`restore` raises `NotRestored` for any image of a stand-in's size that is not exactly the
stand-in (LibreOffice changed it) and for any image of its colour that no chart was given,
and the caller then does not use the PDF. A document whose pictures carry effects
(`<a:blip>` with children: grey scale, brightness …) gets no stand-ins at all, since
LibreOffice applies the effect to the bitmap; our charts have none.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pikepdf is imported only once a PDF is restored (a tenth of a second)
    import pikepdf

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_OURS = re.compile(r"word/media/diagram\d+\.png")
# Chunks that leave the pixels as they are: the image data needs nothing else to be drawn.
_HARMLESS = {b"IHDR", b"IDAT", b"IEND", b"pHYs", b"tEXt", b"zTXt", b"iTXt", b"tIME", b"sRGB"}
_COLOURS = {0: 1, 2: 3}  # PNG colour type (grey, RGB) → colour components
STAND_IN_HEIGHT = 2
_FIRST_WIDTH = 7
STAND_IN_RGB = (90, 195, 17)  # no chart's colour: a leftover stand-in is told by it


class NotRestored(Exception):
    """A stand-in is still in the PDF: the PDF would show a green box for a chart."""


@dataclass(frozen=True)
class Original:
    """A chart's image data as its PNG holds it, ready to be a PDF image."""

    name: str  # the part's name in the .docx, for messages
    width: int
    height: int
    colours: int  # 3 (RGB) or 1 (grey)
    data: bytes  # the zlib stream of the PNG's IDAT chunks (PNG predictors per row)


# Stand-in width (all are STAND_IN_HEIGHT high) → the chart it stands in for.
Originals = dict[int, Original]
# A picture with an effect: LibreOffice would apply it to the stand-in, not the chart.
_BLIP_WITH_EFFECTS = re.compile(rb"<a:blip\b[^>]*[^/]>\s*<")
# The parts of a .docx that hold its text and pictures: body, notes, headers and footers.
STORY_PARTS = re.compile(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml")


def parse_png(name: str, png: bytes) -> Original | None:
    """The PNG's image data, or None if it cannot go into a PDF unchanged."""
    if not png.startswith(_SIGNATURE):
        return None
    at, header, data = len(_SIGNATURE), None, []
    try:
        while at < len(png):
            length, kind = struct.unpack(">I4s", png[at:at + 8])
            body = png[at + 8:at + 8 + length]
            if kind not in _HARMLESS or len(body) != length:
                return None
            if kind == b"IHDR":
                header = struct.unpack(">IIBBBBB", body)
            elif kind == b"IDAT":
                data.append(body)
            elif kind == b"IEND":
                break
            at += 12 + length
        else:
            return None  # no IEND: a cut-off file, whose image data may be cut off too
    except struct.error:
        return None
    if header is None or not data:
        return None
    width, height, depth, colour_type, compression, filtering, interlace = header
    if depth != 8 or colour_type not in _COLOURS or (compression, filtering, interlace) != (
            0, 0, 0) or not (width and height):
        return None
    return Original(name, width, height, _COLOURS[colour_type], b"".join(data))


def _stand_in_png(width: int) -> bytes:
    buffer = io.BytesIO()
    row = b"\x00" + bytes(STAND_IN_RGB) * width  # filter type 0, then the pixels

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    buffer.write(_SIGNATURE)
    buffer.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, STAND_IN_HEIGHT, 8, 2, 0, 0, 0)))
    buffer.write(chunk(b"IDAT", zlib.compress(row * STAND_IN_HEIGHT)))
    buffer.write(chunk(b"IEND", b""))
    return buffer.getvalue()


def stand_in(entries: Sequence[tuple[zipfile.ZipInfo, bytes]]
             ) -> tuple[list[tuple[zipfile.ZipInfo, bytes]], Originals]:
    """The .docx's parts with a stand-in for each of our charts, and what they stand in for
    (nothing, if any picture has an effect)."""
    if any(STORY_PARTS.fullmatch(info.filename) and _BLIP_WITH_EFFECTS.search(data)
           for info, data in entries):
        return list(entries), {}
    out: list[tuple[zipfile.ZipInfo, bytes]] = []
    originals: Originals = {}
    for info, data in entries:
        original = parse_png(info.filename, data) if _OURS.fullmatch(info.filename) else None
        if original is not None:
            width = _FIRST_WIDTH + len(originals)
            originals[width] = original
            data = _stand_in_png(width)
        out.append((info, data))
    return out, originals


def _solid_stand_in_colour(image: pikepdf.Stream) -> bool | None:
    """Whether a two-row image is all the stand-ins' colour (None: pikepdf cannot decode
    it)."""
    import pikepdf

    try:
        pixels = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
    except Exception:  # noqa: BLE001 - pikepdf's errors have no common base we can name
        return None
    colours = pixels.getcolors(1)
    return colours is not None and colours[0][1] == STAND_IN_RGB


def restore(pdf: pikepdf.Pdf, originals: Originals) -> int:
    """Give each stand-in in `pdf` its chart's own image data; the number restored.

    NotRestored if a stand-in would be left: an image of a stand-in's size that is not the
    stand-in as it was given (LibreOffice changed it), or one in its colour that no chart
    was given."""
    import pikepdf

    if not originals:
        return 0
    restored = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or obj.get("/Subtype") != pikepdf.Name.Image \
                or int(obj.get("/Height", 0)) != STAND_IN_HEIGHT or "/Width" not in obj:
            continue
        original = originals.get(int(obj.Width))
        solid = _solid_stand_in_colour(obj)
        if original is None and not solid:
            continue  # a two-row image of the document's own
        if original is None:
            raise NotRestored(f"en bild på {int(obj.Width)}×{STAND_IN_HEIGHT} bildpunkter i "
                              "diagrammens ställe hör inte till något diagram")
        if not solid:
            raise NotRestored("LibreOffice ändrade bilden som står i stället för "
                              f"{original.name.rsplit('/', 1)[-1]}")
        _write(obj, original)
        restored += 1
    return restored


def _write(image: pikepdf.Stream, original: Original) -> None:
    import pikepdf

    for key in ("/SMask", "/Mask", "/Decode", "/DecodeParms", "/Filter"):
        if key in image:
            del image[key]
    image.write(original.data, filter=pikepdf.Name.FlateDecode,
                decode_parms=pikepdf.Dictionary(Predictor=15, Colors=original.colours,
                                                BitsPerComponent=8, Columns=original.width))
    image.Width = original.width
    image.Height = original.height
    image.BitsPerComponent = 8
    image.ColorSpace = pikepdf.Name.DeviceRGB if original.colours == 3 else pikepdf.Name.DeviceGray


def restore_file(path: Path, originals: Originals) -> None:
    """`restore` on a PDF file, rewritten in place (atomically): the charts without
    anything else, when the rest of the PDF's repairs failed."""
    import pikepdf

    tmp = path.with_name(f".~{path.name}.bilder")
    try:
        with pikepdf.open(path) as pdf:
            restore(pdf, originals)
            pdf.save(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
