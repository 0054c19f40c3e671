"""Documents made from one template share one resolved style sheet; a changed style gets its own."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Pt

from docgen.read.docxview import StyleInfo
from docgen.read.format_rules.document import FormattedDocument
from docgen.read.reader import Line, read


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


def _heading_style(path: Path) -> tuple[StyleInfo | None, Line]:
    source = read(path)
    assert source.view is not None
    return source.view.paragraph(source.document.paragraphs[0]).style, source.lines[0]


def test_the_reader_resolves_a_template_s_styles_once(tmp_path: Path) -> None:
    (first, _), (second, _) = _heading_style(_report(tmp_path / "a.docx")), _heading_style(_report(tmp_path / "b.docx"))
    assert first is second and first is not None and first.name == "Heading 1"


def test_the_reader_reads_a_changed_style_from_its_own_document(tmp_path: Path) -> None:
    document = docx.Document(str(_report(tmp_path / "a.docx")))
    document.styles["Heading 1"].font.bold = False
    document.save(str(tmp_path / "b.docx"))
    (usual, usual_line), (changed, changed_line) = _heading_style(tmp_path / "a.docx"), _heading_style(tmp_path / "b.docx")
    assert usual is not changed
    assert usual is not None and changed is not None
    assert (usual.bold, changed.bold, usual_line.bold, changed_line.bold) == (True, False, True, False)
