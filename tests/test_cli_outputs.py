"""Where commands write: every output checked before work, every failure a Vietnamese message
naming the path and the cause, exit 2, nothing partial left, the input untouched."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from samples import PROJECT_ROOT

from docgen.cli import main
from docgen.core import fsio
from docgen.read.documents import READABLE_SUFFIXES

SEED_004 = next((PROJECT_ROOT / "reference" / "seeds").glob("004_*.txt"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("name", ["x.pdf", "x.doc", "bao-cao.odt"])
def test_build_refuses_another_extension_and_makes_no_folder(capsys, minimal: Callable[..., Path], tmp_path: Path, name: str) -> None:
    content = minimal()
    code, out, err = run(capsys, "build", str(content), "-o", str(tmp_path / name))
    assert code == 2 and out == ""
    assert err == f"{tmp_path / name}: lỗi: Tệp kết quả “{tmp_path / name}” phải có đuôi .docx. (wrong-extension)\n"
    assert not (tmp_path / name).exists()


def test_build_takes_an_upper_case_extension_as_a_file(capsys, minimal: Callable[..., Path], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "build", str(minimal()), "-o", str(tmp_path / "BAO-CAO.DOCX"))
    assert code == 0 and (tmp_path / "BAO-CAO.DOCX").is_file()
    assert out.startswith(f"Đã tạo {tmp_path / 'BAO-CAO.DOCX'} ")


def test_build_exits_1_when_a_document_carries_errors(capsys, minimal: Callable[..., Path], tmp_path: Path) -> None:
    content = minimal(("  hop-tac-quoc-te: Hợp tác.\n", ""))
    code, out, err = run(capsys, "build", str(content), "-o", str(tmp_path / "out"))
    assert code == 1 and (tmp_path / "out" / "content.docx").is_file()
    assert "(missing-section)" in err


@pytest.mark.parametrize("command", [["build"], ["check"], ["check", "--outline", "bao-cao-so-ket-nq21"]])
def test_an_empty_folder_is_an_error(capsys, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "rong").mkdir()
    (tmp_path / "rong" / "anh-chup.png").write_bytes(b"\x89PNG")
    code, out, err = run(capsys, *command, str(tmp_path / "rong"), *(["-o", str(tmp_path / "out")] if command == ["build"] else []))
    assert code == 2
    suffixes = ".yaml" if command == ["build"] else ", ".join(READABLE_SUFFIXES)
    assert f"lỗi: Thư mục “{tmp_path / 'rong'}” không có tệp {suffixes} nào để đọc. (empty-folder)" in err
    assert not (tmp_path / "out").exists()


def test_new_into_a_folder_of_that_name(capsys, tmp_path: Path) -> None:
    (tmp_path / "xa-a.yaml").mkdir()
    code, _, err = run(capsys, "new", "bao-cao-so-ket-nq21", "-o", str(tmp_path / "xa-a.yaml"))
    assert code == 2
    assert f"Không ghi được “{tmp_path / 'xa-a.yaml'}”: đây là một thư mục, không phải tệp. (write-failed)" in err


def test_new_refuses_a_wrong_extension(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "new", "bao-cao-so-ket-nq21", "-o", str(tmp_path / "xa-a.docx"))
    assert code == 2 and "phải có đuôi .yaml hoặc .yml. (wrong-extension)" in err
    assert list(tmp_path.iterdir()) == []


def test_import_never_overwrites_its_input(capsys, tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.yaml"
    shutil.copy(PROJECT_ROOT / "content" / "duc-trong.yaml", source)
    before = source.read_bytes()
    code, _, err = run(capsys, "outline", "import", str(source), "-o", str(source), "--force")
    assert code == 2 and "(output-is-input)" in err
    assert source.read_bytes() == before


def test_unwritable_output_stops_before_any_work(capsys, minimal: Callable[..., Path], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    content = minimal()
    monkeypatch.setattr(fsio.os, "access", lambda path, mode: False)  # a folder the user may not write in (tests run as root)
    for argv in (["build", str(content), "-o", str(tmp_path / "out")],
                 ["bulk", str(content), "--province", "Lâm Đồng", "-o", str(tmp_path / "out")],
                 ["rollup", str(content.parent), "--outline", "bao-cao-so-ket-nq21", "-o", str(tmp_path / "out")],
                 ["check", str(content), "--outline", "bao-cao-so-ket-nq21", "--table", str(tmp_path / "out")],
                 ["new", "bao-cao-so-ket-nq21", "-o", str(tmp_path / "out" / "a.yaml")]):
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert err.endswith(": không có quyền truy cập. (write-failed)\n"), (argv, err)
        assert "Đã tạo" not in out
    assert _files(tmp_path) == ["content.yaml"]


def test_a_full_disk_in_build(capsys, minimal: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsio.os, "fsync", full)
    code, out, err = run(capsys, "build", str(minimal()), "-o", str(tmp_path / "out" / "a.docx"))
    assert code == 2 and out == ""
    assert err.endswith(f"lỗi: Không ghi được “{tmp_path / 'out' / 'a.docx'}”: ổ đĩa đã đầy. (write-failed)\n")
    assert _files(tmp_path / "out") == []


def test_a_real_full_disk_in_build(minimal: Callable[..., Path], tmp_path: Path) -> None:
    """On a 32 KB tmpfs, through the installed command, when the machine allows mounting one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root and mount rights); the injected ENOSPC tests cover the code")
    try:
        (disk / "da-co.bin").write_bytes(b"x" * 28 * 1024)  # 4 KB left: less than a document
        done = subprocess.run(["python", "-m", "docgen", "build", str(minimal()), "-o", str(disk / "a.docx")], capture_output=True, text=True)
        assert done.returncode == 2, done.stderr
        assert done.stderr.endswith(f"lỗi: Không ghi được “{disk / 'a.docx'}”: ổ đĩa đã đầy. (write-failed)\n")
        assert [p.name for p in disk.iterdir()] == ["da-co.bin"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_rollup_reads_txt_reports_as_check_does(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "nop-ve"
    folder.mkdir()
    shutil.copy(SEED_004, folder / "duc-trong.txt")
    shutil.copy(PROJECT_ROOT / "content" / "phuong-mau-party.yaml", folder / "phuong-mau.yaml")
    _, out, _ = run(capsys, "rollup", str(folder), "--outline", "bao-cao-so-ket-nq21", "-o", str(tmp_path / "tong-hop"))
    assert "2 đơn vị đã đọc, 0 tệp không đọc được" in out
    _, out, _ = run(capsys, "check", str(folder), "--outline", "bao-cao-so-ket-nq21")
    assert f"{folder / 'duc-trong.txt'}: " in out


def test_an_unreadable_units_table(capsys, minimal: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "don-vi.csv"
    table.write_text("code,name\n1,Xã A\n", encoding="utf-8")
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == table:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, _, err = run(capsys, "bulk", str(minimal()), "--units", str(table), "-o", str(tmp_path / "out"))
    assert code == 2 and err.endswith(f"lỗi: Không đọc được “{table}”: không có quyền truy cập. (file-unreadable)\n")
