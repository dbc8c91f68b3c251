"""`generate uppdatera`: new figures into a report people have already edited in Word.

The report is made afresh from the workbooks (into a temporary folder), and then only what
the program made is carried into the edited document: the text of each content control
(a table cell, a figure quoted in prose), a computed table whose rows changed, and the
chart images. Everything else (prose, comments, tracked changes, added paragraphs and
tables, styles, headers) stays as the person left it; parts of the package the update does
not touch are copied byte for byte.

A control whose text is no longer what the program wrote (see `controls`) was edited by
hand: it is reported and left alone unless overwriting is asked for. A control deleted in
Word is reported, never recreated.
"""

from __future__ import annotations

import copy
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from generator.control_labels import chart_caption, describe, table_caption
from generator.controls import W, controls_in, parse_record, record_xml, text_of
from generator.errors import ReportError, os_reason
from generator.libreoffice import NOT_DOCX
from generator.output import ZIP_DAMAGE

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
DOCUMENT = "word/document.xml"
FOOTNOTES = "word/footnotes.xml"
CUSTOM_PROPS = "docProps/custom.xml"
_CHART_NAME = re.compile(r"^Diagram (\S+)$")


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Change:
    key: str
    old: str
    new: str
    where: str = ""  # in the reader's words (`control_labels.describe`)

    @property
    def named(self) -> str:
        """Where, in the reader's words, with the key: for warnings."""
        return f"{self.where} ({self.key})" if self.where else self.key

    def show(self) -> str:
        """ "Driftsammandrag … › 513 - … › Prognos helår: 882,8 → 887,8 (prognos.513.prognos)" """
        if self.where:
            return f"{self.where}: {self.old} → {self.new} ({self.key})"
        return f"{self.key}: {self.old} → {self.new}"


@dataclass
class UpdateResult:
    """What `uppdatera` did, for the change list it prints."""

    changes: list[Change] = field(default_factory=list)
    edited: list[Change] = field(default_factory=list)      # hand-edited, left alone
    overwritten: list[Change] = field(default_factory=list)  # hand-edited, overwritten
    deleted: list[Change] = field(default_factory=list)     # removed in Word: old → now
    rebuilt: list[str] = field(default_factory=list)        # tables whose rows changed
    refused: list[str] = field(default_factory=list)        # tables not rebuilt (edits)
    charts: list[str] = field(default_factory=list)         # chart images replaced

    @property
    def anything(self) -> bool:
        return bool(self.changes or self.overwritten or self.rebuilt or self.charts)


def table_of(key: str) -> str | None:
    """The computed table a control belongs to ("utfall.513.avvikelse" → "utfall"), or
    None for a figure quoted in prose ("text.resultat.avvikelse")."""
    parts = key.split(".")
    if parts[0] == "text" or len(parts) < 3:
        return None
    return ".".join(parts[:2]) if parts[0] == "tabell" else parts[0]


def _row_of(key: str) -> str:
    return key.rsplit(".", 1)[0]


def _custom_item(name: str) -> bool:
    """A custom XML part (where the controls' record is), not its properties part."""
    return name.startswith("customXml/item") and not name.startswith("customXml/itemP")


@dataclass
class _Package:
    """A .docx as its parts, in the zip's order, each with its original zip entry."""

    infos: list[zipfile.ZipInfo]
    parts: dict[str, bytes]

    @classmethod
    def read(cls, path: Path) -> _Package:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            return cls(infos, {i.filename: z.read(i) for i in infos})

    def write(self, path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for info in self.infos:
                z.writestr(info, self.parts[info.filename])

    def record_part(self) -> str | None:
        for name in self.parts:
            if _custom_item(name) and parse_record(self.parts[name]) is not None:
                return name
        return None

    def images(self, root: etree._Element) -> dict[str, tuple[str, etree._Element]]:
        """Chart id → (image part name, its wp:docPr), from the pictures' names."""
        rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
        targets = {r.get("Id"): r.get("Target") for r in rels}
        out: dict[str, tuple[str, etree._Element]] = {}
        for inline in root.iter(f"{{{WP}}}inline", f"{{{WP}}}anchor"):
            doc_pr = inline.find(f"{{{WP}}}docPr")
            blip = next(inline.iter(f"{{{A}}}blip"), None)
            match = _CHART_NAME.match(doc_pr.get("name", "")) if doc_pr is not None else None
            if match is None or blip is None or doc_pr is None:
                continue
            target = targets.get(blip.get(f"{{{R}}}embed"))
            if target:
                name = str(PurePosixPath("word") / target).replace("word/../", "")
                out[match.group(1)] = (name, doc_pr)
        return out


def _tables(root: etree._Element) -> dict[str, tuple[etree._Element, set[str]]]:
    """Computed table id → (its w:tbl, the row keys in it)."""
    out: dict[str, tuple[etree._Element, set[str]]] = {}
    for key, el in controls_in(root):
        table = table_of(key)
        if table is None:
            continue
        tbl = next((a for a in el.iterancestors(_q("tbl"))), None)
        if tbl is None:
            continue
        found = out.setdefault(table, (tbl, set()))
        found[1].add(_row_of(key))
    return out


def _replace_content(target: etree._Element, source: etree._Element) -> None:
    """The control's content becomes the fresh one's: its text, and the formatting its runs
    have in the edited report when that is one for all of them (a figure made bold or red
    in Word stays so); otherwise the fresh runs' own."""
    old = target.find(_q("sdtContent"))
    new = source.find(_q("sdtContent"))
    if old is None or new is None:
        return
    kept = _one_format(old)
    for child in list(old):
        old.remove(child)
    for child in new:
        old.append(copy.deepcopy(child))
    if kept is not None and _one_format(old) is not None:
        for run in old.iter(_q("r")):
            for rpr in run.findall(_q("rPr")):
                run.remove(rpr)
            if len(kept):
                run.insert(0, copy.deepcopy(kept))


def _one_format(content: etree._Element) -> etree._Element | None:
    """The run properties every run in `content` has (an empty element when none has any),
    or None when the runs differ or there are none."""
    runs = list(content.iter(_q("r")))
    if not runs:
        return None
    found = [run.find(_q("rPr")) for run in runs]
    shapes = {etree.tostring(p) if p is not None else b"" for p in found}
    if len(shapes) != 1:
        return None
    return found[0] if found[0] is not None else etree.Element(_q("rPr"))


def _edited_in(tbl: etree._Element, hand_edited: set[str],
               fresh_controls: dict[str, etree._Element]) -> list[Change]:
    """The figures in `tbl` changed by hand: as they stand, and as computed now."""
    return [Change(key, text_of(el), text_of(fresh_controls[key]),
                   _where(el, fresh_controls[key]))
            for key, el in controls_in(tbl) if key in hand_edited and key in fresh_controls]


def _where(edited: etree._Element, fresh: etree._Element) -> str:
    """In the words of the edited report (a caption renamed in Word), else the fresh one's."""
    return describe(edited) or describe(fresh)


def apply_update(edited_path: Path, fresh_path: Path, out: Path, overwrite: bool
                 ) -> UpdateResult:
    """Write `edited_path` with `fresh_path`'s figures, tables and charts to `out`."""
    edited, fresh = _Package.read(edited_path), _Package.read(fresh_path)
    root = etree.fromstring(edited.parts[DOCUMENT])
    fresh_root = etree.fromstring(fresh.parts[DOCUMENT])
    # figures quoted in footnotes are controls too, in their own part
    notes = (etree.fromstring(edited.parts[FOOTNOTES]) if FOOTNOTES in edited.parts
             else None)
    fresh_notes = (etree.fromstring(fresh.parts[FOOTNOTES]) if FOOTNOTES in fresh.parts
                   else None)
    roots = [r for r in (root, notes) if r is not None]
    record_name = edited.record_part()
    record = parse_record(edited.parts[record_name]) if record_name else None
    record = dict(record or {})
    written_before = dict(record)  # what the program wrote: several controls share a key
    fresh_name = fresh.record_part()
    fresh_record = (parse_record(fresh.parts[fresh_name]) if fresh_name else None) or {}
    fresh_controls: dict[str, etree._Element] = {}
    for fresh_part in (fresh_root, fresh_notes):
        for key, el in controls_in(fresh_part) if fresh_part is not None else ():
            fresh_controls.setdefault(key, el)
    result = UpdateResult()

    # Tables whose rows changed (a new verksamhet row): rebuilt whole, unless edited.
    hand_edited = {key for part in roots for key, el in controls_in(part)
                   if key in written_before and text_of(el) != written_before[key]}
    fresh_tables = _tables(fresh_root)
    rebuilt_keys: set[str] = set()
    frozen_keys: set[str] = set()  # in a table left as it was
    for table, (tbl, rows) in _tables(root).items():
        fresh_table = fresh_tables.get(table)
        if fresh_table is None or fresh_table[1] == rows:
            continue
        caption = table_caption(tbl) or table_caption(fresh_table[0])
        label = f'"{caption}" ({table})' if caption else table
        keys_here = {k for k, _ in controls_in(tbl)}
        if keys_here & hand_edited and not overwrite:
            # Left whole as it stands: its sums updated without its new rows would not add up.
            result.refused.append(label)
            frozen_keys |= keys_here
            result.edited += _edited_in(tbl, hand_edited, fresh_controls)
            continue
        result.overwritten += [c for c in _edited_in(tbl, hand_edited, fresh_controls)
                               if c.old != c.new]
        replacement = copy.deepcopy(fresh_table[0])
        tbl.addprevious(replacement)
        tbl.getparent().remove(tbl)
        result.rebuilt.append(label)
        rebuilt_keys |= {k for k, _ in controls_in(replacement)}
        for key in rebuilt_keys:
            if key in fresh_record:
                record[key] = fresh_record[key]

    seen: set[str] = set()
    touched_notes = False  # footnotes.xml is written back only when a figure in it changed
    for key, el in [c for part in roots for c in controls_in(part)]:
        seen.add(key)
        if key in rebuilt_keys or key in frozen_keys or key not in fresh_controls:
            continue
        current = text_of(el)
        new = text_of(fresh_controls[key])
        written = written_before.get(key, current)
        if current != written:  # changed by hand since the program wrote it
            if not overwrite:
                result.edited.append(Change(key, current, new, _where(el, fresh_controls[key])))
                continue
            if current != new:
                result.overwritten.append(Change(key, current, new,
                                                 _where(el, fresh_controls[key])))
        elif current == new:
            continue
        elif not any(c.key == key for c in result.changes):
            result.changes.append(Change(key, current, new, _where(el, fresh_controls[key])))
        _replace_content(el, fresh_controls[key])
        record[key] = new
        touched_notes = touched_notes or (notes is not None
                                          and el.getroottree().getroot() is notes)
    result.deleted = [Change(k, written_before.get(k, ""), text_of(fresh_controls[k]),
                             describe(fresh_controls[k]))
                      for k in sorted(record) if k not in seen and k in fresh_controls]

    # Charts: the fresh image where the drawing changed, and its alt text.
    fresh_images = fresh.images(fresh_root)
    for chart, (part, doc_pr) in edited.images(root).items():
        found = fresh_images.get(chart)
        if found is None or found[0] not in fresh.parts or part not in edited.parts:
            continue
        if fresh.parts[found[0]] != edited.parts[part]:
            edited.parts[part] = fresh.parts[found[0]]
            for attr in ("descr", "title"):
                if found[1].get(attr) is not None:
                    doc_pr.set(attr, found[1].get(attr))
            caption = chart_caption(found[1])
            result.charts.append(f"{caption} ({chart})" if caption else f"Diagram {chart}")

    edited.parts[DOCUMENT] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                            standalone=True)
    if notes is not None and touched_notes:
        edited.parts[FOOTNOTES] = etree.tostring(notes, xml_declaration=True,
                                                 encoding="UTF-8", standalone=True)
    if record_name:
        edited.parts[record_name] = record_xml(record)
    if CUSTOM_PROPS in edited.parts and CUSTOM_PROPS in fresh.parts:
        edited.parts[CUSTOM_PROPS] = fresh.parts[CUSTOM_PROPS]
    edited.write(out)
    return result


def report_properties(path: Path) -> dict[str, str]:
    """The custom properties a report carries (period, nämnd, inputs), by name."""
    with zipfile.ZipFile(path) as z:
        if CUSTOM_PROPS not in z.namelist():
            return {}
        root = etree.fromstring(z.read(CUSTOM_PROPS))
    return {p.get("name"): "".join(p.itertext()) for p in root}


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_DAMAGED = (*ZIP_DAMAGE, etree.XMLSyntaxError)


def updatable(path: Path, write_instead: str) -> dict[str, str]:
    """`path`'s custom properties, once it is known to be a report this program wrote.

    Checked before anything is computed or written: a PDF or a cut-off file would fail
    half-way, and a Word file the program did not write has no record of the figures it
    holds, so there is nothing to update (and every hand edit would look unedited).
    `write_instead` is the command that writes the report afresh ("generate --period …").
    """
    try:
        if not zipfile.is_zipfile(path):
            raise zipfile.BadZipFile
        with zipfile.ZipFile(path) as z:
            if DOCUMENT not in z.namelist() or z.testzip() is not None:
                raise zipfile.BadZipFile
            # A zip that is whole around a cut-off document.xml (saved half by a tool)
            # would fail only when the update is applied.
            etree.fromstring(z.read(DOCUMENT), _PARSER)
            ours = any(parse_record(z.read(n)) is not None for n in z.namelist()
                       if _custom_item(n))
        properties = report_properties(path) if ours else {}
    except OSError as exc:
        raise ReportError(f"{path}: filen kunde inte läsas ({os_reason(exc)}). "
                          "Ingenting skrevs.") from exc
    except _DAMAGED as exc:
        raise ReportError(f"{path}: {NOT_DOCX}. Ange rapportens Word-fil (.docx). "
                          "Ingenting skrevs.") from exc
    if not ours:
        raise ReportError(
            f"{path}: Word-dokumentet är inte en rapport som programmet har skrivit. Det "
            "saknar uppgifterna som programmet sparar i sina rapporter om vilka tal de visar "
            "och vilket indata de gjordes av, så det går inte att uppdatera. Ange rapporten "
            f"som programmet skrev, eller skriv en ny med {write_instead}. Ingenting skrevs.")
    return properties
