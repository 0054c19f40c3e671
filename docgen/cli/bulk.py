"""`docgen bulk`: one document per unit (commune, ward, district) in one run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..bulk import run as bulk
from ..bulk.personalise import named_unit, numbered, shared_number
from ..core.fsio import check_output_folder
from ..render.pdf import font_warning
from .common import EXIT_UNUSABLE, print_findings, session


def cmd_bulk(args: argparse.Namespace) -> int:
    note = font_warning() if args.pdf or args.pdfa else None  # (a missing LibreOffice stops bulk.run before anything is made)
    if note:
        print_findings([note], sys.stderr)
    if (args.before_2025 or args.unit_organ) and args.units:
        flag = "--before-2025" if args.before_2025 else "--unit-organ"
        print(f"lỗi: {flag} chỉ dùng với --province; bảng đơn vị (--units) đã ghi sẵn các đơn vị.", file=sys.stderr)
        return EXIT_UNUSABLE
    check_output_folder(Path(args.output))
    overrides = Path(args.overrides) if args.overrides else None
    settings = bulk.Settings(Path(args.base), Path(args.output), args.outline, overrides, args.strict)
    base, outline = bulk.load_base(settings, session(args.strict))
    units, notes = bulk.unit_list(args.units, args.province, args.before_2025, outline.system if args.unit_organ else "")
    if args.number:
        units = numbered(units, args.number)
    print_findings([*notes, *(f for f in (shared_number(base, units), named_unit(base, units)) if f)], sys.stderr)
    outcome = bulk.run(settings, units, args.jobs, progress=True, pdf=args.pdf or args.pdfa, archival=args.pdfa)
    print("\n".join(bulk.summary_lines(outcome, settings.out)))
    return outcome.worst


def register(commands: Any) -> None:
    many = commands.add_parser("bulk", help="tạo văn bản cho mọi đơn vị (xã, phường, huyện) trong một lần chạy")
    many.add_argument("base", metavar="NỘI-DUNG-CHUNG", help="tệp .yaml chung cho mọi đơn vị")
    source = many.add_mutually_exclusive_group(required=True)
    source.add_argument("--units", metavar="BẢNG", help="bảng đơn vị .csv hoặc .xlsx (cột code, name, organ, ...)")
    source.add_argument("--province", metavar="TỈNH", help="mọi xã, phường của một tỉnh theo danh mục từ ngày 01/07/2025 (mã, tên, hoặc all)")
    many.add_argument("--before-2025", action="store_true",
                      help="với --province: dùng danh mục trước ngày 01/07/2025: 63 tỉnh, các huyện, quận, thị xã, thành phố thuộc tỉnh "
                           "(mã huyện 3 chữ số; dữ liệu Tổng cục Thống kê lấy ngày 04/01/2025)")
    many.add_argument("--unit-organ", action="store_true",
                      help="với --province: mỗi văn bản mang tên cơ quan của chính đơn vị (văn bản của Đảng: ĐẢNG BỘ TỈNH … / "
                           "ĐẢNG ỦY XÃ …, HUYỆN ỦY …; văn bản nhà nước: ỦY BAN NHÂN DÂN XÃ …) thay cho cơ quan trong nội dung chung")
    many.add_argument("--number", metavar="MẪU",
                      help="số và ký hiệu riêng của mỗi văn bản theo mẫu: {stt} là số thứ tự của đơn vị trong lần chạy (01, 02, …), "
                           "{ma} là mã đơn vị; ví dụ “{stt}-BC/ĐU” (cột number của bảng đơn vị, nếu có, được giữ)")
    many.add_argument("--overrides", metavar="THƯ-MỤC", help="tệp nội dung riêng <mã đơn vị>.yaml cho từng đơn vị")
    many.add_argument("-o", "--output", default="out", metavar="THƯ-MỤC", help="thư mục văn bản (mặc định: out/)")
    many.add_argument("--outline", help="mã hoặc đường dẫn đề cương")
    many.add_argument("--strict", action="store_true", help="không tạo văn bản cho đơn vị còn lỗi")
    many.add_argument("-j", "--jobs", type=int, metavar="N", help="số tiến trình (mặc định: số lõi CPU)")
    many.add_argument("--pdf", action="store_true",
                      help="tạo thêm PDF cho mỗi văn bản bằng LibreOffice (theo lô, -j lô cùng lúc; chạy lại chỉ tạo PDF còn thiếu hoặc đã cũ)")
    many.add_argument("--pdfa", action="store_true", help="như --pdf, nhưng theo chuẩn lưu trữ PDF/A-2b")
    many.set_defaults(run=cmd_bulk)
