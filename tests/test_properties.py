"""The document's own properties: what Word shows under File › Info and a PDF carries as title and author."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

from docgen import pipeline
from docgen.render.properties import document_properties

ROOT = Path(__file__).resolve().parent.parent


def test_built_report_carries_title_author_and_date(tmp_path: Path) -> None:
    target = tmp_path / "dt.docx"
    pipeline.build(ROOT / "content" / "duc-trong.yaml", target)
    props = Document(str(target)).core_properties
    assert props.title.replace("\u2011", "-").startswith("Báo cáo sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW")
    assert props.author == "HUYỆN ỦY ĐỨC TRỌNG"
    assert props.created == dt.datetime(2022, 8, 5, tzinfo=dt.UTC)
    assert props.language == "vi-VN"
    assert "python-docx" not in (props.comments or "") and props.author != "docgen"


def test_undated_document_has_no_date_and_kind_alone_without_summary() -> None:
    props = document_properties("KẾ HOẠCH", "", "ĐẢNG ỦY  XÃ A", None)
    assert props == {"title": "Kế hoạch", "author": "ĐẢNG ỦY XÃ A", "date": ""}


def test_markup_characters_in_properties_stay_text(tmp_path: Path) -> None:
    content = (ROOT / "content" / "duc-trong.yaml").read_text(encoding="utf-8").replace("HUYỆN ỦY ĐỨC TRỌNG", "HUYỆN ỦY <A & B>", 1)
    source = tmp_path / "x.yaml"
    source.write_text(content, encoding="utf-8")
    pipeline.build(source, tmp_path / "x.docx", str(ROOT / "outlines" / "bao-cao-so-ket-nq21.yaml"))
    assert Document(str(tmp_path / "x.docx")).core_properties.author == "HUYỆN ỦY <A & B>"
