"""`docgen fix`: a report written by hand rebuilt in the official template, every word kept, every
format finding gone, what changed told rule by rule; a report whose structure is uncertain refused."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from samples import PROJECT_ROOT
from test_reader import _handmade

from docgen import pipeline
from docgen.cli import main
from docgen.core.vietnamese import nfc
from docgen.pipeline import session
from docgen.read.documents import check_read
from docgen.read.format_rules import RULES

OUTLINE = "bao-cao-so-ket-nq21"
RULE_IDS = {r.id for r in RULES}


def all_text(path: Path) -> str:
    """Every paragraph of the document, tables included, whitespace collapsed."""
    element = docx.Document(str(path)).element.body
    texts = [Paragraph(p, None).text for p in element.iter(qn("w:p"))]
    return " ".join(" ".join(nfc(t).split()) for t in texts if t.strip())


def words(path: Path) -> list[str]:
    return sorted(re.findall(r"\w+", all_text(path).casefold()))


def format_codes(path: Path) -> set[str]:
    _, findings = check_read(path, session().outline(OUTLINE))
    return {f.code for f in findings if f.code in RULE_IDS}


def in_order(path: Path) -> Path:
    """The reader's hand-made report (header in a table, manual bold, typed numbers, Word's default
    font and sizes), its sections put in the outline's order."""
    _handmade(path)
    document = docx.Document(str(path))
    body = document.element.body
    paragraphs = {p.text: p._p for p in document.paragraphs}
    kept_after = paragraphs["Đã kiểm tra."]
    for text in ("II. KẾT QUẢ ĐẠT ĐƯỢC", "1. Kết quả", ""):
        moved = paragraphs[text]
        body.remove(moved)
        kept_after.addnext(moved)
        kept_after = moved
    document.save(str(path))
    return path


def test_handmade_report_is_rebuilt_with_every_word_and_no_format_finding(tmp_path, capsys):
    source, target = in_order(tmp_path / "bao-cao.docx"), tmp_path / "chuan-hoa.docx"
    before = format_codes(source)
    assert {"format-font", "format-page-size", "format-date-style", "format-title-rule"} <= before
    assert main(["fix", str(source), "--outline", OUTLINE, "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Đã tạo {target}. Thay đổi theo từng quy tắc thể thức:")
    for code in before:
        assert re.search(rf"^  {code} \(.+\): \d+ phát hiện, đã sửa$", out, re.MULTILINE), code
    assert "format-title-rule (Đường kẻ dưới tiêu đề)" in out  # the Party rule's name, not the State one's
    assert format_codes(target) == set()
    source_words, fixed_words = words(source), words(target)
    assert not [w for w in source_words if w not in fixed_words]
    assert all(source_words.count(w) <= fixed_words.count(w) for w in set(source_words))


def test_body_text_is_kept_paragraph_by_paragraph(tmp_path, capsys):
    """A generated report changed by hand (sizes, italics, spacing) comes back with the same body text."""
    built = tmp_path / "duc-trong.docx"
    pipeline.build(PROJECT_ROOT / "content" / "duc-trong.yaml", built)
    document = docx.Document(str(built))
    for paragraph in document.paragraphs:
        if paragraph.style.name == "DG Body":
            for run in paragraph.runs:
                run.font.size, run.font.italic = Pt(12), True
    document.styles["DG Date"].font.italic = False
    document.save(str(built))
    assert {"format-body-size", "format-date-style"} <= format_codes(built)
    target = tmp_path / "chuan-hoa.docx"
    assert main(["fix", str(built), "--outline", OUTLINE, "-o", str(target)]) == 0
    assert format_codes(target) == format_codes(built) - {"format-body-size", "format-date-style"}  # the words' own slips stay
    assert {"mixed-tone-marks", "capitalisation"} <= format_codes(target)
    body = [(p.style.name, " ".join(p.text.split())) for p in docx.Document(str(target)).paragraphs]
    original = [(p.style.name, " ".join(p.text.split())) for p in docx.Document(str(built)).paragraphs]
    assert body == original
    out = capsys.readouterr().out
    assert "  format-body-size (Cỡ chữ nội dung): 1 phát hiện, đã sửa" in out
    assert "  capitalisation (Viết hoa): 1 phát hiện, lời văn giữ nguyên, tác giả cần tự sửa" in out


def test_uncertain_structure_is_refused_unless_forced(tmp_path, capsys):
    source, target = _handmade(tmp_path / "bao-cao.docx"), tmp_path / "chuan-hoa.docx"  # III before II
    assert main(["fix", str(source), "--outline", OUTLINE, "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "lỗi: không chuẩn hóa" in err and "các mục không theo thứ tự đề cương" in err and "--force" in err
    assert not target.exists()
    assert main(["fix", str(source), "--outline", OUTLINE, "-o", str(target), "--force"]) == 0
    assert format_codes(target) == set()


def test_a_document_without_its_header_is_refused(tmp_path, capsys):
    source = tmp_path / "khong-dau.docx"
    document = docx.Document()
    for text in ("I. CÔNG TÁC QUÁN TRIỆT", "Đã học tập."):
        document.add_paragraph(text)
    document.save(str(source))
    assert main(["fix", str(source), "--outline", OUTLINE, "-o", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err
    for reason in ("không nhận ra tên loại văn bản", "không nhận ra ngày ban hành", "không nhận ra họ tên người ký"):
        assert reason in err


@pytest.mark.parametrize("name", ["bao-cao.txt", "bao-cao.pdf"])
def test_only_word_documents_are_fixed(tmp_path, capsys, name):
    source = tmp_path / name
    source.write_text("BÁO CÁO", encoding="utf-8")
    assert main(["fix", str(source), "--outline", OUTLINE, "-o", str(tmp_path / "x.docx")]) == 2
    assert "docgen fix nhận văn bản Word (.docx, .doc), OpenDocument (.odt) hoặc RTF (.rtf)." in capsys.readouterr().err


@pytest.mark.slow
def test_an_odt_report_is_fixed_through_libreoffice(tmp_path, capsys):
    """The reader takes .doc/.odt/.rtf through LibreOffice; so does fix: the same words, no format finding left."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("needs LibreOffice")
    from docgen.read import office

    (tmp_path / "odt").mkdir()
    source = in_order(tmp_path / "odt" / "bao-cao.docx")
    [made] = office.convert([source], target="odt")
    assert made is not None and made.suffix == ".odt"
    target = tmp_path / "chuan-hoa.docx"
    assert main(["fix", str(made), "--outline", OUTLINE, "-o", str(target)]) == 0
    assert "format-font (Phông chữ): 1 phát hiện, đã sửa" in capsys.readouterr().out
    assert format_codes(target) == set()
    assert not [w for w in words(source) if w not in words(target)]


def test_an_existing_output_is_not_overwritten(tmp_path, capsys):
    source, target = in_order(tmp_path / "bao-cao.docx"), tmp_path / "chuan-hoa.docx"
    shutil.copy(source, target)
    assert main(["fix", str(source), "--outline", OUTLINE, "-o", str(target)]) == 2
    assert "không ghi đè" in capsys.readouterr().err
