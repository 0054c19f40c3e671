"""`docgen users` and `docgen round` as an office meets them: messages, exit codes, files."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from guidance_docs import SEED_000, seed_000_docx
from openpyxl import load_workbook
from sqlalchemy import func, select

from docgen.cli import main
from docgen.service.outlines import round_outline
from docgen.storage.db import open_database, session_scope, sqlite_url
from docgen.storage.outlines import StoredOutline
from docgen.storage.rounds import Round

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


def _round_outline_titles(data_dir: Path, round_id: int) -> tuple[str, list[str]]:
    database = open_database(sqlite_url(data_dir))
    try:
        with session_scope(database.engine) as session:
            owner = session.get(Round, round_id)
            assert owner is not None and owner.stored_outline is not None
            outline = round_outline(owner)
            return outline.name, [s.title for s in outline.walk()]
    finally:
        database.dispose()


def _stored_count(data_dir: Path) -> int:
    database = open_database(sqlite_url(data_dir))
    try:
        with session_scope(database.engine) as session:
            return session.scalar(select(func.count()).select_from(StoredOutline)) or 0
    finally:
        database.dispose()


def test_round_create_takes_the_guidance_document_and_keeps_its_outline(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                                          data: list[str]) -> None:
    table = tmp_path / "don-vi.csv"
    table.write_text(UNITS_CSV, encoding="utf-8")
    run(capsys, "users", "create", "admin", "--role", "admin", *data)
    guidance = seed_000_docx(tmp_path / "huong-dan.docx")
    code, out, err = run(capsys, "round", "create", "--guidance", str(guidance), "--deadline", "15/12/2026", "--units", str(table),
                         "--title", "Sơ kết theo hướng dẫn", *data)
    assert (code, out.strip()) == (0, "Đã tạo đợt báo cáo số 1 “Sơ kết theo hướng dẫn”: 3 đơn vị, hạn nộp 15/12/2026.")
    assert f"{guidance}:" in err and "(outline-import-plain-point)" in err  # what the administrator should look at again
    name, titles = _round_outline_titles(tmp_path / "data", 1)
    assert name.startswith("Báo cáo sơ kết 05 năm thực hiện") and "Những kết quả nổi bật" in titles


def test_round_create_takes_an_outline_file_reviewed_by_its_author(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                                     data: list[str]) -> None:
    table = tmp_path / "don-vi.csv"
    table.write_text(UNITS_CSV, encoding="utf-8")
    run(capsys, "users", "create", "admin", "--role", "admin", *data)
    outline = tmp_path / "de-cuong.yaml"
    assert run(capsys, "outline", "import", str(SEED_000), "-o", str(outline))[0] == 0
    outline.write_text(outline.read_text(encoding="utf-8").replace("Những kết quả nổi bật", "Kết quả nổi bật nhất"), encoding="utf-8")
    code, out, _ = run(capsys, "round", "create", "--outline", str(outline), "--deadline", "15/12/2026", "--units", str(table), *data)
    assert code == 0 and out.startswith("Đã tạo đợt báo cáo số 1 “Báo cáo sơ kết 05 năm")
    _, titles = _round_outline_titles(tmp_path / "data", 1)
    assert "Kết quả nổi bật nhất" in titles and "Những kết quả nổi bật" not in titles


def test_round_create_refuses_a_bad_outline_source_and_keeps_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                                       data: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "don-vi.csv"
    table.write_text(UNITS_CSV, encoding="utf-8")
    run(capsys, "users", "create", "admin", "--role", "admin", *data)
    common = ["--deadline", "15/12/2026", "--units", str(table), *data]
    broken = tmp_path / "hong.yaml"
    broken.write_text("id: hong\nname: Đề cương hỏng\n", encoding="utf-8")
    large = tmp_path / "lon.txt"
    large.write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr("docgen.service.outlines.MAX_GUIDANCE_BYTES", 1024)
    for source, said in ((["--guidance", str(tmp_path / "khong-co.docx")], "Không tìm thấy tệp"),
                         (["--guidance", str(table)], "Văn bản hướng dẫn phải là tệp .docx, .pdf hoặc .txt. (guidance-format)"),
                         (["--guidance", str(large)], "Tệp quá lớn (tối đa 0 MB)"),
                         (["--outline", str(broken)], "hong.yaml:1: lỗi: Đề cương thiếu khóa “version”. (outline-missing-key)"),
                         (["--outline", str(tmp_path / "khong-co.yaml")], "Không tìm thấy tệp")):
        code, _, err = run(capsys, "round", "create", *source, *common)
        assert code == 2 and said in err, (source, err)
    with pytest.raises(SystemExit) as exited:
        main(["round", "create", "--outline", "bao-cao-so-ket-nq21", "--guidance", str(SEED_000), *common])
    assert exited.value.code == 2 and "--guidance: không dùng cùng với --outline" in capsys.readouterr().err
    assert _stored_count(tmp_path / "data") == 0
    assert run(capsys, "round", "list", *data)[1] == ""
