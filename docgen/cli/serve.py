"""`docgen serve`: the web page."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from ..web.serve import serve  # imported here: the other commands do not need Flask

    serve(args.port, Path(args.data_dir))
    return EXIT_OK


def register(commands: Any) -> None:
    serve = commands.add_parser("serve", help="mở trang web soạn văn bản (chỉ trên máy này, 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="cổng (mặc định: 8000)")
    serve.add_argument("--data-dir", default="data", metavar="THƯ-MỤC", help="nơi lưu bản nháp (mặc định: ./data)")
    serve.set_defaults(run=cmd_serve)
