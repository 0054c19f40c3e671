"""What every command shares: exit codes, the files a command line names, printing findings."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..core.errors import Finding, Severity, has_errors
from ..pipeline import Session
from ..pipeline import session as shared_session

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def content_files(paths: Sequence[str], suffixes: tuple[str, ...] = (".yaml",)) -> list[Path]:
    """Files named on the command line; a folder stands for the files in it that end in one of `suffixes`
    (hidden files and Word's "~$" lock files left out)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith((".", "~$")))
        else:
            files.append(path)
    return files


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


def exit_for(findings: Sequence[Finding]) -> int:
    return EXIT_FINDINGS if has_errors(list(findings)) else EXIT_OK
