"""Outlines imported from a guidance document: kept in the database, reviewed and edited by an
administrator, checked by the outline stage's loader, then used by a round for everything."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from guidance_docs import SEED_000, seed_000_docx
from sqlalchemy import Engine, func, select

from docgen.core.errors import DocgenError
from docgen.service import dashboard, exports, outlines, rounds, workflow
from docgen.service.permissions import NotFound
from docgen.storage.db import open_database, session_scope
from docgen.storage.outlines import StoredOutline

from .conftest import START, get_round, user

RENAMED = "Việc thực hiện các nhiệm vụ và giải pháp chủ yếu"


def _count(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(StoredOutline)) or 0


def _import(engine: Engine, people: dict[str, int], data: bytes, name: str) -> int:
    with session_scope(engine) as session:
        return outlines.import_guidance(session, user(session, people["admin"]), data, name, START).id


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """Here on both backends: SQLite and a database in the PostgreSQL cluster (the edit locks its row there)."""
    database = open_database(database_url)
    yield database.engine
    database.dispose()


@pytest.fixture
def stored_id(engine: Engine, people: dict[str, int], tmp_path: Path) -> int:
    return _import(engine, people, seed_000_docx(tmp_path / "huong-dan.docx").read_bytes(), "Hướng dẫn 103.docx")


def test_a_word_guidance_becomes_an_outline_kept_with_its_notes(engine: Engine, stored_id: int) -> None:
    with session_scope(engine) as session:
        stored = session.get(StoredOutline, stored_id)
        assert stored is not None and stored.source_name == "Hướng dẫn 103.docx" and stored.version == 1
        outline = outlines.outline_of(stored)
        notes = outlines.notes_of(stored)
    assert outline.name.startswith("Báo cáo sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW")
    assert (outline.kind, outline.system, outline.template) == ("BC", "party", "party.docx")
    assert len(list(outline.walk())) == 20
    plain = [n for n in notes if n.code == "outline-import-plain-point"]
    assert len(plain) == 7 and all(n.line for n in plain) and "không in đậm" in plain[0].message
    assert plain[0].section == "viec-to-chuc-nghien-cuu-hoc"  # tied to the heading on its line


def test_a_text_guidance_is_imported_too(engine: Engine, people: dict[str, int]) -> None:
    made = _import(engine, people, SEED_000.read_bytes(), "de-cuong.txt")
    with session_scope(engine) as session:
        stored = session.get(StoredOutline, made)
        assert stored is not None
        assert [n.line for n in outlines.notes_of(stored)] == [97, 99, 101, 105, 173, 174, 175]


@pytest.mark.parametrize("role", ["reviewer", "a1"])
def test_only_administrators_import_read_or_edit(engine: Engine, people: dict[str, int], stored_id: int, role: str) -> None:
    with session_scope(engine) as session:
        someone = user(session, people[role])
        with pytest.raises(NotFound):
            outlines.import_guidance(session, someone, SEED_000.read_bytes(), "de-cuong.txt", START)
        with pytest.raises(NotFound):
            outlines.stored_for(session, someone, stored_id)
        with pytest.raises(NotFound):
            outlines.stored_list(session, someone)
        with pytest.raises(NotFound):
            outlines.edit_outline(session, someone, stored_id, 1, "", {}, START)
    assert _count(engine) == 1


def _no_outline_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Kính gửi các đơn vị, đề nghị báo cáo đúng hạn.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _scan_docx() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("data,name,code", [
    (_no_outline_docx(), "cong-van.docx", "outline-import-not-found"),
    (_scan_docx(), "ban-quet.docx", "outline-import-no-text"),
    (b"", "rong.docx", "guidance-empty"),
    (b"x" * (outlines.MAX_GUIDANCE_BYTES + 1), "lon.txt", "guidance-too-large"),
    (b"id: x", "de-cuong.yaml", "guidance-format"),
    (b"PK\x03\x04 not a zip", "hong.docx", None),
])
def test_bad_guidance_is_a_vietnamese_message_and_nothing_is_kept(engine: Engine, people: dict[str, int], data: bytes, name: str,
                                                                 code: str | None) -> None:
    with pytest.raises(DocgenError) as refused:
        _import(engine, people, data, name)
    finding = refused.value.findings[0]
    if code is not None:
        assert finding.code == code
    assert not finding.message.isascii()  # Vietnamese words, whatever the cause
    assert _count(engine) == 0


def _edit(engine: Engine, people: dict[str, int], stored_id: int, edits: dict[str, outlines.SectionEdit], version: int = 1,
          name: str = "") -> None:
    with session_scope(engine) as session:
        outlines.edit_outline(session, user(session, people["admin"]), stored_id, version, name, edits, START)


def _outline(engine: Engine, stored_id: int):  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        stored = session.get(StoredOutline, stored_id)
        assert stored is not None
        return outlines.outline_of(stored), stored.version


def test_titles_required_flags_and_removal_are_saved_and_numbers_follow(engine: Engine, people: dict[str, int], stored_id: int) -> None:
    _edit(engine, people, stored_id, {
        "viec-thuc-hien-cac-nhiem-vu": outlines.SectionEdit(RENAMED, True),
        "viec-ban-hanh-cac-van-ban": outlines.SectionEdit("Việc ban hành các văn bản", True),
        "viec-to-chuc-nghien-cuu-hoc": outlines.SectionEdit("bỏ", True, remove=True),
        "ve-tang-cuong-su-lanh-dao": outlines.SectionEdit("Về tăng cường sự lãnh đạo, chỉ đạo", False),
    }, name="Báo cáo sơ kết Nghị quyết 21 (bản của tỉnh)")
    outline, version = _outline(engine, stored_id)
    assert version == 2 and outline.name == "Báo cáo sơ kết Nghị quyết 21 (bản của tỉnh)"
    assert outline.find("viec-to-chuc-nghien-cuu-hoc") is None
    moved = outline.find("viec-ban-hanh-cac-van-ban")
    assert moved is not None and (moved.number, moved.ref, moved.title, moved.required) == ("1.", "I.1", "Việc ban hành các văn bản", True)
    renamed = outline.find("viec-thuc-hien-cac-nhiem-vu")
    assert renamed is not None and renamed.title == RENAMED and renamed.guidance  # its guidance kept
    lanh_dao = outline.find("ve-tang-cuong-su-lanh-dao")
    assert lanh_dao is not None and not lanh_dao.required and lanh_dao.ref == "II.2.1"


@pytest.mark.parametrize("edits,code", [
    ({"viec-thuc-hien-cac-nhiem-vu": outlines.SectionEdit("   ", True)}, "outline-missing-title"),
    ({}, None),  # every top section removed (below)
])
def test_a_bad_edit_is_refused_and_nothing_is_saved(engine: Engine, people: dict[str, int], stored_id: int,
                                                   edits: dict[str, outlines.SectionEdit], code: str | None) -> None:
    before, _ = _outline(engine, stored_id)
    if code is None:  # every top section removed
        edits = {s.id: outlines.SectionEdit(s.title, True, remove=True) for s in before.sections}
        code = "outline-empty"
    with pytest.raises(DocgenError) as refused:
        _edit(engine, people, stored_id, edits)
    finding = refused.value.findings[0]
    assert finding.code == code and finding.location.line is None
    assert "Mục thiếu tiêu đề." in finding.message or "ít nhất một mục" in finding.message
    after, version = _outline(engine, stored_id)
    assert version == 1 and after == before


def test_an_edit_from_a_stale_page_is_refused(engine: Engine, people: dict[str, int], stored_id: int) -> None:
    _edit(engine, people, stored_id, {"viec-thuc-hien-cac-nhiem-vu": outlines.SectionEdit(RENAMED, True)})
    with pytest.raises(DocgenError) as refused:
        _edit(engine, people, stored_id, {"viec-thuc-hien-cac-nhiem-vu": outlines.SectionEdit("Khác", True)}, version=1)
    assert refused.value.findings[0].code == "outline-changed"
    assert _outline(engine, stored_id)[0].find("viec-thuc-hien-cac-nhiem-vu").title == RENAMED  # type: ignore[union-attr]


def test_a_round_uses_the_imported_outline_for_everything(engine: Engine, people: dict[str, int], stored_id: int, units_table: Path) -> None:
    _edit(engine, people, stored_id, {"viec-thuc-hien-cac-nhiem-vu": outlines.SectionEdit(RENAMED, True),
                                      "viec-ban-hanh-cac-van-ban": outlines.SectionEdit("Việc ban hành các văn bản", False)})
    spec = rounds.RoundSpec("Sơ kết theo hướng dẫn", "", "15/12/2026", units_table=units_table, codes=("A1",), stored_outline=stored_id)
    with session_scope(engine) as session:
        made, _ = rounds.create_round(session, spec, user(session, people["admin"]), START)
        round_id, report_id = made.id, made.reports[0].id
    with session_scope(engine) as session:
        owner = get_round(session, round_id)
        assert owner.outline == "bao-cao-so-ket-05-nam-thuc-hien" and owner.stored_outline_id == stored_id
        assert outlines.round_outline(owner).find("viec-thuc-hien-cac-nhiem-vu").title == RENAMED  # type: ignore[union-attr]
        header, _rows = dashboard.completeness(session, owner)
        assert any(RENAMED in column for column in header)
        report = owner.reports[0]
        content = report.content + "sections:\n  ket-qua-buoc-dau-thuc-hien: Đạt các mục tiêu đề ra.\n"
        workflow.save(session, user(session, people["a1"]), report_id, report.version, content, START)
        with pytest.raises(workflow.Refused) as refused:  # section II.2 is missing, under its new title
            workflow.submit(session, user(session, people["a1"]), report_id, START)
        missing = {f.location.section: f.message for f in refused.value.findings if f.code == "missing-section"}
        assert RENAMED in missing["II.2"]
        archive = zipfile.ZipFile(io.BytesIO(exports.documents_zip(owner, with_pdf=False)))
        assert [n for n in archive.namelist() if n.endswith(".docx")]
    with pytest.raises(DocgenError) as refused_edit:
        _edit(engine, people, stored_id, {"viec-thuc-hien-cac-nhiem-vu": outlines.SectionEdit("Khác", True)}, version=2)
    assert refused_edit.value.findings[0].code == "outline-in-use"


def test_a_round_with_an_unknown_imported_outline_is_refused(engine: Engine, people: dict[str, int], units_table: Path) -> None:
    spec = rounds.RoundSpec("x", "", "15/12/2026", units_table=units_table, stored_outline=999)
    with session_scope(engine) as session, pytest.raises(DocgenError) as refused:
        rounds.create_round(session, spec, user(session, people["admin"]), START)
    assert refused.value.findings[0].code == "outline-not-found"
