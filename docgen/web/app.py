"""The Flask application factory: configuration, storage, CSRF, security headers, error pages."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..core import budget
from ..core.budget import REQUEST_SECONDS
from ..storage import Database, DraftStore, open_database, sqlite_url
from . import access, admin, auth, csrf, fix, hardening, outlines, reports, rounds
from .routes import bp

log = logging.getLogger(__name__)
DEFAULT_DATA_DIR = Path("data")
MAX_REQUEST_BYTES = 2 * 1024 * 1024
# A document upload (a guidance document, a unit's report or its PDF, a report to fix) may be larger
# than a form: an e-office PDF with its seal and signature images runs to a few MB. The reader's own
# bounds (file size, XML parts, paragraphs, pages) apply below this.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
FORM_FIELDS_BYTES = 64 * 1024  # the upload's other fields and the multipart framing
DOCUMENT_UPLOADS = frozenset({"outlines.upload", "reports.upload", "fix.run"})
UPLOAD_KEY = "DOCGEN_MAX_UPLOAD_BYTES"
BUDGET_KEY = "DOCGEN_REQUEST_SECONDS"

_OWN_400 = (csrf.REFUSED, hardening.REFUSED_HOST.partition("“")[0])
_MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    404: "Không tìm thấy trang hoặc bản nháp này.",
    405: "Thao tác này không được hỗ trợ.",
}


def create_app(data_dir: Path | str | None = None, max_request_bytes: int = MAX_REQUEST_BYTES, database_url: str | None = None,
               allowed_hosts: Sequence[str] = hardening.LOOPBACK, request_seconds: float = REQUEST_SECONDS,
               max_upload_bytes: int = MAX_UPLOAD_BYTES) -> Flask:
    """The web app; drafts in `database_url`, by default the SQLite file docgen.sqlite3 in `data_dir`
    (which also keeps the session key). The database is upgraded to the current schema first.
    Requests whose Host header names none of `allowed_hosts` are refused; one that runs longer than
    `request_seconds` is stopped (503) before it writes anything. A request body may hold
    `max_request_bytes`, or `max_upload_bytes` on the routes that take a document."""
    data = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    data.mkdir(parents=True, exist_ok=True)
    database = open_database(database_url or sqlite_url(data))
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=_secret_key(data),
        MAX_CONTENT_LENGTH=max_request_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        JSON_AS_ASCII=False,
        **{hardening.CONFIG_KEY: tuple(allowed_hosts), BUDGET_KEY: request_seconds, UPLOAD_KEY: max_upload_bytes},
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["docgen_database"] = database
    app.extensions["docgen_store"] = DraftStore(database)
    app.before_request(_start_budget)
    app.teardown_request(_stop_budget)
    app.before_request(hardening.check_host)
    app.before_request(_document_upload_limit)  # before csrf.protect, which reads the form
    app.before_request(csrf.protect)
    app.before_request(access.gate)
    app.after_request(hardening.security_headers)
    app.jinja_env.globals["csrf_token"] = csrf.token
    app.register_blueprint(bp)
    for blueprint in (auth.bp, rounds.bp, outlines.bp, reports.bp, admin.bp, fix.bp):
        app.register_blueprint(blueprint)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(budget.OverBudget, _over_budget)
    app.register_error_handler(Exception, _unexpected)
    return app


def app_database(app: Flask) -> Database:
    found: Database = app.extensions["docgen_database"]
    return found


def _secret_key(data: Path) -> bytes:
    """A random key kept in the data directory, so sessions survive a restart."""
    path = data / "secret.key"
    if not path.is_file():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return path.read_bytes()


def wants_json() -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def error_response(message: str, status: int) -> tuple[Response | str, int]:
    if wants_json():
        return jsonify({"error": message}), status
    return render_template("message.html", title="Có lỗi", message=message), status


def _http_error(exc: HTTPException) -> tuple[Response | str, int]:
    status = exc.code or 500
    own = status == 400 and str(exc.description).startswith(_OWN_400)  # our own Vietnamese reasons, not werkzeug's English
    message = str(exc.description) if own else _MESSAGES.get(status, "Yêu cầu không thực hiện được.")
    if status == 413:
        message = f"Dữ liệu gửi lên quá lớn; giới hạn là {_megabytes(_body_limit())}."
    return error_response(message, status)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB".replace(".", ",")  # Vietnamese decimal comma


def _body_limit() -> int:
    """The size a request's body may have on this route (a document's, or a form's)."""
    key = UPLOAD_KEY if request.endpoint in DOCUMENT_UPLOADS else "MAX_CONTENT_LENGTH"
    limit: int = current_app.config[key]
    return limit


def _document_upload_limit() -> None:
    if request.endpoint in DOCUMENT_UPLOADS:
        request.max_content_length = _body_limit() + FORM_FIELDS_BYTES


def _start_budget() -> None:
    budget.start(current_app.config[BUDGET_KEY])


def _stop_budget(_: BaseException | None) -> None:
    budget.stop()


def _over_budget(exc: budget.OverBudget) -> tuple[Response | str, int]:
    log.warning("%s %s stopped after its budget of %g s", request.method, request.path, exc.seconds)
    seconds = f"{exc.seconds:g}".replace(".", ",")  # a Vietnamese decimal comma
    return error_response(f"Yêu cầu cần quá nhiều thời gian xử lý (quá {seconds} giây) nên đã dừng; "
                          "không có gì bị thay đổi. Nếu là tệp tải lên, hãy thử tệp nhỏ hơn hoặc chia tệp.", 503)


def _unexpected(exc: Exception) -> tuple[Response | str, int]:
    log.exception("unexpected error on %s %s", request.method, request.path)
    return error_response("Đã có lỗi ngoài dự kiến; thao tác chưa được thực hiện. Dữ liệu đã lưu trước đó vẫn còn nguyên.", 500)
