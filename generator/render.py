"""Fill the Word template (docxtpl, autoescape, StrictUndefined) and post-process it."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate

from generator import docx_post
from generator.errors import TemplateError
from generator.word import Writer


def _environment() -> jinja2.Environment:
    # StrictUndefined: a variable the template uses but the program does not provide fails
    # loudly instead of leaving a silent gap in the report.
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def open_template(template: Path) -> DocxTemplate:
    """The Word template, or a TemplateError saying it is missing or not a .docx."""
    if not template.is_file():
        raise TemplateError(f"Mallen {template} finns inte.")
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(
            f"Mallen {template} kunde inte läsas som Word-dokument (.docx). Ange en .docx-fil "
            "med --mall, eller öppna mallen i Word och spara den som Word-dokument.") from exc
    return tpl


def render_report(template: Path, make_context: Callable[[Writer], dict[str, Any]],
                  out: Path, *, title: str, author: str,
                  finish: Callable[[Document], None] | None = None,
                  inspect: Callable[[Document], None] | None = None) -> None:
    """Render `template` into `out` (a temporary path chosen by the caller).

    The context is made here, from a `Writer` bound to the template, because free text,
    footnotes and generated tables need the template's style ids. `finish` runs on the
    rendered document before it is post-processed (the charts number their captions);
    `inspect` sees the finished document just before it is saved, while charts may still
    be drawing (saving waits for them).
    """
    tpl = open_template(template)
    writer = Writer(tpl.docx)
    context = make_context(writer)
    try:
        tpl.render(context, jinja_env=_environment(), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"Mallen {template.name} använder en variabel som programmet inte har: {exc.message}. "
            "Se templates/README.md för de variabler som finns."
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"Mallen {template.name} har ett fel i en tagg (rad {exc.lineno} i dess XML): "
            f"{exc.message}. Skriv om taggen i ett svep, med raka citattecken."
        ) from exc
    doc = tpl.docx
    writer.footnotes.write()
    if finish is not None:
        finish(doc)
    docx_post.set_language(doc)
    docx_post.update_fields_on_open(doc)
    docx_post.mark_header_rows(doc)
    docx_post.fill_toc(doc)
    docx_post.set_properties(doc, title=title, subject=f"{title}, {author}", author=author)
    if inspect is not None:
        inspect(doc)
    tpl.save(str(out))
