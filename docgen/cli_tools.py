"""Commands for the level above and for outline and template authors: rollup, template check,
outline lint and diff. Registered on the main parser by docgen.cli; same exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .core.errors import Finding, Severity, has_errors
from .outline.model import PROJECT_ROOT, Outline, find_outline, load_outline

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
    from .rollup.run import run_rollup

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


def outlines_for_template(template: Path, ref: str | None) -> list[Outline]:
    """The outline named, else every bundled outline that uses this template, else the Party report outline."""
    if ref:
        return [load_outline(find_outline(ref))]
    outlines = [load_outline(path) for path in sorted((PROJECT_ROOT / "outlines").glob("*.yaml"))]
    return [o for o in outlines if o.template == template.name] or [load_outline(find_outline("bao-cao-so-ket-nq21"))]


def cmd_template_check(args: argparse.Namespace) -> int:
    from .render.template_check import check_template

    template = Path(args.template)
    outlines = outlines_for_template(template, args.outline)
    findings: list[Finding] = []
    for outline in outlines:  # a template serves every outline that names it; a problem is printed once
        findings += [f for f in check_template(template, outline) if f not in findings]
    _print(findings)
    print(f"{template} (theo đề cương {', '.join(o.id for o in outlines)}): {_count(findings)}")
    return _exit(findings)


def add_template(commands: Any) -> None:
    template = commands.add_parser("template", help="công cụ cho người soạn mẫu .docx")
    sub = template.add_subparsers(dest="template_command", required=True)
    check = sub.add_parser("check", help="kiểm tra mẫu: cú pháp thẻ, tên chưa có, kiểu đoạn, thẻ bị tách, trường chưa đặt")
    check.add_argument("template", metavar="MẪU.docx")
    check.add_argument("--outline", help="mã hoặc đường dẫn đề cương (mặc định: mọi đề cương có sẵn dùng mẫu này)")
    check.set_defaults(run=cmd_template_check)


def cmd_outline_diff(args: argparse.Namespace) -> int:
    from .outline.tools import diff_outlines

    old, new = (load_outline(find_outline(ref)) for ref in (args.old, args.new))
    lines = diff_outlines(old, new)
    print("\n".join(lines) if lines else "Hai đề cương có cùng các mục, cùng số thứ tự và tiêu đề.")
    return EXIT_OK


def cmd_outline_lint(args: argparse.Namespace) -> int:
    from .outline.tools import lint_outline

    path = find_outline(args.outline)
    findings = lint_outline(path, Path(args.content) if args.content else None)
    _print(findings)
    print(f"{path}: {_count(findings)}")
    return _exit(findings)


def add_outline(outline_commands: Any) -> None:
    diff = outline_commands.add_parser("diff", help="so hai đề cương: mục thêm, bỏ, đổi tên, đổi mã, chuyển chỗ")
    diff.add_argument("old", metavar="ĐỀ-CƯƠNG-CŨ")
    diff.add_argument("new", metavar="ĐỀ-CƯƠNG-MỚI")
    diff.set_defaults(run=cmd_outline_diff)
    lint = outline_commands.add_parser("lint", help="kiểm tra đề cương: số thứ tự, mã trùng, mã mà tệp nội dung đang dùng")
    lint.add_argument("outline", metavar="ĐỀ-CƯƠNG")
    lint.add_argument("--content", metavar="THƯ-MỤC", help="thư mục (hoặc tệp) nội dung để tìm mã mục sẽ bị lỗi")
    lint.set_defaults(run=cmd_outline_lint)


def register(commands: Any, outline_commands: Any) -> None:
    """Add this module's commands to the main sub-parsers and to `docgen outline`."""
    add_rollup(commands)
    add_template(commands)
    add_outline(outline_commands)
