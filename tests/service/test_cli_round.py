"""`docgen users` and `docgen round` as an office meets them: messages, exit codes, files."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from docgen.cli import main

from .conftest import ROOT, UNITS_CSV


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path) -> list[str]:
    return ["--data-dir", str(tmp_path / "data")]


def test_users_import_writes_one_time_passwords_for_the_office(capsys: pytest.CaptureFixture[str], tmp_path: Path, data: list[str]) -> None:
    table, out = tmp_path / "don-vi.csv", tmp_path / "mat-khau.csv"
    table.write_text(UNITS_CSV, encoding="utf-8")
    code, printed, _ = run(capsys, "users", "import", str(table), "-o", str(out), *data)
    assert code == 0 and f"Đã tạo 3 tài khoản thư ký; mật khẩu dùng một lần ghi trong “{out}”." in printed
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Mã đơn vị", "Tên đơn vị", "Tên đăng nhập", "Mật khẩu dùng một lần"]
    assert rows[2][:3] == ["B2", "Xã Đạ Huoai", "xa-da-huoai-b2"] and len(rows[2][3]) == 14
    assert out.stat().st_mode & 0o077 == 0
    code, _, err = run(capsys, "users", "import", str(table), "-o", str(out), *data)
    assert code == 2 and "đã có; mật khẩu cũ trong đó sẽ mất" in err


def test_round_create_list_export(capsys: pytest.CaptureFixture[str], tmp_path: Path, data: list[str]) -> None:
    table = tmp_path / "don-vi.csv"
    table.write_text(UNITS_CSV, encoding="utf-8")
    assert run(capsys, "users", "create", "admin", "--role", "admin", *data)[0] == 0
    base = str(ROOT / "content" / "phuong-mau-party.yaml")
    code, out, _ = run(capsys, "round", "create", "--outline", "bao-cao-so-ket-nq21", "--deadline", "15/12/2026", "--units", str(table),
                       "--base", base, "--title", "Sơ kết NQ21", *data)
    assert (code, out.strip()) == (0, "Đã tạo đợt báo cáo số 1 “Sơ kết NQ21”: 3 đơn vị, hạn nộp 15/12/2026.")
    code, out, _ = run(capsys, "round", "list", *data)
    assert out.startswith("1  Sơ kết NQ21  (đề cương bao-cao-so-ket-nq21, hạn 15/12/2026): dự kiến 3, đã nộp 0")
    code, out, err = run(capsys, "round", "export", "1", "-o", str(tmp_path / "ra"), "--what", "matrix", "--what", "documents", *data)
    assert code == 0
    sheet = load_workbook(tmp_path / "ra" / "dot-1-muc-do-day-du.xlsx").active
    assert sheet is not None and [sheet.cell(row=i, column=1).value for i in (2, 3, 4)] == [
        "Phường Bảo Lộc 1", "Phường Xuân Hương - Đà Lạt", "Xã Đạ Huoai"]
    names = zipfile.ZipFile(tmp_path / "ra" / "dot-1-van-ban.zip").namelist()
    assert "xa-da-huoai-B2.docx" in names


def test_round_commands_refuse_bad_input_in_vietnamese(capsys: pytest.CaptureFixture[str], tmp_path: Path, data: list[str]) -> None:
    table = tmp_path / "don-vi.csv"
    table.write_text(UNITS_CSV, encoding="utf-8")
    argv = ["round", "create", "--outline", "bao-cao-so-ket-nq21", "--deadline", "15/12/2026", "--units", str(table), *data]
    code, _, err = run(capsys, *argv)
    assert code == 2 and "Không có tài khoản quản trị; hãy tạo bằng: docgen users create TÊN --role admin (no-administrator)" in err
    run(capsys, "users", "create", "admin", "--role", "admin", *data)
    code, _, err = run(capsys, *[a if a != "15/12/2026" else "31/02/2026" for a in argv])
    assert code == 2 and "Hạn nộp “31/02/2026” không đọc được" in err
    code, _, err = run(capsys, "round", "export", "7", *data)
    assert code == 2 and "Không có đợt báo cáo số 7. (round-not-found)" in err
