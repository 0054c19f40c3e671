"""Open the generated .docx and check what a reader sees: text, order, styles, fonts, page setup."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx_view import body, cell_texts, open_docx, style_fonts
from samples import MINIMAL_PARTY

from docgen import pipeline
from docgen.core.errors import DocgenError
from docgen.render.engine import render


def build(path: Path) -> bytes:
    return pipeline.render_loaded(pipeline.load(path))


@pytest.fixture
def party_doc(minimal: Callable[..., Path]):
    return open_docx(build(minimal()))


def test_page_setup_is_a4_with_party_margins(party_doc):
    section = party_doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [20, 20, 30, 15]


def test_header_block(party_doc):
    left, right = cell_texts(party_doc)[:2]
    assert left == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "HUYỆN ỦY ĐỨC TRỌNG", "*", "Số 184-BC/HU"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Đức Trọng, ngày 05 tháng 8 năm 2022"]
    title = party_doc.styles["DG Party Title"].font
    assert (title.bold, title.underline, title.size) == (True, True, Pt(15))
    assert party_doc.styles["DG Date"].font.italic is True
    assert party_doc.styles["DG Organ"].font.bold is True
    assert not party_doc.styles["DG Organ Parent"].font.bold


def test_title_summary_separator_then_body_in_outline_order(party_doc):
    paragraphs = body(party_doc)
    assert [(p.style, p.text) for p in paragraphs[:3]] == [
        ("DG Kind", "BÁO CÁO"), ("DG Summary", "Sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW"), ("DG Separator", "-----")]
    headings = [p.text.split(" ")[0] for p in paragraphs if p.style.startswith("DG Heading")]
    assert headings == ["I.", "1.", "2.", "3.", "II.", "1.", "2.", "2.1.", "2.2.", "2.3.", "2.4.", "2.5.", "2.6.", "2.7.",
                        "III.", "1.", "2.", "3.", "IV.", "V."]
    assert (paragraphs[-1].style, paragraphs[-1].text) == ("DG Body", "Trên đây là báo cáo./.")


def test_each_level_has_its_own_style(party_doc):
    by_text = {p.text: p.style for p in body(party_doc)}
    assert by_text["II. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"] == "DG Heading 1"
    assert by_text["2. Việc thực hiện các nhiệm vụ và giải pháp"] == "DG Heading 2"
    assert by_text["2.7. Tăng cường hợp tác quốc tế"] == "DG Heading 3"
    assert by_text["Hợp tác."] == "DG Body"
    styles = party_doc.styles
    assert styles["DG Heading 3"].font.italic and styles["DG Heading 3"].font.bold
    assert not styles["DG Heading 2"].font.italic


def test_body_typography_and_fonts(party_doc):
    style = party_doc.styles["DG Body"]
    assert style.font.size == Pt(14)
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert style.paragraph_format.line_spacing == Pt(18)
    assert round(style.paragraph_format.first_line_indent.mm, 1) == 10.0
    for name in ("DG Body", "DG Heading 1", "DG Recipients", "DG Signer Name", "DG Party Title"):
        assert set(style_fonts(party_doc, name).values()) == {"Times New Roman"}, name


def test_recipients_and_signature(party_doc):
    recipients, signature = cell_texts(party_doc)[-2:]
    assert recipients == ["Nơi nhận:", "- Ban Tuyên giáo Tỉnh ủy,", "- Lưu VPHU."]
    assert signature == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Hồng Khánh"]
    assert party_doc.styles["DG Recipients"].font.size == Pt(12)
    assert party_doc.styles["DG Recipients Label"].font.underline is True
    assert not party_doc.styles["DG Signer Position"].font.bold


def test_page_numbers_from_page_two(party_doc):
    section = party_doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml  # the PAGE field in the default header
    assert "PAGE" not in section.first_page_header._element.xml


def test_body_follows_the_outline_whatever_the_content_order(write: Callable[..., Path], minimal: Callable[..., Path]):
    head, _, tail = MINIMAL_PARTY.partition("sections:\n")
    entries, _, rest = tail.partition("closing:")
    reordered = head + "sections:\n" + "".join(reversed(entries.splitlines(keepends=True))) + "closing:" + rest
    assert body(open_docx(build(write(reordered, "r.yaml")))) == body(open_docx(build(minimal())))


def test_special_characters_appear_as_written_and_controls_are_dropped(minimal: Callable[..., Path]):
    path = minimal(("Lãnh đạo.", "A & B < C > \"D\" 'E' \x07end"))
    texts = [p.text for p in body(open_docx(build(path)))]
    assert "A & B < C > \"D\" 'E' end" in texts


def test_very_long_text_is_kept_whole(minimal: Callable[..., Path]):
    long_text = "Nội dung rất dài. " * 20000
    texts = [p.text for p in body(open_docx(build(minimal(("Lãnh đạo.", long_text.strip())))))]
    assert long_text.strip() in texts


def test_parts_extras_bullets_and_renamed_titles(minimal: Callable[..., Path]):
    path = minimal(
        ("closing:", "parts:\n  - {label: Phần thứ nhất, title: TÌNH HÌNH, sections: [quan-triet, ket-qua, danh-gia-chung]}\n"
                     "  - {label: Phần thứ hai, title: NHIỆM VỤ VÀ GIẢI PHÁP, sections: [phuong-huong]}\nclosing:"),
        ("  nguyen-nhan: Nguyên nhân.\n", "  nguyen-nhan: Nguyên nhân.\n  bai-hoc:\n    extra: true\n    parent: danh-gia-chung\n"
                                           "    title: Bài học kinh nghiệm\n    text: |\n      - Một\n      + Hai\n"),
        ("  han-che: Hạn chế.\n", "  han-che:\n    title: Hạn chế\n    text: Hạn chế.\n"),
    )
    paragraphs = [(p.style, p.text) for p in body(open_docx(build(path)))]
    start = paragraphs.index(("DG Part Label", "Phần thứ nhất"))
    assert paragraphs[start + 1] == ("DG Part Title", "TÌNH HÌNH")
    assert paragraphs[start + 2][1].startswith("I. CÔNG TÁC")
    assert ("DG Heading 2", "2. Hạn chế") in paragraphs
    extra = paragraphs.index(("DG Heading 2", "4. Bài học kinh nghiệm"))
    assert paragraphs[extra + 1: extra + 3] == [("DG Bullet 1", "- Một"), ("DG Bullet 2", "+ Hai")]
    second = paragraphs.index(("DG Part Label", "Phần thứ hai"))
    assert paragraphs[second + 1: second + 3] == [("DG Part Title", "NHIỆM VỤ VÀ GIẢI PHÁP"), ("DG Body", "Phương hướng.")]
    assert not any(text.startswith("IV.") for _, text in paragraphs)  # the part replaces its single section's heading


def test_a_gap_stays_a_gap(minimal: Callable[..., Path]):
    texts = [p.text for p in body(open_docx(build(minimal(("  hop-tac-quoc-te: Hợp tác.\n", "")))))]
    assert "2.7. Tăng cường hợp tác quốc tế" not in texts
    assert "2.6. Kiện toàn tổ chức bộ máy, nâng cao năng lực đội ngũ cán bộ dân số" in texts


def test_table_block(minimal: Callable[..., Path]):
    path = minimal(("  ket-qua-muc-tieu: Kết quả mục tiêu.\n", """  ket-qua-muc-tieu:
    blocks:
      - Trước bảng.
      - table:
          caption: Một số chỉ tiêu
          header: [Chỉ tiêu, Năm 2017, Năm 2022]
          rows:
            - [Tỷ lệ (%), "1,10", "1,03"]
            - [Dân số, "180.000", "186.974"]
"""))
    document = open_docx(build(path))
    table = next(t for t in document.tables if len(t.columns) == 3)
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Chỉ tiêu", "Năm 2017", "Năm 2022"], ["Tỷ lệ (%)", "1,10", "1,03"], ["Dân số", "180.000", "186.974"]]
    assert "Một số chỉ tiêu" in [p.text for p in body(document)]


def test_output_is_deterministic(minimal: Callable[..., Path]):
    path = minimal()
    assert build(path) == build(path)


def test_template_errors_are_findings(tmp_path: Path):
    from docx import Document
    broken = tmp_path / "broken.docx"
    document = Document()
    document.add_paragraph("{{ organ ")
    document.save(str(broken))
    with pytest.raises(DocgenError) as caught:
        render(broken, {"organ": "X"})
    assert caught.value.findings[0].code == "template-error"


def test_missing_context_value_is_an_error_not_an_empty_field(tmp_path: Path):
    from docx import Document
    template = tmp_path / "t.docx"
    document = Document()
    document.add_paragraph("{{ organ }} {{ missing }}")
    document.save(str(template))
    with pytest.raises(DocgenError) as caught:
        render(template, {"organ": "X"})
    assert "missing" in caught.value.findings[0].message
