"""Format rules judged on the texts themselves by the validator (docgen/validate/rules.py) and the
heading detector (read/detect.py), for content files and read documents alike. Listed here so the
rulebook covers every mechanical rule with the code its finding carries."""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import HD05, HD36, ND30


@dataclass(frozen=True)
class ContentRule:
    id: str
    title: str
    expected: str
    source: str
    severity: str = "error"
    standard: str = ""


CONTENT_RULES = (
    ContentRule("mojibake", "Mã chữ", "chữ Unicode (TCVN 6909:2001), không còn ký tự của phông cũ (ví dụ “ƣ” thay cho “ư”)",
                f"{ND30}, Phụ lục I, mục I.4", standard="#6"),
    ContentRule("not-nfc", "Dạng Unicode", "chữ ở dạng Unicode dựng sẵn (NFC)", "TCVN 6909:2001", "warning", "#6"),
    ContentRule("invalid-number", "Số và ký hiệu", "“Số: 12/BC-UBND” (nhà nước) hoặc “Số 184-BC/HU” (Đảng), không có dấu cách",
                f"{ND30}, Phụ lục I, mục II.3; {HD36}, điểm 1.3", standard="#16, #17"),
    ContentRule("number-kind-mismatch", "Ký hiệu loại văn bản", "chữ viết tắt tên loại khớp với tên loại (BC cho BÁO CÁO…)",
                f"{ND30}, Phụ lục III; {HD36}", standard="#18"),
    ContentRule("future-date", "Ngày ban hành", "ngày có thật, không ở tương lai", f"{ND30}, Phụ lục I, mục II.4", "warning", "#20"),
    ContentRule("heading-number-gap", "Số thứ tự đề mục", "I, II, III… và 1, 2, 3… liên tục, không nhảy số", f"{ND30}, Phụ lục I, mục II.6.đ",
                "warning", "#25"),
    ContentRule("duplicate-heading-number", "Số thứ tự đề mục", "không lặp số thứ tự đề mục", f"{ND30}, Phụ lục I, mục II.6.đ", "warning",
                "#25"),
    ContentRule("content-ending", "Kết thúc nội dung", "nhà nước: “./.”; Đảng theo Hướng dẫn 05: “.”", f"{ND30}, Phụ lục III; {HD05}",
                "warning", "#28"),
    ContentRule("recipients-no-archive", "Dòng lưu", "dòng cuối “- Lưu: VT, …” (nhà nước) hoặc “- Lưu …” (Đảng)",
                f"{ND30}, Phụ lục I, mục II.9.d; {HD36}", standard="#32, #33"),
    ContentRule("recipient-note", "Ghi chú nơi nhận", "“(để báo cáo)”, “(để b/c)” viết thường", "thực tiễn soạn thảo", "warning", "#34"),
    ContentRule("invalid-authority", "Quyền hạn ký", "nhà nước: TM., KT., TL., TUQ., Q.; Đảng: T/M, K/T, T/L, Q.",
                f"{ND30}, Phụ lục I, mục II.7.b; {HD36}, điểm 1.7", standard="#36, #37"),
    ContentRule("collective-signs-tm", "Cấp ủy ký thay mặt", "cấp ủy là tập thể: ký “T/M …”, không ký “K/T”", f"{HD36}, điểm 1.7",
                standard="#37"),
    ContentRule("position-with-organ", "Chức vụ người ký (Đảng)", "chỉ ghi chức danh, không kèm tên cơ quan", HD36, "warning", "#38"),
    ContentRule("signer-degree", "Họ tên người ký", "không ghi học hàm, học vị trước họ tên", f"{ND30}, Phụ lục I, mục II.7.c", standard="#39"),
    ContentRule("spaced-number", "Số hiệu văn bản trích dẫn", "số hiệu viết liền, không có dấu cách (“21-NQ/TW”)",
                f"{ND30}, Phụ lục I, mục II.3.c", "warning", "#43"),
    ContentRule("double-space", "Dấu cách thừa", "không có nhiều dấu cách liền nhau", f"{ND30}, Phụ lục I", "warning", "#44"),
    ContentRule("unbalanced-marks", "Dấu ngoặc kép, ngoặc đơn", "mỗi dấu “ và ( mở có dấu ” và ) đóng trong cùng đoạn",
                f"{ND30}, Phụ lục I (kỹ thuật trình bày)", "warning", "#49"),
)
