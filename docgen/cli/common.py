"""What every command shares: exit codes, the files a command line names, printing findings."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..core.errors import DocgenError, Finding, Location, Severity, error, has_errors
from ..core.fsio import check_output_file, read_failed
from ..pipeline import Session
from ..pipeline import session as shared_session

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
PROGRESS_FROM = 20  # files: fewer are read before a progress display would say anything


def content_files(paths: Sequence[str], suffixes: tuple[str, ...] = (".yaml",)) -> list[Path]:
    """Files named on the command line; a folder stands for the files in it that end in one of `suffixes`
    (hidden files and Word's "~$" lock files left out). A folder with none of them stops the command."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = folder_files(path, suffixes)
            if not found:
                raise DocgenError(error("empty-folder", f"Thư mục “{path}” không có tệp {', '.join(suffixes)} nào để đọc.", Location(str(path))))
            files += found
        else:
            files.append(path)
    return files


def folder_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise read_failed(folder, exc) from None
    return sorted(p for p in entries if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith((".", "~$")))


def prepare_output(target: Path, force: bool, suffixes: tuple[str, ...], inputs: tuple[Path, ...] = ()) -> bool:
    """Check an output file before any work (extension, a folder of that name, one of the inputs, a
    place the user may not write: DocgenError); whether to stop because it exists without --force."""
    check_output_file(target, suffixes, inputs)
    return refuse_overwrite(target, force)


def session(strict: bool = False) -> Session:
    """The session a command goes through (outlines, templates, validation, the strict policy, rendering)."""
    return shared_session(strict)


def refuse_overwrite(target: Path, force: bool) -> bool:
    """Whether to stop because the output exists (prints why): an existing file is overwritten only with --force."""
    if target.exists() and not force:
        print(f"lỗi: “{target}” đã có; không ghi đè (dùng --force nếu muốn).", file=sys.stderr)
        return True
    return False


def summary_line(findings: Sequence[Finding]) -> str:
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    return f"{counts[Severity.ERROR]} lỗi, {counts[Severity.WARNING]} cảnh báo, {counts[Severity.INFO]} lưu ý"


def print_findings(findings: Sequence[Finding], stream: TextIO | None = None) -> None:
    for finding in findings:
        print(finding.format(), file=stream or sys.stdout)


class JsonArray:
    """A JSON array printed one item at a time: the same bytes as `print(json.dumps(items, ensure_ascii=False,
    indent=2))` once all are known, without keeping them."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream, self.count = stream, 0

    def add(self, item: Any) -> None:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")  # a newline inside a string is escaped
        print(("[\n  " if not self.count else ",\n  ") + text, end="", file=self.stream or sys.stdout)
        self.count += 1

    def close(self) -> None:
        print("\n]" if self.count else "[]", file=self.stream or sys.stdout)


def exit_for(findings: Sequence[Finding]) -> int:
    return EXIT_FINDINGS if has_errors(list(findings)) else EXIT_OK
