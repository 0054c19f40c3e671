"""`docgen serve`: run the web app on the loopback interface."""

from __future__ import annotations

from pathlib import Path

from ..storage.db import DB_NAME
from .app import create_app

HOST = "127.0.0.1"


def serve(port: int = 8000, data_dir: Path | None = None) -> None:
    app = create_app(data_dir)
    folder = (data_dir or Path("data")).resolve()
    print(f"Trang soạn văn bản: http://{HOST}:{port}/  (dữ liệu: {folder / DB_NAME}; dừng bằng Ctrl+C)")
    app.run(host=HOST, port=port, threaded=True, debug=False, use_reloader=False)
