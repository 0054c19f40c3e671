"""Outside input asks for bounded work: .docx zip bombs and oversized bodies are refused with a
Vietnamese message before they are unpacked or walked."""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import docx
import pytest

from docgen.core.errors import DocgenError, Location
from docgen.read import docxpackage, reader
from docgen.read.docxpackage import MAX_XML_PART_BYTES
from docgen.read.reader import MAX_CHARACTERS, MAX_PARAGRAPHS, read

ROOT = Path(__file__).resolve().parent.parent


def _bomb(path: Path, unpacked: int) -> Path:
    """A .docx whose word/document.xml unpacks to `unpacked` bytes of blanks (deflated about 1000×)."""
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(unpacked // len(chunk)):
                part.write(chunk)
    return path


def test_zip_bomb_is_refused_from_its_directory_without_unpacking(tmp_path: Path):
    bomb = _bomb(tmp_path / "bom.docx", 64 * 1024 * 1024)
    assert bomb.stat().st_size < 200 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(DocgenError) as caught:
            read(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    finding = caught.value.findings[0]
    assert finding.code == "docx-too-large"
    assert finding.message == ("Phần “word/document.xml” của tệp .docx giải nén ra 64,0 MB, quá giới hạn 16,0 MB "
                               "mà không báo cáo thật nào cần tới; không đọc.")
    assert peak < 2 * 1024 * 1024  # nothing was unpacked


def test_all_parts_together_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(docxpackage, "MAX_UNPACKED_BYTES", 3 * 1024 * 1024)
    bomb = _bomb(tmp_path / "bom.docx", 4 * 1024 * 1024)
    with pytest.raises(DocgenError) as caught:
        read(bomb)
    assert caught.value.findings[0].message == "Tệp .docx giải nén ra 4,0 MB, quá giới hạn 3,0 MB; không đọc."


def _document(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.mark.parametrize(("limit", "value", "what"), [("MAX_PARAGRAPHS", 10, "11 đoạn văn"), ("MAX_CHARACTERS", 50, "101 ký tự")])
def test_paragraphs_and_characters_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int, what: str):
    monkeypatch.setattr(reader, limit, value)
    path = _document(tmp_path / "dai.docx", ["Đoạn số " + str(i) for i in range(1, 12)])
    with pytest.raises(DocgenError) as caught:
        read(path)
    assert caught.value.findings[0].code == "docx-too-large"
    assert caught.value.findings[0].message == f"Văn bản có {what}, quá giới hạn {value}; không đọc."


def test_table_cells_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(reader, "MAX_TABLE_CELLS", 5)
    document = docx.Document()
    document.add_paragraph("Bảng số liệu")
    document.add_table(rows=2, cols=3)
    document.save(str(tmp_path / "bang.docx"))
    with pytest.raises(DocgenError) as caught:
        read(tmp_path / "bang.docx")
    assert caught.value.findings[0].message == "Văn bản có 6 ô bảng, quá giới hạn 5; không đọc."


def test_a_body_too_small_to_pass_a_limit_is_not_counted():
    class Uncountable:
        def iter(self, *tags: str) -> Any:
            raise AssertionError("counted")

    document = SimpleNamespace(element=SimpleNamespace(body=Uncountable()))
    reader._refuse_oversized_body(document, Location("a.docx"), part_bytes=4 * (reader.MAX_PARAGRAPHS + 1) - 1)  # "<p/>" at least
    with pytest.raises(AssertionError, match="counted"):
        reader._refuse_oversized_body(document, Location("a.docx"), part_bytes=4 * (reader.MAX_PARAGRAPHS + 1))


def test_the_largest_real_report_is_far_inside_the_limits(tmp_path: Path):
    """The Đức Trọng report (seed 004, 9 pages), built by docgen, uses under a twentieth of each limit."""
    from docgen import pipeline

    built = pipeline.build(ROOT / "content" / "duc-trong.yaml", tmp_path / "duc-trong.docx").output
    assert built is not None
    source = read(built)
    with zipfile.ZipFile(built) as package:
        assert package.getinfo("word/document.xml").file_size * 100 < MAX_XML_PART_BYTES
    characters = sum(len(line.text) for line in source.lines)
    assert len(source.lines) * 20 < MAX_PARAGRAPHS and characters * 20 < MAX_CHARACTERS


def test_unreadable_docx_is_a_vietnamese_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = _document(tmp_path / "bao-cao.docx", ["Một đoạn"])
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(DocgenError) as caught:
        read(path)
    assert caught.value.findings[0].message == f"Không đọc được “{path}”: không có quyền truy cập."
