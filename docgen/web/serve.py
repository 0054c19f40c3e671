"""`docgen serve`: the web app on waitress, a production WSGI server in pure Python (it runs
the same on Linux and Windows, where a province's office server often is), with a pool of
threads; never Flask's development server.

Loopback only by default; other names the server answers to are given with --allowed-host.
Behind a reverse proxy, --proxy-headers trusts the X-Forwarded-For/-Proto/-Host/-Prefix headers
of one proxy in front (werkzeug's ProxyFix); they are ignored otherwise, since any client could
send them. SIGTERM (or Ctrl+C) stops accepting, lets the requests in progress finish (a save in
flight is committed), sends their replies, then exits.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from waitress.server import create_server
from werkzeug.middleware.proxy_fix import ProxyFix

from ..storage.db import DB_NAME
from .app import FORM_FIELDS_BYTES, MAX_UPLOAD_BYTES, REQUEST_SECONDS, create_app
from .hardening import LOOPBACK

IDLE_CONNECTION_SECONDS = 30  # a client that sends nothing for this long is disconnected
FINISH_SECONDS = 20  # how long requests in progress may run after SIGTERM


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    threads: int = 8
    data_dir: Path = Path("data")
    database_url: str | None = None
    allowed_hosts: Sequence[str] = field(default_factory=tuple)
    proxy_headers: bool = False
    request_seconds: float = REQUEST_SECONDS


def wsgi_app(options: ServeOptions) -> Any:
    app = create_app(options.data_dir, database_url=options.database_url, allowed_hosts=(*LOOPBACK, *options.allowed_hosts),
                     request_seconds=options.request_seconds)
    if options.proxy_headers:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)  # type: ignore[method-assign]
    return app


def make_server(options: ServeOptions) -> Any:
    return create_server(
        wsgi_app(options), host=options.host, port=options.port, threads=options.threads,
        ident="",  # no Server header: the server's name and version are nobody's business
        channel_timeout=IDLE_CONNECTION_SECONDS, max_request_body_size=MAX_UPLOAD_BYTES + FORM_FIELDS_BYTES,
        connection_limit=1000, clear_untrusted_proxy_headers=False,  # ProxyFix decides, only with --proxy-headers
    )


def _stop(_signal: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)  # caught by waitress's loop, which then waits for the requests in progress


def serve(options: ServeOptions) -> None:
    server = make_server(options)
    signal.signal(signal.SIGTERM, _stop)
    where = options.database_url or str((options.data_dir / DB_NAME).resolve())
    print(f"Trang soạn văn bản: http://{_display_host(options.host)}:{server.effective_port}/  "
          f"(dữ liệu: {where}; {options.threads} luồng; dừng bằng Ctrl+C)", flush=True)
    if options.host not in LOOPBACK and not options.allowed_hosts:
        print("Lưu ý: chưa có --allowed-host nên máy khác gọi bằng tên hoặc địa chỉ của máy chủ sẽ bị từ chối.", file=sys.stderr, flush=True)
    server.run()
    # waitress has let the running requests finish; send their replies before leaving.
    server.task_dispatcher.shutdown(cancel_pending=False, timeout=FINISH_SECONDS)
    server.asyncore.loop(timeout=0.05, map=server._map, count=20)
    print("Đã dừng máy chủ.", flush=True)


def _display_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
