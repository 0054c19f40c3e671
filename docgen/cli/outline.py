"""`docgen outline show | diff | lint`: the đề cương as a tree, what changed between two, what would break."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..outline.locate import find_outline
from ..outline.model import format_tree
from .common import EXIT_OK, exit_for, print_findings, session, summary_line


def cmd_outline_show(args: argparse.Namespace) -> int:
    print(format_tree(session().outline(args.outline)))
    return EXIT_OK


def cmd_outline_diff(args: argparse.Namespace) -> int:
    from ..outline.tools import diff_outlines

    old, new = (session().outline(ref) for ref in (args.old, args.new))
    lines = diff_outlines(old, new)
    print("\n".join(lines) if lines else "Hai đề cương có cùng các mục, cùng số thứ tự và tiêu đề.")
    return EXIT_OK


def cmd_outline_lint(args: argparse.Namespace) -> int:
    import sys

    from ..lint import lint_outline

    path = find_outline(args.outline)
    findings = lint_outline(path, Path(args.content) if args.content else None)
    print_findings(findings, sys.stderr)
    print(f"{path}: {summary_line(findings)}")
    return exit_for(findings)


def register(commands: Any) -> Any:
    """Add `docgen outline` and its sub-commands; returns the sub-parsers so other modules may add theirs."""
    outline = commands.add_parser("outline", help="xem, so sánh và kiểm tra đề cương")
    outline_commands = outline.add_subparsers(dest="outline_command", required=True)
    show = outline_commands.add_parser("show", help="in cây mục của đề cương")
    show.add_argument("outline", metavar="ĐỀ-CƯƠNG")
    show.set_defaults(run=cmd_outline_show)
    diff = outline_commands.add_parser("diff", help="so hai đề cương: mục thêm, bỏ, đổi tên, đổi mã, chuyển chỗ")
    diff.add_argument("old", metavar="ĐỀ-CƯƠNG-CŨ")
    diff.add_argument("new", metavar="ĐỀ-CƯƠNG-MỚI")
    diff.set_defaults(run=cmd_outline_diff)
    lint = outline_commands.add_parser("lint", help="kiểm tra đề cương: số thứ tự, mã trùng, mã mà tệp nội dung đang dùng")
    lint.add_argument("outline", metavar="ĐỀ-CƯƠNG")
    lint.add_argument("--content", metavar="THƯ-MỤC", help="thư mục (hoặc tệp) nội dung để tìm mã mục sẽ bị lỗi")
    lint.set_defaults(run=cmd_outline_lint)
    return outline_commands
