"""What a reader of a generated .docx sees: paragraph texts with their styles, table cells, page setup."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn


@dataclass(frozen=True)
class Para:
    style: str
    text: str


def open_docx(source: Path | bytes) -> Document:
    return docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))


def body(document: Document) -> list[Para]:
    """Non-empty body paragraphs (outside tables), in reading order."""
    return [Para(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]


def cell_texts(document: Document) -> list[list[str]]:
    """Each table cell's non-empty paragraph texts, tables in order, cells left to right."""
    cells = []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                cells.append([p.text for p in cell.paragraphs if p.text.strip()])
    return cells


def style_fonts(document: Document, name: str) -> dict[str, str | None]:
    rfonts = document.styles[name].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {slot: rfonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs", "eastAsia")}
