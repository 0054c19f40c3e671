"""The command line as a user meets it: exit codes, messages, files written or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx_view import body, open_docx

from docgen.cli import main
from docgen.content.report import load_report
from docgen.core.errors import DocgenError
from docgen.validate.rules import validate


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_clean_file_exits_zero(capsys, minimal):
    code, out, _ = run(capsys, "check", str(minimal()))
    assert code == 0
    assert out.strip().endswith("0 lỗi, 0 cảnh báo, 0 lưu ý")


def test_check_reports_missing_section_and_exits_one(capsys, minimal):
    path = minimal(("  hop-tac-quoc-te: Hợp tác.\n", ""))
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert f"{path}:10: lỗi: [II.2.7] Thiếu mục “Tăng cường hợp tác quốc tế”. (missing-section)" in out


def test_check_json_for_machines(capsys, minimal):
    path = minimal(("  hop-tac-quoc-te: Hợp tác.\n", ""))
    code, out, _ = run(capsys, "check", "--format", "json", str(path))
    [result] = json.loads(out)
    assert code == 1 and result["status"] == "errors"
    assert result["findings"] == [{"code": "missing-section", "severity": "error", "message": "Thiếu mục “Tăng cường hợp tác quốc tế”.",
                                   "file": str(path), "line": 10, "section": "II.2.7", "title": "Tăng cường hợp tác quốc tế",
                                   "page": None}]


@pytest.mark.parametrize(("text", "code", "line"), [
    ("outline: bao-cao-so-ket-nq21\nsections:\n  a: [unclosed\n", "yaml-syntax", 4),
    ("outline: bao-cao-so-ket-nq21\nplace: A\nplace: B\n", "duplicate-key", 3),
    ("- just\n- a list\n", "content-invalid", 1),
    ("place: X\n", "missing-outline", 1),
    ("outline: khong-co\n", "outline-not-found", None),
])
def test_unusable_input_exits_two_with_a_vietnamese_message(capsys, write, text, code, line):
    path = write(text)
    status, out, err = run(capsys, "check", str(path))
    assert status == 2
    assert f"({code})" in out
    if line:
        assert f"{path}:{line}: lỗi:" in out
    assert "Traceback" not in out + err


def test_missing_file(capsys, tmp_path: Path):
    status, out, _ = run(capsys, "check", str(tmp_path / "khong-co.yaml"))
    assert status == 2
    assert out.splitlines()[0] == f"{tmp_path / 'khong-co.yaml'}: lỗi: Không tìm thấy tệp “{tmp_path / 'khong-co.yaml'}”. (file-not-found)"


def test_build_writes_docx_and_prints_findings(capsys, minimal, tmp_path: Path):
    path = minimal(("  hop-tac-quoc-te: Hợp tác.\n", ""))
    target = tmp_path / "out" / "bao-cao.docx"
    status, out, err = run(capsys, "build", str(path), "-o", str(target))
    assert status == 1  # built, but it carries an error-level finding (as `check` would exit)
    assert "(missing-section)" in err
    assert out.strip() == f"Đã tạo {target} (1 lỗi, 0 cảnh báo, 0 lưu ý)"
    assert body(open_docx(target))[0].text == "BÁO CÁO"


def test_build_strict_refuses_and_writes_nothing(capsys, minimal, tmp_path: Path):
    path = minimal(("  hop-tac-quoc-te: Hợp tác.\n", ""))
    target = tmp_path / "x.docx"
    status, _, err = run(capsys, "build", "--strict", str(path), "-o", str(target))
    assert status == 1
    assert "không tạo văn bản vì còn lỗi (--strict)" in err
    assert not target.exists()


def test_build_folder_into_out_dir(capsys, minimal, tmp_path: Path):
    minimal(name="a.yaml")
    minimal(name="b.yaml")
    status, out, _ = run(capsys, "build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert status == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "b.docx"]


def test_new_writes_a_skeleton_that_lists_what_is_missing(capsys, tmp_path: Path, nq21):
    target = tmp_path / "moi.yaml"
    status, out, _ = run(capsys, "new", "bao-cao-so-ket-nq21", "-o", str(target))
    assert status == 0 and out.strip() == f"Đã tạo {target} với 20 mục để điền."
    text = target.read_text(encoding="utf-8")
    assert "#       2.7. Tăng cường hợp tác quốc tế (bắt buộc)" in text
    assert "Gợi ý: Việc chủ động hội nhập, tăng cường hợp tác với các tổ chức quốc tế" in text
    report = load_report(target)
    assert set(report.sections) == {s.id for s in nq21.walk()}
    empty = [f.location.section for f in validate(nq21, report) if f.code == "empty-section"]
    assert empty == ["II.1", "II.2.1", "II.2.2", "II.2.3", "II.2.4", "II.2.5", "II.2.6", "II.2.7", "IV", "V"]


def test_new_never_overwrites(capsys, tmp_path: Path):
    target = tmp_path / "co-roi.yaml"
    target.write_text("place: giữ nguyên\n", encoding="utf-8")
    status, _, err = run(capsys, "new", "bao-cao-so-ket-nq21", "-o", str(target))
    assert status == 2 and "không ghi đè" in err
    assert target.read_text(encoding="utf-8") == "place: giữ nguyên\n"


def test_outline_show(capsys):
    status, out, _ = run(capsys, "outline", "show", "bao-cao-so-ket-nq21")
    assert status == 0
    assert "    2.7. Tăng cường hợp tác quốc tế  [hop-tac-quoc-te]" in out.splitlines()


def test_pdf_without_libreoffice_is_a_clear_message(capsys, minimal, tmp_path: Path, monkeypatch):
    from docgen.render import pdf

    monkeypatch.setattr(pdf, "office_binary", lambda: None)
    status, _, err = run(capsys, "build", "--pdf", str(minimal()), "-o", str(tmp_path / "a.docx"))
    assert status == 2
    assert "Chưa cài LibreOffice nên không tạo được PDF" in err
    assert (tmp_path / "a.docx").exists()


def test_interrupted_write_keeps_the_old_file(minimal, tmp_path: Path, monkeypatch):
    from docgen.core import fsio
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(fsio.os, "replace", fail)
    with pytest.raises(DocgenError) as caught:
        fsio.atomic_write(target, b"new")
    assert caught.value.findings[0].message == f"Không ghi được “{target}”: ổ đĩa đã đầy."
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".a.docx")] == []


def test_build_with_pdf(capsys, minimal, tmp_path: Path):
    import os
    import shutil
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI (scripts/install-system-deps.sh)")
        pytest.skip("LibreOffice not installed")
    status, out, _ = run(capsys, "build", "--pdf", str(minimal()), "-o", str(tmp_path / "a.docx"))
    assert status == 0
    pdf = (tmp_path / "a.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")


