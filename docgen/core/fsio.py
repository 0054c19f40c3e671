"""Atomic file writes: a reader never sees a half-written file, even after a crash."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def atomic_write(path: Path, data: bytes, sync: bool = True) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename over `path`.

    `sync=False` skips the flush to disk (a killed process still never leaves a partial file;
    only a power cut can): for many files that are checked by hash and flushed once at the end.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write(path, text.encode("utf-8"))


@contextmanager
def atomic_text_writer(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text handle on a temporary file, renamed over `path` (after a flush to disk) when the
    block ends without an error; for large files written piece by piece."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
