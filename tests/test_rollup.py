"""Roll-up: completeness table, indicators and their aggregates, checks, chart, draft report, CLI."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from PIL import Image
from samples import MINIMAL_PARTY

from docgen.cli import main
from docgen.core.errors import DocgenError
from docgen.pipeline import build
from docgen.rollup.collect import collect
from docgen.rollup.indicators import parse_number
from docgen.rollup.run import CHART, COMPLETENESS_CSV, DRAFT, INDICATORS_CSV, XLSX, run_rollup


def unit_text(name: str, indicators: str = "", replace: tuple[tuple[str, str], ...] = ()) -> str:
    text = MINIMAL_PARTY.replace("organ:\n", f"unit:\n  code: {name.lower().replace(' ', '-')}\n  name: {name}\norgan:\n", 1)
    text = text.replace("Hạn chế.", f"Hạn chế của {name}.")
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    return text + (f"indicators:\n{indicators}" if indicators else "")


def indicators(births: str, rate: str, numerator: str = "", denominator: str = "") -> str:
    parts = f"    numerator: \"{numerator}\"\n    denominator: \"{denominator}\"\n" if numerator else ""
    return (
        f"  - id: so-tre-sinh\n    name: Số trẻ sinh ra\n    value: \"{births}\"\n    unit: trẻ\n"
        f"  - id: ty-le-sang-loc\n    name: Tỷ lệ sàng lọc trước sinh\n    value: \"{rate}\"\n    unit: \"%\"\n{parts}"
    )


@pytest.fixture
def units(tmp_path: Path) -> Path:
    folder = tmp_path / "units"
    folder.mkdir()
    files = {
        "d.yaml": unit_text("Xã Đạ Huoai", indicators("1.200", "50", "60", "120")),
        "a.yaml": unit_text("Xã Ân Phú", indicators("800", "25", "20", "80"), (("  nguon-luc: Nguồn lực.\n", ""),)),
        "b.yaml": unit_text("Xã An Bình", indicators("1.000", "75", "150", "200"), (("  han-che: Hạn chế của Xã An Bình.", "  han-che: \"\""),)),
        "c.yaml": unit_text("Xã Dương", indicators("500", "40", "40", "100"),
                            (("  phuong-huong: Phương hướng.", "  phuong-huong:\n    title: Phương hướng năm tới\n    text: Phương hướng."),)),
        "z-broken.yaml": "organ: [\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


ORDER = ["Xã An Bình", "Xã Ân Phú", "Xã Dương", "Xã Đạ Huoai"]


def test_parse_number_reads_vietnamese_writing():
    assert parse_number("186.974") == 186974
    assert parse_number("901,79") == pytest.approx(901.79)
    assert parse_number("1.234,5") == pytest.approx(1234.5)
    assert parse_number("33.6") == pytest.approx(33.6)
    assert parse_number("12 %") == 12
    assert parse_number("dưới 1,03") is None
    assert parse_number("") is None


def test_completeness_xlsx_and_csv(units: Path, nq21, tmp_path: Path):
    out = tmp_path / "out"
    written = run_rollup(units, nq21, out)
    book = openpyxl.load_workbook(out / XLSX)
    assert book.sheetnames == ["Mức độ đầy đủ", "Chỉ tiêu"]
    sheet = book["Mức độ đầy đủ"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [*ORDER, "z-broken.yaml"]
    assert rows["Xã Ân Phú"]["II.2.5. Bảo đảm nguồn lực cho công tác dân số"] == "thiếu"
    assert rows["Xã Ân Phú"]["Số mục thiếu"] == 1
    assert rows["Xã An Bình"]["III.2. Hạn chế, tồn tại"] == "trống"
    assert rows["Xã An Bình"]["Số mục trống"] == 1
    assert rows["Xã Dương"][next(h for h in header if h.startswith("IV."))] == "đổi tên"
    assert rows["Xã Đạ Huoai"]["II.2.5. Bảo đảm nguồn lực cho công tác dân số"] == "có"
    assert rows["z-broken.yaml"]["Ghi chú"].startswith("Không đọc được: Lỗi cú pháp YAML")
    with (out / COMPLETENESS_CSV).open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == header
    assert [r[0] for r in table[1:]] == [*ORDER, "z-broken.yaml"]
    assert {p.name for p in written.files} == {XLSX, COMPLETENESS_CSV, INDICATORS_CSV, CHART, DRAFT}


def test_unreadable_unit_is_reported_by_name_with_reason(units: Path, nq21):
    rollup = collect(units, nq21)
    [failure] = [f for f in rollup.findings if f.code == "rollup-unreadable-unit"]
    assert failure.message.startswith("Không đọc được báo cáo “z-broken.yaml”: Lỗi cú pháp YAML")
    assert failure.location.file.endswith("z-broken.yaml")
    assert [u.name for u in rollup.units] == ORDER


def test_counts_are_summed_and_rates_recomputed(units: Path, nq21, tmp_path: Path):
    rollup = collect(units, nq21)
    births, rate = rollup.indicators
    assert (births.kind, births.total, births.method) == ("count", 3500, "cộng")
    assert rate.kind == "rate"
    assert rate.total == pytest.approx(100 * 270 / 500)  # not 50+25+75+40
    assert rate.method == "tính lại từ tử số và mẫu số"
    sheet = openpyxl.load_workbook(run_rollup(units, nq21, tmp_path / "o").files[0])["Chỉ tiêu"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Đơn vị", "Số trẻ sinh ra (trẻ)", "Tỷ lệ sàng lọc trước sinh (%)")
    assert values[1] == ("Xã An Bình", 1000, 75)
    assert values[-3] == ("Tổng hợp", 3500, 54)
    assert values[-2] == ("Cách tổng hợp", "cộng", "tính lại từ tử số và mẫu số")


def test_rates_weighted_by_denominator_then_plain_average(tmp_path: Path, nq21):
    folder = tmp_path / "w"
    folder.mkdir()
    rate = "  - {id: tl, name: Tỷ lệ A, value: \"%s\", unit: \"%%\", denominator: \"%s\"}\n"
    (folder / "a.yaml").write_text(unit_text("Xã A", rate % ("10", "100")), encoding="utf-8")
    (folder / "b.yaml").write_text(unit_text("Xã B", rate % ("40", "300")), encoding="utf-8")
    [agg] = collect(folder, nq21).indicators
    assert agg.total == pytest.approx((10 * 100 + 40 * 300) / 400)
    assert agg.method == "bình quân gia quyền theo mẫu số"
    (folder / "b.yaml").write_text(unit_text("Xã B", "  - {id: tl, name: Tỷ lệ A, value: \"40\", unit: \"%\"}\n"), encoding="utf-8")
    [agg] = collect(folder, nq21).indicators
    assert agg.total == pytest.approx(25)
    assert agg.method == "bình quân giản đơn (thiếu mẫu số)"


def test_consistency_checks(tmp_path: Path, nq21):
    folder = tmp_path / "bad"
    folder.mkdir()
    text = unit_text("Xã Lạ", indicators("10", "120", "130", "100") + "  - {id: ts, name: Tổng số, value: \"nhiều\", kind: tong}\n")
    (folder / "x.yaml").write_text(text, encoding="utf-8")
    findings = {f.code: f for f in collect(folder, nq21).findings}
    assert findings["indicator-rate-over-100"].message == "Xã Lạ: tỷ lệ “Tỷ lệ sàng lọc trước sinh” là 120 %, vượt quá 100 %."
    assert findings["indicator-part-exceeds-total"].message == "Xã Lạ: chỉ tiêu “Tỷ lệ sàng lọc trước sinh” có tử số 130 lớn hơn mẫu số 100."
    assert findings["indicator-rate-mismatch"].message == "Xã Lạ: tỷ lệ “Tỷ lệ sàng lọc trước sinh” ghi 120 % nhưng tử số/mẫu số cho 130 %."
    assert findings["indicator-not-number"].message == "Xã Lạ: chỉ tiêu “Tổng số” có giá trị “nhiều” không phải là số."
    assert findings["indicator-invalid-kind"].severity.value == "error"
    assert findings["indicator-rate-over-100"].location.file.endswith("x.yaml")
    assert findings["indicator-rate-over-100"].location.line == text.splitlines().index("  - id: ty-le-sang-loc") + 1


def test_chart_is_a_real_png(units: Path, nq21, tmp_path: Path):
    run_rollup(units, nq21, tmp_path / "o")
    with Image.open(tmp_path / "o" / CHART) as image:
        assert image.format == "PNG"
        width, height = image.size
        assert width >= 600 and height >= 300
        assert len(set(image.convert("L").tobytes())) > 10  # bars and text, not a blank canvas


def test_draft_report_gathers_units_under_their_names(units: Path, nq21, tmp_path: Path):
    run_rollup(units, nq21, tmp_path / "o")
    document = Document(str(tmp_path / "o" / DRAFT))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    start = texts.index(("DG Heading 2", "2. Hạn chế, tồn tại"))
    following = [t for _, t in texts[start + 1:start + 7]]
    assert following == ["Xã Ân Phú:", "Hạn chế của Xã Ân Phú.", "Xã Dương:", "Hạn chế của Xã Dương.", "Xã Đạ Huoai:", "Hạn chế của Xã Đạ Huoai."]
    assert ("DG Table Caption", "Bảng tổng hợp các chỉ tiêu của các đơn vị") in texts
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in table.rows[1].cells] == ["1", "Số trẻ sinh ra", "trẻ", "3.500", "cộng", "4/4"]
    assert [c.text for c in table.rows[2].cells][3:5] == ["54", "tính lại từ tử số và mẫu số"]
    assert any(p.text == "ĐẢNG BỘ TỈNH LÂM ĐỒNG" for t in document.tables for c in t._cells for p in c.paragraphs)


def test_docx_units_are_read_too(tmp_path: Path, nq21):
    folder = tmp_path / "docx"
    folder.mkdir()
    source = tmp_path / "src.yaml"
    source.write_text(unit_text("Xã Hòa Bắc"), encoding="utf-8")
    build(source, folder / "hoa-bac.docx")
    rollup = collect(folder, nq21)
    [unit] = rollup.units
    assert unit.name == "HUYỆN ỦY ĐỨC TRỌNG"  # a .docx carries the organ's name, not the content file's unit
    assert "han-che" in unit.report.sections


def test_missing_or_empty_folder_is_unusable(tmp_path: Path, nq21):
    with pytest.raises(DocgenError) as missing:
        collect(tmp_path / "nowhere", nq21)
    assert missing.value.findings[0].code == "rollup-no-folder"
    (tmp_path / "empty").mkdir()
    with pytest.raises(DocgenError) as empty:
        collect(tmp_path / "empty", nq21)
    assert empty.value.findings[0].message == f"Thư mục “{tmp_path / 'empty'}” không có báo cáo nào (.yaml, .yml, .docx, .pdf, .txt, .doc, .odt, .rtf)."


def test_cli_exit_codes(units: Path, tmp_path: Path, capsys):
    assert main(["rollup", str(units), "--outline", "bao-cao-so-ket-nq21", "-o", str(tmp_path / "o")]) == 2  # as `check` of the folder
    captured = capsys.readouterr()
    assert "4 đơn vị đã đọc, 1 tệp không đọc được" in captured.out
    assert "(rollup-unreadable-unit)" in captured.err
    (units / "z-broken.yaml").unlink()
    assert main(["rollup", str(units), "--outline", "bao-cao-so-ket-nq21", "-o", str(tmp_path / "o")]) == 0
    assert main(["rollup", str(tmp_path / "none"), "--outline", "bao-cao-so-ket-nq21", "-o", str(tmp_path / "o")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_smoke_three_hundred_units(tmp_path: Path, nq21):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(300):
        text = unit_text(f"Xã Số {i}", indicators(str(100 + i), "50", str(10 + i % 40), "60"))
        (folder / f"xa-{i:03}.yaml").write_text(text, encoding="utf-8")
    started = time.monotonic()
    written = run_rollup(folder, nq21, tmp_path / "out")
    assert time.monotonic() - started < 120
    assert len(written.rollup.units) == 300 and not written.rollup.failures
    sheet = openpyxl.load_workbook(tmp_path / "out" / XLSX)["Mức độ đầy đủ"]
    names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert names[:3] == ["Xã Số 0", "Xã Số 1", "Xã Số 2"] and names[-1] == "Xã Số 299"
    assert written.rollup.indicators[0].total == sum(100 + i for i in range(300))
    with Image.open(tmp_path / "out" / CHART) as image:
        assert image.size[1] > 1000
    assert len(Document(str(tmp_path / "out" / DRAFT)).paragraphs) > 300 * 16


def test_draft_summary_comes_from_the_reports_not_from_a_plan_in_the_folder(nq21, tmp_path: Path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-plan.yaml").write_text((Path(__file__).parent.parent / "content" / "tuyen-quang-ke-hoach-173.yaml")
                                        .read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b-report.yaml").write_text(unit_text("Xã An Bình"), encoding="utf-8")
    run_rollup(folder, nq21, tmp_path / "o")
    texts = [p.text for p in Document(str(tmp_path / "o" / DRAFT)).paragraphs]
    summary = texts[texts.index("BÁO CÁO") + 1]
    assert summary.startswith("Sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW"), summary
