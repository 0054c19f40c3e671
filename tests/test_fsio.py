"""Atomic writes: the user's umask, and every failure a Vietnamese error that leaves nothing behind."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from docgen.core import fsio
from docgen.core.errors import DocgenError
from docgen.core.fsio import atomic_write, check_output_file, check_output_folder


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_files_get_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fsio, "_UMASK", 0o002)  # a shared office folder: the group may write too
    atomic_write(tmp_path / "a.docx", b"1")
    assert _mode(tmp_path / "a.docx") == 0o664
    (tmp_path / "a.docx").chmod(0o640)
    atomic_write(tmp_path / "a.docx", b"2")
    assert _mode(tmp_path / "a.docx") == 0o640 and (tmp_path / "a.docx").read_bytes() == b"2"


def test_the_umask_is_the_process_umask():
    mask = os.umask(0o022)
    os.umask(mask)
    assert fsio._current_umask() == mask


def _full_disk(fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")  # where a full disk shows at the latest


def test_a_full_disk_is_a_vietnamese_error_and_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "fsync", _full_disk)
    with pytest.raises(DocgenError) as caught:
        atomic_write(target, b"new" * 100_000)
    finding = caught.value.findings[0]
    assert (finding.code, finding.message) == ("write-failed", f"Không ghi được “{target}”: ổ đĩa đã đầy.")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.docx"]  # no temporary file left


def test_a_read_only_folder_is_a_vietnamese_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(fsio.tempfile, "mkstemp", read_only)
    with pytest.raises(DocgenError) as caught:
        atomic_write(tmp_path / "x.docx", b"1")
    assert caught.value.findings[0].message == f"Không ghi được “{tmp_path / 'x.docx'}”: ổ đĩa chỉ cho phép đọc."


def test_writing_over_a_folder_leaves_it_alone(tmp_path: Path):
    (tmp_path / "out.docx").mkdir()
    with pytest.raises(DocgenError) as caught:
        atomic_write(tmp_path / "out.docx", b"1")
    assert caught.value.findings[0].message.endswith("đây là một thư mục, không phải tệp.")
    assert (tmp_path / "out.docx").is_dir() and list(tmp_path.iterdir()) == [tmp_path / "out.docx"]


def test_a_file_where_a_folder_should_be(tmp_path: Path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(DocgenError) as caught:
        atomic_write(tmp_path / "out" / "a.docx", b"1")
    assert "một phần của đường dẫn là tệp, không phải thư mục" in caught.value.findings[0].message


@pytest.mark.parametrize(("name", "code"), [("a.pdf", "wrong-extension"), ("a.doc", "wrong-extension"), ("a", "wrong-extension")])
def test_output_file_extension(tmp_path: Path, name: str, code: str):
    with pytest.raises(DocgenError) as caught:
        check_output_file(tmp_path / name, (".docx",))
    assert caught.value.findings[0].code == code
    assert caught.value.findings[0].message == f"Tệp kết quả “{tmp_path / name}” phải có đuôi .docx."


def test_upper_case_extension_is_fine(tmp_path: Path):
    check_output_file(tmp_path / "sub" / "A.DOCX", (".docx",))


def test_output_equal_to_an_input_is_refused(tmp_path: Path):
    source = tmp_path / "a.yaml"
    source.write_text("x")
    with pytest.raises(DocgenError) as caught:
        check_output_file(tmp_path / "." / "a.yaml", (".yaml",), inputs=(source,))
    assert caught.value.findings[0].code == "output-is-input"
    assert source.read_text() == "x"


def test_output_folder_that_is_a_file(tmp_path: Path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(DocgenError) as caught:
        check_output_folder(tmp_path / "out")
    assert caught.value.findings[0].code == "write-failed"


def test_unwritable_places_are_refused_before_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fsio.os, "access", lambda path, mode: False)  # as a user without the right (tests run as root)
    with pytest.raises(DocgenError) as caught:
        check_output_folder(tmp_path / "new" / "out")
    assert caught.value.findings[0].message == f"Không ghi được “{tmp_path / 'new' / 'out'}”: không có quyền truy cập."


def test_a_real_full_disk(tmp_path: Path):
    """On a 64 KB tmpfs when the machine allows mounting one (root in CI), else skipped."""
    import subprocess

    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root and mount rights); the injected ENOSPC test covers the code")
    try:
        (disk / "a.docx").write_bytes(b"old")
        with pytest.raises(DocgenError) as caught:
            atomic_write(disk / "a.docx", b"x" * 200_000)
        assert caught.value.findings[0].message == f"Không ghi được “{disk / 'a.docx'}”: ổ đĩa đã đầy."
        assert [p.name for p in disk.iterdir()] == ["a.docx"] and (disk / "a.docx").read_bytes() == b"old"
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_folder_writer_writes_like_atomic_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fsio, "_UMASK", 0o002)
    writer = fsio.FolderWriter(tmp_path / "out")  # the folder is made
    writer.write("a.docx", b"1" * 100_000)
    assert _mode(tmp_path / "out" / "a.docx") == 0o664 and (tmp_path / "out" / "a.docx").read_bytes() == b"1" * 100_000
    (tmp_path / "out" / "a.docx").chmod(0o640)
    writer.write("a.docx", b"2")
    assert _mode(tmp_path / "out" / "a.docx") == 0o640 and (tmp_path / "out" / "a.docx").read_bytes() == b"2"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx"]


def test_a_folder_writer_that_fails_names_the_file_and_leaves_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = fsio.FolderWriter(tmp_path)
    writer.write("a.docx", b"old")

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsio.os, "write", full)
    with pytest.raises(DocgenError) as caught:
        writer.write("a.docx", b"new")
    finding = caught.value.findings[0]
    assert finding.code == "write-failed" and "a.docx" in finding.message and finding.message.endswith(": ổ đĩa đã đầy.")
    monkeypatch.undo()
    assert (tmp_path / "a.docx").read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_a_folder_writer_writes_over_a_temporary_file_a_killed_run_left(tmp_path: Path) -> None:
    writer = fsio.FolderWriter(tmp_path)
    (tmp_path / f".a.docx.{os.getpid()}-0.tmp").write_bytes(b"half of an earlier run's document")  # same pid after a restart
    writer.write("a.docx", b"new")
    assert (tmp_path / "a.docx").read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]
