"""CSRF protection: one random token per browser session, required on every state-changing request."""

from __future__ import annotations

import hmac
import secrets

from flask import abort, request, session

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
REFUSED = "Yêu cầu bị từ chối vì thiếu mã bảo mật hoặc mã đã hết hạn. Hãy tải lại trang rồi thử lại."


def token() -> str:
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return str(session[FIELD])


def protect() -> None:
    """before_request hook: refuse a POST whose token does not match the session's."""
    if request.method in SAFE_METHODS:
        return
    expected = session.get(FIELD)
    sent = request.headers.get(HEADER) or request.form.get(FIELD) or ""
    if not expected or not hmac.compare_digest(str(expected), sent):
        abort(400, description=REFUSED)
