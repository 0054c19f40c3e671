"""`docgen rollup`: the units' reports read and rolled up for the level above."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.fsio import check_output_folder
from .common import EXIT_UNUSABLE, exit_for, print_findings, session, summary_line


def cmd_rollup(args: argparse.Namespace) -> int:
    from ..rollup.run import run_rollup

    check_output_folder(Path(args.output))
    current = session()
    written = run_rollup(Path(args.folder), current.outline(args.outline), Path(args.output), current)
    rollup = written.rollup
    print_findings(rollup.findings, sys.stderr)
    for path in written.files:
        print(f"Đã tạo {path}")
    print(f"{len(rollup.units)} đơn vị đã đọc, {len(rollup.failures)} tệp không đọc được; {summary_line(rollup.findings)}")
    return EXIT_UNUSABLE if rollup.failures else exit_for(rollup.findings)  # as `check` of the same folder


def register(commands: Any) -> None:
    rollup = commands.add_parser("rollup", help="tổng hợp báo cáo của các đơn vị cho cấp trên: bảng đầy đủ, chỉ tiêu, biểu đồ, dự thảo")
    rollup.add_argument("folder", metavar="THƯ-MỤC", help="thư mục chứa báo cáo của các đơn vị (.yaml, .docx, .txt)")
    rollup.add_argument("--outline", required=True, help="mã hoặc đường dẫn đề cương")
    rollup.add_argument("-o", "--output", default="tong-hop", metavar="THƯ-MỤC", help="thư mục kết quả (mặc định: tong-hop/)")
    rollup.set_defaults(run=cmd_rollup)
