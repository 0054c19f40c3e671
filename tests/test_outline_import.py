"""`docgen outline import`: the đề cương of a guidance document turned into an outline."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import docx
import pytest
import yaml
from docx_view import body, open_docx
from samples import PROJECT_ROOT

from docgen.cli import main
from docgen.outline.load import load_outline
from docgen.outline.tools import diff_outlines
from docgen.pipeline import build
from docgen.read.headings import parse_heading
from docgen.read.outline_import import import_outline, import_outline_bytes

SEED_000 = PROJECT_ROOT / "reference" / "seeds" / "000_3ff2316c89ed20e5.txt"
MARKED = PROJECT_ROOT / "tests" / "data" / "outline_import"


def marked(name: str) -> list[tuple[int, str, str]]:
    data = yaml.safe_load((MARKED / name).read_text(encoding="utf-8"))
    return [(level, number, title) for level, number, title in data["headings"]]


def write(tmp_path: Path, text: str, name: str = "nq21.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_000_headings_as_marked_by_hand():
    imported = import_outline(SEED_000)
    assert [(h.level, h.printed, h.title) for h in imported.headings] == marked("seed-000.yaml")


def test_seed_000_outline_loads_and_says_what_it_is(tmp_path: Path):
    outline = load_outline(write(tmp_path, import_outline(SEED_000, outline_id="nq21").text))
    assert (outline.id, outline.kind, outline.system, outline.template) == ("nq21", "BC", "party", "party.docx")
    assert outline.name.startswith("Báo cáo sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW")
    assert outline.source == "Đề cương kèm theo Kế hoạch số 103 -KH/TU, ngày 19 tháng 9 năm 2022"
    ids = [s.id for s in outline.walk()]
    assert len(ids) == len(set(ids)) == 20
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    lanh_dao = outline.find("ve-tang-cuong-su-lanh-dao")
    assert lanh_dao is not None and lanh_dao.ref == "II.2.1" and len(lanh_dao.guidance) == 3
    nguon_luc = next(s for s in outline.walk() if s.ref == "II.2.5")
    assert nguon_luc.guidance[0].endswith("trên địa bàn: ngân sách Trung ương; ngân sách tỉnh; ngân sách địa phương.")


def test_plain_points_are_optional_with_a_finding_and_a_comment():
    imported = import_outline(SEED_000)
    plain = [f for f in imported.findings if f.code == "outline-import-plain-point"]
    assert [f.location.line for f in plain] == [97, 99, 101, 105, 173, 174, 175]
    assert "không in đậm" in plain[0].message
    assert "# KIỂM TRA (dòng 105): Mục “1. Kết quả bước đầu" in imported.text


def test_diff_with_the_hand_written_outline_shows_only_what_the_seed_has(tmp_path: Path):
    hand = load_outline(PROJECT_ROOT / "outlines" / "bao-cao-so-ket-nq21.yaml")
    imported = load_outline(write(tmp_path, import_outline(SEED_000, outline_id="nq21", like=hand).text))
    assert diff_outlines(hand, imported) == [
        "Đổi tên mục I [quan-triet]: “CÔNG TÁC QUÁN TRIỆT TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT 21-NQ/TW” → "
        "“CÔNG TÁC QUẢN TRIỆT TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT 21-NQ/TW”.",
        "Mục II.1 “Kết quả bước đầu thực hiện các mục tiêu đề ra trong Nghị quyết và các chương trình, kế hoạch hành động "
        "của tỉnh, của địa phương” nay không bắt buộc.",
    ]


def test_round_trip_through_the_plans_attached_outline(tmp_path: Path):
    """Rendered as the plan's ĐỀ CƯƠNG, the imported outline prints the seed's headings in order."""
    outline_path = write(tmp_path, import_outline(SEED_000, outline_id="nq21").text)
    content = (PROJECT_ROOT / "content" / "hai-duong-ke-hoach-so-ket-nq21.yaml").read_text(encoding="utf-8")
    content = content.replace("  outline: bao-cao-so-ket-nq21", f"  outline: {outline_path}")
    plan = write(tmp_path, content, "plan.yaml")
    build(plan, tmp_path / "plan.docx")
    texts = [p.text for p in body(open_docx(tmp_path / "plan.docx"))]
    attached = texts[texts.index("ĐỀ CƯƠNG") + 1:]
    printed = [(h.number, h.title) for h in map(parse_heading, attached) if h is not None and h.kind != "part"]
    assert printed == [(number.rstrip("."), title) for _, number, title in marked("seed-000.yaml")]


def guidance_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Hướng dẫn thử")
    document.add_paragraph("Thực hiện Kế hoạch số 12-KH/TU, hướng dẫn như sau.")
    document.add_paragraph().add_run("ĐỀ CƯƠNG BÁO CÁO").bold = True
    document.add_paragraph("Báo cáo tổng kết công tác thử năm 2025")
    for text, bold in (("I. KẾT QUẢ", True), ("1. Công tác lãnh đạo", True), ("- Nêu rõ các văn bản đã ban hành.", False),
                       ("3. Kết quả cụ thể (nếu có)", True), ("II.", True), ("III. KIẾN NGHỊ", True)):
        document.add_paragraph().add_run(text).bold = bold
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Chỉ tiêu", "Kết quả"
    document.save(str(path))
    return path


def test_docx_guidance_findings_point_at_their_paragraph(tmp_path: Path):
    imported = import_outline(guidance_docx(tmp_path / "hd.docx"))
    found = {(f.code, f.location.line) for f in imported.findings}
    assert found == {("outline-import-number-gap", 8), ("outline-import-no-title", 9), ("outline-import-table", 10)}
    outline = load_outline(write(tmp_path, imported.text, "thu.yaml"))
    assert outline.name == "Báo cáo tổng kết công tác thử năm 2025" and outline.system == "party"
    assert [(s.ref, s.title, s.required) for s in outline.walk()] == [
        ("I", "KẾT QUẢ", True), ("I.1", "Công tác lãnh đạo", True), ("I.2", "Kết quả cụ thể", False),
        ("II", "Mục II.", True), ("III", "KIẾN NGHỊ", True)]
    assert outline.find("cong-tac-lanh-dao") is not None and outline.find("cong-tac-lanh-dao").guidance == ("Nêu rõ các văn bản đã ban hành.",)  # type: ignore[union-attr]
    assert "# KIỂM TRA (dòng 8): trong văn bản in là “3.”" in imported.text
    assert "# KIỂM TRA (dòng 9): Đề mục “II.” không có tiêu đề" in imported.text


def test_upload_bytes_give_the_same_outline(tmp_path: Path):
    path = guidance_docx(tmp_path / "hd.docx")
    assert import_outline_bytes(path.read_bytes(), "hd.docx").text == import_outline(path, "hd.docx").text


def test_letters_below_the_second_level_are_kept(tmp_path: Path):
    text = "KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n1. Sở Y tế\n\na) Chủ trì tuyên truyền.\n\nb) Phối hợp kiểm tra.\n"
    outline = load_outline(write(tmp_path, import_outline(write(tmp_path, text, "kh.txt")).text, "kh.yaml"))
    assert [(s.number, s.ref) for s in outline.walk()] == [("I.", "I"), ("1.", "I.1"), ("a)", "I.1.a"), ("b)", "I.1.b")]


def test_cli_writes_the_outline_and_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    target = tmp_path / "outlines" / "nq21-moi.yaml"
    target.parent.mkdir()
    assert main(["outline", "import", str(SEED_000), "-o", str(target)]) == 0
    assert load_outline(target).id == "nq21-moi"
    assert "outline-import-plain-point" in capsys.readouterr().err
    assert main(["outline", "import", str(SEED_000), "-o", str(target)]) == 2
    assert "không ghi đè" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "code"), [
    ("Kính gửi các đồng chí.\nĐề nghị các đơn vị báo cáo đúng hạn.\n", "outline-import-not-found"),
    ("\n".join(f"Dòng {i} của một văn bản rất dài." for i in range(100_000)), "outline-import-too-long"),
])
def test_bad_text_input_exits_2_with_a_vietnamese_message(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, code: str):
    source = write(tmp_path, text, "vb.txt")
    assert main(["outline", "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert f"({code})" in err and "Traceback" not in err and str(source) in err


def test_a_scan_without_text_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    scan = tmp_path / "scan.docx"
    docx.Document().save(str(scan))
    assert main(["outline", "import", str(scan)]) == 2
    assert "có thể là bản quét" in capsys.readouterr().err


def test_accuracy_script_prints_precision_and_recall(capsys: pytest.CaptureFixture[str]):
    spec = importlib.util.spec_from_file_location("accuracy", PROJECT_ROOT / "bench" / "outline_import_accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.score("seed-000.yaml")["strict_recall"] == 1.0
    module.main()
    assert "seed-000.yaml" in capsys.readouterr().out


def test_a_real_numbering_defect_is_reported_and_renumbered(tmp_path: Path):
    source = PROJECT_ROOT / "reference" / "realdocs" / "10_dongthap-kh552-ubnd-doimoicongnghe-2025.txt"
    imported = import_outline(source)
    [repeat] = [f for f in imported.findings if f.code == "outline-import-duplicate-number"]
    assert (repeat.location.line, repeat.message) == (379, "Số thứ tự “III.” bị lặp; đã đánh lại số theo vị trí.")
    outline = load_outline(write(tmp_path, imported.text, "kh552.yaml"))
    assert (outline.kind, outline.system, outline.template) == ("KH", "state", "state.docx")
    assert [s.number for s in outline.sections] == ["I.", "II.", "III.", "IV.", "V.", "VI.", "VII."]
    assert "# KIỂM TRA (dòng 379): trong văn bản in là “III.”" in imported.text


@pytest.mark.parametrize("name", ["01_cantho-kh165-ubnd-ct27-danso-2025.txt", "10_dongthap-kh552-ubnd-doimoicongnghe-2025.txt"])
def test_the_imported_outline_finds_every_section_of_its_own_document(tmp_path: Path, name: str):
    """Checked against the outline imported from it, a document has no missing sections (a) b) … included)."""
    from docgen.read.documents import check_read

    source = PROJECT_ROOT / "reference" / "realdocs" / name
    outline = load_outline(write(tmp_path, import_outline(source).text, "own.yaml"))
    read_back, findings = check_read(source, outline)
    assert not [f.format() for f in findings if f.code in ("missing-section", "missing-optional-section", "extra-section")]
    assert set(read_back.report.sections) >= {s.id for s in outline.walk() if not s.children}


def test_parts_keep_their_printed_label(tmp_path: Path):
    text = ("ĐỀ CƯƠNG BÁO CÁO\n\nTổng kết 10 năm thực hiện Chỉ thị 05\n\nPhần thứ nhất\n\nKẾT QUẢ THỰC HIỆN\n\n"
            "I. CÔNG TÁC LÃNH ĐẠO\n\n1. Việc quán triệt\n\nPhần thứ hai\n\nPHƯƠNG HƯỚNG, NHIỆM VỤ\n")
    imported = import_outline(write(tmp_path, text, "hd.txt"))
    assert [(h.level, h.printed, h.title) for h in imported.headings] == [
        (1, "Phần thứ nhất", "KẾT QUẢ THỰC HIỆN"), (2, "I.", "CÔNG TÁC LÃNH ĐẠO"), (3, "1.", "Việc quán triệt"),
        (1, "Phần thứ hai", "PHƯƠNG HƯỚNG, NHIỆM VỤ")]
    outline = load_outline(write(tmp_path, imported.text, "ct05.yaml"))
    assert outline.name == "Báo cáo tổng kết 10 năm thực hiện Chỉ thị 05"
    assert [s.number for s in outline.walk()] == ["I.", "1.", "1.1.", "II."]
    assert "# KIỂM TRA (dòng 5): trong văn bản in là “Phần thứ nhất”" in imported.text
