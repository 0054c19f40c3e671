"""Atomic file writes: a reader never sees a half-written file, even after a crash.

A write that fails (read-only folder, full disk, a folder in the way) stops with a `DocgenError`
naming the path and the cause in Vietnamese, and leaves nothing behind. Files get the mode the
user's umask gives (not the 0600 of a temporary file), or keep the mode of the file they replace.
"""

from __future__ import annotations

import errno
import itertools
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TextIO

from .errors import DocgenError, Location, error


def _current_umask() -> int:
    """The process's umask, read once at import (setting it back and forth later would race with threads)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()

# The cause of a failed write or read, as the user reads it (errno → Vietnamese).
_CAUSES = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết hạn mức dung lượng được dùng trên ổ đĩa",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép thao tác",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.ENOENT: "không tìm thấy",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EEXIST: "đã có một tệp hoặc thư mục cùng tên",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
}


def cause(exc: OSError) -> str:
    """Why an operating-system call failed, in Vietnamese."""
    return _CAUSES.get(exc.errno or 0, exc.strerror or "lỗi hệ thống")


def write_failed(path: Path, exc: OSError) -> DocgenError:
    return DocgenError(error("write-failed", f"Không ghi được “{path}”: {cause(exc)}.", Location(str(path))))


def read_failed(path: Path, exc: OSError) -> DocgenError:
    return DocgenError(error("file-unreadable", f"Không đọc được “{path}”: {cause(exc)}.", Location(str(path))))


def atomic_write(path: Path, data: bytes, sync: bool = True) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename over `path`.

    `sync=False` skips the flush to disk (a killed process still never leaves a partial file;
    only a power cut can): for many files that are checked by hash and flushed once at the end.
    """
    with _replacing(path, "wb", sync) as handle:
        handle.write(data)


class FolderWriter:
    """atomic_write without a flush to disk (`sync=False`), for many files of one folder: the folder
    is made once, and each file is written with plain system calls to a temporary file named after
    the process and a counter (".<name>.<pid>-<n>.tmp"), then renamed over it. Half the cost of
    atomic_write per file, for a bulk run writing thousands."""

    def __init__(self, folder: Path) -> None:
        make_folder(folder)
        self.folder = folder
        self._count = itertools.count()

    def write(self, name: str, data: bytes) -> None:
        path = self.folder / name
        tmp = self.folder / f".{name}.{os.getpid()}-{next(self._count)}.tmp"
        mode = _mode_for(path)
        try:
            # Truncated, not refused, if it exists: only a killed run of a process with the same pid left it.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            try:
                os.fchmod(fd, mode)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise write_failed(path, exc) from None


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write(path, text.encode("utf-8"))


def atomic_text_writer(path: Path) -> AbstractContextManager[TextIO]:
    """A UTF-8 text handle on a temporary file, renamed over `path` (after a flush to disk) when the
    block ends without an error; for large files written piece by piece."""
    return _replacing(path, "w", True, encoding="utf-8", newline="")


def make_folder(path: Path) -> None:
    """`path` and its parents, as a `DocgenError` when that cannot be done."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file where the folder should be
        raise write_failed(path, OSError(errno.ENOTDIR, exc.strerror)) from None
    except OSError as exc:
        raise write_failed(path, exc) from None


@contextmanager
def _replacing(path: Path, mode: str, sync: bool, **options: Any) -> Iterator[Any]:
    """A handle on a temporary file beside `path`, renamed over it when the block ends without an
    error (removed otherwise)."""
    make_folder(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise write_failed(path, exc) from None
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, mode, **options) as handle:
            yield handle
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise write_failed(path, exc) from None
        raise


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        existing = path.stat()
    except OSError:
        return 0o666 & ~_UMASK
    return stat.S_IMODE(existing.st_mode) if stat.S_ISREG(existing.st_mode) else 0o666 & ~_UMASK


def check_output_file(path: Path, suffixes: tuple[str, ...], inputs: tuple[Path, ...] = ()) -> None:
    """Refuse, before any work, an output file that cannot be written: a wrong extension (upper
    case is fine), a folder of that name, one of the inputs, or a place the user may not write."""
    if path.suffix.lower() not in suffixes:
        wanted = " hoặc ".join(suffixes)
        raise DocgenError(error("wrong-extension", f"Tệp kết quả “{path}” phải có đuôi {wanted}.", Location(str(path))))
    if path.is_dir():
        raise write_failed(path, OSError(errno.EISDIR, "is a directory"))
    for source in inputs:
        if _same_file(path, source):
            raise DocgenError(error(
                "output-is-input", f"Tệp kết quả “{path}” trùng với tệp đầu vào; hãy chọn tên khác để không ghi đè lên tệp gốc.", Location(str(path))
            ))
    _check_writable(path.parent, path)


def check_output_folder(path: Path) -> None:
    """Refuse, before any work, an output folder that is a file or lies where the user may not write."""
    if path.exists() and not path.is_dir():
        raise write_failed(path, OSError(errno.ENOTDIR, "not a directory"))
    _check_writable(path, path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _check_writable(folder: Path, target: Path) -> None:
    """The nearest existing folder on the way to `folder` must be a folder the user may write in."""
    existing = folder.absolute()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise write_failed(target, OSError(errno.ENOTDIR, "not a directory"))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise write_failed(target, OSError(errno.EACCES, "permission denied"))
    if os.statvfs(existing).f_flag & os.ST_RDONLY:
        raise write_failed(target, OSError(errno.EROFS, "read-only file system"))
