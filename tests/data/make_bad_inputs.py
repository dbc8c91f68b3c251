"""Write the binary bad-input fixtures in tests/data/ (developer tool, not run by the tests).

Each file is what an economist might put in place of `utfall.xlsx`; tests/test_bad_input.py
copies one over the bundled example and runs the CLI. Cell-level mistakes (text in a number
cell, an empty cell, a formula without cached value, …) are made in the tests themselves
with openpyxl on a temporary copy, since they need no binary file.

    gammalt-format.xls       an Excel 97–2003 file: an OLE compound file with a Workbook stream
    losenordsskyddad.xlsx    a password-protected workbook: an OLE compound file with the
                             EncryptionInfo and EncryptedPackage streams Excel writes
    csv-med-fel-namn.xlsx    a semicolon CSV export saved with the .xlsx name
    html-export.xlsx         an HTML table, as some ledger systems export "Excel" files
    tom.xlsx                 0 bytes, as left by an interrupted copy
    avkortad.xlsx            the example utfall.xlsx cut in half (no zip central directory)
    xml-bomb.xlsx            the example utfall.xlsx with a "billion laughs" entity expansion
                             in the Drift sheet
    strict-open-xml.xlsx     the example utfall.xlsx as Excel's "Strict Open XML Spreadsheet"
                             writes it: the ISO/IEC 29500 Strict namespaces instead of the
                             transitional ones, and conformance="strict" on the workbook
                             (made by rewriting the namespaces, not by Excel itself)

The OLE files are real compound files (readable by olefile), but their streams hold filler:
the program recognises them by their stream names and must never need more.

Run: python tests/data/make_bad_inputs.py [NAME …]  (only the files named, or all)
"""

from __future__ import annotations

import struct
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parents[1] / "inputs" / "linkoping-son" / "aug-2024" / "utfall.xlsx"

SECTOR = 512
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MIN_STREAM = 4096  # streams below the mini-stream cutoff would need a mini FAT; pad instead


def _dir_entry(name: str, kind: int, *, left: int = NOSTREAM, right: int = NOSTREAM,
               child: int = NOSTREAM, start: int = ENDOFCHAIN, size: int = 0) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, left, right, child,
        b"\0" * 16, 0, 0, 0, start, size)


def compound_file(streams: list[tuple[str, bytes]]) -> bytes:
    """A minimal CFB (version 3) file with the given streams directly under the root.

    Layout: sector 0 FAT, sector 1 directory (up to 3 streams), then each stream's sectors.
    Siblings form a right-leaning chain, sorted as CFB requires (by length, then name).
    """
    assert 1 <= len(streams) <= 3
    streams = sorted(streams, key=lambda s: (len(s[0]), s[0].upper()))
    data_sectors: list[bytes] = []
    entries = []
    fat = [FATSECT, ENDOFCHAIN]
    for i, (name, content) in enumerate(streams):
        content = content.ljust(MIN_STREAM, b"\0")
        padded = content.ljust(-(-len(content) // SECTOR) * SECTOR, b"\0")
        start = 2 + len(data_sectors)
        count = len(padded) // SECTOR
        data_sectors.extend(padded[k * SECTOR:(k + 1) * SECTOR] for k in range(count))
        fat.extend(list(range(start + 1, start + count)) + [ENDOFCHAIN])
        right = i + 2 if i + 1 < len(streams) else NOSTREAM
        entries.append(_dir_entry(name, 2, right=right, start=start, size=len(content)))
    assert len(fat) <= SECTOR // 4
    root = _dir_entry("Root Entry", 5, child=1)
    # Unused directory slots must still say "no siblings, no child".
    empty = _dir_entry("", 0)
    directory = b"".join([root, *entries] + [empty] * (SECTOR // 128 - 1 - len(entries)))
    difat = [0] + [FREESECT] * 108
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16,
        0x003E, 0x0003, 0xFFFE, 9, 6, b"\0" * 6, 0, 1, 1, 0, 0x1000, ENDOFCHAIN, 0,
        ENDOFCHAIN, 0) + struct.pack("<109I", *difat)
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *(fat + [FREESECT] * (SECTOR // 4 - len(fat))))
    return header + fat_sector + directory + b"".join(data_sectors)


def old_xls() -> bytes:
    # A BIFF8 BOF record (workbook globals) is how every .xls Workbook stream begins.
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0, 0, 0, 0)
    return compound_file([("Workbook", bof)])


def encrypted_xlsx() -> bytes:
    # EncryptionInfo starts with the version (4.4 = agile encryption) and flags.
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0"?><encryption/>'
    package = struct.pack("<Q", 8192) + bytes(range(256)) * 32
    return compound_file([("EncryptionInfo", info), ("EncryptedPackage", package)])


CSV = (
    "Kod;Verksamhet;Redovisat perioden;Budget perioden\r\n"
    "100;Nämnd och styrelseverksamhet;2 126;2 193\r\n"
    "130;Övrig politisk verksamhet;700;464\r\n"
).encode("cp1252")

HTML = (
    "<html><head><meta charset='utf-8'></head><body><table>"
    "<tr><td>Kod</td><td>Verksamhet</td><td>Redovisat perioden</td></tr>"
    "<tr><td>100</td><td>Nämnd och styrelseverksamhet</td><td>2126</td></tr>"
    "</table></body></html>"
).encode()

BOMB_DTD = (
    '<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)


def xml_bomb(example: bytes) -> bytes:
    """The example with a DTD of nested entities and a reference to the largest in Drift!C2."""
    src = HERE / ".example.xlsx"
    src.write_bytes(example)
    out = HERE / ".bomb.xlsx"
    try:
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "xl/worksheets/sheet2.xml":
                    text = data.decode()
                    end = text.index("?>") + 2 if text.startswith("<?xml") else 0
                    text = text[:end] + BOMB_DTD + text[end:]
                    text = text.replace("<v>2126</v>", "<v>&lol9;</v>", 1)
                    data = text.encode()
                info = zipfile.ZipInfo(item.filename, date_time=(2024, 9, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(info, data)
        return out.read_bytes()
    finally:
        src.unlink(missing_ok=True)
        out.unlink(missing_ok=True)


# Transitional → Strict, as in ISO/IEC 29500-1 Annex A (the namespaces Excel writes in
# Strict Open XML): SpreadsheetML, relationships (the r: prefix and every relationship type),
# DrawingML and the package's document relationship.
STRICT_NAMESPACES = (
    ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
     "http://purl.oclc.org/ooxml/spreadsheetml/main"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     "http://purl.oclc.org/ooxml/officeDocument/relationships"),
    ("http://schemas.openxmlformats.org/drawingml/2006/main",
     "http://purl.oclc.org/ooxml/drawingml/main"),
)


def strict_open_xml(example: bytes) -> bytes:
    """The example with Strict namespaces in every part and conformance="strict"."""
    src = HERE / ".example.xlsx"
    src.write_bytes(example)
    out = HERE / ".strict.xlsx"
    try:
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename.endswith((".xml", ".rels")):
                    text = data.decode()
                    for old, new in STRICT_NAMESPACES:
                        text = text.replace(old, new)
                    if item.filename == "xl/workbook.xml":
                        text = text.replace("<workbook ", '<workbook conformance="strict" ', 1)
                    data = text.encode()
                info = zipfile.ZipInfo(item.filename, date_time=(2024, 9, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(info, data)
        return out.read_bytes()
    finally:
        src.unlink(missing_ok=True)
        out.unlink(missing_ok=True)


def main() -> None:
    example = EXAMPLE.read_bytes()
    files = {
        "gammalt-format.xls": old_xls(),
        "losenordsskyddad.xlsx": encrypted_xlsx(),
        "csv-med-fel-namn.xlsx": CSV,
        "html-export.xlsx": HTML,
        "tom.xlsx": b"",
        "avkortad.xlsx": example[: len(example) // 2],
        "xml-bomb.xlsx": xml_bomb(example),
        "strict-open-xml.xlsx": strict_open_xml(example),
    }
    only = set(sys.argv[1:])
    for name, data in files.items():
        if only and name not in only:
            continue
        (HERE / name).write_bytes(data)
        print(f"Skrev {HERE / name} ({len(data)} byte)")


if __name__ == "__main__":
    main()
