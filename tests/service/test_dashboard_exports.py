from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import Engine

from docgen.core.errors import DocgenError
from docgen.service import dashboard, exports, workflow
from docgen.storage.db import session_scope

from .conftest import START, get_round, user


def _accept_all(engine: Engine, people: dict[str, int], round_id: int, codes: tuple[str, ...]) -> None:
    with session_scope(engine) as session:
        for report in get_round(session, round_id).reports:
            if report.unit_code in codes:
                workflow.submit(session, user(session, people[report.unit_code.lower()]), report.id, START)
                workflow.accept(session, user(session, people["reviewer"]), report.id, START)


def test_rows_are_in_vietnamese_order_and_filter_by_status_and_words(engine: Engine, people: dict[str, int], round_id: int) -> None:
    _accept_all(engine, people, round_id, ("B2",))
    with session_scope(engine) as session:
        owner = get_round(session, round_id)
        names = [r.unit_name for r in dashboard.rows(owner)]
        accepted = [r.unit_code for r in dashboard.rows(owner, status="accepted")]
        found = [r.unit_code for r in dashboard.rows(owner, search="xuan huong")]
        by_status = [r.status for r in dashboard.rows(owner, sort="status")]
    assert names == ["Phường Bảo Lộc 1", "Phường Xuân Hương - Đà Lạt", "Xã Đạ Huoai"]
    assert accepted == ["B2"] and found == ["A1"]
    assert by_status == ["draft", "draft", "accepted"]


def test_completeness_matrix_and_its_xlsx(engine: Engine, round_id: int) -> None:
    with session_scope(engine) as session:
        header, rows = dashboard.completeness(session, get_round(session, round_id))
    assert header[0] == "Đơn vị" and header[-2:] == ["Trạng thái", "Ghi chú"]
    assert rows[0][0] == "Phường Bảo Lộc 1" and rows[0][-2] == "đang soạn"
    assert set(rows[0][2:-4]) == {"có"}  # the complete base report: every section present
    sheet = load_workbook(io.BytesIO(exports.matrix_xlsx(header, rows))).active
    assert sheet is not None and sheet["A2"].value == "Phường Bảo Lộc 1"


def test_documents_zip_holds_each_units_document_with_its_own_organ(engine: Engine, round_id: int) -> None:
    with session_scope(engine) as session:
        data = exports.documents_zip(get_round(session, round_id), with_pdf=False)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.namelist() == ["phuong-bao-loc-1-C3.docx", "phuong-xuan-huong-da-lat-A1.docx", "xa-da-huoai-B2.docx"]
    document = Document(io.BytesIO(archive.read("xa-da-huoai-B2.docx")))
    header_text = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "ĐẢNG ỦY XÃ ĐẠ HUOAI" in header_text


def test_rollup_of_the_accepted_reports_names_them_in_its_draft(engine: Engine, people: dict[str, int], round_id: int) -> None:
    with session_scope(engine) as session, pytest.raises(DocgenError, match="Chưa có báo cáo nào được duyệt"):
        exports.rollup_zip(get_round(session, round_id))
    _accept_all(engine, people, round_id, ("A1", "B2"))
    with session_scope(engine) as session:
        archive = zipfile.ZipFile(io.BytesIO(exports.rollup_zip(get_round(session, round_id))))
    assert "bao-cao-tong-hop.docx" in archive.namelist() and "tong-hop.xlsx" in archive.namelist()
    text = "\n".join(p.text for p in Document(io.BytesIO(archive.read("bao-cao-tong-hop.docx"))).paragraphs)
    assert "Xuân Hương - Đà Lạt" in text and "Đạ Huoai" in text and "Bảo Lộc" not in text
