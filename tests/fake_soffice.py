"""A stand-in for LibreOffice that follows the queue protocol of generator/libreoffice.py.

The real Basic macro cannot be made to hang or crash on demand; this script can, so the
watchdog and the restarts are tested against a real process and real files. It "converts"
a job by writing a PDF, hangs on a document whose name holds "haenger", dies on one whose
name holds "kraschar" (only when it is loaded hidden if the name holds "dolt-kraschar", as
LibreOffice 7.4 does on a comment) and reports an error, as the macro does, for one whose
name holds "felar". A document with PNG images (a report's charts, or the stand-ins
LibreOffice is given for them) becomes a real one-page PDF drawing each of them, as
LibreOffice would, so that what comes after the conversion can find them; any other, and
one whose name holds "trasig-pdf", becomes a small file that only starts like a PDF. With
FAKE_SOFFICE_RECORD set, each document it converts is appended to that file with how it
was loaded ("hidden" or "shown"), so a test can see that no job ran twice.
"""

from __future__ import annotations

import io
import os
import sys
import time
import zipfile
import zlib
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname


def _path(url: str) -> Path:
    return Path(url2pathname(urlparse(url).path))


def _write_pdf(source: Path, target: Path) -> None:
    with zipfile.ZipFile(source) as z:
        images = [z.read(name) for name in z.namelist()
                  if name.startswith("word/media/") and name.endswith(".png")]
    if not images or "trasig-pdf" in source.name:
        target.write_bytes(b"%PDF-1.7 fake " + source.name.encode())
        return
    pdf_of_pngs(images, target)


def pdf_of_pngs(images: list[bytes], target: Path) -> None:
    """A one-page PDF drawing each PNG as an RGB image (Flate), as LibreOffice does."""
    import pikepdf
    from PIL import Image

    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    xobjects = pikepdf.Dictionary()
    content = b""
    for n, png in enumerate(images):
        image = Image.open(io.BytesIO(png)).convert("RGB")
        stream = pikepdf.Stream(pdf, zlib.compress(image.tobytes()))
        stream.Type, stream.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        stream.Width, stream.Height, stream.BitsPerComponent = image.width, image.height, 8
        stream.ColorSpace, stream.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.FlateDecode
        xobjects[f"/Im{n}"] = stream
        content += f"q 400 0 0 200 50 {50 + 10 * n} cm /Im{n} Do Q\n".encode()
    page.Resources = pikepdf.Dictionary(XObject=xobjects)
    page.Contents = pikepdf.Stream(pdf, content)
    pdf.save(target)


def main(args: list[str]) -> int:
    if "--terminate_after_init" in args:
        profile = next(a.split("=", 1)[1] for a in args if a.startswith("-env:UserInstall"))
        (_path(profile) / "user").mkdir(parents=True, exist_ok=True)
        return 0
    queue = _path(os.environ["DELARSRAPPORT_QUEUE"])
    log = _path(os.environ["DELARSRAPPORT_LOG"])
    record = os.environ.get("FAKE_SOFFICE_RECORD")

    def note(line: str) -> None:
        with log.open("a", encoding="utf-8") as f:
            f.write(line + "\n")

    note("READY")
    k = 0
    while True:
        end = (queue / "end").exists()
        job, claimed = queue / f"{k}.job", queue / f"{k}.claimed"
        if job.exists():
            try:
                os.rename(job, claimed)
            except FileNotFoundError:  # the other process took it
                k += 1
                continue
            source_url, target_url, mode = claimed.read_text().split()
            source, target = _path(source_url), _path(target_url)
            note(f"START {k}")
            if "haenger" in source.name:
                time.sleep(3600)
            if "kraschar" in source.name and (mode == "hidden"
                                              or "dolt-kraschar" not in source.name):
                os._exit(3)
            if "felar" in source.name:  # as the macro reports an error it caught
                note(f"FEL {k} 12 update Type: com.sun.star.uno.RuntimeException Message: nej")
                k += 1
                continue
            _write_pdf(source, target)
            if record:
                with open(record, "a", encoding="utf-8") as f:
                    f.write(f"{source.name} {mode}\n")
            note(f"OK {k} 7")
            k += 1
        elif claimed.exists():
            k += 1
        elif end:
            return 0
        else:
            time.sleep(0.01)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
