from __future__ import annotations

from pathlib import Path

import pytest

from docgen.content.report import parse_report
from docgen.core.yamlio import parse_yaml
from docgen.outline.model import Outline
from docgen.web import forms, service

TABLE = {"blocks": ["Trước bảng.", {"table": {"header": ["Chỉ tiêu", "2022"], "rows": [["Tỷ lệ", "1,03"]]}}]}


def test_empty_content_round_trips_through_the_report_loader(nq21: Outline) -> None:
    text = forms.to_yaml(forms.empty_content(nq21, "Phường 1"))
    report = parse_report(text, "x.yaml")
    assert report.load_findings == ()
    assert (report.outline, report.unit_name, report.sections) == (nq21.id, "Phường 1", {})


def test_apply_sets_fields_and_multiline_text_stays_readable(nq21: Outline) -> None:
    form = {"organ.name": "HUYỆN ỦY A", "recipients": "Ban TG Tỉnh ủy\r\n\r\nLưu VP", "sections.han-che": "Một\r\n- hai"}
    data = forms.apply(nq21, forms.empty_content(nq21), form)
    text = forms.to_yaml(data)
    assert "  han-che: |-\n    Một\n    - hai\n" in text
    report = parse_report(text, "x.yaml")
    assert report.organ.name == "HUYỆN ỦY A"
    assert report.recipients == ("Ban TG Tỉnh ủy", "Lưu VP")


def test_an_emptied_section_is_removed_and_a_field_not_sent_is_kept(nq21: Outline) -> None:
    data = {"outline": nq21.id, "place": "Đà Lạt", "sections": {"han-che": "Cũ", "nguyen-nhan": "Giữ"}}
    result = forms.apply(nq21, data, {"sections.han-che": "  \n"})
    assert result["sections"] == {"nguyen-nhan": "Giữ"}
    assert result["place"] == "Đà Lạt"


def test_a_section_with_a_table_is_edited_block_by_block(nq21: Outline) -> None:
    data = {"sections": {"ket-qua-muc-tieu": TABLE, "han-che": {"title": "Hạn chế riêng", "text": "Cũ"}}}
    fields = {f.id: f for f in forms.section_fields(nq21, data)}
    blocks = fields["ket-qua-muc-tieu"].blocks
    assert not fields["ket-qua-muc-tieu"].editable
    assert [(b.kind, b.text, b.header, b.rows) for b in blocks] == [
        ("text", "Trước bảng.", (), ()), ("table", "", ("Chỉ tiêu", "2022"), (("Tỷ lệ", "1,03"),))]
    form = {"sections.ket-qua-muc-tieu": "ignored", "blocks.ket-qua-muc-tieu.0": "Đoạn mới.", "head.ket-qua-muc-tieu.1.1": "Năm 2022",
            "cell.ket-qua-muc-tieu.1.0.1": "1,05", "cell.ket-qua-muc-tieu.1.1.0": "Dòng thêm", "cell.ket-qua-muc-tieu.1.1.1": "7",
            "cell.ket-qua-muc-tieu.1.2.0": " ", "caption.ket-qua-muc-tieu.1": "Chỉ tiêu chủ yếu", "sections.han-che": "Mới"}
    result = forms.apply(nq21, data, form)
    assert result["sections"]["ket-qua-muc-tieu"] == {"blocks": ["Đoạn mới.", {"table": {
        "caption": "Chỉ tiêu chủ yếu", "header": ["Chỉ tiêu", "Năm 2022"], "rows": [["Tỷ lệ", "1,05"], ["Dòng thêm", "7"]]}}]}
    assert result["sections"]["han-che"] == {"title": "Hạn chế riêng", "text": "Mới"}
    report = parse_report(forms.to_yaml(result), "x.yaml")
    assert report.load_findings == ()


def test_a_table_row_emptied_is_dropped(nq21: Outline) -> None:
    data = {"sections": {"ket-qua-muc-tieu": TABLE}}
    result = forms.apply(nq21, data, {"cell.ket-qua-muc-tieu.1.0.0": "", "cell.ket-qua-muc-tieu.1.0.1": ""})
    assert result["sections"]["ket-qua-muc-tieu"]["blocks"][1]["table"]["rows"] == []


def test_lines_point_to_fields(nq21: Outline) -> None:
    data = forms.apply(nq21, forms.empty_content(nq21), {"sections.han-che": "a\nb", "signer.name": "X"})
    doc = parse_yaml(forms.to_yaml(data), "x.yaml")
    names = set(forms.line_fields(doc).values())
    assert {"organ.name", "number", "sections.han-che", "signer.name", "recipients"} <= names
    assert forms.field_of_path(("sections", "han-che", "text")) == "sections.han-che"
    assert forms.field_of_path(("parts", 0)) is None
    assert forms.field_id("sections.han-che") == "f-sections-han-che"


def test_indicators_are_rebuilt_from_rows_and_keep_the_keys_not_shown(nq21: Outline) -> None:
    data = {"indicators": [{"name": "Không mã", "value": "1", "kind": "count"},
                           {"id": "a", "name": "A", "value": "2", "numerator": "3"}, "hỏng"]}
    assert [r[:3] for r in forms.tables.indicator_rows(data["indicators"])] == [("", "Không mã", "1"), ("a", "A", "2"), ("", "hỏng", "")]
    form = {"indicators.0.name": "Không mã", "indicators.0.value": "10", "indicators.1.id": "a", "indicators.1.name": "A",
            "indicators.1.value": "", "indicators.2.name": "", "indicators.3.id": "b", "indicators.3.value": "4"}
    assert forms.apply(nq21, data, form)["indicators"] == [
        {"name": "Không mã", "value": "10", "kind": "count"}, {"id": "a", "name": "A", "numerator": "3"}, {"id": "b", "value": "4"}]
    assert forms.apply(nq21, data, {"place": "X"})["indicators"] == data["indicators"]
    report = parse_report(forms.to_yaml(forms.apply(nq21, data, form)), "x.yaml")
    assert [f.code for f in report.load_findings] == ["invalid-indicator", "invalid-indicator"]
    assert forms.field_of_path(("indicators", 1, "value")) == "indicators.1"
    assert forms.field_of_path(("indicators",)) == "indicators"


def test_indicator_lines_and_deadlines_in_a_section_are_shown_and_kept(nq21: Outline) -> None:
    lines = {"indicators": {"lines": [["a", {"id": "b", "text": "{value}"}]]}}
    deadline = {"deadline": "2022-11-15", "label": "Thời gian"}
    data = {"sections": {"han-che": {"blocks": ["Trước.", lines, deadline]}}}
    field = {f.id: f for f in forms.section_fields(nq21, data)}["han-che"]
    assert not field.editable
    assert [(b.kind, b.text) for b in field.blocks] == [
        ("text", "Trước."), ("kept", "Các dòng chỉ tiêu viết từ bảng “Chỉ tiêu” bên dưới (mã: a, b); sửa số liệu trong bảng đó."),
        ("kept", "Thời hạn: 2022-11-15 (sửa trong tệp nội dung YAML).")]
    result = forms.apply(nq21, data, {"blocks.han-che.0": "Sau.", "sections.han-che": "ignored"})
    assert result["sections"]["han-che"] == {"blocks": ["Sau.", lines, deadline]}


def test_recipient_groups_are_written_between_braces_and_read_back() -> None:
    items = [{"group": ["Ban Bí thư Trung ương", "Bộ Y tế"], "note": "để báo cáo"}, "Sở Y tế", {"group": ["A", "B"]}, "Lưu VPTU"]
    text = forms.recipients_text(items)
    assert text.splitlines() == ["{", "Ban Bí thư Trung ương", "Bộ Y tế", "} để báo cáo", "Sở Y tế", "{", "A", "B", "}", "Lưu VPTU"]
    assert forms.recipients_list(text) == items
    assert forms.recipients_list("{\r\n Ban A \r\n\r\n Ban B\r\n}  (để b/c) \r\nLưu") == [{"group": ["Ban A", "Ban B"], "note": "(để b/c)"}, "Lưu"]


def test_an_unclosed_group_keeps_its_lines_and_a_stray_brace_is_text() -> None:
    assert forms.recipients_list("Sở Y tế\n{\nBan A\nBan B") == ["Sở Y tế", "Ban A", "Ban B"]
    assert forms.recipients_list("Ban A\n} lạc\nLưu") == ["Ban A", "} lạc", "Lưu"]


def test_recipient_suggestions_are_read_again_only_when_a_content_file_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # ./content/ comes first on the search path
    outline = service.outline_for("bao-cao-so-ket-nq21")
    own = tmp_path / "content" / "xa-thu.yaml"
    own.parent.mkdir()
    own.write_text("outline: bao-cao-so-ket-nq21\nrecipients:\n  - Ban Tuyên giáo Thử Nghiệm\n  - Lưu VP\n", encoding="utf-8")
    first = service.recipient_suggestions(outline)
    assert "Ban Tuyên giáo Thử Nghiệm" in first
    first.clear()  # the caller's list, not the cache's
    assert "Ban Tuyên giáo Thử Nghiệm" in service.recipient_suggestions(outline)
    own.write_text("outline: bao-cao-so-ket-nq21\nrecipients:\n  - Văn phòng Tỉnh ủy Thử Nghiệm\n  - Lưu VP\n", encoding="utf-8")
    again = service.recipient_suggestions(outline)
    assert "Văn phòng Tỉnh ủy Thử Nghiệm" in again and "Ban Tuyên giáo Thử Nghiệm" not in again
