"""Import of a generated document gives back its content; format rules pass on our documents and fire on broken ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Mm, Pt
from samples import PROJECT_ROOT

from docgen import pipeline
from docgen.cli import main
from docgen.content.report import load_report, parse_report
from docgen.pipeline import session
from docgen.read.conformance import RULES
from docgen.read.documents import check_read

PARTY = PROJECT_ROOT / "content" / "duc-trong.yaml"
STATE = PROJECT_ROOT / "content" / "ubnd-tinh-ke-hoach-dan-so.yaml"


def _build(content: Path, tmp_path: Path) -> Path:
    target = tmp_path / f"{content.stem}.docx"
    pipeline.build(content, target)
    return target


def _format_codes(path: Path, outline_id: str) -> list[str]:
    _, findings = check_read(path, session().outline(outline_id))
    return sorted({f.code for f in findings if f.code.startswith("format-")})


def test_import_gives_back_the_content(tmp_path):
    built = _build(PARTY, tmp_path)
    target = tmp_path / "imported.yaml"
    assert main(["import", str(built), "--outline", "bao-cao-so-ket-nq21", "-o", str(target)]) == 0
    original, back = load_report(PARTY), parse_report(target.read_text(encoding="utf-8"), "imported.yaml")
    for field in ("organ", "number", "place", "date", "summary", "opening", "closing", "recipients", "signer"):
        assert getattr(back, field) == getattr(original, field), field
    assert [(p.label, p.title, p.sections) for p in back.parts] == [(p.label, p.title, p.sections) for p in original.parts]
    assert set(back.sections) == set(original.sections) - {"bai-hoc-kinh-nghiem"} | {"them-bai-hoc-kinh-nghiem"}
    for key, answer in original.sections.items():
        again = back.sections["them-bai-hoc-kinh-nghiem" if key == "bai-hoc-kinh-nghiem" else key]
        assert again.blocks == answer.blocks, key
    # and it builds back into the same document text
    rebuilt = tmp_path / "rebuilt.docx"
    pipeline.build(target, rebuilt)
    texts = [[p.text for p in docx.Document(str(f)).paragraphs] for f in (built, rebuilt)]
    assert texts[0] == texts[1]


def test_import_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "c.yaml"
    target.write_text("x", encoding="utf-8")
    assert main(["import", str(_build(PARTY, tmp_path)), "--outline", "bao-cao-so-ket-nq21", "-o", str(target)]) == 2
    assert "không ghi đè" in capsys.readouterr().err


@pytest.mark.parametrize(("content", "outline_id"), [(PARTY, "bao-cao-so-ket-nq21"), (STATE, "ke-hoach-thuc-hien-nq-hdnd")])
def test_generated_documents_pass_every_format_rule(tmp_path, content, outline_id):
    assert _format_codes(_build(content, tmp_path), outline_id) == []


def _paragraphs(document: Any) -> list[Any]:
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += cell.paragraphs
    return found


def _retext(old: str, new: str) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        hits = [p for p in _paragraphs(document) if p.text == old]
        assert hits, old
        for paragraph in hits:
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = new
    return change


def _section_attr(name: str, value: Any) -> Callable[[Any], None]:
    return lambda document: setattr(document.sections[0], name, value)


def _font(document: Any) -> None:
    document.paragraphs[-1].add_run("chữ phông khác").font.name = "Arial"


def _body_size(document: Any) -> None:
    document.styles["DG Body"].font.size = Pt(12)
    document.styles["DG Bullet 1"].font.size = Pt(12)


def _mixing(document: Any) -> None:
    document.tables[0].rows[0].cells[1].add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


PARTY_BREAKS = [
    ("format-page-size", _section_attr("page_width", Mm(216))),
    ("format-margins", _section_attr("left_margin", Mm(25))),
    ("format-font", _font),
    ("format-body-size", _body_size),
    ("format-header-title", _retext("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN  VIỆT NAM")),
    ("format-header-mixing", _mixing),
    ("format-asterisk", _retext("*", "")),
    ("format-number-line", _retext("Số 184-BC/HU", "Số: 184-BC/HU")),
    ("format-date-line", _retext("Đức Trọng, ngày 05 tháng 8 năm 2022", "Đức Trọng, ngày 5 tháng 08 năm 2022")),
    ("format-kind", _retext("BÁO CÁO", "")),
    ("format-summary-separator", _retext("-----", "-------")),
    ("format-recipients-label", _retext("Nơi nhận:", "")),
    ("format-signature", lambda d: (_retext("T/M BAN THƯỜNG VỤ", "")(d), _retext("PHÓ BÍ THƯ", "")(d))),
]
STATE_BREAKS = [
    ("format-margins", _section_attr("right_margin", Mm(25))),
    ("format-body-size", _body_size),
    ("format-header-title", _retext("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc")),
    ("format-number-line", _retext("Số: 95/KH-UBND", "Số 95/KH-UBND")),
]


def _broken(content: Path, tmp_path: Path, change: Callable[[Any], None]) -> Path:
    path = _build(content, tmp_path)
    document = docx.Document(str(path))
    change(document)
    document.save(str(path))
    return path


@pytest.mark.parametrize(("code", "change"), PARTY_BREAKS, ids=[c for c, _ in PARTY_BREAKS])
def test_each_party_rule_fires(tmp_path, code, change):
    assert code in _format_codes(_broken(PARTY, tmp_path, change), "bao-cao-so-ket-nq21")


@pytest.mark.parametrize(("code", "change"), STATE_BREAKS, ids=[c for c, _ in STATE_BREAKS])
def test_each_state_rule_fires(tmp_path, code, change):
    assert code in _format_codes(_broken(STATE, tmp_path, change), "ke-hoach-thuc-hien-nq-hdnd")


def test_every_rule_is_exercised_and_has_a_source():
    assert {r.id for r in RULES} == {c for c, _ in PARTY_BREAKS} | {c for c, _ in STATE_BREAKS}
    assert all(r.source.startswith("format-standards §D") and r.expected for r in RULES)


def test_format_message_names_expected_value_and_source(tmp_path):
    path = _broken(PARTY, tmp_path, _retext("Số 184-BC/HU", "Số: 184-BC/HU"))
    _, findings = check_read(path, session().outline("bao-cao-so-ket-nq21"))
    [finding] = [f for f in findings if f.code == "format-number-line"]
    assert finding.message == ("Thể thức: dòng số viết “Số: 184-BC/HU”; yêu cầu “Số 184-BC/HU” (không có dấu hai chấm) "
                               "(nguồn: format-standards §D #17; HD36 điểm 1.3).")
    assert finding.location.line == 4
