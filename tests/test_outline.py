from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.core.errors import DocgenError
from docgen.outline.load import load_outline
from docgen.outline.locate import find_outline
from docgen.outline.model import format_tree


def test_bundled_outline_mirrors_the_de_cuong(nq21):
    assert (nq21.kind, nq21.system, nq21.template, nq21.kind_title) == ("BC", "party", "party.docx", "BÁO CÁO")
    assert [s.number for s in nq21.sections] == ["I.", "II.", "III.", "IV.", "V."]
    nhiem_vu = nq21.find("ket-qua-nhiem-vu")
    assert [c.number for c in nhiem_vu.children] == ["2.1.", "2.2.", "2.3.", "2.4.", "2.5.", "2.6.", "2.7."]
    assert nq21.find("hop-tac-quoc-te").ref == "II.2.7"
    assert nq21.find("hop-tac-quoc-te").title == "Tăng cường hợp tác quốc tế"
    assert [c.ref for c in nq21.find("danh-gia-chung").children] == ["III.1", "III.2", "III.3"]
    assert nq21.find("quan-triet").title.startswith("CÔNG TÁC QUÁN TRIỆT")  # seed typo "QUẢN" corrected
    assert any(c["printed"] == "QUẢN TRIỆT" for c in nq21.corrections)
    assert len(nq21.find("mang-luoi-dich-vu").guidance) == 4


def test_tree_lists_every_section_in_order(nq21):
    tree = format_tree(nq21).splitlines()
    assert tree[2].startswith("I. CÔNG TÁC QUÁN TRIỆT")
    assert "    2.7. Tăng cường hợp tác quốc tế  [hop-tac-quoc-te]" in tree
    assert tree[-1] == "V. ĐỀ XUẤT, KIẾN NGHỊ  [de-xuat-kien-nghi]"


def test_find_outline_by_id_and_missing():
    assert find_outline("bao-cao-so-ket-nq21").name == "bao-cao-so-ket-nq21.yaml"
    with pytest.raises(DocgenError) as caught:
        find_outline("khong-co")
    assert caught.value.findings[0].code == "outline-not-found"


BROKEN = """\
id: thu
version: 1
name: Thử
kind: BC
system: party
template: party.docx
colour: red
sections:
  - id: mot
    number: "I."
    title: MỘT
  - id: mot
    number: "III."
    title: HAI
    sections:
      - id: Hai-Mot
        number: "1."
        title: Con
        required: maybe
"""


def test_broken_outline_reports_every_problem_with_its_line(write: Callable[..., Path]):
    with pytest.raises(DocgenError) as caught:
        load_outline(write(BROKEN, "outlines/thu.yaml"))
    found = {(f.code, f.location.line) for f in caught.value.findings}
    assert found == {
        ("unknown-key", 7),
        ("outline-numbering", 13),
        ("outline-invalid-id", 16),
        ("outline-invalid-required", 19),
        ("duplicate-section-id", 12),
    }
    numbering = next(f for f in caught.value.findings if f.code == "outline-numbering")
    assert numbering.message == "Số thứ tự “III.” không đúng; mong đợi “II.”."
    assert numbering.location.file.endswith("outlines/thu.yaml")


def test_kind_must_belong_to_the_system(write: Callable[..., Path]):
    text = BROKEN.replace("kind: BC", "kind: QyĐ").replace("colour: red\n", "")
    with pytest.raises(DocgenError) as caught:
        load_outline(write(text, "outlines/thu.yaml"))
    kind = next(f for f in caught.value.findings if f.code == "outline-invalid-kind")
    assert kind.location.line == 4
    assert kind.message == "Loại văn bản “QyĐ” không có trong bảng chữ viết tắt của văn bản của Đảng."


def test_missing_template_is_reported(write: Callable[..., Path]):
    text = "id: thu\nversion: 1\nname: Thử\nkind: BC\nsystem: state\ntemplate: khong-co.docx\nsections:\n  - {id: mot, number: 'I.', title: MỘT}\n"
    with pytest.raises(DocgenError) as caught:
        load_outline(write(text, "outlines/thu.yaml"))
    assert [(f.code, f.location.line) for f in caught.value.findings] == [("template-not-found", 6)]
