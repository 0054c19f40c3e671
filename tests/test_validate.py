"""Every rule is made to fire, with its exact code and message; the clean report has none."""

from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.content.report import load_report
from docgen.core.errors import Severity
from docgen.validate.rules import validate


def findings_of(outline, path: Path):
    return validate(outline, load_report(path))


def codes(findings):
    return [f.code for f in findings]


def test_complete_report_is_clean(nq21, minimal):
    assert findings_of(nq21, minimal()) == []


def test_missing_required_section_names_number_title_and_line(nq21, minimal):
    findings = findings_of(nq21, minimal(("  hop-tac-quoc-te: Hợp tác.\n", "")))
    assert len(findings) == 1
    missing = findings[0]
    assert (missing.code, missing.severity, missing.location.section) == ("missing-section", Severity.ERROR, "II.2.7")
    assert missing.location.line == 10  # the "sections:" line
    assert missing.format().endswith('lỗi: [II.2.7] Thiếu mục “Tăng cường hợp tác quốc tế”. (missing-section)')


def test_missing_optional_section_is_a_warning(nq21, minimal):
    [finding] = findings_of(nq21, minimal(("  han-che: Hạn chế.\n", "")))
    assert (finding.code, finding.severity, finding.location.section) == ("missing-optional-section", Severity.WARNING, "III.2")
    assert finding.message == "Thiếu mục “Hạn chế, tồn tại” (không bắt buộc)."


def test_whole_missing_branch_is_reported_once(nq21, minimal):
    path = minimal(*[(f"  {key}: {text}\n", "") for key, text in (
        ("ket-qua-muc-tieu", "Kết quả mục tiêu."), ("lanh-dao-chi-dao", "Lãnh đạo."), ("tuyen-truyen", "Tuyên truyền."),
        ("co-che-chinh-sach", "Cơ chế."), ("mang-luoi-dich-vu", "Mạng lưới."), ("nguon-luc", "Nguồn lực."),
        ("to-chuc-bo-may", "Bộ máy."), ("hop-tac-quoc-te", "Hợp tác."))])
    assert [(f.code, f.location.section) for f in findings_of(nq21, path)] == [("missing-section", "II")]


def test_empty_section(nq21, minimal):
    [finding] = findings_of(nq21, minimal(("  nguon-luc: Nguồn lực.\n", '  nguon-luc: ""\n')))
    assert (finding.code, finding.location.section, finding.location.line) == ("empty-section", "II.2.5", 19)
    assert finding.message == "Mục “Bảo đảm nguồn lực cho công tác dân số” chưa có nội dung."


def test_unknown_section_suggests_the_close_id(nq21, minimal):
    [finding] = findings_of(nq21, minimal(("  nguon-luc: Nguồn lực.\n", "  nguon-luc: Nguồn lực.\n  nguon-lucc: X\n")))
    assert finding.code == "unknown-section"
    assert finding.message == "Mục “nguon-lucc” không có trong đề cương “bao-cao-so-ket-nq21”. Có phải là “nguon-luc”?"
    assert finding.location.line == 20


def test_declared_extra_and_renamed_sections_are_informative(nq21, minimal):
    path = minimal(("  nguyen-nhan: Nguyên nhân.\n", """  nguyen-nhan:
    title: Nguyên nhân của những hạn chế, tồn tại
    text: Vì…
  bai-hoc:
    extra: true
    parent: danh-gia-chung
    title: Bài học kinh nghiệm
    text: Bài học.
"""))
    found = {(f.code, f.severity, f.location.section) for f in findings_of(nq21, path)}
    assert found == {("renamed-section", Severity.INFO, "III.3"), ("extra-section", Severity.INFO, "III.4")}


def test_extra_with_unknown_parent(nq21, minimal):
    path = minimal(("  han-che: Hạn chế.\n", "  han-che: Hạn chế.\n  them:\n    extra: true\n    parent: khong-co\n    title: T\n"))
    assert codes(findings_of(nq21, path)) == ["unknown-parent"]


@pytest.mark.parametrize(("old", "new", "code", "message"), [
    ("number: 184-BC/HU", "number: 184 - BC/HU", "invalid-number",
     "Số và ký hiệu “184 - BC/HU” không đúng dạng của văn bản của Đảng; ví dụ: “184-BC/HU”."),
    ("number: 184-BC/HU", "number: 184/BC-HU", "invalid-number",
     "Số và ký hiệu “184/BC-HU” không đúng dạng của văn bản của Đảng (đây là dạng của văn bản hành chính nhà nước); ví dụ: “184-BC/HU”."),
    ("number: 184-BC/HU", "number: 184-KH/HU", "number-kind-mismatch",
     "Ký hiệu loại văn bản “KH” không khớp với BÁO CÁO (BC)."),
    ("date: 2022-08-05", "date: 2022-02-30", "invalid-date", "Ngày “2022-02-30” không tồn tại."),
    ("date: 2022-08-05", "date: 5 tháng 8", "invalid-date", "Ngày “5 tháng 8” không đúng dạng (viết 2022-08-05 hoặc 05/08/2022)."),
    ("date: 2022-08-05", "date: 2999-01-01", "future-date", "Ngày ban hành 01/01/2999 ở tương lai."),
    ("  - Lưu VPHU", "  - Huyện ủy", "recipients-no-archive",
     "Nơi nhận phải kết thúc bằng dòng lưu trữ, ví dụ “Lưu VPTU”; dòng cuối hiện là “Huyện ủy”."),
    ("  - Lưu VPHU", "  - \"Lưu: VT, VP\"", "recipients-no-archive",
     "Nơi nhận phải kết thúc bằng dòng lưu trữ, ví dụ “Lưu VPTU”; dòng cuối hiện là “Lưu: VT, VP”."),
    ("T/M BAN THƯỜNG VỤ", "TM. BAN THƯỜNG VỤ", "invalid-authority",
     "Quyền hạn ký “TM. BAN THƯỜNG VỤ” không đúng; văn bản của Đảng dùng: T/M, K/T, T/L, Q.."),
    ("  name: Lê Hồng Khánh", "  name: \"\"", "missing-metadata", "Thiếu họ tên người ký."),
    ("  name: Lê Hồng Khánh", "  name: TS. Lê Hồng Khánh", "signer-degree", "Không ghi học hàm, học vị trước họ tên người ký: “TS. Lê Hồng Khánh”."),
    ("T/M BAN THƯỜNG VỤ", "K/T BAN THƯỜNG VỤ", "collective-signs-tm", "Cấp ủy là tập thể: ký “T/M …”, không ký “K/T”."),
    ("PHÓ BÍ THƯ", "PHÓ BÍ THƯ HUYỆN ỦY", "position-with-organ",
     "Chức vụ chỉ ghi chức danh (ví dụ “PHÓ BÍ THƯ”), không kèm tên cơ quan: “PHÓ BÍ THƯ HUYỆN ỦY”."),
    ("  - Ban Tuyên giáo Tỉnh ủy", "  - Ban Tuyên giáo Tỉnh ủy (B/c)", "recipient-note", "Ghi chú “(B/c)” viết là “(để b/c)”."),
    ("place: Đức Trọng\n", "", "missing-metadata", "Thiếu địa danh."),
    ("Lãnh đạo.", "Lãnh đạo theo Nghị quyết số 21 -NQ/TW.", "spaced-number",
     "Số hiệu văn bản “21 -NQ/TW” có khoảng trắng thừa; viết “21-NQ/TW”."),
    ("Lãnh đạo.", "Định hƣớng.", "mojibake", "Ký tự “ƣ” là lỗi phông chữ (ví dụ “ƣ” thay cho “ư”); hãy sửa lại."),
    ("Lãnh đạo.", "Lãnh  đạo.", "double-space", "Có nhiều dấu cách liền nhau."),
    ("Lãnh đạo.", "Lãnh đa\u0323o.", "not-nfc",
     "Văn bản chưa ở dạng Unicode NFC (dấu gõ tách rời); sẽ được chuẩn hóa khi tạo văn bản."),
    ("outline: bao-cao-so-ket-nq21\n", "outline: bao-cao-so-ket-nq21\nprofile: hd05\n", "content-ending",
     "Theo Hướng dẫn 05-HD/VPTW, nội dung kết thúc bằng “.”, không dùng “./.”."),
    ("outline: bao-cao-so-ket-nq21\n", "outline: bao-cao-so-ket-nq21\nprofile: hd99\n", "invalid-profile",
     "“profile” phải là một trong hd36, hd05."),
    ("outline: bao-cao-so-ket-nq21\n", "outline: bao-cao-so-ket-nq21\ncolor: red\n", "unknown-key",
     "Khóa “color” không được hỗ trợ; các khóa hợp lệ: closing, date, indicators, number, opening, organ, outline, parts, place, "
     "profile, recipients, sections, signer, summary, unit."),
])
def test_each_metadata_and_text_rule(nq21, minimal, old, new, code, message):
    found = [f for f in findings_of(nq21, minimal((old, new))) if f.code == code]
    assert [f.message for f in found] == [message]


def test_text_rule_points_at_section(nq21, minimal):
    [finding] = findings_of(nq21, minimal(("Lãnh đạo.", "Định hƣớng.")))
    assert (finding.location.section, finding.location.line) == ("II.2.1", 15)


def test_parts_must_name_top_level_sections_in_order(nq21, minimal):
    path = minimal(("closing:", "parts:\n  - {label: Phần thứ hai, title: B, sections: [phuong-huong]}\n"
                    "  - {label: Phần thứ nhất, title: A, sections: [quan-triet, nguon-luc]}\nclosing:"))
    assert sorted(codes(findings_of(nq21, path))) == ["invalid-part", "part-order"]


def test_findings_are_ordered_by_line(nq21, minimal):
    path = minimal(("date: 2022-08-05", "date: 2022-02-30"), ("  - Lưu VPHU", "  - Huyện ủy"), ("Lãnh đạo.", "Lãnh  đạo."))
    lines = [f.location.line for f in findings_of(nq21, path)]
    assert lines == sorted(lines) and len(lines) == 3


def test_invalid_shapes_are_findings_not_crashes(nq21, write: Callable[..., Path]):
    path = write("outline: bao-cao-so-ket-nq21\nsections: [a, b]\nrecipients: {a: b}\nsigner: Lê\nparts: 3\n"
                 "indicators: [{name: X}]\n")
    found = codes(findings_of(nq21, path))
    assert found.count("invalid-field") == 4
    assert "invalid-indicator" in found
