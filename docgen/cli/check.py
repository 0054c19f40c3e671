"""`docgen check`: content files and reports written by hand, against their outline and the official format."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from ..bulk.progress import Progress
from ..core.errors import DocgenError, error, has_errors
from ..core.fsio import check_output_folder
from ..core.parallel import ordered_results
from ..outline.model import Outline
from ..pipeline import Session
from ..read import documents
from ..rollup import completeness
from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, PROGRESS_FROM, JsonArray, content_files, print_findings, session, summary_line

CHECK_SUFFIXES = documents.READABLE_SUFFIXES  # what `docgen check` reads in a folder


def cmd_check(args: argparse.Namespace) -> int:
    if args.table and not args.outline:
        raise DocgenError(error("missing-outline", "Khi lập bảng mức độ đầy đủ (--table), hãy cho biết đề cương bằng --outline."))
    if args.table:
        check_output_folder(Path(args.table))
    current = session()
    outline = documents.outline_for(current, args.outline) if args.outline else None  # a broken --outline stops here, once
    files = content_files(args.paths, CHECK_SUFFIXES)
    progress = Progress(len(files), label="Đang kiểm tra: ", noun="tệp") if len(files) >= PROGRESS_FROM else None
    output = JsonArray() if args.format == "json" else None
    kept: list[completeness.Checked] = []  # only for --table: every file's report
    worst = EXIT_OK
    try:  # the workers start with the session as it is now, the outline already loaded
        for checked, status in ordered_results(partial(_check, _Task(current, args.outline, outline, bool(args.table))), files, args.jobs,
                                               progress.step if progress else None):
            worst = max(worst, _EXIT_CODES[status])
            _print_checked(checked, status, output, progress)
            if args.table:
                kept.append(checked)
    finally:
        if progress:
            progress.close()
    if output is not None:
        output.close()
    if args.table:
        assert outline is not None  # --table needs --outline (checked above)
        _write_table(Path(args.table), outline, kept, sys.stderr if args.format == "json" else sys.stdout)
    return worst


def _print_checked(checked: completeness.Checked, status: str, output: JsonArray | None, progress: Progress | None) -> None:
    """A file's findings, printed as soon as it and every file before it are checked (nothing kept)."""
    if progress:
        progress.clear()
    if output is not None:
        output.add({"file": str(checked.path), "status": status, "findings": [f.to_dict() for f in checked.findings]})
    else:
        print_findings(checked.findings)
        print(f"{checked.path}: {summary_line(checked.findings)}")
    if progress:
        sys.stdout.flush()  # before the bar comes back on the terminal
        progress.show()


def _write_table(folder: Path, outline: Outline, checked: list[completeness.Checked], note: TextIO) -> None:
    header, rows = completeness.check_table(outline, checked)
    written = completeness.write_table(folder, header, rows)
    print(f"Đã ghi bảng mức độ đầy đủ ({len(rows)} tệp): {', '.join(str(p) for p in written)}", file=note)


def check_one(current: Session, path: Path, outline_ref: str | None, outline: Outline | None = None) -> completeness.Checked:
    """A file's report and findings; an unusable file keeps the findings that say why, without a report."""
    try:
        report, findings = documents.check_any(current, path, outline_ref, outline)
    except DocgenError as exc:
        return completeness.Checked(path, None, exc.findings)
    return completeness.Checked(path, report, findings)


@dataclass(frozen=True)
class _Task:
    """What checking each file needs; given to every worker process once."""

    session: Session
    outline_ref: str | None
    outline: Outline | None  # outline_ref's, found once
    keep_report: bool  # the completeness table needs the reports; otherwise they stay in the worker


def _check(task: _Task, path: Path) -> tuple[completeness.Checked, str]:
    """A file checked, with its status ("ok", "errors" or "unusable")."""
    checked = check_one(task.session, path, task.outline_ref, task.outline)
    return (checked if task.keep_report else replace(checked, report=None)), _status(checked)


def _status(checked: completeness.Checked) -> str:
    if checked.report is None:
        return "unusable"
    return "errors" if has_errors(list(checked.findings)) else "ok"


_EXIT_CODES = {"unusable": EXIT_UNUSABLE, "errors": EXIT_FINDINGS, "ok": EXIT_OK}


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
    check.add_argument("-j", "--jobs", type=int, metavar="N", help="số tiến trình kiểm tra cùng lúc (mặc định: số lõi CPU)")
    check.set_defaults(run=cmd_check)
