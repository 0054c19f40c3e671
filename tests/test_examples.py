"""The bundled examples: what a reader of each generated document sees, and what the check says."""

from __future__ import annotations

import pytest
from docx_view import body, cell_texts, open_docx
from samples import PROJECT_ROOT

from docgen import pipeline
from docgen.core.errors import Severity
from docgen.validate.rules import validate

CONTENT = PROJECT_ROOT / "content"


def loaded(name: str) -> pipeline.Loaded:
    return pipeline.load(CONTENT / name)


def test_duc_trong_check_finds_the_missing_2_7_and_nothing_else_at_error_level():
    case = loaded("duc-trong.yaml")
    errors = [f for f in validate(case.outline, case.report) if f.severity is Severity.ERROR]
    assert [(f.code, f.location.section, f.message) for f in errors] == [
        ("missing-section", "II.2.7", "Thiếu mục “Tăng cường hợp tác quốc tế”.")]


def test_duc_trong_document_reads_like_the_seed():
    document = open_docx(pipeline.render_loaded(loaded("duc-trong.yaml")))
    cells = cell_texts(document)
    assert cells[0] == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "HUYỆN ỦY ĐỨC TRỌNG", "*", "Số 184-BC/HU"]
    assert cells[1] == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Đức Trọng, ngày 05 tháng 8 năm 2022"]
    assert cells[-2] == ["Nơi nhận:", "- Ban TG Tỉnh ủy,", "- TTHU, HĐND, UBND huyện,", "- Các TCCS đảng,",
                         "- Mặt trận và các đoàn thể huyện,", "- Lưu VP/HU."]
    assert cells[-1] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Hồng Khánh"]
    texts = [p.text for p in body(document)]
    assert texts[:2] == ["BÁO CÁO", "Sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW, ngày 25/10/2017\n"
                                    "của Ban Chấp hành Trung ương Đảng khoá XII\n“Về công tác dân số trong tình hình mới”"]
    order = ["Phần thứ nhất", "I. VIỆC TỔ CHỨC QUÁN TRIỆT VÀ TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 21-NQ/TW",
             "II. KẾT QUẢ ĐẠT ĐƯỢC SAU 05 NĂM THỰC HIỆN NGHỊ QUYẾT 21-NQ/TW", "2.6. Kiện toàn tổ chức bộ máy, nâng cao năng lực đội ngũ cán bộ dân số",
             "III. ĐÁNH GIÁ CHUNG", "1. Ưu điểm", "4. Bài học kinh nghiệm", "Phần thứ hai", "NHIỆM VỤ VÀ GIẢI PHÁP TRONG THỜI GIAN TỚI",
             "Phần thứ ba", "KIẾN NGHỊ, ĐỀ XUẤT"]
    positions = [texts.index(t) for t in order]
    assert positions == sorted(positions)
    assert not any(t.startswith("2.7.") for t in texts)
    assert texts[-1].endswith("trên địa bàn huyện Đức Trọng./.")


def test_complete_sample_is_clean():
    case = loaded("phuong-mau-party.yaml")
    assert validate(case.outline, case.report) == []


def test_state_plan_uses_the_state_layout():
    case = loaded("ubnd-tinh-ke-hoach-dan-so.yaml")
    assert case.outline.system == "state"
    document = open_docx(pipeline.render_loaded(case))
    cells = cell_texts(document)
    header = [line for cell in cells[:4] for line in cell]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header and "Độc lập - Tự do - Hạnh phúc" in header
    assert any(line.startswith("Số: ") and line.endswith("/KH-UBND") for line in header)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in header
    recipients, signature = cells[-2:]
    assert recipients[0] == "Nơi nhận:" and recipients[1] == "- Bộ Y tế (để báo cáo);" and recipients[-1] == "- Lưu: VT, VH."
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Nguyễn Thanh Bình"]
    assert body(document)[0].text == "KẾ HOẠCH"
    nothing_mojibake = all("ƣ" not in p.text for p in body(document))
    assert nothing_mojibake


@pytest.mark.parametrize("name", ["duc-trong.yaml", "phuong-mau-party.yaml", "ubnd-tinh-ke-hoach-dan-so.yaml"])
def test_every_example_builds_deterministically(name):
    case = loaded(name)
    assert pipeline.render_loaded(case) == pipeline.render_loaded(case)
