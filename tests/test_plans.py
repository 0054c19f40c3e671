"""Plans: task deadlines, targets written from indicators, bracketed recipient groups, the review
outline attached as an appendix, hyphen numbering. Read back from the generated .docx."""

from __future__ import annotations

import shutil
from pathlib import Path

from docx.table import Table as DocxTable
from docx_view import body, open_docx
from samples import PROJECT_ROOT

from docgen import pipeline
from docgen.content.report import Deadline, IndicatorLine, Paragraph, parse_report
from docgen.validate.rules import validate

CONTENT = PROJECT_ROOT / "content"


def texts(blocks: tuple[object, ...]) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def test_deadline_blocks_read_as_text_or_date() -> None:
    report = parse_report("""
sections:
  a:
    blocks:
      - "Một nhiệm vụ."
      - {deadline: Thường xuyên}
      - {deadline: 2022-11-15, label: Thời gian, level: 1}
      - {deadline: Ngay sau khi cấp có thẩm quyền ban hành.}
""", "x.yaml")
    blocks = report.sections["a"].blocks
    assert texts(blocks) == ["Một nhiệm vụ.", "Thời gian thực hiện: Thường xuyên.", "Thời gian: xong trước ngày 15/11/2022.",
                             "Thời gian thực hiện: Ngay sau khi cấp có thẩm quyền ban hành."]
    assert isinstance(blocks[2], Deadline) and blocks[2].due is not None and blocks[2].due.isoformat() == "2022-11-15"
    assert blocks[2].level == 1 and report.load_findings == ()


def test_an_empty_deadline_is_a_finding() -> None:
    report = parse_report("sections:\n  a:\n    blocks:\n      - {deadline: ''}\n", "x.yaml")
    assert [f.code for f in report.load_findings] == ["invalid-field"]


INDICATORS = """
indicators:
  - {id: quy-mo, name: Quy mô dân số, value: "868.000", unit: người, year: "2030"}
  - {id: tranh-thai, name: Tỉ lệ áp dụng biện pháp tránh thai, value: "78", unit: "%", year: "2030"}
  - {id: tuoi-tho, name: Tuổi thọ bình quân, value: "75", unit: tuổi, year: "2030"}
  - {id: song-khoe, name: Thời gian sống khỏe mạnh, value: "68", unit: năm, year: "2030"}
sections:
  a:
    blocks:
      - indicators:
          lines:
            - [tranh-thai, {id: quy-mo, text: "quy mô dân số {value} {unit}"}]
            - [{id: tuoi-tho, text: "{name} đạt {value} {unit}"}, {id: song-khoe, text: ", trong đó {name} tối thiểu {value} {unit}"}]
            - [khong-co]
"""


def test_indicator_lines_are_written_from_the_structured_targets() -> None:
    report = parse_report(INDICATORS, "x.yaml")
    blocks = report.sections["a"].blocks
    assert texts(blocks) == [
        "Đến năm 2030:",
        "Tỉ lệ áp dụng biện pháp tránh thai 78%; quy mô dân số 868.000 người.",
        "Tuổi thọ bình quân đạt 75 tuổi, trong đó Thời gian sống khỏe mạnh tối thiểu 68 năm.",
    ]
    assert isinstance(blocks[1], IndicatorLine) and blocks[1].ids == ("tranh-thai", "quy-mo") and blocks[1].level == 1
    assert [(f.code, f.message) for f in report.load_findings] == [("unknown-indicator", "Không có chỉ tiêu mã “khong-co” trong “indicators”.")]


def test_tuyen_quang_targets_render_as_the_seed_writes_them() -> None:
    document = open_docx(pipeline.render_loaded(pipeline.load(CONTENT / "tuyen-quang-ke-hoach-173.yaml")))
    paras = [p.text for p in body(document)]
    start = paras.index("2- Mục tiêu cụ thể")
    assert paras[start + 1:start + 4] == [
        "Đến năm 2030:",
        "- Duy trì mức sinh thay thế (bình quân mỗi phụ nữ trong độ tuổi sinh đẻ có 2,1 con); quy mô dân số 868.000 người.",
        "- Duy trì mức giảm tỉ lệ sinh hàng năm 0,2‰.",
    ]
    assert "- Tuổi thọ bình quân đạt 75 tuổi, trong đó thời gian sống khỏe mạnh đạt tối thiểu 68 năm." in paras
    assert paras[paras.index("I- MỤC ĐÍCH, YÊU CẦU") + 1] == "1- Mục đích"  # numbering: hyphen


def test_numbering_accepts_only_hyphen() -> None:
    report = parse_report("numbering: roman\n", "x.yaml")
    assert [f.code for f in report.load_findings] == ["invalid-field"] and report.numbering == ""


def closing_left_cell(document: object) -> object:
    tables = document.tables  # type: ignore[attr-defined]
    return tables[-1].rows[0].cells[0]


def test_recipient_group_is_a_table_with_a_brace_not_a_stray_paragraph() -> None:
    loaded = pipeline.load(CONTENT / "hai-duong-ke-hoach-so-ket-nq21.yaml")
    assert loaded.report.recipients[:4] == ("Ban Bí thư Trung ương", "Ban Tuyên giáo Trung ương", "Bộ Y tế", "Thường trực Tỉnh ủy")
    document = open_docx(pipeline.render_loaded(loaded))
    cell = closing_left_cell(document)
    nested = [DocxTable(t, cell) for t in cell._tc.tbl_lst]
    assert len(nested) == 1
    members, note = nested[0].rows[0].cells
    assert [p.text for p in members.paragraphs if p.text] == ["- Ban Bí thư Trung ương,", "- Ban Tuyên giáo Trung ương,", "- Bộ Y tế,"]
    assert note.paragraphs[0].text == "} (để báo cáo),"
    assert note.paragraphs[0].runs[0].font.size.pt == 36  # the brace spans the three lines
    plain = [p.text for p in cell.paragraphs if p.text]
    assert plain == ["Nơi nhận:", "- Thường trực Tỉnh ủy,", "- Mặt trận Tổ quốc, các sở, ngành, đoàn thể tỉnh,", "- Ban Tuyên giáo Tỉnh ủy,",
                     "- Sở Y tế,", "- Các huyện, thị, thành ủy, đảng ủy trực thuộc TU,", "- Lưu VPTU."]
    assert not any("}" in p.text for p in document.paragraphs)
    assert not [f for f in validate(loaded.outline, loaded.report)]


def test_the_appendix_is_the_review_outline_after_the_signature() -> None:
    document = open_docx(pipeline.render_loaded(pipeline.load(CONTENT / "hai-duong-ke-hoach-so-ket-nq21.yaml")))
    paras = body(document)
    start = [p.text for p in paras].index("ĐỀ CƯƠNG")
    assert [(p.style, p.text) for p in paras[start:start + 4]] == [
        ("DG Appendix Title", "ĐỀ CƯƠNG"),
        ("DG Appendix Subtitle", "báo cáo sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương khóa XII "
                                 "về “công tác dân số trong tình hình mới”"),
        ("DG Appendix Note", "(kèm theo Kế hoạch số 103-KH/TU, ngày 19 tháng 9 năm 2022)"),
        ("DG Heading 1", "I. CÔNG TÁC QUÁN TRIỆT TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT 21-NQ/TW"),
    ]
    assert document.styles["DG Appendix Title"].paragraph_format.page_break_before
    rest = [(p.style, p.text) for p in paras[start:]]
    assert ("DG Heading 3", "2.7. Tăng cường hợp tác quốc tế") in rest
    assert ("DG Bullet 1", "- Vai trò của Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội và cả cộng đồng trong công tác dân số.") in rest
    assert rest[-1] == ("DG Heading 1", "V. ĐỀ XUẤT, KIẾN NGHỊ")
    children = list(document.element.body)
    title = next(p._p for p in document.paragraphs if p.text == "ĐỀ CƯƠNG")
    assert children.index(document.tables[-1]._tbl) < children.index(title)  # after the Nơi nhận / signature table


def test_changing_the_outline_changes_the_plans_appendix(tmp_path: Path) -> None:
    for folder in ("content", "outlines"):
        (tmp_path / folder).mkdir()
    shutil.copy(CONTENT / "hai-duong-ke-hoach-so-ket-nq21.yaml", tmp_path / "content")
    shutil.copy(PROJECT_ROOT / "outlines" / "ke-hoach-so-ket-nq21.yaml", tmp_path / "outlines")
    review = (PROJECT_ROOT / "outlines" / "bao-cao-so-ket-nq21.yaml").read_text(encoding="utf-8")
    (tmp_path / "outlines" / "bao-cao-so-ket-nq21.yaml").write_text(
        review.replace("title: Tăng cường hợp tác quốc tế", "title: Hợp tác quốc tế về dân số"), encoding="utf-8")
    loaded = pipeline.load(tmp_path / "content" / "hai-duong-ke-hoach-so-ket-nq21.yaml")
    paras = [p.text for p in body(open_docx(pipeline.render_loaded(loaded)))]
    assert "2.7. Hợp tác quốc tế về dân số" in paras and "2.7. Tăng cường hợp tác quốc tế" not in paras


def test_documents_without_groups_or_appendix_keep_the_plain_list() -> None:
    document = open_docx(pipeline.render_loaded(pipeline.load(CONTENT / "duc-trong.yaml")))
    cell = closing_left_cell(document)
    assert not cell._tc.tbl_lst
    assert "ĐỀ CƯƠNG" not in [p.text for p in body(document)]


def test_ward_plan_tasks_end_with_their_deadline() -> None:
    loaded = pipeline.load(CONTENT / "phuong-ke-hoach-kl149.yaml")
    document = open_docx(pipeline.render_loaded(loaded))
    paras = [p.text for p in body(document)]
    assert paras.count("Thời gian thực hiện: Thường xuyên.") == 6
    assert paras[paras.index("III. TỔ CHỨC THỰC HIỆN") - 1] == "Thời gian thực hiện: Ngay sau khi cấp có thẩm quyền ban hành."
    header = document.tables[0].rows[0].cells[0]
    assert [p.text for p in header.paragraphs if p.text] == ["ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY PHƯỜNG LÊ CHÂN", "*", "Số 25-KH/ĐU"]
    assert [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Cao Thị Thanh Xuân"]
