"""Fill the Word template (docxtpl, autoescape, StrictUndefined) and post-process it."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import jinja2
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate

from generator import docx_post
from generator.errors import TemplateError


def lower_first(text: str) -> str:
    """ "Social- och omsorgsnämnden" inside a sentence: "social- och omsorgsnämnden"."""
    return text[:1].lower() + text[1:]


def _environment() -> jinja2.Environment:
    # StrictUndefined: a variable the template uses but the program does not provide fails
    # loudly instead of leaving a silent gap in the report.
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    env.filters["lower_first"] = lower_first
    return env


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


def fill(tpl: DocxTemplate, context: dict[str, Any], template: Path) -> Document:
    """Render the context into the template's document (in memory) and return it."""
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
    return tpl.docx


def post_process(doc: Document, *, title: str, author: str,
                 when: datetime | None = None) -> None:
    """What docxtpl leaves to us: language, fields, header rows, contents, spacing after
    tables, properties."""
    docx_post.set_language(doc)
    docx_post.update_fields_on_open(doc)
    docx_post.mark_header_rows(doc)
    docx_post.fill_toc(doc)
    docx_post.space_after_tables(doc)
    docx_post.set_properties(doc, title=title, subject=f"{title}, {author}", author=author,
                             when=when)


def save(tpl: DocxTemplate, out: Path | IO[bytes]) -> None:
    """Write the rendered document to `out` (a temporary path or a buffer)."""
    tpl.save(out if not isinstance(out, Path) else str(out))
