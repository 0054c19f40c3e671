"""Atomic file writes: a reader never sees a half-written file, even after a crash."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TextIO


def atomic_write(path: Path, data: bytes, sync: bool = True) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename over `path`.

    `sync=False` skips the flush to disk (a killed process still never leaves a partial file;
    only a power cut can): for many files that are checked by hash and flushed once at the end.
    """
    with _replacing(path, "wb", sync) as handle:
        handle.write(data)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write(path, text.encode("utf-8"))


def atomic_text_writer(path: Path) -> AbstractContextManager[TextIO]:
    """A UTF-8 text handle on a temporary file, renamed over `path` (after a flush to disk) when the
    block ends without an error; for large files written piece by piece."""
    return _replacing(path, "w", True, encoding="utf-8", newline="")


@contextmanager
def _replacing(path: Path, mode: str, sync: bool, **options: Any) -> Iterator[Any]:
    """A handle on a temporary file beside `path`, renamed over it when the block ends without an
    error (removed otherwise)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **options) as handle:
            yield handle
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
