"""`docgen fidelity`: the reference documents regenerated and compared word by word."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import EXIT_OK, EXIT_UNUSABLE


def cmd_fidelity(args: argparse.Namespace) -> int:
    from .. import fidelity

    seeds_dir = Path(args.seeds) if args.seeds else fidelity.SEEDS_DIR
    unknown = [s for s in args.seed if s not in fidelity.SEED_CONTENT]
    if unknown or not seeds_dir.is_dir():
        print(f"lỗi: không có văn bản mẫu {', '.join(unknown) or 'nào'} trong “{seeds_dir}”.", file=sys.stderr)
        return EXIT_UNUSABLE
    for seed in args.seed or list(fidelity.SEED_CONTENT):
        print("\n".join(fidelity.format_result(fidelity.check_seed(seed, seeds_dir), args.diff)))
    return EXIT_OK


def register(commands: Any) -> None:
    fid = commands.add_parser("fidelity", help="so văn bản tạo ra với các văn bản mẫu (reference/seeds): tỉ lệ giống nhau theo từ")
    fid.add_argument("seed", nargs="*", metavar="SỐ", help="số văn bản mẫu: 000 … 004 (mặc định: tất cả)")
    fid.add_argument("--seeds", metavar="THƯ-MỤC", help="thư mục văn bản mẫu (mặc định: reference/seeds)")
    fid.add_argument("--diff", action="store_true", help="in từng chỗ khác nhau")
    fid.set_defaults(run=cmd_fidelity)
