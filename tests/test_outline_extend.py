"""`extends:` outlines: a province's đề cương written as changes to the central one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docx_view import body, open_docx
from samples import PROJECT_ROOT

from docgen import pipeline
from docgen.core.errors import DocgenError
from docgen.outline.load import load_outline
from docgen.outline.locate import find_outline
from docgen.outline.model import Outline

HEAD = """\
id: tinh-thu
version: 1
extends: {parent}
name: Đề cương của tỉnh
"""


@pytest.fixture
def extend(write: Callable[..., Path]) -> Callable[..., Path]:
    """Write an outline that extends the bundled NQ21 review outline with the given `changes` text."""
    def _extend(changes: str, parent: str = "bao-cao-so-ket-nq21", name: str = "outlines/tinh-thu.yaml") -> Path:
        return write(HEAD.format(parent=parent) + changes, name)
    return _extend


def refs(outline: Outline) -> list[tuple[str, str, str]]:
    return [(s.ref, s.id, s.title) for s in outline.walk()]


def test_bundled_lam_dong_outline_applies_each_change(nq21):
    lam_dong = load_outline(find_outline("bao-cao-so-ket-nq21-lam-dong"))
    assert (lam_dong.kind, lam_dong.system, lam_dong.template, lam_dong.profile) == (nq21.kind, nq21.system, nq21.template, nq21.profile)
    nhiem_vu = lam_dong.find("ket-qua-nhiem-vu")
    assert [c.id for c in nhiem_vu.children][-1] == "chuyen-doi-so"
    assert lam_dong.find("chuyen-doi-so").ref == "II.2.7"  # took the number of the dropped section
    assert lam_dong.find("hop-tac-quoc-te") is None
    assert lam_dong.find("nguon-luc").title == "Bảo đảm nguồn lực, nhân lực cho công tác dân số"
    assert [c.id for c in lam_dong.find("danh-gia-chung").children] == ["ket-qua-noi-bat", "nguyen-nhan", "han-che"]
    assert [c.ref for c in lam_dong.find("danh-gia-chung").children] == ["III.1", "III.2", "III.3"]
    assert lam_dong.find("quan-triet-kiem-tra").required and not nq21.find("quan-triet-kiem-tra").required
    # everything not changed is inherited as it is, guidance included
    assert lam_dong.find("tuyen-truyen").guidance == nq21.find("tuyen-truyen").guidance
    assert not any(c.get("section") == "hop-tac-quoc-te" for c in lam_dong.corrections)


def test_content_checked_and_built_against_the_extended_outline(minimal, tmp_path):
    content = minimal(
        ("outline: bao-cao-so-ket-nq21", "outline: bao-cao-so-ket-nq21-lam-dong"),
        ("  hop-tac-quoc-te: Hợp tác.\n", "  chuyen-doi-so: Số hóa dữ liệu dân cư.\n"),
    )
    findings = pipeline.check(content)
    assert [f.code for f in findings if f.severity.value == "error"] == []
    target = tmp_path / "out.docx"
    pipeline.build(content, target)
    texts = [p.text for p in body(open_docx(target))]
    assert "2.7. Ứng dụng chuyển đổi số trong công tác dân số" in texts
    assert "2.5. Bảo đảm nguồn lực, nhân lực cho công tác dân số" in texts
    assert not any("hợp tác quốc tế" in t.lower() for t in texts)


def test_answer_to_a_dropped_section_is_unknown_there(minimal):
    content = minimal(("outline: bao-cao-so-ket-nq21", "outline: bao-cao-so-ket-nq21-lam-dong"))
    codes = {f.code: f for f in pipeline.check(content)}
    assert "unknown-section" in codes and "hop-tac-quoc-te" in codes["unknown-section"].message
    assert "missing-section" in codes and codes["missing-section"].location.section == "II.2.7"


def test_add_before_and_at_the_top_level(extend):
    outline = load_outline(extend("""\
        changes:
          - add: {id: boi-canh, title: BỐI CẢNH}
            before: quan-triet
          - add: {id: phu-luc-so-lieu, title: PHỤ LỤC SỐ LIỆU}
        """.replace("        ", "")))
    tops = [(s.number, s.id) for s in outline.sections]
    assert tops[0] == ("I.", "boi-canh") and tops[1] == ("II.", "quan-triet") and tops[-1] == ("VII.", "phu-luc-so-lieu")
    assert outline.find("hop-tac-quoc-te").ref == "III.2.7"  # numbers recomputed below the moved top level


def test_unknown_target_names_the_line_and_suggests(extend):
    path = extend("changes:\n  - drop: hop-tac-quoc-tee\n  - rename: {id: nguon-luc, title: X}\n  - frobnicate: x\n")
    with pytest.raises(DocgenError) as caught:
        load_outline(path)
    found = [(f.code, f.location.line, Path(f.location.file).name) for f in caught.value.findings]
    assert found == [("outline-unknown-change-target", 6, "tinh-thu.yaml"), ("outline-unknown-change", 8, "tinh-thu.yaml")]
    assert "có phải “hop-tac-quoc-te”?" in caught.value.findings[0].message


def test_bad_changes_are_each_reported(extend):
    path = extend("""\
changes:
  - add: {id: ket-qua, title: Trùng mã}
  - add: {id: moi, title: Mới, number: "9."}
  - move: {id: ket-qua}
  - move: {id: ket-qua, under: ket-qua-nhiem-vu}
  - require: {id: han-che, required: perhaps}
  - drop: {id: han-che}
  - {drop: han-che, rename: {id: ket-qua, title: X}}
""")
    with pytest.raises(DocgenError) as caught:
        load_outline(path)
    found = [(f.code, f.location.line) for f in caught.value.findings]
    assert found == [
        ("duplicate-section-id", 6),
        ("outline-change-number", 7),
        ("outline-invalid-change", 8),
        ("outline-invalid-change", 9),
        ("outline-invalid-change", 10),
        ("outline-invalid-change", 11),
        ("outline-invalid-change", 12),
    ]
    assert "vào chính nó" in caught.value.findings[3].message


def test_changes_apply_in_order(extend):
    # renaming a section added by an earlier change works; dropping it twice does not
    path = extend("""\
changes:
  - add: {id: moi, title: Mới}
    under: danh-gia-chung
  - rename: {id: moi, title: Mới hơn}
  - drop: moi
  - drop: moi
""")
    with pytest.raises(DocgenError) as caught:
        load_outline(path)
    assert [(f.code, f.location.line) for f in caught.value.findings] == [("outline-unknown-change-target", 10)]


def test_missing_parent_and_cycles_stop_with_a_clear_error(extend, write):
    with pytest.raises(DocgenError) as caught:
        load_outline(extend("changes: []\n", parent="khong-co"))
    assert [(f.code, f.location.line) for f in caught.value.findings] == [("outline-extends-not-found", 3)]

    write("id: a\nversion: 1\nextends: b\n", "outlines/a.yaml")
    write("id: b\nversion: 1\nextends: a\n", "outlines/b.yaml")
    with pytest.raises(DocgenError) as caught:
        load_outline(write("id: a\nversion: 1\nextends: b\n", "outlines/a.yaml"))
    cycle = caught.value.findings[0]
    assert cycle.code == "outline-extends-cycle" and "a.yaml → b.yaml → a.yaml" in cycle.message


def test_a_chain_of_extends(extend, write):
    extend("changes:\n  - drop: hop-tac-quoc-te\n")
    grandchild = write("id: xa-thu\nversion: 1\nextends: tinh-thu\nchanges:\n  - drop: to-chuc-bo-may\n", "outlines/xa-thu.yaml")
    outline = load_outline(grandchild)
    ids = [c.id for c in outline.find("ket-qua-nhiem-vu").children]
    assert "hop-tac-quoc-te" not in ids and "to-chuc-bo-may" not in ids and len(ids) == 5
    assert outline.name == "Đề cương của tỉnh"  # inherited from the middle outline


def test_inherited_sections_point_at_the_parent_file(extend):
    # a problem in a section added here points here; the parent's own lines still point at the parent
    outline = load_outline(extend("changes:\n  - drop: han-che\n"))
    section = outline.find("nguyen-nhan")
    parent = load_outline(PROJECT_ROOT / "outlines" / "bao-cao-so-ket-nq21.yaml").find("nguyen-nhan")
    assert section.line == parent.line
