"""`docgen new` and `docgen import`: start a content file, empty from an outline or from a report written by hand."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..content.skeleton import skeleton
from ..core.fsio import atomic_write_text
from ..outline.locate import find_outline
from ..read import documents
from .common import EXIT_OK, EXIT_UNUSABLE, prepare_output, print_findings, session, summary_line

CONTENT_SUFFIXES = (".yaml", ".yml")


def cmd_new(args: argparse.Namespace) -> int:
    target = Path(args.output)
    if prepare_output(target, args.force, CONTENT_SUFFIXES):
        return EXIT_UNUSABLE
    outline = session().outline(args.outline)
    ref = outline.id if find_outline(outline.id) == Path(outline.file) else args.outline
    atomic_write_text(target, skeleton(outline, ref))
    print(f"Đã tạo {target} với {sum(1 for _ in outline.walk())} mục để điền.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    target = Path(args.output)
    if prepare_output(target, args.force, CONTENT_SUFFIXES, inputs=(Path(args.report),)):
        return EXIT_UNUSABLE
    text, findings = documents.import_file(session(), Path(args.report), args.outline)
    atomic_write_text(target, text)
    print_findings(findings, sys.stderr)
    print(f"Đã tạo {target} ({summary_line(findings)})")
    return EXIT_OK


def register(commands: Any) -> None:
    new = commands.add_parser("new", help="tạo tệp nội dung trống theo đề cương, kèm gợi ý")
    new.add_argument("outline", metavar="ĐỀ-CƯƠNG")
    new.add_argument("-o", "--output", required=True, metavar="TỆP.yaml")
    new.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    new.set_defaults(run=cmd_new)

    imp = commands.add_parser("import", help="nhập một báo cáo .docx, .pdf hoặc .txt thành tệp nội dung")
    imp.add_argument("report", metavar="BÁO-CÁO")
    imp.add_argument("--outline", required=True, help="mã hoặc đường dẫn đề cương")
    imp.add_argument("-o", "--output", required=True, metavar="TỆP.yaml")
    imp.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    imp.set_defaults(run=cmd_import)
