"""Template checking: a copy of templates/party.docx broken in code, one way per test, then all at once."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from samples import PROJECT_ROOT

from docgen.cli import main
from docgen.core.errors import DocgenError
from docgen.render.template_check import check_template

PARTY = PROJECT_ROOT / "templates" / "party.docx"


def broken(tmp_path: Path, *edits: tuple[str, str, str]) -> Path:
    """A copy of party.docx with (member, old, new) replacements (every occurrence) made in its XML."""
    target = tmp_path / "broken.docx"
    with zipfile.ZipFile(PARTY) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename).decode("utf-8") if item.filename.endswith(".xml") else source.read(item.filename)
            for member, old, new in edits:
                if member == item.filename:
                    assert isinstance(data, str) and old in data, old
                    data = data.replace(old, new)
            out.writestr(item, data.encode("utf-8") if isinstance(data, str) else data)
    return target


DOC = "word/document.xml"


def codes(findings):
    return [f.code for f in findings]


def test_the_bundled_template_is_clean(nq21):
    assert check_template(PARTY, nq21) == []


def test_unclosed_tag_points_at_its_paragraph(tmp_path, nq21):
    findings = check_template(broken(tmp_path, (DOC, "{{ kind_title }}", "{{ kind_title }")), nq21)
    syntax = [f for f in findings if f.code == "template-syntax"]
    assert [f.message for f in syntax] == ["Thẻ mở và thẻ đóng không khớp ở đoạn 1 “{{ kind_title }”."]
    assert syntax[0].location.file.endswith("broken.docx") and syntax[0].location.line is not None


def test_bad_expression_in_a_table_cell(tmp_path, nq21):
    findings = check_template(broken(tmp_path, (DOC, "{{ organ }}", "{{ organ | }}")), nq21)
    [syntax] = [f for f in findings if f.code == "template-syntax"]
    assert syntax.message.startswith("Lỗi cú pháp Jinja trong “{{ organ | }}” ở bảng 1, hàng 1, cột 1:")


def test_unclosed_block_across_paragraphs(tmp_path, nq21):
    """Every {%p endfor %} taken out: each for left open is named where it opens, with the tag it ran into."""
    findings = check_template(broken(tmp_path, (DOC, "{%p endfor %}", "")), nq21)
    unclosed = [f for f in findings if f.code == "template-unclosed-block"]
    assert unclosed[0].message == "Thẻ “{%p for b in body %}” ở đoạn 4 chưa được đóng: thiếu “{% endfor %}” trước khi hết mẫu."
    assert "Thẻ “{%p for b in appendix.body %}” ở đoạn 35 chưa được đóng: thiếu “{% endfor %}” trước thẻ “{%p endif %}” ở đoạn 60." in [
        f.message for f in unclosed]
    assert not [f for f in findings if f.code == "template-syntax"]  # no Jinja English on top


def test_unclosed_if_is_named_in_vietnamese_and_the_rest_still_checked(tmp_path, nq21):
    path = broken(tmp_path, (DOC, "{{ kind_title }}", "{% if summary %}{{ kind_titel }}"), (DOC, "{{ signer.name }}", "{{ signer.nam }}"))
    findings = check_template(path, nq21)
    [unclosed] = [f for f in findings if f.code == "template-unclosed-block"]
    assert unclosed.message == "Thẻ “{% if summary %}” ở đoạn 1 “{% if summary %}{{ kind_titel }}” chưa được đóng: thiếu “{% endif %}” trước khi hết mẫu."
    assert unclosed.location.line is not None
    assert "Jinja" not in " ".join(f.message for f in findings)
    undefined = [f.message for f in findings if f.code == "template-undefined-name"]
    assert "Tên “kind_titel” không có trong dữ liệu mà chương trình cung cấp, ở đoạn 1 “{% if summary %}{{ kind_titel }}”." in undefined
    assert any(m.startswith("Tên “signer.nam” không có") for m in undefined)


def test_closing_tag_with_nothing_to_close(tmp_path, nq21):
    findings = check_template(broken(tmp_path, (DOC, "{%p if organ_parent %}", "")), nq21)
    assert [f.message for f in findings] == ["Thẻ “{%p endif %}” ở bảng 1, hàng 1, cột 1 không khớp với thẻ mở nào."]


def test_undefined_names_and_attributes(tmp_path, nq21):
    findings = check_template(broken(tmp_path, (DOC, "{{ kind_title }}", "{{ kind_titel }}"), (DOC, "{{ signer.name }}", "{{ signer.nam }}")), nq21)
    undefined = [f.message for f in findings if f.code == "template-undefined-name"]
    assert "Tên “kind_titel” không có trong dữ liệu mà chương trình cung cấp, ở đoạn 1 “{{ kind_titel }}”." in undefined
    assert any(m.startswith("Tên “signer.nam” không có trong dữ liệu mà chương trình cung cấp, ở bảng ") for m in undefined)
    not_placed = [f.message for f in findings if f.code == "template-field-not-placed"]
    assert not_placed == ["Mẫu không đặt trường “kind_title” ở đâu cả.", "Mẫu không đặt trường “signer.name” ở đâu cả."]


def test_missing_style(tmp_path, nq21):
    findings = check_template(broken(tmp_path, ("word/styles.xml", '<w:name w:val="DG Heading 2"/>', '<w:name w:val="Heading 2 copy"/>')), nq21)
    assert [f.message for f in findings if f.code == "template-missing-style"] == ["Mẫu thiếu kiểu đoạn “DG Heading 2” (dùng cho khối “heading2”)."]


def test_tag_split_across_runs(tmp_path, nq21):
    findings = check_template(broken(tmp_path, (DOC, "<w:t>{{ summary }}</w:t>", "<w:t>{{ sum</w:t></w:r><w:r><w:t>mary }}</w:t>")), nq21)
    assert [f.message for f in findings] == [
        "Thẻ “{{ summary }}” bị Word tách thành nhiều đoạn chữ (run) ở đoạn 2 “{{ summary }}”; hãy gõ lại thẻ liền một lần."
    ]
    assert findings[0].severity.value == "warning"


def test_block_branch_the_outline_needs(tmp_path, nq21):
    findings = check_template(broken(tmp_path, (DOC, "b.style == 'heading3'", "b.style == 'heading9'")), nq21)
    assert "Mẫu không có nhánh cho khối “heading3” (b.style == 'heading3') mà đề cương “bao-cao-so-ket-nq21” cần." in [f.message for f in findings]


def test_every_problem_at_once(tmp_path, nq21):
    path = broken(tmp_path, (DOC, "{{ kind_title }}", "{{ kind_titel }}"), (DOC, "<w:t>{{ summary }}</w:t>", "<w:t>{{ sum</w:t></w:r><w:r><w:t>mary }}</w:t>"),
                  ("word/styles.xml", '<w:name w:val="DG Bullet 1"/>', '<w:name w:val="Bullet"/>'))
    found = set(codes(check_template(path, nq21)))
    assert {"template-undefined-name", "template-field-not-placed", "template-split-tag", "template-missing-style"} <= found


def test_unreadable_template(tmp_path, nq21):
    bad = tmp_path / "bad.docx"
    bad.write_text("không phải docx", encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        check_template(bad, nq21)
    assert caught.value.findings[0].code == "template-unreadable"


def test_cli(tmp_path, capsys):
    assert main(["template", "check", str(PARTY)]) == 0
    assert "0 lỗi, 0 cảnh báo" in capsys.readouterr().out
    path = broken(tmp_path, (DOC, "{{ kind_title }}", "{{ kind_titel }}"))
    assert main(["template", "check", str(path), "--outline", "bao-cao-so-ket-nq21"]) == 1
    assert "(template-undefined-name)" in capsys.readouterr().err
    assert main(["template", "check", str(tmp_path / "none.docx")]) == 2


def test_repaired_closes_inner_blocks_first_and_drops_stray_ends():
    from docgen.render.template_blocks import repaired

    assert repaired("{% for a in b %}{% if c %}x") == "{% for a in b %}{% if c %}x{% endif %}{% endfor %}"
    assert repaired("{% for a in b %}{% if c %}x{% endfor %}") == "{% for a in b %}{% if c %}x{% endif %}{% endfor %}"
    assert repaired("x{% endif %}{% set y = 1 %}") == "x{% set y = 1 %}"
