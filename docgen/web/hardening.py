"""What every request goes through on a server others can reach: the Host header checked
against the names the server answers to (a defence against DNS rebinding), and response
headers that keep pages and downloads out of caches and frames."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response, abort, current_app, request

LOOPBACK = ("127.0.0.1", "localhost", "::1")
CONFIG_KEY = "DOCGEN_ALLOWED_HOSTS"
REFUSED_HOST = ("Máy chủ không phục vụ tên “{host}”. Hãy mở trang bằng địa chỉ quản trị viên đã cho; "
                "quản trị viên thêm tên này bằng tùy chọn --allowed-host của docgen serve.")
CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"


def host_name(header: str) -> str:
    """The name in a Host header, without the port: "[::1]:8000" -> "::1", "Docgen.vn:80" -> "docgen.vn"."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


def host_allowed(header: str, allowed: Iterable[str]) -> bool:
    """Whether the Host header names one of `allowed` (".example.vn" allows every name under it)."""
    name = host_name(header)
    if not name:
        return False
    for entry in allowed:
        entry = entry.strip().lower()
        if name == entry.lstrip(".") or (entry.startswith(".") and name.endswith(entry)):
            return True
    return False


def check_host() -> None:
    """before_request hook: a request naming another host gets 400, whatever its path."""
    allowed = current_app.config.get(CONFIG_KEY) or LOOPBACK
    header = request.headers.get("Host", "")
    if not host_allowed(header, allowed):
        abort(400, description=REFUSED_HOST.format(host=host_name(header)[:80] or "(trống)"))


def security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "static":  # drafts, downloads, messages: never kept by a browser or proxy cache
        response.headers["Cache-Control"] = "no-store"
    response.headers.pop("Server", None)
    return response
