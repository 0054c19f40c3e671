"""The format rulebook: each rule fires on a document that breaks it, and only it, and stays silent
on our own documents and on allowed variations. Documents are our generated reports changed in
code with python-docx, the way a secretary would change them in Word (direct formatting or the
style), so that what is judged is what Word shows."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from samples import PROJECT_ROOT

from docgen import pipeline
from docgen.pipeline import session
from docgen.read.documents import check_read
from docgen.read.format_rules import RULES

PARTY = PROJECT_ROOT / "content" / "duc-trong.yaml"  # a real report: its author's slips in words are kept
PARTY_CLEAN = PROJECT_ROOT / "content" / "phuong-mau-party.yaml"
STATE = PROJECT_ROOT / "content" / "ubnd-tinh-ke-hoach-dan-so.yaml"
PARTY_PLAN = PROJECT_ROOT / "content" / "hai-duong-ke-hoach-so-ket-nq21.yaml"  # with an appendix
OUTLINES = {PARTY: "bao-cao-so-ket-nq21", PARTY_CLEAN: "bao-cao-so-ket-nq21", STATE: "ke-hoach-thuc-hien-nq-hdnd",
            PARTY_PLAN: "ke-hoach-so-ket-nq21"}
RULE_IDS = {r.id for r in RULES}
Change = Callable[[Any], None]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    folder = tmp_path_factory.mktemp("built")
    made = {}
    for content in OUTLINES:
        made[content] = folder / f"{content.stem}.docx"
        pipeline.build(content, made[content])
    return made


def rule_codes(path: Path, outline_id: str) -> set[str]:
    _, findings = check_read(path, session().outline(outline_id))
    return {f.code for f in findings if f.code in RULE_IDS}


def broken(built: dict[Path, Path], content: Path, tmp_path: Path, change: Change) -> Path:
    path = tmp_path / "broken.docx"
    shutil.copy(built[content], path)
    document = docx.Document(str(path))
    change(document)
    document.save(str(path))
    return path


# ------------------------------------------------------------------ how a document gets broken


def paragraphs(document: Any) -> list[Any]:
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += cell.paragraphs
                for inner in cell.tables:
                    found += [p for r in inner.rows for c in r.cells for p in c.paragraphs]
    return found


def find(document: Any, start: str) -> Any:
    hits = [p for p in paragraphs(document) if p.text.startswith(start)]
    assert hits, start
    return hits[0]


def retext(old: str, new: str) -> Change:
    def change(document: Any) -> None:
        hits = [p for p in paragraphs(document) if p.text == old]
        assert hits, old
        for paragraph in hits:
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = new
    return change


def runs(start: str, **font: Any) -> Change:
    """Direct formatting on every run of the paragraph starting with `start`."""
    def change(document: Any) -> None:
        for run in find(document, start).runs:
            for name, value in font.items():
                setattr(run.font, name, value)
    return change


def paragraph_format(start: str, **settings: Any) -> Change:
    def change(document: Any) -> None:
        for name, value in settings.items():
            setattr(find(document, start).paragraph_format, name, value)
    return change


def style_font(style: str, **font: Any) -> Change:
    def change(document: Any) -> None:
        for name, value in font.items():
            setattr(document.styles[style].font, name, value)
    return change


def style_format(style: str, **settings: Any) -> Change:
    def change(document: Any) -> None:
        for name, value in settings.items():
            setattr(document.styles[style].paragraph_format, name, value)
    return change


def no_rule(style: str) -> Change:
    def change(document: Any) -> None:
        ppr = document.styles[style].element.find(qn("w:pPr"))
        ppr.remove(ppr.find(qn("w:pBdr")))
    return change


def add_text(start: str, text: str) -> Change:
    """Words typed at the end of a paragraph, in its last run's formatting."""
    def change(document: Any) -> None:
        find(document, start).runs[-1].text += text
    return change


def section(name: str, value: Any) -> Change:
    return lambda document: setattr(document.sections[0], name, value)


def insert_before_body(document: Any, text: str, **font: Any) -> None:
    first = next(p for p in document.paragraphs if p.style.name == "DG Body")
    added = first.insert_paragraph_before(text, style=first.style)
    for run in added.runs:
        for name, value in font.items():
            setattr(run.font, name, value)


def addressee(italic: bool, as_above: bool = True) -> Change:
    """A "Kính gửi" line before the body and, unless told otherwise, "- Như trên" first in Nơi nhận."""
    def change(document: Any) -> None:
        insert_before_body(document, "Kính gửi: Ban Thường vụ Tỉnh ủy Lâm Đồng", italic=italic)
        if as_above:
            item = next(p for p in paragraphs(document) if p.style.name == "DG Recipients" and p.text.startswith("- "))
            item.insert_paragraph_before("- Như trên" + item.text[-1], style=item.style)
    return change


def basis(italic: bool) -> Change:
    """Two State căn cứ lines before the body (each inserted before the first body paragraph: last one first)."""
    def change(document: Any) -> None:
        insert_before_body(document, "Căn cứ Nghị quyết số 04/2021/NQ-HĐND ngày 26/02/2021 của Hội đồng nhân dân tỉnh.", italic=italic)
        insert_before_body(document, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", italic=italic)
    return change


def split_symbol(document: Any) -> None:
    """A số ký hiệu broken across two paragraphs, as a copy from a PDF leaves it: "16-KH/" then "TU của …"."""
    closing = find(document, "Trên đây là báo cáo")
    for text in ("Thực hiện Kế hoạch số 16-KH/", "TU của Ban Thường vụ Thành ủy về công tác dân số trong tình hình mới."):
        closing.insert_paragraph_before(text, style=closing.style)


def header_mixing(document: Any) -> None:
    find(document, "ĐẢNG CỘNG SẢN").insert_paragraph_before("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def no_signature(document: Any) -> None:
    retext("T/M BAN THƯỜNG VỤ", "")(document)
    retext("PHÓ BÍ THƯ", "")(document)


BODY = "Qua thực tiễn công tác lãnh đạo"  # a body paragraph of the Party report
STATE_BODY = "Trên đây là kế hoạch"
PARTY_BREAKS: list[tuple[str, Change]] = [
    ("format-page-size", section("page_width", Mm(216))),
    ("format-margins", section("left_margin", Mm(25))),
    ("format-font", runs(BODY, name="Arial")),
    ("format-colour", lambda d: setattr(find(d, BODY).runs[0].font.color, "rgb", RGBColor(0xC0, 0, 0))),
    ("format-page-numbers", section("different_first_page_header_footer", False)),
    ("format-header-title", retext("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN  VIỆT NAM")),
    ("format-title-style", style_font("DG Party Title", size=Pt(13))),
    ("format-title-rule", style_font("DG Party Title", underline=False)),
    ("format-header-mixing", header_mixing),
    ("format-organ-parent-style", runs("ĐẢNG BỘ TỈNH LÂM ĐỒNG", bold=True)),
    ("format-organ-style", style_font("DG Organ", bold=False)),
    ("format-asterisk", retext("*", "")),
    ("format-number-line", retext("Số 184-BC/HU", "Số: 184-BC/HU")),
    ("format-number-style", runs("Số 184-BC/HU", italic=True)),
    ("format-date-line", retext("Đức Trọng, ngày 05 tháng 8 năm 2022", "Đức Trọng, ngày 5 tháng 08 năm 2022")),
    ("format-date-style", style_font("DG Date", italic=False)),
    ("format-kind-style", style_font("DG Kind", size=Pt(14))),
    ("format-summary-style", paragraph_format("Sơ kết 05 năm", alignment=WD_ALIGN_PARAGRAPH.LEFT)),
    ("format-summary-separator", retext("-----", "-------")),
    ("format-body-size", runs(BODY, size=Pt(12))),
    ("format-body-alignment", paragraph_format(BODY, alignment=WD_ALIGN_PARAGRAPH.LEFT)),
    ("format-body-indent", paragraph_format(BODY, first_line_indent=Cm(2))),
    ("format-paragraph-spacing", style_format("DG Body", space_after=Pt(0))),
    ("format-line-spacing", paragraph_format(BODY, line_spacing=2.0)),
    ("format-heading-consistency", runs("2.3. Hoàn thiện", italic=False)),
    ("format-part-lines", paragraph_format("Phần thứ ba", alignment=WD_ALIGN_PARAGRAPH.LEFT)),
    ("format-addressee-style", addressee(italic=False)),
    ("format-recipients-label", retext("Nơi nhận:", "")),
    ("format-recipients-label-style", runs("Nơi nhận:", bold=True)),
    ("format-recipients-style", style_font("DG Recipients", size=Pt(14))),
    ("format-signature", no_signature),
    ("format-authority-style", runs("T/M BAN THƯỜNG VỤ", bold=False)),
    ("format-position-style", runs("PHÓ BÍ THƯ", bold=True)),
    ("format-signer-style", style_font("DG Signer Name", bold=False)),
]
CLEAN_BREAKS: list[tuple[str, Change]] = [
    ("misplaced-space", add_text("Trên đây là báo cáo", " Kết quả tốt ,")),
    ("mixed-dashes", add_text("Trên đây là báo cáo", " Các tổ chức chính trị – xã hội.")),
    ("capitalisation", add_text("Trên đây là báo cáo", " Ban chấp hành Trung ương.")),
    ("mixed-tone-marks", add_text("Trên đây là báo cáo", " Văn hoá.")),
    ("post-reform-name", retext("- Thường trực Đảng ủy phường,", "- Thường trực Huyện ủy,")),
    ("abbreviation-first-use", add_text("Trên đây là báo cáo", " Công tác DS-KHHGĐ được quan tâm.")),
]
STATE_BREAKS: list[tuple[str, Change]] = [
    ("format-margins", section("right_margin", Mm(25))),
    ("format-header-title", retext("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc")),
    ("format-title-style", runs("CỘNG HÒA XÃ HỘI", bold=False)),
    ("format-motto-style", style_font("DG Motto", size=Pt(15))),
    ("format-title-rule", no_rule("DG Motto Rule")),
    ("format-organ-style", style_font("DG Organ", size=Pt(14))),
    ("format-organ-rule", no_rule("DG Organ Rule")),
    ("format-number-line", retext("Số: 95/KH-UBND", "Số 95/KH-UBND")),
    ("format-number-style", style_font("DG Number", size=Pt(14))),
    ("format-date-style", runs("Thừa Thiên Huế, ngày", italic=False)),
    ("format-kind", retext("KẾ HOẠCH", "")),
    ("format-kind-style", paragraph_format("KẾ HOẠCH", alignment=WD_ALIGN_PARAGRAPH.LEFT)),
    ("format-summary-style", runs("Thực hiện Nghị quyết số 04/2021/NQ-HĐND ngày 26/02/2021\n", italic=True)),
    ("format-summary-rule", no_rule("DG Separator")),
    ("format-body-size", style_font("DG Body", size=Pt(12))),
    ("format-body-indent", paragraph_format(STATE_BODY, first_line_indent=Cm(0))),
    ("format-line-spacing", paragraph_format(STATE_BODY, line_spacing=0.8)),
    ("format-addressee-style", addressee(italic=True)),
    ("format-recipients-label-style", runs("Nơi nhận:", italic=False)),
    ("format-recipients-style", style_font("DG Recipients", size=Pt(12))),
    ("format-position-style", runs("KT. CHỦ TỊCH", bold=False)),
    ("format-signer-style", runs("Nguyễn Thanh Bình", size=Pt(12))),
    ("format-basis-lines", basis(italic=False)),
    ("format-as-above", addressee(italic=False, as_above=False)),
]
PLAN_BREAKS: list[tuple[str, Change]] = [
    ("format-appendix", runs("(kèm theo Kế hoạch", italic=False)),
]
ALLOWED: list[tuple[Path, Change]] = [  # variations the texts allow: no finding
    (STATE, lambda d: [style_font(s, size=Pt(13))(d) for s in ("DG Body", "DG Bullet 1", "DG Bullet 2")]),
    (STATE, style_format("DG Body", first_line_indent=Cm(1.27))),
    (STATE, style_format("DG Body", line_spacing=1.5)),
    (PARTY, style_format("DG Body", line_spacing=Pt(22))),
    (PARTY, style_font("DG Summary", size=Pt(15))),
    (PARTY, section("left_margin", Mm(30.4))),
    (PARTY_CLEAN, addressee(italic=True)),
    (STATE, basis(italic=True)),
    (PARTY_CLEAN, add_text("Trên đây là báo cáo", " Công tác dân số - kế hoạch hóa gia đình (DS-KHHGĐ) được quan tâm; DS-KHHGĐ là trọng tâm.")),
    (PARTY_CLEAN, add_text("Trên đây là báo cáo", " Ủy ban nhân dân (sau đây gọi tắt là UBND) phường; Ban Chỉ đạo (BCĐ), BCĐ họp.")),
    (PARTY_CLEAN, add_text("Trên đây là báo cáo", " UBND, HĐND, Ủy ban MTTQ phường, vốn FDI, ODA; Kế hoạch số 16-KH/TU, phần II, mục IV.")),
    (PARTY_CLEAN, split_symbol),
]


def _ids(breaks: list[tuple[str, Change]]) -> list[str]:
    return [code for code, _ in breaks]


@pytest.mark.parametrize(("code", "change"), PARTY_BREAKS, ids=_ids(PARTY_BREAKS))
def test_each_party_rule_fires_alone(built, tmp_path, code, change):
    before = rule_codes(built[PARTY], OUTLINES[PARTY])
    assert rule_codes(broken(built, PARTY, tmp_path, change), OUTLINES[PARTY]) - before == {code}


@pytest.mark.parametrize(("code", "change"), CLEAN_BREAKS, ids=_ids(CLEAN_BREAKS))
def test_each_text_rule_fires_alone(built, tmp_path, code, change):
    assert rule_codes(broken(built, PARTY_CLEAN, tmp_path, change), OUTLINES[PARTY_CLEAN]) == {code}


@pytest.mark.parametrize(("code", "change"), STATE_BREAKS, ids=_ids(STATE_BREAKS))
def test_each_state_rule_fires_alone(built, tmp_path, code, change):
    before = rule_codes(built[STATE], OUTLINES[STATE])
    assert rule_codes(broken(built, STATE, tmp_path, change), OUTLINES[STATE]) - before == {code}


@pytest.mark.parametrize(("code", "change"), PLAN_BREAKS, ids=_ids(PLAN_BREAKS))
def test_each_plan_rule_fires_alone(built, tmp_path, code, change):
    before = rule_codes(built[PARTY_PLAN], OUTLINES[PARTY_PLAN])
    assert rule_codes(broken(built, PARTY_PLAN, tmp_path, change), OUTLINES[PARTY_PLAN]) - before == {code}


@pytest.mark.parametrize(("content", "change"), ALLOWED)
def test_allowed_variations_draw_no_finding(built, tmp_path, content, change):
    assert rule_codes(broken(built, content, tmp_path, change), OUTLINES[content]) == rule_codes(built[content], OUTLINES[content])


def letter(path: Path, system: str, summary: str, size: float = 12, italic: bool = False, number: str = "") -> Path:
    """A công văn as typed in Word: header in a table, the trích yếu under the number, Kính gửi, one paragraph, the tail."""
    document = docx.Document()
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    state = system == "state"
    header = ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", number or "Số: 123/UBND-VX"] if state else \
        ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "ĐẢNG ỦY XÃ ĐẠ HUOAI", "*", number or "Số 45-CV/ĐU"]
    left.paragraphs[0].text = header[0]
    for text in header[1:]:
        left.add_paragraph(text)
    under = left.add_paragraph()
    under.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = under.add_run(summary)
    run.font.size, run.italic = Pt(size), italic
    right.paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if state else "ĐẢNG CỘNG SẢN VIỆT NAM"
    for text in (["Độc lập - Tự do - Hạnh phúc"] if state else []) + ["Đạ Huoai, ngày 05 tháng 8 năm 2025"]:
        right.add_paragraph(text)
    document.add_paragraph("Kính gửi: Các chi bộ trực thuộc")
    document.add_paragraph("Thực hiện kế hoạch của cấp trên, đề nghị các chi bộ báo cáo kết quả thực hiện trước ngày 15/8/2025.")
    signs, tail = document.add_table(rows=1, cols=2).rows[0].cells
    signs.paragraphs[0].text = "Nơi nhận:"
    signs.add_paragraph("- Như trên,")
    tail.paragraphs[0].text = "TM. ỦY BAN NHÂN DÂN" if state else "T/M BAN THƯỜNG VỤ"
    tail.add_paragraph("Lê Văn An")
    document.save(str(path))
    return path


LETTER_OUTLINES = {"state": "ke-hoach-thuc-hien-nq-hdnd", "party": "bao-cao-so-ket-nq21"}
LETTER_CODES = {"format-letter-summary", "format-letter-summary-style", "format-kind", "format-summary-separator"}
V_V = "V/v báo cáo kết quả thực hiện Nghị quyết"
PLAIN = "Báo cáo kết quả thực hiện Nghị quyết"
LETTER_BREAKS = [  # system, trích yếu, size, italic, number (the usual one if empty), the one code expected
    ("state", PLAIN, 12, False, "", "format-letter-summary"),
    ("state", V_V, 12, True, "", "format-letter-summary-style"),
    ("state", V_V, 14, False, "", "format-letter-summary-style"),
    ("party", V_V, 12, True, "", "format-letter-summary"),
    ("party", PLAIN, 12, False, "", "format-letter-summary-style"),
    ("party", PLAIN, 13, True, "", "format-letter-summary-style"),
]
LETTER_KEPT = [
    ("state", V_V, 12, False, "", None),
    ("state", V_V, 13, False, "", None),
    ("state", V_V, 13, False, "Số: 123/UBND", None),  # a number the rules cannot parse: the "V/v" line tells it is a công văn
    ("party", PLAIN, 12, True, "", None),
]


@pytest.mark.parametrize(("system", "summary", "size", "italic", "number", "code"), LETTER_BREAKS + LETTER_KEPT)
def test_a_cong_van_summary_is_judged_per_system(tmp_path, system, summary, size, italic, number, code):
    """#23: State "V/v …" upright 12–13; Party italic 12 without "V/v"; a công văn draws no missing kind nor "-----"."""
    path = letter(tmp_path / "cong-van.docx", system, summary, size, italic, number)
    assert rule_codes(path, LETTER_OUTLINES[system]) & LETTER_CODES == ({code} if code else set())


def test_a_report_without_its_kind_line_is_not_taken_for_a_cong_van(tmp_path):
    path = letter(tmp_path / "bao-cao.docx", "state", PLAIN, number="Số: 95/KH-UBND")  # a kind in the number: a plan lost its title
    assert rule_codes(path, LETTER_OUTLINES["state"]) & LETTER_CODES == {"format-kind"}


def test_every_rule_is_exercised():
    exercised = set(_ids(PARTY_BREAKS)) | set(_ids(CLEAN_BREAKS)) | set(_ids(STATE_BREAKS)) | set(_ids(PLAN_BREAKS))
    exercised |= {case[-1] for case in LETTER_BREAKS}
    assert exercised == RULE_IDS


def test_every_rule_names_its_source_in_the_official_text():
    for rule in RULES:
        assert rule.expected and rule.title and rule.standard.startswith("#"), rule.id
        assert any(name in rule.source for name in ("Nghị định", "Hướng dẫn", "Quy định")), rule.id


def test_a_slip_in_one_paragraph_is_found_where_it_is(built, tmp_path):
    path = broken(built, PARTY, tmp_path, runs(BODY, size=Pt(12)))
    _, findings = check_read(path, session().outline(OUTLINES[PARTY]))
    [finding] = [f for f in findings if f.code == "format-body-size"]
    assert finding.message.startswith("Thể thức: cỡ chữ 12 ở “Qua thực tiễn công tác lãnh đạ…”")
    assert finding.message.endswith("yêu cầu cỡ chữ nội dung 14–15, một cỡ cho cả văn bản (nguồn: Hướng dẫn 36-HD/VPTW, Phụ lục 3).")
    assert finding.location.line == 75


def _unset_page(document: Any) -> None:
    """A section without its page size and margins (a file written by another program): Word uses its own defaults."""
    sectpr = document.sections[0]._sectPr
    for tag in ("w:pgSz", "w:pgMar"):
        sectpr.remove(sectpr.find(qn(tag)))


def test_a_page_size_and_margins_not_set_are_found_not_a_crash(built, tmp_path):
    path = broken(built, PARTY, tmp_path, _unset_page)
    _, findings = check_read(path, session().outline(OUTLINES[PARTY]))
    said = {f.code: f.message for f in findings if f.code in ("format-page-size", "format-margins")}
    assert said["format-page-size"].startswith("Thể thức: khổ giấy không đặt (Word dùng khổ mặc định của máy, thường là Letter")
    assert [f.message.split(";")[0] for f in findings if f.code == "format-margins"] == [
        f"Thể thức: lề {side} không đặt (Word dùng lề mặc định của máy)" for side in ("trên", "dưới", "trái", "phải")]


def test_message_names_expected_value_and_legal_source(built, tmp_path):
    path = broken(built, PARTY, tmp_path, retext("Số 184-BC/HU", "Số: 184-BC/HU"))
    _, findings = check_read(path, session().outline(OUTLINES[PARTY]))
    [finding] = [f for f in findings if f.code == "format-number-line"]
    assert finding.message == ("Thể thức: dòng số viết “Số: 184-BC/HU”; yêu cầu “Số 184-BC/HU” (không có dấu hai chấm) "
                               "(nguồn: Hướng dẫn 36-HD/VPTW, điểm 1.3).")
    assert finding.location.line == 4


# ------------------------------------------------------------------ styles resolved as Word does


def _theme_fonts(document: Any) -> None:
    """The body style takes its font from the theme (minorHAnsi), as Word's own Normal style does."""
    rfonts = OxmlElement("w:rFonts")
    rfonts.set(qn("w:asciiTheme"), "minorHAnsi")
    rfonts.set(qn("w:hAnsiTheme"), "minorHAnsi")
    rpr = document.styles["DG Body"].element.get_or_add_rPr()
    old = rpr.find(qn("w:rFonts"))
    if old is not None:
        rpr.remove(old)
    rpr.insert(0, rfonts)


def test_a_theme_font_is_named_not_none(built, tmp_path):
    path = broken(built, PARTY, tmp_path, _theme_fonts)
    _, findings = check_read(path, session().outline(OUTLINES[PARTY]))
    [finding] = [f for f in findings if f.code == "format-font"]
    assert "phông chữ “Cambria”" in finding.message and "None" not in finding.message  # the template theme's minor font


def test_a_character_style_counts(built, tmp_path):
    def italic_by_character_style(document: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        style = document.styles.add_style("Nhấn mạnh", WD_STYLE_TYPE.CHARACTER)
        style.font.italic = False
        for run in find(document, "Đức Trọng, ngày").runs:
            run.style = style
    path = broken(built, PARTY, tmp_path, italic_by_character_style)
    assert "format-date-style" in rule_codes(path, OUTLINES[PARTY])


def test_a_base_style_counts(built, tmp_path):
    def based_on_small(document: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        base = document.styles.add_style("Nền nhỏ", WD_STYLE_TYPE.PARAGRAPH)
        base.font.size = Pt(11)
        kind = document.styles["DG Kind"]
        kind.base_style = base
        kind.element.rPr.remove(kind.element.rPr.find(qn("w:sz")))
    path = broken(built, PARTY, tmp_path, based_on_small)
    _, findings = check_read(path, session().outline(OUTLINES[PARTY]))
    [finding] = [f for f in findings if f.code == "format-kind-style"]
    assert "cỡ 11" in finding.message


# ------------------------------------------------------------------ our documents


@pytest.mark.parametrize("content", sorted((PROJECT_ROOT / "content").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_document_draws_no_format_finding(tmp_path, content):
    from docgen.content.report import load_report

    target = tmp_path / f"{content.stem}.docx"
    pipeline.build(content, target)
    _, findings = check_read(target, session().outline(load_report(content).outline))
    assert [f.message for f in findings if f.code.startswith("format-")] == []
    assert {f.code for f in findings if f.code in RULE_IDS} == SLIPS_IN_THE_WORDS.get(content.stem, set())


# The bundled examples are real reports reproduced word for word (tests/test_fidelity.py); the rules
# on words find the authors' own slips in them, as they do in the seeds, and nothing of docgen's making.
SLIPS_IN_THE_WORDS = {
    "duc-trong": {"mixed-tone-marks", "abbreviation-first-use", "capitalisation", "mixed-dashes"},  # "khoá", "BCHTW", "Ban chấp hành", "học – công"
    "phuong-ke-hoach-kl149": {"mixed-tone-marks"},  # one "hoá" among "hóa"
    "tuyen-quang-ke-hoach-173": {"mixed-tone-marks"},  # "khoẻ", "hoá" among "khóa"
    "ubnd-tinh-ke-hoach-dan-so": {"mixed-tone-marks", "abbreviation-first-use"},  # "Uỷ" among "Ủy"; "DS-KHHGĐ" never spelled out
}


def test_the_rulebook_in_docs_is_up_to_date():
    from docgen.read.format_rules.rulebook import render

    written = (PROJECT_ROOT / "docs" / "format-rules.md").read_text(encoding="utf-8")
    assert written == render(), "run: python tools/make_format_rules.py"
    for rule in RULES:
        assert f"`{rule.id}`" in written


# ------------------------------------------------------------------ the reference documents' real defects

# What the rules find in the real documents (plain text: the header rules and the rules on words),
# each true (shared/format-standards.md §E), and nothing else.
REFERENCE_FINDINGS = {
    "000": {"format-header-title", "format-asterisk", "format-number-line", "format-date-line",  # header lost in the extraction
            "format-signature"},  # only the signer's name is left
    "001": {"format-summary-separator",  # "-------": seven hyphens
            "format-signature",  # no signature block
            "mixed-tone-marks"},  # "khóa" and "khoẻ"
    "002": {"format-header-title", "format-asterisk", "format-number-line", "format-date-line", "format-summary-separator",  # lost
            "mixed-dashes",  # "chính trị – xã hội" beside "chính trị - xã hội"
            "capitalisation",  # "Mặt trận tổ quốc"
            "mixed-tone-marks"},  # "hoá" once among "ủy"
    "003": {"format-header-title", "format-number-line", "format-date-line",  # lost in the extraction
            "misplaced-space",  # "- Bộ Y tế (để báo cáo) ;"
            "mixed-tone-marks",  # "Uỷ ban" and "Ủy ban"
            "abbreviation-first-use"},  # "DS-KHHGĐ" never spelled out with it in parentheses
    "004": {"format-header-title",  # "ĐẢNG CỘNG SẢN  VIỆT NAM"
            "mixed-tone-marks", "capitalisation",  # "khoá"/"ủy"; "Ban chấp hành", "Ban Chấp Hành"
            "mixed-dashes",  # "khoa học – công nghệ" beside hyphens
            "abbreviation-first-use"},  # "BCHTW (khóa XII)" before "Ban Chấp hành Trung ương"; "DS-KHHGĐ" never defined
}


@pytest.mark.parametrize("seed", sorted(REFERENCE_FINDINGS))
def test_the_seeds_real_defects_are_found_and_nothing_else(seed):
    from docgen.content.report import load_report
    from docgen.fidelity import SEED_CONTENT

    path = next((PROJECT_ROOT / "reference" / "seeds").glob(f"{seed}_*.txt"))
    outline = load_report(PROJECT_ROOT / "content" / SEED_CONTENT[seed]).outline
    assert rule_codes(path, outline) == REFERENCE_FINDINGS[seed]


@pytest.mark.parametrize(("seed", "names"), [("002", set()), ("003", {"DS-KHHGĐ"}), ("004", {"BCHTW", "DS-KHHGĐ"})])
def test_the_seeds_abbreviations_used_before_being_spelled_out(seed, names):
    """Only the true ones: UBND, HĐND, MTTQ (known), "…/NQ-" + "HĐND" split by the PDF copy, are not findings."""
    from docgen.content.report import load_report
    from docgen.fidelity import SEED_CONTENT

    path = next((PROJECT_ROOT / "reference" / "seeds").glob(f"{seed}_*.txt"))
    _, findings = check_read(path, session().outline(load_report(PROJECT_ROOT / "content" / SEED_CONTENT[seed]).outline))
    found = {f.message.split("“")[1].split("”")[0] for f in findings if f.code == "abbreviation-first-use"}
    assert found == names


@pytest.mark.parametrize(("name", "outline", "codes"), [
    ("01_cantho-kh165-ubnd-ct27-danso-2025.txt", "ke-hoach-thuc-hien-nq-hdnd", {"mixed-tone-marks", "misplaced-space"}),  # "khoẻ"; "dân số ;"
    ("09_btgdvtw-hd37-bantin-chibo-2025.txt", "ke-hoach-thuc-hien-kl149", {"format-summary-separator"}),  # "------"
])
def test_the_other_real_documents_draw_their_real_defects_only(name, outline, codes):
    _, findings = check_read(PROJECT_ROOT / "reference" / "realdocs" / name, session().outline(outline))
    assert {f.code for f in findings if f.code in RULE_IDS} == codes


def test_the_dong_thap_plan_draws_its_real_defects_only():
    path = PROJECT_ROOT / "reference" / "realdocs" / "10_dongthap-kh552-ubnd-doimoicongnghe-2025.txt"
    _, findings = check_read(path, session().outline("ke-hoach-thuc-hien-nq-hdnd"))
    assert {f.code for f in findings if f.code in RULE_IDS} == {"mixed-tone-marks", "abbreviation-first-use"}  # "thuỷ" among "ủy"
    [abbreviation] = [f for f in findings if f.code == "abbreviation-first-use"]
    assert "“PPP”" in abbreviation.message  # "vốn quốc tế, PPP" long before "hợp tác công - tư (PPP)"
    [duplicate] = [f for f in findings if f.code == "duplicate-heading-number"]
    assert duplicate.message == "Số thứ tự “III.” bị lặp (đã dùng ở dòng 229)."


def test_an_unclosed_quotation_mark_in_a_word_report_is_found_where_it_is(built, tmp_path):
    """Rule #49: the validator's check of quotation marks and brackets judges a read document too."""
    def unclose(document: Any) -> None:
        paragraph = find(document, "Trên cơ sở kế thừa kết quả")
        paragraph.runs[-1].text += " theo tinh thần “đoàn kết"

    clean = {f.code for f in check_read(built[PARTY_CLEAN], session().outline(OUTLINES[PARTY_CLEAN]))[1]}
    assert "unbalanced-marks" not in clean
    path = broken(built, PARTY_CLEAN, tmp_path, unclose)
    _, findings = check_read(path, session().outline(OUTLINES[PARTY_CLEAN]))
    [finding] = [f for f in findings if f.code == "unbalanced-marks"]
    assert finding.message.startswith("Dấu ““” mở mà không có dấu “”” đóng: “…")
    assert finding.message.endswith(" theo tinh thần “đoàn kết”.")
