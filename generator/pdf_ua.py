"""What LibreOffice's tagged PDF leaves out for PDF/UA-1, added after the export (pikepdf).

LibreOffice tags headings, tables, lists, figures and footnotes, but three details are
missing for an accessibility validator (PDF/UA-1, as checked by `page-validation`):
- pages with annotations need `/Tabs /S`, so that tabbing follows the structure;
- each `Note` structure element needs a unique `/ID`;
- the link from a footnote's number back to its reference in the text is an annotation
  outside any `Link` structure element; it is wrapped in one, inside its footnote.
The rest (language, title, figures' alt text, table headers) comes from the document.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pikepdf

BACK_LINK_TEXT = "Fotnot: tillbaka till hänvisningen i texten"


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _elements(root: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element below `root`, in document order."""
    for kid in _kids(root):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _page_number(pages: dict[tuple[int, int], int], page_obj: pikepdf.Object | None
                 ) -> int | None:
    return None if page_obj is None else pages.get(page_obj.objgen)


def _parent_tree_next(root: pikepdf.Object) -> tuple[pikepdf.Object, int]:
    """The ParentTree's flat /Nums array and the next free key."""
    if "/ParentTree" not in root:
        root.ParentTree = pikepdf.Dictionary(Nums=pikepdf.Array())
    tree = root.ParentTree
    if "/Nums" not in tree:
        tree.Nums = pikepdf.Array()
    nums = tree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    nxt = max([int(root.get("/ParentTreeNextKey", 0)), *(k + 1 for k in keys)], default=0)
    return nums, nxt


def _tag_back_links(pdf: pikepdf.Pdf, root: pikepdf.Object,
                    note_elements: list[pikepdf.Dictionary]) -> int:
    """Wrap each untagged link annotation in a Link element inside its page's footnote."""
    notes: dict[int, list[pikepdf.Object]] = {}
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    for element in note_elements:
        body = next((k for k in _kids(element)
                     if isinstance(k, pikepdf.Dictionary) and "/S" in k), element)
        page = _page_number(pages, body.get("/Pg") or element.get("/Pg"))
        if page is not None:
            notes.setdefault(page, []).append(body)
    nums, key = _parent_tree_next(root)
    done = 0
    for index, pdf_page in enumerate(pdf.pages):
        page_obj = pdf_page.obj
        loose = [a for a in page_obj.get("/Annots", [])
                 if a.get("/Subtype") == "/Link" and "/StructParent" not in a]
        targets = notes.get(index, [])
        for n, annot in enumerate(loose):
            parent = targets[min(n, len(targets) - 1)] if targets else root.K
            if isinstance(parent, pikepdf.Array):
                parent = parent[0]
            link = pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name.Link, P=parent, Pg=page_obj,
                K=pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annot,
                                                    Pg=page_obj)])))
            kids = _kids(parent)
            parent.K = pikepdf.Array([*kids, link])
            annot.StructParent = key
            if "/Contents" not in annot:
                annot.Contents = pikepdf.String(BACK_LINK_TEXT)
            nums.append(key)
            nums.append(link)
            key += 1
            done += 1
    root.ParentTreeNextKey = key
    return done


def _note_ids(note_elements: list[pikepdf.Dictionary]) -> int:
    count = 0
    for element in note_elements:
        if not str(element.get("/ID", "")):
            count += 1
            element.ID = pikepdf.String(f"fotnot-{count}")
    return count


def repair(path: Path) -> None:
    """Add what PDF/UA-1 needs and LibreOffice leaves out; rewrite `path` atomically."""
    tmp = path.with_name(f".~{path.name}.ua")
    try:
        with pikepdf.open(path) as pdf:
            root = pdf.Root.get("/StructTreeRoot")
            for page in pdf.pages:
                page.obj.Tabs = pikepdf.Name.S
            if root is not None:
                notes = [e for e in _elements(root) if str(e.S) == "/Note"]
                _note_ids(notes)
                _tag_back_links(pdf, root, notes)
            pdf.save(tmp, fix_metadata_version=False)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
