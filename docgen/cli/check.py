"""`docgen check`: content files and reports written by hand, against their outline and the official format."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..core.errors import DocgenError, error, has_errors
from ..core.fsio import check_output_folder
from ..pipeline import Session
from ..read import documents
from ..rollup import completeness
from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, content_files, print_findings, session, summary_line

CHECK_SUFFIXES = documents.READABLE_SUFFIXES  # what `docgen check` reads in a folder


def cmd_check(args: argparse.Namespace) -> int:
    if args.table and not args.outline:
        raise DocgenError(error("missing-outline", "Khi lập bảng mức độ đầy đủ (--table), hãy cho biết đề cương bằng --outline."))
    if args.table:
        check_output_folder(Path(args.table))
    current = session()
    outline = documents.outline_for(current, args.outline) if args.outline else None  # a broken --outline stops here, once
    checked = [check_one(current, path, args.outline) for path in content_files(args.paths, CHECK_SUFFIXES)]
    worst = max((_exit_code(c) for c in checked), default=EXIT_OK)
    if args.format == "json":
        payload = [{"file": str(c.path), "status": _status(c), "findings": [f.to_dict() for f in c.findings]} for c in checked]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for item in checked:
            print_findings(item.findings)
            print(f"{item.path}: {summary_line(item.findings)}")
    if args.table:
        assert outline is not None  # --table needs --outline (checked above)
        header, rows = completeness.check_table(outline, checked)
        written = completeness.write_table(Path(args.table), header, rows)
        note = sys.stderr if args.format == "json" else sys.stdout
        print(f"Đã ghi bảng mức độ đầy đủ ({len(rows)} tệp): {', '.join(str(p) for p in written)}", file=note)
    return worst


def check_one(current: Session, path: Path, outline_ref: str | None) -> completeness.Checked:
    """A file's report and findings; an unusable file keeps the findings that say why, without a report."""
    try:
        report, findings = documents.check_any(current, path, outline_ref)
    except DocgenError as exc:
        return completeness.Checked(path, None, exc.findings)
    return completeness.Checked(path, report, findings)


def _status(checked: completeness.Checked) -> str:
    if checked.report is None:
        return "unusable"
    return "errors" if has_errors(list(checked.findings)) else "ok"


def _exit_code(checked: completeness.Checked) -> int:
    return {"unusable": EXIT_UNUSABLE, "errors": EXIT_FINDINGS, "ok": EXIT_OK}[_status(checked)]


def register(commands: Any) -> None:
    check = commands.add_parser(
        "check", help="kiểm tra tệp nội dung và báo cáo (.docx, .pdf, .txt) theo đề cương và thể thức",
        description="Kiểm tra từng tệp và in các lỗi của từng tệp. Một thư mục được hiểu là mọi tệp .yaml, .docx, .pdf, .txt "
                    "(và .doc, .odt, .rtf, đọc qua LibreOffice) trong đó; "
                    "tệp không đọc được được báo tên và lý do (mã thoát 2), các tệp khác vẫn được kiểm tra. "
                    "Bảng mức độ đầy đủ chỉ được ghi khi có --table.")
    check.add_argument("paths", nargs="+", metavar="NỘI-DUNG", help="tệp .yaml, .docx, .pdf, .txt, .doc, .odt, .rtf hoặc thư mục chứa các tệp đó")
    check.add_argument("--outline", help="mã hoặc đường dẫn đề cương (mặc định: theo tệp nội dung; bắt buộc với .docx, .pdf, .txt và --table)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--table", metavar="THƯ-MỤC",
                       help="ghi thêm bảng mức độ đầy đủ (đơn vị × mục đề cương: có, trống, thiếu, đổi tên; số lỗi thể thức của tệp .docx, .pdf) "
                            "thành muc-do-day-du.xlsx và muc-do-day-du.csv trong THƯ-MỤC, đơn vị xếp theo thứ tự chữ cái tiếng Việt; "
                            "không có --table thì không ghi tệp nào")
    check.set_defaults(run=cmd_check)
