"""Reading reports docgen did not write: section detection, findings with places, bad input."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from samples import PROJECT_ROOT

from docgen.cli import main
from docgen.core.errors import DocgenError, Severity
from docgen.read.docreport import check_document
from docgen.read.headings import parse_heading, similarity
from docgen.read.reader import read

SEED = PROJECT_ROOT / "reference" / "seeds" / "004_8bfdc80b575edd09.txt"
REAL10 = PROJECT_ROOT / "reference" / "realdocs" / "10_dongthap-kh552-ubnd-doimoicongnghe-2025.txt"

# Where each outline section really starts in seed 004 (text line of its heading), by hand.
SEED_TRUTH = {
    "quan-triet": 41, "quan-triet-hoc-tap": 45, "quan-triet-van-ban": 101,
    "ket-qua": 171, "ket-qua-muc-tieu": 174, "ket-qua-nhiem-vu": 230,
    "lanh-dao-chi-dao": 232, "tuyen-truyen": 291, "co-che-chinh-sach": 343, "mang-luoi-dich-vu": 370,
    "nguon-luc": 394, "to-chuc-bo-may": 414,
    "danh-gia-chung": 429, "ket-qua-noi-bat": 431, "han-che": 463, "nguyen-nhan": 497,
    "phuong-huong": 564, "de-xuat-kien-nghi": 623,
}
SECTION_CODES = {"missing-section", "missing-optional-section", "empty-section", "unknown-section", "extra-section", "out-of-order"}


def test_seed_004_sections_found_with_places(nq21):
    read_back, findings = check_document(SEED, nq21)
    found = {a.id: a.line for a in read_back.detected.answers.values() if not a.extra}
    correct = sum(1 for k, v in found.items() if SEED_TRUTH.get(k) == v)
    precision, recall = correct / len(found), correct / len(SEED_TRUTH)
    assert (precision, recall) == (1.0, 1.0)
    section_findings = sorted((f.code, f.severity, f.location.section, f.location.line) for f in findings if f.code in SECTION_CODES)
    assert section_findings == [
        ("extra-section", Severity.INFO, "III.4", 516),
        ("missing-optional-section", Severity.WARNING, "I.3", 171),
        ("missing-section", Severity.ERROR, "II.2.7", 429),
    ]
    assert [(p.label, p.sections) for p in read_back.report.parts] == [
        ("Phần thứ nhất", ("quan-triet", "ket-qua", "danh-gia-chung")),
        ("Phần thứ hai", ("phuong-huong",)), ("Phần thứ ba", ("de-xuat-kien-nghi",)),
    ]
    report = read_back.report
    assert (report.organ.name, report.number, report.place, str(report.date)) == ("HUYỆN ỦY ĐỨC TRỌNG", "184 - BC/HU", "Đức Trọng", "2022-08-05")
    assert (report.signer.authority, report.signer.position, report.signer.name) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Hồng Khánh")
    assert report.recipients[-1] == "Lưu VP/HU"
    assert "901,79 km², với" in report.sections["ket-qua-muc-tieu"].blocks[0].text  # "km\n2\n," repaired
    renamed = [f.message for f in findings if f.code == "renamed-section" and f.location.section == "V"]
    assert renamed == ["Tiêu đề “KIẾN NGHỊ, ĐỀ XUẤT” khác tiêu đề trong đề cương “ĐỀ XUẤT, KIẾN NGHỊ”."]


def test_duplicate_roman_number_in_real_document(nq21):
    _, findings = check_document(REAL10, nq21)
    duplicates = [f for f in findings if f.code == "duplicate-heading-number"]
    assert [f.message for f in duplicates] == ["Số thứ tự “III.” bị lặp (đã dùng ở dòng 229)."]
    assert duplicates[0].location.line == 379


@pytest.mark.parametrize(("text", "kind", "number", "title"), [
    ("I- MỤC ĐÍCH, YÊU CẦU", "roman", "I", "MỤC ĐÍCH, YÊU CẦU"),
    ("2.1. Công tác lãnh đạo.", "decimal", "2.1", "Công tác lãnh đạo."),
    ("1- Mục đích", "arabic", "1", "Mục đích"),
    ("a) Điểm", "letter", "a", "Điểm"),
    ("Phần thứ hai", "part", "2", ""),
    ("PHAN THU BA: KIEN NGHI", "part", "3", "KIEN NGHI"),
])
def test_heading_forms(text, kind, number, title):
    heading = parse_heading(text)
    assert heading is not None and (heading.kind, heading.number, heading.title) == (kind, number, title)


@pytest.mark.parametrize("text", ["186.974 người (năm 2019)", "2017-2021 là giai đoạn", "5 năm thực hiện", "- Một ý"])
def test_not_headings(text):
    assert parse_heading(text) is None


def test_title_similarity_survives_rewording():
    assert similarity("KIẾN NGHỊ, ĐỀ XUẤT", "ĐỀ XUẤT, KIẾN NGHỊ") == 1.0
    assert similarity("Bao dam nguon nhan luc", "Bảo đảm nguồn lực") > 0.8
    assert similarity("Hợp tác quốc tế", "Nguyên nhân") == 0.0


def _handmade(path: Path, with_kiem_tra: bool = True) -> Path:
    """A report as typed in Word: header in a table, manual bold, typed numbers, no heading styles."""
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].text = "ĐẢNG BỘ TỈNH LÂM ĐỒNG"
    for text in ("HUYỆN ỦY ĐỨC TRỌNG", "*", "Số 184-BC/HU"):
        left.add_paragraph(text)
    right.paragraphs[0].text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    right.add_paragraph("Đức Trọng, ngày 05 tháng 8 năm 2022")
    kind = document.add_paragraph()
    kind.add_run("BÁO CÁO").bold = True
    kind.alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary = document.add_paragraph()
    summary.add_run("Sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW").bold = True
    summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("-----").alignment = WD_ALIGN_PARAGRAPH.CENTER
    body = [("I. CÔNG TÁC QUÁN TRIỆT", True), ("1. Học tập, quán triệt", True), ("Đã học tập.", False),
            ("2. Ban hành văn bản", True), ("Đã ban hành.", False)]
    if with_kiem_tra:
        body += [("3. Kiểm tra, giám sát", True), ("Đã kiểm tra.", False)]
    body += [("III. ĐÁNH GIÁ CHUNG", True), ("Đánh giá.", False), ("II. KẾT QUẢ ĐẠT ĐƯỢC", True), ("1. Kết quả", True), ("", False),
             ("Trên đây là báo cáo.", False)]
    for text, bold in body:
        document.add_paragraph().add_run(text).bold = bold
    tail = document.add_table(rows=1, cols=2)
    tail.rows[0].cells[0].paragraphs[0].text = "Nơi nhận:"
    tail.rows[0].cells[0].add_paragraph("- Ban Tuyên giáo Tỉnh ủy,")
    tail.rows[0].cells[0].add_paragraph("- Lưu VPHU.")
    tail.rows[0].cells[1].paragraphs[0].text = "T/M BAN THƯỜNG VỤ"
    tail.rows[0].cells[1].add_paragraph("PHÓ BÍ THƯ")
    tail.rows[0].cells[1].add_paragraph("Lê Hồng Khánh")
    document.save(str(path))
    return path


def test_handmade_docx_findings_point_at_paragraphs(nq21, tmp_path):
    path = _handmade(tmp_path / "bao-cao.docx", with_kiem_tra=False)
    read_back, findings = check_document(path, nq21, "bao-cao.docx")
    assert {a.id: a.line for a in read_back.detected.answers.values()} == {
        "quan-triet": 10, "quan-triet-hoc-tap": 11, "quan-triet-van-ban": 13, "danh-gia-chung": 15, "ket-qua": 17, "ket-qua-muc-tieu": 18,
    }
    by_code = {(f.code, f.location.section): (f.location.file, f.location.line, f.message) for f in findings if f.code in SECTION_CODES}
    assert by_code[("out-of-order", "II")] == (
        "bao-cao.docx", 17, "Mục “NHỮNG KẾT QUẢ ĐẠT ĐƯỢC” đứng sai thứ tự: theo đề cương, mục này phải đứng trước mục vừa gặp.")
    assert by_code[("missing-optional-section", "I.3")][:2] == ("bao-cao.docx", 15)
    assert by_code[("empty-section", "II.1")][1:] == (18, "Mục “Kết quả bước đầu thực hiện các mục tiêu đề ra trong Nghị quyết và các chương trình, "
                                                          "kế hoạch hành động của tỉnh, của địa phương” chưa có nội dung.")
    assert by_code[("missing-section", "II.2")][1] == 20  # expected after II.1, the last heading: at the closing
    report = read_back.report
    assert (report.organ.parent, report.number, report.summary) == ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "184-BC/HU", ("Sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW",))
    assert report.closing[0].text == "Trên đây là báo cáo."


def test_word_automatic_numbering_is_read(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text, level in (("MỞ ĐẦU", 0), ("Ý một", 1), ("Ý hai", 1), ("KẾT QUẢ", 0), ("Ý một", 1)):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    document.save(str(tmp_path / "so.docx"))
    assert [line.numbering for line in read(tmp_path / "so.docx").lines] == ["I.", "1.", "2.", "II.", "1."]


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        for name, data in files.items():
            package.writestr(name, data)
    return path


@pytest.mark.parametrize(("make", "code", "message"), [
    (lambda p: p.write_bytes(b"plain text, not a zip"), "not-docx", "“x.docx” không phải tệp .docx (Word 2007 trở lên)."),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), "docx-encrypted",
     "Tệp được đặt mật khẩu hoặc là tệp .doc cũ; hãy mở bằng Word, bỏ mật khẩu và lưu lại dạng .docx."),
    (lambda p: _zip(p, {"[Content_Types].xml": b"<x/>"}), "docx-corrupt", "Tệp .docx thiếu phần nội dung chính (word/document.xml)."),
    (lambda p: _zip(p, {"[Content_Types].xml": b"<x/>", "word/document.xml": b"<broken", "word/vbaProject.bin": b"x"}), "docx-macros",
     "Tệp có macro (VBA); hãy lưu lại dạng .docx không có macro rồi kiểm tra."),
    (lambda p: _zip(p, {"[Content_Types].xml": b"<x/>", "word/document.xml": b"<broken"}), "docx-corrupt",
     "Tệp .docx bị hỏng hoặc không phải văn bản Word."),
    (lambda p: docx.Document().save(str(p)), "empty-document", "Văn bản không có nội dung."),
])
def test_bad_docx_gives_a_clear_message(tmp_path, make, code, message):
    path = tmp_path / "x.docx"
    make(path)
    with pytest.raises(DocgenError) as caught:
        read(path, "x.docx")
    assert [(f.code, f.message) for f in caught.value.findings] == [(code, message)]


def test_external_links_are_reported_not_fetched(tmp_path):
    path = _handmade(tmp_path / "r.docx")
    document = docx.Document(str(path))
    document.part.relate_to("http://example.invalid/x.png", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
                            is_external=True)
    document.save(str(path))
    assert [f.code for f in read(path).findings] == ["docx-external-links"]


def test_cli_checks_docx_and_txt(tmp_path, capsys):
    path = _handmade(tmp_path / "r.docx", with_kiem_tra=False)
    assert main(["check", str(path), "--outline", "bao-cao-so-ket-nq21"]) == 1
    out = capsys.readouterr().out
    assert f"{path}:20: lỗi: [II.2] Thiếu mục “Việc thực hiện các nhiệm vụ và giải pháp”. (missing-section)" in out
    assert main(["check", str(tmp_path / "nothing.txt"), "--outline", "bao-cao-so-ket-nq21"]) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().out
    assert main(["check", str(path)]) == 2
    assert "hãy cho biết đề cương bằng --outline" in capsys.readouterr().out


def test_markdown_bold_heading_wrapped_over_lines_ends_where_the_bold_ends(tmp_path):
    from docgen.read.paragraphs import paragraphs

    text = (
        "**4. Sở Văn\nhóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình Cần Thơ**\n\n"
        "Chỉ đạo các cơ quan truyền\nthông, báo chí tăng thời lượng.\n\n"
        "**5. Sở, ban,\nngành liên quan và các cơ quan,\nđơn vị trực thuộc**\n\nCăn cứ theo chức năng.\n"
    )
    path = tmp_path / "kh.txt"
    path.write_text(text, encoding="utf-8")
    assert [p.text for p in paragraphs(read(path))] == [
        "4. Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình Cần Thơ",
        "Chỉ đạo các cơ quan truyền thông, báo chí tăng thời lượng.",
        "5. Sở, ban, ngành liên quan và các cơ quan, đơn vị trực thuộc",  # the middle line has no "**" of its own
        "Căn cứ theo chức năng.",
    ]


def test_recipient_wrapped_over_two_lines_is_one_item(tmp_path, nq21):
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Nơi nhận")
    lines = text[start:].splitlines()
    item = next(i for i, line in enumerate(lines) if line.strip().startswith("-"))
    lines[item:item] = ["- Bộ Chính trị, Ban Bí thư (để báo", "cáo),", "- Ban tuyên giáo các tỉnh ủy, thành ủy,", "đảng ủy trực thuộc Trung ương,"]
    path = tmp_path / "bc.txt"
    path.write_text(text[:start] + "\n".join(lines), encoding="utf-8")
    report = check_document(path, nq21)[0].report
    assert report.recipients[:2] == ("Bộ Chính trị, Ban Bí thư (để báo cáo)", "Ban tuyên giáo các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương")
    assert report.recipients[-1].startswith("Lưu")
