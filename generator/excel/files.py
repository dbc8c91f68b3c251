"""Is this file an .xlsx we may open? Recognise the usual wrong files before openpyxl does.

Economists send what they have: an old .xls, a CSV or an HTML export renamed to .xlsx, a
password-protected workbook, a file cut short while copying. Each gets one Swedish sentence
that says what was found and what to do, instead of an error from the zip or XML layer.

XML with a DOCTYPE is refused before openpyxl parses anything: no part of an .xlsx needs one,
and entity declarations are how XML bombs work. defusedxml also refuses them inside openpyxl;
checking here gives a clear message and does not depend on which XML parser openpyxl uses.
Files are only ever opened for reading.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from generator.errors import os_reason

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
# Far above any real workbook; an archive claiming more is a zip bomb or garbage.
MAX_UNCOMPRESSED = 2 * 1024**3
# A DOCTYPE must come before the root element, so the start of each part is enough.
PROLOG_BYTES = 64 * 1024
OLE_SCAN_BYTES = 8 * 1024 * 1024
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# Excel's "Strict Open XML Spreadsheet" uses other namespaces than an ordinary .xlsx; a
# reader for the ordinary one finds no sheets in it.
_STRICT = re.compile(rb'purl\.oclc\.org/ooxml/|conformance\s*=\s*["\']strict')

RESAVE = "öppna den i Excel och spara den som Excel-arbetsbok (.xlsx)"
STRICT = (
    "filen är sparad som Strict Open XML-kalkylblad, en variant av .xlsx som programmet inte "
    "kan läsa; öppna den i Excel och välj Spara som › Excel-arbetsbok (.xlsx), inte "
    "Strict Open XML-kalkylblad")


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole_kind(path: Path) -> str:
    """What an OLE compound file (the pre-2007 Office container) holds, by its stream names."""
    with path.open("rb") as f:
        data = f.read(OLE_SCAN_BYTES)
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return (
            "filen är lösenordsskyddad (krypterad) och kan inte läsas; öppna den i Excel, ta "
            "bort lösenordet (Skydda arbetsbok › Kryptera med lösenord) och spara den igen")
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return (
            "filen är i det gamla Excel-formatet .xls (Excel 97–2003) fast den heter .xlsx; "
            f"{RESAVE}")
    return f"filen är ett äldre Office-dokument, inte en Excel-arbetsbok (.xlsx); {RESAVE}"


def _text_kind(head: bytes) -> str:
    """A file that is neither zip nor OLE: name what it looks like."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        return (
            "filen är en webbsida eller XML-fil (till exempel en export från ett "
            f"ekonomisystem) som fått namnet .xlsx, inte en Excel-arbetsbok; {RESAVE}")
    printable = sum(32 <= b < 127 or b in b"\t\r\n" or b >= 128 for b in head)
    if head and printable / len(head) > 0.95:
        return (
            "filen är en textfil (troligen CSV) som fått namnet .xlsx, inte en "
            f"Excel-arbetsbok; {RESAVE}")
    return f"filen är inte en Excel-arbetsbok (.xlsx) och formatet känns inte igen; {RESAVE}"


def _zip_problem(path: Path) -> str | None:
    """Check the archive itself: complete, an Excel workbook, no bomb, no DTD."""
    damaged = (
        "filen är skadad eller ofullständig (den kan ha avbrutits när den kopierades eller "
        "sparades); öppna den i Excel och spara den igen, eller hämta en ny kopia")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                if "xl/workbook.bin" in names:
                    return (
                        "filen är i Excels binära format (.xlsb), inte en Excel-arbetsbok "
                        f"(.xlsx); {RESAVE}")
                if "word/document.xml" in names:
                    return "filen är ett Word-dokument, inte en Excel-arbetsbok (.xlsx)"
                if "content.xml" in names:
                    return (
                        "filen är ett OpenDocument-kalkylark (.ods), inte en Excel-arbetsbok "
                        f"(.xlsx); {RESAVE}")
                return "filen är en zip-fil men inte en Excel-arbetsbok (.xlsx)"
            with archive.open("xl/workbook.xml") as part:
                if _STRICT.search(part.read(PROLOG_BYTES)):
                    return STRICT
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
                return (
                    "filen packas upp till mer än 2 GB och lästes inte (den kan vara en så "
                    "kallad zip-bomb); spara om den från Excel")
            for info in infos:
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                with archive.open(info) as part:
                    prolog = part.read(PROLOG_BYTES)
                if _DTD.search(prolog):
                    return (
                        f"filen innehåller XML med egna definitioner (DOCTYPE i "
                        f"{info.filename}), vilket en arbetsbok från Excel aldrig har och som "
                        "kan användas för en så kallad XML-bomb; filen lästes inte. Spara om "
                        "den från Excel")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError):
        return damaged
    return None


def file_problem(path: Path) -> str | None:
    """Why `path` cannot be read as an .xlsx (a Swedish sentence), or None if it looks fine."""
    if path.is_dir():
        return (f"{path.name} är en mapp, inte en fil; förväntade en Excel-arbetsbok (.xlsx) "
                "med det namnet")
    if not path.is_file():
        return missing_file(path)
    try:
        with path.open("rb") as f:
            head = f.read(512)
        if not head:
            return (
                "filen är tom (0 byte); förväntade en Excel-arbetsbok (.xlsx). Den kan ha "
                "sparats ofullständigt: spara den igen från Excel")
        if head.startswith(OLE_MAGIC):
            return _ole_kind(path)
        if not head.startswith(ZIP_MAGIC):
            return _text_kind(head)
        return _zip_problem(path)
    except PermissionError:
        return locked_message()
    except OSError as exc:
        return f"filen kunde inte läsas ({os_reason(exc)})"


def missing_file(path: Path) -> str:
    """Say where we looked, and point at a same-named file in another format if there is one."""
    folder = path.parent
    others = sorted(p.name for p in folder.glob(f"{path.stem}.*")
                    if p.is_file() and p.name != path.name) if folder.is_dir() else []
    if others:
        found = ", ".join(others)
        return (
            f"filen saknas i {folder}; där finns {found}, men programmet läser bara "
            f"Excel-arbetsböcker (.xlsx): öppna filen i Excel och spara den som "
            f"Excel-arbetsbok med namnet {path.name}")
    return f"filen saknas; förväntade {path}"


def locked_message() -> str:
    return (
        "filen kunde inte öppnas: programmet saknar behörighet eller filen är låst av ett "
        "annat program")


def sheet_failure(exc: BaseException) -> str:
    """A Swedish sentence for a sheet whose XML could not be read (the rest of the file
    could)."""
    if _from_defusedxml(exc):
        return _XML_BOMB
    return (
        "fliken kunde inte läsas; filen kan vara skadad eller sparad av ett program som "
        "skriver en ogiltig arbetsbok. Öppna den i Excel och spara den igen")


def _from_defusedxml(exc: BaseException) -> bool:
    return any(type(e).__module__.startswith("defusedxml") for e in _chain(exc))


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and its causes, each once."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not e for e in seen):
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


_XML_BOMB = (
    "filen innehåller otillåten XML (till exempel en så kallad XML-bomb) och lästes inte; "
    "spara om den från Excel")


def load_failure(exc: BaseException) -> str:
    """A Swedish sentence for an exception openpyxl raised while opening a workbook."""
    if _from_defusedxml(exc):
        return _XML_BOMB
    if any(isinstance(e, PermissionError) for e in _chain(exc)):
        return locked_message()
    return (
        "filen kunde inte läsas som Excel-arbetsbok (.xlsx); den kan vara skadad. Öppna den "
        "i Excel och spara den igen")
