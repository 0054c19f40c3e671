"""A file the browser saves rather than shows (its caching is ruled for every response in hardening.py)."""

from __future__ import annotations

from flask import Response


def attachment(data: bytes, filename: str, mimetype: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
