"""Outline authoring tools: diff in Vietnamese words, lint (numbering, duplicate ids, ids under existing content)."""

from __future__ import annotations

from pathlib import Path

from samples import MINIMAL_PARTY

from docgen.cli import main
from docgen.lint import lint_outline
from docgen.outline.load import load_outline
from docgen.outline.tools import diff_outlines

BASE = """\
id: thu
version: 1
name: Báo cáo thử
kind: BC
system: party
template: party.docx
sections:
  - id: mot
    number: "I."
    title: MỘT
    sections:
      - {id: mot-a, number: "1.", title: Việc A}
      - {id: mot-b, number: "2.", title: Việc B}
  - id: hai
    number: "II."
    title: HAI
"""


def outline_file(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_says_what_changed(tmp_path: Path):
    old = load_outline(outline_file(tmp_path, BASE, "old.yaml"))
    changed = (BASE.replace("title: Việc A", "title: Việc A mới")
               .replace('{id: mot-b, number: "2.", title: Việc B}', '{id: mot-c, number: "2.", title: Việc C}')
               .replace('    title: HAI\n', '    title: HAI\n    required: false\n    sections:\n      - {id: mot-b, number: "1.", title: Việc B}\n'))
    new = load_outline(outline_file(tmp_path, changed, "new.yaml"))
    assert diff_outlines(old, new) == [
        "Đổi tên mục I.1 [mot-a]: “Việc A” → “Việc A mới”.",
        "Thêm mục I.2 “Việc C” [mot-c].",
        "Mục II “HAI” nay không bắt buộc.",
        "Chuyển mục “Việc B” [mot-b] từ I.2 sang II.1 (thuộc II).",
    ]


def test_diff_recoded_reordered_and_dropped(tmp_path: Path):
    old = load_outline(outline_file(tmp_path, BASE, "old.yaml"))
    swapped = BASE.replace('{id: mot-a, number: "1.", title: Việc A}', "X").replace('{id: mot-b, number: "2.", title: Việc B}', "Y")
    swapped = swapped.replace("X", '{id: mot-b, number: "1.", title: Việc B}').replace("Y", '{id: mot-a2, number: "2.", title: Việc A}')
    swapped = swapped[: swapped.index("  - id: hai")]
    new = load_outline(outline_file(tmp_path, swapped, "new.yaml"))
    assert diff_outlines(old, new) == [
        "Đổi số thứ tự mục “Việc B” [mot-b] từ 2. thành 1.",
        "Đổi mã mục I.2 “Việc A”: “mot-a” → “mot-a2” (tệp nội dung dùng mã cũ sẽ lỗi).",
        "Bỏ mục II “HAI” [hai].",
    ]
    assert diff_outlines(old, old) == []


def test_lint_reports_numbering_and_duplicate_ids_together(tmp_path: Path):
    bad = BASE.replace('number: "2.", title: Việc B', 'number: "3.", title: Việc B').replace("id: hai", "id: mot")
    findings = lint_outline(outline_file(tmp_path, bad, "bad.yaml"))
    assert [(f.code, f.message) for f in findings] == [
        ("outline-numbering", "Số thứ tự “3.” không đúng; mong đợi “2.”."),
        ("duplicate-section-id", "Mã mục “mot” bị trùng với mục I (dòng 8)."),
    ]
    assert findings[0].location.line == 13


def test_lint_names_the_content_files_an_id_change_breaks(tmp_path: Path, nq21):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.yaml").write_text(MINIMAL_PARTY, encoding="utf-8")
    (content / "b.yaml").write_text(MINIMAL_PARTY.replace("  nguon-luc: Nguồn lực.\n", ""), encoding="utf-8")
    (content / "c.yaml").write_text("sections: [\n", encoding="utf-8")
    source = Path(nq21.file).read_text(encoding="utf-8").replace("id: nguon-luc\n", "id: bao-dam-nguon-luc\n")
    outline = outline_file(tmp_path, source, "bao-cao-so-ket-nq21.yaml")
    findings = lint_outline(outline, content)
    assert [(f.code, Path(f.location.file or "").name) for f in findings] == [
        ("lint-id-breaks-content", "a.yaml"), ("lint-unreadable-content", "c.yaml")]
    assert findings[0].message == ("Tệp nội dung “a.yaml” dùng mã mục “nguon-luc” mà đề cương “bao-cao-so-ket-nq21” không còn; "
                                   "có thể nay là “bao-dam-nguon-luc”.")
    assert findings[0].location.line == MINIMAL_PARTY.splitlines().index("  nguon-luc: Nguồn lực.") + 1


def test_cli(tmp_path: Path, capsys):
    good = outline_file(tmp_path, BASE, "good.yaml")
    assert main(["outline", "lint", str(good)]) == 0
    assert main(["outline", "lint", str(outline_file(tmp_path, BASE.replace('"2."', '"4."'), "bad.yaml"))]) == 1
    assert "(outline-numbering)" in capsys.readouterr().err
    assert main(["outline", "diff", str(good), str(good)]) == 0
    assert "Hai đề cương có cùng các mục" in capsys.readouterr().out
    assert main(["outline", "diff", str(good), str(tmp_path / "none.yaml")]) == 2
