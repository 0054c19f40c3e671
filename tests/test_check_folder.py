"""`docgen check DIR --outline X --table OUT`: every report in a folder checked, and a completeness table."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx.shared import Mm
from samples import MINIMAL_PARTY, PROJECT_ROOT

from docgen.cli import check as check_cli
from docgen.cli import main
from docgen.cli.check import CHECK_SUFFIXES, _status, check_one
from docgen.cli.common import JsonArray, content_files, session, summary_line
from docgen.pipeline import build
from docgen.rollup.completeness import TABLE_CSV, TABLE_XLSX

SEED = PROJECT_ROOT / "reference" / "seeds" / "004_8bfdc80b575edd09.txt"

# Vietnamese order: "Đ" after "D" (code point order would put it after "X"); unreadable files last.
ORDER = ["ĐẢNG ỦY XÃ ĐẠ HUOAI", "HUYỆN ỦY ĐỨC TRỌNG", "Xã Ân Phú", "hong.docx"]
II_2_7 = "II.2.7. Tăng cường hợp tác quốc tế"
I_3 = "I.3. Công tác kiểm tra, giám sát việc thực hiện Nghị quyết số 21-NQ/TW"
V = "V. ĐỀ XUẤT, KIẾN NGHỊ"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A complete .yaml, a generated .docx without II.2.7 (and on Letter paper), seed 004 as .txt, a corrupt .docx."""
    reports = tmp_path / "reports"
    reports.mkdir()
    complete = MINIMAL_PARTY.replace("organ:\n", "unit:\n  code: an-phu\n  name: Xã Ân Phú\norgan:\n", 1)
    (reports / "an-phu.yaml").write_text(complete, encoding="utf-8")
    partial = tmp_path / "da-huoai.yaml"
    partial.write_text(MINIMAL_PARTY.replace("  hop-tac-quoc-te: Hợp tác.\n", "").replace("HUYỆN ỦY ĐỨC TRỌNG", "ĐẢNG ỦY XÃ ĐẠ HUOAI"), encoding="utf-8")
    generated = build(partial, reports / "da-huoai.docx").output
    assert generated is not None
    document = docx.Document(str(generated))
    for section in document.sections:  # US Letter instead of A4: one format finding
        section.page_width, section.page_height = Mm(216), Mm(279)
    document.save(str(generated))
    shutil.copy(SEED, reports / "duc-trong.txt")
    (reports / "hong.docx").write_bytes(b"not a zip file")
    (reports / "~$da-huoai.docx").write_bytes(b"Word's lock file")  # left out
    return reports


def run_check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_folder_checked_and_tabled(capsys, folder: Path, tmp_path: Path):
    out_dir = tmp_path / "table"
    code, out, _ = run_check(capsys, str(folder), "--outline", "bao-cao-so-ket-nq21", "--table", str(out_dir))
    assert code == 2  # the corrupt file; the others are still checked and tabled
    assert f"{folder / 'an-phu.yaml'}: 0 lỗi, 0 cảnh báo, 0 lưu ý" in out
    assert f"{folder / 'da-huoai.docx'}:33: lỗi: [II.2.7] Thiếu mục “Tăng cường hợp tác quốc tế”. (missing-section)" in out
    assert f"{folder / 'duc-trong.txt'}:429: lỗi: [II.2.7] Thiếu mục “Tăng cường hợp tác quốc tế”. (missing-section)" in out
    assert f"{folder / 'hong.docx'}: lỗi: “hong.docx” không phải tệp .docx (Word 2007 trở lên). (not-docx)" in out
    assert "~$" not in out
    assert f"Đã ghi bảng mức độ đầy đủ (4 tệp): {out_dir / TABLE_XLSX}, {out_dir / TABLE_CSV}" in out

    sheet = openpyxl.load_workbook(out_dir / TABLE_XLSX)["Mức độ đầy đủ"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Đơn vị", "Tệp", "I. CÔNG TÁC QUÁN TRIỆT TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT 21-NQ/TW"]
    assert header[-4:] == ["Số mục thiếu", "Số mục trống", "Số lỗi thể thức", "Ghi chú"]
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in values] == ORDER
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in values}

    unit = rows["Xã Ân Phú"]
    assert unit["Tệp"] == "an-phu.yaml"
    assert {unit[h] for h in header[2:-4]} == {"có"}
    assert (unit["Số mục thiếu"], unit["Số mục trống"], unit["Số lỗi thể thức"], unit["Ghi chú"]) == (0, 0, None, None)

    generated = rows["ĐẢNG ỦY XÃ ĐẠ HUOAI"]
    assert (generated["Tệp"], generated[II_2_7], generated[V]) == ("da-huoai.docx", "thiếu", "có")
    assert (generated["Số mục thiếu"], generated["Số mục trống"], generated["Số lỗi thể thức"]) == (1, 0, 1)

    seed = rows["HUYỆN ỦY ĐỨC TRỌNG"]
    assert (seed["Tệp"], seed[II_2_7], seed[I_3], seed[V]) == ("duc-trong.txt", "thiếu", "thiếu", "đổi tên")
    assert (seed["Số mục thiếu"], seed["Số lỗi thể thức"]) == (1, None)  # I.3 is optional; a .txt has no format

    corrupt = rows["hong.docx"]
    assert corrupt["Tệp"] == "hong.docx"
    assert corrupt["Ghi chú"] == "Không đọc được: “hong.docx” không phải tệp .docx (Word 2007 trở lên)."
    assert {corrupt[h] for h in header[2:-1]} == {None}

    with (out_dir / TABLE_CSV).open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == header
    assert [r[0] for r in table[1:]] == ORDER
    by_name = {r[0]: dict(zip(header, r, strict=True)) for r in table[1:]}
    assert (by_name["ĐẢNG ỦY XÃ ĐẠ HUOAI"][II_2_7], by_name["ĐẢNG ỦY XÃ ĐẠ HUOAI"]["Số lỗi thể thức"]) == ("thiếu", "1")
    assert by_name["HUYỆN ỦY ĐỨC TRỌNG"][V] == "đổi tên"
    assert by_name["Xã Ân Phú"]["Số mục thiếu"] == "0"
    assert by_name["hong.docx"]["Ghi chú"].startswith("Không đọc được: ")


def test_no_table_without_the_option(capsys, folder: Path, tmp_path: Path):
    before = set(tmp_path.rglob("*"))
    code, out, _ = run_check(capsys, str(folder), "--outline", "bao-cao-so-ket-nq21")
    assert code == 2
    assert "Đã ghi bảng" not in out
    assert set(tmp_path.rglob("*")) == before


def test_findings_only_exit_one(capsys, folder: Path, tmp_path: Path):
    (folder / "hong.docx").unlink()
    code, _, _ = run_check(capsys, str(folder), "--outline", "bao-cao-so-ket-nq21", "--table", str(tmp_path / "t"))
    assert code == 1
    assert [r[0] for r in openpyxl.load_workbook(tmp_path / "t" / TABLE_XLSX).active.iter_rows(min_row=2, values_only=True)] == ORDER[:3]


def test_table_needs_an_outline(capsys, folder: Path, tmp_path: Path):
    code, _, err = run_check(capsys, str(folder), "--table", str(tmp_path / "t"))
    assert code == 2
    assert "lỗi: Khi lập bảng mức độ đầy đủ (--table), hãy cho biết đề cương bằng --outline. (missing-outline)" in err
    assert not (tmp_path / "t").exists()


def test_json_keeps_stdout_machine_readable(capsys, folder: Path, tmp_path: Path):
    code, out, err = run_check(capsys, "--format", "json", str(folder), "--outline", "bao-cao-so-ket-nq21", "--table", str(tmp_path / "t"))
    assert code == 2
    assert [(Path(r["file"]).name, r["status"]) for r in json.loads(out)] == [
        ("an-phu.yaml", "ok"), ("da-huoai.docx", "errors"), ("duc-trong.txt", "errors"), ("hong.docx", "unusable"),
    ]
    assert "Đã ghi bảng mức độ đầy đủ (4 tệp)" in err


def _printed_at_once(folder: Path, form: str) -> str:
    """What `docgen check` printed when it kept every file's findings and printed them at the end."""
    current = session()
    checked = [check_one(current, path, "bao-cao-so-ket-nq21") for path in content_files([str(folder)], CHECK_SUFFIXES)]
    if form == "json":
        payload = [{"file": str(c.path), "status": _status(c), "findings": [f.to_dict() for f in c.findings]} for c in checked]
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    return "".join("".join(f"{f.format()}\n" for f in c.findings) + f"{c.path}: {summary_line(c.findings)}\n" for c in checked)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("form", ["text", "json"])
def test_output_printed_file_by_file_is_what_was_printed_at_once(capsys, folder: Path, form: str, jobs: str):
    code, out, _ = run_check(capsys, "--format", form, "-j", jobs, str(folder), "--outline", "bao-cao-so-ket-nq21")
    assert code == 2
    assert out == _printed_at_once(folder, form)


def test_each_file_is_printed_before_the_next_is_checked(capsys, folder: Path, monkeypatch: pytest.MonkeyPatch):
    printed_before: list[str] = []
    real = check_cli.check_one

    def watched(current: Any, path: Path, outline_ref: str | None, outline: Any = None) -> Any:
        printed_before.append(capsys.readouterr().out)
        return real(current, path, outline_ref, outline)

    monkeypatch.setattr(check_cli, "check_one", watched)
    run_check(capsys, "-j", "1", str(folder), "--outline", "bao-cao-so-ket-nq21")
    files = content_files([str(folder)], CHECK_SUFFIXES)
    assert printed_before[0] == ""
    assert [text.splitlines()[-1].split(": ")[0] for text in printed_before[1:]] == [str(p) for p in files[:-1]]


def test_an_empty_json_array_is_as_json_prints_it(capsys):
    array = JsonArray()
    array.close()
    assert capsys.readouterr().out == json.dumps([]) + "\n"


def test_the_outline_of_a_folder_check_is_found_once(capsys, folder: Path, monkeypatch: pytest.MonkeyPatch):
    import docgen.pipeline as pipeline

    looked_up: list[Path | None] = []  # where each look-up started from
    real = pipeline.find_outline
    monkeypatch.setattr(pipeline, "find_outline", lambda ref, near=None: looked_up.append(near) or real(ref, near))
    run_check(capsys, "-j", "1", str(folder), "--outline", "bao-cao-so-ket-nq21")
    files = content_files([str(folder)], CHECK_SUFFIXES)
    assert len([p for p in files if p.suffix != ".yaml"]) == 3
    # once for the documents; a content file is checked by the pipeline as `docgen check FILE.yaml` is, with its own look-up
    assert len(looked_up) == 1 + len([p for p in files if p.suffix == ".yaml"])
