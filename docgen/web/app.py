"""The Flask application factory: configuration, storage, CSRF, security headers, error pages."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..storage.db import open_database, sqlite_url
from . import access, admin, auth, csrf, reports, rounds
from .routes import bp
from .storage import Store

log = logging.getLogger(__name__)
DEFAULT_DATA_DIR = Path("data")
DB_NAME = "docgen.sqlite3"
MAX_REQUEST_BYTES = 2 * 1024 * 1024
CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

_MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    404: "Không tìm thấy trang hoặc bản nháp này.",
    405: "Thao tác này không được hỗ trợ.",
    413: f"Dữ liệu gửi lên quá lớn; giới hạn là {MAX_REQUEST_BYTES // 1024 // 1024} MB.",
}


def create_app(data_dir: Path | str | None = None, max_request_bytes: int = MAX_REQUEST_BYTES) -> Flask:
    data = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    data.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=_secret_key(data),
        MAX_CONTENT_LENGTH=max_request_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        JSON_AS_ASCII=False,
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["docgen_store"] = Store(data / DB_NAME)
    app.extensions["docgen_database"] = open_database(sqlite_url(data))
    app.before_request(csrf.protect)
    app.before_request(access.gate)
    app.after_request(_security_headers)
    app.jinja_env.globals["csrf_token"] = csrf.token
    app.register_blueprint(bp)
    for blueprint in (auth.bp, rounds.bp, reports.bp, admin.bp):
        app.register_blueprint(blueprint)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
    return app


def _secret_key(data: Path) -> bytes:
    """A random key kept in the data directory, so sessions survive a restart."""
    path = data / "secret.key"
    if not path.is_file():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return path.read_bytes()


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def wants_json() -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def error_response(message: str, status: int) -> tuple[Response | str, int]:
    if wants_json():
        return jsonify({"error": message}), status
    return render_template("message.html", title="Có lỗi", message=message), status


def _http_error(exc: HTTPException) -> tuple[Response | str, int]:
    status = exc.code or 500
    message = exc.description if status == 400 and exc.description == csrf.REFUSED else _MESSAGES.get(status, "Yêu cầu không thực hiện được.")
    return error_response(message, status)


def _unexpected(exc: Exception) -> tuple[Response | str, int]:
    log.exception("unexpected error on %s %s", request.method, request.path)
    return error_response("Đã có lỗi ngoài dự kiến; thao tác chưa được thực hiện. Dữ liệu đã lưu trước đó vẫn còn nguyên.", 500)
