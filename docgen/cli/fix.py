"""`docgen fix`: rebuild a report written by hand in the official template (chuẩn hóa thể thức)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..read import documents
from ..read.fix import ACCEPTED, Fixed, fix
from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, prepare_output, print_findings, session


def cmd_fix(args: argparse.Namespace) -> int:
    source, target = Path(args.report), Path(args.output)
    if source.suffix.lower() not in ACCEPTED:
        print(f"lỗi: “{source}”: docgen fix nhận văn bản Word (.docx, .doc), OpenDocument (.odt) hoặc RTF (.rtf).", file=sys.stderr)
        return EXIT_UNUSABLE
    if prepare_output(target, args.force, (".docx",), inputs=(source,)):
        return EXIT_UNUSABLE
    current = session()
    outcome = fix(current, source, target, documents.outline_for(current, args.outline), args.force)
    if not isinstance(outcome, Fixed):
        print(f"lỗi: không chuẩn hóa “{source}” vì chưa chắc về cấu trúc văn bản:", file=sys.stderr)
        for reason in outcome:
            print(f"  - {reason}", file=sys.stderr)
        print("Hãy sửa các điểm trên trong văn bản (hoặc dùng --force để vẫn tạo bản chuẩn hóa).", file=sys.stderr)
        return EXIT_UNUSABLE
    return _report(target, outcome)


def _report(target: Path, outcome: Fixed) -> int:
    print(f"Đã tạo {target}. Thay đổi theo từng quy tắc thể thức:")
    for change in outcome.changes:
        print(f"  {change.rule} ({change.title}): {change.before} phát hiện, {change.outcome}")
    if not outcome.changes:
        print("  (văn bản gốc không có phát hiện thể thức nào; đã dựng lại theo mẫu)")
    print_findings(outcome.remaining)
    if outcome.lost_words:
        print(f"cảnh báo: {len(outcome.lost_words)} chữ của văn bản gốc không có trong bản chuẩn hóa: "
              f"{', '.join(outcome.lost_words[:20])}", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_FINDINGS if _layout_left(outcome) else EXIT_OK


def _layout_left(outcome: Fixed) -> bool:
    """A layout finding in the rebuilt document; findings on the author's words are kept as written."""
    return any(f.code.startswith("format-") for f in outcome.remaining)


def register(commands: Any) -> None:
    cmd = commands.add_parser("fix", help="chuẩn hóa thể thức: dựng lại báo cáo .docx theo mẫu chính thức, giữ nguyên mọi chữ")
    cmd.add_argument("report", metavar="BÁO-CÁO.docx", help="báo cáo Word .docx (hoặc .doc, .odt, .rtf nếu máy có LibreOffice)")
    cmd.add_argument("--outline", required=True, help="mã hoặc đường dẫn đề cương")
    cmd.add_argument("-o", "--output", required=True, metavar="TỆP.docx")
    cmd.add_argument("--force", action="store_true", help="vẫn tạo bản chuẩn hóa khi chưa chắc về cấu trúc văn bản; ghi đè tệp đích đã có")
    cmd.set_defaults(run=cmd_fix)
