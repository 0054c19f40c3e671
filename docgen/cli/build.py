"""`docgen build`: content files into .docx documents (and PDFs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.errors import DocgenError, Location, error
from ..core.fsio import check_output_file, check_output_folder
from ..render.pdf import font_warning, to_pdf
from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, content_files, exit_for, print_findings, session, summary_line


def targets(files: list[Path], output: str | None) -> list[tuple[Path, Path]]:
    """Each content file with the document it makes, checked before any work: `-o` names one .docx
    (any case) for one file, else a folder (default out/); another extension is refused."""
    out = Path(output or "out")
    if output and out.suffix and not out.is_dir():
        check_output_file(out, (".docx",), tuple(files))
        if len(files) != 1:
            raise DocgenError(error("output-not-folder", "-o TỆP.docx chỉ dùng khi tạo một văn bản; với nhiều tệp hãy cho -o THƯ-MỤC.", Location(str(out))))
        return [(files[0], out)]
    check_output_folder(out)
    return [(path, out / f"{path.stem}.docx") for path in files]


def cmd_build(args: argparse.Namespace) -> int:
    worst, built = EXIT_OK, []
    current = session(args.strict)
    for path, target in targets(content_files(args.paths), args.output):
        try:
            result = current.build(path, target, args.outline)
        except DocgenError as exc:
            print_findings(exc.findings, sys.stderr)
            worst = EXIT_UNUSABLE
            continue
        print_findings(result.findings, sys.stderr)
        if result.output is None:
            print(f"{path}: không tạo văn bản vì còn lỗi (--strict): {summary_line(result.findings)}", file=sys.stderr)
            worst = max(worst, EXIT_FINDINGS)
            continue
        built.append(result.output)
        worst = max(worst, exit_for(result.findings))
        print(f"Đã tạo {result.output} ({summary_line(result.findings)})")
    if (args.pdf or args.pdfa) and built:
        try:
            note = font_warning()
            if note:
                print_findings([note], sys.stderr)
            for pdf in to_pdf(built, archival=args.pdfa):
                print(f"Đã tạo {pdf}")
        except DocgenError as exc:
            print_findings(exc.findings, sys.stderr)
            worst = EXIT_UNUSABLE
    return worst


def register(commands: Any) -> None:
    build = commands.add_parser("build", help="tạo văn bản .docx (và PDF) từ tệp nội dung")
    build.add_argument("paths", nargs="+", metavar="NỘI-DUNG", help="tệp .yaml hoặc thư mục")
    build.add_argument("-o", "--output", help="tệp .docx (một văn bản) hoặc thư mục (mặc định: out/)")
    build.add_argument("--outline", help="mã hoặc đường dẫn đề cương")
    build.add_argument("--strict", action="store_true", help="không tạo văn bản khi còn lỗi")
    build.add_argument("--pdf", action="store_true", help="tạo thêm PDF bằng LibreOffice")
    build.add_argument("--pdfa", action="store_true", help="tạo thêm PDF theo chuẩn lưu trữ PDF/A-2b (nhúng phông chữ, ghi tên, cơ quan, ngày văn bản)")
    build.set_defaults(run=cmd_build)
