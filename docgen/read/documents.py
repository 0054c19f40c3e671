"""Front-end steps for reports written by hand (.docx, .pdf, .txt; .doc, .odt, .rtf): check one, import one.

The CLI calls these with its session; they load the outline, read the document and hand back findings.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..content.report import Report
from ..core.errors import DocgenError, Finding, error
from ..outline.model import Outline
from ..pipeline import Session
from .docreport import ReadReport, check_document, on_page

DOCUMENT_SUFFIXES = (".docx", ".pdf", ".txt", ".doc", ".odt", ".rtf")
READABLE_SUFFIXES = (".yaml", ".yml", *DOCUMENT_SUFFIXES)  # what `check` and `rollup` read in a folder


def is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def outline_for(session: Session, outline_ref: str | None) -> Outline:
    if not outline_ref:
        raise DocgenError(error("missing-outline", "Khi kiểm tra văn bản .docx, .pdf hoặc .txt, hãy cho biết đề cương bằng --outline."))
    return session.outline(outline_ref)


def check_any(session: Session, path: Path, outline_ref: str | None, outline: Outline | None = None) -> tuple[Report, list[Finding]]:
    """Any file `docgen check` takes: a content file (.yaml) or a report written by hand (.docx, .pdf, .txt…).
    `outline`: the outline of `outline_ref` when the caller has it already (a folder's files: found once, not per file)."""
    if not is_document(path):
        return session.check(path, outline_ref)
    read_back, findings = check_read(path, outline or outline_for(session, outline_ref))
    return read_back.report, findings


def import_file(session: Session, path: Path, outline_ref: str | None) -> tuple[str, list[Finding]]:
    """The content YAML of a document, and the findings of reading it."""
    from .importer import content_yaml

    outline = outline_for(session, outline_ref)
    read_back, findings = check_document(path, outline)
    return content_yaml(read_back, outline), findings


def _pdf_format(read_back: ReadReport, outline: Outline) -> list[Finding]:
    """The rulebook's rules on words (as for a .txt), and the layout as measured on the PDF."""
    from .conformance import check_format
    from .pdfformat import check_pdf_format

    words = check_format(replace(read_back, source=replace(read_back.source, document=None)), outline)
    return [on_page(f, read_back.source) for f in words] + check_pdf_format(read_back, outline)


def check_read(path: Path, outline: Outline) -> tuple[ReadReport, list[Finding]]:
    """The read document and all its findings: outline sections, metadata, the format (layout for a .docx) and the words."""
    read_back, findings = check_document(path, outline)
    from .conformance import check_format

    if read_back.source.kind == "pdf":
        return read_back, sorted(findings + _pdf_format(read_back, outline), key=lambda f: (f.location.page or 0, f.location.line or 0))
    findings = sorted(findings + check_format(read_back, outline), key=lambda f: f.location.line or 0)
    return read_back, findings
