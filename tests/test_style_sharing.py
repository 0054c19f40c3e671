"""Documents made from one template share one resolved style sheet; a changed style gets its own."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Pt

from docgen.read.format_rules.document import FormattedDocument
from docgen.read.reader import read


def _report(path: Path, heading_size: float = 14) -> Path:
    document = docx.Document()
    document.styles["Heading 1"].font.size = Pt(heading_size)
    document.add_heading("I. KẾT QUẢ", level=1)
    document.add_paragraph("Đã quán triệt đầy đủ cho cán bộ, đảng viên.")
    document.save(str(path))
    return path


def _formatted(path: Path) -> FormattedDocument:
    source = read(path)  # as check_format: the read source (and its view, holding the fingerprint) alive meanwhile
    return FormattedDocument(source.document)


def test_documents_of_one_template_share_their_sheet(tmp_path: Path) -> None:
    first, second = _formatted(_report(tmp_path / "a.docx")), _formatted(_report(tmp_path / "b.docx"))
    assert first.sheet is second.sheet
    assert first.lines[1].value("size") == second.lines[1].value("size") == 14


def test_a_changed_style_is_resolved_from_its_own_document(tmp_path: Path) -> None:
    usual, changed = _formatted(_report(tmp_path / "a.docx")), _formatted(_report(tmp_path / "b.docx", heading_size=20))
    assert usual.sheet is not changed.sheet
    assert (usual.lines[1].value("size"), changed.lines[1].value("size")) == (14, 20)
