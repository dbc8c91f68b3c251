"""Which inputs a report was made from: hashes, a short fingerprint, custom properties.

An auditor holding a printed report can ask which figures it came from: the .docx carries
the tool's version, the period and a short hash of each input file as custom document
properties, and the run prints the inputs' fingerprint. The same inputs always give the
same fingerprint (and, with the fixed package timestamps, the same file).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from generator import __version__
from generator.controls import ITEM_PROPS, record_xml

PREFIX = "Delårsrapport"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_SKIPPED = ("~$", ".~", ".")


def input_hashes(folder: Path, extra: tuple[Path, ...] = ()) -> dict[str, str]:
    """A short SHA-256 of every input file of the period folder (and `extra`, the logo)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(_SKIPPED))
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:12]
            for p in [*files, *(e for e in extra if e.is_file())]}


def fingerprint(hashes: Mapping[str, str]) -> str:
    """One short hash for all inputs: what the summary prints and the report carries."""
    text = "\n".join(f"{name}:{value}" for name, value in sorted(hashes.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def properties(period: str, namnd: str, hashes: Mapping[str, str]) -> dict[str, str]:
    """The custom properties: version, period, the nämnd's folder, and the inputs."""
    props = {f"{PREFIX}: version": __version__, f"{PREFIX}: period": period,
             f"{PREFIX}: nämnd": namnd, f"{PREFIX}: indata": fingerprint(hashes)}
    props.update({f"{PREFIX}: {name}": value for name, value in hashes.items()})
    return props


def custom_properties_xml(props: Mapping[str, str]) -> bytes:
    items = "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name={quoteattr(name)}>'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(props.items(), start=2))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes">{items}</Properties>').encode()


def _next_item_name(doc: Document) -> int:
    names = {str(p.partname) for p in doc.part.package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in names:
        n += 1
    return n


def attach(doc: Document, record: Mapping[str, str], props: Mapping[str, str]) -> None:
    """Add the controls' record (a custom XML part) and the provenance (custom properties)
    to the document before it is saved."""
    package = doc.part.package
    n = _next_item_name(doc)
    item = Part(PackURI(f"/customXml/item{n}.xml"), "application/xml", record_xml(record),
                package)
    item_props = Part(PackURI(f"/customXml/itemProps{n}.xml"), CT.OFC_CUSTOM_XML_PROPERTIES,
                      ITEM_PROPS, package)
    item.relate_to(item_props, RT.CUSTOM_XML_PROPS)
    doc.part.relate_to(item, RT.CUSTOM_XML)
    custom = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES,
                  custom_properties_xml(props), package)
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            del package.rels[rid]
    package.relate_to(custom, RT.CUSTOM_PROPERTIES)


def saved_elsewhere(report: Path) -> str | None:
    """When an existing report was saved by Word or LibreOffice after this tool wrote it
    ("2024-09-12 14:03"), or None: the tool writes revision 1 with `modified` equal to
    `created`, and both programs raise the revision and set `modified` on saving. A
    report someone edited would lose those edits to a plain regeneration."""
    tags = _core_tags(report)
    if tags is None:
        return None
    revision, created, modified = (tags("cp:revision"), tags("dcterms:created"),
                                   tags("dcterms:modified"))
    if revision in ("", "1") and modified == created:
        return None
    return _local_time(modified) if modified else "okänt datum"


def last_saved(report: Path) -> datetime | None:
    """When a .docx was last written (`dcterms:modified`, else `created`), in UTC: the
    date its PDF carries, so that the same document gives the same PDF."""
    tags = _core_tags(report)
    stamp = (tags("dcterms:modified") or tags("dcterms:created")) if tags else ""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _core_tags(report: Path) -> Callable[[str], str] | None:
    """A reader of the .docx's core properties by tag, or None if it has none."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(report) as z:
            core = z.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None

    def tag(name: str) -> str:
        found = re.search(rf"<{name}\b[^>]*>([^<]*)</{name}>", core)
        return found[1].strip() if found else ""

    return tag


def _local_time(stamp: str) -> str:
    """ "2024-09-15T10:00:00Z" as this computer's time, "2024-09-15 12:00" in summer."""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp[:16].replace("T", " ")
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")
