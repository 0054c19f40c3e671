"""`docgen serve`: the web page, on a production server (waitress)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.budget import REQUEST_SECONDS
from .common import EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from ..web.serve import ServeOptions, serve  # imported here: the other commands do not need Flask

    serve(ServeOptions(host=args.host, port=args.port, threads=args.threads, data_dir=Path(args.data_dir), database_url=args.db,
                       allowed_hosts=tuple(args.allowed_host), proxy_headers=args.proxy_headers,
                       request_seconds=args.request_seconds))
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"cần một số nguyên dương, không phải “{text}”")
    return number


def _seconds(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = 0.0
    if not 1 <= number <= 3600:
        raise argparse.ArgumentTypeError(f"cần một số giây từ 1 đến 3600, không phải “{text}”")
    return number


def _port(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"cổng phải là số từ 0 đến 65535, không phải “{text}”")
    return number


def register(commands: Any) -> None:
    serve = commands.add_parser("serve", help="mở trang web soạn văn bản (mặc định chỉ trên máy này, 127.0.0.1)")
    serve.add_argument("--host", default="127.0.0.1", metavar="ĐỊA-CHỈ",
                       help="địa chỉ lắng nghe (mặc định: 127.0.0.1; 0.0.0.0 để máy khác truy cập)")
    serve.add_argument("--port", type=_port, default=8000, help="cổng (mặc định: 8000; 0: một cổng còn trống)")
    serve.add_argument("--threads", type=_positive, default=8, metavar="SỐ", help="số luồng xử lý yêu cầu (mặc định: 8)")
    serve.add_argument("--data-dir", default="data", metavar="THƯ-MỤC", help="nơi lưu bản nháp và khóa phiên (mặc định: ./data)")
    serve.add_argument("--db", metavar="URL", help="cơ sở dữ liệu, ví dụ postgresql://người-dùng@máy/tên (mặc định: tệp SQLite trong --data-dir)")
    serve.add_argument("--allowed-host", action="append", default=[], metavar="TÊN",
                       help="tên máy chủ được phép trong tiêu đề Host, ngoài 127.0.0.1 và localhost (lặp lại được; .tinh.gov.vn: mọi tên con)")
    serve.add_argument("--proxy-headers", action="store_true",
                       help="tin các tiêu đề X-Forwarded-* của một máy chủ chuyển tiếp (reverse proxy) đứng trước")
    serve.add_argument("--request-seconds", type=_seconds, default=REQUEST_SECONDS, metavar="GIÂY",
                       help=f"thời gian tối đa cho một yêu cầu; quá thời gian đó yêu cầu dừng lại, không ghi gì "
                            f"(mặc định: {REQUEST_SECONDS:g})")
    serve.set_defaults(run=cmd_serve)
