"""Commands for the level above and for outline and template authors: rollup, template check,
outline lint and diff. Registered on the main parser by docgen.cli; same exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import Finding, Severity, has_errors
from .outline import find_outline, load_outline

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def _print(findings: Sequence[Finding]) -> None:
    for finding in findings:
        print(finding.format(), file=sys.stderr)


def _exit(findings: Sequence[Finding]) -> int:
    return EXIT_FINDINGS if has_errors(list(findings)) else EXIT_OK


def _count(findings: Sequence[Finding]) -> str:
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    return f"{counts[Severity.ERROR]} lỗi, {counts[Severity.WARNING]} cảnh báo, {counts[Severity.INFO]} lưu ý"


def cmd_rollup(args: argparse.Namespace) -> int:
    from .rollup_run import run_rollup

    outline = load_outline(find_outline(args.outline))
    written = run_rollup(Path(args.folder), outline, Path(args.output))
    rollup = written.rollup
    _print(rollup.findings)
    for path in written.files:
        print(f"Đã tạo {path}")
    print(f"{len(rollup.units)} đơn vị đã đọc, {len(rollup.failures)} tệp không đọc được; {_count(rollup.findings)}")
    return _exit(rollup.findings)


def add_rollup(commands: Any) -> None:
    rollup = commands.add_parser("rollup", help="tổng hợp báo cáo của các đơn vị cho cấp trên: bảng đầy đủ, chỉ tiêu, biểu đồ, dự thảo")
    rollup.add_argument("folder", metavar="THƯ-MỤC", help="thư mục chứa báo cáo của các đơn vị (.yaml, .docx)")
    rollup.add_argument("--outline", required=True, help="mã hoặc đường dẫn đề cương")
    rollup.add_argument("-o", "--output", default="tong-hop", metavar="THƯ-MỤC", help="thư mục kết quả (mặc định: tong-hop/)")
    rollup.set_defaults(run=cmd_rollup)


def register(commands: Any, outline_commands: Any) -> None:
    """Add this module's commands to the main sub-parsers and to `docgen outline`."""
    add_rollup(commands)
