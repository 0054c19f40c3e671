"""`docgen outline import`: an outline YAML from the đề cương of a guidance document (any format the reader takes)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.fsio import atomic_write_text
from ..read.outline_import import import_outline
from ..read.reader import SUPPORTED
from .common import EXIT_OK, EXIT_UNUSABLE, prepare_output, print_findings, session, summary_line


def cmd_outline_import(args: argparse.Namespace) -> int:
    target = Path(args.output) if args.output else None
    if target is not None and prepare_output(target, args.force, (".yaml", ".yml"), inputs=(Path(args.guidance),)):
        return EXIT_UNUSABLE
    like = session().outline(args.like) if args.like else None
    outline_id = args.id or (target.stem if target is not None else None)
    imported = import_outline(Path(args.guidance), outline_id=outline_id, like=like)
    print_findings(imported.findings, sys.stderr)
    if target is None:
        sys.stdout.write(imported.text)
        return EXIT_OK
    atomic_write_text(target, imported.text)
    print(f"Đã tạo {target} ({summary_line(imported.findings)}); xem lại các dòng “# KIỂM TRA”.")
    return EXIT_OK


def register(outline_commands: Any) -> None:
    """Add `import` under `docgen outline`."""
    imp = outline_commands.add_parser("import", help=f"tạo đề cương (.yaml) từ văn bản hướng dẫn có đề cương ({', '.join(SUPPORTED)})")
    imp.add_argument("guidance", metavar="VĂN-BẢN", help="văn bản hướng dẫn, kế hoạch hoặc mẫu báo cáo có đề cương")
    imp.add_argument("-o", "--output", metavar="TỆP.yaml", help="tệp đề cương sẽ ghi (mặc định: in ra màn hình)")
    imp.add_argument("--id", help="mã đề cương (mặc định: tên tệp ghi ra, hoặc lấy từ tên đề cương)")
    imp.add_argument("--like", metavar="ĐỀ-CƯƠNG", help="đề cương đã có: giữ mã mục của các mục khớp với nó")
    imp.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    imp.set_defaults(run=cmd_outline_import)
